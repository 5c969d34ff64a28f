import ipaddress
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import SystemCheckError

from amends.complaints.models import Complaint, Direction, State, Submission
from amends.core.addresses import client_address
from amends.intake.throttle import parse_rate

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


def _post(client, address="127.0.0.1", **headers):
    return client.post("/complain/", FORM, REMOTE_ADDR=address, **headers).status_code


def test_too_many_complaints_from_one_address_are_throttled_without_losing_the_text(client, settings):
    settings.AMENDS_INTAKE_RATE = "2/m"
    statuses = [
        client.post("/complain/", {**FORM, "email": f"t{i}@example.org"}).status_code for i in range(3)
    ]
    assert statuses == [302, 302, 429]
    last = client.post("/complain/", FORM)
    assert "Please wait a minute" in last.content.decode()
    assert "charged twice for order 5512" in last.content.decode()
    assert Submission.objects.count() == 2
    # Refused before a reference number was used: the next one taken in follows on.
    assert _post(client, "10.0.0.9") == 302
    numbers = sorted(int(s.reference[-6:]) for s in Submission.objects.all())
    assert numbers == [numbers[0], numbers[0] + 1, numbers[0] + 2]


def test_the_throttle_counts_each_address_over_a_sliding_window(client, settings):
    settings.AMENDS_INTAKE_RATE = "2/m"
    assert [_post(client) for _ in range(3)] == [302, 302, 429]
    assert _post(client, "10.0.0.2") == 302  # someone else
    # One of the two leaves the window: one more may be sent, and then none.
    first = Submission.objects.order_by("id").first()
    Submission.objects.filter(pk=first.pk).update(received_at=first.received_at - timedelta(seconds=61))
    assert [_post(client), _post(client)] == [302, 429]


def test_the_throttle_keeps_a_keyed_hash_of_the_address_not_the_address(client):
    assert _post(client, "192.0.2.77") == 302
    stored = Submission.objects.get()
    assert len(stored.client) == 32
    assert "192.0.2.77" not in stored.client
    assert Submission.objects.filter(client=stored.client).count() == 1


def test_an_ipv6_sender_is_counted_by_its_network(client, settings):
    settings.AMENDS_INTAKE_RATE = "2/m"
    assert _post(client, "2001:db8:1:2::10") == 302
    assert _post(client, "2001:db8:1:2::99") == 302  # another device on the same /64
    assert _post(client, "2001:db8:1:2:aaaa::1") == 429
    assert _post(client, "2001:db8:1:3::10") == 302


@pytest.mark.parametrize(
    "sent",
    [
        "192.0.2.7",
        "2001:db8:1:2::99",
        "2001:DB8:0:0:1::1",
        "::1",
        "::ffff:192.0.2.7",
        "fe80::1",
        "2001:db8:0:1:2:3:4:5",
        "0:0:0:0:0:0:0:1",
    ],
)
def test_an_address_is_read_as_the_ipaddress_module_reads_it(rf, sent):
    expected = ipaddress.ip_address(sent)
    if expected.version == 6:
        network = ipaddress.ip_network(f"{expected}/64", strict=False)
        assert client_address(rf.post("/complain/", REMOTE_ADDR=sent)) == f"{network.network_address}/64"
    else:
        assert client_address(rf.post("/complain/", REMOTE_ADDR=sent)) == str(expected)


@pytest.mark.parametrize("sent", ["010.1.2.3", "1.2.3", "256.1.1.1", "not an address", ""])
def test_an_address_that_cannot_be_read_is_not_counted_as_one(rf, sent):
    assert client_address(rf.post("/complain/", REMOTE_ADDR=sent)) == "unknown"


def test_behind_a_proxy_the_address_it_added_is_counted(client, settings):
    settings.AMENDS_INTAKE_RATE = "2/m"
    settings.AMENDS_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    # The proxy appends the address it saw; what comes before it is whatever the client wrote.
    sent = [_post(client, HTTP_X_FORWARDED_FOR=f"198.51.100.{i}, 203.0.113.5") for i in range(3)]
    assert sent == [302, 302, 429]
    assert _post(client, HTTP_X_FORWARDED_FOR="203.0.113.6") == 302
    # A header that does not hold an address: the connection's address is counted.
    assert _post(client, "10.1.1.1", HTTP_X_FORWARDED_FOR="unknown") == 302


