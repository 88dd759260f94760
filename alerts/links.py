"""The links an email carries: absolute (a digest is sent by a command, not a request) and signed.

The unsubscribe link is a signed token of the saved search, so it works without a
login, as RFC 8058's one-click unsubscribe requires; nothing else can be done with it.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from alerts.models import SavedSearch

_UNSUBSCRIBE_SALT = "parley.alerts.unsubscribe"


def absolute(path: str) -> str:
    """Return ``path`` on the site's public address (``PARLEY_SITE_URL``)."""
    return settings.PARLEY_SITE_URL + path


def unsubscribe_token(saved: SavedSearch) -> str:
    return signing.dumps({"search": saved.pk, "owner": saved.owner_id}, salt=_UNSUBSCRIBE_SALT, compress=True)


def search_from_token(token: str) -> SavedSearch | None:
    """Return the saved search an unsubscribe token names, or ``None`` for a bad or stale token."""
    try:
        data = signing.loads(token, salt=_UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    return SavedSearch.objects.filter(pk=data.get("search"), owner_id=data.get("owner")).first()


def unsubscribe_url(saved: SavedSearch) -> str:
    return absolute(reverse("alerts:unsubscribe", args=[unsubscribe_token(saved)]))


def manage_url() -> str:
    return absolute(reverse("alerts:list"))
