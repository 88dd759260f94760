"""A saved search's parameters: read strictly, as the feeds and the API read theirs, and described.

A saved search is the query string of ``/search/`` or ``/meetings/``; it runs through
:func:`query.params.read_search`, the same query object every renderer uses, so an
alert matches exactly what the page shows for the same parameters.
"""

from dataclasses import dataclass

from django.http import QueryDict

from alerts.models import SavedSearch, SearchKind
from query.params import read_search, valid_query_string
from query.search import ArticleSearch, MeetingSearch, Search
from query.vocabulary import Role

SEARCH_CLASSES = {SearchKind.ARTICLES: ArticleSearch, SearchKind.MEETINGS: MeetingSearch}
# What a page's URL may carry that is not part of the search itself.
NOT_SAVED = ("page", "facet")


def search_class(kind: str) -> type[Search]:
    return SEARCH_CLASSES[SearchKind(kind)]


def saved_query(kind: str, query: QueryDict) -> str:
    """Return the canonical query string to save for the page parameters ``query``.

    Raises :class:`query.params.ParameterError` (or its ``CostError``) when a parameter is
    wrong or the search cannot run whole: a saved search must mean what it says.
    """
    query = query.copy()
    for name in NOT_SAVED:
        query.pop(name, None)
    search = read_search(query, search_class=search_class(kind))
    return valid_query_string(search.form)


def search_of(saved: SavedSearch) -> Search:
    """Return the search of ``saved``, read strictly (raises ``ParameterError`` as :func:`saved_query`)."""
    return read_search(QueryDict(saved.query), search_class=search_class(saved.kind))


@dataclass(frozen=True)
class Condition:
    """One thing a saved search asks: "Country: Azerbaijan or Iran", with the keys it names."""

    label: str
    values: tuple[str, ...]
    keys: tuple[str, ...] = ()
    field: str = ""
    every: bool = False  # all values must match (``all=<facet>``), not any

    @property
    def text(self) -> str:
        joiner = " and " if self.every else " or "
        return f"{self.label}: {joiner.join(self.values)}"


def conditions(search: Search) -> list[Condition]:
    """Return what ``search`` asks, in words: keywords, dates, each facet's values with their labels, the role."""
    form = search.form
    found = []
    words = form.parsed_query.raw.strip()
    if words:
        found.append(Condition("Keywords", (words,)))
    date_from, date_to = form.value("date_from"), form.value("date_to")
    if date_from or date_to:
        span = f"{date_from or '…'} to {date_to or '…'}"
        found.append(Condition("Dates", (span,)))
    role = form.chosen_role
    for facet in form.facets:
        keys = form.value(facet.param, [])
        if not keys:
            continue
        labels = facet.labels(keys)
        found.append(
            Condition(
                facet.label,
                tuple(labels.get(key, key) for key in keys),
                keys=tuple(keys),
                field=facet.field_for(role),
                every=facet.param in form.match_all,
            )
        )
    if role is not Role.ANY:
        found.append(Condition("Officials who", (role.label.lower(),)))
    return found


def describe(search: Search) -> str:
    """Return the whole search in one line ("Keywords: navy; Country: Iran"), or "Everything"."""
    return "; ".join(condition.text for condition in conditions(search)) or "Everything, newest first"
