"""Give the ``Curators`` group what the meetings desk needs.

Curators confirm, correct, merge, split and reject meetings, their participants,
agreements and reports (proposals come from the import).
"""

from django.db import migrations

from archive import curators

CURATOR_PERMISSIONS = {
    "meeting": ["view", "add", "change", "delete"],
    "meetingparticipant": ["view", "add", "change", "delete"],
    "agreement": ["view", "add", "change", "delete"],
    "meetingreport": ["view", "add", "change", "delete"],
}


def add_to_curators(apps, schema_editor):
    curators.grant(apps, "meetings", CURATOR_PERMISSIONS)


def remove_from_curators(apps, schema_editor):
    curators.revoke(apps, "meetings", CURATOR_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("archive", "0003_curators_group"),
    ]

    operations = [migrations.RunPython(add_to_curators, remove_from_curators)]
