"""A per-process cache of the archive aggregates behind the official and country pages.

Those pages aggregate thousands of rows per request (who met whom, per year), which
costs hundreds of milliseconds at 100,000 articles. The aggregates only change
when the archive changes, and every change that matters to them (articles,
participations, countries, a person or country renamed) already writes an
:class:`~index.models.IndexChange` row in its own transaction (index/queue.py)
and, once the worker applies it, a new index generation. So the *archive
version* is:

* the largest queued change number (a change committed by any process),
* the index folder and its modification time (a change applied, a rebuild swapped in).

A cached value is reused only under the same version: one small query per page.
"""

import threading
from collections import OrderedDict

from django.db.models import Max

from index import generations
from index.models import IndexChange

# Rendered fragments are up to ~300 KB (the busiest country's table): bound them by size.
MAX_CHARS = 24 * 1024 * 1024

_entries: OrderedDict = OrderedDict()
_lock = threading.Lock()
_chars = 0


def archive_version() -> tuple:
    """Return a value that changes whenever the archive's published content may have changed."""
    last_change = IndexChange.objects.aggregate(last=Max("pk"))["last"]
    return last_change, generations.live_stamp()


def cached(key: tuple, compute, version: tuple | None = None):
    """Return ``compute()``, reused while :func:`archive_version` stays the same for ``key``."""
    version = archive_version() if version is None else version
    with _lock:
        entry = _entries.get(key)
        if entry is not None and entry[0] == version:
            _entries.move_to_end(key)
            return entry[1]
    value = compute()
    global _chars
    with _lock:
        previous = _entries.pop(key, None)
        _chars -= _size(previous[1]) if previous else 0
        _entries[key] = (version, value)
        _chars += _size(value)
        while _chars > MAX_CHARS and len(_entries) > 1:
            _, (_, dropped) = _entries.popitem(last=False)
            _chars -= _size(dropped)
    return value


def _size(value) -> int:
    return len(value) if isinstance(value, str) else 1


def clear() -> None:
    """Forget every cached value."""
    global _chars
    with _lock:
        _entries.clear()
        _chars = 0
