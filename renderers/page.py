"""The search page. Thin: run the request's query, render it."""

from django.shortcuts import render

from query.results import run_search
from query.vocabulary import Sort


def search_page(request):
    page = run_search(request.GET)
    return render(
        request,
        "search/search.html",
        {"page": page, "params": page.params, "sorts": list(Sort), "query": request.GET.get("q", "")[:500]},
    )
