"""The query object: one search request, parsed and validated once, run once.

:class:`Search` (:class:`ArticleSearch`, :class:`MeetingSearch`, and
query/agreements.py's :class:`AgreementSearch`) is what every renderer works from. The page builds it
forgivingly (bad values become messages); the API, exports and feeds build it
strictly through :func:`query.params.read_search` (a bad value is a 400), and
the validated form is reused, never validated again. From it:

* :meth:`ArticleSearch.page` runs the query once and gathers one page of
  articles with snippets, the total, the facets (with disjunctive counts), the
  hits over time, the page's links and a spelling suggestion (:class:`SearchPage`);
* :meth:`ArticleSearch.articles` walks the whole result set in constant memory
  (query/bulk.py), for exports and feeds.

Each search has a budget (index/budget.py): the keywords are planned against the
index when the form is read (query/planner.py), and one deadline covers the
planning and the page. A search that cannot answer within it is *refused*: the
page says why and how to narrow it (``SearchPage.refused``); machine clients get
an error (renderers/).
"""

import dataclasses
import math
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import QueryDict

from archive.models import Article
from index import budget
from index.budget import Deadline, SearchBudget, SearchTooCostly
from meetings.models import Agreement, Meeting
from query import bulk
from query.chips import Chip, search_chips
from query.facets import Facet, build_facets, build_role_facet
from query.forms import ArticleSearchForm, MeetingSearchForm
from query.histogram import Histogram, build_histogram
from query.links import Params, query_string
from query.pagination import PageLink, page_links
from query.planner import engine_lexicon
from query.snippets import snippet
from query.spelling import respell
from query.vocabulary import MAX_PAGE, MONTH_FIELD, Sort

# Parameters that are not filters: the search form shows them as its own fields.
FORM_FIELDS = ("q", "date_from", "date_to", "sort")
# "Did you mean": offered for short queries (words and characters), where a respelling
# is what the user needs; each unknown word costs a scan of the term dictionary.
SPELLING_MAX_WORDS = 4
SPELLING_MAX_CHARS = 60
# Whoosh and Haystack suggest nothing for the match-all query: how to ask for no suggestion.
NO_SPELLING = "*"


@dataclass
class Hit:
    article: Article | None
    score: float
    snippet: str
    meeting: Meeting | None = None
    agreement: Agreement | None = None


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
    params: Params = field(default_factory=dict)
    role_facet: Facet | None = None
    histogram: Histogram | None = None
    refused: str | None = None

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
        """One link per sort order (best match only when there are keywords); the default order's
        link has no ``sort``, so that the same search has one URL."""
        default = self.form.default_sort
        orders = [s for s in Sort if s is not Sort.RELEVANCE or not self.form.parsed_query.is_empty]
        return [
            SortLink(s, query_string(self.params, sort=None if s is default else s.value), s is self.sort)
            for s in orders
        ]

    @property
    def sort_choice(self) -> str:
        """The search form's chosen sort: "" for the default order, else the order asked for."""
        return "" if self.sort is self.form.default_sort else self.sort.value

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
    def chips(self) -> list[Chip]:
        """The active filters, each with the link that removes it (query/chips.py)."""
        return search_chips(self)

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


def request_params(query: QueryDict, form_class=ArticleSearchForm) -> Params:
    """Return the request's parameters that the search page keeps in its links (empty values
    mean the default: they are left out, so that links stay clean)."""
    kept = [*FORM_FIELDS, *(facet.param for facet in form_class.facets), "role", "all"]
    params = {name: [v[:500] for v in query.getlist(name) if v.strip()] for name in kept}
    return {name: values for name, values in params.items() if values}


def tidied_query(query: QueryDict) -> str | None:
    """Return the query string of ``query`` without its empty parameters, or ``None`` when it has none.

    A browser without JavaScript sends every field of a form, empty ones too
    (``date_from=&date_to=&sort=``); the page answers with the same search at its clean URL.
    """
    pairs = [(name, value) for name in query for value in query.getlist(name)]
    kept = [(name, value) for name, value in pairs if value.strip()]
    return urlencode(kept) if len(kept) < len(pairs) else None


def expanded_facet(query: QueryDict, form_class=ArticleSearchForm) -> str | None:
    """Return the facet whose values the page lists in full (``facet=<name>``), or ``None``.

    Anything but a facet's name is ignored: the page then lists the top values of each.
    """
    name = str(query.get("facet", ""))[:40]
    return name if name in {facet.param for facet in form_class.facets} else None


