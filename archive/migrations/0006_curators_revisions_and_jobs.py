"""Curators review revisions (accept or reject) and run imports as jobs (and cancel them)."""

from django.db import migrations

PERMISSIONS = {"articlerevision": ["view", "change"], "importjob": ["view", "add", "change"]}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; these are needed now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for model, actions in PERMISSIONS.items() for action in actions]
    permissions = Permission.objects.filter(content_type__app_label="archive", codename__in=codenames)
    if permissions.count() != len(codenames):
        raise RuntimeError("Curators group: some archive permissions are missing")
    group, _ = Group.objects.get_or_create(name="Curators")
    group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for model, actions in PERMISSIONS.items() for action in actions]
    group = Group.objects.filter(name="Curators").first()
    if group is not None:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="archive", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [("archive", "0005_revisions_and_import_jobs")]

    operations = [migrations.RunPython(grant, revoke)]
