"""The one inbound pipeline. SMTP, IMAP and webhooks hand raw bytes to ``inbound_receive``,
which stores them before anything reads them, then processes them; file imports store a batch
at a time (``imports.inbound_import``) and process each message through the same
``inbound_process``.

Processing ends in one of: a new complaint, a message on an existing complaint, a bounce
recorded against an address, or quarantine with a reason a person can read. Nothing is dropped.
"""

import hashlib
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.db import DatabaseError, DataError, IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from amends.accounts.models import Team, User
from amends.complaints import services as complaint_services
from amends.complaints.models import (
    Channel,
    Complaint,
    ContactMethod,
    ContactPoint,
    Direction,
    Message,
    State,
)
from amends.complaints.services import CustomerMessage
from amends.core.errors import AmendsError, InvalidInput, InvalidTransition
from amends.core.inserts import rows_update

from . import attachments, matching, noise, parsing
from .models import InboundMail, Noise, Outcome, Source, Status
from .selectors import require_inbound_manager
from .text import strip_reply, strip_signature

logger = logging.getLogger(__name__)

RAW_TYPE = "message/rfc822"
NO_TEXT = "(The message had no text.)"
CUT_NOTE = "\n\n[Cut here: the rest is in the original message, which is kept as it arrived.]"
NULL_SENDER = "<>"


