"""POST /api/v1/coach gives the same verdicts as the command line, behind the same API key."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from amends.accounts.services import apikey_create
from amends.coaching.analyzer import RULES
from amends.coaching.models import MinimumScore
from amends.complaints.models import Severity

pytestmark = pytest.mark.django_db

DRAFT = (
    "Thanks for your patience, Rhys. Sorry for any inconvenience. Your new router will be sent soon, "
    "and we will look into why the first one failed."
)


@pytest.fixture
def post(client, agent):
    key = apikey_create(user=agent)[1]

    def call(body, key=key):
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return client.post(
            "/api/v1/coach", json.dumps(body), content_type="application/json", headers=headers
        )

    return call


def test_api_and_command_line_give_the_same_verdicts(post, tmp_path):
    response = post({"draft": DRAFT})
    assert response.status_code == 200, response.content
    body = response.json()
    draft_file = tmp_path / "draft.txt"
    draft_file.write_text(DRAFT)
    out = StringIO()
    call_command("coach", str(draft_file), "--json", stdout=out)
    cli = json.loads(out.getvalue())
    assert {k: body[k] for k in ("rules", "score", "suggestions")} == cli
    assert list(body["rules"]) == list(RULES)
    assert body["rules"]["thanks"] is True
    assert body["rules"]["apology"] is False
    assert body["verdicts"]["timeline"]["evidence"]["text"] == "soon"


def test_coach_requires_an_api_key(post):
    assert post({"draft": DRAFT}, key=None).status_code == 401
    assert post({"draft": DRAFT}, key="amd_not-a-key").status_code == 401


@pytest.mark.parametrize("draft", ["", "   \n  ", "x" * 20_001])
def test_an_empty_or_oversized_draft_is_refused_with_422(post, draft):
    response = post({"draft": draft})
    assert response.status_code == 422
    assert response.json()["detail"]


def test_a_complaint_reference_brings_its_minimum_and_its_customer_message(post, complaint):
    MinimumScore.objects.create(severity=Severity.NORMAL, minimum=60)
    body = post({"draft": "Sorry.", "complaint": complaint.reference}).json()
    assert body["minimum"] == 60
    assert body["tone"]["length"]["value"] is not None


def test_a_complaint_the_user_cannot_see_is_not_found(client, outsider, complaint):
    key = apikey_create(user=outsider)[1]
    response = client.post(
        "/api/v1/coach",
        json.dumps({"draft": "Sorry.", "complaint": complaint.reference}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 404
