from django.contrib import admin

from .models import Category, Complaint, ContactPoint, Customer, Event, Message, Submission


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin[Category]):
    list_display = ("name", "team", "is_active")
    prepopulated_fields = {"slug": ("name",)}


class ContactPointInline(admin.TabularInline[ContactPoint, Customer]):
    model = ContactPoint
    extra = 0


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin[Customer]):
    list_display = ("name", "organisation", "preferred_contact_method", "created_at")
    search_fields = ("name", "contact_points__value")
    inlines = [ContactPointInline]


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin[Complaint]):
    """Read-mostly: changes to a complaint's journey go through the desk, so they reach the timeline."""

    list_display = ("reference", "summary", "state", "severity", "team", "assignee", "received_at")
    list_filter = ("state", "severity", "channel", "team")
    search_fields = ("reference",)
    raw_id_fields = ("customer", "merged_into", "assignee")
    readonly_fields = [f.name for f in Complaint._meta.fields if f.name not in {"category", "team"}]
    show_full_result_count = False


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin[Message]):
    list_display = ("complaint", "direction", "channel", "delivery", "created_at")
    list_filter = ("direction", "channel", "delivery")
    raw_id_fields = ("complaint", "author")
    show_full_result_count = False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Event)
class EventAdmin(admin.ModelAdmin[Event]):
    list_display = ("complaint", "kind", "actor", "actor_label", "created_at")
    list_filter = ("kind",)
    raw_id_fields = ("complaint", "actor", "message")
    show_full_result_count = False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin[Submission]):
    """Complaints as taken in, before and after filing; one that could not be filed shows why."""

    list_display = ("reference", "channel", "received_at", "filed_at", "problem")
    list_filter = ("channel",)
    search_fields = ("reference",)
    readonly_fields = [f.name for f in Submission._meta.fields]
