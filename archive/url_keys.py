"""The normalised form of an article's URL: what the import compares to find "the same page".

Outlets and scrapers write one page's address in many ways: ``http`` or ``https``,
``www.`` or not, a trailing slash, ``#comments``, ``?utm_source=rss``. Comparing
raw strings would take each spelling for another article; comparing keys takes
them for the same one. The key is stored in an indexed column
(``Article.url_key``), so a lookup by URL is one index probe.
"""

from urllib.parse import parse_qsl, urlencode, urlsplit

# Query parameters that say how a reader arrived, never which page it is.
TRACKING_PARAMETERS = {"fbclid", "gclid", "yclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga", "igshid"}
MAX_KEY = 500
_DEFAULT_PORTS = {"80", "443"}


def url_key(url: str) -> str:
    """Return the key of ``url``: host (lower case, no ``www.``, no default port), path without a
    trailing slash, and the sorted query without tracking parameters; ``""`` for no URL.

    The scheme and the fragment are left out (``http://`` and ``https://`` name the same
    story; a fragment is a place on the page). The path keeps its case: servers may
    tell ``/Story`` from ``/story``. A value that is not an http(s) address is kept as
    written, stripped, so that it still only matches itself.
    """
    url = (url or "").strip()
    if not url:
        return ""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url[:MAX_KEY]
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return url[:MAX_KEY]
    host = parts.hostname.rstrip(".")
    host = host.removeprefix("www.")
    if port is not None and str(port) not in _DEFAULT_PORTS:
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    query = sorted(
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not name.lower().startswith("utm_") and name.lower() not in TRACKING_PARAMETERS
    )
    key = host + path + (f"?{urlencode(query)}" if query else "")
    return key[:MAX_KEY]
