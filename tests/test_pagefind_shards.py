"""Pagefind in shards: with BRIEFING_PAGEFIND_SHARD_MB above 0, a site whose text is over it is
indexed in several Pagefind runs (each holds only its share in memory), listed in
pagefind/shards.json for the search box to merge (generator/site/pagefind.py). By default (0) the
site is one bundle."""
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

    index(0)  # the default, no budget: one bundle again, and no shard of the last run left behind
    assert _bundles(site) == [site / "pagefind"]
    assert _indexed_pages(site / "pagefind") == len(with_body)
    assert not list((site / "pagefind").glob("shard-*"))


def test_an_earlier_bundle_is_cleared_but_never_a_page(tmp_path):
    """What Pagefind wrote goes (its files, index, fragments, filters, shards, shards.json); a page of
    the site that lives under pagefind/ stays."""
    from generator.site.pagefind import _clear_bundle

    bundle = tmp_path / "pagefind"
    for rel in ("pagefind-entry.json", "pagefind.js", "pagefind-ui.css", "pagefind.en_1.pf_meta", "wasm.en.pagefind",
                "index/en_1.pf_index", "fragment/en_1.pf_fragment", "filter/en_1.pf_filter",
                "shard-2/pagefind-entry.json", "shards.json", "index.html", "guide/index.html"):
        (bundle / rel).parent.mkdir(parents=True, exist_ok=True)
        (bundle / rel).write_text("x")
    _clear_bundle(bundle)
    assert sorted(p.relative_to(bundle).as_posix() for p in bundle.rglob("*")) == ["guide", "guide/index.html",
                                                                                     "index.html"]
    _clear_bundle(tmp_path / "missing")  # nothing to clear, no error


@pytest.mark.parametrize("value", ["-5", "nan", "inf", "lots"])
def test_a_bad_budget_is_one_line_naming_the_setting(tmp_path, value):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<article data-pagefind-body><p>x</p></article>")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nextra:\n  search_backend: pagefind\n")
    r = subprocess.run([sys.executable, "-m", "generator.site.pagefind"], cwd=tmp_path, capture_output=True,
                       text=True, timeout=120, env={**os.environ, "BRIEFING_PAGEFIND_SHARD_MB": value})
    assert r.returncode == 1 and "BRIEFING_PAGEFIND_SHARD_MB" in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert not (site / "pagefind").exists()


def test_a_failed_run_leaves_the_last_index_whole(tmp_path, monkeypatch):
    """Every run writes beside the site; site/pagefind/ is replaced only once all have succeeded."""
    from generator.site import pagefind

    site = tmp_path / "site"
    for i in range(4):
        (site / f"p{i}").mkdir(parents=True)
        (site / f"p{i}" / "index.html").write_text("<article data-pagefind-body>" + "word " * 50 + "</article>")
    (site / "pagefind").mkdir()
    (site / "pagefind" / "pagefind-entry.json").write_text("the last index")
    calls = []

    def run(cmd, check):  # the second shard's run fails
        calls.append(cmd)
        if len(calls) == 2:
            raise subprocess.CalledProcessError(9, cmd)
        _write(cmd)

    monkeypatch.setattr(pagefind.subprocess, "run", run)
    with pytest.raises(subprocess.CalledProcessError):
        pagefind.index_site(site, shard_mb=0.0002)
    assert (site / "pagefind" / "pagefind-entry.json").read_text() == "the last index"
    assert not list(tmp_path.glob(".pagefind-*"))  # the working folders are gone
    monkeypatch.setattr(pagefind.subprocess, "run", lambda cmd, check: _write(cmd))  # every run succeeds
    assert pagefind.index_site(site, shard_mb=0.0002) == 4
    assert json.loads((site / "pagefind" / "shards.json").read_text()) == {
        "merge": ["shard-2/", "shard-3/", "shard-4/"]}
    assert (site / "pagefind" / "pagefind-entry.json").read_text() == "new"
    assert not list(tmp_path.glob(".pagefind-*"))


def _write(cmd):
    """What a Pagefind run leaves in its --output-path, in miniature."""
    out = Path(cmd[cmd.index("--output-path") + 1])
    out.mkdir(parents=True, exist_ok=True)
    (out / "pagefind-entry.json").write_text("new")


def test_a_page_of_the_site_under_pagefind_stays(tmp_path, monkeypatch):
    """A docs page pagefind.md is built to site/pagefind/index.html: the new bundle joins it there."""
    from generator.site import pagefind

    site = tmp_path / "site"
    (site / "pagefind").mkdir(parents=True)
    page = "<article data-pagefind-body><p>a page about Pagefind</p></article>"
    (site / "pagefind" / "index.html").write_text(page)
    (site / "pagefind" / "pagefind-entry.json").write_text("the last index")
    monkeypatch.setattr(pagefind.subprocess, "run", lambda cmd, check: _write(cmd))
    assert pagefind.index_site(site) == 1
    assert (site / "pagefind" / "index.html").read_text() == page
    assert (site / "pagefind" / "pagefind-entry.json").read_text() == "new"
    assert json.loads((site / "pagefind" / "shards.json").read_text()) == {"merge": []}
    assert not list(tmp_path.glob(".pagefind-*"))


def test_folders_left_by_a_killed_run_are_removed_by_the_next(tmp_path):
    """A run removes its own folders beside the site, even when it fails; a killed one cannot. The
    next run removes those whose process ran on this host and has ended, never a live run's,
    another host's, an older version's (no process in the name), a file or a link."""
    from generator.site import pagefind

    site = tmp_path / "site"
    site.mkdir()
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        import socket

        host = socket.gethostname()
        stale = [tmp_path / f".pagefind-index-{ended.pid}@{host}~abc_123",
                 tmp_path / f".pagefind-shard-{ended.pid}@{host}~x9"]
        kept = [tmp_path / f".pagefind-index-{live.pid}@{host}~abc", tmp_path / ".pagefind-index-oldstyle",
                tmp_path / f".pagefind-index-{os.getpid()}@{host}~mine",
                tmp_path / f".pagefind-index-{ended.pid}@another-host.example~abc"]  # a process we cannot see
        for folder in stale + kept:
            (folder / "fragment").mkdir(parents=True)
            (folder / "fragment" / "en_1.pf_fragment").write_text("x")
        (tmp_path / f".pagefind-index-{ended.pid}@{host}~file").write_text("not a folder")
        (tmp_path / f".pagefind-shard-{ended.pid}@{host}~link").symlink_to(kept[1])
        removed = pagefind._remove_stale_staging(site)
        assert sorted(removed) == sorted(f.name for f in stale)
        assert not any(f.exists() for f in stale)
        assert all(f.is_dir() for f in kept)
        assert (tmp_path / f".pagefind-index-{ended.pid}@{host}~file").exists()
        assert (tmp_path / f".pagefind-shard-{ended.pid}@{host}~link").is_symlink()
    finally:
        live.kill()
        live.wait()


def test_a_run_names_its_folders_after_its_process(tmp_path, monkeypatch):
    from generator.site import pagefind

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<article data-pagefind-body><p>x</p></article>")
    seen = []

    def fake_run(cmd, check):
        output = Path(cmd[cmd.index("--output-path") + 1])
        seen.append(output.name)
        (output / "pagefind-entry.json").write_text("{}")

    monkeypatch.setattr(pagefind.subprocess, "run", fake_run)
    pagefind.index_site(site, shard_mb=0)
    import socket

    assert seen and seen[0].startswith(f".pagefind-index-{os.getpid()}@{socket.gethostname()}~")
    assert not list(tmp_path.glob(".pagefind-*"))
