"""Maps drawn at build time as inline SVG: country outlines and marked places.

No tiles, no script, nothing fetched by the reader: the outlines come from
generator/data/basemap.json (Natural Earth 1:110m, public domain; made by
scripts/build_basemap.py) and every map is one <svg> in the page.

Projection: equirectangular with the longitude scaled by cos(latitude) at the
middle of the view (a "plate carrée" corrected for the view's latitude), so
shapes and distances read right near the centre of a regional map; it is not
meant for maps spanning a hemisphere. x grows east, y grows south, in SVG
user units; the view box is WIDTH units wide and as tall as the area's
proportions make it (clamped), and the <svg> is width 100%, so it fits any
screen. Numbers are rounded (one decimal) so the output is deterministic.

Every text in a map (a base's name, a country's name) is escaped like an
HTML attribute (escape.attribute: numeric character references for markup,
Markdown and quotes), so a name from the register can close no element or
attribute. Colours are CSS custom properties of the theme (briefing.css,
`.ba-map`), with plain presentation attributes as a fallback for readers
without the site's CSS; light and dark schemes both read.

The map is an image for assistive technology (role="img", <title> and <desc>
named by aria-labelledby); the page beside it gives the same facts as text
(the bases and their coordinates), which is what screen readers and readers
without SVG use.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from generator.render import escape

BASEMAP = Path(__file__).resolve().parent.parent / "data" / "basemap.json"
WIDTH = 1000  # view box width, user units
MIN_ASPECT, MAX_ASPECT = 0.5, 0.8  # height / width of a map
MARGIN = 0.18  # share of the marks' span added on every side
MIN_SPAN = 12.0  # degrees: a view never narrower than this (one base alone, or bases close together)
PLACES_ASPECT = (0.5, 0.65)  # the all-bases map: wide rather than tall, to fit beside a screen's height
LOCATOR_SPAN = 14.0  # degrees of longitude a locator map shows when its country is too large or unknown
MAX_COUNTRY_SPAN = 22.0  # a country wider or taller than this is not fitted whole on a locator map
MARK_RADIUS = (7.0, 22.0)  # user units: the least and the greatest weight's mark
CLIP_PAD = 0.05  # outlines are clipped to the view plus this share on each side

# What the sanitiser must let through for these maps (see site/sanitize.py): nothing else.
SVG_TAGS = {"svg", "title", "desc", "g", "path", "circle", "a", "rect", "text"}
SVG_ATTRIBUTES = {
    "svg": {"viewBox", "role", "aria-labelledby", "width", "preserveAspectRatio", "focusable"},
    "title": {"id"},
    "desc": {"id"},
    "path": {"d", "fill", "stroke", "stroke-width", "fill-rule"},
    "circle": {"cx", "cy", "r", "fill", "stroke", "stroke-width"},
    "rect": {"x", "y", "width", "height", "fill"},
    "text": {"x", "y", "text-anchor", "dominant-baseline"},
    "a": {"href"},
    "g": {"aria-hidden"},
}


@dataclass(frozen=True)
class Mark:
    """A place on a map: `href` is a link relative to the page the map is on (None: not a link)."""

    name: str
    lat: float
    lon: float
    weight: int = 1
    href: str | None = None
    tooltip: str | None = None  # the mark's <title>; its name when None


@dataclass(frozen=True)
class Country:
    name: str
    iso: str
    bbox: tuple[float, float, float, float]  # west, south, east, north (degrees)
    rings: tuple[tuple[tuple[float, float], ...], ...]  # (lon, lat) points


@dataclass(frozen=True)
class View:
    """The area a map shows, in degrees, and how it becomes SVG user units."""

    west: float
    south: float
    east: float
    north: float

    @property
    def kx(self) -> float:
        """cos(latitude) at the middle of the view: how much shorter a degree of longitude is there."""
        return math.cos(math.radians((self.south + self.north) / 2))

    @property
    def scale(self) -> float:
        return WIDTH / ((self.east - self.west) * self.kx)

    @property
    def height(self) -> float:
        return round((self.north - self.south) * self.scale, 1)

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        return (round((lon - self.west) * self.kx * self.scale, 1), round((self.north - lat) * self.scale, 1))


def _ring(flat: list[int]) -> tuple[tuple[float, float], ...]:
    points, x, y = [], 0, 0
    for i in range(0, len(flat), 2):
        x, y = (flat[0], flat[1]) if i == 0 else (x + flat[i], y + flat[i + 1])
        points.append((x / 100, y / 100))
    return tuple(points)


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """The basemap's countries (read once per process)."""
    data = json.loads(BASEMAP.read_text(encoding="utf-8"))
    return tuple(Country(c["name"], c["iso"], tuple(v / 100 for v in c["bbox"]), tuple(_ring(r) for r in c["rings"]))
                 for c in data["countries"])


