"""The search pages (articles, meetings, agreements). Thin: run the request's query, render it."""

from django.shortcuts import redirect, render

from query.agreements import AgreementSearch
from query.search import ArticleSearch, MeetingSearch, tidied_query
from query.vocabulary import SORT_CHOICES
from renderers import agreement_data
from throttle.policy import limited
from throttle.priority import search_view


def _render(request, search_class, template, prepare=None):
    tidied = tidied_query(request.GET)
    if tidied is not None:
        # Empty fields of a form sent without JavaScript: the same search at its clean, shareable URL.
        return redirect(f"{request.path}?{tidied}" if tidied else request.path)
    page = search_class(request.GET).page()
    if prepare is not None:
        prepare(page)
    context = {"page": page, "params": page.params, "sorts": SORT_CHOICES, "query": request.GET.get("q", "")[:500]}
    return render(request, template, context)


@limited("page")
@search_view
def search_page(request):
    return _render(request, ArticleSearch, "search/search.html")


@limited("page")
@search_view
def meeting_search_page(request):
    return _render(request, MeetingSearch, "search/meetings.html")


@limited("page")
@search_view
def agreement_search_page(request):
    # The signatories' offices held then: read for the whole page at once, not agreement by agreement.
    return _render(request, AgreementSearch, "search/agreements.html", agreement_offices)


def agreement_offices(page) -> None:
    agreement_data.with_offices(hit.agreement for hit in page.hits)
