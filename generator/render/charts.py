"""Articles-per-week bar charts as inline SVG, drawn at build time.

No script and nothing from a CDN: one <svg> per chart, styled by the
site's CSS. Every chart of the archive spans the same weeks, so an actor's
chart can be read against the timeline's.

The SVG has no viewBox: heights are CSS pixels and horizontal positions
percentages of the page's width, so a chart stretches to any width while its
labels keep their size (a 720-unit viewBox squeezed into a 390 px phone drew
6 px text). It has a y scale (gridlines with labelled ticks), a few dated
ticks under the bars, and each week with articles is a group with a <title>:
hovering shows "Week of 23 Oct 2023: 3 articles", and screen readers get the
same text as the week's name.
"""
from __future__ import annotations

import datetime as dt
import html
import math
from collections import Counter

from markupsafe import Markup

HEIGHT = 150  # CSS px
TOP = 18  # room above the top gridline for its label
AXIS = HEIGHT - 24  # the x axis; dated ticks below it
MIN_WEEKS = 12  # a short archive still gets a readable chart, not one wall-to-wall bar
X_TICKS = 5  # dated ticks on a wide screen; the even ones only on a phone (see briefing.css)
MAX_Y_STEPS = 3  # gridlines above zero
# What the sanitiser must let through for these charts (see sanitize.py).
SVG_TAGS = {"svg", "g", "rect", "line", "text", "title"}
SVG_ATTRIBUTES = {
    "svg": {"role", "aria-label", "focusable", "width", "height"},
    "g": {"role", "aria-hidden"},
    "rect": {"x", "y", "width", "height"},
    "line": {"x1", "y1", "x2", "y2"},
    "text": {"x", "y", "text-anchor"},
}


def week_start(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def week_label(d: dt.date) -> str:
    return f"{d.day} {d:%b %Y}"


def y_scale(peak: int) -> tuple[int, int]:
    """(step, top): a 1-2-5 step giving at most MAX_Y_STEPS gridlines above zero, and the top gridline."""
    peak = max(peak, 1)
    magnitude = 1
    while True:
        for m in (1, 2, 5):
            step = m * magnitude
            if math.ceil(peak / step) <= MAX_Y_STEPS:
                return step, math.ceil(peak / step) * step
        magnitude *= 10


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _y(n: float, top: int) -> float:
    return AXIS - (AXIS - TOP) * n / top


def _y_axis(top: int, step: int) -> list[str]:
    parts = []
    for n in range(0, top + 1, step):
        y = _y(n, top)
        parts.append(f'<line class="ba-chart__grid" x1="0" y1="{y:.1f}" x2="100%" y2="{y:.1f}"></line>')
    return parts


def _y_labels(top: int, step: int) -> list[str]:
    """Tick labels sit on their gridlines at the left, drawn over the bars (with a halo, see the CSS)."""
    parts = []
    for n in range(step, top + 1, step):
        text = f"{_plural(n, 'article')} a week" if n == top else str(n)
        parts.append(f'<text class="ba-chart__label ba-chart__label--y" x="2" y="{_y(n, top) - 4:.1f}">{text}</text>')
    return parts


def _x_axis(first: dt.date, weeks: int, slot: float) -> list[str]:
    """Dated ticks at evenly spaced weeks; the odd ones are hidden on narrow screens."""
    parts = []
    ticks = sorted({round(k * (weeks - 1) / (X_TICKS - 1)) for k in range(X_TICKS)})
    for k, i in enumerate(ticks):
        x = (i + 0.4) * slot
        anchor = "start" if k == 0 else "end" if k == len(ticks) - 1 else "middle"
        tx = 0 if anchor == "start" else 100 if anchor == "end" else x
        minor = " ba-chart__tick--minor" if 0 < k < len(ticks) - 1 and k % 2 else ""
        week = first + dt.timedelta(weeks=i)
        parts.append(f'<g class="ba-chart__tick{minor}">'
                     f'<line x1="{x:.3f}%" y1="{AXIS}" x2="{x:.3f}%" y2="{AXIS + 4}"></line>'
                     f'<text class="ba-chart__label" x="{tx:.3f}%" y="{HEIGHT - 5}" text-anchor="{anchor}">'
                     f"{week_label(week)}</text></g>")
    return parts


def weekly_chart(dates: list[dt.date], span: tuple[dt.date, dt.date] | None, label: str) -> Markup:
    """An SVG bar chart of how many of `dates` fall in each week of `span`."""
    if not dates or span is None:
        return Markup("")
    first, last = week_start(span[0]), week_start(span[1])
    weeks = max((last - first).days // 7 + 1, MIN_WEEKS)
    first = last - dt.timedelta(weeks=weeks - 1)
    counts = Counter(week_start(d) for d in dates)
    peak = max(counts.values())
    step, top = y_scale(peak)
    slot = 100 / weeks
    bar = slot * 0.8
    summary = (f"{html.escape(label)}: {_plural(len(dates), 'article')} from {week_label(first)} "
               f"to the week of {week_label(last)}, at most {peak} in one week")
    parts = [
        f'<svg class="ba-chart" width="100%" height="{HEIGHT}" role="group" aria-label="{summary}">',
        '<g aria-hidden="true">', *_y_axis(top, step), *_x_axis(first, weeks, slot), "</g>",
    ]
    for week, n in sorted(counts.items()):
        i = (week - first).days // 7
        y = _y(n, top)
        parts.append(
            f'<g class="ba-chart__week" role="img"><title>Week of {week_label(week)}: {_plural(n, "article")}</title>'
            f'<rect class="ba-chart__hit" x="{i * slot:.3f}%" y="{TOP}" width="{slot:.3f}%" height="{AXIS - TOP}">'
            f'</rect><rect class="ba-chart__bar" x="{i * slot + (slot - bar) / 2:.3f}%" y="{y:.1f}" '
            f'width="{bar:.3f}%" height="{AXIS - y:.1f}"></rect></g>'
        )
    parts += ['<g aria-hidden="true">', *_y_labels(top, step), "</g>", "</svg>"]
    return Markup('<figure class="ba-chart-figure">' + "".join(parts) + "</figure>")
