"""Pages reached by signed links, without a password: the customer's choice, an approver's decision.

Opening a link only shows; the act is a button (a POST), so a mail scanner that follows links
changes nothing.
"""

from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from amends.core.errors import AmendsError
from amends.portal.links import status_url

from . import selectors, services
from .forms import CustomerChoiceForm, DecideForm, cleaned
from .links import approval_from_token, offer_from_token
from .models import ApprovalState, ChoiceVia, Grant, OfferState
from .money import format_money


def _private(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex"
    # same-origin, not no-referrer: the link never leaks to another site, and the form posts
    # still carry an Origin that the CSRF check accepts (no-referrer makes browsers send "null").
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "no-store"
    return response


def _refused(request: HttpRequest, exc: AmendsError) -> HttpResponse:
    return _private(
        render(request, "remedies/link_refused.html", {"message": exc.message}, status=exc.http_status)
    )


@require_http_methods(["GET", "POST"])
def offer_page(request: HttpRequest, token: str) -> HttpResponse:
    """The customer's choice: one of the options, or their own words. Once."""
    try:
        offer = offer_from_token(token)
    except AmendsError as exc:
        return _refused(request, exc)
    error, status = "", 200
    if request.method == "POST":
        try:
            data = cleaned(CustomerChoiceForm(request.POST))
            services.offer_respond(
                offer=offer, position=data["position"], counter=data["counter"] or "", via=ChoiceVia.PORTAL
            )
            return redirect(request.path)
        except AmendsError as exc:
            error, status = exc.message, exc.http_status
            offer.refresh_from_db()
    if offer.state == OfferState.OPEN and offer.is_expired and not error:
        error, status = "This offer has closed. Reply to our email and we will send you a fresh choice.", 410
    grant = (
        Grant.objects.filter(option=offer.chosen).select_related("promise").first() if offer.chosen else None
    )
    context = {
        "offer": offer,
        "complaint": offer.complaint,
        "options": list(offer.options.all()),
        "grant": grant,
        "status_url": status_url(offer.complaint),
        "error": error,
        "can_choose": offer.state == OfferState.OPEN and not offer.is_expired,
    }
    return _private(render(request, "remedies/offer.html", context, status=status))


@require_http_methods(["GET", "POST"])
def approval_link(request: HttpRequest, token: str) -> HttpResponse:
    """An approver's emailed link: the case, and approve or decline (with a reason) in one click."""
    try:
        link = approval_from_token(token)
    except AmendsError as exc:
        return _refused(request, exc)
    approver = get_user_model().objects.filter(pk=link.approver_id, is_active=True).first()
    approval = link.request
    error, notice, status = "", "", 200
    if approver is None:
        error, status = "This link was made for someone who can no longer sign in.", 403
    elif request.method == "POST":
        try:
            reason = cleaned(DecideForm(request.POST))["reason"]
            if request.POST.get("decision") == "approve":
                notice = services.approval_approve(request=approval, by=approver, reason=reason).words
            else:
                notice = services.approval_decline(request=approval, by=approver, reason=reason).words
        except AmendsError as exc:
            error, status = exc.message, exc.http_status
        approval.refresh_from_db()
    context = {
        "approval": approval,
        "approver": approver,
        "amount": format_money(approval.amount, approval.currency),
        "can_decide": approver is not None
        and approval.state == ApprovalState.PENDING
        and selectors.can_user_decide(approver, approval),
        "error": error,
        "notice": notice,
    }
    return _private(render(request, "remedies/approval_link.html", context, status=status))
