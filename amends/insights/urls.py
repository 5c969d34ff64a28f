from django.urls import path

from . import views

app_name = "insights"
urlpatterns = [
    path("", views.page, name="volume"),
    path("people/", views.people, name="people"),
    path("people/<str:username>/", views.person, name="person"),
    path("people/<str:username>/agent.csv", views.person, {"export": "csv"}, name="person_csv"),
    path("<slug:name>/", views.page, name="page"),
    path("<slug:name>/<slug:table>.csv", views.csv_export, name="csv"),
]
