"""Tenure suggestions at import: a reported title that no recorded tenure covers goes to the
review queue; one that contradicts a recorded tenure goes there flagged as a conflict.

Never a tenure: only a curator makes one (offices/curation.py). The one call for the
import is :func:`propose_for_article`, after the article's participations and name
suggestions are saved; build one :class:`~offices.resolve.OfficeResolver` per run.
"""

import datetime
import enum
from dataclasses import dataclass

from django.db import transaction

from archive.models import Article, Participation, Person, Suggestion
from offices.holders import answers_on
from offices.holding import Held
from offices.models import Tenure, TenureSuggestion
from offices.resolve import OfficeResolver, Resolution


class Outcome(enum.Enum):
    COVERED = "covered"  # a recorded tenure covers the date: nothing to review
    PROPOSED = "proposed"  # a new suggestion (or one that may extend a tenure)
    CONFLICT = "conflict"  # a suggestion flagged as contradicting a recorded tenure
    DECIDED = "decided"  # a curator already decided this title for this article
    NO_OFFICE = "no_office"  # the title names no office (an honorific, a rank alone)
    FORMER = "former"  # "former Defense Minister": says nothing about the date


@dataclass(frozen=True)
class Proposal:
    """What the import did with one reported title."""

    outcome: Outcome
    resolution: Resolution | None = None
    suggestion: TenureSuggestion | None = None
    tenure: Tenure | None = None


@dataclass(frozen=True)
class _Finding:
    outcome: Outcome
    conflict: str = ""
    related: Tenure | None = None
    reason: str = ""


def propose(
    resolver: OfficeResolver,
    article: Article,
    title: str,
    *,
    person: Person | None = None,
    name_suggestion: Suggestion | None = None,
    date: datetime.date | None = None,
    context_countries=None,
) -> Proposal:
    """Read ``title`` as reported for ``person`` (or a suggested name) in ``article`` on ``date`` (default:
    the article's date) and write a :class:`TenureSuggestion` when no recorded tenure covers it; return what was done.
    """
    if person is None and name_suggestion is None:
        raise ValueError("propose needs a person or a name suggestion")
    date = date or article.published_on
    hint = (person.country_id if person else name_suggestion.country_id) or ""
    if context_countries is None:
        context_countries = [c.code for c in article.countries.all()]
    resolution = resolver.resolve(title, hint, context_countries)
    if not resolution.parsed.is_office:
        return Proposal(Outcome.NO_OFFICE, resolution)
    if resolution.parsed.former:
        return Proposal(Outcome.FORMER, resolution)
    finding = _find(resolver, resolution, person, date)
    if finding.outcome is Outcome.COVERED:
        return Proposal(Outcome.COVERED, resolution, tenure=finding.related)
    return _write(article, title, person, name_suggestion, date, resolution, finding)


def _find(resolver: OfficeResolver, resolution: Resolution, person: Person | None, date: datetime.date) -> _Finding:
    """Return how the recorded tenures stand to the title on ``date``."""
    position = resolution.position
    if position is None:
        return _Finding(Outcome.PROPOSED, reason="No position matches this title yet: choose or create one.")
    tenures = resolver.tenures_of(position)
    if person is not None:
        own = [tenure for tenure in tenures if tenure.person_id == person.pk]
        answers = [(tenure, tenure.held_on(date)) for tenure in own]
        sure = [tenure for tenure, held in answers if held is Held.YES]
        if sure:
            return _Finding(Outcome.COVERED, related=sure[0])
        possible = [tenure for tenure, held in answers if held is Held.POSSIBLY]
        if possible:
            return _Finding(
                Outcome.PROPOSED,
                related=possible[0],
                reason=f"May extend the recorded tenure ({possible[0].span().describe()}): link it if so.",
            )
        ended = [tenure for tenure in own if tenure.span().after_end(date)]
        if ended:
            latest = max(ended, key=lambda t: t.end.latest)
            return _Finding(
                Outcome.CONFLICT,
                TenureSuggestion.Conflict.AFTER_END,
                latest,
                f"Reported in this office on {date}, after the recorded tenure ended ({latest.end}).",
            )
        not_yet = [tenure for tenure in own if tenure.span().before_start(date)]
        if not_yet:
            first = min(not_yet, key=lambda t: t.start.earliest)
            return _Finding(
                Outcome.CONFLICT,
                TenureSuggestion.Conflict.BEFORE_START,
                first,
                f"Reported in this office on {date}, before the recorded tenure began ({first.start}).",
            )
    if not position.several_holders:
        holder = next((answer for answer in answers_on(tenures, date) if answer.sure), None)
        if holder is not None and holder.person != person:
            return _Finding(
                Outcome.CONFLICT,
                TenureSuggestion.Conflict.OTHER_HOLDER,
                holder.tenure,
                f"{holder.person} is recorded in this office on {date}.",
            )
    return _Finding(Outcome.PROPOSED, reason=f"No recorded tenure covers {date}.")


def _write(article, title, person, name_suggestion, date, resolution: Resolution, finding: _Finding) -> Proposal:
    parsed = resolution.parsed
    name = person.name if person else name_suggestion.name
    fields = {
        "date": date,
        "person": person,
        "name_suggestion": name_suggestion,
        "rank": parsed.rank,
        "role": parsed.role,
        "organisation": parsed.organisation[:200],
        "country_id": resolution.country or None,
        "accredited_to_id": parsed.accredited_to or None,
        "position": resolution.position,
        "conflict": finding.conflict,
        "related_tenure": finding.related,
        "reason": finding.reason[:300],
    }
    with transaction.atomic():
        suggestion, created = TenureSuggestion.objects.select_for_update().get_or_create(
            article=article, name=name[:200], reported_title=title[:300], defaults=fields
        )
        if not created and not suggestion.is_open:
            return Proposal(Outcome.DECIDED, resolution, suggestion)
        if not created:  # imported again: read afresh against today's tenures
            for key, value in fields.items():
                setattr(suggestion, key, value)
            suggestion.save()
    return Proposal(finding.outcome, resolution, suggestion)


def propose_for_article(article: Article, resolver: OfficeResolver | None = None) -> list[Proposal]:
    """Propose tenures for every titled participation and pending name suggestion of ``article``; return them.

    The call for the import, once the article's links are saved. Idempotent: a second
    call updates open suggestions and leaves decided ones alone.
    """
    resolver = resolver or OfficeResolver.from_database()
    countries = [c.code for c in article.countries.all()]
    proposals = []
    participations = Participation.objects.filter(article=article).exclude(title="").select_related("person")
    for participation in participations:
        proposals.append(
            propose(resolver, article, participation.title, person=participation.person, context_countries=countries)
        )
    pending = Suggestion.objects.filter(article=article, status=Suggestion.Status.PENDING).exclude(title="")
    for name_suggestion in pending:
        proposals.append(
            propose(
                resolver, article, name_suggestion.title, name_suggestion=name_suggestion, context_countries=countries
            )
        )
    return proposals


class TenureStep:
    """The import step (``PARLEY_IMPORT_STEPS``): tenure suggestions from each saved article's titles."""

    def __init__(self):
        self.resolver = OfficeResolver.from_database()

    def run(self, article, links, gazetteer) -> list[str]:
        notes = []
        for proposal in propose_for_article(article, self.resolver):
            if proposal.suggestion is not None:
                notes.append(f"tenure suggestion {proposal.suggestion.pk}: {proposal.suggestion}")
        return notes
