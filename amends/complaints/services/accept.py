"""Taking a complaint in at once and filing it soon after.

The web form and the API answer a customer as soon as what they sent is stored: one short write
gives them their reference, and a worker files the stored submissions as complaints in batches
through ``complaints_receive``, the one write path for new complaints. Everything that can refuse
the input is checked before the write, so a submission once stored is filed; if filing still
fails (the database refuses it), the submission is kept with the reason for staff.
"""

import hashlib
import json
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import DataError, IntegrityError, connection, transaction
from django.utils import timezone

from amends.accounts.models import User
from amends.core.errors import Conflict, InvalidInput

from ..models import Category, Channel, ContactMethod, ReferenceCounter, Severity, Submission
from .intake import (
    ComplaintInput,
    complaint_input_check,
    complaints_receive,
    next_references,
    start_year_counter,
)

log = logging.getLogger(__name__)

# Set while a filing task is queued and not yet started (with a cache every process shares), so
# a burst of submissions queues one task rather than one each.
FILING_QUEUED = "amends:filing-queued"


@dataclass(frozen=True)
class Accepted:
    """A complaint taken in: the reference the customer was given and when the clock started."""

    reference: str
    received_at: datetime
    created: bool  # False when a repeated request returned the first submission
    complaint_id: int | None = None  # once filed


