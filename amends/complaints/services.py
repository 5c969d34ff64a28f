"""The verbs that change a complaint. One transaction each; every change lands on the timeline.

Views, the API, mail adapters and tasks all call these, so a complaint behaves the same whichever
way a change arrives. Side effects (email, tasks) happen only once the transaction commits
(``amends.core.tasks.enqueue_on_commit``).
"""

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import make_msgid
from typing import Any

from django.conf import settings
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from amends.accounts.models import Role, Team, User
from amends.core.errors import Conflict, InvalidInput, InvalidTransition, PermissionDenied
from amends.core.tasks import enqueue_on_commit
from amends.core.text import one_line
from amends.promises import services as promise_services
from amends.promises.models import Promise, PromiseKind, PromiseState
from amends.promises.regimes import ResponseKind

from . import states
from .models import (
    OPEN_STATES,
    Category,
    Channel,
    Complaint,
    ContactMethod,
    ContactPoint,
    Customer,
    Delivery,
    Direction,
    Event,
    EventKind,
    IdempotencyKey,
    Message,
    ReferenceCounter,
    Severity,
    State,
)

SYSTEM = "Amends"
CUSTOMER = "Customer"


@dataclass(frozen=True)
class ComplaintInput:
    """What a customer told us, from whichever channel; validated by ``complaint_receive``."""

    channel: Channel
    name: str
    story: str
    email: str = ""
    phone: str = ""
    summary: str = ""
    outcome_sought: str = ""
    preferred_contact_method: ContactMethod = ContactMethod.EMAIL
    preferred_contact_time: str = ""
    category: Category | None = None
    severity: Severity = Severity.NORMAL
    raw: bytes = b""
    raw_content_type: str = ""
    message_id: str | None = None
    acknowledge: bool = True  # False for mail that must never be answered (bulk, auto-replies)
    callback_at: datetime | None = None  # a structured callback time, checked against business hours
    extra: dict[str, Any] = field(default_factory=dict)


def normalise_email(value: str) -> str:
    value = value.strip().lower()
    if not value:
        return ""
    try:
        validate_email(value)
    except Exception as exc:
        raise InvalidInput(f"{value!r} is not an email address we can write to.", field="email") from exc
    return value


def normalise_phone(value: str) -> str:
    digits = re.sub(r"[^\d+]", "", value.strip())
    if value.strip() and len(re.sub(r"\D", "", digits)) < 6:
        raise InvalidInput("That phone number looks too short to call.", field="phone")
    return digits


