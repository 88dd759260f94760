"""The offices a participant held on the date of an article or a meeting, for search and machine formats.

What counts as held on a date (one rule for the index, the API, the exports and the feeds):

* a tenure that surely covers the date (``Held.YES``: inside its recorded start and
  end, and between its certain first and last days, evidence included);
* or a tenure the record itself is evidence of: the article is in the tenure's
  evidence (for a meeting, one of its published reports is), because a curator
  linked that report to the tenure.

A tenure only *possibly* held on the date (an unknown start or end with no evidence
around the date) does not count: search would otherwise answer "defense officials"
with whoever might have been one. Only participants count (an article's people
with the role *participant*, a meeting's participants with a person), never people
only mentioned.

Records are answered in batches: :func:`attach_to_articles` and
:func:`attach_to_meetings` read the tenures, positions and evidence of a whole batch
in three queries of plain values (a batch of 500 articles loads thousands of
tenures; model instances and Django's prefetching doubled the index build's time).
:func:`article_offices` and :func:`meeting_offices` then read what was attached, or
query for one record when nothing was.
"""

import dataclasses
import datetime
from dataclasses import dataclass

from offices.dates import PartialDate
from offices.holding import Span
from offices.models import Position, Tenure, TenureEvidence

# Where a batch's answer is kept on each record: {person id: [HeldPosition, ...]}.
ATTACHED = "_parley_offices_held"


@dataclass(frozen=True)
class HeldPosition:
    """One office a participant held on a record's date: what search indexes and machine formats show."""

    slug: str
    label: str
    role: str
    sector: str
    country: str  # the position's country, an ISO code

    @property
    def sector_key(self) -> str:
        """Return the sector with its country, ``"AZ:military"``: what the index keeps so that a sector
        filter can ask for an office-holder *of* a given country."""
        return f"{self.country}:{self.sector}"

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class SureTenure:
    """A tenure as far as dates go: whose, which office, and the days it was surely held (or ``None``)."""

    pk: int
    person_id: int
    position_id: int
    sure_days: tuple[datetime.date, datetime.date] | None

    def held_on(self, date: datetime.date, evidence: frozenset[int]) -> bool:
        """Return whether this tenure counts as held on ``date`` for a record that is evidence of ``evidence``."""
        if self.pk in evidence:
            return True
        return self.sure_days is not None and self.sure_days[0] <= date <= self.sure_days[1]


def sure_days(span: Span, today: datetime.date | None = None) -> tuple[datetime.date, datetime.date] | None:
    """Return the first and last days on which ``span`` was surely held (``Held.YES``), or ``None``.

    The same answer as ``span.held_on(date) is Held.YES`` for every date, computed once per
    tenure instead of once per date asked.
    """
    today = today or datetime.date.today()
    first, last = span.certain_from(), span.certain_to(today)
    if first is None or last is None:
        return None
    if span.start:
        first = max(first, span.start.earliest)
    if span.end:
        last = min(last, span.end.latest)
    elif span.current:
        last = min(last, today)  # nobody knows the future
    return (first, last) if first <= last else None


def _sure_tenures(person_ids) -> dict[int, list[SureTenure]]:
    """Return every tenure of ``person_ids``, by person (one query)."""
    rows = (
        Tenure.objects.filter(person_id__in=set(person_ids))
        .with_reports()
        .values_list(
            "pk",
            "person_id",
            "position_id",
            "start_date",
            "start_precision",
            "end_date",
            "end_precision",
            "current",
            "reported_from",
            "reported_to",
        )  # fmt: skip
    )
    today = datetime.date.today()
    by_person: dict[int, list[SureTenure]] = {}
    for pk, person_id, position_id, start, start_precision, end, end_precision, current, first, last in rows:
        span = Span(
            PartialDate.stored(start, start_precision), PartialDate.stored(end, end_precision), first, last, current
        )
        by_person.setdefault(person_id, []).append(SureTenure(pk, person_id, position_id, sure_days(span, today)))
    return by_person


def _positions(tenures_by_person, known=()) -> dict[int, HeldPosition]:
    """Return the positions of these tenures not among ``known``, by id (one query)."""
    ids = {tenure.position_id for tenures in tenures_by_person.values() for tenure in tenures} - set(known)
    if not ids:
        return {}
    rows = Position.objects.filter(pk__in=ids).values_list("pk", "slug", "label", "role", "sector", "country_id")
    return {pk: HeldPosition(slug, label, role, sector, country) for pk, slug, label, role, sector, country in rows}


def _evidence(article_ids) -> dict[int, frozenset[int]]:
    """Return, by article, the tenures it is evidence of (one query)."""
    found: dict[int, set[int]] = {}
    for article_id, tenure_id in TenureEvidence.objects.filter(article_id__in=set(article_ids)).values_list(
        "article_id", "tenure_id"
    ):
        found.setdefault(article_id, set()).add(tenure_id)
    return {article_id: frozenset(tenures) for article_id, tenures in found.items()}


