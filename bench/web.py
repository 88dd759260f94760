"""HTTP benchmark against a real gunicorn: sequential latency, throughput, worker memory, export."""

import threading
import time
import urllib.error
import urllib.request

from common import summary_ms

from harness import served


class Gunicorn(served.Gunicorn):
    """Parley under gunicorn for the benchmark, with ``workers`` sync workers; the context
    manager waits (up to 60 s) for a first search to answer."""

    def __init__(self, env: dict, workers: int = 4):
        super().__init__(env, workers=workers)

    def __enter__(self):
        return self.start(probe="/search/?q=warm", timeout=60)


def fetch(url: str) -> int:
    """GET ``url`` to the end; return the status (a network error counts as status 0)."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            while response.read(65536):
                pass
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def warm(server: Gunicorn, mix: dict[str, str]) -> None:
    """Send every query of the mix to every worker a few times (caches are per process)."""
    for _ in range(3 * len(server.worker_pids() or [1])):
        for path in mix.values():
            fetch(server.url + path)


def latency(server: Gunicorn, mix: dict[str, str], reps: int) -> dict:
    samples = {name: [] for name in mix}
    errors = 0
    for _ in range(reps):
        for name, path in mix.items():
            started = time.perf_counter()
            status = fetch(server.url + path)
            samples[name].append(time.perf_counter() - started)
            errors += status != 200
    return {"classes": {name: summary_ms(values) for name, values in samples.items()}, "errors": errors}


def throughput(server: Gunicorn, mix: dict[str, str], clients: int, seconds: float) -> dict:
    """Run ``clients`` concurrent clients over the mix for ``seconds``; return rate, errors, memory."""
    paths = list(mix.values())
    done, errors, lock = [0], [0], threading.Lock()
    stop = time.monotonic() + seconds
    peak: dict[int, float] = {}

    def client(offset):
        i = offset
        while time.monotonic() < stop:
            status = fetch(server.url + paths[i % len(paths)])
            i += 1
            with lock:
                done[0] += 1
                errors[0] += status != 200

    def sample():
        while time.monotonic() < stop:
            for pid, rss in server.worker_rss_mb().items():
                peak[pid] = max(peak.get(pid, 0), rss)
            time.sleep(0.5)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    threads.append(threading.Thread(target=sample))
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": done[0],
        "requests_per_s": round(done[0] / elapsed, 1),
        "errors": errors[0],
        "worker_peak_rss_mb": sorted(peak.values()),
    }


def export(server: Gunicorn, path: str = "/search/export.csv") -> dict | None:
    """Stream the CSV export of everything; ``None`` when the site has no export yet."""
    probe = fetch(server.url + path + "?q=zzzzqqq")
    if probe == 404:
        return None
    peak: dict[int, float] = {}
    finished = threading.Event()

    def sample():
        while not finished.is_set():
            for pid, rss in server.worker_rss_mb().items():
                peak[pid] = max(peak.get(pid, 0), rss)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.perf_counter()
    rows, status = 0, 0
    try:
        with urllib.request.urlopen(server.url + path, timeout=600) as response:
            status = response.status
            for _line in response:
                rows += 1
    except OSError as error:
        status = getattr(error, "code", 0)
    finally:
        finished.set()
        sampler.join()
    seconds = time.perf_counter() - started
    return {
        "status": status,
        "rows": max(rows - 1, 0),
        "seconds": round(seconds, 2),
        "rows_per_s": round(rows / seconds, 1) if seconds else None,
        "worker_peak_rss_mb": max(peak.values()) if peak else None,
    }
