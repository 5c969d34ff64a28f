"""Desk endpoints for reviews and the policy loop: parse, authorise through selectors, call a service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from amends.accounts.models import User
from amends.complaints.selectors import can_user_view_complaint, complaint_get_for_user
from amends.core.errors import AmendsError
from amends.core.http import HtmxHttpRequest

from . import selectors, services
from .forms import DecideForm, OutcomeForm, ReviewForm, cleaned
from .models import Proposal, ProposalState
from .panel import panel_context


def _user(request: HtmxHttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@login_required
@require_POST
def review(request: HtmxHttpRequest, reference: str) -> HttpResponse:
    """Record the review (and close a resolved complaint); a refusal shows the panel again."""
    user = _user(request)
    complaint = complaint_get_for_user(user=user, reference=reference)
    form = ReviewForm(request.POST, areas=selectors.areas_for_proposals(), auto_id="review_%s")
    try:
        services.review_record(complaint=complaint, by=user, data=form.to_input(), close=True)
    except AmendsError as exc:
        if not request.htmx:
            raise
        context = panel_context(user, complaint, form=form, error=exc.message)
        return render(request, "reviews/_panel_body.html", context, status=exc.http_status)
    messages.success(request, "Review recorded; the complaint is closed.")
    url = reverse("desk:complaint", args=[complaint.reference])
    return HttpResponse(headers={"HX-Redirect": url}) if request.htmx else redirect(url)


@login_required
@require_GET
def proposals(request: HtmxHttpRequest) -> HttpResponse:
    user = _user(request)
    mine = request.GET.get("who", "mine" if selectors.owned_category_ids(user) else "all") == "mine"
    state = request.GET.get("state", "open")
    cursor = request.GET.get("cursor", "")
    page = selectors.proposal_list_for_user(
        user=user, mine=mine, state=state, cursor=int(cursor) if cursor.isdigit() else None
    )
    query = request.GET.copy()
    query.pop("cursor", None)
    context = {
        "page": page,
        "mine": mine,
        "state": state,
        "states": [("open", "Still open"), *ProposalState.choices, ("all", "Any")],
        "query": query.urlencode(),
        "nav": "insights",
    }
    return render(request, "reviews/proposals.html", context)


def _detail(
    request: HtmxHttpRequest, proposal: Proposal, *, error: str = "", status: int = 200
) -> HttpResponse:
    user = _user(request)
    context = {
        "proposal": proposal,
        "review": proposal.review,
        "can_decide": selectors.can_user_decide_proposal(user, proposal),
        "can_see_complaint": can_user_view_complaint(user, proposal.complaint),
        "decide_form": DecideForm(request.POST if status != 200 else None),
        "outcome_form": OutcomeForm(request.POST if status != 200 else None),
        "error": error,
        "nav": "insights",
    }
    return render(request, "reviews/proposal.html", context, status=status)


@login_required
@require_GET
def proposal_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.proposal_get_for_user(user=_user(request), pk=pk))


@login_required
@require_POST
def proposal_act(request: HtmxHttpRequest, pk: int, action: str) -> HttpResponse:
    """Acknowledge, decide or record the outcome of a proposal addressed to the user."""
    user = _user(request)
    proposal = selectors.proposal_get_for_user(user=user, pk=pk)
    try:
        if action == "acknowledge":
            services.proposal_acknowledge(proposal=proposal, by=user)
        elif action == "decide":
            data = cleaned(DecideForm(request.POST))
            accept = data["decision"] == "accept"
            services.proposal_decide(proposal=proposal, by=user, accept=accept, note=data["note"])
        else:
            data = cleaned(OutcomeForm(request.POST))
            services.proposal_record_outcome(
                proposal=proposal, by=user, outcome=data["outcome"], changed_on=data["changed_on"]
            )
    except AmendsError as exc:
        return _detail(request, proposal, error=exc.message, status=exc.http_status)
    messages.success(request, "Saved.")
    return redirect("reviews:proposal", pk=proposal.pk)
