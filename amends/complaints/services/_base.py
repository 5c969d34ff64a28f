"""What every complaint verb shares: the timeline, locking, access checks and state moves."""

from datetime import datetime
from typing import Any, Required, TypedDict, Unpack

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from amends.accounts.models import User
from amends.core.errors import InvalidInput, InvalidTransition, PermissionDenied
from amends.core.inserts import build
from amends.core.tasks import enqueue_on_commit
from amends.promises import services as promise_services
from amends.promises.models import Promise, PromiseKind, PromiseState

from .. import states
from ..models import (
    OPEN_STATES,
    Complaint,
    Event,
    EventKind,
    Message,
    State,
)

SYSTEM = "Amends"


CUSTOMER = "Customer"


class EventFields(TypedDict, total=False):
    """What a timeline entry says besides its complaint and kind; ``by`` is required."""

    by: Required[User | None]
    label: str
    reason: str
    from_state: str
    to_state: str
    message: Message | None
    data: dict[str, Any] | None
    at: datetime | None


def _record(complaint: Complaint, kind: EventKind, **fields: Unpack[EventFields]) -> Event:
    event = _event(complaint, kind, **fields)
    event.save(force_insert=True)
    return event


def _event(
    complaint: Complaint,
    kind: EventKind,
    *,
    by: User | None,
    label: str = "",
    reason: str = "",
    from_state: str = "",
    to_state: str = "",
    message: Message | None = None,
    data: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> Event:
    """An unsaved timeline entry, for writing many in one statement."""
    return build(
        Event,
        complaint=complaint,
        kind=kind,
        actor=by,
        actor_label=label if by is None else "",
        reason=reason,
        from_state=from_state,
        to_state=to_state,
        message=message,
        data=data or {},
        created_at=at or timezone.now(),
    )


def complaint_record_event(
    *,
    complaint: Complaint,
    kind: EventKind,
    by: User | None,
    label: str = "",
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> Event:
    """Write one event on the complaint's timeline for a change another app made.

    For apps above this one (remedies, say) whose own records belong on the timeline. The caller
    owns the transaction. A promise event also refreshes the complaint's next due time, because
    the promise it reports changed it.
    """
    event = _record(complaint, kind, by=by, label=label or SYSTEM, reason=reason, data=data)
    if kind in (EventKind.PROMISE_MADE, EventKind.PROMISE_SETTLED):
        _refresh_due(complaint)
    return event


def _move(
    complaint: Complaint, to_state: State, *, by: User | None, reason: str = "", label: str = ""
) -> Event:
    if not states.can_transition(complaint.state, to_state):
        current = State(complaint.state).label
        allowed = ", ".join(State(s).label for s in states.allowed_next(complaint.state)) or "nothing"
        raise InvalidTransition(
            f"A complaint that is {current.lower()} cannot become {to_state.label.lower()}; "
            f"it can become: {allowed.lower()}."
        )
    if to_state in states.REASON_REQUIRED and not reason.strip():
        raise InvalidInput(f"Please say why the complaint is {to_state.label.lower()}.", field="reason")
    now = timezone.now()
    from_state = complaint.state
    complaint.state = to_state
    stamps = {
        State.ACKNOWLEDGED: "acknowledged_at",
        State.RESOLVED: "resolved_at",
        State.CLOSED: "closed_at",
    }
    fields = ["state", "updated_at"]
    if to_state in stamps:
        setattr(complaint, stamps[to_state], now)
        fields.append(stamps[to_state])
    if to_state not in OPEN_STATES:
        _release_promises(complaint, to_state, by=by, at=now)
        complaint.due_at = None
        fields.append("due_at")
    else:
        _move_clocks(complaint, from_state, to_state, at=now)
        complaint.due_at = promise_services.next_target_for(complaint)
        fields.append("due_at")
    complaint.save(update_fields=fields)
    if to_state == State.RESOLVED:
        for path in settings.AMENDS_AFTER_RESOLVE_TASKS:
            enqueue_on_commit(import_string(path), complaint.pk)
    return _record(
        complaint,
        EventKind.STATE_CHANGED,
        by=by,
        label=label or SYSTEM,
        reason=reason.strip(),
        from_state=from_state,
        to_state=to_state,
        at=now,
    )


def _move_clocks(complaint: Complaint, from_state: str, to_state: State, *, at: datetime) -> None:
    """Pause the policy clocks while awaiting the customer; restart them, or start anew on reopening."""
    if to_state == State.AWAITING_CUSTOMER:
        promise_services.promises_pause(complaint=complaint, at=at)
    elif from_state == State.AWAITING_CUSTOMER:
        promise_services.promises_resume(complaint=complaint, at=at)
    elif to_state == State.REOPENED:
        plan = promise_services.update_plan(complaint, at=at)
        if plan is not None:
            made = promise_services.promises_make(complaint=complaint, plans=[plan])
            _record_promises(complaint, made, EventKind.PROMISE_MADE, by=None)


def _record_promises(
    complaint: Complaint, promises: list[Promise], kind: EventKind, *, by: User | None
) -> None:
    from ..messages import format_moment

    for promise in promises:
        if kind == EventKind.PROMISE_MADE:
            reason = f"{promise.description} by {format_moment(promise.due_at, complaint)}"
        else:
            reason = f"{promise.description}: {promise.get_state_display().lower()}"
        _record(
            complaint,
            kind,
            by=by,
            label=SYSTEM,
            reason=reason,
            data={"promise": promise.pk, "state": promise.state, "kind": promise.kind},
        )


def _release_promises(complaint: Complaint, to_state: State, *, by: User | None, at: datetime) -> None:
    owed = Promise.objects.filter(complaint=complaint, state__in=[PromiseState.OPEN, PromiseState.PAUSED])
    if to_state in (State.RESOLVED, State.CLOSED):
        settled = [
            promise_services.promise_settle(promise=promise, at=at)
            for promise in owed.filter(
                kind__in=[PromiseKind.RESOLUTION, PromiseKind.SUMMARY_RESOLUTION], state=PromiseState.OPEN
            )
        ]
        _record_promises(complaint, settled, EventKind.PROMISE_SETTLED, by=by)
        # Commitments to do something (a refund by Friday, a callback, a regulator's final
        # response) outlive resolution; the promise to respond is no longer owed.
        owed = owed.filter(kind__in=[PromiseKind.FIRST_RESPONSE, PromiseKind.UPDATE, PromiseKind.RESOLUTION])
    # Withdrawn, merged or spam: nothing is owed any more. Neither case is a broken promise.
    owed.update(state=PromiseState.CANCELLED, settled_at=at, wake_at=None)


def _locked(complaint: Complaint) -> Complaint:
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("customer", "team")
        .get(pk=complaint.pk)
    )


def _require_staff_access(complaint: Complaint, by: User) -> None:
    from ..selectors import can_user_view_complaint

    if not can_user_view_complaint(by, complaint):
        raise PermissionDenied("This complaint belongs to a team you are not in.")


def _refresh_due(complaint: Complaint) -> None:
    due = promise_services.next_target_for(complaint) if complaint.is_open else None
    if due != complaint.due_at:
        complaint.due_at = due
        complaint.save(update_fields=["due_at"])
