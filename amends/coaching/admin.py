from django.contrib import admin

from .models import MinimumScore, Playbook, PlaybookVersion


@admin.register(MinimumScore)
class MinimumScoreAdmin(admin.ModelAdmin[MinimumScore]):
    """Where an administrator requires a coach score before a reply on a severity may be sent."""

    list_display = ("severity", "minimum", "is_active")
    list_editable = ("minimum", "is_active")


class VersionInline(admin.TabularInline[PlaybookVersion, Playbook]):
    """Versions are written and approved on the desk's playbook pages, so they read here only."""

    model = PlaybookVersion
    extra = 0
    fields = ("number", "state", "created_by", "approved_by", "approved_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Playbook)
class PlaybookAdmin(admin.ModelAdmin[Playbook]):
    list_display = ("title", "kind", "category", "question", "is_active")
    list_filter = ("kind", "is_active")
    fields = ("title", "slug", "kind", "category", "question", "is_active")
    readonly_fields = ("slug", "kind")
    inlines = [VersionInline]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
