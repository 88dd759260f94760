"""The agreements tracker (/agreements/): the seeds' protocol in every format, facets, keywords, the index
kept current through the queue, bad parameters, XSS payloads. On a real Whoosh index."""

import csv
import io
import json
from urllib.parse import quote

import pytest
from django.http import QueryDict

from index.build import build_whoosh_index
from index.models import IndexChange
from index.worker import IndexWorker
from meetings.models import Agreement, Meeting, MeetingParticipant, MeetingReport, Review
from query.agreements import AgreementSearch
from tests.xss_payloads import PAYLOADS, MarkupAudit, create_payload_archive

pytestmark = pytest.mark.django_db

PROTOCOL_TITLE = "a protocol on the results of the meeting"


@pytest.fixture
def seeded(seeds, search_index):
    build_whoosh_index()
    # The index holds what loading the seeds queued: an empty queue, so a test sees only its own changes.
    IndexChange.objects.all().delete()
    return search_index


def read(response) -> str:
    """Return a response's text, streamed or not (see tests/test_office_search.py on closing)."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8-sig")


def agreement_page(query: str = ""):
    return AgreementSearch(QueryDict(query)).page()


def counts(page, name):
    return {v.value: v.count for f in page.facets if f.name == name for v in f.values}


# Acceptance: the protocol of 2019-01-16 with Hasanov and Bagheri ---------------------------------


def test_the_tracker_lists_the_seed_protocol_with_its_signatories_and_their_offices(client, seeded):
    html = client.get("/agreements/").content.decode()
    assert "1 agreement<" in html
    assert f"Protocol: {PROTOCOL_TITLE}" in html
    assert "Zakir Hasanov" in html and "Mohammad Bagheri" in html
    assert '<time datetime="2019-01-16">16 January 2019</time>' in html and "Baku" in html
    assert 'href="/meetings/1/"' in html and "In the end, the sides signed a protocol" in html
    assert "Minister of Defense of Azerbaijan" in html  # Hasanov's office held that day
    assert "/articles/2019-01-16-hasanov-meets-bagheri-in-baku/" in html  # the sentence's source


def test_the_api_describes_the_protocol(client, seeded):
    response = client.get("/api/agreements")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    (record,) = data["results"]
    assert (record["kind"], record["title"], record["date"]) == ("protocol", PROTOCOL_TITLE, "2019-01-16")
    assert [p["code"] for p in record["parties"]] == ["AZ", "IR"]
    assert [s["name"] for s in record["signatories"]] == ["Zakir Hasanov", "Mohammad Bagheri"]
    hasanov = record["signatories"][0]
    assert [o["slug"] for o in hasanov["offices"]] == ["minister-of-defense-of-azerbaijan"]
    assert record["meeting"] == {"id": 1, "url": "http://testserver/meetings/1/", "review": "reviewed"}
    assert record["url"] == "http://testserver/meetings/1/#agreement-1"
    assert record["article"]["url"].endswith("/articles/2019-01-16-hasanov-meets-bagheri-in-baku/")
    assert record["sentence"].startswith("In the end, the sides signed a protocol")
    assert {f["name"] for f in data["facets"]} == {"kind", "party", "year", "sector"}


def test_the_exports_and_the_feed_carry_the_protocol(client, seeded):
    rows = list(csv.DictReader(io.StringIO(read(client.get("/agreements/export.csv")))))
    assert len(rows) == 1
    assert rows[0]["title"] == PROTOCOL_TITLE and rows[0]["parties"] == "AZ; IR" and rows[0]["date"] == "2019-01-16"
    assert rows[0]["signatories"] == "Zakir Hasanov (AZ); Mohammad Bagheri (IR)"
    assert "Zakir Hasanov: Minister of Defense of Azerbaijan" in rows[0]["offices"]
    lines = read(client.get("/agreements/export.jsonl")).splitlines()
    assert [json.loads(line)["title"] for line in lines] == [PROTOCOL_TITLE]
    feed = read(client.get("/agreements/feed.atom"))
    assert f"2019-01-16: {PROTOCOL_TITLE} (Azerbaijan, Iran)" in feed and "/meetings/1/#agreement-1" in feed


# Facets and keywords ---------------------------------------------------------------------------


def test_facets_count_kind_party_year_and_sector(seeded):
    page = agreement_page()
    assert counts(page, "kind") == {"protocol": 1}
    assert counts(page, "party") == {"AZ": 1, "IR": 1}
    assert counts(page, "year") == {"2019": 1}
    assert counts(page, "sector") == {"military": 1}
    assert agreement_page("party=AZ&party=IR&all=party&kind=protocol&year=2019&sector=military").count == 1
    assert agreement_page("kind=memorandum").count == 0
    assert agreement_page("party=TR").count == 0
    assert agreement_page("year=2020").count == 0
    # The sector is read with the parties: no Iranian diplomat signed.
    assert agreement_page("party=IR&sector=diplomatic").count == 0
    assert agreement_page("party=IR&sector=military").count == 1


def test_keywords_search_the_title_and_the_sentence_only(seeded):
    assert agreement_page("q=results").count == 1  # the title
    assert agreement_page("q=%22the+sides+signed%22").count == 1  # the sentence
    assert agreement_page("q=Bagheri").count == 0  # a name is in the meeting's reports, not in the agreement
    page = agreement_page("q=sides")
    assert "<mark>sides</mark>" in str(page.hits[0].snippet)


# The index follows the database ------------------------------------------------------------------


def test_a_new_agreement_is_queued_and_indexed_and_a_deleted_one_removed(seeded):
    meeting = Meeting.objects.get(pk=2)
    agreement = Agreement.objects.create(meeting=meeting, kind="memorandum", title="memorandum on culture")
    agreement.parties.set(["AZ", "IR"])
    assert IndexChange.objects.pending().filter(kind="agreement", object_id=agreement.pk).exists()
    IndexWorker().run_batch()
    assert agreement_page("kind=memorandum&party=IR").count == 1
    # Iran's ambassador held a diplomatic office: the sector follows the signatories of this meeting.
    assert agreement_page("kind=memorandum&party=IR&sector=diplomatic").count == 1
    agreement.delete()
    IndexWorker().run_batch()
    assert agreement_page("kind=memorandum").count == 0


def test_an_agreement_leaves_the_tracker_with_its_meeting(seeded):
    Meeting.objects.filter(pk=1).update(review=Review.REJECTED)  # a plain update sends no signal
    Meeting.objects.get(pk=1).save()
    IndexWorker().run_batch()
    assert agreement_page().count == 0


# Bad parameters ---------------------------------------------------------------------------------

BAD_QUERIES = [
    "kind=treaty",
    "kind=" + quote(PAYLOADS[0]),
    "kind=protocol&kind=protocol",
    "party=ZZ",
    "party=azerbaijan",
    "party=" + quote(PAYLOADS[1]),
    "&".join(["party=AZ"] * 30),
    "year=19",
    "year=" + "9" * 5000,
    "sector=navy",
    "sector=%00",
    "all=kind",
    "all=year&year=2019",
    "date_from=2019-13-01",
    "date_from=2020-01-01&date_to=2019-01-01",
    "sort=sideways",
    "page=0",
    "page=" + "9" * 50,
    "page_size=1000",
    "q=" + quote(PAYLOADS[2]),
    "q=%22unclosed",
    "facet=" + quote(PAYLOADS[3]),
    "nonsense=1",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_parameters_never_fail(client, seeded, query):
    response = client.get(f"/agreements/?{query}")
    assert response.status_code == 200, query
    assert MarkupAudit.of(response.content.decode()).dangers == []
    for path in ("/api/agreements", "/agreements/export.csv", "/agreements/export.jsonl", "/agreements/feed.atom"):
        response = client.get(f"{path}?{query}")
        assert response.status_code in (200, 400), (path, query, response.status_code)
        read(response)


def test_a_bad_parameter_is_named(client, seeded):
    html = client.get("/agreements/?kind=treaty&party=ZZ").content.decode()
    assert "treaty" in html and "ZZ" in html and "It was ignored." in html
    response = client.get("/api/agreements?kind=treaty")
    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "kind"
    response = client.get("/agreements/export.csv?party=ZZ")
    assert response.status_code == 400 and response["Content-Type"].startswith("text/plain")
    assert "party" in response.content.decode()


# Links in and out ------------------------------------------------------------------------------


def test_the_meeting_page_links_to_its_parties_agreements_and_the_nav_to_the_tracker(client, seeded):
    html = client.get("/meetings/1/").content.decode()
    assert 'href="/agreements/?party=AZ&amp;party=IR&amp;all=party"' in html
    assert 'id="agreement-1"' in html
    assert 'href="/agreements/">Agreements</a>' in client.get("/search/").content.decode()
    assert agreement_page("party=AZ&party=IR&all=party").count == 1


# XSS payloads in titles, sentences and names stay text -------------------------------------------


@pytest.fixture
def payload_agreements(seeds, search_index):
    for number, article in enumerate(create_payload_archive(), 1):
        payload = PAYLOADS[number - 1]
        meeting = Meeting.objects.create(start=article.published_on, city=f"City {payload}"[:120])
        person = article.participations.get().person
        MeetingParticipant.objects.create(meeting=meeting, person=person, country_id="AZ", side="host")
        MeetingParticipant.objects.create(
            meeting=meeting, name=f"Guest {number} {payload}"[:200], country_id="IR", side="visitor"
        )
        agreement = Agreement.objects.create(
            meeting=meeting, kind="protocol", title=f"Protocol {payload}"[:400], sentence=f"Signed {payload}"
        )
        agreement.parties.set(["AZ", "IR"])
        MeetingReport.objects.create(meeting=meeting, article=article, evidence=[[0, len(article.body)]])
    Agreement.objects.create(
        meeting=meeting, kind="plan", title='=HYPERLINK("http://evil.example")', sentence="@SUM(1)"
    )
    build_whoosh_index()


def test_payloads_stay_text_in_html_json_csv_and_feed(client, payload_agreements):
    text = ""
    for url in ("/agreements/", "/agreements/?page=2", "/agreements/?q=" + quote(PAYLOADS[0])):
        audit = MarkupAudit.of(client.get(url).content.decode())
        assert audit.dangers == [], (url, audit.dangers)
        text += audit.page_text
    assert all(f"Protocol {p}" in text for p in PAYLOADS) and f"Guest 1 {PAYLOADS[0]}" in text
    data = client.get("/api/agreements?page_size=100").json()
    assert {r["title"] for r in data["results"]} == {f"Protocol {p}" for p in PAYLOADS} | {
        PROTOCOL_TITLE,
        '=HYPERLINK("http://evil.example")',
    }
    rows = list(csv.DictReader(io.StringIO(read(client.get("/agreements/export.csv")))))
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())
    formula = next(row for row in rows if row["kind"] == "plan")
    assert (formula["title"], formula["sentence"]) == ('\'=HYPERLINK("http://evil.example")', "'@SUM(1)")
    feed = read(client.get("/agreements/feed.atom"))
    assert "<script>" not in feed and "&lt;script&gt;" in feed
