"""What the official and country pages show besides the person or country itself:
the archive's aggregates (who met whom, titles, the countries met per year,
latest articles) with their search links, rendered once per archive version.

They cost hundreds of milliseconds per request at 100,000 articles, a third in
SQL and the rest in rendering tables of thousands of cells, and only change
when the archive changes (records/aggregate_cache.py says when).
"""

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from archive import relations
from archive.models import Article, Country, Person
from meetings import relations as meeting_relations
from network.graph import official_network
from query.links import meetings_url, search_url
from records import aggregate_cache as page_cache
from records.ranks import ranks_reported
from relations.pages import counterpart_rows

TIMELINE_LIMIT = 50


def official_context(person: Person) -> dict:
    """Return ``titles`` (as written), ``ranks`` (read from them), ``counterparts`` (the people they met, from
    meetings, each with the ``search_url`` of their meetings together), their ``network`` (drawn), the newest
    ``meetings`` and articles (``timeline``, bounded by ``TIMELINE_LIMIT``) of ``person``."""
    titles = relations.titles_held(person)
    counterparts = meeting_relations.counterparts(person)
    for counterpart in counterparts:
        counterpart["search_url"] = meetings_url(official=[person.slug, counterpart["slug"]], all="official")
    meetings = meeting_relations.timeline(person)
    return {
        "person": person,
        "search_url": search_url(official=person.slug),
        "meetings_url": meetings_url(official=person.slug),
        "titles": titles,
        "ranks": ranks_reported(titles),
        "counterparts": counterparts,
        # The same meetings drawn: the official at the centre, counterparts who met each other there linked too.
        "network": official_network(person),
        # Bounded: the busiest officials have thousands of articles; the searches list them all.
        "meetings": meetings[:TIMELINE_LIMIT],
        "meetings_total": meetings.count(),
        "timeline": relations.timeline(person)[:TIMELINE_LIMIT],
        "timeline_total": relations.timeline(person).count(),
    }


def country_context(country: Country) -> dict:
    """Return ``officials``, ``counterparts`` (the countries it met, from meetings, each with a per-year
    sparkline and its pair page) and the latest ``articles`` of ``country``."""
    return {
        "country": country,
        "officials": relations.country_officials(country),
        "counterparts": counterpart_rows(country),
        "articles": Article.objects.published().filter(countries=country).select_related("source")[:50],
    }


def official_aggregates(person: Person) -> SafeString:
    """Return the rendered aggregates of the official page of ``person`` (escaped by the template)."""
    return page_cache.cached(
        ("official", person.pk),
        lambda: render_to_string("includes/official_aggregates.html", official_context(person)),
    )


def country_aggregates(country: Country) -> SafeString:
    """Return the rendered aggregates of the country page of ``country`` (escaped by the template)."""
    return page_cache.cached(
        ("country", country.code),
        lambda: render_to_string("includes/country_aggregates.html", country_context(country)),
    )
