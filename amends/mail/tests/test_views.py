"""The staff pages for inbound mail: who may see them, and retry, release and dismiss."""

import pytest

from amends.complaints.models import Complaint
from amends.mail.models import InboundMail, Source, Status
from amends.mail.services import inbound_receive

from .conftest import load_eml

pytestmark = pytest.mark.django_db


@pytest.fixture
def held():
    inbound_receive(raw=load_eml("no_sender.eml"), source=Source.SMTP)
    inbound_receive(raw=load_eml("unparseable.eml"), source=Source.IMAP)
    return list(InboundMail.objects.order_by("id"))


def _login(client, user):
    client.force_login(user)
    return client


def test_supervisor_sees_quarantined_mail_with_its_reason_and_buttons(client, supervisor, held):
    page = _login(client, supervisor).get("/mail/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Refund still missing" in html
    assert "No usable sender" in html
    assert "Not an email: no header section was found." in html
    assert html.count(">Retry</button>") == 2
    assert html.count(">Release</button>") == 2


@pytest.mark.parametrize("path", ["/mail/", "/mail/{pk}/", "/mail/{pk}/original/"])
def test_agents_may_not_see_inbound_mail(client, agent, held, path):
    response = _login(client, agent).get(path.format(pk=held[0].pk))
    assert response.status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client, held):
    response = client.get("/mail/")
    assert response.status_code == 302
    assert "/accounts/" in response["Location"]


def test_detail_shows_the_text_escaped_and_offers_the_original_as_a_download(client, admin_user):
    raw = b"From: x@example.org\nSubject: <b>bold</b>\nMessage-ID: <esc@x>\n\n<script>alert(1)</script>\n"
    inbound = inbound_receive(raw=raw, source=Source.FILE).inbound
    InboundMail.objects.filter(pk=inbound.pk).update(status=Status.QUARANTINED, reason="Test")
    _login(client, admin_user)
    html = client.get(f"/mail/{inbound.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    original = client.get(f"/mail/{inbound.pk}/original/")
    assert original["Content-Type"] == "message/rfc822"
    assert original["Content-Disposition"].startswith("attachment;")
    assert original.content == raw


def test_release_with_an_address_from_the_page_makes_a_complaint(client, supervisor, held):
    _login(client, supervisor)
    response = client.post(f"/mail/{held[0].pk}/release/", {"reply_to": "kim@example.net"}, follow=True)
    assert "New complaint" in response.content.decode()
    assert Complaint.objects.get().customer.contact_points.get().value == "kim@example.net"


def test_retry_that_fails_again_says_why(client, supervisor, held):
    _login(client, supervisor)
    response = client.post(f"/mail/{held[1].pk}/retry/", follow=True)
    assert "Still quarantined: Not an email" in response.content.decode()


def test_dismiss_takes_mail_out_of_the_quarantine_list(client, supervisor, held):
    _login(client, supervisor)
    client.post(f"/mail/{held[1].pk}/dismiss/", {"reason": "Junk"})
    assert InboundMail.objects.get(pk=held[1].pk).status == Status.DISMISSED
    assert "Not an email" not in client.get("/mail/").content.decode()
    assert "Not an email" in client.get("/mail/?status=dismissed").content.decode()


def test_a_bad_address_on_release_is_shown_not_a_500(client, supervisor, held):
    _login(client, supervisor)
    response = client.post(f"/mail/{held[0].pk}/release/", {"reply_to": "nope"}, follow=True)
    assert response.status_code == 200
    assert "is not an email address we can write to" in response.content.decode()
    assert InboundMail.objects.get(pk=held[0].pk).status == Status.QUARANTINED
