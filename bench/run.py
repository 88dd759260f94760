"""Parley's benchmark: ``make bench`` (or ``python bench/run.py``).

Builds (or reuses) a synthetic corpus of ``BENCH_ARTICLES`` articles in its own data
folder, then measures in this order, each part in a fresh process: the index build
through Parley's path and raw Whoosh over the same documents (the ceiling); warm
search latency (articles, meetings, office and sector filters) in process and over
HTTP; lookups of an article by slug and by URL; throughput with concurrent clients
against gunicorn; the curators' desk under the same gunicorn (bench/desk.py: admin
lists and lookups as a logged-in curator, a 19 MB upload on the admin's import
page); the CSV export; the cost of reopening the index after a restart; the import
with its steps as configured (the meeting step), with the tenure step too, and
without steps. Writes ``bench/results/<date>-<N>.json`` and ``.md`` and prints the
table. Medians are over ``BENCH_REPEAT`` rounds.

Environment (all optional): BENCH_ARTICLES (20000), BENCH_SEED (1), BENCH_REPEAT (3),
BENCH_REPS (latency samples per class per round, 20), BENCH_DURATION (throughput
seconds, 60), BENCH_CLIENTS (4), BENCH_WORKERS (gunicorn workers, 4),
BENCH_DATA_DIR (bench/var/<N>-<seed>), BENCH_RESULTS (bench/results), BENCH_SKIP_RAW (1 to
skip the raw Whoosh build), BENCH_IMPORT_ARTICLES (articles per import run, 10000),
BENCH_UPLOAD_MB (the admin upload's size, 19).
"""

import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import desk  # noqa: E402
import web  # noqa: E402
from common import ROOT, read_last_json  # noqa: E402
from report import markdown  # noqa: E402

BENCH = ROOT / "bench"


def settings() -> dict:
    env = os.environ
    articles = int(env.get("BENCH_ARTICLES", "20000"))
    seed = int(env.get("BENCH_SEED", "1"))
    return {
        "articles": articles,
        "seed": seed,
        "repeat": int(env.get("BENCH_REPEAT", "3")),
        "reps": int(env.get("BENCH_REPS", "20")),
        "duration": float(env.get("BENCH_DURATION", "60")),
        "clients": int(env.get("BENCH_CLIENTS", "4")),
        "workers": int(env.get("BENCH_WORKERS", "4")),
        "data_dir": Path(env.get("BENCH_DATA_DIR", BENCH / "var" / f"{articles}-{seed}")).resolve(),
        "results": Path(env.get("BENCH_RESULTS", BENCH / "results")).resolve(),
        "skip_raw": env.get("BENCH_SKIP_RAW", "") == "1",
        "import_articles": int(env.get("BENCH_IMPORT_ARTICLES", "10000")),
        "upload_mb": int(env.get("BENCH_UPLOAD_MB", str(desk.UPLOAD_MB))),
    }


