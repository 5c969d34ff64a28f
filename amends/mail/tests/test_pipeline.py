"""The inbound pipeline end to end, from raw bytes to complaints, threads, bounces and quarantine."""

import hashlib

import pytest
from django.core import mail

from amends.complaints.delivery import complaint_id_from_address, reply_address
from amends.complaints.models import (
    Complaint,
    ContactPoint,
    Delivery,
    Direction,
    EventKind,
    Message,
    State,
)
from amends.complaints.services import complaint_transition
from amends.core.errors import InvalidInput, PermissionDenied
from amends.mail import parsing
from amends.mail.models import Attachment, InboundMail, Noise, Outcome, Source, Status
from amends.mail.services import (
    CUT_NOTE,
    inbound_dismiss,
    inbound_receive,
    inbound_release,
    inbound_retry,
    inbound_store,
)
from tests.factories import TeamFactory

from .conftest import load_eml

pytestmark = pytest.mark.django_db


@pytest.fixture
def receive(django_capture_on_commit_callbacks):
    """Hand raw bytes to the pipeline as a file import would, running after-commit work."""

    def run(raw, **kwargs):
        kwargs.setdefault("source", Source.FILE)
        with django_capture_on_commit_callbacks(execute=True):
            return inbound_receive(raw=raw, **kwargs)

    return run


@pytest.fixture
def jo(receive):
    """Jo's complaint, received by email and acknowledged."""
    mail.outbox.clear()
    received = receive(load_eml("plain.eml"))
    return Complaint.objects.get(pk=received.inbound.complaint_id)


def _ack(complaint):
    return complaint.messages.filter(direction=Direction.OUTBOUND).order_by("id").first()


def test_plain_email_becomes_a_complaint_and_is_acknowledged(jo):
    assert jo.channel == "email"
    assert jo.summary == "Cracked screen on order 4471"
    assert jo.story.endswith("replacement screen this week, please.\n\nJo")
    assert jo.state == State.ACKNOWLEDGED
    first = jo.messages.order_by("id").first()
    assert first.message_id == "<CAJo4471.plain@mail.example.net>"
    assert bytes(first.raw) == load_eml("plain.eml")
    assert first.raw_content_type == "message/rfc822"
    inbound = InboundMail.objects.get()
    assert (inbound.status, inbound.outcome, inbound.complaint) == (Status.PROCESSED, Outcome.NEW, jo)
    assert inbound.raw is None, "the complaint's message holds the one copy of the bytes"
    sent = mail.outbox[0]
    assert sent.to == ["jo.bloggs@example.net"]
    assert sent.extra_headers["In-Reply-To"] == "<CAJo4471.plain@mail.example.net>"
    assert sent.extra_headers["Auto-Submitted"] == "auto-replied"
    assert complaint_id_from_address(sent.extra_headers["Reply-To"]) == jo.pk


def test_customer_reply_threads_by_in_reply_to_and_shows_only_the_new_text(jo, receive):
    ack_id = _ack(jo).message_id
    received = receive(load_eml("gmail_reply.eml", IN_REPLY_TO=ack_id.strip("<>")))
    assert received.result == "threaded"
    reply = jo.messages.filter(direction=Direction.INBOUND).latest("id")
    assert reply.body == "Thank you. A courier this Thursday would suit me best."
    assert b"> Thank you for telling us" in bytes(reply.raw)
    assert reply.from_address == "jo.bloggs@example.net"
    assert Complaint.objects.count() == 1


def test_reply_is_found_by_references_alone(jo, receive):
    raw = load_eml("gmail_reply.eml", IN_REPLY_TO="unknown@elsewhere")
    assert receive(raw).inbound.complaint == jo


def test_reply_to_the_signed_address_threads_without_any_other_sign(jo, receive):
    token = reply_address(jo.pk, "care@amends.localhost").split("+")[1].split("@")[0]
    raw = load_eml("outlook_reply.eml", IN_REPLY_TO="nothing@known", REPLY_TOKEN=token)
    received = receive(raw)
    assert received.inbound.complaint == jo
    assert "Threaded by address" in received.inbound.reason
    body = jo.messages.latest("id").body
    assert body.startswith("Thanks \u2013 the engineer never came")
    assert "A person will reply" not in body


