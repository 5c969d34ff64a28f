"""The policy loop: proposals collected per owner, who acknowledges, decides and records the outcome."""

from datetime import timedelta

import pytest
from django.utils import timezone

from amends.accounts.models import Role
from amends.complaints.models import Event
from amends.core.errors import InvalidInput, InvalidTransition, NotFound, PermissionDenied
from amends.reviews import selectors
from amends.reviews.models import Factor, ProposalState, RootCause
from amends.reviews.services import (
    ProposalInput,
    ReviewInput,
    proposal_acknowledge,
    proposal_decide,
    proposal_record_outcome,
    review_record,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(resolved, agent, area):
    data = ReviewInput(
        RootCause.POLICY,
        [Factor.POLICY_GAP],
        proposal=ProposalInput(area, "Refund delivery fees on late orders", "It is what customers ask for."),
    )
    return review_record(complaint=resolved, by=agent, data=data).proposal


def test_the_owner_acknowledges_decides_and_records_the_outcome(proposal, owner):
    proposal = proposal_acknowledge(proposal=proposal, by=owner)
    assert proposal.state == ProposalState.ACKNOWLEDGED
    proposal = proposal_decide(proposal=proposal, by=owner, accept=True, note="Worth a try.")
    assert proposal.state == ProposalState.ACCEPTED
    day = timezone.localdate()
    proposal = proposal_record_outcome(
        proposal=proposal, by=owner, outcome="Fees refunded automatically.", changed_on=day
    )
    assert proposal.state == ProposalState.CHANGED
    assert proposal.changed_on == day
    reasons = list(
        Event.objects.filter(complaint=proposal.complaint, data__proposal=proposal.pk).values_list(
            "reason", flat=True
        )
    )
    assert len(reasons) == 3
    assert "Policy changed from" in reasons[-1]


def test_declining_needs_a_reason(proposal, owner):
    with pytest.raises(InvalidInput):
        proposal_decide(proposal=proposal, by=owner, accept=False, note="")
    declined = proposal_decide(
        proposal=proposal, by=owner, accept=False, note="The courier contract covers it."
    )
    assert declined.state == ProposalState.DECLINED
    assert declined.acknowledged_at is not None


def test_an_outcome_is_recorded_only_for_an_accepted_proposal(proposal, owner):
    with pytest.raises(InvalidTransition):
        proposal_record_outcome(proposal=proposal, by=owner, outcome="x", changed_on=timezone.localdate())


def test_a_change_more_than_a_year_ahead_is_refused(proposal, owner):
    proposal_decide(proposal=proposal, by=owner, accept=True)
    later = timezone.localdate() + timedelta(days=400)
    with pytest.raises(InvalidInput):
        proposal_record_outcome(proposal=proposal, by=owner, outcome="Someday", changed_on=later)


def test_a_decided_proposal_is_not_decided_again(proposal, owner):
    proposal_decide(proposal=proposal, by=owner, accept=True)
    with pytest.raises(InvalidTransition):
        proposal_decide(proposal=proposal, by=owner, accept=False, note="Changed my mind")


@pytest.mark.parametrize("who", ["agent", "supervisor", "outsider"])
def test_only_the_owner_acts_on_a_proposal(proposal, who, request):
    someone = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        proposal_acknowledge(proposal=proposal, by=someone)
    with pytest.raises(PermissionDenied):
        proposal_decide(proposal=proposal, by=someone, accept=True)


def test_an_administrator_may_stand_in_for_the_owner(proposal, admin_user):
    assert proposal_decide(proposal=proposal, by=admin_user, accept=True).state == ProposalState.ACCEPTED


def test_proposals_are_collected_per_owner(proposal, owner, agent):
    mine = selectors.proposal_list_for_user(user=owner, mine=True)
    assert [p.pk for p in mine.items] == [proposal.pk]
    assert selectors.proposal_list_for_user(user=agent, mine=True).items == []
    assert selectors.proposals_waiting_for(owner) == [proposal]


def test_staff_outside_the_complaint_team_do_not_see_the_proposal(proposal, outsider):
    with pytest.raises(NotFound):
        selectors.proposal_get_for_user(user=outsider, pk=proposal.pk)


def test_the_owner_sees_the_proposal_without_seeing_the_complaint(proposal, owner, client):
    client.force_login(owner)
    page = client.get(f"/reviews/proposals/{proposal.pk}/")
    assert page.status_code == 200
    assert b"Refund delivery fees" in page.content
    assert b'href="/desk/c/' not in page.content  # she is in no team: the reference shows, not a link


def test_the_proposals_page_lists_what_waits_for_the_owner(proposal, owner, client):
    client.force_login(owner)
    page = client.get("/reviews/proposals/")
    assert page.status_code == 200
    assert b"Refund delivery fees on late orders" in page.content


def test_the_owner_decides_from_the_proposal_page(proposal, owner, client):
    client.force_login(owner)
    assert client.post(f"/reviews/proposals/{proposal.pk}/acknowledge/").status_code == 302
    response = client.post(f"/reviews/proposals/{proposal.pk}/decide/", {"decision": "accept", "note": ""})
    assert response.status_code == 302
    day = timezone.localdate().isoformat()
    response = client.post(
        f"/reviews/proposals/{proposal.pk}/outcome/", {"outcome": "Done", "changed_on": day}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.CHANGED


def test_declining_without_a_reason_shows_the_form_again(proposal, owner, client):
    client.force_login(owner)
    response = client.post(f"/reviews/proposals/{proposal.pk}/decide/", {"decision": "decline", "note": ""})
    assert response.status_code == 422
    assert b"Please fill in the reason" in response.content


def test_a_colleague_who_sees_the_proposal_cannot_decide_it(proposal, supervisor, client):
    client.force_login(supervisor)
    assert client.get(f"/reviews/proposals/{proposal.pk}/").status_code == 200
    response = client.post(f"/reviews/proposals/{proposal.pk}/decide/", {"decision": "accept"})
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PROPOSED


def test_an_outsider_gets_not_found(proposal, outsider, client):
    client.force_login(outsider)
    assert client.get(f"/reviews/proposals/{proposal.pk}/").status_code == 404
    assert client.post(f"/reviews/proposals/{proposal.pk}/acknowledge/").status_code == 404


def test_spokesperson_sees_no_proposals_of_teams_they_are_not_in(proposal):
    speaker = UserFactory(username="pat", role=Role.SPOKESPERSON)
    assert selectors.proposal_list_for_user(user=speaker, mine=False).items == []
