from decimal import Decimal

import pytest

from amends.accounts.models import Role
from amends.complaints.models import Severity
from amends.remedies.models import AuthorityLimit, Remedy, RemedyKind
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _no_starter_catalogue(db):
    """Each test sets up its own catalogue and limits, rather than the migration's starter rows."""
    Remedy.objects.all().delete()
    AuthorityLimit.objects.all().delete()


@pytest.fixture
def remedies(db):
    """A small catalogue, as an organisation would set it up in the admin."""
    made = [
        Remedy(
            name="Partial refund",
            kind=RemedyKind.PARTIAL_REFUND,
            wording="A refund of part of what you paid",
            default_amount=Decimal("30.00"),
            max_amount=Decimal("500.00"),
            fulfilment_steps="Refund in the payment system\nEmail the receipt",
            fulfil_within_days=3,
            position=1,
        ),
        Remedy(
            name="Replacement",
            kind=RemedyKind.REPLACEMENT,
            wording="A replacement, delivered free",
            default_amount=Decimal("120.00"),
            max_amount=Decimal("2000.00"),
            fulfilment_steps="Order the replacement\nBook the courier",
            fulfil_within_days=5,
            position=2,
        ),
        Remedy(name="Apology", kind=RemedyKind.APOLOGY_ONLY, wording="Our apology", fulfil_within_days=0),
        Remedy(
            name="Handwritten note",
            kind=RemedyKind.HANDWRITTEN_NOTE,
            wording="A handwritten note from the team",
            default_amount=Decimal("3.00"),
            is_gesture=True,
            fulfil_within_days=2,
        ),
        Remedy(
            name="Flowers",
            kind=RemedyKind.FLOWERS,
            wording="Flowers, with our apology",
            default_amount=Decimal("40.00"),
            is_gesture=True,
            suggest_from_severity=Severity.HIGH,
        ),
        Remedy(
            name="Upgrade",
            kind=RemedyKind.UPGRADE,
            wording="A free upgrade on your next order",
            default_amount=Decimal("15.00"),
            is_gesture=True,
            suggest_after_complaints=2,
        ),
        Remedy(
            name="Refund in euros",
            kind=RemedyKind.REFUND,
            wording="A refund",
            default_amount=Decimal("20.00"),
            currency="EUR",
        ),
    ]
    Remedy.objects.bulk_create(made)
    return {r.name: r for r in Remedy.objects.all()}


@pytest.fixture
def limits(db):
    """Agents: £50 a remedy, £80 a complaint, £100 a customer in 30 days, £200 a month each.
    Supervisors: £500 a remedy, £1,000 a complaint, £5,000 a month."""
    agent_row = AuthorityLimit.objects.create(
        role=Role.AGENT,
        currency="GBP",
        per_remedy=Decimal("50.00"),
        per_complaint=Decimal("80.00"),
        per_customer=Decimal("100.00"),
        customer_period_days=30,
        monthly_budget=Decimal("200.00"),
    )
    supervisor_row = AuthorityLimit.objects.create(
        role=Role.SUPERVISOR,
        currency="GBP",
        per_remedy=Decimal("500.00"),
        per_complaint=Decimal("1000.00"),
        monthly_budget=Decimal("5000.00"),
    )
    return {"agent": agent_row, "supervisor": supervisor_row}


@pytest.fixture
def other_supervisor(other_team):
    return UserFactory(username="sol", role=Role.SUPERVISOR, teams=[other_team])


@pytest.fixture
def second_agent(team):
    return UserFactory(username="bea", role=Role.AGENT, teams=[team])


@pytest.fixture
def spokesperson(team):
    return UserFactory(username="spike", role=Role.SPOKESPERSON, teams=[team])
