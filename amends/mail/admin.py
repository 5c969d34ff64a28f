from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from .models import Attachment, InboundMail, Mailbox


class MailboxForm(forms.ModelForm[Mailbox]):
    class Meta:
        model = Mailbox
        fields = [
            "name",
            "host",
            "port",
            "security",
            "username",
            "password",
            "password_env",
            "folder",
            "after_ingest",
            "processed_folder",
            "is_active",
        ]
        widgets = {"password": forms.PasswordInput(render_value=True)}


@admin.register(Mailbox)
class MailboxAdmin(admin.ModelAdmin[Mailbox]):
    form = MailboxForm
    list_display = ("name", "username", "host", "folder", "is_active", "last_polled_at", "last_error")
    readonly_fields = ("uid_validity", "last_uid", "locked_until", "last_polled_at", "last_error")


class AttachmentInline(admin.TabularInline[Attachment, InboundMail]):
    model = Attachment
    extra = 0
    can_delete = False
    readonly_fields = ("filename", "content_type", "size", "sha256", "is_inline", "refused", "file")
    fields = readonly_fields


@admin.register(InboundMail)
class InboundMailAdmin(admin.ModelAdmin[InboundMail]):
    """Read-only: quarantined mail is retried, released or dismissed from the desk's mail page."""

    list_display = ("id", "received_at", "source", "from_address", "subject", "status", "outcome", "noise")
    list_filter = ("status", "outcome", "noise", "source")
    search_fields = ("msgid", "from_address", "subject", "sha256")
    raw_id_fields = ("complaint", "message", "handled_by")
    readonly_fields = [f.name for f in InboundMail._meta.fields if f.name != "raw"]
    inlines = [AttachmentInline]
    show_full_result_count = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[InboundMail]:
        return super().get_queryset(request).defer("raw")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
