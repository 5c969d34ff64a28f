"""Verbs for many complaints at once: one incident update to thousands, links recorded in bulk.

Each does for a batch what its one-complaint verb does for one complaint, in a few statements
whatever the batch's size. The caller owns the transaction, so a batch is recorded whole or not
at all; deliveries are queued with it (one task per batch), never before it commits.
"""

from dataclasses import dataclass, field
from email.utils import make_msgid
from typing import Any

from django.conf import settings
from django.utils import timezone

from amends.accounts.models import User
from amends.core.tasks import enqueue_on_commit

from ..models import (
    Channel,
    Complaint,
    ContactMethod,
    ContactPoint,
    Delivery,
    Direction,
    Event,
    EventKind,
    Message,
)
from ._base import SYSTEM, _event


@dataclass(frozen=True)
class SystemMessage:
    """One email to send on the organisation's behalf, as ``complaint_send_system_message`` takes it."""

    complaint: Complaint
    subject: str
    body: str
    data: dict[str, Any] = field(default_factory=dict)


def customer_emails(customer_ids: list[int]) -> dict[int, str]:
    """Each customer's reply address (primary working email, else any working one), in one query."""
    rows = (
        ContactPoint.objects.filter(
            customer_id__in=customer_ids, kind=ContactMethod.EMAIL, failing_since__isnull=True
        )
        .order_by("customer_id", "-is_primary", "id")
        .values_list("customer_id", "value")
    )
    found: dict[int, str] = {}
    for customer_id, value in rows:
        found.setdefault(customer_id, value)
    return found


def _last_inbound_ids(complaint_ids: list[int]) -> dict[int, str]:
    rows = (
        Message.objects.filter(
            complaint_id__in=complaint_ids, direction=Direction.INBOUND, message_id__isnull=False
        )
        .order_by("complaint_id", "-created_at")
        .values_list("complaint_id", "message_id")
    )
    found: dict[int, str] = {}
    for complaint_id, message_id in rows:
        found.setdefault(complaint_id, message_id or "")
    return found


def complaints_send_system_messages(*, items: list[SystemMessage]) -> dict[int, Message | None]:
    """``complaint_send_system_message`` for many complaints at once.

    Writes the same outbound messages (threaded on each customer's last message) and timeline
    events, or, for a customer with no working email address, the same note for the team. The
    complaints do not move and no promise is settled. Queues one delivery task for the batch
    after commit; each message is then sent (and retried) as any other. The caller owns the
    transaction. Returns each complaint's message by complaint id, ``None`` where none was sent.
    """
    if not items:
        return {}
    complaint_ids = [item.complaint.pk for item in items]
    addresses = customer_emails([item.complaint.customer_id for item in items])
    threads = _last_inbound_ids(complaint_ids)
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">")
    now = timezone.now()
    sent: list[tuple[SystemMessage, Message]] = []
    events: list[Event] = []
    result: dict[int, Message | None] = {}
    for item in items:
        complaint = item.complaint
        to_address = addresses.get(complaint.customer_id, "")
        if not to_address:
            reason = f"Not sent, no email address: {item.subject}"
            events.append(
                _event(
                    complaint, EventKind.NOTE, by=None, label=SYSTEM, reason=reason, data=item.data, at=now
                )
            )
            result[complaint.pk] = None
            continue
        message = Message(
            complaint=complaint,
            direction=Direction.OUTBOUND,
            channel=Channel.EMAIL,
            to_address=to_address,
            subject=item.subject[:300],
            body=item.body,
            message_id=make_msgid(idstring=complaint.reference, domain=domain),
            in_reply_to=threads.get(complaint.pk, ""),
            delivery=Delivery.PENDING,
            created_at=now,
        )
        sent.append((item, message))
    Message.objects.bulk_create([message for _, message in sent])
    for item, message in sent:
        events.append(
            _event(
                item.complaint,
                EventKind.MESSAGE_OUT,
                by=None,
                label=SYSTEM,
                message=message,
                data=item.data,
                at=now,
            )
        )
        result[item.complaint.pk] = message
    Event.objects.bulk_create(events)
    if sent:
        from ..tasks import deliver_messages

        enqueue_on_commit(deliver_messages, [message.pk for _, message in sent])
    return result


def complaints_record_event(
    *,
    complaint_ids: list[int],
    kind: EventKind,
    by: User | None,
    reason: str,
    data: dict[str, Any] | None = None,
    label: str = "",
) -> int:
    """``complaint_record_event`` for many complaints: the same event on each timeline, in one insert.

    For a change another app made to many complaints at once (linking them to an incident, say).
    The caller owns the transaction and has checked the actor may act on each. Returns how many
    events were written.
    """
    now = timezone.now()
    events = [
        # By id, not through ``_event``: a model instance per complaint would cost on 10,000.
        Event(
            complaint_id=pk,
            kind=kind,
            actor=by,
            actor_label="" if by is not None else (label or SYSTEM),
            reason=reason,
            data=data or {},
            created_at=now,
        )
        for pk in complaint_ids
    ]
    Event.objects.bulk_create(events, batch_size=1000)
    return len(events)
