"""Charts drawn at build time as inline SVG: no JavaScript, no chart library, no CDN.

Every chart carries a title and a text summary for screen readers; the page
shows the same numbers in a table beside it.
"""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from .results import Series
from .text import number

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40


def _nice_ceiling(value: float) -> float:
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _scale(series: Series) -> tuple[float, float, list[float]]:
    values = [p.value for p in series.points if p.value is not None]
    if series.unit == "%":
        low = min(values, default=0)
        bottom = max(0.0, math.floor((low - 0.05) * 10) / 10)
        ticks = [bottom + (1 - bottom) * i / 4 for i in range(5)]
        return bottom, 1.0, ticks
    top = _nice_ceiling(max(values, default=1))
    return 0.0, top, [top * i / 4 for i in range(5)]


def _tick_label(series: Series, value: float) -> str:
    if series.unit == "%":
        percent = round(value * 100, 1)
        return number(percent, 0 if percent.is_integer() else 1) + "%"
    return number(value)


def _short_month(ky: str) -> str:
    year, mon = ky.split("-")
    return f"{int(mon)}/{year[2:]}"


def chart(series: Series, chart_id: str) -> Markup:
    """A line chart (rates) or a bar chart (counts) of one series, as inline SVG."""
    bottom, top, ticks = _scale(series)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = max(1, len(series.points))
    step = plot_w / count

    def y(value: float) -> float:
        return TOP + plot_h * (1 - (value - bottom) / (top - bottom or 1))

    def x(index: int) -> float:
        return LEFT + step * (index + 0.5)

    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">',
        f'<title id="{chart_id}-title">{escape(series.label)}</title>',
        f'<desc id="{chart_id}-desc">{escape(series.summary)}</desc>',
    ]
    for tick in ticks:
        ty = y(tick)
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}"/>')
        parts.append(f'<text class="tick" x="{LEFT - 6}" y="{ty + 4:.1f}" text-anchor="end">'
                     f'{escape(_tick_label(series, tick))}</text>')
    for i, point in enumerate(series.points):
        parts.append(f'<text class="tick" x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">'
                     f'{_short_month(point.ky)}</text>')
    if series.unit == "%":
        segment: list[str] = []
        for i, point in enumerate(series.points + [None]):
            if point is not None and point.value is not None:
                segment.append(f"{x(i):.1f},{y(point.value):.1f}")
                continue
            if len(segment) > 1:
                parts.append(f'<polyline class="line" points="{" ".join(segment)}"/>')
            segment = []
        for i, point in enumerate(series.points):
            if point.value is not None:
                parts.append(f'<circle class="dot" cx="{x(i):.1f}" cy="{y(point.value):.1f}" r="4"/>')
    else:
        bar = step * 0.6
        for i, point in enumerate(series.points):
            if point.value is not None:
                by = y(point.value)
                parts.append(f'<rect class="bar" x="{x(i) - bar / 2:.1f}" y="{by:.1f}" width="{bar:.1f}" '
                             f'height="{TOP + plot_h - by:.1f}"/>')
    parts.append(f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" y2="{TOP + plot_h}"/>')
    parts.append("</svg>")
    return Markup("".join(parts))
