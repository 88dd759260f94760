"""offices/held.py: which offices count as held on a record's date, answered per batch."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.models import Article, Participation
from meetings.models import Meeting
from offices import held
from offices.dates import PartialDate, Precision
from offices.holding import Held, Span
from offices.models import Tenure
from tests.factories import make_article, make_person
from tests.offices_factories import day, make_position, make_tenure

DAYS = st.dates(min_value=datetime.date(2010, 1, 1), max_value=datetime.date(2030, 12, 31))
PARTIAL = st.none() | st.builds(PartialDate, DAYS, st.sampled_from(list(Precision)))


@settings(max_examples=300, deadline=None)
@given(
    start=PARTIAL,
    end=PARTIAL,
    reported=st.none() | st.tuples(DAYS, DAYS).map(sorted),
    current=st.booleans(),
    date=DAYS,
)
def test_sure_days_agree_with_held_on_for_every_date(start, end, reported, current, date):
    first, last = reported or (None, None)
    span = Span(start, end, first, last, current)
    today = datetime.date(2024, 6, 1)
    days = held.sure_days(span, today)
    surely = days is not None and days[0] <= date <= days[1]
    assert surely == (span.held_on(date, today) is Held.YES)


@pytest.fixture
def archive(db):
    call_command("loaddata", "countries", verbosity=0)


def test_possibly_held_does_not_count_and_evidence_does(archive):
    person = make_person("Zakir Hasanov")
    position = make_position()
    unknown = make_tenure(person, position)  # neither dates nor evidence: only possibly held
    article = make_article(published_on=day("2019-01-16"), people=[person])
    assert unknown.held_on(article.published_on) is Held.POSSIBLY
    assert held.article_offices(article) == {person.pk: []}
    unknown.evidence_links.create(article=article)
    article = Article.objects.for_display().get(pk=article.pk)
    assert [office.slug for office in held.article_offices(article)[person.pk]] == [position.slug]


def test_an_article_that_is_evidence_counts_even_outside_the_recorded_dates(archive):
    person = make_person("Mohammad Bagheri")
    position = make_position("Chief of the General Staff of Iran", role="chief_of_general_staff", country="IR")
    article = make_article(published_on=day("2019-01-16"), people=[person])
    make_tenure(person, position, start="2016-06-28", end="2018-12-31", evidence=[article])
    offices = held.article_offices(Article.objects.for_display().get(pk=article.pk))[person.pk]
    assert [(o.slug, o.sector, o.country, o.sector_key) for o in offices] == [
        (position.slug, "military", "IR", "IR:military")
    ]


def test_people_only_mentioned_never_hold_an_office_in_the_record(archive):
    minister, mentioned = make_person("Zakir Hasanov"), make_person("Ilham Aliyev")
    make_tenure(minister, make_position(), start="2013")
    make_tenure(mentioned, make_position("President of Azerbaijan", role="head_of_state"), start="2003")
    article = make_article(published_on=day("2019-01-16"), people=[minister, (mentioned, Participation.Role.MENTIONED)])
    Tenure.objects.update(current=True)
    offices = held.article_offices(Article.objects.for_display().get(pk=article.pk))
    assert list(offices) == [minister.pk]
    assert [o.label for o in offices[minister.pk]] == ["Minister of Defense of Azerbaijan"]


def test_a_batch_costs_the_same_queries_however_many_records(archive):
    people = [make_person(f"Official {n}") for n in range(6)]
    for n, person in enumerate(people):
        make_tenure(person, make_position(f"Office {n}"), start="2010", end="2030")
    for n in range(30):
        make_article(published_on=day("2019-01-16"), people=people[n % 6 : n % 6 + 2])

    def queries(count):
        articles = list(Article.objects.for_display().order_by("pk")[:count])
        with CaptureQueriesContext(connection) as captured:
            held.attach_to_articles(articles)
            answers = [held.article_offices(article) for article in articles]
        assert all(len(offices) for answer in answers for offices in answer.values())
        return len(captured)

    assert queries(3) == queries(30) == 3


def test_a_meeting_counts_the_tenures_its_published_reports_are_evidence_of(db):
    call_command("loaddata", "countries", "seeds", "offices", "meetings", verbosity=0)
    meetings = held.attach_to_meetings(Meeting.objects.for_display().order_by("pk"))
    offices = {m.pk: sorted(o.slug for o in held.all_held(held.meeting_offices(m))) for m in meetings}
    assert offices == {
        1: ["chief-of-the-general-staff-of-the-armed-forces-of-iran", "minister-of-defense-of-azerbaijan"],
        2: ["ambassador-of-iran-to-azerbaijan", "minister-of-defense-of-azerbaijan"],
    }
    # Recorded as ended before the meeting, the ambassador's tenure still counts: the meeting's report
    # is its evidence (a curator linked it), which the dates contradict, not the other way round.
    Tenure.objects.filter(person__slug="javad-jahangirzadeh").update(
        start_date=day("2015-01-01"), start_precision="year", end_date=day("2019-06-01"), end_precision="month"
    )
    meeting = Meeting.objects.for_display().get(pk=2)
    ambassador = meeting.participants.get(side="visitor").person_id
    assert [o.slug for o in held.meeting_offices(meeting)[ambassador]] == ["ambassador-of-iran-to-azerbaijan"]
    meeting.reports.get().article.tenure_evidence.all().delete()
    meeting = Meeting.objects.for_display().get(pk=2)
    assert held.meeting_offices(meeting)[ambassador] == []
