"""Give the ``Curators`` group what the offices desk needs.

Curators keep positions, tenures and their evidence, and decide tenure
suggestions (which come only from the import: never added or deleted by hand).
"""

from django.db import migrations

from archive import curators

CURATOR_PERMISSIONS = {
    "position": ["view", "add", "change", "delete"],
    "tenure": ["view", "add", "change", "delete"],
    "tenureevidence": ["view", "add", "change", "delete"],
    "tenuresuggestion": ["view", "change"],
}


def add_to_curators(apps, schema_editor):
    curators.grant(apps, "offices", CURATOR_PERMISSIONS)


def remove_from_curators(apps, schema_editor):
    curators.revoke(apps, "offices", CURATOR_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("offices", "0001_initial"),
        ("archive", "0003_curators_group"),
    ]

    operations = [migrations.RunPython(add_to_curators, remove_from_curators)]
