"""Build a real site from the seeds with the generator and `mkdocs build --strict`."""
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

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
    from tests.conftest import ROOT  # noqa: F401 - ensures sys.path
    import shutil

    root = tmp_path_factory.mktemp("project")
    src = Path(__file__).resolve().parent.parent
    for name in ("seeds", "content", "site_overrides", "hooks"):
        shutil.copytree(src / name, root / name,
                        ignore=shutil.ignore_patterns("archive", "index.md", ".generated.json", "__pycache__"))
    for name in ("mkdocs.yml", "register.yml"):
        shutil.copy2(src / name, root / name)
    run([sys.executable, "-m", "generator", "build", "--strict", "--quiet"], cwd=root)
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
