from django.urls import include, path

from . import views
from .webhooks import webhook_urlpatterns

app_name = "mail"
urlpatterns = [
    path("", views.inbound_list, name="inbound_list"),
    path("<int:pk>/", views.inbound_detail, name="inbound"),
    path("<int:pk>/original/", views.inbound_original, name="original"),
    path("<int:pk>/retry/", views.inbound_retry, name="retry"),
    path("<int:pk>/release/", views.inbound_release, name="release"),
    path("<int:pk>/dismiss/", views.inbound_dismiss, name="dismiss"),
    path("webhooks/", include((webhook_urlpatterns(), "anymail"))),
]
