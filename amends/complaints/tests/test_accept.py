"""Complaints taken in at once by the web form and the API, and filed by a worker soon after."""

import json
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.tasks import default_task_backend
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from amends.accounts.services import apikey_create
from amends.complaints import services
from amends.complaints.models import (
    Channel,
    Complaint,
    ContactMethod,
    Direction,
    EventKind,
    ReferenceCounter,
    State,
    Submission,
)
from amends.complaints.services import ComplaintInput, complaint_accept, submissions_file_waiting
from amends.complaints.sweep import sweep_submissions
from amends.complaints.tasks import file_submissions
from amends.core.errors import Conflict, InvalidInput, Throttled
from amends.promises.models import Promise, PromiseKind

pytestmark = pytest.mark.django_db

DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend", "QUEUES": ["default", "intake"]}}


def data(**change):
    fields = {
        "channel": Channel.API,
        "name": "Priya Shah",
        "email": "priya@example.net",
        "story": "The washing machine you installed leaks every cycle.",
        "outcome_sought": "An engineer who fixes it.",
        "raw": b'{"story": "leaks"}',
        "raw_content_type": "application/json",
    }
    return ComplaintInput(**{**fields, **change})


@pytest.fixture
def no_worker(settings):
    """Tasks are queued and not run, as when a worker has not reached them yet."""
    settings.TASKS = DUMMY
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def test_taking_in_stores_one_row_and_files_nothing_until_the_worker_runs(no_worker, agent, category):
    accepted = complaint_accept(data=data(category=category, severity="high"), by=agent)
    assert accepted.created
    assert accepted.reference.startswith(f"C-{timezone.now().year}-")
    waiting = Submission.objects.get(reference=accepted.reference)
    assert waiting.filed_at is None
    assert waiting.complaint is None
    assert waiting.data["category"] == category.pk
    assert Complaint.objects.count() == 0

    assert submissions_file_waiting() == 1
    complaint = Complaint.objects.get(reference=accepted.reference)
    waiting.refresh_from_db()
    assert waiting.complaint == complaint
    assert waiting.filed_at is not None
    assert waiting.data is None
    assert waiting.raw is None
    # The complaint is as the synchronous path writes it, with the clock started at taking in.
    assert complaint.received_at == accepted.received_at
    assert (complaint.category, complaint.team, complaint.severity) == (category, category.team, "high")
    assert complaint.state == State.RECEIVED
    first = complaint.messages.get(direction=Direction.INBOUND)
    assert bytes(first.raw) == b'{"story": "leaks"}'
    assert first.author == agent
    assert first.created_at == accepted.received_at
    received = complaint.events.get(kind=EventKind.RECEIVED)
    assert received.created_at == accepted.received_at
    assert Promise.objects.filter(complaint=complaint, kind=PromiseKind.FIRST_RESPONSE).exists()
    assert submissions_file_waiting() == 0  # nothing filed twice


def test_a_promise_runs_from_when_the_customer_sent_it_not_from_filing(no_worker, agent):
    accepted = complaint_accept(data=data(), by=agent)
    Submission.objects.filter(reference=accepted.reference).update(
        received_at=accepted.received_at - timedelta(days=7)
    )
    submissions_file_waiting()
    late = Complaint.objects.get(reference=accepted.reference)
    now = complaint_accept(data=data(email="other@example.net"), by=agent)
    submissions_file_waiting()
    prompt = Complaint.objects.get(reference=now.reference)
    assert late.received_at == accepted.received_at - timedelta(days=7)
    assert late.due_at is not None
    assert prompt.due_at is not None
    assert late.due_at < prompt.due_at


def test_bad_input_is_refused_before_anything_is_stored(no_worker, agent):
    with pytest.raises(InvalidInput) as caught:
        complaint_accept(data=data(story="  "), by=agent)
    assert caught.value.field == "story"
    with pytest.raises(InvalidInput) as caught:
        complaint_accept(data=data(email="", phone=""), by=agent)
    assert caught.value.field == "email"
    assert not Submission.objects.exists()
    assert not no_worker.results


