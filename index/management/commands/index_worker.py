"""Apply the index queue: every committed change reaches search within a moment."""

import signal

from django.core.management.base import BaseCommand, CommandError

from index.worker import BATCH_SIZE, POLL_SECONDS, IndexWorker
from index.worker_lock import worker_lock


class Command(BaseCommand):
    help = (
        "Apply queued index changes in batches (upsert published articles, delete the others), "
        "polling the queue; queue rows are removed only after the index commit."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Apply everything queued, then exit.")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="Queue rows applied per batch.")
        parser.add_argument("--poll", type=float, default=POLL_SECONDS, help="Seconds between looks at an empty queue.")

    def handle(self, *args, once, batch_size, poll, **options):
        if batch_size < 1 or poll <= 0:
            raise CommandError("--batch-size must be at least 1 and --poll above 0.")
        worker = IndexWorker(batch_size=batch_size)
        if once:
            reports = worker.drain()
            self.stdout.write(f"Applied {sum(r.rows for r in reports)} queued changes in {len(reports)} batches.")
            return
        # One per deployment, whatever the machine: on PostgreSQL every machine's worker reads the same queue.
        lock = worker_lock()
        if not lock.acquire():
            raise CommandError(
                f"Another index worker is running for this database: {lock.holder()}. "
                "Only one may run per deployment; stop it first, or leave this one out."
            )
        stopping = []

        def stop(signum, frame):
            stopping.append(signum)  # finish the batch under way, then leave

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write(f"Index worker running (batches of {batch_size}, polling every {poll} s).")
        self.stdout.flush()
        worker.run_forever(lambda: bool(stopping) or not lock.keep(), poll=poll)
        if not stopping:
            raise CommandError(f"The index worker lost its lock and another took over: {lock.holder()}. Stopping.")
        lock.release()
        self.stdout.write("Index worker stopped.")
