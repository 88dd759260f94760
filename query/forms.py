"""The one place where a search request becomes a search query.

:class:`SearchForm` validates the public parameters (``q``, ``date_from``,
``date_to``, one parameter per facet, ``sort``, ``all``) and builds the Haystack
``SearchQuerySet`` every renderer uses; :class:`ArticleSearchForm` (with ``role``)
and :class:`MeetingSearchForm` say which model and which facets. It is forgiving:
a bad value is reported in ``errors`` and left out of the search, so the page
still answers.

How filters combine:

* several values of one facet: OR (``country=AZ&country=IR``: either);
* ``all=<facet>`` (country or official) turns that facet's values into AND
  (``official=a&official=b&all=official``: articles with both);
* ``role=participant`` / ``role=mentioned`` makes the official filter and facet
  look only at officials who took part / who are only mentioned;
* different facets, dates and keywords: AND.

Besides the main query, :meth:`facet_count_querysets` and
:meth:`role_count_querysets` return small count-only queries: the counts of an
OR-combined facet with a selection are computed with that facet's own selection
removed ("disjunctive" facets), so adding a second value shows how many articles it
would bring in. They only use the public ``SearchQuerySet`` API, so every backend
runs them.
"""

import datetime
import re

from django import forms
from haystack.inputs import Raw
from haystack.query import SearchQuerySet

from archive.models import Article
from meetings.models import Agreement, Meeting
from query import agreement_facets
from query import facets as facet_definitions
from query.fields import MultipleKeysField
from query.planner import engine_lexicon, engine_stemmed_field, plan_query
from query.syntax import ParsedQuery, parse_query
from query.vocabulary import MAX_DATE, MIN_DATE, MONTH_FIELD, Role, Sort

# Facet parameters: lower-case words, joined by underscores (participant_country).
FACET_NAME = re.compile(r"^[a-z]+(?:_[a-z]+)*$")


def match_all_field(facets) -> MultipleKeysField:
    """Return the ``all`` parameter's field: the multi-valued facets among ``facets`` may combine with AND."""
    names = {facet.param for facet in facets if facet.multivalued}
    return MultipleKeysField(
        pattern=FACET_NAME,
        normalise=lambda v: v.strip().lower(),
        known=lambda keys: set(keys) & names,
        noun=f"filter to match in full ({' or '.join(sorted(names))})",
        label="Match all",
    )