def test_an_idempotency_key_returns_the_first_submission_before_and_after_filing(no_worker, agent):
    first = complaint_accept(data=data(), by=agent, idempotency_key="k1", payload={"a": 1})
    again = complaint_accept(data=data(), by=agent, idempotency_key="k1", payload={"a": 1})
    assert (first.created, again.created) == (True, False)
    assert again.reference == first.reference
    assert again.complaint_id is None
    submissions_file_waiting()
    filed = complaint_accept(data=data(), by=agent, idempotency_key="k1", payload={"a": 1})
    assert filed.reference == first.reference
    assert filed.complaint_id == Complaint.objects.get(reference=first.reference).pk
    with pytest.raises(Conflict):
        complaint_accept(data=data(), by=agent, idempotency_key="k1", payload={"a": 2})
    assert Submission.objects.count() == 1


def test_the_same_key_from_two_users_makes_two_submissions(no_worker, agent, supervisor):
    a = complaint_accept(data=data(), by=agent, idempotency_key="same", payload={})
    b = complaint_accept(data=data(), by=supervisor, idempotency_key="same", payload={})
    assert a.reference != b.reference
    assert b.created


def test_references_continue_the_years_count_and_grow_past_six_digits(no_worker, agent):
    year = timezone.now().year
    ReferenceCounter.objects.update_or_create(year=year, defaults={"last": 999_998})
    assert complaint_accept(data=data(), by=agent).reference == f"C-{year}-999999"
    assert complaint_accept(data=data(), by=agent).reference == f"C-{year}-1000000"
    # The synchronous path (phone notes, mail) shares the counter.
    assert services.complaint_receive(data=data(channel=Channel.PHONE)).reference == f"C-{year}-1000001"


def test_a_year_without_a_counter_starts_one(no_worker, agent):
    ReferenceCounter.objects.all().delete()
    assert complaint_accept(data=data(), by=agent).reference == f"C-{timezone.now().year}-000001"


def test_taking_in_is_one_statement_on_postgresql(no_worker, agent):
    complaint_accept(data=data(), by=agent)  # the year's counter exists from here on
    with CaptureQueriesContext(connection) as ctx:
        complaint_accept(data=data(), by=agent)
    writes = [q["sql"] for q in ctx.captured_queries if "submission" in q["sql"].lower()]
    assert len(writes) == 1
    if connection.vendor == "postgresql":  # the reference is taken in the same statement
        assert len(ctx.captured_queries) == 1


def test_a_batch_is_filed_per_user_and_a_submission_the_database_refuses_is_kept_with_why(
    no_worker, agent, supervisor, monkeypatch
):
    made = [complaint_accept(data=data(email=f"c{i}@example.net"), by=agent) for i in range(3)]
    made.append(complaint_accept(data=data(channel=Channel.WEB, email="web@example.net")))
    made.append(complaint_accept(data=data(email="sup@example.net"), by=supervisor))
    from amends.complaints.services import accept

    real = accept.complaints_receive

    def refuse_one(*, items, by=None):
        if any(item.email == "c1@example.net" for item in items):
            raise InvalidInput("The database refused it.", field="email")
        return real(items=items, by=by)

    monkeypatch.setattr(accept, "complaints_receive", refuse_one)
    assert submissions_file_waiting() == 4
    kept = Submission.objects.get(reference=made[1].reference)
    assert kept.filed_at is None
    assert kept.problem == "The database refused it."
    assert kept.data is not None
    assert bytes(kept.raw) == data().raw
    filed = Complaint.objects.in_bulk([m.reference for m in made], field_name="reference")
    assert set(filed) == {m.reference for i, m in enumerate(made) if i != 1}
    assert filed[made[3].reference].messages.get().author is None  # the web form's has no staff author
    assert filed[made[4].reference].messages.get().author == supervisor
    assert submissions_file_waiting() == 0  # the kept one is not retried in a loop


def test_the_sweep_files_what_waited_longer_than_its_task(no_worker, agent, settings):
    settings.AMENDS_FILING_RETRY_SECONDS = 60
    old = complaint_accept(data=data(), by=agent)
    new = complaint_accept(data=data(email="new@example.net"), by=agent)
    Submission.objects.filter(reference=old.reference).update(
        received_at=timezone.now() - timedelta(minutes=5)
    )
    assert sweep_submissions().filed == 1
    assert Complaint.objects.filter(reference=old.reference).exists()
    assert not Complaint.objects.filter(reference=new.reference).exists()


DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "intake"]}}


def _filing_runs(status: str = "READY") -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=file_submissions.module_path, status=status).count()


