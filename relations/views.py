"""The relations pages. Thin: read the address, gather what the page shows, render."""

from django.shortcuts import redirect, render

from relations.feeds import PairFeed
from relations.pages import index_page, pair_aggregates
from relations.pairs import look_up_pair


def unknown_pair(request, asked: str, problem: str):
    """A styled 404 saying why ``asked`` names no pair of countries."""
    shown = asked if len(asked) <= 40 else asked[:40] + "…"  # a pasted paragraph is not echoed whole
    return render(request, "relations/unknown_pair.html", {"asked": shown, "problem": problem}, status=404)


def pair_page(request, codes):
    """Two countries' relations from their meetings; any other spelling of the pair redirects (301) to ``AZ-IR``."""
    pair = look_up_pair(codes)
    if pair.problem:
        return unknown_pair(request, codes, pair.problem)
    if codes != pair.code:
        return redirect("relations:pair", codes=pair.code, permanent=True)
    context = {
        "first": pair.first,
        "second": pair.second,
        "code": pair.code,
        "aggregates": pair_aggregates(pair.first, pair.second),
    }
    return render(request, "relations/pair.html", context)


def pair_feed(request, codes):
    """The Atom feed of the pair's meetings, newest first; other spellings redirect like the page."""
    pair = look_up_pair(codes)
    if pair.problem:
        return unknown_pair(request, codes, pair.problem)
    if codes != pair.code:
        return redirect("relations:pair_feed", codes=pair.code, permanent=True)
    return PairFeed()(request, first=pair.first, second=pair.second)


def relations_index(request):
    """Every pair of countries with public meetings, filtered by a country, paginated."""
    return render(request, "relations/index.html", {"index": index_page(request.GET)})
