"""Queueing tasks with the transaction: rows written together are the rows the backend writes."""

import pytest
from django.db import transaction

from amends.complaints.tasks import acknowledge_complaint, file_submissions
from amends.core.tasks import enqueue_many_on_commit

pytestmark = pytest.mark.django_db

# What may differ between two runs of a task queued at different times.
_OWN = {"id", "enqueued_at", "args_kwargs"}


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "intake"]}
    }


def test_runs_queued_together_are_written_as_the_backend_writes_each(database_tasks):
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        by_backend = [acknowledge_complaint.enqueue(7).id, file_submissions.enqueue().id]
        enqueue_many_on_commit(
            [(acknowledge_complaint, (8,)), (acknowledge_complaint, (9,)), (file_submissions, ())]
        )
    rows = {str(row["id"]): row for row in DBTaskResult.objects.values()}
    assert len(rows) == 5
    ours = [row for key, row in rows.items() if key not in by_backend]
    for key in by_backend:
        theirs = rows[key]
        same_task = [row for row in ours if row["task_path"] == theirs["task_path"]]
        assert same_task
        for mine in same_task:
            assert {k: v for k, v in mine.items() if k not in _OWN} == {
                k: v for k, v in theirs.items() if k not in _OWN
            }
    assert sorted(row["args_kwargs"]["args"] for row in ours) == [[], [8], [9]]
    assert all(row["args_kwargs"]["kwargs"] == {} for row in ours)
    assert all(row["enqueued_at"] is not None for row in ours)


def test_nothing_is_queued_when_the_transaction_rolls_back(database_tasks):
    from django_tasks_db.models import DBTaskResult

    def queue_and_fail() -> None:
        with transaction.atomic():
            enqueue_many_on_commit([(acknowledge_complaint, (8,))])
            assert DBTaskResult.objects.count() == 1
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError):
        queue_and_fail()
    assert not DBTaskResult.objects.exists()
