"""The coaching verbs: coach a draft, send a coached reply, and write, submit and approve playbooks.

Playbook content is written by supervisors as versions: a draft is edited, submitted, then approved
by a supervisor, and only then do agents see it. Approving retires the version before it.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from amends.accounts.models import User
from amends.complaints import services as complaint_services
from amends.complaints.models import Category, Complaint, Message, Severity
from amends.core.errors import AmendsError, InvalidInput, InvalidTransition, PermissionDenied
from amends.core.memo import remembered

from .analyzer import Analysis, analyse
from .models import MinimumScore, Playbook, PlaybookKind, PlaybookVersion, ReplyTemplate, VersionState
from .permissions import can_user_edit_playbooks
from .placeholders import check_placeholders
from .selectors import last_customer_message


class ReplyBelowMinimum(AmendsError):
    """A reply scored under the minimum an administrator set for the complaint's severity."""

    http_status = 422


def draft_coach(*, draft: str, customer: str = "") -> Analysis:
    """Judge a reply draft against the rubric (docs/coaching.md). Changes nothing.

    Raises ``InvalidInput`` for an empty draft or one longer than ``AMENDS_COACH_MAX_CHARS``.
    """
    limit = settings.AMENDS_COACH_MAX_CHARS
    if not draft.strip():
        raise InvalidInput("Write a draft for the coach to read.", field="draft")
    if len(draft) > limit:
        raise InvalidInput(
            f"The draft is {len(draft):,} characters; the coach reads up to {limit:,}.", field="draft"
        )
    return analyse(draft, customer[:limit])


def minimum_score_for(severity: str) -> int | None:
    """The minimum score set for ``severity``, or None when replies are only advised."""
    row = MinimumScore.objects.filter(severity=severity, is_active=True).first()
    return row.minimum if row else None


def minimum_score_shown(severity: str) -> int | None:
    """``minimum_score_for`` as the composer shows it: memoised per process for a few seconds.

    Sending still reads the database (``coached_reply``), so a changed minimum is enforced at once.
    """
    return remembered(("coach-minimum", severity), lambda: minimum_score_for(severity))


def coached_reply(*, complaint: Complaint, by: User, body: str) -> Message:
    """Send a reply through ``complaint_reply`` once it meets the minimum score for the severity.

    With no minimum for the complaint's severity the coach only advises and the reply goes as it
    is. Raises ``ReplyBelowMinimum`` naming the score, the minimum and what is missing; otherwise
    whatever ``complaint_reply`` raises.
    """
    minimum = minimum_score_for(complaint.severity)
    if minimum is not None and body.strip():
        analysis = draft_coach(draft=body, customer=last_customer_message(complaint))
        if analysis.score < minimum:
            missing = ", ".join(name.replace("_", " ") for name in analysis.missing) or "tone"
            severity = Severity(complaint.severity).label.lower()
            raise ReplyBelowMinimum(
                f"Not sent: this reply scores {analysis.score} and replies on {severity}-severity "
                f"complaints need at least {minimum}. Missing: {missing}.",
                field="body",
            )
    return complaint_services.complaint_reply(complaint=complaint, by=by, body=body)


def _require_editor(user: User) -> None:
    if not can_user_edit_playbooks(user):
        raise PermissionDenied("Only supervisors write and approve playbooks.")


@dataclass(frozen=True)
class TemplateInput:
    title: str
    body: str


@dataclass(frozen=True)
class VersionInput:
    summary: str = ""
    questions: str = ""
    may_promise: str = ""
    may_not_promise: str = ""
    change_note: str = ""
    templates: list[TemplateInput] = field(default_factory=list)


@transaction.atomic
def playbook_create(
    *, by: User, title: str, kind: PlaybookKind, category: Category | None = None, question: str = ""
) -> PlaybookVersion:
    """Start a playbook for a category or a tough question, with an empty draft version 1.

    Raises ``PermissionDenied`` for anyone but a supervisor or administrator and ``InvalidInput``
    when a category playbook has no category or a question playbook no question.
    """
    _require_editor(by)
    if not title.strip():
        raise InvalidInput("Give the playbook a title.", field="title")
    if kind == PlaybookKind.CATEGORY and category is None:
        raise InvalidInput("Choose the category this playbook is for.", field="category")
    if kind == PlaybookKind.QUESTION and not question.strip():
        raise InvalidInput("Write the tough question this playbook answers.", field="question")
    playbook = Playbook.objects.create(
        title=title.strip(),
        slug=_unique_slug(title),
        kind=kind,
        category=category if kind == PlaybookKind.CATEGORY else None,
        question=question.strip(),
        created_by=by,
    )
    return PlaybookVersion.objects.create(playbook=playbook, number=1, created_by=by)


