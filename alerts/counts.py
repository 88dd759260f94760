"""How many items each saved search has that are new since its owner last opened it."""

from dataclasses import dataclass

from django.utils import timezone

from alerts import changes
from alerts.matching import Matcher
from alerts.models import SavedSearch, SearchKind
from alerts.saved import describe, search_of
from archive.models import Article
from index.budget import SearchTooCostly
from meetings.models import Meeting
from query.params import ParameterError

# The newest changes counted per search; past it the page says "more than".
COUNT_AT_MOST = 2000


@dataclass
class SearchSummary:
    """A saved search as the "My searches" page lists it."""

    saved: SavedSearch
    description: str
    new_items: int | None  # None: the search cannot run (see ``problem``)
    more: bool = False  # there are more than ``new_items``
    problem: str = ""


def summaries(searches: list[SavedSearch]) -> list[SearchSummary]:
    """Return each search with its description and its number of new matches since it was last seen."""
    now = timezone.now()  # a count moves no cursor: whatever the index shows now is counted
    matchers, found = {}, []
    for saved in searches:
        try:
            search = search_of(saved)
        except (ParameterError, SearchTooCostly) as problem:
            found.append(SearchSummary(saved, saved.query, None, problem=getattr(problem, "message", str(problem))))
            continue
        changed = changes.changed_items(saved.kind, changes.Window(saved.seen_at, now))
        newest = sorted(changed, key=changed.get, reverse=True)
        key = (saved.kind, tuple(newest[:COUNT_AT_MOST]))
        if key not in matchers:
            matchers[key] = Matcher(Meeting if saved.kind == SearchKind.MEETINGS else Article, list(key[1]))
        count = len(matchers[key].matches(search)) if newest else 0
        found.append(SearchSummary(saved, describe(search), count, more=len(newest) > COUNT_AT_MOST))
    return found
