"""Partial dates and the yes / no / possibly answer of a tenure on a date (no database)."""

import datetime

import pytest

from offices.dates import PartialDate, Precision
from offices.holding import Held, Span

TODAY = datetime.date(2026, 1, 1)


def d(text):
    return datetime.date.fromisoformat(text)


def test_partial_dates_parse_and_bound_their_period():
    year, month, day = PartialDate.parse("2019"), PartialDate.parse("2019-02"), PartialDate.parse("2019-02-03")
    assert (year.precision, year.earliest, year.latest) == (Precision.YEAR, d("2019-01-01"), d("2019-12-31"))
    assert (month.earliest, month.latest) == (d("2019-02-01"), d("2019-02-28"))
    assert day.earliest == day.latest == d("2019-02-03")
    assert [str(p) for p in (year, month, day)] == ["2019", "2019-02", "2019-02-03"]
    assert PartialDate(d("2019-05-17"), Precision.YEAR) == year  # one stored form per period


@pytest.mark.parametrize("text", ["19", "2019-2", "2019/02/03", "2019-02-30", "soon"])
def test_bad_partial_dates_are_refused(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_known_bounds_give_yes_inside_and_no_outside():
    span = Span(PartialDate.parse("2013-10-22"), PartialDate.parse("2020-01-15"))
    assert span.held_on(d("2013-10-21"), TODAY) is Held.NO
    assert span.held_on(d("2013-10-22"), TODAY) is Held.YES
    assert span.held_on(d("2020-01-15"), TODAY) is Held.YES
    assert span.held_on(d("2020-01-16"), TODAY) is Held.NO


def test_a_start_known_to_the_year_is_possibly_held_within_that_year():
    span = Span(PartialDate.parse("2013"), PartialDate.parse("2020-01-15"))
    assert span.held_on(d("2012-12-31"), TODAY) is Held.NO
    assert span.held_on(d("2013-06-01"), TODAY) is Held.POSSIBLY
    assert span.held_on(d("2014-01-01"), TODAY) is Held.YES


def test_unknown_bounds_are_possibly_held_outside_the_reported_span():
    span = Span(reported_from=d("2019-01-16"), reported_to=d("2019-07-18"))
    assert span.held_on(d("2019-01-15"), TODAY) is Held.POSSIBLY
    assert span.held_on(d("2019-03-01"), TODAY) is Held.YES  # one continuous spell between two reports
    assert span.held_on(d("2019-07-19"), TODAY) is Held.POSSIBLY
    assert Span().held_on(d("2019-03-01"), TODAY) is Held.POSSIBLY


def test_a_current_tenure_runs_to_today_and_no_further_for_sure():
    span = Span(PartialDate.parse("2013-10-22"), current=True)
    assert span.held_on(d("2025-12-31"), TODAY) is Held.YES
    assert span.held_on(d("2026-06-01"), TODAY) is Held.POSSIBLY
    assert Span(PartialDate.parse("2013-10-22")).held_on(d("2025-12-31"), TODAY) is Held.POSSIBLY


def test_the_span_describes_itself_with_its_evidence():
    span = Span(None, PartialDate.parse("2024-06"), d("2019-01-16"), d("2019-07-18"))
    assert span.describe() == "from unknown to 2024-06 (reported in this office from 2019-01-16 to 2019-07-18)"
    assert Span(reported_from=d("2019-01-16"), reported_to=d("2019-01-16")).describe() == (
        "from unknown to unknown (reported in this office on 2019-01-16)"
    )
