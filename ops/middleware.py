"""Request-level operations: one log line per request, and a clear 503 when search cannot run."""

import logging
import time

from django.conf import settings
from django.template.response import TemplateResponse

from index.generations import UNREADABLE, quick_problem

request_log = logging.getLogger("parley.requests")
fault_log = logging.getLogger("parley.faults")

# Packages whose exceptions mean "the search engine failed", not "Parley has a bug".
SEARCH_ENGINE_PACKAGES = ("whoosh", "haystack", "elasticsearch", "opensearchpy", "pysolr")
# URL names of the pages that cannot answer without the search index. The article,
# official and country pages read the database only and keep working.
DEFAULT_INDEX_VIEWS = {"search:search"}
RETRY_AFTER_SECONDS = 60


class RequestLogMiddleware:
    """Log one line per request: method, path (never the query string), status, user, duration.

    Query strings are left out because they may carry tokens or personal searches.
    Requests that raise are logged with the exception and its traceback.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        try:
            response = self.get_response(request)
        except Exception:
            self._log(request, 500, started, exc_info=True)
            raise
        self._log(request, response.status_code, started)
        return response

    def process_exception(self, request, exception):
        # Django turns the exception into a 500 page after this; record its context first.
        fault_log.error(
            "unhandled %s on %s %s (user %s)",
            type(exception).__name__,
            request.method,
            request.path,
            _user_id(request),
            exc_info=exception,
        )

    @staticmethod
    def _log(request, status, started, exc_info=False):
        duration_ms = (time.perf_counter() - started) * 1000
        level = logging.ERROR if status >= 500 else logging.INFO
        request_log.log(
            level,
            "%s %s %s %.1fms user=%s",
            request.method,
            request.path,
            status,
            duration_ms,
            _user_id(request),
            exc_info=exc_info,
        )


class SearchIndexGuardMiddleware:
    """Answer 503 with a plain explanation when the search index cannot serve a page.

    Before a page that needs the index (``PARLEY_INDEX_VIEWS``, URL names), a
    missing or never-built Whoosh index is a 503 without touching Haystack, which
    would otherwise create an empty index and show "no results". During any
    public page, an exception raised from inside the search engine (Whoosh,
    Haystack, Elasticsearch, Solr: an unreadable or corrupted index, an unreachable
    cluster) becomes the same 503 instead of a server error. The admin is left
    alone: curators keep working while the index is rebuilt.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        views = set(getattr(settings, "PARLEY_INDEX_VIEWS", DEFAULT_INDEX_VIEWS))
        if match is None or match.view_name not in views:
            return None
        problem = quick_problem()
        if problem:
            fault_log.warning("search unavailable for %s: %s", request.path, problem)
            return unavailable(request, problem)
        return None

    def process_exception(self, request, exception):
        if _is_admin(request) or not raised_by_search_engine(exception):
            return None
        fault_log.error(
            "search engine failed on %s %s: %s: %s",
            request.method,
            request.path,
            type(exception).__name__,
            exception,
            exc_info=exception,
        )
        return unavailable(request, UNREADABLE)


def unavailable(request, reason: str):
    """Return the 503 page with ``reason`` and a ``Retry-After`` header."""
    response = TemplateResponse(request, "503.html", {"reason": reason}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response.render()


def raised_by_search_engine(exception: BaseException) -> bool:
    """Whether any frame of ``exception``'s traceback runs code of a search-engine package."""
    traceback = exception.__traceback__
    while traceback is not None:
        module = traceback.tb_frame.f_globals.get("__name__", "")
        if module.split(".", 1)[0] in SEARCH_ENGINE_PACKAGES:
            return True
        traceback = traceback.tb_next
    return isinstance(exception, _engine_error_types())


def _engine_error_types() -> tuple[type, ...]:
    from haystack.exceptions import SearchBackendError
    from whoosh.index import IndexError as WhooshIndexError

    return (SearchBackendError, WhooshIndexError)


def _is_admin(request) -> bool:
    match = request.resolver_match
    return bool(match and match.app_name == "admin") or request.path.startswith("/admin/")


def _user_id(request) -> str:
    user = getattr(request, "user", None)
    return str(user.pk) if user is not None and user.is_authenticated else "-"
