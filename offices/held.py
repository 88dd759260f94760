"""The offices a participant held on the date of an article or a meeting, for search and machine formats.

What counts as held on a date (the same rule for the index, the API, the exports and
the feeds):

* a tenure that surely covers the date (``Held.YES``: inside its recorded start and
  end, or between the first and last articles that report the person in the office);
* or a tenure the record itself is evidence of: the article is in the tenure's
  evidence (for a meeting, one of its published reports is), even where the
  tenure's recorded dates say otherwise, because a curator linked that report to it.

A tenure only *possibly* held on the date (an unknown start or end with no evidence
around the date) does not count: search would otherwise answer "defense officials"
with whoever might have been one. Only participants count (an article's people
with the role *participant*, a meeting's participants with a person), never people
only mentioned.

Everything is read from prefetched data (:func:`article_prefetches`,
:func:`meeting_prefetches`), so a batch of records costs two more queries, not
one per record.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch

from offices.holding import Held
from offices.models import Position, Tenure, TenureEvidence

# Where the prefetched tenures and evidence links are kept (``to_attr``), away from the
# plain relations so that other prefetches of ``tenures`` never clash with these.
TENURES_ATTR = "tenures_for_dates"
EVIDENCE_ATTR = "tenure_evidence_for_dates"


@dataclass(frozen=True)
class HeldPosition:
    """One office a participant held on a record's date: what search indexes and machine formats show."""

    slug: str
    label: str
    role: str
    sector: str
    country: str  # the position's country, an ISO code

    @classmethod
    def of(cls, position: Position) -> "HeldPosition":
        return cls(position.slug, position.label, position.role, position.sector, position.country_id)

    @property
    def sector_key(self) -> str:
        """Return the sector with its country, ``"AZ:military"``: what the index keeps so that a sector
        filter can ask for an office-holder *of* a given country."""
        return f"{self.country}:{self.sector}"

    def as_dict(self) -> dict:
        return {"slug": self.slug, "label": self.label, "role": self.role, "sector": self.sector, "country": self.country}


def _tenures() -> Prefetch:
    return Tenure.objects.with_reports().select_related("position")


def _evidence():
    return TenureEvidence.objects.only("id", "tenure_id", "article_id")


def article_prefetches() -> list[Prefetch]:
    """Return the prefetches :func:`article_offices` reads, for a queryset of articles whose
    ``participations`` are prefetched with their person (``Article.objects.for_display()``)."""
    return [
        Prefetch("participations__person__tenures", queryset=_tenures(), to_attr=TENURES_ATTR),
        Prefetch("tenure_evidence", queryset=_evidence(), to_attr=EVIDENCE_ATTR),
    ]


def meeting_prefetches() -> list[Prefetch]:
    """Return the prefetches :func:`meeting_offices` reads, for a queryset of meetings loaded with
    ``Meeting.objects.for_display()`` (participants with their person, reports with their article)."""
    return [
        Prefetch("participants__person__tenures", queryset=_tenures(), to_attr=TENURES_ATTR),
        Prefetch("reports__article__tenure_evidence", queryset=_evidence(), to_attr=EVIDENCE_ATTR),
    ]


def held_positions(tenures, date: datetime.date, evidence: frozenset[int] = frozenset()) -> list[HeldPosition]:
    """Return the offices of ``tenures`` held on ``date`` (surely, or by a tenure whose id is in
    ``evidence``), each office once, in label order."""
    held = {
        tenure.position.slug: HeldPosition.of(tenure.position)
        for tenure in tenures
        if tenure.pk in evidence or tenure.held_on(date) is Held.YES
    }
    return sorted(held.values(), key=lambda office: (office.label, office.slug))


def _person_tenures(person) -> list:
    tenures = getattr(person, TENURES_ATTR, None)
    if tenures is None:  # not prefetched: correct, one query for this person
        tenures = list(_tenures().filter(person=person))
    return tenures


def _evidence_ids(article) -> frozenset[int]:
    links = getattr(article, EVIDENCE_ATTR, None)
    if links is None:
        links = list(_evidence().filter(article=article))
    return frozenset(link.tenure_id for link in links)


def article_offices(article) -> dict[int, list[HeldPosition]]:
    """Return, by person id, the offices each participant of ``article`` held on its date
    (people only mentioned are left out)."""
    from archive.models import Participation

    evidence = _evidence_ids(article)
    return {
        p.person_id: held_positions(_person_tenures(p.person), article.published_on, evidence)
        for p in article.participations.all()
        if p.role == Participation.Role.PARTICIPANT
    }


def meeting_offices(meeting) -> dict[int, list[HeldPosition]]:
    """Return, by person id, the offices each participant of ``meeting`` (with a person) held on its date;
    a tenure counts as held when a published report of the meeting is its evidence."""
    evidence = frozenset().union(*(_evidence_ids(report.article) for report in meeting.published_reports()))
    return {
        p.person_id: held_positions(_person_tenures(p.person), meeting.start, evidence)
        for p in meeting.participants.all()
        if p.person_id
    }


def all_held(offices_by_person: dict[int, list[HeldPosition]]) -> list[HeldPosition]:
    """Return every office in ``offices_by_person``, each once."""
    return list({office.slug: office for offices in offices_by_person.values() for office in offices}.values())
