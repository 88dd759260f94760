"""Atom feeds: any search (``/search/feed.atom?...``, ``/meetings/feed.atom``, ``/agreements/feed.atom``),
an official, a country.

All three are the page's search, newest first: an official's feed is the search
``official=<slug>``, a country's the search ``country=<code>``. Parameters are
read strictly (a bad one is a 400), because a feed that silently dropped a
filter would flood its readers with every article.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from archive.models import Article, Country, Person
from index.budget import SearchTooCostly
from offices.held import all_held, article_offices, meeting_offices
from query.agreements import AgreementSearch
from query.params import CostError, ParameterError, read_search
from query.search import ArticleSearch, MeetingSearch
from query.snippets import snippet
from query.vocabulary import Sort
from renderers import agreement_data
from renderers.article_data import with_offices
from renderers.exports import plain_error
from renderers.meeting_data import with_offices as meetings_with_offices
from throttle.policy import limited
from throttle.priority import foreground

FEED_SIZE = 50


@dataclass
class FeedSearch:
    """What a feed shows: a validated search, its title, and the page it mirrors."""

    search: ArticleSearch
    title: str
    link: str
    feed_url: str
    articles: list[Article] = field(default_factory=list)


def newest_first(query: QueryDict) -> QueryDict:
    """Return ``query`` with the order set to newest first (a feed's order, whatever was asked)."""
    query = query.copy()
    query.setlist("sort", [Sort.NEWEST.value])
    return query


def describe(query: QueryDict) -> str:
    """Return a short human title for a search's parameters."""
    words = query.get("q", "").strip()
    filters = [f"{name} {', '.join(query.getlist(name))}" for name in query if name not in ("q", "sort", "page")]
    parts = ([f"“{words}”"] if words else []) + filters
    return "Parley: " + ("; ".join(parts) if parts else "latest articles")


class ArticleSearchFeed(Feed):
    """The Atom feed of a search, newest first, ``FEED_SIZE`` entries."""

    feed_type = Atom1Feed
    description = "Articles from the Parley archive of meetings between officials."

    def __call__(self, request, *args, **kwargs):
        return limited("feed")(self._answer)(request, *args, **kwargs)

    def _answer(self, request, *args, **kwargs):
        try:
            with foreground(request):
                return super().__call__(request, *args, **kwargs)
        except ParameterError as error:
            return plain_error(error)
        except SearchTooCostly as refusal:
            return plain_error(CostError.about_keywords(refusal.message))

    def get_object(self, request):
        query = newest_first(request.GET)
        search_query = urlencode([(k, v) for k in query for v in query.getlist(k)])
        return FeedSearch(
            search=read_search(query),
            title=describe(query),
            link=reverse("search:search") + "?" + search_query,
            feed_url=request.get_full_path(),
        )

    def title(self, obj: FeedSearch) -> str:
        return obj.title

    def link(self, obj: FeedSearch) -> str:
        return obj.link

    def feed_url(self, obj: FeedSearch) -> str:
        return obj.feed_url

    def items(self, obj: FeedSearch) -> list[Article]:
        """Return the newest matches, each with its ``feed_snippet`` (the feed object is shared: no state on it)."""
        articles = with_offices(article for chunk in obj.search.articles(limit=FEED_SIZE) for article in chunk)
        terms = obj.search.form.parsed_query.terms
        for article in articles:
            article.feed_snippet = str(snippet(article.body, terms))
        return articles

    # Entries ------------------------------------------------------------------

    def item_title(self, article: Article) -> str:
        return article.title  # an Atom <title> is text: escaped by the XML writer, not here

    def item_link(self, article: Article) -> str:
        return article.get_absolute_url()

    def item_description(self, article: Article) -> str:
        """Return the snippet: HTML (Atom ``type="html"``), text escaped, matches marked."""
        return article.feed_snippet

    def item_pubdate(self, article: Article) -> datetime.datetime:
        return datetime.datetime.combine(article.published_on, datetime.time.min, tzinfo=datetime.UTC)

    def item_updateddate(self, article: Article) -> datetime.datetime:
        return article.updated_at

    def item_author_name(self, article: Article) -> str | None:
        return article.byline or (article.source.name if article.source else None)

    def item_categories(self, article: Article) -> list[str]:
        """Return the people, the countries, and the offices participants held that day (labels)."""
        offices = all_held(article_offices(article))
        return (
            [p.person.name for p in article.participations.all()]
            + [c.name for c in article.countries.all()]
            + sorted(office.label for office in offices)
        )


class OfficialFeed(ArticleSearchFeed):
    """The newest articles with one official: the search ``official=<slug>``."""

    def get_object(self, request, slug):
        person = get_object_or_404(Person.objects.public(), slug=slug)
        return self._fixed_search(request, "official", person.slug, f"Parley: {person.name}")

    def _fixed_search(self, request, name: str, value: str, title: str) -> FeedSearch:
        query = QueryDict(mutable=True)
        query.setlist(name, [value])
        return FeedSearch(
            search=read_search(newest_first(query)),
            title=title,
            link=reverse("search:search") + "?" + query.urlencode(),
            feed_url=request.path,
        )


class CountryFeed(OfficialFeed):
    """The newest articles about one country: the search ``country=<code>``."""

    def get_object(self, request, code):
        country = get_object_or_404(Country, code=code.upper())
        return self._fixed_search(request, "country", country.code, f"Parley: {country.name}")


class MeetingSearchFeed(ArticleSearchFeed):
    """The Atom feed of a meeting search, newest first: each entry a meeting, proposals marked as such."""

    description = "Meetings between officials in the Parley archive (proposals are marked as not yet reviewed)."

    def get_object(self, request):
        query = newest_first(request.GET)
        search_query = urlencode([(k, v) for k in query for v in query.getlist(k)])
        return FeedSearch(
            search=read_search(query, search_class=MeetingSearch),
            title=describe(query).replace("latest articles", "latest meetings"),
            link=reverse("search:meetings") + "?" + search_query,
            feed_url=request.get_full_path(),
        )

    def items(self, obj: FeedSearch) -> list:
        return meetings_with_offices(meeting for chunk in obj.search.meetings(limit=FEED_SIZE) for meeting in chunk)

    def item_title(self, meeting) -> str:
        names = ", ".join(p.display_name for p in meeting.participants.all()) or "Meeting"
        review = "" if meeting.is_reviewed else " (proposed, not yet reviewed)"
        return f"{meeting.start:%Y-%m-%d}: {names}{review}"

    def item_link(self, meeting) -> str:
        return meeting.get_absolute_url()

    def item_description(self, meeting) -> str:
        """Return the place and the first report's sentences as HTML, every character escaped."""
        sentences = [s for report in meeting.published_reports()[:1] for s in report.sentences()]
        parts = [meeting.place_label, " ".join(sentences)]
        return escape(" — ".join(part for part in parts if part))

    def item_pubdate(self, meeting) -> datetime.datetime:
        return datetime.datetime.combine(meeting.start, datetime.time.min, tzinfo=datetime.UTC)

    def item_updateddate(self, meeting) -> datetime.datetime:
        return meeting.updated_at

    def item_author_name(self, meeting) -> str | None:
        return None

    def item_categories(self, meeting) -> list[str]:
        offices = all_held(meeting_offices(meeting))
        return [p.display_name for p in meeting.participants.all()] + sorted(office.label for office in offices)


class AgreementSearchFeed(MeetingSearchFeed):
    """The Atom feed of an agreements search, newest first: each entry an agreement; those of proposed
    meetings are marked as such."""

    description = "Agreements signed at meetings between officials in the Parley archive (proposals are marked)."

    def get_object(self, request):
        query = newest_first(request.GET)
        search_query = urlencode([(k, v) for k in query for v in query.getlist(k)])
        return FeedSearch(
            search=read_search(query, search_class=AgreementSearch),
            title=describe(query).replace("latest articles", "latest agreements"),
            link=reverse("search:agreements") + "?" + search_query,
            feed_url=request.get_full_path(),
        )

    def items(self, obj: FeedSearch) -> list:
        return agreement_data.with_offices(a for chunk in obj.search.agreements(limit=FEED_SIZE) for a in chunk)

    def item_title(self, agreement) -> str:
        parties = ", ".join(c.name for c in agreement.parties.all())
        review = "" if agreement.meeting.is_reviewed else " (proposed, not yet reviewed)"
        title = agreement.title or agreement.get_kind_display()
        return f"{agreement.meeting.start:%Y-%m-%d}: {title}{f' ({parties})' if parties else ''}{review}"

    def item_link(self, agreement) -> str:
        return agreement_data.agreement_url(agreement)

    def item_description(self, agreement) -> str:
        """Return the place, the signatories and the sentence as HTML, every character escaped."""
        names = ", ".join(p.display_name for p in agreement.signatories())
        parts = [agreement.meeting.place_label, names, agreement.sentence]
        return escape(" — ".join(part for part in parts if part))

    def item_pubdate(self, agreement) -> datetime.datetime:
        return datetime.datetime.combine(agreement.meeting.start, datetime.time.min, tzinfo=datetime.UTC)

    def item_updateddate(self, agreement) -> datetime.datetime:
        return agreement.meeting.updated_at

    def item_categories(self, agreement) -> list[str]:
        offices = {office.label for _, held_then in agreement_data.signatories(agreement) for office in held_then}
        signatories = [p.display_name for p in agreement.signatories()]
        return [agreement.get_kind_display(), *signatories, *sorted(offices)]
