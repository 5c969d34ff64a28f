"""Taking in a complaint from any channel, once, and acknowledging it."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from amends.accounts.models import User
from amends.core.errors import Conflict, InvalidInput
from amends.core.tasks import enqueue_on_commit
from amends.core.text import one_line
from amends.promises import services as promise_services
from amends.promises.models import Promise, PromiseKind

from ..models import (
    Category,
    Channel,
    Complaint,
    ContactMethod,
    Customer,
    Direction,
    EventKind,
    IdempotencyKey,
    Message,
    ReferenceCounter,
    Severity,
    State,
)
from ._base import CUSTOMER, SYSTEM, _move, _record
from .conversation import _outbound
from .customers import customer_email, customer_find_or_create, normalise_email


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
    from ..tasks import acknowledge_complaint

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


@transaction.atomic
def complaint_acknowledge(*, complaint_id: int) -> Complaint | None:
    """Send the acknowledgement of a received complaint, once.

    Idempotent: a complaint already past ``received`` is left alone. With no email address the
    complaint stays ``received`` for a person to acknowledge by phone.
    """
    from ..messages import acknowledgement_text

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
