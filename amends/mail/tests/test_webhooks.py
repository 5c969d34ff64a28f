"""Provider webhooks through django-anymail: real HTTP requests to the inbound endpoint."""

import base64
import json

import pytest

from amends.complaints.models import Complaint, ContactPoint
from amends.mail.models import InboundMail, Source

from .conftest import load_eml

pytestmark = pytest.mark.django_db

URL = "/mail/webhooks/sparkpost/inbound/"
SECRET = "amends:webhook-secret"


def _relay(raw: bytes) -> str:
    """A SparkPost relay webhook body carrying ``raw``, as SparkPost posts it."""
    event = {
        "msys": {
            "relay_message": {
                "content": {"email_rfc822": base64.b64encode(raw).decode(), "email_rfc822_is_base64": True},
                "msg_from": "jo.bloggs@example.net",
                "rcpt_to": "care@amends.localhost",
                "protocol": "smtp",
                "webhook_id": "1234",
            }
        }
    }
    return json.dumps([event])


def _auth(secret: str = SECRET) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(secret.encode()).decode()}


@pytest.fixture
def secret(settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}


def test_provider_webhook_hands_the_message_to_the_pipeline(
    client, secret, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, _relay(load_eml("plain.eml")), content_type="application/json", **_auth())
    assert response.status_code == 200
    inbound = InboundMail.objects.get()
    assert (inbound.source, inbound.envelope_to) == (Source.WEBHOOK, "care@amends.localhost")
    assert Complaint.objects.get().summary == "Cracked screen on order 4471"


def test_webhook_with_the_wrong_secret_is_refused(client, secret):
    response = client.post(
        URL, _relay(load_eml("plain.eml")), content_type="application/json", **_auth("amends:guess")
    )
    assert response.status_code == 400
    assert InboundMail.objects.count() == 0


def test_webhooks_are_off_until_a_secret_is_set(client, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": ""}
    response = client.post(URL, _relay(load_eml("plain.eml")), content_type="application/json")
    assert response.status_code == 404
    assert InboundMail.objects.count() == 0


def test_provider_bounce_report_marks_the_address_failing(client, secret, jo_point):
    event = {
        "msys": {
            "message_event": {
                "type": "bounce",
                "bounce_class": "10",
                "raw_rcpt_to": "jo.bloggs@example.net",
                "raw_reason": "550 5.1.1 User unknown",
                "event_id": "92356927693813856",
                "timestamp": "1454442600",
            }
        }
    }
    response = client.post(
        "/mail/webhooks/sparkpost/tracking/", json.dumps([event]), content_type="application/json", **_auth()
    )
    assert response.status_code == 200
    jo_point.refresh_from_db()
    assert jo_point.failing_since is not None


def test_provider_report_of_a_spam_block_leaves_the_address_alone(client, secret, jo_point):
    event = {
        "msys": {"message_event": {"type": "bounce", "bounce_class": "51", "raw_rcpt_to": jo_point.value}}
    }
    client.post(
        "/mail/webhooks/sparkpost/tracking/", json.dumps([event]), content_type="application/json", **_auth()
    )
    jo_point.refresh_from_db()
    assert jo_point.failing_since is None


@pytest.fixture
def jo_point(complaint):
    return ContactPoint.objects.get(value="jo.bloggs@example.net")
