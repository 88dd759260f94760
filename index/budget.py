"""The cost budget of one search: what it may read from the index, and for how long.

Two bounds, both configurable in settings (``PARLEY_SEARCH_BUDGET``, from the
environment, see config/settings.py):

* **Cost**, in the index's own units: index terms searched, postings read (the
  document frequencies of those terms) and dictionary entries scanned to expand
  prefixes and fuzzy words. The query planner (query/planner.py) spends it before
  anything runs, and cuts what would overspend it, with a notice.
* **Time**: a :class:`Deadline` covers one search (planning, hit sets, ranking,
  facets, snippets). The engine and the query layer call :func:`check` between
  steps; past the deadline it raises :class:`SearchTooCostly`, whose message says
  how to narrow the search.

The deadline is a context variable, so each request (each thread of a gthread
worker) has its own, and code that runs outside any search (the index build, the
admin) is never cut.
"""

import contextvars
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings

NARROW_HINT = (
    "Narrow it: use fewer or longer words, more letters before a *, fewer fuzzy words (~), "
    "or add a date range or a filter."
)


@dataclass(frozen=True)
class SearchBudget:
    """What one search may cost.

    ``seconds``: wall-clock time for one search; ``max_terms``: index terms searched
    (each word, each word of a phrase, each word a prefix or fuzzy word stands for);
    ``max_postings``: postings read, the sum of those terms' document frequencies;
    ``max_scan``: term dictionary entries read to expand prefixes and fuzzy words;
    ``max_expansions``: words one prefix or fuzzy word may stand for.
    """

    # 2 s: at 100,000 articles a phrase of two common words that fits the cost budget takes 0.9 s warm and
    # up to 1.7 s cold on a loaded machine; with 1.5 s the first such search after a restart was refused.
    seconds: float = 2.0
    max_terms: int = 160
    # About one CPU-second of word postings on the 2-core machine (bench/budget_calibration.py at 100,000
    # articles: 0.85 µs a posting); 300,000, set at 20,000 articles, cut two common words at 100,000.
    max_postings: int = 1_200_000
    max_scan: int = 3_000
    max_expansions: int = 40

    @classmethod
    def configured(cls) -> "SearchBudget":
        """Return the budget of ``settings.PARLEY_SEARCH_BUDGET`` (a dict of the fields above), defaults otherwise."""
        return cls(**getattr(settings, "PARLEY_SEARCH_BUDGET", {}))


class SearchTooCostly(Exception):
    """A search ran out of its budget; ``message`` says so in plain words and how to narrow it."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass
class Deadline:
    """The moment a search must have answered by (``time.monotonic()`` seconds)."""

    seconds: float
    started: float = 0.0

    def __post_init__(self):
        self.started = self.started or time.monotonic()

    @property
    def at(self) -> float:
        return self.started + self.seconds

    def remaining(self) -> float:
        """Return the seconds left (negative once past)."""
        return self.at - time.monotonic()

    @contextmanager
    def active(self):
        """Make this the deadline that :func:`check` enforces in the enclosed code."""
        token = _current.set(self)
        try:
            yield self
        finally:
            _current.reset(token)


_current: contextvars.ContextVar[Deadline | None] = contextvars.ContextVar("parley_search_deadline", default=None)


def current() -> Deadline | None:
    """Return the deadline of the search running in this context, or ``None``."""
    return _current.get()


def check() -> None:
    """Raise :class:`SearchTooCostly` if the search running in this context is past its deadline."""
    deadline = _current.get()
    if deadline is not None and time.monotonic() > deadline.at:
        raise SearchTooCostly(
            f"This search needs more than the {deadline.seconds:g} seconds one search may take. {NARROW_HINT}"
        )
