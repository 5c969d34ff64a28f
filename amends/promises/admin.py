from django.contrib import admin

from .models import Promise


@admin.register(Promise)
class PromiseAdmin(admin.ModelAdmin[Promise]):
    list_display = ("complaint", "kind", "due_at", "target_at", "state", "settled_at")
    list_filter = ("kind", "state")
    raw_id_fields = ("complaint", "created_by")
