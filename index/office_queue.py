"""Queueing the articles and meetings whose offices change when tenures, their evidence or positions change.

The index keeps, for every article and meeting, the offices its participants held
on its date (offices/held.py). A tenure counts on the dates it was surely held (its
certain span) and on the records that are its evidence, so a change can only move
the answer for those dates: the person's participations inside the span before
and after the change, and the evidence before and after. Those are queued, in
the same transaction as the change (index/queue.py explains why), never the
person's whole history.
"""

import dataclasses
import datetime
from dataclasses import dataclass

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from archive.models import Article, Participation
from archive.signals import person_merging
from index.queue import enqueue, enqueue_meetings
from meetings.models import MeetingParticipant
from offices.models import Position, Tenure, TenureEvidence

# Fields of a position that the index holds (slug in ``offices``, sector and country in the sector fields).
POSITION_FIELDS = ("slug", "sector", "country_id")


@dataclass(frozen=True)
class TenureReach:
    """The records one tenure counts for: its person's participations within its certain span, and its evidence."""

    person_id: int
    first: datetime.date | None
    last: datetime.date | None
    evidence: tuple[int, ...]

    @classmethod
    def of(cls, tenure_id) -> "TenureReach | None":
        """Return the reach of the tenure ``tenure_id`` as the database holds it now, or ``None`` if it is gone."""
        tenure = Tenure.objects.with_reports().filter(pk=tenure_id).first() if tenure_id else None
        if tenure is None:
            return None
        span = tenure.span()
        evidence = tuple(tenure.evidence_links.values_list("article_id", flat=True))
        return cls(tenure.person_id, span.certain_from(), span.certain_to(datetime.date.today()), evidence)

    def article_ids(self) -> set[int]:
        ids = set(self.evidence)
        if self.first and self.last:
            ids |= set(
                Participation.objects.filter(
                    person_id=self.person_id,
                    role=Participation.Role.PARTICIPANT,
                    article__status=Article.Status.PUBLISHED,
                    article__published_on__range=(self.first, self.last),
                ).values_list("article_id", flat=True)
            )
        return ids

    def meeting_ids(self) -> set[int]:
        if not (self.first and self.last):
            return set()
        attended = MeetingParticipant.objects.filter(
            person_id=self.person_id, meeting__start__range=(self.first, self.last)
        )
        return set(attended.values_list("meeting_id", flat=True))


def enqueue_reaches(reaches, using=None) -> int:
    """Queue every record the tenure reaches ``reaches`` (``None`` entries skipped) count for; return the rows.

    Evidence articles bring their meetings along (a meeting counts a tenure its report is evidence of).
    """
    reaches = [reach for reach in reaches if reach is not None]
    articles = set().union(*(reach.article_ids() for reach in reaches))
    meetings = set().union(*(reach.meeting_ids() for reach in reaches))
    return enqueue(articles, using) + enqueue_meetings(meetings, using)


# Tenures ------------------------------------------------------------------------


def remember_tenure(sender, instance, raw=False, **kwargs):
    """Keep what the tenure reached before the save (its person, span and evidence may all change)."""
    instance._parley_reach_before = TenureReach.of(instance.pk)


def tenure_saved(sender, instance, using=None, **kwargs):
    enqueue_reaches([getattr(instance, "_parley_reach_before", None), TenureReach.of(instance.pk)], using)


def tenure_deleted(sender, instance, using=None, **kwargs):
    # Before the delete: its evidence rows are still there to say what it reached.
    enqueue_reaches([TenureReach.of(instance.pk)], using)


# Evidence -----------------------------------------------------------------------


def remember_evidence(sender, instance, raw=False, **kwargs):
    """Keep the reach of the tenures this evidence row belongs to now (its tenure may change on save)."""
    old_tenure = sender.objects.filter(pk=instance.pk).values_list("tenure_id", flat=True).first()
    instance._parley_reach_before = [TenureReach.of(old_tenure), TenureReach.of(instance.tenure_id)]


def evidence_changed(sender, instance, using=None, **kwargs):
    """An evidence row saved or deleted: the tenure's span may have grown or shrunk, and the article
    (and the meetings it reports) gained or lost the office."""
    before = getattr(instance, "_parley_reach_before", [])
    enqueue_reaches([*before, TenureReach.of(instance.tenure_id)], using)
    enqueue([instance.article_id], using)


