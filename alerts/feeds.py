"""A saved search's private Atom feed, at an unguessable URL: the page's feed of the same search.

Readable without a login (feed readers have none); the token is the only key, and a
rotated or revoked token, a deleted search or an inactive account answers 404.
"""

from django.http import Http404, QueryDict

from alerts.models import SavedSearch, SearchKind
from alerts.saved import search_class
from query.params import read_search
from renderers.feeds import ArticleSearchFeed, FeedSearch, MeetingSearchFeed, newest_first


def _saved(token: str) -> SavedSearch:
    saved = SavedSearch.objects.filter(feed_token=token, owner__is_active=True).first() if len(token) < 100 else None
    if saved is None:
        raise Http404("No such feed.")
    return saved


class _SavedFeed:
    """What both kinds of saved feed share: the object is the saved search's own search."""

    def get_object(self, request, token):
        saved = _saved(token)
        return FeedSearch(
            search=read_search(newest_first(QueryDict(saved.query)), search_class=search_class(saved.kind)),
            title=f"Parley: {saved.name}",
            link=saved.search_url,
            feed_url=request.path,
        )


class SavedArticleFeed(_SavedFeed, ArticleSearchFeed):
    pass


class SavedMeetingFeed(_SavedFeed, MeetingSearchFeed):
    pass


_FEEDS = {SearchKind.ARTICLES: SavedArticleFeed(), SearchKind.MEETINGS: SavedMeetingFeed()}


def saved_feed(request, token):
    """Answer the feed of the saved search whose token is ``token`` (404 if there is none)."""
    response = _FEEDS[SearchKind(_saved(token).kind)](request, token=token)
    response["X-Robots-Tag"] = "noindex"  # a private URL: never in a search engine, whoever links it
    response["Cache-Control"] = "private, max-age=300"
    return response