def _record(
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
    return Event.objects.create(
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


def _next_reference(year: int) -> str:
    # One row a year, incremented in place and read back in the same statement: the row lock
    # serialises concurrent intakes only for the length of their transactions, and numbers are
    # never reused.
    table = ReferenceCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET last = last + 1 WHERE year = %s RETURNING last", [year])  # noqa: S608
        row = cursor.fetchone()
    if row is None:
        ReferenceCounter.objects.bulk_create([ReferenceCounter(year=year, last=0)], ignore_conflicts=True)
        return _next_reference(year)
    return f"C-{year}-{row[0]:06d}"


def customer_find_or_create(*, name: str, email: str = "", phone: str = "") -> Customer:
    """The customer owning ``email`` (or else ``phone``), created with those contact points if new.

    A contact point already owned by another customer stays with that customer.
    """
    email, phone = normalise_email(email), normalise_phone(phone)
    points = [
        (kind, value) for kind, value in ((ContactMethod.EMAIL, email), (ContactMethod.PHONE, phone)) if value
    ]
    match = Q()
    for kind, value in points:
        match |= Q(kind=kind, value=value)
    known = (
        {(p.kind, p.value): p for p in ContactPoint.objects.select_related("customer").filter(match)}
        if points
        else {}
    )
    owner = next((known[p].customer for p in points if p in known), None)
    customer = owner or Customer.objects.create(name=name.strip() or "Customer")
    has_primary = owner is not None
    new_points = []
    for kind, value in points:
        if (kind, value) not in known:
            new_points.append(
                ContactPoint(customer=customer, kind=kind, value=value, is_primary=not has_primary)
            )
            has_primary = True
    # ON CONFLICT DO NOTHING: a concurrent intake that claimed the same address first keeps it.
    ContactPoint.objects.bulk_create(new_points, ignore_conflicts=True)
    return customer


def customer_email(customer: Customer) -> str:
    """The address replies go to: the primary working email, else any working email."""
    point = (
        customer.contact_points.filter(kind=ContactMethod.EMAIL, failing_since__isnull=True)
        .order_by("-is_primary", "id")
        .first()
    )
    return point.value if point else ""


def _validate_input(data: ComplaintInput) -> None:
    if not data.story.strip():
        raise InvalidInput("Please tell us what happened.", field="story")
    limit = settings.AMENDS_MAX_STORY_CHARS
    if len(data.story) > limit:
        raise InvalidInput(
            f"What happened is {len(data.story):,} characters; please keep it under {limit:,}.",
            field="story",
        )
    if len(data.outcome_sought) > limit:
        raise InvalidInput(
            f"Please keep the outcome you want under {limit:,} characters.", field="outcome_sought"
        )
    if not data.name.strip():
        raise InvalidInput("Please tell us your name.", field="name")
    if not (data.email.strip() or data.phone.strip()):
        raise InvalidInput("Please give an email address or a phone number so we can reply.", field="email")
    if data.preferred_contact_method == ContactMethod.PHONE and not data.phone.strip():
        raise InvalidInput("You asked us to phone you: please give a phone number.", field="phone")


@transaction.atomic
def complaint_receive(*, data: ComplaintInput, by: User | None = None) -> Complaint:
    """Take in a new complaint from any channel.

    Stores the customer's own words and raw input first, starts the policy's promises (first
    response, resolution, regime clocks, a callback asked for) and queues the acknowledgement
    after commit. Raises ``InvalidInput`` naming the field at fault, including a callback time
    in the past or outside business hours.
    """
    _validate_input(data)
    now = timezone.now()
    customer = customer_find_or_create(name=data.name, email=data.email, phone=data.phone)
    team = data.category.team if data.category else None
    plans = promise_services.intake_plans(
        received_at=now,
        team_id=team.pk if team else None,
        category_id=data.category.pk if data.category else None,
        severity=data.severity,
        callback_at=data.callback_at if data.preferred_contact_method == ContactMethod.PHONE else None,
        callback_text=data.preferred_contact_time
        if data.preferred_contact_method == ContactMethod.PHONE
        else "",
    )
    complaint = Complaint.objects.create(
        reference=_next_reference(now.year),
        customer=customer,
        channel=data.channel,
        category=data.category,
        team=team,
        severity=data.severity,
        summary=one_line(data.summary or data.story, 200),
        story=data.story.strip(),
        outcome_sought=data.outcome_sought.strip(),
        preferred_contact_method=data.preferred_contact_method,
        preferred_contact_time=data.preferred_contact_time.strip(),
        received_at=now,
        due_at=min(plan.target_at for plan in plans),
    )
    message = Message.objects.create(
        complaint=complaint,
        direction=Direction.INBOUND,
        channel=data.channel,
        author=by,
        from_address=normalise_email(data.email),
        subject=complaint.summary,
        body=complaint.story,
        raw=data.raw or None,
        raw_content_type=data.raw_content_type,
        message_id=data.message_id,
        created_at=now,
    )
    label = CUSTOMER if by is None else ""
    _record(
        complaint,
        EventKind.RECEIVED,
        by=by,
        label=label,
        to_state=State.RECEIVED,
        message=message,
        data={"channel": data.channel, **data.extra},
        at=now,
    )
    promise_services.promises_make(complaint=complaint, plans=plans)
    if data.preferred_contact_time and customer.preferred_contact_time != data.preferred_contact_time:
        Customer.objects.filter(pk=customer.pk).update(
            preferred_contact_time=data.preferred_contact_time,
            preferred_contact_method=data.preferred_contact_method,
        )
    _queue_after_receive(complaint, acknowledge=data.acknowledge)
    return complaint


def _queue_after_receive(complaint: Complaint, *, acknowledge: bool) -> None:
    """After commit: the acknowledgement, then each task in ``AMENDS_AFTER_RECEIVE_TASKS``.

    Higher apps (triage, say) add their task's dotted path to that setting, so intake from any
    channel starts them without this app importing them.
    """
    from .tasks import acknowledge_complaint

    tasks = [import_string(path) for path in settings.AMENDS_AFTER_RECEIVE_TASKS]
    if acknowledge:
        tasks.insert(0, acknowledge_complaint)
    complaint_id = complaint.pk
    for task in tasks:
        enqueue_on_commit(task, complaint_id)


def _request_hash(payload: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def complaint_receive_idempotent(
    *, data: ComplaintInput, by: User, key: str, payload: dict[str, Any]
) -> tuple[Complaint, bool]:
    """Receive once per (user, key); a repeat returns the first complaint and ``False``.

    A repeat whose payload differs from the first raises ``Conflict``: the client reused a key.
    """
    if len(key) > 255:
        raise InvalidInput(
            "The Idempotency-Key header must be at most 255 characters.", field="Idempotency-Key"
        )
    digest = _request_hash(payload)
    existing = IdempotencyKey.objects.select_related("complaint").filter(user=by, key=key).first()
    if existing is None:
        try:
            with transaction.atomic():
                complaint = complaint_receive(data=data, by=by)
                IdempotencyKey.objects.create(key=key, user=by, request_hash=digest, complaint=complaint)
                return complaint, True
        except IntegrityError:
            existing = IdempotencyKey.objects.select_related("complaint").get(user=by, key=key)
    if existing.request_hash != digest:
        raise Conflict("This Idempotency-Key was already used with a different request body.")
    return existing.complaint, False


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
    from .messages import format_moment

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


@transaction.atomic
def complaint_transition(
    *,
    complaint: Complaint,
    by: User | None,
    to_state: State,
    reason: str = "",
    agreed_outcome: str = "",
) -> Complaint:
    """Move ``complaint`` to ``to_state`` if the journey allows it, with the reason on the timeline.

    Resolving records ``agreed_outcome``. Merging has its own verb, ``complaint_merge``.
    Raises ``InvalidTransition`` with the states that are allowed instead.
    """
    complaint = _locked(complaint)
    if to_state == State.MERGED:
        raise InvalidInput("Merge a complaint into another one with the merge action.", field="to_state")
    if to_state == State.RESOLVED and agreed_outcome.strip():
        complaint.agreed_outcome = agreed_outcome.strip()
        complaint.save(update_fields=["agreed_outcome"])
    _move(complaint, to_state, by=by, reason=reason)
    return complaint


def _locked(complaint: Complaint) -> Complaint:
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("customer", "team")
        .get(pk=complaint.pk)
    )


@transaction.atomic
def complaint_acknowledge(*, complaint_id: int) -> Complaint | None:
    """Send the acknowledgement of a received complaint, once.

    Idempotent: a complaint already past ``received`` is left alone. With no email address the
    complaint stays ``received`` for a person to acknowledge by phone.
    """
    from .messages import acknowledgement_text

    complaint = (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("customer")
        .filter(pk=complaint_id)
        .first()
    )
    if complaint is None or complaint.state != State.RECEIVED:
        return complaint
    to_address = customer_email(complaint.customer)
    if not to_address:
        _record(
            complaint,
            EventKind.NOTE,
            by=None,
            label=SYSTEM,
            reason="No email address: acknowledge this complaint by phone.",
        )
        return complaint
    promise = (
        Promise.objects.filter(complaint=complaint, kind=PromiseKind.FIRST_RESPONSE).order_by("id").first()
    )
    subject, body = acknowledgement_text(complaint, promise)
    message = _outbound(complaint, by=None, subject=subject, body=body, to_address=to_address)
    _record(
        complaint,
        EventKind.MESSAGE_OUT,
        by=None,
        label=SYSTEM,
        message=message,
        data={"acknowledgement": True},
    )
    _move(complaint, State.ACKNOWLEDGED, by=None, reason="Acknowledgement sent")
    return complaint


def _outbound(complaint: Complaint, *, by: User | None, subject: str, body: str, to_address: str) -> Message:
    from .tasks import deliver_message

    last_inbound = (
        Message.objects.filter(complaint=complaint, direction=Direction.INBOUND, message_id__isnull=False)
        .order_by("-created_at")
        .values_list("message_id", flat=True)
        .first()
    )
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">")
    message = Message.objects.create(
        complaint=complaint,
        direction=Direction.OUTBOUND,
        channel=Channel.EMAIL,
        author=by,
        to_address=to_address,
        subject=subject,
        body=body,
        message_id=make_msgid(idstring=complaint.reference, domain=domain),
        in_reply_to=last_inbound or "",
        delivery=Delivery.PENDING,
    )
    message_pk = message.pk
    enqueue_on_commit(deliver_message, message_pk)
    return message


def _require_staff_access(complaint: Complaint, by: User) -> None:
    from .selectors import can_user_view_complaint

    if not can_user_view_complaint(by, complaint):
        raise PermissionDenied("This complaint belongs to a team you are not in.")


@transaction.atomic
def complaint_reply(
    *, complaint: Complaint, by: User, body: str, response: ResponseKind | None = None
) -> Message:
    """Send a reply to the customer by email and record it, with what happens next and by when.

    The first reply keeps the first-response promise (kept early, kept or broken by its time);
    every reply keeps the open update promise and, while the complaint is open, starts the next.
    ``response`` marks a regulated final response, summary resolution or holding reply, checked
    for the content its regime requires. Moves a new complaint into progress. Raises
    ``InvalidInput`` when there is nothing to send or no address to send it to,
    ``ResponseIncomplete`` naming what a regulated response lacks, ``InvalidTransition`` on a
    complaint that is merged or spam.
    """
    _require_staff_access(complaint, by)
    complaint = _locked(complaint)
    if not body.strip():
        raise InvalidInput("The reply is empty.", field="body")
    if complaint.state in (State.MERGED, State.SPAM):
        raise InvalidTransition(
            f"This complaint is {State(complaint.state).label.lower()}; reply on the open one."
        )
    to_address = customer_email(complaint.customer)
    if not to_address:
        raise InvalidInput(
            "This customer has no working email address; phone them and add a note.", field="body"
        )
    if response is not None:
        promise_services.check_response(complaint=complaint, response=response, body=body)
    from .messages import next_steps_text, reply_subject

    now = timezone.now()
    outcome = promise_services.promises_on_reply(
        complaint=complaint,
        at=now,
        response=response,
        still_open=complaint.is_open and complaint.state != State.AWAITING_CUSTOMER,
    )
    text = body.strip() + next_steps_text(complaint)
    message = _outbound(complaint, by=by, subject=reply_subject(complaint), body=text, to_address=to_address)
    _record(complaint, EventKind.MESSAGE_OUT, by=by, message=message, data={"response": response or ""})
    _after_response(complaint, by=by, message=message, outcome=outcome, reason="Replied to the customer")
    return message


def _after_response(
    complaint: Complaint, *, by: User, message: Message, outcome: "promise_services.ReplyOutcome", reason: str
) -> None:
    """What every response to the customer does, whatever its channel: the first one is the first
    response; promises kept and started are recorded; a new complaint moves into progress."""
    if complaint.first_response_at is None:
        complaint.first_response_at = message.created_at
        complaint.save(update_fields=["first_response_at"])
    _record_promises(complaint, outcome.settled + outcome.cancelled, EventKind.PROMISE_SETTLED, by=by)
    _record_promises(complaint, outcome.made, EventKind.PROMISE_MADE, by=by)
    if complaint.state in (State.RECEIVED, State.ACKNOWLEDGED, State.REOPENED):
        _move(complaint, State.IN_PROGRESS, by=by, reason=reason)
    _refresh_due(complaint)


@transaction.atomic
def complaint_log_call(*, complaint: Complaint, by: User, body: str) -> Message:
    """Record a phone call in which we spoke with the customer, as a response to them.

    For customers reached by phone this is what a reply is for those reached by email: the first
    call keeps the first-response promise, the update promise is kept and renewed, and a new
    complaint moves into progress. Nothing is emailed. Raises ``InvalidInput`` for an empty
    record and ``InvalidTransition`` on a complaint that is merged or spam.
    """
    _require_staff_access(complaint, by)
    complaint = _locked(complaint)
    if not body.strip():
        raise InvalidInput("Write down what was said on the call.", field="body")
    if complaint.state in (State.MERGED, State.SPAM):
        raise InvalidTransition(
            f"This complaint is {State(complaint.state).label.lower()}; log the call on the open one."
        )
    now = timezone.now()
    outcome = promise_services.promises_on_reply(
        complaint=complaint,
        at=now,
        response=None,
        still_open=complaint.is_open and complaint.state != State.AWAITING_CUSTOMER,
    )
    message = Message.objects.create(
        complaint=complaint,
        direction=Direction.OUTBOUND,
        channel=Channel.PHONE,
        author=by,
        body=body.strip(),
        created_at=now,
    )
    _record(complaint, EventKind.MESSAGE_OUT, by=by, message=message, data={"call": True})
    _after_response(
        complaint, by=by, message=message, outcome=outcome, reason="Spoke with the customer by phone"
    )
    return message


def _refresh_due(complaint: Complaint) -> None:
    due = promise_services.next_target_for(complaint) if complaint.is_open else None
    if due != complaint.due_at:
        complaint.due_at = due
        complaint.save(update_fields=["due_at"])


def complaint_send_system_message(
    *, complaint: Complaint, subject: str, body: str, data: dict[str, Any] | None = None
) -> Message | None:
    """Email the customer on the organisation's behalf (a survey, a missed call) and record it.

    For apps above this one. The caller owns the transaction; the complaint does not move and no
    promise is settled, because no person replied. Returns ``None`` (with a note for the team)
    when the customer has no working email address.
    """
    to_address = customer_email(complaint.customer)
    if not to_address:
        reason = f"Not sent, no email address: {subject}"
        _record(complaint, EventKind.NOTE, by=None, label=SYSTEM, reason=reason)
        return None
    message = _outbound(complaint, by=None, subject=subject, body=body, to_address=to_address)
    _record(complaint, EventKind.MESSAGE_OUT, by=None, label=SYSTEM, message=message, data=data)
    return message


def complaint_record_feedback(
    *, complaint: Complaint, subject: str, body: str, data: dict[str, Any]
) -> Message:
    """Record what the customer answered in a portal form (a survey, a check-in) on the timeline.

    The complaint does not move: the caller decides whether the answer reopens it.
    """
    message = Message.objects.create(
        complaint=complaint,
        direction=Direction.INBOUND,
        channel=Channel.PORTAL,
        subject=subject[:300],
        body=body.strip(),
    )
    _record(complaint, EventKind.FEEDBACK, by=None, label=CUSTOMER, message=message, data=data)
    return message


_SEVERITY_ORDER = [Severity.LOW, Severity.NORMAL, Severity.HIGH, Severity.CRITICAL]


@dataclass(frozen=True)
class Escalation:
    """One complaint to escalate on a rule's behalf, and why."""

    complaint: Complaint
    reason: str
    raise_severity: bool = False
    assignee: User | None = None
    data: dict[str, Any] = field(default_factory=dict)


def _escalation_events(item: Escalation, now: datetime) -> tuple[dict[str, Any], list[Event]]:
    complaint, events = item.complaint, []
    changes: dict[str, Any] = {}

    def event(kind: EventKind, reason: str, data: dict[str, Any]) -> Event:
        data = {**data, **item.data}
        return Event(
            complaint=complaint, kind=kind, actor_label=SYSTEM, reason=reason, data=data, created_at=now
        )

    if item.raise_severity and complaint.severity != Severity.CRITICAL:
        before = complaint.severity
        severity = _SEVERITY_ORDER[_SEVERITY_ORDER.index(Severity(before)) + 1]
        changes["severity"] = severity
        reason = f"Escalated to {severity.label.lower()} severity: {item.reason}"
        events.append(
            event(EventKind.ESCALATED, reason, {"before": {"severity": before}, "severity": severity})
        )
    if item.assignee is not None and item.assignee.pk != complaint.assignee_id:
        changes["assignee"] = item.assignee
        reason = f"Escalated to {item.assignee.display_name}: {item.reason}"
        data = {"before": {"assignee": complaint.assignee_id}, "assignee": item.assignee.pk}
        events.append(event(EventKind.ESCALATED, reason, data))
    return changes, events


def complaints_escalate(*, escalations: list[Escalation]) -> int:
    """Escalate complaints on rules' behalf: severity one step up, optionally a new assignee.

    For the promise sweep and surveys, acting for the organisation rather than a person, in a
    few statements however many there are. The caller owns the transaction and holds the
    complaints' locks. Each change goes on the timeline with its reason; returns how many
    complaints changed.
    """
    now = timezone.now()
    groups: dict[tuple[str | None, int | None], list[int]] = {}
    events: list[Event] = []
    for item in escalations:
        changes, item_events = _escalation_events(item, now)
        if not changes:
            continue
        events += item_events
        assignee = changes.get("assignee")
        key = (changes.get("severity"), assignee.pk if isinstance(assignee, User) else None)
        groups.setdefault(key, []).append(item.complaint.pk)
        for name, value in changes.items():
            setattr(item.complaint, name, value)
    for (severity, assignee_id), ids in groups.items():
        fields: dict[str, Any] = {"updated_at": now}
        if severity:
            fields["severity"] = severity
        if assignee_id:
            fields["assignee_id"] = assignee_id
        Complaint.objects.filter(pk__in=ids).update(**fields)
    Event.objects.bulk_create(events)
    return sum(len(ids) for ids in groups.values())


def complaint_escalate(
    *,
    complaint: Complaint,
    reason: str,
    raise_severity: bool = False,
    assignee: User | None = None,
    data: dict[str, Any] | None = None,
) -> Complaint:
    """Escalate one complaint on a rule's behalf; see ``complaints_escalate``."""
    complaints_escalate(escalations=[Escalation(complaint, reason, raise_severity, assignee, data or {})])
    return complaint


@transaction.atomic
def complaint_add_note(*, complaint: Complaint, by: User, body: str) -> Message:
    """Add an internal note, seen by staff only."""
    _require_staff_access(complaint, by)
    if not body.strip():
        raise InvalidInput("The note is empty.", field="body")
    message = Message.objects.create(
        complaint=complaint,
        direction=Direction.INTERNAL,
        channel=Channel.DESK,
        author=by,
        body=body.strip(),
    )
    _record(complaint, EventKind.NOTE, by=by, message=message)
    Complaint.objects.filter(pk=complaint.pk).update(updated_at=timezone.now())
    return message


@transaction.atomic
def complaint_add_customer_message(
    *,
    complaint: Complaint,
    body: str,
    channel: Channel,
    raw: bytes = b"",
    raw_content_type: str = "",
    message_id: str | None = None,
    by: User | None = None,
    from_address: str = "",
    subject: str = "",
    automatic: bool = False,
) -> Message:
    """Record a further message from the customer.

    A complaint awaiting the customer goes back into progress; a resolved or closed one reopens,
    because the customer is telling us it is not over. An ``automatic`` message (an
    out-of-office, say) is recorded without moving the complaint: no person wrote it.
    """
    complaint = _locked(complaint)
    if not body.strip():
        raise InvalidInput("The message is empty.", field="body")
    if len(body) > settings.AMENDS_MAX_STORY_CHARS:
        raise InvalidInput(
            f"Please keep a message under {settings.AMENDS_MAX_STORY_CHARS:,} characters.",
            field="body",
        )
    message = Message.objects.create(
        complaint=complaint,
        direction=Direction.INBOUND,
        channel=channel,
        author=by,
        from_address=from_address[:254],
        subject=subject[:300],
        body=body.strip(),
        raw=raw or None,
        raw_content_type=raw_content_type,
        message_id=message_id,
    )
    _record(complaint, EventKind.MESSAGE_IN, by=by, label=CUSTOMER, message=message)
    if automatic:
        return message
    if complaint.state == State.AWAITING_CUSTOMER:
        _move(complaint, State.IN_PROGRESS, by=by, label=CUSTOMER, reason="The customer replied")
    elif complaint.state in (State.RESOLVED, State.CLOSED):
        _move(
            complaint,
            State.REOPENED,
            by=by,
            label=CUSTOMER,
            reason="The customer wrote again after resolution",
        )
    return message


@transaction.atomic
def contact_point_mark_failing(*, value: str, reason: str) -> ContactPoint | None:
    """Mark the email address ``value`` as failing (it bounced), so replies stop going to it.

    Returns the contact point, or ``None`` if no customer has that address. The first failure's
    time is kept; ``reason`` goes on the timeline of each of the customer's open complaints.
    """
    point = ContactPoint.objects.filter(kind=ContactMethod.EMAIL, value=value.strip().lower()).first()
    if point is None:
        return None
    if point.failing_since is None:
        point.failing_since = timezone.now()
        point.save(update_fields=["failing_since"])
        for complaint in Complaint.objects.filter(customer_id=point.customer_id, state__in=OPEN_STATES):
            _record(
                complaint,
                EventKind.DELIVERY_FAILED,
                by=None,
                label=SYSTEM,
                reason=f"{point.value} is failing: {reason}"[:2000],
                data={"contact_point": point.pk},
            )
    return point


@transaction.atomic
def message_record_bounce(*, message_id: str, reason: str) -> Message | None:
    """Record that the outbound message with ``message_id`` bounced: failed, on the timeline.

    Returns ``None`` when no outbound message has that Message-ID (it was not ours).
    """
    message = (
        Message.objects.select_related("complaint")
        .filter(message_id=message_id, direction=Direction.OUTBOUND)
        .first()
    )
    if message is None:
        return None
    message.delivery = Delivery.FAILED
    message.delivery_error = reason[:2000]
    message.save(update_fields=["delivery", "delivery_error"])
    _record(
        message.complaint, EventKind.DELIVERY_FAILED, by=None, label=SYSTEM, message=message, reason=reason
    )
    return message


@transaction.atomic
def complaint_assign(
    *, complaint: Complaint, by: User, assignee: User | None, team: Team | None
) -> Complaint:
    """Give the complaint to a team and, optionally, one person in it.

    The assignee must belong to the team; only an administrator may move a complaint to a team
    they are not in themselves.
    """
    _require_staff_access(complaint, by)
    complaint = _locked(complaint)
    if team is not None and not by.sees_every_team and not by.teams.filter(pk=team.pk).exists():
        raise PermissionDenied(f"You are not in {team.name}; ask a supervisor there to take it.")
    if assignee is not None:
        if team is None:
            raise InvalidInput("Choose the team as well as the person.", field="team")
        if assignee.role == Role.SPOKESPERSON or not assignee.teams.filter(pk=team.pk).exists():
            raise InvalidInput(f"{assignee.display_name} is not an agent in {team.name}.", field="assignee")
    before = {"team": complaint.team_id, "assignee": complaint.assignee_id}
    complaint.team, complaint.assignee = team, assignee
    complaint.save(update_fields=["team", "assignee", "updated_at"])
    label = " / ".join(
        x for x in [team.name if team else "No team", assignee.display_name if assignee else ""] if x
    )
    _record(
        complaint,
        EventKind.ASSIGNED,
        by=by,
        reason=label,
        data={
            "before": before,
            "team": team.pk if team else None,
            "assignee": assignee.pk if assignee else None,
        },
    )
    return complaint


@transaction.atomic
def complaint_categorise(
    *, complaint: Complaint, by: User, category: Category | None, severity: Severity
) -> Complaint:
    """Set the category and severity, as a person judges them."""
    _require_staff_access(complaint, by)
    complaint = _locked(complaint)
    before = {"category": complaint.category_id, "severity": complaint.severity}
    complaint.category, complaint.severity = category, severity
    complaint.save(update_fields=["category", "severity", "updated_at"])
    _record(
        complaint,
        EventKind.CATEGORISED,
        by=by,
        reason=f"{category.name if category else 'No category'}, {Severity(severity).label.lower()} severity",
        data={
            "before": before,
            "category": category.pk if category else None,
            "severity": severity,
        },
    )
    return complaint


@transaction.atomic
def complaint_merge(*, source: Complaint, target: Complaint, by: User, reason: str = "") -> Complaint:
    """Fold ``source`` into ``target``: same customer's same problem, told twice.

    The source keeps its own timeline and points at the target; the target's timeline records the
    merge and the source's story, so nothing the customer said is lost.
    """
    _require_staff_access(source, by)
    _require_staff_access(target, by)
    if source.pk == target.pk:
        raise InvalidInput("A complaint cannot be merged into itself.", field="target")
    first, second = sorted([source.pk, target.pk])
    locked = {
        c.pk: c for c in Complaint.objects.select_for_update().filter(pk__in=[first, second]).order_by("pk")
    }
    source, target = locked[source.pk], locked[target.pk]
    if target.state in (State.MERGED, State.SPAM):
        raise InvalidTransition(
            f"{target.reference} is {State(target.state).label.lower()}; merge into an open one."
        )
    source.merged_into = target
    source.save(update_fields=["merged_into"])
    _move(source, State.MERGED, by=by, reason=reason or f"Merged into {target.reference}")
    _record(
        target,
        EventKind.MERGED,
        by=by,
        reason=reason or f"{source.reference} merged into this complaint",
        data={"source": source.reference, "story": source.story},
    )
    return target
