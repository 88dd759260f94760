"""Elasticsearch 8 through the Elasticsearch 7.17 client in compatibility mode (index/engine/elasticsearch7.py).

The scenarios of tests/test_cluster_*.py run against the stand-in Elasticsearch 8 too (the ``cluster``
fixture). This file shows that every request asks for Elasticsearch 7's format, which Haystack's
backend writes and reads, and that the index worker, as a process of its own, applies updates and
removals to Elasticsearch 8.
"""

import pytest
from django.http import QueryDict

from harness.live_desk import LiveDesk
from index import kinds
from index.build import searchable_records
from index.engine.elasticsearch7 import COMPATIBLE_WITH_7, CompatibleTransport
from index.queue import enqueue
from index.worker import IndexWorker
from query.search import run_search
from tests.cluster_engines import serving
from tests.test_cluster_engines import deletes_sent
from tests.test_cluster_opensearch import use


@pytest.fixture
def elasticsearch8():
    with serving("elasticsearch8") as stand_in:
        yield stand_in


@pytest.mark.django_db
def test_every_request_asks_for_elasticsearch_7s_format(settings, tmp_path, seeds, elasticsearch8):
    backend = use(settings, tmp_path, elasticsearch8.search_url)
    assert isinstance(backend.conn.transport, CompatibleTransport)
    for kind, pk in searchable_records():
        enqueue([pk], kind=kind, with_meetings=False)
    IndexWorker().drain()
    page = run_search(QueryDict("q=Hasanov"))
    assert page.count >= 1 and all(hit.article for hit in page.hits)
    requests = elasticsearch8.engine.requests
    assert {request.path for request in requests} >= {"/", "/parley", "/parley/_bulk", "/parley/_search"}
    assert {request.headers["accept"] for request in requests} == {COMPATIBLE_WITH_7}
    assert {request.headers["content-type"] for request in requests if request.body} == {COMPATIBLE_WITH_7}
    # Answered in that format: with mapping types, which Elasticsearch 8's own format no longer has.
    answer = backend.conn.search(index="parley", body={"query": {"match_all": {}}})
    assert {hit["_type"] for hit in answer["hits"]["hits"]} == {"_doc"}
    assert answer["hits"]["total"] == {"value": len(elasticsearch8.documents), "relation": "eq"}


@pytest.mark.server
def test_the_index_worker_process_updates_and_removes_documents_on_elasticsearch_8(tmp_path, elasticsearch8):
    desk = LiveDesk(tmp_path / "data").prepare()
    desk.env["SEARCH_URL"] = elasticsearch8.search_url
    try:
        desk.manage("build_index")
        built = dict(elasticsearch8.documents)
        changed = desk.shell(
            "from archive.models import Article\n"
            "edited, withdrawn = Article.objects.published().order_by('pk')[:2]\n"
            "edited.title = 'Edited while the worker runs on Elasticsearch 8'\n"
            "edited.save()\n"
            "withdrawn.status = Article.Status.WITHDRAWN\n"
            "withdrawn.save()\n"
            "print(edited.pk, withdrawn.pk)"
        )
        edited, withdrawn = (kinds.identifier("article", int(pk)) for pk in changed.split())
        assert edited in built and withdrawn in built and desk.queue_length() > 0
        elasticsearch8.engine.requests.clear()
        desk.start_worker()
        desk.wait_for_empty_queue(timeout=90)
    finally:
        desk.stop_worker()
    log = desk.worker_log.read_text()
    assert "Traceback" not in log, log[-3000:]
    documents = elasticsearch8.documents
    assert documents[edited]["text"].startswith("Edited while the worker runs on Elasticsearch 8")
    assert withdrawn not in documents
    assert withdrawn in deletes_sent(elasticsearch8)  # the worker's remove_many: one _bulk of deletes
    sent = [request for request in elasticsearch8.engine.requests if request.body]
    assert sent and all(request.headers["content-type"] == COMPATIBLE_WITH_7 for request in sent)
    # Every document is what the database says (a meeting reported only by the withdrawn article is gone too),
    # read back through a point in time by check_index, another process.
    check = desk.check_index()
    assert check.returncode == 0 and "No drift" in check.stdout, check.stdout[-2000:]
    assert elasticsearch8.engine.requests_to(r"^/parley/_pit$") and not elasticsearch8.engine.pits
