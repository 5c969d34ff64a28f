"""An import takes in a batch's new complaints together; the result is as if one at a time."""

from collections.abc import Iterator

import pytest

from amends.complaints.delivery import reply_address
from amends.complaints.models import Complaint, ContactPoint, Direction, EventKind, Message, State
from amends.mail.imports import inbound_import
from amends.mail.models import InboundMail, Outcome, Status

pytestmark = pytest.mark.django_db


def _mail(
    n: int, *, subject: str = "", to: str = "care@example.com", head: str = "", sender: str = ""
) -> bytes:
    return (
        f"From: Customer {n} <{sender or f'customer{n}@example.net'}>\n"
        f"To: {to}\n"
        f"Subject: {subject or f'Parcel {n} never came'}\n"
        f"Message-ID: <m{n}@example.net>\n"
        f"{head}"
        "Content-Type: text/plain; charset=utf-8\n\n"
        f"Parcel {n} never came and nobody answers the phone.\n"
    ).encode()


def _files(*raws: bytes) -> Iterator[tuple[bytes, str]]:
    return ((raw, f"file{i}") for i, raw in enumerate(raws))


def test_new_complaints_of_one_batch_get_references_in_file_order():
    counts = inbound_import(messages=_files(*(_mail(n) for n in range(5))))
    assert counts == {"new": 5}
    stories = list(Complaint.objects.order_by("reference").values_list("story", flat=True))
    assert stories == [f"Parcel {n} never came and nobody answers the phone." for n in range(5)]
    assert not InboundMail.objects.exclude(status=Status.PROCESSED).exists()
    assert all(i.complaint_id for i in InboundMail.objects.all())


def test_a_reply_in_the_same_batch_threads_to_the_complaint_it_answers():
    first = _mail(1)
    by_headers = _mail(2, sender="customer1@example.net", head="In-Reply-To: <m1@example.net>\n")
    counts = inbound_import(messages=_files(_mail(0), first, by_headers, _mail(3)))
    assert counts == {"new": 3, "threaded": 1}
    complaint = Complaint.objects.get(messages__message_id="<m1@example.net>")
    assert list(complaint.messages.values_list("message_id", flat=True).order_by("id")) == [
        "<m1@example.net>",
        "<m2@example.net>",
    ]


def test_a_reply_quoting_a_reference_in_the_same_batch_threads_to_it():
    inbound_import(messages=_files(_mail(0)))
    year_ref = Complaint.objects.get().reference.rsplit("-", 1)[0]
    upcoming = f"{year_ref}-000002"  # the next complaint's reference, as the customer would quote it
    reply = _mail(9, sender="customer1@example.net", subject=f"Re: [{upcoming}] Parcel 1 never came")
    counts = inbound_import(messages=_files(_mail(1), reply))
    assert counts == {"new": 1, "threaded": 1}
    assert Complaint.objects.get(reference=upcoming).messages.count() == 2


def test_mail_the_database_refuses_is_quarantined_alone_and_the_rest_of_the_batch_is_kept(complaint):
    # An outbound message already holds this Message-ID, so storing it again would break the
    # unique constraint: that one message is held, the batch's other complaints are made.
    Message.objects.filter(complaint=complaint, direction=Direction.OUTBOUND).update(
        message_id="<m2@example.net>"
    )
    counts = inbound_import(messages=_files(_mail(1), _mail(2), _mail(3)))
    assert counts == {"new": 2, "quarantined": 1}
    held = InboundMail.objects.get(status=Status.QUARANTINED)
    assert held.msgid == "<m2@example.net>"
    assert "IntegrityError" in held.reason
    assert Complaint.objects.count() == 3


def test_a_message_that_fails_after_a_flush_does_not_undo_the_complaints_flushed(complaint):
    # The reply-shaped message forces the waiting complaints in first, then is itself refused
    # (sent from our own address): the complaints taken in before it must survive.
    ours = _mail(8, sender="orders@care.example.com", head="In-Reply-To: <nothing@example.net>\n")
    counts = inbound_import(messages=_files(_mail(1), _mail(2), ours, _mail(3)))
    assert counts == {"new": 3, "quarantined": 1}
    assert Complaint.objects.count() == 4
    assert InboundMail.objects.filter(outcome=Outcome.NEW).count() == 3


