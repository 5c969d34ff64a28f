from django.contrib import admin
from django.http import HttpRequest

from .models import PolicyArea, Proposal, Review


@admin.register(PolicyArea)
class PolicyAreaAdmin(admin.ModelAdmin[PolicyArea]):
    list_display = ("name", "owner", "is_active")
    list_filter = ("is_active",)
    filter_horizontal = ("categories",)
    search_fields = ("name", "owner__username", "owner__first_name", "owner__last_name")


class _ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    """Reviews and proposals change only through their services, so the timeline tells it all."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Review)
class ReviewAdmin(_ReadOnly):
    list_display = ("complaint", "root_cause", "created_at")
    list_filter = ("root_cause",)
    list_select_related = ("complaint",)
    raw_id_fields = ("complaint",)


@admin.register(Proposal)
class ProposalAdmin(_ReadOnly):
    list_display = ("title", "area", "owner", "state", "created_at", "changed_on")
    list_filter = ("state", "area")
    list_select_related = ("area", "owner")
    raw_id_fields = ("complaint", "review")
