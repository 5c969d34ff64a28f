"""Desk endpoints for remedies: thin views that parse, authorise through selectors, call a service.

Actions on a complaint answer an htmx request with a redirect to the complaint page (so the
timeline and state show the change) or, on a refusal, with the panel and the reason in place.
"""

from collections.abc import Callable
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from amends.accounts.models import User
from amends.complaints.models import Category, Complaint, State
from amends.complaints.selectors import complaint_get_for_user
from amends.complaints.services import complaint_reply, complaint_transition
from amends.core.errors import AmendsError, InvalidInput, PermissionDenied
from amends.core.http import HtmxHttpRequest

from . import selectors, services
from .forms import (
    AskForm,
    DecideForm,
    GrantForm,
    OfferForm,
    PhoneChoiceForm,
    ResolveForm,
    SoughtForm,
    cleaned,
)
from .models import ChoiceVia, Offer, RemedyKind
from .panel import panel_context

Action = Callable[[Complaint, User], str]


def _user(request: HtmxHttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _act(request: HtmxHttpRequest, reference: str, action: Action) -> HttpResponse:
    """Run ``action`` on a complaint the user may see. Success: back to the complaint page with
    the notice. Refusal: the panel with the reason (htmx), or the error page, with a 4xx status."""
    user = _user(request)
    complaint = complaint_get_for_user(user=user, reference=reference)
    try:
        notice = action(complaint, user)
    except AmendsError as exc:
        if not request.htmx:
            raise
        context = panel_context(user, complaint, error=exc.message)
        return render(request, "remedies/_panel_body.html", context, status=exc.http_status)
    messages.success(request, notice)
    url = reverse("desk:complaint", args=[complaint.reference])
    if request.htmx:
        return HttpResponse(headers={"HX-Redirect": url})
    return redirect(url)


@login_required
@require_POST
def sought(request: HtmxHttpRequest, reference: str) -> HttpResponse:
    def action(complaint: Complaint, user: User) -> str:
        data = cleaned(SoughtForm(request.POST))
        services.remedy_sought_record(
            complaint=complaint,
            by=user,
            kind=data["kind"],
            amount=data["amount"],
            currency=data["currency"],
            note=data["note"],
        )
        return "Recorded what they asked for."

    return _act(request, reference, action)


@login_required
@require_POST
def ask(request: HtmxHttpRequest, reference: str) -> HttpResponse:
    def action(complaint: Complaint, user: User) -> str:
        if not selectors.can_user_act_on_complaint(user, complaint):
            raise PermissionDenied("You cannot write to this customer: the complaint is outside your teams.")
        complaint_reply(complaint=complaint, by=user, body=cleaned(AskForm(request.POST))["body"])
        return "Asked the customer what would put it right."

    return _act(request, reference, action)


@login_required
@require_POST
def offer(request: HtmxHttpRequest, reference: str) -> HttpResponse:
    def action(complaint: Complaint, user: User) -> str:
        data = cleaned(OfferForm(request.POST))
        options = [services.OptionInput(data["remedy_1"], data["amount_1"])]
        if data["remedy_2"] is not None:
            options.append(services.OptionInput(data["remedy_2"], data["amount_2"]))
        made = services.offer_make(
            complaint=complaint, by=user, options=options, note=data["note"], by_phone=data["by_phone"]
        )
        if data["by_phone"]:
            return "Offer recorded; record their choice when they decide."
        return (
            f"Offer sent to the customer; the link works for {(made.expires_at - made.created_at).days} days."
        )

    return _act(request, reference, action)


@login_required
@require_POST
def phone_choice(request: HtmxHttpRequest, reference: str) -> HttpResponse:
    def action(complaint: Complaint, user: User) -> str:
        data = cleaned(PhoneChoiceForm(request.POST))
        offer = Offer.objects.filter(pk=data["offer"], complaint=complaint).first()
        if offer is None:
            raise InvalidInput("That offer is not on this complaint.")
        response = services.offer_respond(
            offer=offer, position=data["position"], counter=data["counter"], via=ChoiceVia.PHONE, by=user
        )
        if response.outcome is None:
            return "Recorded what they would like instead."
        return f"Recorded their choice. {response.outcome.words}"

    return _act(request, reference, action)


@login_required
@require_POST
def grant(request: HtmxHttpRequest, reference: str) -> HttpResponse:
    def action(complaint: Complaint, user: User) -> str:
        data = cleaned(GrantForm(request.POST))
        outcome = services.remedy_grant(
            by=user,
            complaint=complaint,
            remedy=data["remedy"],
            amount=data["amount"],
            wording=data["wording"],
            key=f"form:{data['key']}",
        )
        return outcome.words

    return _act(request, reference, action)


@login_required
@require_POST
def resolve(request: HtmxHttpRequest, reference: str) -> HttpResponse:
    def action(complaint: Complaint, user: User) -> str:
        if not selectors.can_user_act_on_complaint(user, complaint):
            raise PermissionDenied("You cannot resolve a complaint outside your teams.")
        data = cleaned(ResolveForm(request.POST))
        complaint_transition(
            complaint=complaint, by=user, to_state=State.RESOLVED, agreed_outcome=data["agreed_outcome"]
        )
        return "Resolved with the agreed remedy."

    return _act(request, reference, action)


@login_required
@require_GET
def approvals(request: HtmxHttpRequest) -> HttpResponse:
    user = _user(request)
    context = {
        "to_decide": selectors.approvals_to_decide(user),
        "mine": selectors.approvals_requested_by(user),
        "nav": "approvals",
    }
    return render(request, "remedies/approvals.html", context)


def _decide(request: HtmxHttpRequest, pk: int, approve: bool) -> HttpResponse:
    user = _user(request)
    approval = selectors.approval_get_for_user(user=user, pk=pk)
    reason = cleaned(DecideForm(request.POST))["reason"]
    if approve:
        decision = services.approval_approve(request=approval, by=user, reason=reason)
    else:
        decision = services.approval_decline(request=approval, by=user, reason=reason)
    messages.success(request, f"{approval.complaint.reference}: {decision.words}")
    return redirect("remedies:approvals")


@login_required
@require_POST
def approve(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, approve=True)


@login_required
@require_POST
def decline(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, approve=False)


@login_required
@require_GET
def ledger(request: HtmxHttpRequest) -> HttpResponse:
    user = _user(request)
    days = request.GET.get("days", "")
    category = request.GET.get("category", "")
    kind = request.GET.get("kind", "")
    cursor = request.GET.get("cursor", "")
    if not all(v.isdigit() for v in (days, category, cursor) if v):
        raise InvalidInput("The ledger filters must be whole numbers.")
    page = selectors.ledger_for_user(
        user=user,
        category_id=int(category) if category else None,
        kind=kind,
        since=timezone.now() - timedelta(days=int(days)) if days else None,
        cursor=int(cursor) if cursor else None,
    )
    query = request.GET.copy()
    query.pop("cursor", None)
    context = {
        "page": page,
        "categories": Category.objects.filter(is_active=True),
        "kinds": RemedyKind.choices,
        "filters": {"days": days, "category": category, "kind": kind},
        "query": query.urlencode(),
        "nav": "ledger",
    }
    return render(request, "remedies/ledger.html", context)


@login_required
@require_GET
def fairness(request: HtmxHttpRequest) -> HttpResponse:
    context = {"spreads": selectors.fairness_table(user=_user(request)), "nav": "fairness"}
    return render(request, "remedies/fairness.html", context)
