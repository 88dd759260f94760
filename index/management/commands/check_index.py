"""Compare the database with the search index and report every difference."""

from django.core.management.base import BaseCommand, CommandError

from index.drift import UnsupportedBackend, find_drift
from index.queue import enqueue, queue_length
from index.worker import IndexWorker


class Command(BaseCommand):
    help = (
        "Compare the published articles (their indexed fields and text) with the search index; "
        "print every difference and exit with status 1 when there is any."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair", action="store_true", help="Queue every drifting article for the index worker to fix."
        )
        parser.add_argument(
            "--apply",
            action="store_true",
            help="With --repair: apply the queue now instead of leaving it to the worker.",
        )

    def handle(self, *args, repair, apply, **options):
        if apply and not repair:
            raise CommandError("--apply only makes sense with --repair.")
        waiting = queue_length()
        try:
            drifts = find_drift()
        except UnsupportedBackend as error:
            raise CommandError(str(error)) from error
        for drift in drifts:
            self.stdout.write(str(drift))
        if waiting:
            self.stdout.write(f"Note: {waiting} queued changes are not applied yet; some differences may be in flight.")
        if not drifts:
            self.stdout.write("No drift: the index matches the database.")
            return
        self.stdout.write(f"{len(drifts)} differences.")
        if repair:
            for record in {drift.record for drift in drifts}:
                enqueue([d.object_id for d in drifts if d.record == record], kind=record)
            self.stdout.write(f"Queued {len(drifts)} records for the index worker.")
            if apply:
                reports = IndexWorker().drain()
                self.stdout.write(f"Applied {sum(r.rows for r in reports)} queued changes.")
                remaining = find_drift()
                for drift in remaining:
                    self.stdout.write(f"still: {drift}")
                if not remaining:
                    self.stdout.write("Repaired: the index matches the database.")
                    return
        raise SystemExit(1)
