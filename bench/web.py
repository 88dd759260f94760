"""HTTP benchmark against a real gunicorn: sequential latency, throughput, worker memory, export."""

import os
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from common import ROOT, summary_ms


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """Parley under gunicorn on a free port, with ``workers`` sync workers."""

    def __init__(self, env: dict, workers: int = 4):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**env, "PORT": str(self.port), "WEB_CONCURRENCY": str(workers)}
        self.process = None

    def __enter__(self):
        gunicorn = Path(os.sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [str(gunicorn), "-c", "config/gunicorn.conf.py", "config.wsgi"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/search/?q=warm", timeout=30).read()
                return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("gunicorn exited at start") from None
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer within 60 s")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)

    def worker_pids(self) -> list[int]:
        try:
            text = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text()
        except OSError:
            return []
        return [int(pid) for pid in text.split()]

    def worker_rss_mb(self) -> dict[int, float]:
        sizes = {}
        for pid in self.worker_pids():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        sizes[pid] = round(int(line.split()[1]) / 1024, 1)
            except OSError:
                continue
        return sizes


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
