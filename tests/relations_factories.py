"""Meetings for the relations tests: who met, from which countries, where, reported by a published article."""

import datetime

from archive.models import Article
from meetings.models import Meeting, Review
from meetings.vocabulary import Mode
from tests.factories import make_article


def make_meeting(start, *participants, place="AZ", mode=Mode.VISIT, review=Review.REVIEWED, status=None, **fields):
    """Create a meeting on ``start`` (a date or "YYYY-MM-DD") with ``participants``: ``(person or name,
    country code, title as reported)``; reported by one article (published unless ``status`` says otherwise)."""
    start = datetime.date.fromisoformat(start) if isinstance(start, str) else start
    meeting = Meeting.objects.create(start=start, place_country_id=place, mode=mode, review=review, **fields)
    article = make_article(published_on=start, status=status or Article.Status.PUBLISHED)
    meeting.reports.create(article=article)
    for who, country, title in participants:
        person = None if isinstance(who, str) else who
        name = who if isinstance(who, str) else ""
        meeting.participants.create(person=person, name=name, country_id=country, title=title)
    return meeting
