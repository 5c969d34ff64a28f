"""Real SMTP sessions (smtplib) against the built-in receiver on a loopback port."""

import smtplib
from email.message import EmailMessage
from email.utils import parseaddr

import pytest
from django.core import mail
from django.db import OperationalError

from amends.complaints import services as complaint_services
from amends.complaints.models import Complaint, Direction, State
from amends.mail.models import InboundMail, Noise, Source, Status
from amends.mail.smtp import smtp_controller, smtp_controller_stop

from .conftest import free_port, load_eml

CARE = "care@amends.localhost"


def send(receiver, raw: bytes, *, to: str = CARE, sender: str = "jo.bloggs@example.net") -> None:
    host, port = receiver
    with smtplib.SMTP(host, port, timeout=30) as client:
        client.sendmail(sender, [to], raw)


def _complaint() -> Complaint:
    return Complaint.objects.select_related("customer").get()


def test_mail_sent_over_smtp_becomes_an_acknowledged_complaint_and_the_reply_threads(smtp_receiver):
    mail.outbox.clear()
    send(smtp_receiver, load_eml("plain.eml"))
    complaint = _complaint()
    assert complaint.state == State.ACKNOWLEDGED
    assert InboundMail.objects.get().source == Source.SMTP
    ack = mail.outbox[0]
    assert ack.to == ["jo.bloggs@example.net"]
    assert complaint.reference in ack.subject

    # The customer answers the acknowledgement the way a mail client does: to its Reply-To,
    # in reply to its Message-ID.
    reply = EmailMessage()
    reply["From"] = "Jo Bloggs <jo.bloggs@example.net>"
    reply["To"] = ack.extra_headers["Reply-To"]
    reply["Subject"] = f"Re: {ack.subject}"
    reply["Message-ID"] = "<jo-reply-1@mail.example.net>"
    reply["In-Reply-To"] = ack.extra_headers["Message-ID"]
    reply["References"] = f"<CAJo4471.plain@mail.example.net> {ack.extra_headers['Message-ID']}"
    reply.set_content("Thursday suits me.\n\nOn Mon, Customer Care wrote:\n> We have your complaint.\n")
    send(smtp_receiver, reply.as_bytes(), to=parseaddr(ack.extra_headers["Reply-To"])[1])

    assert Complaint.objects.count() == 1
    latest = complaint.messages.filter(direction=Direction.INBOUND).latest("id")
    assert latest.body == "Thursday suits me."
    assert latest.message_id == "<jo-reply-1@mail.example.net>"
    assert len(mail.outbox) == 1, "a reply is not acknowledged again"


def test_out_of_office_over_smtp_is_not_acknowledged(smtp_receiver):
    mail.outbox.clear()
    send(smtp_receiver, load_eml("out_of_office.eml"))
    assert InboundMail.objects.get().noise == Noise.AUTO_REPLY
    assert _complaint().state == State.RECEIVED
    assert mail.outbox == []


def test_mail_with_an_empty_envelope_sender_is_not_acknowledged(smtp_receiver):
    mail.outbox.clear()
    raw = b"From: someone@example.org\nSubject: Hello\nMessage-ID: <null-sender@example.org>\n\nHi\n"
    send(smtp_receiver, raw, sender="")
    assert InboundMail.objects.get().envelope_from == "<>"
    assert mail.outbox == []


def test_duplicate_delivery_over_smtp_is_stored_once(smtp_receiver):
    raw = load_eml("plain.eml")
    send(smtp_receiver, raw)
    send(smtp_receiver, raw)
    inbound = InboundMail.objects.get()
    assert inbound.duplicates == 1
    assert Complaint.objects.count() == 1


def test_unparseable_message_over_smtp_is_accepted_and_quarantined(smtp_receiver):
    send(smtp_receiver, load_eml("unparseable.eml"))
    inbound = InboundMail.objects.get()
    assert inbound.status == Status.QUARANTINED
    assert inbound.reason == "Not an email: no header section was found."
    assert Complaint.objects.count() == 0


def test_bytes_are_kept_when_the_database_fails_and_taken_in_when_the_sender_retries(
    smtp_receiver, monkeypatch
):
    def outage(**kwargs):
        raise OperationalError("the database went away")

    raw = load_eml("plain.eml")
    monkeypatch.setattr(complaint_services, "complaints_receive", outage)
    with pytest.raises(smtplib.SMTPDataError) as deferred:
        send(smtp_receiver, raw)
    assert deferred.value.smtp_code == 451, "a temporary failure: the sending server keeps the mail"
    stored = InboundMail.objects.get()
    assert stored.status == Status.PENDING, "stored before it was read"
    assert bytes(stored.raw).replace(b"\r\n", b"\n").rstrip() == raw.rstrip()  # SMTP sends CRLF lines
    monkeypatch.undo()
    send(smtp_receiver, raw)  # the sending server's next attempt
    stored.refresh_from_db()
    assert (stored.status, stored.complaint) == (Status.PROCESSED, _complaint())


def test_mail_for_another_domain_is_refused(smtp_receiver):
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        send(smtp_receiver, load_eml("plain.eml"), to="someone@elsewhere.example")
    assert refused.value.recipients["someone@elsewhere.example"][0] == 550
    assert InboundMail.objects.count() == 0


def test_mail_over_the_hard_limit_is_refused_so_the_sender_hears_of_it(transactional_db, settings):
    settings.AMENDS_MAIL_SMTP_MAX_BYTES = 10_000
    port = free_port()
    controller = smtp_controller(host="127.0.0.1", port=port)
    controller.start()
    try:
        with pytest.raises(smtplib.SMTPException) as refused:
            send(("127.0.0.1", port), load_eml("plain.eml") + b"x" * 20_000)
    finally:
        smtp_controller_stop(controller)
    assert refused.value.smtp_code == 552
    assert InboundMail.objects.count() == 0
