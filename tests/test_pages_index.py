"""The site shell and the index pages (issue 12): index tables with a description and "last seen",
a page per outlet, the story on the home page, the 404 page and no lone-item sidebars.

The first part renders a small hand-made archive (fast); the second builds the seeds with
`mkdocs build --strict` and reads the HTML. The browser side (the 404 page from a subpath, the
sidebars as a reader sees them) is in tests/browser/test_shell_browser.py.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator.index.archive import build_archive, make_article

from generator.models import MonthDate, latest_date
from generator.models import Extraction, Mention, Sidecar
from generator.read.register import Register
from generator.labels import UNKNOWN_OUTLET, is_unknown_outlet
from generator.paths import OUTLETS_DIR, outlet_paths
from generator.render.pages import render_article, render_site
from project_files import copy_project

# --------------------------------------------------------------------------- a small archive

HOSTILE_OUTLET = "<script>alert('outlet')</script> | [News](javascript:alert(1)) {{ 7*7 }}"


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as data: its python tags (the end-of-life banner switch) read as nothing."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _article(stem, title, date=None, source=None, actors=("Kilo Brigade",), month=False):
    ex = Extraction(
        title=title, date=date, date_precision="month" if month else "day", dateline=None,
        paragraphs=(f"{title}. The Kilo Brigade said so.",),
        actors=tuple(Mention(a, "organization", (a,), (f"The {a} said so.",), True) for a in actors),
        bases=(Mention("Camp Zulu", "base", ("Camp Zulu",), ("Camp Zulu was hit.",), True),),
        outlet=source)
    return make_article(stem, ex, Sidecar(source=source) if source else None)


def _archive():
    articles = [
        _article("a1", "Early raid", dt.date(2024, 3, 2), "Wire"),
        _article("a2", "Later raid", dt.date(2024, 3, 20), "Wire"),
        _article("a3", "March summary", dt.date(2024, 3, 1), "Al-Monitor", month=True),
        _article("a4", "Another outlet", dt.date(2024, 2, 5), "Al Monitor"),
        _article("a5", "Shouting outlet", dt.date(2024, 2, 6), "AL MONITOR"),
        _article("a6", "No outlet", dt.date(2024, 1, 9), None),
        _article("a7", "Placeholder outlet", dt.date(2024, 1, 8), "Unknown outlet"),
        _article("a8", "Hostile outlet", dt.date(2024, 1, 7), HOSTILE_OUTLET),
        _article("a9", "Arabic outlet", dt.date(2024, 1, 6), "الجزيرة"),
        _article("a10", "Index outlet", dt.date(2024, 1, 5), "Index"),
        _article("a11", "Old news", dt.date(2023, 12, 1), "Wire", actors=("Old Guard",)),
    ]
    return build_archive(articles, Register(()))


@pytest.fixture(scope="module")
def pages():
    return {p.path: p.text for p in render_site(_archive())}


def _body(text: str) -> str:
    return text.split("---\n", 2)[2].lstrip("\n")


def _meta(text: str) -> dict:
    return yaml.safe_load(text.split("---\n", 2)[1])


def _row(table_page: str, first_cell: str) -> list[str]:
    """The cells of the table row whose first cell contains `first_cell`."""
    for line in table_page.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if line.startswith("|") and (first_cell == cells[0] if first_cell.startswith("<") else first_cell in cells[0]):
            return cells
    raise AssertionError(f"no row for {first_cell!r} in:\n{table_page}")


# --------------------------------------------------------------------------- last seen

def test_latest_date_keeps_what_is_known_of_it():
    day, month = dt.date(2024, 3, 20), MonthDate(2024, 3, 1)
    assert latest_date([day, month]) is month  # March 2024 may be after the 20th: "Mar 2024"
    assert latest_date([dt.date(2024, 3, 31), month]) == dt.date(2024, 3, 31)  # the month's last day is not earlier
    assert latest_date([dt.date(2024, 4, 1), month]) == dt.date(2024, 4, 1)
    assert latest_date([MonthDate(2023, 12, 1), dt.date(2023, 12, 30)]) == MonthDate(2023, 12, 1)  # December
    assert latest_date([None, None]) is None and latest_date([]) is None


def test_index_tables_have_last_seen_and_a_description(pages):
    actors = _body(pages["archive/actors/index.md"])
    assert "| Name | Description | Articles | Quotes | Last seen |" in actors
    # Kilo Brigade's latest article is known only to its month (March 2024), later than 20 March for all we know.
    assert _row(actors, "Kilo Brigade")[-1] == '<span class="ba-date">Mar 2024</span>'
    assert _row(actors, "Old Guard")[-1] == '<span class="ba-date">1 Dec 2023</span>'
    bases = _body(pages["archive/bases/index.md"])
    assert "Last seen |" in bases and _row(bases, "Camp Zulu")[-1] == '<span class="ba-date">Mar 2024</span>'
    sources = _body(pages["archive/sources.md"])
    assert "| Outlet | Briefings | Last seen | Latest briefing |" in sources
    assert _row(sources, "[Wire]")[1:3] == ["3", '<span class="ba-date">20 Mar 2024</span>']
    for path in ("archive/actors/index.md", "archive/bases/index.md", "archive/sources.md", "archive/timeline.md"):
        meta, body = _meta(pages[path]), _body(pages[path])
        assert meta["description"], path
        assert meta["description"] in body.split("\n\n")[1], f"{path}: no description under the title"
        assert '<div class="ba-index" markdown="1">' in body, f"{path}: table not marked to use the page width"


def test_timeline_is_a_table_with_linked_outlets(pages):
    timeline = _body(pages["archive/timeline.md"])
    assert _row(timeline, "20 Mar 2024")[1] == "[Wire](sources/wire.md)"
    assert _row(timeline, '<span class="ba-date">Mar 2024</span>')[1].startswith("[Al-Monitor](sources/al-monitor")
    assert _row(timeline, "9 Jan 2024")[1] == UNKNOWN_OUTLET



def test_a_long_timeline_shows_the_latest_and_a_page_per_year(monkeypatch):
    """Over ON_INDEX briefings, the Timeline lists the latest ON_INDEX and links each year's page;
    each briefing is on its year's page once; year pages are not searched and link the years
    without counts (a year's page then changes only with its own briefings)."""
    import generator.render.pages as pages_module
    monkeypatch.setattr(pages_module, "ON_INDEX", 4)
    archive = _archive()  # 11 briefings: 10 of 2024, 1 of 2023
    pages = {p.path: p.text for p in render_site(archive)}
    main = _body(pages["archive/timeline.md"])
    assert main.count('| <span class="ba-date">') == 4
    assert "The 4 latest of 11 briefings. **Full record by year:** [2024](timeline/2024.md) (10) · " \
           "[2023](timeline/2023.md) (1)" in main
    years = {path: text for path, text in pages.items() if path.startswith("archive/timeline/")}
    assert sorted(years) == ["archive/timeline/2023.md", "archive/timeline/2024.md"]
    rows = [line for text in years.values() for line in _body(text).splitlines() if line.startswith("| <span")]
    assert len(rows) == len(set(rows)) == len(archive.articles)
    y2024 = pages["archive/timeline/2024.md"]
    assert _meta(y2024) == {"title": "Timeline: 2024", "search": {"exclude": True}}
    assert "10 briefings, newest first. [← Timeline](../timeline.md) · **Full record by year:** " \
           "[2024](2024.md) · [2023](2023.md)" in _body(y2024)
    assert _body(y2024).startswith("# Timeline: 2024\n")


def test_a_long_year_of_the_timeline_gets_a_page_per_month(monkeypatch):
    """Over MONTHS_OVER briefings in a year, its page links one page per month (with their counts)
    instead of listing them; each month's page lists its briefings, links back to its year and to the
    years without counts; every briefing is listed once."""
    import generator.render.pages as pages_module
    monkeypatch.setattr(pages_module, "ON_INDEX", 4)
    monkeypatch.setattr(pages_module, "MONTHS_OVER", 3)
    archive = _archive()  # 2024: 3 in March, 2 in February, 5 in January; 2023: 1
    pages = {p.path: p.text for p in render_site(archive)}
    assert sorted(p for p in pages if p.startswith("archive/timeline/")) == [
        "archive/timeline/2023.md", "archive/timeline/2024.md", "archive/timeline/2024/01.md",
        "archive/timeline/2024/02.md", "archive/timeline/2024/03.md"]
    y2024 = _body(pages["archive/timeline/2024.md"])
    assert "| <span" not in y2024 and "No briefings" not in y2024
    assert "10 briefings. [← Timeline](../timeline.md) · **Full record by year:** [2024](2024.md) · " \
           "[2023](2023.md)\n\n**By month:** [March 2024](2024/03.md) (3) · [February 2024](2024/02.md) (2) · " \
           "[January 2024](2024/01.md) (5)" in y2024
    january = pages["archive/timeline/2024/01.md"]
    assert _meta(january) == {"title": "Timeline: January 2024", "search": {"exclude": True}}
    assert _body(january).startswith("# Timeline: January 2024\n")
    assert "5 briefings, newest first. [← Timeline](../../timeline.md) · [← 2024](../2024.md) · " \
           "**Full record by year:** [2024](../2024.md) · [2023](../2023.md)" in _body(january)
    rows = [line for path, text in pages.items() if path.startswith("archive/timeline/")
            for line in _body(text).splitlines() if line.startswith("| <span")]
    assert len(rows) == len(set(rows)) == len(archive.articles)


def test_a_short_timeline_is_one_page(pages):
    assert not [p for p in pages if p.startswith("archive/timeline/")]
    assert "Full record by year" not in pages["archive/timeline.md"]


# --------------------------------------------------------------------------- outlets

def test_outlet_slugs_are_safe_unique_and_stable():
    names = ["Al-Monitor", "Al Monitor", "AL MONITOR", "Index", "index", "الجزيرة", "***", HOSTILE_OUTLET, "EFE"]
    paths = outlet_paths(names)
    assert len(set(paths.values())) == len(names), paths
    assert paths == outlet_paths(reversed(names)), "paths depend on the order names come in"
    assert paths["AL MONITOR"] == f"{OUTLETS_DIR}/al-monitor.md"  # A-Z first keeps the plain slug
    assert paths["EFE"] == f"{OUTLETS_DIR}/efe.md"
    assert f"{OUTLETS_DIR}/index.md" not in paths.values()  # that is the Sources index's own URL
    assert paths["***"] == f"{OUTLETS_DIR}/outlet.md"
    for path in paths.values():
        assert re.fullmatch(rf"{OUTLETS_DIR}/[a-z0-9-]{{1,70}}\.md", path), path


def test_every_named_outlet_has_a_page_listing_its_articles(pages):
    archive = _archive()
    found = archive.outlets
    for name, outlet in found.items():
        if name is None:
            continue
        page = pages[outlet.path]
        assert _meta(page)["title"] and outlet.path.startswith(f"{OUTLETS_DIR}/")
        for a in outlet.articles:
            assert f"]({a.path.rsplit('/', 1)[1]})" in page or f"/{a.path.rsplit('/', 1)[1]})" in page
    wire = _body(pages[f"{OUTLETS_DIR}/wire.md"])
    assert wire.startswith("# Wire\n") and "3 briefings · last seen 20 Mar 2024" in wire
    assert wire.index("Later raid") < wire.index("Early raid") < wire.index("Old news"), "not newest first"
    assert "[Kilo Brigade](../actors/kilo-brigade.md) (2)" in wire  # most named
    # Al-Monitor, Al Monitor and AL MONITOR: three outlets, three pages.
    assert len({found[n].path for n in ("Al-Monitor", "Al Monitor", "AL MONITOR")}) == 3


def test_unknown_outlet_is_plain_text_never_a_link_or_a_page(pages):
    assert is_unknown_outlet(None) and is_unknown_outlet("  ") and is_unknown_outlet("unknown  OUTLET")
    assert not any("unknown" in p for p in pages if p.startswith(f"{OUTLETS_DIR}/"))
    sources = _body(pages["archive/sources.md"])
    row = _row(sources, UNKNOWN_OUTLET)
    assert row[0] == UNKNOWN_OUTLET and row[1] == "2", row  # no outlet + the placeholder name: one plain row
    for path in ("archive/sources.md", "archive/timeline.md", "index.md"):
        assert f"[{UNKNOWN_OUTLET}]" not in pages[path], path
    archive = _archive()
    for stem in ("a6", "a7"):
        article = next(a for a in archive.articles if a.stem == stem)
        assert _meta(render_article(article, archive).text)["briefing"].get("source_page") is None


def test_each_article_links_its_outlet(pages):
    archive = _archive()
    article = next(a for a in archive.articles if a.stem == "a1")
    briefing = _meta(render_article(article, archive).text)["briefing"]
    assert briefing["source_page"] == "archive/sources/wire/"
    home = _body(pages["index.md"])
    assert "· [Wire](archive/sources/wire.md) · [Later raid]" in home


def test_hostile_outlet_names_are_text(pages):
    archive = _archive()
    path = archive.outlets[HOSTILE_OUTLET].path
    page = pages[path]
    assert re.fullmatch(rf"{OUTLETS_DIR}/script-alert-outlet-script-news-javascript-alert-1-7-7\.md", path), path
    body = re.sub(r"<figure.*?</figure>", "", _body(page))  # the chart's label is HTML-escaped by charts.py
    for raw in ("<script", "[News]", "{{", "](javascript"):
        assert raw not in body, raw
    assert "&lt;script&gt;" in _meta(page)["title"]  # front matter strings are HTML-escaped
    row = _row(_body(pages["archive/sources.md"]), "script")
    assert row[0].startswith("[&#60;script&#62;") and row[0].endswith(f"(sources/{path.rsplit('/', 1)[1]})")
    assert len(row) == 4, "a | in the name split the table row"


# --------------------------------------------------------------------------- the built site

def _run(cmd, cwd, **env):
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})
    assert result.returncode == 0, f"{cmd} failed:\n{result.stdout}\n{result.stderr}"
    return result