def step(title: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {title}", file=sys.stderr, flush=True)


def run(env: dict, *args, json_out=True):
    """Run a Python script or manage.py command in a fresh process; return its JSON line."""
    completed = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if completed.returncode:
        raise RuntimeError(f"{' '.join(args)} failed ({completed.returncode}):\n{completed.stderr[-3000:]}")
    return read_last_json(completed.stdout) if json_out else completed.stdout


def prepare_corpus(env: dict, config: dict) -> dict:
    """Create the database with the corpus (articles, then offices and meetings) once per (articles, seed);
    later runs reuse it (a corpus made before offices and meetings existed gets them added)."""
    marker = config["data_dir"] / "corpus.json"
    if marker.exists():
        info = json.loads(marker.read_text())
        if "records" not in info:
            run(env, "manage.py", "migrate", "--noinput", json_out=False)
            info["records"] = run(env, "bench/synthetic_records.py", "--seed", str(config["seed"]))
            marker.write_text(json.dumps(info))
        return info | {"reused": True}
    if config["data_dir"].exists():
        shutil.rmtree(config["data_dir"])
    config["data_dir"].mkdir(parents=True)
    run(env, "manage.py", "migrate", "--noinput", json_out=False)
    started = time.monotonic()
    run(
        env,
        "manage.py",
        "generate_corpus",
        "--articles",
        str(config["articles"]),
        "--seed",
        str(config["seed"]),
        json_out=False,
    )
    seconds = time.monotonic() - started
    records = run(env, "bench/synthetic_records.py", "--seed", str(config["seed"]))
    info = {
        "articles": config["articles"],
        "seed": config["seed"],
        "seconds": round(seconds, 1),
        "articles_per_s": round(config["articles"] / seconds, 1),
        "records": records,
        "with_records_seconds": round(time.monotonic() - started, 1),
    }
    marker.write_text(json.dumps(info))
    return info | {"reused": False}


def median_of(values):
    values = [v for v in values if v is not None]
    return round(statistics.median(values), 1) if values else None


def bench_environment(data_dir: Path) -> dict:
    """The environment of every process the benchmark starts: Parley on SQLite in ``data_dir``.

    The benchmark measures the embedded default, and it creates and deletes archives: a
    DATABASE_URL left in the shell (the PostgreSQL test run sets one) must never point it at a
    shared database, where its three import runs would also count each other's records."""
    env = {**os.environ, "PARLEY_DATA_DIR": str(data_dir), "PARLEY_LOG_LEVEL": "WARNING"}
    for name in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL"):
        env.pop(name, None)
    return env


def main() -> dict:
    config = settings()
    env = bench_environment(config["data_dir"])
    results = {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0], "load_avg_at_start": os.getloadavg()},
        "settings": {k: str(v) if isinstance(v, Path) else v for k, v in config.items()},
    }
    step(f"corpus of {config['articles']} articles")
    results["corpus"] = prepare_corpus(env, config)
    step("migrate (a reused corpus may predate the newest migrations)")
    run(env, "manage.py", "migrate", "--noinput", json_out=False)
    step("collectstatic (pages render with the production static files storage)")
    run(env, "manage.py", "collectstatic", "--noinput", "--verbosity", "0", json_out=False)

    step("index build through Parley's path")
    results["build_parley"] = run(env, "bench/build.py", "parley")
    if not config["skip_raw"]:
        docs = Path(tempfile.mkdtemp(prefix="bench-docs-"))
        try:
            step("documents for raw Whoosh (untimed)")
            run(env, "bench/build.py", "dump", str(docs))
            step("index build with raw Whoosh (the ceiling)")
            results["build_raw_whoosh"] = run(env, "bench/build.py", "raw", str(docs))
        finally:
            shutil.rmtree(docs, ignore_errors=True)

    step("reopen after restart")
    results["reopen"] = [run(env, "bench/inprocess.py", "reopen") for _ in range(config["repeat"])]

    step("search latency in process")
    results["latency_in_process"] = run(
        env, "bench/inprocess.py", "latency", str(config["repeat"]), str(config["reps"])
    )

    step("lookups of an article by slug and by URL, in process")
    results["lookups_in_process"] = run(env, "bench/inprocess.py", "lookups", str(config["reps"] * config["repeat"]))

    mix = results["latency_in_process"]["mix"]
    desk.ensure_curator(env)
    desk_paths = desk.desk_paths(env)
    with web.Gunicorn(env, workers=config["workers"]) as server:
        step("warming every worker")
        web.warm(server, mix)
        step("search latency over HTTP")
        results["latency_http"] = [web.latency(server, mix, config["reps"]) for _ in range(config["repeat"])]
        step(f"throughput: {config['clients']} clients for {config['duration']:.0f} s x {config['repeat']}")
        results["throughput"] = [
            web.throughput(server, mix, config["clients"], config["duration"]) for _ in range(config["repeat"])
        ]
        step("curators' desk: admin lists and lookups as a logged-in curator")
        results["desk"] = [desk.latency(server, desk_paths, config["reps"]) for _ in range(config["repeat"])]
        step(f"a {config['upload_mb']} MB upload on the admin's import page")
        results["upload"] = desk.upload(server, config["upload_mb"])
        step("export")
        results["export"] = web.export(server)

    for name, steps in IMPORT_STEPS.items():
        step(f"{name.replace('_', ' ')} ({config['import_articles']} articles)")
        results[name] = import_bench(config, steps)
    results["summary"] = summarise(results)
    return results


