"""Build a real site from the seeds with the generator and `mkdocs build --strict`."""
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from project_files import copy_project

pytestmark = pytest.mark.e2e


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_of(page: Path, site: Path) -> set[str]:
    """Internal pages a built page links to, as site-relative directory URLs."""
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    base = "/" + page.parent.relative_to(site).as_posix() + "/"
    out = set()
    for href in parser.hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        out.add(urljoin(base, parts.path))
    return out


def run(cmd, cwd, **env):
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env={**os.environ, **env}, timeout=600)
    assert result.returncode == 0, f"{cmd} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("project"))
    run([sys.executable, "-m", "generator", "build", "--strict"], cwd=root)
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, BRIEFING_SKIP_GENERATE="1",
                 NO_MKDOCS_2_WARNING="1")
    assert "WARNING -" not in result.stderr and "ERROR -" not in result.stderr, result.stderr
    return root, root / "site"


def test_every_seed_has_an_article_page(built_site):
    root, site = built_site
    pages = list((site / "archive" / "articles").glob("*/index.html"))
    assert len(pages) == len(list((root / "seeds").glob("*.txt")))


def test_actor_and_base_pages_link_to_articles_and_back(built_site):
    _, site = built_site
    for kind, name in (("actors", "yehia-rasool"), ("bases", "ain-al-asad-air-base")):
        page = site / "archive" / kind / name / "index.html"
        assert page.exists(), f"{page} missing"
        own_url = f"/archive/{kind}/{name}/"
        articles = {u for u in links_of(page, site) if u.startswith("/archive/articles/")}
        assert len(articles) >= 2, articles
        for url in articles:
            article = site / url.strip("/") / "index.html"
            assert article.exists(), url
            assert own_url in links_of(article, site), f"{url} does not link back to {own_url}"


def test_alias_is_searchable(built_site):
    _, site = built_site
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Yahya Rasool" in index and "Yehia Rasool" in index


def test_search_finds_article_words(built_site):
    _, site = built_site
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Katyusha" in index


def test_nav_lists_indexes_not_articles(built_site):
    """The actors index has no article in its content, so any article link would come from the nav."""
    _, site = built_site
    page = site / "archive" / "actors" / "index.html"
    urls = links_of(page, site)
    assert "/archive/timeline/" in urls and "/archive/bases/" in urls
    assert not [u for u in urls if u.startswith("/archive/articles/")]


def _article_page(site: Path, stem_hash_suffix: str) -> Path:
    (page,) = [p for p in (site / "archive" / "articles").glob(f"*-{stem_hash_suffix}/index.html")]
    return page


def _stem_suffix(stem: str) -> str:
    import hashlib
    return hashlib.sha1(stem.encode()).hexdigest()[:6]


def _page_of(site: Path, url: str) -> Path:
    return site / url.strip("/") / "index.html"


def test_follow_article_actor_article_base_and_back(built_site):
    _, site = built_site
    start = _article_page(site, _stem_suffix("000_683e45acc4299493"))
    start_url = "/" + start.parent.relative_to(site).as_posix() + "/"
    actor_url = "/archive/actors/yehia-rasool/"
    assert actor_url in links_of(start, site)
    actor_links = links_of(_page_of(site, actor_url), site)
    assert start_url in actor_links
    others = sorted(u for u in actor_links if u.startswith("/archive/articles/") and u != start_url)
    assert others, "the actor page links to no other article"
    base_url = "/archive/bases/ain-al-asad-air-base/"
    hop = next((u for u in others if base_url in links_of(_page_of(site, u), site)), None)
    assert hop, "no other article of the actor links to the base"
    assert actor_url in links_of(_page_of(site, hop), site)
    base_links = links_of(_page_of(site, base_url), site)
    assert hop in base_links and start_url in base_links


def _text(page: Path) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))


def _divs(html: str, css_class: str) -> list[str]:
    """The inner HTML of every <div class="css_class">, nested divs included."""
    found = []
    for start in re.finditer(rf'<div class="{css_class}">', html):
        depth, pos = 1, start.end()
        for tag in re.finditer(r"<(/?)div\b", html[pos:]):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                found.append(html[pos:pos + tag.start()])
                break
    return found


def test_unacceptable_statement_shown_once_with_both_outlets(built_site):
    _, site = built_site
    html = _page_of(site, "/archive/actors/yehia-rasool/").read_text(encoding="utf-8")
    statements = _divs(html, "ba-statement")
    carrying = [s for s in statements if "unacceptable" in s]
    assert len(carrying) == 1, "the 'unacceptable' statement must appear once"
    assert "EFE" in carrying[0] and "The New Arab" in carrying[0]


def test_base_page_lists_every_seed_that_mentions_it(built_site):
    _, site = built_site
    links = links_of(_page_of(site, "/archive/bases/ain-al-asad-air-base/"), site)
    for stem in ("000_683e45acc4299493", "002_54b786ea366e23ae", "003_25d85939a4300abb", "004_6f57e6f2eacdf9d5"):
        page = _article_page(site, _stem_suffix(stem))
        assert "/" + page.parent.relative_to(site).as_posix() + "/" in links, stem


def test_same_statement_articles_list_each_other_as_related(built_site):
    _, site = built_site
    stems = ("000_683e45acc4299493", "001_93df512d9ac2d237", "004_6f57e6f2eacdf9d5")
    urls = {s: "/" + _article_page(site, _stem_suffix(s)).parent.relative_to(site).as_posix() + "/" for s in stems}
    for stem in stems:
        html = _article_page(site, _stem_suffix(stem)).read_text(encoding="utf-8")
        related = html.split('id="related-coverage"', 1)[1].split("<h2", 1)[0]
        for other in stems:
            if other != stem:
                assert urls[other].split("/")[-2] in related, f"{stem} does not list {other}"


def test_exports_are_linked_from_home_and_valid(built_site):
    import csv
    import json
    import xml.etree.ElementTree as ET

    _, site = built_site
    home = links_of(site / "index.html", site)
    for path in ("/data/articles.json", "/data/entities.json", "/data/quotes.csv", "/feed.xml"):
        assert path in home and (site / path.lstrip("/")).exists()
    articles = json.loads((site / "data/articles.json").read_text(encoding="utf-8"))
    assert len(articles) == 5 and all((site / a["page"] / "index.html").exists() for a in articles)
    rows = list(csv.DictReader((site / "data/quotes.csv").open(encoding="utf-8")))
    assert rows and {"speaker", "quote", "article_page"} <= set(rows[0])
    feed = ET.parse(site / "feed.xml").getroot()
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == 5
