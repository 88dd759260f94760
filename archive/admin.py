"""The curation desk: every model, with search and list filters."""

from django.contrib import admin
from django.urls import path

from archive.admin_import import import_view
from archive.models import Article, Country, Participation, Person, PersonAlias, Source


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "official_name"]
    search_fields = ["name", "code", "official_name"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "homepage", "country"]
    search_fields = ["name", "slug"]
    list_filter = ["country"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 1


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "country"]
    search_fields = ["name", "slug", "aliases__name"]
    list_filter = ["country"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]
    inlines = [PersonAliasInline]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 1
    autocomplete_fields = ["person"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "published_on", "source", "status", "title_is_derived"]
    list_filter = ["status", "source", "countries", "published_on"]
    search_fields = ["title", "body", "participations__person__name"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["source", "countries"]
    readonly_fields = ["fingerprint", "raw_text", "origin", "created_at", "updated_at"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ParticipationInline]

    def get_urls(self):
        """Add the import page (archive/admin_import.py) before the article URLs."""
        view = self.admin_site.admin_view(lambda request: import_view(request, self))
        return [path("import/", view, name="archive_article_import"), *super().get_urls()]

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
