"""The JSON API: the search page's query as data, and one article in full.

Thin views over the same pieces as the page: parameters are read strictly
(query/params.py: a bad one is a 400 naming it), the search runs through
the query object (query/search.py), articles are described by renderers/article_data.py.
The OpenAPI description of these answers is renderers/openapi.py.
"""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from archive.models import Article
from meetings.models import Meeting
from query.agreements import AgreementSearch
from query.params import CostError, ParameterError, ParameterProblem, read_search
from query.search import MeetingSearch, SearchPage
from renderers import agreement_data
from renderers.article_data import article_record, full_article_record, with_offices
from renderers.meeting_data import meeting_record
from renderers.meeting_data import with_offices as meetings_with_offices
from renderers.openapi import openapi_schema
from throttle.policy import limited
from throttle.priority import search_view

# Ids are SQLite/PostgreSQL bigints; a larger number is no article (and no overflow).
MAX_ID = 2**63 - 1


def error_response(error: ParameterError) -> JsonResponse:
    """Return the JSON error for ``error``: 400 for a bad parameter, 422 for a search past its budget."""
    return JsonResponse(error.as_dict(), status=error.status)


def not_found(message: str) -> JsonResponse:
    return JsonResponse({"message": message, "errors": []}, status=404)


def _page_link(request, number: int, route: str = "search:api_search") -> str:
    """Return the absolute URL of page ``number`` of this request's search."""
    pairs = [(k, v) for k in request.GET if k != "page" for v in request.GET.getlist(k)]
    return request.build_absolute_uri(reverse(route)) + "?" + urlencode([*pairs, ("page", number)])


def _page_fields(request, page: SearchPage, notices: list[str], route: str) -> dict:
    """Return what every API answer for one page of a search says about the page."""
    return {
        "count": page.count,
        "page": page.number,
        "page_size": page.page_size,
        "num_pages": page.num_pages,
        "next": _page_link(request, page.number + 1, route) if page.has_next else None,
        "previous": _page_link(request, page.number - 1, route) if page.has_previous else None,
        "sort": page.sort.value,
        "notices": notices,
        "suggestion": page.suggestion,
    }


def _facets(page: SearchPage) -> list[dict]:
    return [
        {"name": facet.name, "label": facet.label, "values": [v.as_dict() for v in facet.values]}
        for facet in page.facets
    ]


def _answered_page(search) -> tuple[SearchPage | None, JsonResponse | None]:
    """Return ``search``'s page, or the API's refusal: 422 past the cost budget, 400 past the last page."""
    page = search.page()
    if page.refused:
        return None, error_response(CostError.about_keywords(page.refused))
    if search.page_number > page.num_pages:
        problem = ParameterProblem("page", f"page {search.page_number} is past the last page ({page.num_pages}).")
        return None, error_response(ParameterError([problem]))
    return page, None


def search_record(request, page: SearchPage, notices: list[str]) -> dict:
    """Return the API answer for one page of a search."""
    with_offices([hit.article for hit in page.hits])
    return {
        **_page_fields(request, page, notices, "search:api_search"),
        "results": [
            {
                **article_record(hit.article, request.build_absolute_uri),
                "snippet": str(hit.snippet),
                "score": float(hit.score or 0),
            }
            for hit in page.hits
        ],
        "facets": _facets(page),
    }


@require_safe
@limited("api", json=True)
@search_view
def api_search(request):
    """``GET /api/search``: the page's parameters plus ``page_size``; 400 names a bad parameter, 422
    says that the search costs more than one search may (``notices`` report keywords left out)."""
    try:
        search = read_search(request.GET, paged=True, allow_cut=True)
    except ParameterError as error:
        return error_response(error)
    page, refusal = _answered_page(search)
    if refusal:
        return refusal
    return JsonResponse(search_record(request, page, search.notices), json_dumps_params={"ensure_ascii": False})


@require_safe
@limited("api", json=True)
@search_view
def api_meetings(request):
    """``GET /api/meetings``: the meetings page's parameters plus ``page_size``; 400 names a bad parameter.

    Proposals are listed with their review state; ``review=reviewed`` asks for curated meetings only.
    """
    try:
        search = read_search(request.GET, paged=True, allow_cut=True, search_class=MeetingSearch)
    except ParameterError as error:
        return error_response(error)
    page, refusal = _answered_page(search)
    if refusal:
        return refusal
    meetings = meetings_with_offices([hit.meeting for hit in page.hits])
    record = {
        **_page_fields(request, page, search.notices, "search:api_meetings"),
        "results": [meeting_record(meeting, request.build_absolute_uri) for meeting in meetings],
        "facets": _facets(page),
    }
    return JsonResponse(record, json_dumps_params={"ensure_ascii": False})


@require_safe
@limited("api", json=True)
@search_view
def api_agreements(request):
    """``GET /api/agreements``: the agreements tracker's parameters plus ``page_size``; 400 names a bad
    parameter. Agreements of proposed meetings are listed with the meeting's review state."""
    try:
        search = read_search(request.GET, paged=True, allow_cut=True, search_class=AgreementSearch)
    except ParameterError as error:
        return error_response(error)
    page, refusal = _answered_page(search)
    if refusal:
        return refusal
    agreements = agreement_data.with_offices([hit.agreement for hit in page.hits])
    record = {
        **_page_fields(request, page, search.notices, "search:api_agreements"),
        "results": [agreement_data.agreement_record(a, request.build_absolute_uri) for a in agreements],
        "facets": _facets(page),
    }
    return JsonResponse(record, json_dumps_params={"ensure_ascii": False})


@require_safe
@limited("api", json=True)
def api_meeting(request, pk: str):
    """``GET /api/meetings/<id>``: one public meeting; a JSON 404 for any other id."""
    meeting = None
    if pk.isascii() and pk.isdigit() and int(pk) <= MAX_ID:
        meeting = Meeting.objects.public().for_display().filter(pk=int(pk)).first()
    if meeting is None:
        return not_found(f"No meeting has the id “{pk[:40]}”.")
    return JsonResponse(meeting_record(meeting, request.build_absolute_uri), json_dumps_params={"ensure_ascii": False})


@require_safe
@limited("api", json=True)
def api_article(request, pk: str):
    """``GET /api/articles/<id>``: one published article in full; a JSON 404 for any other id."""
    article = None
    if pk.isascii() and pk.isdigit() and int(pk) <= MAX_ID:
        article = Article.objects.published().for_display().filter(pk=int(pk)).first()
    if article is None:
        return not_found(f"No published article has the id “{pk[:40]}”.")
    record = full_article_record(article, request.build_absolute_uri)
    return JsonResponse(record, json_dumps_params={"ensure_ascii": False})


def api_not_found(request, rest: str = ""):
    """Any other path under ``/api/``: a JSON 404, so API clients never get an HTML page."""
    return not_found(f"No API endpoint at /api/{rest[:80]}; see /api/schema.")


@require_safe
def api_schema(request):
    """``GET /api/schema``: the OpenAPI 3 description of this API."""
    return JsonResponse(openapi_schema(request.build_absolute_uri("/").rstrip("/")))
