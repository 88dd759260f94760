"""OpenSearch 2 through Parley's backend over opensearch-py (index/engine/opensearch.py).

The scenarios of tests/test_cluster_*.py run against the stand-in OpenSearch too (the ``cluster``
fixture); this file shows why a backend of its own is needed and that SEARCH_URL selects it.
"""

import pytest
from django.http import QueryDict
from haystack import connections

from config.search_url import OPENSEARCH_ENGINE, haystack_connections
from index.build import searchable_records
from index.engine.opensearch import ParleyOpenSearchBackend
from index.queue import enqueue
from index.worker import IndexWorker
from query.search import run_search
from tests.cluster_engines import serving

pytestmark = pytest.mark.django_db


@pytest.fixture
def opensearch():
    with serving("opensearch") as stand_in:
        yield stand_in


def use(settings, tmp_path, search_url: str):
    connections.connections_info = settings.HAYSTACK_CONNECTIONS = haystack_connections(search_url, tmp_path)
    connections.reload("default")
    return connections["default"].get_backend()


def test_the_elasticsearch_client_refuses_opensearch(settings, tmp_path, seeds, opensearch):
    """Pointing ``elasticsearch://`` at OpenSearch fails loudly: the Elasticsearch 7 client (7.14+)
    checks that the server is Elasticsearch before its first request."""
    from elasticsearch.exceptions import UnsupportedProductError

    backend = use(settings, tmp_path, opensearch.search_url.replace("opensearch://", "elasticsearch://"))
    with pytest.raises(UnsupportedProductError):
        backend.setup()
    assert not opensearch.engine.requests_to(r"/_mapping$")


def test_opensearch_url_indexes_and_searches_through_opensearch_py(settings, tmp_path, seeds, opensearch):
    backend = use(settings, tmp_path, opensearch.search_url)
    assert settings.HAYSTACK_CONNECTIONS["default"]["ENGINE"] == OPENSEARCH_ENGINE
    assert isinstance(backend, ParleyOpenSearchBackend) and type(backend.conn).__module__.startswith("opensearchpy")
    for kind, pk in searchable_records():
        enqueue([pk], kind=kind, with_meetings=False)
    IndexWorker().drain()
    assert opensearch.engine.documents
    created = opensearch.engine.requests_to(r"^/parley$")[0].json()
    assert "parley_text" in created["settings"]["analysis"]["analyzer"]  # Parley's analysis, as on Elasticsearch
    page = run_search(QueryDict("q=Hasanov"))
    assert page.count >= 1 and all(hit.article for hit in page.hits)
    user_agents = {request.headers.get("user-agent", "") for request in opensearch.engine.requests}
    assert all("opensearch-py" in agent for agent in user_agents)
