"""Building the whole Whoosh index without taking search down, on both cores.

The build writes a new generation (index/generations.py owns their layout), swaps it
in, and has the index worker replay every change queued meanwhile. Other backends
(Elasticsearch, Solr) are rebuilt through Haystack's own ``update_index``.
"""

import logging
import multiprocessing
import os
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from django.db import connections as db_connections
from django.db import transaction
from django.db.models import Max
from haystack import connections
from haystack.exceptions import SearchBackendError
from whoosh.index import create_in

from index import generations, kinds
from index.engine.segment_writer import BulkSegmentWriter
from index.engine.whoosh import WRITE_LOCK_TIMEOUT
from index.models import IndexBuild, IndexChange
from offices import held

log = logging.getLogger(__name__)

BATCH_SIZE = 500
# Processes that prepare and index articles in parallel, each into segments of its own.
BUILD_PROCS = int(os.environ.get("PARLEY_INDEX_PROCS", os.cpu_count() or 1))
MIN_DOCS_PER_PROC = 2000  # below this, one process is faster than forking
# Articles per segment: a segment's postings stay in memory until it is written (~15 KB each).
SEGMENT_DOCS = int(os.environ.get("PARLEY_SEGMENT_DOCS", "12500"))


@dataclass
class BuildReport:
    documents: int
    seconds: float
    path: str

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


def build_whoosh_index(using="default", batch_size=BATCH_SIZE, stdout=None, procs=None) -> BuildReport:
    """Build a complete new Whoosh index beside the live one, swap it in atomically, and
    have the index worker replay on it every change queued since the build started.

    The articles are split into ``procs`` ranges of primary keys; each range is read,
    prepared and indexed by its own process into segments of ``SEGMENT_DOCS`` articles
    (both cores busy, no merge at the end), and the parent commits the segments in one
    table of contents.
    """
    build = start_build(using)
    try:
        return _build_and_swap(using, batch_size, stdout, procs, on_swapped=lambda: replay_since(build, using))
    finally:
        IndexBuild.objects.using(using).filter(pk=build.pk).delete()


def start_build(using="default") -> IndexBuild:
    """Record the queue position the new index will surely contain (everything committed now)."""
    with transaction.atomic(using=using):
        position = IndexChange.objects.using(using).aggregate(last=Max("pk"))["last"] or 0
        return IndexBuild.objects.using(using).create(position=position)


def replay_since(build: IndexBuild, using="default") -> int:
    """Queue again the changes the worker applied to the old index during ``build``; return how many.

    Changes committed after the build started may be missing from the new index;
    the worker kept them (marked applied) while the build ran. Runs right after
    the swap, in one transaction with the end of the build, so that the worker
    either sees the build still running (and keeps what it applies) or sees the
    rows queued again.
    """
    with transaction.atomic(using=using):
        replayed = IndexChange.objects.using(using).applied().filter(pk__gt=build.position).update(applied=False)
        IndexBuild.objects.using(using).filter(pk=build.pk).delete()
    if replayed:
        log.info("rebuild: %s changes made during the build queued again for the new index", replayed)
    return replayed


