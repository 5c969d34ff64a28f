from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("", views.complaint_form, name="complaint_form"),
    path("received/<str:token>/", views.complaint_received, name="complaint_received"),
]
