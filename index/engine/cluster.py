"""What Parley's cluster backends (Elasticsearch, OpenSearch, Solr) share: facet sizes and telling faults apart.

Haystack's cluster backends are used as they are except where Parley's pages need
something they do not send (index/engine/elasticsearch7.py, index/engine/solr.py).
This module imports neither client library, so the worker can ask it about any
error whichever engine is configured (or none installed).
"""

import importlib

from django.conf import settings

# Elasticsearch has no "every value" for a terms aggregation; 10,000 values per facet is far
# above any facet Parley shows (countries, outlets, officials, years, months) and well below
# Elasticsearch 7's default `search.max_buckets` (65,535 buckets per search).
DEFAULT_FACET_SIZE = 10_000

# HTTP statuses that say the engine as a whole refuses now (busy, overloaded, down behind a
# proxy; credentials wrong or lacking rights, an index made read-only), not that one document is wrong.
ENGINE_REFUSALS = {401, 403, 408, 429, 500, 502, 503, 504}


def facet_size() -> int:
    """Return how many values a cluster engine is asked for per facet (``PARLEY_CLUSTER_FACET_SIZE``)."""
    return int(getattr(settings, "PARLEY_CLUSTER_FACET_SIZE", DEFAULT_FACET_SIZE))


def is_engine_problem(error: BaseException) -> bool:
    """Whether ``error`` means the index cannot take writes now (locked, unreachable, refusing),
    so the whole batch waits and is retried, rather than one record that cannot be indexed."""
    from whoosh.index import LockError

    if isinstance(error, LockError) or "lock" in str(error).lower():
        return True
    return (
        _is_transport_fault(error, "elasticsearch")
        or _is_transport_fault(error, "opensearchpy")
        or _is_solr_fault(error)
        or _is_http_fault(error)
    )


def _is_transport_fault(error, client: str) -> bool:
    """Whether ``error`` is the Elasticsearch-style client library ``client``'s (``elasticsearch``,
    ``opensearchpy``: the same exception classes) failure to reach the engine, or a refusal."""
    try:
        library = importlib.import_module(client)
    except ImportError:
        return False
    if isinstance(error, library.ConnectionError):
        return True
    return isinstance(error, library.TransportError) and error.status_code in ENGINE_REFUSALS


def _is_solr_fault(error) -> bool:
    try:
        from pysolr import SolrError
    except ImportError:
        return False
    if not isinstance(error, SolrError):
        return False
    message = str(error)
    # pysolr raises one error type; its messages say whether the server was reached at all.
    if message.startswith(("Failed to connect", "Connection to server")):
        return True
    return any(f"(HTTP {status})" in message for status in ENGINE_REFUSALS)


def _is_http_fault(error) -> bool:
    try:
        from requests.exceptions import ConnectionError as RequestsConnectionError
        from requests.exceptions import Timeout
    except ImportError:
        return False
    return isinstance(error, RequestsConnectionError | Timeout)
