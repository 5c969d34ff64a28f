"""Thin desk endpoints for triage: one click to correct the category or apply the severity."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from amends.accounts.models import User
from amends.complaints.models import Category, Severity
from amends.complaints.selectors import complaint_get_for_user
from amends.core.errors import InvalidInput

from . import services


def _category(raw: str) -> Category | None:
    if raw in ("", "none"):
        return None
    category = Category.objects.filter(pk=int(raw) if raw.isdigit() else -1, is_active=True).first()
    if category is None:
        raise InvalidInput("Choose one of the categories in the list.", field="category")
    return category


@login_required
@require_POST
def correct(request: HttpRequest, reference: str) -> HttpResponse:
    """Set the category (and, if sent, the severity) a person chose from the triage panel."""
    user = request.user
    assert isinstance(user, User)
    complaint = complaint_get_for_user(user=user, reference=reference)
    severity_raw = request.POST.get("severity", "")
    if severity_raw and severity_raw not in Severity.values:
        raise InvalidInput("Choose one of the severities in the list.", field="severity")
    category = _category(request.POST["category"]) if "category" in request.POST else complaint.category
    severity = Severity(severity_raw) if severity_raw else None
    services.triage_correct(complaint=complaint, by=user, category=category, severity=severity)
    return redirect("desk:complaint", reference=complaint.reference)
