"""Every pair of countries that met, and one country's counterparts: the relations index and the country page.

A pair is two countries with participants at one public meeting (``MeetingParticipant.country``,
never a country an article only names); a meeting of three countries counts for each of its
three pairs. Two queries whatever the number of meetings: the participants' countries of the
public meetings, then the countries' names.
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

    def count(self, start: datetime.date, reviewed: bool) -> None:
        self.meetings += 1
        self.reviewed += reviewed
        self.by_year[start.year] += 1
        self.first_date = min(self.first_date or start, start)
        self.last_date = max(self.last_date or start, start)

    def other(self, code: str) -> tuple[str, str]:
        """Return the code and name of the country of this pair that is not ``code``."""
        return (self.second, self.second_name) if code == self.first else (self.first, self.first_name)


def _meeting_countries(country: str | None) -> dict[int, tuple[datetime.date, bool, set[str]]]:
    """Return, by public meeting (with a participant of ``country`` if given), its date, whether reviewed,
    and its participants' countries."""
    meetings = Meeting.objects.public()
    if country:
        meetings = meetings.filter(pk__in=MeetingParticipant.objects.filter(country_id=country).values("meeting_id"))
    rows = (
        MeetingParticipant.objects.filter(meeting__in=meetings.values("pk"), country__isnull=False)
        .values_list("meeting_id", "country_id", "meeting__start", "meeting__review")
        .order_by()
    )
    found: dict[int, tuple[datetime.date, bool, set[str]]] = {}
    for meeting_id, code, start, review in rows.iterator(chunk_size=5000):
        found.setdefault(meeting_id, (start, review == Review.REVIEWED, set()))[2].add(code)
    return found


def pair_summaries(country: str | None = None) -> list[PairSummary]:
    """Return every pair with at least one public meeting (only pairs with ``country`` if given),
    most meetings first, then by names."""
    pairs: dict[tuple[str, str], PairSummary] = {}
    for start, reviewed, codes in _meeting_countries(country).values():
        for first, second in itertools.combinations(sorted(codes), 2):
            if country and country not in (first, second):
                continue
            pairs.setdefault((first, second), PairSummary(first, second)).count(start, reviewed)
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