def _run_counts(sqs):
    """Run ``sqs`` for its count and facet counts only (one hit fetched, none loaded)."""
    backend_query = sqs.query
    backend_query.set_limits(0, 1)
    backend_query.run()
    return backend_query


def _field_counts(backend_query) -> dict[str, list[tuple[str, int]]]:
    return (backend_query.get_facet_counts() or {}).get("fields", {}) or {}


class Search:
    """One search: the request's parameters, validated once.

    ``form`` is an already validated form of :attr:`form_class` for ``query`` (the
    strict reading hands its own over); ``page_number`` is the page asked for
    (read from ``query`` when not given), ``notices`` what the strict reading noted.
    """

    form_class = None

    def __init__(self, query: QueryDict, *, form=None, page_number=None, page_size=20, notices=()):
        self.query = query
        self.form = form if form is not None else self.form_class(query)
        self.deadline = Deadline(SearchBudget.configured().seconds)
        with self.deadline.active():
            self.messages = self.form.messages()  # plans the keywords, within this search's deadline
        self.page_number = (
            page_number if page_number is not None else parse_page_number(query.get("page"), self.messages)
        )
        self.page_size = page_size
        self.notices = list(notices)
        self.params = request_params(query, self.form_class)

    @property
    def refused(self) -> str | None:
        """Why this search is not run (it cannot fit its budget), or ``None``."""
        return self.form.parsed_query.refused

    def page(self) -> SearchPage:
        """Run the query and return the requested page (the last one when asked past it), or, when
        the search runs out of its budget, an empty page saying so (``refused``)."""
        if self.refused:
            return self._refused_page(self.refused)
        try:
            with self.deadline.active():
                return self._page()
        except SearchTooCostly as refusal:
            return self._refused_page(refusal.message)

    def _refused_page(self, message: str) -> SearchPage:
        return SearchPage(
            form=self.form,
            count=0,
            hits=[],
            number=1,
            page_size=self.page_size,
            facets=[],
            sort=self.form.sort_order,
            messages=[*self.messages, message],
            params=self.params,
            refused=message,
        )

    def _respelling(self) -> tuple[str, object]:
        """Return ``(what the engine is asked to respell, the term dictionary or None)``.

        With a term dictionary (Whoosh) the respelling is Parley's own, within the
        budget (query/spelling.py); other engines respell short queries themselves.
        """
        raw = self.form.parsed_query.raw.strip()
        short = bool(raw) and len(raw) <= SPELLING_MAX_CHARS and len(raw.split()) <= SPELLING_MAX_WORDS
        lexicon = engine_lexicon() if short else None
        return (raw if short and lexicon is None else NO_SPELLING), lexicon

    def _suggestion(self, backend_query, lexicon) -> str | None:
        if self.form.parsed_query.is_empty:
            return None
        if lexicon is not None:
            budget.check()
            return respell(self.form.parsed_query.raw.strip(), lexicon)
        return backend_query.get_spelling_suggestion()

    def _page(self) -> SearchPage:
        form, page_size, messages = self.form, self.page_size, list(self.messages)
        number = self.page_number
        backend_query = form.search_queryset().query
        start = (number - 1) * page_size
        backend_query.set_limits(start, start + page_size)
        spelling_query, lexicon = self._respelling()
        backend_query.run(spelling_query=spelling_query)
        count = backend_query.get_count()
        results = backend_query.get_results()
        if count and start >= count:
            messages.append(f"Page {number} is past the last page; showing the last page.")
            number = math.ceil(count / page_size)
            results = self._window((number - 1) * page_size, page_size)
        return SearchPage(
            form=form,
            count=count,
            hits=self._hits(results),
            number=number,
            page_size=page_size,
            facets=self._facets(_field_counts(backend_query)),
            sort=form.sort_order,
            suggestion=self._suggestion(backend_query, lexicon),
            messages=messages,
            params=self.params,
            role_facet=self._role_facet(),
            histogram=self._histogram(_field_counts(backend_query)),
        )

    def articles(self, limit: int | None = None):
        """Return an iterator over chunks of every published article that matches (or the first
        ``limit``), in order. The first batch is searched now, so a search past its budget raises
        :class:`SearchTooCostly` here, before anything is sent."""
        if self.refused:
            raise SearchTooCostly(self.refused)
        return bulk.search_articles(self.form, limit=limit)

    def records(self, limit: int | None = None):
        """Return an iterator over chunks of every matching record of this search's kind (exports, feeds)."""
        return self.articles(limit)

    # The parts of a page ----------------------------------------------------------

    def _window(self, start: int, size: int):
        """Return the hits ``start:start + size`` only: no facets, no suggestion (a page asked past the end)."""
        backend_query = bulk.plain_queryset(self.form).query
        backend_query.set_limits(start, start + size)
        backend_query.run()
        return backend_query.get_results()

    def _hits(self, results) -> list[Hit]:
        """Return the page's hits, loaded from the database, with snippets (each kind of record its own)."""
        raise NotImplementedError

    def _facets(self, main_counts) -> list[Facet]:
        form = self.form
        counts = dict(main_counts)
        # Disjunctive counts: an OR-combined facet with a selection is counted without its own selection.
        disjunctive = form.facet_count_querysets()
        for param, sqs in disjunctive.items():
            budget.check()
            field_name = form.facet_field(param)
            counts[field_name] = _field_counts(_run_counts(sqs)).get(field_name, [])
        by_value = form.value_count_querysets()
        for param, queries in by_value.items():
            per_value = []
            for value, sqs in queries.items():
                budget.check()
                per_value.append((value, _run_counts(sqs).get_count()))
            counts[form.facet_field(param)] = sorted([pair for pair in per_value if pair[1]], key=lambda pair: -pair[1])
        return build_facets(
            counts,
            self.params,
            form.selected(),
            role=form.chosen_role,
            match_all=form.match_all,
            disjunctive=set(disjunctive) | {param for param in by_value if form.value(param, [])},
            expanded=expanded_facet(self.query, self.form_class),
            facets=self.form_class.facets,
        )

    def _role_facet(self) -> Facet | None:
        budget.check()
        role_counts = {role: _run_counts(sqs).get_count() for role, sqs in self.form.role_count_querysets().items()}
        return build_role_facet(self.form.chosen_role, role_counts, self.params)

    def _histogram(self, main_counts) -> Histogram:
        return build_histogram(
            dict(main_counts.get("year", [])),
            dict(main_counts.get(MONTH_FIELD, [])),
            self.form.value("date_from"),
            self.form.value("date_to"),
            self.params,
        )


