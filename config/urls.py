from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from ops.health import healthz

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="search:search", permanent=False)),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("renderers.urls")),
    path("", include("records.urls")),
    path("accounts/", include("alerts.accounts")),
    path("my/searches/", include("alerts.urls")),
]
