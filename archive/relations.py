"""Who appears with whom, and what titles people held: aggregations for the official and
country pages (the countries a country met are read from meetings: relations/listing.py).
Each function is a fixed number of SQL queries, whatever the number of articles or people
(no per-row queries)."""

from django.db.models import Count, F, Max, Min, Q

from archive.models import Article, Country, Participation, Person


def published_participations():
    """Participations in published articles."""
    return Participation.objects.filter(article__status=Article.Status.PUBLISHED)


def titles_held(person: Person) -> list[dict]:
    """Return the titles articles gave ``person``, earliest first:
    ``{"title", "first", "last", "articles"}`` (dates of the first and last article)."""
    return list(
        published_participations()
        .filter(person=person)
        .exclude(title="")
        .values("title")
        .annotate(first=Min("article__published_on"), last=Max("article__published_on"), articles=Count("article"))
        .order_by("first", "title")
    )


def timeline(person: Person):
    """Return ``person``'s participations in published articles, newest first, articles loaded."""
    return (
        published_participations()
        .filter(person=person)
        .select_related("article", "article__source")
        .order_by("-article__published_on", "-article_id")
    )


def counterparts(person: Person) -> list[dict]:
    """Return the people who took part in the same published articles as ``person`` (who took part too).

    Each: ``{"slug", "name", "country", "articles", "first", "last"}``, most shared first.
    """
    articles = published_participations().filter(person=person, role=Participation.Role.PARTICIPANT)
    return list(
        published_participations()
        .filter(role=Participation.Role.PARTICIPANT, article__in=articles.values("article"))
        .exclude(person=person)
        .values(slug=F("person__slug"), name=F("person__name"), country=F("person__country__name"))
        .annotate(
            # A person is in an article at most once (unique_person_per_article): no DISTINCT needed.
            articles=Count("article"),
            first=Min("article__published_on"),
            last=Max("article__published_on"),
        )
        .order_by("-articles", "-last", "name")
    )


def country_officials(country: Country):
    """Return the public people of ``country`` with the number of published articles they appear in.

    Someone in no published article (a suggestion accepted from a draft) is not listed.
    """
    published = Q(participations__article__status=Article.Status.PUBLISHED)
    return (
        Person.objects.filter(country=country)
        # One participation per person and article (unique_person_per_article): no DISTINCT needed.
        .annotate(article_count=Count("participations__article", filter=published))
        .filter(article_count__gt=0)
        .order_by("-article_count", "name")
    )
