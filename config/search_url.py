"""Turn ``SEARCH_URL`` into Haystack's ``HAYSTACK_CONNECTIONS``.

Parley speaks to its search engine only through Haystack, so switching engines is
configuration: the embedded Whoosh index by default, or a cluster engine that
Haystack supports (Elasticsearch 7, Solr), through Parley's thin subclasses of
Haystack's backends (index/engine/elasticsearch7.py, index/engine/solr.py).

Cluster connections never fail silently: Haystack's default ``SILENTLY_FAIL``
would turn an engine that is down into "no results" and ``/healthz`` into
"ok, 0 documents"; raised, the fault becomes a 503 (ops/middleware.py).
"""

from pathlib import Path
from urllib.parse import urlsplit

WHOOSH_ENGINE = "index.engine.whoosh.ParleyWhooshEngine"
ELASTICSEARCH_ENGINE = "index.engine.elasticsearch7.ParleyElasticsearch7SearchEngine"
SOLR_ENGINE = "index.engine.solr.ParleySolrEngine"


# The pinned client library each cluster engine needs, by SEARCH_URL scheme (requirements-<name>.txt).
CLIENT_REQUIREMENTS = {"elasticsearch": "requirements-elasticsearch.txt", "solr": "requirements-solr.txt"}


def client_requirements(search_url: str | None) -> str | None:
    """Return the requirements file of the engine ``search_url`` names, or ``None`` (Whoosh, or not a cluster)."""
    scheme = urlsplit(search_url or "").scheme.partition("+")[0]
    return CLIENT_REQUIREMENTS.get(scheme)


class SearchURLError(ValueError):
    """Raised for a SEARCH_URL Parley cannot use; the message says why."""


def haystack_connections(search_url: str | None, data_dir: Path) -> dict:
    """Return the ``default`` Haystack connection for ``search_url``.

    ``None`` or an empty string means the Whoosh index in ``data_dir/whoosh``;
    ``whoosh:///abs/path`` names another folder; ``elasticsearch://host:port/index``
    and ``solr://host:port/solr/core`` select Haystack's cluster backends
    (``elasticsearch+https://`` and ``solr+https://`` for TLS).
    """
    if not search_url:
        return {"default": {"ENGINE": WHOOSH_ENGINE, "PATH": str(data_dir / "whoosh")}}
    parts = urlsplit(search_url)
    scheme, _, transport = parts.scheme.partition("+")
    transport = transport or "http"
    if scheme == "whoosh":
        if not parts.path:
            raise SearchURLError("SEARCH_URL whoosh:// needs a folder, e.g. whoosh:///srv/parley/index")
        return {"default": {"ENGINE": WHOOSH_ENGINE, "PATH": parts.path}}
    if scheme not in {"elasticsearch", "solr"}:
        raise SearchURLError(
            f"SEARCH_URL scheme {parts.scheme!r} is not supported: use whoosh://, elasticsearch:// or solr://"
        )
    if not parts.hostname:
        raise SearchURLError(f"SEARCH_URL {search_url!r} has no host")
    if transport not in {"http", "https"}:
        raise SearchURLError(f"SEARCH_URL transport {transport!r} must be http or https")
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    if scheme == "elasticsearch":
        index_name = parts.path.strip("/") or "parley"
        return {
            "default": {
                "ENGINE": ELASTICSEARCH_ENGINE,
                "URL": f"{transport}://{netloc}/",
                "INDEX_NAME": index_name,
                "SILENTLY_FAIL": False,
            }
        }
    core_path = parts.path.rstrip("/") or "/solr/parley"
    return {"default": {"ENGINE": SOLR_ENGINE, "URL": f"{transport}://{netloc}{core_path}", "SILENTLY_FAIL": False}}
