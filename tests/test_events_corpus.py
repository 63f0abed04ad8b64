"""Events on real and synthetic articles (issue 16 "Must show"): the seeds' condemnation told by three
outlets is one event; a base's events are listed; clustering on a synthetic corpus whose stories are
known keeps pairwise precision and recall at 0.95 or more."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from generator import pipeline
from generator.extract.incidents import CONDEMNATION
from generator.models import ATTACK
from generator.project import Project

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import synthesise  # noqa: E402
from events_quality import score_project  # noqa: E402


@pytest.fixture(scope="module")
def seeds_build():
    return pipeline.run(Project(root=ROOT))


def test_one_condemnation_reported_by_three_outlets_is_one_event(seeds_build):
    archive = seeds_build.archive
    condemnations = [e for e in archive.events if e.sub_type == CONDEMNATION and len(e.reports) >= 2]
    assert len(condemnations) == 1
    (event,) = condemnations
    assert len(event.reports) == 3
    assert len({r.article.source for r in event.reports}) == 3  # three outlets
    assert event.actors_with("condemner") == ["Iraqi government"]
    assert event.country == "Iraq"
    assert [r.article.date for r in event.reports] == sorted(r.article.date for r in event.reports)  # first first
    assert event.precision in ("day", "week") and event.date.isoformat() == "2023-10-23"
    page = next(p for p in seeds_build.pages if p.path == event.path)
    for r in event.reports:
        assert r.article.source in page.text


def test_a_base_page_lists_its_events(seeds_build):
    archive = seeds_build.archive
    bases = [b for b in archive.bases.values() if archive.events_of_entity.get(("base", b.name))]
    assert bases
    for base in bases:
        page = next(p for p in seeds_build.pages if p.path == base.path)
        for event in archive.events_of_entity[("base", base.name)]:
            assert event.path.rsplit("/", 1)[1] in page.text
    located = [e for e in archive.events if e.type == ATTACK]
    assert located and all(e.coordinates for e in located if e.base in {b.name for b in bases if b.entry})


def test_clustering_on_a_synthetic_corpus(tmp_path):
    shutil.copy(ROOT / "register.yml", tmp_path / "register.yml")
    synthesise(200, tmp_path / "seeds", seed=16)
    score = score_project(tmp_path)
    assert score["true_pairs"] > 20  # the corpus has stories carried by several outlets
    assert score["precision"] >= 0.95, score
    assert score["recall"] >= 0.95, score


def test_articles_added_to_a_corpus_keep_the_truth_of_the_ones_there(tmp_path):
    """benchmarks/corpus.py: a second batch (the benchmark's "10 articles added") adds its stories'
    truth after the first batch's, never renumbering or dropping it."""
    import json

    from corpus import truth_file

    seeds = tmp_path / "seeds"
    synthesise(30, seeds, seed=1)
    first = json.loads(truth_file(seeds).read_text(encoding="utf-8"))
    added = synthesise(6, seeds, seed=2)
    both = json.loads(truth_file(seeds).read_text(encoding="utf-8"))
    assert {k: v for k, v in both.items() if k in first} == first
    new = {p.stem: both[p.stem] for p in added}
    assert len(both) == 36 and min(new.values()) > max(first.values())
