"""CSV and JSON Lines exports: every row, safe cells, strict parameters, streamed."""

import csv
import io
import json

import pytest
from django.http import StreamingHttpResponse

from archive.models import Article, Country, Participation
from index.build import build_whoosh_index
from renderers.exports import spreadsheet_safe
from tests.factories import make_article, make_person, make_source

pytestmark = pytest.mark.django_db


def body(response) -> str:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(response) -> list[dict]:
    text = body(response)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def test_csv_has_one_row_per_article_with_people_and_countries_joined(client, indexed_seeds):
    response = client.get("/search/export.csv", {"official": "zakir-hasanov", "sort": "oldest"})
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="parley-')
    rows = csv_rows(response)
    assert [r["date"] for r in rows] == ["2019-01-16", "2019-07-18"]
    first = Article.objects.get(pk=rows[0]["id"])
    assert rows[0]["headline"] == first.title and rows[0]["source"] == "News.Az"
    assert "Zakir Hasanov (Defense Minister, Colonel General)" in rows[0]["participants"].split("; ")
    assert set(rows[0]["country_codes"].split("; ")) == set(first.countries.values_list("code", flat=True))
    assert rows[0]["url"] == f"http://testserver/articles/{first.slug}/"


def test_jsonl_has_one_object_per_line(client, indexed_seeds):
    response = client.get("/search/export.jsonl", {"country": "IR"})
    lines = body(response).splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["date"] for r in records] == ["2019-07-18", "2019-01-16"]
    assert all({"id", "headline", "officials", "countries", "source", "url"} <= r.keys() for r in records)


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_cells_that_a_spreadsheet_would_run_are_defused(value):
    assert spreadsheet_safe(value) == "'" + value
    assert spreadsheet_safe("Baku talks") == "Baku talks" and spreadsheet_safe(3) == 3


def test_hostile_values_are_quoted_and_defused_in_the_file(client, seeds, search_index):
    source = make_source('=cmd|" /C calc"!A0, Inc.')
    make_article(title='-1+1, "quoted"\nheadline', byline="@evil", source=source)
    build_whoosh_index()
    [row] = csv_rows(client.get("/search/export.csv", {"source": source.slug}))
    assert row["headline"] == '\'-1+1, "quoted"\nheadline'
    assert row["byline"] == "'@evil" and row["source"] == '\'=cmd|" /C calc"!A0, Inc.'


@pytest.mark.parametrize("url", ["/search/export.csv", "/search/export.jsonl"])
def test_bad_parameters_are_a_400_naming_them(client, indexed_seeds, url):
    response = client.get(url, {"country": "ZZ"})
    assert response.status_code == 400 and response.content.decode().startswith("country: ")
    assert client.get(url, {"page": "2"}).status_code == 400


def test_unpublished_articles_are_never_exported(client, seeds, search_index):
    make_article(title="Visible one", body="Visible zanzibarian talks.")
    hidden = make_article(title="Hidden one", body="Hidden zanzibarian talks.")
    build_whoosh_index()
    # The index still holds it, the database no longer publishes it.
    Article.objects.filter(pk=hidden.pk).update(status=Article.Status.WITHDRAWN)
    make_article(title="Draft one", body="Draft zanzibarian talks.", status=Article.Status.DRAFT)
    rows = csv_rows(client.get("/search/export.csv", {"q": "zanzibarian"}))
    assert [r["headline"] for r in rows] == ["Visible one"]


def test_a_large_result_set_streams_to_the_end_in_many_chunks(client, seeds, search_index, settings):
    """3,000 articles: more than one id batch from the index and several database chunks."""
    azerbaijan = Country.objects.get(code="AZ")
    person = make_person("Bulk Official")
    articles = Article.objects.bulk_create(
        Article(
            title=f"Bulk meeting {n}",
            slug=f"bulk-{n}",
            body=f"Bulk body {n} about meetings.",
            published_on=f"20{10 + n % 10}-0{1 + n % 9}-1{n % 10}",
            status=Article.Status.PUBLISHED,
            fingerprint=f"bulk-{n}",
        )
        for n in range(3000)
    )
    Article.countries.through.objects.bulk_create(
        Article.countries.through(article_id=a.pk, country_id=azerbaijan.pk) for a in articles
    )
    Participation.objects.bulk_create(Participation(article=a, person=person) for a in articles)
    build_whoosh_index()
    response = client.get("/search/export.csv", {"country": "AZ"})
    chunks = [chunk.decode() for chunk in response.streaming_content]
    rows = list(csv.DictReader(io.StringIO("".join(chunks)[1:], newline="")))
    ids = [int(r["id"]) for r in rows]
    assert len(ids) == 3000 + 2 and len(set(ids)) == len(ids)  # the seeds are about Azerbaijan too
    assert len(chunks) >= 1 + 3000 // 500
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates, reverse=True)
    assert all(r["participants"] == "Bulk Official" for r in rows if r["headline"].startswith("Bulk"))


def test_streaming_refreshes_the_worker_heartbeat(client, indexed_seeds, monkeypatch):
    """A sync gunicorn worker only reports between requests; a long export reports per chunk."""
    from config import liveness

    beats = []

    class Worker:
        def notify(self):
            beats.append(1)

    monkeypatch.setattr(liveness, "_notify", None)
    liveness.register(Worker())
    body(client.get("/search/export.jsonl"))
    assert beats
    liveness.still_working()
    assert len(beats) >= 2
