"""Pagefind in shards: a site whose text is over BRIEFING_PAGEFIND_SHARD_MB is indexed in several
Pagefind runs (each holds only its share in memory), listed in pagefind/shards.json for the search
box to merge (generator/site/pagefind.py)."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.site.pagefind import SHARDS_FILE, indexed_bytes, plan_shards

PLANS = [
    # (pages as (path, indexed bytes), budget, shards)
    ([], 100, []),
    ([("a.html", 0), ("b.html", 0)], 100, []),  # nothing Pagefind would index
    ([("b.html", 40), ("a.html", 50)], 100, [["a.html", "b.html"]]),  # under the budget: one bundle
    ([("a.html", 60), ("b.html", 60)], 100, [["a.html"], ["b.html"]]),
    ([("c", 10), ("a", 10), ("b", 10), ("d", 10), ("e", 0)], 20, [["a", "c"], ["b", "d"]]),  # dealt in turn
    ([("a", 500)], 100, [["a"]]),  # one page is never split
    ([("a", 1), ("b", 1), ("c", 1)], 0, [["a"], ["b"], ["c"]]),  # no budget: a page each, not a crash
]


@pytest.mark.parametrize("pages, budget, shards", PLANS)
def test_plan_shards(pages, budget, shards):
    assert plan_shards(pages, budget) == shards


def test_plan_shards_balances_the_kinds_of_page():
    """Each shard gets the same mix of page kinds, so that their word statistics (which rank each
    shard's results before they are merged) agree."""
    pages = [(f"archive/articles/{i:04}/index.html", 100) for i in range(90)]
    pages += [(f"archive/events/{i:04}/index.html", 50) for i in range(30)]
    shards = plan_shards(pages, 4000)
    assert len(shards) == 3
    for shard in shards:
        assert sum("/articles/" in p for p in shard) == 30 and sum("/events/" in p for p in shard) == 10


def test_indexed_bytes(tmp_path):
    page = tmp_path / "index.html"
    page.write_text('<nav>menu</nav><article class="x" data-pagefind-body><p>text</p></article><footer/>')
    assert indexed_bytes(page) == len(b'data-pagefind-body><p>text</p>')
    page.write_text("<article><p>not indexed</p></article>")
    assert indexed_bytes(page) == 0
    assert indexed_bytes(tmp_path / "gone.html") == 0


def _bundles(site: Path) -> list[Path]:
    merge = json.loads((site / "pagefind" / SHARDS_FILE).read_text())["merge"]
    return [site / "pagefind"] + [site / "pagefind" / rel for rel in merge]


def _indexed_pages(bundle: Path) -> int:
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    return sum(lang["page_count"] for lang in entry["languages"].values())


@pytest.mark.e2e
def test_a_site_over_the_budget_is_indexed_in_shards_and_back_in_one(project_copy):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BRIEFING_SEARCH": "pagefind"}
    subprocess.run([sys.executable, "-m", "generator", "build", "--quiet"], cwd=project_copy, env=env, check=True,
                   capture_output=True, timeout=600)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project_copy, check=True,
                   capture_output=True, timeout=600, env={**env, "BRIEFING_SKIP_GENERATE": "1"})
    site = project_copy / "site"
    with_body = [p for p in site.rglob("*.html") if b"data-pagefind-body" in p.read_bytes()]
    total = sum(indexed_bytes(p) for p in with_body)

    def index(shard_mb: float) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "generator.site.pagefind"], cwd=project_copy, check=True,
                              capture_output=True, text=True, timeout=600,
                              env={**env, "BRIEFING_PAGEFIND_SHARD_MB": str(shard_mb)})

    run = index(total / 3.5 / 1e6)  # four shards
    bundles = _bundles(site)
    assert len(bundles) == 4 and "4 shards" in run.stderr
    assert [b.name for b in bundles[1:]] == ["shard-2", "shard-3", "shard-4"]
    counts = [_indexed_pages(b) for b in bundles]
    assert all(counts) and sum(counts) == len(with_body)  # every page in exactly one shard
    for bundle in bundles:
        assert len(list((bundle / "fragment").iterdir())) == _indexed_pages(bundle)
    assert not list(project_copy.glob(".pagefind-shard-*"))  # the shards' folders are gone

    index(100)  # the default budget: one bundle again, and no shard of the last run left behind
    assert _bundles(site) == [site / "pagefind"]
    assert _indexed_pages(site / "pagefind") == len(with_body)
    assert not list((site / "pagefind").glob("shard-*"))


def test_an_earlier_bundle_is_cleared_but_never_a_page(tmp_path):
    from generator.site.pagefind import _clear_bundle

    def bundle(name, page=False, entry=True):
        b = tmp_path / name / "pagefind"
        (b / "shard-2").mkdir(parents=True)
        (b / "shard-2" / "pagefind-entry.json").write_text("{}")
        (b / "stale.pf_fragment").write_text("x")
        if entry:
            (b / "pagefind-entry.json").write_text("{}")
        if page:
            (b / "index.html").write_text("<p>a page of the site</p>")
        return b

    plain = bundle("plain")
    _clear_bundle(plain)
    assert not plain.exists()
    with_page = bundle("with-page", page=True)
    _clear_bundle(with_page)
    assert (with_page / "index.html").exists() and not (with_page / "shard-2").exists()
    not_ours = bundle("not-ours", entry=False)
    _clear_bundle(not_ours)
    assert (not_ours / "shard-2").exists() and (not_ours / "stale.pf_fragment").exists()
