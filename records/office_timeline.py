"""The offices a person held, and the holders of an office, as the record pages show them.

Dates are shown as recorded, partial where they are partial; an unknown start or end
stays unknown and is shown beside the evidence (the published articles that report
the person in the office), never filled in. Between two tenures of an office the
record may say nothing: such a stretch is a :class:`Gap`, *vacant* when recorded
dates bound it, *unknown* when only reports do.

Only published articles count as evidence here: a public page links every date it
gives, and a draft's page does not exist.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch

from archive.models import Article, Person
from offices.dates import PartialDate
from offices.holders import in_order
from offices.holding import Span
from offices.models import Position, Tenure, TenureEvidence, TenureSuggestion


@dataclass(frozen=True)
class Evidence:
    """A published article reporting the person in the office, with the title it gives them."""

    date: datetime.date
    article_url: str
    article_title: str
    reported_title: str


@dataclass(frozen=True)
class TenureEntry:
    """One tenure as a page shows it: its recorded dates (``None`` when unknown) and its evidence, oldest first."""

    tenure: Tenure
    span: Span
    evidence: tuple[Evidence, ...] = ()

    is_gap = False

    @property
    def person(self) -> Person:
        return self.tenure.person

    @property
    def position(self) -> Position:
        return self.tenure.position

    @property
    def start(self) -> PartialDate | None:
        return self.span.start

    @property
    def end(self) -> PartialDate | None:
        return self.span.end

    @property
    def acting(self) -> bool:
        return self.tenure.acting

    @property
    def current(self) -> bool:
        return self.span.current and self.span.end is None

    @property
    def end_cause(self) -> str:
        """Return what ended the tenure, in words ("Resigned"), or "" when not recorded."""
        return self.tenure.get_end_cause_display() if self.tenure.end_cause else ""

    @property
    def first_report(self) -> Evidence | None:
        return self.evidence[0] if self.evidence else None

    @property
    def last_report(self) -> Evidence | None:
        return self.evidence[-1] if self.evidence else None

    def surely_held(self, first_day: datetime.date, last_day: datetime.date, today: datetime.date) -> bool:
        """Return whether the tenure surely covers every day from ``first_day`` to ``last_day``."""
        return bool(self.span.held_on(first_day, today)) and bool(self.span.held_on(last_day, today))


@dataclass(frozen=True)
class Gap:
    """A stretch of an office's history with no holder on record.

    ``after`` and ``before`` are the days that bound it (``None``: open-ended);
    ``vacant`` when both bounds are recorded dates (an end, then a later start), so the
    office may truly have been vacant; otherwise only reports bound it and whoever held
    the office then is simply unknown.
    """

    after: datetime.date | None
    before: datetime.date | None
    vacant: bool

    is_gap = True

    @property
    def label(self) -> str:
        return "No holder on record" if self.vacant else "Unknown"


@dataclass(frozen=True)
class Proposal:
    """An open tenure suggestion, shown as what it is: the import's reading, not reviewed."""

    reported_title: str
    date: datetime.date
    article_url: str
    article_title: str
    position: Position | None
    conflict: str


@dataclass(frozen=True)
class OfficesHeld:
    """The official page's offices: ``entries`` (tenures in order of time) and open ``proposals``."""

    entries: list[TenureEntry] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)


def public_tenures():
    """Tenures with their published evidence dates annotated and their published evidence prefetched."""
    published = TenureEvidence.objects.filter(article__status=Article.Status.PUBLISHED).select_related("article")
    return (
        Tenure.objects.with_reports(published_only=True)
        .select_related("person", "position", "position__country", "position__accredited_to")
        .prefetch_related(
            Prefetch("evidence_links", queryset=published.order_by("article__published_on", "pk"), to_attr="shown")
        )
    )


def entry(tenure: Tenure) -> TenureEntry:
    """Return the :class:`TenureEntry` of a tenure loaded by :func:`public_tenures`."""
    evidence = tuple(
        Evidence(link.article.published_on, link.article.get_absolute_url(), link.article.title, link.reported_title)
        for link in tenure.shown
    )
    return TenureEntry(tenure, tenure.span(), evidence)


def offices_held(person: Person) -> OfficesHeld:
    """Return the tenures of ``person`` in order of time and the open tenure suggestions about them
    (published articles only). Three queries, whatever the number of tenures."""
    entries = [entry(t) for t in in_order(public_tenures().filter(person=person))]
    suggestions = (
        TenureSuggestion.objects.filter(
            person=person, status=TenureSuggestion.Status.PROPOSED, article__status=Article.Status.PUBLISHED
        )
        .select_related("article", "position")
        .order_by("date", "pk")
    )
    proposals = [
        Proposal(
            s.reported_title,
            s.date,
            s.article.get_absolute_url(),
            s.article.title,
            s.position,
            s.get_conflict_display() if s.conflict else "",
        )
        for s in suggestions
    ]
    return OfficesHeld(entries, proposals)


def _last_sure_day(entry: TenureEntry, today: datetime.date) -> tuple[datetime.date | None, bool]:
    """Return the last day ``entry`` is known to bound the office's history, and whether it is a recorded end."""
    if entry.end:
        return entry.end.latest, True
    return entry.span.certain_to(today), False


def _first_sure_day(entry: TenureEntry) -> tuple[datetime.date | None, bool]:
    """Return the first day ``entry`` is known to bound the office's history, and whether it is a recorded start."""
    if entry.start:
        return entry.start.earliest, True
    return entry.span.certain_from(), False


def with_gaps(entries: list[TenureEntry], today: datetime.date | None = None) -> list:
    """Return ``entries`` (in order of time) with a :class:`Gap` wherever the record leaves the office without a
    holder: between two tenures that do not meet, and after the last one unless it is current. Tenures with no
    date at all (neither recorded nor reported) come last, with no gap around them: they bound nothing."""
    today = today or datetime.date.today()
    rows: list = []
    covered_to, recorded_end = None, False
    dated = [e for e in entries if _first_sure_day(e)[0] or _last_sure_day(e, today)[0]]
    for current in dated:
        first, recorded_start = _first_sure_day(current)
        if rows and (first is None or covered_to is None or first > covered_to + datetime.timedelta(days=1)):
            rows.append(Gap(covered_to, first, recorded_end and recorded_start))
        rows.append(current)
        last, recorded = _last_sure_day(current, today)
        if last is not None and (covered_to is None or last >= covered_to):
            covered_to, recorded_end = last, recorded
    if dated and not any(e.current for e in dated) and covered_to and covered_to < today:
        rows.append(Gap(covered_to, None, recorded_end))
    return rows + [e for e in entries if e not in dated]
