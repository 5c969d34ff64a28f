"""Reads of inbound mail. Quarantined mail can come from anyone about anything, so only the
people who look after the whole desk (administrators and supervisors) see it."""

from dataclasses import dataclass

from django.db.models import Count

from amends.accounts.models import Role, User
from amends.complaints.models import Direction, Message
from amends.core.errors import InvalidInput, NotFound, PermissionDenied

from .models import Attachment, InboundMail, Status
from .parsing import header, parse_leniently

PAGE_SIZE = 50


def can_user_manage_inbound(user: User) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.sees_every_team or user.role == Role.SUPERVISOR


def require_inbound_manager(user: User) -> None:
    if not can_user_manage_inbound(user):
        raise PermissionDenied("Only supervisors and administrators look after inbound mail.")


@dataclass
class InboundPage:
    items: list[InboundMail]
    next_cursor: int | None


def inbound_list_for_user(
    *, user: User, status: str = Status.QUARANTINED, cursor: int | None = None, limit: int = PAGE_SIZE
) -> InboundPage:
    """Inbound mail with ``status`` ("all" for every status), newest first, keyset-paginated."""
    require_inbound_manager(user)
    qs = InboundMail.objects.defer("raw").select_related("complaint", "handled_by")
    if status != "all":
        if status not in Status.values:
            raise InvalidInput(f"Unknown status {status!r}.", field="status")
        qs = qs.filter(status=status)
    if cursor is not None:
        qs = qs.filter(pk__lt=cursor)
    items = list(qs.order_by("-id")[: limit + 1])
    more = len(items) > limit
    items = items[:limit]
    return InboundPage(items, items[-1].pk if more else None)


COUNTED = (Status.QUARANTINED, Status.PENDING)


def inbound_counts_for_user(*, user: User) -> dict[str, int]:
    """How much mail waits, by status. Only the waiting statuses are counted: they stay small,
    while processed mail grows with every message ever received."""
    require_inbound_manager(user)
    rows = InboundMail.objects.filter(status__in=COUNTED).values("status").annotate(n=Count("id")).order_by()
    return {row["status"]: row["n"] for row in rows}


def inbound_get_for_user(*, user: User, pk: int) -> InboundMail:
    require_inbound_manager(user)
    inbound = InboundMail.objects.defer("raw").select_related("complaint", "handled_by").filter(pk=pk).first()
    if inbound is None:
        raise NotFound(f"No inbound mail #{pk}.")
    return inbound


def inbound_raw(inbound: InboundMail) -> bytes:
    """The bytes as they arrived, wherever they are kept now."""
    raw = InboundMail.objects.filter(pk=inbound.pk).values_list("raw", flat=True).first()
    if raw is None and inbound.complaint_id is not None:
        # Processed: the complaint's message holds the one copy.
        messages = Message.objects.filter(complaint_id=inbound.complaint_id, direction=Direction.INBOUND)
        if inbound.message_id is not None:
            messages = messages.filter(pk=inbound.message_id)
        elif inbound.msgid:
            messages = messages.filter(message_id=inbound.msgid)
        raw = messages.order_by("id").values_list("raw", flat=True).first()
    return bytes(raw or b"")


def attachments_for_inbound(inbound: InboundMail) -> list[Attachment]:
    return list(Attachment.objects.filter(inbound=inbound).order_by("id"))


@dataclass
class Preview:
    headers: list[tuple[str, str]]
    text: str
    cut: bool


PREVIEW_BYTES = 2_000_000
PREVIEW_CHARS = 20_000


def inbound_preview(inbound: InboundMail) -> Preview:
    """What a person needs to judge held mail: its main headers and its text, read leniently.

    Only text is shown, never the sender's HTML; the page escapes it like anything else.
    """
    raw = inbound_raw(inbound)
    parsed = parse_leniently(raw[:PREVIEW_BYTES])
    names = ("From", "Reply-To", "To", "Cc", "Date", "Subject", "Message-ID", "Auto-Submitted", "Precedence")
    headers = [(name, value) for name in names if (value := header(parsed.message, name))]
    text = parsed.text
    cut = len(raw) > PREVIEW_BYTES or len(text) > PREVIEW_CHARS
    return Preview(headers, text[:PREVIEW_CHARS], cut)
