"""Give the ``Curators`` group what the offices desk needs.

Curators keep positions, tenures and their evidence, and decide tenure
suggestions (which come only from the import: never added or deleted by hand).
"""

from django.db import migrations

CURATOR_PERMISSIONS = {
    "position": ["view", "add", "change", "delete"],
    "tenure": ["view", "add", "change", "delete"],
    "tenureevidence": ["view", "add", "change", "delete"],
    "tenuresuggestion": ["view", "change"],
}


def _codenames():
    return [f"{action}_{model}" for model, actions in CURATOR_PERMISSIONS.items() for action in actions]


def add_to_curators(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; this one needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="offices", codename__in=_codenames())
    if permissions.count() != len(_codenames()):
        raise RuntimeError("Curators group: some offices permissions are missing")
    group, _ = Group.objects.get_or_create(name="Curators")
    group.permissions.add(*permissions)


def remove_from_curators(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="offices", codename__in=_codenames())
    for group in Group.objects.filter(name="Curators"):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("offices", "0001_initial"),
        ("archive", "0003_curators_group"),
    ]

    operations = [migrations.RunPython(add_to_curators, remove_from_curators)]
