"""Search filters (Pagefind), per-entity Atom feeds and the Cite block, in the built and served site.

The site is served from a subpath (/briefing-archive/) as GitHub Pages serves a project site. The
actor and the query are chosen from the site's own exports (data/*.json), not from any one corpus.
"""
from __future__ import annotations

import csv
import json
import re
import urllib.request
from collections import Counter
from urllib.parse import urljoin, urlsplit

import pytest

import atom_rules

FEED_TYPE = "application/atom+xml"


def _exports(site) -> tuple[list[dict], dict]:
    articles = json.loads((site.dir / "data" / "articles.json").read_text(encoding="utf-8"))
    entities = json.loads((site.dir / "data" / "entities.json").read_text(encoding="utf-8"))
    return articles, entities


def _actor_and_query(site) -> tuple[dict, str, set[str]]:
    """An actor named in several articles but not all, a title word several articles share, some of them
    not naming the actor (so the filter has something to take away), and the actor's pages (site paths)."""
    articles, entities = _exports(site)
    by_stem = {a["id"]: a for a in articles}
    words = Counter(w for a in articles for w in {w.lower() for w in re.findall(r"[A-Za-z]{5,}", a["title"])})
    best = None
    for actor in sorted(entities["actors"], key=lambda e: (-len(e["articles"]), e["name"])):
        mine = set(actor["articles"])
        if not 1 <= len(mine) < len(articles):
            continue
        for word, n in words.most_common():
            having = {a["id"] for a in articles if word in a["title"].lower()}
            if n >= 2 and having & mine and having - mine:
                best = (actor, word, {actor["page"], *(by_stem[s]["page"] for s in mine), *_event_pages(site, actor["name"])})
                break
        if best:
            break
    assert best, "no actor and query to filter with in this archive"
    return best


def _event_pages(site, name: str) -> set[str]:
    """The pages of the events an actor takes part in (data/events.csv: actor1, assoc_actor_1, actor2)."""
    with open(site.dir / "data" / "events.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return {r["page"] for r in rows
            if name in {r["actor1"], *r["assoc_actor_1"].split("; "), *r["actor2"].split("; ")}}


def _site_path(site, href: str) -> str:
    return urlsplit(urljoin(site.base_url, href)).path[len(urlsplit(site.base_url).path):]


def _wait_for_results(tab, not_text: str | None = None) -> str:
    msg = tab.page.locator(".pagefind-ui__message").first
    msg.wait_for(state="visible")
    tab.page.wait_for_function(
        "([sel, old]) => { const m = document.querySelector(sel); return m && /result/.test(m.textContent)"
        " && m.textContent !== old && !/Searching|Filtering/i.test(m.textContent); }",
        arg=[".pagefind-ui__message", not_text or ""])
    return msg.inner_text()


def _result_paths(site, tab) -> list[str]:
    more = tab.page.locator(".pagefind-ui__button:visible")  # "Load more results"
    while more.count():
        more.first.click()
        tab.page.wait_for_timeout(200)
    tab.page.wait_for_timeout(300)  # results render as their fragments arrive
    return [_site_path(site, a.get_attribute("href"))
            for a in tab.page.locator(  # one per page: sub-results (a page's sections) are nested lists
                ".pagefind-ui__result-inner > .pagefind-ui__result-title a.pagefind-ui__result-link").all()]


def _search(site, tab, query: str) -> str:
    tab.goto(site.url())
    tab.page.locator(".pagefind-ui__search-input:visible").first.click()
    tab.page.keyboard.type(query, delay=15)
    return _wait_for_results(tab)


def _filter_by(tab, name: str, value: str, before: str) -> str:
    block = tab.page.locator("details.pagefind-ui__filter-block", has=tab.page.locator(
        "summary.pagefind-ui__filter-name", has_text=re.compile(rf"^{re.escape(name)}$", re.I)))
    block.locator("summary").click()
    boxes = [b for b in block.locator("input.pagefind-ui__filter-checkbox").all() if b.get_attribute("value") == value]
    assert boxes, f"no {name} filter value {value!r}"
    boxes[0].check()
    return _wait_for_results(tab, not_text=before)


