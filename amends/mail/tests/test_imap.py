"""Polling a real Dovecot IMAP server, started by the test session on loopback ports."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import OperationalError
from django.utils import timezone
from imapclient import IMAPClient  # type: ignore[import-untyped]

from amends.complaints import services as complaint_services
from amends.complaints.models import Complaint, State
from amends.mail.imap import KEYWORD, mailbox_poll
from amends.mail.models import AfterIngest, InboundMail, Mailbox, Security, Source, Status
from amends.mail.services import inbound_receive

from .conftest import load_eml

pytestmark = pytest.mark.django_db


@pytest.fixture
def imap(dovecot, settings):
    """A client on the test user's account, emptied before each test."""
    settings.AMENDS_MAIL_IMAP_CA_FILE = dovecot.ca_file
    client = IMAPClient(dovecot.host, port=dovecot.port, ssl=False)
    client.login(dovecot.user, dovecot.password)
    for folder in ("INBOX", "Amends-Processed"):
        if client.folder_exists(folder):
            client.select_folder(folder)
            uids = client.search(["ALL"])
            if uids:
                client.delete_messages(uids)
                client.expunge()
    client.select_folder("INBOX")
    yield client
    client.logout()


def _mailbox(dovecot, **overrides):
    values = {
        "name": "care",
        "host": dovecot.host,
        "port": dovecot.port,
        "security": Security.STARTTLS,
        "username": dovecot.user,
        "password": dovecot.password,
    }
    values.update(overrides)
    return Mailbox.objects.create(**values)


def _inbox(imap):
    imap.select_folder("INBOX")
    return imap.search(["ALL"])


def test_mailbox_on_dovecot_is_polled_over_starttls_and_processed_mail_moved(
    dovecot, imap, django_capture_on_commit_callbacks
):
    imap.append("INBOX", load_eml("plain.eml"))
    imap.append("INBOX", load_eml("out_of_office.eml"))
    mailbox = _mailbox(dovecot)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        result = mailbox_poll(mailbox=mailbox)
    assert result.error == ""
    assert result.counts == {"new": 2}
    assert InboundMail.objects.filter(source=Source.IMAP, status=Status.PROCESSED).count() == 2
    jo = Complaint.objects.get(summary="Cracked screen on order 4471")
    assert jo.state == State.ACKNOWLEDGED
    assert len(mail.outbox) == 1, "only the person's mail is acknowledged, not the out-of-office"
    assert _inbox(imap) == []
    imap.select_folder("Amends-Processed")
    assert len(imap.search(["ALL"])) == 2
    mailbox.refresh_from_db()
    assert (mailbox.last_uid, mailbox.last_error, mailbox.locked_until) == (2, "", None)


def test_flagging_mailbox_takes_each_message_once_across_polls(dovecot, imap):
    mailbox = _mailbox(dovecot, after_ingest=AfterIngest.FLAG, security=Security.IMAPS, port=dovecot.tls_port)
    imap.append("INBOX", load_eml("plain.eml"))
    assert mailbox_poll(mailbox=mailbox).counts == {"new": 1}
    imap.append("INBOX", load_eml("html_only.eml"))
    assert mailbox_poll(mailbox=mailbox).counts == {"new": 1}
    assert mailbox_poll(mailbox=mailbox).counts == {}
    uids = _inbox(imap)
    flags = imap.get_flags(uids)
    assert all(KEYWORD in flags[uid] and b"\\Seen" in flags[uid] for uid in uids)
    assert Complaint.objects.count() == 2


def test_poll_after_a_crash_between_storing_and_moving_does_not_take_the_mail_twice(dovecot, imap):
    raw = load_eml("plain.eml")
    imap.append("INBOX", raw)
    inbound_receive(raw=raw, source=Source.IMAP)  # stored; the poller died before moving it
    result = mailbox_poll(mailbox=_mailbox(dovecot))
    assert result.counts == {"duplicate": 1}
    assert Complaint.objects.count() == 1
    assert _inbox(imap) == []


