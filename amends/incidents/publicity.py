"""What may be public: the one rule every public page, the feed and the emails' links go through.

A notice version is public only if a spokesperson approved it, its text still matches the digest
they approved, and its notice is not withdrawn. Drafts, versions sent back, withdrawn versions
and anything edited after approval never reach a public page.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse

from amends.core.errors import NotFound

from .models import HoldingStatement, Incident, Notice, NoticeVersion, TextState

PAST_NOTICES = 50
FEED_ENTRIES = 50


def _digest(parts: list[str]) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()


def notice_digest(version: NoticeVersion) -> str:
    """The digest of exactly the words a reader of this version sees."""
    when = version.next_update_at.isoformat() if version.next_update_at else ""
    return _digest([version.title, version.what_happened, version.apology, version.actions, when])


def statement_digest(statement: HoldingStatement) -> str:
    return _digest([statement.title, statement.topic, statement.body])


def is_public(version: NoticeVersion, notice: Notice) -> bool:
    return (
        version.state == TextState.APPROVED
        and notice.withdrawn_at is None
        and bool(version.approved_hash)
        and version.approved_hash == notice_digest(version)
    )


def _approved(notice_filter: dict[str, object]) -> QuerySet[NoticeVersion]:
    return NoticeVersion.objects.filter(
        state=TextState.APPROVED, notice__withdrawn_at__isnull=True, **notice_filter
    ).select_related("notice", "notice__incident")


@dataclass(frozen=True)
class PublicNotice:
    """A notice as the public sees it: its current words and the history of earlier updates."""

    notice: Notice
    incident: Incident
    current: NoticeVersion
    history: list[NoticeVersion]

    @property
    def is_current(self) -> bool:
        return self.incident.is_open

    @property
    def updated_at(self) -> datetime:
        assert self.current.decided_at is not None
        return self.current.decided_at


def _public_versions(versions: list[NoticeVersion]) -> dict[int, list[NoticeVersion]]:
    grouped: dict[int, list[NoticeVersion]] = {}
    for version in versions:
        if is_public(version, version.notice):
            grouped.setdefault(version.notice_id, []).append(version)
    for items in grouped.values():
        items.sort(key=lambda v: v.number, reverse=True)
    return grouped


def public_notices() -> tuple[list[PublicNotice], list[PublicNotice]]:
    """Current notices (incident still open) and the latest past ones, newest first."""
    versions = list(_approved({}).order_by("-decided_at")[:2000])
    notices = [
        PublicNotice(items[0].notice, items[0].notice.incident, items[0], items[1:])
        for items in _public_versions(versions).values()
    ]
    notices.sort(key=lambda n: n.updated_at, reverse=True)
    return [n for n in notices if n.is_current], [n for n in notices if not n.is_current][:PAST_NOTICES]


def public_notice(pk: int) -> PublicNotice:
    """One public notice with its history; ``NotFound`` if nothing of it is public."""
    versions = _public_versions(list(_approved({"notice_id": pk})))
    if pk not in versions:
        raise NotFound("There is no such notice.")
    items = versions[pk]
    return PublicNotice(items[0].notice, items[0].notice.incident, items[0], items[1:])


def feed_versions(limit: int = FEED_ENTRIES) -> list[NoticeVersion]:
    """The latest public versions of every notice: one feed entry per published update."""
    versions = list(_approved({}).order_by("-decided_at", "-id")[: limit * 2])
    return [v for v in versions if is_public(v, v.notice)][:limit]


def public_notice_url(incident: Incident, *, absolute: bool = True) -> str:
    """The public notice's address (for emails, with the site's address) if anything of it is
    public, else ''."""
    notice = Notice.objects.filter(incident=incident, withdrawn_at__isnull=True).first()
    if notice is None:
        return ""
    latest = notice.versions.filter(state=TextState.APPROVED).order_by("-number").first()
    if latest is None or not is_public(latest, notice):
        return ""
    path = reverse("notices:detail", args=[notice.pk])
    return settings.SITE_URL + path if absolute else path
