"""Queueing records (articles, meetings, agreements) for the index: every change that affects search, durably.

Receivers write :class:`~index.models.IndexChange` rows in the same database
transaction as the change itself, so a committed change always leaves a row and a
rolled-back one never does (``on_commit`` would lose the row if the process died
between the commit and the callback). Related changes (participants, countries,
a person or outlet renamed, an alias added, a merge) queue every article they
touch, and every meeting: a meeting is searchable through its published reports,
and its document holds its participants' names. A queued meeting brings its agreements
along (an agreement is searchable while its meeting is, with its signatories' offices). Nothing here touches the search
index: that is the worker's job.
"""

from django.db import connections, router
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.utils import timezone

from archive.models import Article, Country, Participation, Person, PersonAlias, Source
from archive.signals import articles_changed, queue_bypassed
from archive.sql import insert_rows
from index import generations
from index.models import IndexChange
from meetings.models import Agreement, Meeting, MeetingParticipant, MeetingReport

# Fields of related objects that the index shows (names in the text, slugs as facet keys).
WATCHED_FIELDS = {Person: ("name", "slug", "country_id"), Source: ("name", "slug"), Country: ("name",)}


def enqueue(article_ids, using=None, kind=IndexChange.Kind.ARTICLE, with_meetings=True, with_agreements=True) -> int:
    """Queue the records ``article_ids`` (articles unless ``kind`` says otherwise); return the rows written.

    An article's meetings are queued with it: whether a meeting is searchable, and
    what its document holds, follow its reports' articles; and a meeting's agreements
    with the meeting, unless ``with_agreements`` is false (a meeting just created has none).
    """
    ids = sorted({int(pk) for pk in article_ids if pk is not None})
    if not ids:
        return 0
    # Plain SQL: every imported article passes here, and bulk_create of one row costs
    # more than the import's own insert of the article.
    using = using or router.db_for_write(IndexChange)
    created_at = IndexChange._meta.get_field("created_at").get_db_prep_save(timezone.now(), connections[using])
    rows = [(kind, pk, created_at, False) for pk in ids]
    meeting_ids = []
    if kind == IndexChange.Kind.ARTICLE and with_meetings:
        meeting_ids = meetings_of_articles(ids, using)
        rows += [(IndexChange.Kind.MEETING, pk, created_at, False) for pk in meeting_ids]
    elif kind == IndexChange.Kind.MEETING:
        meeting_ids = ids
    # An agreement's document follows its meeting's (public or not, participants, offices held on its date).
    if with_agreements:
        agreement_ids = agreements_of_meetings(meeting_ids, using)
        rows += [(IndexChange.Kind.AGREEMENT, pk, created_at, False) for pk in agreement_ids]
    insert_rows(IndexChange, ["kind", "object_id", "created_at", "applied"], rows, using)
    return len(rows)


def enqueue_meetings(meeting_ids, using=None, with_agreements=True) -> int:
    """Queue the meetings ``meeting_ids`` (and their agreements) for reindexing; return how many rows were written."""
    return enqueue(meeting_ids, using, kind=IndexChange.Kind.MEETING, with_agreements=with_agreements)


def meetings_of_articles(article_ids, using=None) -> list[int]:
    """Return the ids of the meetings these articles report."""
    reports = MeetingReport.objects.using(using or router.db_for_read(MeetingReport))
    return sorted(set(reports.filter(article_id__in=article_ids).values_list("meeting_id", flat=True)))


def agreements_of_meetings(meeting_ids, using=None) -> list[int]:
    """Return the ids of the agreements signed at these meetings."""
    if not meeting_ids:
        return []
    agreements = Agreement.objects.using(using or router.db_for_read(Agreement))
    return sorted(agreements.filter(meeting_id__in=meeting_ids).values_list("pk", flat=True))


def queue_length() -> int:
    """Return how many records (articles, meetings) wait for the worker: each counted once."""
    return IndexChange.objects.pending().values("kind", "object_id").distinct().count()


def published_article_ids(**lookup) -> list[int]:
    """Return the ids of published articles matching ``lookup``; others are not in the index."""
    return list(Article.objects.published().filter(**lookup).values_list("pk", flat=True).distinct())


# Articles ----------------------------------------------------------------------


def article_saved(sender, instance, created=False, raw=False, using=None, **kwargs):
    # A new article reports no meeting yet: its meetings are queued when they are recorded.
    enqueue([instance.pk], using, with_meetings=not created)


def article_deleted(sender, instance, using=None, **kwargs):
    enqueue([instance.pk], using)


def participation_changed(sender, instance, using=None, **kwargs):
    enqueue([instance.article_id], using)


