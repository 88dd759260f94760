"""The facet contract (after datasette's): every value knows its label, count,
whether it is selected and the URL that toggles it. Built here, not in templates."""

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from archive.models import Country, Person, Source
from query.links import Params, query_string, toggled, toggler
from query.vocabulary import FACET_TOP, FACETS, FacetSpec, Role


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int | None  # None: not meaningful here (a role without a selected official)
    selected: bool
    # The query string that adds or removes this value, or a function of the value that
    # returns it: a page renders the top values of each facet, not the hundreds behind them.
    link: str | Callable[[str], str] = field(repr=False, compare=False)

    @functools.cached_property
    def toggle_url(self) -> str:
        return self.link if isinstance(self.link, str) else self.link(self.value)

    def as_dict(self) -> dict:
        return {"value": self.value, "label": self.label, "count": self.count, "selected": self.selected}


@dataclass
class Facet:
    name: str  # the URL parameter
    label: str
    values: list[FacetValue] = field(default_factory=list)
    top: int = FACET_TOP
    # How selected values combine: "any" (OR, the default) or "all" (AND, through ``all=<name>``).
    combine: str = "any"
    # The URL that switches between any and all; "" where it does not apply.
    combine_toggle_url: str = ""
    # Counts computed with this facet's own selection removed (disjunctive).
    disjunctive: bool = False
    # Whether the page lists every value (``facet=<name>``); otherwise the top ones and a link.
    expanded: bool = False
    # The same search with this facet's values all listed ("" when there is nothing more).
    all_values_url: str = ""

    @property
    def truncated(self) -> bool:
        """Whether more values exist than the top ones shown by default."""
        return len(self.values) > self.top

    @property
    def top_values(self) -> list[FacetValue]:
        """The first ``top`` values, plus any selected value beyond them."""
        head = self.values[: self.top]
        return head + [v for v in self.values[self.top :] if v.selected]

    @property
    def more_values(self) -> list[FacetValue]:
        return [v for v in self.values[self.top :] if not v.selected]

    @property
    def selected_values(self) -> list[FacetValue]:
        return [v for v in self.values if v.selected]


def toggle_query(params: Params, name: str, value: str) -> str:
    """Return the query string of ``params`` with ``value`` of ``name`` added or removed.

    The page number is dropped: a new filter starts on page one.
    """
    return toggler(params, name)(value)


def labels_for(spec: FacetSpec, keys: list[str]) -> dict[str, str]:
    """Return readable labels for facet keys, from the database."""
    if spec.param == "country":
        return dict(Country.objects.filter(code__in=keys).values_list("code", "name"))
    if spec.param == "official":
        return dict(Person.objects.filter(slug__in=keys).values_list("slug", "name"))
    if spec.param == "source":
        return dict(Source.objects.filter(slug__in=keys).values_list("slug", "name"))
    return {key: key for key in keys}


def build_facets(
    counts: dict,
    params: Params,
    selected: dict[str, list[str]],
    role: Role = Role.ANY,
    match_all: set[str] = frozenset(),
    disjunctive: set[str] = frozenset(),
    expanded: str | None = None,
) -> list[Facet]:
    """Return one :class:`Facet` per facet spec from the engine's ``fields`` counts.

    ``counts`` are keyed by index field (the official facet's field follows
    ``role``), ``params`` are the request's parameters (lists), ``selected`` the
    valid selections, ``match_all`` the facets combined with AND, ``disjunctive``
    the facets whose counts ignore their own selection. A selected value with no
    hits still shows, with count 0, so it can be removed. Years are listed newest
    first; other facets by count. Every value is built (the counts are the
    contract, and the API lists them all); the page renders the values beyond the
    top ones only for the facet named by ``expanded``, and a link to it otherwise:
    hundreds of values per facet were most of a search page's rendering time.
    """
    facets = []
    for spec in FACETS:
        pairs = [(str(value), count) for value, count in counts.get(spec.field_for(role), []) if value]
        seen = {value for value, _ in pairs}
        pairs += [(value, 0) for value in selected.get(spec.param, []) if value not in seen]
        if spec.param == "year":
            pairs.sort(key=lambda item: item[0], reverse=True)
        labels = labels_for(spec, [value for value, _ in pairs])
        chosen = selected.get(spec.param, [])
        toggle = toggler(params, spec.param)
        combine = "all" if spec.param in match_all else "any"
        combine_url = ""
        if spec.multivalued and len(chosen) > 1:
            combine_url = query_string(params, all=toggled(params.get("all", []), spec.param))
        facets.append(
            Facet(
                name=spec.param,
                label=spec.label,
                combine=combine,
                combine_toggle_url=combine_url,
                disjunctive=spec.param in disjunctive,
                expanded=spec.param == expanded,
                all_values_url=query_string(params, facet=spec.param) if len(pairs) > FACET_TOP else "",
                values=[
                    FacetValue(
                        value=value,
                        label=labels.get(value, value),
                        count=count,
                        selected=value in chosen,
                        link=toggle,
                    )
                    for value, count in pairs
                ],
            )
        )
    return facets


def build_role_facet(role: Role, role_counts: dict[Role, int], params: Params) -> Facet:
    """Return the single-choice *role* facet: any role, took part, mentioned.

    Counts are the articles the selected officials match in each role; without a
    selected official the role only changes the official facet, so counts are ``None``.
    """
    values = []
    for choice in Role:
        url = query_string(params, role=None if choice is Role.ANY else choice.value)
        values.append(FacetValue(choice.value, choice.label, role_counts.get(choice), choice is role, url))
    return Facet(name="role", label="Officials who", values=values)
