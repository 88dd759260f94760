from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    """Meetings between officials: records proposed from articles, curated, with their reports."""

    name = "meetings"
    verbose_name = "Meetings"
