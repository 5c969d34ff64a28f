"""Volume by category over time, and the topics growing fastest."""

from datetime import date, timedelta
from typing import Any

from django.db.models import Q, Sum

from amends.reviews.selectors import changes_made

from ..charts import Series, bar_chart, legend, line_chart
from ..filters import InsightFilters, Scope, rows_in
from ..models import DailyFigures
from ..tables import Column, Section, Table, ratio
from .common import bucket_of, category_names, sums_by_bucket

TOP = 5
Cells = dict[tuple[date, Any], dict[str, int]]


def sections(scope: Scope, filters: InsightFilters, today: date) -> list[Section]:
    names = category_names()
    cells = sums_by_bucket(DailyFigures, scope, filters, ["received", "repeats"], by="category_id")
    totals: dict[int, int] = {}
    for (_, category), values in cells.items():
        totals[category] = totals.get(category, 0) + values["received"]
    ranked = sorted((c for c in totals if totals[c]), key=lambda c: (-totals[c], names.get(c, "")))
    return [
        _by_week(filters, scope, cells, ranked[:TOP], names),
        _by_category(cells, ranked, names),
        _emerging(scope, filters, names),
    ]


def _markers(scope: Scope, filters: InsightFilters, buckets: list[date]) -> list[tuple[int, str]]:
    """Policy changes that took effect in the period, as rules on the volume chart."""
    categories = None if scope.every else set(scope.category_ids) | _team_categories(scope)
    if filters.category is not None:
        categories = {filters.category}
    return [
        (bucket_of(p.changed_on, buckets), f"Changed: {p.title[:40]}")
        for p in changes_made(category_ids=categories)
        if p.changed_on and filters.since <= p.changed_on < filters.until
    ]


def _team_categories(scope: Scope) -> set[int]:
    from amends.complaints.models import Category

    return set(Category.objects.filter(team_id__in=scope.team_ids).values_list("id", flat=True))


def _by_week(
    filters: InsightFilters,
    scope: Scope,
    cells: Cells,
    top: list[int],
    names: dict[int, str],
) -> Section:
    buckets = filters.buckets()
    rows: list[list[Any]] = []
    series = {c: [0.0] * len(buckets) for c in [*top, -1]}
    for i, start in enumerate(buckets):
        received = repeats = 0
        for (bucket, category), values in cells.items():
            if bucket != start:
                continue
            received += values["received"]
            repeats += values["repeats"]
            series[category if category in top else -1][i] += values["received"]
        rows.append(
            [filters.bucket_label(start), received, repeats, *[int(series[c][i]) for c in [*top, -1]]]
        )
    unit = "Day" if filters.daily else "Week"
    columns = [Column(unit, "text"), Column("Received"), Column("Repeat complaints")]
    columns += [Column(names.get(c, "?")) for c in top] + [Column("Other categories")]
    axis = [filters.bucket_label(b, short=True) for b in buckets]
    lines = [Series(names.get(c, "?"), series[c]) for c in top]
    if any(series[-1]):
        lines.append(Series("Other categories", series[-1]))
    table = Table("volume_by_week", f"Complaints received by {unit.lower()}", columns, rows)
    chart = line_chart(
        title=f"Complaints received each {unit.lower()}, by category",
        labels=axis,
        series=lines,
        markers=_markers(scope, filters, buckets),
    )
    intro = "How many complaints arrived, for the busiest categories; rules mark policy changes."
    return Section("Volume by category", intro, table, chart, legend(lines))


def _by_category(cells: Cells, ranked: list[int], names: dict[int, str]) -> Section:
    received: dict[int, int] = {}
    repeats: dict[int, int] = {}
    for (_, category), values in cells.items():
        received[category] = received.get(category, 0) + values["received"]
        repeats[category] = repeats.get(category, 0) + values["repeats"]
    total = sum(received.values())
    rows: list[list[Any]] = [
        [
            names.get(c, "?"),
            received[c],
            ratio(received[c], total),
            repeats[c],
            ratio(repeats[c], received[c]),
        ]
        for c in ranked
    ]
    columns = [
        Column("Category", "text"),
        Column("Received"),
        Column("Share", "pct"),
        Column("Repeat complaints"),
        Column("Repeat share", "pct"),
    ]
    table = Table("volume_by_category", "Complaints received by category", columns, rows)
    chart = bar_chart(title="Complaints received by category", items=[(r[0], r[1]) for r in rows[:10]])
    intro = "A repeat complaint comes from a customer who complained in the 90 days before."
    return Section("By category", intro, table, chart)


def window(filters: InsightFilters) -> int:
    """Days compared for emerging topics: the last four weeks against the four before, or halves."""
    return min(28, filters.days // 2) or 1


def _emerging(scope: Scope, filters: InsightFilters, names: dict[int, str]) -> Section:
    days = window(filters)
    split = filters.until - timedelta(days=days)
    wide = InsightFilters(split - timedelta(days=days), filters.until, filters.team, filters.category)
    rows_qs = rows_in(DailyFigures.objects.all(), scope, wide)
    sums = rows_qs.values("category_id").annotate(
        recent=Sum("received", filter=Q(day__gte=split)), before=Sum("received", filter=Q(day__lt=split))
    )
    changes = [
        (r["category_id"], r["recent"] or 0, r["before"] or 0) for r in sums if (r["recent"] or r["before"])
    ]
    changes.sort(key=lambda c: (-(c[1] - c[2]), -c[1], names.get(c[0], "")))
    rows: list[list[Any]] = [
        [names.get(c, "?"), recent, before, recent - before, ratio(recent - before, before)]
        for c, recent, before in changes
    ]
    columns = [
        Column("Category", "text"),
        Column(f"Last {days} days"),
        Column(f"{days} days before"),
        Column("Change", "signed"),
        Column("Change %", "pct"),
    ]
    table = Table("emerging", "Topics growing fastest", columns, rows)
    chart = bar_chart(
        title=f"Change in complaints, last {days} days against the {days} before",
        items=[(r[0], float(r[3])) for r in rows[:10]],
        signed=True,
    )
    intro = (
        f"Categories ranked by how many more complaints came in the last {days} days than the {days} before."
    )
    return Section("Emerging topics", intro, table, chart)