class TenureMemo:
    """Tenures and positions already read, by person and by id, shared by the batches of one full build.

    A build reads the same people's tenures for batch after batch; a change made while it
    runs is queued and replayed on the new index after the swap (index/build.py), so
    what the memo holds never outlives the build's own snapshot.
    """

    def __init__(self):
        self.tenures: dict[int, list[SureTenure]] = {}
        self.positions: dict[int, HeldPosition] = {}


class _Batch:
    """The tenures, positions and evidence of a batch of records, loaded once (what ``memo`` lacks)."""

    def __init__(self, person_ids, article_ids, memo: TenureMemo | None = None):
        memo = memo if memo is not None else TenureMemo()
        missing = set(person_ids) - memo.tenures.keys()
        if missing:
            found = _sure_tenures(missing)
            memo.tenures.update({pk: found.get(pk, []) for pk in missing})
            memo.positions.update(_positions(found, known=memo.positions))
        self.tenures, self.positions = memo.tenures, memo.positions
        self.evidence = _evidence(article_ids)

    def offices(self, person_id: int, date: datetime.date, evidence: frozenset[int]) -> list[HeldPosition]:
        """Return the offices ``person_id`` held on ``date`` (each once, in label order)."""
        held = {
            tenure.position_id
            for tenure in self.tenures.get(person_id, ())
            if tenure.held_on(date, evidence) and tenure.position_id in self.positions
        }
        return sorted((self.positions[pk] for pk in held), key=lambda office: (office.label, office.slug))


def read_batch(person_ids, article_ids) -> _Batch:
    """Return the tenures and positions of ``person_ids`` and the evidence of ``article_ids`` (three queries),
    for callers that hold plain values rather than meetings: ask it ``.offices(person_id, date, evidence)``,
    with ``evidence`` the union of ``.evidence.get(article_id)`` over the record's published reports."""
    return _Batch(person_ids, article_ids)


def _participants(article) -> list[int]:
    from archive.models import Participation

    return [p.person_id for p in article.participations.all() if p.role == Participation.Role.PARTICIPANT]


def _meeting_people(meeting) -> list[int]:
    return [p.person_id for p in meeting.participants.all() if p.person_id]


def _report_articles(meeting) -> list[int]:
    return [report.article_id for report in meeting.published_reports()]


def attach_to_articles(articles, memo: TenureMemo | None = None) -> list:
    """Work out, for every article of ``articles``, the offices its participants held on its date,
    in three queries for the whole batch, and keep the answer on each article; return the articles.

    Expects ``participations`` prefetched (``Article.objects.for_display()``); ``memo`` keeps the
    tenures read for later batches of the same build.
    """
    articles = list(articles)
    batch = _Batch([pk for a in articles for pk in _participants(a)], [a.pk for a in articles], memo)
    for article in articles:
        evidence = batch.evidence.get(article.pk, frozenset())
        setattr(
            article,
            ATTACHED,
            {pk: batch.offices(pk, article.published_on, evidence) for pk in _participants(article)},
        )
    return articles


def attach_to_meetings(meetings, memo: TenureMemo | None = None) -> list:
    """As :func:`attach_to_articles`, for meetings (on the meeting's date; a tenure whose evidence is one of
    the meeting's published reports counts). Expects ``Meeting.objects.for_display()``."""
    meetings = list(meetings)
    people = [pk for m in meetings for pk in _meeting_people(m)]
    batch = _Batch(people, [pk for m in meetings for pk in _report_articles(m)], memo)
    for meeting in meetings:
        evidence = frozenset().union(*(batch.evidence.get(pk, frozenset()) for pk in _report_articles(meeting)))
        setattr(meeting, ATTACHED, {pk: batch.offices(pk, meeting.start, evidence) for pk in _meeting_people(meeting)})
    return meetings


def article_offices(article) -> dict[int, list[HeldPosition]]:
    """Return, by person id, the offices each participant of ``article`` held on its date (people only
    mentioned are left out); from :func:`attach_to_articles` when it ran on the article."""
    if not hasattr(article, ATTACHED):
        attach_to_articles([article])
    return getattr(article, ATTACHED)


def meeting_offices(meeting) -> dict[int, list[HeldPosition]]:
    """Return, by person id, the offices each participant of ``meeting`` (with a person) held on its date."""
    if not hasattr(meeting, ATTACHED):
        attach_to_meetings([meeting])
    return getattr(meeting, ATTACHED)


def all_held(offices_by_person: dict[int, list[HeldPosition]]) -> list[HeldPosition]:
    """Return every office in ``offices_by_person``, each once."""
    return list({office.slug: office for offices in offices_by_person.values() for office in offices}.values())
