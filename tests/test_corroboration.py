"""Corroboration: syndicated copies count once, disagreements are found, the meetings facet counts what
the database counts, and a new report moves a meeting from single to several through the index queue."""

import datetime

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.models import Article, Country, Source
from index.build import build_whoosh_index
from index.models import IndexChange
from index.worker import IndexWorker
from meetings.corroboration import assess, independent_outlets
from meetings.models import Meeting
from tests.factories import make_article

pytestmark = pytest.mark.django_db

STORY = (
    "Azerbaijani Defense Minister Zakir Hasanov met the Chief of the General Staff of Iran Mohammad Bagheri in "
    "Baku on Wednesday. The sides discussed military cooperation, border security and joint exercises in the "
    "Caspian Sea, and signed a protocol on the results of the meeting of the joint military commission."
)
OTHER_STORY = (
    "Iranian General Staff chief Bagheri, on a visit to the Azerbaijani capital, told reporters that the two "
    "armies would hold more exchanges of cadets, and praised the hospitality of his hosts at the ministry."
)


@pytest.fixture
def meeting_seeds(seeds, search_index):
    call_command("loaddata", "offices", "meetings", verbosity=0)
    build_whoosh_index()
    return Meeting.objects.get(pk=1)


def report(meeting, outlet, body, on=datetime.date(2019, 1, 17), **asserted):
    source = Source.objects.get_or_create(name=outlet, defaults={"slug": outlet.lower().replace(" ", "-")})[0]
    article = make_article(title=f"{outlet} on the meeting", body=body, published_on=on, source=source)
    return meeting.reports.create(article=article, **asserted)


def test_a_syndicated_copy_counts_once_and_an_independent_report_counts(meeting_seeds):
    meeting = meeting_seeds
    assert independent_outlets(meeting.reports.all()) == 1
    # Trend republishes the seed's own text with its tagline: a copy, not a second outlet.
    seed_body = meeting.reports.get().article.body
    report(meeting, "Trend", seed_body + "\n\nTrend news agency, Baku.")
    assert meeting.count_independent_outlets() == 1
    report(meeting, "IRNA", OTHER_STORY)
    assert meeting.count_independent_outlets() == 2
    # A copy of IRNA's by a third outlet still adds nothing; IRNA's story withdrawn leaves the copy standing in.
    copy = report(meeting, "Mehr", OTHER_STORY.replace("Wednesday", "Thursday") + " Mehr news agency.")
    assert meeting.count_independent_outlets() == 2
    Article.objects.filter(source__slug="irna").update(status=Article.Status.WITHDRAWN)
    assert meeting.count_independent_outlets() == 2 and copy.article.source.slug == "mehr"


def test_reports_that_disagree_on_the_date_or_place_make_it_disputed(meeting_seeds):
    meeting = meeting_seeds
    report(meeting, "IRNA", OTHER_STORY, asserted_date=datetime.date(2019, 1, 16), asserted_city="baku")
    assert assess(meeting.reports.all()).values == ["several"]  # the same day and city, spelled otherwise
    report(meeting, "APA", STORY, asserted_date=datetime.date(2019, 1, 1), asserted_precision="month")
    assert not assess(meeting.reports.all()).disputed  # "January 2019" agrees with 16 January
    tehran = "Mehr reports that the generals met in Tehran on Tuesday, before the delegation left for talks in Baku."
    iran = Country.objects.get(code="IR")
    report(
        meeting, "Mehr", tehran, asserted_date=datetime.date(2019, 1, 15), asserted_city="Tehran", asserted_country=iran
    )
    assessment = assess(meeting.reports.all())
    assert assessment.values == ["several", "disputed"]
    assert assessment.disagreements[0].startswith("reports disagree on the date: 2019-01-01, 2019-01-15, 2019-01-16")
    assert "Tehran" in assessment.disagreements[1]


def test_the_meeting_page_shows_the_badge(client, meeting_seeds):
    assert "Reported by 1 outlet" in client.get("/meetings/1/").content.decode()
    report(meeting_seeds, "IRNA", OTHER_STORY, asserted_date=datetime.date(2019, 1, 18))
    html = client.get("/meetings/1/").content.decode()
    assert "2 independent outlets" in html and "Reports disagree on the date: 2019-01-16, 2019-01-18" in html


def counts(client, query=""):
    data = client.get(f"/api/meetings?{query}").json()
    return {v["value"]: v["count"] for v in next(f for f in data["facets"] if f["name"] == "corroboration")["values"]}


def test_a_new_report_is_queued_and_moves_the_meeting_to_several(client, meeting_seeds):
    assert counts(client) == {"single": 2}
    IndexChange.objects.all().delete()
    report(meeting_seeds, "IRNA", OTHER_STORY, asserted_city="Tehran")
    assert IndexChange.objects.filter(kind=IndexChange.Kind.MEETING, object_id=1, applied=False).exists()
    IndexWorker().drain()
    assert counts(client) == {"single": 1, "several": 1, "disputed": 1}
    ids = [
        m["id"]
        for m in client.get("/api/meetings?corroboration=several&corroboration=disputed&all=corroboration").json()[
            "results"
        ]
    ]
    assert ids == [1]
    export = b"".join(client.get("/meetings/export.csv?corroboration=disputed").streaming_content).decode("utf-8-sig")
    assert "independent_outlets,corroboration" in export.splitlines()[0] and "several; disputed" in export


@pytest.mark.parametrize("query", ["corroboration=many", "corroboration=<b>", "corroboration=" + "x" * 300])
def test_bad_values_are_a_message_on_the_page_and_a_400_in_the_api(client, meeting_seeds, query):
    page = client.get(f"/meetings/?{query}")
    assert page.status_code == 200 and "Corroboration" in page.content.decode()
    response = client.get(f"/api/meetings?{query}")
    assert response.status_code == 400 and [e["parameter"] for e in response.json()["errors"]] == ["corroboration"]


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(outlets=st.lists(st.sampled_from(["IRNA", "APA", "Trend", "copy"]), min_size=0, max_size=4))
def test_facet_counts_equal_the_database_count(client, meeting_seeds, outlets):
    Article.objects.filter(title__endswith=" on the meeting").delete()  # the previous example's reports
    meeting = Meeting.objects.get(pk=2)
    seed_body = meeting.reports.get().article.body
    for n, outlet in enumerate(outlets):
        if outlet == "copy":  # the seed's text republished with a tagline: one more article, no more outlet
            report(meeting, f"Copycat {n}", f"{seed_body}\n\nCopycat {n} news agency.")
        else:
            report(meeting, outlet, f"{outlet} report number {n}: {' '.join([OTHER_STORY] * (n + 1))}")
    build_whoosh_index()
    expected = {}
    for public in Meeting.objects.public().for_display():
        for value in assess(public.reports.all()).values:
            expected[value] = expected.get(value, 0) + 1
    assert counts(client) == expected
    several = len([m for m in Meeting.objects.public().for_display() if assess(m.reports.all()).outlets > 1])
    assert client.get("/api/meetings?corroboration=several").json()["count"] == several
