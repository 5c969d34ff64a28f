from typing import Any

from django import template
from django.utils.safestring import SafeString

from amends.accounts.models import User
from amends.complaints.models import Complaint

from ..links import offer_url
from ..money import format_money
from ..panel import panel_context
from ..selectors import open_offer

register = template.Library()


@register.inclusion_tag("remedies/_panel_body.html", takes_context=True)
def remedies_panel(context: template.Context, complaint: Complaint) -> dict[str, Any]:
    """The remedies panel for the signed-in user on the desk's complaint page."""
    request = context["request"]
    user = request.user
    assert isinstance(user, User)
    data = panel_context(user, complaint)
    data["csrf_token"] = context.get("csrf_token")
    data["request"] = request
    return data


@register.simple_tag
def open_offer_url(complaint: Complaint) -> str:
    """The customer's link to choose a remedy, if an offer is waiting for them; else empty."""
    offer = open_offer(complaint)
    return offer_url(offer) if offer else ""


@register.filter
def money(amount: Any, currency: str) -> str | SafeString:
    return "" if amount is None else format_money(amount, currency)
