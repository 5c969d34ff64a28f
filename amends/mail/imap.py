"""Polling IMAP mailboxes (IMAPS or STARTTLS), resuming where the last poll stopped.

Each message is fetched without marking it read, handed to the pipeline (committed), then moved
to the processed folder or flagged, and only then is its UID recorded. A crash at any point
means the next poll fetches that message again, and the pipeline knows it as a duplicate. A
lease on the mailbox row keeps two pollers from working the same mailbox at once.
"""

import logging
import os
import ssl
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from imapclient import IMAPClient  # type: ignore[import-untyped]

from .models import AfterIngest, Mailbox, Security, Source
from .services import inbound_receive

logger = logging.getLogger(__name__)

KEYWORD = b"$AmendsIngested"
LEASE = timedelta(minutes=10)
BATCH = 25


@dataclass
class PollResult:
    mailbox: str
    counts: Counter[str] = field(default_factory=Counter)
    error: str = ""


def _take_lease(mailbox: Mailbox) -> bool:
    now = timezone.now()
    free = Q(locked_until__isnull=True) | Q(locked_until__lt=now)
    return bool(Mailbox.objects.filter(free, pk=mailbox.pk).update(locked_until=now + LEASE))


def _connect(mailbox: Mailbox) -> Any:
    context = ssl.create_default_context(cafile=settings.AMENDS_MAIL_IMAP_CA_FILE or None)
    client = IMAPClient(
        mailbox.host,
        port=mailbox.port,
        ssl=mailbox.security == Security.IMAPS,
        ssl_context=context,
        timeout=60,
    )
    if mailbox.security == Security.STARTTLS:
        client.starttls(context)
    password = mailbox.password or os.environ.get(mailbox.password_env, "")
    client.login(mailbox.username, password)
    return client


def mailbox_poll(*, mailbox: Mailbox) -> PollResult:
    """Fetch and ingest every new message in ``mailbox``; the error, if any, is on the result
    and on the mailbox row (``last_error``) for the admin to see."""
    result = PollResult(mailbox.name)
    if not _take_lease(mailbox):
        result.error = "Another poller is working on this mailbox."
        return result
    try:
        client = _connect(mailbox)
        try:
            _poll(client, mailbox, result.counts)
        finally:
            client.logout()
    except Exception as exc:  # network, login, server or database: recorded, retried next poll
        result.error = f"{type(exc).__name__}: {exc}"[:2000]
        logger.warning("Polling mailbox %s failed: %s", mailbox.name, result.error)
    Mailbox.objects.filter(pk=mailbox.pk).update(
        locked_until=None, last_polled_at=timezone.now(), last_error=result.error
    )
    return result


def _poll(client: Any, mailbox: Mailbox, counts: Counter[str]) -> None:
    info = client.select_folder(mailbox.folder)
    validity = int(info[b"UIDVALIDITY"])
    if mailbox.uid_validity != validity:
        # The server renumbered the folder: start again from the top; duplicates are known.
        mailbox.uid_validity, mailbox.last_uid = validity, 0
        Mailbox.objects.filter(pk=mailbox.pk).update(uid_validity=validity, last_uid=0)
    moving = mailbox.after_ingest == AfterIngest.MOVE
    if moving and not client.folder_exists(mailbox.processed_folder):
        client.create_folder(mailbox.processed_folder)
    criteria: list[Any] = ["UID", f"{mailbox.last_uid + 1}:*"]
    if not moving:
        criteria += ["UNKEYWORD", KEYWORD]
    uids = sorted(int(uid) for uid in client.search(criteria) if int(uid) > mailbox.last_uid)
    for start in range(0, len(uids), BATCH):
        chunk = uids[start : start + BATCH]
        fetched = client.fetch(chunk, ["BODY.PEEK[]"])
        for uid in chunk:
            raw = fetched.get(uid, {}).get(b"BODY[]")
            if raw is None:  # expunged by someone else meanwhile
                continue
            received = inbound_receive(
                raw=bytes(raw), source=Source.IMAP, source_ref=f"{mailbox.name} {validity}/{uid}"
            )
            counts[received.result] += 1
            _mark_done(client, mailbox, uid)
            mailbox.last_uid = uid
            Mailbox.objects.filter(pk=mailbox.pk).update(last_uid=uid, locked_until=timezone.now() + LEASE)


def _mark_done(client: Any, mailbox: Mailbox, uid: int) -> None:
    if mailbox.after_ingest == AfterIngest.FLAG:
        client.add_flags([uid], [b"\\Seen", KEYWORD])
    elif client.has_capability("MOVE"):
        client.move([uid], mailbox.processed_folder)
    else:
        client.copy([uid], mailbox.processed_folder)
        client.add_flags([uid], [b"\\Deleted"])
        if client.has_capability("UIDPLUS"):
            client.uid_expunge([uid])
        else:
            client.expunge()


def mailboxes_poll(*, names: list[str] | None = None) -> list[PollResult]:
    """Poll every active mailbox (or those named), one after another."""
    mailboxes = Mailbox.objects.filter(is_active=True).order_by("name")
    if names:
        mailboxes = mailboxes.filter(name__in=names)
    return [mailbox_poll(mailbox=mailbox) for mailbox in mailboxes]
