"""The served site, crawled over HTTP from its home page, as GitHub Pages serves it (no browser needed).

Each test runs once per builder: MkDocs (what the workflow publishes) and
Zensical (its makers' successor, which reads the same mkdocs.yml).
"""
from __future__ import annotations

import html
import json
import re
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest

from sitekit import PREFIX, PageText, canonical_page, crawl, is_local, page_urls_on_disk

pytestmark = pytest.mark.e2e

ALIAS, ACTOR = "Yahya Rasool", "Yehia Rasool"  # register.yml: an alias and its canonical name


def test_every_internal_link_and_asset_answers_200(site):
    c = site.crawl
    assert len(c.pages) > 10, f"the crawl found only {sorted(c.pages)}"
    failures = c.failures()
    assert not failures, f"{site.builder}: {len(failures)} internal links fail:\n" + "\n".join(failures)


def test_every_page_is_reachable_from_home(site):
    """No orphans: every HTML page the builder wrote is reached by following links from the home page."""
    on_disk = page_urls_on_disk(site.dir, site.base_url)
    reached = {canonical_page(u) for u in site.crawl.pages}
    orphans = sorted(set(on_disk) - reached)
    assert not orphans, f"{site.builder}: pages no link leads to:\n" + "\n".join(orphans)
    assert not sorted(reached - set(on_disk)), "pages answered 200 but not on disk?"


def test_every_link_stays_inside_the_project_subpath(site):
    """On USER.github.io/REPO/ a root-relative link (/x/) leaves the site: all must be relative."""
    outside = sorted(u for u in site.crawl.fetched if not u.startswith(site.base_url))
    assert not outside, f"{site.builder}: links leave {PREFIX}:\n" + "\n".join(outside)


def test_internal_anchors_exist(site):
    c = site.crawl
    missing = sorted({f"{page} -> {target}#{frag}" for page, target, frag in c.anchors
                      if target in c.ids and frag not in c.ids[target]})
    assert not missing, f"{site.builder}: links to anchors that do not exist:\n" + "\n".join(missing[:40])


def test_no_page_loads_assets_from_outside(site, artifacts):
    """Outside links (sources' URLs, 'Made with') are fine; outside scripts, styles or images are not."""
    c = site.crawl
    (artifacts / f"external-links-{site.builder}.txt").write_text(
        "".join(f"{u}\t{len(p)} pages\n" for u, p in sorted(c.external.items())), encoding="utf-8")
    assets = sorted(u for u in c.external_assets)
    assert not assets, f"{site.builder}: assets fetched from outside:\n" + "\n".join(assets)


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs, self.text = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("link", "script", "img") and (a.get("href") or a.get("src")):
            self.refs.append(a.get("href") or a.get("src"))

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("missing", ["no-such-page/", "archive/actors/no-such-actor/"])
def test_a_mistyped_address_gets_the_sites_404_page_with_its_styles(site, missing):
    """GitHub Pages answers any missing path with 404.html, at that path: its assets must still load."""
    url = site.url(missing)
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(url, timeout=10)
    assert err.value.code == 404
    body = err.value.read().decode("utf-8")
    parser = _Refs()
    parser.feed(body)
    assert "Briefing Archive" in "".join(parser.text)
    local = [urljoin(url, r) for r in parser.refs if is_local(urljoin(url, r))]
    assert local, "the 404 page loads no stylesheet or script?"
    broken = []
    for asset in local:
        try:
            urllib.request.urlopen(asset, timeout=10).close()
        except urllib.error.HTTPError as e:
            broken.append(f"{e.code} {asset}")
    assert not broken, f"{site.builder}: the 404 page served at {url} loads broken assets:\n" + "\n".join(broken)


def test_search_index_knows_aliases_and_article_words(site):
    name = "search/search_index.json" if site.builder == "mkdocs" else "search.json"
    index = json.loads((site.dir / name).read_text(encoding="utf-8"))
    text = json.dumps(index, ensure_ascii=False)
    for word in (ALIAS, ACTOR, "Katyusha"):
        assert word in text, f"{site.builder}: {word!r} not in {name}"


def _index_text_by_page(site) -> dict[str, str]:
    """Page URL (relative to the site, no fragment) -> the text the search index holds for it."""
    name = "search/search_index.json" if site.builder == "mkdocs" else "search.json"
    index = json.loads((site.dir / name).read_text(encoding="utf-8"))
    entries = index.get("docs") or index.get("items") or []
    out: dict[str, list[str]] = {}
    for e in entries:
        text = html.unescape(re.sub(r"<[^>]+>", " ", f"{e.get('title', '')} {e.get('text', '')}"))
        out.setdefault(e["location"].split("#")[0], []).append(" ".join(text.split()))
    return {page: " ".join(texts) for page, texts in out.items()}


# Pages that only repeat the articles' text: out of search as a whole (README "The pages").
UNSEARCHED_PAGES = ("archive/quotes-by-date/",)


