"""Build the search index from the published articles, without taking search down."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from search import indexing


class Command(BaseCommand):
    help = (
        "Build a complete new search index beside the live one and swap it in at once "
        "(Whoosh); other backends are rebuilt with Haystack's update_index."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-stale",
            action="store_true",
            help="Only build when the index is missing or does not match the database.",
        )
        parser.add_argument(
            "--batch-size", type=int, default=indexing.BATCH_SIZE, help="Articles read per database query."
        )

    def handle(self, *args, if_stale, batch_size, **options):
        if not indexing.is_whoosh():
            call_command("update_index", remove=True, batchsize=batch_size, verbosity=options["verbosity"])
            return
        if if_stale and not indexing.is_stale():
            self.stdout.write("Search index is up to date.")
            return
        report = indexing.build_whoosh_index(batch_size=batch_size, stdout=self.stdout)
        self.stdout.write(
            f"Indexed {report.documents} articles in {report.seconds:.1f} s "
            f"({report.docs_per_second:.0f}/s) into {report.path}"
        )
