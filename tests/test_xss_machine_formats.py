"""XSS payloads that arrive through an imported file, and in the machine formats."""

import csv
import io
import json

import feedparser
import pytest

from archive.ingest.pipeline import ImportOptions, run_import
from archive.ingest.read import InputFile
from archive.models import Article
from index.build import build_whoosh_index
from tests.xss_payloads import PAYLOADS, MarkupAudit

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported_payloads(seeds, search_index):
    """Every payload in the headline, body and byline of a JSON Lines file, imported and published."""
    lines = [
        json.dumps(
            {
                "title": f"Imported {number} {payload}",
                "body": f"Payloadimport {number} opens. {payload} Minister Hasanov met the Iranian delegation "
                f"in Baku and discussed {payload} at length.",
                "date": "2020-03-01",
                "byline": f"By {payload}",
                "url": f"https://example.org/imported/{number}",
            }
        )
        for number, payload in enumerate(PAYLOADS, 1)
    ]
    data = "\n".join(lines).encode()
    report = run_import([InputFile.from_bytes("payloads.jsonl", data)], ImportOptions(publish=True))
    assert not report.rejected, report.rejected
    build_whoosh_index()
    return Article.objects.filter(title__startswith="Imported ")


def test_imported_payloads_show_as_text_on_pages(client, imported_payloads):
    assert imported_payloads.count() == len(PAYLOADS)
    for article in imported_payloads:
        response = client.get(article.get_absolute_url())
        audit = MarkupAudit.of(response.content.decode())
        assert audit.dangers == [], audit.dangers
        assert article.title in audit.page_text
    shown = ""
    for page in (1, 2):
        audit = MarkupAudit.of(client.get(f"/search/?q=payloadimport&sort=oldest&page={page}").content.decode())
        assert audit.dangers == [], audit.dangers
        shown += audit.page_text
    assert all(f"Imported {n} {p}" in shown for n, p in enumerate(PAYLOADS, 1))


def test_payloads_stay_text_in_feeds_api_and_exports(client, imported_payloads):
    feed = feedparser.parse(client.get("/search/feed.atom?q=payloadimport").content)
    titles = {entry.title for entry in feed.entries}
    assert {f"Imported {n} {p}" for n, p in enumerate(PAYLOADS, 1)} <= titles
    api = client.get("/api/search?q=payloadimport&page_size=100").json()
    for result in api["results"]:
        snippet = result["snippet"]
        assert MarkupAudit.of(snippet).dangers == []
        assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0
    rows = list(
        csv.DictReader(
            io.StringIO(
                b"".join(client.get("/search/export.csv?q=payloadimport").streaming_content).decode("utf-8-sig")
            )
        )
    )
    assert len(rows) == len(PAYLOADS)
    exported = [
        json.loads(line)
        for line in b"".join(client.get("/search/export.jsonl?q=payloadimport").streaming_content).decode().splitlines()
    ]
    assert {row["headline"] for row in exported} == {f"Imported {n} {p}" for n, p in enumerate(PAYLOADS, 1)}
