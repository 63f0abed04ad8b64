"""render/maps.py: projection, fitting, sizing, clipping, the basemap, and what the SVG lets through."""
from __future__ import annotations

import html as html_module
import json
import math
import re
from html.parser import HTMLParser

import pytest

from generator.render import escape, maps
from generator.render.maps import Country, Mark, View, fit, locator_map, places_map, radius
from generator.site.sanitize import sanitize_html


class _Svg(HTMLParser):
    """Elements (tag, attributes) and the text inside each <title>/<desc>, as a browser parses them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.texts, self._open = [], [], []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._open.append(tag)

    def handle_endtag(self, tag):
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data):
        if self._open and self._open[-1] in ("title", "desc", "figcaption"):
            self.texts.append(data)


def parsed(markup) -> _Svg:
    p = _Svg()
    p.feed(str(markup))
    p.close()
    return p


# ---------------------------------------------------------------- projection and view

VIEW = View(west=40.0, south=30.0, east=50.0, north=36.0)


@pytest.mark.parametrize("lon, lat, expected", [
    (40.0, 36.0, (0.0, 0.0)),                      # north-west corner
    (50.0, 36.0, (maps.WIDTH, 0.0)),               # north-east corner: the full width
    (45.0, 33.0, (maps.WIDTH / 2, VIEW.height / 2)),  # the middle
    (40.0, 30.0, (0.0, VIEW.height)),              # south-west corner: the full height
])
def test_projection_maps_the_view_onto_the_view_box(lon, lat, expected):
    x, y = VIEW.project(lon, lat)
    assert x == pytest.approx(expected[0], abs=0.1) and y == pytest.approx(expected[1], abs=0.1)


def test_longitude_is_scaled_by_the_cosine_of_the_middle_latitude():
    # 6 degrees of latitude against 10 of longitude at 33 N: height/width = 6 / (10 cos 33)
    assert VIEW.height / maps.WIDTH == pytest.approx(6 / (10 * math.cos(math.radians(33))), abs=1e-3)


@pytest.mark.parametrize("points", [
    [(33.7856, 42.4412)],                                   # one base alone
    [(33.78, 42.44), (33.30, 44.40)],                       # two close together
    [(36.99, 41.93), (25.12, 51.32), (29.35, 47.52)],       # Syria to Qatar
    [(-1.0, 36.8), (60.0, 30.0)],                           # tall spread
    [(0.0, -10.0), (1.0, 80.0)],                            # wide spread
])
def test_fit_contains_every_point_with_a_margin_and_keeps_a_sane_shape(points):
    view = fit(points)
    for lat, lon in points:
        assert view.west < lon < view.east and view.south < lat < view.north
        x, y = view.project(lon, lat)
        assert 0 < x < maps.WIDTH and 0 < y < view.height
    assert view.east - view.west >= maps.MIN_SPAN
    assert maps.MIN_ASPECT - 0.01 <= view.height / maps.WIDTH <= maps.MAX_ASPECT + 0.01


@pytest.mark.parametrize("weight, most, expected", [
    (1, 1, maps.MARK_RADIUS[0]),
    (5, 5, maps.MARK_RADIUS[1]),
    (1, 5, maps.MARK_RADIUS[0]),
    (0, 5, maps.MARK_RADIUS[0]),  # no events yet still gets a visible mark
])
def test_radius_runs_from_the_least_to_the_greatest_weight(weight, most, expected):
    assert radius(weight, most) == pytest.approx(expected)


def test_mark_area_grows_with_weight():
    sizes = [radius(w, 100) for w in range(1, 101)]
    assert sizes == sorted(sizes) and len(set(sizes)) > 50


# ---------------------------------------------------------------- the basemap

@pytest.mark.parametrize("name, expected", [
    ("Iraq", "IRQ"), ("iraq", "IRQ"), ("  Iraq ", "IRQ"), ("IRQ", "IRQ"), ("Syria", "SYR"),
    ("Saudi Arabia", "SAU"), ("United Arab Emirates", "ARE"),
    ("Bahrain", None),  # too small for the 1:110m outlines: its bases are marked with no country lit
    ("Nowhere", None), ("", None), (None, None),
])
def test_a_register_country_finds_its_outline(name, expected):
    found = maps.country_named(name)
    assert (found.iso if found else None) == expected


def test_the_basemap_is_small_covers_the_world_and_names_its_source():
    data = json.loads(maps.BASEMAP.read_text(encoding="utf-8"))
    assert maps.BASEMAP.stat().st_size < 100_000
    assert "Natural Earth" in data["source"] and "ublic domain" in data["licence"]
    assert len(maps.countries()) > 170
    west = min(c.bbox[0] for c in maps.countries())
    east = max(c.bbox[2] for c in maps.countries())
    assert west < -170 and east > 170
    iraq = maps.country_named("Iraq")
    assert iraq.bbox == pytest.approx((38.79, 29.1, 48.57, 37.39), abs=0.1)


@pytest.mark.parametrize("box, inside", [
    ((0, 0, 10, 10), 4),       # wholly inside: unchanged
    ((5, -5, 15, 15), 4),      # cut down the middle: still a four-sided piece
    ((20, 20, 30, 30), 0),     # far away: nothing
])
def test_clipping_keeps_only_the_part_inside(box, inside):
    square = ((1.0, 1.0), (9.0, 1.0), (9.0, 9.0), (1.0, 9.0))
    clipped = maps._clip(square, box)
    assert len(clipped) == inside
    assert all(box[0] <= x <= box[2] and box[1] <= y <= box[3] for x, y in clipped)


def test_a_country_outside_the_view_draws_nothing():
    far = Country("Far", "FAR", (100.0, 0.0, 110.0, 10.0), (((100.0, 0.0), (110.0, 0.0), (110.0, 10.0)),))
    assert maps.outline(far, VIEW) == ""


# ---------------------------------------------------------------- the maps

MARKS = [Mark("Ain al-Asad Air Base", 33.7856, 42.4412, 4, "ain-al-asad-air-base/"),
         Mark("Harir Air Base", 36.5373, 44.3436, 1, "harir-air-base/"),
         Mark("al-Qaim", 34.37, 41.09, 1, None)]


def test_places_map_has_a_mark_per_place_each_linked_and_titled():
    svg = places_map(MARKS, "m", "Map of the bases", "Three bases.")
    p = parsed(svg)
    links = [a["href"] for t, a in p.elements if t == "a"]
    assert sorted(links) == ["ain-al-asad-air-base/", "harir-air-base/"]
    assert sum(1 for t, a in p.elements if t == "circle") == 3
    root = next(a for t, a in p.elements if t == "svg")
    assert root["role"] == "img" and root["aria-labelledby"] == "m-title m-desc" and root["width"] == "100%"
    assert re.fullmatch(r"0 0 1000 \d+(\.\d)?", root["viewbox"])
    assert {"Map of the bases", "Three bases.", "Ain al-Asad Air Base", "al-Qaim"} <= set(p.texts)
    assert "Iraq" in p.texts  # the countries around are drawn and named
    # the heaviest mark is drawn first, so a lighter one is never hidden under it
    circles = [a for t, a in p.elements if t == "circle"]
    assert float(circles[0]["r"]) > float(circles[-1]["r"])


def test_no_place_no_map():
    assert places_map([], "m", "t", "d") == ""


def test_maps_are_deterministic_and_the_sanitiser_keeps_them_whole():
    a = places_map(MARKS, "m", "t", "d")
    assert a == places_map(list(reversed(MARKS)), "m", "t", "d")
    for svg in (a, locator_map(33.7856, 42.4412, "Ain al-Asad Air Base", country="Iraq")):
        assert parsed(sanitize_html(str(svg))).elements == [
            (t, {k: v for k, v in attrs.items()}) for t, attrs in parsed(svg).elements]
        numbers = re.findall(r' (?:d|cx|cy|r|viewBox|width|height)="([^"]*)"', str(svg))
        assert numbers and not any(re.search(r"\d\.\d{2,}", n) for n in numbers)  # one decimal at most


@pytest.mark.parametrize("lat, lon, country, lit", [
    (33.7856, 42.4412, "Iraq", "Iraq"),
    (26.2, 50.6, "Bahrain", None),              # no outline: the point alone, the neighbours around
    (55.75, 37.62, "Russia", "Russia"),          # too large to show whole: an area around the point
    (33.1, 44.2, "{% raw %}Nowhere{% endraw %}", None),
])
def test_locator_map_marks_the_point_and_lights_its_country(lat, lon, country, lit):
    svg = locator_map(lat, lon, "A base", country=country)
    p = parsed(svg)
    here = [a for t, a in p.elements if t == "path" and "ba-map__country--here" in a.get("class", "")]
    assert len(here) == (1 if lit else 0)
    root = next(a for t, a in p.elements if t == "svg")
    height = float(root["viewbox"].split()[3])
    mark = next(a for t, a in p.elements if t == "circle" and a.get("class") == "ba-map__mark")
    assert 0 < float(mark["cx"]) < maps.WIDTH and 0 < float(mark["cy"]) < height
    assert sum(1 for t, a in p.elements if t == "path") >= 3  # neighbours
    assert not any(t == "a" for t, a in p.elements)


def test_the_land_of_a_view_is_drawn_once_and_each_highlight_apart():
    """Every event at a base has the base's locator map: the land is clipped and projected once per
    view and highlighted country, and a map drawn from the kept outlines is the one drawn afresh."""
    maps._land_in.cache_clear()
    first = locator_map(33.7856, 42.4412, "A base", country="Iraq")
    again = locator_map(33.7856, 42.4412, "A base", country="Iraq")
    assert again == first and maps._land_in.cache_info().hits >= 1
    maps._land_in.cache_clear()
    assert locator_map(33.7856, 42.4412, "A base", country="Iraq") == first  # drawn afresh
    other = locator_map(33.7856, 42.4412, "A base", country="Syria")  # another country lit, and its own view
    lit = [parsed(m) for m in (first, other)]
    assert [[a.get("class") for t, a in p.elements if t == "path"] for p in lit][0] != \
        [[a.get("class") for t, a in p.elements if t == "path"] for p in lit][1]


HOSTILE = [
    '</title><script>alert(1)</script>',
    '" onload="alert(1)" x="',
    "' onmouseover='alert(1)",
    '<foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject>',
    "[click](javascript:alert(1)) *em* `code` {: onclick=x }",
    "{{ 7 * 7 }} {% raw %}",
    "]]></svg><img src=x onerror=alert(1)>",
    "Camp\u202eesab\u0000\x07 & <i>Sons</i>",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_name_stays_text(name):
    for svg in (places_map([Mark(name, 33.0, 44.0, 2, "x/", tooltip=f"{name}: 2 articles")], "m", name, name,
                           caption=name),
                locator_map(33.0, 44.0, name, country=name)):
        for html in (str(svg), sanitize_html(str(svg))):
            p = parsed(html)
            tags = {t for t, _ in p.elements}
            assert tags <= maps.SVG_TAGS | {"section", "figure", "figcaption"}, tags
            for tag, attrs in p.elements:
                assert not any(k.startswith("on") for k in attrs), (tag, attrs)
                assert attrs.get("href") in (None, "x/"), attrs
        raw = str(svg)  # what Markdown reads: nothing in it acts as markup or Markdown
        assert not re.search(r"<(?:script|i|img|iframe|foreignObject)\b|[`*\[\]{}]", raw)
        shown = html_module.unescape(str(escape.attribute(name)))
        assert shown.strip() and any(shown in t for t in parsed(svg).texts)  # the name shows, as text


def test_the_basemap_is_part_of_the_generator_fingerprint():
    """Incremental render drops every kept page when the generator's data changes: basemap.json included."""
    from generator.speed import freshness
    assert maps.BASEMAP.suffix in freshness._CODE_SUFFIXES
    assert maps.BASEMAP.resolve().is_relative_to(freshness._PACKAGE.resolve())
