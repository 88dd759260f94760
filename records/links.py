"""The paths of the public record pages, resolved once per route.

The models do not know their pages: ``ABSOLUTE_URL_OVERRIDES`` (config/settings.py)
gives each model its ``get_absolute_url`` from here, so the archive stays below the
apps that publish it.
"""

import functools
import re

from django.urls import get_script_prefix, reverse

_KEY = "0parley0key0"  # matches the slug and str converters; never part of a route itself
_SAFE_KEY = re.compile(r"[-a-zA-Z0-9_]+")  # keys reverse() leaves as they are


@functools.lru_cache(maxsize=64)
def _page_route(script_prefix: str, name: str) -> tuple[str, str]:
    head, _, tail = reverse(name, args=[_KEY]).partition(_KEY)
    return head, tail


def page_path(name: str, key: str) -> str:
    """Return ``reverse(name, args=[key])`` for the one-key public pages, the route resolved once.

    A result list links every article, official and country it shows (~130 links per
    search page), and ``reverse`` for each was a third of the page's rendering time.
    Keys are slugs and ISO codes (ASCII letters, digits, ``-``, ``_``), which
    ``reverse`` leaves unquoted; any other key goes through ``reverse``.
    """
    if not _SAFE_KEY.fullmatch(key):
        return reverse(name, args=[key])
    head, tail = _page_route(get_script_prefix(), name)
    return f"{head}{key}{tail}"


def article_url(article) -> str:
    return page_path("records:article", article.slug)


def official_url(person) -> str:
    return page_path("records:official", person.slug)


def country_url(country) -> str:
    return page_path("records:country", country.code)


def position_url(position) -> str:
    return page_path("records:position", position.slug)


def meeting_url(meeting) -> str:
    # Meetings are addressed by number (an int converter the key placeholder cannot match); a page lists 20.
    return reverse("records:meeting", args=[meeting.pk])
