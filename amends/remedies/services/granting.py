"""Granting remedies: at once within authority, else through an approval request.

``remedy_grant`` is the one way a remedy is granted, whether from the desk, a customer's choice,
a gesture or an approval. Each grant is keyed by what it grants (an offer option, an approval,
a form submission), so pressing twice, or two people pressing at once, grants once.
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from amends.accounts.models import User
from amends.complaints.models import Complaint, EventKind, State
from amends.complaints.services import complaint_record_event
from amends.core.errors import Conflict, InvalidInput, InvalidTransition, PermissionDenied
from amends.promises.models import PromiseKind
from amends.promises.services import promise_create

from ..models import ApprovalLevel, ApprovalRequest, ApprovalState, AuthorityLimit, Grant, OfferOption, Remedy
from ..money import Money, format_money, money
from ..selectors import (
    CLOSED_TO_REMEDIES,
    approvers_for,
    can_user_act_on_complaint,
    case_summary,
    sought_for_complaint,
)
from ..suggest import compare
from .authority import check_locked, lock_customer


@dataclass(frozen=True)
class GrantOutcome:
    """What a grant came to: a ledger entry, or a request waiting for approval."""

    grant: Grant | None = None
    approval: ApprovalRequest | None = None
    created: bool = True

    @property
    def words(self) -> str:
        if self.grant is not None:
            return f"Granted: {self.grant.wording}." if self.created else "This was already granted."
        assert self.approval is not None
        level = ApprovalLevel(self.approval.level).label.lower()
        if not self.created:
            return f"This already waits for a {level}'s approval."
        return f"Sent to a {level} for approval: {self.approval.why}"


def require_can_act(user: User, complaint: Complaint) -> None:
    if not can_user_act_on_complaint(user, complaint):
        raise PermissionDenied("You cannot offer or grant remedies on a complaint outside your teams.")


def remedy_money(remedy: Remedy, amount: str | Decimal | None, currency: str = "") -> Money:
    """The amount of a remedy as offered or granted: checked, in the remedy's currency unless one
    is given, and no more than the catalogue allows for this remedy."""
    if currency.strip() and remedy.currency and currency.strip().upper() != remedy.currency:
        raise InvalidInput(f"{remedy.name} is given in {remedy.currency}, not {currency.strip().upper()}.")
    chosen = amount if amount not in (None, "") else remedy.default_amount
    value = money(chosen if chosen is not None else 0, currency or remedy.currency)
    if remedy.max_amount is not None and value.amount > remedy.max_amount:
        top = format_money(remedy.max_amount, value.currency)
        raise InvalidInput(f"{remedy.name} may be at most {top}; ask for a different remedy.", field="amount")
    return value


def remedy_grant(
    *,
    by: User,
    complaint: Complaint,
    remedy: Remedy,
    amount: str | Decimal | None,
    key: str,
    currency: str = "",
    wording: str = "",
    option: OfferOption | None = None,
) -> GrantOutcome:
    """Grant ``remedy`` on ``complaint`` if it is within ``by``'s authority; otherwise ask the
    next level to approve it. Remedies and gestures alike.

    ``key`` names what is granted: a second call with the same key returns the first outcome
    (``created`` False) instead of granting again. Raises ``PermissionDenied`` for staff outside
    the complaint's team, ``InvalidInput`` for a bad amount or currency, ``InvalidTransition`` on
    a merged, spam or withdrawn complaint.
    """
    require_can_act(by, complaint)
    value = remedy_money(remedy, amount, currency)
    if not remedy.is_active:
        raise InvalidInput(f"{remedy.name} is no longer in the catalogue.", field="remedy")
    with transaction.atomic():
        return grant_or_request(
            by=by, complaint=complaint, remedy=remedy, value=value, wording=wording, key=key, option=option
        )


def grant_or_request(
    *,
    by: User,
    complaint: Complaint,
    remedy: Remedy,
    value: Money,
    wording: str,
    key: str,
    option: OfferOption | None,
) -> GrantOutcome:
    """The body of ``remedy_grant`` for callers that already checked permission and amount."""
    lock_customer(complaint)
    complaint = Complaint.objects.select_related("customer", "category").get(pk=complaint.pk)
    if complaint.state in CLOSED_TO_REMEDIES:
        raise InvalidTransition(
            f"This complaint is {State(complaint.state).label.lower()}; nothing is granted."
        )
    existing = Grant.objects.filter(key=key).first()
    if existing is not None:
        return GrantOutcome(grant=existing, created=False)
    waiting = ApprovalRequest.objects.filter(key=key, state=ApprovalState.PENDING).first()
    if waiting is not None:
        return GrantOutcome(approval=waiting, created=False)
    wording = (wording.strip() or _wording(remedy, value))[:300]
    verdict = check_locked(by, complaint=complaint, value=value)
    if verdict.within:
        grant = write_grant(
            complaint=complaint,
            remedy=remedy,
            value=value,
            wording=wording,
            key=key,
            requested_by=by,
            authorised_by=by,
            authority=verdict.row,
            option=option,
        )
        return GrantOutcome(grant=grant)
    approval = _request(by, complaint, remedy, value, wording, key, option, verdict.why)
    return GrantOutcome(approval=approval)


def _wording(remedy: Remedy, value: Money) -> str:
    return f"{remedy.wording} ({value})" if value.amount else remedy.wording


def write_grant(
    *,
    complaint: Complaint,
    remedy: Remedy,
    value: Money,
    wording: str,
    key: str,
    requested_by: User,
    authorised_by: User,
    authority: AuthorityLimit | None,
    option: OfferOption | None = None,
    approval: ApprovalRequest | None = None,
) -> Grant:
    """Write the ledger entry, the promise to fulfil it, and both on the timeline."""
    now = timezone.now()
    try:
        with transaction.atomic():
            grant = Grant.objects.create(
                complaint=complaint,
                customer_id=complaint.customer_id,
                category_id=complaint.category_id,
                severity=complaint.severity,
                team_id=complaint.team_id,
                remedy=remedy,
                kind=remedy.kind,
                amount=value.amount,
                currency=value.currency,
                wording=wording,
                is_gesture=remedy.is_gesture,
                key=key,
                requested_by=requested_by,
                authorised_by=authorised_by,
                authority=authority,
                option=option,
                approval=approval,
                granted_at=now,
            )
    except IntegrityError as exc:
        raise Conflict("This remedy has already been granted; nothing was granted twice.") from exc
    comparison = compare(
        sought_for_complaint(complaint), kind=remedy.kind, amount=value.amount, currency=value.currency
    )
    approved = f", approved by {authorised_by.display_name}" if approval else ""
    complaint_record_event(
        complaint=complaint,
        kind=EventKind.REMEDY_GRANTED,
        by=authorised_by,
        reason=f"{wording}{approved}. {comparison.words}",
        data={
            "grant": grant.pk,
            "kind": remedy.kind,
            "amount": str(value.amount),
            "currency": value.currency,
            "gesture": remedy.is_gesture,
            "compared": comparison.verdict,
        },
    )
    _promise_fulfilment(grant, remedy, by=authorised_by)
    return grant


def _promise_fulfilment(grant: Grant, remedy: Remedy, *, by: User) -> None:
    if remedy.fulfil_within_days == 0:
        return
    due_at = grant.granted_at + timedelta(days=remedy.fulfil_within_days)
    # The internal target is left to the promise rules, which keep it tighter than the told time.
    promise = promise_create(
        complaint=grant.complaint,
        kind=PromiseKind.CUSTOM,
        description=grant.wording[:300],
        due_at=due_at,
        by=by,
    )
    grant.promise = promise
    grant.save(update_fields=["promise"])
    complaint_record_event(
        complaint=grant.complaint,
        kind=EventKind.PROMISE_MADE,
        by=by,
        reason=f"{promise.description}, by {timezone.localtime(due_at):%A %-d %B}",
        data={"promise": promise.pk, "grant": grant.pk},
    )


def next_level(user: User) -> ApprovalLevel:
    return ApprovalLevel.SUPERVISOR if user.role == "agent" else ApprovalLevel.ADMIN


def _request(
    by: User,
    complaint: Complaint,
    remedy: Remedy,
    value: Money,
    wording: str,
    key: str,
    option: OfferOption | None,
    why: str,
) -> ApprovalRequest:
    request = ApprovalRequest(
        complaint=complaint,
        requested_by=by,
        remedy=remedy,
        kind=remedy.kind,
        amount=value.amount,
        currency=value.currency,
        wording=wording,
        option=option,
        is_gesture=remedy.is_gesture,
        key=key,
        why=why,
        summary=case_summary(complaint),
        level=next_level(by),
        nonce=secrets.token_urlsafe(16),
        expires_at=timezone.now() + timedelta(hours=settings.AMENDS_APPROVAL_HOURS),
    )
    if request.level == ApprovalLevel.SUPERVISOR and not approvers_for(request):
        # Nobody at the next level to ask: go straight to the level above rather than wait.
        request.level = ApprovalLevel.ADMIN
    request.save()
    complaint_record_event(
        complaint=complaint,
        kind=EventKind.APPROVAL_REQUESTED,
        by=by,
        reason=f"{wording}: {why} Asked a {ApprovalLevel(request.level).label.lower()}.",
        data={"approval": request.pk, "level": request.level},
    )
    notify_approvers_after_commit(request)
    return request


def notify_approvers_after_commit(request: ApprovalRequest) -> None:
    from django.tasks import default_task_backend

    from ..tasks import expire_approval, notify_approvers

    request_pk = request.pk
    transaction.on_commit(partial(notify_approvers.enqueue, request_pk))
    if default_task_backend.supports_defer:
        deferred = expire_approval.using(run_after=request.expires_at)
        transaction.on_commit(partial(deferred.enqueue, request_pk))
