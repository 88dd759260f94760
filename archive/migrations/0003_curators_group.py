"""The ``Curators`` group: everything the curation desk needs, and no user management."""

from django.db import migrations

# model → actions. Curators edit, publish, withdraw and delete articles, keep people,
# aliases, outlets and countries tidy, and resolve suggestions (which come only from
# the import, so they are never added or deleted by hand).
CURATOR_PERMISSIONS = {
    "article": ["view", "add", "change", "delete"],
    "participation": ["view", "add", "change", "delete"],
    "person": ["view", "add", "change", "delete"],
    "personalias": ["view", "add", "change", "delete"],
    "source": ["view", "add", "change", "delete"],
    "country": ["view", "add", "change"],
    "suggestion": ["view", "change"],
}


def create_curators(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; this one needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for model, actions in CURATOR_PERMISSIONS.items() for action in actions]
    permissions = Permission.objects.filter(content_type__app_label="archive", codename__in=codenames)
    if permissions.count() != len(codenames):
        raise RuntimeError("Curators group: some archive permissions are missing")
    group, _ = Group.objects.get_or_create(name="Curators")
    group.permissions.set(permissions)


def remove_curators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Curators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0002_suggestions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_curators, remove_curators)]