def _count(message: str) -> int:
    return int(re.search(r"(\d+) results?", message).group(1))


# --------------------------------------------------------------------------- filters

@pytest.mark.browser
@pytest.mark.parametrize("viewport, width", [("desktop", 1280), ("phone", 375)])
def test_a_filter_narrows_search_results_to_one_actor(site_cache, open_tab, screenshot, viewport, width):
    site = site_cache("pagefind")
    actor, query, pages = _actor_and_query(site)
    tab = open_tab(viewport)
    tab.page.set_viewport_size({"width": width, "height": 800 if viewport == "desktop" else 812})
    before = _search(site, tab, query)
    everything = _result_paths(site, tab)
    assert len(everything) == _count(before) and set(everything) - pages, (before, everything)
    after = _filter_by(tab, "Actor", actor["name"], before)
    narrowed = _result_paths(site, tab)
    assert 0 < _count(after) < _count(before), (before, after)
    assert len(narrowed) == _count(after)
    assert set(narrowed) <= pages, f"{actor['name']}: results not about it: {set(narrowed) - pages}"
    tab.page.locator(".pagefind-ui__search-input:visible").first.evaluate("e => e.blur()")
    tab.page.mouse.move(0, 0)
    tab.page.locator(".pagefind-ui__drawer").evaluate("e => e.scrollTo(0, 0)")  # the count and the panel in view
    screenshot(tab, "pagefind", f"search-filtered-{viewport}")
    if viewport == "desktop":  # the panel sits beside the results, not above them
        panel = tab.page.locator(".pagefind-ui__filter-panel").bounding_box()
        results = tab.page.locator(".pagefind-ui__results-area").bounding_box()
        assert panel["x"] + panel["width"] <= results["x"]
    else:  # nothing wider than the phone
        assert tab.page.evaluate("document.documentElement.scrollWidth") <= width
    tab.assert_clean()


@pytest.mark.browser
def test_an_index_in_shards_finds_and_filters_as_one_bundle_does(site_cache, open_tab):
    """A large archive's index is built in several Pagefind runs (generator/site/pagefind.py): the
    search box merges them, so a query and a filter find the same pages as with one bundle."""
    one, sharded = site_cache("pagefind"), site_cache("pagefind-shards")
    assert len(json.loads((sharded.dir / "pagefind" / "shards.json").read_text())["merge"]) >= 2
    assert json.loads((one.dir / "pagefind" / "shards.json").read_text()) == {"merge": []}
    actor, query, _ = _actor_and_query(one)
    found = []
    for site in (one, sharded):
        tab = open_tab()
        before = _search(site, tab, query)
        everything = sorted(_result_paths(site, tab))
        _filter_by(tab, "Actor", actor["name"], before)
        found.append((_count(before), everything, sorted(_result_paths(site, tab))))
        tab.assert_clean()
    assert found[0] == found[1] and found[0][1], found


@pytest.mark.browser
def test_every_filter_kind_is_offered(site_cache, open_tab):
    site = site_cache("pagefind")
    _, query, _ = _actor_and_query(site)
    tab = open_tab()
    _search(site, tab, query)
    tab.page.wait_for_function("document.querySelectorAll('summary.pagefind-ui__filter-name').length >= 5",
                               timeout=15000)  # the panel fills in after the results
    names = {n.strip().lower() for n in tab.page.locator("summary.pagefind-ui__filter-name").all_inner_texts()}
    assert names == {"actor", "base", "outlet", "year", "page type"}
    tab.assert_clean()


def test_lunr_pages_carry_no_filter_markup(mkdocs_site):
    page = next((mkdocs_site.dir / "archive" / "articles").glob("*/index.html")).read_text(encoding="utf-8")
    assert "data-pagefind-filter" not in page


