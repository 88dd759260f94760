"""The offices desk: positions (with their tenures), tenures (with their evidence) and the
tenure review queue. Decisions are made in offices/curation.py; this module wires them to
the admin and records each in the object's history (LogEntry)."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from archive.admin import PersonAdmin
from offices import curation
from offices.admin_filters import ConflictFilter, ProposalStatusFilter
from offices.models import Position, Tenure, TenureEvidence, TenureSuggestion

_DATE_FIELDS = ["start_date", "start_precision", "end_date", "end_precision", "current", "acting", "end_cause"]


class PositionTenureInline(admin.TabularInline):
    """The holders of a position, with their dates (unknown dates stay empty)."""

    model = Tenure
    extra = 0
    fields = ["person", *_DATE_FIELDS]
    autocomplete_fields = ["person"]
    show_change_link = True


class PersonTenureInline(admin.TabularInline):
    """The offices a person held; for ``archive.admin.PersonAdmin.inlines``."""

    model = Tenure
    extra = 0
    fields = ["position", *_DATE_FIELDS]
    autocomplete_fields = ["position"]
    show_change_link = True
    verbose_name_plural = "offices held"


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["label", "role", "sector", "country", "accredited_to", "organisation", "tenure_count"]
    list_filter = ["role", "sector", ("country", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["label", "other_labels", "organisation", "slug"]
    autocomplete_fields = ["country", "accredited_to"]
    prepopulated_fields = {"slug": ["label"]}
    inlines = [PositionTenureInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("country", "accredited_to")
        return queryset.annotate(tenure_total=Count("tenures", distinct=True))

    @admin.display(description="tenures", ordering="tenure_total")
    def tenure_count(self, position):
        return position.tenure_total


class TenureEvidenceInline(admin.TabularInline):
    model = TenureEvidence
    extra = 0
    fields = ["article", "reported_title", "note"]
    autocomplete_fields = ["article"]
    verbose_name_plural = "evidence (articles that report the person in this office)"


@admin.register(Tenure)
class TenureAdmin(admin.ModelAdmin):
    list_display = ["person", "position", "start_text", "end_text", "acting", "reported_span"]
    list_filter = ["position__role", "position__sector", ("position__country", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["person__name", "person__aliases__name", "position__label"]
    autocomplete_fields = ["person", "position"]
    fields = ["person", "position", *_DATE_FIELDS, "note"]
    inlines = [TenureEvidenceInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "position").with_reports()

    @admin.display(description="start")
    def start_text(self, tenure):
        return str(tenure.start) if tenure.start else "unknown"

    @admin.display(description="end")
    def end_text(self, tenure):
        return str(tenure.end) if tenure.end else ("present" if tenure.current else "unknown")

    @admin.display(description="held")
    def reported_span(self, tenure):
        return tenure.span().describe()


class TenureSuggestionForm(forms.ModelForm):
    """A tenure suggestion with the curator's decision about it."""

    DECISIONS = [
        ("", "Decide later"),
        ("accept", "Accept as a new tenure (the person and position below, the article as evidence)"),
        ("link", "Link to the tenure chosen below (the article becomes its evidence)"),
        ("reject", "Reject"),
    ]
    decision = forms.ChoiceField(choices=DECISIONS, required=False, widget=forms.RadioSelect)

    class Meta:
        model = TenureSuggestion
        fields = ["decision", "person", "position", "tenure"]
        labels = {"tenure": "tenure to link to"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Offer the person's own tenure the title may extend (or contradicts) as the one to link to;
        # never someone else's.
        suggestion = self.instance
        own = suggestion.related_tenure_id and suggestion.conflict != TenureSuggestion.Conflict.OTHER_HOLDER
        if suggestion.is_open and not suggestion.tenure_id and own:
            self.initial["tenure"] = suggestion.related_tenure_id

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if not self.instance.is_open and decision:
            raise forms.ValidationError("This suggestion was already decided.")
        if decision == "accept":
            if not (data.get("person") or self.instance.holder()):
                self.add_error("person", "Choose the person (or resolve the suggested official first).")
            if not (data.get("position") or self.instance.position_id):
                self.add_error("position", "Choose the position (or create it first).")
        if decision == "link" and not (data.get("tenure") or self.instance.related_tenure_id):
            self.add_error("tenure", "Choose the tenure this title belongs to.")
        return data


@admin.register(TenureSuggestion)
class TenureSuggestionAdmin(admin.ModelAdmin):
    """The tenure review queue: titles no recorded tenure covers, and titles that contradict one."""

    form = TenureSuggestionForm
    list_display = ["name", "reported_title", "date", "article_link", "position", "conflict_label", "status"]
    list_filter = [ProposalStatusFilter, ConflictFilter, "role", ("country", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "reported_title", "article__title"]
    list_select_related = ["article", "position", "person"]
    readonly_fields = [
        "name",
        "reported_title",
        "date",
        "article_link",
        "rank",
        "role",
        "organisation",
        "country",
        "accredited_to",
        "conflict",
        "related_tenure_text",
        "reason",
        "status",
        "resolved_by",
        "resolved_at",
    ]
    fieldsets = [
        ("As reported", {"fields": ["name", "reported_title", "date", "article_link"]}),
        ("Read by the machine (a proposal)", {"fields": readonly_fields[4:12]}),
        ("Decision", {"fields": ["status", "resolved_by", "resolved_at", "decision", "person", "position", "tenure"]}),
    ]
    autocomplete_fields = ["person", "position", "tenure"]
    actions = ["accept_selected", "link_selected", "reject_selected"]

    def has_add_permission(self, request):
        return False  # suggestions come from the import

    @admin.display(description="article")
    def article_link(self, suggestion):
        url = reverse("admin:archive_article_change", args=[suggestion.article_id])
        return format_html('<a href="{}">{}</a>', url, suggestion.article.title)

    @admin.display(description="conflict", ordering="conflict")
    def conflict_label(self, suggestion):
        if not suggestion.conflict:
            return "—"
        return format_html('<strong class="parley-conflict">{}</strong>', suggestion.get_conflict_display())

    @admin.display(description="recorded tenure concerned")
    def related_tenure_text(self, suggestion):
        return str(suggestion.related_tenure) if suggestion.related_tenure_id else "—"

    def save_model(self, request, obj, form, change):
        decision, data = form.cleaned_data.get("decision"), form.cleaned_data
        try:
            if decision == "accept":
                tenure = curation.accept(
                    obj, person=data.get("person"), position=data.get("position"), user=request.user
                )
                form.change_message = f"Accepted as a new tenure: {tenure}."
            elif decision == "link":
                tenure = curation.link(obj, data.get("tenure"), user=request.user)
                form.change_message = f"Linked to the tenure {tenure}; the article is now its evidence."
            elif decision == "reject":
                curation.reject(obj, user=request.user)
                form.change_message = "Rejected."
        except curation.CurationError as error:
            form.change_message = ""
            self.message_user(request, str(error), messages.ERROR)
        # "Decide later": nothing to save; a chosen person, position or tenure only counts with a decision.

    def construct_change_message(self, request, form, formsets, add=False):
        return getattr(form, "change_message", None) or super().construct_change_message(request, form, formsets, add)

    def _decide_each(self, request, queryset, step, description):
        """Apply ``step`` to each suggestion; log ``description`` and what the step returned (a tenure or None)."""
        done = 0
        for suggestion in queryset.select_related("article", "name_suggestion"):
            try:
                tenure = step(suggestion)
            except curation.CurationError as error:
                self.message_user(request, str(error), messages.WARNING)
                continue
            self.log_change(request, suggestion, f"{description}{f' {tenure}' if tenure else ''} (admin action).")
            done += 1
        self.message_user(request, f"{description.rstrip(':')}: {done} suggestions.")

    @admin.action(description="Accept selected as new tenures", permissions=["change"])
    def accept_selected(self, request, queryset):
        self._decide_each(request, queryset, lambda s: curation.accept(s, user=request.user), "Accepted as a tenure:")

    @admin.action(description="Link selected to the tenure each may extend", permissions=["change"])
    def link_selected(self, request, queryset):
        self._decide_each(request, queryset, lambda s: curation.link(s, user=request.user), "Linked to the tenure:")

    @admin.action(description="Reject selected suggestions", permissions=["change"])
    def reject_selected(self, request, queryset):
        def reject(suggestion):
            curation.reject(suggestion, user=request.user)

        self._decide_each(request, queryset, reject, "Rejected")


# The people desk lives in archive/admin.py, below this app: the inline is added from here.
PersonAdmin.inlines = [*PersonAdmin.inlines, PersonTenureInline]
