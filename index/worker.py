"""The index worker: applies queued changes to the search index in batches.

One batch: read the oldest pending queue rows, upsert the searchable records
among them (published articles, public meetings) and delete the others from the
index (one commit each), and only then settle the rows. A worker killed anywhere
in a batch leaves its rows in the queue, and applying a row twice gives the same
index, so a restarted worker simply catches up.

Rebuilds (index/build.py) write a new Whoosh index in another folder and
swap the ``whoosh`` link to it. The worker therefore writes through the folder
the link points to when the batch starts, and settles the batch only if the link
still points there; otherwise the rows stay queued and the next batch applies
them to the new index. While a rebuild runs, rows queued after its start are kept
(marked applied) so that the rebuild can replay them on the new index.
"""

import fcntl
import logging
import os
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from haystack import connections

from index import generations, kinds
from index.engine.whoosh import ParleyWhooshSearchBackend
from index.models import IndexBuild, IndexChange

log = logging.getLogger("parley.index_worker")

BATCH_SIZE = 200
POLL_SECONDS = 0.2
# Test hook: seconds to sleep in the middle of every batch (after the upserts are
# committed, before the deletions and the settling), so a test can kill the worker there.
FAULT_PAUSE_ENV = "PARLEY_INDEX_WORKER_FAULT_PAUSE"


@dataclass
class BatchReport:
    rows: int
    records: int
    upserted: int
    removed: int
    failed: int
    settled: bool
    seconds: float

    def __str__(self):
        outcome = "settled" if self.settled else "left queued (the index was swapped meanwhile)"
        return (
            f"batch of {self.rows} changes for {self.records} records: {self.upserted} upserted, "
            f"{self.removed} removed, {self.failed} failed, {outcome} in {self.seconds:.2f} s"
        )


class IndexWorker:
    """Applies the index queue of connection ``using``; see the module docstring."""

    def __init__(self, using="default", batch_size=BATCH_SIZE):
        self.using = using
        self.batch_size = batch_size
        self._backend = None
        self._target = None

    def backend(self):
        """Return ``(backend, target)``: a backend writing to the folder the live link points to now."""
        target = generations.live_generation(self.using)
        if target is None:  # a cluster engine has no folders to swap
            return connections[self.using].get_backend(), None
        if self._backend is None or self._target != target:
            options = {**settings.HAYSTACK_CONNECTIONS[self.using], "PATH": target}
            options.pop("ENGINE", None)
            self._backend = ParleyWhooshSearchBackend(self.using, **options)
            self._target = target
        return self._backend, target

    def run_batch(self) -> BatchReport | None:
        """Apply one batch of the queue; return its report, or ``None`` when the queue is empty."""
        rows = list(IndexChange.objects.pending().values_list("pk", "kind", "object_id")[: self.batch_size])
        if not rows:
            return None
        started = time.monotonic()
        by_kind: dict[str, set[int]] = {}
        for _, kind, object_id in rows:
            by_kind.setdefault(kind, set()).add(object_id)
        backend, target = self.backend()
        searchable, failed, removed = [], 0, []
        for kind, ids in by_kind.items():
            search_index = connections[self.using].get_unified_index().get_index(kinds.model_of(kind))
            found = list(search_index.index_queryset(using=self.using).filter(pk__in=ids).order_by("pk"))
            failed += self.upsert(backend, search_index, found)
            searchable += found
            removed += [kinds.identifier(kind, pk) for pk in sorted(ids - {record.pk for record in found})]
        pause_for_fault_test()
        if removed:
            backend.remove_many(removed)
        settled = self.settle([pk for pk, _, _ in rows], target)
        report = BatchReport(
            rows=len(rows),
            records=sum(len(ids) for ids in by_kind.values()),
            upserted=len(searchable) - failed,
            removed=len(removed),
            failed=failed,
            settled=settled,
            seconds=time.monotonic() - started,
        )
        log.info("%s", report)
        return report

    def upsert(self, backend, search_index, records) -> int:
        """Index ``records`` in one commit; if that fails on one, one by one. Return failures."""
        if not records:
            return 0
        try:
            backend.update(search_index, records)
            return 0
        except Exception as error:
            if is_lock_problem(error):
                raise
            log.warning("batch upsert failed (%s); retrying record by record", error)
        failed = 0
        for record in records:
            try:
                backend.update(search_index, [record])
            except Exception as error:
                if is_lock_problem(error):
                    raise
                failed += 1
                log.error("%s %s cannot be indexed: %s", record._meta.verbose_name, record.pk, error)
        return failed

    def settle(self, row_ids, target) -> bool:
        """Remove the applied rows from the queue; return ``False`` if they must be applied again."""
        with transaction.atomic(using=self.using):
            rows = IndexChange.objects.using(self.using).filter(pk__in=row_ids)
            # Lock the rows so a rebuild's replay cannot interleave (PostgreSQL; SQLite
            # serialises write transactions anyway).
            list(rows.select_for_update().values_list("pk", flat=True))
            if target is not None and generations.live_generation(self.using) != target:
                return False
            build = IndexBuild.objects.using(self.using).running().order_by("position").first()
            if build is None:
                rows.delete()
                # Rows kept for a rebuild that was killed: that rebuild never swapped,
                # so the live index has them.
                IndexChange.objects.using(self.using).applied().delete()
            else:
                rows.filter(pk__lte=build.position).delete()
                rows.filter(pk__gt=build.position).update(applied=True)
        return True

    def drain(self) -> list[BatchReport]:
        """Apply batches until the queue is empty; return their reports."""
        reports = []
        while (report := self.run_batch()) is not None:
            reports.append(report)
        return reports

    def run_forever(self, should_stop, poll=POLL_SECONDS):
        """Apply batches as changes arrive, until ``should_stop()`` is true."""
        backoff = poll
        while not should_stop():
            try:
                report = self.run_batch()
            except Exception:
                log.exception("index batch failed; retrying in %.1f s", backoff)
                time.sleep(backoff)
                backoff = min(backoff * 2, 10.0)
                continue
            backoff = poll
            if report is None:
                time.sleep(poll)


def is_lock_problem(error) -> bool:
    """Whether ``error`` means the index was busy (retry the batch) rather than a bad record."""
    from whoosh.index import LockError

    return isinstance(error, LockError) or "lock" in str(error).lower()


def pause_for_fault_test():
    seconds = float(os.environ.get(FAULT_PAUSE_ENV) or 0)
    if seconds > 0:
        log.warning("fault-test pause: sleeping %.1f s inside the batch", seconds)
        time.sleep(seconds)


class SingleWorkerLock:
    """An exclusive lock file so only one long-running worker serves a data folder."""

    def __init__(self, path):
        self.path = path
        self.handle = None

    def acquire(self) -> bool:
        self.handle = open(self.path, "a+")  # noqa: SIM115 - held for the process lifetime
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.handle.close()
            return False
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(str(os.getpid()))
        self.handle.flush()
        return True
