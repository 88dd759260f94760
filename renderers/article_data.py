"""Articles as plain data for machine formats: JSON API, JSON Lines and CSV exports.

Every format describes an article with the same names, so a script written
against the API reads an export too. Expects articles loaded with
``Article.objects.for_display()`` and, for many at once, their offices attached with
:func:`with_offices` (no query per article).
"""

from collections.abc import Callable

from archive.models import Article, Participation
from offices import held

# Turns a site path (/articles/x/) into an absolute URL.
Absolute = Callable[[str], str]


def with_offices(articles) -> list[Article]:
    """Return ``articles`` with the offices their participants held on their dates loaded, in three
    queries for all of them (offices/held.py)."""
    return held.attach_to_articles(articles)


def official_records(article: Article) -> list[dict]:
    """Return the people of ``article``, participants first: slug, name, role, title as reported, and
    the offices a participant held on the article's date (none for people only mentioned)."""
    offices = held.article_offices(article)
    return [
        {
            "slug": p.person.slug,
            "name": p.person.name,
            "role": p.role,
            "title": p.title,
            "offices": [office.as_dict() for office in offices.get(p.person_id, [])],
        }
        for p in article.participations.all()
    ]


def country_records(article: Article) -> list[dict]:
    return [{"code": c.code, "name": c.name} for c in article.countries.all()]


def article_record(article: Article, absolute: Absolute) -> dict:
    """Return the summary of ``article`` every machine format shares (no body)."""
    source = article.source
    return {
        "id": article.pk,
        "headline": article.title,
        "url": absolute(article.get_absolute_url()),
        "source_url": article.url or None,
        "date": article.published_on.isoformat(),
        "source": {"slug": source.slug, "name": source.name} if source else None,
        "byline": article.byline,
        "officials": official_records(article),
        "countries": country_records(article),
    }


def full_article_record(article: Article, absolute: Absolute) -> dict:
    """Return ``article`` in full: the summary plus language, body and last change."""
    return {
        **article_record(article, absolute),
        "language": article.language,
        "body": article.body,
        "updated_at": article.updated_at.isoformat(),
    }


CSV_COLUMNS = [
    "id",
    "date",
    "headline",
    "source",
    "byline",
    "participants",
    "mentioned",
    "countries",
    "country_codes",
    "official_slugs",
    "url",
    "source_url",
    "offices",
    "office_slugs",
]
JOIN = "; "


def _person_label(participation: Participation) -> str:
    name = participation.person.name
    return f"{name} ({participation.title})" if participation.title else name


def office_cells(people_offices: list[tuple[str, list[held.HeldPosition]]]) -> list[str]:
    """Return the CSV's two office cells: "Name: office label" for each office held, and the office slugs."""
    pairs = [(name, office) for name, offices in people_offices for office in offices]
    return [JOIN.join(f"{name}: {office.label}" for name, office in pairs), JOIN.join(o.slug for _, o in pairs)]


def csv_row(article: Article, absolute: Absolute) -> list:
    """Return one CSV row for ``article``: lists joined with ``"; "``, in :data:`CSV_COLUMNS` order."""
    people = list(article.participations.all())
    countries = list(article.countries.all())
    offices = held.article_offices(article)
    return [
        article.pk,
        article.published_on.isoformat(),
        article.title,
        article.source.name if article.source else "",
        article.byline,
        JOIN.join(_person_label(p) for p in people if p.role == Participation.Role.PARTICIPANT),
        JOIN.join(_person_label(p) for p in people if p.role == Participation.Role.MENTIONED),
        JOIN.join(c.name for c in countries),
        JOIN.join(c.code for c in countries),
        JOIN.join(p.person.slug for p in people),
        absolute(article.get_absolute_url()),
        article.url,
        *office_cells([(p.person.name, offices.get(p.person_id, [])) for p in people]),
    ]
