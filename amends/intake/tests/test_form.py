import pytest
from django.core import mail
from django.core.cache import cache

from amends.complaints.models import Complaint, State

pytestmark = pytest.mark.django_db

FORM = {
    "story": "I was charged twice for order 5512 on 2 November and the chat closed on me.",
    "outcome_sought": "Refund the second charge.",
    "name": "Tomás Ruiz",
    "email": "tomas@example.org",
    "phone": "",
    "preferred_contact_method": "email",
    "preferred_contact_time": "",
    "website": "",
}


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()


def test_form_asks_for_the_story_the_outcome_and_how_to_reach_them(client):
    page = client.get("/complain/").content.decode()
    for label in (
        "What happened?",
        "What would put it right for you?",
        "How should we reach you?",
        "When is a good time?",
    ):
        assert label in page
    assert page.index("What happened?") < page.index("Your name")


def test_sending_the_form_gives_a_reference_and_a_time(client, category, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/complain/", {**FORM, "category": category.pk}, follow=True)
    complaint = Complaint.objects.get()
    page = response.content.decode()
    assert complaint.reference in page
    assert "will reply to you by" in page
    assert complaint.state == State.ACKNOWLEDGED
    assert mail.outbox[0].to == ["tomas@example.org"]
    assert complaint.team == category.team
    raw = bytes(complaint.messages.get(direction="inbound").raw)
    assert b"I was charged twice for order 5512" in raw  # the multipart body, byte for byte


def test_missing_story_and_contact_are_shown_next_to_the_fields(client):
    response = client.post("/complain/", {**FORM, "story": "", "email": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "This field is required." in page
    assert "Please give an email address or a phone number" in page
    assert 'value="Tomás Ruiz"' in page  # nothing typed is lost
    assert Complaint.objects.count() == 0


def test_asking_to_be_phoned_requires_a_number(client):
    response = client.post("/complain/", {**FORM, "preferred_contact_method": "phone"})
    assert response.status_code == 400
    assert "please give a phone number" in response.content.decode()


def test_story_over_the_limit_is_refused_with_the_count(client, settings):
    settings.AMENDS_MAX_STORY_CHARS = 50
    response = client.post("/complain/", {**FORM, "story": "z" * 60})
    assert response.status_code == 400
    assert "under 50 characters (it is 60)" in response.content.decode()


def test_a_filled_honeypot_stores_nothing(client):
    response = client.post("/complain/", {**FORM, "website": "http://spam.example.com"})
    assert response.status_code == 200
    assert Complaint.objects.count() == 0


def test_too_many_complaints_from_one_address_are_throttled_without_losing_the_text(client, settings):
    settings.AMENDS_INTAKE_RATE = "2/m"
    statuses = [
        client.post("/complain/", {**FORM, "email": f"t{i}@example.org"}).status_code for i in range(3)
    ]
    assert statuses == [302, 302, 429]
    last = client.post("/complain/", FORM)
    assert "Please wait a minute" in last.content.decode()
    assert "charged twice for order 5512" in last.content.decode()
    assert Complaint.objects.count() == 2


def test_what_the_customer_typed_is_escaped_on_every_page(
    client, admin_user, django_capture_on_commit_callbacks
):
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/complain/", {**FORM, "story": evil, "name": evil, "outcome_sought": evil}, follow=True
        )
    complaint = Complaint.objects.get()
    client.force_login(admin_user)
    pages = [
        response.content.decode(),
        client.get(f"/desk/c/{complaint.reference}/").content.decode(),
        client.get("/desk/").content.decode(),
    ]
    from amends.portal.links import status_token

    pages.append(client.get(f"/track/{status_token(complaint)}/").content.decode())
    for page in pages:
        assert "<script>alert" not in page
        assert "<img src=x" not in page
    assert "&lt;script&gt;" in pages[1]


def test_received_page_with_a_tampered_link_is_not_found(client, complaint):
    from amends.portal.links import status_token

    token = status_token(complaint)
    assert client.get(f"/complain/received/{token}/").status_code == 200
    assert client.get(f"/complain/received/{token[:-2]}xx/").status_code == 404


def test_the_confirmation_names_the_time_told_to_the_customer_never_an_internal_one(client, complaint):
    from datetime import timedelta

    from amends.complaints.messages import format_when
    from amends.portal.links import status_token
    from amends.promises.models import Promise, PromiseKind

    told = complaint.promises.get(kind=PromiseKind.FIRST_RESPONSE)
    soon = told.created_at + timedelta(minutes=5)
    Promise.objects.create(
        complaint=complaint,
        kind=PromiseKind.CUSTOM,
        description="Internal reminder",
        due_at=soon,
        target_at=soon,
        visible=False,
    )
    page = client.get(f"/complain/received/{status_token(complaint)}/").content.decode()
    assert format_when(told) in page
    assert "Internal reminder" not in page