def test_forged_reply_address_does_not_thread(jo, receive):
    raw = load_eml("outlook_reply.eml", IN_REPLY_TO="nothing@known", REPLY_TOKEN=f"c{jo.pk}-aaaaaaaaaaaaaaaa")
    assert receive(raw).result == "new"


def test_reference_in_the_subject_threads_mail_from_the_complaints_customer(jo, receive):
    raw = f"From: jo.bloggs@example.net\nSubject: Re: [{jo.reference}] any news?\n\nStill waiting.\n".encode()
    assert receive(raw).inbound.complaint == jo


def test_reference_in_the_subject_from_a_stranger_starts_a_new_complaint(jo, receive):
    raw = f"From: someone@else.example\nSubject: [{jo.reference}] hello\n\nNot mine.\n".encode()
    received = receive(raw)
    assert received.result == "new"
    assert received.inbound.complaint != jo


def test_reply_to_a_closed_complaint_reopens_it(jo, receive, agent):
    Complaint.objects.filter(pk=jo.pk).update(state=State.RESOLVED)
    jo.refresh_from_db()
    complaint_transition(complaint=jo, by=agent, to_state=State.CLOSED)
    receive(load_eml("gmail_reply.eml", IN_REPLY_TO=_ack(jo).message_id.strip("<>")))
    jo.refresh_from_db()
    assert jo.state == State.REOPENED


def test_reply_to_a_closed_complaint_opens_a_linked_new_one_when_configured(jo, receive, settings):
    settings.AMENDS_MAIL_REPLY_TO_CLOSED = "new"
    Complaint.objects.filter(pk=jo.pk).update(state=State.CLOSED)
    received = receive(load_eml("gmail_reply.eml", IN_REPLY_TO=_ack(jo).message_id.strip("<>")))
    new = received.inbound.complaint
    assert new != jo
    assert new.customer_id == jo.customer_id
    assert new.events.get(kind=EventKind.RECEIVED).data["follows"] == jo.reference
    jo.refresh_from_db()
    assert jo.state == State.CLOSED


def test_out_of_office_becomes_a_complaint_but_is_never_acknowledged(receive):
    mail.outbox.clear()
    received = receive(load_eml("out_of_office.eml"))
    complaint = received.inbound.complaint
    assert received.inbound.noise == Noise.AUTO_REPLY
    assert complaint.state == State.RECEIVED
    assert mail.outbox == []


def test_out_of_office_reply_is_recorded_without_moving_the_complaint(jo, receive):
    Complaint.objects.filter(pk=jo.pk).update(state=State.AWAITING_CUSTOMER)
    raw = load_eml("out_of_office.eml").replace(
        b"Message-ID:", f"In-Reply-To: {_ack(jo).message_id}\nMessage-ID:".encode()
    )
    mail.outbox.clear()
    assert receive(raw).result == "threaded"
    jo.refresh_from_db()
    assert jo.state == State.AWAITING_CUSTOMER
    assert mail.outbox == []


def test_bulk_newsletter_is_never_acknowledged(receive):
    mail.outbox.clear()
    received = receive(load_eml("newsletter.eml"))
    assert received.inbound.noise == Noise.BULK
    assert received.inbound.complaint.state == State.RECEIVED
    assert mail.outbox == []


def test_bounce_marks_the_address_failing_and_our_message_failed(jo, receive):
    ack = _ack(jo)
    raw = load_eml("dsn_bounce.eml", RECIPIENT="jo.bloggs@example.net", ORIGINAL_ID=ack.message_id)
    mail.outbox.clear()
    received = receive(raw)
    assert received.result == "bounce"
    assert received.inbound.complaint == jo
    assert ContactPoint.objects.get(value="jo.bloggs@example.net").failing_since is not None
    ack.refresh_from_db()
    assert ack.delivery == Delivery.FAILED
    assert "User unknown" in ack.delivery_error
    assert jo.events.filter(kind=EventKind.DELIVERY_FAILED).count() == 2
    assert Complaint.objects.count() == 1
    assert mail.outbox == []
    assert received.inbound.raw is not None, "a bounce keeps its bytes"


def test_same_message_delivered_twice_is_stored_once(receive):
    raw = load_eml("plain.eml")
    first = receive(raw)
    again = receive(b"Received: from relay2.example.net\n" + raw)
    assert again.duplicate
    assert again.inbound.pk == first.inbound.pk
    assert InboundMail.objects.get().duplicates == 1
    assert Complaint.objects.count() == 1


