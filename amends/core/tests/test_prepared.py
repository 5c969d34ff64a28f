"""Statements prepared once per connection: the intake statement, and plans that still use indexes."""

import re
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import connection
from django.db.utils import IntegrityError

from amends.complaints.models import Channel
from amends.complaints.services import ComplaintInput, Throttle, complaint_accept
from amends.core.postgresql.prepared import prepared_cursor
from amends.core.tasks import _enqueue_once_plan

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "intake"]}}
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepares statements")


def _data(email: str) -> ComplaintInput:
    return ComplaintInput(
        channel=Channel.API,
        name="Priya Shah",
        email=email,
        story="The washing machine you installed leaks every cycle.",
        outcome_sought="An engineer who fixes it.",
        raw=b'{"story": "leaks"}',
        raw_content_type="application/json",
    )


def _intake_statements() -> list[tuple[str, int]]:
    """The intake statements this connection has prepared, with how many times each was planned."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, generic_plans + custom_plans FROM pg_prepared_statements "
            "WHERE statement LIKE '%%WITH first AS%%' AND NOT from_sql"
        )
        return list(cursor.fetchall())


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_intake_statement_is_prepared_once_and_run_again_with_new_values(agent, settings):
    settings.TASKS = DATABASE_TASKS
    connection.close()  # a new connection has prepared nothing

    def accept(i: int):
        return complaint_accept(
            data=_data(f"p{i}@example.net"), by=agent, idempotency_key=f"k{i}", payload={"i": i}
        )

    made = [accept(0)]  # run twice if the year had no counter yet
    [(name, before)] = _intake_statements()
    made += [accept(i) for i in range(1, 7)]
    assert len({m.reference for m in made}) == 7
    assert _intake_statements() == [(name, before + 6)]
    again = complaint_accept(data=_data("p3@example.net"), by=agent, idempotency_key="k3", payload={"i": 3})
    assert (again.reference, again.created) == (made[3].reference, False)


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_with_preparing_turned_off_the_statement_is_sent_as_text(agent, settings):
    settings.AMENDS_DATABASE_PREPARE = False
    connection.close()
    complaint_accept(data=_data("a@example.net"), by=agent)
    complaint_accept(data=_data("b@example.net"), by=agent)
    assert _intake_statements() == []


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_plan_made_for_every_value_still_finds_waiting_runs_by_their_index(agent, settings):
    """After five runs PostgreSQL may keep one plan for all values; that plan must use the
    partial index of waiting runs, or each intake reads every task row (7 ms at 100,000)."""
    settings.TASKS = DATABASE_TASKS
    complaint_accept(data=_data("first@example.net"), by=agent)  # the year's counter exists
    _waiting_acknowledgements(2000)  # as a desk whose other tasks queue up
    plan = _generic_plan(
        lambda: complaint_accept(data=_data("second@example.net"), by=agent, idempotency_key="g", payload={}),
        analyse="django_tasks_database_dbtaskresult",
    )
    # The look for a waiting run goes into an index, and what it looks for is written in the
    # plan as constants, never as parameters ($n): a plan for every value then is the plan for
    # these values, and the partial index of waiting runs by task stays usable.
    lines = [line.strip() for line in plan.splitlines()]
    [look] = [
        i
        for i, line in enumerate(lines)
        if "Scan" in line and "on django_tasks_database_dbtaskresult" in line
    ]
    assert lines[look].startswith("->  Index"), plan
    conditions = [line for line in lines[look + 1 : look + 3] if line.startswith(("Index Cond:", "Filter:"))]
    assert conditions, plan
    assert not any("$" in line for line in conditions), plan


def _generic_plan(accept: Callable[[], Any], *, analyse: str) -> str:
    """The plan PostgreSQL keeps for every value of the intake statement ``accept`` runs."""
    seen: list[tuple[str, Any]] = []

    def capture(execute, sql, params, many, context):
        seen.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        accept()
    [(sql, params)] = [(s, p) for s, p in seen if "WITH first AS" in s]
    numbered = iter(range(1, 1000))
    statement = re.sub(r"%s", lambda _: f"${next(numbered)}", sql)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {analyse}")
        cursor.execute(f"PREPARE amends_generic_probe AS {statement}")
        try:
            cursor.execute("SET plan_cache_mode = force_generic_plan")
            cursor.execute("SET enable_seqscan = off")  # so a usable index is always chosen
            cursor.execute(
                f"EXPLAIN EXECUTE amends_generic_probe({', '.join(['%s'] * len(params))})", list(params)
            )
            return "\n".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("RESET plan_cache_mode")
            cursor.execute("RESET enable_seqscan")
            cursor.execute("DEALLOCATE amends_generic_probe")


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_plan_made_for_every_value_counts_a_senders_submissions_by_their_index(agent):
    """The web form's throttle counts the sender's recent submissions in the intake statement;
    a plan for every value must still go to them by the partial index, not read every row."""
    complaint_accept(data=_data("first@example.net"))  # the year's counter exists
    throttle = Throttle(client="c" * 32, count=10, seconds=60)
    plan = _generic_plan(
        lambda: complaint_accept(data=_data("second@example.net"), throttle=throttle),
        analyse="complaints_submission",
    )
    assert "Index Only Scan using submission_client_recent_idx" in plan or (
        "Index Scan using submission_client_recent_idx" in plan
    ), plan
    assert "Seq Scan on complaints_submission" not in plan, plan


def _waiting_acknowledgements(count: int) -> None:
    from django.tasks import task_backends
    from django_tasks_db.models import DBTaskResult

    from amends.complaints.tasks import acknowledge_complaint
    from amends.core.tasks import _task_row

    backend = task_backends[acknowledge_complaint.backend]
    DBTaskResult.objects.bulk_create(
        [_task_row(backend, acknowledge_complaint, (i,)) for i in range(count)]  # type: ignore[arg-type]
    )


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_errors_from_a_prepared_statement_are_djangos(agent):
    with prepared_cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE probe (id integer PRIMARY KEY)")
        cursor.execute("INSERT INTO probe VALUES (%s)", [1])
        with pytest.raises(IntegrityError):
            cursor.execute("INSERT INTO probe VALUES (%s)", [1])
        cursor.execute("DROP TABLE probe")


@on_postgresql
@pytest.mark.django_db
def test_only_plain_names_are_written_into_the_queueing_statement(settings):
    from django.tasks import task_backends

    from amends.complaints.tasks import file_submissions

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "intake"]}
    }
    backend = task_backends[file_submissions.backend]
    bad: Any = SimpleNamespace(module_path="tasks.file'; DROP TABLE x; --", queue_name="intake")
    with pytest.raises(ValueError, match="cannot be written"):
        _enqueue_once_plan(connection, "TRUE", backend, bad)
    sql, stamps = _enqueue_once_plan(connection, "TRUE", backend, file_submissions)
    assert "queue_name = 'intake'" in sql
    assert sql.count("%s") == 1 + stamps  # the run's id and times; what every run shares is written in


@on_postgresql
@pytest.mark.django_db
def test_a_prepared_statement_is_logged_with_its_values_written_in(agent):
    from django.test.utils import CaptureQueriesContext

    complaint_accept(data=_data("first@example.net"), by=agent)  # the year's counter exists
    with CaptureQueriesContext(connection) as ctx:
        complaint_accept(data=_data("logged@example.net"), by=agent)
    [logged] = [q["sql"] for q in ctx.captured_queries if "WITH first AS" in q["sql"]]
    assert "logged@example.net" in logged
    assert not logged.startswith("QUERY =")
