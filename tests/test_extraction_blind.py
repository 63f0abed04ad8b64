"""Generalisation guard: the extractor on a blind set of composed articles.

tests/extraction_blind/ holds 15 articles in the shapes of outlets that are not
in the dev set (Reuters, AP, AFP, Al-Monitor, Rudaw, Kurdistan24, Shafaq News,
The National, Al Jazeera, DoD and CENTCOM releases, Middle East Eye, a Times of
Israel liveblog, Tasnim, a messy scrape), each with a gold YAML annotated under
the conventions of ../shared/eval/README.md before the extractor was run on it.
The scorer's own functions (../shared/eval/score.py) compute the figures; the
floors sit a little under what the extractor reaches, so a change that loses
generality fails here even when the dev set still scores 1.00.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml

from generator.extract import extract, to_contract_json
from generator.register import load_register

ROOT = Path(__file__).resolve().parents[1]
BLIND = Path(__file__).with_name("extraction_blind")
SCORER = ROOT.parent / "shared" / "eval" / "score.py"

FLOORS = {
    "title": 0.90,
    "date": 0.90,
    "dateline": 0.90,
    "actors_f1": 0.93,
    "bases_f1": 0.93,
    "quotes_f1": 0.95,
    "type_acc": 0.95,
    "speaker_acc": 0.93,
}


def _scorer():
    if not SCORER.is_file():
        pytest.skip("../shared/eval/score.py is not available")
    spec = importlib.util.spec_from_file_location("blind_eval_score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def figures():
    score = _scorer()
    register, _ = load_register(ROOT / "register.yml")
    golds = sorted(BLIND.glob("*.yml"))
    assert len(golds) >= 15
    acc = {k: [0, 0] for k in ("title", "date", "dateline", "type", "speaker")}
    tallies = {k: score.Tally() for k in ("actors", "bases", "quotes")}
    log: list[str] = []
    for gpath in golds:
        gold = yaml.safe_load(gpath.read_text(encoding="utf-8"))
        text = (BLIND / gold["file"]).read_text(encoding="utf-8")
        pred = to_contract_json(gold["file"], extract(text, register))
        lines: list[str] = []
        r = score.score_file(gold, pred, lines.append)
        log.extend(f"{gold['file']}: {line.strip()}" for line in lines)
        for k in ("title", "date", "dateline"):
            acc[k][0] += r[k]
            acc[k][1] += 1
            if not r[k]:
                log.append(f"{gold['file']}: {k} wrong")
        acc["type"][0] += r["type_ok"]
        acc["type"][1] += r["type_n"]
        acc["speaker"][0] += r["speaker_ok"]
        acc["speaker"][1] += r["speaker_n"]
        for k, (m, ng, np_) in r["res"].items():
            tallies[k].add(m, ng, np_)
    out = {k: ok / n if n else 1.0 for k, (ok, n) in acc.items() if k not in ("type", "speaker")}
    out["type_acc"] = acc["type"][0] / acc["type"][1] if acc["type"][1] else 1.0
    out["speaker_acc"] = acc["speaker"][0] / acc["speaker"][1] if acc["speaker"][1] else 1.0
    for k, t in tallies.items():
        out[f"{k}_f1"] = t.prf()[2]
    return out, log


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_blind_set_stays_above_floor(figures, figure):
    values, log = figures
    assert values[figure] >= FLOORS[figure], (f"{figure}={values[figure]:.2f} < {FLOORS[figure]}", log)


def test_every_blind_article_has_gold():
    texts = {p.name for p in BLIND.glob("*.txt")}
    golds = {yaml.safe_load(p.read_text(encoding="utf-8"))["file"] for p in BLIND.glob("*.yml")}
    assert texts == golds
