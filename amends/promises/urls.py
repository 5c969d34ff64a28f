from django.urls import path

from . import views

app_name = "promises"
urlpatterns = [
    path("c/<str:reference>/add/", views.promise_add, name="add"),
    path("c/<str:reference>/respond/", views.response_send, name="respond"),
    path("c/<str:reference>/suggest/", views.suggest, name="suggest"),
    path("<int:pk>/keep/", views.promise_keep, name="keep"),
    path("<int:pk>/release/", views.promise_release, name="release"),
    path("<int:pk>/no-answer/", views.callback_missed, name="no_answer"),
]
