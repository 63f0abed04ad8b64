"""Articles-per-week bar charts as inline SVG, drawn at build time.

No script and nothing from a CDN: one <svg> per chart, styled by the
site's CSS, with a <title> per bar so hovering shows the week and count.
Every chart of the archive spans the same weeks, so an actor's chart can be
read against the timeline's.
"""
from __future__ import annotations

import datetime as dt
import html
from collections import Counter

from markupsafe import Markup

WIDTH, HEIGHT, AXIS = 720, 120, 16
MIN_WEEKS = 12  # a short archive still gets a readable chart, not one wall-to-wall bar
# What the sanitiser must let through for these charts (see sanitize.py).
SVG_TAGS = {"svg", "g", "rect", "line", "text", "title"}
SVG_ATTRIBUTES = {
    "svg": {"viewBox", "role", "aria-label", "preserveAspectRatio", "focusable"},
    "rect": {"x", "y", "width", "height"},
    "line": {"x1", "y1", "x2", "y2"},
    "text": {"x", "y", "text-anchor"},
}


def week_start(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def weekly_chart(dates: list[dt.date], span: tuple[dt.date, dt.date] | None, label: str) -> Markup:
    """An SVG bar chart of how many of `dates` fall in each week of `span`."""
    if not dates or span is None:
        return Markup("")
    first, last = week_start(span[0]), week_start(span[1])
    weeks = max((last - first).days // 7 + 1, MIN_WEEKS)
    first = last - dt.timedelta(weeks=weeks - 1)
    counts = Counter(week_start(d) for d in dates)
    peak = max(counts.values())
    slot = WIDTH / weeks
    bar = max(slot * 0.8, 1.0)
    plot = HEIGHT - AXIS
    parts = [
        f'<svg class="ba-chart" viewBox="0 0 {WIDTH} {HEIGHT}" preserveAspectRatio="none" role="img" '
        f'aria-label="{html.escape(label)}: {len(dates)} articles, at most {peak} in one week">',
        f'<line class="ba-chart__axis" x1="0" y1="{plot}" x2="{WIDTH}" y2="{plot}"></line>',
    ]
    for week, n in sorted(counts.items()):
        i = (week - first).days // 7
        h = max(plot * n / peak, 2.0)
        parts.append(
            f'<rect class="ba-chart__bar" x="{i * slot:.2f}" y="{plot - h:.2f}" width="{bar:.2f}" height="{h:.2f}">'
            f"<title>Week of {week.day} {week:%b %Y}: {n} article{'s' if n != 1 else ''}</title></rect>"
        )
    parts.append(f'<text class="ba-chart__label" x="0" y="{HEIGHT - 2}">{first.day} {first:%b %Y}</text>')
    parts.append(f'<text class="ba-chart__label" x="{WIDTH}" y="{HEIGHT - 2}" text-anchor="end">'
                 f"{last.day} {last:%b %Y}</text>")
    parts.append("</svg>")
    return Markup('<figure class="ba-chart-figure">' + "".join(parts) + "</figure>")
