from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("articles/<slug:slug>/", views.article_page, name="article"),
    path("officials/<slug:slug>/", views.official_page, name="official"),
    path("countries/<str:code>/", views.country_page, name="country"),
]
