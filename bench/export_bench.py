"""Peak memory of a gunicorn worker streaming a large CSV export.

    .venv/bin/python bench/export_bench.py --articles 100000            # the acceptance figure
    .venv/bin/python bench/export_bench.py --articles 5000 --query q=protocol

Prepares a data folder (default ``var/bench-export``; reused across runs) with at
least ``--articles`` published articles (synthetic, written in bulk) and their
index, starts gunicorn with ONE worker on a free port, streams
``/search/export.csv?<query>`` to the end while sampling the worker's resident
memory every 50 ms, and prints the rows, the time, the worker's RSS before the
export and its peak (the kernel's VmHWM, which also covers moments between
samples). Exits 1 if the export is cut short or the peak exceeds ``--limit-mb``.
"""

import argparse
import datetime
import json
import os
import random
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from harness.served import Gunicorn, status_kb  # noqa: E402

PYTHON = sys.executable
TEXT = (
    "the sides discussed prospects for cooperation in the fields of defense and security and exchanged "
    "views on regional issues of mutual interest noting the importance of the meeting for both countries "
    "a protocol was signed at the end of the talks delegations held consultations on training programmes"
)
WORDS = TEXT.split(" ")


def setup_django(data_dir: Path) -> None:
    """Configure Django in this process for ``data_dir`` (the same folder gunicorn will serve)."""
    os.environ["PARLEY_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def generate(wanted: int, seed: int = 6) -> None:
    """Add synthetic published articles (bulk, 5,000 per transaction) until ``wanted`` are published."""
    from django.db import transaction

    from archive.models import Article, Country, Participation, Person, Source
    from archive.text import content_fingerprint

    have = Article.objects.published().count()
    rng = random.Random(seed + have)
    countries = list(Country.objects.filter(code__in=["AZ", "IR", "TR", "RU", "GE", "KZ", "AM"]))
    sources = [
        Source.objects.get_or_create(slug=f"bench-wire-{i}", defaults={"name": f"Wire {i}"})[0] for i in range(5)
    ]
    people = [
        Person.objects.get_or_create(slug=f"bench-official-{i}", defaults={"name": f"Official {i}"})[0]
        for i in range(60)
    ]
    while have < wanted:
        size = min(5000, wanted - have)
        batch = []
        for n in range(have + 1, have + size + 1):
            body = f"Synthetic meeting {n}. " + " ".join(rng.choice(WORDS) for _ in range(300)) + "."
            batch.append(
                Article(
                    title=f"Bench talks {n}",
                    slug=f"bench-{seed}-{n}",
                    body=body,
                    published_on=datetime.date(2010, 1, 1) + datetime.timedelta(days=rng.randrange(5000)),
                    source=rng.choice(sources),
                    status=Article.Status.PUBLISHED,
                    fingerprint=content_fingerprint(body),
                    origin="bench/export_bench.py",
                )
            )
        with transaction.atomic():
            created = Article.objects.bulk_create(batch)
            Participation.objects.bulk_create(
                Participation(article=a, person=p, title="Minister of Defense")
                for a in created
                for p in rng.sample(people, 2)
            )
            Article.countries.through.objects.bulk_create(
                Article.countries.through(article_id=a.pk, country_id=c.pk)
                for a in created
                for c in rng.sample(countries, 2)
            )
        have += size
        print(f"  {have} published articles", flush=True)


class Sampler(threading.Thread):
    """Samples a process's VmRSS until stopped; ``peak_kb`` is the largest sample."""

    def __init__(self, pid: int, interval: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_kb, self.running = pid, interval, 0, True

    def run(self):
        while self.running:
            rss = status_kb(self.pid, "VmRSS")
            if rss is None:
                return  # the worker is gone
            self.peak_kb = max(self.peak_kb, rss)
            time.sleep(self.interval)


def run(args) -> int:
    data_dir = Path(args.data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PARLEY_DATA_DIR": str(data_dir)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    print(f"data folder {data_dir}")
    setup_django(data_dir)
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    call_command("bootstrap")
    generate(args.articles)
    started = time.monotonic()
    call_command("build_index", "--if-stale")
    print(f"index ready in {time.monotonic() - started:.0f} s")
    call_command("collectstatic", "--noinput", verbosity=0)
    timeout = ["--timeout", str(args.worker_timeout)] if args.worker_timeout else []
    server = Gunicorn(env, workers=1, args=timeout).start(probe="/search/", timeout=30)
    try:
        url = server.url
        [worker] = server.worker_pids()
        with urllib.request.urlopen(f"{url}/api/search?page_size=1&{args.query}", timeout=120) as answer:
            expected = json.load(answer)["count"]
        before_kb = status_kb(worker, "VmRSS") or 0
        sampler = Sampler(worker)
        sampler.start()
        rows, size, started = -1, 0, time.monotonic()  # the header is not a row
        with urllib.request.urlopen(f"{url}/search/export.csv?{args.query}", timeout=600) as response:
            while chunk := response.read(1 << 16):
                size += len(chunk)
                rows += chunk.count(b"\r\n")
        seconds = time.monotonic() - started
        sampler.running = False
        sampler.join()
        hwm_kb = status_kb(worker, "VmHWM") or 0
        alive = server.process.poll() is None and worker in server.worker_pids()
    finally:
        server.stop()
    peak_mb = max(hwm_kb, sampler.peak_kb) / 1024
    print(f"export.csv?{args.query}: {rows} rows of {expected} expected, {size / 1e6:.1f} MB in {seconds:.1f} s")
    print(
        f"worker RSS before {before_kb / 1024:.0f} MB, peak sampled {sampler.peak_kb / 1024:.0f} MB, "
        f"VmHWM {hwm_kb / 1024:.0f} MB"
    )
    ok = rows == expected and alive and peak_mb <= args.limit_mb
    verdict = "PASS" if ok else "FAIL"
    print(f"{verdict}: peak {peak_mb:.0f} MB (limit {args.limit_mb} MB), worker {'alive' if alive else 'gone'}")
    return 0 if ok else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, help="published articles the archive must hold")
    parser.add_argument("--data-dir", default=str(ROOT / "var" / "bench-export"), help="reused data folder")
    parser.add_argument("--query", default="", help="search parameters of the export, e.g. q=protocol")
    parser.add_argument(
        "--worker-timeout", type=int, help="gunicorn's worker timeout in s (default: config/gunicorn.conf.py's)"
    )
    parser.add_argument("--limit-mb", type=int, default=250, help="the worker's allowed peak RSS")
    sys.exit(run(parser.parse_args()))


if __name__ == "__main__":
    main()