def test_same_bytes_without_a_message_id_are_stored_once(receive):
    raw = load_eml("missing_headers.eml")
    assert not receive(raw).duplicate
    assert receive(raw).duplicate
    assert InboundMail.objects.get().sha256 == hashlib.sha256(raw).hexdigest()
    assert Complaint.objects.count() == 1


def test_mail_stored_before_a_crash_is_processed_when_delivered_again(receive):
    raw = load_eml("plain.eml")
    inbound_store(raw=raw, source=Source.IMAP)  # the process died before processing
    received = receive(raw, source=Source.IMAP)
    assert received.result == "new"
    assert not received.duplicate


def test_unparseable_message_is_quarantined_with_its_reason_and_bytes(receive):
    raw = load_eml("unparseable.eml")
    received = receive(raw)
    inbound = InboundMail.objects.get()
    assert received.result == "quarantined"
    assert inbound.status == Status.QUARANTINED
    assert inbound.reason == "Not an email: no header section was found."
    assert bytes(inbound.raw) == raw
    assert Complaint.objects.count() == 0


def test_message_without_a_usable_sender_is_quarantined_then_released_with_an_address(receive, admin_user):
    inbound = receive(load_eml("no_sender.eml")).inbound
    assert inbound.status == Status.QUARANTINED
    assert inbound.reason.startswith("No usable sender")
    released = inbound_release(inbound=inbound, by=admin_user, reply_to="Kim@Example.net")
    assert released.status == Status.PROCESSED
    assert released.complaint.customer.contact_points.get().value == "kim@example.net"
    assert released.handled_by == admin_user


def test_release_refuses_an_address_that_is_not_one(receive, admin_user):
    inbound = receive(load_eml("no_sender.eml")).inbound
    with pytest.raises(InvalidInput):
        inbound_release(inbound=inbound, by=admin_user, reply_to="not an address")