class SearchForm(forms.Form):
    """What every search shares: keywords, a date range, facets, a sort order, ``all=``."""

    # Set by each subclass: the model searched and its facets, in display order.
    model = None
    facets: tuple = ()
    # What the date range filters, as its chip says it ("Published: from 1 January 2019").
    date_label = "Published"

    q = forms.CharField(required=False, strip=True, label="Keywords")
    # Dates outside MIN_DATE..MAX_DATE are refused in clean_date_*: Whoosh cannot parse three-digit years.
    date_from = forms.DateField(required=False, input_formats=["%Y-%m-%d"], label="From")
    date_to = forms.DateField(required=False, input_formats=["%Y-%m-%d"], label="To")
    sort = forms.CharField(required=False)

    def __init__(self, data=None, **kwargs):
        if data is not None and hasattr(data, "getlist"):
            data = {
                name: data.getlist(name) if isinstance(field, MultipleKeysField) else data.get(name)
                for name, field in self.base_fields.items()
                if name in data
            }
        super().__init__(data, **kwargs)

    def clean_date_from(self):
        return _in_range(self.cleaned_data.get("date_from"))

    def clean_date_to(self):
        date_to = _in_range(self.cleaned_data.get("date_to"))
        date_from = self.cleaned_data.get("date_from")
        if date_from and date_to and date_to < date_from:
            raise forms.ValidationError("The end date is before the start date.")
        return date_to

    # What the search means -----------------------------------------------------

    def value(self, name, default=None):
        """Return the valid value of ``name``; invalid or missing gives ``default``."""
        if not self.is_bound:
            return default
        self.is_valid()
        return self.cleaned_data.get(name, default) or default

    @property
    def parsed_query(self) -> ParsedQuery:
        """The keywords as they are searched: parsed, then planned within the search budget (query/planner.py)."""
        if not hasattr(self, "_parsed_query"):
            parsed = parse_query(self.value("q", ""))
            if not parsed.is_empty:
                parsed = plan_query(parsed, engine_lexicon(), stemmed_field=engine_stemmed_field())
            self._parsed_query = parsed
        return self._parsed_query

    @property
    def default_sort(self) -> Sort:
        """The order without a ``sort``: best match with keywords, newest first without."""
        return Sort.NEWEST if self.parsed_query.is_empty else Sort.RELEVANCE

    @property
    def sort_order(self) -> Sort:
        default = self.default_sort
        chosen = Sort.parse(self.value("sort", ""), default)
        if chosen is Sort.RELEVANCE and self.parsed_query.is_empty:
            return Sort.NEWEST  # nothing to rank by
        return chosen

    @property
    def chosen_role(self) -> Role:
        """The role the official filter and facet look at (only articles tell roles apart)."""
        return Role.ANY

    @property
    def match_all(self) -> set[str]:
        """The facets (URL parameters) whose values combine with AND."""
        return set(self.value("all", []))

    def selected(self) -> dict[str, list[str]]:
        """Return the valid facet selections, by URL parameter."""
        return {facet.param: self.value(facet.param, []) for facet in self.facets}

    def facet_field(self, param: str) -> str:
        """Return the index field the facet ``param`` filters and counts under the chosen role."""
        return self.facet_named(param).field_for(self.chosen_role)

    @classmethod
    def facet_named(cls, param: str):
        """Return this form's facet definition with URL parameter ``param``."""
        return next(facet for facet in cls.facets if facet.param == param)

    def messages(self) -> list[str]:
        """Return plain-language explanations of what was ignored or changed."""
        notes = []
        if self.is_bound:
            self.is_valid()
            for name, errors in self.errors.items():
                label = self.fields[name].label or name if name in self.fields else name
                notes.extend(f"{label}: {error} It was ignored." for error in errors)
        notes.extend(self.parsed_query.notices)
        return notes

    def filtered_queryset(self, without: str | None = None, role: Role | None = None) -> SearchQuerySet:
        """Return the SearchQuerySet of keywords, dates and facet filters, unsorted and without facets.

        ``without`` leaves out the selection of that facet (for its disjunctive
        counts); ``role`` overrides the chosen role (for the role counts).
        """
        role = role or self.chosen_role
        sqs = SearchQuerySet().models(self.model)
        parsed = self.parsed_query
        if not parsed.is_empty:
            sqs = sqs.filter(content=Raw(parsed.canonical))
        date_from, date_to = self.value("date_from"), self.value("date_to")
        if date_from:
            sqs = sqs.narrow(sqs.query.build_query_fragment("date", "gte", _day(date_from)))
        if date_to:
            sqs = sqs.narrow(sqs.query.build_query_fragment("date", "lte", _day(date_to)))
        for facet in self.facets:
            keys = self.value(facet.param, [])
            if keys and facet.param != without:
                sqs = facet.narrow_in(self, sqs, keys, role, without)
        return sqs

    def search_queryset(self) -> SearchQuerySet:
        """Return the SearchQuerySet for this request: keywords, dates, facet filters, sort, and
        the counts of every facet and of months (for the hits-over-time chart)."""
        sqs = self.filtered_queryset()
        for facet in self.facets:
            sqs = sqs.facet(facet.field_for(self.chosen_role))
        sqs = sqs.facet(MONTH_FIELD)
        order = self.sort_order.order_by
        return sqs.order_by(*order) if order else sqs

    def facet_count_querysets(self) -> dict[str, SearchQuerySet]:
        """Return, for each OR-combined facet with a selection, the query counting its values
        with its own selection removed (disjunctive counts), by URL parameter."""
        queries = {}
        for facet in self.facets:
            if facet.param in self.value_count_querysets():
                continue  # counted value by value instead
            if self.value(facet.param, []) and facet.param not in self.match_all:
                queries[facet.param] = self.filtered_queryset(without=facet.param).facet(
                    facet.field_for(self.chosen_role)
                )
        return queries

    def value_count_querysets(self) -> dict[str, dict[str, SearchQuerySet]]:
        """Return, for each facet the engine's field counts cannot count here (a sector read with the
        chosen countries), one count query per value, by URL parameter then value."""
        if not hasattr(self, "_value_counts"):
            self._value_counts = {}
            for facet in self.facets:
                queries = facet.value_count_querysets(self)
                if queries is not None:
                    self._value_counts[facet.param] = queries
        return self._value_counts

    def role_count_querysets(self) -> dict[Role, SearchQuerySet]:
        """Return the query per official role for the role counts; none where roles do not apply."""
        return {}


