"""The verbs of blameless reviews and the policy loop. One transaction each, on the timeline.

A review is written as a complaint closes (required for high severity, see ``guards``). It may
propose a policy change to an area's owner, who acknowledges it, decides, and records what
changed and from when. Each step is an event on the complaint's timeline, so the story of a
complaint ends with what the organisation learnt from it.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from amends.accounts.models import User
from amends.complaints.models import Complaint, EventKind, State
from amends.complaints.services import complaint_record_event, complaint_transition
from amends.core.errors import Conflict, InvalidInput, InvalidTransition, PermissionDenied

from .models import Factor, PolicyArea, Proposal, ProposalState, Review, RootCause
from .selectors import REVIEWABLE_STATES, can_user_decide_proposal, can_user_review

MAX_TEXT = 5000


@dataclass(frozen=True)
class ProposalInput:
    area: PolicyArea
    title: str
    change: str


@dataclass(frozen=True)
class ReviewInput:
    root_cause: str
    factors: list[str]
    factors_note: str = ""
    learning: str = ""
    proposal: ProposalInput | None = None


def _text(value: str, *, field: str, label: str, required: bool = False, limit: int = MAX_TEXT) -> str:
    value = value.strip()
    if required and not value:
        raise InvalidInput(f"Please fill in {label}.", field=field)
    if len(value) > limit:
        raise InvalidInput(
            f"{label.capitalize()} is too long ({len(value)} of {limit} characters).", field=field
        )
    return value


def _checked(data: ReviewInput) -> ReviewInput:
    if data.root_cause not in RootCause.values:
        raise InvalidInput("Choose a root cause from the list.", field="root_cause")
    unknown = [f for f in data.factors if f not in Factor.values]
    if unknown:
        raise InvalidInput(f"Unknown contributing factor {unknown[0]!r}.", field="factors")
    proposal = data.proposal
    if proposal is not None:
        if not proposal.area.is_active or not proposal.area.owner.is_active:
            raise InvalidInput(f"{proposal.area.name} has no active owner to decide.", field="area")
        proposal = ProposalInput(
            proposal.area,
            _text(proposal.title, field="title", label="the change in a line", required=True, limit=200),
            _text(proposal.change, field="change", label="what should change and why", required=True),
        )
    return ReviewInput(
        data.root_cause,
        sorted(set(data.factors), key=Factor.values.index),
        _text(data.factors_note, field="factors_note", label="the contributing factors"),
        _text(data.learning, field="learning", label="what would stop it happening again"),
        proposal,
    )


@transaction.atomic
def review_record(*, complaint: Complaint, by: User, data: ReviewInput, close: bool = False) -> Review:
    """Record the blameless review of a resolved or closed complaint, and close it if asked.

    Refuses staff who cannot handle the complaint (``PermissionDenied``), a complaint not yet
    resolved (``InvalidTransition``) and a second review (``Conflict``). With ``close`` a
    resolved complaint is closed in the same transaction, so the review and the close stand or
    fall together. A proposal goes to the area's owner, who finds it on their proposals page and
    in the weekly digest.
    """
    if not can_user_review(by, complaint):
        raise PermissionDenied("You can review only complaints of your own teams.")
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.state not in REVIEWABLE_STATES:
        raise InvalidTransition("A review is written once the complaint is resolved; resolve it first.")
    if Review.objects.filter(complaint=complaint).exists():
        raise Conflict("This complaint has a review already.")
    data = _checked(data)
    review = Review.objects.create(
        complaint=complaint,
        root_cause=data.root_cause,
        factors=data.factors,
        factors_note=data.factors_note,
        learning=data.learning,
    )
    reason = f"Blameless review: root cause {RootCause(data.root_cause).label.lower()}"
    if data.proposal is not None:
        proposal = Proposal.objects.create(
            review=review,
            complaint=complaint,
            area=data.proposal.area,
            owner=data.proposal.area.owner,
            title=data.proposal.title,
            change=data.proposal.change,
        )
        reason += f"; policy change proposed to {proposal.owner.display_name}: {proposal.title}"
    complaint_record_event(
        complaint=complaint,
        kind=EventKind.NOTE,
        by=by,
        reason=reason,
        data={"review": review.pk, "root_cause": review.root_cause},
    )
    if close and complaint.state == State.RESOLVED:
        complaint_transition(complaint=complaint, by=by, to_state=State.CLOSED, reason="Closed after review")
    return review


def _locked_proposal(proposal: Proposal, by: User) -> Proposal:
    proposal = (
        Proposal.objects.select_for_update().select_related("owner", "area", "complaint").get(pk=proposal.pk)
    )
    if not can_user_decide_proposal(by, proposal):
        raise PermissionDenied(
            f"Only {proposal.owner.display_name}, who owns {proposal.area.name}, or an administrator "
            "can act on this proposal."
        )
    return proposal


def _on_timeline(proposal: Proposal, by: User, reason: str) -> None:
    complaint_record_event(
        complaint=proposal.complaint,
        kind=EventKind.NOTE,
        by=by,
        reason=reason,
        data={"proposal": proposal.pk, "state": proposal.state},
    )


@transaction.atomic
def proposal_acknowledge(*, proposal: Proposal, by: User) -> Proposal:
    """The owner has read the proposal and will decide. Only from ``proposed``."""
    proposal = _locked_proposal(proposal, by)
    if proposal.state != ProposalState.PROPOSED:
        raise InvalidTransition(f"This proposal is {proposal.get_state_display().lower()} already.")
    proposal.state, proposal.acknowledged_at = ProposalState.ACKNOWLEDGED, timezone.now()
    proposal.save(update_fields=["state", "acknowledged_at"])
    _on_timeline(proposal, by, f"Policy proposal acknowledged by {by.display_name}: {proposal.title}")
    return proposal


@transaction.atomic
def proposal_decide(*, proposal: Proposal, by: User, accept: bool, note: str = "") -> Proposal:
    """Accept or decline a proposal; declining needs a reason the proposer can learn from."""
    proposal = _locked_proposal(proposal, by)
    if proposal.state not in (ProposalState.PROPOSED, ProposalState.ACKNOWLEDGED):
        raise InvalidTransition(f"This proposal is {proposal.get_state_display().lower()} already.")
    note = _text(note, field="note", label="the reason", required=not accept)
    now = timezone.now()
    proposal.acknowledged_at = proposal.acknowledged_at or now
    proposal.state = ProposalState.ACCEPTED if accept else ProposalState.DECLINED
    proposal.decided_at, proposal.decision_note = now, note
    proposal.save(update_fields=["state", "acknowledged_at", "decided_at", "decision_note"])
    verdict = "accepted" if accept else "declined"
    reason = f"Policy proposal {verdict} by {by.display_name}: {proposal.title}"
    _on_timeline(proposal, by, f"{reason}. {note}" if note else reason)
    return proposal


@transaction.atomic
def proposal_record_outcome(*, proposal: Proposal, by: User, outcome: str, changed_on: date) -> Proposal:
    """Record what changed and the day it took effect, for an accepted proposal.

    ``changed_on`` may be up to a year ahead (a change planned for a date); insight pages then
    compare complaint volume in the area's categories before and after that day.
    """
    proposal = _locked_proposal(proposal, by)
    if proposal.state != ProposalState.ACCEPTED:
        raise InvalidTransition("Record an outcome once the proposal is accepted.")
    outcome = _text(outcome, field="outcome", label="what changed", required=True)
    if changed_on > timezone.localdate() + timedelta(days=366):
        raise InvalidInput("The change should take effect within a year.", field="changed_on")
    proposal.state, proposal.outcome, proposal.changed_on = ProposalState.CHANGED, outcome, changed_on
    proposal.save(update_fields=["state", "outcome", "changed_on"])
    _on_timeline(proposal, by, f"Policy changed from {changed_on:%-d %b %Y}: {outcome}")
    return proposal