@pytest.mark.django_db(transaction=True)  # the worker closes and reopens its connection
def test_a_burst_queues_one_filing_run_in_its_own_write_and_the_worker_files_it(agent, settings):
    settings.TASKS = DATABASE_TASKS
    settings.AMENDS_FILING_GATHER_MS = 0
    made = [complaint_accept(data=data(email=f"b{i}@example.net"), by=agent) for i in range(3)]
    made.append(complaint_accept(data=data(channel=Channel.WEB, email="web@example.net")))
    assert _filing_runs() == 1  # queued by the first, seen waiting by the others
    call_command("db_worker", batch=True, interval=0, verbosity=0, queue_name="intake")
    assert _filing_runs() == 0
    assert _filing_runs("SUCCESSFUL") == 1
    filed = Complaint.objects.filter(reference__in=[m.reference for m in made])
    assert filed.count() == 4
    after = complaint_accept(data=data(email="after@example.net"), by=agent)
    assert _filing_runs() == 1  # the run that started no longer counts as waiting
    assert not Complaint.objects.filter(reference=after.reference).exists()


@pytest.mark.django_db(transaction=True)
def test_a_repeat_with_its_key_queues_no_filing_run(agent, settings):
    settings.TASKS = DATABASE_TASKS
    first = complaint_accept(data=data(), by=agent, idempotency_key="k", payload={"a": 1})
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()  # as if the worker had taken the run
    again = complaint_accept(data=data(), by=agent, idempotency_key="k", payload={"a": 1})
    assert (again.reference, again.created) == (first.reference, False)
    assert _filing_runs() == 0
    assert Submission.objects.count() == 1


def test_with_another_task_backend_each_submission_queues_its_filing(no_worker, agent):
    for i in range(2):
        complaint_accept(data=data(email=f"n{i}@example.net"), by=agent)
    assert [r.task.name for r in no_worker.results] == ["file_submissions"] * 2


def test_a_sender_at_the_throttles_count_is_refused_and_nothing_is_stored(no_worker):
    throttle = services.Throttle(client="a" * 32, count=2, seconds=60)
    for i in range(2):
        complaint_accept(data=data(email=f"t{i}@example.net"), throttle=throttle)
    with pytest.raises(Throttled, match="Please wait a minute"):
        complaint_accept(data=data(email="t2@example.net"), throttle=throttle)
    assert Submission.objects.count() == 2
    complaint_accept(data=data(), throttle=services.Throttle(client="b" * 32, count=2, seconds=60))
    complaint_accept(data=data())  # no throttle (the API): not counted, and counts nothing
    assert Submission.objects.count() == 4
    assert len(no_worker.results) == 4  # one filing run for each taken in, none for the refused


@pytest.mark.parametrize(("client", "count", "seconds"), [("", 1, 60), ("a", 0, 60), ("a", 1, 0)])
def test_a_throttle_needs_a_client_a_count_and_a_time(client, count, seconds):
    with pytest.raises(ValueError, match="throttle needs"):
        services.Throttle(client=client, count=count, seconds=seconds)


def test_an_idempotency_key_needs_the_client_it_belongs_to(no_worker):
    with pytest.raises(ValueError, match="API client"):
        complaint_accept(data=data(), idempotency_key="k")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the one-statement write")
@pytest.mark.django_db(transaction=True)  # another connection writes the first submission
def test_two_requests_with_one_key_at_once_make_one_submission(agent):
    """The second's look misses the first's uncommitted row; its write then waits on the unique
    index, does nothing once the first commits, and it answers with the first submission."""
    import psycopg

    complaint_accept(data=data(), by=agent)  # the year's counter exists
    digest = services.accept.request_hash({"a": 1})
    settings_dict = connection.settings_dict
    other = psycopg.connect(
        host=settings_dict["HOST"],
        port=settings_dict["PORT"],
        user=settings_dict["USER"],
        dbname=settings_dict["NAME"],
    )
    with other:
        other.execute(
            "INSERT INTO complaints_submission (reference, channel, received_at, by_id,"
            " idempotency_key, request_hash, data, raw_content_type, problem)"
            " VALUES ('C-1999-000001', 'api', now(), %s, 'race', %s, '{}', '', '')",
            [agent.pk, digest],
        )
        timer = threading.Timer(0.3, other.commit)
        timer.start()
        try:
            second = complaint_accept(data=data(), by=agent, idempotency_key="race", payload={"a": 1})
        finally:
            timer.join()
    assert (second.reference, second.created) == ("C-1999-000001", False)
    assert Submission.objects.filter(idempotency_key="race").count() == 1