class ArticleSearchForm(SearchForm):
    """The article search: ``country`` (named in the text), ``participant_country`` (the
    country a participant represents), ``official`` with its ``role``, ``office`` and ``sector``
    (offices the participants held on the article's date), ``source``, ``year``."""

    model = Article
    facets = facet_definitions.ARTICLE_FACETS

    # Each facet's parameter is validated by its definition (query/facets.py).
    country = facet_definitions.COUNTRY.form_field()
    participant_country = facet_definitions.PARTICIPANT_COUNTRY.form_field()
    official = facet_definitions.OFFICIAL.form_field()
    office = facet_definitions.OFFICE.form_field()
    sector = facet_definitions.SECTOR.form_field()
    source = facet_definitions.SOURCE.form_field()
    year = facet_definitions.YEAR_FACET.form_field()
    role = forms.CharField(required=False, label="Role")
    all = match_all_field(facets)

    def clean_role(self):
        role = Role.parse(self.cleaned_data.get("role"))
        if role is None:
            raise forms.ValidationError("Choose participant or mentioned.")
        return role

    @property
    def chosen_role(self) -> Role:
        """The role the official filter and facet look at (``ANY`` unless validly chosen)."""
        return self.value("role", Role.ANY)

    def role_count_querysets(self) -> dict[Role, SearchQuerySet]:
        """Return, when officials are selected, the query for each role whose count says how many
        articles the selection matches in that role; empty otherwise (the role filters nothing)."""
        if not self.value("official", []):
            return {}
        return {role: self.filtered_queryset(role=role) for role in Role}


class MeetingSearchForm(SearchForm):
    """The meeting search: participants' countries (``all=country`` for "between"), officials,
    offices and sectors held on the meeting's date, sides, mode, place, year, agreement signed,
    independent outlets, corroboration (single, several, disputed), review state."""

    model = Meeting
    facets = facet_definitions.MEETING_FACETS
    date_label = "Met"

    country = facet_definitions.MEETING_COUNTRY.form_field()
    official = facet_definitions.MEETING_OFFICIAL.form_field()
    office = facet_definitions.MEETING_OFFICE.form_field()
    sector = facet_definitions.MEETING_SECTOR.form_field()
    side = facet_definitions.SIDE.form_field()
    mode = facet_definitions.MODE.form_field()
    place = facet_definitions.PLACE.form_field()
    year = facet_definitions.YEAR_FACET.form_field()
    agreement = facet_definitions.AGREEMENT.form_field()
    outlets = facet_definitions.OUTLETS.form_field()
    corroboration = facet_definitions.CORROBORATION.form_field()
    review = facet_definitions.REVIEW.form_field()
    all = match_all_field(facets)


class AgreementSearchForm(SearchForm):
    """The agreements tracker: keywords over the title as reported and the sentence, ``kind``, ``party``
    (countries named as parties), ``year`` and ``sector`` (of an office a signatory held on the meeting's
    date, read with the chosen parties); the dates are the meeting's."""

    model = Agreement
    facets = agreement_facets.AGREEMENT_FACETS
    date_label = "Signed"

    kind = agreement_facets.KIND.form_field()
    party = agreement_facets.PARTY.form_field()
    year = facet_definitions.YEAR_FACET.form_field()
    sector = agreement_facets.SIGNATORY_SECTOR.form_field()
    all = match_all_field(facets)


def _facets_before_sort(form_class) -> None:
    """Order the parameters as users read them: keywords, dates, facets, then sort and the rest."""
    fields = form_class.base_fields
    first = ["q", "date_from", "date_to", *(facet.param for facet in form_class.facets), "sort"]
    form_class.base_fields = {name: fields[name] for name in [*first, *(n for n in fields if n not in first)]}


_facets_before_sort(ArticleSearchForm)
_facets_before_sort(MeetingSearchForm)
_facets_before_sort(AgreementSearchForm)


def _in_range(value: datetime.date | None) -> datetime.date | None:
    if value and not MIN_DATE <= value <= MAX_DATE:
        raise forms.ValidationError(f"Dates run from {MIN_DATE:%Y-%m-%d} to {MAX_DATE:%Y-%m-%d}.")
    return value


def _day(value: datetime.date) -> datetime.date:
    """Dates stay calendar dates: never aware datetimes, which backends shift by their UTC offset."""
    return datetime.date(value.year, value.month, value.day)
