"""Every limit at its boundary: exactly at the limit is granted, one cent over goes for approval."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from amends.accounts.models import Role
from amends.complaints.models import EventKind
from amends.core.errors import InvalidInput, InvalidTransition, PermissionDenied
from amends.promises.models import Promise, PromiseKind
from amends.remedies.models import ApprovalLevel, ApprovalState, AuthorityLimit, Grant
from amends.remedies.services import remedy_grant
from tests.factories import make_complaint

pytestmark = pytest.mark.django_db

_keys = iter(range(10_000))


def grant(by, complaint, remedy, amount):
    return remedy_grant(by=by, complaint=complaint, remedy=remedy, amount=amount, key=f"test:{next(_keys)}")


def test_exactly_the_per_remedy_limit_is_granted_at_once(agent, complaint, remedies, limits):
    outcome = grant(agent, complaint, remedies["Partial refund"], "50.00")
    assert outcome.grant is not None
    assert outcome.approval is None
    assert outcome.grant.amount == Decimal("50.00")
    assert outcome.grant.authorised_by == agent


def test_one_cent_over_the_per_remedy_limit_goes_to_a_supervisor(
    agent, supervisor, complaint, remedies, limits
):
    outcome = grant(agent, complaint, remedies["Partial refund"], "50.01")
    assert outcome.grant is None
    request = outcome.approval
    assert request.level == ApprovalLevel.SUPERVISOR
    assert request.state == ApprovalState.PENDING
    assert "£50.01 is above" in request.why
    assert "£50.00 per remedy" in request.why
    assert complaint.reference in request.summary
    assert not Grant.objects.exists()


def test_the_per_complaint_limit_counts_what_was_already_granted(
    agent, supervisor, complaint, remedies, limits
):
    assert grant(agent, complaint, remedies["Partial refund"], "40.00").grant
    assert grant(agent, complaint, remedies["Partial refund"], "40.00").grant  # £80.00: at the limit
    over = grant(agent, complaint, remedies["Partial refund"], "0.01")
    assert over.approval is not None
    assert "would have £80.01 granted" in over.approval.why


def test_the_per_customer_limit_counts_their_other_complaints_in_the_period(
    agent, supervisor, complaint, category, remedies, limits
):
    second = make_complaint(category=category, story="And the second parcel was wet")
    assert second.customer_id == complaint.customer_id
    assert grant(agent, complaint, remedies["Partial refund"], "50.00").grant
    assert grant(agent, second, remedies["Partial refund"], "50.00").grant  # £100.00 for the customer
    over = grant(agent, second, remedies["Handwritten note"], "0.01")
    assert over.approval is not None
    assert "customer would have £100.01 in 30 days" in over.approval.why


def test_grants_older_than_the_customer_period_no_longer_count(agent, complaint, category, remedies, limits):
    second = make_complaint(category=category, story="Second time the parcel was late")
    old = grant(agent, complaint, remedies["Partial refund"], "50.00").grant
    Grant.objects.filter(pk=old.pk).update(granted_at=timezone.now() - timedelta(days=31))
    assert grant(agent, second, remedies["Partial refund"], "50.00").grant
    assert grant(agent, second, remedies["Handwritten note"], "0.01").approval is None


def test_the_monthly_budget_is_each_agents_own_unless_shared(
    agent, second_agent, supervisor, category, remedies, limits
):
    limits["agent"].per_complaint = limits["agent"].per_customer = None
    limits["agent"].save()
    complaints = [make_complaint(category=category, email=f"c{i}@example.net") for i in range(5)]
    for c in complaints[:4]:
        assert grant(agent, c, remedies["Partial refund"], "50.00").grant  # £200.00: the budget
    over = grant(agent, complaints[4], remedies["Partial refund"], "0.01")
    assert over.approval is not None
    assert "budget" in over.approval.why
    assert "£200.01" in over.approval.why
    # Another agent has their own £200.
    assert grant(second_agent, complaints[4], remedies["Partial refund"], "50.00").grant

    limits["agent"].budget_is_shared = True
    limits["agent"].save()
    shared = grant(second_agent, complaints[4], remedies["Handwritten note"], "0.01")
    assert shared.approval is not None
    assert "shared budget" in shared.approval.why


def test_last_months_grants_do_not_count_against_this_months_budget(agent, category, remedies, limits):
    limits["agent"].per_complaint = limits["agent"].per_customer = None
    limits["agent"].save()
    complaints = [make_complaint(category=category, email=f"m{i}@example.net") for i in range(5)]
    for c in complaints[:4]:
        grant(agent, c, remedies["Partial refund"], "50.00")
    Grant.objects.update(granted_at=timezone.now() - timedelta(days=40))
    assert grant(agent, complaints[4], remedies["Partial refund"], "50.00").grant


def test_a_persons_own_limit_beats_their_team_and_role(agent, supervisor, complaint, team, remedies, limits):
    AuthorityLimit.objects.create(team=team, role=Role.AGENT, currency="GBP", per_remedy=Decimal("20.00"))
    assert grant(agent, complaint, remedies["Partial refund"], "20.01").approval is not None
    AuthorityLimit.objects.create(user=agent, currency="GBP", per_remedy=Decimal("100.00"))
    assert grant(agent, complaint, remedies["Replacement"], "100.00").grant is not None


def test_without_any_limit_row_only_remedies_costing_nothing_are_granted(
    agent, supervisor, complaint, remedies
):
    assert grant(agent, complaint, remedies["Apology"], None).grant is not None
    outcome = grant(agent, complaint, remedies["Handwritten note"], "0.01")
    assert outcome.approval is not None
    assert "no authority" in outcome.approval.why


def test_an_administrator_without_a_limit_grants_anything(admin_user, complaint, remedies):
    assert grant(admin_user, complaint, remedies["Replacement"], "2000.00").grant is not None


def test_limits_apply_only_in_their_own_currency(agent, supervisor, complaint, remedies, limits):
    outcome = grant(agent, complaint, remedies["Refund in euros"], "1.00")
    assert outcome.approval is not None
    assert "EUR" in outcome.approval.why
    AuthorityLimit.objects.create(role=Role.AGENT, currency="EUR", per_remedy=Decimal("25.00"))
    assert grant(agent, complaint, remedies["Refund in euros"], "25.00").grant.currency == "EUR"


def test_an_agent_with_no_supervisor_in_the_team_is_sent_to_an_administrator(
    agent, complaint, remedies, limits
):
    outcome = grant(agent, complaint, remedies["Partial refund"], "60.00")
    assert outcome.approval.level == ApprovalLevel.ADMIN


def test_granting_makes_a_promise_to_fulfil_it_and_records_both(agent, complaint, remedies, limits):
    outcome = grant(agent, complaint, remedies["Partial refund"], "25.00")
    promise = outcome.grant.promise
    assert promise.kind == PromiseKind.CUSTOM
    assert "refund of part" in promise.description.lower()
    days = (promise.due_at - outcome.grant.granted_at).days
    assert days == 3
    kinds = list(complaint.events.values_list("kind", flat=True))
    assert EventKind.REMEDY_GRANTED in kinds
    assert EventKind.PROMISE_MADE in kinds
    complaint.refresh_from_db()
    earliest = Promise.objects.filter(complaint=complaint, state="open").order_by("target_at").first()
    assert complaint.due_at == earliest.target_at


def test_a_remedy_with_nothing_to_fulfil_makes_no_promise(agent, complaint, remedies, limits):
    before = Promise.objects.count()
    assert grant(agent, complaint, remedies["Apology"], None).grant.promise is None
    assert Promise.objects.count() == before


def test_the_same_key_grants_once(agent, complaint, remedies, limits):
    first = remedy_grant(
        by=agent, complaint=complaint, remedy=remedies["Partial refund"], amount="10", key="k1"
    )
    again = remedy_grant(
        by=agent, complaint=complaint, remedy=remedies["Partial refund"], amount="10", key="k1"
    )
    assert first.created
    assert not again.created
    assert again.grant == first.grant
    assert Grant.objects.count() == 1
    assert again.words == "This was already granted."


def test_the_same_key_asks_for_approval_once(agent, supervisor, complaint, remedies, limits):
    first = remedy_grant(
        by=agent, complaint=complaint, remedy=remedies["Replacement"], amount="120", key="k2"
    )
    again = remedy_grant(
        by=agent, complaint=complaint, remedy=remedies["Replacement"], amount="120", key="k2"
    )
    assert again.approval == first.approval
    assert not again.created


@pytest.mark.parametrize(
    ("amount", "says"),
    [
        ("-10", "negative"),
        ("500.01", "at most £500.00"),
        ("abc", "not an amount"),
        ("1.001", "decimal places"),
    ],
)
def test_bad_amounts_grant_nothing(agent, complaint, remedies, limits, amount, says):
    with pytest.raises(InvalidInput, match=says):
        grant(agent, complaint, remedies["Partial refund"], amount)
    assert not Grant.objects.exists()


def test_a_currency_other_than_the_remedys_is_refused(agent, complaint, remedies, limits):
    with pytest.raises(InvalidInput, match="given in EUR, not GBP"):
        remedy_grant(
            by=agent,
            complaint=complaint,
            remedy=remedies["Refund in euros"],
            amount="5",
            currency="GBP",
            key="c",
        )


def test_an_agent_of_another_team_cannot_grant(outsider, complaint, remedies, limits):
    with pytest.raises(PermissionDenied):
        grant(outsider, complaint, remedies["Apology"], None)


def test_a_spokesperson_cannot_grant(spokesperson, complaint, remedies, limits):
    with pytest.raises(PermissionDenied):
        grant(spokesperson, complaint, remedies["Apology"], None)


def test_nothing_is_granted_on_a_spam_complaint(agent, complaint, remedies, limits):
    from amends.complaints.models import State
    from amends.complaints.services import complaint_transition

    complaint_transition(complaint=complaint, by=agent, to_state=State.SPAM, reason="Advert")
    with pytest.raises(InvalidTransition):
        grant(agent, complaint, remedies["Apology"], None)
