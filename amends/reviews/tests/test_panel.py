"""The review panel on the desk's complaint page: the form, recording through htmx, refusals."""

import pytest

from amends.complaints.models import State
from amends.reviews.models import Proposal, Review

pytestmark = pytest.mark.django_db


def _panel(client, complaint):
    return client.get(f"/desk/c/{complaint.reference}/panel/review/")


def test_the_panel_offers_the_form_once_the_complaint_is_resolved(resolved_high, agent, area, client):
    client.force_login(agent)
    page = _panel(client, resolved_high)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Record review and close" in text
    assert "Needed before this high-severity complaint can close" in text
    assert "Delivery policy (owner: Rosa" in text


def test_the_panel_explains_the_review_while_the_complaint_is_open(complaint, agent, client):
    client.force_login(agent)
    text = _panel(client, complaint).content.decode()
    assert "Written when the complaint closes" in text
    assert "<form" not in text


def test_recording_through_the_panel_closes_and_redirects(resolved_high, agent, area, client):
    client.force_login(agent)
    response = client.post(
        f"/reviews/c/{resolved_high.reference}/",
        {
            "root_cause": "third_party",
            "factors": ["supplier", "handoff"],
            "factors_note": "The courier's scanner was down.",
            "area": area.pk,
            "title": "Second courier for big items",
            "change": "One courier is a single point of failure.",
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"/desk/c/{resolved_high.reference}/"
    resolved_high.refresh_from_db()
    assert resolved_high.state == State.CLOSED
    review = Review.objects.get(complaint=resolved_high)
    assert review.factors == ["handoff", "supplier"]
    assert Proposal.objects.get(review=review).title == "Second courier for big items"
    shown = _panel(client, resolved_high).content.decode()
    assert "Third party" in shown
    assert "Second courier for big items" in shown


def test_a_refused_review_shows_the_panel_with_the_reason_and_what_was_typed(resolved, agent, client):
    client.force_login(agent)
    response = client.post(
        f"/reviews/c/{resolved.reference}/",
        {"factors_note": "Kept text"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    text = response.content.decode()
    assert "Root cause" in text
    assert "Kept text" in text
    assert not Review.objects.exists()


def test_an_outsider_cannot_post_a_review(resolved, outsider, client):
    client.force_login(outsider)
    response = client.post(f"/reviews/c/{resolved.reference}/", {"root_cause": "process"})
    assert response.status_code == 404
    assert not Review.objects.exists()


def test_the_timeline_names_the_review(resolved, agent, client):
    client.force_login(agent)
    client.post(f"/reviews/c/{resolved.reference}/", {"root_cause": "process"})
    page = client.get(f"/desk/c/{resolved.reference}/").content.decode()
    assert "Blameless review" in page


def test_the_desks_next_step_refuses_to_close_without_the_review(resolved_high, agent, client):
    client.force_login(agent)
    response = client.post(
        f"/desk/c/{resolved_high.reference}/state/", {"to_state": "closed"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 409
    assert "Review panel" in response.content.decode()
    resolved_high.refresh_from_db()
    assert resolved_high.state == State.RESOLVED
