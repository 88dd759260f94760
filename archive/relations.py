"""Who met whom, and what titles people held: aggregations for the official and
country pages. Each function is a fixed number of SQL queries, whatever the
number of articles or people (no per-row queries)."""

from collections import Counter
from dataclasses import dataclass, field

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


@dataclass
class CounterpartCountry:
    code: str
    name: str
    total: int = 0
    by_year: dict[int, int] = field(default_factory=dict)
    # Filled in by the page that shows it: links to the matching searches.
    search_url: str = ""
    year_cells: list[tuple[int, int, str]] = field(default_factory=list)

    def cells(self, years: list[int]) -> list[tuple[int, int]]:
        """Return ``(year, count)`` for each of ``years`` (0 where none)."""
        return [(year, self.by_year.get(year, 0)) for year in years]


def counterpart_countries(country: Country) -> tuple[list[int], list[CounterpartCountry]]:
    """Return the years and the countries that share published articles with ``country``,
    with counts per year, most shared first."""
    links = Article.countries.through.objects
    articles = links.filter(country=country, article__status=Article.Status.PUBLISHED).values("article")
    # One row per (article, other country): the link table is unique per pair, so rows are
    # counted here rather than with COUNT(DISTINCT) over a per-row year function (SQLite
    # runs Django's ExtractYear in Python: that query was most of the page at 20,000 articles).
    rows = (
        links.filter(article__in=articles)
        .exclude(country=country)
        .values_list("country_id", "article__published_on")
        .order_by()
    )
    counts = Counter((code, published_on.year) for code, published_on in rows.iterator(chunk_size=5000))
    names = dict(Country.objects.filter(code__in={code for code, _ in counts}).values_list("code", "name"))
    table: dict[str, CounterpartCountry] = {}
    for (code, year), number in counts.items():
        entry = table.setdefault(code, CounterpartCountry(code, names[code]))
        entry.by_year[year] = number
        entry.total += number
    years = sorted({year for entry in table.values() for year in entry.by_year})
    return years, sorted(table.values(), key=lambda e: (-e.total, e.name))
