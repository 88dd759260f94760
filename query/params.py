"""Strict reading of search parameters for machine clients (API, exports, feeds).

The HTML page is forgiving: a bad value becomes a message and is left out. A
script must not get a silently broader result set instead, so the JSON API,
the exports and the feeds answer a bad parameter with HTTP 400 naming it.

The accepted parameters are derived from :class:`ArticleSearchForm`'s fields,
so a parameter added to the page is accepted here (and described in the OpenAPI
schema) without a change to this module.
"""

from dataclasses import dataclass

from django import forms
from django.http import QueryDict

from query.forms import ArticleSearchForm
from query.search import ArticleSearch, Search
from query.vocabulary import MAX_PAGE, Sort

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
# Values the page tolerates (and replaces by a default) that a machine client must get right.
STRICT_CHOICES = {"sort": [s.value for s in Sort]}


@dataclass(frozen=True)
class ParameterProblem:
    parameter: str
    message: str

    def as_dict(self) -> dict:
        return {"parameter": self.parameter, "message": self.message}


class ParameterError(Exception):
    """One or more request parameters are wrong; ``problems`` says which and why (HTTP ``status``)."""

    status = 400

    def __init__(self, problems: list[ParameterProblem]):
        self.problems = problems
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return " ".join(f"{p.parameter}: {p.message}" for p in self.problems)

    def as_dict(self) -> dict:
        return {"message": self.message, "errors": [p.as_dict() for p in self.problems]}


class CostError(ParameterError):
    """The parameters are valid but the search costs more than one search may (index/budget.py):
    HTTP 422, the message says how to narrow it."""

    status = 422

    @classmethod
    def about_keywords(cls, message: str) -> "CostError":
        return cls([ParameterProblem("q", message)])


def is_repeatable(form_field: forms.Field) -> bool:
    """Whether a form field takes several values (``country=AZ&country=IR``)."""
    return isinstance(form_field.widget, forms.MultipleHiddenInput | forms.SelectMultiple)


def search_fields(form_class=ArticleSearchForm) -> dict[str, forms.Field]:
    """Return a search page's parameters, by name, as its form declares them."""
    return dict(form_class.base_fields)


def _integer(query: QueryDict, name: str, default: int, low: int, high: int, problems: list) -> int:
    raw = query.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        number = int(raw.strip())
    except ValueError:
        problems.append(ParameterProblem(name, f"“{raw[:40]}” is not a whole number."))
        return default
    if not low <= number <= high:
        problems.append(ParameterProblem(name, f"must be from {low} to {high}."))
        return default
    return number


def read_search(
    query: QueryDict, *, paged: bool = False, allow_cut: bool = False, search_class=ArticleSearch
) -> Search:
    """Return the search (an :class:`ArticleSearch` unless ``search_class`` says otherwise) for
    ``query``, every parameter valid, or raise :class:`ParameterError`.

    ``paged`` also accepts ``page`` and ``page_size`` (the API); exports and feeds
    cover the whole result set and take only the page's search parameters. A search
    the planner refuses is a :class:`CostError`; so is one it cut (part of the
    keywords left out) unless ``allow_cut`` (the API, which reports the cut in its
    ``notices``): an export or a feed has nowhere to say that its rows are not
    what was asked.
    """
    fields = search_fields(search_class.form_class)
    extra = {"page", "page_size"} if paged else set()
    problems = []
    for name in query:
        if name not in fields and name not in extra:
            accepted = ", ".join([*fields, *sorted(extra)])
            problems.append(ParameterProblem(name[:60], f"unknown parameter (accepted: {accepted})."))
        elif len(query.getlist(name)) > 1 and (name in extra or not is_repeatable(fields[name])):
            problems.append(ParameterProblem(name, "give it once."))
    for name, choices in STRICT_CHOICES.items():
        value = query.get(name)
        if name in fields and value not in (None, "") and value.strip().lower() not in choices:
            problems.append(ParameterProblem(name, f"“{value[:40]}” is not one of {', '.join(choices)}."))
    form = search_class.form_class(query)
    if not form.is_valid():
        for name, errors in form.errors.items():
            problems.extend(ParameterProblem(name, str(error)) for error in errors)
    page = _integer(query, "page", 1, 1, MAX_PAGE, problems) if paged else 1
    page_size = _integer(query, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE, problems) if paged else 0
    if problems:
        raise ParameterError(problems)
    search = search_class(query, form=form, page_number=page, page_size=page_size)
    parsed = form.parsed_query
    if parsed.refused:
        raise CostError.about_keywords(parsed.refused)
    if parsed.cut and not allow_cut:
        raise CostError.about_keywords(" ".join(parsed.notices))
    search.notices = list(parsed.notices)
    return search


def valid_query_string(form: ArticleSearchForm, drop=("page",)) -> str:
    """Return the urlencoded parameters of ``form`` that are valid, for links to machine formats.

    The page ignores invalid values; links from it to exports and feeds carry only
    the valid ones, so they return what the page shows instead of a 400.
    """
    form.is_valid()
    out = QueryDict(mutable=True)
    for name, value in (form.data or {}).items():
        if name in drop or name in form.errors:
            continue
        if name in STRICT_CHOICES and str(value or "").strip().lower() not in STRICT_CHOICES[name]:
            continue
        values = value if isinstance(value, list | tuple) else [value]
        values = [v for v in values if v not in (None, "")]
        if values:
            out.setlist(name, values)
    return out.urlencode()
