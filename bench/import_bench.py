"""Measure the import pipeline: 10,000 seed-style raw text articles into an empty archive.

Standalone: ``.venv/bin/python bench/import_bench.py [--articles N] [--steps A,B]``.
Works in a temporary data folder (SQLite), loads the countries, the known officials
and their offices, writes N raw text files that read like the seeds (a date line,
debris or a byline, paragraphs naming officials and countries, sometimes an outlet
signature), imports them without indexing, and prints articles per second.

``--archive N`` first adds N synthetic articles (``bench.synthetic.generate``), so that the
import's deduplication and matching meet an archive of that size. ``--processes`` as the
import's (``PARLEY_IMPORT_PROCESSES``). ``--steps`` names the import's steps after each
save (``PARLEY_IMPORT_STEPS``): by default the configured ones (the meeting step); ``""`` for none; add
``offices.propose.TenureStep`` for the tenure suggestions. ``PARLEY_BENCH_PROFILE=FILE``
writes a cProfile of the import (in CPU time) to FILE.

``--reuse DIR`` keeps the archive the run starts from (the fixtures and the ``--archive`` articles,
before any file is imported) as a SQLite file in DIR, and later runs with the same ``--archive``
start from a copy of it instead of building it again (minutes at 100,000): the import itself
always writes into a copy in the run's own work folder, so every run meets the same archive.
The file's name holds the archive's size and a digest of what builds it (``build_archive``,
``bench/synthetic.py``, the fixtures); the migrations added since are applied to the copy.
Keep DIR out of git (``/work/bench-data/`` or a temporary folder).
"""

import argparse
import hashlib
import inspect
import json
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OFFICIALS = [
    ("Azerbaijani Defense Minister, Colonel General", "Zakir Hasanov"),
    ("Chief of the General Staff of the Armed Forces of Iran, Major General", "Mohammad Bagheri"),
    ("Ambassador of Iran to Azerbaijan", "Javad Jahangirzadeh"),
    ("President", "Ilham Aliyev"),
    ("Deputy Defense Minister, Lieutenant General", "Kerim Veliyev"),
    ("Georgian Defense Minister", "Levan Izoria"),
    ("Turkish Chief of General Staff, General", "Yasar Guler"),
]
PLACES = ["Baku", "Tehran", "Tbilisi", "Ankara", "Ganja", "Nakhchivan", "Tabriz", "Astara"]
TOPICS = [
    "military-technical cooperation",
    "regional security",
    "joint exercises",
    "the training of officers",
    "military education",
    "border security",
    "the fight against terrorism",
    "military medicine",
    "defense industry projects",
    "the situation in the Caspian region",
]
COUNTRIES = ["Azerbaijan", "Iran", "Georgia", "Turkey", "Russia", "Kazakhstan", "Armenia", "Pakistan"]
VERBS = ["discussed", "reviewed", "stressed the importance of", "exchanged views on", "noted progress in"]
WORDS = str.split(
    "cooperation development prospects relations partnership meeting visit delegation agreement protocol "
    "program plan training exercise experience exchange support stability peace region border security army "
    "navy air force officers cadets academy logistics supply equipment modernization strategy dialogue"
)


def article_text(number: int, rng: random.Random, day: date) -> str:
    """Return one seed-style raw text article; every one is different (random sentences)."""
    (title_a, name_a), (title_b, name_b) = rng.sample(OFFICIALS, 2)
    place = rng.choice(PLACES)
    head = rng.choice(["+ ↺ − 16 px", "By Abdul Kerimkhanov", "By Sara Rajabova", "16 px"])
    paragraphs = [
        f"{title_a} {name_a} on {day:%A} met with {title_b} {name_b} in {place}, the ministry reported (No {number}).",
        f"The sides {rng.choice(VERBS)} {rng.choice(TOPICS)} between {rng.choice(COUNTRIES)} and "
        f"{rng.choice(COUNTRIES)}, and {rng.choice(VERBS)} {rng.choice(TOPICS)}.",
    ]
    for _ in range(rng.randint(4, 8)):
        words = rng.choices(WORDS, k=rng.randint(18, 40))
        paragraphs.append(" ".join(words).capitalize() + ".")
    paragraphs.append(f"{name_b.split()[-1]}, in turn, noted that {rng.choice(TOPICS)} is of great importance.")
    signature = ["News.Az"] if rng.random() < 0.5 else []
    return f" date {day.isoformat()} {head}\n\n" + "\n\n".join(paragraphs + signature) + "\n\n"


