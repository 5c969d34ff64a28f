"""Reads of reviews, policy areas and proposals, refusing what the actor may not see or do."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from amends.accounts.models import Role, User
from amends.complaints.models import Complaint, State
from amends.complaints.selectors import can_user_view_complaint, complaints_visible_to
from amends.core.errors import NotFound

from .models import OPEN_PROPOSAL_STATES, PolicyArea, Proposal, ProposalState, Review

REVIEWING_ROLES = frozenset({Role.AGENT, Role.SUPERVISOR, Role.ADMIN})
REVIEWABLE_STATES = frozenset({State.RESOLVED, State.CLOSED})


def is_admin(user: User) -> bool:
    return user.is_active and (user.role == Role.ADMIN or user.is_superuser)


def can_user_review(user: User, complaint: Complaint) -> bool:
    """Staff who handle complaints and can see this one may write its review."""
    return (user.role in REVIEWING_ROLES or user.is_superuser) and can_user_view_complaint(user, complaint)


def can_user_decide_proposal(user: User, proposal: Proposal) -> bool:
    """The owner the proposal is addressed to decides it; an administrator may stand in."""
    return user.is_authenticated and user.is_active and (user.pk == proposal.owner_id or is_admin(user))


def review_for_complaint(complaint: Complaint) -> Review | None:
    return (
        Review.objects.select_related("proposal", "proposal__area", "proposal__owner")
        .filter(complaint=complaint)
        .first()
    )


def areas_for_proposals() -> list[PolicyArea]:
    """Active areas, with their owners, for the review form's choice of addressee."""
    return list(
        PolicyArea.objects.filter(is_active=True, owner__is_active=True)
        .select_related("owner")
        .order_by("name")
    )


def area_for_category(category_id: int | None) -> PolicyArea | None:
    """The active area a complaint's category belongs to, to suggest as the addressee."""
    if category_id is None:
        return None
    return PolicyArea.objects.filter(is_active=True, categories=category_id).order_by("name").first()


def owned_category_ids(user: User) -> set[int]:
    """Categories of the active areas ``user`` owns: the figures a policy owner may see."""
    if not user.is_authenticated or not user.is_active:
        return set()
    rows = PolicyArea.categories.through.objects.filter(
        policyarea__owner=user, policyarea__is_active=True
    ).values_list("category_id", flat=True)
    return set(rows)


def policy_owners() -> QuerySet[User]:
    """Active staff who own at least one active area: who gets the weekly digest."""
    return User.objects.filter(is_active=True, policy_areas__is_active=True).distinct().order_by("pk")


def proposals_visible_to(user: User) -> QuerySet[Proposal]:
    """Proposals addressed to ``user``, or about complaints ``user`` may see; every one for admins."""
    if not user.is_authenticated or not user.is_active:
        return Proposal.objects.none()
    if is_admin(user):
        return Proposal.objects.all()
    return Proposal.objects.filter(Q(owner=user) | Q(complaint__in=complaints_visible_to(user)))


@dataclass(frozen=True)
class ProposalPage:
    items: list[Proposal]
    next_cursor: int | None


def proposal_list_for_user(
    *, user: User, mine: bool, state: str = "", cursor: int | None = None, limit: int = 50
) -> ProposalPage:
    """Proposals the user may see, newest first, keyset-paginated on id.

    ``mine`` keeps those addressed to the user; ``state`` is one ProposalState or "open".
    """
    qs = proposals_visible_to(user).select_related("area", "owner", "complaint", "review")
    if mine:
        qs = qs.filter(owner=user)
    if state == "open":
        qs = qs.filter(state__in=OPEN_PROPOSAL_STATES)
    elif state in ProposalState.values:
        qs = qs.filter(state=state)
    if cursor is not None:
        qs = qs.filter(pk__lt=cursor)
    items = list(qs.order_by("-pk")[: limit + 1])
    more = len(items) > limit
    items = items[:limit]
    return ProposalPage(items, items[-1].pk if more and items else None)


def proposal_get_for_user(*, user: User, pk: int) -> Proposal:
    proposal = (
        proposals_visible_to(user)
        .select_related("area", "owner", "complaint", "review")
        .filter(pk=pk)
        .first()
    )
    if proposal is None:
        raise NotFound("No such proposal that you can see.")
    return proposal


def proposals_waiting_for(owner: User) -> list[Proposal]:
    """What an owner still has to act on, oldest first: for the digest and the desk's count."""
    return list(
        Proposal.objects.filter(owner=owner, state__in=OPEN_PROPOSAL_STATES)
        .select_related("area", "complaint")
        .order_by("pk")[:50]
    )


def changes_made(*, category_ids: set[int] | None, limit: int = 20) -> list[Proposal]:
    """Changes made (with the day they took effect), newest first, touching these categories.

    ``None`` means any category. A change applies to its area's categories.
    """
    qs = Proposal.objects.filter(state=ProposalState.CHANGED, changed_on__isnull=False)
    if category_ids is not None:
        qs = qs.filter(area__categories__in=category_ids).distinct()
    return list(
        qs.select_related("area", "owner")
        .prefetch_related("area__categories")
        .order_by("-changed_on", "-pk")[:limit]
    )
