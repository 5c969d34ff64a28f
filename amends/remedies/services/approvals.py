"""Deciding approval requests: approve, decline with a reason, escalate, expire."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from amends.accounts.models import User
from amends.complaints.models import Complaint, EventKind, State
from amends.complaints.services import complaint_record_event
from amends.core.errors import Conflict, InvalidInput, InvalidTransition, NotFound, PermissionDenied

from ..models import ApprovalLevel, ApprovalRequest, ApprovalState, Grant
from ..money import Money
from ..selectors import CLOSED_TO_REMEDIES, can_user_decide, is_admin
from .authority import check_locked, lock_customer
from .granting import notify_approvers_after_commit, write_grant

MAX_REASON = 2000


@dataclass(frozen=True)
class Decision:
    request: ApprovalRequest
    grant: Grant | None = None
    escalated: bool = False

    @property
    def words(self) -> str:
        if self.grant is not None:
            return f"Approved and granted: {self.grant.wording}."
        if self.escalated:
            return f"Above your own authority, so sent to an administrator: {self.request.why}"
        return "Declined; the requester has been told why."


def _locked_pending(request: ApprovalRequest, by: User | None) -> ApprovalRequest:
    """Lock the customer, then the request (the order every grant takes), and check it is open."""
    complaint = Complaint.objects.only("pk", "customer_id").get(pk=request.complaint_id)
    lock_customer(complaint)
    locked = (
        ApprovalRequest.objects.select_for_update(of=("self",))
        .select_related("complaint", "complaint__customer", "requested_by", "remedy", "option", "decided_by")
        .filter(pk=request.pk)
        .first()
    )
    if locked is None:
        raise NotFound("No such approval request.")
    if locked.state != ApprovalState.PENDING:
        who = f" by {locked.decided_by.display_name}" if locked.decided_by else ""
        when = f" on {timezone.localtime(locked.decided_at):%-d %B at %H:%M}" if locked.decided_at else ""
        raise Conflict(f"This request was already {locked.get_state_display().lower()}{who}{when}.")
    if by is not None and not can_user_decide(by, locked):
        if by.pk == locked.requested_by_id:
            raise PermissionDenied("You cannot approve or decline your own request; the next level decides.")
        level = ApprovalLevel(locked.level).label.lower()
        raise PermissionDenied(f"This request waits for a {level} of the complaint's team, not for you.")
    return locked


@transaction.atomic
def approval_approve(*, request: ApprovalRequest, by: User, reason: str = "") -> Decision:
    """Approve a pending request: the remedy is granted with ``by`` as the one who authorised it.

    If the amount is above ``by``'s own authority too, a supervisor's approval sends it on to the
    administrators instead; an administrator above their own limit is refused. Raises
    ``Conflict`` when it was already decided, ``PermissionDenied`` for anyone who may not decide it
    (including the requester).
    """
    request = _locked_pending(request, by)
    if request.complaint.state in CLOSED_TO_REMEDIES:
        state = State(request.complaint.state).label.lower()
        raise InvalidTransition(f"The complaint is {state} now; decline the request instead.")
    value = Money(request.amount, request.currency)
    verdict = check_locked(by, complaint=request.complaint, value=value)
    if not verdict.within:
        if is_admin(by):
            raise PermissionDenied(
                f"{verdict.why} No one above you can approve it; change the authority limits in settings."
            )
        _escalate(request, by=by, why=f"Above {by.display_name}'s own authority: {verdict.why}")
        return Decision(request, escalated=True)
    request.state = ApprovalState.APPROVED
    request.decided_by, request.decided_at = by, timezone.now()
    request.decision_reason = reason.strip()[:MAX_REASON]
    request.save(update_fields=["state", "decided_by", "decided_at", "decision_reason"])
    complaint_record_event(
        complaint=request.complaint,
        kind=EventKind.APPROVAL_DECIDED,
        by=by,
        reason=f"Approved: {request.wording}"
        + (f". {request.decision_reason}" if request.decision_reason else ""),
        data={"approval": request.pk, "state": request.state},
    )
    grant = write_grant(
        complaint=request.complaint,
        remedy=request.remedy,
        value=value,
        wording=request.wording,
        key=request.key,
        requested_by=request.requested_by,
        authorised_by=by,
        authority=verdict.row,
        option=request.option,
        approval=request,
    )
    _tell_requester(request)
    return Decision(request, grant=grant)


@transaction.atomic
def approval_decline(*, request: ApprovalRequest, by: User, reason: str) -> Decision:
    """Decline a pending request with a reason, which the requester and the timeline receive."""
    if not reason.strip():
        raise InvalidInput("Please say why, so the agent can tell the customer and offer something else.")
    if len(reason) > MAX_REASON:
        raise InvalidInput(f"Please keep the reason under {MAX_REASON:,} characters.", field="reason")
    request = _locked_pending(request, by)
    request.state = ApprovalState.DECLINED
    request.decided_by, request.decided_at = by, timezone.now()
    request.decision_reason = reason.strip()
    request.save(update_fields=["state", "decided_by", "decided_at", "decision_reason"])
    complaint_record_event(
        complaint=request.complaint,
        kind=EventKind.APPROVAL_DECIDED,
        by=by,
        reason=f"Declined: {request.wording}. {request.decision_reason}",
        data={"approval": request.pk, "state": request.state},
    )
    _tell_requester(request)
    return Decision(request)


def _escalate(request: ApprovalRequest, *, by: User | None, why: str) -> None:
    request.level = ApprovalLevel.ADMIN
    request.escalations += 1
    request.expires_at = timezone.now() + timedelta(hours=settings.AMENDS_APPROVAL_HOURS)
    request.save(update_fields=["level", "escalations", "expires_at"])
    complaint_record_event(
        complaint=request.complaint,
        kind=EventKind.APPROVAL_ESCALATED,
        by=by,
        reason=f"{request.wording}: {why} Asked an administrator.",
        data={"approval": request.pk, "level": request.level},
    )
    notify_approvers_after_commit(request)


def _tell_requester(request: ApprovalRequest) -> None:
    from ..tasks import notify_requester

    transaction.on_commit(partial(notify_requester.enqueue, request.pk))


@transaction.atomic
def approval_expire(*, request_id: int, now: datetime | None = None) -> ApprovalRequest | None:
    """Move an undecided request on once its time is up: a supervisor's goes to the administrators,
    an administrator's expires and the requester is told. A decided or not-yet-due one is left."""
    now = now or timezone.now()
    request = ApprovalRequest.objects.filter(pk=request_id).first()
    if request is None or request.state != ApprovalState.PENDING or request.expires_at > now:
        return request
    try:
        request = _locked_pending(request, None)
    except Conflict:
        return request
    if request.expires_at > now:
        return request
    if request.level == ApprovalLevel.SUPERVISOR:
        hours = settings.AMENDS_APPROVAL_HOURS
        _escalate(request, by=None, why=f"No supervisor decided within {hours} hours.")
        return request
    request.state = ApprovalState.EXPIRED
    request.decided_at = now
    request.save(update_fields=["state", "decided_at"])
    complaint_record_event(
        complaint=request.complaint,
        kind=EventKind.APPROVAL_DECIDED,
        by=None,
        reason=f"Expired undecided: {request.wording}. Ask again or offer something else.",
        data={"approval": request.pk, "state": request.state},
    )
    _tell_requester(request)
    return request


def approvals_sweep(*, now: datetime | None = None, limit: int = 500) -> int:
    """Expire or escalate every request past its time; returns how many were moved on.

    Reads only pending requests through the partial index on ``expires_at``, so its cost grows
    with the requests that are due, not with all requests ever made.
    """
    now = now or timezone.now()
    due = list(
        ApprovalRequest.objects.filter(state=ApprovalState.PENDING, expires_at__lte=now)
        .order_by("expires_at")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in due:
        approval_expire(request_id=pk, now=now)
    return len(due)
