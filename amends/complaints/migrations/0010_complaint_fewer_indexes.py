"""Drop the complaint table's single-column indexes on customer, category, team and assignee.

Each column leads a composite index already (the inbox's orders and the customer's history),
which serves the same look-ups and the foreign-key checks; the single-column copies only made
every complaint written dearer (17 indexes to update, now 13). Dropped by name rather than by
``AlterField``, which on SQLite would rebuild the table and lose its search triggers.
"""

from typing import Any

from django.conf import settings
from django.db import migrations, models

FIELDS = ("customer", "category", "team", "assignee")


def _indexes(apps: Any, schema_editor: Any) -> list[tuple[Any, Any, str]]:
    complaint = apps.get_model("complaints", "Complaint")
    table = complaint._meta.db_table
    found = []
    for name in FIELDS:
        field = complaint._meta.get_field(name)
        found.append((complaint, field, schema_editor._create_index_name(table, [field.column])))
    return found


def drop(apps: Any, schema_editor: Any) -> None:
    for _, _, index in _indexes(apps, schema_editor):
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(index)}")


def restore(apps: Any, schema_editor: Any) -> None:
    for model, field, _ in _indexes(apps, schema_editor):
        schema_editor.execute(schema_editor._create_index_sql(model, fields=[field]))


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0009_filing_run_waiting_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(drop, restore)],
            state_operations=[
                migrations.AlterField(
                    model_name="complaint",
                    name="customer",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=models.deletion.PROTECT,
                        related_name="complaints",
                        to="complaints.customer",
                    ),
                ),
                migrations.AlterField(
                    model_name="complaint",
                    name="category",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=models.deletion.SET_NULL,
                        to="complaints.category",
                    ),
                ),
                migrations.AlterField(
                    model_name="complaint",
                    name="team",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=models.deletion.SET_NULL,
                        to="accounts.team",
                    ),
                ),
                migrations.AlterField(
                    model_name="complaint",
                    name="assignee",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        )
    ]
