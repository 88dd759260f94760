"""``/healthz``: the database, the search index and the index queue, for load balancers."""

import logging

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ops.index_status import index_status

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


def index_queue_model():
    """Return the model of the durable index queue, or ``None`` when the project has none.

    ``PARLEY_INDEX_QUEUE_MODEL`` (``"app_label.ModelName"``) names it; without the
    setting, a model of the ``search`` app whose name says it is the index queue
    is used. A queue model may offer ``objects.pending()``; otherwise every row
    counts as waiting.
    """
    label = getattr(settings, "PARLEY_INDEX_QUEUE_MODEL", None)
    if label:
        return apps.get_model(label)
    if not apps.is_installed("search"):
        return None
    for model in apps.get_app_config("search").get_models():
        name = model.__name__.lower()
        if "queue" in name or name.startswith(("indexchange", "indextask", "pendingindex")):
            return model
    return None


def queue_status() -> dict | None:
    """Return ``{"length": n}`` for the index queue, or ``None`` when there is no queue."""
    model = index_queue_model()
    if model is None:
        return None
    manager = model._default_manager
    try:
        pending = manager.pending() if hasattr(manager, "pending") else manager.all()
        return {"length": pending.count()}
    except Exception:  # noqa: BLE001
        log.exception("health check: index queue cannot be counted")
        return {"length": None, "problem": "The index queue cannot be counted."}


@never_cache
@require_GET
def healthz(request):
    """Return the health report as JSON: 200 when database and index serve, else 503."""
    database = database_status()
    index = index_status(published=database.get("published"))
    report = {"database": database, "index": index.as_dict()}
    queue = queue_status()
    if queue is not None:
        report["queue"] = queue
    healthy = database["ok"] and index.ok
    report["status"] = "ok" if healthy else "unavailable"
    return JsonResponse(report, status=200 if healthy else 503)
