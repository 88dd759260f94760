"""Every pair of countries that met, and one country's counterparts: the relations index and the country page.

A pair is two countries with participants at one public meeting (``MeetingParticipant.country``,
never a country an article only names); a meeting of three countries counts for each of its
three pairs. Three queries whatever the number of meetings: the public meetings, their
participants' countries, the countries' names.
"""

import datetime
import itertools
from collections import Counter
from dataclasses import dataclass, field

from archive.models import Country
from meetings.models import Meeting, MeetingParticipant, Review
from records.links import page_path


@dataclass
class PairSummary:
    """Two countries (codes in alphabetical order) and their public meetings: how many, when."""

    first: str
    second: str
    first_name: str = ""
    second_name: str = ""
    meetings: int = 0
    reviewed: int = 0
    first_date: datetime.date | None = None
    last_date: datetime.date | None = None
    by_year: Counter = field(default_factory=Counter)

    @property
    def code(self) -> str:
        return f"{self.first}-{self.second}"

    @property
    def url(self) -> str:
        return page_path("relations:pair", self.code)

    @property
    def first_iso(self) -> str:
        return self.first_date.isoformat() if self.first_date else ""

    @property
    def last_iso(self) -> str:
        return self.last_date.isoformat() if self.last_date else ""

    def count(self, start: datetime.date, reviewed: bool) -> None:
        """Count one more meeting of the pair, on ``start``."""
        self.meetings += 1
        self.reviewed += reviewed
        self.by_year[start.year] += 1
        if start < self.first_date:
            self.first_date = start
        elif start > self.last_date:
            self.last_date = start

    def other(self, code: str) -> tuple[str, str]:
        """Return the code and name of the country of this pair that is not ``code``."""
        return (self.second, self.second_name) if code == self.first else (self.first, self.first_name)


def _meeting_countries(country: str | None) -> list[tuple[datetime.date, bool, set[str]]]:
    """Return each public meeting (with a participant of ``country`` if given): its date, whether reviewed,
    and its participants' countries (2 queries)."""
    meetings = Meeting.objects.public()
    if country:
        meetings = meetings.filter(pk__in=MeetingParticipant.objects.filter(country_id=country).values("meeting_id"))
    # Dates are read once per meeting, not once per participant: converting them was a third of the time.
    found = {pk: (start, review == Review.REVIEWED, set()) for pk, start, review in
             meetings.order_by().values_list("pk", "start", "review").iterator(chunk_size=5000)}  # fmt: skip
    participants = MeetingParticipant.objects.filter(country__isnull=False)
    if country:
        participants = participants.filter(meeting__in=meetings.values("pk"))
    # Every meeting's participants when no country is asked: the few of meetings not public are skipped
    # here rather than asking the public-meeting probe once more for each of 10,000 meetings.
    for meeting_id, code in participants.order_by().values_list("meeting_id", "country_id").iterator(chunk_size=5000):
        if meeting_id in found:
            found[meeting_id][2].add(code)
    return list(found.values())


def pair_summaries(country: str | None = None) -> list[PairSummary]:
    """Return every pair with at least one public meeting (only pairs with ``country`` if given),
    most meetings first, then by names (3 queries)."""
    pairs: dict[tuple[str, str], PairSummary] = {}
    for start, reviewed, codes in _meeting_countries(country):
        for key in itertools.combinations(sorted(codes), 2):
            if country and country not in key:
                continue
            summary = pairs.get(key)
            if summary is None:
                summary = pairs[key] = PairSummary(*key, first_date=start, last_date=start)
            summary.count(start, reviewed)
    names = dict(Country.objects.values_list("code", "name")) if pairs else {}
    for summary in pairs.values():
        summary.first_name, summary.second_name = names[summary.first], names[summary.second]
    return sorted(pairs.values(), key=lambda p: (-p.meetings, p.first_name, p.second_name))


@dataclass
class Counterpart:
    """A country that met ``country`` (on the country page): its pair and the years to draw."""

    code: str
    name: str
    pair: PairSummary

    def per_year(self, years: list[int]) -> list[tuple[int, int]]:
        return [(year, self.pair.by_year.get(year, 0)) for year in years]


def counterparts(country: Country) -> tuple[list[int], list[Counterpart]]:
    """Return the years from the first to the last public meeting of ``country`` and its counterpart
    countries (participants' countries only), most meetings first."""
    found = []
    for pair in pair_summaries(country.code):
        code, name = pair.other(country.code)
        found.append(Counterpart(code, name, pair))
    years = sorted({year for c in found for year in c.pair.by_year})
    return (list(range(years[0], years[-1] + 1)) if years else []), found
