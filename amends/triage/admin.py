from django.contrib import admin

from .models import CategoryModel, SuspectedIncident, SuspectedIncidentComplaint


@admin.register(CategoryModel)
class CategoryModelAdmin(admin.ModelAdmin[CategoryModel]):
    list_display = ["id", "source", "is_active", "trained_on", "note", "created_at"]
    list_filter = ["source", "is_active"]
    exclude = ["blob"]
    readonly_fields = [
        "source",
        "sha256",
        "labels",
        "trained_on",
        "labels_until_event",
        "metrics",
        "created_at",
    ]


class SuspectedIncidentComplaintInline(admin.TabularInline[SuspectedIncidentComplaint, SuspectedIncident]):
    model = SuspectedIncidentComplaint
    extra = 0
    raw_id_fields = ["complaint"]


@admin.register(SuspectedIncident)
class SuspectedIncidentAdmin(admin.ModelAdmin[SuspectedIncident]):
    list_display = ["summary", "status", "category", "first_at", "last_at"]
    list_filter = ["status"]
    inlines = [SuspectedIncidentComplaintInline]
    raw_id_fields = ["decided_by"]
