"""Alerts benchmark: a daily ``send_alerts`` after an import, at archive scale.

    python bench/alerts_bench.py --articles 100000 --searches 1000 --import 1000

Builds (or reuses) a synthetic archive in its own data folder, saves ``--searches`` daily
searches for 100 analysts (words, phrases, countries, officials, dates: the mix below),
imports ``--import`` new articles through ``import_articles`` and the index worker, then
times one ``send_alerts`` run as a timer would start it, one day later. Digests go to a
real SMTP server on the loopback interface when aiosmtpd is installed (``make install-dev``),
else to Django's dummy backend (everything but the SMTP exchange). Prints one JSON line:
seconds, the run's peak memory, digests and items sent. The target: under 60 s, and memory
that does not grow with the archive (one batch of changed items, one search at a time).
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, emit, setup_django

BENCH = Path(__file__).resolve().parent
VOCABULARY_TEXT = (
    "harbour convoy delegation treaty envoy summit corridor pipeline embassy garrison frontier ministry "
    "doctrine arsenal brigade squadron cadet academy logistics radar satellite airfield compass beacon "
    "navy fleet patrol drills officers staff training exchange visit talks agenda memorandum"
)
VOCABULARY = VOCABULARY_TEXT.split(" ")
QUERIES = [
    "q=cooperation",
    "q=%22joint+exercises%22",
    "q=defense+security",
    "q=border*",
    "country=AZ",
    "country=IR&country=AZ&all=country",
    "q=protocol&country=TR",
    "official={first_official}",
    "official={second_official}&role=participant",
    "q=Baku&date_from=2020-01-01",
    "q=Tehran+-Ankara",
    "source={source}",
]


def prepare_archive(data_dir: Path, articles: int) -> None:
    """Migrate, load the reference data and ``articles`` synthetic articles, build the index (once per folder)."""
    from django.core.management import call_command

    marker = data_dir / "alerts-archive.json"
    if marker.exists():
        return
    call_command("migrate", "--noinput", verbosity=0)
    call_command("loaddata", "countries", verbosity=0)
    call_command("generate_corpus", "--articles", str(articles), verbosity=0)
    call_command("build_index", verbosity=0)
    marker.write_text(json.dumps({"articles": articles}))


def archive_names() -> dict:
    """Return two officials (slug and name) and an outlet of the generated archive, for the saved searches
    and the imported articles: a filter on a slug the archive lacks would be dropped as invalid and
    match everything."""
    from archive.models import Person, Source
    from archive.synthetic import SLUG_PREFIX

    first, second = Person.objects.filter(slug__startswith=SLUG_PREFIX).order_by("pk")[:2]
    source = Source.objects.filter(slug__startswith=SLUG_PREFIX).order_by("pk").first()
    return {
        "first_official": first.slug,
        "second_official": second.slug,
        "first_name": first.name,
        "second_name": second.name,
        "source": source.slug,
    }


def save_searches(count: int, names: dict) -> None:
    """Replace the saved searches with ``count`` daily ones for 100 analysts, due now (they last looked a day
    ago), the archive's own changes dated before that."""
    import datetime

    from django.contrib.auth.models import User
    from django.utils import timezone

    from alerts.models import Delivery, Digest, SavedSearch
    from archive.models import Article
    from meetings.models import Meeting

    # The archive is old news: only what the import brings next changed within the last day.
    two_days_ago = timezone.now() - datetime.timedelta(days=2)
    Article.objects.update(created_at=two_days_ago, updated_at=two_days_ago)
    Meeting.objects.update(created_at=two_days_ago, updated_at=two_days_ago)
    Delivery.objects.all().delete()
    Digest.objects.all().delete()
    SavedSearch.objects.all().delete()
    users = [
        User.objects.get_or_create(username=f"analyst{n}", defaults={"email": f"analyst{n}@example.org"})[0]
        for n in range(100)
    ]
    ago = timezone.now() - datetime.timedelta(days=1, minutes=5)
    SavedSearch.objects.bulk_create(
        SavedSearch(
            owner=users[n % 100],
            name=f"Search {n}",
            query=QUERIES[n % len(QUERIES)].format(**names),
            frequency="daily",
            checked_until=ago,
            seen_at=ago,
        )
        for n in range(count)
    )


