"""Meetings for the network tests: officials meeting, each meeting reported by its own published article."""

import datetime

from archive.models import Article, Country, Person
from meetings.models import Meeting, Review
from tests.factories import make_article, make_person


def meet(*people: Person, on=datetime.date(2021, 3, 1), review=Review.REVIEWED, status=Article.Status.PUBLISHED):
    """Record a meeting of ``people`` (each representing their country), reported by one new article."""
    article = make_article(published_on=on, status=status, people=list(people))
    meeting = Meeting.objects.create(start=on, review=review)
    meeting.reports.create(article=article)
    for person in people:
        meeting.participants.create(person=person, country=person.country)
    return meeting


def guests(count: int, code="IR", prefix="Guest") -> list[Person]:
    country = Country.objects.get(code=code)
    return [make_person(f"{prefix} {n:02d}", country=country) for n in range(count)]
