"""``amends mail ingest``, ``amends mail smtpd`` and the quarantine subcommands."""

import os
import shutil
import signal
import smtplib
import threading
import time
from io import StringIO

import pytest
from django.core.management import call_command

from amends.complaints.models import Complaint
from amends.mail.models import InboundMail, Source, Status

from .conftest import FIXTURES, free_port, load_eml

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("mail", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_ingest_of_a_maildir_prints_the_counts(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    maildir = tmp_path / "Maildir"
    for sub in ("new", "cur", "tmp"):
        (maildir / sub).mkdir(parents=True)
    (maildir / "cur" / "1700000001.M1.host:2,S").write_bytes(load_eml("plain.eml"))
    (maildir / "cur" / "1700000002.M2.host:2,S").write_bytes(load_eml("gmail_reply.eml", IN_REPLY_TO="x@y"))
    (maildir / "cur" / "1700000003.M3.host:2,S").write_bytes(load_eml("plain.eml"))
    (maildir / "new" / "1700000004.M4.host").write_bytes(load_eml("unparseable.eml"))
    (maildir / "new" / "1700000005.M5.host").write_bytes(load_eml("nested_multipart.eml"))
    output = run("ingest", str(maildir))
    assert output.splitlines() == [
        "ingested: 4",
        "new: 2",
        "threaded: 1",
        "bounces: 0",
        "duplicates: 1",
        "quarantined: 1",
    ]


def test_ingest_of_every_fixture_loses_nothing(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = tmp_path / "eml"
    shutil.copytree(FIXTURES, folder)
    run("ingest", str(folder))
    files = len(list(FIXTURES.glob("*.eml")))
    stored = InboundMail.objects.count()
    assert stored == files
    assert InboundMail.objects.filter(status=Status.PENDING).count() == 0


def test_quarantine_can_be_listed_retried_and_released_from_the_command_line(tmp_path):
    message = tmp_path / "no_sender.eml"
    message.write_bytes(load_eml("no_sender.eml"))
    run("ingest", str(message))
    held = InboundMail.objects.get()
    assert "No usable sender" in run("quarantine")
    assert "quarantined" in run("retry", "--all")
    assert run("release", str(held.pk), "--reply-to", "kim@example.net").strip() == f"{held.pk}: processed"
    assert Complaint.objects.count() == 1


@pytest.mark.django_db(transaction=True)  # the receiver's thread has its own connection
def test_smtpd_receives_on_the_port_it_is_given_until_it_is_told_to_stop():
    port = free_port()
    out = StringIO()

    def deliver_then_stop() -> None:
        deadline = time.monotonic() + 30
        while "Receiving mail" not in out.getvalue():
            if time.monotonic() > deadline:
                return  # it never started, so there is nothing to stop
            time.sleep(0.05)
        try:
            with smtplib.SMTP("127.0.0.1", port, timeout=30) as client:
                client.sendmail("jo.bloggs@example.net", ["care@amends.localhost"], load_eml("plain.eml"))
        finally:
            os.kill(os.getpid(), signal.SIGTERM)  # as a service manager stops it

    previous = signal.getsignal(signal.SIGTERM)
    sender = threading.Thread(target=deliver_then_stop)
    sender.start()
    try:
        call_command("mail", "smtpd", "--port", str(port), stdout=out)
    finally:
        sender.join()
        signal.signal(signal.SIGTERM, previous)
    assert out.getvalue().startswith(f"Receiving mail on 127.0.0.1:{port}")
    inbound = InboundMail.objects.get()
    assert (inbound.source, inbound.status) == (Source.SMTP, Status.PROCESSED)
    assert Complaint.objects.get().summary == "Cracked screen on order 4471"


def test_ingest_of_a_missing_path_is_an_error():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        run("ingest", "/no/such/maildir")
