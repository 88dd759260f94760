"""Public pages. Thin: parse the request, call one function, render."""

from django.shortcuts import get_object_or_404, render

from archive.models import Article, Country, Person
from search.links import search_url
from search.page_data import country_aggregates, official_aggregates
from search.related import citation, related_articles
from search.results import run_search
from search.vocabulary import Sort


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
    return render(
        request,
        "search/official.html",
        {"person": person, "search_url": search_url(official=person.slug), "aggregates": official_aggregates(person)},
    )


def country_page(request, code):
    country = get_object_or_404(Country, code=code.upper())
    return render(
        request,
        "search/country.html",
        {"country": country, "search_url": search_url(country=country.code), "aggregates": country_aggregates(country)},
    )