def test_search_index_leaves_out_what_the_pages_mark_unsearched(site):
    """Every block of a section marked data-search-exclude stays out of the index, not only its first.

    (Material's parser ended an excluded <div> at its first nested </div>, so an actor's
    statements after the first, the chronology's sentences... were indexed.)
    """
    indexed = _index_text_by_page(site)
    leaks, checked = [], 0
    for url, path in page_urls_on_disk(site.dir, "").items():
        text = PageText(path.read_text(encoding="utf-8"))
        shown = " ".join(text.searched)
        for block in text.unsearched:
            if len(block) < 25 or block in shown:  # also printed where search may find it
                continue
            checked += 1
            if block in indexed.get(url, ""):
                leaks.append(f"{url}: {block[:90]}")
    assert checked > 50, f"{site.builder}: only {checked} unsearched blocks found: are the sections marked?"
    assert not leaks, f"{site.builder}: {len(leaks)} blocks of unsearched sections are indexed:\n" + "\n".join(leaks[:20])
    for page in UNSEARCHED_PAGES:
        assert page not in indexed, f"{site.builder}: {page} is in the search index"


def test_zensical_builds_the_same_pages_and_links_as_mkdocs(mkdocs_site, zensical_site):
    def pages(s):
        return {canonical_page(u)[len(s.base_url):] for u in s.crawl.pages}

    def links(s):
        out = set()
        for page, targets in s.crawl.links.items():
            if page in s.crawl.pages:
                for t in targets:
                    rel = canonical_page(t)[len(s.base_url):]
                    if not rel.startswith(("assets/", "search/")) and not rel.endswith((".css", ".js", ".png", ".svg", ".xml", ".json")):
                        out.add((canonical_page(page)[len(s.base_url):], rel))
        return out

    m, z = pages(mkdocs_site), pages(zensical_site)
    assert m == z, f"only MkDocs: {sorted(m - z)}\nonly Zensical: {sorted(z - m)}"
    # Content links (not the theme's own navigation, which differs) are the same.
    lm = {pair for pair in links(mkdocs_site) if pair[1].startswith("archive/")}
    lz = {pair for pair in links(zensical_site) if pair[1].startswith("archive/")}
    only_m, only_z = sorted(lm - lz), sorted(lz - lm)
    assert not only_m and not only_z, f"only MkDocs: {only_m[:20]}\nonly Zensical: {only_z[:20]}"


def test_crawler_reports_broken_links(tmp_path):
    """The crawl itself: a broken link, an orphan and an outside asset are all seen."""
    from sitekit import SiteServer

    (tmp_path / "a").mkdir()
    (tmp_path / "orphan").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">a</a><a href="missing/">x</a><a href="/elsewhere/">root</a>'
        '<script src="https://cdn.example.com/x.js"></script><a href="https://example.com/">ext</a>')
    (tmp_path / "a" / "index.html").write_text('<link rel="stylesheet" href="../s.css"><a href="../#top">up</a>')
    (tmp_path / "s.css").write_text("body{background:url(img.png)}")
    (tmp_path / "orphan" / "index.html").write_text("alone")
    (tmp_path / "404.html").write_text("<title>Not found</title>")
    server = SiteServer().serve(tmp_path)
    try:
        c = crawl(server.base_url)
    finally:
        server.close()
    failures = "\n".join(c.failures())
    assert "404 " + server.base_url + "missing/" in failures
    assert f"404 http://127.0.0.1:{server.port}/elsewhere/" in failures
    assert "404 " + server.base_url + "img.png" in failures
    assert "https://cdn.example.com/x.js" in c.external_assets
    assert "https://example.com/" in c.external and "https://example.com/" not in c.external_assets
    orphans = set(page_urls_on_disk(tmp_path, server.base_url)) - {canonical_page(u) for u in c.pages}
    assert orphans == {server.base_url + "orphan/"}


def test_sitemap_lists_every_page_at_the_published_address(site):
    """Built with SITE_URL set to where it is served: the sitemap's addresses all answer."""
    import re

    with urllib.request.urlopen(site.url("sitemap.xml"), timeout=10) as resp:
        locs = re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", resp.read().decode("utf-8"))
    assert locs, "empty sitemap"
    outside = [u for u in locs if not u.startswith(site.base_url)]
    assert not outside, f"{site.builder}: sitemap addresses not under SITE_URL {site.base_url}: {outside[:5]}"
    missing = sorted(set(page_urls_on_disk(site.dir, site.base_url)) - set(locs))
    assert not missing, f"{site.builder}: pages missing from sitemap.xml: {missing[:10]}"
    failing = sorted(u for u in locs if site.crawl.fetched.get(u) is None or site.crawl.fetched[u].status != 200)
    assert not failing, f"{site.builder}: sitemap addresses the crawl did not reach with 200: {failing[:10]}"