def test_the_api_is_not_throttled_by_the_forms_count(client, settings, agent):
    from amends.accounts.services import apikey_create

    settings.AMENDS_INTAKE_RATE = "1/m"
    key = apikey_create(user=agent, name="t")[1]
    assert _post(client) == 302
    for i in range(3):
        response = client.post(
            "/api/v1/complaints",
            {"name": "Jo", "email": f"jo{i}@example.net", "story": "It broke."},
            content_type="application/json",
            headers={"Authorization": f"Bearer {key}"},
        )
        assert response.status_code == 202
    assert Submission.objects.filter(client="").count() == 3


@pytest.mark.parametrize(
    ("rate", "parsed"), [("10/m", (10, 60)), ("30/5m", (30, 300)), (" 1 / d ", (1, 86400)), ("3/s", (3, 1))]
)
def test_a_rate_is_a_count_over_a_time(rate, parsed):
    assert parse_rate(rate) == parsed


@pytest.mark.parametrize("rate", ["", "10", "ten/m", "0/m", "10/0m", "10/w", "10/m/h"])
def test_a_rate_that_cannot_be_read_stops_the_desk_from_starting(rate, settings):
    with pytest.raises(ImproperlyConfigured, match="AMENDS_INTAKE_RATE"):
        parse_rate(rate)
    settings.AMENDS_INTAKE_RATE = rate
    from django.core.management import call_command

    with pytest.raises(SystemCheckError, match=r"intake\.E001"):
        call_command("check")


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


def _with_csrf():
    """A browser-like client: the CSRF check is enforced, as in production (the test client
    skips it by default), and the token comes from the form page's cookie and field."""
    import re

    from django.test import Client

    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)
    page = browser.get("/complain/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token
    return browser, token[1]


def test_a_multipart_form_is_taken_in_with_its_body_kept(django_capture_on_commit_callbacks):
    browser, token = _with_csrf()
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post("/complain/", {**FORM, "csrfmiddlewaretoken": token})  # multipart
    assert response.status_code == 302
    message = Complaint.objects.get().messages.get(direction=Direction.INBOUND)
    assert b"charged twice for order 5512" in bytes(message.raw)
    assert message.raw_content_type == "multipart/form-data"


def test_an_urlencoded_form_is_taken_in_and_a_form_without_its_token_is_not():
    from urllib.parse import urlencode

    browser, token = _with_csrf()
    sent = browser.post(
        "/complain/",
        urlencode({**FORM, "csrfmiddlewaretoken": token}),
        content_type="application/x-www-form-urlencoded",
    )
    assert sent.status_code == 302
    forged = browser.post("/complain/", urlencode(FORM), content_type="application/x-www-form-urlencoded")
    assert forged.status_code == 403
    assert Submission.objects.count() == 1


def test_a_body_over_the_limit_is_refused_with_a_message_before_the_csrf_check(settings):
    from urllib.parse import urlencode

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000
    browser, token = _with_csrf()
    response = browser.post(
        "/complain/",
        urlencode({**FORM, "story": "x" * 5_000, "csrfmiddlewaretoken": token}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    assert "larger than we can take in one go (2,000 bytes)" in response.content.decode()
    assert Submission.objects.count() == 0


def test_each_form_has_fields_of_its_own_and_one_form_leaves_the_next_as_it_was(category):
    from amends.intake.forms import ComplaintForm

    blank = ComplaintForm().as_div()
    first, second = ComplaintForm(), ComplaintForm()
    assert first.fields["phone"] is not second.fields["phone"]
    assert first.fields["phone"] is not ComplaintForm.base_fields["phone"]
    first.fields["phone"].required = True
    assert not second.fields["phone"].required
    assert not ComplaintForm().fields["phone"].required
    refused = ComplaintForm(data={"story": "", "name": "", "email": "not an address", "phone": "x" * 50})
    assert not refused.is_valid()
    assert "Enter a valid email address." in refused.as_div()  # rendered, with its errors
    assert ComplaintForm().as_div() == blank  # nothing of the refused form is left on the next
