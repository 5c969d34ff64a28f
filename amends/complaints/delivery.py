"""Sending outbound messages by email, with retries and failures visible on the complaint."""

import base64
import logging
from datetime import timedelta
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import default_task_backend
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from .models import Delivery, Direction, EventKind, Message

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def build_email(message: Message) -> EmailMultiAlternatives:
    """The email for an outbound message: threading headers, team From address, text and HTML."""
    complaint = message.complaint
    team = complaint.team
    from_email = team.reply_from if team and team.reply_from else settings.DEFAULT_FROM_EMAIL
    headers = {"Message-ID": message.message_id or "", "X-Amends-Reference": complaint.reference}
    if settings.AMENDS_MAIL_SIGNED_REPLY_TO:
        headers["Reply-To"] = reply_address(complaint.pk, from_email)
    if message.author_id is None:
        # Written by Amends, not a person (the acknowledgement): RFC 3834 asks automatic mail to
        # say so, and Exchange honours the second header, so no out-of-office answers it.
        headers["Auto-Submitted"] = "auto-replied"
        headers["X-Auto-Response-Suppress"] = "All"
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


def _reply_token(complaint_id: int) -> str:
    # Lower-case base32, because some mail systems lower-case the local part of an address.
    ident = f"c{complaint_id}"
    digest = salted_hmac("amends.mail.reply-to", ident, algorithm="sha256").digest()[:10]
    return f"{ident}-{base64.b32encode(digest).decode().lower()}"


def reply_address(complaint_id: int, from_email: str) -> str:
    """The signed Reply-To that leads a reply back to its complaint: ``care+c123-<sig>@domain``."""
    name, address = parseaddr(from_email)
    local, _, domain = address.partition("@")
    return formataddr((name, f"{local}+{_reply_token(complaint_id)}@{domain}"))


def complaint_id_from_address(address: str) -> int | None:
    """The complaint a signed reply address names, or ``None`` if it is not one or is forged."""
    local = address.partition("@")[0].lower()
    token = local.rsplit("+", 1)[-1] if "+" in local else ""
    ident = token.partition("-")[0]
    if not (ident.startswith("c") and ident[1:].isdigit()):
        return None
    complaint_id = int(ident[1:])
    return complaint_id if constant_time_compare(token, _reply_token(complaint_id)) else None


def message_deliver(*, message_id: int) -> Message | None:
    """Send an outbound message once. A failure is recorded and retried with backoff."""
    from .services._base import _record

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
