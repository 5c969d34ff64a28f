import importlib

from django.conf import settings
from django.db import migrations, models

# SQLite rebuilds a table to add a column, and the rebuild drops the table's triggers: put the
# full-text search triggers of 0002 back and resynchronise the index.
_search = importlib.import_module("amends.complaints.migrations.0002_search")
RESTORE_SQLITE_SEARCH = [
    "DROP TRIGGER IF EXISTS complaints_complaint_fts_ai",
    "DROP TRIGGER IF EXISTS complaints_complaint_fts_ad",
    "DROP TRIGGER IF EXISTS complaints_complaint_fts_au",
    *_search.SQLITE_FORWARD[1:],
]


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
        ('complaints', '0005_escalated_and_feedback_events'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='complaint',
            name='urgency',
            field=models.PositiveSmallIntegerField(db_default=0, default=0, help_text='0 to 100, from triage: safety, legal threats, anger, exposure.'),
        ),
        migrations.AddIndex(
            model_name='complaint',
            index=models.Index(condition=models.Q(('state__in', ['acknowledged', 'awaiting_customer', 'in_progress', 'received', 'reopened'])), fields=['-urgency', '-id'], name='complaint_open_urgency_idx'),
        ),
        migrations.RunPython(_search._run({"sqlite": RESTORE_SQLITE_SEARCH}), migrations.RunPython.noop),
    ]
