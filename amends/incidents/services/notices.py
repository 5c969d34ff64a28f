"""Public notices and holding statements: drafted by staff, approved word for word by a spokesperson.

A version's text is never edited; a change is a new version, which waits for approval while the
last approved one stays public. Approval names the digest of the text the spokesperson read, so
a version that changed in between is refused rather than published unread.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from amends.accounts.models import User
from amends.core.errors import Conflict, InvalidInput, InvalidTransition, PermissionDenied

from ..models import HoldingStatement, Incident, Notice, NoticeVersion, StatementTopic, TextState
from ..permissions import can_user_draft_public_text, can_user_speak
from ..publicity import notice_digest, statement_digest

MAX_FIELD = 5000


@dataclass(frozen=True)
class NoticeText:
    title: str
    what_happened: str
    apology: str
    actions: str
    next_update_at: datetime | None = None


def _require_drafter(by: User) -> None:
    if not can_user_draft_public_text(by):
        raise PermissionDenied("Only supervisors, administrators and spokespeople draft public words.")


def _require_spokesperson(by: User) -> None:
    if not can_user_speak(by):
        raise PermissionDenied("Only a spokesperson approves words that are made public.")


def _check_text(values: dict[str, str]) -> None:
    for name, value in values.items():
        if not value.strip():
            raise InvalidInput(f"The {name.replace('_', ' ')} cannot be empty.", field=name)
        if len(value) > MAX_FIELD:
            raise InvalidInput(
                f"Keep the {name.replace('_', ' ')} under {MAX_FIELD:,} characters.", field=name
            )


@transaction.atomic
def notice_draft(*, incident: Incident, by: User, text: NoticeText) -> NoticeVersion:
    """Write a new version of the incident's public notice, waiting for a spokesperson. Nothing
    becomes public here. Raises ``PermissionDenied`` for agents, ``InvalidInput`` for an empty
    or overlong part."""
    _require_drafter(by)
    values = {"what_happened": text.what_happened, "apology": text.apology, "actions": text.actions}
    _check_text({"title": text.title[:201], **values})
    if len(text.title) > 200:
        raise InvalidInput("Keep the title under 200 characters.", field="title")
    notice, _ = Notice.objects.get_or_create(incident=incident)
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    number = (notice.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    return NoticeVersion.objects.create(
        notice=notice,
        number=number,
        title=text.title.strip(),
        **{k: v.strip() for k, v in values.items()},
        next_update_at=text.next_update_at,
        drafted_by=by,
    )


@transaction.atomic
def notice_approve(*, version: NoticeVersion, by: User, digest: str) -> NoticeVersion:
    """Approve exactly the text whose digest the spokesperson saw; it becomes the public notice.

    Older drafts waiting are retired (this one replaces them). A withdrawn notice is published
    again with this text only. Raises ``PermissionDenied`` for anyone but a spokesperson,
    ``Conflict`` if the text is not the one read, ``InvalidTransition`` if already decided.
    """
    _require_spokesperson(by)
    version = NoticeVersion.objects.select_for_update().select_related("notice").get(pk=version.pk)
    if version.state != TextState.DRAFT:
        raise InvalidTransition("This version was already decided.")
    if digest != notice_digest(version):
        raise Conflict("This text is not the one you read; read it again before approving.")
    now = timezone.now()
    version.state, version.decided_by, version.decided_at = TextState.APPROVED, by, now
    version.approved_hash = digest
    version.save(update_fields=["state", "decided_by", "decided_at", "approved_hash"])
    NoticeVersion.objects.filter(
        notice=version.notice, state=TextState.DRAFT, number__lt=version.number
    ).update(state=TextState.RETIRED, decided_at=now)
    Notice.objects.filter(pk=version.notice_id).update(
        withdrawn_at=None,
        withdrawn_by=None,
        withdrawal_reason="",
        published_at=version.notice.published_at or now,
    )
    return version


@transaction.atomic
def notice_reject(*, version: NoticeVersion, by: User, reason: str) -> NoticeVersion:
    """Send a draft back with the reason; the public notice does not change."""
    _require_spokesperson(by)
    if not reason.strip():
        raise InvalidInput("Say what needs to change.", field="reason")
    version = NoticeVersion.objects.select_for_update().get(pk=version.pk)
    if version.state != TextState.DRAFT:
        raise InvalidTransition("This version was already decided.")
    version.state, version.decided_by, version.decided_at = TextState.REJECTED, by, timezone.now()
    version.decision_reason = reason.strip()[:2000]
    version.save(update_fields=["state", "decided_by", "decided_at", "decision_reason"])
    return version


@transaction.atomic
def notice_withdraw(*, notice: Notice, by: User, reason: str) -> Notice:
    """Take the notice off the public pages. Every approved version is withdrawn for good: only a
    newly approved version can put the notice back."""
    _require_spokesperson(by)
    if not reason.strip():
        raise InvalidInput("Say why the notice is withdrawn.", field="reason")
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    now = timezone.now()
    notice.versions.filter(state=TextState.APPROVED).update(state=TextState.WITHDRAWN)
    notice.withdrawn_at, notice.withdrawn_by, notice.withdrawal_reason = now, by, reason.strip()[:2000]
    notice.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    return notice


@transaction.atomic
def statement_draft(
    *, by: User, title: str, topic: StatementTopic, body: str, key: str = ""
) -> HoldingStatement:
    """Draft a holding statement, or a new version of the one named ``key``, for approval."""
    _require_drafter(by)
    _check_text({"title": title[:201], "body": body})
    if len(title) > 200:
        raise InvalidInput("Keep the title under 200 characters.", field="title")
    key = key or slugify(title)[:50] or "statement"
    latest = HoldingStatement.objects.select_for_update().filter(key=key).order_by("-number").first()
    if latest is None and HoldingStatement.objects.filter(key=key).exists():
        raise Conflict("Another statement has that name; choose another title.")
    return HoldingStatement.objects.create(
        key=key,
        number=(latest.number + 1) if latest else 1,
        title=title.strip(),
        topic=topic,
        body=body.strip(),
        drafted_by=by,
    )


@transaction.atomic
def statement_decide(
    *, statement: HoldingStatement, by: User, approve: bool, digest: str = ""
) -> HoldingStatement:
    """Approve (the exact text read) or send back a holding statement version. Approving retires
    the statement's previous approved version, so one version of each is suggested."""
    _require_spokesperson(by)
    statement = HoldingStatement.objects.select_for_update().get(pk=statement.pk)
    if statement.state != TextState.DRAFT:
        raise InvalidTransition("This version was already decided.")
    now = timezone.now()
    if approve:
        if digest != statement_digest(statement):
            raise Conflict("This text is not the one you read; read it again before approving.")
        HoldingStatement.objects.filter(
            key=statement.key, state__in=[TextState.APPROVED, TextState.DRAFT]
        ).exclude(pk=statement.pk).filter(number__lt=statement.number).update(
            state=TextState.RETIRED, decided_at=now
        )
        statement.approved_hash = digest
    statement.state = TextState.APPROVED if approve else TextState.REJECTED
    statement.decided_by, statement.decided_at = by, now
    statement.save(update_fields=["state", "decided_by", "decided_at", "approved_hash"])
    return statement
