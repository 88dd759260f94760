from django.urls import path

from records import directories, views

app_name = "records"

urlpatterns = [
    path("articles/<slug:slug>/", views.article_page, name="article"),
    path("officials/", directories.officials_directory, name="officials"),
    path("countries/", directories.countries_directory, name="countries"),
    path("officials/<slug:slug>/", views.official_page, name="official"),
    path("positions/<slug:slug>/", views.position_page, name="position"),
    path("countries/<str:code>/", views.country_page, name="country"),
    path("meetings/<int:pk>/", views.meeting_page, name="meeting"),
]
