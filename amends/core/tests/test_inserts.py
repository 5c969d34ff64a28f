"""``rows_insert`` stores what ``bulk_create`` stores (on PostgreSQL it writes with COPY)."""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import Model
from django.tasks import task_backends
from django.utils import timezone
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from amends.complaints.models import (
    Channel,
    Complaint,
    ContactMethod,
    Customer,
    Direction,
    Event,
    EventKind,
    Message,
    State,
)
from amends.complaints.tasks import acknowledge_complaint
from amends.core.inserts import build, rows_insert, rows_update
from amends.core.tasks import _task_row
from amends.mail.models import InboundMail, Source
from amends.promises.models import Promise, PromiseKind

pytestmark = pytest.mark.django_db

Insert = Callable[[list[Any]], list[Any]]


def _bulk_create(objs: list[Any]) -> list[Any]:
    return list(type(objs[0])._default_manager.bulk_create(objs))


class _Undo(Exception):
    pass


def _both_ways(write: Callable[[Insert], Any]) -> tuple[Any, Any]:
    """What ``write`` finds inserting with ``bulk_create``, and with ``rows_insert``, each undone
    afterwards so that both write the same values."""
    found = []
    for insert in (_bulk_create, rows_insert):
        try:
            with transaction.atomic():
                found.append(write(insert))
                raise _Undo
        except _Undo:
            pass
    return found[0], found[1]


def _stored(tables: list[list[Any]]) -> list[list[dict[str, Any]]]:
    """The rows of ``tables`` as the database has them, comparable between two writes: ids, and
    the ids of the rows they point to, are given as places in the order written."""
    places: dict[tuple[type[Model], Any], int] = {}
    result = []
    for objs in tables:
        model = type(objs[0])
        places.update({(model, obj.pk): place for place, obj in enumerate(objs)})
        rows = model._default_manager.filter(pk__in=[obj.pk for obj in objs]).order_by("pk").values()
        result.append([_comparable(model, row, places) for row in rows])
    return result


def _comparable(
    model: type[Model], row: dict[str, Any], places: dict[tuple[type[Model], Any], int]
) -> dict[str, Any]:
    found = {}
    for field in model._meta.concrete_fields:
        value = row[field.attname]
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue  # the time the row was saved: never the same twice
        if field.primary_key and model is DBTaskResult:
            continue  # a random id
        if field.primary_key or field.is_relation:
            value = places.get((field.related_model if field.is_relation else model, value), value)  # type: ignore[arg-type]
        found[field.attname] = bytes(value) if isinstance(value, memoryview) else value
    return found


def test_complaints_and_their_rows_are_stored_as_bulk_create_stores_them(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "intake"]}
    }
    now = timezone.now()

    def write(insert: Insert) -> list[list[dict[str, Any]]]:
        customers = insert([Customer(name=f"Élodie {i}", created_at=now) for i in range(3)])
        complaints = insert(
            [
                Complaint(
                    reference=f"C-2026-90000{i}",
                    customer=customers[i],
                    channel=Channel.EMAIL,
                    summary=f"Parcel {i} \u2013 never came",
                    story="It did not come.\nNobody called back; the tracking page says 'delivered'.",
                    preferred_contact_method=ContactMethod.PHONE,
                    received_at=now,
                    due_at=now + timedelta(days=i),
                )
                for i in range(3)
            ]
        )
        messages = insert(
            [
                Message(
                    complaint=complaints[i],
                    direction=Direction.INBOUND,
                    channel=Channel.EMAIL,
                    from_address="jo@example.net",
                    body="Any news?\x01 \\ a tab\there\r\n",
                    raw=bytes(range(256)) if i else None,
                    message_id=f"<{i}@example.net>" if i else None,
                    created_at=now,
                )
                for i in range(3)
            ]
        )
        data: list[Any] = [{"channel": "email", "inbound": 7}, {}, {"nested": [1, "two", None, "é"]}]
        events = [
            Event(
                complaint=complaints[i],
                kind=EventKind.RECEIVED,
                to_state=State.RECEIVED,
                message=messages[i],
                data=data[i],
                actor_label="Customer",
                created_at=now,
            )
            for i in range(3)
        ]
        due = now + timedelta(days=2)
        promise = Promise(
            complaint=complaints[0], kind=PromiseKind.UPDATE, description="Reply", due_at=due, target_at=due
        )
        mail = [
            InboundMail(
                source=Source.FILE, raw=b"\x00\xff raw", size=7, sha256=str(i), msgid=None, received_at=now
            )
            for i in range(2)
        ]
        backend = task_backends[acknowledge_complaint.backend]
        assert isinstance(backend, DatabaseBackend)
        tasks = [_task_row(backend, acknowledge_complaint, (42,))]
        written = [customers, complaints, messages, insert(events), insert([promise])]
        return _stored([*written, insert(mail), insert(tasks)])

    by_orm, by_copy = _both_ways(write)
    assert by_orm == by_copy
    assert [len(rows) for rows in by_copy] == [3, 3, 3, 3, 1, 2, 1]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite keeps its index in an FTS5 table")
