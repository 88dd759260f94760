"""Public pages. Thin: parse the request, call one function, render."""

from django.shortcuts import get_object_or_404, render

from archive import relations
from archive.models import Article, Country, Person
from search.links import search_url, together_url
from search.related import citation, related_articles
from search.results import run_search
from search.vocabulary import Sort

TIMELINE_LIMIT = 50


def search_page(request):
    page = run_search(request.GET)
    return render(
        request,
        "search/search.html",
        {"page": page, "params": page.params, "sorts": list(Sort), "query": request.GET.get("q", "")[:500]},
    )


def article_page(request, slug):
    article = get_object_or_404(Article.objects.published().for_display(), slug=slug)
    paragraphs = [p.strip() for p in article.body.split("\n") if p.strip()]
    permalink = request.build_absolute_uri(article.get_absolute_url())
    return render(
        request,
        "search/article.html",
        {
            "article": article,
            "paragraphs": paragraphs,
            "permalink": permalink,
            "citation": citation(article, permalink),
            "related": related_articles(article),
        },
    )


def official_page(request, slug):
    person = get_object_or_404(Person.objects.select_related("country").prefetch_related("aliases"), slug=slug)
    counterparts = relations.counterparts(person)
    for counterpart in counterparts:
        counterpart["search_url"] = together_url("official", [person.slug, counterpart["slug"]], role="participant")
    return render(
        request,
        "search/official.html",
        {
            "person": person,
            "titles": relations.titles_held(person),
            # Bounded: the busiest officials have thousands of articles; the search lists them all.
            "timeline": relations.timeline(person)[:TIMELINE_LIMIT],
            "timeline_total": relations.timeline(person).count(),
            "counterparts": counterparts,
            "search_url": search_url(official=person.slug),
        },
    )


def country_page(request, code):
    country = get_object_or_404(Country, code=code.upper())
    years, counterparts = relations.counterpart_countries(country)
    for counterpart in counterparts:
        counterpart.search_url = together_url("country", [country.code, counterpart.code])
        counterpart.year_cells = [
            (year, count, together_url("country", [country.code, counterpart.code], year=str(year)) if count else "")
            for year, count in counterpart.cells(years)
        ]
    return render(
        request,
        "search/country.html",
        {
            "country": country,
            "officials": relations.country_officials(country),
            "years": years,
            "counterparts": counterparts,
            "search_url": search_url(country=country.code),
            "articles": Article.objects.published().filter(countries=country).select_related("source")[:50],
        },
    )