def test_pagefind_pages_carry_escaped_filter_values(site_cache):
    site = site_cache("pagefind")
    articles, _ = _exports(site)
    for record in articles:
        html = (site.dir / record["page"] / "index.html").read_text(encoding="utf-8")
        block = re.search(r'<div class="ba-search-filters" hidden data-pagefind-ignore[^>]*>(.*?)</div>', html, re.S)
        assert block, record["page"]
        values = re.findall(r'<span data-pagefind-filter="([^"]+)">([^<]*)</span>', block.group(1))
        assert ("Page type", "Article") in values
        assert {v for k, v in values if k == "Actor"} == {_html(n) for n in record["actors"]}
        if record["date"]:
            assert ("Year", record["date"][:4]) in values


def _html(text: str) -> str:
    import html
    return html.escape(text, quote=True)


# --------------------------------------------------------------------------- feeds

def _get(url: str) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers.get("Content-Type", ""), response.read()


def test_every_served_feed_is_valid_atom_and_its_links_resolve(mkdocs_site):
    site = mkdocs_site
    feeds = sorted(p for p in site.dir.rglob("*.xml") if p.name != "sitemap.xml")
    _, entities = _exports(site)
    with open(site.dir / "data" / "events.csv", encoding="utf-8", newline="") as f:
        kinds = {row["sub_event_type"] for row in csv.DictReader(f)}
    assert len(feeds) == 1 + len(entities["actors"]) + len(entities["bases"]) + len(kinds)
    for path in feeds:
        url = site.url(path.relative_to(site.dir).as_posix())
        status, _, body = _get(url)
        assert status == 200 and atom_rules.problems(body) == [], url
        for entry in atom_rules.entries(body.decode("utf-8")):
            target = urljoin(url, entry["link"])  # relative to the feed's own address (subpath included)
            about = "archive/events/" if "/event-kinds/" in url else "archive/articles/"
            assert target.startswith(site.base_url + about), target
            assert _get(target)[0] == 200, target


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["actors", "bases"])
def test_an_entity_page_advertises_its_feed_in_the_head_and_links_it(site, open_tab, kind):
    _, entities = _exports(site)
    entity = max(entities[kind], key=lambda e: (len(e["articles"]), e["name"]))
    tab = open_tab()
    tab.goto(site.url(entity["page"]))
    heads = tab.page.locator(f'head link[rel~="alternate"][type="{FEED_TYPE}"]')  # the token, as feed readers
    hrefs = {heads.nth(i).get_attribute("title"): urljoin(tab.page.url, heads.nth(i).get_attribute("href"))
             for i in range(heads.count())}
    own = hrefs.get(f"Briefing Archive: {entity['name']}")
    assert own and own.startswith(site.base_url + "archive/feeds/"), hrefs
    assert site.url("feed.xml") in hrefs.values()
    visible = tab.page.locator(".md-content a", has_text="Atom feed").first
    assert visible.is_visible() and urljoin(tab.page.url, visible.get_attribute("href")) == own
    status, _, body = _get(own)
    assert status == 200 and atom_rules.problems(body) == []
    assert len(atom_rules.entries(body.decode("utf-8"))) == min(len(entity["articles"]), 50)
    tab.assert_clean()


# --------------------------------------------------------------------------- the Cite block

@pytest.mark.browser
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_article_cite_block(mkdocs_site, open_tab, screenshot, viewport):
    site = mkdocs_site
    articles, _ = _exports(site)
    record = next((a for a in articles if a["url"] and a["source"] and a["date"]), articles[0])
    tab = open_tab(viewport)
    tab.goto(site.url(record["page"]))
    cite = tab.page.locator("section.ba-cite")
    cite.scroll_into_view_if_needed()
    text = cite.locator("pre code").inner_text()
    assert record["title"] in text and (record["source"] or "Unknown outlet") in text
    assert site.url(record["page"]) in text  # the page's full address: the build sets site_url
    if record["url"]:
        wayback = cite.locator('a[href^="https://web.archive.org/web/*/"]')
        assert wayback.count() == 1 and wayback.get_attribute("href").endswith(record["url"].split("#")[0])
    copy = cite.locator("button[data-md-type=copy], .md-clipboard")  # Material's copy button (its script adds it)
    copy.first.wait_for(state="attached")
    assert copy.count() == 1
    screenshot(tab, "mkdocs", f"cite-{viewport}")  # the viewport, scrolled to the block
    tab.assert_clean()