def evidence_m2m_changed(sender, instance, action, reverse, pk_set, using=None, **kwargs):
    """Evidence added or removed through ``tenure.evidence`` or ``article.tenures`` (no row signals then)."""
    if reverse:  # instance is an article, pk_set its tenures
        if action == "pre_clear":
            instance._parley_evidence_tenures = list(instance.tenures.values_list("pk", flat=True))
        tenure_ids = list(pk_set or getattr(instance, "_parley_evidence_tenures", []))
        article_ids = [instance.pk]
    else:  # instance is a tenure, pk_set articles
        if action == "pre_clear":
            instance._parley_evidence_articles = list(instance.evidence.values_list("pk", flat=True))
        tenure_ids = [instance.pk]
        article_ids = list(pk_set or getattr(instance, "_parley_evidence_articles", []))
    if action.startswith("pre_"):
        instance._parley_reach_before = [TenureReach.of(pk) for pk in tenure_ids]
    elif action.startswith("post_"):
        before = getattr(instance, "_parley_reach_before", [])
        enqueue_reaches([*before, *(TenureReach.of(pk) for pk in tenure_ids)], using)
        enqueue(article_ids, using)


# Positions ----------------------------------------------------------------------


def remember_position(sender, instance, raw=False, **kwargs):
    instance._parley_indexed_before = (
        sender.objects.filter(pk=instance.pk).values(*POSITION_FIELDS).first() if instance.pk else None
    )


def position_saved(sender, instance, created, using=None, **kwargs):
    """A position's slug, sector or country changed: every record its tenures count for shows it."""
    old = getattr(instance, "_parley_indexed_before", None)
    if created or old is None or all(old[field] == getattr(instance, field) for field in POSITION_FIELDS):
        return
    tenure_ids = Tenure.objects.filter(position=instance).values_list("pk", flat=True)
    enqueue_reaches([TenureReach.of(pk) for pk in tenure_ids], using)


# People merged ----------------------------------------------------------------------


def person_merging_tenures(sender, other, keep, **kwargs):
    """A merge moves ``other``'s tenures to ``keep`` with a plain update (no tenure signal): ``keep``'s own
    participations inside those tenures' spans gain the offices. ``other``'s participations are queued
    as they move. Whether the tenures have moved yet depends on the receivers' order: both people's count."""
    tenure_ids = Tenure.objects.filter(person_id__in=[other.pk, keep.pk]).values_list("pk", flat=True)
    reaches = [TenureReach.of(pk) for pk in tenure_ids]
    enqueue_reaches([dataclasses.replace(r, person_id=keep.pk) for r in reaches if r is not None])


def connect():
    """Connect the receivers (called from ``index.queue.connect``)."""
    uid = "parley-index-queue-offices"
    pre_save.connect(remember_tenure, sender=Tenure, dispatch_uid=f"{uid}-tenure-pre")
    post_save.connect(tenure_saved, sender=Tenure, dispatch_uid=f"{uid}-tenure-save")
    pre_delete.connect(tenure_deleted, sender=Tenure, dispatch_uid=f"{uid}-tenure-delete")
    pre_save.connect(remember_evidence, sender=TenureEvidence, dispatch_uid=f"{uid}-evidence-pre")
    pre_delete.connect(remember_evidence, sender=TenureEvidence, dispatch_uid=f"{uid}-evidence-pre-delete")
    post_save.connect(evidence_changed, sender=TenureEvidence, dispatch_uid=f"{uid}-evidence-save")
    post_delete.connect(evidence_changed, sender=TenureEvidence, dispatch_uid=f"{uid}-evidence-delete")
    m2m_changed.connect(evidence_m2m_changed, sender=Tenure.evidence.through, dispatch_uid=f"{uid}-evidence-m2m")
    pre_save.connect(remember_position, sender=Position, dispatch_uid=f"{uid}-position-pre")
    post_save.connect(position_saved, sender=Position, dispatch_uid=f"{uid}-position-save")
    person_merging.connect(person_merging_tenures, dispatch_uid=f"{uid}-person-merging")
