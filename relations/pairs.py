"""One relationship between two countries, read from their public meetings: what the pair page shows.

The countries of a meeting are its participants' countries (``MeetingParticipant.country``),
never the countries an article names: a country only mentioned has met nobody. Only public
meetings count (``Meeting.objects.public()``). :func:`pair_record` costs a fixed number of
queries whatever the number of meetings: the meetings, their participants, their published
reports, the offices held (three), the agreements and their parties, and the country words
when a title has to be read.
"""

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import QuerySet

from archive.models import Article, Country
from meetings.models import Agreement, Meeting, MeetingParticipant, MeetingReport, Review
from meetings.vocabulary import AgreementKind, Mode
from offices.held import HeldPosition, read_batch
from offices.titles import TitleReader
from relations.levels import RANK, Level, MeetingLevel, meeting_level, participant_level

LATEST = 10
# Far below SQLite's 32,766 parameters; a pair has some hundreds of meetings at 100,000 articles.
ID_CHUNK = 5000
_PAIR_CODES = re.compile(r"([A-Za-z]{2})-([A-Za-z]{2})")


@dataclass(frozen=True)
class PairLookup:
    """What an address's ``AZ-IR`` names: both countries (alphabetical order) and the canonical code,
    or the ``problem`` to tell the visitor."""

    first: Country | None = None
    second: Country | None = None
    problem: str = ""

    @property
    def code(self) -> str:
        return f"{self.first.code}-{self.second.code}" if self.first else ""


def look_up_pair(text: str) -> PairLookup:
    """Return the pair ``text`` names (``AZ-IR``, ``ir-az``...), or why it names none (one query)."""
    found = _PAIR_CODES.fullmatch(text or "")
    if not found:
        return PairLookup(problem="A pair of countries is written as two ISO codes with a dash, like AZ-IR.")
    codes = sorted({found.group(1).upper(), found.group(2).upper()})
    if len(codes) == 1:
        return PairLookup(problem=f"{codes[0]} twice is one country, not a pair: name two different countries.")
    countries = {country.code: country for country in Country.objects.filter(code__in=codes)}
    unknown = [code for code in codes if code not in countries]
    if unknown:
        listed = " or ".join(unknown)
        return PairLookup(problem=f"No country in the archive has the code {listed}.")
    return PairLookup(countries[codes[0]], countries[codes[1]])


def pair_meetings(first: str, second: str) -> QuerySet:
    """Return the public meetings with participants of both countries (ISO codes)."""
    with_first = MeetingParticipant.objects.filter(country_id=first).values("meeting_id")
    with_second = MeetingParticipant.objects.filter(country_id=second).values("meeting_id")
    return Meeting.objects.public().filter(pk__in=with_first).filter(pk__in=with_second)


# --- The record ----------------------------------------------------------------------------------


@dataclass
class Series:
    """One line of a chart and its table: meetings per year of one level or one mode."""

    key: str
    label: str
    by_year: Counter = field(default_factory=Counter)
    from_titles: int = 0  # of these, how many levels the machine read from titles

    @property
    def total(self) -> int:
        return sum(self.by_year.values())


@dataclass
class PairMeeting:
    """A meeting as the latest-meetings list shows it."""

    pk: int
    start: datetime.date
    names: list[str]
    place: str
    mode: str
    level: MeetingLevel
    reviewed: bool


@dataclass
class Official:
    """Someone who met the other side: how often, and the offices they held at those meetings."""

    name: str
    slug: str
    meetings: int = 0
    offices: dict[str, HeldPosition] = field(default_factory=dict)


@dataclass
class Side:
    country: Country
    officials: list[Official]


@dataclass(frozen=True)
class SignedAgreement:
    date: datetime.date
    kind: str
    title: str  # as reported
    meeting_pk: int


