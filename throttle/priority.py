"""Searches first: a long export steps aside while a search is running in any worker.

A search holds a shared ``flock`` on one file for as long as it runs
(:func:`searching`). Between two chunks, an export asks for that lock exclusively
without waiting (:func:`yield_to_searches`): refused means someone is searching,
so it sleeps a little and asks again, up to ``MAX_PAUSE`` seconds, so that exports
still move on under a steady stream of searches. Exports are long and searches
short; this keeps a search's latency what it is on an idle site while exports run.

Within one process the same holds for the GIL: the export's thread sleeps, so the
search's thread runs alone.
"""

import fcntl
import functools
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

MAX_PAUSE = 0.5
PAUSE_STEP = 0.01

_local = threading.local()


def _flag() -> Path:
    folder = Path(settings.PARLEY_LIMITS_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "searching.lock"


@contextmanager
def searching():
    """Mark the enclosed code as a search running (exports pause meanwhile)."""
    fd = os.open(_flag(), os.O_RDWR | os.O_CREAT, 0o600)
    outer = getattr(_local, "searching", False)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
        _local.searching = True
        yield
    finally:
        _local.searching = outer
        os.close(fd)


def _probe() -> int:
    """Return this thread's own open file on the flag (a lock belongs to an open file)."""
    probes = _local.__dict__.setdefault("probes", {})
    flag = _flag()
    if flag not in probes:
        probes[flag] = os.open(flag, os.O_RDWR | os.O_CREAT, 0o600)
    return probes[flag]


def yield_to_searches(max_pause: float = MAX_PAUSE) -> float:
    """Wait while a search runs anywhere, at most ``max_pause`` seconds; return the seconds waited.

    A search's own work (a feed reading its fifty articles) never waits for itself.
    """
    if getattr(_local, "searching", False):
        return 0.0
    fd = _probe()
    started = time.monotonic()
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waited = time.monotonic() - started
            if waited >= max_pause:
                return waited
            time.sleep(PAUSE_STEP)
            continue
        fcntl.flock(fd, fcntl.LOCK_UN)
        return time.monotonic() - started


# Searches one process runs at once: a search waits here, before its deadline starts
# (index/budget.py), instead of waiting for the index's lock inside it.
_searches = threading.BoundedSemaphore(1)


@contextmanager
def foreground(request=None):
    """Run the enclosed search alone in this process, marked as searching for every process's exports.

    The seconds it ran (not those it waited) are added to ``request.search_seconds``, which
    throttle/policy.py charges to the client's share of search time.
    """
    with _searches, searching():
        started = time.perf_counter()
        try:
            yield
        finally:
            if request is not None:
                request.search_seconds = getattr(request, "search_seconds", 0.0) + time.perf_counter() - started


def search_view(view):
    """Decorate a view whose work is a search: see :func:`foreground`."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        with foreground(request):
            return view(request, *args, **kwargs)

    return wrapped