class Quarantine(Exception):
    """Processing cannot go on without a person; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Received:
    inbound: InboundMail
    duplicate: bool  # it had been taken in already: nothing was done this time

    @property
    def result(self) -> str:
        """One word for counting: duplicate, quarantined, new, threaded, bounce or pending."""
        if self.duplicate:
            return "duplicate"
        if self.inbound.status == Status.QUARANTINED:
            return "quarantined"
        return self.inbound.outcome or self.inbound.status


def inbound_receive(
    *,
    raw: bytes,
    source: Source,
    source_ref: str = "",
    envelope_from: str = "",
    envelope_to: list[str] | None = None,
) -> Received:
    """Store ``raw`` (once: a repeat by Message-ID or hash is a duplicate), then process it.

    Two transactions: the bytes are committed before parsing starts, so a crash or a bug while
    reading never loses them. A database failure raises; callers then ask the sender to retry.
    """
    inbound, created = inbound_store(
        raw=raw, source=source, source_ref=source_ref, envelope_from=envelope_from, envelope_to=envelope_to
    )
    if not created and inbound.status != Status.PENDING:
        return Received(inbound, duplicate=True)
    # Stored but never processed (the last attempt died): this delivery takes it in.
    return Received(inbound_process(inbound=inbound, raw=raw), duplicate=False)


def inbound_store(
    *,
    raw: bytes,
    source: Source,
    source_ref: str = "",
    envelope_from: str = "",
    envelope_to: list[str] | None = None,
) -> tuple[InboundMail, bool]:
    """Keep the raw bytes; return the stored mail and whether it is new (``False``: a repeat)."""
    inbound = inbound_row(
        raw=raw, source=source, source_ref=source_ref, envelope_from=envelope_from, envelope_to=envelope_to
    )
    try:
        with transaction.atomic():
            inbound.save(force_insert=True)
            return inbound, True
    except IntegrityError:
        same = (
            Q(sha256=inbound.sha256) | Q(msgid=inbound.msgid) if inbound.msgid else Q(sha256=inbound.sha256)
        )
        existing = InboundMail.objects.defer("raw").filter(same).order_by("id").first()
        if existing is None:
            raise
        InboundMail.objects.filter(pk=existing.pk).update(duplicates=F("duplicates") + 1)
        return existing, False


def inbound_row(
    *,
    raw: bytes,
    source: Source,
    source_ref: str = "",
    envelope_from: str = "",
    envelope_to: list[str] | None = None,
) -> InboundMail:
    """An unsaved row for ``raw``, with its hash and the Message-ID read from its header block."""
    msgid = parsing.header_message_id(raw)
    return InboundMail(
        source=source,
        source_ref=source_ref[:300],
        envelope_from=envelope_from[:254],
        envelope_to="\n".join(envelope_to or [])[:5000],
        raw=raw,
        size=len(raw),
        sha256=hashlib.sha256(raw).hexdigest(),
        msgid=msgid if msgid and len(msgid) <= 255 else None,
    )


def inbound_process(
    *,
    inbound: InboundMail,
    raw: bytes | None = None,
    force: bool = False,
    reply_to: str = "",
    by: User | None = None,
    fresh: bool = False,
    batch: "Batch | None" = None,
) -> InboundMail:
    """Turn stored mail into a complaint, a message on one, a bounce record, or a quarantine.

    Only pending or quarantined mail is processed; anything else is returned as it is (so two
    deliveries racing cannot both make a complaint). ``force`` (a person's release) lifts the
    size limit, reads unreadable mail as plain text and lets our own address through;
    ``reply_to`` stands in for a missing sender. ``fresh``: the caller stored the row in its
    own, still open transaction, so no one else can be working on it. ``batch``: new
    complaints and replies are gathered there and written together when it is flushed, and
    fresh rows are saved with it (an import).
    """
    # Inside a caller's transaction (an import batch) no savepoint is needed here: failures of
    # the message itself are caught by the inner one, and anything else should end the batch.
    with transaction.atomic(savepoint=False), _held_on_failure(inbound, batch):
        claimed = fresh or InboundMail.objects.filter(
            pk=inbound.pk, status__in=[Status.PENDING, Status.QUARANTINED]
        ).update(attempts=F("attempts") + 1)
        if not claimed:
            return InboundMail.objects.defer("raw").get(pk=inbound.pk)
        inbound.attempts += 1
        if raw is None:
            raw = bytes(InboundMail.objects.values_list("raw", flat=True).get(pk=inbound.pk) or b"")
        inbound.handled_by = by
        _attempt(inbound, raw, force=force, reply_to=reply_to, batch=batch)
    return inbound


@contextmanager
def _held_on_failure(inbound: InboundMail, batch: "Batch | None") -> Iterator[None]:
    """Hold ``inbound`` for a person, with the reason, if the block fails because of the message."""
    try:
        yield
    except Quarantine as exc:
        _hold(inbound, exc.reason, batch)
    except AmendsError as exc:
        _hold(inbound, exc.message, batch)
    except (IntegrityError, DataError) as exc:  # this message's data, not the database
        _hold(inbound, f"Could not be stored: {type(exc).__name__}: {exc}"[:2000], batch)
    except DatabaseError:
        raise  # an outage or a schema fault: the sender keeps the mail and tries again
    except Exception as exc:  # a bug or input no one foresaw: held for a person, never lost
        logger.exception("Inbound mail %s could not be processed", inbound.pk)
        _hold(inbound, f"Could not be processed: {type(exc).__name__}: {exc}"[:2000], batch)


class _FlushFirst(Exception):
    """The message may depend on what is still waiting in the batch."""


def _attempt(inbound: InboundMail, raw: bytes, *, force: bool, reply_to: str, batch: "Batch | None") -> None:
    if batch is None:
        with transaction.atomic():
            _process(inbound, raw, force=force, reply_to=reply_to, batch=None)
        return
    # In a batch, what this message writes at once (a bounce, a reply with files) has its own
    # savepoint; the rest only reads until the batch is flushed, so it needs none.
    try:
        _process(inbound, raw, force=force, reply_to=reply_to, batch=batch)
    except _FlushFirst:
        # Flushed outside this message's savepoint, so a failure of this message cannot undo
        # the complaints the others became.
        batch.flush()
        _process(inbound, raw, force=force, reply_to=reply_to, batch=batch)


def _hold(inbound: InboundMail, reason: str, batch: "Batch | None" = None) -> None:
    inbound.status = Status.QUARANTINED
    inbound.outcome = Outcome.NONE
    inbound.reason = reason
    inbound.complaint = inbound.message = None
    _save(inbound, keep_raw=True, batch=batch)


_SAVED = ["status", "outcome", "noise", "reason", "from_address", "subject", "complaint", "message"]
_SAVED += ["processed_at", "handled_by", "attempts"]


def _save(inbound: InboundMail, *, keep_raw: bool, batch: "Batch | None" = None) -> None:
    inbound.processed_at = timezone.now()
    fields = list(_SAVED)
    if not keep_raw:
        # The complaint's message now holds the one copy of the bytes.
        inbound.raw = None
        fields.append("raw")
    if batch is not None and batch.save_later(inbound):
        return
    inbound.save(update_fields=fields)


def _process(inbound: InboundMail, raw: bytes, *, force: bool, reply_to: str, batch: "Batch | None") -> None:
    limit = settings.AMENDS_MAIL_MAX_BYTES
    if len(raw) > limit and not force:
        _note_headers(inbound, raw)
        raise Quarantine(f"Larger than the {limit:,}-byte limit ({len(raw):,} bytes).")
    try:
        parsed = batch.parse(inbound, raw) if batch is not None else parsing.parse(raw)
    except Exception as exc:
        if not force:
            reason = str(exc) if isinstance(exc, parsing.Unreadable) else f"Could not be read: {exc}"
            raise Quarantine(reason) from exc
        parsed = parsing.parse_leniently(raw)
    inbound.from_address = parsed.from_address[:254]
    inbound.subject = parsed.subject[:300]
    kind, why = noise.classify(parsed, null_sender=inbound.envelope_from == NULL_SENDER)
    inbound.noise, inbound.reason = kind, why
    if kind == Noise.BOUNCE:
        report = noise.read_bounce(parsed)
        if batch and batch.concerned_by(report):
            raise _FlushFirst
        with transaction.atomic(savepoint=batch is not None):
            _bounce(inbound, report, batch)
        return
    if parsed.from_address in our_addresses():
        inbound.noise = Noise.LOOP  # even when released: never acknowledged, or it loops
        if not force:
            raise Quarantine(f"Sent from our own address {parsed.from_address}: a mail loop, not a customer.")
    sender = reply_to or usable_sender(parsed, envelope_from=inbound.envelope_from)
    if not sender:
        shown = parsing.header(parsed.message, "from") or "missing"
        raise Quarantine(f"No usable sender: no address we could reply to (From: {shown}).")
    envelope_to = inbound.envelope_to.split()
    if batch and batch.answered_by(parsed):
        raise _FlushFirst  # it answers a message still waiting in the batch
    known = batch.known() if batch is not None else None
    match = matching.find_complaint(parsed, envelope_to=envelope_to, known=known)
    if match is None and batch and matching.may_continue(parsed, envelope_to=envelope_to):
        raise _FlushFirst  # it may answer a complaint still waiting in the batch
    if match is not None and not _starts_new(match.complaint, kind):
        _thread(inbound, parsed, raw, sender, match, batch=batch)
    else:
        _new(inbound, parsed, raw, sender, follows=match.complaint if match else None, batch=batch)


def _note_headers(inbound: InboundMail, raw: bytes) -> None:
    """Sender and subject from the header block alone, so held mail can be told apart."""
    headers = parsing.parse_headers(raw[: parsing.header_block_end(raw)])
    inbound.subject = parsing.header(headers, "subject")[:300]
    inbound.from_address = parseaddr(parsing.header(headers, "from"))[1][:254]


def usable_sender(parsed: parsing.ParsedMail, *, envelope_from: str = "") -> str:
    """The address to answer: From, unless it is a no-reply address with a Reply-To; then the
    other candidates in turn. "" when none is an address we can write to."""
    candidates = [parsed.from_address, parsed.reply_to, parsed.sender, envelope_from]
    if parsed.reply_to and parsed.from_address.split("@")[0].replace("-", "") in {"noreply", "donotreply"}:
        candidates.insert(0, parsed.reply_to)
    for candidate in candidates:
        try:
            address = complaint_services.normalise_email(candidate)
        except InvalidInput:
            continue
        if address:
            return address
    return ""


_OURS: ContextVar[frozenset[str] | None] = ContextVar("amends_mail_our_addresses", default=None)


def our_addresses() -> frozenset[str]:
    """Addresses we send from; mail from them coming back in is a loop."""
    known = _OURS.get()
    if known is not None:
        return known
    ours = {parseaddr(settings.DEFAULT_FROM_EMAIL)[1].lower()}
    ours.update(a.lower() for a in Team.objects.exclude(reply_from="").values_list("reply_from", flat=True))
    return frozenset(ours)


@contextmanager
def our_addresses_read_once() -> Iterator[None]:
    """Within the block, read our own addresses once rather than per message (an import)."""
    token = _OURS.set(our_addresses())
    try:
        yield
    finally:
        _OURS.reset(token)


def _starts_new(complaint: Complaint, kind: Noise) -> bool:
    # Automatic mail never opens a complaint of its own just because the old one is closed.
    return settings.AMENDS_MAIL_REPLY_TO_CLOSED == "new" and complaint.state == State.CLOSED and not kind


def _fit(text: str) -> str:
    limit = settings.AMENDS_MAX_STORY_CHARS
    return text if len(text) <= limit else text[: limit - len(CUT_NOTE)].rstrip() + CUT_NOTE


def _summary(subject: str) -> str:
    subject = matching.REFERENCE.sub("", subject)
    while True:
        head, colon, rest = subject.partition(":")
        if not colon or head.strip().lower() not in {"re", "fw", "fwd", "aw", "wg", "sv", "tr", "rv"}:
            return subject.strip()
        subject = rest


def _new(
    inbound: InboundMail,
    parsed: parsing.ParsedMail,
    raw: bytes,
    sender: str,
    *,
    follows: Complaint | None,
    batch: "Batch | None",
) -> None:
    extra: dict[str, object] = {"inbound": inbound.pk}
    if inbound.noise:
        extra["noise"] = inbound.noise
    if follows is not None:
        extra["follows"] = follows.reference
    data = complaint_services.ComplaintInput(
        channel=Channel.EMAIL,
        name=(parsed.from_name or sender.split("@")[0])[:200],
        email=sender,
        story=_fit(strip_signature(parsed.text) or _summary(parsed.subject) or NO_TEXT),
        summary=_summary(parsed.subject),
        raw=raw,
        raw_content_type=RAW_TYPE,
        message_id=parsed.message_id,
        acknowledge=not inbound.noise,
        extra=extra,
    )
    if batch is not None:
        complaint_services.complaint_input_check(data)  # refused now, not when the batch is flushed
        batch.add(inbound, parsed, data)
        return
    (intake,) = complaint_services.complaints_receive(items=[data])
    _finish(inbound, parsed, Outcome.NEW, intake.complaint, intake.message)


class Batch:
    """The work of a batch of mail (an import) that is written together rather than message by
    message: new complaints, replies to complaints on file, and the mail rows themselves.

    A message that may depend on what is waiting (it answers a waiting message, may answer a
    waiting complaint, or is a bounce) has the batch flushed first, so the result is as if the
    mail were read one at a time. If the database refuses a flush, each waiting message is
    written on its own so that only the faulty one is quarantined.

    ``mail``, the batch's stored rows and bytes in the order they will be processed, is read
    ahead: the complaints it names are then found in a few queries (``matching.Known``), read
    again after each write.
    """

    def __init__(self, mail: Sequence[tuple[InboundMail, bytes]] = ()) -> None:
        self.ahead = [(inbound.pk, _readable(raw), inbound.envelope_to.split()) for inbound, raw in mail]
        self.place = {pk: index for index, (pk, _, _) in enumerate(self.ahead)}
        self.at = 0  # the message being processed, as an index in ``ahead``
        self._known: matching.Known | None = None
        self.new: list[tuple[InboundMail, parsing.ParsedMail, complaint_services.ComplaintInput]] = []
        self.replies: list[tuple[InboundMail, parsing.ParsedMail, Complaint, CustomerMessage]] = []
        self.message_ids: set[str] = set()  # of the messages waiting
        self.fresh: set[int] = set()  # ids of the rows stored in this batch's transaction
        self.rows: dict[int, InboundMail] = {}  # fresh rows processed, to be saved with the batch

    def __bool__(self) -> bool:
        return bool(self.new or self.replies)

    def parse(self, inbound: InboundMail, raw: bytes) -> parsing.ParsedMail:
        """``raw`` parsed, as read ahead (raising as ``parsing.parse`` does); ``inbound`` is next."""
        self.at = self.place.get(inbound.pk, len(self.ahead))
        parsed = self.ahead[self.at][1] if self.at < len(self.ahead) else None
        return parsed or parsing.parse(raw)

    def known(self) -> matching.Known:
        """What the mail from the one being processed on names, as the database has it now."""
        if self._known is None:
            rest = self.ahead[self.at :]
            self._known = matching.Known((parsed, to) for _, parsed, to in rest if parsed is not None)
        return self._known

    def forget(self) -> None:
        """Something is about to be written: what ``known`` read may be out of date."""
        self._known = None

    def add(
        self, inbound: InboundMail, parsed: parsing.ParsedMail, data: complaint_services.ComplaintInput
    ) -> None:
        self.new.append((inbound, parsed, data))
        self._waits(parsed)

    def add_reply(
        self, inbound: InboundMail, parsed: parsing.ParsedMail, complaint: Complaint, item: CustomerMessage
    ) -> None:
        self.replies.append((inbound, parsed, complaint, item))
        self._waits(parsed)

    def _waits(self, parsed: parsing.ParsedMail) -> None:
        if parsed.message_id:
            self.message_ids.add(parsed.message_id)

    def answered_by(self, parsed: parsing.ParsedMail) -> bool:
        """Whether ``parsed`` names a waiting message in In-Reply-To or References."""
        return bool(self.message_ids) and any(
            message_id in self.message_ids for message_id in parsed.in_reply_to + parsed.references
        )

    def concerned_by(self, bounce: noise.Bounce) -> bool:
        """Whether what ``bounce`` records depends on mail waiting in the batch.

        A failed address is noted on each open complaint of its customer, and a failed message
        on its complaint: waiting mail may create that address, add or reopen such a complaint,
        or add to its timeline before the note. Nothing is recorded without a failed address.
        """
        failed = {address.strip().lower() for address, _ in bounce.failed}
        if not failed or not self:
            return False
        emails = {data.email for _, _, data in self.new}
        if failed & emails:
            return True
        owners = set(
            ContactPoint.objects.filter(kind=ContactMethod.EMAIL, value__in=failed).values_list(
                "customer_id", flat=True
            )
        )
        answered = {complaint.pk for _, _, complaint, _ in self.replies}
        if {complaint.customer_id for _, _, complaint, _ in self.replies} & owners:
            return True
        if owners and ContactPoint.objects.filter(customer_id__in=owners, value__in=emails).exists():
            return True
        named = Message.objects.filter(
            message_id__in=bounce.original_message_ids,
            direction=Direction.OUTBOUND,
            complaint_id__in=answered,
        )
        return bool(answered and bounce.original_message_ids) and named.exists()

    def save_later(self, inbound: InboundMail) -> bool:
        """Keep a fresh row to save with the batch; ``False`` for a row that must be saved now."""
        if inbound.pk not in self.fresh:
            return False
        self.rows[inbound.pk] = inbound
        return True

    def flush(self) -> None:
        """Write the new complaints, then the replies, that are waiting."""
        new, replies, self.new, self.replies = self.new, self.replies, [], []
        self.message_ids.clear()
        if new or replies:
            self.forget()
        if new:
            self._flush_new(new)
        if replies:
            self._flush_replies(replies)

    def save(self) -> None:
        """Save the rows kept for the batch, in a few statements whatever their number."""
        rows, self.rows = list(self.rows.values()), {}
        kept = [row for row in rows if row.raw is not None]  # their bytes are stored already
        rows_update(kept, _SAVED)
        rows_update([row for row in rows if row.raw is None], [*_SAVED, "raw"])

    def _flush_new(
        self, new: list[tuple[InboundMail, parsing.ParsedMail, complaint_services.ComplaintInput]]
    ) -> None:
        try:
            with transaction.atomic():
                received = complaint_services.complaints_receive(items=[data for _, _, data in new])
                for (inbound, parsed, _), intake in zip(new, received, strict=True):
                    _finish(inbound, parsed, Outcome.NEW, intake.complaint, intake.message, self)
        except (IntegrityError, DataError):
            for inbound, parsed, data in new:
                with _held_on_failure(inbound, self), transaction.atomic():
                    (intake,) = complaint_services.complaints_receive(items=[data])
                    _finish(inbound, parsed, Outcome.NEW, intake.complaint, intake.message, self)

    def _flush_replies(
        self, replies: list[tuple[InboundMail, parsing.ParsedMail, Complaint, CustomerMessage]]
    ) -> None:
        try:
            with transaction.atomic():
                messages = complaint_services.complaints_add_customer_messages(items=[r[3] for r in replies])
                for (inbound, parsed, complaint, _), message in zip(replies, messages, strict=True):
                    _finish(inbound, parsed, Outcome.THREADED, complaint, message, self)
        except DatabaseError as exc:
            if not isinstance(exc, IntegrityError | DataError):
                raise
            self._replies_one_by_one(replies)
        except Exception:  # a reply refused (AmendsError) or a bug: found and held below
            self._replies_one_by_one(replies)

    def _replies_one_by_one(
        self, replies: list[tuple[InboundMail, parsing.ParsedMail, Complaint, CustomerMessage]]
    ) -> None:
        for inbound, parsed, complaint, item in replies:
            with _held_on_failure(inbound, self), transaction.atomic():
                (message,) = complaint_services.complaints_add_customer_messages(items=[item])
                _finish(inbound, parsed, Outcome.THREADED, complaint, message, self)


def _readable(raw: bytes) -> parsing.ParsedMail | None:
    if len(raw) > settings.AMENDS_MAIL_MAX_BYTES:
        return None  # held unread
    try:
        return parsing.parse(raw)
    except Exception:  # parsed again when its turn comes, and held for the reason
        return None


def _thread(
    inbound: InboundMail,
    parsed: parsing.ParsedMail,
    raw: bytes,
    sender: str,
    match: matching.Match,
    *,
    batch: Batch | None,
) -> None:
    item = CustomerMessage(
        complaint=match.complaint,
        body=_fit(strip_reply(parsed.text) or NO_TEXT),
        channel=Channel.EMAIL,
        raw=raw,
        raw_content_type=RAW_TYPE,
        message_id=parsed.message_id,
        from_address=sender,
        subject=parsed.subject,
        automatic=bool(inbound.noise),
    )
    inbound.reason = inbound.reason or f"Threaded by {match.by}."
    if batch is not None and not parsed.attachments:
        complaint_services.customer_message_check(item.body)  # refused now, not when flushed
        batch.add_reply(inbound, parsed, match.complaint, item)
        return
    # Files are stored with the message, in its savepoint: a file that fails undoes the reply.
    if batch is not None:
        batch.forget()  # it writes now
    with transaction.atomic(savepoint=batch is not None):
        (message,) = complaint_services.complaints_add_customer_messages(items=[item])
        _finish(inbound, parsed, Outcome.THREADED, match.complaint, message, batch)


def _finish(
    inbound: InboundMail,
    parsed: parsing.ParsedMail,
    outcome: Outcome,
    complaint: Complaint,
    message: Message | None,
    batch: Batch | None = None,
) -> None:
    if message is not None and parsed.attachments:
        attachments.attachments_store(inbound=inbound, message=message, parts=parsed.attachments)
    inbound.status, inbound.outcome = Status.PROCESSED, outcome
    inbound.complaint, inbound.message = complaint, message
    _save(inbound, keep_raw=False, batch=batch)


def _bounce(inbound: InboundMail, report: noise.Bounce, batch: Batch | None) -> None:
    # What this writes (a message failed, an address failing, notes on timelines) changes
    # nothing a batch's ``matching.Known`` holds, so that is not read again.
    complaint = None
    if report.failed:
        reason = report.failed[0][1]
        for message_id in report.original_message_ids:
            bounced = complaint_services.message_record_bounce(message_id=message_id, reason=reason)
            complaint = bounced.complaint if bounced else complaint
        for address, diagnostic in report.failed:
            complaint_services.contact_point_mark_failing(value=address, reason=diagnostic)
        failed = ", ".join(address for address, _ in report.failed)
        inbound.reason = f"{inbound.reason} Failed: {failed}."
    else:
        inbound.reason = f"{inbound.reason} No permanent failure listed; nothing marked."
    inbound.status, inbound.outcome, inbound.complaint = Status.PROCESSED, Outcome.BOUNCE, complaint
    _save(inbound, keep_raw=True, batch=batch)


def _require(by: User | None) -> None:
    # ``None`` is the operator at the command line, who already holds the keys.
    if by is not None:
        require_inbound_manager(by)


def inbound_retry(*, inbound: InboundMail, by: User | None) -> InboundMail:
    """Run quarantined mail through the pipeline again (after a fix or a change of settings)."""
    _require(by)
    if inbound.status not in (Status.QUARANTINED, Status.PENDING):
        raise InvalidTransition(
            f"This mail is {inbound.get_status_display().lower()}; only held mail is retried."
        )
    return inbound_process(inbound=inbound, by=by)


def inbound_release(*, inbound: InboundMail, by: User | None, reply_to: str = "") -> InboundMail:
    """Let quarantined mail through as it is: no size limit, unreadable mail taken as plain text,
    and ``reply_to`` as the customer's address when the message has none we can use.

    Raises ``InvalidInput`` for a ``reply_to`` that is not an email address.
    """
    _require(by)
    if inbound.status != Status.QUARANTINED:
        raise InvalidTransition("Only quarantined mail can be released.")
    address = complaint_services.normalise_email(reply_to) if reply_to.strip() else ""
    return inbound_process(inbound=inbound, force=True, reply_to=address, by=by)


@transaction.atomic
def inbound_dismiss(*, inbound: InboundMail, by: User | None, reason: str = "") -> InboundMail:
    """Take quarantined mail out of the queue for good (spam, say); the bytes are kept."""
    _require(by)
    inbound = InboundMail.objects.select_for_update().defer("raw").get(pk=inbound.pk)
    if inbound.status != Status.QUARANTINED:
        raise InvalidTransition("Only quarantined mail can be dismissed.")
    who = by.display_name if by else "the operator"
    note = f"Dismissed by {who}" + (f": {reason.strip()}" if reason.strip() else ".")
    inbound.status = Status.DISMISSED
    inbound.reason = f"{inbound.reason}\n{note}".strip()
    inbound.handled_by = by
    inbound.processed_at = timezone.now()
    inbound.save(update_fields=["status", "reason", "handled_by", "processed_at"])
    return inbound
