"""The site shell as a reader meets it (issue 12), per builder: the 404 page from a subpath, no lone-item
sidebars on any page type, index tables across the page width, the outlet pages, the home page's story.

Served from http://127.0.0.1:PORT/briefing-archive/ as GitHub Pages serves a project site (conftest.py).
"""
from __future__ import annotations

import re

import pytest

from sitekit import canonical_page

pytestmark = pytest.mark.browser


def _first_under(site, section: str) -> str:
    prefix = site.url(f"archive/{section}/")
    return sorted(u for u in map(canonical_page, site.crawl.pages) if u.startswith(prefix) and u != prefix)[0]


def _outlet(site) -> str:
    """The outlet page linked first from Sources (the outlet with the most briefings)."""
    prefix = site.url("archive/sources/")
    links = [canonical_page(u) for u in site.crawl.links.get(prefix, ())]
    outlets = [u for u in links if u.startswith(prefix) and u != prefix]
    assert outlets, "Sources links to no outlet page"
    return outlets[0]


def page_types(site) -> dict[str, str]:
    return {
        "home": site.url(),
        "article": _first_under(site, "articles"),
        "actor": site.url("archive/actors/yehia-rasool/"),
        "base": site.url("archive/bases/ain-al-asad-air-base/"),
        "timeline": site.url("archive/timeline/"),
        "actors": site.url("archive/actors/"),
        "bases": site.url("archive/bases/"),
        "events": site.url("archive/events/"),
        "event": _first_under(site, "events"),
        "quotes": site.url("archive/quotes/"),
        "quotes-by-date": site.url("archive/quotes-by-date/"),
        "sources": site.url("archive/sources/"),
        "outlet": _outlet(site),
        "about": site.url("about/"),
        "404": site.url("archive/actors/no-such-actor/deeper/"),
    }


def open_page(tab, url: str) -> int:
    """Go to `url`; a 404 answer is expected for the missing address (and not a problem of the page)."""
    response = tab.page.goto(url, wait_until="load")
    if response.status == 404:
        expected_404(tab, url)
    return response.status


def expected_404(tab, url: str) -> None:
    """The 404 page's own status, reported twice (as a failed load and on the console, which does not say
    which resource), is dropped. A missing asset of the page is still reported, as "404 for ASSET"."""
    tab.page.wait_for_load_state("networkidle")
    tab.errors[:] = [e for e in tab.errors if not (
        e.endswith(f": 404 for {url}")
        or e.startswith(f"{url}: console error: Failed to load resource: the server responded with a status of 404"))]


def visible_links(tab, selector: str) -> list[str]:
    return [a.inner_text().strip() for a in tab.page.locator(f"{selector} a.md-nav__link").all() if a.is_visible()]


def test_no_page_type_shows_a_lone_item_sidebar(site, open_tab):
    """At desktop width a sidebar shows several links or none; on a phone the menu still has the whole nav."""
    tab = open_tab()
    lone = []
    for name, url in page_types(site).items():
        open_page(tab, url)
        for side in (".md-sidebar--primary", ".md-sidebar--secondary"):
            links = visible_links(tab, side)
            if len(links) == 1:
                lone.append(f"{name} {url}: {side} shows one item only: {links}")
    assert not lone, "\n".join(lone)
    open_page(tab, site.url("archive/quotes/"))  # the one tab with several pages keeps its sidebar
    assert visible_links(tab, ".md-sidebar--primary") == ["By speaker", "By date"]
    tab.assert_clean()

    phone = open_tab("phone")
    for name in ("sources", "article", "404"):
        open_page(phone, page_types(site)[name])
        phone.page.locator('label.md-header__button[for="__drawer"]').click()
        phone.page.wait_for_timeout(400)
        drawer = visible_links(phone, ".md-sidebar--primary")
        assert {"Timeline", "Actors", "Sources"} <= set(drawer), f"{name}: the phone menu shows {drawer}"
    phone.assert_clean()


def test_index_tables_use_the_page_width(site, open_tab):
    tab = open_tab()
    for name in ("sources", "actors", "bases", "timeline", "outlet", "events"):
        open_page(tab, page_types(site)[name])
        content = tab.page.locator(".md-content__inner").first.bounding_box()
        table = tab.page.locator(".md-content .ba-index table").first
        assert table.is_visible(), f"{name}: no index table"
        width = table.bounding_box()["width"]
        assert width >= 0.9 * content["width"], f"{name}: table {width:.0f}px in {content['width']:.0f}px"
        heads = [h.inner_text().strip() for h in tab.page.locator(".md-content .ba-index th").all()]
        if name in ("sources", "actors", "bases"):
            assert "Last seen" in heads, f"{name}: {heads}"
    tab.assert_clean()


def test_the_404_page_from_a_subpath_leads_back(site, open_tab):
    tab = open_tab()
    page = tab.page
    missing = page_types(site)["404"]
    assert open_page(tab, missing) == 404
    assert page.url == missing  # served at the missing address itself, three levels down
    assert page.locator(".md-content h1").inner_text().strip() == "Page not found"
    assert page.locator("header.md-header").evaluate("e => getComputedStyle(e).position") in ("sticky", "fixed")
    page.locator('.ba-notfound a:text-is("Home")').click()
    page.wait_for_url(site.url())
    assert page.locator(".md-content h1").first.inner_text().replace("\u00b6", "").strip() == "Briefing Archive"
    page.go_back()
    page.wait_for_url(missing)
    expected_404(tab, missing)
    page.locator('.ba-notfound a:text-is("Sources")').click()
    page.wait_for_url(site.url("archive/sources/"))
    assert page.locator(".md-content h1").first.inner_text().replace("\u00b6", "").strip() == "Sources"
    tab.assert_clean()


def test_sources_link_every_outlet_page_and_articles_link_back(site, open_tab):
    tab = open_tab()
    page = tab.page
    open_page(tab, site.url("archive/sources/"))
    unknown = page.locator('.ba-index td:text-is("Unknown outlet")')
    if unknown.count():
        assert not unknown.locator("a").count(), "Unknown outlet is a link"
    link = page.locator(".ba-index td:first-child a").first
    name = link.inner_text().strip()
    link.click()
    page.wait_for_url(re.compile(r"/briefing-archive/archive/sources/[a-z0-9-]+/$"))
    assert page.locator(".md-content h1").first.inner_text().replace("\u00b6", "").strip() == name
    page.locator(".md-content .ba-index td a").first.click()
    page.wait_for_url(re.compile(r"/archive/articles/"))
    outlet = page.locator("aside.ba-panel dd a", has_text=name)
    assert outlet.count() == 1, f"the article's panel does not link its outlet {name!r}"
    tab.assert_clean()


def test_the_home_page_says_what_story_the_archive_covers(site, open_tab):
    tab = open_tab()
    open_page(tab, site.url())
    story = tab.page.locator(".md-content .ba-story")
    assert story.is_visible() and len(story.inner_text().split()) >= 5
    assert story.bounding_box()["y"] > tab.page.locator(".md-content h1").first.bounding_box()["y"]
    tab.assert_clean()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_screenshots_of_the_index_pages(site, open_tab, screenshot, viewport):
    tab = open_tab(viewport)
    for name in ("sources", "outlet", "404"):
        open_page(tab, page_types(site)[name])
        tab.page.evaluate("document.fonts.ready")
        path = screenshot(tab, site.builder, f"{name}-{viewport}")
        assert path.stat().st_size > 5000, f"{path} looks blank"
    tab.assert_clean()
