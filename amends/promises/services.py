"""Writes for promises. Callers own the transaction and the complaint's timeline event."""

from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Min
from django.utils import timezone

from amends.core.errors import InvalidInput

from .clock import BusinessHours
from .models import Promise, PromiseKind, PromiseState

if TYPE_CHECKING:
    from amends.accounts.models import User
    from amends.complaints.models import Complaint


def promise_create(
    *,
    complaint: "Complaint",
    kind: PromiseKind,
    description: str,
    due_at: datetime,
    target_at: datetime | None = None,
    by: "User | None" = None,
) -> Promise:
    """Record a commitment. ``target_at`` defaults to ``due_at`` and may not be later than it."""
    now = timezone.now()
    if due_at.tzinfo is None:
        raise InvalidInput("A promise needs a time with a time zone.", field="due_at")
    if due_at <= now:
        raise InvalidInput("A promise cannot be due in the past.", field="due_at")
    target_at = target_at or due_at
    if target_at > due_at:
        raise InvalidInput(
            "The internal target cannot be later than the time told to the customer.",
            field="target_at",
        )
    return Promise.objects.create(
        complaint=complaint,
        kind=kind,
        description=description,
        due_at=due_at,
        target_at=target_at,
        created_by=by,
    )


def promise_create_first_response(*, complaint: "Complaint", received_at: datetime) -> Promise:
    """Create the first-response promise from the default clock, counted from ``received_at``."""
    hours = BusinessHours.from_settings()
    due_at = hours.add(received_at, settings.AMENDS_FIRST_RESPONSE_HOURS)
    target_at = hours.add(received_at, settings.AMENDS_FIRST_RESPONSE_TARGET_HOURS)
    return Promise.objects.create(
        complaint=complaint,
        kind=PromiseKind.FIRST_RESPONSE,
        description="A person replies to the customer",
        due_at=due_at,
        target_at=min(target_at, due_at),
    )


def promise_settle(*, promise: Promise, at: datetime | None = None) -> Promise:
    """Settle an open promise: kept early by the internal target, kept by the told time, else broken."""
    at = at or timezone.now()
    if at <= promise.target_at:
        promise.state = PromiseState.KEPT_EARLY
    elif at <= promise.due_at:
        promise.state = PromiseState.KEPT
    else:
        promise.state = PromiseState.BROKEN
    promise.settled_at = at
    promise.save(update_fields=["state", "settled_at"])
    return promise


def promises_settle_open(*, complaint: "Complaint", kind: PromiseKind) -> list[Promise]:
    """Settle every open promise of ``kind`` on ``complaint`` now."""
    open_promises = list(Promise.objects.filter(complaint=complaint, kind=kind, state=PromiseState.OPEN))
    return [promise_settle(promise=p) for p in open_promises]


def next_target_for(complaint: "Complaint") -> datetime | None:
    """The earliest internal target among the complaint's open promises."""
    result: datetime | None = Promise.objects.filter(complaint=complaint, state=PromiseState.OPEN).aggregate(
        first=Min("target_at")
    )["first"]
    return result
