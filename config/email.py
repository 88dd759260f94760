"""Outgoing mail from the environment: Django's own variables, the console by default.

No ``EMAIL_URL``: no URL parser for mail settings is pinned, and the ones on offer are
either unmaintained or a whole settings framework; Django's variables say the same.
"""

import os

from config.env import env_bool, env_int


def email_settings() -> dict:
    """Return Django's ``EMAIL_*`` settings and ``DEFAULT_FROM_EMAIL``: SMTP when ``EMAIL_HOST`` is
    set, else the console (a local run prints its mail), unless ``EMAIL_BACKEND`` says otherwise."""
    host = os.environ.get("EMAIL_HOST", "")
    smtp = "django.core.mail.backends.smtp.EmailBackend"
    console = "django.core.mail.backends.console.EmailBackend"
    return {
        "EMAIL_BACKEND": os.environ.get("EMAIL_BACKEND") or (smtp if host else console),
        "EMAIL_HOST": host or "localhost",
        "EMAIL_PORT": env_int("EMAIL_PORT", 25),
        "EMAIL_HOST_USER": os.environ.get("EMAIL_HOST_USER", ""),
        "EMAIL_HOST_PASSWORD": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "EMAIL_USE_TLS": env_bool("EMAIL_USE_TLS", default=False),
        "EMAIL_USE_SSL": env_bool("EMAIL_USE_SSL", default=False),
        "EMAIL_TIMEOUT": env_int("EMAIL_TIMEOUT", 30),
        "DEFAULT_FROM_EMAIL": os.environ.get("DEFAULT_FROM_EMAIL", "Parley <parley@localhost>"),
    }
