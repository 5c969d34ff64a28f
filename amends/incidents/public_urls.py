"""The public notice pages and their Atom feed: no sign-in, approved words only."""

from django.urls import path

from .views import notices

app_name = "notices"
urlpatterns = [
    path("", notices.public_list, name="list"),
    path("feed/", notices.NoticeFeed(), name="feed"),
    path("<int:pk>/", notices.public_detail, name="detail"),
]
