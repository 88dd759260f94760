"""The review of revisions: new text an import found for curated articles, shown as a diff,
accepted or rejected by a curator (archive/curation.py does the work)."""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from archive import curation
from archive.admin_filters import SuggestionStatusFilter
from archive.diffs import body_diff, changes_table
from archive.models import Article, ArticleRevision


class RevisionStatusFilter(SuggestionStatusFilter):
    """Revision status, showing the ones waiting for review unless asked otherwise."""

    def lookups(self, request, model_admin):
        return [*ArticleRevision.Status.choices, ("all", "All")]


class RevisionForm(forms.ModelForm):
    """A revision with the curator's decision about it."""

    DECISIONS = [
        ("", "Decide later"),
        ("accept", "Accept: the article takes the revision's text, date, outlet and byline"),
        ("reject", "Reject: the article stays as it is"),
    ]
    decision = forms.ChoiceField(choices=DECISIONS, required=False, widget=forms.RadioSelect)

    class Meta:
        model = ArticleRevision
        fields = ["decision"]

    def clean(self):
        data = super().clean()
        revision = self.instance
        if data.get("decision") and not revision.is_pending:
            raise forms.ValidationError("This revision was already decided.")
        if data.get("decision") == "accept":
            twin = Article.objects.filter(fingerprint=revision.fingerprint).exclude(pk=revision.article_id).first()
            if twin is not None:
                raise forms.ValidationError(f"Another article already has this text: “{twin.title}”.")
        return data


@admin.register(ArticleRevision)
class ArticleRevisionAdmin(admin.ModelAdmin):
    form = RevisionForm
    list_display = ["title", "article_link", "published_on", "status", "created_at", "origin"]
    list_filter = [RevisionStatusFilter]
    list_select_related = ["article"]
    search_fields = ["title", "article__title"]
    readonly_fields = [
        "article_link",
        "status",
        "origin",
        "import_job_link",
        "created_at",
        "decided_at",
        "decided_by",
        "changes",
        "text_diff",
    ]
    fields = [*readonly_fields, "decision"]
    actions = ["accept_selected", "reject_selected"]

    class Media:
        css = {"all": ["css/admin-revisions.css"]}

    def has_add_permission(self, request):
        return False  # revisions come from the import

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "article__source", "source", "decided_by")

    @admin.display(description="article")
    def article_link(self, revision):
        url = reverse("admin:archive_article_change", args=[revision.article_id])
        return format_html(
            '<a href="{}">{}</a> ({})', url, revision.article.title, revision.article.get_status_display()
        )

    @admin.display(description="import")
    def import_job_link(self, revision):
        if revision.import_job_id is None:
            return "—"
        url = reverse("admin:archive_article_import_job", args=[revision.import_job_id])
        return format_html('<a href="{}">Import {}</a>', url, revision.import_job_id)

    @admin.display(description="what changes")
    def changes(self, revision):
        return changes_table(revision.article, revision)

    @admin.display(description="text (removed, added)")
    def text_diff(self, revision):
        return format_html('<div class="revision-diff">{}</div>', body_diff(revision.article.body, revision.body))

    def save_model(self, request, obj, form, change):
        decision = form.cleaned_data.get("decision")
        try:
            if decision == "accept":
                article = curation.accept_revision(obj, request.user)
                form.change_message = f"Accepted: “{article.title}” now has this text."
            elif decision == "reject":
                curation.reject_revision(obj, request.user)
                form.change_message = "Rejected; the article was not changed."
        except curation.CurationError as error:
            form.change_message = ""
            self.message_user(request, str(error), messages.ERROR)
        # "Decide later": nothing to save.

    def construct_change_message(self, request, form, formsets, add=False):
        return getattr(form, "change_message", None) or super().construct_change_message(request, form, formsets, add)

    def _decide_each(self, request, queryset, step, description):
        done = 0
        for revision in queryset.select_related("article"):
            try:
                step(revision, request.user)
            except curation.CurationError as error:
                self.message_user(request, str(error), messages.WARNING)
                continue
            self.log_change(request, revision, description)
            done += 1
        self.message_user(request, f"{description.rstrip('.')}: {done} revisions.")

    @admin.action(description="Accept selected revisions", permissions=["change"])
    def accept_selected(self, request, queryset):
        self._decide_each(request, queryset, curation.accept_revision, "Accepted.")

    @admin.action(description="Reject selected revisions", permissions=["change"])
    def reject_selected(self, request, queryset):
        self._decide_each(request, queryset, curation.reject_revision, "Rejected.")


class RevisionInline(admin.TabularInline):
    """The revisions imports brought for this article; review each on its own page (with the diff)."""

    model = ArticleRevision
    extra = 0
    max_num = 0
    can_delete = False
    fields = ["created_at", "title", "published_on", "status", "origin"]
    readonly_fields = fields
    show_change_link = True
    verbose_name_plural = "revisions from imports (review each on its page)"
