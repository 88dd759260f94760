"""The limits of each machine interface, applied to its views.

Each kind of request (``api``, ``export``, ``feed``) has, from settings
(``PARLEY_LIMITS``, read from the environment in config/settings.py):

* a rate per client and a rate in total (requests a second, and a burst);
* a number of concurrent requests per client, in total, and per worker process
  (so that a process always keeps threads for searches and pages);
* and, for every kind alike, a client's **share of search time**
  (``PARLEY_SEARCH_SHARE``): the seconds its searches ran are charged after each
  request, so a client looping over expensive searches is held to a fraction of
  one worker, however cheap each request looks to the rate.

Past a client's own share the answer is **429 Too Many Requests**; past the
site's total, **503 Service Unavailable**; both say in ``Retry-After`` when to
come back, in a JSON body for the API and plain text otherwise. A streamed
response (an export) holds its concurrency slots until it is closed, whether
finished or abandoned by the client.
"""

import functools
import math
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse, JsonResponse

from throttle.clients import client_key
from throttle.rates import Rate, RateCounter
from throttle.slots import SlotPool, client_pool


@dataclass(frozen=True)
class Limits:
    """The limits of one kind of request (see the module's docstring); rates in requests a second."""

    client_rate: float
    client_burst: int
    total_rate: float
    total_burst: int
    client_concurrency: int
    total_concurrency: int
    worker_concurrency: int
    # When to come back after a refusal for concurrency (a rate refusal knows its own wait).
    busy_retry_after: int = 5


def configured(kind: str) -> Limits:
    return Limits(**settings.PARLEY_LIMITS[kind])


class _ProcessSlot:
    def __init__(self, semaphore: threading.Semaphore):
        self._semaphore = semaphore

    def release(self) -> None:
        if self._semaphore is not None:
            semaphore, self._semaphore = self._semaphore, None
            semaphore.release()


_process_semaphores: dict[tuple[str, int], threading.BoundedSemaphore] = {}
_process_lock = threading.Lock()
_counters: dict[Path, RateCounter] = {}


def _process_slot(kind: str, size: int) -> _ProcessSlot | None:
    with _process_lock:
        semaphore = _process_semaphores.setdefault((kind, size), threading.BoundedSemaphore(size))
    return _ProcessSlot(semaphore) if semaphore.acquire(blocking=False) else None


def _counter() -> RateCounter:
    path = Path(settings.PARLEY_LIMITS_DIR) / "rates.sqlite3"
    with _process_lock:
        return _counters.setdefault(path, RateCounter(path))


@dataclass
class Refusal:
    """Why a request is not run: the HTTP status (429 or 503), seconds for ``Retry-After``, the message."""

    status: int
    retry_after: int
    message: str


def search_time(client: str, cost: float = 0.0) -> Rate | None:
    """Return the rate of ``client``'s share of search time (``cost``: seconds to charge), or ``None``."""
    share = settings.PARLEY_SEARCH_SHARE
    if not share["per_second"]:
        return None
    return Rate(f"search-time:{client}", share["per_second"], share["burst"], cost=cost)


def admit(kind: str, request):
    """Return ``(slots held, None)`` when the request may run, or ``(None, Refusal)``."""
    limits = configured(kind)
    client = client_key(request)
    rates = [
        Rate(f"{kind}:client:{client}", limits.client_rate, limits.client_burst),
        Rate(f"{kind}:total", limits.total_rate, limits.total_burst),
    ]
    share = search_time(client)
    verdict = _counter().take(rates + ([share] if share else []))
    if not verdict.allowed:
        wait = max(1, math.ceil(verdict.retry_after))
        if verdict.refused_by.key.startswith("search-time:"):
            message = f"Your searches have used their share of Parley's search time; try again in {wait} s."
            return None, Refusal(429, wait, message)
        if verdict.refused_by.key.startswith(f"{kind}:client:"):
            return None, Refusal(429, wait, f"Too many requests from your address; try again in {wait} s.")
        return None, Refusal(503, wait, f"Parley is answering too many requests; try again in {wait} s.")
    folder = Path(settings.PARLEY_LIMITS_DIR)
    held = []
    for take, status, message in (
        (
            lambda: client_pool(folder, kind, client, limits.client_concurrency).acquire(),
            429,
            f"You already have {limits.client_concurrency} such request(s) running; wait for them to finish.",
        ),
        (
            lambda: SlotPool(folder / kind, "total", limits.total_concurrency).acquire(),
            503,
            "Parley is running as many such requests as it can; try again shortly.",
        ),
        (lambda: _process_slot(kind, limits.worker_concurrency), 503, "This worker is busy; try again shortly."),
    ):
        slot = take()
        if slot is None:
            release(held)
            return None, Refusal(status, limits.busy_retry_after, message)
        held.append(slot)
    return held, None


def release(slots, request=None) -> None:
    """Free ``slots``; charge the search time ``request`` spent (throttle/priority.py) to its client."""
    for slot in slots:
        slot.release()
    seconds = getattr(request, "search_seconds", 0.0) if request is not None else 0.0
    share = search_time(client_key(request), seconds) if seconds else None
    if share is not None:
        _counter().charge(share)


class _Releasing:
    """A streamed body that releases its slots (and charges its search time) when the response is closed."""

    def __init__(self, content, slots, request):
        self._content, self._slots, self._request = content, slots, request

    def __iter__(self):
        return iter(self._content)

    def close(self):
        try:
            close = getattr(self._content, "close", None)
            if close is not None:
                close()
        finally:
            release(self._slots, self._request)


def limited(kind: str, *, json: bool = False):
    """Decorate a view: it runs only within the limits of ``kind``; refusals are 429 or 503 with ``Retry-After``."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            slots, refusal = admit(kind, request)
            if refusal is not None:
                return refusal_response(refusal, json=json)
            try:
                response = view(request, *args, **kwargs)
            except BaseException:
                release(slots, request)
                raise
            if response.streaming:
                response.streaming_content = _Releasing(response.streaming_content, slots, request)
            else:
                release(slots, request)
            return response

        return wrapped

    return decorator


def refusal_response(refusal: Refusal, *, json: bool) -> HttpResponse:
    if json:
        response = JsonResponse({"message": refusal.message, "errors": []}, status=refusal.status)
    else:
        response = HttpResponse(refusal.message + "\n", status=refusal.status, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(refusal.retry_after)
    return response