def test_poll_resumes_after_the_last_uid_it_recorded(dovecot, imap):
    imap.append("INBOX", load_eml("plain.eml"))
    imap.append("INBOX", load_eml("apple_mail.eml"))
    first_uid = min(_inbox(imap))
    mailbox = _mailbox(dovecot, after_ingest=AfterIngest.FLAG)
    info = imap.select_folder("INBOX")
    Mailbox.objects.filter(pk=mailbox.pk).update(uid_validity=info[b"UIDVALIDITY"], last_uid=first_uid)
    mailbox.refresh_from_db()
    assert mailbox_poll(mailbox=mailbox).counts == {"new": 1}
    assert Complaint.objects.get().summary == "Kettle leaking after two days"


def test_a_second_poller_leaves_a_leased_mailbox_alone(dovecot, imap):
    mailbox = _mailbox(dovecot)
    Mailbox.objects.filter(pk=mailbox.pk).update(locked_until=timezone.now() + timedelta(minutes=5))
    imap.append("INBOX", load_eml("plain.eml"))
    assert mailbox_poll(mailbox=mailbox).error == "Another poller is working on this mailbox."
    assert InboundMail.objects.count() == 0


def test_poll_command_polls_every_active_mailbox_and_says_what_it_took(dovecot, imap):
    from io import StringIO

    from django.core.management import call_command

    _mailbox(dovecot)
    _mailbox(dovecot, name="paused", is_active=False)
    imap.append("INBOX", load_eml("plain.eml"))
    out = StringIO()
    call_command("mail", "poll", stdout=out)
    assert out.getvalue().strip() == "care: new: 1"


@pytest.mark.parametrize("security", [Security.STARTTLS, Security.IMAPS])
def test_poll_refuses_a_server_whose_certificate_it_cannot_verify(dovecot, imap, settings, security):
    settings.AMENDS_MAIL_IMAP_CA_FILE = ""  # Dovecot's self-signed certificate is then unknown
    port = dovecot.port if security == Security.STARTTLS else dovecot.tls_port
    imap.append("INBOX", load_eml("plain.eml"))
    result = mailbox_poll(mailbox=_mailbox(dovecot, security=security, port=port))
    assert "CERTIFICATE_VERIFY_FAILED" in result.error, "the connection is encrypted and checked"
    assert InboundMail.objects.count() == 0
    assert len(_inbox(imap)) == 1


@pytest.mark.django_db(transaction=True)  # the failed write must really roll back
def test_mail_stays_on_the_server_through_a_database_failure_and_is_taken_next_poll(
    dovecot, imap, monkeypatch
):
    def outage(**kwargs):
        raise OperationalError("the database went away")

    imap.append("INBOX", load_eml("plain.eml"))
    mailbox = _mailbox(dovecot)
    monkeypatch.setattr(complaint_services, "complaints_receive", outage)
    assert "the database went away" in mailbox_poll(mailbox=mailbox).error
    assert len(_inbox(imap)) == 1, "not moved: it was not taken in"
    assert InboundMail.objects.get().status == Status.PENDING
    monkeypatch.undo()
    mailbox.refresh_from_db()
    assert mailbox_poll(mailbox=mailbox).counts == {"new": 1}
    assert Complaint.objects.count() == 1
    assert _inbox(imap) == []


def test_wrong_password_is_recorded_on_the_mailbox(dovecot, imap):
    # Last in the module: Dovecot slows further logins from an address after a failed one.
    mailbox = _mailbox(dovecot, password="wrong")
    result = mailbox_poll(mailbox=mailbox)
    assert "LoginError" in result.error or "AUTHENTICATIONFAILED" in result.error
    mailbox.refresh_from_db()
    assert mailbox.last_error == result.error
    assert mailbox.locked_until is None