def article_m2m_changed(sender, instance, action, reverse, pk_set, using=None, **kwargs):
    """Countries or people added to or removed from articles, from either side."""
    if action == "pre_clear" and reverse:
        # Which articles lose the link is only known before the clear.
        instance._parley_cleared_articles = list(instance.articles.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        enqueue([instance.pk], using)
    elif action == "post_clear":
        enqueue(getattr(instance, "_parley_cleared_articles", []), using)
    else:
        enqueue(pk_set or (), using)


# Related objects whose names are indexed -----------------------------------------


def remember_watched_values(sender, instance, raw=False, **kwargs):
    """Keep the indexed field values as they were, to compare after the save."""
    fields = WATCHED_FIELDS[sender]
    old = sender._default_manager.filter(pk=instance.pk).values(*fields).first() if instance.pk else None
    instance._parley_indexed_before = old


def related_saved(sender, instance, created, using=None, **kwargs):
    old = getattr(instance, "_parley_indexed_before", None)
    fields = WATCHED_FIELDS[sender]
    if created or old is None or all(old[f] == getattr(instance, f) for f in fields):
        return
    lookup = {Person: "participations__person", Source: "source", Country: "countries"}[sender]
    enqueue(published_article_ids(**{lookup: instance.pk}), using)


def country_deleted(sender, instance, using=None, **kwargs):
    # The link rows go with a fast delete that sends no m2m signal.
    enqueue(published_article_ids(countries=instance.pk), using)


def alias_changed(sender, instance, using=None, **kwargs):
    enqueue(published_article_ids(participations__person=instance.person_id), using)


def bulk_articles_changed(sender, article_ids, **kwargs):
    enqueue(article_ids)


def bypassed(sender, reason="", **kwargs):
    """Rows written without signals: no queue row can say which, so the index is stale until rebuilt."""
    generations.mark_stale(reason or f"bulk writes by {getattr(sender, '__name__', sender)}")


# Meetings ---------------------------------------------------------------------


def meeting_changed(sender, instance, created=False, using=None, **kwargs):
    # A meeting just created has no agreement yet: each is queued as it is saved (meeting_part_changed).
    # Skipping the lookup saves a query per meeting the import records (about 5 % of its time).
    enqueue_meetings([instance.pk], using, with_agreements=not created)


def meeting_part_changed(sender, instance, using=None, **kwargs):
    """A participant, agreement or report saved or deleted: its meeting's document changes."""
    enqueue_meetings([instance.meeting_id], using)


def agreement_changed(sender, instance, using=None, **kwargs):
    """An agreement saved or deleted: its own document (a deleted one is no longer found through its meeting)."""
    enqueue([instance.pk], using, kind=IndexChange.Kind.AGREEMENT)


def agreement_parties_changed(sender, instance, action, reverse, pk_set, using=None, **kwargs):
    """Parties added to or removed from agreements, from either side."""
    if action == "pre_clear" and reverse:
        instance._parley_cleared_agreements = list(instance.agreements.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        ids = [instance.pk]
    elif action == "post_clear":
        ids = getattr(instance, "_parley_cleared_agreements", [])
    else:
        ids = pk_set or ()
    enqueue(ids, using, kind=IndexChange.Kind.AGREEMENT)


def person_meetings_changed(sender, instance, created, using=None, **kwargs):
    """A person renamed (or re-slugged): the meetings they attended show the name."""
    old = getattr(instance, "_parley_indexed_before", None)
    if created or old is None or all(old[f] == getattr(instance, f) for f in WATCHED_FIELDS[Person]):
        return
    enqueue_meetings(MeetingParticipant.objects.filter(person=instance).values_list("meeting_id", flat=True), using)


def connect():
    """Connect every receiver (called once from ``SearchConfig.ready``)."""
    uid = "parley-index-queue"
    post_save.connect(article_saved, sender=Article, dispatch_uid=f"{uid}-article-save")
    post_delete.connect(article_deleted, sender=Article, dispatch_uid=f"{uid}-article-delete")
    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(participation_changed, sender=Participation, dispatch_uid=f"{uid}-participation-{name}")
        signal.connect(alias_changed, sender=PersonAlias, dispatch_uid=f"{uid}-alias-{name}")
    for through in (Article.countries.through, Article.people.through):
        m2m_changed.connect(article_m2m_changed, sender=through, dispatch_uid=f"{uid}-m2m-{through.__name__}")
    for model in WATCHED_FIELDS:
        pre_save.connect(remember_watched_values, sender=model, dispatch_uid=f"{uid}-pre-{model.__name__}")
        post_save.connect(related_saved, sender=model, dispatch_uid=f"{uid}-post-{model.__name__}")
    pre_delete.connect(country_deleted, sender=Country, dispatch_uid=f"{uid}-country-delete")
    articles_changed.connect(bulk_articles_changed, dispatch_uid=f"{uid}-bulk")
    queue_bypassed.connect(bypassed, dispatch_uid=f"{uid}-bypassed")
    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(meeting_changed, sender=Meeting, dispatch_uid=f"{uid}-meeting-{name}")
        for part in (MeetingParticipant, Agreement, MeetingReport):
            signal.connect(meeting_part_changed, sender=part, dispatch_uid=f"{uid}-{part.__name__}-{name}")
        signal.connect(agreement_changed, sender=Agreement, dispatch_uid=f"{uid}-agreement-own-{name}")
    m2m_changed.connect(agreement_parties_changed, sender=Agreement.parties.through, dispatch_uid=f"{uid}-parties")
    post_save.connect(person_meetings_changed, sender=Person, dispatch_uid=f"{uid}-person-meetings")
    # Offices held on a record's date are indexed too: tenures, their evidence and positions.
    from index import office_queue

    office_queue.connect()
