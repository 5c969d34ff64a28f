from datetime import timedelta

import pytest
from django.utils import timezone

from amends.accounts.models import Role
from amends.complaints.models import Complaint
from amends.incidents import services
from amends.incidents.models import Incident, LinkSource
from tests.factories import UserFactory, make_complaint


@pytest.fixture
def spokesperson(team):
    return UserFactory(username="pat", first_name="Pat", role=Role.SPOKESPERSON, teams=[team])


@pytest.fixture
def other_supervisor(other_team):
    return UserFactory(username="sol", role=Role.SUPERVISOR, teams=[other_team])


@pytest.fixture
def receive(django_capture_on_commit_callbacks):
    """Receive a complaint as intake does, running what it queues after commit (triage, matching)."""

    def make(**kwargs) -> Complaint:
        with django_capture_on_commit_callbacks(execute=True):
            return make_complaint(**kwargs)

    return make


@pytest.fixture
def incident(supervisor) -> Incident:
    return services.incident_open(
        data=services.IncidentInput(
            title="Card payments failing",
            what_happened="Card payments were declined for two hours after a bank change.",
            customer_summary="Some card payments were wrongly declined on Tuesday morning.",
            next_update_at=timezone.now() + timedelta(hours=4),
        ),
        by=supervisor,
    )


@pytest.fixture
def linked(incident, category, supervisor, django_capture_on_commit_callbacks):
    """Make ``n`` complaints from different customers in the team and link them to the incident."""

    def make(n: int, **kwargs) -> list[Complaint]:
        with django_capture_on_commit_callbacks(execute=True):
            made = [
                make_complaint(
                    category=category, name=f"Customer {i}", email=f"customer{i}@example.net", **kwargs
                )
                for i in range(n)
            ]
        services.links_add(
            incident=incident, complaint_ids=[c.pk for c in made], by=supervisor, source=LinkSource.HAND
        )
        return made

    return make
