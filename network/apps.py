from django.apps import AppConfig


class NetworkConfig(AppConfig):
    """Who met whom drawn on the server (no models: an app for its template tags)."""

    name = "network"
    verbose_name = "Who met whom"
