"""Replies as they leave over real SMTP: the headers and parts on the wire, sending in a task after
commit, retries by the task worker, and failures shown on the complaint."""

from datetime import timedelta
from email import message_from_bytes, policy
from email.utils import parseaddr

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from amends.complaints.delivery import MAX_ATTEMPTS, complaint_id_from_address
from amends.complaints.models import Delivery, Direction, EventKind, Message
from amends.complaints.services import complaint_reply
from amends.mail.models import Source
from amends.mail.parsing import message_ids
from amends.mail.services import inbound_receive

from .conftest import free_port, load_eml

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "intake"]}}


def _send_through(settings, port: int) -> None:
    """Send mail by SMTP to ``port`` on loopback, as production sends to its relay."""
    options = {"host": "127.0.0.1", "port": port, "timeout": 10}
    settings.MAILERS = {
        "default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": options}
    }


def _run_worker() -> None:
    call_command("db_worker", batch=True, interval=0, verbosity=0)


def _make_retries_due() -> None:
    # The worker would wait the backoff out; the test does not.
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


@pytest.mark.django_db
def test_reply_leaves_over_smtp_threaded_from_the_team_in_text_and_html(
    complaint, agent, relay, settings, django_capture_on_commit_callbacks
):
    ack = complaint.messages.get(direction=Direction.OUTBOUND)
    answer = load_eml("gmail_reply.eml", IN_REPLY_TO=ack.message_id.strip("<>"))
    inbound_receive(raw=answer, source=Source.FILE)
    _send_through(settings, relay.port)
    with django_capture_on_commit_callbacks(execute=True):
        reply = complaint_reply(complaint=complaint, by=agent, body="A courier comes on Thursday.")

    ((recipients, raw),) = relay.received
    sent = message_from_bytes(raw, policy=policy.default)
    assert recipients == ["jo.bloggs@example.net"]
    # Long values are folded onto a second line on the wire, as RFC 5322 allows.
    assert message_ids(sent["Message-ID"]) == [reply.message_id]
    assert message_ids(sent["In-Reply-To"]) == ["<CAJo4471.reply@mail.example.net>"]
    assert message_ids(sent["References"]) == [ack.message_id, "<CAJo4471.reply@mail.example.net>"]
    assert parseaddr(sent["From"])[1] == complaint.team.reply_from == "orders@care.example.com"
    assert complaint_id_from_address(parseaddr(sent["Reply-To"])[1]) == complaint.pk
    assert sent["Subject"].startswith(f"[{complaint.reference}] ")
    assert sent.get_content_type() == "multipart/alternative"
    plain, html = sent.iter_parts()
    assert (plain.get_content_type(), html.get_content_type()) == ("text/plain", "text/html")
    assert "A courier comes on Thursday." in plain.get_content()
    assert "A courier comes on Thursday." in html.get_content()
    reply.refresh_from_db()
    assert (reply.delivery, reply.delivery_attempts) == (Delivery.SENT, 1)


@pytest.mark.django_db(transaction=True)  # the worker closes and reopens its connection
def test_a_failed_send_is_shown_on_the_complaint_and_retried_by_the_worker_until_it_goes(
    complaint, agent, relay, settings, client
):
    settings.TASKS = DATABASE_TASKS
    _send_through(settings, free_port())  # nothing listens there: the relay is down
    reply = complaint_reply(complaint=complaint, by=agent, body="A courier comes on Thursday.")
    queued = DBTaskResult.objects.get(task_path__endswith="deliver_message")
    assert queued.args_kwargs["args"] == [reply.pk], (
        "sent by a task queued with the reply, not in the request"
    )

    _run_worker()
    reply.refresh_from_db()
    assert (reply.delivery, reply.delivery_attempts) == (Delivery.PENDING, 1)
    assert reply.delivery_error.startswith("ConnectionRefusedError")
    retry = DBTaskResult.objects.get(status="READY")
    assert timedelta(minutes=1) < retry.run_after - timezone.now() <= timedelta(minutes=2)
    client.force_login(agent)
    page = client.get(f"/desk/c/{complaint.reference}/").content.decode()
    assert "the last attempt failed (ConnectionRefusedError" in page

    _send_through(settings, relay.port)  # the relay is back
    _make_retries_due()
    _run_worker()
    reply.refresh_from_db()
    assert (reply.delivery, reply.delivery_attempts, reply.delivery_error) == (Delivery.SENT, 2, "")
    assert len(relay.received) == 1
    assert not complaint.events.filter(kind=EventKind.DELIVERY_FAILED).exists()


@pytest.mark.django_db(transaction=True)
def test_a_send_that_keeps_failing_is_marked_failed_on_the_complaint(complaint, agent, settings, client):
    settings.TASKS = DATABASE_TASKS
    _send_through(settings, free_port())
    reply = complaint_reply(complaint=complaint, by=agent, body="A courier comes on Thursday.")
    for _ in range(MAX_ATTEMPTS):
        _make_retries_due()
        _run_worker()
    reply = Message.objects.get(pk=reply.pk)
    assert (reply.delivery, reply.delivery_attempts) == (Delivery.FAILED, MAX_ATTEMPTS)
    assert not DBTaskResult.objects.filter(status="READY").exists(), "no attempt after the last"
    failed = complaint.events.get(kind=EventKind.DELIVERY_FAILED)
    assert (failed.message_id, failed.reason) == (reply.pk, reply.delivery_error)
    client.force_login(agent)
    page = client.get(f"/desk/c/{complaint.reference}/").content.decode()
    assert "not delivered: ConnectionRefusedError" in page
