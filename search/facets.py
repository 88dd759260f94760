"""The facet contract (after datasette's): every value knows its label, count,
whether it is selected and the URL that toggles it. Built here, not in templates."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from archive.models import Country, Person, Source
from search.vocabulary import FACET_TOP, FACETS, FacetSpec


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    toggle_url: str

    def as_dict(self) -> dict:
        return {"value": self.value, "label": self.label, "count": self.count, "selected": self.selected}


@dataclass
class Facet:
    name: str  # the URL parameter
    label: str
    values: list[FacetValue] = field(default_factory=list)
    top: int = FACET_TOP

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


def toggle_query(params: dict[str, list[str]], name: str, value: str) -> str:
    """Return the query string of ``params`` with ``value`` of ``name`` added or removed.

    The page number is dropped: a new filter starts on page one.
    """
    return _toggler(params, name)(value)


def _toggler(params: dict[str, list[str]], name: str):
    """Return ``value → toggle URL`` for one facet, encoding the other parameters once.

    A facet can list hundreds of values; encoding the whole query string for each
    of them was the slowest part of a search page.
    """
    current = list(params.get(name, []))
    others = urlencode([(key, v) for key, values in params.items() if key not in (name, "page") for v in values])

    def toggle(value: str) -> str:
        updated = [v for v in current if v != value] if value in current else [*current, value]
        return "?" + "&".join(part for part in (others, urlencode([(name, v) for v in updated])) if part)

    return toggle


def labels_for(spec: FacetSpec, keys: list[str]) -> dict[str, str]:
    """Return readable labels for facet keys, from the database."""
    if spec.param == "country":
        return dict(Country.objects.filter(code__in=keys).values_list("code", "name"))
    if spec.param == "official":
        return dict(Person.objects.filter(slug__in=keys).values_list("slug", "name"))
    if spec.param == "source":
        return dict(Source.objects.filter(slug__in=keys).values_list("slug", "name"))
    return {key: key for key in keys}


def build_facets(counts: dict, params: dict[str, list[str]], selected: dict[str, list[str]]) -> list[Facet]:
    """Return one :class:`Facet` per facet spec from the engine's ``fields`` counts.

    ``params`` are the request's parameters (lists), ``selected`` the valid
    selections. A selected value with no hits still shows, with count 0, so it
    can be removed. Years are listed newest first; other facets by count.
    """
    facets = []
    for spec in FACETS:
        pairs = [(str(value), count) for value, count in counts.get(spec.field, []) if value]
        seen = {value for value, _ in pairs}
        pairs += [(value, 0) for value in selected.get(spec.param, []) if value not in seen]
        if spec.param == "year":
            pairs.sort(key=lambda item: item[0], reverse=True)
        labels = labels_for(spec, [value for value, _ in pairs])
        chosen = set(selected.get(spec.param, []))
        toggle = _toggler(params, spec.param)
        facets.append(
            Facet(
                name=spec.param,
                label=spec.label,
                values=[
                    FacetValue(
                        value=value,
                        label=labels.get(value, value),
                        count=count,
                        selected=value in chosen,
                        toggle_url=toggle(value),
                    )
                    for value, count in pairs
                ],
            )
        )
    return facets
