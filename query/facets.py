"""Facets, one class per kind (after datasette's ``facets.py``).

A facet definition owns everything about one facet: its public URL parameter and
how the parameter is validated, the index field it filters and counts, the
database look-up that turns its stable keys (ISO codes, slugs) into labels, how it
narrows a query, and how its counts become a :class:`Facet` whose values each know
their label, count, whether they are selected and the URL that toggles them.
Templates only render what is built here.
"""

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from haystack.query import SearchQuerySet

from archive.models import Country, Person, Source
from meetings.corroboration import Corroboration
from meetings.vocabulary import Mode, Side
from offices.models import Position
from offices.roles import Sector
from query.fields import MultipleKeysField
from query.links import Params, query_string, toggled, toggler
from query.vocabulary import FACET_TOP, Role

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO_CODE = re.compile(r"^[A-Z]{2}$")
YEAR = re.compile(r"^\d{4}$")
SLUG_WORD = re.compile(r"^[a-z_]+$")
NUMBER = re.compile(r"^\d{1,4}$")
PLACE_NAME = re.compile(r"^[^\x00-\x1f<>]{1,120}$")


@dataclass(frozen=True)
class FacetValue:
    value: str
    # The label, or a function of the value that returns it (read from the database when first
    # shown: a page renders the top values of each facet, not the hundreds behind them).
    labelled: str | Callable[[str], str] = field(repr=False, compare=False)
    count: int | None  # None: not meaningful here (a role without a selected official)
    selected: bool
    # The query string that adds or removes this value, or a function of the value that returns it.
    link: str | Callable[[str], str] = field(repr=False, compare=False)

    @functools.cached_property
    def label(self) -> str:
        return self.labelled if isinstance(self.labelled, str) else self.labelled(self.value)

    @functools.cached_property
    def toggle_url(self) -> str:
        return self.link if isinstance(self.link, str) else self.link(self.value)

    def as_dict(self) -> dict:
        return {"value": self.value, "label": self.label, "count": self.count, "selected": self.selected}


@dataclass
class Facet:
    """One facet of one search: its values with counts, ready to render."""

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
    # What the values mean, where the label cannot say it (shown under the heading).
    help: str = ""

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


class LazyLabels:
    """The labels of one facet's values, read when the first one is asked for: the values a page shows
    (``first``) in one look-up, the others in a second only when one of them is asked for (the full
    list, the API). Read per search, never kept: a renamed record shows its new name at once."""

    def __init__(self, read: Callable[[list[str]], dict[str, str]], keys: list[str], first: set[str]):
        self._read, self._keys, self._first = read, keys, first
        self._labels: dict[str, str] | None = None
        self._complete = False

    def __call__(self, key: str) -> str:
        if self._labels is None:
            self._labels = self._read([k for k in self._keys if k in self._first])
        if key not in self._first and not self._complete:
            self._labels.update(self._read([k for k in self._keys if k not in self._first]))
            self._complete = True
        return self._labels.get(key, key)


