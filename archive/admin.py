"""The curation desk: articles, people (with merging), outlets and countries; the review queue of
suggested officials is in archive/admin_suggestions.py. Curation steps live in archive/curation.py;
these modules wire them to the admin and record each in the object's history."""

from django.contrib import admin, messages
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html

from archive import (
    admin_suggestions,  # noqa: F401 - registers the review queue
    curation,
)
from archive.admin_changelist import (
    SEARCH_HELP,
    ArticleChangeList,
    EstimatedCountPaginator,
    UsedRelatedFilter,
    search_articles,
)
from archive.admin_filters import CountrySearchFilter, DateRangeFilter, PendingSuggestionsFilter
from archive.admin_import import cancel_view, import_view, job_view
from archive.admin_revisions import RevisionInline
from archive.countries import countries_matching
from archive.ingest.linking import relink_article
from archive.models import Article, Country, Participation, Person, PersonAlias, Source, Suggestion
from archive.signals import articles_changed


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "official_name", "article_count"]
    search_fields = ["name", "code", "official_name"]
    search_help_text = "Any name: ISO code, name, short or former name (Turkey, Burma), long form or demonym (Iranian)."

    def get_search_results(self, request, queryset, search_term):
        """Find countries by any of their names (archive/countries.py), the autocompletes' search too."""
        if not search_term.strip():
            return queryset, False
        return queryset.filter(code__in=countries_matching(search_term)).order_by("name"), False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles", distinct=True))

    @admin.display(description="articles", ordering="article_total")
    def article_count(self, country):
        return country.article_total


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "homepage", "country", "article_count"]
    search_fields = ["name", "slug"]
    list_filter = [CountrySearchFilter]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles", distinct=True))

    @admin.display(description="articles", ordering="article_total")
    def article_count(self, source):
        return source.article_total


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 1