def _build_and_swap(using, batch_size, stdout, procs, on_swapped) -> BuildReport:
    engine = generations.backend(using)
    engine.setup_complete or engine.setup()
    live = Path(engine.path)
    target = generations.new_generation(using)
    started, started_at = time.monotonic(), time.time()
    state = generations.archive_state()
    pks = searchable_records(using)
    if procs is None:  # by default, fork only when each process gets enough articles to pay for it
        procs = min(BUILD_PROCS, len(pks) // MIN_DOCS_PER_PROC or 1)
    procs = max(1, min(procs, len(pks)))
    count = 0
    try:
        index = create_in(str(target), engine.schema)
        if procs == 1:
            segments, count = write_segments(using, index, pks, batch_size)
        else:
            segments, count = write_segments_in_parallel(using, index, pks, batch_size, procs)
        writer = index.writer(timeout=WRITE_LOCK_TIMEOUT)
        try:
            writer.commit(mergetype=lambda _writer, existing: existing + segments)
        except BaseException:
            _cancel(writer)
            raise
        generations.write_marker(target, state, count, using)
    except BaseException as error:
        # Disk full, killed, a bad document: the live index is untouched and keeps
        # serving; the half-built generation must not fill the disk further.
        log.error("index build failed in %s after %d documents: %s; the live index is unchanged", target, count, error)
        generations.discard(target)
        raise
    generations.swap_in(live, target)
    generations.clear_stale_mark(started_at, using)  # a mark made during the build stays
    on_swapped()
    generations.prune(live)
    if stdout:
        stdout.write(f"  {count} documents in {len(segments)} segment(s) by {procs} process(es)")
    return BuildReport(documents=count, seconds=time.monotonic() - started, path=str(target))


def searchable_records(using="default") -> list[tuple[str, int]]:
    """Return ``(kind, pk)`` of every record to index: articles first, then meetings, each by key."""
    records = []
    for kind in kinds.KINDS:
        search_index = connections[using].get_unified_index().get_index(kinds.model_of(kind))
        pks = search_index.index_queryset(using=using).order_by("pk").values_list("pk", flat=True)
        records += [(kind, pk) for pk in pks]
    return records


def index_queryset(using="default", kind="article"):
    """Return the records of ``kind`` to index, with everything the index template reads prefetched."""
    search_index = connections[using].get_unified_index().get_index(kinds.model_of(kind))
    if kind != "article":
        return search_index.index_queryset(using=using)
    # The template reads participation.person.aliases: prefetch that path. The index's own
    # ``people__aliases`` prefetch loads every person and alias a second time through the
    # other relation, unused here (a sixth of the preparing time), so it is replaced.
    articles = search_index.index_queryset(using=using).prefetch_related(None).for_display()
    return articles.prefetch_related("participations__person__aliases")


def write_segments(using, index, pks, batch_size) -> tuple[list, int]:
    """Index the records ``pks`` (``(kind, pk)`` pairs, grouped by kind) into new segments
    of ``index``, one per ``SEGMENT_DOCS`` documents.

    Returns ``(segments, documents written)``; the segments are not yet in the
    index's table of contents (the caller commits them). Takes no lock: the caller
    owns the new index folder. Bounded segments keep each one's postings in memory
    (see index/engine/segment_writer.py) without Whoosh's spill-and-merge.
    """
    engine = generations.backend(using)
    engine.setup_complete or engine.setup()
    segments, count = [], 0
    writer = None
    memo = held.TenureMemo()  # tenures read once per build process, not once per batch
    try:
        for kind, chunk in _chunks_by_kind(pks, batch_size):
            search_index = connections[using].get_unified_index().get_index(kinds.model_of(kind))
            records = list(index_queryset(using, kind).filter(pk__in=chunk).order_by("pk"))
            for record in prepare_batch(search_index, records, memo):
                doc = engine.prepare_document(search_index, record)
                if doc is None:
                    continue
                if writer is None:
                    writer = BulkSegmentWriter(index)
                writer.add_document(**doc)
                count += 1
                if writer.doc_count() >= SEGMENT_DOCS:
                    segments.append(writer.finish())
                    writer = None
        if writer is not None:
            segments.append(writer.finish())
            writer = None
        return segments, count
    except BaseException:
        _cancel(writer)
        raise


def prepare_batch(search_index, records, memo=None) -> list:
    """Return ``records`` with what their index reads about a whole batch loaded at once (the offices held
    on their dates: a few queries per batch instead of some per record), when the index can."""
    batch_loader = getattr(search_index, "prepare_batch", None)
    return batch_loader(records, memo) if batch_loader else records


def _chunks_by_kind(records, size):
    """Yield ``(kind, [pk, ...])`` chunks of at most ``size`` keys, never mixing kinds."""
    chunk, current = [], None
    for kind, pk in records:
        if chunk and (kind != current or len(chunk) >= size):
            yield current, chunk
            chunk = []
        current = kind
        chunk.append(pk)
    if chunk:
        yield current, chunk


def write_segments_in_parallel(using, index, pks, batch_size, procs) -> tuple[list, int]:
    """Run :func:`write_segments` over ``procs`` contiguous ranges of ``pks`` in forked processes.

    Returns the segments in primary-key order and the number of documents. A failure
    in any process raises here, naming it.
    """
    context = multiprocessing.get_context("fork")
    db_connections.close_all()  # each child opens its own database connection
    size = -(-len(pks) // procs)
    ranges = [pks[i : i + size] for i in range(0, len(pks), size)]
    pipes, children = [], []
    for part in ranges:
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_segment_child, args=(send, using, index, part, batch_size))
        child.start()
        send.close()
        pipes.append(receive)
        children.append(child)
    outcomes = []
    try:
        for number, (receive, child) in enumerate(zip(pipes, children, strict=True)):
            try:
                outcomes.append(receive.recv())
            except EOFError:
                outcomes.append(("error", f"index process {number} exited with code {child.exitcode}"))
    except BaseException:
        # Stopped (SIGTERM, Ctrl-C) or failed here: the other processes' work is lost anyway.
        for child in children:
            if child.is_alive():
                child.terminate()
        raise
    finally:
        for child in children:
            child.join()
    errors = [detail for status, detail in outcomes if status == "error"]
    if errors:
        raise SearchBackendError("Index build failed: " + "; ".join(errors))
    segments = [segment for _, (found, _count) in outcomes for segment in found]
    return segments, sum(count for _, (_found, count) in outcomes)


def _segment_child(send, using, index, pks, batch_size):
    try:
        db_connections.close_all()
        send.send(("ok", write_segments(using, index, pks, batch_size)))
    except BaseException:
        send.send(("error", traceback.format_exc(limit=5)))
    finally:
        send.close()
        os._exit(0)  # skip the parent's atexit handlers and Django's cleanup in the fork


def _cancel(writer) -> None:
    """Cancel a Whoosh writer that may already be committed, closed or never opened."""
    if writer is None:
        return
    try:
        writer.cancel()
    except Exception:  # noqa: BLE001 - cleanup after a failure must not hide the failure
        log.debug("writer cancel failed", exc_info=True)
