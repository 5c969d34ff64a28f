"""Messages with the customer: replies, calls, notes, their messages, system mail and bounces."""

from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import make_msgid
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from amends.accounts.models import User
from amends.core.errors import InvalidInput, InvalidTransition
from amends.core.inserts import rows_insert
from amends.core.tasks import enqueue_on_commit
from amends.promises import services as promise_services
from amends.promises.regimes import ResponseKind

from ..models import (
    Channel,
    Complaint,
    Delivery,
    Direction,
    EventKind,
    Message,
    State,
)
from ._base import (
    CUSTOMER,
    SYSTEM,
    _event,
    _locked,
    _move,
    _record,
    _record_promises,
    _refresh_due,
    _require_staff_access,
)
from .customers import customer_email


def _outbound(complaint: Complaint, *, by: User | None, subject: str, body: str, to_address: str) -> Message:
    from ..tasks import deliver_message

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
    from ..messages import next_steps_text, reply_subject

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


@dataclass(frozen=True)
class CustomerMessage:
    """A further message from the customer, as ``complaint_add_customer_message`` takes it."""

    complaint: Complaint
    body: str
    channel: Channel
    raw: bytes = b""
    raw_content_type: str = ""
    message_id: str | None = None
    by: User | None = None
    from_address: str = ""
    subject: str = ""
    automatic: bool = False


def customer_message_check(body: str) -> None:
    """Raise ``InvalidInput`` if ``complaint_add_customer_message`` would refuse ``body``."""
    if not body.strip():
        raise InvalidInput("The message is empty.", field="body")
    if len(body) > settings.AMENDS_MAX_STORY_CHARS:
        raise InvalidInput(
            f"Please keep a message under {settings.AMENDS_MAX_STORY_CHARS:,} characters.",
            field="body",
        )


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
    item = CustomerMessage(
        complaint=complaint,
        body=body,
        channel=channel,
        raw=raw,
        raw_content_type=raw_content_type,
        message_id=message_id,
        by=by,
        from_address=from_address,
        subject=subject,
        automatic=automatic,
    )
    return complaints_add_customer_messages(items=[item])[0]


@transaction.atomic
def complaints_add_customer_messages(*, items: Sequence[CustomerMessage]) -> list[Message]:
    """``complaint_add_customer_message`` for many messages, in order, in a few statements.

    The one write path for further customer messages: one message is a list of one. The
    result is as if each were added in turn (a second message to a complaint sees the state the
    first left it in), but messages and their timeline entries are written together, except
    where a complaint moves. All or nothing: ``InvalidInput`` for the first body refused.
    """
    locked = _locked_many([item.complaint for item in items])
    for item in items:
        customer_message_check(item.body)
    messages: list[Message] = []
    waiting: list[tuple[Message, User | None]] = []
    for item in items:
        complaint = locked[item.complaint.pk]
        message = Message(
            complaint=complaint,
            direction=Direction.INBOUND,
            channel=item.channel,
            author=item.by,
            from_address=item.from_address[:254],
            subject=item.subject[:300],
            body=item.body.strip(),
            raw=item.raw or None,
            raw_content_type=item.raw_content_type,
            message_id=item.message_id,
        )
        messages.append(message)
        waiting.append((message, item.by))
        to_state, reason = _customer_move(complaint, automatic=item.automatic)
        if to_state is not None:
            _write_customer_messages(waiting)
            waiting = []
            _move(complaint, to_state, by=item.by, label=CUSTOMER, reason=reason)
    _write_customer_messages(waiting)
    return messages


def _locked_many(complaints: list[Complaint]) -> dict[int, Complaint]:
    if len(complaints) == 1:
        return {complaints[0].pk: _locked(complaints[0])}
    found = (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("customer", "team")
        .filter(pk__in={c.pk for c in complaints})
        .order_by("pk")
    )
    locked = {c.pk: c for c in found}
    if missing := [c.pk for c in complaints if c.pk not in locked]:
        raise Complaint.DoesNotExist(f"No complaint with id {missing[0]}.")
    return locked


def _customer_move(complaint: Complaint, *, automatic: bool) -> tuple[State | None, str]:
    if automatic:
        return None, ""
    if complaint.state == State.AWAITING_CUSTOMER:
        return State.IN_PROGRESS, "The customer replied"
    if complaint.state in (State.RESOLVED, State.CLOSED):
        return State.REOPENED, "The customer wrote again after resolution"
    return None, ""


def _write_customer_messages(waiting: list[tuple[Message, User | None]]) -> None:
    if not waiting:
        return
    rows_insert([message for message, _ in waiting])
    rows_insert(
        [
            _event(message.complaint, EventKind.MESSAGE_IN, by=by, label=CUSTOMER, message=message)
            for message, by in waiting
        ]
    )


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
