"""Import news files (raw text, JSON Lines/JSON, CSV, RSS/Atom, HTML) into the archive."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.ingest.formats import PARSERS
from archive.ingest.pipeline import ImportOptions, run_import
from archive.ingest.read import InputFile
from archive.models import Source


def input_files(paths: list[str]) -> list[InputFile]:
    """Return the files named, and every file under the folders named (recursively, sorted, hidden ones skipped)."""
    files = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            files.extend(InputFile.from_path(p) for p in found)
        elif path.is_file():
            files.append(InputFile.from_path(path))
        else:
            raise CommandError(f"{name}: no such file or folder")
    return files


class Command(BaseCommand):
    help = (
        "Import articles from files and folders (recursively): raw scraped text, JSON Lines/JSON, CSV, "
        "RSS/Atom feeds, HTML pages. Prints a report (every suggestion and duplicate; -v 2: each article's "
        "officials and countries); exits with status 1 when anything was rejected."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files or folders to import.")
        parser.add_argument("--publish", action="store_true", help="Publish imported articles (default: drafts).")
        parser.add_argument("--dry-run", action="store_true", help="Parse, link and report, but write nothing.")
        parser.add_argument("--source", metavar="SLUG", help="Outlet (Source slug) for records that name none.")
        parser.add_argument("--format", choices=sorted(PARSERS), help="Read every file in this format.")
        parser.add_argument(
            "--processes",
            type=int,
            metavar="N",
            help="Processes to use: validation, linking and meeting proposals run in N-1 workers beside the "
            "writer (default: PARLEY_IMPORT_PROCESSES, the CPU count; 1: one process).",
        )

    def handle(self, *args, paths, publish, dry_run, source, format, processes=None, verbosity=1, **options):
        if processes is not None and processes < 1:
            raise CommandError(f"--processes {processes}: give 1 or more")
        default_source = None
        if source:
            default_source = Source.objects.filter(slug=source).first()
            if default_source is None:
                raise CommandError(f"--source {source}: no outlet with this slug")
        files = input_files(paths)
        options = ImportOptions(
            publish=publish, dry_run=dry_run, source=default_source, format=format, processes=processes
        )
        bar = self._progress_bar(len(files))
        report = run_import(files, options, progress=(lambda _file: bar.update()) if bar else None)
        if bar:
            bar.close()
        for line in report.lines(verbosity=verbosity):
            self.stdout.write(line)
        if report.changed_ids and not dry_run:
            self.stdout.write(
                f"{len(report.changed_ids)} article(s) changed; the search index takes them in at its next update."
            )
        if not report.ok:
            sys.exit(1)

    def _progress_bar(self, total: int):
        """Return a tqdm bar on a terminal, else None (logs and pipes get only the report)."""
        if not (hasattr(self.stdout, "isatty") and self.stdout.isatty()):
            return None
        from tqdm import tqdm

        return tqdm(total=total, unit="file", desc="Importing", file=sys.stderr)
