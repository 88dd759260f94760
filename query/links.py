"""Search-page URLs built in Python: the current parameters with some changed.

Every link on the search page (facet toggles, chips, sort, pages, chart bars,
the spelling suggestion) is the request's own parameters with a few replaced, so
links are stable and bookmarkable, and a new filter always starts on page one.
"""

import functools
from urllib.parse import urlencode

Params = dict[str, list[str]]


def query_string(params: Params, drop=(), **changes) -> str:
    """Return ``?...`` for ``params`` without the names in ``drop`` and ``page``, with ``changes``.

    A change is a string, a list of strings, or ``None`` (remove the parameter).
    ``page`` is kept only when given in ``changes``.
    """
    replaced = dict(changes)
    pairs = [
        (name, value)
        for name, values in params.items()
        if name not in replaced and name not in drop and name != "page"
        for value in values
    ]
    for name, value in replaced.items():
        if value is None:
            continue
        pairs.extend((name, v) for v in (value if isinstance(value, (list, tuple)) else [value]))
    return "?" + urlencode(pairs)


def toggler(params: Params, name: str):
    """Return ``value → query string`` toggling ``value`` of ``name``, as :func:`query_string` would.

    The other parameters are encoded once: a facet can list hundreds of values, and
    encoding the whole query string for each was the slowest part of a search page.
    """
    current = list(params.get(name, []))
    others = urlencode([(key, v) for key, values in params.items() if key not in (name, "page") for v in values])

    def toggle(value: str) -> str:
        mine = urlencode([(name, v) for v in toggled(current, value)])
        return "?" + "&".join(part for part in (others, mine) if part)

    return toggle


def toggled(values: list[str], value: str) -> list[str]:
    """Return ``values`` with ``value`` removed if present, appended otherwise."""
    return [v for v in values if v != value] if value in values else [*values, value]


@functools.lru_cache(maxsize=8)
def _search_path(script_prefix: str) -> str:
    from django.urls import reverse

    return reverse("search:search")


def search_url(**params) -> str:
    """Return the URL of the search page with ``params`` (strings or lists).

    The path is resolved once per script prefix: a country page links ~1,600 table
    cells, and ``reverse`` for each was a third of its time.
    """
    from django.urls import get_script_prefix

    return _search_path(get_script_prefix()) + query_string({}, **params)


@functools.lru_cache(maxsize=8)
def _meetings_path(script_prefix: str) -> str:
    from django.urls import reverse

    return reverse("search:meetings")


def meetings_url(**params) -> str:
    """Return the URL of the meetings search with ``params`` (strings or lists)."""
    from django.urls import get_script_prefix

    return _meetings_path(get_script_prefix()) + query_string({}, **params)


def together_url(param: str, keys: list[str], **extra) -> str:
    """Return the search for articles with *all* of ``keys`` in facet ``param`` (``all=<param>``)."""
    return search_url(**{param: keys, "all": param}, **extra)
