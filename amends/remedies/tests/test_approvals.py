"""Approval above an agent's authority: approve, decline with a reason, escalate, expire."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from amends.complaints.models import EventKind
from amends.core.errors import Conflict, InvalidInput, PermissionDenied
from amends.remedies.links import approval_token
from amends.remedies.models import ApprovalLevel, ApprovalRequest, ApprovalState, Grant
from amends.remedies.services import (
    approval_approve,
    approval_decline,
    approval_expire,
    approvals_sweep,
    remedy_grant,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_(agent, supervisor, admin_user, complaint, remedies, limits, django_capture_on_commit_callbacks):
    """An agent asks for a £120 replacement: above their £50 a remedy, so a supervisor decides."""
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        outcome = remedy_grant(
            by=agent, complaint=complaint, remedy=remedies["Replacement"], amount="120", key="form:abc"
        )
    return outcome.approval


def test_the_request_goes_to_the_teams_supervisor_with_the_case_and_links(request_, supervisor, complaint):
    assert request_.level == ApprovalLevel.SUPERVISOR
    assert [m.to for m in mail.outbox] == [[supervisor.email]]
    body = mail.outbox[0].body
    assert "A replacement, delivered free (£120.00)" in body
    assert request_.why in body
    assert "per remedy" in request_.why
    assert "My order 4471 arrived with a cracked screen" in body  # the case summary
    assert "They asked for: Replacement (read from their words)" in body
    assert "/remedies/approvals/link/" in body
    event = complaint.events.get(kind=EventKind.APPROVAL_REQUESTED)
    assert "Asked a supervisor" in event.reason


def test_a_supervisor_approves_and_the_remedy_is_granted_in_their_name(
    request_, agent, supervisor, complaint, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision = approval_approve(request=request_, by=supervisor)
    grant = decision.grant
    assert (grant.requested_by, grant.authorised_by, grant.approval) == (agent, supervisor, request_)
    assert grant.promise is not None
    request_.refresh_from_db()
    assert request_.state == ApprovalState.APPROVED
    assert request_.decided_by == supervisor
    assert [m.to for m in mail.outbox] == [[agent.email]]
    assert "approved by" in mail.outbox[0].body.lower()
    kinds = list(complaint.events.values_list("kind", flat=True))
    assert EventKind.APPROVAL_DECIDED in kinds
    assert EventKind.REMEDY_GRANTED in kinds


def test_approving_twice_grants_once(request_, supervisor, admin_user):
    approval_approve(request=request_, by=supervisor)
    with pytest.raises(Conflict, match="already approved by"):
        approval_approve(request=request_, by=admin_user)
    assert Grant.objects.count() == 1


def test_declining_needs_a_reason_and_tells_the_agent(
    request_, agent, supervisor, complaint, django_capture_on_commit_callbacks
):
    with pytest.raises(InvalidInput, match="say why"):
        approval_decline(request=request_, by=supervisor, reason="  ")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        approval_decline(
            request=request_, by=supervisor, reason="A repair is due under warranty; offer that."
        )
    request_.refresh_from_db()
    assert request_.state == ApprovalState.DECLINED
    assert not Grant.objects.exists()
    assert "A repair is due under warranty" in mail.outbox[0].body
    event = complaint.events.get(kind=EventKind.APPROVAL_DECIDED)
    assert "Declined" in event.reason
    assert "warranty" in event.reason


def test_an_agent_cannot_approve_their_own_request(request_, agent):
    with pytest.raises(PermissionDenied, match="your own request"):
        approval_approve(request=request_, by=agent)


def test_a_supervisor_cannot_approve_their_own_request(supervisor, admin_user, complaint, remedies, limits):
    outcome = remedy_grant(
        by=supervisor, complaint=complaint, remedy=remedies["Replacement"], amount="600", key="s"
    )
    assert outcome.approval.level == ApprovalLevel.ADMIN
    with pytest.raises(PermissionDenied, match="your own request"):
        approval_approve(request=outcome.approval, by=supervisor)
    assert approval_approve(request=outcome.approval, by=admin_user).grant.authorised_by == admin_user


def test_another_agent_cannot_approve(request_, second_agent):
    with pytest.raises(PermissionDenied):
        approval_approve(request=request_, by=second_agent)
    with pytest.raises(PermissionDenied):
        approval_decline(request=request_, by=second_agent, reason="no")


def test_a_supervisor_of_another_team_cannot_approve(request_, other_supervisor):
    with pytest.raises(PermissionDenied):
        approval_approve(request=request_, by=other_supervisor)
    assert ApprovalRequest.objects.get().state == ApprovalState.PENDING


def test_a_supervisor_above_their_own_authority_sends_it_up_to_an_administrator(
    agent, supervisor, admin_user, complaint, remedies, limits, django_capture_on_commit_callbacks
):
    big = remedy_grant(by=agent, complaint=complaint, remedy=remedies["Replacement"], amount="800", key="big")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision = approval_approve(request=big.approval, by=supervisor)
    assert decision.escalated
    assert decision.grant is None
    request = ApprovalRequest.objects.get()
    assert request.level == ApprovalLevel.ADMIN
    assert request.escalations == 1
    assert "Above" in complaint.events.get(kind=EventKind.APPROVAL_ESCALATED).reason
    assert [m.to for m in mail.outbox] == [[admin_user.email]]
    with pytest.raises(PermissionDenied):
        approval_approve(request=request, by=supervisor)  # no longer at the supervisor's level
    assert approval_approve(request=request, by=admin_user).grant.amount == 800


def test_an_undecided_request_escalates_then_expires(
    request_, agent, admin_user, complaint, django_capture_on_commit_callbacks
):
    assert approval_expire(request_id=request_.pk).level == ApprovalLevel.SUPERVISOR  # not due yet
    later = request_.expires_at + timedelta(seconds=1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert approvals_sweep(now=later) == 1
    request_.refresh_from_db()
    assert request_.level == ApprovalLevel.ADMIN
    assert request_.state == ApprovalState.PENDING
    assert (
        "No supervisor decided within 24 hours"
        in complaint.events.get(kind=EventKind.APPROVAL_ESCALATED).reason
    )
    assert [m.to for m in mail.outbox] == [[admin_user.email]]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert approvals_sweep(now=request_.expires_at + timedelta(seconds=1)) == 1
    request_.refresh_from_db()
    assert request_.state == ApprovalState.EXPIRED
    assert [m.to for m in mail.outbox] == [[agent.email]]
    assert approvals_sweep(now=timezone.now() + timedelta(days=30)) == 0


def test_the_sweep_command_moves_due_requests_on(request_):
    ApprovalRequest.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    call_command("remedies_sweep")
    assert ApprovalRequest.objects.get().level == ApprovalLevel.ADMIN


def test_a_decided_request_is_left_alone_by_the_sweep(request_, supervisor):
    approval_decline(request=request_, by=supervisor, reason="No")
    assert approvals_sweep(now=request_.expires_at + timedelta(days=1)) == 0


def test_the_emailed_link_approves_in_one_click_without_signing_in(client, request_, supervisor):
    url = f"/remedies/approvals/link/{approval_token(request_, supervisor.pk)}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Approve" in page.content.decode()
    assert ApprovalRequest.objects.get().state == ApprovalState.PENDING  # opening it changes nothing
    response = client.post(url, {"decision": "approve"})
    assert "Approved and granted" in response.content.decode()
    assert Grant.objects.get().authorised_by == supervisor
    again = client.post(url, {"decision": "approve"})
    assert again.status_code == 409
    assert Grant.objects.count() == 1


def test_the_emailed_link_declines_with_a_reason(client, request_, supervisor):
    url = f"/remedies/approvals/link/{approval_token(request_, supervisor.pk)}/"
    refused = client.post(url, {"decision": "decline", "reason": ""})
    assert refused.status_code == 422
    client.post(url, {"decision": "decline", "reason": "Offer the repair first."})
    request_.refresh_from_db()
    assert request_.state == ApprovalState.DECLINED
    assert request_.decision_reason == "Offer the repair first."


def test_a_changed_approval_link_is_refused(client, request_, supervisor):
    token = approval_token(request_, supervisor.pk)
    response = client.post(f"/remedies/approvals/link/{token[:-3]}xyz/", {"decision": "approve"})
    assert response.status_code == 404
    assert not Grant.objects.exists()


def test_an_approval_link_made_for_the_requester_cannot_approve(client, request_, agent):
    url = f"/remedies/approvals/link/{approval_token(request_, agent.pk)}/"
    response = client.post(url, {"decision": "approve"})
    assert response.status_code == 403
    assert not Grant.objects.exists()


def test_the_desk_lists_requests_to_decide_and_approves_in_one_click(client, request_, supervisor, agent):
    client.force_login(supervisor)
    page = client.get("/remedies/approvals/").content.decode()
    assert request_.wording in page
    assert "Waiting for you" in page
    response = client.post(f"/remedies/approvals/{request_.pk}/approve/", follow=True)
    assert "Approved and granted" in response.content.decode()
    assert Grant.objects.count() == 1


def test_the_desk_refuses_an_agent_approving(client, request_, second_agent, outsider):
    client.force_login(second_agent)
    assert request_.wording not in client.get("/remedies/approvals/").content.decode()
    assert client.post(f"/remedies/approvals/{request_.pk}/approve/").status_code == 403
    client.force_login(outsider)
    assert client.post(f"/remedies/approvals/{request_.pk}/decline/", {"reason": "x"}).status_code == 404
    assert ApprovalRequest.objects.get().state == ApprovalState.PENDING
