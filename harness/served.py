"""Parley under a real gunicorn in a child process, on a free port.

For the server and browser tests (harness/live_server.py), the benchmark
(bench/web.py, bench/export_bench.py) and the soak test (bench/soak.py); ``make
run`` starts gunicorn itself. Plain Python, importable without Django set up.
"""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def child_pids(pid: int) -> list[int]:
    """Return the process ids of ``pid``'s children (gunicorn's workers), from /proc."""
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def status_kb(pid: int, key: str = "VmRSS") -> int | None:
    """Return a memory figure of ``pid`` from /proc (``VmRSS``, ``VmHWM``...) in kB, or ``None`` once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


# Benchmarks, the soak test and most server tests measure what Parley can do, from one
# address, not what one client may ask: unless a caller wants the limits (throttle/),
# its server's per-client and total rates, concurrency and search-time share are lifted.
KINDS, SETTINGS = ("PAGE", "API", "EXPORT", "FEED"), ("RATE", "TOTAL_RATE", "CONCURRENCY", "TOTAL_CONCURRENCY")
UNLIMITED = {f"PARLEY_{kind}_{name}": "1000000" for kind in KINDS for name in SETTINGS} | {"PARLEY_SEARCH_SHARE": "0"}


class Gunicorn:
    """``gunicorn -c config/gunicorn.conf.py config.wsgi`` with ``env`` on a free port.

    ``start()`` returns once ``probe`` answers (any HTTP status) and raises if gunicorn
    exits or stays silent for ``timeout`` seconds; ``stop()`` terminates it. Usable as
    a context manager. ``limits``: keep the request limits as configured (else lifted,
    see ``UNLIMITED``; ``env`` still wins).
    """

    def __init__(self, env: dict, workers: int | None = None, args=(), stderr=None, limits: bool = False):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**({} if limits else UNLIMITED), **env, "PORT": str(self.port)}
        if workers is not None:
            self.env["WEB_CONCURRENCY"] = str(workers)
        self.args = list(args)
        self.stderr = stderr if stderr is not None else subprocess.DEVNULL
        self.process: subprocess.Popen | None = None

    def start(self, probe: str = "/search/", timeout: float = 30.0) -> "Gunicorn":
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [str(gunicorn), "-c", "config/gunicorn.conf.py", *self.args, "config.wsgi"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=self.stderr,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + probe, timeout=max(2.0, timeout / 2)).read()  # noqa: S310 - our http URL
                return self
            except urllib.error.HTTPError:
                return self  # it answers; the status is the caller's business
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(f"gunicorn exited at start with code {self.process.returncode}") from None
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer {probe} within {timeout:.0f} s")

    def stop(self, timeout: float = 30.0) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=timeout)

    def __enter__(self) -> "Gunicorn":
        return self if self.process else self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def pid(self) -> int:
        return self.process.pid

    def worker_pids(self) -> list[int]:
        return child_pids(self.process.pid) if self.process else []

    def worker_rss_mb(self) -> dict[int, float]:
        sizes = {}
        for pid in self.worker_pids():
            kb = status_kb(pid)
            if kb is not None:
                sizes[pid] = round(kb / 1024, 1)
        return sizes
