from django.urls import path

from relations import views

app_name = "relations"

urlpatterns = [
    path("relations/", views.relations_index, name="index"),
    path("relations/<str:codes>/", views.pair_page, name="pair"),
    path("relations/<str:codes>/feed.atom", views.pair_feed, name="pair_feed"),
]
