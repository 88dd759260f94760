"""How well a meeting is corroborated: by how many independent outlets, and whether its reports agree.

* ``single``: one independent outlet reports it;
* ``several``: two or more independent outlets do;
* ``disputed``: its reports disagree on the date (compared at the coarser of two precisions: "January
  2019" agrees with "16 January 2019") or on the place (two cities, or two countries).

A meeting is ``single`` or ``several``, and ``disputed`` besides when its reports disagree. Syndicated
copies count once: a report whose article is a copy of an earlier report's (the same text republished,
measured as the import's deduplication measures near-duplicates, archive/ingest/dedupe.py) neither adds
an outlet nor a disagreement. Only published reports count. Everything here reads the reports given
(prefetched with their articles): no query.
"""

import datetime
from dataclasses import dataclass, field

from django.db import models

from archive.ingest.dedupe import MIN_COVERAGE, NEAR_DUPLICATE_THRESHOLD, overlap, shingles
from archive.models import Article
from archive.text import fold


class Corroboration(models.TextChoices):
    SINGLE = "single", "Reported by one outlet only"
    SEVERAL = "several", "By several independent outlets"
    DISPUTED = "disputed", "Reports disagree on date or place"


@dataclass(frozen=True)
class Assessment:
    """What a meeting's published reports say together: independent ``outlets``, and the ``dates`` and
    ``places`` they give when they disagree (empty when they agree)."""

    outlets: int
    dates: list[datetime.date] = field(default_factory=list)
    places: list[str] = field(default_factory=list)

    @property
    def disputed(self) -> bool:
        return bool(self.dates or self.places)

    @property
    def values(self) -> list[str]:
        """Return the index's values: ``single`` or ``several``, and ``disputed`` when it is."""
        head = [Corroboration.SEVERAL if self.outlets > 1 else Corroboration.SINGLE]
        return [str(value) for value in head + ([Corroboration.DISPUTED] if self.disputed else [])]

    @property
    def badge(self) -> str:
        """Return the meeting page's badge text: "reported by 1 outlet" or "3 independent outlets"."""
        return f"{self.outlets} independent outlets" if self.outlets > 1 else f"reported by {self.outlets} outlet"

    @property
    def disagreements(self) -> list[str]:
        """Return each disagreement in words, for the page ("reports disagree on the date: ...")."""
        notes = []
        if self.dates:
            notes.append("reports disagree on the date: " + ", ".join(f"{d:%Y-%m-%d}" for d in self.dates))
        if self.places:
            notes.append("reports disagree on the place: " + ", ".join(self.places))
        return notes


def published(reports) -> list:
    """Return the reports whose article is published, oldest article first."""
    kept = [r for r in reports if r.article.status == Article.Status.PUBLISHED]
    return sorted(kept, key=lambda r: (r.article.published_on, r.article.pk))


def independent(reports) -> list:
    """Return the published reports that are not copies of an earlier one (the originals), oldest first."""
    reports = published(reports)
    if len(reports) < 2:
        return reports  # nothing to be a copy of: the texts need not be read
    originals, texts = [], []
    for report in reports:
        mine = shingles(report.article.body)
        if any(_is_copy(mine, theirs) for theirs in texts):
            continue
        originals.append(report)
        texts.append(mine)
    return originals


def _is_copy(mine: frozenset, theirs: frozenset) -> bool:
    score, coverage = overlap(mine, theirs)
    # A brief inside the story it announces is contained in it, but covers little of it: not a copy.
    return score >= NEAR_DUPLICATE_THRESHOLD and coverage >= MIN_COVERAGE


def independent_outlets(reports) -> int:
    """Return how many outlets report the meeting, syndicated copies counted once (an article without an
    outlet counts as its own)."""
    return len({r.article.source_id or f"article-{r.article.pk}" for r in independent(reports)})


def assess(reports) -> Assessment:
    """Return the :class:`Assessment` of a meeting from its reports (prefetched, with their articles)."""
    originals = independent(reports)
    outlets = len({r.article.source_id or f"article-{r.article.pk}" for r in originals})
    return Assessment(outlets, _disputed_dates(originals), _disputed_places(originals))


def _disputed_dates(reports) -> list[datetime.date]:
    stated = sorted({(r.asserted_date, r.asserted_precision or "day") for r in reports if r.asserted_date})
    for i, (a, precision_a) in enumerate(stated):
        for b, precision_b in stated[i + 1 :]:
            if _coarse(a, precision_a, precision_b) != _coarse(b, precision_b, precision_a):
                return sorted({day for day, _ in stated})
    return []


def _coarse(day: datetime.date, mine: str, theirs: str) -> tuple:
    """Return ``day`` at the coarser of two precisions, to compare it."""
    precision = "year" if "year" in (mine, theirs) else "month" if "month" in (mine, theirs) else "day"
    return {"year": (day.year,), "month": (day.year, day.month), "day": (day.year, day.month, day.day)}[precision]


def _disputed_places(reports) -> list[str]:
    cities = {fold(r.asserted_city): r.asserted_city for r in reports if r.asserted_city.strip()}
    countries = {r.asserted_country_id: r.asserted_country for r in reports if r.asserted_country_id}
    places = []
    if len(cities) > 1:
        places += sorted(cities.values())
    if len(countries) > 1:
        places += sorted(country.name for country in countries.values())
    return places


def of_meeting(meeting) -> Assessment:
    """Return the :class:`Assessment` of ``meeting`` from its reports (prefetch them), worked out once per
    loaded meeting: the index, the page and the exports each ask for it more than once."""
    if getattr(meeting, "_parley_assessment", None) is None:
        meeting._parley_assessment = assess(meeting.reports.all())
    return meeting._parley_assessment