class FacetDefinition:
    """A facet whose keys are shown as they are (the base of the others)."""

    def __init__(
        self, param: str, field: str, label: str, *, noun: str, pattern, normalise, multivalued=False, help=""
    ):
        self.param = param  # the public URL parameter
        self.field = field  # the index field it filters and counts
        self.label = label  # the heading shown to users
        self.noun = noun  # what one value is called in messages
        self.pattern, self.normalise = pattern, normalise
        self.multivalued = multivalued  # an article can have several values (so ``all=`` makes sense)
        self.help = help  # what the values mean, for the page and the API's description

    def field_for(self, role: Role) -> str:
        """Return the index field this facet filters and counts under ``role``."""
        return self.field

    def form_field(self) -> MultipleKeysField:
        """Return the form field that validates this facet's parameter."""
        return MultipleKeysField(
            pattern=self.pattern, normalise=self.normalise, known=self.known, noun=self.noun, help_text=self.help
        )

    def labels(self, keys: list[str]) -> dict[str, str]:
        """Return ``{key: label}`` for the keys that exist."""
        return {key: key for key in keys}

    def known(self, keys: list[str]) -> set[str]:
        """Return the keys that name an existing value."""
        return set(self.labels(keys))

    def ordered(self, pairs: list[tuple[str, int]]) -> list[tuple[str, int]]:
        """Return ``(value, count)`` pairs in display order (the engine's: by count)."""
        return pairs

    def narrow(self, sqs: SearchQuerySet, keys: list[str], role: Role, match_all: bool) -> SearchQuerySet:
        """Return ``sqs`` limited to ``keys``: any of them, or every one when ``match_all``."""
        field_name = self.field_for(role)
        # Values are quoted by the backend's own ``in`` lookup, never pasted into a query string.
        for group in [[key] for key in keys] if match_all else [keys]:
            sqs = sqs.narrow(sqs.query.build_query_fragment(field_name, "in", group))
        return sqs

    def narrow_in(self, form, sqs: SearchQuerySet, keys: list[str], role: Role, without=None) -> SearchQuerySet:
        """Return ``sqs`` limited to ``keys`` as ``form`` combines them (``without``: the facet whose
        selection the query leaves out, for disjunctive counts)."""
        return self.narrow(sqs, keys, role, match_all=self.param in form.match_all)

    def value_count_querysets(self, form) -> dict[str, SearchQuerySet] | None:
        """Return one count query per value when the engine's field counts cannot give this facet's
        counts, or ``None`` (the usual case: counted by the engine, over the hits)."""
        return None

    def result(self, counts, params: Params, chosen: list[str], *, role, match_all, disjunctive, expanded) -> Facet:
        """Return the :class:`Facet` of this search from the engine's ``fields`` counts.

        A selected value with no hits still shows, with count 0, so it can be
        removed. Every value is built (the counts are the contract, and the API
        lists them all); the page renders the values beyond the top ones only when
        ``expanded``: hundreds of values per facet were most of a page's rendering time.
        """
        pairs = [(str(value), count) for value, count in counts.get(self.field_for(role), []) if value]
        seen = {value for value, _ in pairs}
        pairs = self.ordered(pairs + [(value, 0) for value in chosen if value not in seen])
        keys = [value for value, _ in pairs]
        # What the page shows by default (Facet.top_values) is labelled first; hundreds of officials and
        # offices were labelled on every search (a third of an article search's time at 20,000 articles).
        shown = set(keys) if expanded else set(keys[:FACET_TOP]) | set(chosen)
        label_of = LazyLabels(self.labels, keys, shown)
        toggle = toggler(params, self.param)
        combine_url = ""
        if self.multivalued and len(chosen) > 1:
            combine_url = query_string(params, all=toggled(params.get("all", []), self.param))
        return Facet(
            name=self.param,
            label=self.label,
            combine="all" if match_all else "any",
            combine_toggle_url=combine_url,
            disjunctive=disjunctive,
            expanded=expanded,
            all_values_url=query_string(params, facet=self.param) if len(pairs) > FACET_TOP else "",
            help=self.help,
            values=[
                FacetValue(value=value, labelled=label_of, count=count, selected=value in chosen, link=toggle)
                for value, count in pairs
            ],
        )


class ModelFacet(FacetDefinition):
    """A facet whose keys are a model's stable key (``code``, ``slug``), labelled by its ``name``."""

    def __init__(self, *args, model: type[models.Model], key: str, name: str = "name", **kwargs):
        super().__init__(*args, **kwargs)
        self.model, self.key, self.name = model, key, name

    def labels(self, keys):
        return dict(self.model.objects.filter(**{f"{self.key}__in": keys}).values_list(self.key, self.name))


class OfficialFacet(ModelFacet):
    """Officials: the role chooses which index field (any role, took part, mentioned) is used."""

    def field_for(self, role):
        return role.official_field


class YearFacet(FacetDefinition):
    """Years: listed newest first, whatever their counts."""

    def ordered(self, pairs):
        return sorted(pairs, key=lambda item: item[0], reverse=True)


