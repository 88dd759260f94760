"""What curators do to meetings, as transactional steps the admin (and scripts) call.

Confirm or reject a proposal, merge two meetings, split one, detach a report. Nothing
is lost: a merged meeting is kept as a pointer to the one it went into (its URL
redirects there), a rejected proposal stays as a record that the machine was wrong,
and every step returns what it did so the admin can log it. Index rows are written
by the queue's signal receivers in the same transaction.
"""

from dataclasses import dataclass

from django.db import transaction

from archive.models import Person
from meetings.models import Agreement, Meeting, MeetingParticipant, MeetingReport, Review


class MeetingCurationError(Exception):
    """A curation step that cannot be done as asked; the message says why."""


def confirm(meetings) -> int:
    """Mark proposals as reviewed (their reports too); return how many changed."""
    changed = 0
    with transaction.atomic():
        for meeting in meetings:
            if meeting.review not in (Review.PROPOSED, Review.REJECTED):
                continue
            meeting.review = Review.REVIEWED
            meeting.save(update_fields=["review", "updated_at"])
            meeting.reports.update(proposed=False)
            changed += 1
    return changed


def reject(meetings) -> int:
    """Mark proposals as rejected (kept, never shown); return how many changed."""
    changed = 0
    with transaction.atomic():
        for meeting in meetings:
            if meeting.review != Review.PROPOSED:
                continue
            meeting.review = Review.REJECTED
            meeting.save(update_fields=["review", "updated_at"])
            changed += 1
    return changed


@dataclass
class MergeReport:
    kept: Meeting
    merged: list[int]
    reports_moved: int
    participants_moved: int
    agreements_moved: int


def merge(keep: Meeting, others) -> MergeReport:
    """Merge ``others`` into ``keep``: reports, participants and agreements move; each other
    meeting stays as a pointer to ``keep``. A person already at ``keep`` is not added twice
    (the head-of-delegation mark and a reported title are kept); a report of an article
    already reporting ``keep`` is dropped (the same article, the same meeting)."""
    others = [m for m in others if m.pk != keep.pk]
    if not others:
        raise MeetingCurationError("Choose at least one other meeting to merge into the one you keep.")
    report = MergeReport(keep, [], 0, 0, 0)
    with transaction.atomic():
        keep = Meeting.objects.select_for_update().get(pk=keep.pk)
        for other in others:
            if other.review == Review.MERGED:
                raise MeetingCurationError(
                    f"Meeting {other.pk} was already merged into meeting {other.merged_into_id}."
                )
            report.merged.append(other.pk)
            for moved in MeetingReport.objects.filter(meeting=other):
                if MeetingReport.objects.filter(meeting=keep, article_id=moved.article_id).exists():
                    moved.delete()
                    continue
                moved.meeting = keep
                moved.save()
                report.reports_moved += 1
            for participant in MeetingParticipant.objects.filter(meeting=other):
                same = participant.person_id and keep.participants.filter(person_id=participant.person_id).first()
                if same:
                    same.head_of_delegation = same.head_of_delegation or participant.head_of_delegation
                    same.title = same.title or participant.title
                    same.save()
                    participant.delete()
                    continue
                participant.meeting = keep
                participant.save()
                report.participants_moved += 1
            report.agreements_moved += Agreement.objects.filter(meeting=other).update(meeting=keep)
            other.review, other.merged_into = Review.MERGED, keep
            other.save(update_fields=["review", "merged_into", "updated_at"])
        keep.refresh_outlets()
        keep.save(update_fields=["updated_at"])
    return report


def split(meeting: Meeting, reports) -> Meeting:
    """Move ``reports`` (and the agreements their articles reported) to a new proposed meeting
    with a copy of the participants; return it. The new meeting waits for a curator."""
    reports = [r for r in reports if r.meeting_id == meeting.pk]
    if not reports or len(reports) == meeting.reports.count():
        raise MeetingCurationError("Choose some, not all, of the meeting's reports to split off.")
    with transaction.atomic():
        fields = {
            f.name: getattr(meeting, f.name)
            for f in Meeting._meta.concrete_fields
            if f.name not in ("id", "review", "merged_into", "created_at", "updated_at", "independent_outlets")
        }
        new = Meeting.objects.create(**fields, review=Review.PROPOSED)
        for participant in meeting.participants.all():
            participant.pk = None
            participant.meeting = new
            participant.save()
        article_ids = [r.article_id for r in reports]
        MeetingReport.objects.filter(pk__in=[r.pk for r in reports]).update(meeting=new)
        Agreement.objects.filter(meeting=meeting, article_id__in=article_ids).update(meeting=new)
        for changed in (meeting, new):
            changed.refresh_outlets()
            changed.save(update_fields=["updated_at"])
    return new


def detach(report: MeetingReport) -> None:
    """Remove one article from a meeting's reports (the article said nothing of it)."""
    with transaction.atomic():
        meeting = report.meeting
        if meeting.reports.count() == 1:
            raise MeetingCurationError("This is the meeting's only report: reject the meeting instead.")
        report.delete()
        meeting.refresh_outlets()
        meeting.save(update_fields=["updated_at"])


def move_participations(other: Person, keep: Person) -> int:
    """Give ``keep`` the places of ``other`` at meetings (before a person merge deletes ``other``)."""
    moved = 0
    for participant in MeetingParticipant.objects.filter(person=other):
        existing = MeetingParticipant.objects.filter(meeting_id=participant.meeting_id, person=keep).first()
        if existing:
            existing.head_of_delegation = existing.head_of_delegation or participant.head_of_delegation
            existing.title = existing.title or participant.title
            existing.save()
            participant.delete()
        else:
            participant.person = keep
            participant.save()
            moved += 1
    return moved
