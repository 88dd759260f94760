"""Curators' decisions on tenure suggestions: accept (a new tenure, the article as evidence),
link (the article becomes evidence for an existing tenure), reject. Each one transactional;
the admin records each in the history (LogEntry)."""

from django.db import transaction
from django.utils import timezone

from archive.models import Person
from offices.models import Position, Tenure, TenureEvidence, TenureSuggestion

Status = TenureSuggestion.Status


class CurationError(ValueError):
    """A decision that cannot be made; the message says why, for the curator."""


def _evidence(tenure: Tenure, suggestion: TenureSuggestion) -> TenureEvidence:
    evidence, _ = TenureEvidence.objects.get_or_create(
        tenure=tenure,
        article=suggestion.article,
        defaults={
            "reported_title": suggestion.reported_title,
            "note": f"reported in this office on {suggestion.date.isoformat()}",
        },
    )
    return evidence


def _close(suggestion: TenureSuggestion, status, tenure: Tenure | None, user) -> None:
    suggestion.status = status
    suggestion.tenure = tenure
    suggestion.resolved_at = timezone.now()
    suggestion.resolved_by = user if user and user.is_authenticated else None
    suggestion.save()


def _open(suggestion: TenureSuggestion) -> TenureSuggestion:
    """Return the suggestion locked for the decision; ``CurationError`` if it was already decided."""
    # Lock the suggestion only: PostgreSQL refuses FOR UPDATE on the nullable side of the join.
    suggestions = TenureSuggestion.objects.select_for_update(of=("self",)).select_related("name_suggestion")
    locked = suggestions.get(pk=suggestion.pk)
    if not locked.is_open:
        raise CurationError(f"“{locked}” was already decided ({locked.get_status_display().lower()}).")
    return locked


def accept(
    suggestion: TenureSuggestion, *, person: Person | None = None, position: Position | None = None, user=None
) -> Tenure:
    """Create the tenure the suggestion proposes (dates unknown: the article is its evidence); return it.

    ``person`` and ``position`` override or complete the suggestion's; both must be known.
    """
    with transaction.atomic():
        locked = _open(suggestion)
        person = person or locked.holder()
        position = position or locked.position
        if person is None:
            raise CurationError(
                f"“{locked.name}” is not a person yet: resolve the suggested official first, or choose the person."
            )
        if position is None:
            raise CurationError(f"Choose the position “{locked.reported_title}” is (or create it first).")
        tenure = Tenure.objects.create(
            person=person,
            position=position,
            note=f"Accepted from the title “{locked.reported_title}” in {locked.article}.",
        )
        _evidence(tenure, locked)
        _close(locked, Status.ACCEPTED, tenure, user)
    suggestion.refresh_from_db()
    return tenure


def link(suggestion: TenureSuggestion, tenure: Tenure | None = None, *, user=None) -> Tenure:
    """Add the suggestion's article as evidence to ``tenure`` (default: the tenure it may extend); return it."""
    with transaction.atomic():
        locked = _open(suggestion)
        tenure = tenure or locked.related_tenure
        if tenure is None:
            raise CurationError(f"Choose the tenure “{locked.reported_title}” belongs to.")
        holder = locked.holder()
        if holder is not None and holder.pk != tenure.person_id:
            raise CurationError(f"That tenure is {tenure.person}'s, not {holder}'s.")
        _evidence(tenure, locked)
        _close(locked, Status.LINKED, tenure, user)
    suggestion.refresh_from_db()
    return tenure


def reject(suggestion: TenureSuggestion, *, user=None) -> TenureSuggestion:
    """Mark the suggestion as not a tenure worth keeping; return it."""
    with transaction.atomic():
        _close(_open(suggestion), Status.REJECTED, None, user)
    suggestion.refresh_from_db()
    return suggestion


def move_person(other: Person, keep: Person) -> int:
    """Give ``keep`` the tenures and tenure suggestions of ``other`` (before a merge deletes ``other``);
    return how many tenures moved."""
    with transaction.atomic():
        moved = Tenure.objects.filter(person=other).update(person=keep)
        TenureSuggestion.objects.filter(person=other).update(person=keep)
    return moved
