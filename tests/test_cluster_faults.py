"""A cluster engine that is down or refusing is loud: 503 with Retry-After everywhere search is needed,
and ``/healthz`` says so. Against the stand-in engines of tests/cluster_engines.py, each both stopped
(connections refused) and answering every request with a 503; the contract scenarios also with a
real engine (``make test-cluster``: down is a port where nothing listens, refusing a server answering 503)."""

import pytest

from index.build import searchable_records
from index.queue import enqueue
from index.worker import IndexWorker

pytestmark = pytest.mark.django_db

PAGES = [
    "/search/?q=Hasanov",
    "/search/",
    "/meetings/",
    "/agreements/",
    "/api/search?q=Hasanov",
    "/api/meetings",
    "/api/agreements",
    "/search/export.csv?q=Hasanov",
    "/search/export.jsonl",
    "/meetings/export.csv",
    "/search/feed.atom?q=Hasanov",
    "/meetings/feed.atom",
    "/officials/zakir-hasanov/feed.atom",
]


@pytest.fixture
def indexed_cluster(cluster, seeds):
    for kind, pk in searchable_records():
        enqueue([pk], kind=kind, with_meetings=False)
    IndexWorker().drain()
    return cluster


def fetch(client, url):
    """GET ``url`` and read it whole (an export streams, and holds its slot until read and closed).

    The test client closes a streamed response once it is read; closing it again here would fire
    ``request_finished`` with Django's ``close_old_connections`` hooked, which closes the test's
    database connection inside its transaction (PostgreSQL)."""
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


@pytest.mark.contract
def test_the_pages_answer_while_the_engine_serves(client, indexed_cluster):
    for url in PAGES:
        assert fetch(client, url).status_code == 200, url
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json()["index"]["ok"] is True
    assert health.json()["index"]["documents"] >= 2


@pytest.mark.contract
@pytest.mark.parametrize("fault", ["down", "refusing"])
def test_an_engine_that_is_down_or_refusing_is_a_503_with_retry_after(client, indexed_cluster, fault):
    if fault == "down":
        indexed_cluster.stop()
    else:
        indexed_cluster.refuse(503)
    for url in PAGES:
        response = fetch(client, url)
        assert response.status_code == 503, url
        assert int(response["Retry-After"]) > 0, url
    health = client.get("/healthz")
    assert health.status_code == 503
    report = health.json()
    assert report["status"] == "unavailable" and report["index"]["ok"] is False
    assert report["index"]["problem"] and report["index"]["documents"] is None


def test_an_engine_without_documents_is_reported_while_the_archive_has_some(client, indexed_cluster):
    indexed_cluster.engine.documents.clear()  # an index dropped behind Parley's back
    report = client.get("/healthz").json()
    assert report["status"] == "unavailable" and report["index"]["documents"] == 0
    assert "empty" in report["index"]["problem"]
