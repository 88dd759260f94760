"""The meetings desk: proposals to confirm or reject, one by one or in bulk; merge, split, detach.

Curation steps live in meetings/curation.py; this module wires them to the admin and
records each one in the meeting's history (Django's admin log). The article change
page gains the meetings proposed from the article, with their supporting sentences.
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from archive.admin import ArticleAdmin
from archive.admin_changelist import EstimatedCountPaginator
from archive.admin_filters import DateRangeFilter
from meetings import curation
from meetings.admin_changelist import SEARCH_HELP, ParticipantCountryFilter, ReportCount, search_meetings
from meetings.models import Agreement, Meeting, MeetingParticipant, MeetingReport, Review


class ParticipantInline(admin.TabularInline):
    model = MeetingParticipant
    extra = 0
    fields = ["person", "name", "suggestion", "country", "side", "head_of_delegation", "title"]
    autocomplete_fields = ["person", "country"]
    raw_id_fields = ["suggestion"]


class AgreementInline(admin.StackedInline):
    model = Agreement
    extra = 0
    fields = ["kind", "title", "parties", "article", "sentence"]
    autocomplete_fields = ["parties", "article"]


class ReportInline(admin.TabularInline):
    """The articles that report the meeting; deleting a row detaches that report."""

    model = MeetingReport
    extra = 0
    fields = ["article", "relation", "asserted_date", "asserted_city", "quoted", "proposed"]
    readonly_fields = ["quoted"]
    autocomplete_fields = ["article"]

    @admin.display(description="sentences")
    def quoted(self, report):
        if not report.pk:
            return ""
        return format_html_join("", "<blockquote>{}</blockquote>", ((s,) for s in report.sentences()))


class OutletCountFilter(admin.SimpleListFilter):
    title = "independent outlets"
    parameter_name = "outlets"

    def lookups(self, request, model_admin):
        return [("1", "one outlet only"), ("2", "two or more")]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(independent_outlets__lte=1)
        if self.value() == "2":
            return queryset.filter(independent_outlets__gte=2)
        return queryset


class KeepForm(forms.Form):
    keep = forms.IntegerField()


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["start", "who", "place", "mode", "review_badge", "independent_outlets", "report_count"]
    list_display_links = ["start", "who"]
    list_filter = ["review", "mode", "status", ParticipantCountryFilter, OutletCountFilter, ("start", DateRangeFilter)]
    # The list must answer in well under 2 s at 100,000 articles: see meetings/admin_changelist.py.
    search_fields = ["city"]  # shows the search box; get_search_results says what is searched
    search_help_text = SEARCH_HELP
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    inlines = [ParticipantInline, AgreementInline, ReportInline]
    autocomplete_fields = ["place_country"]
    readonly_fields = ["review_badge", "independent_outlets", "merged_into"]
    actions = ["confirm_meetings", "reject_meetings", "merge_meetings"]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["review_badge", "status", "mode", "format", "protocol_level"]}),
        ("When", {"fields": [("start", "start_precision"), ("end", "end_precision"), "date_from_publication"]}),
        ("Where", {"fields": ["city", "venue", "place_country", "sidelines_of"]}),
        ("Corroboration", {"fields": ["independent_outlets", "merged_into"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("place_country")
            .prefetch_related(
                Prefetch("participants", queryset=MeetingParticipant.objects.select_related("person", "country"))
            )
            .annotate(report_total=ReportCount())
        )

    def get_search_results(self, request, queryset, search_term):
        return search_meetings(queryset, search_term), False

    @admin.display(description="participants")
    def who(self, meeting):
        return ", ".join(p.display_name for p in meeting.participants.all()) or "—"

    @admin.display(description="place", ordering="city")
    def place(self, meeting):
        return meeting.place_label

    @admin.display(description="review", ordering="review")
    def review_badge(self, meeting):
        css = "reviewed" if meeting.review == Review.REVIEWED else "proposed"
        return format_html('<span class="badge {}">{}</span>', css, meeting.get_review_display())

    @admin.display(description="reports", ordering="report_total")
    def report_count(self, meeting):
        return meeting.report_total

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.refresh_outlets()

    # Actions ---------------------------------------------------------------------

    @admin.action(description="Confirm selected proposals (reviewed)", permissions=["change"])
    def confirm_meetings(self, request, queryset):
        meetings = list(queryset)
        done = curation.confirm(meetings)
        for meeting in meetings:
            self.log_change(request, meeting, "Confirmed the proposal: reviewed by a curator.")
        self.message_user(request, f"Confirmed {done} meeting(s).", messages.SUCCESS)

    @admin.action(description="Reject selected proposals", permissions=["change"])
    def reject_meetings(self, request, queryset):
        meetings = list(queryset)
        done = curation.reject(meetings)
        for meeting in meetings:
            self.log_change(request, meeting, "Rejected the proposal.")
        self.message_user(request, f"Rejected {done} proposal(s); they are kept, never shown.", messages.SUCCESS)

    @admin.action(description="Merge selected meetings…", permissions=["change"])
    def merge_meetings(self, request, queryset):
        """Show a confirmation page; on confirmation merge every selected meeting into the chosen one."""
        meetings = list(queryset.annotate(report_sum=Count("reports")).prefetch_related("participants__person"))
        if len(meetings) < 2:
            self.message_user(request, "Select at least two meetings to merge.", messages.WARNING)
            return None
        keep = next((m for m in meetings if str(m.pk) == request.POST.get("keep")), None)
        if request.POST.get("confirm") == "yes" and keep is not None:
            try:
                report = curation.merge(keep, [m for m in meetings if m.pk != keep.pk])
            except curation.MeetingCurationError as error:
                self.message_user(request, str(error), messages.ERROR)
                return None
            message = (
                f"Merged meetings {', '.join(map(str, report.merged))} into this one: {report.reports_moved} reports, "
                f"{report.participants_moved} participants and {report.agreements_moved} agreements moved."
            )
            self.log_change(request, report.kept, message)
            for pk in report.merged:
                self.log_change(request, Meeting.objects.get(pk=pk), f"Merged into meeting {report.kept.pk}.")
            self.message_user(request, message, messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge meetings",
            "opts": self.model._meta,
            "meetings": meetings,
            # Keep the reviewed one, else the best reported one: the poorer record goes into it.
            "keep": keep or max(meetings, key=lambda m: (m.review == Review.REVIEWED, m.report_sum, -m.pk)),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/meetings/meeting/merge_confirmation.html", context)

    # Split ---------------------------------------------------------------------

    def get_urls(self):
        split = self.admin_site.admin_view(self.split_view)
        return [path("<int:pk>/split/", split, name="meetings_meeting_split"), *super().get_urls()]

    def split_view(self, request, pk):
        """Choose reports of one meeting and move them to a new proposed meeting."""
        meeting = get_object_or_404(Meeting.objects.prefetch_related("reports__article__source"), pk=pk)
        if not self.has_change_permission(request, meeting):
            return redirect(reverse("admin:meetings_meeting_change", args=[pk]))
        if request.method == "POST":
            chosen = [r for r in meeting.reports.all() if str(r.pk) in request.POST.getlist("report")]
            try:
                new = curation.split(meeting, chosen)
            except curation.MeetingCurationError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.log_change(request, meeting, f"Split {len(chosen)} report(s) off into meeting {new.pk}.")
                self.log_addition(request, new, f"Split off meeting {meeting.pk}.")
                self.message_user(request, f"Split off as meeting {new.pk}, proposed for review.", messages.SUCCESS)
                return redirect(reverse("admin:meetings_meeting_change", args=[new.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Split meeting {meeting.pk}",
            "opts": self.model._meta,
            "meeting": meeting,
            "reports": meeting.reports.all(),
        }
        return TemplateResponse(request, "admin/meetings/meeting/split.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = {**(extra_context or {}), "split_url": reverse("admin:meetings_meeting_split", args=[object_id])}
        return super().change_view(request, object_id, form_url, extra_context=extra)


class ArticleMeetingsInline(admin.TabularInline):
    """On an article: the meetings proposed (or curated) from it, with the sentences that say so."""

    model = MeetingReport
    fk_name = "article"
    extra = 0
    can_delete = False
    fields = ["meeting_link", "review", "relation", "quoted"]
    readonly_fields = ["meeting_link", "review", "relation", "quoted"]
    verbose_name = "meeting reported"
    verbose_name_plural = "meetings reported (proposals say so until a curator confirms them)"

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="meeting")
    def meeting_link(self, report):
        url = reverse("admin:meetings_meeting_change", args=[report.meeting_id])
        return format_html('<a href="{}">{}</a>', url, report.meeting)

    @admin.display(description="review")
    def review(self, report):
        return report.meeting.get_review_display()

    @admin.display(description="sentences")
    def quoted(self, report):
        return format_html_join("", "<blockquote>{}</blockquote>", ((s,) for s in report.sentences()))


# The article desk lives in archive/admin.py, below this app: the inline is added from here.
ArticleAdmin.inlines = [*ArticleAdmin.inlines, ArticleMeetingsInline]
