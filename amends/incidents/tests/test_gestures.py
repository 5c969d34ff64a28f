"""A blanket goodwill gesture for everyone linked, under the remedies' authority rules."""

from decimal import Decimal

import pytest

from amends.accounts.models import Role
from amends.core.errors import InvalidInput, InvalidTransition, PermissionDenied
from amends.incidents import services
from amends.incidents.models import GestureGrant, GestureOutcome, IncidentGesture, LinkSource
from amends.remedies.models import ApprovalRequest, AuthorityLimit, Grant, Remedy, RemedyKind
from tests.factories import make_complaint

pytestmark = pytest.mark.django_db


@pytest.fixture
def credit(db):
    Remedy.objects.all().delete()
    AuthorityLimit.objects.all().delete()
    AuthorityLimit.objects.create(role=Role.SUPERVISOR, currency="GBP", per_remedy=Decimal("20"))
    return Remedy.objects.create(
        name="Goodwill credit",
        kind=RemedyKind.CREDIT,
        wording="Credit on your account",
        default_amount=Decimal("10"),
        max_amount=Decimal("100"),
        is_gesture=True,
        fulfil_within_days=0,
    )


def grant(capture, incident, by, remedy, amount=None):
    with capture(execute=True):
        gesture = services.incident_gesture_grant(incident=incident, by=by, remedy=remedy, amount=amount)
    gesture.refresh_from_db()
    return gesture


def test_within_authority_every_linked_complaint_gets_the_gesture(
    incident, linked, supervisor, credit, django_capture_on_commit_callbacks
):
    complaints = linked(3)
    gesture = grant(django_capture_on_commit_callbacks, incident, supervisor, credit)
    assert (gesture.total, gesture.granted, gesture.waiting, gesture.refused) == (3, 3, 0, 0)
    assert gesture.finished_at is not None
    grants = Grant.objects.filter(complaint__in=complaints)
    assert grants.count() == 3
    assert {g.amount for g in grants} == {Decimal("10.000")}
    assert all(g.authorised_by == supervisor for g in grants)


def test_above_authority_each_goes_for_approval(
    incident, linked, supervisor, credit, django_capture_on_commit_callbacks
):
    linked(2)
    gesture = grant(django_capture_on_commit_callbacks, incident, supervisor, credit, amount="50")
    assert (gesture.granted, gesture.waiting) == (0, 2)
    assert ApprovalRequest.objects.count() == 2
    assert not Grant.objects.exists()


def test_a_repeated_batch_grants_nothing_twice(
    incident, linked, supervisor, credit, django_capture_on_commit_callbacks
):
    complaints = linked(2)
    gesture = grant(django_capture_on_commit_callbacks, incident, supervisor, credit)
    GestureGrant.objects.filter(gesture=gesture).update(
        outcome=GestureOutcome.PENDING
    )  # as if the row write was lost
    IncidentGesture.objects.filter(pk=gesture.pk).update(finished_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.gesture_grant_batch(gesture_id=gesture.pk, first=complaints[0].pk, last=complaints[-1].pk)
    assert Grant.objects.count() == 2  # the grant's key refused a second one


def test_complaints_outside_the_granters_teams_are_refused_with_the_reason(
    incident, linked, supervisor, credit, other_category, django_capture_on_commit_callbacks
):
    linked(1)
    with django_capture_on_commit_callbacks(execute=True):
        elsewhere = make_complaint(category=other_category, email="else@example.org")
    services.links_add(incident=incident, complaint_ids=[elsewhere.pk], by=None, source=LinkSource.HAND)
    gesture = grant(django_capture_on_commit_callbacks, incident, supervisor, credit)
    assert (gesture.granted, gesture.refused) == (1, 1)
    refusal = GestureGrant.objects.get(complaint=elsewhere)
    assert "outside your teams" in refusal.note


def test_an_agent_cannot_grant_a_blanket_gesture(
    incident, linked, agent, credit, django_capture_on_commit_callbacks
):
    linked(1)
    with pytest.raises(PermissionDenied):
        grant(django_capture_on_commit_callbacks, incident, agent, credit)


def test_an_amount_the_catalogue_refuses_is_refused_before_anything_is_queued(
    incident, linked, supervisor, credit, django_capture_on_commit_callbacks
):
    linked(1)
    with pytest.raises(InvalidInput):
        grant(django_capture_on_commit_callbacks, incident, supervisor, credit, amount="1000")
    assert not IncidentGesture.objects.exists()


def test_a_gesture_needs_linked_complaints(incident, supervisor, credit, django_capture_on_commit_callbacks):
    with pytest.raises(InvalidTransition):
        grant(django_capture_on_commit_callbacks, incident, supervisor, credit)
