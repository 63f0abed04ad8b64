"""The maps as a reader sees them (issue 16): the bases map, a base's locator map, light and dark, phone width.

Each test runs on the site of each builder (MkDocs, Zensical) and fails on a console error, a failed
load or a request leaving localhost (conftest.Tab). Screenshots go to
test-artifacts/screenshots/BUILDER/{bases-map,base-map}-{desktop,phone}-{light,dark}.png.
"""
from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

BASE_SLUG, BASE_NAME, BASE_COUNTRY = "ain-al-asad-air-base", "Ain al-Asad Air Base", "Iraq"  # register.yml
PHONE = (375, 812)
COORDINATES = re.compile(r"\d+\.\d{4}°[NS], \d+\.\d{4}°[EW]")

# Where each mark's centre is, and which country outline lies under it (the topmost one hit there).
MARKS = """svg => {
  return [...svg.querySelectorAll('a.ba-map__link')].map(a => {
    a.scrollIntoView({block: 'center'});  // elementsFromPoint sees only what is in the viewport
    const box = svg.getBoundingClientRect();
    const c = a.querySelector('circle').getBoundingClientRect();
    const x = c.left + c.width / 2, y = c.top + c.height / 2;
    const land = document.elementsFromPoint(x, y).find(e => e.classList.contains('ba-map__country'));
    return {href: a.getAttribute('href'), title: a.querySelector('title').textContent, r: c.width / 2,
            inside: x >= box.left && x <= box.right && y >= box.top && y <= box.bottom,
            country: land ? land.querySelector('title').textContent : null};
  });
}"""


def _located_rows(page) -> list[str]:
    """Names of the bases the table lists with coordinates (the map's text alternative)."""
    rows = page.locator(".ba-index table tbody tr").all()
    return [r.locator("td").nth(0).inner_text().strip() for r in rows
            if COORDINATES.search(r.locator("td").nth(1).inner_text())]


def _scheme(tab, scheme: str) -> None:
    """Light or dark as the reader's system asks (Material's palette follows prefers-color-scheme)."""
    tab.page.emulate_media(color_scheme=scheme)


def _colours(page, selector: str) -> dict:
    return page.locator(selector).first.evaluate("""svg => {
      const fill = sel => getComputedStyle(svg.querySelector(sel)).fill;
      return {scheme: document.body.getAttribute('data-md-color-scheme'), sea: fill('.ba-map__sea'),
              land: fill('.ba-map__country'), mark: fill('.ba-map__mark'),
              here: svg.querySelector('.ba-map__country--here') ? fill('.ba-map__country--here') : null};
    }""")


def _luminance(css: str) -> float:
    """Of a computed colour: "rgb(r, g, b)" (0-255) or "color(srgb r g b)" (0-1, what color-mix gives)."""
    r, g, b = (float(v) for v in re.findall(r"\d+(?:\.\d+)?", css)[:3])
    if css.startswith("rgb"):
        r, g, b = r / 255, g / 255, b / 255
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_bases_map_marks_every_located_base_and_links_to_its_page(site, open_tab):
    tab = open_tab()
    page = tab.page
    tab.goto(site.url("archive/bases/"))
    svg = page.locator("svg.ba-map--places")
    assert svg.count() == 1 and svg.is_visible()
    located = _located_rows(page)
    marks = svg.evaluate(MARKS)
    assert len(located) >= 3 and sorted(m["title"].rsplit(":", 1)[0] for m in marks) == sorted(located)
    assert all(re.fullmatch(r".+: \d+ events?", m["title"]) for m in marks), marks
    assert all(m["inside"] for m in marks), [m for m in marks if not m["inside"]]
    on_land = [m for m in marks if m["country"]]
    assert len(on_land) >= 0.9 * len(marks), [m["title"] for m in marks if not m["country"]]
    ain = next(m for m in marks if m["title"].startswith(BASE_NAME + ":"))
    assert ain["country"] == BASE_COUNTRY
    radii = sorted(m["r"] for m in marks)
    assert radii[-1] > radii[0] * 1.5, "marks are not sized by their weight"
    box = svg.bounding_box()
    assert box["width"] > 600 and box["height"] > 250, f"map too small: {box}"
    assert page.get_by_role("img", name="Map of the bases").count() == 1
    # a mark is a link to the base's page
    page.locator(f'svg.ba-map--places a.ba-map__link[href="{ain["href"]}"]').click()
    page.wait_for_url(re.compile(rf"/archive/bases/{BASE_SLUG}/$"))
    assert page.locator(".md-content h1").first.inner_text().replace("\u00b6", "").strip() == BASE_NAME
    for m in marks:  # every mark leads to a page that loads
        tab.goto(site.url("archive/bases/") + m["href"])
    tab.assert_clean()


