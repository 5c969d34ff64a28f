import json

import pytest
from django.core import mail
from django.test import Client

from amends.accounts.services import apikey_create, apikey_revoke
from amends.complaints.models import Complaint, State

pytestmark = pytest.mark.django_db

COMPLAINT = {
    "name": "Priya Shah",
    "email": "priya@example.net",
    "story": "The washing machine you installed on 3 March leaks every cycle.",
    "outcome_sought": "Send an engineer who can fix it properly.",
    "category": "delivery",
}


@pytest.fixture
def key(agent):
    return apikey_create(user=agent, name="tests")[1]


@pytest.fixture
def api(client: Client, key):
    def call(method: str, path: str, body=None, **headers: str):
        data = json.dumps(body) if body is not None else ""
        return client.generic(
            method.upper(),
            f"/api/v1{path}",
            data,
            content_type="application/json",
            headers={"Authorization": f"Bearer {key}", **headers},
        )

    return call


def test_create_complaint_answers_202_with_the_reference_then_reads_in_full_and_acknowledges(
    api, category, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api("post", "/complaints", COMPLAINT)
    assert response.status_code == 202, response.content
    accepted = response.json()
    assert accepted["reference"].startswith("C-")
    assert accepted["url"].endswith(f"/api/v1/complaints/{accepted['reference']}")
    # The tests' task backend files at once; a worker does it within seconds when deployed.
    read = api("get", f"/complaints/{accepted['reference']}")
    assert read.status_code == 200
    body = read.json()
    assert body["state"] == State.ACKNOWLEDGED
    assert body["category"] == "delivery"
    assert body["team"] == "orders"
    assert body["outcome_sought"] == COMPLAINT["outcome_sought"]
    assert (
        body["received_at"].replace("Z", "+00:00")[:19] == accepted["received_at"].replace("Z", "+00:00")[:19]
    )
    assert len(mail.outbox) == 1
    stored = Complaint.objects.get(reference=accepted["reference"])
    raw = stored.messages.get(direction="inbound").raw
    assert raw is not None
    assert json.loads(bytes(raw)) == COMPLAINT


def test_repeated_request_with_the_same_idempotency_key_returns_the_first_submission(api, category):
    first = api("post", "/complaints", COMPLAINT, **{"Idempotency-Key": "abc-123"})
    second = api("post", "/complaints", COMPLAINT, **{"Idempotency-Key": "abc-123"})
    assert (first.status_code, second.status_code) == (202, 200)
    assert first.json()["reference"] == second.json()["reference"]
    assert Complaint.objects.count() == 1


def test_reusing_an_idempotency_key_for_a_different_body_is_a_conflict(api, category):
    api("post", "/complaints", COMPLAINT, **{"Idempotency-Key": "k1"})
    response = api(
        "post", "/complaints", {**COMPLAINT, "story": "Something else"}, **{"Idempotency-Key": "k1"}
    )
    assert response.status_code == 409
    assert "Idempotency-Key" in response.json()["detail"]
    assert Complaint.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"story": ""}, "story"),
        ({"story": None}, "story"),
        ({"name": "x" * 201}, "name"),
        ({"email": "not-an-email"}, "email"),
        ({"email": None, "phone": None}, "email"),
        ({"severity": "apocalyptic"}, "severity"),
        ({"category": "no-such-category"}, "category"),
        ({"story": "x" * 20_001}, "story"),
    ],
)
def test_invalid_input_gets_a_4xx_naming_the_field(api, category, change, field):
    response = api("post", "/complaints", {**COMPLAINT, **change})
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["field"] == field
    assert field in body["detail"]
    assert Complaint.objects.count() == 0


def test_malformed_json_is_refused_with_a_message(client, key):
    response = client.post(
        "/api/v1/complaints",
        data="{not json",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]


def test_oversized_body_is_refused_with_413(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = api("post", "/complaints", {**COMPLAINT, "story": "y" * 5000})
    assert response.status_code == 413
    assert "1,000 bytes" in response.json()["detail"]


def test_requests_without_a_valid_key_are_refused(client, agent):
    _, key = apikey_create(user=agent)
    assert client.get("/api/v1/complaints").status_code == 401
    assert client.get("/api/v1/complaints", HTTP_AUTHORIZATION="Bearer amd_wrong").status_code == 401
    token = agent.api_tokens.get()
    apikey_revoke(token=token)
    assert client.get("/api/v1/complaints", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_read_a_complaint_of_another_team_is_404(api, other_category):
    from tests.factories import make_complaint

    theirs = make_complaint(category=other_category)
    response = api("get", f"/complaints/{theirs.reference}")
    assert response.status_code == 404
    assert theirs.reference in response.json()["detail"]


def test_list_follows_the_cursor_to_the_end(api, category):
    from tests.factories import make_complaint

    made = {make_complaint(category=category, email=f"l{i}@example.net").reference for i in range(5)}
    seen, cursor = [], None
    while True:
        response = api("get", "/complaints?limit=2" + (f"&cursor={cursor}" if cursor else ""))
        assert response.status_code == 200
        seen += [item["reference"] for item in response.json()["items"]]
        cursor = response.json()["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(made)


def test_list_refuses_a_limit_out_of_range(api):
    response = api("get", "/complaints?limit=100000")
    assert response.status_code == 422
    assert response.json()["field"] == "limit"


def test_reply_note_and_customer_message(api, complaint, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reply = api(
            "post",
            f"/complaints/{complaint.reference}/messages",
            {"kind": "reply", "body": "Thank you. We are sorry; an engineer comes Friday."},
        )
    assert reply.status_code == 201
    assert reply.json()["direction"] == "outbound"
    assert len(mail.outbox) == 1
    note = api("post", f"/complaints/{complaint.reference}/messages", {"kind": "note", "body": "Booked."})
    assert note.json()["direction"] == "internal"
    inbound = api(
        "post", f"/complaints/{complaint.reference}/messages", {"kind": "customer", "body": "Thanks!"}
    )
    assert inbound.json()["direction"] == "inbound"


def test_message_kind_must_be_known(api, complaint):
    response = api("post", f"/complaints/{complaint.reference}/messages", {"kind": "fax", "body": "Hi"})
    assert response.status_code == 422
    assert response.json()["field"] == "kind"


def test_state_change_and_refused_change(api, complaint):
    ok = api(
        "post",
        f"/complaints/{complaint.reference}/transitions",
        {"to_state": "resolved", "agreed_outcome": "Engineer fixed the seal"},
    )
    assert ok.status_code == 200
    assert ok.json()["state"] == "resolved"
    refused = api("post", f"/complaints/{complaint.reference}/transitions", {"to_state": "in_progress"})
    assert refused.status_code == 409
    assert "reopened" in refused.json()["detail"]


def test_openapi_document_is_published(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/complaints" in paths
    assert "/api/v1/complaints/{reference}/transitions" in paths
    assert client.get("/api/v1/docs").status_code == 200
