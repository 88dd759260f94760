"""Chips above the results: every active filter, the date range and the any/all mode included (query/chips.py)."""

import datetime

import pytest
from django.http import QueryDict

from query.chips import date_range_label
from query.search import MeetingSearch, run_search

pytestmark = pytest.mark.django_db


def chips(page):
    return [(chip.kind, chip.label, chip.url) for chip in page.chips]


def test_the_date_range_is_a_chip_that_removes_both_dates(indexed_seeds):
    page = run_search(QueryDict("q=Hasanov&date_from=2019-01-01&date_to=2019-06-30&country=IR"))
    assert ("dates", "Published: 1 January 2019 to 30 June 2019", "?q=Hasanov&country=IR") in chips(page)
    assert ("facet", "Country: Iran", "?q=Hasanov&date_from=2019-01-01&date_to=2019-06-30") in chips(page)
    assert chips(run_search(QueryDict("date_from=2019-07-01")))[0][1] == "Published: from 1 July 2019"
    assert chips(run_search(QueryDict("date_to=2019-07-01")))[0][1] == "Published: until 1 July 2019"


def test_a_bad_date_makes_no_chip(indexed_seeds):
    page = run_search(QueryDict("date_from=2019-13-45"))
    assert [kind for kind, _, _ in chips(page)] == []


def test_the_all_mode_is_a_chip_that_goes_back_to_any(indexed_seeds):
    page = run_search(QueryDict("country=AZ&country=IR&all=country"))
    assert ("combine", "Country: all must match", "?country=AZ&country=IR") in chips(page)
    page = run_search(QueryDict("official=zakir-hasanov&official=mohammad-bagheri&all=official&all=country"))
    assert ("combine", "Official: all must match", "?official=zakir-hasanov&official=mohammad-bagheri&all=country") in (
        chips(page)
    )


def test_meeting_dates_say_met(indexed_seeds):
    page = MeetingSearch(QueryDict("date_from=2019-01-01")).page()
    assert chips(page)[0][1] == "Met: from 1 January 2019"


def test_the_chips_are_on_the_page(client, indexed_seeds):
    html = client.get("/search/?date_from=2019-01-01&country=AZ&country=IR&all=country").content.decode()
    assert 'data-chip="dates">Published: from 1 January 2019 <span aria-hidden="true">×</span>' in html
    assert 'data-chip="combine">Country: all must match' in html


def test_range_labels():
    day = datetime.date(2019, 1, 16)
    assert date_range_label(day, day) == "16 January 2019 to 16 January 2019"
