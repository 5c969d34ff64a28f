"""Migration 0008 keeps every idempotency key already given out, as a filed submission."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("complaints", "0007_incident_event_kind")]
AFTER = [("complaints", "0008_submissions")]


@pytest.fixture
def _latest_schema_after():
    """Leave the schema as every other test expects it: at the latest migration."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_latest_schema_after")
def test_idempotency_keys_become_filed_submissions():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("accounts", "User").objects.create(username="client")
    customer = old.get_model("complaints", "Customer").objects.create(name="Jo")
    now = timezone.now()
    complaint = old.get_model("complaints", "Complaint").objects.create(
        reference="C-2026-000042", customer=customer, channel="api", story="It broke.", received_at=now
    )
    old.get_model("complaints", "IdempotencyKey").objects.create(
        key="k1", user=user, request_hash="h" * 64, complaint=complaint, created_at=now
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    submission = new.get_model("complaints", "Submission").objects.get()
    assert (submission.reference, submission.channel, submission.idempotency_key) == (
        "C-2026-000042",
        "api",
        "k1",
    )
    assert submission.by_id == user.pk
    assert submission.complaint_id == complaint.pk
    assert submission.request_hash == "h" * 64
    assert submission.filed_at == now
    assert submission.received_at == now