def test_the_search_column_is_filled_in_as_for_an_insert():
    def write(insert: Insert) -> str:
        (customer,) = insert([Customer(name="Jo")])
        story = "The courier left my fridge in the rain."
        insert(
            [
                Complaint(
                    reference="C-2026-000001",
                    customer=customer,
                    channel=Channel.EMAIL,
                    summary="Fridge",
                    story=story,
                )
            ]
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT search_vector::text FROM complaints_complaint WHERE reference = 'C-2026-000001'"
            )
            return str(cursor.fetchone()[0])

    by_orm, by_copy = _both_ways(write)
    assert by_orm == by_copy
    assert "fridg" in by_copy


def test_a_broken_constraint_is_an_integrity_error_as_from_bulk_create():
    (customer,) = rows_insert([Customer(name="Jo")])
    rows_insert(
        [Complaint(reference="C-1", customer=customer, channel=Channel.EMAIL, summary="s", story="s")]
    )
    again = Complaint(reference="C-1", customer=customer, channel=Channel.EMAIL, summary="s", story="s")
    with pytest.raises(IntegrityError), transaction.atomic():
        rows_insert([again])
    assert Complaint.objects.filter(reference="C-1").count() == 1


def test_rows_update_saves_the_fields_named_and_leaves_the_others():
    now = timezone.now()
    rows = rows_insert(
        [
            InboundMail(source=Source.FILE, raw=b"raw", size=3, sha256=str(i), received_at=now)
            for i in range(3)
        ]
    )
    for i, row in enumerate(rows):
        row.status, row.reason, row.attempts, row.raw = "processed", f"Reason {i} \\ \t é", i, None
        row.size = 99  # not named: not saved
    rows_update(rows[:2], ["status", "reason", "attempts", "raw"])
    stored = list(
        InboundMail.objects.order_by("id").values_list("status", "reason", "attempts", "raw", "size")
    )
    assert [(s, r, a, raw is None, size) for s, r, a, raw, size in stored] == [
        ("processed", "Reason 0 \\ \t é", 0, True, 3),
        ("processed", "Reason 1 \\ \t é", 1, True, 3),
        ("pending", "", 0, False, 3),
    ]


def _fields(obj: Model) -> dict[str, Any]:
    """The instance's field values; a time a default made in the last seconds reads "just now"."""
    values = {f.attname: getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields}
    now = timezone.now()
    for name, value in values.items():
        if isinstance(value, datetime) and abs(now - value) < timedelta(seconds=5):
            values[name] = "just now"
    return values


def test_build_makes_what_the_constructor_makes(category, django_assert_num_queries):
    now = timezone.now()
    customer = Customer.objects.create(name="Ada")
    given: list[tuple[type[Model], dict[str, Any]]] = [
        (Customer, {"name": "Ada"}),
        (
            Complaint,
            {
                "reference": "C-2026-000001",
                "customer": customer,
                "category": category,
                "channel": Channel.WEB,
                "story": "It broke.",
                "received_at": now,
                "due_at": now,
            },
        ),
        (Complaint, {"reference": "C-2026-000002", "customer_id": customer.pk, "story": "Again."}),
        (Event, {"kind": EventKind.NOTE, "actor": None, "created_at": now}),  # data: a new dict each
        (DBTaskResult, {"args_kwargs": {}, "task_path": "x", "backend_name": "default", "run_after": now}),
    ]
    for model, values in given:
        made, expected = build(model, **values), model(**values)
        if model is DBTaskResult:  # its id is a new UUID each time
            made.pk = expected.pk
        assert _fields(made) == _fields(expected)
        assert made._state.adding
    complaint = build(Complaint, reference="C-2026-000003", customer=customer, category=category, story="x")
    with django_assert_num_queries(0):  # the related objects given are kept, as the constructor keeps them
        assert complaint.customer is customer
        assert complaint.category is category
    first, second = build(Event, kind=EventKind.NOTE), build(Event, kind=EventKind.NOTE)
    assert first.data == {}
    assert first.data is not second.data  # a callable default is called for each


def test_build_refuses_a_name_the_model_does_not_have():
    with pytest.raises(TypeError, match="unexpected keyword arguments: colour, size"):
        build(Customer, name="Ada", size=3, colour="red")


def test_a_built_row_takes_the_id_of_an_object_saved_after_it():
    customer = build(Customer, name="Ada")
    complaint = build(Complaint, reference="C-2026-000009", customer=customer, story="It broke.")
    rows_insert([customer])
    rows_insert([complaint])
    assert Complaint.objects.get(reference="C-2026-000009").customer_id == customer.pk
