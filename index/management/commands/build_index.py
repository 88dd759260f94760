"""Build the search index from the published articles, without taking search down."""

import logging
import signal
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from index import build as indexing
from index import cluster_build, generations
from index.engine.cluster import is_engine_problem

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Build a complete new search index beside the live one and swap it in at once "
        "(a new Whoosh generation, a new Elasticsearch index behind the alias, a new Solr core swapped in)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-stale",
            action="store_true",
            help="Only build when the index is missing or does not match the database.",
        )
        parser.add_argument(
            "--if-unusable",
            action="store_true",
            help=(
                "Only build when no index can serve: missing, unreadable or built with another schema "
                "(a stale index keeps serving; `make run` then rebuilds it in the background)."
            ),
        )
        parser.add_argument(
            "--batch-size", type=int, default=indexing.BATCH_SIZE, help="Articles read per database query."
        )
        parser.add_argument(
            "--retries", type=int, default=3, help="Attempts before giving up when a build fails (e.g. disk full)."
        )
        parser.add_argument(
            "--retry-delay", type=float, default=10.0, help="Seconds to wait before the second attempt (doubling)."
        )

    def handle(self, *args, if_stale, if_unusable, batch_size, retries, retry_delay, **options):
        if not generations.is_whoosh() and cluster_build.cluster_generations() is None:
            # Another Haystack engine configured directly: its own in-place update.
            started_at = time.time()
            call_command("update_index", remove=True, batchsize=batch_size, verbosity=options["verbosity"])
            generations.clear_stale_mark(started_at)
            return
        if if_stale or if_unusable:
            usable, stale = self.condition()
        if if_stale and not stale:
            self.stdout.write("Search index is up to date.")
            return
        if if_unusable and usable:
            note = " (stale: a rebuild can run while it serves)" if stale else ""
            self.stdout.write(f"Search index can serve{note}.")
            return
        # Stopped by `make run` ending (SIGTERM) the build unwinds like Ctrl-C: the half-built
        # generation is removed and the live index keeps serving.
        main_thread = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGTERM, _stop) if main_thread else None
        try:
            report = self.build_with_retries(batch_size, max(1, retries), retry_delay)
        finally:
            if main_thread:
                signal.signal(signal.SIGTERM, previous)
        self.stdout.write(
            f"Indexed {report.documents} documents (articles, meetings, agreements) in {report.seconds:.1f} s "
            f"({report.docs_per_second:.0f}/s) into {report.path}"
        )

    def condition(self) -> tuple[bool, bool]:
        """Return ``(usable, stale)`` of the live index, on disk or as the cluster engine reports it."""
        if generations.is_whoosh():
            return generations.condition()
        try:
            return cluster_build.condition()
        except Exception as error:
            if is_engine_problem(error):
                raise CommandError(f"The search engine cannot be reached: {type(error).__name__}: {error}") from error
            raise

    def build_with_retries(self, batch_size, attempts, delay):
        """Return the report of the first build that succeeds; the live index serves meanwhile."""
        build = indexing.build_whoosh_index if generations.is_whoosh() else cluster_build.build_cluster_index
        for attempt in range(1, attempts + 1):
            try:
                return build(batch_size=batch_size, stdout=self.stdout)
            except Exception as error:
                if not isinstance(error, OSError) and not is_engine_problem(error):
                    raise
                log.error("index build attempt %d of %d failed: %s", attempt, attempts, error)
                if attempt == attempts:
                    raise CommandError(
                        f"Index build failed {attempts} times: {error}. The previous index is still served."
                    ) from error
                time.sleep(delay * 2 ** (attempt - 1))


def _stop(signum, frame):
    raise SystemExit(f"index build stopped by signal {signum}")
