"""Fill the archive with a deterministic synthetic corpus (for benchmarks and demos)."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from archive import synthetic


class Command(BaseCommand):
    help = (
        "Add N synthetic published articles in the style of the seeds (officials, countries, "
        "outlets, 2000-2026), the same for the same --seed. Loads the reference countries first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=20000, help="How many articles to add (default 20000).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed gives the same corpus.")

    def handle(self, *args, articles, seed, **options):
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        call_command("loaddata", "countries", verbosity=0)
        started = time.monotonic()
        corpus = synthetic.generate(articles, seed=seed, stdout=self.stdout)
        seconds = time.monotonic() - started
        self.stdout.write(
            f"Added {corpus.articles} articles ({corpus.officials} officials, {corpus.countries} countries, "
            f"{corpus.sources} sources) in {seconds:.1f} s ({corpus.articles / seconds:.0f}/s)."
        )
