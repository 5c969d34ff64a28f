"""Recovery: how satisfied customers were afterwards, whether fixes held, and repeat complaints."""

from datetime import date
from typing import Any

from ..charts import Series, legend, line_chart
from ..filters import InsightFilters, Scope
from ..models import DailyFigures
from ..tables import Column, Section, Table, ratio
from .common import sums_by_bucket

FIELDS = ["surveys", "score_total", "low_scores", "checkins", "held", "received", "repeats"]


def sections(scope: Scope, filters: InsightFilters, today: date) -> list[Section]:
    cells = sums_by_bucket(DailyFigures, scope, filters, FIELDS)
    buckets = filters.buckets()
    empty = dict.fromkeys(FIELDS, 0)
    per = [cells.get((b, None), empty) for b in buckets]
    labels = [filters.bucket_label(b) for b in buckets]
    axis = [filters.bucket_label(b, short=True) for b in buckets]
    rows = [_row(label, p) for label, p in zip(labels, per, strict=True)]
    rows.append(_row("Whole period", {k: sum(p[k] for p in per) for k in FIELDS}))
    columns = [
        Column("Day" if filters.daily else "Week", "text"),
        Column("Surveys answered"),
        Column("Mean score (1-5)", "score"),
        Column("Low scores"),
        Column("Check-ins answered"),
        Column("Fix held", "pct"),
        Column("Complaints received"),
        Column("Repeat complaints"),
        Column("Repeat share", "pct"),
    ]
    table = Table("recovery", "Satisfaction after a complaint, and repeat complaints", columns, rows)
    satisfaction = [Series("Mean satisfaction (1-5)", [r[2] for r in rows[:-1]])]
    repeat = [
        Series("Repeat complaints, % of received", [None if r[8] is None else r[8] * 100 for r in rows[:-1]])
    ]
    held = [Series("Fix held, % of check-ins", [None if r[5] is None else r[5] * 100 for r in rows[:-1]])]
    return [
        Section(
            "Satisfaction after a complaint",
            "The customer's score in the survey after resolution, by when they answered.",
            table,
            line_chart(
                title="Mean satisfaction score after resolution", labels=axis, series=satisfaction, top=5
            ),
        ),
        Section(
            "Repeat complaints and fixes that held",
            "A repeat complaint comes from a customer who complained in the 90 days before; "
            "the check-in asks, days after resolution, whether the fix held.",
            table,
            line_chart(
                title="Repeat complaints and fixes that held",
                labels=axis,
                series=repeat + held,
                unit="%",
                top=100,
            ),
            legend(repeat + held),
            extra={"same_table": True},
        ),
    ]


def _row(label: str, p: dict[str, int]) -> list[Any]:
    return [
        label,
        p["surveys"],
        p["score_total"] / p["surveys"] if p["surveys"] else None,
        p["low_scores"],
        p["checkins"],
        ratio(p["held"], p["checkins"]),
        p["received"],
        p["repeats"],
        ratio(p["repeats"], p["received"]),
    ]
