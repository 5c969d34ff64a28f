import pytest

from amends.accounts.models import Role
from amends.complaints.models import Severity, State
from amends.complaints.services import complaint_categorise, complaint_transition
from amends.reviews.models import PolicyArea
from tests.factories import UserFactory


@pytest.fixture
def owner(db):
    """A head of policy who sits in no team: she sees her areas' figures, not the inbox."""
    return UserFactory(username="rosa", first_name="Rosa", role=Role.SUPERVISOR)


@pytest.fixture
def area(owner, category):
    made = PolicyArea.objects.create(name="Delivery policy", owner=owner)
    made.categories.add(category)
    return made


@pytest.fixture
def resolved(complaint, agent):
    complaint_transition(complaint=complaint, by=agent, to_state=State.RESOLVED, agreed_outcome="Refunded")
    complaint.refresh_from_db()
    return complaint


@pytest.fixture
def resolved_high(resolved, agent):
    complaint_categorise(complaint=resolved, by=agent, category=resolved.category, severity=Severity.HIGH)
    resolved.refresh_from_db()
    return resolved
