from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """The public record pages: one article, one official, one country."""

    name = "records"
    verbose_name = "Record pages"
