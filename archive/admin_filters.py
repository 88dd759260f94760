"""List filters of the curation desk that Django's admin does not have."""

import datetime

from django.contrib import admin, messages
from django.db.models import Count

from archive.countries import country_by_any_name
from archive.models import Country, Suggestion


class DateRangeFilter(admin.FieldListFilter):
    """A from/to date range on a date field, as a small GET form (``field__gte``, ``field__lte``)."""

    template = "admin/archive/date_range_filter.html"

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.lookup_from = f"{field_path}__gte"
        self.lookup_to = f"{field_path}__lte"
        super().__init__(field, request, params, model, model_admin, field_path)
        self.request = request
        self.title = f"{field.verbose_name} range"

    def expected_parameters(self):
        return [self.lookup_from, self.lookup_to]

    def value(self, lookup) -> str:
        values = self.used_parameters.get(lookup) or ""
        return (values[-1] if isinstance(values, list) else values).strip()

    def parsed(self, lookup) -> datetime.date | None:
        """Return the date given for ``lookup``, or ``None``; a bad date is reported and ignored."""
        raw = self.value(lookup)
        if not raw:
            return None
        try:
            return datetime.date.fromisoformat(raw)
        except ValueError:
            messages.warning(self.request, f"Date range: “{raw[:40]}” is not a date (YYYY-MM-DD); ignored.")
            return None

    def queryset(self, request, queryset):
        start, end = self.parsed(self.lookup_from), self.parsed(self.lookup_to)
        if start:
            queryset = queryset.filter(**{self.lookup_from: start})
        if end:
            queryset = queryset.filter(**{self.lookup_to: end})
        return queryset

    def has_output(self):
        return True

    def choices(self, changelist):
        # Keep the other filters, the search and the ordering; a new range starts on page 1.
        dropped = {*self.expected_parameters(), "p", "e"}
        kept = {key: values for key, values in self.request.GET.lists() if key not in dropped}
        yield {
            "from_name": self.lookup_from,
            "to_name": self.lookup_to,
            "from_value": self.value(self.lookup_from),
            "to_value": self.value(self.lookup_to),
            "hidden": [(key, value) for key, values in kept.items() for value in values],
            "clear_url": changelist.get_query_string(remove=self.expected_parameters()),
        }


class PendingSuggestionsFilter(admin.SimpleListFilter):
    """Articles with suggested officials a curator has not resolved yet: the review queue."""

    title = "suggested officials"
    parameter_name = "suggestions"

    def lookups(self, request, model_admin):
        return [("pending", "Waiting for review"), ("none", "None waiting")]

    def queryset(self, request, queryset):
        # From the suggestions' status index, not a join of every article with its suggestions.
        waiting = Suggestion.objects.filter(status=Suggestion.Status.PENDING).values("article_id")
        if self.value() == "pending":
            return queryset.filter(pk__in=waiting)
        if self.value() == "none":
            return queryset.exclude(pk__in=waiting)
        return queryset


class PendingStatusFilter(admin.SimpleListFilter):
    """A review queue's status filter: the waiting status unless another (or all) is asked for, and no
    "All" link that would mean the default. Subclasses name the status ``choices`` and the ``waiting`` one."""

    title = "status"
    parameter_name = "status"
    choices_of_status: list[tuple[str, str]] = []
    waiting = ""

    def lookups(self, request, model_admin):
        return [*self.choices_of_status, ("all", "All")]

    def value(self):
        return super().value() or self.waiting

    def queryset(self, request, queryset):
        if self.value() == "all":
            return queryset
        return queryset.filter(status=self.value())

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


class SuggestionStatusFilter(PendingStatusFilter):
    """Suggestion status, showing the pending ones unless asked otherwise."""

    choices_of_status = Suggestion.Status.choices
    waiting = Suggestion.Status.PENDING


class CountrySearchFilter(admin.SimpleListFilter):
    """Country of the listed records, chosen by typing its name or ISO code (with suggestions)
    instead of picking from a list of every country (249 links, a 6,000 px column).

    ``country=AZ``, ``country=Azerbaijan``, any other name of a country (``Turkey``, ``Iranian``:
    archive/countries.py) and ``country=none`` (no country) are understood;
    the countries with most records are offered as links. Works without JavaScript: the
    box is a plain GET form, its suggestions a ``<datalist>``.
    """

    title = "country"
    parameter_name = "country"
    template = "admin/archive/country_search_filter.html"
    field_name = "country"  # the model's foreign key to Country
    NONE = "none"
    TOP = 8

    def __init__(self, request, params, model, model_admin):
        self.request = request
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [(self.NONE, "No country")]

    def chosen(self) -> Country | None | str:
        """Return the country the parameter names, ``NONE`` for no country, or ``None`` (no filter)."""
        raw = (self.value() or "").strip()
        if not raw:
            return None
        if raw.casefold() == self.NONE:
            return self.NONE
        country = country_by_any_name(raw)
        if country is None:
            messages.warning(self.request, f"Country: no country is called “{raw[:60]}”; not filtered by country.")
        return country

    def queryset(self, request, queryset):
        chosen = self.chosen()
        if chosen == self.NONE:
            return queryset.filter(**{f"{self.field_name}__isnull": True})
        if chosen is not None:
            return queryset.filter(**{self.field_name: chosen})
        return queryset

    def choices(self, changelist):
        chosen = self.chosen()
        counts = (
            changelist.model._default_manager.exclude(**{f"{self.field_name}__isnull": True})
            .values(f"{self.field_name}__code", f"{self.field_name}__name")
            .annotate(total=Count("pk"))
            .order_by("-total", f"{self.field_name}__name")
        )
        used = [(row[f"{self.field_name}__code"], row[f"{self.field_name}__name"], row["total"]) for row in counts]
        code = chosen.code if isinstance(chosen, Country) else chosen
        top = used[: self.TOP]
        if isinstance(chosen, Country) and chosen.code not in {c for c, _, _ in top}:
            top.append(next((row for row in used if row[0] == chosen.code), (chosen.code, chosen.name, 0)))
        dropped = {self.parameter_name, "p"}
        yield {
            "parameter": self.parameter_name,
            "value": self._box_value(chosen),
            "hidden": [(k, v) for k, values in self.request.GET.lists() if k not in dropped for v in values],
            "all_url": changelist.get_query_string(remove=[self.parameter_name]),
            "all_selected": chosen is None,
            "none_url": changelist.get_query_string({self.parameter_name: self.NONE}),
            "none_selected": chosen == self.NONE,
            "top": [
                {
                    "name": name,
                    "total": total,
                    "url": changelist.get_query_string({self.parameter_name: c}),
                    "selected": c == code,
                }
                for c, name, total in top
            ],
            "options": used,
            "more": max(0, len(used) - len(top)),
        }

    def _box_value(self, chosen) -> str:
        """What the box shows: the chosen country's name, or the text typed when it names none."""
        if isinstance(chosen, Country):
            return chosen.name
        return "" if chosen == self.NONE else (self.value() or "")