# The import's steps after each save, as bench/import_bench.py runs them: as configured (the meeting
# step), with the tenure suggestions too, and none (what the steps cost).
IMPORT_STEPS = {
    "import": None,
    "import_with_tenure_step": "meetings.recording.MeetingStep,offices.propose.TenureStep",
    "import_without_steps": "",
}


def import_bench(config, steps: str | None = None) -> dict:
    """Run bench/import_bench.py with the import's ``steps`` (``None``: as configured) on a scratch data folder."""
    scratch = Path(tempfile.mkdtemp(prefix="bench-import-"))
    env = bench_environment(scratch)
    arguments = ["--articles", str(config["import_articles"])] + ([] if steps is None else ["--steps", steps])
    try:
        return run(env, "bench/import_bench.py", *arguments)
    except (RuntimeError, ValueError) as error:
        return {"error": str(error)[-1000:]}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def summarise(results: dict) -> dict:
    """Return the medians the table shows, with same-run ratios."""
    summary = {}
    parley, raw = results.get("build_parley"), results.get("build_raw_whoosh")
    summary["build"] = {
        "parley_docs_per_s": parley["docs_per_s"],
        "raw_docs_per_s": raw["docs_per_s"] if raw else None,
        "ratio_parley_to_raw": round(parley["docs_per_s"] / raw["docs_per_s"], 2) if raw else None,
    }
    rounds = results["latency_in_process"]["rounds"]
    classes = rounds[0].keys()
    summary["in_process"] = {
        name: {
            "p50_ms": median_of([r[name]["p50_ms"] for r in rounds]),
            "p95_ms": median_of([r[name]["p95_ms"] for r in rounds]),
        }
        for name in classes
    }
    summary["raw_whoosh"] = results["latency_in_process"]["raw_whoosh"]
    http_rounds = results["latency_http"]
    summary["http"] = {
        name: {
            "p50_ms": median_of([r["classes"][name]["p50_ms"] for r in http_rounds]),
            "p95_ms": median_of([r["classes"][name]["p95_ms"] for r in http_rounds]),
        }
        for name in classes
    }
    summary["http_errors"] = sum(r["errors"] for r in http_rounds)
    desk_rounds = results.get("desk") or []
    summary["desk"] = {
        name: {
            "p50_ms": median_of([r["classes"][name]["p50_ms"] for r in desk_rounds]),
            "p95_ms": median_of([r["classes"][name]["p95_ms"] for r in desk_rounds]),
        }
        for name in (desk_rounds[0]["classes"] if desk_rounds else {})
    }
    summary["desk_errors"] = {name: status for r in desk_rounds for name, status in r["errors"].items()}
    throughput = results["throughput"]
    summary["throughput"] = {
        "requests_per_s": median_of([t["requests_per_s"] for t in throughput]),
        "errors": sum(t["errors"] for t in throughput),
        "worker_peak_rss_mb": max((max(t["worker_peak_rss_mb"] or [0]) for t in throughput), default=None),
    }
    summary["reopen_s"] = {
        key: round(statistics.median(r[key] for r in results["reopen"]), 3)
        for key in ("open_s", "first_browse_with_facets_s")
    }
    return summary


if __name__ == "__main__":
    outcome = main()
    config = settings()
    config["results"].mkdir(parents=True, exist_ok=True)
    stem = f"{datetime.date.today().isoformat()}-{config['articles']}"
    (config["results"] / f"{stem}.json").write_text(json.dumps(outcome, indent=1))
    table = markdown(outcome)
    (config["results"] / f"{stem}.md").write_text(table)
    print(table)
    print(f"\nWritten: {config['results'] / (stem + '.json')} and .md", file=sys.stderr)
