"""Warm a web process before it serves: open the search index and build its cached arrays."""

import logging

log = logging.getLogger(__name__)


def warm_search() -> None:
    """Run one browse of every article with all facets (what the first search would build), once.

    A missing or broken index is left alone (Haystack's set-up would create an empty one
    in its place) for the pages to report, with a 503 and its reason.
    """
    from django.http import QueryDict

    from index.generations import quick_problem
    from query.search import run_search

    if quick_problem() is not None:
        return
    try:
        run_search(QueryDict(""))
    except Exception:  # noqa: BLE001 - the site answers 503 for this itself; serving must start
        log.warning("search index not warmed at worker start", exc_info=True)
    finally:
        from django.db import connections

        connections.close_all()
