"""The complaint table keeps one index per look-up: no single-column copy of a composite's lead."""

import pytest
from django.db import connection

from amends.complaints.models import Complaint

pytestmark = pytest.mark.django_db


def _indexes() -> list[list[str]]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, Complaint._meta.db_table)
    return [c["columns"] for c in found.values() if c["index"] and not c["primary_key"]]


@pytest.mark.parametrize("column", ["customer_id", "category_id", "team_id", "assignee_id"])
def test_a_foreign_key_is_served_by_the_composite_index_it_leads(column):
    indexes = _indexes()
    assert [column] not in indexes
    assert any(len(cols) > 1 and cols[0] == column for cols in indexes)


def test_the_waiting_filing_runs_have_their_index():
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, "django_tasks_database_dbtaskresult")
    assert found["amends_tasks_waiting_by_path_idx"]["columns"] == ["task_path"]
