"""Sending outbound messages by email, with retries and failures visible on the complaint."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import default_task_backend
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Delivery, Direction, EventKind, Message

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def build_email(message: Message) -> EmailMultiAlternatives:
    """The email for an outbound message: threading headers, team From address, text and HTML."""
    complaint = message.complaint
    team = complaint.team
    from_email = team.reply_from if team and team.reply_from else settings.DEFAULT_FROM_EMAIL
    headers = {"Message-ID": message.message_id or "", "X-Amends-Reference": complaint.reference}
    references = [
        ref
        for ref in Message.objects.filter(
            complaint=complaint, message_id__isnull=False, created_at__lte=message.created_at
        )
        .exclude(pk=message.pk)
        .exclude(direction=Direction.INTERNAL)
        .order_by("created_at")
        .values_list("message_id", flat=True)[:20]
        if ref
    ]
    if message.in_reply_to:
        headers["In-Reply-To"] = message.in_reply_to
    if references:
        headers["References"] = " ".join(references)
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=from_email,
        to=[message.to_address],
        headers=headers,
    )
    html = render_to_string("complaints/email/message.html", {"message": message, "complaint": complaint})
    email.attach_alternative(html, "text/html")
    return email


def message_deliver(*, message_id: int) -> Message | None:
    """Send an outbound message once. A failure is recorded and retried with backoff."""
    from .services import _record

    with transaction.atomic():
        message = (
            Message.objects.select_for_update(of=("self",))
            .select_related("complaint", "complaint__team")
            .filter(pk=message_id)
            .first()
        )
        if message is None or message.delivery != Delivery.PENDING:
            return message
        message.delivery_attempts += 1
        try:
            build_email(message).send()
        except Exception as exc:  # any transport failure is recorded, never lost
            logger.warning("Delivery of message %s failed: %s", message_id, exc)
            message.delivery_error = f"{type(exc).__name__}: {exc}"[:2000]
            will_retry = message.delivery_attempts < MAX_ATTEMPTS and default_task_backend.supports_defer
            if not will_retry:
                message.delivery = Delivery.FAILED
                _record(
                    message.complaint,
                    EventKind.DELIVERY_FAILED,
                    by=None,
                    label="Amends",
                    message=message,
                    reason=message.delivery_error,
                )
            message.save(update_fields=["delivery", "delivery_error", "delivery_attempts"])
            if will_retry:
                _schedule_retry(message)
            return message
        message.delivery = Delivery.SENT
        message.delivered_at = timezone.now()
        message.delivery_error = ""
        message.save(update_fields=["delivery", "delivered_at", "delivery_error", "delivery_attempts"])
        return message


def _schedule_retry(message: Message) -> None:
    from .tasks import deliver_message

    delay = timedelta(minutes=2**message.delivery_attempts)
    message_pk = message.pk
    transaction.on_commit(lambda: deliver_message.using(run_after=timezone.now() + delay).enqueue(message_pk))