class ArticleSearch(Search):
    """A search of published articles."""

    form_class = ArticleSearchForm

    def _hits(self, results) -> list[Hit]:
        budget.check()
        articles = Article.objects.published().for_results([int(r.pk) for r in results])
        terms = self.form.parsed_query.terms
        return [
            Hit(article=articles[int(r.pk)], score=r.score, snippet=snippet(articles[int(r.pk)].body, terms))
            for r in results
            if int(r.pk) in articles  # a document the database no longer publishes is not shown
        ]


class MeetingSearch(Search):
    """A search of meetings (proposed and reviewed; a proposal always says so)."""

    form_class = MeetingSearchForm

    def _hits(self, results) -> list[Hit]:
        budget.check()
        meetings = Meeting.objects.public().for_display().in_bulk([int(r.pk) for r in results])
        terms = self.form.parsed_query.terms
        return [
            Hit(
                article=None,
                meeting=meetings[int(r.pk)],
                score=r.score,
                snippet=meeting_snippet(meetings[int(r.pk)], terms),
            )
            for r in results
            if int(r.pk) in meetings
        ]

    def _role_facet(self) -> None:
        return None

    def _histogram(self, main_counts):
        histogram = super()._histogram(main_counts)
        return dataclasses.replace(histogram, noun="Meetings") if histogram is not None else None

    def articles(self, limit: int | None = None):
        raise TypeError("a meeting search yields meetings: use meetings()")

    def meetings(self, limit: int | None = None):
        """Yield, chunk by chunk, every public meeting that matches (or the first ``limit``), in order;
        a search past its budget raises :class:`SearchTooCostly` here, before anything is sent."""
        if self.refused:
            raise SearchTooCostly(self.refused)
        return bulk.search_meetings(self.form, limit=limit)

    def records(self, limit: int | None = None):
        return self.meetings(limit)


def meeting_snippet(meeting: Meeting, terms) -> str:
    """Return the first published report's supporting sentences with the matches marked (escaped HTML):
    a draft's or a withdrawn article's sentences are never quoted in public."""
    for report in meeting.published_reports():
        sentences = report.sentences()
        if sentences:
            return snippet(" ".join(sentences), terms)
    return snippet("", terms)


def run_search(query: QueryDict, page_size: int = 20) -> SearchPage:
    """Return the :class:`SearchPage` for the request parameters ``query`` (read forgivingly)."""
    return ArticleSearch(query, page_size=page_size).page()
