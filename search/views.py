"""Public pages. Thin: parse the request, call one function, render."""

from django.shortcuts import get_object_or_404, render

from archive.models import Article, Country, Person
from search.results import request_params, run_search
from search.vocabulary import Sort


def search_page(request):
    page = run_search(request.GET)
    params = request_params(request.GET)
    return render(
        request,
        "search/search.html",
        {"page": page, "params": params, "sorts": list(Sort), "query": request.GET.get("q", "")},
    )


def article_page(request, slug):
    article = get_object_or_404(Article.objects.published().for_display(), slug=slug)
    paragraphs = [p.strip() for p in article.body.split("\n") if p.strip()]
    return render(request, "search/article.html", {"article": article, "paragraphs": paragraphs})


def official_page(request, slug):
    person = get_object_or_404(Person.objects.select_related("country").prefetch_related("aliases"), slug=slug)
    # Bounded: the busiest officials have thousands of articles (4 s and 370 MB per request
    # at 20,000 articles when all were rendered); the search link lists them all.
    articles = Article.objects.published().filter(participations__person=person).for_display().distinct()[:50]
    return render(request, "search/official.html", {"person": person, "articles": articles})


def country_page(request, code):
    country = get_object_or_404(Country, code=code.upper())
    officials = Person.objects.filter(country=country).order_by("name")
    articles = Article.objects.published().filter(countries=country).for_display()[:50]
    return render(request, "search/country.html", {"country": country, "officials": officials, "articles": articles})
