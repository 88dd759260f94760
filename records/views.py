"""The public record pages. Thin: look the record up, gather what the page shows, render."""

from django.shortcuts import get_object_or_404, render

from archive.models import Article, Country, Person
from query.links import search_url
from records.aggregates import country_aggregates, official_aggregates
from records.related import citation, related_articles


def article_page(request, slug):
    article = get_object_or_404(Article.objects.published().for_display(), slug=slug)
    paragraphs = [p.strip() for p in article.body.split("\n") if p.strip()]
    permalink = request.build_absolute_uri(article.get_absolute_url())
    return render(
        request,
        "records/article.html",
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
        "records/official.html",
        {"person": person, "search_url": search_url(official=person.slug), "aggregates": official_aggregates(person)},
    )


def country_page(request, code):
    country = get_object_or_404(Country, code=code.upper())
    return render(
        request,
        "records/country.html",
        {"country": country, "search_url": search_url(country=country.code), "aggregates": country_aggregates(country)},
    )
