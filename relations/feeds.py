"""The Atom feed of one pair's meetings: the meetings search ``country=A&country=B&all=country``, newest first.

The meetings index keeps a meeting's participants' countries, never the countries its
reports only name, so the feed has the pair page's meetings (the newest ``FEED_SIZE``).
"""

from django.http import QueryDict
from django.urls import reverse

from query.params import read_search
from query.search import MeetingSearch
from renderers.feeds import FeedSearch, MeetingSearchFeed, newest_first


def pair_query(first: str, second: str) -> QueryDict:
    """Return the meetings search of the pair of ``first`` and ``second`` (ISO codes)."""
    query = QueryDict(mutable=True)
    query.setlist("country", [first, second])
    query.setlist("all", ["country"])
    return query


class PairFeed(MeetingSearchFeed):
    """The newest public meetings between two countries (proposals are marked as such)."""

    def get_object(self, request, first, second) -> FeedSearch:
        query = pair_query(first.code, second.code)
        return FeedSearch(
            search=read_search(newest_first(query), search_class=MeetingSearch),
            title=f"Parley: meetings between {first.name} and {second.name}",
            link=reverse("relations:pair", args=[f"{first.code}-{second.code}"]),
            feed_url=request.path,
        )
