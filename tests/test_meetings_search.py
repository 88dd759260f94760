"""Meetings searched, shown and exported, on the seeds' two curated meetings and a real Whoosh index."""

import json

import pytest
from django.core.management import call_command

from index.build import build_whoosh_index
from meetings.models import Meeting, Review


@pytest.fixture
def meeting_seeds(seeds, search_index):
    call_command("loaddata", "offices", "meetings", verbosity=0)
    build_whoosh_index()
    return search_index


def result_ids(client, query):
    response = client.get(f"/api/meetings?{query}")
    assert response.status_code == 200, response.content
    return [m["id"] for m in response.json()["results"]]


def test_meetings_between_azerbaijani_and_iranian_officials_in_2019(client, meeting_seeds):
    assert sorted(result_ids(client, "country=AZ&country=IR&all=country&year=2019")) == [1, 2]
    page = client.get("/meetings/?country=AZ&country=IR&all=country&year=2019").content.decode()
    assert "2 meetings" in page and "Mohammad Bagheri" in page and "Javad Jahangirzadeh" in page


def test_a_country_only_named_in_a_report_is_never_a_participant_country(client, meeting_seeds):
    # Armenia is named in the first seed (the Nagorno-Karabakh conflict), never at the table.
    assert result_ids(client, "country=AM") == []
    assert result_ids(client, "country=AZ&country=AM&all=country") == []


def test_what_bagheri_signed_in_baku_is_quoted(client, meeting_seeds):
    assert result_ids(client, "official=mohammad-bagheri&agreement=yes&place=Baku") == [1]
    page = client.get("/meetings/1/").content.decode()
    assert "In the end, the sides signed a protocol on the results of the meeting." in page
    assert "Reviewed by a curator" in page


def test_whom_hasanov_met_and_when(client, meeting_seeds):
    data = client.get("/api/meetings?official=zakir-hasanov&sort=oldest").json()
    assert [m["date"] for m in data["results"]] == ["2019-01-16", "2019-07-18"]
    others = [
        [p["person"]["slug"] for p in m["participants"] if p["person"]["slug"] != "zakir-hasanov"]
        for m in data["results"]
    ]
    assert others == [["mohammad-bagheri"], ["javad-jahangirzadeh"]]


def test_a_proposal_is_listed_as_a_proposal_unless_reviewed_ones_are_asked_for(client, meeting_seeds):
    Meeting.objects.filter(pk=2).update(review=Review.PROPOSED)
    build_whoosh_index()
    data = client.get("/api/meetings?official=zakir-hasanov").json()
    assert {m["id"]: m["review"] for m in data["results"]} == {1: "reviewed", 2: "proposed"}
    assert result_ids(client, "official=zakir-hasanov&review=reviewed") == [1]
    assert "proposed, not yet reviewed" in client.get("/meetings/?official=zakir-hasanov").content.decode()


def test_meeting_record_fields_and_exports(client, meeting_seeds):
    record = client.get("/api/meetings/1").json()
    assert record["place"] == {"name": "Ministry of Defense of Azerbaijan, Baku, Azerbaijan", "city": "Baku",
                               "country": {"code": "AZ", "name": "Azerbaijan"}}  # fmt: skip
    assert record["mode"] == "visit" and record["independent_outlets"] == 1
    assert [(p["side"], p["person"]["slug"]) for p in record["participants"]] == [
        ("host", "zakir-hasanov"),
        ("visitor", "mohammad-bagheri"),
    ]
    assert record["agreements"][0]["kind"] == "protocol"
    evidence = record["reports"][0]["evidence"]
    assert any("signed a protocol" in e["text"] for e in evidence)
    plover = [
        json.loads(line)
        for line in b"".join(client.get("/meetings/export.plover.jsonl?year=2019").streaming_content)
        .decode()
        .splitlines()
    ]
    first = next(p for p in plover if p["id"] == "parley-meeting-1")
    assert first["event"] == "CONSULT" and first["mode"] == "visit" and first["cameo"] == ["042", "043", "057"]
    assert [a["name"] for a in first["recipient"]] == ["Zakir Hasanov"]
    csv_text = b"".join(client.get("/meetings/export.csv").streaming_content).decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("id,url,date") and len(csv_text.splitlines()) == 3
    feed = client.get("/meetings/feed.atom?official=mohammad-bagheri").content.decode()
    assert "Mohammad Bagheri" in feed and "/meetings/1/" in feed


@pytest.mark.parametrize(
    "query",
    ["country=XX", "mode=teleport", "outlets=many", "review=secret", "side=<b>", "place=%00", "year=19", "all=mode"],
)
def test_bad_parameters_are_messages_on_the_page_and_400_in_the_api(client, meeting_seeds, query):
    assert client.get(f"/meetings/?{query}").status_code == 200
    response = client.get(f"/api/meetings?{query}")
    assert response.status_code == 400 and response.json()["errors"]


def test_rejected_and_unknown_meetings_are_404_and_merged_ones_redirect(client, meeting_seeds):
    Meeting.objects.filter(pk=2).update(review=Review.MERGED, merged_into=1)
    response = client.get("/meetings/2/")
    assert response.status_code == 302 and response["Location"] == "/meetings/1/"
    Meeting.objects.filter(pk=2).update(review=Review.REJECTED, merged_into=None)
    assert client.get("/meetings/2/").status_code == 404
    assert client.get("/meetings/999/").status_code == 404
    assert client.get("/api/meetings/abc").status_code == 404


def test_the_article_page_links_to_its_meetings(client, meeting_seeds):
    html = client.get("/articles/2019-01-16-hasanov-meets-bagheri-in-baku/").content.decode()
    assert "Meetings it reports" in html and 'href="/meetings/1/"' in html


def test_a_meeting_result_quotes_only_published_reports(client, meeting_seeds):
    """The snippet is the first report's sentences: a draft article reporting the meeting, dated before
    the published ones, had its (unpublished) sentences quoted on the public results page."""
    import datetime

    from archive.models import Article
    from tests.factories import make_article

    meeting = Meeting.objects.get(pk=1)
    earliest = min(r.article.published_on for r in meeting.reports.all())
    draft = make_article(
        title="Unpublished draft", body="Secret draft sentence about the talks.", status=Article.Status.DRAFT,
        published_on=earliest - datetime.timedelta(days=1),
    )  # fmt: skip
    meeting.reports.create(article=draft, evidence=[[0, 38]])
    build_whoosh_index()
    page = client.get("/meetings/?official=mohammad-bagheri&agreement=yes&place=Baku").content.decode()
    assert "/meetings/1/" in page and "Secret draft sentence" not in page
