"""The pinned client library each cluster engine of ``SEARCH_URL`` needs (requirements-<name>.txt).

Standard library only: the Makefile asks before the virtualenv (and Django) exists
(scripts/search_requirements.py).
"""

from urllib.parse import urlsplit

# By SEARCH_URL scheme.
CLIENT_REQUIREMENTS = {
    "elasticsearch": "requirements-elasticsearch.txt",
    "opensearch": "requirements-opensearch.txt",
    "solr": "requirements-solr.txt",
}


def client_requirements(search_url: str | None) -> str | None:
    """Return the requirements file of the engine ``search_url`` names, or ``None`` (Whoosh, or not a cluster)."""
    scheme = urlsplit(search_url or "").scheme.partition("+")[0]
    return CLIENT_REQUIREMENTS.get(scheme)
