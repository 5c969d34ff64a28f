"""What the remedies panel on the desk's complaint page shows, for the user looking at it."""

import uuid
from typing import Any

from django.template.loader import render_to_string

from amends.accounts.models import User
from amends.complaints.models import Complaint

from . import selectors
from .forms import AskForm, GrantForm, OfferForm, PhoneChoiceForm, ResolveForm, SoughtForm
from .links import offer_url
from .money import organisation_currency


def _ask_text(complaint: Complaint, user: User) -> str:
    context = {"customer": complaint.customer, "agent": user.display_name}
    return render_to_string("remedies/ask_phrase.txt", context).strip()


def panel_context(user: User, complaint: Complaint, *, error: str = "", notice: str = "") -> dict[str, Any]:
    """Everything the panel needs, read through selectors that take the user."""
    can_act = selectors.can_user_act_on_complaint(user, complaint)
    sought = selectors.sought_for_complaint(complaint)
    offer = selectors.open_offer(complaint)
    grants = selectors.grants_for_complaint(complaint)
    approvals = selectors.approvals_for_complaint(complaint)
    initial_sought = (
        {"kind": sought.kind.value, "amount": sought.amount or "", "currency": sought.currency}
        if sought
        else {}
    )
    return {
        "complaint": complaint,
        "can_act": can_act,
        "open_for_offers": complaint.is_open,
        "sought": sought,
        "offer": offer,
        "offer_link": offer_url(offer) if offer else "",
        "recent_offers": selectors.recent_offers(complaint),
        "grants": grants,
        "approvals": selectors.approvals_user_can_decide(user, complaint, approvals),
        "gestures": selectors.gesture_suggestions(complaint) if can_act and complaint.is_open else [],
        "spreads": selectors.fairness_for_complaint(complaint),
        "authority": selectors.authority_summary(
            user, complaint=complaint, currency=organisation_currency()
        ).words,
        "sought_form": SoughtForm(initial=initial_sought, auto_id="sought_%s"),
        "ask_form": AskForm(initial={"body": _ask_text(complaint, user)}, auto_id="ask_%s"),
        "offer_form": OfferForm(auto_id="offer_%s"),
        "phone_form": PhoneChoiceForm(initial={"offer": offer.pk}, auto_id="phone_%s") if offer else None,
        "grant_form": GrantForm(initial={"key": uuid.uuid4().hex}, auto_id="grant_%s"),
        "gesture_key": uuid.uuid4().hex,
        "resolve_form": ResolveForm(
            initial={"agreed_outcome": "; ".join(g.wording for g in grants)}, auto_id="resolve_%s"
        ),
        "error": error,
        "notice": notice,
    }
