"""The triage panel on the desk's complaint page, so the desk view needs no change."""

from typing import Any

from django import template

from amends.accounts.models import User
from amends.complaints.models import Complaint

from ..selectors import triage_panel_for_user

register = template.Library()


@register.inclusion_tag("triage/_panel_body.html", takes_context=True)
def triage_panel(context: template.Context, complaint: Complaint) -> dict[str, Any]:
    """Triage's reading of ``complaint`` for the signed-in user (the page already checked access)."""
    user = context["request"].user
    panel = triage_panel_for_user(user=user, complaint=complaint) if isinstance(user, User) else None
    return {"panel": panel, "complaint": complaint, "csrf_token": context.get("csrf_token")}


@register.filter
def percent(value: float | None) -> str:
    return "" if value is None else f"{round(value * 100)}%"
