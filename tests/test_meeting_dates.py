"""Dates in news text, resolved against the publication date (meetings.propose.dates)."""

from datetime import date

import pytest

from meetings.propose.dates import find_dates

WEDNESDAY = date(2019, 1, 16)


def first(text, published=WEDNESDAY, **options):
    readings = find_dates(text, published, **options)
    return (readings[0].start, readings[0].precision, readings[0].end) if readings else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hasanov on Wednesday met with", (date(2019, 1, 16), "day", None)),  # the day itself
        ("met on Tuesday evening", (date(2019, 1, 15), "day", None)),
        ("received him on Thursday", (date(2019, 1, 10), "day", None)),  # last Thursday, not tomorrow
        ("met with the ambassador on July 18", (date(2018, 7, 18), "day", None)),  # still to come this year
        ("On 16 January, the minister", (date(2019, 1, 16), "day", None)),
        ("on 14 January", (date(2019, 1, 14), "day", None)),
        ("on 3 March 2021", (date(2021, 3, 3), "day", None)),
        ("January 16, 2019", (date(2019, 1, 16), "day", None)),
        ("Oct. 2 talks", (date(2018, 10, 2), "day", None)),
        ("yesterday", (date(2019, 1, 15), "day", None)),
        ("today", (date(2019, 1, 16), "day", None)),
        ("Bagheri was received this morning by the president", (date(2019, 1, 16), "day", None)),
        ("the day before yesterday", (date(2019, 1, 14), "day", None)),
        ("two days ago", (date(2019, 1, 14), "day", None)),
        ("signed a day earlier", (date(2019, 1, 15), "day", None)),
        ("last week", (date(2019, 1, 7), "day", date(2019, 1, 13))),
        ("this week", (date(2019, 1, 14), "day", date(2019, 1, 20))),
        ("met in Baku in January", (date(2019, 1, 1), "month", None)),
        ("met in Ankara in June", (date(2018, 6, 1), "month", None)),  # the last June
        ("in March 2021", (date(2021, 3, 1), "month", None)),
        ("earlier this month", (date(2019, 1, 1), "month", None)),
        ("last month", (date(2018, 12, 1), "month", None)),
        ("met in Astana last July", (date(2018, 7, 1), "month", None)),
        ("last January", (date(2018, 1, 1), "month", None)),  # in January, the January of a year ago
        ("in 2017", (date(2017, 1, 1), "year", None)),
        ("last year", (date(2018, 1, 1), "year", None)),
    ],
)
def test_past_dates(text, expected):
    assert first(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("will visit next month", (date(2019, 2, 1), "month", None)),
        ("will visit next week", (date(2019, 1, 21), "day", date(2019, 1, 27))),
        ("is to arrive on Friday", (date(2019, 1, 18), "day", None)),
        ("will meet on Wednesday", (date(2019, 1, 23), "day", None)),  # next Wednesday, not today
        ("is expected in January", (date(2019, 1, 1), "month", None)),
        ("will come on 10 January", (date(2020, 1, 10), "day", None)),  # the coming 10 January
        ("tomorrow", (date(2019, 1, 17), "day", None)),
        # "planned for mid-March", "the visit he announced for March": the month the meeting was due in (blind-c
        # h148, h141); "for" was no month's preposition, and "announced" made it a statement's date.
        ("a meeting planned for mid-March", (date(2019, 3, 1), "month", None)),
        ("the visit the minister announced for March", (date(2019, 3, 1), "month", None)),
    ],
)
def test_future_dates_of_announced_meetings(text, expected):
    assert first(text, future=True) == expected


def test_relative_to_the_meeting_told_before():
    tuesday = date(2022, 4, 5)
    (reading,) = find_dates("was received a day earlier by Shoigu", date(2022, 4, 6), reference=tuesday)
    assert (reading.start, reading.relative) == (date(2022, 4, 4), True)
    assert first("Later, he held talks with", date(2019, 3, 5), reference=date(2019, 3, 4))[0] == date(2019, 3, 4)
    assert first("The same day, Bagheri held talks", reference=date(2019, 1, 15))[0] == date(2019, 1, 15)


@pytest.mark.parametrize(
    "text",
    [
        "the Foreign Ministry spokesman said on Monday",  # the date of a statement, not of a meeting
        "the ministry told reporters on Tuesday",
        "we may meet soon",  # "may" is a month only with a capital
        "the 30 brave men",
        "no date here",
    ],
)
def test_not_a_meeting_date(text):
    assert find_dates(text, WEDNESDAY) == ()


def test_positions_are_offsets_into_the_body():
    body = "Some text. Hasanov met Bagheri on Tuesday."
    (reading,) = find_dates(body[11:], WEDNESDAY, offset=11)
    assert body[reading.position : reading.position + len(reading.text)] == "Tuesday"


def test_an_impossible_day_is_no_date():
    assert find_dates("on 31 February", WEDNESDAY) == ()
