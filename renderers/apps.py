from django.apps import AppConfig


class RenderersConfig(AppConfig):
    """One query, many renderings: the search page, the JSON API, exports, feeds, sitemaps."""

    name = "renderers"
    verbose_name = "Renderers"