def import_new(data_dir: Path, count: int, names: dict) -> float:
    """Import ``count`` new published articles and apply the index queue; return the seconds it took."""
    from django.core.management import call_command

    from index.worker import IndexWorker

    rng = random.Random(time.time_ns())
    places = ["Baku", "Tehran", "Ankara", "Tbilisi", "Ganja"]
    topics = ["joint exercises", "border security", "defense industry", "military cooperation"]
    lines = []
    stamp = time.time_ns()
    for n in range(count):
        place, topic = rng.choice(places), rng.choice(topics)
        # Words in a random order: the import's near-duplicate check must see a new story each time.
        filler = " ".join(rng.sample(VOCABULARY, 16))
        body = (
            f"{names['first_name']} met {names['second_name']} in {place} to discuss {topic}. "
            f"{filler.capitalize()}. "
            f"Azerbaijan and Iran signed a protocol."
        )
        record = {"title": f"Talks in {place} on {topic}, {stamp}-{n}", "body": body, "date": "2024-05-01"}
        lines.append(json.dumps(record | {"url": f"https://bench.example.org/{stamp}/{n}"}))
    path = data_dir / f"new-{stamp}.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    started = time.monotonic()
    call_command("import_articles", "--publish", str(path), verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    IndexWorker().drain()
    path.unlink()
    return time.monotonic() - started


def timed_send(env) -> tuple[float, float, str]:
    """Run ``send_alerts`` as a timer would; return (seconds, its own peak RSS in MB, its report line).

    The peak is the process's ``VmHWM``, read from /proc while it runs (harness/served.py).
    """
    from harness.served import status_kb

    out, err = (tempfile.TemporaryFile("w+") for _ in range(2))  # noqa: SIM115 - files, not pipes: unread while it runs
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "manage.py", "send_alerts"], cwd=ROOT, env=env, stdout=out, stderr=err)
    peak_kb = 0
    while process.poll() is None:
        peak_kb = max(peak_kb, status_kb(process.pid, "VmHWM") or 0)
        time.sleep(0.2)
    seconds = time.monotonic() - started
    out.seek(0)
    err.seek(0)
    if process.returncode:
        raise SystemExit(f"send_alerts failed:\n{err.read()[-3000:]}")
    lines = out.read().strip().splitlines()
    return seconds, round(peak_kb / 1024, 1), lines[-1] if lines else ""


def main() -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--searches", type=int, default=1_000)
    parser.add_argument("--import", dest="imported", type=int, default=1_000)
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args()
    data_dir = (args.data_dir or BENCH / "var" / f"alerts-{args.articles}").resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    env |= {"PARLEY_DATA_DIR": str(data_dir), "PARLEY_LOG_LEVEL": "WARNING", "PARLEY_SITE_URL": "http://127.0.0.1:8000"}
    os.environ.update(env)
    os.environ.pop("DATABASE_URL", None)
    setup_django()  # preparing runs in this process; only send_alerts, measured, runs on its own
    prepare_archive(data_dir, args.articles)
    names = archive_names()
    save_searches(args.searches, names)
    import_seconds = import_new(data_dir, args.imported, names)
    time.sleep(2.5)  # past the settling time of the index (alerts/changes.py)
    sink = _smtp_sink()
    if sink is not None:
        env |= {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(sink.port)}
    else:
        env |= {"EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend"}
    try:
        seconds, peak_mb, report = timed_send(env)
    finally:
        if sink is not None:
            sink.__exit__(None, None, None)
    result = {
        "articles": args.articles,
        "saved_searches": args.searches,
        "imported": args.imported,
        "import_and_index_seconds": round(import_seconds, 1),
        "send_alerts_seconds": round(seconds, 1),
        "send_alerts_peak_rss_mb": peak_mb,
        "smtp": "loopback aiosmtpd" if sink is not None else "dummy backend",
        "messages_received": len(sink.messages) if sink is not None else None,
        "report": report,
    }
    emit(result)
    return result


def _smtp_sink():
    try:
        sys.path.insert(0, str(ROOT))
        from tests.smtp_sink import SMTPSink
    except ImportError:
        return None
    return SMTPSink().__enter__()


if __name__ == "__main__":
    main()
