"""The public record pages. Thin: look the record up, gather what the page shows, render."""

from django.shortcuts import get_object_or_404, redirect, render

from archive.models import Article, Country, Person
from meetings.models import Meeting, Review
from offices.models import Position
from query.links import search_url
from records.aggregates import country_aggregates, official_aggregates
from records.meeting_details import meeting_details
from records.office_timeline import offices_held
from records.position_record import position_record
from records.related import citation, related_articles


def article_page(request, slug):
    """A published article in full; a withdrawn one answers 410 with what a citation of it needs."""
    article = Article.objects.published().for_display().filter(slug=slug).first()
    if article is None:
        return withdrawn_article_page(request, slug)
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
            "meetings": Meeting.objects.public()
            .filter(reports__article=article)
            .prefetch_related("participants__person"),
        },
    )


def withdrawn_article_page(request, slug):
    """410 Gone for a withdrawn article: its headline, date, outlet and citation, not its text.

    Citations already made keep leading somewhere that says what was cited. A draft,
    or a slug no article has, is a 404 (records/former_slugs.py may turn it into a redirect).
    """
    article = get_object_or_404(Article.objects.select_related("source"), slug=slug, status=Article.Status.WITHDRAWN)
    permalink = request.build_absolute_uri(article.get_absolute_url())
    context = {"article": article, "permalink": permalink, "citation": citation(article, permalink)}
    return render(request, "records/withdrawn.html", context, status=410)


def official_page(request, slug):
    # Only people in a published article have a page: a person accepted from a draft is not public yet.
    person = get_object_or_404(Person.objects.public().select_related("country").prefetch_related("aliases"), slug=slug)
    return render(
        request,
        "records/official.html",
        {
            "person": person,
            "search_url": search_url(official=person.slug),
            # Not in the cached aggregates: curators' tenure decisions change no index version.
            "offices": offices_held(person),
            "aggregates": official_aggregates(person),
        },
    )


def position_page(request, slug):
    """One office: what it is, who held it in order of time (with the gaps), their meetings in office."""
    position = get_object_or_404(Position.objects.select_related("country", "accredited_to"), slug=slug)
    return render(request, "records/position.html", {"record": position_record(position)})


def country_page(request, code):
    country = get_object_or_404(Country, code=code.upper())
    return render(
        request,
        "records/country.html",
        {"country": country, "search_url": search_url(country=country.code), "aggregates": country_aggregates(country)},
    )


def meeting_page(request, pk):
    """One meeting: who (sides, titles as reported), when, where, what was signed, every report.

    A merged meeting's URL leads to the meeting it went into; a rejected one is gone.
    """
    meeting = get_object_or_404(Meeting.objects.exclude(review=Review.REJECTED), pk=pk)
    if meeting.review == Review.MERGED and meeting.merged_into_id:
        return redirect(meeting.merged_into)
    meeting = get_object_or_404(Meeting.objects.public().for_display(), pk=pk)
    return render(request, "records/meeting.html", {"meeting": meeting, **meeting_details(meeting)})
