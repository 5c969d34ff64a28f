"""Taking in a complaint from any channel, once, and acknowledging it."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.tasks import Task
from django.utils import timezone
from django.utils.module_loading import import_string

from amends.accounts.models import User
from amends.core.errors import InvalidInput
from amends.core.inserts import build, rows_insert
from amends.core.tasks import enqueue_many_on_commit
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
    Message,
    ReferenceCounter,
    Severity,
    State,
)
from ._base import CUSTOMER, SYSTEM, _event, _move, _record
from .conversation import _outbound
from .customers import Person, customer_email, customers_find_or_create, normalise_email, normalise_phone


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
    # Set when the complaint was taken in earlier (``complaint_accept``) and is filed now: the
    # reference the customer was given and the time their clock started.
    reference: str = ""
    received_at: datetime | None = None


def next_references(year: int, count: int) -> list[str]:
    # One row a year, advanced in place by ``count`` and read back in the same statement: the row
    # lock serialises concurrent intakes only for the length of their transactions, and numbers
    # are never reused.
    table = ReferenceCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last = last + %s WHERE year = %s RETURNING last",  # noqa: S608
            [count, year],
        )
        row = cursor.fetchone()
    if row is None:
        start_year_counter(year)
        return next_references(year, count)
    return [f"C-{year}-{number:06d}" for number in range(row[0] - count + 1, row[0] + 1)]


def start_year_counter(year: int) -> None:
    """Create the year's reference counter at 0, unless another process just did."""
    ReferenceCounter.objects.bulk_create([ReferenceCounter(year=year, last=0)], ignore_conflicts=True)


def complaint_input_check(data: ComplaintInput) -> None:
    """Raise ``InvalidInput`` naming the field if ``complaint_receive`` would refuse ``data``.

    For callers that gather many complaints before receiving them together (a mail import), so
    one bad message is set aside without holding up the rest.
    """
    _validate_input(data)
    normalise_email(data.email)
    normalise_phone(data.phone)


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


def complaint_receive(*, data: ComplaintInput, by: User | None = None) -> Complaint:
    """Take in a new complaint from any channel.

    Stores the customer's own words and raw input first, starts the policy's promises (first
    response, resolution, regime clocks, a callback asked for) and queues the acknowledgement
    after commit. Raises ``InvalidInput`` naming the field at fault, including a callback time
    in the past or outside business hours.
    """
    return complaints_receive(items=[data], by=by)[0].complaint


@dataclass(frozen=True)
class Intake:
    """A complaint just received and its first message, which holds what the customer sent."""

    complaint: Complaint
    message: Message


def complaints_receive(*, items: Sequence[ComplaintInput], by: User | None = None) -> list[Intake]:
    """``complaint_receive`` for many complaints in one transaction, in a fixed number of statements.

    The one write path for new complaints: a single complaint from the form or the API is a list
    of one. All or nothing: the first invalid item raises ``InvalidInput`` and none is taken in.
    """
    if not items:
        return []
    # Everything that can refuse the input is checked before anything is written. The writes
    # then need no savepoint of their own: a database failure rolls back the caller's
    # transaction too, which every caller (the API's idempotency record, a mail batch) wants.
    for data in items:
        complaint_input_check(data)
    now = timezone.now()
    plans = _plans_alike(items, now)
    with transaction.atomic(savepoint=False):
        return _write(items, plans, by, now)


def _received(data: ComplaintInput, now: datetime) -> datetime:
    return data.received_at or now


