"""Parley on a cluster engine: whole facets, AND between words, removals through the worker.

Each test runs against a stand-in Elasticsearch 7 and a stand-in Solr on loopback
(tests/cluster_engines.py: the engines' documented formats and defaults), through
Haystack and the real client libraries, and checks both what Parley shows and the
request the backend sent. Those marked ``contract`` also run against a real engine
(``make test-cluster SEARCH_URL=...``, tests/real_engines.py), where only what Parley
shows is checked: a real engine records no requests.
"""

import datetime
import json
from urllib.parse import parse_qs

import pytest
from django.http import QueryDict
from django.utils import timezone

from archive.models import Article
from index import kinds
from index.build import searchable_records
from index.models import IndexChange
from index.queue import enqueue
from index.worker import IndexWorker
from query.search import run_search
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db

OFFICIALS_IN_GANJA = [f"Ganja Official {letter}" for letter in "ABCDEFGH"]


def index_everything():
    """Queue every searchable record and let the worker send them to the engine."""
    for kind, pk in searchable_records():
        enqueue([pk], kind=kind, with_meetings=False)
    IndexWorker().drain()


def search(query: str):
    return run_search(QueryDict(query))


def facet_counts(page, name) -> dict[str, int]:
    return {value.value: value.count for facet in page.facets if facet.name == name for value in facet.values}


def last_search(cluster) -> dict:
    """Return the last search the backend sent: Elasticsearch's JSON body or Solr's parameters."""
    if cluster.dialect == "elasticsearch":
        return cluster.engine.requests_to(r"/_search$")[-1].json()
    request = cluster.engine.requests_to(r"/select$")[-1]
    # pysolr POSTs the parameters as a form once the URL would be long (spellcheck and facets make it so).
    params = {**request.params, **parse_qs(request.body.decode())} if request.method == "POST" else request.params
    return {name: values[-1] for name, values in params.items()}


@pytest.fixture
def ganja(seeds):
    """Eight articles about Ganja, each with an official of its own: with the seeds', more than ten officials."""
    return [
        make_article(title=f"Ministers meet in Ganja {n}", people=[make_person(name)])
        for n, name in enumerate(OFFICIALS_IN_GANJA)
    ]


@pytest.mark.contract
def test_facets_count_every_value_with_hits(cluster, ganja):
    index_everything()
    everyone = facet_counts(search("facet=official"), "official")
    officials = {person.slug for article in Article.objects.published() for person in article.people.all()}
    assert len(officials) > 10 and set(everyone) == officials
    if cluster.stand_in:  # the request sent (a real engine records none)
        body = last_search(cluster)
        if cluster.dialect == "elasticsearch":
            assert body["aggs"]["officials"]["terms"]["size"] >= 10_000
            assert body["aggs"]["officials"]["terms"]["min_doc_count"] == 1
        else:
            assert body["f.officials.facet.limit"] == "-1" and body["f.officials.facet.mincount"] == "1"
            assert body["f.officials.facet.sort"] == "count"
    # Only values with hits: officials of articles not found are not offered at zero.
    in_ganja = facet_counts(search("q=Ganja"), "official")
    assert set(in_ganja) == {person.slug for article in ganja for person in article.people.all()}
    assert all(count == 1 for count in in_ganja.values())


@pytest.mark.contract
def test_every_word_must_match(cluster, ganja):
    make_article(title="Ministers meet in Sheki", people=[make_person("Sheki Official")])
    index_everything()
    page = search("q=Ministers+Sheki")
    assert [hit.article.title for hit in page.hits] == ["Ministers meet in Sheki"]
    if cluster.stand_in:  # the request sent (a real engine records none)
        body = last_search(cluster)
        if cluster.dialect == "elasticsearch":
            assert body["query"]["bool"]["must"]["query_string"]["default_operator"] == "AND"
        else:
            assert body["q.op"] == "AND"


def deletes_sent(cluster) -> list[str]:
    """Return the identifiers of every delete the backend sent, in order."""
    found = []
    if cluster.dialect == "elasticsearch":
        for request in cluster.engine.requests_to(r"/_bulk$"):
            lines = [json.loads(line) for line in request.body.decode().splitlines() if line.strip()]
            found += [line["delete"]["_id"] for line in lines if "delete" in line]
    else:
        from xml.etree import ElementTree

        for request in cluster.engine.requests_to(r"/update$"):
            root = ElementTree.fromstring(request.body)  # noqa: S314 - XML written by pysolr in this test
            found += [element.text for element in root.findall("id")] if root.tag == "delete" else []
    return found


