"""Charts drawn on the server as inline SVG: no script, nothing fetched, readable without colour.

Each chart is an ``<svg role="img">`` with a title and a description that says what it shows
and its highest point; the page puts the same figures in a table beside it, and every mark has
a tooltip with its value. Every text that goes into a chart (category names are typed by people)
is escaped by ``format_html``.
"""

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

# Distinguishable for the common colour-vision deficiencies (after Okabe and Ito), dark enough
# on white for lines two pixels wide; the legend names every series as well.
PALETTE = ("#0b5fa5", "#c45a00", "#1b7f4b", "#8b3a99", "#8a6d00", "#4d5866", "#b3263e")
GOOD, NEUTRAL, BAD = "#1b7f4b", "#0b5fa5", "#b3263e"
WIDTH, HEIGHT = 960, 300  # lines and columns span the card
BAR_WIDTH = 640  # bars sit beside a short table, or alone at no more than their own width
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 44
_ids = itertools.count(1)


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]
    colour: str = ""


def _colour(series: Sequence[Series], n: int) -> str:
    return series[n].colour or PALETTE[n % len(PALETTE)]


def _short(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _nice_max(value: float) -> float:
    """The top of an axis of four equal steps of 1, 2 or 5 times a power of ten, at or above ``value``."""
    if value <= 0:
        return 4.0
    quarter = value / 4
    power = 10 ** math.floor(math.log10(quarter))
    step = next(s * power for s in (1, 2, 5, 10) if quarter <= s * power + 1e-9)
    return float(step * 4)


def _number(value: float, unit: str) -> str:
    text = f"{value:,.0f}" if value >= 100 or value == int(value) else f"{value:,.1f}"
    return f"{text}{unit}"


def _frame(
    title: str, desc: str, body: SafeString, *, height: int = HEIGHT, width: int = WIDTH
) -> SafeString:
    n = next(_ids)
    return format_html(
        '<svg class="chart" style="max-width:{}px" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="chart{}t chart{}d" preserveAspectRatio="xMidYMid meet">'
        '<title id="chart{}t">{}</title><desc id="chart{}d">{}</desc>{}</svg>',
        width if width != WIDTH else 1400,
        width,
        height,
        n,
        n,
        n,
        title,
        n,
        desc,
        body,
    )


def _y_axis(top: float, unit: str, plot_h: int) -> SafeString:
    return format_html_join(
        "",
        '<line class="grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
        '<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>',
        (
            (LEFT, WIDTH - RIGHT, y, y, LEFT - 6, y + 4, _number(t, unit))
            for t in (top * i / 4 for i in range(5))
            for y in [round(TOP + plot_h - plot_h * t / top, 1)]
        ),
    )


def _x_labels(labels: Sequence[str], xs: Sequence[float], base: int) -> SafeString:
    every = max(1, math.ceil(len(labels) / 8))
    return format_html_join(
        "",
        '<text class="tick" x="{}" y="{}" text-anchor="middle">{}<title>{}</title></text>',
        (
            (round(x, 1), base + 18, _short(label, 16), label)
            for i, (x, label) in enumerate(zip(xs, labels, strict=True))
            if i % every == 0
        ),
    )


def legend(series: Sequence[Series]) -> SafeString:
    """The series' names with their colours, as HTML beside the chart."""
    return format_html(
        '<ul class="legend">{}</ul>',
        format_html_join(
            "",
            '<li><span class="swatch" style="background:{}"></span>{}</li>',
            ((_colour(series, i), s.name) for i, s in enumerate(series)),
        ),
    )


def _peak(labels: Sequence[str], series: Sequence[Series], unit: str) -> str:
    best = max(
        ((v, s.name, labels[i]) for s in series for i, v in enumerate(s.values) if v is not None),
        default=None,
    )
    if best is None or not best[0]:
        return "No figures in this period."
    name = f"{best[1]}, " if best[1] else ""
    return f"Highest: {name}{_number(best[0], unit)} in {best[2]}."


def line_chart(
    *,
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    unit: str = "",
    markers: Sequence[tuple[int, str]] = (),
    top: float | None = None,
) -> SafeString:
    """Lines over time, one per series; ``markers`` are (bucket index, label) drawn as rules.

    ``top`` fixes the axis (5 for a score out of five, 100 for a share), else it fits the data.
    """
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    highest = max((v for s in series for v in s.values if v is not None), default=0)
    top = top if top is not None and highest <= top else _nice_max(highest)
    step = plot_w / max(1, len(labels) - 1)
    xs = [LEFT + i * step for i in range(len(labels))]

    def y(value: float) -> float:
        return round(TOP + plot_h - plot_h * value / top, 1)

    marks = []
    for n, s in enumerate(series):
        points = [(round(xs[i], 1), y(v), v, labels[i]) for i, v in enumerate(s.values) if v is not None]
        colour = _colour(series, n)
        marks.append(
            format_html(
                '<polyline class="line" points="{}" stroke="{}"><title>{}</title></polyline>',
                " ".join(f"{px},{py}" for px, py, _, _ in points),
                colour,
                s.name,
            )
        )
        marks += [
            format_html(
                '<circle cx="{}" cy="{}" r="3" fill="{}"><title>{}: {} {}</title></circle>',
                px,
                py,
                colour,
                label,
                _number(v, unit),
                s.name,
            )
            for px, py, v, label in points
        ]
    rules = format_html_join(
        "",
        '<line class="marker" x1="{}" x2="{}" y1="{}" y2="{}"/>'
        '<text class="marker-label" x="{}" y="{}">{}</text>',
        (
            (
                round(xs[i], 1),
                round(xs[i], 1),
                TOP,
                TOP + plot_h,
                round(xs[i], 1) + 4,
                TOP + 12 + 14 * k,
                text,
            )
            for k, (i, text) in enumerate(markers)
            if 0 <= i < len(xs)
        ),
    )
    body = format_html(
        "{}{}{}{}",
        _y_axis(top, unit, plot_h),
        _x_labels(labels, xs, TOP + plot_h),
        rules,
        mark_safe("".join(marks)),  # noqa: S308 - each piece built by format_html above
    )
    return _frame(title, _peak(labels, series, unit), body)


def stacked_columns(
    *, title: str, labels: Sequence[str], series: Sequence[Series], unit: str = ""
) -> SafeString:
    """Columns, each stacked from the series' values (counts that add up)."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    totals = [sum(s.values[i] or 0 for s in series) for i in range(len(labels))]
    top = _nice_max(max(totals, default=0))
    slot = plot_w / max(1, len(labels))
    width = max(2.0, slot * 0.7)
    bars = []
    for i, label in enumerate(labels):
        base = float(TOP + plot_h)
        for n, s in enumerate(series):
            value = s.values[i] or 0
            h = plot_h * value / top
            if h > 0:
                bars.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                        "<title>{}: {} {}</title></rect>",
                        round(LEFT + i * slot + (slot - width) / 2, 1),
                        round(base - h, 1),
                        round(width, 1),
                        round(h, 1),
                        _colour(series, n),
                        label,
                        _number(value, unit),
                        s.name.lower(),
                    )
                )
            base -= h
    xs = [LEFT + i * slot + slot / 2 for i in range(len(labels))]
    body = format_html(
        "{}{}{}",
        _y_axis(top, unit, plot_h),
        _x_labels(labels, xs, TOP + plot_h),
        mark_safe("".join(bars)),  # noqa: S308 - each piece built by format_html above
    )
    peak = max(range(len(labels)), key=lambda i: totals[i], default=None)
    desc = (
        f"Highest total: {_number(totals[peak], unit)} in {labels[peak]}."
        if peak is not None and totals[peak]
        else "No figures in this period."
    )
    return _frame(title, desc, body)


def bar_chart(
    *,
    title: str,
    items: Sequence[tuple[str, float]],
    unit: str = "",
    signed: bool = False,
    money: bool = False,
) -> SafeString:
    """Horizontal bars, one per item in the order given; ``signed`` draws falls leftwards."""
    row, label_w, width = 26, 170, BAR_WIDTH
    height = TOP + BOTTOM // 2 + row * max(1, len(items))
    span = _nice_max(max((abs(v) for _, v in items), default=0))
    plot_w = width - label_w - RIGHT - 60
    zero = label_w + (plot_w / 2 if signed else 0)
    scale = (plot_w / 2 if signed else plot_w) / span
    bars = []
    for i, (label, value) in enumerate(items):
        y = TOP + i * row
        w = abs(value) * scale
        x = zero - w if value < 0 else zero
        shown = f"{value:,.2f}{unit}" if money else _number(value, unit)
        text = ("+" if signed and value > 0 else "") + shown
        bars.append(
            format_html(
                '<text class="tick" x="{}" y="{}" text-anchor="end">{}<title>{}</title></text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>'
                '<text class="value" x="{}" y="{}">{}</text>',
                label_w - 8,
                y + 16,
                _short(label, 24),
                label,
                round(x, 1),
                y + 4,
                round(max(w, 1), 1),
                row - 8,
                PALETTE[1] if value < 0 else PALETTE[0],
                label,
                text,
                round(x + w + 4 if value >= 0 else zero + 4, 1),
                y + 16,
                text,
            )
        )
    axis = format_html(
        '<line class="axis" x1="{}" x2="{}" y1="{}" y2="{}"/>', zero, zero, TOP, height - BOTTOM // 2
    )
    desc = f"Largest: {items[0][0]}, {_number(items[0][1], unit)}." if items else "No figures in this period."
    body = format_html("{}{}", axis, mark_safe("".join(bars)))  # noqa: S308 - built by format_html above
    return _frame(title, desc, body, height=height, width=width)
