"""Full-text search: FTS5 on SQLite, a generated tsvector with a GIN index on PostgreSQL."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE complaints_complaint_fts USING fts5(
        reference, summary, story, outcome_sought,
        content='complaints_complaint', content_rowid='id', tokenize='porter unicode61'
    )""",
    """CREATE TRIGGER complaints_complaint_fts_ai AFTER INSERT ON complaints_complaint BEGIN
        INSERT INTO complaints_complaint_fts(rowid, reference, summary, story, outcome_sought)
        VALUES (new.id, new.reference, new.summary, new.story, new.outcome_sought);
    END""",
    """CREATE TRIGGER complaints_complaint_fts_ad AFTER DELETE ON complaints_complaint BEGIN
        INSERT INTO complaints_complaint_fts(complaints_complaint_fts, rowid, reference, summary, story, outcome_sought)
        VALUES ('delete', old.id, old.reference, old.summary, old.story, old.outcome_sought);
    END""",
    """CREATE TRIGGER complaints_complaint_fts_au AFTER UPDATE OF reference, summary, story, outcome_sought
        ON complaints_complaint BEGIN
        INSERT INTO complaints_complaint_fts(complaints_complaint_fts, rowid, reference, summary, story, outcome_sought)
        VALUES ('delete', old.id, old.reference, old.summary, old.story, old.outcome_sought);
        INSERT INTO complaints_complaint_fts(rowid, reference, summary, story, outcome_sought)
        VALUES (new.id, new.reference, new.summary, new.story, new.outcome_sought);
    END""",
    "INSERT INTO complaints_complaint_fts(complaints_complaint_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS complaints_complaint_fts_au",
    "DROP TRIGGER IF EXISTS complaints_complaint_fts_ad",
    "DROP TRIGGER IF EXISTS complaints_complaint_fts_ai",
    "DROP TABLE IF EXISTS complaints_complaint_fts",
]
POSTGRES_FORWARD = [
    """ALTER TABLE complaints_complaint ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, coalesce(reference, '') || ' ' || coalesce(summary, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce(story, '')), 'B')
        || setweight(to_tsvector('english'::regconfig, coalesce(outcome_sought, '')), 'C')
    ) STORED""",
    "CREATE INDEX complaints_complaint_search_idx ON complaints_complaint USING GIN (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS complaints_complaint_search_idx",
    "ALTER TABLE complaints_complaint DROP COLUMN IF EXISTS search_vector",
]


def _run(statements: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def run(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
