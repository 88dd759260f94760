"""Tell gunicorn's master that a worker streaming a long response is alive.

A sync worker reports to the master only between requests, so the master kills
one that spends longer than ``timeout`` on a single request, even one steadily
streaming a 100,000-row export. Long loops call :func:`still_working` once per
chunk: a worker making progress lives, a stuck one is still killed.
"""

_notify = None


def register(worker) -> None:
    """Called in each worker after fork (``post_worker_init`` in config/gunicorn.conf.py)."""
    global _notify
    _notify = worker.notify


def still_working() -> None:
    """Refresh this worker's heartbeat; does nothing outside gunicorn."""
    if _notify is not None:
        _notify()
