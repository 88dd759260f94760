"""Load reference data, and the seed articles into an empty archive."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from archive.models import Article


class Command(BaseCommand):
    help = (
        "Load the countries (always: reference data, idempotent) and the curated seed "
        "articles (only when the archive has no article yet, so curators' edits are kept)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force-seeds", action="store_true", help="Load the seed fixture even if articles exist.")

    def handle(self, *args, force_seeds, **options):
        call_command("loaddata", "countries", verbosity=0)
        if force_seeds or not Article.objects.exists():
            # The seeds' offices and meetings, curated, refer to the seed articles and people.
            call_command("loaddata", "seeds", "offices", "meetings", verbosity=0)
            self.stdout.write("Loaded reference data, seed articles, their offices and meetings.")
        else:
            self.stdout.write("Loaded reference data; the archive already has articles, seeds left alone.")
