"""Reads for coaching: playbooks as each person may see them, suggestions for a complaint."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from amends.accounts.models import User
from amends.complaints.models import Complaint, Direction, Message
from amends.core.errors import NotFound
from amends.promises.models import Promise, PromiseState

from . import embeddings
from .models import Playbook, PlaybookVersion, VersionState
from .permissions import can_user_edit_playbooks
from .placeholders import fill

# Enough of the customer's story to say what it is about, little enough to embed quickly.
STORY_CHARS = 2000


def last_customer_message(complaint: Complaint) -> str:
    """What the customer last wrote on ``complaint``, for the coach's length signal."""
    body = (
        Message.objects.filter(complaint=complaint, direction=Direction.INBOUND)
        .order_by("-created_at", "-id")
        .values_list("body", flat=True)
        .first()
    )
    return body or complaint.story


def _approved() -> Prefetch[str, QuerySet[PlaybookVersion], str]:
    return Prefetch(
        "versions",
        queryset=PlaybookVersion.objects.filter(state=VersionState.APPROVED).prefetch_related("templates"),
        to_attr="approved",
    )


def playbook_list_for_user(*, user: User) -> QuerySet[Playbook]:
    """Supervisors see every active playbook; agents only those with an approved version."""
    playbooks = Playbook.objects.filter(is_active=True).select_related("category")
    if not can_user_edit_playbooks(user):
        playbooks = playbooks.filter(versions__state=VersionState.APPROVED)
    return playbooks.prefetch_related("versions").order_by("kind", "title").distinct()


def playbook_get_for_user(*, user: User, slug: str) -> Playbook:
    """The playbook ``slug`` if ``user`` may see it; ``NotFound`` otherwise."""
    playbook = playbook_list_for_user(user=user).filter(slug=slug).first()
    if playbook is None:
        raise NotFound(f"No playbook {slug!r} that you can see.")
    return playbook


def playbook_version_for_user(
    *, user: User, playbook: Playbook, number: int | None = None
) -> PlaybookVersion:
    """The version an agent may read (the approved one), or any version for a supervisor.

    Without ``number``: the approved version, else (supervisors only) the newest. An agent asking
    for a version that is not approved gets ``NotFound``, as if it did not exist.
    """
    versions: QuerySet[PlaybookVersion] = playbook.versions.select_related(
        "created_by", "submitted_by", "approved_by"
    )
    versions = versions.prefetch_related("templates")
    if not can_user_edit_playbooks(user):
        versions = versions.filter(state=VersionState.APPROVED)
    if number is not None:
        version = versions.filter(number=number).first()
    else:
        version = versions.filter(state=VersionState.APPROVED).first() or versions.order_by("-number").first()
    if version is None:
        raise NotFound(f"No version of {playbook.title} that you can see.")
    return version


@dataclass(frozen=True)
class FilledTemplate:
    title: str
    body: str


@dataclass(frozen=True)
class Suggestion:
    playbook: Playbook
    version: PlaybookVersion
    reason: str
    score: float
    templates: list[FilledTemplate]


def playbook_suggest_for_complaint(*, user: User, complaint: Complaint, limit: int = 3) -> list[Suggestion]:
    """Up to ``limit`` approved playbooks for ``complaint``: its category's first, then the ones whose
    text is closest to what the customer wrote (WordLlama similarity above a floor)."""
    playbooks = list(
        Playbook.objects.filter(is_active=True, versions__state=VersionState.APPROVED)
        .select_related("category")
        .prefetch_related(_approved())
        .distinct()[: settings.AMENDS_COACH_PLAYBOOK_CANDIDATES]
    )
    if not playbooks:
        return []
    about = f"{complaint.summary}\n{complaint.story[:STORY_CHARS]}"
    texts = [f"{p.title}. {p.question}. {p.approved[0].summary}" for p in playbooks]  # type: ignore[attr-defined]
    ranked = []
    for playbook, similarity in zip(playbooks, embeddings.similarities(about, texts), strict=True):
        same_category = playbook.category_id is not None and playbook.category_id == complaint.category_id
        if same_category:
            ranked.append((1.0 + similarity, playbook, f"for {playbook.category}"))
        elif similarity >= settings.AMENDS_COACH_PLAYBOOK_MIN_SIMILARITY:
            ranked.append((similarity, playbook, "close to what the customer wrote"))
    ranked.sort(key=lambda r: -r[0])
    promised = _promised_at(complaint)
    return [
        _suggestion(playbook, reason, score, complaint, promised)
        for score, playbook, reason in ranked[:limit]
    ]


def _promised_at(complaint: Complaint) -> Promise | None:
    return Promise.objects.filter(complaint=complaint, state=PromiseState.OPEN).order_by("due_at").first()


def _suggestion(
    playbook: Playbook, reason: str, score: float, complaint: Complaint, promise: Promise | None
) -> Suggestion:
    version: PlaybookVersion = playbook.approved[0]  # type: ignore[attr-defined]
    templates = [
        FilledTemplate(
            t.title,
            fill(
                t.body,
                name=complaint.customer.name,
                reference=complaint.reference,
                promised=promise.due_at if promise else None,
            ),
        )
        for t in version.templates.all()
    ]
    return Suggestion(playbook, version, reason, round(score, 3), templates)