@dataclass
class PairRecord:
    """Everything the pair page shows of the relationship between ``first`` and ``second``."""

    first: Country
    second: Country
    total: int = 0
    reviewed: int = 0
    years: list[int] = field(default_factory=list)
    levels: list[Series] = field(default_factory=list)
    modes: list[Series] = field(default_factory=list)
    sides: list[Side] = field(default_factory=list)
    agreements: list[SignedAgreement] = field(default_factory=list)
    latest: list[PairMeeting] = field(default_factory=list)
    first_date: datetime.date | None = None
    last_date: datetime.date | None = None

    @property
    def code(self) -> str:
        return f"{self.first.code}-{self.second.code}"

    @property
    def from_titles(self) -> int:
        return sum(series.from_titles for series in self.levels)


@dataclass
class _Row:
    pk: int
    start: datetime.date
    mode: str
    format: str
    place: str | None
    review: str
    city: str
    venue: str
    participants: list[tuple] = field(default_factory=list)
    articles: list[int] = field(default_factory=list)


MODE_KEYS = ("to_second", "to_first", "third", "remote", "unplaced")


def mode_labels(first: Country, second: Country) -> dict[str, str]:
    """Return the label of each way the two sides met, from the place country."""
    return {
        "to_second": f"{first.name} → {second.name} (held in {second.name})",
        "to_first": f"{second.name} → {first.name} (held in {first.name})",
        "third": "In a third country",
        "remote": "Calls (telephone or video)",
        "unplaced": "In person, place not recorded",
    }


def pair_mode(mode: str, place: str | None, first: str, second: str) -> str:
    """Return the key of :func:`mode_labels` for a meeting of ``mode`` held in ``place`` (ISO codes)."""
    if mode == Mode.REMOTE:
        return "remote"
    if place == second:
        return "to_second"
    if place == first:
        return "to_first"
    return "third" if place else "unplaced"


def _rows(meetings: QuerySet) -> list[_Row]:
    """Return the meetings newest first, each with its participants and published report articles (3 queries)."""
    fields = ("pk", "start", "mode", "format", "place_country_id", "review", "city", "venue")
    rows = {values[0]: _Row(*values) for values in meetings.order_by("-start", "-pk").values_list(*fields)}
    participants = MeetingParticipant.objects.order_by("meeting_id", "-head_of_delegation", "side", "pk").values_list(
        "meeting_id", "person_id", "person__name", "person__slug", "name", "country_id", "title"
    )
    for participant in _by_meetings(participants, rows):
        rows[participant[0]].participants.append(participant[1:])
    # The article's status is read, not filtered on: with it in the WHERE clause SQLite walked every
    # published article first (1.3 s for the 232 reports of 156 meetings at 20,000 articles; 8 ms so).
    reports = MeetingReport.objects.order_by().values_list("meeting_id", "article_id", "article__status")
    for meeting_id, article_id, status in _by_meetings(reports, rows):
        if status == Article.Status.PUBLISHED:
            rows[meeting_id].articles.append(article_id)
    return list(rows.values())


def _by_meetings(queryset: QuerySet, meeting_ids, field_name: str = "meeting_id"):
    """Yield the rows of ``queryset`` of these meetings, asked by their ids in chunks of ``ID_CHUNK``.

    By ids, not by the pair's subquery, which SQLite evaluated again for every table asked.
    """
    ids = list(meeting_ids)
    for start in range(0, len(ids), ID_CHUNK):
        yield from queryset.filter(**{f"{field_name}__in": ids[start : start + ID_CHUNK]})


class _LevelReader:
    """Reads each meeting's level from the offices held that day, or from titles (country words loaded once)."""

    def __init__(self, rows: list[_Row]):
        people = {p[0] for row in rows for p in row.participants if p[0]}
        self.batch = read_batch(people, {a for row in rows for a in row.articles})
        self._titles: TitleReader | None = None

    def offices(self, row: _Row) -> dict[int, list[HeldPosition]]:
        evidence = frozenset().union(*(self.batch.evidence.get(a, frozenset()) for a in row.articles))
        return {p[0]: self.batch.offices(p[0], row.start, evidence) for p in row.participants if p[0]}

    def level(self, row: _Row, offices: dict[int, list[HeldPosition]]) -> MeetingLevel:
        readings = []
        for person_id, _, _, _, _, title in row.participants:
            held = offices.get(person_id, []) if person_id else []
            parsed = self.titles.read(title) if not held and title else None
            readings.append(participant_level((office.role for office in held), parsed))
        return meeting_level(row.format, readings)

    @property
    def titles(self) -> TitleReader:
        if self._titles is None:
            self._titles = TitleReader.from_database()
        return self._titles


