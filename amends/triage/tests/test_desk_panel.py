import pytest

from amends.complaints.models import Complaint
from amends.triage import services
from tests.factories import complaint_page_with_panels, make_complaint

pytestmark = pytest.mark.django_db


def test_complaint_page_shows_signals_with_their_evidence_escaped(
    client, agent, category, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = make_complaint(
            category=category,
            story="The lamp caught fire <script>alert(1)</script> and I will contact the ombudsman.",
            outcome_sought="A full refund.",
        )
    client.force_login(agent)
    page = complaint_page_with_panels(client, complaint.reference)
    assert 'data-testid="triage-panel"' in page
    assert "Safety or health risk" in page
    assert "<mark>caught fire</mark>" in page
    assert "Regulator or ombudsman" in page
    assert "Refund" in page
    assert "<script>alert(1)</script>" not in page
    assert "Suggests critical severity" in page


def test_panel_offers_the_suggested_category_in_one_click(
    client, agent, labelled_desk, django_capture_on_commit_callbacks
):
    services.category_model_train(force=True)
    with django_capture_on_commit_callbacks(execute=True):
        complaint = make_complaint(
            category=labelled_desk["delivery"],
            email="z@example.net",
            story="I cannot log in to my account because the reset code never comes.",
        )
    client.force_login(agent)
    page = complaint_page_with_panels(client, complaint.reference)
    assert "File under Account" in page
    account = labelled_desk["account"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/triage/c/{complaint.reference}/correct/", {"category": account.pk})
    assert response.status_code == 302
    assert Complaint.objects.get(pk=complaint.pk).category == account


def test_applying_the_suggested_severity_keeps_the_category(
    client, agent, complaint, django_capture_on_commit_callbacks
):
    client.force_login(agent)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/triage/c/{complaint.reference}/correct/", {"severity": "high"})
    complaint.refresh_from_db()
    assert complaint.severity == "high"
    assert complaint.category is not None


def test_another_teams_agent_cannot_correct_through_the_desk(client, outsider, complaint, other_category):
    client.force_login(outsider)
    response = client.post(f"/triage/c/{complaint.reference}/correct/", {"category": other_category.pk})
    assert response.status_code == 404
    assert Complaint.objects.get(pk=complaint.pk).category != other_category


def test_an_unknown_category_is_refused_with_a_message(client, agent, complaint):
    client.force_login(agent)
    response = client.post(f"/triage/c/{complaint.reference}/correct/", {"category": "99999"})
    assert response.status_code == 422
    assert "Choose one of the categories" in response.content.decode()
