"""The one place where a search request becomes a search query.

:class:`ArticleSearchForm` validates the public parameters (``q``, ``date_from``,
``date_to``, ``country``, ``official``, ``source``, ``year``, ``sort``) and builds
the Haystack ``SearchQuerySet`` every renderer uses. It is forgiving: a bad value
is reported in ``errors`` and left out of the search, so the page still answers.
"""

import datetime
import re

from django import forms
from django.core.validators import MinValueValidator
from haystack.inputs import Raw
from haystack.query import SearchQuerySet

from archive.models import Article, Country, Person, Source
from search.query_syntax import ParsedQuery, parse_query
from search.vocabulary import FACETS, MAX_VALUES_PER_FACET, Sort

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO_CODE = re.compile(r"^[A-Z]{2}$")
YEAR = re.compile(r"^\d{4}$")
EARLIEST_DATE = datetime.date(1000, 1, 1)


class MultipleKeysField(forms.Field):
    """A repeatable parameter of stable keys, validated against a pattern and the database."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, pattern, normalise=str.strip, known=None, noun, **kwargs):
        super().__init__(required=False, **kwargs)
        self.pattern, self.normalise, self.known, self.noun = pattern, normalise, known, noun

    def to_python(self, value):
        if not value:
            return []
        values = value if isinstance(value, (list, tuple)) else [value]
        keys = list(dict.fromkeys(self.normalise(str(v)) for v in values if str(v).strip()))
        if len(keys) > MAX_VALUES_PER_FACET:
            raise forms.ValidationError(f"At most {MAX_VALUES_PER_FACET} {self.noun} values at once.")
        malformed = [k for k in keys if not self.pattern.match(k)]
        if malformed:
            raise forms.ValidationError(f"Not a valid {self.noun}: {', '.join(malformed)[:200]}.")
        if self.known is not None:
            unknown = sorted(set(keys) - self.known(keys))
            if unknown:
                raise forms.ValidationError(f"Unknown {self.noun}: {', '.join(unknown)[:200]}.")
        return keys


def _known_countries(keys):
    return set(Country.objects.filter(code__in=keys).values_list("code", flat=True))


def _known_people(keys):
    return set(Person.objects.filter(slug__in=keys).values_list("slug", flat=True))


def _known_sources(keys):
    return set(Source.objects.filter(slug__in=keys).values_list("slug", flat=True))


class ArticleSearchForm(forms.Form):
    q = forms.CharField(required=False, strip=True, label="Keywords")
    # Haystack writes a date before year 1000 with a three-digit year, which Whoosh cannot parse (a 500).
    date_from = forms.DateField(
        required=False, input_formats=["%Y-%m-%d"], label="From", validators=[MinValueValidator(EARLIEST_DATE)]
    )
    date_to = forms.DateField(
        required=False, input_formats=["%Y-%m-%d"], label="To", validators=[MinValueValidator(EARLIEST_DATE)]
    )
    country = MultipleKeysField(
        pattern=ISO_CODE, normalise=lambda v: v.strip().upper(), known=_known_countries, noun="country code"
    )
    official = MultipleKeysField(
        pattern=SLUG, normalise=lambda v: v.strip().lower(), known=_known_people, noun="official"
    )
    source = MultipleKeysField(pattern=SLUG, normalise=lambda v: v.strip().lower(), known=_known_sources, noun="source")
    year = MultipleKeysField(pattern=YEAR, noun="year")
    sort = forms.CharField(required=False)

    def __init__(self, data=None, **kwargs):
        if data is not None and hasattr(data, "getlist"):
            data = {
                name: data.getlist(name) if isinstance(field, MultipleKeysField) else data.get(name)
                for name, field in self.base_fields.items()
                if name in data
            }
        super().__init__(data, **kwargs)

    def clean_date_to(self):
        date_to = self.cleaned_data.get("date_to")
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
        if not hasattr(self, "_parsed_query"):
            self._parsed_query = parse_query(self.value("q", ""))
        return self._parsed_query

    @property
    def sort_order(self) -> Sort:
        default = Sort.NEWEST if self.parsed_query.is_empty else Sort.RELEVANCE
        chosen = Sort.parse(self.value("sort", ""), default)
        if chosen is Sort.RELEVANCE and self.parsed_query.is_empty:
            return Sort.NEWEST  # nothing to rank by
        return chosen

    def selected(self) -> dict[str, list[str]]:
        """Return the valid facet selections, by URL parameter."""
        return {spec.param: self.value(spec.param, []) for spec in FACETS}

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

    def search_queryset(self) -> SearchQuerySet:
        """Return the SearchQuerySet for this request: keywords, dates, facet filters, sort."""
        sqs = SearchQuerySet().models(Article)
        parsed = self.parsed_query
        if not parsed.is_empty:
            sqs = sqs.filter(content=Raw(parsed.canonical))
        date_from, date_to = self.value("date_from"), self.value("date_to")
        if date_from:
            sqs = sqs.narrow(sqs.query.build_query_fragment("date", "gte", _day(date_from)))
        if date_to:
            sqs = sqs.narrow(sqs.query.build_query_fragment("date", "lte", _day(date_to)))
        for spec in FACETS:
            keys = self.value(spec.param, [])
            if keys:
                sqs = sqs.narrow(sqs.query.build_query_fragment(f"{spec.field}", "in", keys))
        for spec in FACETS:
            sqs = sqs.facet(spec.field)
        order = self.sort_order.order_by
        return sqs.order_by(*order) if order else sqs


def _day(value: datetime.date) -> datetime.date:
    """Dates stay calendar dates: never aware datetimes, which backends shift by their UTC offset."""
    return datetime.date(value.year, value.month, value.day)