def _display_names(row: _Row, names: dict[str, str]) -> list[str]:
    shown = []
    for _, person_name, _, reported, country, _ in row.participants:
        delegation = f"{names.get(country, country)} delegation" if country else "unnamed"
        shown.append(person_name or reported or delegation)
    return shown


def _agreements(rows: dict[int, _Row], first: str, second: str) -> list[SignedAgreement]:
    """Return what the two signed at their meetings, oldest first (2 queries): agreements whose parties are
    both countries, or whose parties are not recorded (signed at a meeting of the two)."""
    parties: dict[int, set[str]] = {}
    links = Agreement.parties.through.objects.order_by().values_list("agreement_id", "country_id")
    for agreement_id, country in _by_meetings(links, rows, "agreement__meeting_id"):
        parties.setdefault(agreement_id, set()).add(country)
    signed = []
    agreements = Agreement.objects.order_by("pk").values_list("pk", "meeting_id", "kind", "title")
    for pk, meeting_id, kind, title in _by_meetings(agreements, rows):
        if pk in parties and not {first, second} <= parties[pk]:
            continue
        label = AgreementKind(kind).label if kind in AgreementKind.values else kind
        signed.append(SignedAgreement(rows[meeting_id].start, label, title, meeting_id))
    return sorted(signed, key=lambda a: (a.date, a.meeting_pk))


def pair_record(first: Country, second: Country, latest: int = LATEST) -> PairRecord:
    """Return the :class:`PairRecord` of two countries (``first`` before ``second`` by code)."""
    meetings = pair_meetings(first.code, second.code)
    rows = _rows(meetings)
    record = PairRecord(first, second, total=len(rows), reviewed=sum(r.review == Review.REVIEWED for r in rows))
    if not rows:
        return record
    names = {first.code: first.name, second.code: second.name}
    places = {r.place for r in rows if r.place} - names.keys()
    names |= dict(Country.objects.filter(code__in=places).values_list("code", "name")) if places else {}
    reader = _LevelReader(rows)
    levels = {level: Series(level.value, level.label) for level in sorted(Level, key=lambda lv: -RANK[lv])}
    modes = {key: Series(key, label) for key, label in mode_labels(first, second).items()}
    sides = {first.code: {}, second.code: {}}
    for row in rows:
        offices = reader.offices(row)
        level = reader.level(row, offices)
        levels[level.level].by_year[row.start.year] += 1
        levels[level.level].from_titles += level.from_titles
        mode = pair_mode(row.mode, row.place, first.code, second.code)
        modes[mode].by_year[row.start.year] += 1
        _count_officials(row, offices, sides)
        if len(record.latest) < latest:
            place = ", ".join(part for part in (row.venue, row.city, names.get(row.place, "")) if part)
            shown = _display_names(row, names)
            reviewed = row.review == Review.REVIEWED
            record.latest.append(PairMeeting(row.pk, row.start, shown, place, modes[mode].label, level, reviewed))
    record.first_date, record.last_date = rows[-1].start, rows[0].start
    record.years = list(range(record.first_date.year, record.last_date.year + 1))
    record.levels = [series for series in levels.values() if series.total]
    record.modes = [series for series in modes.values() if series.total]
    record.sides = [
        Side(country, sorted(sides[country.code].values(), key=lambda o: (-o.meetings, o.name)))
        for country in (first, second)
    ]
    record.agreements = _agreements({row.pk: row for row in rows}, first.code, second.code)
    return record


def _count_officials(row: _Row, offices: dict[int, list[HeldPosition]], sides: dict[str, dict]) -> None:
    """Count ``row`` for each person who represented one of the two countries at it, with the offices held."""
    for person_id, person_name, slug, _, country, _ in row.participants:
        if not person_id or country not in sides:
            continue
        official = sides[country].setdefault(person_id, Official(person_name, slug))
        official.meetings += 1
        official.offices.update((office.slug, office) for office in offices.get(person_id, []))
