"""Old URLs keep working: a merged person's slug and an article's former (longer) slug lead,
with a permanent redirect, to where the record is now.

One middleware does it for every public route, so pages, feeds, the API and the exports
agree: a page or feed of a former slug that would answer 404 answers 301 to the record's
page or feed now, and a search naming a former slug in ``official`` answers 301 to the same
search naming the person kept (its results would otherwise be empty: the index knows only
the slug kept).
"""

import re

from django.http import HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve, reverse

from archive.models import Article, PersonRedirect
from archive.models.redirects import article_for_slug, current_person_slugs

# Routes of one official or one article, by the URL name and the model their slug names.
PERSON_ROUTES = {"records:official", "search:official_feed"}
ARTICLE_ROUTES = {"records:article"}
OFFICIAL_PARAMETER = "official"
# At most this many values are looked up; the search itself refuses more (query/facets.py).
MAX_LOOKED_UP = 20
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SKIPPED_PREFIXES = ("/admin/", "/static/")


def redirect_for_search(request) -> HttpResponsePermanentRedirect | None:
    """Return a redirect to this request with its former ``official`` slugs replaced, or ``None``."""
    values = request.GET.getlist(OFFICIAL_PARAMETER)
    slugs = {v.strip().lower() for v in values[:MAX_LOOKED_UP]}
    slugs = {s for s in slugs if len(s) <= 120 and SLUG.match(s)}
    current = current_person_slugs(slugs) if slugs else {}
    if not current:
        return None
    query = request.GET.copy()
    query.setlist(OFFICIAL_PARAMETER, [current.get(v.strip().lower(), v) for v in values])
    return HttpResponsePermanentRedirect(f"{request.path}?{query.urlencode()}")


def redirect_for_missing_page(request) -> HttpResponsePermanentRedirect | None:
    """Return a redirect for a page or feed of a former slug (its route answered 404), or ``None``."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    slug = match.kwargs.get("slug")
    if not slug:
        return None
    if match.view_name in PERSON_ROUTES:
        redirect = PersonRedirect.objects.select_related("person").filter(old_slug=slug).first()
        target = redirect.person.slug if redirect else None
    elif match.view_name in ARTICLE_ROUTES:
        article = article_for_slug(slug)
        # A draft is not public under any slug: its former one stays a 404.
        visible = article is not None and article.status != Article.Status.DRAFT
        target = article.slug if visible else None
    else:
        return None
    if not target or target == slug:
        return None
    url = reverse(match.view_name, kwargs={**match.kwargs, "slug": target})
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


class FormerSlugMiddleware:
    """Answer requests for former slugs with a permanent redirect to the record's current URL."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        public = request.method in ("GET", "HEAD") and not request.path.startswith(SKIPPED_PREFIXES)
        if public and OFFICIAL_PARAMETER in request.GET:
            redirect = redirect_for_search(request)
            if redirect is not None:
                return redirect
        response = self.get_response(request)
        if public and response.status_code == 404:
            return redirect_for_missing_page(request) or response
        return response
