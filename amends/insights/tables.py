"""The tables of the insight pages: one definition for the page, the chart's figures and the CSV.

A page shows each table beside its chart; ``/insights/<page>/<table>.csv`` sends the same rows
with unformatted numbers, so what a person reads and what they download cannot differ.
"""

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = "int"  # text, int, hours, pct, score, money, signed


@dataclass
class Table:
    name: str
    title: str
    columns: Sequence[Column]
    rows: list[list[Any]]
    empty: str = "Nothing in this period."

    def display(self) -> Iterator[list[tuple[str, bool]]]:
        """Each row's cells as shown, with whether the cell is a number (aligned right)."""
        for row in self.rows:
            yield [
                (_show(value, column.kind), column.kind != "text")
                for value, column in zip(row, self.columns, strict=True)
            ]

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([c.label for c in self.columns])
        for row in self.rows:
            writer.writerow(
                [_raw(value, column.kind) for value, column in zip(row, self.columns, strict=True)]
            )
        return out.getvalue()


@dataclass
class Section:
    """A heading, a sentence on what it shows, a chart and the table it draws."""

    heading: str
    intro: str
    table: Table
    chart: SafeString | None = None
    legend: SafeString | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    side: bool = False  # a short table beside a bar chart, rather than below it


def _show(value: Any, kind: str) -> str:
    if value is None or value == "":
        return "—"
    if kind == "text":
        return str(value)
    if kind == "hours":
        return f"{value:,.1f} h"
    if kind == "pct":
        return f"{value:.0%}"
    if kind == "score":
        return f"{value:.2f}"
    if kind == "money":
        return f"{Decimal(value):,.2f}"
    if kind == "signed":
        return f"{value:+,}"
    return f"{value:,}"


def _raw(value: Any, kind: str) -> Any:
    if value is None:
        return ""
    if kind == "text" and str(value)[:1] in ("=", "+", "-", "@", "\t", "\r"):
        # A name typed by a person must not run as a formula when the file is opened.
        return "'" + str(value)
    if kind in ("hours", "score"):
        return f"{value:.2f}"
    if kind == "pct":
        return f"{value:.4f}"
    if kind == "money":
        return f"{Decimal(value):.2f}"
    return value


def ratio(part: float | None, whole: float | None) -> float | None:
    return None if not whole or part is None else part / whole


def hours(seconds: float | None, count: float | None) -> float | None:
    """Mean business hours from summed seconds and a count."""
    return None if not count or seconds is None else seconds / count / 3600
