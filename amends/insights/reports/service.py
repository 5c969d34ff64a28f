"""First-response and resolution time in business hours; promises kept, kept early and broken."""

from datetime import date
from typing import Any

from ..charts import BAD, GOOD, NEUTRAL, Series, legend, line_chart, stacked_columns
from ..filters import InsightFilters, Scope
from ..models import DailyFigures
from ..tables import Column, Section, Table, hours, ratio
from .common import sums_by_bucket

FIELDS = [
    "first_responses",
    "first_response_seconds",
    "resolved",
    "resolution_seconds",
    "kept",
    "kept_early",
    "broken",
]


def sections(scope: Scope, filters: InsightFilters, today: date) -> list[Section]:
    cells = sums_by_bucket(DailyFigures, scope, filters, FIELDS)
    buckets = filters.buckets()
    empty = dict.fromkeys(FIELDS, 0)
    per = [cells.get((b, None), empty) for b in buckets]
    labels = [filters.bucket_label(b) for b in buckets]
    return [_times(filters, labels, per), _promises(filters, labels, per)]


def _axis(filters: InsightFilters) -> list[str]:
    return [filters.bucket_label(b, short=True) for b in filters.buckets()]


def _times(filters: InsightFilters, labels: list[str], per: list[dict[str, int]]) -> Section:
    axis = _axis(filters)
    first = [hours(p["first_response_seconds"], p["first_responses"]) for p in per]
    resolution = [hours(p["resolution_seconds"], p["resolved"]) for p in per]
    rows = [
        [label, p["first_responses"], f, p["resolved"], r]
        for label, p, f, r in zip(labels, per, first, resolution, strict=True)
    ]
    total = {k: sum(p[k] for p in per) for k in FIELDS}
    rows.append(
        [
            "Whole period",
            total["first_responses"],
            hours(total["first_response_seconds"], total["first_responses"]),
            total["resolved"],
            hours(total["resolution_seconds"], total["resolved"]),
        ]
    )
    columns = [
        Column("Day" if filters.daily else "Week", "text"),
        Column("First responses"),
        Column("Mean first response", "hours"),
        Column("Resolutions"),
        Column("Mean time to resolve", "hours"),
    ]
    table = Table("response_times", "Response and resolution time, business hours", columns, rows)
    series = [Series("First response", first), Series("Resolution", resolution)]
    chart = line_chart(
        title="Mean business hours to first response and to resolution",
        labels=axis,
        series=series,
        unit=" h",
    )
    intro = (
        "Business hours from receipt, by the team's calendar (opening hours, weekends and holidays "
        "excluded), counted when the reply went or the complaint was resolved."
    )
    return Section("Response and resolution time", intro, table, chart, legend(series))


def _promise_row(label: str, p: dict[str, int]) -> list[Any]:
    settled = p["kept"] + p["kept_early"] + p["broken"]
    return [
        label,
        p["kept_early"],
        p["kept"],
        p["broken"],
        ratio(p["kept_early"], settled),
        ratio(p["kept_early"] + p["kept"], settled),
        ratio(p["broken"], settled),
    ]


def _promises(filters: InsightFilters, labels: list[str], per: list[dict[str, int]]) -> Section:
    axis = _axis(filters)
    rows = [_promise_row(label, p) for label, p in zip(labels, per, strict=True)]
    rows.append(
        _promise_row("Whole period", {k: sum(p[k] for p in per) for k in ("kept", "kept_early", "broken")})
    )
    columns = [
        Column("Day" if filters.daily else "Week", "text"),
        Column("Kept early"),
        Column("Kept"),
        Column("Broken"),
        Column("Kept early share", "pct"),
        Column("Kept share (early or on time)", "pct"),
        Column("Broken share", "pct"),
    ]
    table = Table("promises", "Promises settled", columns, rows)
    series = [
        Series("Kept early", [p["kept_early"] for p in per], GOOD),
        Series("Kept", [p["kept"] for p in per], NEUTRAL),
        Series("Broken", [p["broken"] for p in per], BAD),
    ]
    chart = stacked_columns(title="Promises settled: kept early, kept and broken", labels=axis, series=series)
    intro = (
        "Every promise ends kept early (before the internal target), kept (by the time told to the "
        "customer) or broken; promises no longer owed are not counted."
    )
    return Section("Promises kept and broken", intro, table, chart, legend(series))
