"""The curators' meetings list: a fixed number of queries per page, none of which reads every meeting."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from archive.models import Country
from meetings.models import Agreement, Meeting, MeetingParticipant, MeetingReport, Review
from tests.factories import make_article, make_person
from tests.test_admin_changelist import statements_of

pytestmark = pytest.mark.django_db
LIST = "/admin/meetings/meeting/"
MEETINGS = ('"meetings_meeting"',)


@pytest.fixture
def staff(client, seeds):
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "a-long-test-password-1")
    client.force_login(user)
    return client


def add_meetings(count: int, start: int = 0) -> None:
    """``count`` proposed meetings in Tbilisi, each with a named official, a delegation (no person, no
    name: its label comes from its country), two reports and an agreement."""
    georgia = Country.objects.get(code="GE")
    person = make_person(f"Official {start}", country=georgia)
    for n in range(start, start + count):
        day = datetime.date(2015, 1, 1) + datetime.timedelta(days=n)
        meeting = Meeting.objects.create(start=day, city="Tbilisi", place_country=georgia, review=Review.PROPOSED)
        MeetingParticipant.objects.create(meeting=meeting, person=person, country=georgia, side="host")
        MeetingParticipant.objects.create(meeting=meeting, country_id="IR", side="visitor")
        for m in range(2):
            article = make_article(title=f"Round {n}.{m}", published_on=day, url=f"https://m.example.org/{n}/{m}")
            MeetingReport.objects.create(meeting=meeting, article=article, evidence=[[0, 10]])
        Agreement.objects.create(meeting=meeting, kind="memorandum", title=f"Memorandum {n} on transit")


def plans_of(statements) -> list[tuple[str, list[str]]]:
    """Return each statement that reads meetings with SQLite's plan of it (none on PostgreSQL, where
    the statements themselves are checked)."""
    found = []
    for sql, params in statements:
        if not any(table in sql for table in MEETINGS) or "SAVEPOINT" in sql:
            continue
        if connection.vendor != "sqlite":
            found.append((sql, []))
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            found.append((sql, [str(row[-1]) for row in cursor.fetchall()]))
    return found


def test_a_page_costs_the_same_queries_for_3_meetings_as_for_60(staff, django_assert_max_num_queries):
    """Each row's participants (people and countries), reports and agreements come with the page's
    queries: a delegation's label read its country one query per row."""
    add_meetings(3)
    few = len(statements_of(staff, LIST))
    add_meetings(57, start=3)
    with django_assert_max_num_queries(few):
        html = staff.get(LIST).content.decode()
    assert "Official 3, Iran delegation" in html
    assert re.search(r'<td class="field-report_count">2</td>', html), "each meeting's reports counted"


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?q=Official",
        "?q=Tbilisi+transit",
        "?participant_country=IR",
        "?review__exact=proposed&participant_country=GE",
        "?outlets=2",
        "?start__gte=2015-01-10&start__lte=2015-02-01",
        "?start__year=2015",
        "?mode__exact=visit&p=2",
        "?o=-7",
    ],
)
def test_no_query_of_the_list_reads_every_meeting_with_its_links(staff, query):
    """Before, each page grouped every meeting with its reports (the reports' count), counted that
    again for the paginator and for the whole table, listed its years through a date function over
    every meeting, and made a search or a country filter DISTINCT over every matching row: 3.1 s p95
    at 100,000 articles."""
    add_meetings(30)
    statements = statements_of(staff, LIST + query)
    for sql, plan in plans_of(statements):
        assert "GROUP BY" not in sql, sql
        assert "DISTINCT" not in sql.split("FROM")[0], sql  # the list itself is never made distinct
        assert "django_date_trunc" not in sql and "django_date_extract" not in sql.split("WHERE")[0], sql
        assert not any("TEMP B-TREE FOR DISTINCT" in step for step in plan), (sql, plan)
    counts = [sql for sql, _ in statements if sql.startswith("SELECT COUNT(") and '"meetings_meeting"' in sql]
    assert len(counts) <= 1, counts  # the filtered list's own count only, no second count of the table


def test_the_search_and_the_filters_find_the_same_meetings(staff):
    Meeting.objects.all().delete()  # the seeds' own
    add_meetings(4)
    other = Meeting.objects.create(start="2016-05-05", city="Baku", venue="Gulustan Palace", review=Review.REVIEWED)
    MeetingParticipant.objects.create(meeting=other, name="General Somebody", country_id="AZ", side="host")

    def listed(query=""):
        return staff.get(LIST + query).context["cl"].result_count

    assert listed("?q=Official") == 4 and listed("?q=somebody") == 1 and listed("?q=gulustan") == 1
    assert listed("?q=Tbilisi+transit") == 4 and listed("?q=Tbilisi+Gulustan") == 0
    assert listed("?q=Memorandum+2") == 1
    assert listed("?participant_country=IR") == 4 and listed("?participant_country=AZ") == 1
    assert listed("?participant_country=AZ&q=Official") == 0
    assert listed("?start__year=2016") == 1 and listed("?start__gte=2015-01-03") == 3
    assert listed("?review__exact=reviewed") == 1
    by_reports = [staff.get(LIST + f"?o={o}").context["cl"].result_list[0] for o in ("7", "-7")]
    assert by_reports[0] == other and by_reports[1] != other  # sorted by the number of reports
    html = staff.get(LIST).content.decode()
    panel = html[html.index('id="changelist-filter"') :]
    assert "?participant_country=IR" in panel and "?participant_country=AZ" in panel
    assert "?participant_country=GE" in panel and "?participant_country=US" not in panel  # only countries in use


def test_the_place_column_is_named_and_sorted_as_a_curator_reads_it(staff):
    """The column was headed "Place label" (the model property's name) and could not be sorted."""
    add_meetings(2)
    page = staff.get(LIST).content.decode()
    assert 'class="sortable column-place' in page and "Place label" not in page
    assert staff.get(LIST + "?o=3").status_code == 200
