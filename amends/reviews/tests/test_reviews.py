"""Blameless reviews: written on closing, required for high severity, never naming a culprit."""

import pytest
from django.db import models

from amends.accounts.models import User
from amends.complaints.models import Event, EventKind, Severity, State
from amends.complaints.services import complaint_categorise, complaint_transition
from amends.core.errors import Conflict, InvalidInput, InvalidTransition, PermissionDenied
from amends.reviews.models import Factor, PolicyArea, Proposal, ProposalState, Review, RootCause
from amends.reviews.services import ProposalInput, ReviewInput, review_record

pytestmark = pytest.mark.django_db


def _input(**changes):
    values = {"root_cause": RootCause.PROCESS, "factors": [Factor.HANDOFF], "factors_note": "Two queues."}
    values.update(changes)
    return ReviewInput(**values)


def test_high_severity_complaint_cannot_close_without_a_review(resolved_high, agent):
    with pytest.raises(InvalidTransition, match="blameless review"):
        complaint_transition(complaint=resolved_high, by=agent, to_state=State.CLOSED)
    resolved_high.refresh_from_db()
    assert resolved_high.state == State.RESOLVED


def test_critical_severity_needs_a_review_too(resolved, agent):
    complaint_categorise(complaint=resolved, by=agent, category=resolved.category, severity=Severity.CRITICAL)
    with pytest.raises(InvalidTransition):
        complaint_transition(complaint=resolved, by=agent, to_state=State.CLOSED)


def test_normal_severity_complaint_closes_without_a_review(resolved, agent):
    complaint_transition(complaint=resolved, by=agent, to_state=State.CLOSED)
    resolved.refresh_from_db()
    assert resolved.state == State.CLOSED


def test_recording_the_review_closes_the_high_severity_complaint(resolved_high, agent):
    review = review_record(complaint=resolved_high, by=agent, data=_input(), close=True)
    resolved_high.refresh_from_db()
    assert resolved_high.state == State.CLOSED
    assert review.root_cause == RootCause.PROCESS
    assert review.factors == [Factor.HANDOFF]
    event = Event.objects.get(complaint=resolved_high, kind=EventKind.NOTE, data__review=review.pk)
    assert event.actor == agent
    assert "root cause process" in event.reason


def test_after_a_review_the_high_severity_complaint_may_close_by_the_usual_step(resolved_high, agent):
    review_record(complaint=resolved_high, by=agent, data=_input())
    complaint_transition(complaint=resolved_high, by=agent, to_state=State.CLOSED)
    resolved_high.refresh_from_db()
    assert resolved_high.state == State.CLOSED


def test_a_closed_complaint_can_still_be_reviewed_later(resolved, agent):
    complaint_transition(complaint=resolved, by=agent, to_state=State.CLOSED)
    review_record(complaint=resolved, by=agent, data=_input(root_cause=RootCause.THIRD_PARTY))
    assert Review.objects.get(complaint=resolved).root_cause == RootCause.THIRD_PARTY


def test_an_open_complaint_is_not_reviewed_yet(complaint, agent):
    with pytest.raises(InvalidTransition, match="resolve it first"):
        review_record(complaint=complaint, by=agent, data=_input())
    assert not Review.objects.exists()


def test_a_complaint_is_reviewed_once(resolved, agent):
    review_record(complaint=resolved, by=agent, data=_input())
    with pytest.raises(Conflict):
        review_record(complaint=resolved, by=agent, data=_input())


def test_staff_outside_the_team_cannot_review(resolved, outsider):
    with pytest.raises(PermissionDenied):
        review_record(complaint=resolved, by=outsider, data=_input())
    assert not Review.objects.exists()


def test_a_root_cause_outside_the_taxonomy_is_refused(resolved, agent):
    with pytest.raises(InvalidInput) as caught:
        review_record(complaint=resolved, by=agent, data=_input(root_cause="the new starter"))
    assert caught.value.field == "root_cause"


def test_an_unknown_factor_is_refused(resolved, agent):
    with pytest.raises(InvalidInput):
        review_record(complaint=resolved, by=agent, data=_input(factors=["carelessness"]))


def test_a_refused_review_leaves_the_complaint_resolved(resolved_high, agent):
    with pytest.raises(InvalidInput):
        review_record(complaint=resolved_high, by=agent, data=_input(root_cause="nope"), close=True)
    resolved_high.refresh_from_db()
    assert resolved_high.state == State.RESOLVED


def test_a_proposal_goes_to_the_owner_of_the_area(resolved, agent, area, owner):
    proposal = ProposalInput(area, "Tell customers the courier's name", "Half the calls ask who is coming.")
    review = review_record(complaint=resolved, by=agent, data=_input(proposal=proposal))
    made = Proposal.objects.get(review=review)
    assert made.owner == owner
    assert made.state == ProposalState.PROPOSED
    assert made.complaint == resolved
    event = Event.objects.get(complaint=resolved, data__review=review.pk)
    assert "proposed to Rosa" in event.reason


def test_a_proposal_needs_a_title(resolved, agent, area):
    with pytest.raises(InvalidInput) as caught:
        review_record(complaint=resolved, by=agent, data=_input(proposal=ProposalInput(area, " ", "Why")))
    assert caught.value.field == "title"
    assert not Review.objects.exists()


def test_a_proposal_to_an_inactive_area_is_refused(resolved, agent, area):
    PolicyArea.objects.filter(pk=area.pk).update(is_active=False)
    area.refresh_from_db()
    with pytest.raises(InvalidInput):
        review_record(complaint=resolved, by=agent, data=_input(proposal=ProposalInput(area, "T", "C")))


def test_no_field_of_a_review_names_a_person():
    """Blameless by construction: a review relates to the complaint, never to a member of staff."""
    related = {
        f.name: f.related_model
        for f in Review._meta.get_fields()
        if isinstance(f, models.ForeignKey | models.OneToOneField)
    }
    assert User not in related.values()
    people = [f.name for f in Proposal._meta.get_fields() if getattr(f, "related_model", None) is User]
    assert people == ["owner"]  # the addressee, who decides; nobody is named as at fault