@lru_cache(maxsize=256)  # asked once per event page: a handful of countries
def country_named(name: str | None) -> Country | None:
    """The basemap's country for a register `country` (its name or ISO alpha-3 code, any case), or None."""
    if not name:
        return None
    key = " ".join(name.split()).casefold()
    for c in countries():
        if key in (c.name.casefold(), c.iso.casefold()):
            return c
    return None


def fit(points: list[tuple[float, float]], margin: float = MARGIN, min_span: float = MIN_SPAN,
        aspect: tuple[float, float] = (MIN_ASPECT, MAX_ASPECT)) -> View:
    """A view around (lat, lon) points: their box plus `margin` of its span on each side, at least
    `min_span` degrees each way, widened or heightened to an aspect ratio within `aspect`."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    dlat = max(north - south, min_span / 2)
    dlon = max(east - west, min_span)
    cy, cx = (south + north) / 2, (west + east) / 2
    half_h, half_w = dlat * (0.5 + margin), dlon * (0.5 + margin)
    kx = math.cos(math.radians(cy))
    ratio = half_h / (half_w * kx)
    if ratio < aspect[0]:
        half_h = half_w * kx * aspect[0]
    elif ratio > aspect[1]:
        half_w = half_h / (kx * aspect[1])
    south, north = max(cy - half_h, -89.0), min(cy + half_h, 89.0)
    return View(round(cx - half_w, 4), round(south, 4), round(cx + half_w, 4), round(north, 4))


def _clip(ring: tuple[tuple[float, float], ...], box: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    """Sutherland-Hodgman: the part of a ring inside `box` (west, south, east, north)."""
    west, south, east, north = box
    edges = ((lambda p: p[0] >= west, lambda a, b: _at_x(a, b, west)),
             (lambda p: p[0] <= east, lambda a, b: _at_x(a, b, east)),
             (lambda p: p[1] >= south, lambda a, b: _at_y(a, b, south)),
             (lambda p: p[1] <= north, lambda a, b: _at_y(a, b, north)))
    points = list(ring)
    for inside, cross in edges:
        if not points:
            break
        out = []
        for i, p in enumerate(points):
            q = points[i - 1]
            if inside(p):
                if not inside(q):
                    out.append(cross(q, p))
                out.append(p)
            elif inside(q):
                out.append(cross(q, p))
        points = out
    return points


def _at_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _at_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def _number(v: float) -> str:
    text = f"{v:.1f}"
    return text[:-2] if text.endswith(".0") else text


def outline(country: Country, view: View) -> str:
    """SVG path data of a country's rings inside the view ("" when none of it shows)."""
    pad_x, pad_y = (view.east - view.west) * CLIP_PAD, (view.north - view.south) * CLIP_PAD
    box = (view.west - pad_x, view.south - pad_y, view.east + pad_x, view.north + pad_y)
    w, s, e, n = country.bbox
    if e < box[0] or w > box[2] or n < box[1] or s > box[3]:
        return ""
    parts = []
    for ring in country.rings:
        points = _clip(ring, box)
        if len(points) < 3:
            continue
        xy = [view.project(lon, lat) for lon, lat in points]
        xy = [p for i, p in enumerate(xy) if i == 0 or p != xy[i - 1]]
        if len(xy) >= 3:
            parts.append("M" + "L".join(f"{_number(x)} {_number(y)}" for x, y in xy) + "Z")
    return "".join(parts)


def radius(weight: int, most: int) -> float:
    """A mark's radius: its area grows with its weight (square root), from MARK_RADIUS[0] to [1]."""
    low, high = MARK_RADIUS
    if most <= 1:
        return low
    return round(low + (high - low) * math.sqrt(max(weight - 1, 0) / (most - 1)), 1)


def _text(value: object) -> str:
    """Untrusted text for SVG content or an attribute value: markup, Markdown and quotes as references."""
    return str(escape.attribute(value))


def _land(view: View, highlight: Country | None) -> list[str]:
    """The countries inside the view, `highlight` set apart. Each of a base's events has the base's
    locator map: the outlines are clipped and projected once per view, not once per page (at 1,000
    articles they took 4.8 s of one core for 733 pages)."""
    found = [i for i, c in enumerate(countries()) if c is highlight]
    return list(_land_in(view, found[0] if found else None))


@lru_cache(maxsize=512)
def _land_in(view: View, highlight: int | None) -> tuple[str, ...]:
    out = []
    for i, c in enumerate(countries()):
        d = outline(c, view)
        if not d:
            continue
        if i == highlight:
            out.append(f'<path class="ba-map__country ba-map__country--here" d="{d}" fill="#b0bec5" '
                       f'stroke="#ffffff" stroke-width="1.2"><title>{_text(c.name)}</title></path>')
        else:
            out.append(f'<path class="ba-map__country" d="{d}" fill="#dfe3e6" stroke="#ffffff" stroke-width="1">'
                       f'<title>{_text(c.name)}</title></path>')
    return tuple(out)


