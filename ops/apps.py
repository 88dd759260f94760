from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operations: request logs, search-fault pages, health check, login throttling, backups."""

    name = "ops"
    verbose_name = "Operations"
