"""Shared helper for the blind-set guards: score a folder of composed articles with the eval scorer.

Each blind folder holds `*.txt` articles and one gold YAML per article in the
schema of ../shared/eval/gold/. The scorer's own functions
(../shared/eval/score.py) compute the figures, so the guards measure exactly
what the external evaluation measures. Tests skip cleanly when the scorer is
not available.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml

from generator.extract import extract, to_contract_json
from generator.register import load_register

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def load_scorer():
    if not SCORER.is_file():
        pytest.skip("../shared/eval/score.py is not available")
    spec = importlib.util.spec_from_file_location("blind_eval_score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def score_folder(folder: Path, min_articles: int = 15) -> tuple[dict[str, float], list[str]]:
    """Figures (title, date, dateline, *_f1, type_acc, speaker_acc) and a log of every miss."""
    score = load_scorer()
    register, _ = load_register(ROOT / "register.yml")
    golds = sorted(folder.glob("*.yml"))
    assert len(golds) >= min_articles
    acc = {k: [0, 0] for k in ("title", "date", "dateline", "type", "speaker")}
    tallies = {k: score.Tally() for k in ("actors", "bases", "quotes")}
    log: list[str] = []
    for gpath in golds:
        gold = yaml.safe_load(gpath.read_text(encoding="utf-8"))
        text = (folder / gold["file"]).read_text(encoding="utf-8")
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


def gold_files(folder: Path) -> set[str]:
    return {yaml.safe_load(p.read_text(encoding="utf-8"))["file"] for p in folder.glob("*.yml")}
