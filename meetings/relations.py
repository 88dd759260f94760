"""Who met whom, from meetings: the official page's counterparts and timeline.

Counted over public meetings (proposed or reviewed, with a published report), never
over shared articles: two people named in one article have not necessarily met.
A fixed number of SQL queries, whatever the number of meetings.
"""

from django.db.models import Count, F, Max, Min, Q

from archive.models import Article, Person
from meetings.models import Meeting, MeetingParticipant, Review

VISIBLE = [Review.PROPOSED, Review.REVIEWED]


def public_meeting_ids():
    """The ids of public meetings, as a subquery."""
    return (
        Meeting.objects.filter(review__in=VISIBLE, reports__article__status=Article.Status.PUBLISHED)
        .values("pk")
        .distinct()
    )


def counterparts(person: Person) -> list[dict]:
    """Return the people ``person`` met: ``{"slug", "name", "country", "meetings", "reviewed", "first", "last"}``,
    most meetings first."""
    theirs = MeetingParticipant.objects.filter(person=person, meeting__in=public_meeting_ids()).values("meeting")
    rows = (
        MeetingParticipant.objects.filter(meeting__in=theirs, person__isnull=False)
        .exclude(person=person)
        # "name" and "country" are fields of the participant (as reported): the person's are read under other names.
        .values(slug=F("person__slug"), person_name=F("person__name"), person_country=F("person__country__name"))
        .annotate(
            # A person is at a meeting at most once (unique_person_per_meeting): no DISTINCT needed.
            meetings=Count("meeting"),
            reviewed=Count("meeting", filter=Q(meeting__review=Review.REVIEWED)),
            first=Min("meeting__start"),
            last=Max("meeting__start"),
        )
        .order_by("-meetings", "-last", "person_name")
    )
    return [{**row, "name": row.pop("person_name"), "country": row.pop("person_country")} for row in rows]


def timeline(person: Person):
    """Return the public meetings ``person`` took part in, newest first, ready for display."""
    return (
        Meeting.objects.filter(pk__in=public_meeting_ids(), participants__person=person)
        .select_related("place_country")
        .prefetch_related("participants__person")
        .order_by("-start", "-pk")
    )
