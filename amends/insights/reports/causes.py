"""Top root causes from blameless reviews, and complaint volume before and after policy changes."""

from datetime import date, timedelta
from typing import Any

from django.db.models import Q, Sum

from amends.reviews.models import Proposal, RootCause
from amends.reviews.selectors import changes_made

from ..charts import Series, bar_chart, legend, stacked_columns
from ..filters import InsightFilters, Scope
from ..models import DailyCause, DailyFigures
from ..tables import Column, Section, Table, ratio
from .common import category_names, totals_by

# Weeks of complaint volume compared either side of the day a change took effect.
CHANGE_WEEKS = 4


def sections(scope: Scope, filters: InsightFilters, today: date) -> list[Section]:
    names = category_names()
    totals = totals_by(DailyCause, scope, filters, ["reviews"], ["root_cause", "category_id"])
    by_cause: dict[str, int] = {}
    for row in totals:
        by_cause[row["root_cause"]] = by_cause.get(row["root_cause"], 0) + row["reviews"]
    total = sum(by_cause.values())
    ranked = sorted(by_cause, key=lambda c: -by_cause[c])
    label = {c.value: c.label for c in RootCause}
    rows: list[list[Any]] = [[label.get(c, c), by_cause[c], ratio(by_cause[c], total)] for c in ranked]
    table = Table(
        "root_causes",
        "Root causes",
        [Column("Root cause", "text"), Column("Reviews"), Column("Share", "pct")],
        rows,
    )
    chart = bar_chart(title="Root causes found in blameless reviews", items=[(r[0], r[1]) for r in rows])
    return [
        Section(
            "Top root causes",
            "From the blameless reviews written when complaints closed in the period.",
            table,
            chart,
            side=True,
        ),
        _by_category(totals, names, label),
        _changes(scope, filters, today),
    ]


def _by_category(totals: list[dict[str, Any]], names: dict[int, str], label: dict[str, str]) -> Section:
    causes = [c.value for c in RootCause]
    grid: dict[int, dict[str, int]] = {}
    for row in totals:
        grid.setdefault(row["category_id"], dict.fromkeys(causes, 0))[row["root_cause"]] += row["reviews"]
    order = sorted(grid, key=lambda c: (-sum(grid[c].values()), names.get(c, "")))
    rows = [[names.get(c, "?"), sum(grid[c].values()), *[grid[c][k] for k in causes]] for c in order]
    columns = [Column("Category", "text"), Column("Reviews"), *[Column(label[k]) for k in causes]]
    table = Table("causes_by_category", "Root causes by category", columns, rows)
    series = [Series(label[k], [grid[c][k] for c in order[:12]]) for k in causes]
    chart = stacked_columns(
        title="Root causes by category", labels=[names.get(c, "?")[:14] for c in order[:12]], series=series
    )
    return Section(
        "Root causes by category",
        "Where each cause shows up.",
        table,
        chart,
        legend(series),
    )


def _before_after(
    scope: Scope, filters: InsightFilters, today: date, changes: list[Proposal]
) -> dict[str, int]:
    """For every change, complaints in its area's categories before it and since: one query."""
    days = CHANGE_WEEKS * 7
    sums: dict[str, Sum] = {}
    every: set[int] = set()
    for n, change in enumerate(changes):
        assert change.changed_on is not None
        ids = [c.pk for c in change.area.categories.all()]
        every.update(ids)
        split = change.changed_on
        here = Q(category_id__in=ids)
        sums[f"b{n}"] = Sum("received", filter=here & Q(day__gte=split - timedelta(days=days), day__lt=split))
        sums[f"a{n}"] = Sum(
            "received", filter=here & Q(day__gte=split, day__lt=split + timedelta(days=days), day__lte=today)
        )
    if not sums:
        return {}
    first = min(c.changed_on for c in changes if c.changed_on) - timedelta(days=days)
    qs = DailyFigures.objects.filter(scope.q(), category_id__in=sorted(every), day__gte=first)
    if filters.team is not None:
        qs = qs.filter(team_id=filters.team)
    return {key: value or 0 for key, value in qs.aggregate(**sums).items()}


def _changes(scope: Scope, filters: InsightFilters, today: date) -> Section:
    days = CHANGE_WEEKS * 7
    categories = {filters.category} if filters.category is not None else None
    changes = changes_made(category_ids=categories)
    sums = _before_after(scope, filters, today, changes)
    rows: list[list[Any]] = []
    for n, change in enumerate(changes):
        assert change.changed_on is not None
        after_days = max(0, min(days, (today - change.changed_on).days + 1))
        before = sums[f"b{n}"] / CHANGE_WEEKS
        after = sums[f"a{n}"] / (after_days / 7) if after_days else None
        change_pct = ratio(after - before, before) if after is not None else None
        rows.append(
            [
                change.title,
                change.area.name,
                change.owner.display_name,
                change.changed_on.isoformat(),
                before,
                after,
                change_pct,
            ]
        )
    columns = [
        Column("Change", "text"),
        Column("Area", "text"),
        Column("Owner", "text"),
        Column("In effect from", "text"),
        Column(f"Complaints a week, {CHANGE_WEEKS} weeks before", "score"),
        Column("Complaints a week since (up to 4 weeks)", "score"),
        Column("Change", "pct"),
    ]
    table = Table(
        "policy_changes",
        "Complaint volume before and after policy changes",
        columns,
        rows,
        empty="No policy change has been recorded yet.",
    )
    items = [
        (f"{half}: {r[0]}", value or 0.0) for r in rows for half, value in (("Before", r[4]), ("After", r[5]))
    ]
    chart = bar_chart(title="Complaints a week before and after each change", items=items) if rows else None
    return Section(
        "Policy changes: before and after",
        "Weekly complaints in the changed area's categories, in the four weeks before the change took "
        "effect and since (up to four weeks).",
        table,
        chart,
    )
