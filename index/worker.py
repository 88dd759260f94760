"""The index worker: applies queued changes to the search index in batches.

One batch: read the oldest pending queue rows, upsert the searchable records
among them (published articles, public meetings) and delete the others from the
index (one commit each), and only then settle the rows. A worker killed anywhere
in a batch leaves its rows in the queue, and applying a row twice gives the same
index, so a restarted worker simply catches up. A record the index refuses keeps its
rows queued with a doubling delay (``attempts``, ``retry_at``) while the rest of its
batch is settled; a fault of the whole index (locked, engine down or refusing) leaves
the whole batch queued and the long-running worker retries it with backoff.

Rebuilds (index/build.py) write a new Whoosh index in another folder and
swap the ``whoosh`` link to it. The worker therefore writes through the folder
the link points to when the batch starts, and settles the batch only if the link
still points there; otherwise the rows stay queued and the next batch applies
them to the new index. While a rebuild runs, rows queued after its start are kept
(marked applied) so that the rebuild can replay them on the new index.
"""

import datetime
import logging
import os
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from haystack import connections

from index import generations, kinds
from index.engine.cluster import is_engine_problem
from index.engine.whoosh import ParleyWhooshSearchBackend
from index.models import IndexBuild, IndexChange

log = logging.getLogger("parley.index_worker")

BATCH_SIZE = 200
# At most this many more rows join a batch because they queue a record the batch applies anyway.
REPEATS_LIMIT = 5000
POLL_SECONDS = 0.2
# A record the index refuses is retried after 30 s, then 1, 2, 4 ... minutes, at most hourly.
RETRY_FIRST_SECONDS = 30
RETRY_MAX_SECONDS = 3600
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
            f"{self.removed} removed, {self.failed} failed (left queued for a retry), {outcome} in {self.seconds:.2f} s"
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
        """Apply one batch of the queue; return its report, or ``None`` when nothing is due.

        A record the index refuses (a document it cannot take) leaves its rows queued with a
        growing delay, and the rest of the batch is settled; a fault of the whole index (locked,
        unreachable, refusing every request) raises, and the whole batch stays queued.
        """
        rows = list(IndexChange.objects.due().values_list("pk", "kind", "object_id")[: self.batch_size])
        if not rows:
            return None
        started = time.monotonic()
        by_kind = records_by_kind(rows)
        rows += self.repeats(rows[-1][0], by_kind)
        backend, target = self.backend()
        upserted, refused, removed = 0, set(), {}
        for kind, ids in by_kind.items():
            search_index = connections[self.using].get_unified_index().get_index(kinds.model_of(kind))
            found = list(search_index.index_queryset(using=self.using).filter(pk__in=ids).order_by("pk"))
            failed = self.upsert(backend, search_index, found)
            refused |= {(kind, pk) for pk in failed}
            upserted += len(found) - len(failed)
            for pk in sorted(ids - {record.pk for record in found}):
                removed[kinds.identifier(kind, pk)] = (kind, pk)
        pause_for_fault_test()
        not_removed = {removed[identifier] for identifier in self.remove(backend, list(removed))}
        refused |= not_removed
        settled = self.settle([pk for pk, kind, object_id in rows if (kind, object_id) not in refused], target)
        if settled and refused:
            self.defer([pk for pk, kind, object_id in rows if (kind, object_id) in refused])
        report = BatchReport(
            rows=len(rows),
            records=sum(len(ids) for ids in by_kind.values()),
            upserted=upserted,
            removed=len(removed) - len(not_removed),
            failed=len(refused),
            settled=settled,
            seconds=time.monotonic() - started,
        )
        log.info("%s", report)
        return report

    def repeats(self, last_pk: int, by_kind: dict[str, set[int]]) -> list[tuple[int, str, int]]:
        """Return the due rows after ``last_pk`` that queue the records ``by_kind`` again.

        Every report of a meeting queues the meeting again, so an import can leave one record queued
        thousands of times down the queue. Those rows join this batch, which indexes the record once and
        settles them all. Safe: they are committed before the batch reads its records, so the documents it
        writes hold their changes; a row committed later is not among them and stays queued.
        """
        repeats = []
        for kind, ids in by_kind.items():
            room = REPEATS_LIMIT - len(repeats)
            if room <= 0:
                break
            later = IndexChange.objects.due().filter(pk__gt=last_pk, kind=kind, object_id__in=ids)
            repeats += later.values_list("pk", "kind", "object_id")[:room]
        return repeats

    def upsert(self, backend, search_index, records) -> list[int]:
        """Index ``records`` in one commit; if that fails on one, one by one. Return the pks that failed."""
        if not records:
            return []
        try:
            backend.update(search_index, records)
            return []
        except Exception as error:
            if is_engine_problem(error):
                raise
            log.warning("batch upsert failed (%s); retrying record by record", brief(error))
        failed = []
        for record in records:
            try:
                backend.update(search_index, [record])
            except Exception as error:
                if is_engine_problem(error):
                    raise
                failed.append(record.pk)
                log.error("%s %s cannot be indexed: %s", record._meta.verbose_name, record.pk, brief(error))
        return failed

    def remove(self, backend, identifiers) -> list[str]:
        """Delete the documents ``identifiers`` from the index; return those that could not be removed.

        One request when the backend can (``remove_many``: Parley's Whoosh and cluster backends),
        else Haystack's ``remove`` one by one (any other Haystack backend). If the one request fails
        but the index is fine, each document is removed on its own, so one cannot block the others.
        """
        if not identifiers:
            return []
        remove_many = getattr(backend, "remove_many", None)
        if remove_many is not None:
            try:
                return list(remove_many(identifiers) or [])
            except Exception as error:
                if is_engine_problem(error):
                    raise
                log.warning("batch removal failed (%s); removing document by document", brief(error))
        failed = []
        for identifier in identifiers:
            try:
                refused = remove_many([identifier]) if remove_many is not None else backend.remove(identifier)
            except Exception as error:
                if is_engine_problem(error):
                    raise
                refused = [identifier]
                log.error("%s cannot be removed from the index: %s", identifier, brief(error))
            failed += refused or []
        return failed

    def defer(self, row_ids) -> None:
        """Leave the rows ``row_ids`` queued, to be retried after a delay that doubles with each refusal."""
        now = timezone.now()
        for change in IndexChange.objects.using(self.using).filter(pk__in=row_ids):
            change.attempts += 1
            change.retry_at = now + retry_delay(change.attempts)
            change.save(update_fields=["attempts", "retry_at"])

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


def records_by_kind(rows) -> dict[str, set[int]]:
    """Return the record ids of queue rows ``(pk, kind, object_id)``, by kind."""
    by_kind: dict[str, set[int]] = {}
    for _, kind, object_id in rows:
        by_kind.setdefault(kind, set()).add(object_id)
    return by_kind


def brief(error, limit=300) -> str:
    """Return the start of ``error``'s message: a cluster client's error may quote whole documents."""
    text = str(error)
    return text if len(text) <= limit else text[:limit] + " …"


def retry_delay(attempts: int) -> datetime.timedelta:
    """Return how long a record refused ``attempts`` times waits before the next try (doubling, capped)."""
    return datetime.timedelta(seconds=min(RETRY_FIRST_SECONDS * 2 ** (attempts - 1), RETRY_MAX_SECONDS))


def pause_for_fault_test():
    seconds = float(os.environ.get(FAULT_PAUSE_ENV) or 0)
    if seconds > 0:
        log.warning("fault-test pause: sleeping %.1f s inside the batch", seconds)
        time.sleep(seconds)
