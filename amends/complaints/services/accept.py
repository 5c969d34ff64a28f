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
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import DataError, IntegrityError, connection, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from amends.accounts.models import User
from amends.core.errors import Conflict, InvalidInput, Throttled
from amends.core.postgresql.prepared import prepared_cursor
from amends.core.tasks import enqueue_once, enqueue_once_sql

from ..models import (
    Category,
    Channel,
    Complaint,
    ContactMethod,
    ReferenceCounter,
    Severity,
    Submission,
)
from .intake import (
    ComplaintInput,
    complaint_input_check,
    complaints_receive,
    next_references,
    start_year_counter,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Accepted:
    """A complaint taken in: the reference the customer was given and when the clock started."""

    reference: str
    received_at: datetime
    created: bool  # False when a repeated request returned the first submission
    complaint_id: int | None = None  # once filed


@dataclass(frozen=True)
class Throttle:
    """At most ``count`` submissions taken in from one ``client`` in any ``seconds``.

    ``client`` is whatever identifies the sender (the web form's is a keyed hash of the address).
    The count is of submissions stored, over a sliding window, in the same write that stores the
    next one: no other store or round trip, and the same count in every web process.
    """

    client: str
    count: int
    seconds: int

    def __post_init__(self) -> None:
        if not self.client or self.count < 1 or self.seconds < 1:
            raise ValueError(f"A throttle needs a client, a count and a time: {self!r}")


THROTTLED = (
    "We have had several complaints from your connection in the last few minutes. "
    "Please wait a minute and send this again; nothing you typed is lost."
)


def request_hash(payload: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def complaint_accept(
    *,
    data: ComplaintInput,
    by: User | None = None,
    idempotency_key: str = "",
    payload: dict[str, Any] | None = None,
    throttle: Throttle | None = None,
) -> Accepted:
    """Take in a complaint from the web form or the API, in one write, and file it soon after.

    Raises ``InvalidInput`` naming the field, exactly as ``complaint_receive`` would. With an
    ``idempotency_key`` (for ``by``, the API client it belongs to), a repeat returns the first
    submission with ``created`` False; a repeat whose ``payload`` differs raises ``Conflict``.
    The filing task is queued in the same write unless one is already waiting to start, so a
    burst of submissions is filed by one task, and none is lost between the write and the queue.
    With a ``throttle``, a client who has reached its count raises ``Throttled`` and nothing is
    stored (nor a reference number used).
    """
    if data.callback_at is not None or data.reference or data.received_at:
        raise ValueError("A structured callback, reference or time is set when filing, not taking in.")
    if idempotency_key and by is None:
        raise ValueError("An idempotency key belongs to the API client that sent it.")
    complaint_input_check(data)
    if len(idempotency_key) > 255:
        raise InvalidInput(
            "The Idempotency-Key header must be at most 255 characters.", field="Idempotency-Key"
        )
    fields = {
        "channel": data.channel,
        "received_at": timezone.now(),
        "by_id": by.pk if by else None,
        "idempotency_key": idempotency_key,
        "request_hash": request_hash(payload or {}) if idempotency_key else "",
        "data": _data(data),
        "raw": data.raw or None,
        "raw_content_type": data.raw_content_type,
        "client": throttle.client if throttle else "",
    }
    store = _store_in_one_statement if connection.vendor == "postgresql" else _store
    stored = store(fields, throttle)
    if stored is None:
        raise Throttled(THROTTLED)
    accepted, digest = stored
    if not accepted.created and digest != fields["request_hash"]:
        raise Conflict("This Idempotency-Key was already used with a different request body.")
    return accepted


# What a store returns: the submission, and the hash of the request that made it (to compare a
# repeat's with).
_Stored = tuple[Accepted, str]


def _first_with_key(by_id: int | None, key: str) -> _Stored | None:
    first = (
        Submission.objects.filter(by_id=by_id, idempotency_key=key)
        .only("reference", "received_at", "request_hash", "complaint_id")
        .first()
    )
    if first is None:
        return None
    return Accepted(first.reference, first.received_at, False, first.complaint_id), first.request_hash


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


def _store(fields: dict[str, Any], throttle: Throttle | None) -> _Stored | None:
    """Write the submission with the year's next reference, then queue its filing (the ORM way).

    None if the throttle's client has reached its count."""
    with transaction.atomic():
        if fields["idempotency_key"]:
            first = _first_with_key(fields["by_id"], fields["idempotency_key"])
            if first is not None:
                return first
        if throttle is not None:
            since = fields["received_at"] - timedelta(seconds=throttle.seconds)
            recent = Submission.objects.filter(client=throttle.client, client__gt="", received_at__gt=since)[
                : throttle.count
            ]
            if recent.count() >= throttle.count:
                return None
        from ..tasks import file_submissions

        reference = next_references(fields["received_at"].year, 1)[0]
        Submission.objects.create(reference=reference, **fields)
    enqueue_once(file_submissions)  # were this process to die first, the sweep files it
    return Accepted(reference, fields["received_at"], created=True), fields["request_hash"]


def _store_in_one_statement(
    fields: dict[str, Any], throttle: Throttle | None, *, again: bool = False
) -> _Stored | None:
    # One statement and one round trip: it finds the first submission with the client's key,
    # or else (unless the sender has reached the throttle's count) advances the year's counter,
    # writes the row and queues the filing task unless one is waiting. The commit that follows
    # is the only other wait. It is prepared once per connection: planning it had cost more
    # than running it.
    year, key = fields["received_at"].year, fields["idempotency_key"]
    # Without a throttle nothing is counted (an empty client matches no row) and 0 < 1.
    allowed = throttle.count if throttle else 1
    since = fields["received_at"] - timedelta(seconds=throttle.seconds if throttle else 0)
    from ..tasks import file_submissions

    filing, filing_params = enqueue_once_sql(file_submissions, when="EXISTS (SELECT 1 FROM stored)")
    with prepared_cursor() as cursor:
        cursor.execute(
            _store_statement(filing),
            [
                key,
                fields["by_id"],
                key,
                fields["client"],
                since,
                allowed,
                year,
                allowed,
                str(year),
                fields["channel"],
                fields["received_at"],
                fields["by_id"],
                key,
                fields["request_hash"],
                json.dumps(fields["data"]),
                fields["raw"],
                fields["raw_content_type"],
                fields["client"],
                *filing_params,
                allowed,
            ],
        )
        row = cursor.fetchone()
    if row is not None:
        outcome, reference, received_at, digest, complaint_id = row
        if outcome == "limited":
            return None
        if outcome == "stored" and not filing:  # a backend other than the database's: queue it now
            enqueue_once(file_submissions)
        return Accepted(reference, received_at, outcome == "stored", complaint_id), digest
    # Nothing written: another request with the same key was written between our look and our
    # write (its number is skipped), or the year has no counter yet.
    first = _first_with_key(fields["by_id"], key) if key else None
    if first is not None:
        return first
    if again:
        raise RuntimeError(f"Could not store a submission for {year}.")
    start_year_counter(year)
    return _store_in_one_statement(fields, throttle, again=True)


def _store_statement(filing: str) -> str:
    """The intake statement, queuing the filing task with ``filing`` (``enqueue_once_sql``) if any."""
    counter, table = ReferenceCounter._meta.db_table, Submission._meta.db_table
    returned = "reference, received_at, request_hash, complaint_id"
    # Each look says ``... > ''`` in so many words, so that even a plan made for every value (a
    # prepared statement's generic plan) can use the partial index on non-empty values.
    return f"""
        WITH first AS (
            SELECT {returned} FROM {table}
            WHERE %s::text > '' AND by_id = %s::bigint AND idempotency_key = %s::text
                AND idempotency_key > ''
        ), recent AS (
            SELECT count(*) AS sent FROM (
                SELECT 1 FROM {table}
                WHERE client = %s::text AND client > '' AND received_at > %s::timestamptz
                LIMIT %s::integer
            ) AS recent
        ), n AS (
            UPDATE {counter} SET last = last + 1
            WHERE year = %s::integer AND NOT EXISTS (SELECT 1 FROM first)
                AND (SELECT sent FROM recent) < %s::integer
            RETURNING last
        ), stored AS (
            INSERT INTO {table} (reference, channel, received_at, by_id, idempotency_key,
                request_hash, data, raw, raw_content_type, client, problem)
            SELECT 'C-' || %s::text || '-' || lpad(n.last::text, greatest(6, length(n.last::text)), '0'),
                %s::text, %s::timestamptz, %s::bigint, %s::text, %s::text, %s::jsonb, %s::bytea,
                %s::text, %s::text, ''
            FROM n
            ON CONFLICT DO NOTHING
            RETURNING {returned}
        ){", filing AS (" + filing + ")" if filing else ""}
        SELECT 'stored', {returned} FROM stored
        UNION ALL SELECT 'first', {returned} FROM first
        UNION ALL SELECT 'limited', NULL, NULL, NULL, NULL FROM recent
            WHERE sent >= %s::integer AND NOT EXISTS (SELECT 1 FROM first)
        """  # noqa: S608 - table names are our own


def submissions_file_waiting(*, batch: int = 200, older_than: float = 0) -> int:
    """File every waiting submission, in batches; returns how many were filed.

    The filing task runs this with no ``older_than``. The sweep, a safety net for a task that was
    lost, passes one (seconds) and leaves the newest to the task queued for them.
    """
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
    # Each row to its complaint by their shared reference, in one statement (a bulk_update of
    # the rows was a third of filing's time).
    filed = Complaint.objects.filter(reference=OuterRef("reference")).values("pk")[:1]
    Submission.objects.filter(pk__in=[row.pk for row in rows]).update(
        complaint=Subquery(filed), filed_at=timezone.now(), data=None, raw=None
    )
    return len(intakes)


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
