"""Dates in news text, resolved against the publication date.

News gives a meeting's date relative to the day it is published: "on Wednesday"
is the last Wednesday (or the day itself), "yesterday", "last week", "last July", "on July 18"
(this year, unless that is still to come). A date in a sentence about the future
("will visit next month", "on Thursday" of an announced trip) resolves forwards.
Some expressions refer to another meeting of the same story ("the same day",
"a day earlier"): they are resolved against ``reference``, the date of the meeting
reported before, when there is one.

A date right after a speech verb ("the spokesman said on Monday") dates the
statement, not the meeting, and is skipped.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from meetings.vocabulary import DatePrecision

DAY, MONTH, YEAR = DatePrecision.DAY.value, DatePrecision.MONTH.value, DatePrecision.YEAR.value

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_MONTH_WORD = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY_WORD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "a": 1}

_EXPRESSION_SOURCE = rf"""
      (?P<dmy>\b(?P<dmy_d>\d{{1,2}})\s+(?P<dmy_m>{_MONTH_WORD})(?:,?\s+(?P<dmy_y>\d{{4}}))?(?![\w-]))
    | (?P<mdy>\b(?P<mdy_m>{_MONTH_WORD})\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<mdy_y>\d{{4}}))?)
    | (?P<my>\b(?:in|of|since|during|until|for)\s+(?:early\s+|late\s+|mid-)?(?P<my_m>{_MONTH_WORD})
        (?:\s+(?P<my_y>\d{{4}}))?\b)
    | (?P<last_named>\blast\s+(?P<last_named_m>{_MONTH_WORD})(?!\s+\d)\b)
    | (?P<year>\b(?:in|of|since|during)\s+(?P<year_y>(?:19|20)\d\d)\b)
    | (?P<weekday>\b(?P<weekday_w>{_WEEKDAY_WORD})\b)
    | (?P<before_yesterday>\bthe\s+day\s+before\s+yesterday\b)
    | (?P<yesterday>\byesterday\b)
    | (?P<tomorrow>\btomorrow\b)
    | (?P<today>\b(?:today|this\s+morning|this\s+afternoon|this\s+evening|tonight)\b)
    | (?P<day_earlier>\b(?:a|one)\s+day\s+(?:earlier|before)\b|\bthe\s+(?:day\s+before|previous\s+day|eve)\b)
    | (?P<same_day>\b(?:the\s+same\s+day|that\s+day|earlier\s+in\s+the\s+day|later\s+in\s+the\s+day
        |later\s+that\s+day)\b|^(?:Later|Afterwards|Then|Subsequently)(?![\w-]))  # not "Then-Minister"
    | (?P<ago>\b(?P<ago_n>\d|one|two|three|four|five|six|seven|a)\s+days?\s+ago\b)
    | (?P<week>\b(?P<week_w>last|this|next|past)\s+week\b)
    | (?P<month>\b(?P<month_w>last|this|next|earlier\s+this|later\s+this)\s+month\b)
    | (?P<relyear>\b(?P<relyear_w>last|this|next)\s+year\b)
    """
# Matched on the lower-cased text: a case-insensitive pattern of this size is several times slower. The source
# has no upper-case escapes (\S, \D, \W, \B), so lower-casing it (group syntax aside) keeps its meaning.
_EXPRESSION = re.compile(_EXPRESSION_SOURCE.lower().replace("(?p<", "(?P<"), re.VERBOSE)
_EXPRESSION_ANY_CASE = re.compile(_EXPRESSION_SOURCE, re.VERBOSE | re.IGNORECASE)
# Most sentences hold no date at all: the words one needs, looked up in the sentence's set of words.
# "this morning", "this evening": the day of publication too.
_TRIGGER_WORDS = (
    "yesterday tomorrow today tonight morning afternoon evening day days week month year eve later afterwards then "
    "subsequently"
)
_TRIGGERS = frozenset(_MONTHS) | frozenset(_WEEKDAYS) | frozenset(_TRIGGER_WORDS.split())
_WINDOW_BEFORE, _WINDOW_AFTER = 4, 2  # words around a trigger that an expression may span ("the day before yesterday")
_TOKEN = re.compile(r"[a-z]+|\d+")
# A date that only dates a statement: "the ministry said on Monday", "told reporters on Tuesday".
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|told\s+\w+|reported|announced|stated|added|informed|tweeted|wrote|noted)\s+(?:on\s+|late\s+|earlier\s+)?$",
    re.IGNORECASE,
)
_THAT_DAY = re.compile(r"\blater\s+(?:on\s+)?$", re.IGNORECASE)
_TODAY_AFTER = re.compile(r"\s*\(today\)", re.IGNORECASE)
_CAPITALISED = {"dmy": "dmy_m", "mdy": "mdy_m", "my": "my_m", "last_named": "last_named_m", "weekday": "weekday_w"}


@dataclass(frozen=True)
class DateReading:
    """A date expression resolved: first day, precision, last day of a span, and where it was written."""

    start: date
    precision: str
    end: date | None
    position: int
    text: str
    relative: bool = False  # resolved against the previous meeting ("the same day")


@lru_cache(maxsize=4096)
def find_dates(
    text: str, published_on: date, future: bool = False, reference: date | None = None, offset: int = 0
) -> tuple[DateReading, ...]:
    """Return every date expression in ``text``, resolved, in order; ``offset`` is added to positions.

    Cached: the proposer asks about one sentence several times (its date, whether it is about another day).
    """
    lowered = text.lower()
    # Lower-casing keeps positions for all but a few letters (İ); then the slower pattern reads the text itself.
    pattern, subject = (_EXPRESSION, lowered) if len(lowered) == len(text) else (_EXPRESSION_ANY_CASE, text)
    readings = []
    for match in _matches(pattern, subject, lowered):
        kind = match.lastgroup
        if kind in _CAPITALISED and not text[match.start(_CAPITALISED[kind])].isupper():
            continue  # "may 5", "march on": month and day names are written with a capital
        # "the ministry said on Monday" dates the statement; "the visit Erdogan announced for February" its visit.
        if not subject.startswith("for", match.start()) and _SPEECH_BEFORE.search(
            text[max(0, match.start() - 40) : match.start()]
        ):
            continue
        reading = _resolve(kind, match, published_on, future, reference)
        if reading is not None:
            start, precision, end, relative = reading
            written = text[match.start(kind) : match.end(kind)]
            readings.append(DateReading(start, precision, end, match.start() + offset, written, relative))
    return tuple(readings)


def _matches(pattern: re.Pattern, subject: str, lowered: str) -> list[re.Match]:
    """Return the pattern's matches, looked for only in a few words around each trigger word, in order.

    Trying a pattern of this size at every position of every sentence was most of the proposer's time;
    most sentences have no trigger word at all, and the set of their words says so at C speed.
    """
    words = _TOKEN.findall(lowered)
    if _TRIGGERS.isdisjoint(words) and not any(len(w) == 4 and w.isdigit() for w in words):
        return []
    tokens = list(_TOKEN.finditer(lowered))
    found: dict[tuple[int, int], re.Match] = {}
    for index, token in enumerate(tokens):
        word = token.group()
        if word not in _TRIGGERS and not (len(word) == 4 and word.isdigit()):
            continue
        start = tokens[max(0, index - _WINDOW_BEFORE)].start()
        end = tokens[min(len(tokens) - 1, index + _WINDOW_AFTER)].end()
        for match in pattern.finditer(subject, start, end):
            found.setdefault(match.span(), match)
    ordered, last_end = [], -1
    for span in sorted(found, key=lambda s: (s[0], -s[1])):
        if span[0] >= last_end:
            ordered.append(found[span])
            last_end = span[1]
    return ordered


def _resolve(kind: str, match: re.Match, published: date, future: bool, reference: date | None):
    """Return ``(start, precision, end, relative)`` for one expression, or None if it is no real date."""
    base = reference or published
    if kind in ("dmy", "mdy"):
        day, month, year = int(match[f"{kind}_d"]), _month(match[f"{kind}_m"]), match[f"{kind}_y"]
        try:
            value = date(int(year), month, day) if year else _nearest_year(month, day, published, future)
        except ValueError:
            return None
        return (value, DAY, None, False) if value else None
    if kind == "my":
        month, year = _month(match["my_m"]), match["my_y"]
        if year:
            return date(int(year), month, 1), MONTH, None, False
        candidate = date(published.year, month, 1)
        if future and candidate < date(published.year, published.month, 1):
            candidate = date(published.year + 1, month, 1)
        elif not future and candidate > published:
            candidate = date(published.year - 1, month, 1)
        return candidate, MONTH, None, False
    if kind == "last_named":
        # "last July": the latest July before this month ("last June" in June is a year ago).
        month = _month(match["last_named_m"])
        year = published.year if month < published.month else published.year - 1
        return date(year, month, 1), MONTH, None, False
    if kind == "year":
        return date(int(match["year_y"]), 1, 1), YEAR, None, False
    if kind == "weekday":
        weekday = _WEEKDAYS[match["weekday_w"].lower()]
        if future and weekday == published.weekday() and _THAT_DAY.search(match.string, 0, match.start()):
            return published, DAY, None, False  # "is to meet X later on Thursday", written on that Thursday
        if future and weekday == published.weekday() and _TODAY_AFTER.match(match.string, match.end()):
            return published, DAY, None, False  # "on Thursday (today)"
        if future:
            return published + timedelta(days=(weekday - published.weekday() - 1) % 7 + 1), DAY, None, False
        return published - timedelta(days=(published.weekday() - weekday) % 7), DAY, None, False
    if kind == "before_yesterday":
        return published - timedelta(days=2), DAY, None, False
    if kind == "yesterday":
        return published - timedelta(days=1), DAY, None, False
    if kind == "tomorrow":
        return published + timedelta(days=1), DAY, None, False
    if kind == "today":
        return published, DAY, None, False
    if kind == "day_earlier":
        return base - timedelta(days=1), DAY, None, reference is not None
    if kind == "same_day":
        return base, DAY, None, reference is not None
    if kind == "ago":
        count = match["ago_n"].lower()
        return published - timedelta(days=_NUMBERS.get(count) or int(count)), DAY, None, False
    if kind == "week":
        monday = published - timedelta(days=published.weekday())
        shift = {"last": -7, "past": -7, "this": 0, "next": 7}[match["week_w"].lower()]
        return monday + timedelta(days=shift), DAY, monday + timedelta(days=shift + 6), False
    if kind == "month":
        word = match["month_w"].lower().split()[0]
        first = date(published.year, published.month, 1)
        if word == "last":
            first = (first - timedelta(days=1)).replace(day=1)
        elif word == "next":
            first = (first + timedelta(days=32)).replace(day=1)
        return first, MONTH, None, False
    if kind == "relyear":
        shift = {"last": -1, "this": 0, "next": 1}[match["relyear_w"].lower()]
        return date(published.year + shift, 1, 1), YEAR, None, False
    return None


def _month(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")]


def _nearest_year(month: int, day: int, published: date, future: bool) -> date:
    """Return the day-month in the year that makes it past (or, for ``future``, coming) news."""
    value = date(published.year, month, day)
    if not future and value > published + timedelta(days=2):
        return date(published.year - 1, month, day)
    if future and value < published - timedelta(days=2):
        return date(published.year + 1, month, day)
    return value


def month_end(first: date) -> date:
    """Return the last day of ``first``'s month."""
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])
