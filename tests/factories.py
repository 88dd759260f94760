"""Small builders for test data (plain functions, real models)."""

import datetime
import itertools

from archive.models import Article, Country, Participation, Person, Source

_counter = itertools.count(1)


def make_article(
    title="Talks in Baku",
    body=None,
    published_on=datetime.date(2020, 5, 1),
    status=Article.Status.PUBLISHED,
    source=None,
    countries=(),
    people=(),
    **fields,
):
    """Create an article; ``people`` are ``(person, role)`` pairs or persons (participants)."""
    n = next(_counter)
    article = Article.objects.create(
        title=title,
        body=body if body is not None else f"Article number {n} about ministers meeting in Baku.",
        published_on=published_on,
        status=status,
        source=source,
        **fields,
    )
    article.countries.set([Country.objects.get(code=c) if isinstance(c, str) else c for c in countries])
    for entry in people:
        person, role = entry if isinstance(entry, tuple) else (entry, Participation.Role.PARTICIPANT)
        Participation.objects.create(article=article, person=person, role=role)
    return article


def make_person(name, country=None, aliases=()):
    person = Person.objects.create(name=name, country=country)
    for alias in aliases:
        person.aliases.create(name=alias)
    return person


def make_source(name, **fields):
    return Source.objects.create(name=name, **fields)