def _unique_slug(title: str) -> str:
    base = slugify(title)[:100] or "playbook"
    slug, n = base, 1
    while Playbook.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _locked(version: PlaybookVersion) -> PlaybookVersion:
    return PlaybookVersion.objects.select_for_update().select_related("playbook").get(pk=version.pk)


@transaction.atomic
def playbook_version_save(*, version: PlaybookVersion, by: User, data: VersionInput) -> PlaybookVersion:
    """Replace the content of a draft version, its reply templates included.

    Only drafts change; raises ``InvalidTransition`` for a submitted, approved or retired version
    and ``InvalidInput`` for a template with an unknown placeholder.
    """
    _require_editor(by)
    version = _locked(version)
    if version.state != VersionState.DRAFT:
        raise InvalidTransition(
            f"Version {version.number} is {version.get_state_display().lower()}; "
            "start a new version to change it."
        )
    for template in data.templates:
        check_placeholders(template.body)
    version.summary, version.questions = data.summary.strip(), data.questions.strip()
    version.may_promise, version.may_not_promise = data.may_promise.strip(), data.may_not_promise.strip()
    version.change_note = data.change_note.strip()
    version.save()
    version.templates.all().delete()
    ReplyTemplate.objects.bulk_create(
        ReplyTemplate(version=version, position=i, title=t.title.strip(), body=t.body.strip())
        for i, t in enumerate(data.templates)
        if t.body.strip()
    )
    return version


@transaction.atomic
def playbook_version_start(*, playbook: Playbook, by: User) -> PlaybookVersion:
    """A new draft copied from the latest version, or the open draft if there is one already."""
    _require_editor(by)
    Playbook.objects.select_for_update().get(pk=playbook.pk)
    open_draft = playbook.versions.filter(state__in=[VersionState.DRAFT, VersionState.SUBMITTED]).first()
    if open_draft is not None:
        return open_draft
    latest = playbook.versions.order_by("-number").first()
    number = (playbook.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    draft = PlaybookVersion.objects.create(playbook=playbook, number=number, created_by=by)
    if latest is not None:
        for name in ("summary", "questions", "may_promise", "may_not_promise"):
            setattr(draft, name, getattr(latest, name))
        draft.save()
        ReplyTemplate.objects.bulk_create(
            ReplyTemplate(version=draft, position=t.position, title=t.title, body=t.body)
            for t in latest.templates.all()
        )
    return draft


@transaction.atomic
def playbook_version_submit(*, version: PlaybookVersion, by: User) -> PlaybookVersion:
    """Send a draft for approval. Raises ``InvalidTransition`` if it is not a draft."""
    _require_editor(by)
    version = _locked(version)
    if version.state != VersionState.DRAFT:
        raise InvalidTransition(f"Only a draft can be submitted; version {version.number} is not one.")
    if not (version.summary or version.questions or version.templates.exists()):
        raise InvalidInput("Write some guidance before submitting this version.", field="summary")
    version.state, version.submitted_by, version.submitted_at = VersionState.SUBMITTED, by, timezone.now()
    version.review_note = ""
    version.save(update_fields=["state", "submitted_by", "submitted_at", "review_note"])
    return version


@transaction.atomic
def playbook_version_approve(*, version: PlaybookVersion, by: User) -> PlaybookVersion:
    """Approve a submitted version: agents see it from now on, and the one before is retired.

    With ``AMENDS_COACH_FOUR_EYES`` on, the person who submitted it may not approve it.
    """
    _require_editor(by)
    version = _locked(version)
    if version.state != VersionState.SUBMITTED:
        raise InvalidTransition(f"Only a submitted version can be approved; version {version.number} is not.")
    if settings.AMENDS_COACH_FOUR_EYES and version.submitted_by_id == by.pk:
        raise PermissionDenied("Another supervisor must approve a version you submitted.")
    PlaybookVersion.objects.filter(playbook=version.playbook, state=VersionState.APPROVED).update(
        state=VersionState.RETIRED
    )
    version.state, version.approved_by, version.approved_at = VersionState.APPROVED, by, timezone.now()
    version.save(update_fields=["state", "approved_by", "approved_at"])
    return version


@transaction.atomic
def playbook_version_return(*, version: PlaybookVersion, by: User, note: str) -> PlaybookVersion:
    """Send a submitted version back to draft with the reason, for its author to change."""
    _require_editor(by)
    version = _locked(version)
    if version.state != VersionState.SUBMITTED:
        raise InvalidTransition(
            f"Only a submitted version can be sent back; version {version.number} is not."
        )
    if not note.strip():
        raise InvalidInput("Say what should change.", field="note")
    version.state, version.review_note = VersionState.DRAFT, note.strip()[:300]
    version.save(update_fields=["state", "review_note"])
    return version