STORY = "Raids on <b>Camp</b> & \"bases\" {{ config.site_name }} <script>alert('story')</script>"


def _build(root: Path) -> Path:
    _run([sys.executable, "-m", "generator", "build", "--quiet"], cwd=root)
    result = _run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, BRIEFING_SKIP_GENERATE="1",
                  SITE_URL="https://example.org/briefing-archive/")
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr, result.stderr
    return root / "site"


def _set_story(root: Path, story: str | None) -> None:
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config, n = re.subn(r"\n  story: >-\n(    .*\n)+", "\n", config)
    assert n == 1, "mkdocs.yml: extra.story not found where the test expects it"
    if story is not None:
        config = config.replace("\nextra:\n", f"\nextra:\n  story: {json.dumps(story)}\n")  # JSON is YAML
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("shell"))
    _set_story(root, STORY)
    return _build(root)


class _Page(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.stack, self.sidebars, self.story, self.links, self.meta = [], {}, [], [], {}
        self.nav_links: list[str] = []
        self._in_story = self._sidebar = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "div" and a.get("data-md-type") in ("navigation", "toc"):
            self.sidebars[a["data-md-type"]] = "hidden" in a
        if tag == "p" and a.get("class") == "ba-story":
            self._in_story = True
        if tag == "a" and "md-button" in (a.get("class") or ""):
            self.links.append(a.get("href"))
        if tag == "meta" and a.get("name"):
            self.meta[a["name"]] = a.get("content")

    def handle_endtag(self, tag):
        if tag == "p":
            self._in_story = False

    def handle_data(self, data):
        if self._in_story:
            self.story.append(data)


def test_the_home_page_says_what_story_the_archive_covers_escaped(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    page = _Page(html)
    assert "".join(page.story).strip() == STORY  # shown as written: not markup, not a template
    assert "<script>alert('story')" not in html and "<b>Camp</b>" not in html
    assert html.index("<h1") < html.index('class="ba-story"') < re.search(r"<strong>\d+</strong> briefings?", html).start()


def test_the_story_is_optional_with_a_sensible_default(tmp_path):
    root = copy_project(tmp_path)
    _set_story(root, None)
    config = yaml.load(re.sub(r"!ENV \[(\w+), (\"[^\"]*\"|\w+)\]", r"\2", (root / "mkdocs.yml").read_text()),
                       Loader=_ConfigLoader)
    site = _build(root)
    story = "".join(_Page((site / "index.html").read_text(encoding="utf-8")).story).strip()
    assert story == config["site_description"]


def test_the_404_page_leads_back_from_any_depth_and_is_not_indexed(site):
    html = (site / "404.html").read_text(encoding="utf-8")
    page = _Page(html)
    assert "Page not found" in html and page.meta.get("robots") == "noindex"
    assert "data-pagefind-body" not in html
    # Served at the missing address itself, so every way back starts from the site's own path.
    assert page.links[0] in ("/briefing-archive/", "/briefing-archive/."), page.links
    assert "/briefing-archive/archive/sources/" in page.links and "/briefing-archive/archive/timeline/" in page.links
    assert all(link.startswith("/briefing-archive/") for link in page.links), page.links
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Page not found" not in index and "404" not in re.sub(r"\d{4,}", "", index)
    assert "404" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def _nav_items(html: str) -> int:
    """Links the primary sidebar shows at desktop width: the active tab's pages (Material, tabs on)."""
    active = re.search(r'<li class="md-nav__item md-nav__item--active md-nav__item--section md-nav__item--nested">'
                       r'(.*?)</nav>\s*</li>', html, re.S)
    return len(re.findall(r'class="md-nav__link', active.group(1))) if active else 1


def test_no_page_has_a_lone_item_sidebar(site):
    """Every page type: the left sidebar shows only with several items, the TOC only with two headings."""
    seen = set()
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        html = path.read_text(encoding="utf-8")
        page = _Page(html)
        if "navigation" not in page.sidebars:
            continue
        kind = rel.split("/")[1] if rel.startswith("archive/") else rel
        seen.add(kind)
        if not page.sidebars["navigation"]:
            assert _nav_items(html) >= 2, f"{rel}: a sidebar with one item"
        if "toc" in page.sidebars and not page.sidebars["toc"]:
            assert len(re.findall(r'class="md-nav__link"', html.split('data-md-type="toc"', 1)[1])) >= 2, rel
    assert {"articles", "actors", "bases", "sources", "timeline", "quotes", "404.html", "index.html"} <= seen
    quotes = _Page((site / "archive" / "quotes" / "index.html").read_text(encoding="utf-8"))
    assert quotes.sidebars["navigation"] is False, "Quotes (by speaker, by date) should keep its sidebar"
    for rel in ("archive/sources/index.html", "archive/timeline/index.html", "about/index.html", "404.html"):
        assert _Page((site / rel).read_text(encoding="utf-8")).sidebars["navigation"] is True, rel


def test_outlet_pages_are_built_and_linked(site):
    sources = (site / "archive" / "sources" / "index.html").read_text(encoding="utf-8")
    outlet_dirs = sorted(p.parent.name for p in (site / "archive" / "sources").glob("*/index.html"))
    assert outlet_dirs, "no outlet page"
    for slug in outlet_dirs:
        assert f'href="{slug}/"' in sources, slug
    article = next(p for p in (site / "archive" / "articles").glob("*/index.html")
                   if "/archive/sources/" not in p.as_posix() and 'class="ba-panel"' in p.read_text())
    panel = article.read_text(encoding="utf-8").split('class="ba-panel"', 1)[1].split("</aside>", 1)[0]
    outlet = re.search(r"<dt>Outlet</dt><dd>(.*?)</dd>", panel).group(1)
    assert outlet.startswith("<a href=") or outlet in ("Unknown", UNKNOWN_OUTLET), outlet
