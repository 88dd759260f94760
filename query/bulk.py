"""Walking a whole result set in constant memory: ids from the index in batches,
articles from the database in chunks.

Exports and feeds use the page's own query (``ArticleSearchForm.search_queryset``)
without facets. Only one batch of ids and one chunk of articles are held at a
time, whatever the size of the result set. Each batch is its own search: if the
index changes during a long export, an article may move across a batch border.
The first batch is run within one search's deadline (index/budget.py) before
the caller starts sending, so a search past its budget is refused before a
single row; later batches are not timed, so a response is never cut off halfway.
"""

import itertools
from collections.abc import Iterable, Iterator
from contextlib import nullcontext

from haystack.query import SearchQuerySet

from archive.models import Article
from config.liveness import still_working
from index.budget import Deadline, SearchBudget
from index.engine.deep_paging import pages_of
from meetings.models import Agreement, Meeting
from query.forms import ArticleSearchForm
from throttle.priority import yield_to_searches

ID_BATCH = 2000
# Small enough that a search arriving meanwhile waits for at most one chunk's queries (throttle/priority.py).
DB_CHUNK = 50


def plain_queryset(form: ArticleSearchForm) -> SearchQuerySet:
    """Return the form's SearchQuerySet without facet counting (costly, and unused here)."""
    sqs = form.search_queryset()
    # Haystack has no public way to drop facets once added; the query is this call's own copy.
    sqs.query.facets = {}
    return sqs


def _batch(sqs: SearchQuerySet, start: int, end: int, timed: bool) -> tuple[list[int], int]:
    """Return the ids of hits ``start:end`` of ``sqs`` and the total; ``timed``: within one search's deadline."""
    query = sqs.query._clone()
    query.set_limits(start, end)
    with Deadline(SearchBudget.configured().seconds).active() if timed else nullcontext():
        query.run()
        return [int(result.pk) for result in query.get_results()], query.get_count()


def matching_ids(sqs: SearchQuerySet, batch_size: int | None = None, limit: int | None = None) -> Iterator[list[int]]:
    """Return an iterator over the ids of every match of ``sqs`` (or the first ``limit``), in its
    order, in batches; the first batch is searched before this returns.

    A whole result set on a cluster engine goes through the engine's deep paging (a point in time
    and ``search_after``, or Solr's cursors: index/engine/deep_paging.py), never past its result window.
    """
    batch_size = batch_size or ID_BATCH
    pages = pages_of(sqs.query.backend) if limit is None else None
    if pages is not None:
        return _started(pages.search_ids(sqs.query, batch_size))
    end = batch_size if limit is None else min(batch_size, limit)
    first = _batch(sqs, 0, end, timed=True) if end > 0 else ([], 0)
    return _batches(sqs, first, end, batch_size, limit)


def _started(batches: Iterator[list[int]]) -> Iterator[list[int]]:
    """Return ``batches`` with its first batch already searched: a fault is raised before a response starts."""
    first = next(batches, None)
    return itertools.chain([first], batches) if first is not None else iter(())


def _batches(sqs, first, end, batch_size, limit) -> Iterator[list[int]]:
    ids, count = first
    while ids:
        yield ids
        if end >= count or (limit is not None and end >= limit):
            return
        start, end = end, end + batch_size if limit is None else min(end + batch_size, limit)
        # The first batch showed the search fits its budget; a later one is never cut halfway
        # through a response (its hit set is usually still cached).
        ids, count = _batch(sqs, start, end, timed=False)


def published_articles(id_batches: Iterable[list[int]], chunk: int = DB_CHUNK) -> Iterator[list[Article]]:
    """Yield the published articles of each chunk of ids, ready for display, in the ids' order.

    An id the database no longer publishes (the index lags behind) is skipped.
    """
    for ids in id_batches:
        for i in range(0, len(ids), chunk):
            part = ids[i : i + chunk]
            yield_to_searches()
            found = Article.objects.published().for_display().by_pk(part)
            still_working()  # a long export is progress, not a hung worker
            yield [found[pk] for pk in part if pk in found]


def public_meetings(id_batches: Iterable[list[int]], chunk: int = DB_CHUNK) -> Iterator[list[Meeting]]:
    """Yield the public meetings of each chunk of ids, ready for display, in the ids' order."""
    for ids in id_batches:
        for i in range(0, len(ids), chunk):
            part = ids[i : i + chunk]
            yield_to_searches()
            found = Meeting.objects.public().for_display().in_bulk(part)
            still_working()
            yield [found[pk] for pk in part if pk in found]


def public_agreements(id_batches: Iterable[list[int]], chunk: int = DB_CHUNK) -> Iterator[list[Agreement]]:
    """Yield the agreements of public meetings of each chunk of ids, ready for display, in the ids' order."""
    for ids in id_batches:
        for i in range(0, len(ids), chunk):
            part = ids[i : i + chunk]
            yield_to_searches()
            found = Agreement.objects.public().for_display().in_bulk(part)
            still_working()
            yield [found[pk] for pk in part if pk in found]


def search_agreements(form, limit: int | None = None) -> Iterator[list[Agreement]]:
    """Yield, chunk by chunk, the agreements matching ``form``, in the search's order."""
    return public_agreements(matching_ids(plain_queryset(form), limit=limit))


def search_meetings(form, limit: int | None = None) -> Iterator[list[Meeting]]:
    """Yield, chunk by chunk, the public meetings matching ``form``, in the search's order."""
    return public_meetings(matching_ids(plain_queryset(form), limit=limit))


def search_articles(form: ArticleSearchForm, limit: int | None = None) -> Iterator[list[Article]]:
    """Yield, chunk by chunk, the published articles matching ``form``, in the search's order."""
    return published_articles(matching_ids(plain_queryset(form), limit=limit))
