"""Whether the search index shows the archive: the database's and the index's article counts, compared.

``/healthz`` and the admin's status line ask here. The queue explains a difference
while it has changes waiting; with nothing waiting, a difference (or a stale mark
left by writes that bypassed the queue, :func:`index.generations.mark_stale`) means
the index is out of date and must be rebuilt (``manage.py build_index``; ``make run``
starts ``build_index --if-stale``).
"""

import logging
from dataclasses import asdict, dataclass

from haystack.query import SearchQuerySet

from archive.models import Article
from index import generations
from index.queue import queue_length

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Freshness:
    """The article counts of database and index, the changes waiting, and any stale mark."""

    database: int
    indexed: int | None  # None: the index could not be counted
    waiting: int
    marked: str = ""  # why the index was marked stale, or ""

    @property
    def stale(self) -> bool:
        """Whether the index is out of date beyond what the queue will bring in."""
        if self.marked:
            return True
        return self.indexed is not None and self.waiting == 0 and self.indexed != self.database

    @property
    def message(self) -> str:
        """Return one sentence for people: what the index holds and what to do."""
        waiting = f"{self.waiting:,} change{'s' if self.waiting != 1 else ''} waiting for the index worker"
        if self.indexed is None:
            counts = f"cannot be counted ({self.database:,} published articles in the archive)"
            return f"{counts}; {waiting if self.waiting else 'no change waiting'}."
        counts = f"{self.indexed:,} of {self.database:,} published articles are in the search index"
        if self.marked:
            return f"{counts}; it is out of date ({self.marked}) and must be rebuilt (manage.py build_index)."
        if self.stale:
            return f"{counts} and no change is waiting: it is out of date and must be rebuilt (manage.py build_index)."
        if self.waiting:
            return f"{counts}; {waiting}."
        return f"{counts}: up to date, no change waiting."

    def as_dict(self) -> dict:
        return {**asdict(self), "stale": self.stale}


def indexed_articles(using="default") -> int | None:
    """Return how many article documents the index holds, or ``None`` when it cannot be asked."""
    if generations.quick_problem(using):
        return None  # asking Haystack would create an empty index in place of a missing one
    try:
        return SearchQuerySet(using=using).models(Article).count()
    except Exception:  # noqa: BLE001 - an index that cannot be counted is reported, not raised
        log.warning("search index: articles cannot be counted", exc_info=True)
        return None


def article_freshness(using="default", published: int | None = None) -> Freshness:
    """Return the :class:`Freshness` of the index (``published``: the database's count, if already known)."""
    database = Article.objects.published().count() if published is None else published
    mark = generations.stale_mark(using)
    marked = str(mark.get("reason") or "changes bypassed the index queue") if mark else ""
    return Freshness(database, indexed_articles(using), queue_length(), marked)
