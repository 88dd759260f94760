"""Building a cluster engine's whole index without taking search down, and telling when it must be.

The build fills a new index beside the live one (index/engine/rebuilds.py owns the engines'
indexes, aliases and cores), records in it what it was built with, switches the live name to it
at once, has the index worker replay every change queued meanwhile (as the Whoosh build does,
index/build.py), and drops the old index. If the build fails, the new index is dropped and the
live one, untouched, keeps serving.

:func:`condition` decides from what the engine reports, for ``build_index --if-stale`` and
``--if-unusable``: no live index, or one not built by a full build with the current fields and
settings, cannot serve (unusable); a usable one is stale when its documents are not the
database's searchable records while no change waits for the worker, or when writes bypassed the
queue (:func:`index.generations.mark_stale`).
"""

import datetime
import logging
import time

from haystack import connections

from index import generations, kinds
from index.build import BuildReport, index_queryset, prepare_batch, replay_since, start_build
from index.engine.rebuilds import generations_of
from index.models import IndexBuild
from index.queue import queue_length
from offices import held

log = logging.getLogger(__name__)


def cluster_generations(using="default"):
    """Return the generations of the configured cluster engine, or ``None`` when it is not one."""
    return generations_of(connections[using].get_backend(), using)


def searchable_count(using="default") -> int:
    """Return how many records of every kind must be in the index (published articles, public meetings...)."""
    total = 0
    for kind in kinds.KINDS:
        search_index = connections[using].get_unified_index().get_index(kinds.model_of(kind))
        total += search_index.index_queryset(using=using).count()
    return total


def condition(using="default") -> tuple[bool, bool]:
    """Return ``(usable, stale)`` of the cluster engine's live index; raises when the engine cannot be reached."""
    engines = cluster_generations(using)
    live = engines.live()
    if live is None or not live.record or live.record.get("schema") != engines.schema_signature():
        return False, True
    if generations.stale_mark(using) is not None:
        return True, True
    return True, queue_length() == 0 and live.documents != searchable_count(using)


def build_cluster_index(using="default", batch_size=500, stdout=None) -> BuildReport:
    """Build a complete new index on the cluster engine, switch the live name to it, replay the
    changes queued meanwhile and drop the old index; return the report."""
    engines = cluster_generations(using)
    build = start_build(using)
    started, started_at = time.monotonic(), time.time()
    name = engines.new_name()
    try:
        try:
            backend = engines.create(name)
            count = write_everything(backend, using, batch_size)
            record = {
                "schema": engines.schema_signature(),
                "documents": count,
                "built": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            }
            engines.record(backend, record)
            left = engines.switch(backend)
        except BaseException as error:
            # Engine refusing, disk full, stopped: the live index is untouched and keeps serving.
            log.error("index build into %s failed: %s; the live index is unchanged", name, error)
            _drop_quietly(engines, name)
            raise
        generations.clear_stale_mark(started_at, using)  # a mark made during the build stays
        replay_since(build, using)
    finally:
        IndexBuild.objects.using(using).filter(pk=build.pk).delete()
    for old in left:
        engines.drop(old)
    if stdout:
        stdout.write(f"  {count} documents into {name}, now live; dropped {', '.join(left) or 'nothing'}")
    return BuildReport(documents=count, seconds=time.monotonic() - started, path=name)


def write_everything(backend, using, batch_size) -> int:
    """Send every searchable record to ``backend`` in batches (one request each), refresh; return how many."""
    memo = held.TenureMemo()  # tenures read once per build, not once per batch
    count = 0
    for kind in kinds.KINDS:
        search_index = connections[using].get_unified_index().get_index(kinds.model_of(kind))
        records = index_queryset(using, kind).order_by("pk")
        pks = list(records.values_list("pk", flat=True))
        for start in range(0, len(pks), batch_size):
            chunk = list(records.filter(pk__in=pks[start : start + batch_size]))
            backend.update(search_index, prepare_batch(search_index, chunk, memo), commit=False)
            count += len(chunk)
    return count  # made visible by ``record`` (a refresh or a commit)


def _drop_quietly(engines, name) -> None:
    """Drop the half-built index ``name`` if the engine lets us; the build's own failure is what to report."""
    try:
        engines.drop(name)
    except Exception:  # noqa: BLE001 - the engine may be down; the failure that stopped the build is raised
        log.warning("the half-built index %s could not be dropped", name, exc_info=True)