def test_the_api_shows_a_waiting_complaint_to_its_sender_only(no_worker, client, agent, supervisor, category):
    key = apikey_create(user=agent, name="t")[1]
    other_key = apikey_create(user=supervisor, name="t")[1]
    body = {"name": "Jo", "email": "jo@example.net", "story": "It broke.", "category": "delivery"}
    posted = client.post(
        "/api/v1/complaints",
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert posted.status_code == 202
    reference = posted.json()["reference"]
    mine = client.get(f"/api/v1/complaints/{reference}", headers={"Authorization": f"Bearer {key}"})
    assert mine.status_code == 202
    assert mine.json()["reference"] == reference
    theirs = client.get(f"/api/v1/complaints/{reference}", headers={"Authorization": f"Bearer {other_key}"})
    assert theirs.status_code == 404
    submissions_file_waiting()
    filed = client.get(f"/api/v1/complaints/{reference}", headers={"Authorization": f"Bearer {key}"})
    assert filed.status_code == 200
    assert filed.json()["team"] == "orders"
    assert len(mail.outbox) == 0  # the acknowledgement is a task of its own, queued at filing


def test_the_form_confirms_the_reference_at_once_and_the_reply_time_once_filed(no_worker, client):
    response = client.post(
        "/complain/",
        {
            "story": "My parcel came open and the vase inside was broken.",
            "outcome_sought": "A new vase.",
            "name": "Sam O'Neill",
            "email": "sam@example.net",
            "preferred_contact_method": ContactMethod.EMAIL,
            "preferred_contact_time": "",
            "website": "",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    waiting = Submission.objects.get()
    html = page.content.decode()
    assert page.status_code == 200
    assert waiting.reference in html
    assert 'hx-trigger="every 2s"' in html
    assert "reply to you by" not in html
    submissions_file_waiting()
    filed = client.get(response["Location"]).content.decode()
    assert waiting.reference in filed
    assert "reply to you by" in filed
    assert "every 2s" not in filed


def test_a_tampered_confirmation_link_is_not_found(client):
    from amends.portal.links import received_token

    token = received_token("C-2026-000001")
    assert client.get(f"/complain/received/{token}/").status_code == 404  # no such submission
    assert client.get(f"/complain/received/{token[:-2]}xx/").status_code == 404


def test_a_row_that_cannot_be_read_is_kept_with_why_and_holds_up_nothing(no_worker, agent):
    broken = complaint_accept(data=data(), by=agent)
    fine = complaint_accept(data=data(email="fine@example.net"), by=agent)
    Submission.objects.filter(reference=broken.reference).update(data={"name": "Jo"})
    assert submissions_file_waiting() == 1
    kept = Submission.objects.get(reference=broken.reference)
    assert kept.filed_at is None
    assert kept.problem.startswith("KeyError")
    assert Complaint.objects.filter(reference=fine.reference).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks between two connections")
@pytest.mark.django_db(transaction=True)  # the filing runs in a transaction of its own, in a thread
def test_taking_in_does_not_wait_for_a_filing_batch_to_commit(no_worker, agent):
    """Filing numbered submissions takes no lock on the year's counter, so a complaint taken in
    while a batch is being filed is answered at once rather than when the batch commits."""
    from django.db import connections, transaction

    complaint_accept(data=data(), by=agent)  # the year's counter exists
    waiting = complaint_accept(data=data(email="batch@example.net"), by=agent)
    filing, release = threading.Event(), threading.Event()

    def file_slowly() -> None:
        try:
            with transaction.atomic():
                assert submissions_file_waiting() == 2
                filing.set()
                release.wait(10)
        finally:
            connections.close_all()

    worker = threading.Thread(target=file_slowly)
    worker.start()
    try:
        assert filing.wait(10)
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = '2s'")
        try:
            taken = complaint_accept(data=data(email="meanwhile@example.net"), by=agent)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = 0")
    finally:
        release.set()
        worker.join()
    assert taken.created
    assert Complaint.objects.filter(reference=waiting.reference).exists()
