"""Charts drawn at build time: inline SVG for the data, HTML for the words. No JavaScript, no chart library.

SVG text shrinks with the drawing: a chart drawn for a desktop column is
unreadable on a 360 px phone. So the SVG holds only lines, dots and bars and
stretches to its box, while axis labels and the "chưa công khai" of a month
not published are HTML, at the size the stylesheet gives text. The labels
are hidden from screen readers: the SVG carries a title and a text summary,
and the page shows the same numbers in a table beside it.
"""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from .month import Month
from .results.model import NOT_PUBLISHED, Series
from .text import month as month_label
from .text import number

SLOT, HEIGHT = 10, 100  # user units of one month's column, and of the plot's height
# Strokes keep their width however the plot stretches (an attribute: the CSS validator knows no such property).
FIXED = 'vector-effect="non-scaling-stroke"'
# Month labels under the chart: at most this many on a phone, twice as many on a wide screen.
PHONE_LABELS = 7
TICKS = 5


def _nice_step(value: float) -> float:
    """The smallest round tick step (1, 2, 2.5, 3, 4, 5, 6, 8 × a power of ten) of at least ``value``."""
    if value <= 1:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 3, 4, 5, 6, 8, 10):
        candidate = step * magnitude
        if candidate >= value and float(candidate).is_integer():
            return candidate
    return 10 * magnitude


def _scale(series: Series) -> tuple[float, float, list[float]]:
    """(bottom, top, ticks from the top down) of the value axis."""
    values = [p.value for p in series.points if p.value is not None]
    if series.unit == "%":
        bottom = max(0.0, math.floor((min(values, default=0) - 0.05) * 10) / 10)
        top = 1.0
    else:
        # Whole dossiers: integer ticks, the tallest bar near the top.
        bottom, top = 0.0, _nice_step(max(values, default=0) / (TICKS - 1)) * (TICKS - 1)
    return bottom, top, [top - (top - bottom) * i / (TICKS - 1) for i in range(TICKS)]


def _tick_label(series: Series, value: float) -> str:
    if series.unit == "%":
        percent = round(value * 100, 1)
        return number(percent, 0 if percent.is_integer() else 1) + "%"
    return number(value)


def _short_month(ky: str) -> str:
    """'2026-10' -> '10/26'."""
    month = Month.parse(ky)
    return f"{month.number}/{month.year % 100:02d}"


def _label_class(index: int, count: int) -> str:
    """Which month labels fit: every one on a wide screen when few, fewer on a phone; the latest always."""
    from_last = count - 1 - index
    if from_last % math.ceil(count / PHONE_LABELS) == 0:
        return ""
    return "wide" if from_last % math.ceil(count / (2 * PHONE_LABELS)) == 0 else None


def chart(series: Series, chart_id: str) -> Markup:
    """A line chart (rates) or a bar chart (counts) of one series, months not published left as labelled gaps."""
    bottom, top, ticks = _scale(series)
    count = max(1, len(series.points))
    width = SLOT * count

    def y(value: float) -> float:
        return HEIGHT * (1 - (value - bottom) / (top - bottom or 1))

    def x(index: int) -> float:
        return SLOT * (index + 0.5)

    gaps = series.gaps
    description = series.summary + (f" Chưa công khai: {', '.join(month_label(ky) for ky in gaps)}." if gaps else "")
    svg = [
        f'<svg viewBox="0 0 {width} {HEIGHT}" preserveAspectRatio="none" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">',
        f'<title id="{chart_id}-title">{escape(series.label)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    svg += [f'<line class="grid" x1="0" x2="{width}" y1="{y(t):.1f}" y2="{y(t):.1f}" {FIXED}/>' for t in ticks[:-1]]
    if series.unit == "%":
        segment: list[str] = []
        for i, point in enumerate(series.points + [None]):
            if point is not None and point.value is not None:
                segment.append(f"{x(i):.1f},{y(point.value):.1f}")
                continue
            if len(segment) > 1:
                svg.append(f'<polyline class="line" points="{" ".join(segment)}" {FIXED}/>')
            segment = []
        # A zero-length stroke with round caps: a dot that stays round however the plot stretches.
        svg += [f'<path class="dot" d="M{x(i):.1f} {y(p.value):.1f}h0" {FIXED}/>'
                for i, p in enumerate(series.points) if p.value is not None]
    else:
        bar = SLOT * 0.6
        svg += [f'<rect class="bar" x="{x(i) - bar / 2:.1f}" y="{y(p.value):.1f}" width="{bar:.1f}" '
                f'height="{HEIGHT - y(p.value):.1f}"/>'
                for i, p in enumerate(series.points) if p.value is not None]
    svg.append(f'<line class="axis" x1="0" x2="{width}" y1="{HEIGHT}" y2="{HEIGHT}" {FIXED}/>')
    svg.append("</svg>")

    kind = "chart-line" if series.unit == "%" else "chart-bar"
    parts = [f'<div class="chart {kind}">',
             '<div class="chart-y" aria-hidden="true">',
             *(f"<span>{escape(_tick_label(series, t))}</span>" for t in ticks),
             '</div><div class="chart-plot">', *svg]
    if gaps:
        parts.append('<ol class="chart-gaps" aria-hidden="true">')
        parts += [f'<li class="gap"><span>{NOT_PUBLISHED}</span></li>' if not p.published else "<li></li>"
                  for p in series.points]
        parts.append("</ol>")
    parts.append('</div><ol class="chart-x" aria-hidden="true">')
    for i, point in enumerate(series.points):
        label = _label_class(i, count)
        if label is None:
            parts.append("<li></li>")
        else:
            parts.append(f'<li class="{label}">' if label else "<li>")
            parts.append(f"{_short_month(point.ky)}</li>")
    parts.append("</ol></div>")
    return Markup("".join(parts))
