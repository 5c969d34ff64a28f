"""The verbs that change a complaint. One transaction each; every change lands on the timeline.

Views, the API, mail adapters and tasks all call these, so a complaint behaves the same whichever
way a change arrives. Side effects (email, tasks) are queued with ``transaction.on_commit``.
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
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from amends.accounts.models import Role, Team, User
from amends.core.errors import Conflict, InvalidInput, InvalidTransition, PermissionDenied
from amends.core.text import one_line
from amends.promises import services as promise_services
from amends.promises.models import Promise, PromiseKind, PromiseState

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


def _next_reference(year: int) -> str:
    # One row a year, incremented in place: the row lock serialises concurrent intakes only for
    # the length of their transactions, and numbers are never reused.
    updated = ReferenceCounter.objects.filter(year=year).update(last=F("last") + 1)
    if not updated:
        try:
            with transaction.atomic():
                ReferenceCounter.objects.create(year=year, last=1)
                return f"C-{year}-{1:06d}"
        except IntegrityError:
            ReferenceCounter.objects.filter(year=year).update(last=F("last") + 1)
    last = ReferenceCounter.objects.values_list("last", flat=True).get(year=year)
    return f"C-{year}-{last:06d}"


def customer_find_or_create(*, name: str, email: str = "", phone: str = "") -> Customer:
    """The customer owning ``email`` (or else ``phone``), created with those contact points if new."""
    email, phone = normalise_email(email), normalise_phone(phone)
    points = [(ContactMethod.EMAIL, email), (ContactMethod.PHONE, phone)]
    for kind, value in points:
        if value:
            found = ContactPoint.objects.select_related("customer").filter(kind=kind, value=value).first()
            if found:
                customer = found.customer
                break
    else:
        customer = Customer.objects.create(name=name.strip() or "Customer")
    existing = set(customer.contact_points.values_list("kind", "value"))
    has_primary = bool(existing)
    for kind, value in points:
        if value and (kind, value) not in existing:
            ContactPoint.objects.get_or_create(
                kind=kind,
                value=value,
                defaults={"customer": customer, "is_primary": not has_primary},
            )
            has_primary = True
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

    Stores the customer's own words and raw input first, starts the first-response promise and
    queues the acknowledgement after commit. Raises ``InvalidInput`` naming the field at fault.
    """
    _validate_input(data)
    now = timezone.now()
    customer = customer_find_or_create(name=data.name, email=data.email, phone=data.phone)
    complaint = Complaint.objects.create(
        reference=_next_reference(now.year),
        customer=customer,
        channel=data.channel,
        category=data.category,
        team=data.category.team if data.category else None,
        severity=data.severity,
        summary=one_line(data.summary or data.story, 200),
        story=data.story.strip(),
        outcome_sought=data.outcome_sought.strip(),
        preferred_contact_method=data.preferred_contact_method,
        preferred_contact_time=data.preferred_contact_time.strip(),
        received_at=now,
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
    promise = promise_services.promise_create_first_response(complaint=complaint, received_at=now)
    complaint.due_at = promise.target_at
    complaint.save(update_fields=["due_at"])
    if data.preferred_contact_time and customer.preferred_contact_time != data.preferred_contact_time:
        Customer.objects.filter(pk=customer.pk).update(
            preferred_contact_time=data.preferred_contact_time,
            preferred_contact_method=data.preferred_contact_method,
        )
    _queue_acknowledgement(complaint)
    return complaint


def _queue_acknowledgement(complaint: Complaint) -> None:
    from .tasks import acknowledge_complaint

    complaint_id = complaint.pk
    transaction.on_commit(lambda: acknowledge_complaint.enqueue(complaint_id))


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
        _release_promises(complaint, to_state)
        complaint.due_at = None
        fields.append("due_at")
    elif from_state not in OPEN_STATES:
        complaint.due_at = promise_services.next_target_for(complaint)
        fields.append("due_at")
    complaint.save(update_fields=fields)
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


def _release_promises(complaint: Complaint, to_state: State) -> None:
    owed = Promise.objects.filter(complaint=complaint, state=PromiseState.OPEN)
    if to_state in (State.RESOLVED, State.CLOSED):
        for promise in owed.filter(kind=PromiseKind.RESOLUTION):
            promise_services.promise_settle(promise=promise)
        # Commitments to do something (a refund by Friday, a callback) outlive resolution; the
        # promise to respond is no longer owed once the matter is resolved.
        owed = owed.filter(kind__in=[PromiseKind.FIRST_RESPONSE, PromiseKind.UPDATE])
    # Withdrawn, merged or spam: nothing is owed any more. Neither case is a broken promise.
    owed.update(state=PromiseState.CANCELLED, settled_at=timezone.now())


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
    return Complaint.objects.select_for_update().select_related("customer", "team").get(pk=complaint.pk)


@transaction.atomic
def complaint_acknowledge(*, complaint_id: int) -> Complaint | None:
    """Send the acknowledgement of a received complaint, once.

    Idempotent: a complaint already past ``received`` is left alone. With no email address the
    complaint stays ``received`` for a person to acknowledge by phone.
    """
    from .messages import acknowledgement_text

    complaint = (
        Complaint.objects.select_for_update().select_related("customer").filter(pk=complaint_id).first()
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
    transaction.on_commit(lambda: deliver_message.enqueue(message_pk))
    return message


def _require_staff_access(complaint: Complaint, by: User) -> None:
    from .selectors import can_user_view_complaint

    if not can_user_view_complaint(by, complaint):
        raise PermissionDenied("This complaint belongs to a team you are not in.")


@transaction.atomic
def complaint_reply(*, complaint: Complaint, by: User, body: str) -> Message:
    """Send a reply to the customer by email and record it.

    The first reply keeps the first-response promise (kept early, kept or broken by its time) and
    moves a new complaint into progress. Raises ``InvalidInput`` when there is nothing to send or
    no address to send it to, ``InvalidTransition`` on a complaint that is merged or spam.
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
    from .messages import reply_subject

    message = _outbound(
        complaint, by=by, subject=reply_subject(complaint), body=body.strip(), to_address=to_address
    )
    _record(complaint, EventKind.MESSAGE_OUT, by=by, message=message)
    if complaint.first_response_at is None:
        complaint.first_response_at = message.created_at
        complaint.save(update_fields=["first_response_at"])
        for promise in promise_services.promises_settle_open(
            complaint=complaint, kind=PromiseKind.FIRST_RESPONSE
        ):
            _record(
                complaint,
                EventKind.PROMISE_SETTLED,
                by=by,
                reason=promise.description,
                data={"promise": promise.pk, "state": promise.state},
            )
    if complaint.state in (State.RECEIVED, State.ACKNOWLEDGED, State.REOPENED):
        _move(complaint, State.IN_PROGRESS, by=by, reason="Replied to the customer")
    _refresh_due(complaint)
    return message


def _refresh_due(complaint: Complaint) -> None:
    due = promise_services.next_target_for(complaint) if complaint.is_open else None
    if due != complaint.due_at:
        complaint.due_at = due
        complaint.save(update_fields=["due_at"])


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
) -> Message:
    """Record a further message from the customer.

    A complaint awaiting the customer goes back into progress; a resolved or closed one reopens,
    because the customer is telling us it is not over.
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
        body=body.strip(),
        raw=raw or None,
        raw_content_type=raw_content_type,
        message_id=message_id,
    )
    _record(complaint, EventKind.MESSAGE_IN, by=by, label=CUSTOMER, message=message)
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
    locked = {c.pk: c for c in Complaint.objects.select_for_update().filter(pk__in=[first, second])}
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
