"""Run the import jobs queued by the admin's import page, one after another, polling for more."""

import signal
import time

from django.core.management.base import BaseCommand, CommandError

from archive import import_jobs

POLL_SECONDS = 2.0


class Command(BaseCommand):
    help = (
        "Run queued import jobs (the admin's Import files page queues them), and jobs whose runner died; "
        "poll for new ones. SIGTERM or Ctrl-C stops after the record under way; the job resumes on the next start."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job queued now, then exit.")
        parser.add_argument("--poll", type=float, default=POLL_SECONDS, help="Seconds between looks at the queue.")

    def handle(self, *args, once, poll, **options):
        if poll <= 0:
            raise CommandError("--poll must be above 0.")
        stopping = []

        def stop(signum, frame):
            stopping.append(signum)

        previous = {number: signal.signal(number, stop) for number in (signal.SIGTERM, signal.SIGINT)}
        try:
            if once:
                ran = import_jobs.run_queued(lambda: bool(stopping))
                self.stdout.write(f"Ran {ran} import job(s).")
                return
            self.stdout.write(f"Import job runner running (polling every {poll} s).")
            self.stdout.flush()
            while not stopping:
                if not import_jobs.run_queued(lambda: bool(stopping)):
                    time.sleep(poll)
            self.stdout.write("Import job runner stopped.")
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
