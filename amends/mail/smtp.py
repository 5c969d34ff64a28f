"""The built-in SMTP receiver (aiosmtpd), for mail delivered straight to Amends.

It accepts mail only for our own domains and answers ``250`` only once the bytes are committed;
if the database cannot take them it answers ``451``, so the sending server keeps the message
and tries again. Mail over the hard size limit is refused with ``552`` (the sender learns of it).
"""

import asyncio
import logging
import ssl
from email.utils import parseaddr
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import close_old_connections, connections

from amends.accounts.models import Team

from .models import Source
from .services import NULL_SENDER, Received, inbound_receive

logger = logging.getLogger(__name__)


def accepted_domains() -> set[str]:
    """The domains we take mail for: ``AMENDS_MAIL_DOMAINS``, else those we send from."""
    if settings.AMENDS_MAIL_DOMAINS:
        return {d.lower().lstrip("@") for d in settings.AMENDS_MAIL_DOMAINS}
    addresses = [parseaddr(settings.DEFAULT_FROM_EMAIL)[1]]
    addresses += list(Team.objects.exclude(reply_from="").values_list("reply_from", flat=True))
    return {a.rsplit("@", 1)[-1].lower() for a in addresses if "@" in a}


def _accepts(address: str) -> bool:
    close_old_connections()
    return address.rsplit("@", 1)[-1].lower() in accepted_domains()


def _receive(raw: bytes, mail_from: str, rcpt_tos: list[str], peer: str) -> Received:
    close_old_connections()
    try:
        return inbound_receive(
            raw=raw,
            source=Source.SMTP,
            source_ref=f"smtp from {peer}",
            envelope_from=mail_from or NULL_SENDER,
            envelope_to=rcpt_tos,
        )
    finally:
        close_old_connections()


class InboundHandler:
    """aiosmtpd hooks: check each recipient, then hand the message's bytes to the pipeline."""

    async def handle_RCPT(  # noqa: N802 - the name aiosmtpd calls
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        if not await sync_to_async(_accepts)(address):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        raw = envelope.original_content or b""
        peer = session.peer[0] if isinstance(session.peer, tuple) else str(session.peer)
        try:
            received = await sync_to_async(_receive)(
                bytes(raw), envelope.mail_from or "", list(envelope.rcpt_tos), str(peer)
            )
        except Exception:
            logger.exception("Could not store a message from %s", peer)
            return "451 4.3.0 Could not store the message now; please try again later"
        return f"250 2.0.0 Stored as inbound mail {received.inbound.pk}"


def _tls_context() -> ssl.SSLContext | None:
    if not (settings.AMENDS_MAIL_SMTP_TLS_CERT and settings.AMENDS_MAIL_SMTP_TLS_KEY):
        return None
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(settings.AMENDS_MAIL_SMTP_TLS_CERT, settings.AMENDS_MAIL_SMTP_TLS_KEY)
    return context


def smtp_controller(*, host: str, port: int) -> Controller:
    """An aiosmtpd controller (not started) that receives on ``host``:``port``."""
    options: dict[str, Any] = {
        "hostname": host,
        "port": port,
        "data_size_limit": settings.AMENDS_MAIL_SMTP_MAX_BYTES,
        "decode_data": False,
        "ident": "Amends",
    }
    tls = _tls_context()
    if tls is not None:
        options["tls_context"] = tls
    return Controller(InboundHandler(), **options)


def smtp_controller_stop(controller: Controller) -> None:
    """Close the receiver's database connections (held by its worker thread), then stop it."""
    closing = asyncio.run_coroutine_threadsafe(sync_to_async(connections.close_all)(), controller.loop)
    closing.result(timeout=30)
    controller.stop()