@pytest.mark.contract
def test_a_withdrawal_reaches_the_engine_through_the_worker(cluster, ganja):
    index_everything()
    withdrawn = ganja[0]
    identifier = kinds.identifier("article", withdrawn.pk)
    assert identifier in cluster.documents
    withdrawn.status = Article.Status.WITHDRAWN
    withdrawn.save()
    reports = IndexWorker().drain()
    assert sum(report.removed for report in reports) >= 1 and all(report.settled for report in reports)
    assert not cluster.stand_in or deletes_sent(cluster) == [identifier]
    assert identifier not in cluster.documents
    assert IndexChange.objects.count() == 0
    assert withdrawn.title not in [hit.article.title for hit in search("q=Ganja").hits]


def test_a_refused_document_stays_queued_and_the_rest_of_its_batch_is_done(cluster, ganja):
    index_everything()
    refused, withdrawn, edited = ganja[0], ganja[1], ganja[2]
    cluster.engine.bad_documents = {kinds.identifier("article", refused.pk), kinds.identifier("article", edited.pk)}
    for article in (refused, withdrawn):
        article.status = Article.Status.WITHDRAWN
        article.save()
    edited.title = "Ministers meet in Ganja again"
    edited.save()
    ok_title = ganja[3]
    ok_title.title = "Ministers meet in Ganja once more"
    ok_title.save()
    started = timezone.now()
    reports = IndexWorker().drain()  # ends: the refused records wait for their retry time
    assert sum(report.failed for report in reports) == 2
    assert kinds.identifier("article", withdrawn.pk) not in cluster.engine.documents
    assert cluster.engine.documents[kinds.identifier("article", ok_title.pk)]["text"].startswith(ok_title.title)
    waiting = IndexChange.objects.pending().filter(kind="article")
    assert sorted(waiting.values_list("object_id", flat=True).distinct()) == sorted([refused.pk, edited.pk])
    for change in waiting:
        assert change.attempts == 1 and change.retry_at >= started + datetime.timedelta(seconds=29)
    assert IndexChange.objects.due().count() == 0
    # The engine takes them again; once due, the worker applies them and the queue is empty.
    cluster.engine.bad_documents = set()
    waiting.update(retry_at=timezone.now())
    IndexWorker().drain()
    assert IndexChange.objects.count() == 0
    assert kinds.identifier("article", refused.pk) not in cluster.engine.documents
    assert cluster.engine.documents[kinds.identifier("article", edited.pk)]["text"].startswith(edited.title)


@pytest.mark.contract
def test_an_engine_that_is_down_keeps_the_whole_batch_queued(cluster, ganja):
    index_everything()
    cluster.stop()
    ganja[0].title = "Edited while the engine is down"
    ganja[0].save()
    ganja[1].status = Article.Status.WITHDRAWN
    ganja[1].save()
    before = sorted(IndexChange.objects.values_list("pk", "attempts"))
    with pytest.raises(Exception):  # noqa: B017, PT011 - the client's own connection error, whichever engine
        IndexWorker().run_batch()
    assert sorted(IndexChange.objects.values_list("pk", "attempts")) == before
    assert IndexChange.objects.due().count() == len(before)


def test_the_worker_removes_through_haystacks_own_backend_too(settings, seeds):
    """A deployment configuring Haystack's stock Solr backend directly (no ``remove_many``) still
    gets its withdrawals applied, through Haystack's ``remove`` one document at a time."""
    from haystack import connections

    from tests.cluster_engines import start_cluster

    stand_in = start_cluster("solr")
    url = stand_in.search_url.replace("solr://", "http://")
    connections.connections_info = settings.HAYSTACK_CONNECTIONS = {
        "default": {"ENGINE": "haystack.backends.solr_backend.SolrEngine", "URL": url, "SILENTLY_FAIL": False}
    }
    connections.reload("default")
    try:
        assert not hasattr(connections["default"].get_backend(), "remove_many")
        index_everything()
        article = Article.objects.published().first()
        article.status = Article.Status.WITHDRAWN
        article.save()
        IndexWorker().drain()
        identifier = kinds.identifier("article", article.pk)
        assert identifier in deletes_sent(stand_in) and identifier not in stand_in.engine.documents
        assert IndexChange.objects.count() == 0
    finally:
        stand_in.stop()
        connections.reload("default")