def workers_cpu() -> float:
    """CPU seconds of this process's children that have ended (the import's workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def archive_key(archive: int) -> str:
    """Return the file name of the kept archive of ``archive`` synthetic articles (``--reuse``): its size and
    a digest of the code and fixtures that build it, so that a change to them builds it again."""
    digest = hashlib.sha256(inspect.getsource(build_archive).encode() + repr(OFFICIALS).encode())
    for path in [ROOT / "bench" / "synthetic.py", *sorted((ROOT / "fixtures").glob("*"))]:
        if path.is_file():
            digest.update(path.read_bytes())
    return f"archive-{archive}-{digest.hexdigest()[:12]}.sqlite3"


def build_archive(archive: int) -> None:
    """Fill the migrated database with the fixtures' countries, outlets and officials, and ``archive``
    synthetic articles."""
    from django.core.management import call_command

    from archive.models import Article, Person

    call_command("loaddata", "countries", "seeds", "offices", verbosity=0)
    Article.objects.all().delete()  # keep the outlets, the known officials and their offices, not the seed articles
    for name in ("Kerim Veliyev", "Levan Izoria", "Yasar Guler"):
        Person.objects.create(name=name)

    if archive:  # deduplication then compares with the stored articles of each date
        from bench.synthetic import generate

        generate(archive)
        # The generator's officials include names of the files' ("Zakir Hasanov"): two people of one name,
        # which linking leaves unresolved, and the meeting step would have next to nothing to do.
        ours = [name for _, name in OFFICIALS]
        for person in Person.objects.filter(slug__startswith="synthetic-", name__in=ours):
            Person.objects.filter(pk=person.pk).update(name=f"{person.name} Junior")


def prepare_archive(archive: int, reuse: Path | None) -> str:
    """Make the run's database the archive to import into: built here, or copied from ``reuse`` when that
    folder keeps one (and kept there for the next runs when it does not). Return how it was made."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    database = Path(settings.DATABASES["default"]["NAME"])
    kept = reuse.resolve() / archive_key(archive) if reuse else None
    if kept is not None and kept.exists():
        database.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(kept, database)
        call_command("migrate", verbosity=0)  # the migrations added since it was kept
        return f"copied from {kept}"
    call_command("migrate", verbosity=0)
    build_archive(archive)
    if kept is None:
        return "built"
    connections.close_all()  # the write-ahead log checkpointed: the database file alone is the archive
    kept.parent.mkdir(parents=True, exist_ok=True)
    partial = kept.with_suffix(".partial")
    shutil.copyfile(database, partial)
    partial.replace(kept)  # whole or absent, should the run be stopped while it copies
    return f"built and kept as {kept}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20190116)
    parser.add_argument("--steps", default=None, help="PARLEY_IMPORT_STEPS for this run (default: as configured)")
    parser.add_argument(
        "--archive",
        type=int,
        default=0,
        help="articles already in the archive before the import (bench.synthetic.generate; default: none)",
    )
    parser.add_argument(
        "--processes", type=int, default=None, help="processes for the import (default: PARLEY_IMPORT_PROCESSES)"
    )
    parser.add_argument(
        "--reuse",
        type=Path,
        default=None,
        metavar="DIR",
        help="keep the archive built in DIR, and start from a copy of it when DIR holds one (see above)",
    )
    arguments = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="parley-import-bench-"))
    os.environ["PARLEY_DATA_DIR"] = str(workdir / "data")
    # Its own SQLite database in the work folder, whatever the shell's DATABASE_URL says (the run empties
    # the articles of the database it builds on).
    os.environ.pop("DATABASE_URL", None)
    if arguments.steps is not None:
        os.environ["PARLEY_IMPORT_STEPS"] = arguments.steps
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("PARLEY_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.conf import settings

    from archive.ingest.pipeline import ImportOptions, run_import
    from archive.ingest.read import InputFile
    from archive.models import Article
    from meetings.models import Meeting
    from offices.models import TenureSuggestion

    print(f"archive of {arguments.archive} articles: {prepare_archive(arguments.archive, arguments.reuse)}")
    rng = random.Random(arguments.seed)
    files_dir = workdir / "files"
    files_dir.mkdir()
    first = date(2016, 1, 1)
    for number in range(arguments.articles):
        day = first + timedelta(days=rng.randrange(3 * 365))
        (files_dir / f"{number:05d}.txt").write_text(article_text(number, rng, day), encoding="utf-8")
    files = [InputFile.from_path(path) for path in sorted(files_dir.iterdir())]

    options = ImportOptions(publish=True, processes=arguments.processes)
    started, cpu_started, workers_started = time.perf_counter(), time.process_time(), workers_cpu()
    if os.environ.get("PARLEY_BENCH_PROFILE"):
        import cProfile

        profiler = cProfile.Profile(time.process_time)  # CPU time: on a shared machine wall time is mostly waiting
        report = profiler.runcall(run_import, files, options)
        profiler.dump_stats(os.environ["PARLEY_BENCH_PROFILE"])
    else:
        report = run_import(files, options)
    seconds, main_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    # The import's worker processes (ended and waited for by the run) count too.
    cpu_seconds = main_seconds + workers_cpu() - workers_started
    stored = Article.objects.count()
    created = len(report.created)
    print(report.summary())
    print(
        f"{stored} articles stored ({arguments.archive} before) in {seconds:.1f} s: "
        f"{created / seconds:.0f} articles/s (no indexing)"
    )
    # On a shared machine the wall clock includes time waiting for a core; CPU time does not.
    processes = max(1, arguments.processes or settings.PARLEY_IMPORT_PROCESSES)
    print(
        f"CPU time {cpu_seconds:.1f} s ({main_seconds:.1f} s in the main process; {processes} process(es)): "
        f"{created / cpu_seconds:.0f} articles per CPU-second; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print(f"work folder (delete when done): {workdir}")
    # The last line, for bench/run.py.
    print(
        json.dumps(
            {
                "articles": created,
                "seconds": round(seconds, 1),
                "articles_per_s": round(created / seconds, 1),
                "articles_per_cpu_s": round(created / cpu_seconds, 1),
                "processes": processes,
                "archive_before": arguments.archive,
                "steps": [path.rsplit(".", 1)[-1] for path in settings.PARLEY_IMPORT_STEPS],
                "meetings": Meeting.objects.count(),
                "tenure_suggestions": TenureSuggestion.objects.count(),
            }
        )
    )


if __name__ == "__main__":
    main()
