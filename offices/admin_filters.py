"""List filters of the tenure review queue."""

from django.contrib import admin

from archive.admin_filters import PendingStatusFilter
from offices.models import TenureSuggestion

ANY = "any"


class ProposalStatusFilter(PendingStatusFilter):
    """Suggestion status, showing the proposed ones unless asked otherwise."""

    choices_of_status = TenureSuggestion.Status.choices
    waiting = TenureSuggestion.Status.PROPOSED


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
