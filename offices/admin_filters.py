"""List filters of the tenure review queue."""

from django.contrib import admin

from offices.models import TenureSuggestion

ANY = "any"


class ProposalStatusFilter(admin.SimpleListFilter):
    """Suggestion status, showing the proposed ones unless asked otherwise."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*TenureSuggestion.Status.choices, ("all", "All")]

    def value(self):
        return super().value() or TenureSuggestion.Status.PROPOSED

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


class ConflictFilter(admin.SimpleListFilter):
    """Titles that contradict a recorded tenure: any, or one kind."""

    title = "conflict with a recorded tenure"
    parameter_name = "conflict"

    def lookups(self, request, model_admin):
        return [(ANY, "Any conflict"), *TenureSuggestion.Conflict.choices, ("none", "No conflict")]

    def queryset(self, request, queryset):
        value = self.value()
        if value == ANY:
            return queryset.exclude(conflict="")
        if value == "none":
            return queryset.filter(conflict="")
        if value in TenureSuggestion.Conflict.values:
            return queryset.filter(conflict=value)
        return queryset
