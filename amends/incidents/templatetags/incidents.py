"""The incidents panel on the desk's complaint page, so the desk view needs no change."""

from typing import Any

from django import template

from amends.accounts.models import User
from amends.complaints.models import Complaint

from ..forms import LinkForm
from ..permissions import can_user_link_complaints, can_user_manage_incidents
from ..selectors import panel_for_complaint

register = template.Library()


@register.inclusion_tag("incidents/_panel_body.html", takes_context=True)
def incidents_panel(context: template.Context, complaint: Complaint) -> dict[str, Any]:
    """Incidents of ``complaint`` for the signed-in user (the page already checked access)."""
    user = context["request"].user
    assert isinstance(user, User)
    return {
        "panel": panel_for_complaint(user=user, complaint=complaint),
        "complaint": complaint,
        "can_link": can_user_link_complaints(user),
        "can_manage": can_user_manage_incidents(user),
        "link_form": LinkForm(initial={"tell_customer": True}, auto_id="incident_%s"),
        "csrf_token": context.get("csrf_token"),
    }
