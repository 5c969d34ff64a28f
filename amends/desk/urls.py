from django.urls import path

from . import views

app_name = "desk"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("c/<str:reference>/", views.complaint_detail, name="complaint"),
    path("c/<str:reference>/panel/<slug:name>/", views.complaint_panel, name="panel"),
    path("c/<str:reference>/compose/", views.complaint_compose, name="compose"),
    path("c/<str:reference>/state/", views.complaint_transition, name="transition"),
    path("c/<str:reference>/assign/", views.complaint_assign, name="assign"),
    path("c/<str:reference>/categorise/", views.complaint_categorise, name="categorise"),
    path("c/<str:reference>/merge/", views.complaint_merge, name="merge"),
]
