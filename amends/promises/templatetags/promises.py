from typing import Any

from django import template

from amends.accounts.models import User
from amends.complaints.models import Complaint

from ..panel import panel_context

register = template.Library()


@register.inclusion_tag("promises/_panel.html", takes_context=True)
def promises_panel(context: template.Context, complaint: Complaint) -> dict[str, Any]:
    """The promises panel of the desk's complaint page, with its forms."""
    user = context["request"].user
    assert isinstance(user, User)
    return {
        **panel_context(complaint, user),
        "csrf_token": context.get("csrf_token"),
        "request": context["request"],
    }
