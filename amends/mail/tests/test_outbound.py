"""What our outbound mail carries so that answers find their way back and loops do not start."""

from email.utils import parseaddr

import pytest
from django.core import mail

from amends.complaints.delivery import complaint_id_from_address, reply_address
from amends.complaints.services import complaint_reply

pytestmark = pytest.mark.django_db


def test_signed_reply_address_names_its_complaint_and_resists_tampering():
    address = reply_address(41, "Orders <orders@care.example.com>")
    assert address.startswith("Orders <orders+c41-")
    plain = parseaddr(address)[1]
    assert complaint_id_from_address(plain) == 41
    assert complaint_id_from_address(plain.upper()) == 41, "mail systems may change the case"
    assert complaint_id_from_address(plain.replace("c41-", "c42-")) is None
    assert complaint_id_from_address("orders@care.example.com") is None
    assert complaint_id_from_address("orders+c41@care.example.com") is None


def test_agent_reply_carries_the_signed_reply_to_but_is_not_marked_automatic(
    complaint, agent, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        complaint_reply(complaint=complaint, by=agent, body="I am sorry. A new screen is on its way.")
    sent = mail.outbox[0]
    assert complaint_id_from_address(parseaddr(sent.extra_headers["Reply-To"])[1]) == complaint.pk
    assert "Auto-Submitted" not in sent.extra_headers


def test_signed_reply_to_can_be_turned_off(complaint, agent, settings, django_capture_on_commit_callbacks):
    settings.AMENDS_MAIL_SIGNED_REPLY_TO = False
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        complaint_reply(complaint=complaint, by=agent, body="Sorry.")
    assert "Reply-To" not in mail.outbox[0].extra_headers
