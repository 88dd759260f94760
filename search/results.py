"""Run a validated search and gather what every renderer needs: one page of
articles with snippets, the total, the facets, a spelling suggestion."""

import math
from dataclasses import dataclass, field

from django.http import QueryDict

from archive.models import Article
from search.facets import Facet, build_facets
from search.forms import ArticleSearchForm
from search.snippets import snippet
from search.vocabulary import FACETS, MAX_PAGE, Sort


@dataclass
class Hit:
    article: Article
    score: float
    snippet: str


@dataclass
class SearchPage:
    form: ArticleSearchForm
    count: int
    hits: list[Hit]
    number: int
    page_size: int
    facets: list[Facet]
    sort: Sort
    suggestion: str | None = None
    messages: list[str] = field(default_factory=list)

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.count / self.page_size))

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.page_size + 1 if self.count else 0

    @property
    def end_index(self) -> int:
        return min(self.count, self.number * self.page_size)


def parse_page_number(raw, messages: list[str]) -> int:
    """Return a page number from 1 to ``MAX_PAGE``; anything else is page 1 with a note."""
    if raw in (None, ""):
        return 1
    try:
        number = int(str(raw).strip())
    except ValueError:
        messages.append(f"Page: “{str(raw)[:40]}” is not a page number; showing page 1.")
        return 1
    if number < 1 or number > MAX_PAGE:
        messages.append(f"Page: pages run from 1 to {MAX_PAGE}; showing page 1.")
        return 1
    return number


def request_params(query: QueryDict) -> dict[str, list[str]]:
    """Return the request's parameters that the search page keeps in its links."""
    kept = ["q", "date_from", "date_to", "sort", *(spec.param for spec in FACETS)]
    return {name: query.getlist(name) for name in kept if query.getlist(name)}


def run_search(query: QueryDict, page_size: int = 20) -> SearchPage:
    """Return the :class:`SearchPage` for the request parameters ``query``."""
    form = ArticleSearchForm(query)
    messages = form.messages()
    number = parse_page_number(query.get("page"), messages)
    backend_query = form.search_queryset().query
    start = (number - 1) * page_size
    spelling = form.parsed_query.raw.strip() or None
    backend_query.set_limits(start, start + page_size)
    backend_query.run(spelling_query=spelling)
    count = backend_query.get_count()
    if count and start >= count:
        messages.append(f"Page {number} is past the last page; showing the last page.")
        number = math.ceil(count / page_size)
        start = (number - 1) * page_size
        backend_query = form.search_queryset().query
        backend_query.set_limits(start, start + page_size)
        backend_query.run(spelling_query=spelling)
    results = backend_query.get_results()
    articles = Article.objects.published().for_display().in_bulk([int(r.pk) for r in results])
    terms = form.parsed_query.terms
    hits = [
        Hit(article=articles[int(r.pk)], score=r.score, snippet=snippet(articles[int(r.pk)].body, terms))
        for r in results
        if int(r.pk) in articles  # a document the database no longer publishes is not shown
    ]
    facets = build_facets(backend_query.get_facet_counts().get("fields", {}), request_params(query), form.selected())
    return SearchPage(
        form=form,
        count=count,
        hits=hits,
        number=number,
        page_size=page_size,
        facets=facets,
        sort=form.sort_order,
        suggestion=backend_query._spelling_suggestion if not form.parsed_query.is_empty else None,
        messages=messages,
    )
