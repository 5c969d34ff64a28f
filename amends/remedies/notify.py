"""Emails to staff: an approval is needed, an approval was decided. Sent by tasks, after commit.

These go to colleagues, not to the customer, so they are plain Django mail and not part of the
complaint's conversation; the timeline already records the request and the decision.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from .links import approval_url
from .models import ApprovalRequest, ApprovalState
from .money import format_money
from .selectors import approvers_for

logger = logging.getLogger(__name__)


def _load(request_id: int) -> ApprovalRequest | None:
    return (
        ApprovalRequest.objects.select_related("complaint", "requested_by", "decided_by")
        .filter(pk=request_id)
        .first()
    )


def _send(subject: str, body: str, to: str) -> None:
    EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"Auto-Submitted": "auto-generated"},
    ).send()


def approval_requested(*, request_id: int) -> int:
    """Email each person who may decide a pending request its case and one-click links."""
    request = _load(request_id)
    if request is None or request.state != ApprovalState.PENDING:
        return 0
    desk_url = settings.SITE_URL + reverse("remedies:approvals")
    sent = 0
    for approver in approvers_for(request):
        if not approver.email:
            continue
        context = {
            "request": request,
            "approver": approver,
            "amount": format_money(request.amount, request.currency),
            "link": approval_url(request, approver.pk),
            "desk_url": desk_url,
            "hours": settings.AMENDS_APPROVAL_HOURS,
        }
        body = render_to_string("remedies/email/approval_request.txt", context)
        subject = f"[{request.complaint.reference}] Approval needed: {request.wording}"[:250]
        _send(subject, body, approver.email)
        sent += 1
    if not sent:
        logger.warning("Approval request %s has nobody with an email address to ask.", request_id)
    return sent


def approval_decided(*, request_id: int) -> bool:
    """Tell the requester how their request ended."""
    request = _load(request_id)
    if request is None or request.state == ApprovalState.PENDING or not request.requested_by.email:
        return False
    context = {
        "request": request,
        "amount": format_money(request.amount, request.currency),
        "complaint_url": settings.SITE_URL + reverse("desk:complaint", args=[request.complaint.reference]),
    }
    body = render_to_string("remedies/email/approval_decided.txt", context)
    subject = f"[{request.complaint.reference}] {request.get_state_display()}: {request.wording}"[:250]
    _send(subject, body, request.requested_by.email)
    return True
