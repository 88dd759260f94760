from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from ops.health import healthz

# The admin is the curators' desk: named so in every page's header and title.
admin.site.site_header = "Parley curation"
admin.site.site_title = "Parley curation"
admin.site.index_title = "Curation desk"
# Without the sidebar of every model, a list has the width of the screen less its filters: the
# article list's columns fit at 1,280 px. The home page and the breadcrumbs lead everywhere.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="search:search", permanent=False)),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("renderers.urls")),
    path("", include("records.urls")),
    path("", include("relations.urls")),
    path("accounts/", include("alerts.accounts")),
    path("my/searches/", include("alerts.urls")),
]
