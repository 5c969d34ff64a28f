"""An index to find whether a filing run is already waiting to start.

Taking a complaint in queues the filing task unless a run of it is waiting (``READY``); the
task table also holds every other task waiting and every run that finished, so the look needs an
index of its own: the waiting rows by task, which stays as small as the queue.
"""

from django.db import migrations

INDEX = "amends_tasks_waiting_by_path_idx"
TABLE = "django_tasks_database_dbtaskresult"


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0008_submissions"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {INDEX} ON {TABLE} (task_path, queue_name) WHERE status = 'READY'",
            f"DROP INDEX {INDEX}",
        )
    ]
