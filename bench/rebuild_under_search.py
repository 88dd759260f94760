"""Check the issue's figure: searches during a rebuild of a 20,000-article archive always answer.

    .venv/bin/python bench/rebuild_under_search.py --articles 20000 --data-dir /tmp/parley-rebuild

Prepares a data folder (migrate, seeds, ``--articles`` synthetic articles, first
index), starts gunicorn and the index worker, then runs ``build_index`` while two
threads search continuously. Prints how many searches ran, their status codes,
the smallest result count and the slowest answer; exits 1 if any search failed or
came back empty.
"""

import argparse
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harness.live_desk import RESULT_COUNT, LiveDesk  # noqa: E402
from harness.live_server import ROOT  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20000, help="Synthetic articles to generate.")
    parser.add_argument("--data-dir", type=Path, required=True, help="An empty folder for the archive.")
    args = parser.parse_args()
    desk = LiveDesk(args.data_dir).prepare()
    desk.shell(f"from bench.synthetic import generate; generate({args.articles})")
    desk.manage("build_index")
    desk.start()
    desk.start_worker()
    results, done = [], threading.Event()

    def search():
        queries = ["q=talks", "country=AZ", "q=Baku+protocol", ""]
        n = 0
        while not done.is_set():
            started = time.monotonic()
            status, html = desk.search(queries[n % len(queries)])
            match = RESULT_COUNT.search(html) if status == 200 else None
            results.append((status, int(match.group(1)) if match else 0, time.monotonic() - started))
            n += 1

    try:
        threads = [threading.Thread(target=search) for _ in range(2)]
        for thread in threads:
            thread.start()
        started = time.monotonic()
        build = subprocess.run(
            [sys.executable, "manage.py", "build_index"], cwd=ROOT, env=desk.env, capture_output=True, text=True
        )
        done.set()
        for thread in threads:
            thread.join()
        print(build.stdout.strip())
        print(f"rebuild took {time.monotonic() - started:.1f} s; {len(results)} searches during it")
        statuses = sorted({r[0] for r in results})
        fewest, slowest = min(r[1] for r in results), max(r[2] for r in results)
        print(f"statuses {statuses}; fewest results {fewest}; slowest {slowest:.2f} s")
        ok = build.returncode == 0 and statuses == [200] and fewest > 0
        print("OK: search answered with results throughout" if ok else "FAILED")
        return 0 if ok else 1
    finally:
        desk.stop()


if __name__ == "__main__":
    sys.exit(main())
