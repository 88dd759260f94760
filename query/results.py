"""Run a validated search and gather what every renderer needs: one page of
articles with snippets, the total, the facets (with disjunctive counts), the
hits over time, the links of the page, a spelling suggestion."""

import math
from dataclasses import dataclass, field

from django.http import QueryDict

from archive.models import Article
from query.facets import Facet, build_facets, build_role_facet
from query.forms import ArticleSearchForm
from query.histogram import Histogram, build_histogram
from query.links import Params, query_string
from query.pagination import PageLink, page_links
from query.snippets import snippet
from query.vocabulary import FACETS, FACETS_BY_PARAM, MAX_PAGE, MONTH_FIELD, Sort

# Parameters that are not filters: the search form shows them as its own fields.
FORM_FIELDS = ("q", "date_from", "date_to", "sort")


@dataclass
class Hit:
    article: Article
    score: float
    snippet: str


@dataclass
class SortLink:
    sort: Sort
    url: str
    current: bool


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
    # Additions (issue 4); the fields above keep their meaning.
    params: Params = field(default_factory=dict)
    role_facet: Facet | None = None
    histogram: Histogram | None = None

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

    @property
    def page_links(self) -> list[PageLink]:
        """Numbered page links with ellipses; stable URLs (page 1 has no ``page``)."""
        return page_links(self.params, self.number, self.num_pages)

    @property
    def previous_url(self) -> str:
        return query_string(self.params, page=str(self.number - 1) if self.number > 2 else None)

    @property
    def next_url(self) -> str:
        return query_string(self.params, page=str(self.number + 1))

    @property
    def sort_links(self) -> list[SortLink]:
        """One link per sort order (relevance only when there are keywords)."""
        orders = [s for s in Sort if s is not Sort.RELEVANCE or not self.form.parsed_query.is_empty]
        return [SortLink(s, query_string(self.params, sort=s.value), s is self.sort) for s in orders]

    @property
    def suggestion_url(self) -> str:
        """The same search with the suggested keywords."""
        return query_string(self.params, q=self.suggestion) if self.suggestion else ""

    @property
    def filters(self) -> list[tuple[str, str]]:
        """The ``(name, value)`` pairs the search form keeps as hidden fields: every filter but its own fields."""
        return [(name, v) for name, values in self.params.items() if name not in FORM_FIELDS for v in values]

    @property
    def clear_filters_url(self) -> str:
        """The same keywords with no filter at all."""
        return query_string({"q": self.params.get("q", [])})

    @property
    def has_filters(self) -> bool:
        return any(name != "q" and name != "sort" for name in self.params)


def parse_page_number(raw, messages: list[str]) -> int:
    """Return a page number from 1 to ``MAX_PAGE``; anything else is page 1 with a note."""
    if raw in (None, ""):
        return 1
    try:
        number = int(str(raw).strip()[:40])
    except ValueError:
        messages.append(f"Page: “{str(raw)[:40]}” is not a page number; showing page 1.")
        return 1
    if number < 1 or number > MAX_PAGE:
        messages.append(f"Page: pages run from 1 to {MAX_PAGE}; showing page 1.")
        return 1
    return number


def request_params(query: QueryDict) -> Params:
    """Return the request's parameters that the search page keeps in its links."""
    kept = [*FORM_FIELDS, *(spec.param for spec in FACETS), "role", "all"]
    return {name: [v[:500] for v in query.getlist(name)] for name in kept if query.getlist(name)}


def expanded_facet(query: QueryDict) -> str | None:
    """Return the facet whose values the page lists in full (``facet=<name>``), or ``None``.

    Anything but a facet's name is ignored: the page then lists the top values of each.
    """
    name = str(query.get("facet", ""))[:40]
    return name if name in FACETS_BY_PARAM else None


def _run_counts(sqs, spelling=None):
    """Run ``sqs`` for its count and facet counts only (one hit fetched, none loaded)."""
    backend_query = sqs.query
    backend_query.set_limits(0, 1)
    backend_query.run(spelling_query=spelling)
    return backend_query


def _field_counts(backend_query) -> dict[str, list[tuple[str, int]]]:
    return (backend_query.get_facet_counts() or {}).get("fields", {}) or {}


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
    articles = Article.objects.published().for_display().by_pk([int(r.pk) for r in results])
    terms = form.parsed_query.terms
    hits = [
        Hit(article=articles[int(r.pk)], score=r.score, snippet=snippet(articles[int(r.pk)].body, terms))
        for r in results
        if int(r.pk) in articles  # a document the database no longer publishes is not shown
    ]
    params = request_params(query)
    counts = dict(_field_counts(backend_query))
    main_counts = dict(counts)
    # Disjunctive counts: an OR-combined facet with a selection is counted without its own selection.
    disjunctive = form.facet_count_querysets()
    for param, sqs in disjunctive.items():
        field_name = form.facet_field(param)
        counts[field_name] = _field_counts(_run_counts(sqs)).get(field_name, [])
    role_counts = {role: _run_counts(sqs).get_count() for role, sqs in form.role_count_querysets().items()}
    facets = build_facets(
        counts,
        params,
        form.selected(),
        role=form.chosen_role,
        match_all=form.match_all,
        disjunctive=set(disjunctive),
        expanded=expanded_facet(query),
    )
    histogram = build_histogram(
        dict(main_counts.get("year", [])),
        dict(main_counts.get(MONTH_FIELD, [])),
        form.value("date_from"),
        form.value("date_to"),
        params,
    )
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
        params=params,
        role_facet=build_role_facet(form.chosen_role, role_counts, params),
        histogram=histogram,
    )