def request_hash(payload: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def complaint_accept(
    *,
    data: ComplaintInput,
    by: User | None = None,
    idempotency_key: str = "",
    payload: dict[str, Any] | None = None,
) -> Accepted:
    """Take in a complaint from the web form or the API, in one write, and file it soon after.

    Raises ``InvalidInput`` naming the field, exactly as ``complaint_receive`` would. With an
    ``idempotency_key`` (for ``by``), a repeat returns the first submission with ``created``
    False; a repeat whose ``payload`` differs raises ``Conflict``.
    """
    if data.callback_at is not None or data.reference or data.received_at:
        raise ValueError("A structured callback, reference or time is set when filing, not taking in.")
    complaint_input_check(data)
    if len(idempotency_key) > 255:
        raise InvalidInput(
            "The Idempotency-Key header must be at most 255 characters.", field="Idempotency-Key"
        )
    digest = ""
    if idempotency_key:
        digest = request_hash(payload or {})
        first = _first_with_key(by, idempotency_key, digest)
        if first is not None:
            return first
    received_at = timezone.now()
    fields = {
        "channel": data.channel,
        "received_at": received_at,
        "by_id": by.pk if by else None,
        "idempotency_key": idempotency_key,
        "request_hash": digest,
        "data": _data(data),
        "raw": data.raw or None,
        "raw_content_type": data.raw_content_type,
    }
    try:
        reference = _store(fields)
    except IntegrityError:
        # Another request with the same key was stored between our look and our write.
        first = _first_with_key(by, idempotency_key, digest) if idempotency_key else None
        if first is None:
            raise
        return first
    file_soon()
    return Accepted(reference=reference, received_at=received_at, created=True)


def _first_with_key(by: User | None, key: str, digest: str) -> Accepted | None:
    first = (
        Submission.objects.filter(by=by, idempotency_key=key)
        .only("reference", "received_at", "request_hash", "complaint_id")
        .first()
    )
    if first is None:
        return None
    if first.request_hash != digest:
        raise Conflict("This Idempotency-Key was already used with a different request body.")
    return Accepted(first.reference, first.received_at, created=False, complaint_id=first.complaint_id)


def _data(data: ComplaintInput) -> dict[str, Any]:
    return {
        "name": data.name,
        "email": data.email,
        "phone": data.phone,
        "story": data.story,
        "summary": data.summary,
        "outcome_sought": data.outcome_sought,
        "preferred_contact_method": data.preferred_contact_method,
        "preferred_contact_time": data.preferred_contact_time,
        "category": data.category.pk if data.category else None,
        "severity": data.severity,
    }


def _store(fields: dict[str, Any]) -> str:
    """Write the submission with the year's next reference; returns the reference."""
    year = fields["received_at"].year
    if connection.vendor == "postgresql":
        reference = _store_in_one_statement(year, fields)
        if reference is not None:
            return reference
        start_year_counter(year)
        return _store(fields)
    with transaction.atomic():
        reference = next_references(year, 1)[0]
        Submission.objects.create(reference=reference, **fields)
    return reference


def _store_in_one_statement(year: int, fields: dict[str, Any]) -> str | None:
    # The counter is advanced and the row written in one statement and one round trip: the
    # commit that follows is the only other wait. None when the year has no counter yet.
    counter, table = ReferenceCounter._meta.db_table, Submission._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH n AS (UPDATE {counter} SET last = last + 1 WHERE year = %s RETURNING last)
            INSERT INTO {table} (reference, channel, received_at, by_id, idempotency_key,
                request_hash, data, raw, raw_content_type, problem)
            SELECT 'C-' || %s || '-' || lpad(n.last::text, greatest(6, length(n.last::text)), '0'),
                %s, %s, %s, %s, %s, %s::jsonb, %s, %s, ''
            FROM n
            RETURNING reference
            """,  # noqa: S608 - table names are our own
            [
                year,
                str(year),
                fields["channel"],
                fields["received_at"],
                fields["by_id"],
                fields["idempotency_key"],
                fields["request_hash"],
                json.dumps(fields["data"]),
                fields["raw"],
                fields["raw_content_type"],
            ],
        )
        row = cursor.fetchone()
    return str(row[0]) if row else None


def file_soon() -> None:
    """Queue the filing of waiting submissions, once per burst where every process shares a cache."""
    from ..tasks import file_submissions

    if settings.AMENDS_CACHE_SHARED and not cache.add(
        FILING_QUEUED, 1, timeout=settings.AMENDS_FILING_RETRY_SECONDS
    ):
        return  # a filing task is queued and has not started: it will see this submission
    file_submissions.enqueue()


def submissions_file_waiting(*, batch: int = 200, older_than: float = 0) -> int:
    """File every waiting submission, in batches; returns how many were filed.

    The filing task runs this with no ``older_than``. The sweep, a safety net for a task that was
    lost, passes one (seconds) and leaves the newest to the task queued for them.
    """
    if settings.AMENDS_CACHE_SHARED and not older_than:
        # Let a burst gather first: a batch of a hundred costs far less a complaint than a
        # hundred batches of one. Submissions taken in meanwhile see this task still queued.
        time.sleep(settings.AMENDS_FILING_GATHER_MS / 1000)
        cache.delete(FILING_QUEUED)  # from now on a new submission queues a new task
    filed = 0
    while True:
        done, seen = submissions_file(limit=batch, older_than=older_than)
        filed += done
        if seen < batch:
            return filed


def submissions_file(*, limit: int = 200, older_than: float = 0) -> tuple[int, int]:
    """File up to ``limit`` waiting submissions, oldest first; returns (filed, looked at).

    Several workers can file at once: each takes rows the others have not locked. A batch the
    database refuses is filed one submission at a time, and one that still fails keeps its row
    with the reason, for staff to see.
    """
    waiting = Submission.objects.filter(filed_at__isnull=True, problem="")
    if older_than:
        waiting = waiting.filter(received_at__lt=timezone.now() - timedelta(seconds=older_than))
    with transaction.atomic():
        rows = list(waiting.select_for_update(skip_locked=True).order_by("id")[:limit])
        if not rows:
            return 0, 0
        categories = Category.objects.select_related("team").in_bulk(
            {row.data["category"] for row in rows if row.data and row.data.get("category")}
        )
        users = User.objects.in_bulk({row.by_id for row in rows if row.by_id})
        by_user: dict[int | None, list[Submission]] = {}
        for row in rows:
            by_user.setdefault(row.by_id, []).append(row)
        filed = 0
        for user_id, group in by_user.items():
            filed += _file_group(group, users.get(user_id) if user_id else None, categories)
    return filed, len(rows)


def _file_group(rows: list[Submission], by: User | None, categories: dict[Any, Category]) -> int:
    try:
        with transaction.atomic():
            intakes = complaints_receive(items=[_input(row, categories) for row in rows], by=by)
    except (InvalidInput, IntegrityError, DataError, KeyError, TypeError, ValueError) as exc:
        # Refused by the database, or a row this version cannot read: file the others, and keep
        # this one with the reason rather than hold up every submission behind it.
        if len(rows) == 1:
            rows[0].problem = str(getattr(exc, "message", "")) or f"{type(exc).__name__}: {exc}"
            rows[0].save(update_fields=["problem"])
            log.warning("submission %s could not be filed: %s", rows[0].reference, rows[0].problem)
            return 0
        return sum(_file_group([row], by, categories) for row in rows)
    now = timezone.now()
    for row, intake in zip(rows, intakes, strict=True):
        row.complaint, row.filed_at, row.data, row.raw = intake.complaint, now, None, None
    Submission.objects.bulk_update(rows, ["complaint", "filed_at", "data", "raw"])
    return len(rows)


def _input(row: Submission, categories: dict[Any, Category]) -> ComplaintInput:
    data = row.data or {}
    return ComplaintInput(
        channel=Channel(row.channel),
        name=data["name"],
        email=data["email"],
        phone=data["phone"],
        story=data["story"],
        summary=data["summary"],
        outcome_sought=data["outcome_sought"],
        preferred_contact_method=ContactMethod(data["preferred_contact_method"]),
        preferred_contact_time=data["preferred_contact_time"],
        category=categories.get(data["category"]) if data["category"] else None,
        severity=Severity(data["severity"]),
        raw=bytes(row.raw) if row.raw is not None else b"",
        raw_content_type=row.raw_content_type,
        reference=row.reference,
        received_at=row.received_at,
    )
