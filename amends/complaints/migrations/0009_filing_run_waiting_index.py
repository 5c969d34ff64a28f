"""An index to find whether a filing run is already waiting to start.

Taking a complaint in queues the filing task unless a run of it is waiting (``READY``); the
task table also holds every other task waiting and every run that finished, so the look needs an
index of its own. It covers only waiting rows of the ``intake`` queue (``file_submissions``'s),
so the acknowledgements and triage a batch of complaints queues do not write to it.
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
            f"CREATE INDEX {INDEX} ON {TABLE} (task_path) "
            "WHERE status = 'READY' AND queue_name = 'intake'",
            f"DROP INDEX {INDEX}",
        )
    ]
