from django.urls import path

from . import views

app_name = "triage"
urlpatterns = [
    path("c/<str:reference>/correct/", views.correct, name="correct"),
]
