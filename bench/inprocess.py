"""In-process benchmark: the query mix through the code the views use, and raw Whoosh.

    python bench/inprocess.py latency ROUNDS REPS   # warm p50/p95 per query class
    python bench/inprocess.py reopen                # a fresh process: open the index, first search
    python bench/inprocess.py lookups REPS          # an article by slug, by URL (the URL key's index)

Prints one JSON line.
"""

import sys
import time
from urllib.parse import urlsplit

from common import emit, query_mix, setup_django, summary_ms


def _runner(path):
    """Return a function that answers ``path`` the way the site does, in process."""
    from django.contrib.auth.models import AnonymousUser
    from django.http import QueryDict
    from django.test import RequestFactory
    from django.urls import resolve

    from query.agreements import AgreementSearch
    from query.search import MeetingSearch, run_search

    parts = urlsplit(path)
    if parts.path == "/search/":
        query = QueryDict(parts.query)
        return lambda: run_search(query)
    if parts.path == "/meetings/":
        query = QueryDict(parts.query)
        return lambda: MeetingSearch(query).page()
    if parts.path == "/agreements/":
        query = QueryDict(parts.query)
        return lambda: AgreementSearch(query).page()
    match = resolve(parts.path)
    factory = RequestFactory()

    def view():
        request = factory.get(path)
        request.user = AnonymousUser()
        response = match.func(request, *match.args, **match.kwargs)
        assert response.status_code == 200, (path, response.status_code)
        return response.content

    return view


def _raw_whoosh_runners():
    """The stock way of asking Whoosh the same: search with grouped facets, first 20 hits."""
    from haystack import connections
    from whoosh import query as wq
    from whoosh import sorting
    from whoosh.index import open_dir
    from whoosh.qparser import QueryParser

    backend = connections["default"].get_backend()
    backend.setup()
    index = open_dir(backend.path)
    searcher = index.searcher()
    parser = QueryParser(backend.content_field_name, schema=index.schema)
    facets = {
        name: sorting.FieldFacet(name, allow_overlap=name in ("countries", "officials"), maptype=sorting.Count)
        for name in ("countries", "officials", "source", "year")
    }

    def run(q, sortedby=None):
        results = searcher.search(q, limit=20, groupedby=facets, sortedby=sortedby, reverse=bool(sortedby))
        hits = [hit.fields() for hit in results[:20]]
        return len(results), hits, {name: results.groups(name) for name in facets}

    return {
        "one_word": lambda: run(parser.parse("delegation")),
        "two_words": lambda: run(parser.parse("military cooperation")),
        "browse_newest_all_facets": lambda: run(wq.Every(), sortedby="date"),
    }


def latency(rounds: int, reps: int):
    setup_django()
    mix = query_mix()
    runners = {name: _runner(path) for name, path in mix.items()}
    for run in runners.values():  # warm: caches, templates, connections
        run()
        run()
    per_round = []
    for _ in range(rounds):
        samples = {name: [] for name in runners}
        for _ in range(reps):
            for name, run in runners.items():  # interleaved, so noise hits every class alike
                started = time.perf_counter()
                run()
                samples[name].append(time.perf_counter() - started)
        per_round.append({name: summary_ms(values) for name, values in samples.items()})
    raw = {}
    raw_reps = max(2, min(5, reps // 4))
    for name, run in _raw_whoosh_runners().items():
        run()
        times = []
        for _ in range(raw_reps):
            started = time.perf_counter()
            run()
            times.append(time.perf_counter() - started)
        raw[name] = summary_ms(times)
    emit({"mix": mix, "rounds": per_round, "raw_whoosh": raw})


def reopen():
    """Time a fresh process's first search (index opened, caches built): the restart cost."""
    setup_django()
    from django.http import QueryDict
    from haystack import connections

    from query.search import run_search

    backend = connections["default"].get_backend()
    backend.setup()
    started = time.perf_counter()
    snap = backend.snapshot()
    opened = time.perf_counter() - started
    page = run_search(QueryDict("sort=newest"))
    first_browse = time.perf_counter() - started
    run_search(QueryDict("q=delegation"))
    first_word = time.perf_counter() - started
    emit(
        {
            "open_s": round(opened, 3),
            "first_browse_with_facets_s": round(first_browse, 3),
            "then_first_word_query_s": round(first_word, 3),
            "documents": snap.size,
            "hits": page.count,
        }
    )


def lookups(reps: int):
    """Time the lookups of one article: by slug (the article page's query), by its URL as stored and as
    another spelling of it (``http://www.``, a trailing slash, a tracking parameter) through the URL key."""
    setup_django()
    from archive.models import Article

    articles = list(Article.objects.published().exclude(url="").order_by("?").values_list("slug", "url")[:reps])
    if not articles:
        emit({})
        return
    published = Article.objects.published()

    def respelled(url):
        return url.replace("https://", "http://www.", 1) + "/?utm_source=rss"

    kinds = {
        "article_by_slug": lambda slug, url: published.for_display().get(slug=slug),
        "article_by_url": lambda slug, url: published.with_url(url).get(),
        "article_by_url_other_spelling": lambda slug, url: published.with_url(respelled(url)).get(),
    }
    figures = {}
    for name, find in kinds.items():
        find(*articles[0])  # warm
        times = []
        for slug, url in articles:
            started = time.perf_counter()
            found = find(slug, url)
            times.append(time.perf_counter() - started)
            assert found.slug == slug, (name, slug)
        figures[name] = summary_ms(times)
    emit(figures)


if __name__ == "__main__":
    if sys.argv[1] == "latency":
        latency(int(sys.argv[2]), int(sys.argv[3]))
    elif sys.argv[1] == "reopen":
        reopen()
    elif sys.argv[1] == "lookups":
        lookups(int(sys.argv[2]))
    else:
        raise SystemExit("usage: inprocess.py latency ROUNDS REPS | reopen | lookups REPS")