def test_a_signed_reply_address_in_the_same_batch_threads(complaint):
    to = reply_address(complaint.pk, "care@example.com")
    counts = inbound_import(messages=_files(_mail(1), _mail(2, sender="jo.bloggs@example.net", to=to)))
    assert counts == {"new": 1, "threaded": 1}
    assert complaint.messages.filter(message_id="<m2@example.net>").exists()


def test_the_same_mail_twice_in_one_batch_is_one_complaint_and_a_duplicate():
    counts = inbound_import(messages=_files(_mail(1), _mail(2), _mail(1)))
    assert counts == {"new": 2, "duplicate": 1}
    assert Complaint.objects.count() == 2
    assert InboundMail.objects.get(msgid="<m1@example.net>").duplicates == 1
    assert not InboundMail.objects.filter(status=Status.QUARANTINED).exists()


def test_a_reply_to_a_reply_waiting_in_the_batch_threads_where_that_reply_went(complaint):
    # <m2> answers Jo's complaint and waits in the batch; <m3> answers <m2>, and its References
    # also name another complaint's message. As when read one at a time, In-Reply-To wins.
    inbound_import(messages=_files(_mail(1)))
    other = Complaint.objects.get(messages__message_id="<m1@example.net>")
    first = complaint.messages.get(direction=Direction.INBOUND)
    first.message_id = "<jo@example.net>"
    first.save(update_fields=["message_id"])
    reply = _mail(2, sender="jo.bloggs@example.net", head="In-Reply-To: <jo@example.net>\n")
    again = _mail(
        3,
        sender="jo.bloggs@example.net",
        head="In-Reply-To: <m2@example.net>\nReferences: <m2@example.net> <m1@example.net>\n",
    )
    counts = inbound_import(messages=_files(reply, again))
    assert counts == {"threaded": 2}
    assert set(complaint.messages.values_list("message_id", flat=True)) >= {
        "<m2@example.net>",
        "<m3@example.net>",
    }
    assert not other.messages.filter(message_id="<m3@example.net>").exists()


def test_a_bounce_for_a_customer_whose_complaint_waits_in_the_batch_marks_the_address(eml):
    bounce = eml("dsn_bounce.eml", RECIPIENT="customer1@example.net", ORIGINAL_ID="<nothing@example.net>")
    counts = inbound_import(messages=_files(_mail(1), bounce, _mail(2)))
    assert counts == {"new": 2, "bounce": 1}
    assert ContactPoint.objects.get(value="customer1@example.net").failing_since is not None
    assert ContactPoint.objects.get(value="customer2@example.net").failing_since is None
    complaint = Complaint.objects.get(messages__message_id="<m1@example.net>")
    assert complaint.events.filter(kind=EventKind.DELIVERY_FAILED).exists()


def test_a_reply_to_a_reply_with_files_taken_in_earlier_in_the_batch_threads_with_it(complaint):
    # A reply with files is written at once rather than with the batch; what the batch had read
    # ahead about the complaints its mail names must be read again, or the second reply, which
    # answers the first, would find nothing and become a complaint of its own.
    first = complaint.messages.get(direction=Direction.INBOUND)
    first.message_id = "<jo@example.net>"
    first.save(update_fields=["message_id"])
    with_files = (
        b"From: Jo <jo.bloggs@example.net>\nTo: care@example.com\nSubject: Re: my parcel\n"
        b"Message-ID: <files@example.net>\nIn-Reply-To: <jo@example.net>\n"
        b'Content-Type: multipart/mixed; boundary="b"\n\n'
        b"--b\nContent-Type: text/plain\n\nThe photo of the box.\n"
        b"--b\nContent-Type: image/png\nContent-Disposition: attachment; filename=box.png\n\nPNG\n--b--\n"
    )
    answer = _mail(3, sender="jo.bloggs@example.net", head="In-Reply-To: <files@example.net>\n")
    counts = inbound_import(messages=_files(with_files, answer))
    assert counts == {"threaded": 2}
    assert set(complaint.messages.values_list("message_id", flat=True)) >= {
        "<files@example.net>",
        "<m3@example.net>",
    }


