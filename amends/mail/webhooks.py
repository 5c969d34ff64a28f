"""Inbound mail and bounce reports from mail providers, through django-anymail's webhooks.

Anymail checks the request and parses the provider's format; the receivers here only hand the
message's bytes to the pipeline (as the provider received them, where its payload has them). A
failure raises, so anymail answers 500 and the provider retries. The webhooks are served only
when ``ANYMAIL["WEBHOOK_SECRET"]`` is set: without it anyone could post mail.
"""

import base64
import functools
import logging
from collections.abc import Callable
from typing import Any

from anymail.signals import EventType, RejectReason, inbound, tracking  # type: ignore[import-untyped]
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern

from amends.complaints.services import contact_point_mark_failing

from .models import Source
from .services import inbound_receive

logger = logging.getLogger(__name__)


def _sparkpost_original(payload: Any) -> bytes:
    content = payload["msys"]["relay_message"]["content"]
    mime = content["email_rfc822"]
    return base64.b64decode(mime) if content.get("email_rfc822_is_base64") else mime.encode()


# Where a provider's payload carries the message as it arrived (raw MIME). Anymail hands on a
# message it has parsed, and writing that out again is not what arrived: headers are refolded
# and encoded words re-encoded, which loses what a wrongly labelled charset really said.
_ORIGINAL: dict[str, Callable[[Any], bytes]] = {
    "SparkPost": _sparkpost_original,
    "Postmark": lambda payload: payload["RawEmail"].encode(),  # with "include raw email content"
    "Mailgun": lambda request: request.POST["body-mime"].encode(),  # a route forwarding to ".../mime"
}


def original_bytes(*, esp_name: str, event: Any) -> bytes:
    """The message's bytes as the provider received them when its payload carries them; else
    (a provider that posts parsed fields) the message anymail built from those fields."""
    read = _ORIGINAL.get(esp_name)
    if read is not None:
        try:
            return read(event.esp_event)
        except (KeyError, TypeError, ValueError):
            pass  # this provider's account posts parsed fields
    raw: bytes = event.message.as_bytes()
    return raw


def _on_inbound(sender: object, event: Any, esp_name: str, **kwargs: Any) -> None:
    message = event.message
    raw = original_bytes(esp_name=esp_name, event=event)
    inbound_receive(
        raw=raw,
        source=Source.WEBHOOK,
        source_ref=f"{esp_name} {event.event_id or ''}".strip(),
        envelope_from=message.envelope_sender or "",
        envelope_to=[message.envelope_recipient] if message.envelope_recipient else [],
    )


def _on_tracking(sender: object, event: Any, esp_name: str, **kwargs: Any) -> None:
    # A bounce for a bad address means it will not take our replies; a block or a spam verdict
    # says nothing about the address itself.
    failed = event.event_type in (EventType.BOUNCED, EventType.REJECTED)
    if failed and event.reject_reason in (RejectReason.INVALID, RejectReason.BOUNCED) and event.recipient:
        reason = event.description or event.mta_response or f"{esp_name} reported {event.event_type}"
        contact_point_mark_failing(value=event.recipient, reason=str(reason))


def connect() -> None:
    inbound.connect(_on_inbound, dispatch_uid="amends.mail.inbound")
    tracking.connect(_on_tracking, dispatch_uid="amends.mail.tracking")


def _secret_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.ANYMAIL.get("WEBHOOK_SECRET"):
            raise Http404("Provider webhooks are off: set AMENDS_MAIL_WEBHOOK_SECRET.")
        return view(request, *args, **kwargs)

    return wrapped


def webhook_urlpatterns() -> list[URLPattern]:
    """Anymail's inbound and tracking endpoints (``<provider>/inbound/`` and so on), served only
    while a webhook secret is configured."""
    from anymail.urls import urlpatterns as anymail_patterns  # type: ignore[import-untyped]

    return [
        URLPattern(p.pattern, _secret_required(p.callback), p.default_args, p.name)
        for p in anymail_patterns
        if isinstance(p, URLPattern)
    ]