class PersonParticipationInline(admin.TabularInline):
    """A person's articles, with the role and title each one gives them."""

    model = Participation
    extra = 0
    fields = ["article", "role", "title"]
    autocomplete_fields = ["article"]
    verbose_name = "participation"
    verbose_name_plural = "participations"


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "country", "alias_list", "article_count"]
    search_fields = ["name", "slug", "aliases__name"]
    list_filter = [CountrySearchFilter]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]
    inlines = [PersonAliasInline, PersonParticipationInline]
    actions = ["merge_people"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(article_total=Count("participations", distinct=True))
            .prefetch_related("aliases")
        )

    @admin.display(description="aliases")
    def alias_list(self, person):
        return ", ".join(alias.name for alias in person.aliases.all())

    @admin.display(description="articles", ordering="article_total")
    def article_count(self, person):
        return person.article_total

    @admin.action(description="Merge selected people…", permissions=["change", "delete"])
    def merge_people(self, request, queryset):
        """Show a confirmation page; on confirmation merge everyone into the chosen person."""
        # Counted on a fresh query: the list's search joins aliases, which would multiply the counts
        # (a record with many aliases looked like the one with the most articles).
        people = list(
            Person.objects.filter(pk__in=queryset.values("pk"))
            .annotate(participation_total=Count("participations", distinct=True))
            .prefetch_related("aliases")
            .order_by("-participation_total", "pk")
        )
        if len(people) < 2:
            self.message_user(request, "Select at least two people to merge.", messages.WARNING)
            return None
        keep_pk = request.POST.get("keep")
        keep = next((p for p in people if str(p.pk) == keep_pk), None)
        if request.POST.get("confirm") == "yes" and keep is not None:
            others = [p for p in people if p.pk != keep.pk]
            other_descriptions = [f"{p.name} ({p.slug})" for p in others]
            # Record the deletions while the people still exist; the merge deletes them.
            self.log_deletions(request, Person.objects.filter(pk__in=[p.pk for p in others]))
            report = curation.merge_people(keep, others)
            message = (
                f"Merged {', '.join(other_descriptions)} into this person: {report.moved} participations moved, "
                f"{report.combined} combined, {report.aliases_added} aliases added."
            )
            self.log_change(request, report.kept, message)
            self.message_user(request, f"{report.kept.name}: {message}", messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge people",
            "opts": self.model._meta,
            "people": people,
            "keep": keep or people[0],  # the one with the most articles (the oldest record on a tie)
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/archive/person/merge_confirmation.html", context)


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 1
    fields = ["person", "role", "title"]
    autocomplete_fields = ["person"]


class SuggestionInline(admin.TabularInline):
    """The names the import suggests for this article; resolve them in the review queue."""

    model = Suggestion
    extra = 0
    max_num = 0
    can_delete = False
    fields = ["name", "title", "role", "status", "person"]
    readonly_fields = fields
    show_change_link = True
    verbose_name_plural = "suggested officials (resolve each in the review queue)"


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    # Short column names and values: with the filters beside it, the list fits in 1,280 px.
    list_display = [
        "title",
        "date",
        "source",
        "status",
        "participant_count",
        "country_codes",
        "derived",
        "pending_suggestions",
    ]
    list_filter = [
        "status",
        PendingSuggestionsFilter,
        ("source", UsedRelatedFilter),
        ("countries", UsedRelatedFilter),
        ("participations__person", UsedRelatedFilter),
        ("published_on", DateRangeFilter),
        "title_is_derived",
    ]
    # The list must answer in well under 2 s at 100,000 articles: see archive/admin_changelist.py.
    search_fields = ["title"]  # shows the search box; get_search_results says what is searched
    search_help_text = SEARCH_HELP
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    autocomplete_fields = ["source", "countries"]
    readonly_fields = ["fingerprint", "raw_text", "origin", "created_at", "updated_at"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ParticipationInline, SuggestionInline, RevisionInline]
    actions = ["publish", "withdraw", "relink"]

    def get_urls(self):
        """Add the import pages (archive/admin_import.py) before the article URLs."""
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(lambda request: import_view(request, self)), name="archive_article_import"),
            path(
                "import/<int:job_id>/",
                wrap(lambda request, job_id: job_view(request, job_id, self)),
                name="archive_article_import_job",
            ),
            path(
                "import/<int:job_id>/cancel/",
                wrap(lambda request, job_id: cancel_view(request, job_id, self)),
                name="archive_article_import_cancel",
            ),
            *super().get_urls(),
        ]

    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "title_is_derived",
                    "slug",
                    "status",
                    "published_on",
                    "source",
                    "byline",
                    "url",
                    "language",
                ]
            },
        ),
        ("Text", {"fields": ["body"]}),
        ("Countries", {"fields": ["countries"]}),
        (
            "Provenance",
            {"classes": ["collapse"], "fields": ["origin", "fingerprint", "raw_text", "created_at", "updated_at"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source").prefetch_related("countries")

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    def get_search_results(self, request, queryset, search_term):
        return search_articles(queryset, search_term), False

    @admin.display(description="date", ordering="published_on")
    def date(self, article):
        return article.published_on

    @admin.display(description="derived", boolean=True, ordering="title_is_derived")
    def derived(self, article):
        """Whether the headline was made from the text (and needs a look)."""
        return article.title_is_derived

    @admin.display(description="people")
    def participant_count(self, article):
        return article.participant_total

    @admin.display(description="countries")
    def country_codes(self, article):
        return " ".join(country.code for country in article.countries.all())

    @admin.display(description="suggestions")
    def pending_suggestions(self, article):
        if not article.pending_total:
            return "—"
        return format_html(
            '<span class="parley-pending" title="suggested officials to review">{} to review</span>',
            article.pending_total,
        )

    def _set_status(self, request, queryset, status, verb):
        changed = curation.set_status(queryset, status)
        for article in changed:
            self.log_change(request, article, f"{verb} (admin action).")
        self.message_user(request, f"{verb} {len(changed)} articles; {queryset.count() - len(changed)} already were.")

    @admin.action(description="Publish selected articles", permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Article.Status.PUBLISHED, "Published")

    @admin.action(description="Withdraw selected articles", permissions=["change"])
    def withdraw(self, request, queryset):
        self._set_status(request, queryset, Article.Status.WITHDRAWN, "Withdrew")

    @admin.action(description="Re-run entity linking on selected articles", permissions=["change"])
    def relink(self, request, queryset):
        done = []
        for article in queryset:
            relink_article(article)
            self.log_change(request, article, "Re-ran entity linking (admin action).")
            done.append(article.pk)
        articles_changed.send(sender=Article, article_ids=done)
        self.message_user(request, f"Re-ran entity linking on {len(done)} articles.")