def _write(
    items: Sequence[ComplaintInput],
    plans: list[list[promise_services.PromisePlan]],
    by: User | None,
    now: datetime,
) -> list[Intake]:
    customers = customers_find_or_create(
        people=[Person(name=d.name, email=d.email, phone=d.phone) for d in items]
    )
    # Only when some need one: advancing the counter, even by nothing, locks the year's row until
    # this transaction ends, and every complaint taken in meanwhile would wait for it.
    needed = sum(1 for d in items if not d.reference)
    fresh = iter(next_references(now.year, needed) if needed else [])
    references = [d.reference or next(fresh) for d in items]
    complaints = rows_insert(
        [
            _complaint(data, customer, reference, min(p.target_at for p in plan), _received(data, now), now)
            for data, customer, reference, plan in zip(items, customers, references, plans, strict=True)
        ]
    )
    messages = rows_insert(
        [
            _first_message(data, complaint, by, _received(data, now))
            for data, complaint in zip(items, complaints, strict=True)
        ]
    )
    label = CUSTOMER if by is None else ""
    rows_insert(
        [
            _event(
                complaint,
                EventKind.RECEIVED,
                by=by,
                label=label,
                to_state=State.RECEIVED,
                message=message,
                data={"channel": data.channel, **data.extra},
                at=_received(data, now),
            )
            for data, complaint, message in zip(items, complaints, messages, strict=True)
        ]
    )
    promise_services.promises_make_many(made=list(zip(complaints, plans, strict=True)))
    _remember_contact_times(items, customers)
    _queue_after_receive(complaints, acknowledge=[data.acknowledge for data in items])
    return [Intake(c, m) for c, m in zip(complaints, messages, strict=True)]


def _plans_alike(items: Sequence[ComplaintInput], now: datetime) -> list[list[promise_services.PromisePlan]]:
    # Complaints that agree on what the plans depend on get the same plans, so each kind is
    # worked out once per batch rather than once per complaint (a few queries each).
    known: dict[tuple[object, ...], list[promise_services.PromisePlan]] = {}
    plans = []
    for data in items:
        by_phone = data.preferred_contact_method == ContactMethod.PHONE
        key = (
            data.category.pk if data.category else None,
            data.category.team_id if data.category else None,
            data.severity,
            data.callback_at if by_phone else None,
            data.preferred_contact_time if by_phone else "",
            data.received_at,
        )
        if key not in known:
            known[key] = _plans(data, _received(data, now))
        plans.append(list(known[key]))
    return plans


def _plans(data: ComplaintInput, now: datetime) -> list[promise_services.PromisePlan]:
    team = data.category.team if data.category else None
    by_phone = data.preferred_contact_method == ContactMethod.PHONE
    return promise_services.intake_plans(
        received_at=now,
        team_id=team.pk if team else None,
        category_id=data.category.pk if data.category else None,
        severity=data.severity,
        callback_at=data.callback_at if by_phone else None,
        callback_text=data.preferred_contact_time if by_phone else "",
    )


def _complaint(
    data: ComplaintInput,
    customer: Customer,
    reference: str,
    due_at: datetime,
    received_at: datetime,
    now: datetime,
) -> Complaint:
    return build(
        Complaint,
        reference=reference,
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
        received_at=received_at,
        due_at=due_at,
        updated_at=now,
    )


def _first_message(data: ComplaintInput, complaint: Complaint, by: User | None, at: datetime) -> Message:
    return build(
        Message,
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
        created_at=at,
    )


def _remember_contact_times(items: Sequence[ComplaintInput], customers: list[Customer]) -> None:
    for data, customer in zip(items, customers, strict=True):
        if data.preferred_contact_time and customer.preferred_contact_time != data.preferred_contact_time:
            customer.preferred_contact_time = data.preferred_contact_time
            customer.preferred_contact_method = data.preferred_contact_method
            Customer.objects.filter(pk=customer.pk).update(
                preferred_contact_time=data.preferred_contact_time,
                preferred_contact_method=data.preferred_contact_method,
            )


def _queue_after_receive(complaints: list[Complaint], *, acknowledge: list[bool]) -> None:
    """After commit: the acknowledgements, then each task in ``AMENDS_AFTER_RECEIVE_TASKS``.

    Higher apps (triage, say) add their task's dotted path to that setting, so intake from any
    channel starts them without this app importing them. All are queued in one statement.
    """
    from ..tasks import acknowledge_complaint

    calls: list[tuple[Task[Any, Any], tuple[Any, ...]]] = [
        (acknowledge_complaint, (c.pk,)) for c, ack in zip(complaints, acknowledge, strict=True) if ack
    ]
    for path in settings.AMENDS_AFTER_RECEIVE_TASKS:
        task = import_string(path)
        calls.extend((task, (c.pk,)) for c in complaints)
    enqueue_many_on_commit(calls)


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
