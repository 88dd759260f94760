from django.apps import AppConfig


class RelationsConfig(AppConfig):
    """Relations between countries, read from meetings: pair pages, the relations index, counterparts."""

    name = "relations"
    verbose_name = "Relations"
