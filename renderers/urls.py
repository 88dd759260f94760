from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path

from renderers import api, exports, feeds, opensearch, page, suggest
from renderers.sitemaps import SITEMAPS

app_name = "search"

urlpatterns = [
    path("search/", page.search_page, name="search"),
    path("meetings/", page.meeting_search_page, name="meetings"),
    path("meetings/export.csv", exports.export_meetings_csv, name="meetings_export_csv"),
    path("meetings/export.jsonl", exports.export_meetings_jsonl, name="meetings_export_jsonl"),
    path("meetings/export.plover.jsonl", exports.export_meetings_plover, name="meetings_export_plover"),
    path("meetings/feed.atom", feeds.MeetingSearchFeed(), name="meetings_feed"),
    path("agreements/", page.agreement_search_page, name="agreements"),
    path("agreements/export.csv", exports.export_agreements_csv, name="agreements_export_csv"),
    path("agreements/export.jsonl", exports.export_agreements_jsonl, name="agreements_export_jsonl"),
    path("agreements/feed.atom", feeds.AgreementSearchFeed(), name="agreements_feed"),
    # Machine formats of the same searches.
    path("api/search", api.api_search, name="api_search"),
    # [\s\S], not <path:>: a path converter's "." stops at a newline and the answer would be HTML.
    re_path(r"^api/articles/(?P<pk>[\s\S]+)\Z", api.api_article, name="api_article"),
    path("api/meetings", api.api_meetings, name="api_meetings"),
    re_path(r"^api/meetings/(?P<pk>[\s\S]+)\Z", api.api_meeting, name="api_meeting"),
    path("api/agreements", api.api_agreements, name="api_agreements"),
    path("api/schema", api.api_schema, name="api_schema"),
    path("api/suggest", suggest.api_suggest, name="api_suggest"),
    re_path(r"^api/(?P<rest>[\s\S]*)\Z", api.api_not_found),
    path("search/export.csv", exports.export_csv, name="export_csv"),
    path("search/export.jsonl", exports.export_jsonl, name="export_jsonl"),
    path("search/feed.atom", feeds.ArticleSearchFeed(), name="feed"),
    path("officials/<slug:slug>/feed.atom", feeds.OfficialFeed(), name="official_feed"),
    path("countries/<str:code>/feed.atom", feeds.CountryFeed(), name="country_feed"),
    path("opensearch.xml", opensearch.opensearch_description, name="opensearch"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "search:sitemap"}),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
