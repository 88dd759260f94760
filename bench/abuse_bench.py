"""Abuse measurements: expensive queries, looping abusers, concurrent exports, readers that stop reading.

    python bench/abuse_bench.py --data-dir DIR [--seconds 20] [--workers 2] [--exports 4]

``DIR`` holds an archive with its index (``make bench`` leaves one in
bench/var/<N>-<seed>/; or ``PARLEY_DATA_DIR=DIR manage.py migrate``, then
``generate_corpus`` and ``build_index``). Measures, and prints as a table and one
JSON line:

1. the expensive queries of the abuse report, in process (warm), with what the
   planner cut or refused;
2. the same over HTTP against gunicorn (``--workers``, the shipped configuration);
3. search latency of the query mix, idle, then with two clients looping over the
   expensive queries;
4. search latency while ``--exports`` CSV exports of the whole archive run at once
   (each from its own address, as separate clients), and their rows and times;
5. search latency while two readers hold exports open without reading.
"""

import argparse
import http.client
import os
import socket
import statistics
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from common import emit, percentile, setup_django

from harness.served import Gunicorn

PAIRS = [a + b for a in "bcdfgklmnprstv" for b in "aeiou"]
WORDS = ["delegation", "cooperation", "military", "security", "minister", "defense", "visit", "relations"]
EXPENSIVE = {
    "four prefixes": "co* OR de* OR mi* OR se*",
    "32 two-letter fuzzy OR": " OR ".join(p + "~" for p in PAIRS[:32]),
    "32 prefixes OR": " OR ".join(p + "*" for p in PAIRS[:32]),
    "50 fuzzy words": " ".join(f"{w}~" for w in (WORDS * 7)[:50]),
    "200 plain words": " ".join((WORDS * 25)[:200]),
    "3 KB plain query": " ".join(WORDS * 60)[:3000],
    "7 common phrases": '"military cooperation" "regional security" "defense minister" "the sides discussed" '
    '"prospects for" "ministry reported" "delegation led"',
}
SEARCHES = [
    "/search/?q=delegation",
    "/search/?q=military+cooperation",
    "/search/?q=%22joint+exercises%22",
    "/search/?sort=newest",
    "/api/search?q=security",
]


def in_process() -> dict:
    """Return, per expensive query, seconds (cold and warm), hits, and what the planner did."""
    from django.http import QueryDict

    from query.search import run_search

    figures = {}
    for name, q in EXPENSIVE.items():
        times = []
        for _ in range(2):
            started = time.perf_counter()
            page = run_search(QueryDict(urllib.parse.urlencode({"q": q})))
            times.append(time.perf_counter() - started)
        figures[name] = {
            "cold_s": round(times[0], 2),
            "warm_s": round(times[1], 2),
            "count": page.count,
            "refused": bool(page.refused),
            "notices": len(page.messages),
            "first_notice": (page.messages or [""])[0][:140],
        }
    return figures


def get(port: int, path: str, source: str = "127.0.0.1", timeout: float = 120) -> tuple[int, float]:
    """GET ``path`` to the end from ``source``; return ``(status, seconds)`` (status 0: no answer)."""
    started = time.perf_counter()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        while response.read(65536):
            pass
        connection.close()
        return response.status, time.perf_counter() - started
    except OSError:
        return 0, time.perf_counter() - started


def latency(port: int, seconds: float, stop: threading.Event | None = None) -> dict:
    """Return p50/p95/max (ms) and errors of searches of the mix, one at a time, for ``seconds`` (or
    until ``stop``). They come from 250 addresses in turn: other users, each within its own limits."""
    samples, errors, i = [], 0, 0
    end = time.monotonic() + seconds
    while time.monotonic() < end and not (stop and stop.is_set()):
        status, took = get(port, SEARCHES[i % len(SEARCHES)], source=f"127.0.4.{i % 250 + 1}")
        samples.append(took * 1000)
        errors += status != 200
        i += 1
    return {
        "n": len(samples),
        "p50_ms": round(percentile(samples, 50), 1),
        "p95_ms": round(percentile(samples, 95), 1),
        "max_ms": round(max(samples), 1) if samples else None,
        "errors": errors,
    }


def expensive_over_http(port: int) -> dict:
    """Return the status and seconds of the search page for each expensive query."""
    figures = {}
    for n, (name, q) in enumerate(EXPENSIVE.items()):
        # Each from its own address: one client's share of search time (throttle/) would refuse a series.
        status, took = get(port, "/search/?q=" + urllib.parse.quote(q), source=f"127.0.5.{n + 1}")
        figures[name] = {"status": status, "s": round(took, 2)}
    return figures