def _with_attachment(size: int) -> bytes:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "Lee <lee@example.com>"
    message["To"] = "care@amends.localhost"
    message["Subject"] = "Video of the fault"
    message["Message-ID"] = f"<huge-{size}@example.com>"
    message.set_content("The video shows the fault.")
    message.add_attachment(b"\x00\x01" * (size // 2), maintype="video", subtype="mp4", filename="fault.mp4")
    return message.as_bytes()


def test_huge_message_is_quarantined_and_release_keeps_it_without_the_oversized_file(
    receive, settings, tmp_path, supervisor
):
    settings.MEDIA_ROOT = tmp_path
    settings.AMENDS_MAIL_MAX_BYTES = 1_000_000
    settings.AMENDS_MAIL_MAX_ATTACHMENT_BYTES = 1_000_000
    inbound = receive(_with_attachment(3_000_000)).inbound
    assert inbound.status == Status.QUARANTINED
    assert inbound.reason.startswith("Larger than the 1,000,000-byte limit")
    released = inbound_release(inbound=inbound, by=supervisor)
    assert released.outcome == Outcome.NEW
    video = Attachment.objects.get()
    assert (video.filename, video.size, video.file.name) == ("fault.mp4", 3_000_000, "")
    assert video.refused.startswith("Larger than the 1,000,000-byte limit for one file")


def test_attachments_are_stored_by_hash_and_programs_refused(receive, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    received = receive(load_eml("nested_multipart.eml"))
    files = {a.filename: a for a in Attachment.objects.all()}
    assert set(files) == {"torn-arm.png", "delivery-note.pdf", "invoice.exe"}
    pdf = files["delivery-note.pdf"]
    assert pdf.message == received.inbound.message
    with pdf.file.open("rb") as stored:
        content = stored.read()
    assert content.startswith(b"%PDF")
    assert pdf.sha256 == hashlib.sha256(content).hexdigest()
    assert pdf.file.name == f"mail/{pdf.sha256[:2]}/{pdf.sha256}"
    assert files["torn-arm.png"].is_inline
    assert files["torn-arm.png"].content_id == "photo1@example"
    assert files["invoice.exe"].refused == "Files of type .exe are not kept."
    assert not files["invoice.exe"].file


def _with_files(*files: tuple[str, str, bytes]) -> bytes:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "Lee <lee@example.com>"
    message["Subject"] = "Papers for my claim"
    message.set_content("The papers are attached.")
    for filename, content_type, data in files:
        maintype, subtype = content_type.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()


def test_a_program_sent_under_a_harmless_name_is_not_kept(receive, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    receive(_with_files(("receipt.pdf", "application/pdf", b"MZ\x90\x00" + b"\x00" * 60)))
    program = Attachment.objects.get()
    assert (program.filename, program.refused, program.file.name) == (
        "receipt.pdf",
        "Program files are not kept.",
        "",
    )


def test_files_beyond_the_count_limit_are_recorded_but_not_kept(receive, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.AMENDS_MAIL_MAX_ATTACHMENTS = 2
    receive(_with_files(*((f"page-{n}.pdf", "application/pdf", b"%PDF-" + bytes([n])) for n in range(3))))
    kept = {a.filename: bool(a.file) for a in Attachment.objects.all()}
    assert kept == {"page-0.pdf": True, "page-1.pdf": True, "page-2.pdf": False}
    assert Attachment.objects.get(filename="page-2.pdf").refused == "More than 2 files in one message."


def test_html_only_mail_is_kept_as_safe_text(receive):
    complaint = receive(load_eml("html_only.eml")).inbound.complaint
    assert "charged £9.99 again" in complaint.story
    assert "<" not in complaint.story
    assert "alert" not in complaint.story


def test_mail_from_our_own_address_is_quarantined_as_a_loop(receive, django_capture_on_commit_callbacks):
    TeamFactory(slug="orders", reply_from="orders@care.example.com")
    raw = b"From: orders@care.example.com\nSubject: We have your complaint\n\nThank you.\n"
    inbound = receive(raw).inbound
    assert inbound.status == Status.QUARANTINED
    assert inbound.noise == Noise.LOOP
    assert "mail loop" in inbound.reason
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        released = inbound_release(inbound=inbound, by=None)
    assert released.outcome == Outcome.NEW
    assert mail.outbox == [], "our own mail, let through, is still never answered"


def test_very_long_mail_is_shown_cut_with_a_note_and_kept_whole(receive, settings):
    settings.AMENDS_MAX_STORY_CHARS = 500
    raw = b"From: long@example.com\nSubject: Long\n\n" + b"word " * 400
    complaint = receive(raw).inbound.complaint
    assert len(complaint.story) <= 500
    assert complaint.story.endswith(CUT_NOTE.strip())
    assert bytes(complaint.messages.get(direction=Direction.INBOUND).raw) == raw


def test_a_bug_while_reading_quarantines_the_mail_instead_of_losing_it(receive, monkeypatch):
    def broken(raw):
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(parsing, "parse", broken)
    inbound = receive(load_eml("plain.eml")).inbound
    assert inbound.status == Status.QUARANTINED
    assert "parser exploded" in inbound.reason
    monkeypatch.undo()
    assert inbound_retry(inbound=inbound, by=None).outcome == Outcome.NEW


def test_retry_after_a_limit_is_raised_takes_the_mail_in(receive, settings, supervisor):
    settings.AMENDS_MAIL_MAX_BYTES = 100
    inbound = receive(load_eml("plain.eml")).inbound
    assert inbound.status == Status.QUARANTINED
    settings.AMENDS_MAIL_MAX_BYTES = 1_000_000
    retried = inbound_retry(inbound=inbound, by=supervisor)
    assert (retried.status, retried.outcome, retried.attempts) == (Status.PROCESSED, Outcome.NEW, 2)


def test_dismissed_mail_leaves_the_quarantine_but_keeps_its_bytes(receive, admin_user):
    inbound = receive(load_eml("unparseable.eml")).inbound
    dismissed = inbound_dismiss(inbound=inbound, by=admin_user, reason="Junk")
    assert dismissed.status == Status.DISMISSED
    assert "Junk" in dismissed.reason
    assert InboundMail.objects.get().raw is not None


def test_agents_cannot_act_on_the_quarantine(receive, agent):
    inbound = receive(load_eml("unparseable.eml")).inbound
    with pytest.raises(PermissionDenied):
        inbound_retry(inbound=inbound, by=agent)


def test_processed_mail_is_not_processed_again(receive):
    inbound = receive(load_eml("plain.eml")).inbound
    from amends.mail.services import inbound_process

    inbound_process(inbound=inbound, raw=load_eml("plain.eml"))
    assert Complaint.objects.count() == 1
    assert Message.objects.filter(direction=Direction.INBOUND).count() == 1
