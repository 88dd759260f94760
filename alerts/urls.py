from django.urls import path

from alerts import feeds, views

app_name = "alerts"

urlpatterns = [
    path("", views.my_searches, name="list"),
    path("new/<str:kind>/", views.new_search, name="new"),
    path("<int:pk>/", views.edit_search, name="edit"),
    path("<int:pk>/open/", views.open_search, name="open"),
    path("<int:pk>/delete/", views.delete_search, name="delete"),
    path("<int:pk>/feed-address/", views.rotate_feed, name="rotate"),
    path("feed/<str:token>.atom", feeds.saved_feed, name="feed"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