def _svg(view: View, ident: str, title: str, desc: str, body: list[str], kind: str) -> Markup:
    ident = _text(ident)
    height = view.height
    return Markup(
        f'<svg class="ba-map ba-map--{kind}" viewBox="0 0 {WIDTH} {_number(height)}" width="100%" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" focusable="false">'
        f'<title id="{ident}-title">{_text(title)}</title><desc id="{ident}-desc">{_text(desc)}</desc>'
        f'<rect class="ba-map__sea" x="0" y="0" width="{WIDTH}" height="{_number(height)}" fill="#f3f5f6"></rect>'
        + "".join(body) + "</svg>")


def _figure(svg: Markup, caption: str) -> Markup:
    """The map in a figure kept out of search (its tooltips would otherwise be indexed), one line of HTML
    so both Markdown engines pass it through as a block."""
    return Markup('<section class="ba-map-section" data-search-exclude="true" data-pagefind-ignore="all">'
                  f'<figure class="ba-map-figure">{svg}<figcaption>{caption}</figcaption></figure></section>')


ATTRIBUTION = "Boundaries: Natural Earth (public domain)."


def places_map(marks: list[Mark], ident: str, title: str, desc: str, caption: str | None = None) -> Markup:
    """Every mark on one map, each sized by its weight, the heaviest drawn first so none hides a lighter
    one; a mark with an `href` is a link with its tooltip as <title>. Empty when there is no mark."""
    if not marks:
        return Markup("")
    view = fit([(m.lat, m.lon) for m in marks], aspect=PLACES_ASPECT)
    most = max(m.weight for m in marks)
    body = ['<g class="ba-map__land" aria-hidden="true">', *_land(view, None), "</g>", '<g class="ba-map__marks">']
    for m in sorted(marks, key=lambda m: (-m.weight, m.name.casefold(), m.name, m.lat, m.lon)):
        x, y = view.project(m.lon, m.lat)
        circle = (f'<circle class="ba-map__mark" cx="{_number(x)}" cy="{_number(y)}" r="{_number(radius(m.weight, most))}" '
                  f'fill="#e64a19" stroke="#ffffff" stroke-width="1.5"></circle>')
        tip = f"<title>{_text(m.tooltip or m.name)}</title>"
        if m.href:
            body.append(f'<a class="ba-map__link" href="{_text(m.href)}">{tip}{circle}</a>')
        else:
            body.append(f"<g>{tip}{circle}</g>")
    body.append("</g>")
    caption_text = f"{_text(caption)} {ATTRIBUTION}" if caption else ATTRIBUTION
    return _figure(_svg(view, ident, title, desc, body, "places"), caption_text)


def locator_view(lat: float, lon: float, country: Country | None) -> View:
    """The point's country whole with its neighbours around it, or a LOCATOR_SPAN-wide area centred on the
    point when the country is unknown or too large to show whole."""
    if country is not None:
        w, s, e, n = country.bbox
        if e - w <= MAX_COUNTRY_SPAN and n - s <= MAX_COUNTRY_SPAN and w <= lon <= e and s <= lat <= n:
            return fit([(s, w), (n, e), (lat, lon)], margin=0.35, min_span=LOCATOR_SPAN / 2)
    half = LOCATOR_SPAN / 2
    return fit([(lat - half / 2, lon - half), (lat + half / 2, lon + half)], margin=0.0)


def locator_map(lat: float, lon: float, label: str, country: str | None = None, ident: str = "ba-locator",
                caption: str | None = None) -> Markup:
    """A locator map: the point (`label` its tooltip and the map's title), its country (a register
    `country`, by name or ISO code) highlighted, the neighbours around. For base and event pages."""
    found = country_named(country)
    view = locator_view(lat, lon, found)
    x, y = view.project(lon, lat)
    where = f"{label}, {country}" if country else label
    ns = "N" if lat >= 0 else "S"
    ew = "E" if lon >= 0 else "W"
    desc = f"Map marking {where} at {abs(lat):.4f}°{ns}, {abs(lon):.4f}°{ew}."
    body = ['<g class="ba-map__land" aria-hidden="true">', *_land(view, found), "</g>",
            f'<g class="ba-map__marks"><title>{_text(label)}</title>'
            f'<circle class="ba-map__halo" cx="{_number(x)}" cy="{_number(y)}" r="32" fill="none" stroke="#e64a19" '
            f'stroke-width="4"></circle>'
            f'<circle class="ba-map__mark" cx="{_number(x)}" cy="{_number(y)}" r="13" fill="#e64a19" stroke="#ffffff" '
            f'stroke-width="3"></circle></g>']
    caption_text = f"{_text(caption)} {ATTRIBUTION}" if caption else ATTRIBUTION
    return _figure(_svg(view, ident, f"Where {label} is", desc, body, "locator"), caption_text)
