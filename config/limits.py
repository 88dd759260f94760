"""The limits of the machine interfaces (throttle/policy.py), read from the environment.

For each kind of request, ``PARLEY_<KIND>_RATE`` is a client's requests per
second (exports: per minute), ``PARLEY_<KIND>_TOTAL_RATE`` the same for all
clients together, ``PARLEY_<KIND>_CONCURRENCY`` and
``PARLEY_<KIND>_TOTAL_CONCURRENCY`` how many may run at once for one client and
in total. Bursts are a few seconds' (exports: minutes') worth of the rate.
"""

from config.env import env_float, env_int

# Threads per gunicorn worker (config/gunicorn.conf.py): exports may take all but two of them,
# so that each process keeps threads for searches and pages whatever the exports do.
THREADS = max(3, env_int("PARLEY_THREADS", 6))
FREE_THREADS = 2


def _limits(kind: str, rate: float, total_rate: float, concurrency: int, total: int, per: float, worker: int) -> dict:
    """Return one kind's limits; ``per`` is the rate's unit in seconds (1 or 60)."""
    client_rate = env_float(f"PARLEY_{kind}_RATE", rate) / per
    total_rate = env_float(f"PARLEY_{kind}_TOTAL_RATE", total_rate) / per
    return {
        "client_rate": client_rate,
        "client_burst": max(1, round(client_rate * 3 * per)),
        "total_rate": total_rate,
        "total_burst": max(1, round(total_rate * 2 * per)),
        "client_concurrency": env_int(f"PARLEY_{kind}_CONCURRENCY", concurrency),
        "total_concurrency": env_int(f"PARLEY_{kind}_TOTAL_CONCURRENCY", total),
        "worker_concurrency": worker,
        "busy_retry_after": 30 if per == 60 else 5,
    }


def machine_limits() -> dict[str, dict]:
    """Return ``PARLEY_LIMITS``: the limits of the search page, the API, the exports and the feeds."""
    return {
        "page": _limits("PAGE", 10, 100, 4, 64, per=1, worker=THREADS),
        "api": _limits("API", 10, 60, 2, 8, per=1, worker=THREADS),
        "export": _limits("EXPORT", 6, 30, 1, 4, per=60, worker=THREADS - FREE_THREADS),
        "feed": _limits("FEED", 2, 20, 2, 8, per=1, worker=THREADS),
    }


def search_share() -> dict:
    """Return ``PARLEY_SEARCH_SHARE``: the seconds of search a second one client may use on average
    (``PARLEY_SEARCH_SHARE``, 0 for no limit) and at once (``PARLEY_SEARCH_SHARE_BURST``)."""
    return {
        "per_second": env_float("PARLEY_SEARCH_SHARE", 0.25),
        "burst": env_float("PARLEY_SEARCH_SHARE_BURST", 4.0),
    }