def test_base_page_has_a_locator_map_with_its_country_highlighted(site, open_tab):
    tab = open_tab()
    page = tab.page
    tab.goto(site.url(f"archive/bases/{BASE_SLUG}/"))
    svg = page.locator("svg.ba-map--locator")
    assert svg.count() == 1 and svg.is_visible()
    assert page.get_by_role("img", name=f"Where {BASE_NAME} is").count() == 1
    desc = svg.locator("desc").text_content()
    assert BASE_NAME in desc and COORDINATES.search(desc), desc
    here = svg.locator(".ba-map__country--here title").text_content()
    assert here == BASE_COUNTRY
    assert svg.locator(".ba-map__country").count() >= 5, "the neighbours are missing"
    found = svg.evaluate("""svg => {
      svg.scrollIntoView({block: 'center'});
      const c = svg.querySelector('.ba-map__mark').getBoundingClientRect(), b = svg.getBoundingClientRect();
      const x = c.left + c.width / 2, y = c.top + c.height / 2;
      const land = document.elementsFromPoint(x, y).find(e => e.classList.contains('ba-map__country'));
      return {inside: x > b.left && x < b.right && y > b.top && y < b.bottom, land: land && land.querySelector('title').textContent};
    }""")
    assert found == {"inside": True, "land": BASE_COUNTRY}, found
    # the text beside it: the coordinates, in the Location line
    assert COORDINATES.search(page.locator(".md-content").inner_text())
    tab.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_maps_read_in_light_and_dark_mode(site, open_tab, scheme):
    tab = open_tab()
    _scheme(tab, scheme)
    for url, selector in ((site.url("archive/bases/"), "svg.ba-map--places"),
                          (site.url(f"archive/bases/{BASE_SLUG}/"), "svg.ba-map--locator")):
        tab.goto(url)
        c = _colours(tab.page, selector)
        assert c["scheme"] == ("slate" if scheme == "dark" else "default"), c
        sea, land, mark = _luminance(c["sea"]), _luminance(c["land"]), _luminance(c["mark"])
        assert (sea < 0.35) if scheme == "dark" else (sea > 0.8), c  # the map follows the page's scheme
        assert abs(land - sea) > 0.04, f"land and sea look alike: {c}"
        assert c["mark"] not in (c["land"], c["sea"]) and abs(mark - sea) > 0.1, c
        if c["here"]:
            assert c["here"] != c["land"], c
    tab.assert_clean()


def test_maps_fit_a_phone(site, open_tab):
    tab = open_tab("phone")
    tab.page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    for url, selector in ((site.url("archive/bases/"), "svg.ba-map--places"),
                          (site.url(f"archive/bases/{BASE_SLUG}/"), "svg.ba-map--locator")):
        tab.goto(url)
        width = tab.page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE[0], f"{url}: {width} px wide at {PHONE[0]} px"
        box = tab.page.locator(selector).bounding_box()
        assert 280 <= box["width"] <= PHONE[0] and box["x"] >= 0 and box["height"] > 120, box
    tab.assert_clean()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_the_maps(site, open_tab, screenshot, viewport, scheme):
    tab = open_tab(viewport)
    if viewport == "phone":
        tab.page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    _scheme(tab, scheme)
    for name, url, selector in (("bases-map", site.url("archive/bases/"), "svg.ba-map--places"),
                                ("base-map", site.url(f"archive/bases/{BASE_SLUG}/"), "svg.ba-map--locator")):
        tab.goto(url)
        tab.page.locator(selector).scroll_into_view_if_needed()
        tab.page.evaluate("document.fonts.ready")
        path = screenshot(tab, site.builder, f"{name}-{viewport}-{scheme}")
        assert path.stat().st_size > 5000, f"{path} looks blank"
    tab.assert_clean()
