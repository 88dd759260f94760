"""The search pages (articles, meetings). Thin: run the request's query, render it."""

from django.shortcuts import render

from query.search import ArticleSearch, MeetingSearch
from query.vocabulary import Sort
from throttle.policy import limited
from throttle.priority import search_view


@limited("page")
@search_view
def search_page(request):
    page = ArticleSearch(request.GET).page()
    return render(
        request,
        "search/search.html",
        {"page": page, "params": page.params, "sorts": list(Sort), "query": request.GET.get("q", "")[:500]},
    )


@limited("page")
@search_view
def meeting_search_page(request):
    page = MeetingSearch(request.GET).page()
    return render(
        request,
        "search/meetings.html",
        {"page": page, "params": page.params, "sorts": list(Sort), "query": request.GET.get("q", "")[:500]},
    )
