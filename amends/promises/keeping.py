"""Verbs on promises that staff use from the desk: make one, keep one, release one, a missed call.

These sit above ``complaints``: each locks the complaint, changes the promise through
``services`` and writes the change on the complaint's timeline in one transaction.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from amends.accounts.models import User
from amends.complaints import services as complaint_services
from amends.complaints.messages import format_moment, reply_subject
from amends.complaints.models import Complaint, EventKind, Message, State
from amends.complaints.selectors import can_user_view_complaint
from amends.core.errors import InvalidInput, InvalidTransition, PermissionDenied

from . import services
from .clock import BusinessHours
from .commitments import parse_when
from .models import Promise, PromiseKind, PromiseSource, PromiseState
from .policies import hours_for_team

CLOSED_FOR_PROMISES = (State.MERGED, State.SPAM, State.WITHDRAWN)
CALL_GRACE = services.CALL_GRACE


def _locked(complaint: Complaint, by: User | None) -> Complaint:
    if by is not None and not can_user_view_complaint(by, complaint):
        raise PermissionDenied("This complaint belongs to a team you are not in.")
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("customer", "team")
        .get(pk=complaint.pk)
    )


def read_when(value: str | datetime | None, *, hours: BusinessHours, field: str) -> datetime | None:
    """A datetime from a form value or a phrase; ``InvalidInput`` if the phrase names no time."""
    if value is None or isinstance(value, datetime):
        return value
    if not value.strip():
        return None
    moment = parse_when(value, now=timezone.now(), hours=hours)
    if moment is None:
        raise InvalidInput(
            f"We could not read a date or time in {value.strip()!r}; "
            "try 'Friday 15:00', 'tomorrow' or '12 March'.",
            field=field,
        )
    return moment


@transaction.atomic
def promise_add(
    *,
    complaint: Complaint,
    by: User,
    description: str,
    when: str | datetime,
    target: str | datetime | None = None,
    kind: PromiseKind = PromiseKind.CUSTOM,
    source_message: Message | None = None,
) -> Promise:
    """Record a commitment an agent made ("refund by Friday", "call back Tuesday 15:00").

    ``when`` is the time told to the customer, as a datetime or a phrase read in the team's time
    zone; ``target`` the tighter internal target (a sensible one by default). Raises
    ``InvalidInput`` for a time that cannot be read, is in the past, or (for a callback) falls
    outside business hours; ``InvalidTransition`` on a complaint that is merged, spam or withdrawn.
    """
    complaint = _locked(complaint, by)
    if complaint.state in CLOSED_FOR_PROMISES:
        raise InvalidTransition(
            f"This complaint is {State(complaint.state).label.lower()}; nothing can be promised on it."
        )
    hours = hours_for_team(complaint.team_id)
    due_at = read_when(when, hours=hours, field="when")
    if due_at is None:
        raise InvalidInput("Say by when: a date, a day or a time.", field="when")
    promise = services.promise_create(
        complaint=complaint,
        kind=kind,
        description=description,
        due_at=due_at,
        target_at=read_when(target, hours=hours, field="target"),
        by=by,
        source=PromiseSource.AGENT,
        source_message=source_message,
        hours=hours,
    )
    complaint_services.complaint_record_event(
        complaint=complaint,
        kind=EventKind.PROMISE_MADE,
        by=by,
        reason=f"{promise.description} by {format_moment(promise.due_at, complaint)}",
        data={"promise": promise.pk, "kind": promise.kind, "state": promise.state},
    )
    return promise


def _settled_event(complaint: Complaint, promise: Promise, by: User | None, extra: str = "") -> None:
    complaint_services.complaint_record_event(
        complaint=complaint,
        kind=EventKind.PROMISE_SETTLED,
        by=by,
        reason=f"{promise.description}: {promise.get_state_display().lower()}{extra}",
        data={"promise": promise.pk, "kind": promise.kind, "state": promise.state},
    )


def _owed(promise: Promise) -> None:
    if promise.state not in (PromiseState.OPEN, PromiseState.PAUSED):
        raise InvalidTransition(f"This promise is already {promise.get_state_display().lower()}.")


@transaction.atomic
def promise_keep(*, promise: Promise, by: User, note: str = "") -> Promise:
    """Record that a promise was done now: kept early, kept, or (after the told time) broken."""
    complaint = _locked(promise.complaint, by)
    promise = Promise.objects.select_for_update().get(pk=promise.pk)
    _owed(promise)
    grace = CALL_GRACE if promise.kind == PromiseKind.CALLBACK else timedelta(0)
    services.promise_settle(promise=promise, hours=hours_for_team(complaint.team_id), note=note, grace=grace)
    _settled_event(complaint, promise, by, f" ({note.strip()})" if note.strip() else "")
    return promise


@transaction.atomic
def promise_release(*, promise: Promise, by: User, reason: str) -> Promise:
    """Release a promise that is no longer owed (the customer withdrew the request, say)."""
    if not reason.strip():
        raise InvalidInput("Say why the promise is no longer owed.", field="reason")
    complaint = _locked(promise.complaint, by)
    promise = Promise.objects.select_for_update().get(pk=promise.pk)
    _owed(promise)
    services.promise_cancel(promise=promise, reason=reason.strip())
    _settled_event(complaint, promise, by, f": {reason.strip()}")
    return promise


def _retry_time(promise: Promise, hours: BusinessHours, now: datetime) -> datetime:
    # The same time on the next working day suits most people; else the next time we are open.
    local = promise.due_at.astimezone(hours.tz)
    same_time = datetime.combine(
        hours.next_working_day(now.astimezone(hours.tz).date()), local.time(), tzinfo=hours.tz
    )
    return same_time if hours.is_open_at(same_time) else hours.next_open(now + timedelta(hours=2))


@transaction.atomic
def callback_missed(*, promise: Promise, by: User) -> Promise | None:
    """Record a callback made but not answered: we kept our side, so the promise is kept.

    Schedules a retry (the same time on the next working day) and emails the customer when, up
    to ``AMENDS_CALLBACK_ATTEMPTS`` calls; after that, tells them we will write instead. Returns
    the retry promise, or ``None`` when no more calls will be tried.
    """
    if promise.kind != PromiseKind.CALLBACK:
        raise InvalidInput("Only a callback can be marked as not answered.", field="promise")
    complaint = _locked(promise.complaint, by)
    promise = Promise.objects.select_for_update().get(pk=promise.pk)
    _owed(promise)
    hours, now = hours_for_team(complaint.team_id), timezone.now()
    services.promise_settle(promise=promise, hours=hours, note="Called, no answer", grace=CALL_GRACE)
    _settled_event(complaint, promise, by, " (called, no answer)")
    called = format_moment(now, complaint)
    retry = None
    if promise.attempt < settings.AMENDS_CALLBACK_ATTEMPTS:
        retry = services.promise_create(
            complaint=complaint,
            kind=PromiseKind.CALLBACK,
            description=promise.description,
            due_at=_retry_time(promise, hours, now),
            by=by,
            hours=hours,
            attempt=promise.attempt + 1,
        )
        next_words = (
            f"We will try again on {format_moment(retry.due_at, complaint)}. If another time suits you "
            f"better, reply to this email with a time we are open ({hours.describe()})."
        )
        complaint_services.complaint_record_event(
            complaint=complaint,
            kind=EventKind.PROMISE_MADE,
            by=by,
            reason=f"Call back again, attempt {retry.attempt}, at {format_moment(retry.due_at, complaint)}",
            data={"promise": retry.pk, "kind": retry.kind, "state": retry.state},
        )
    else:
        next_words = "Rather than keep missing each other, we will write to you instead."
    complaint_services.complaint_send_system_message(
        complaint=complaint,
        subject=f"{reply_subject(complaint)}: we tried to call you",
        body=f"Dear {complaint.customer.name},\n\nWe phoned you on {called} as promised, but could not "
        f"reach you. {next_words}\n\n{settings.AMENDS_ORGANISATION} Customer Care",
        data={"callback_missed": promise.pk},
    )
    return retry
