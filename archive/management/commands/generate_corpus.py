"""Fill a data folder with a deterministic synthetic corpus (for benchmarks and demos), or remove it."""

import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from archive import synthetic

DEFAULT_FOLDER = Path("var") / "synthetic"


def default_data_dir() -> Path:
    """Return where synthetic articles go by default: a folder of their own (``var/synthetic``),
    unless the environment names the archive to use (``PARLEY_DATA_DIR`` or ``DATABASE_URL``)."""
    if os.environ.get("PARLEY_DATA_DIR") or os.environ.get("DATABASE_URL"):
        return Path(settings.DATA_DIR)
    return (Path(settings.BASE_DIR) / DEFAULT_FOLDER).resolve()


class Command(BaseCommand):
    help = (
        "Add N synthetic published articles in the style of the seeds (officials, countries, outlets, "
        "2000-2026), the same for the same --seed, into a data folder of their own (var/synthetic) unless "
        "PARLEY_DATA_DIR or DATABASE_URL names one; --delete removes them again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=20000, help="How many articles to add (default 20000).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed gives the same corpus.")
        parser.add_argument(
            "--data-dir",
            type=Path,
            help="Data folder to fill (default: var/synthetic, or the configured one when PARLEY_DATA_DIR is set).",
        )
        parser.add_argument(
            "--delete",
            action="store_true",
            help="Remove every synthetic article, and the synthetic officials and outlets nothing else refers to.",
        )

    def handle(self, *args, articles, seed, data_dir, delete, **options):
        target = (data_dir or default_data_dir()).resolve()
        if target != Path(settings.DATA_DIR).resolve():
            self._run_in(target, articles, seed, delete)
            return
        if delete:
            removed = synthetic.delete()
            self.stdout.write(
                f"Removed {removed.articles} synthetic articles, {removed.officials} officials and "
                f"{removed.sources} outlets; the index worker takes them out of the search index."
            )
            return
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        call_command("loaddata", "countries", verbosity=0)
        started = time.monotonic()
        corpus = synthetic.generate(articles, seed=seed, stdout=self.stdout)
        seconds = time.monotonic() - started
        self.stdout.write(
            f"Added {corpus.articles} articles ({corpus.officials} officials, {corpus.countries} countries, "
            f"{corpus.sources} sources) in {seconds:.1f} s ({corpus.articles / seconds:.0f}/s). They bypassed "
            "the index queue: the search index is marked stale until `manage.py build_index` (make run does it)."
        )

    def _run_in(self, target: Path, articles: int, seed: int, delete: bool) -> None:
        """Do the work in another data folder: a fresh process with ``PARLEY_DATA_DIR`` set to it."""
        if articles < 1 and not delete:
            raise CommandError("--articles must be at least 1.")
        target.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "PARLEY_DATA_DIR": str(target)}
        env.pop("DATABASE_URL", None)
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        self.stdout.write(f"Synthetic archive in {target} (its own data folder)")
        steps = [["migrate", "--noinput", "--verbosity", "0"]]
        if delete:
            steps.append(["generate_corpus", "--delete"])
        else:
            steps.append(["generate_corpus", "--articles", str(articles), "--seed", str(seed)])
            steps.append(["build_index"])
        for step in steps:
            if subprocess.run([*manage, *step], env=env, check=False).returncode:
                raise CommandError(f"{' '.join(step)} failed in {target}")
        self.stdout.write(f"Serve it with: PARLEY_DATA_DIR={target} make run")
