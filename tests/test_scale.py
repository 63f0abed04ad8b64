"""Smoke tests of the scale benchmark's corpus and harness (tiny N, no timing assertions).

The speed targets live in `benchmarks/run.py` (`make bench`), never here.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import synthesise  # noqa: E402
from project_files import use_synthetic_seeds  # noqa: E402


def test_corpus_is_deterministic_and_varied(tmp_path):
    a = synthesise(40, tmp_path / "a")
    b = synthesise(40, tmp_path / "b")
    assert [p.name for p in a] == [p.name for p in b]
    assert all(x.read_text() == y.read_text() for x, y in zip(a, b))
    texts = [p.read_text(encoding="utf-8") for p in a]
    assert len(set(texts)) == len(texts)
    seeds = (ROOT / "seeds").glob("*.txt")
    assert not {s.read_text(encoding="utf-8") for s in seeds} & set(texts), "must not copy the seeds"
    assert sum("\u201c" in t for t in texts) > 30  # quotes
    assert len({t.split("\n", 1)[0] for t in texts}) > 20  # varied openings


def test_corpus_extracts_dates_actors_bases_and_quotes(tmp_path):
    from generator.extract import extract
    from generator.read.register import load_register

    register, _ = load_register(ROOT / "register.yml")
    exs = [extract(p.read_text(encoding="utf-8"), register) for p in synthesise(30, tmp_path / "s")]
    assert sum(1 for e in exs if e.date) >= 15
    assert sum(1 for e in exs if e.actors) >= 25
    assert sum(1 for e in exs if e.bases) >= 20
    assert sum(len(e.quotes) for e in exs) >= 30
    years = {e.date.year for e in exs if e.date}
    assert len(years) >= 2


@pytest.mark.e2e
def test_benchmark_harness_runs_end_to_end(tmp_path):
    """The whole harness at N=20: generator runs, mkdocs build, Pagefind, the daily loop (two cold
    `make site` runs, the median's seconds reported with both), the table."""
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--n", "20", "--skip-serve", "--skip-hugo",
         "--cold-runs", "2", "--json", str(out)],
        capture_output=True, text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "| Measure | Result |" in result.stdout
    data = json.loads(out.read_text())
    assert data["gen_cold"]["articles"] == 20
    assert data["gen_noop"]["extracted"] == 0
    assert data["gen_one"]["extracted"] == 1
    assert data["mkdocs_lunr"]["index"] > 0
    assert data["mkdocs_pagefind"]["index_files"] > 0
    loop = data["make_site"]
    assert len(loop["cold_runs"]) == 2 and loop["cold_s"] == min(loop["cold_runs"])  # the lower of two
    assert "(median of 2: " in result.stdout


@pytest.mark.e2e
def test_year_pages_are_left_out_of_both_search_indexes(project_copy):
    """Pages of a year's record repeat the articles' text: neither lunr nor Pagefind indexes them."""
    use_synthetic_seeds(project_copy, 400, seed=7)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    gen = subprocess.run([sys.executable, "-m", "generator", "build", "--quiet"], cwd=project_copy, env=env,
                         capture_output=True, text=True, timeout=600)
    assert gen.returncode == 0, gen.stderr
    docs = project_copy / "content" / "archive"
    year_pages = {p.relative_to(docs).with_suffix("").as_posix() + "/"
                  for p in [*docs.glob("actors/*/*.md"), *docs.glob("bases/*/*.md"), *docs.glob("quotes-by-date/*.md")]}
    assert any(p.startswith("actors/") for p in year_pages) and any(p.startswith("quotes-by-date/") for p in year_pages)
    for backend in ("lunr", "pagefind"):
        site = project_copy / f"site-{backend}"
        r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                           cwd=project_copy, capture_output=True, text=True, timeout=600,
                           env={**env, "BRIEFING_SKIP_GENERATE": "1", "BRIEFING_SEARCH": backend})
        assert r.returncode == 0, r.stderr
        pages = {p.relative_to(site / "archive").parent.as_posix() + "/": p.read_text(encoding="utf-8")
                 for p in (site / "archive").rglob("index.html")}
        if backend == "lunr":
            entries = json.loads((site / "search" / "search_index.json").read_text())["docs"]
            indexed = {e["location"].split("#")[0].removeprefix("archive/") for e in entries}
            assert not indexed & year_pages
            assert {"actors/", "quotes/"} <= indexed
            continue
        subprocess.run([sys.executable, "-m", "generator.site.pagefind", "--site", str(site)], cwd=project_copy,
                       env={**env, "BRIEFING_SEARCH": backend}, check=True, capture_output=True, timeout=600)
        bodies = {url for url, text in pages.items() if "data-pagefind-body" in text}
        assert not bodies & year_pages
        assert len(bodies) > 400
        entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
        counted = sum(lang["page_count"] for lang in entry["languages"].values())
        assert counted == sum("data-pagefind-body" in p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
