"""What remedies cost, by category and over time, from the redress ledger's summary."""

from datetime import date
from decimal import Decimal

from amends.remedies.money import organisation_currency

from ..charts import Series, bar_chart, line_chart
from ..filters import InsightFilters, Scope
from ..models import DailyCost
from ..tables import Column, Section, Table
from .common import category_names, sums_by_bucket, totals_by


def sections(scope: Scope, filters: InsightFilters, today: date) -> list[Section]:
    names = category_names()
    currency = organisation_currency()
    totals = totals_by(DailyCost, scope, filters, ["grants", "amount"], ["category_id", "currency"])
    totals.sort(key=lambda r: (r["currency"] != currency, -r["amount"], names.get(r["category_id"], "")))
    rows = [
        [names.get(r["category_id"], "?"), r["currency"], r["grants"], r["amount"], r["amount"] / r["grants"]]
        for r in totals
        if r["grants"]
    ]
    columns = [
        Column("Category", "text"),
        Column("Currency", "text"),
        Column("Remedies granted"),
        Column("Total cost", "money"),
        Column("Mean cost", "money"),
    ]
    by_category = Table("cost_by_category", "Cost of remedies by category", columns, rows)
    chart = bar_chart(
        title=f"Cost of remedies by category, {currency}",
        items=[(r[0], float(r[3])) for r in rows if r[1] == currency][:10],
        money=True,
    )
    return [
        Section(
            "Cost by category",
            f"Every remedy granted in the period, from the redress ledger; the chart shows {currency}, "
            "the table every currency.",
            by_category,
            chart,
        ),
        _by_week(scope, filters, currency),
    ]


def _by_week(scope: Scope, filters: InsightFilters, currency: str) -> Section:
    cells = sums_by_bucket(DailyCost, scope, filters, ["grants", "amount"], by="currency")
    buckets = filters.buckets()
    labels = [filters.bucket_label(b) for b in buckets]
    axis = [filters.bucket_label(b, short=True) for b in buckets]
    currencies = sorted({c for _, c in cells}, key=lambda c: (c != currency, c)) or [currency]
    rows = []
    for start, label in zip(buckets, labels, strict=True):
        for code in currencies:
            values = cells.get((start, code), {"grants": 0, "amount": 0})
            rows.append([label, code, values["grants"], Decimal(values["amount"])])
    columns = [
        Column("Day" if filters.daily else "Week", "text"),
        Column("Currency", "text"),
        Column("Remedies granted"),
        Column("Total cost", "money"),
    ]
    table = Table("cost_by_week", "Cost of remedies over time", columns, rows)
    series = [Series(f"Cost, {currency}", [float(r[3]) for r in rows if r[1] == currency])]
    chart = line_chart(
        title=f"Cost of remedies each {'day' if filters.daily else 'week'}, {currency}",
        labels=axis,
        series=series,
    )
    return Section("Cost over time", "What was granted, by when it was granted.", table, chart)
