"""List filters of the curation desk that Django's admin does not have."""

import datetime

from django.contrib import admin, messages

from archive.models import Suggestion


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


class SuggestionStatusFilter(admin.SimpleListFilter):
    """Suggestion status, showing the pending ones unless asked otherwise."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*Suggestion.Status.choices, ("all", "All")]

    def value(self):
        return super().value() or Suggestion.Status.PENDING

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
