from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from .models import ApprovalRequest, AuthorityLimit, Grant, Offer, OfferOption, Remedy
from .money import CURRENCIES


def _check_currency(value: str, *, blank: bool) -> str:
    code = value.strip().upper()
    if blank and not code:
        return ""
    if code not in CURRENCIES:
        raise forms.ValidationError(f"{value!r} is not an ISO 4217 currency code (GBP, EUR, USD...).")
    return code


class RemedyForm(forms.ModelForm[Remedy]):
    class Meta:
        model = Remedy
        fields = [
            "name",
            "kind",
            "wording",
            "position",
            "is_active",
            "default_amount",
            "max_amount",
            "currency",
            "fulfilment_steps",
            "fulfil_within_days",
            "is_gesture",
            "suggest_from_severity",
            "suggest_after_complaints",
        ]

    def clean_currency(self) -> str:
        return _check_currency(self.cleaned_data["currency"], blank=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        default, top = data.get("default_amount"), data.get("max_amount")
        if default is not None and top is not None and default > top:
            raise forms.ValidationError("The usual amount cannot be above the most it may be.")
        return data


@admin.register(Remedy)
class RemedyAdmin(admin.ModelAdmin[Remedy]):
    form = RemedyForm
    list_display = ("name", "kind", "default_amount", "max_amount", "currency", "is_gesture", "is_active")
    list_filter = ("kind", "is_gesture", "is_active")
    list_editable = ("is_active",)
    search_fields = ("name", "wording")
    fieldsets = [
        (None, {"fields": ["name", "kind", "wording", "position", "is_active"]}),
        ("Cost", {"fields": ["default_amount", "max_amount", "currency"]}),
        ("Fulfilment", {"fields": ["fulfilment_steps", "fulfil_within_days"]}),
        ("Gesture", {"fields": ["is_gesture", "suggest_from_severity", "suggest_after_complaints"]}),
    ]


class AuthorityLimitForm(forms.ModelForm[AuthorityLimit]):
    class Meta:
        model = AuthorityLimit
        fields = [
            "user",
            "team",
            "role",
            "currency",
            "per_remedy",
            "per_complaint",
            "per_customer",
            "customer_period_days",
            "monthly_budget",
            "budget_is_shared",
        ]

    def clean_currency(self) -> str:
        return _check_currency(self.cleaned_data["currency"], blank=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("user") and (data.get("team") or data.get("role")):
            raise forms.ValidationError(
                "A person's own limit names only the person; leave team and role blank."
            )
        if not data.get("user") and not data.get("role"):
            raise forms.ValidationError("Choose a person, or a role (optionally within a team).")
        for name in ("per_remedy", "per_complaint", "per_customer", "monthly_budget"):
            if data.get(name) is not None and data[name] < 0:
                self.add_error(name, "A limit cannot be negative; use 0 for 'always ask'.")
        return data


@admin.register(AuthorityLimit)
class AuthorityLimitAdmin(admin.ModelAdmin[AuthorityLimit]):
    form = AuthorityLimitForm
    list_display = (
        "__str__",
        "per_remedy",
        "per_complaint",
        "per_customer",
        "monthly_budget",
        "budget_is_shared",
    )
    list_filter = ("role", "team", "currency")
    raw_id_fields = ("user",)


class OfferOptionInline(admin.TabularInline[OfferOption, Offer]):
    model = OfferOption
    extra = 0
    can_delete = False
    readonly_fields = ("position", "remedy", "kind", "amount", "currency", "wording")

    def has_add_permission(self, request: HttpRequest, obj: Offer | None = None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    """Records written by the services only: the admin shows them, never changes them."""

    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Offer)
class OfferAdmin(ReadOnlyAdmin):
    list_display = ("complaint", "state", "created_by", "created_at", "expires_at", "responded_via")
    list_filter = ("state",)
    raw_id_fields = ("complaint", "message")
    exclude = ("nonce",)
    inlines = [OfferOptionInline]


@admin.register(ApprovalRequest)
class ApprovalRequestAdmin(ReadOnlyAdmin):
    list_display = (
        "complaint",
        "wording",
        "amount",
        "currency",
        "level",
        "state",
        "requested_by",
        "decided_by",
    )
    list_filter = ("state", "level")
    raw_id_fields = ("complaint",)
    exclude = ("nonce",)


@admin.register(Grant)
class GrantAdmin(ReadOnlyAdmin):
    list_display = ("granted_at", "complaint", "category", "kind", "amount", "currency", "authorised_by")
    list_filter = ("kind", "currency", "is_gesture", "category")
    raw_id_fields = ("complaint", "customer", "promise")
    date_hierarchy = "granted_at"
