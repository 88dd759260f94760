"""``/healthz``: the database, the search index and the index queue, for load balancers."""

import logging

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from index import generations
from index.freshness import article_freshness
from index.queue import queue_length

log = logging.getLogger("parley.faults")


def database_status() -> dict:
    """Return ``{"ok": bool, "published": int}`` after a real query, or why it failed."""
    from archive.models import Article

    try:
        connection.ensure_connection()
        return {"ok": True, "published": Article.objects.published().count()}
    except Exception:  # noqa: BLE001 - a broken database is the status we report
        log.exception("health check: database query failed")
        return {"ok": False, "problem": "The database cannot be queried."}


def queue_status() -> dict:
    """Return ``{"length": n}``: the articles waiting for the index worker (index/queue.py)."""
    try:
        return {"length": queue_length()}
    except Exception:  # noqa: BLE001 - a broken queue table is the status we report
        log.exception("health check: index queue cannot be counted")
        return {"length": None, "problem": "The index queue cannot be counted."}


def freshness_status(published: int | None) -> dict | None:
    """Return the database's and the index's article counts and whether the index is stale, or None."""
    if published is None:
        return None
    try:
        return article_freshness(published=published).as_dict()
    except Exception:  # noqa: BLE001 - the status line must answer whatever is broken
        log.exception("health check: index freshness cannot be told")
        return None


@never_cache
@require_GET
def healthz(request):
    """Return the health report as JSON: 200 when database and index serve, else 503.

    ``status`` is ``ok``, ``stale`` (the index serves but does not show the archive:
    counts differ with no change waiting, or writes bypassed the queue; still 200, as
    searches work) or ``unavailable``.
    """
    database = database_status()
    index = generations.status(published=database.get("published"))
    articles = freshness_status(database.get("published")) if index.ok else None
    report = {"database": database, "index": index.as_dict(), "queue": queue_status(), "articles": articles}
    healthy = database["ok"] and index.ok
    report["status"] = "unavailable" if not healthy else "stale" if articles and articles["stale"] else "ok"
    return JsonResponse(report, status=200 if healthy else 503)
