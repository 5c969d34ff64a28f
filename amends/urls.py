from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from amends.api.api import api
from amends.core.views import health

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="intake:complaint_form", permanent=False)),
    path("complain/", include("amends.intake.urls")),
    # Near the top: Django tries the patterns in order, and the API is called far more often
    # than the pages listed after it (16 failed tries had cost an API request about 40 us).
    path("api/v1/", api.urls),
    path("track/", include("amends.portal.urls")),
    path("desk/promises/", include("amends.promises.urls")),
    path("feedback/", include("amends.surveys.urls")),
    path("desk/", include("amends.desk.urls")),
    path("coach/", include("amends.coaching.urls")),
    path("remedies/", include("amends.remedies.urls")),
    path("reviews/", include("amends.reviews.urls")),
    path("insights/", include("amends.insights.urls")),
    path("triage/", include("amends.triage.urls")),
    path("desk/incidents/", include("amends.incidents.urls")),
    path("notices/", include("amends.incidents.public_urls")),
    path("mail/", include("amends.mail.urls")),
    path("accounts/", include("amends.accounts.urls")),
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
]

admin.site.site_header = "Amends settings"
admin.site.site_title = "Amends"
