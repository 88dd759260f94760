"""Whole result sets on a cluster engine: exports past the result window through the engine's deep
paging (Elasticsearch's point in time and ``search_after``, Solr's ``cursorMark``), complete and in
Whoosh's order; and ``check_index`` comparing the database with the engine's documents.

Against the stand-ins of tests/cluster_engines.py; the result window is lowered from 10,000 to a
few dozen (as ``index.max_result_window`` would be) so that a small archive crosses it.
"""

import csv
import datetime
import io
import re

import pytest
from django.core.management import call_command
from haystack import connections

from archive.models import Article
from config.search_url import WHOOSH_ENGINE
from index import drift, kinds
from index.build import build_whoosh_index
from query import bulk
from tests.factories import make_article
from tests.test_cluster_engines import index_everything

pytestmark = pytest.mark.django_db


WINDOW = 30
BATCH = 8


@pytest.fixture
def archive(seeds, cluster, monkeypatch):
    """Sixty articles over twenty days, three a day (ties in date order), past a result window of 30."""
    monkeypatch.setattr(bulk, "ID_BATCH", BATCH)
    monkeypatch.setattr(drift, "CLUSTER_PAGE", BATCH)
    start = datetime.date(2021, 3, 1)
    for n in range(60):
        make_article(title=f"Envoys meet in Shusha {n}", published_on=start + datetime.timedelta(days=n // 3))
    call_command("build_index", stdout=io.StringIO())
    cluster.lower_result_window(WINDOW)  # as index.max_result_window would
    return cluster


def export_ids(client, query="") -> list[int]:
    response = client.get(f"/search/export.csv?{query}")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    return [int(row["id"]) for row in rows]


def whoosh_export_ids(client, settings, tmp_path, query="") -> list[int]:
    """The same export with the same archive on a Whoosh index built for it."""
    connections.connections_info = settings.HAYSTACK_CONNECTIONS = {
        "default": {"ENGINE": WHOOSH_ENGINE, "PATH": str(tmp_path / "whoosh")}
    }
    connections.reload("default")
    build_whoosh_index()
    return export_ids(client, query)


def by_date_then_identifier(ids: list[int], newest_first: bool) -> list[int]:
    """Solr's order of a date sort: ties by the unique key (``archive.article.<pk>``, compared as text)
    in the sort's direction."""
    dates = dict(Article.objects.filter(pk__in=ids).values_list("pk", "published_on"))
    return sorted(ids, key=lambda pk: (dates[pk], kinds.identifier("article", pk)), reverse=newest_first)


@pytest.mark.contract
@pytest.mark.parametrize("query", ["", "q=Shusha&sort=oldest"])
def test_an_export_past_the_result_window_is_complete_and_in_whooshs_order(client, archive, settings, tmp_path, query):
    on_cluster = export_ids(client, query)
    expected = Article.objects.published().filter(**({"title__contains": "Shusha"} if query else {}))
    assert sorted(on_cluster) == sorted(expected.values_list("pk", flat=True))
    assert len(on_cluster) > WINDOW and len(set(on_cluster)) == len(on_cluster)
    if archive.stand_in:  # the requests sent (a real engine records none)
        if archive.name == "opensearch":
            # A scroll (OpenSearch 2 has no _shard_doc), ties by _doc; refused otherwise (tests/cluster_engines.py).
            (opened,) = [r for r in archive.engine.requests_to(r"^/parley/_search$") if "scroll" in r.params]
            assert opened.json()["size"] == BATCH and "_doc" in opened.json()["sort"][-1]
            *pages, cleared = archive.engine.requests_to(r"^/_search/scroll$")
            assert len(pages) == len(on_cluster) // BATCH and {r.method for r in pages} == {"POST"}
            assert cleared.method == "DELETE" and not archive.engine.scrolls
        elif archive.dialect == "elasticsearch":
            pits = archive.engine.requests_to(r"^/parley/_pit$")
            pages = [r.json() for r in archive.engine.requests_to(r"^/_search$")]
            assert len(pits) == 1 and all(page["pit"]["id"] and page["size"] == BATCH for page in pages)
            assert "search_after" not in pages[0] and all("search_after" in page for page in pages[1:])
            assert not archive.engine.pits  # closed at the end
        else:
            cursors = [r.params for r in archive.engine.requests_to(r"/select$") if "cursorMark" in r.params]
            assert cursors[0]["cursorMark"] == ["*"] and len(cursors) >= len(on_cluster) // BATCH
            assert all(re.search(r",id (asc|desc)$", params["sort"][0]) for params in cursors)
    on_whoosh = whoosh_export_ids(client, settings, tmp_path, query)
    if archive.dialect == "elasticsearch":
        assert on_cluster == on_whoosh  # ties in index order, as Whoosh's document numbers
    else:
        # Solr's cursors need the unique key as the tie-breaker: a day's articles by identifier.
        assert on_cluster == by_date_then_identifier(on_whoosh, newest_first="oldest" not in query)


def test_check_index_reports_every_difference_and_repairs_them(archive):
    index_everything()
    out = io.StringIO()
    call_command("check_index", stdout=out)
    assert "No drift" in out.getvalue()
    missing, withdrawn, edited = Article.objects.filter(title__contains="Shusha").order_by("pk")[:3]
    del archive.engine.documents[kinds.identifier("article", missing.pk)]
    Article.objects.filter(pk=withdrawn.pk).update(status=Article.Status.WITHDRAWN)  # behind the queue's back
    archive.engine.documents[kinds.identifier("article", edited.pk)]["year"] = "1999"
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("check_index", stdout=out)
    report = out.getvalue()
    assert f"article {missing.pk}: missing" in report
    assert f"article {withdrawn.pk}: unexpected" in report
    assert f"article {edited.pk}: different: year is '1999', should be '2021'" in report
    assert "3 differences." in report
    out = io.StringIO()
    call_command("check_index", "--repair", "--apply", stdout=out)
    assert "Repaired: the index matches the database." in out.getvalue()
