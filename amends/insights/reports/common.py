"""Helpers the reports share: names for ids, sums by bucket, labels."""

from collections import defaultdict
from datetime import date
from typing import Any

from django.db.models import Model, QuerySet, Sum

from amends.accounts.models import Team
from amends.complaints.models import Category

from ..filters import InsightFilters, Scope, by_bucket, rows_in


def category_names() -> dict[int, str]:
    names = dict(Category.objects.values_list("id", "name"))
    names[0] = "No category"
    return names


def team_names() -> dict[int, str]:
    names = dict(Team.objects.values_list("id", "name"))
    names[0] = "No team"
    return names


def bucket_of(day: date, buckets: list[date]) -> int:
    """The index of the bucket ``day`` falls in (the last one starting on or before it)."""
    index = 0
    for i, start in enumerate(buckets):
        if start <= day:
            index = i
    return index


def sums_by_bucket(
    model: type[Model], scope: Scope, filters: InsightFilters, fields: list[str], *, by: str = ""
) -> dict[tuple[date, Any], dict[str, int]]:
    """Summed ``fields`` per (bucket start, ``by`` value or None)."""
    qs: QuerySet[Any] = by_bucket(rows_in(model._default_manager.all(), scope, filters), filters)
    group = ["bucket", by] if by else ["bucket"]
    rows = qs.values(*group).annotate(**{f"s_{f}": Sum(f) for f in fields}).order_by()
    out: dict[tuple[date, Any], dict[str, int]] = defaultdict(dict)
    for row in rows:
        bucket = row["bucket"].date() if hasattr(row["bucket"], "date") else row["bucket"]
        out[(bucket, row.get(by) if by else None)] = {f: row[f"s_{f}"] or 0 for f in fields}
    return out


def totals_by(
    model: type[Model], scope: Scope, filters: InsightFilters, fields: list[str], by: list[str]
) -> list[dict[str, Any]]:
    """Summed ``fields`` over the whole period, per value of the ``by`` columns."""
    qs = rows_in(model._default_manager.all(), scope, filters)
    rows = qs.values(*by).annotate(**{f"s_{f}": Sum(f) for f in fields}).order_by()
    return [{**{b: row[b] for b in by}, **{f: row[f"s_{f}"] or 0 for f in fields}} for row in rows]
