"""XSS payloads in every new meeting field stay text: pages, API, exports, feed, the meetings desk."""

import json
from urllib.parse import quote

import pytest

from index.build import build_whoosh_index
from meetings.models import Agreement, Meeting, MeetingParticipant, MeetingReport, Review
from tests.xss_payloads import PAYLOADS, MarkupAudit, create_payload_archive

pytestmark = pytest.mark.django_db


@pytest.fixture
def payload_meetings(seeds, search_index):
    meetings = []
    for number, article in enumerate(create_payload_archive(), 1):
        payload = PAYLOADS[number - 1]
        meeting = Meeting.objects.create(
            start=article.published_on,
            city=f"City {payload}"[:120],
            venue=f"Venue {payload}"[:200],
            sidelines_of=f"Summit {payload}"[:200],
            review=Review.PROPOSED,
        )
        participation = article.participations.get()
        MeetingParticipant.objects.create(
            meeting=meeting, person=participation.person, country_id="AZ", side="host", title=participation.title
        )
        MeetingParticipant.objects.create(meeting=meeting, name=f"Guest {number} {payload}"[:200], side="visitor")
        Agreement.objects.create(
            meeting=meeting, kind="protocol", title=f"Protocol {payload}"[:400], sentence=f"Signed {payload}"
        )
        MeetingReport.objects.create(meeting=meeting, article=article, evidence=[[0, len(article.body)]])
        meetings.append(meeting)
    build_whoosh_index()
    return meetings


def audited(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    audit = MarkupAudit.of(response.content.decode())
    assert audit.dangers == [], (url, audit.dangers)
    return audit


def test_meeting_pages_and_search_keep_payloads_as_text(client, payload_meetings):
    for number, meeting in enumerate(payload_meetings, 1):
        payload = PAYLOADS[number - 1]
        text = audited(client, meeting.get_absolute_url()).page_text
        assert f"Guest {number} {payload}" in text and f"Protocol {payload}" in text and f"City {payload}" in text
    text = audited(client, "/meetings/?q=payloadword").page_text
    assert "Guest 1 " in text
    audited(client, "/meetings/?q=" + quote(PAYLOADS[0]))
    audited(client, "/meetings/?place=" + quote(f"City {PAYLOADS[1]}"))
    audited(client, "/officials/" + payload_meetings[0].participants.filter(side="host").get().person.slug + "/")


def test_machine_formats_carry_payloads_as_data(client, payload_meetings):
    data = client.get("/api/meetings?page_size=100").json()
    names = {p["name"] for m in data["results"] for p in m["participants"]}
    assert all(f"Guest {n} {p}" in names for n, p in enumerate(PAYLOADS, 1))
    lines = b"".join(client.get("/meetings/export.jsonl").streaming_content).decode().splitlines()
    titles = {a["title"] for line in lines for a in json.loads(line)["agreements"]}
    assert titles >= {f"Protocol {p}" for p in PAYLOADS}
    csv_text = b"".join(client.get("/meetings/export.csv").streaming_content).decode("utf-8-sig")
    assert "'=" not in PAYLOADS and "<script>" in csv_text  # CSV is data; spreadsheets guard formulas
    feed = client.get("/meetings/feed.atom?q=payloadword").content.decode()
    assert "<script>" not in feed.replace("&lt;script&gt;", "")


def test_the_meetings_desk_keeps_payloads_as_text(admin_client, payload_meetings):
    audited(admin_client, "/admin/meetings/meeting/")
    audited(admin_client, "/admin/meetings/meeting/?q=alert")
    for meeting in payload_meetings[:8]:
        audited(admin_client, f"/admin/meetings/meeting/{meeting.pk}/change/")
        audited(admin_client, f"/admin/meetings/meeting/{meeting.pk}/split/")
        report = meeting.reports.get()
        audited(admin_client, f"/admin/archive/article/{report.article_id}/change/")