class ChoiceFacet(FacetDefinition):
    """A facet over a controlled list (mode, side, review): labels from the list, in its order."""

    def __init__(self, *args, choices: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = choices

    def labels(self, keys):
        return {key: self.choices[key] for key in keys if key in self.choices}

    def ordered(self, pairs):
        order = list(self.choices)
        return sorted(pairs, key=lambda item: order.index(item[0]) if item[0] in order else len(order))


class SectorFacet(ChoiceFacet):
    """Sectors of the offices participants held, read with the search's countries.

    Without countries chosen, ``sector=military`` is "some participant held a military
    office". With countries chosen (``country_param``), it is "an office-holder *of
    that country* in that sector": any chosen country, or, with ``all=<country_param>``,
    every one (``country=AZ&country=IR&all=country&sector=military``: an Azerbaijani
    and an Iranian military office-holder, not an Azerbaijani participant and some
    military one). The index keeps each sector with its position's country
    (``office_sectors``: "AZ:military") for this. Several sectors combine with OR.
    """

    SECTOR_BY_COUNTRY = "office_sectors"

    def __init__(self, *args, country_param: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.country_param = country_param

    def countries(self, form, without: str | None = None) -> list[str]:
        """Return the chosen countries a sector is read with (none when the query leaves them out)."""
        return [] if without == self.country_param else form.value(self.country_param, [])

    def narrow_in(self, form, sqs, keys, role, without=None):
        countries = self.countries(form, without)
        if not countries:
            return self.narrow(sqs, keys, role, match_all=False)
        if self.country_param in form.match_all:
            groups = [[f"{country}:{sector}" for sector in keys] for country in countries]
        else:
            groups = [[f"{country}:{sector}" for country in countries for sector in keys]]
        for group in groups:
            sqs = sqs.narrow(sqs.query.build_query_fragment(self.SECTOR_BY_COUNTRY, "in", group))
        return sqs

    def value_count_querysets(self, form):
        """With countries chosen, a sector's count depends on them (per country, any or all): one count
        query per sector, the search's other filters applied and its own selection left out."""
        if not self.countries(form):
            return None
        base = form.filtered_queryset(without=self.param)
        return {sector: self.narrow_in(form, base, [sector], form.chosen_role) for sector in self.choices}


class CountFacet(FacetDefinition):
    """A facet whose values are whole numbers (independent outlets): listed in increasing order."""

    def labels(self, keys):
        return {key: key for key in keys if key.isdigit()}

    def ordered(self, pairs):
        return sorted(pairs, key=lambda item: int(item[0]) if item[0].isdigit() else 0)


def _upper(value: str) -> str:
    return value.strip().upper()


def _lower(value: str) -> str:
    return value.strip().lower()


COUNTRY = ModelFacet(
    "country", "countries", "Country", noun="country code", pattern=ISO_CODE, normalise=_upper, multivalued=True,
    model=Country, key="code",
)  # fmt: skip
OFFICIAL = OfficialFacet(
    "official", "officials", "Official", noun="official", pattern=SLUG, normalise=_lower, multivalued=True,
    model=Person, key="slug",
)  # fmt: skip
SOURCE = ModelFacet(
    "source", "source", "Source", noun="source", pattern=SLUG, normalise=_lower, model=Source, key="slug"
)
YEAR_FACET = YearFacet("year", "year", "Year", noun="year", pattern=YEAR, normalise=str.strip)
# The country a participant represents (their person's country), beside the countries only named.
PARTICIPANT_COUNTRY = ModelFacet(
    "participant_country", "participant_countries", "Participants' country", noun="country code", pattern=ISO_CODE,
    normalise=_upper, multivalued=True, model=Country, key="code",
)  # fmt: skip

# Meetings: countries are those the participants represent, never countries only named in a report.
MEETING_COUNTRY = ModelFacet(
    "country", "countries", "Participants' country", noun="country code", pattern=ISO_CODE, normalise=_upper,
    multivalued=True, model=Country, key="code",
)  # fmt: skip
MEETING_OFFICIAL = ModelFacet(
    "official", "officials", "Official", noun="official", pattern=SLUG, normalise=_lower, multivalued=True,
    model=Person, key="slug",
)  # fmt: skip
SIDE = ChoiceFacet(
    "side", "sides", "Side", noun="side", pattern=SLUG_WORD, normalise=_lower, multivalued=True,
    choices={choice.value: choice.label for choice in Side},
)  # fmt: skip
MODE = ChoiceFacet(
    "mode", "mode", "Mode", noun="mode", pattern=SLUG_WORD, normalise=_lower, choices={m.value: m.label for m in Mode}
)
PLACE = FacetDefinition("place", "place", "Place", noun="place", pattern=PLACE_NAME, normalise=str.strip)
AGREEMENT = ChoiceFacet(
    "agreement", "agreement", "Agreement signed", noun="choice (yes or no)", pattern=SLUG_WORD, normalise=_lower,
    choices={"yes": "Agreement signed", "no": "None reported"},
)  # fmt: skip
OUTLETS = CountFacet(
    "outlets", "outlets", "Independent outlets", noun="number of outlets", pattern=NUMBER, normalise=str.strip
)
CORROBORATION = ChoiceFacet(
    "corroboration", "corroboration", "Corroboration", noun="corroboration (single, several or disputed)",
    pattern=SLUG_WORD, normalise=_lower, multivalued=True, choices={c.value: c.label for c in Corroboration},
    help="Outlets count once however many copies of one text they or others republished; disputed: the reports "
    "give different dates or places.",
)  # fmt: skip


def _held_rule(date: str, evidence: str) -> str:
    """Return what counts as an office held, in words (offices/held.py decides it)."""
    return (
        f"An office counts when a tenure surely covers {date}, or when {evidence} is evidence of the tenure; "
        "an office only possibly held then (dates unknown) does not count."
    )


def _office_facets(date: str, evidence: str, country_param: str) -> tuple[ModelFacet, SectorFacet]:
    """Return the office and sector facets of one kind of record (``date``: whose date, in words)."""
    rule = _held_rule(date, evidence)
    office = ModelFacet(
        "office", "offices", "Office held", noun="office", pattern=SLUG, normalise=_lower, multivalued=True,
        model=Position, key="slug", name="label",
        help=f"Offices the participants held on {date} (people only mentioned never count). {rule}",
    )  # fmt: skip
    sector = SectorFacet(
        "sector", "sectors", "Sector of office", noun="sector", pattern=SLUG_WORD, normalise=_lower,
        choices={choice.value: choice.label for choice in Sector}, country_param=country_param,
        help=(
            f"Sectors of the offices participants held on {date}. With participants' countries chosen: an "
            f"office-holder of that country in the sector (of every chosen country with Match all). {rule}"
        ),
    )  # fmt: skip
    return office, sector


OFFICE, SECTOR = _office_facets("the article's date", "the article", "participant_country")
MEETING_OFFICE, MEETING_SECTOR = _office_facets("the meeting's date", "a report of the meeting", "country")

REVIEW = ChoiceFacet(
    "review", "review", "Review", noun="review state", pattern=SLUG_WORD, normalise=_lower,
    choices={"reviewed": "Reviewed by a curator", "proposed": "Proposed, not yet reviewed"},
)  # fmt: skip

ARTICLE_FACETS = (COUNTRY, PARTICIPANT_COUNTRY, OFFICIAL, OFFICE, SECTOR, SOURCE, YEAR_FACET)
MEETING_FACETS = (
    MEETING_COUNTRY, MEETING_OFFICIAL, MEETING_OFFICE, MEETING_SECTOR, SIDE, MODE, PLACE, YEAR_FACET, AGREEMENT,
    OUTLETS, CORROBORATION, REVIEW,
)  # fmt: skip
# The article search's facets (the search page's, the API's).
FACETS = ARTICLE_FACETS
FACETS_BY_PARAM = {facet.param: facet for facet in FACETS}
# Facets whose values may be combined with AND through ``all=<param>``.
AND_FACETS = tuple(facet.param for facet in FACETS if facet.multivalued)


def build_facets(
    counts: dict,
    params: Params,
    selected: dict[str, list[str]],
    role: Role = Role.ANY,
    match_all: set[str] = frozenset(),
    disjunctive: set[str] = frozenset(),
    expanded: str | None = None,
    facets: tuple = FACETS,
) -> list[Facet]:
    """Return one :class:`Facet` per definition of ``facets``, in order (see :meth:`FacetDefinition.result`)."""
    return [
        facet.result(
            counts,
            params,
            selected.get(facet.param, []),
            role=role,
            match_all=facet.param in match_all,
            disjunctive=facet.param in disjunctive,
            expanded=facet.param == expanded,
        )
        for facet in facets
    ]


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
