from django.contrib import admin

from .models import Survey


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin[Survey]):
    list_display = ("complaint", "kind", "state", "send_at", "sent_at", "answered_at", "score", "held")
    list_filter = ("kind", "state", "score", "held")
    raw_id_fields = ("complaint",)
    readonly_fields = (
        "sent_at",
        "reminded_at",
        "answered_at",
        "score",
        "better",
        "recommend",
        "held",
        "details",
    )
