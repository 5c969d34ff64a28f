"""Provider webhooks through django-anymail: real HTTP requests to the inbound endpoint."""

import base64
import hashlib
import hmac
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


def _postmark(raw: bytes) -> dict[str, object]:
    """A Postmark inbound webhook body with "include raw email content" on."""
    event = {
        "FromFull": {"Email": "e.muller@example.de", "Name": "Elodee Muller"},
        "ToFull": [{"Email": "care@amends.localhost", "Name": ""}],
        "Subject": "Rückerstattung",
        "MessageID": "0f7c1a52-1c4e-4c9c-9d3a-7f1a2b3c4d5e",
        "OriginalRecipient": "care@amends.localhost",
        "Headers": [{"Name": "Return-Path", "Value": "<e.muller@example.de>"}],
        "TextBody": "Rückerstattung",
        "RawEmail": raw.decode(),
    }
    return {"data": json.dumps(event), "content_type": "application/json"}


def _mailgun(raw: bytes) -> dict[str, object]:
    """A Mailgun route's forward() of the raw message, signed as Mailgun signs it."""
    timestamp, token = "1772445600", "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0"
    signature = hmac.new(b"mailgun-signing-key", f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()
    form = {
        "body-mime": raw.decode(),
        "recipient": "care@amends.localhost",
        "sender": "e.muller@example.de",
        "timestamp": timestamp,
        "token": token,
        "signature": signature,
    }
    return {"data": form}


@pytest.mark.parametrize(
    ("endpoint", "payload"),
    [
        ("sparkpost/inbound", lambda raw: {"data": _relay(raw), "content_type": "application/json"}),
        ("postmark/inbound", _postmark),
        ("mailgun/inbound_mime", _mailgun),  # Mailgun posts raw MIME to a URL ending in "mime"
    ],
)
def test_provider_webhook_keeps_the_bytes_the_provider_received(
    client, settings, django_capture_on_commit_callbacks, endpoint, payload
):
    # Anymail's parsed message, written out again, would show this subject's en dash (sent as
    # Windows-1252 labelled ISO-8859-1) as a control character.
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET, "MAILGUN_WEBHOOK_SIGNING_KEY": "mailgun-signing-key"}
    raw = load_eml("encoded_words.eml")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/mail/webhooks/{endpoint}/", **payload(raw), **_auth())
    assert response.status_code == 200
    inbound = InboundMail.objects.get()
    assert inbound.sha256 == hashlib.sha256(raw).hexdigest()
    assert bytes(inbound.message.raw) == raw
    assert inbound.subject == "Rückerstattung für Bestellung Nr. 88 \u2013 bitte — dringend"


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