def with_abusers(port: int, seconds: float) -> dict:
    """Search latency while two clients loop over the expensive queries."""
    stop = threading.Event()
    statuses: list[int] = []

    def abuser(n):
        queries = list(EXPENSIVE.values())
        i = n
        while not stop.is_set():
            path = "/api/search?q=" + urllib.parse.quote(queries[i % len(queries)])
            statuses.append(get(port, path, source=f"127.0.1.{n}")[0])
            i += 1

    threads = [threading.Thread(target=abuser, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    figures = latency(port, seconds)
    stop.set()
    for thread in threads:
        thread.join()
    figures["abuser_statuses"] = {str(s): statuses.count(s) for s in sorted(set(statuses))}
    return figures


def with_exports(port: int, exports: int, seconds: float) -> dict:
    """Search latency while ``exports`` clients each stream the whole CSV export."""
    results = [None] * exports

    def export(n):
        started = time.perf_counter()
        rows, status = 0, 0
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600, source_address=(f"127.0.2.{n}", 0))
            connection.request("GET", "/search/export.csv", headers={"Host": "127.0.0.1"})
            response = connection.getresponse()
            status = response.status
            for _line in response:
                rows += 1
        except OSError:
            pass
        results[n] = {"status": status, "rows": max(rows - 1, 0), "s": round(time.perf_counter() - started, 1)}

    threads = [threading.Thread(target=export, args=(n,)) for n in range(exports)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)  # every export under way
    done = threading.Event()
    threading.Thread(target=lambda: ([t.join() for t in threads], done.set()), daemon=True).start()
    figures = latency(port, seconds, stop=done)
    for thread in threads:
        thread.join()
    figures["exports"] = results
    return figures


def with_stalled_readers(port: int, seconds: float, readers: int = 2) -> dict:
    """Search latency while ``readers`` clients hold an export open without reading it."""
    sockets = []
    for n in range(readers):
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.bind((f"127.0.3.{n}", 0))
        sock.connect(("127.0.0.1", port))
        sock.sendall(b"GET /search/export.csv HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        sockets.append(sock)
    time.sleep(1.0)
    try:
        return latency(port, seconds)
    finally:
        for sock in sockets:
            sock.close()


def main() -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True, type=Path)
    parser.add_argument("--seconds", type=float, default=20.0, help="Seconds of each latency measurement.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--exports", type=int, default=4)
    args = parser.parse_args()
    os.environ["PARLEY_DATA_DIR"] = str(args.data_dir.resolve())
    os.environ.setdefault("PARLEY_LOG_LEVEL", "WARNING")
    setup_django()
    from archive.models import Article

    results = {"articles": Article.objects.published().count(), "load_avg_at_start": os.getloadavg()}
    results["in_process"] = in_process()
    env = {**os.environ}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    with Gunicorn(env, workers=args.workers, limits=True).start(probe="/search/?q=warm", timeout=120) as server:
        for path in SEARCHES * 3:
            get(server.port, path)
        results["http_expensive"] = expensive_over_http(server.port)
        results["idle"] = latency(server.port, args.seconds)
        results["two_abusers"] = with_abusers(server.port, args.seconds)
        results["exports"] = with_exports(server.port, args.exports, args.seconds * 3)
        results["stalled_readers"] = with_stalled_readers(server.port, args.seconds)
        # The machine may be shared: idle again at the end, and the ratios against the mean of both.
        results["idle_after"] = latency(server.port, args.seconds)
    idle = (results["idle"]["p95_ms"] + results["idle_after"]["p95_ms"]) / 2
    for part in ("two_abusers", "exports", "stalled_readers"):
        results[part]["p95_vs_idle"] = round(results[part]["p95_ms"] / idle, 2) if idle else None
    print_table(results)
    emit(results)
    return results


def print_table(results: dict) -> None:
    out = sys.stderr
    print(f"\n{results['articles']} articles, load average at start {results['load_avg_at_start']}", file=out)
    print("| query | in process warm s (cold) | over HTTP s (status) | hits | refused | first notice |", file=out)
    print("|---|---|---|---|---|---|", file=out)
    for name, f in results["in_process"].items():
        h = results["http_expensive"][name]
        print(
            f"| {name} | {f['warm_s']} ({f['cold_s']}) | {h['s']} ({h['status']}) | {f['count']} | {f['refused']} "
            f"| {f['first_notice']} |",
            file=sys.stderr,
        )
    print("\n| search latency | n | p50 ms | p95 ms | max ms | errors | p95 / idle |", file=sys.stderr)
    print("|---|---|---|---|---|---|---|", file=sys.stderr)
    for part in ("idle", "two_abusers", "exports", "stalled_readers", "idle_after"):
        f = results[part]
        print(
            f"| {part} | {f['n']} | {f['p50_ms']} | {f['p95_ms']} | {f['max_ms']} | {f['errors']} "
            f"| {f.get('p95_vs_idle', '')} |",
            file=sys.stderr,
        )
    exports = results["exports"]["exports"]
    print(f"\nexports: {exports}", file=sys.stderr)
    print(f"abusers' answers: {results['two_abusers']['abuser_statuses']}", file=sys.stderr)
    print(f"median export seconds: {statistics.median(e['s'] for e in exports)}", file=sys.stderr)


if __name__ == "__main__":
    main()
