from typing import Any

from django import template

from amends.accounts.models import User
from amends.complaints.models import Complaint

from ..panel import panel_context

register = template.Library()


@register.inclusion_tag("reviews/_panel_body.html", takes_context=True)
def review_panel(context: template.Context, complaint: Complaint) -> dict[str, Any]:
    """The blameless review panel for the signed-in user on the desk's complaint page."""
    request = context["request"]
    user = request.user
    assert isinstance(user, User)
    data = panel_context(user, complaint)
    data["csrf_token"] = context.get("csrf_token")
    data["request"] = request
    return data