def test_a_bounce_after_a_waiting_reply_that_reopens_its_complaint_is_noted_after_the_reply(complaint, eml):
    # Jo's reply reopens the resolved complaint; the bounce that follows marks Jo's address
    # failing, which is noted on Jo's open complaints: the reopened one, after the reply.
    first = complaint.messages.get(direction=Direction.INBOUND)
    first.message_id = "<jo@example.net>"
    first.save(update_fields=["message_id"])
    Complaint.objects.filter(pk=complaint.pk).update(state=State.RESOLVED)
    reply = _mail(2, sender="jo.bloggs@example.net", head="In-Reply-To: <jo@example.net>\n")
    bounce = eml("dsn_bounce.eml", RECIPIENT="jo.bloggs@example.net", ORIGINAL_ID="<nothing@example.net>")
    counts = inbound_import(messages=_files(_mail(1), reply, bounce))
    assert counts == {"new": 1, "threaded": 1, "bounce": 1}
    kinds = list(complaint.events.order_by("created_at", "id").values_list("kind", flat=True))
    assert kinds.index(EventKind.MESSAGE_IN) < kinds.index(EventKind.DELIVERY_FAILED) == len(kinds) - 1


def test_a_bounce_of_our_message_on_a_complaint_with_a_reply_waiting_is_noted_after_the_reply(complaint, eml):
    ours = complaint.messages.get(direction=Direction.OUTBOUND)
    first = complaint.messages.get(direction=Direction.INBOUND)
    first.message_id = "<jo@example.net>"
    first.save(update_fields=["message_id"])
    reply = _mail(2, sender="jo.bloggs@example.net", head="In-Reply-To: <jo@example.net>\n")
    bounce = eml("dsn_bounce.eml", RECIPIENT="forwarded@example.org", ORIGINAL_ID=ours.message_id)
    counts = inbound_import(messages=_files(reply, bounce))
    assert counts == {"threaded": 1, "bounce": 1}
    kinds = list(complaint.events.order_by("created_at", "id").values_list("kind", flat=True))
    assert kinds[-2:] == [EventKind.MESSAGE_IN, EventKind.DELIVERY_FAILED]


def test_a_bounce_for_someone_with_no_mail_waiting_does_not_write_the_batch_first(eml):
    bounce = eml("dsn_bounce.eml", RECIPIENT="someone@example.org", ORIGINAL_ID="<nothing@example.net>")
    counts = inbound_import(messages=_files(_mail(1), bounce, _mail(2)))
    assert counts == {"new": 2, "bounce": 1}
    # Both complaints were taken in together, after the bounce: one block of references.
    assert Complaint.objects.get(messages__message_id="<m2@example.net>").events.get().created_at == (
        Complaint.objects.get(messages__message_id="<m1@example.net>").events.get().created_at
    )


def test_an_import_finds_the_complaints_its_replies_answer_in_a_few_queries_a_batch(
    django_assert_max_num_queries,
):
    inbound_import(messages=_files(*(_mail(n) for n in range(20))))
    replies = [
        _mail(100 + n, sender=f"customer{n}@example.net", head=f"In-Reply-To: <m{n}@example.net>\n")
        for n in range(20)
    ]
    news = [_mail(200 + n) for n in range(20)]
    # Some forty statements for the batch whatever its size, none for each reply (reading one
    # message at a time took over three hundred; finding each reply's complaint took twenty).
    with django_assert_max_num_queries(45):
        counts = inbound_import(messages=_files(*replies, *news))
    assert counts == {"threaded": 20, "new": 20}
