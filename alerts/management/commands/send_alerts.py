"""Email the due saved searches their new and updated matches (once: see alerts/delivery.py)."""

import logging
import signal
import time

from django.core.management.base import BaseCommand, CommandError

from alerts.delivery import AlertRun

LOOP_SECONDS = 60.0
log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Send the digests of due saved searches (immediate ones every run, daily and weekly ones when their "
        "period has passed). Safe to run from cron or a systemd timer, and twice at once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Run again every --every seconds until stopped.")
        parser.add_argument("--every", type=float, default=LOOP_SECONDS, help="Seconds between runs with --loop.")

    def handle(self, *args, loop, every, **options):
        if every <= 0:
            raise CommandError("--every must be above 0.")
        if not loop:
            self._once()
            return
        stopping = []
        signal.signal(signal.SIGTERM, lambda signum, frame: stopping.append(signum))
        signal.signal(signal.SIGINT, lambda signum, frame: stopping.append(signum))
        self.stdout.write(f"Alerts running (every {every:g} s).")
        self.stdout.flush()
        while not stopping:
            try:
                self._once(quiet=True)
            except Exception:  # the database busy or gone for a moment: the next pass tries again
                log.exception("An alerts run failed; trying again in %g s", every)
            deadline = time.monotonic() + every
            while not stopping and time.monotonic() < deadline:
                time.sleep(min(0.5, every))
        self.stdout.write("Alerts stopped.")

    def _once(self, quiet: bool = False) -> None:
        report = AlertRun().run()
        for problem in report.problems:
            self.stderr.write(f"Saved search {problem}")
        if quiet and not (report.digests or report.failed or report.interrupted):
            return
        self.stdout.write(
            f"{report.searches} saved searches looked at: {report.digests} digests sent with {report.items} items, "
            f"{report.failed} failed, {report.skipped} left to another run, "
            f"{report.interrupted} interrupted digests marked unconfirmed."
        )
        self.stdout.flush()
