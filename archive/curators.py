"""The ``Curators`` group's permissions, granted by each app's data migration.

Kept here, not in the migrations, so every app grants them the same way (and the
migrations stay short). Functions take the migration's historical ``apps``.
"""

CURATORS = "Curators"


def codenames(permissions: dict[str, list[str]]) -> list[str]:
    """Return ``["view_meeting", ...]`` for ``{"meeting": ["view", ...], ...}``."""
    return [f"{action}_{model}" for model, actions in permissions.items() for action in actions]


def grant(apps, app_label: str, permissions: dict[str, list[str]]) -> None:
    """Give the Curators group ``permissions`` on the models of ``app_label`` (creating the group if needed)."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; a data migration needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = codenames(permissions)
    found = Permission.objects.filter(content_type__app_label=app_label, codename__in=wanted)
    if found.count() != len(wanted):
        raise RuntimeError(f"Curators group: some {app_label} permissions are missing")
    group, _ = Group.objects.get_or_create(name=CURATORS)
    group.permissions.add(*found)


def revoke(apps, app_label: str, permissions: dict[str, list[str]]) -> None:
    """Take ``permissions`` on the models of ``app_label`` away from the Curators group."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    found = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames(permissions))
    for group in Group.objects.filter(name=CURATORS):
        group.permissions.remove(*found)
