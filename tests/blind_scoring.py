"""Shared helper for the blind-set guards: score a folder of composed articles with the eval scorer.

Each blind folder holds `*.txt` articles and one gold YAML per article in the
schema of ../shared/eval/gold/. The scorer's own functions
(../shared/eval/score.py) compute the figures, so the guards measure exactly
what the external evaluation measures. Tests skip cleanly when the scorer is
not available.

The same functions serve benchmarks/quality.py (the per-set quality report),
which is why the scorer lookup, the prediction pass and the SUMMARY tally are
separate from the pytest-only parts.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import yaml

from generator.extract import extract, to_contract_json
from generator.read.register import load_register

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def find_scorer(path: Path = SCORER):
    """The eval scorer as a module, or None when ../shared is not there (no skip: scripts use it too)."""
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("blind_eval_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_scorer():
    import pytest

    mod = find_scorer()
    if mod is None:
        pytest.skip("../shared/eval/score.py is not available")
    return mod


def read_article(path: Path) -> str:
    """The text as `python -m generator extract` reads it (same decoding, so the same figures)."""
    try:
        from generator.read.seeds import decode_article
    except ImportError:  # pragma: no cover - an older checkout
        return path.read_text(encoding="utf-8", errors="replace")
    text, _problems = decode_article(path.read_bytes(), str(path))
    return text or ""


def predict_folder(gold_dir: Path, text_dir: Path, register) -> list[tuple[dict, dict, str]]:
    """(gold, prediction, text) for every gold YAML of gold_dir, the text read from text_dir."""
    out = []
    for gpath in sorted(gold_dir.glob("*.yml")):
        gold = yaml.safe_load(gpath.read_text(encoding="utf-8"))
        text = read_article(text_dir / gold["file"])
        out.append((gold, to_contract_json(gold["file"], extract(text, register)), text))
    return out


def summarise(score, pairs, log: list[str] | None = None) -> dict:
    """The figures of score.py's SUMMARY line, computed with its own score_file and Tally.

    Counts (title, date, dateline, date_stated, date_wrong) as `[ok, n]` or int, and
    P/R/F1 per kind, type_acc, speaker_acc as floats."""
    acc = {k: [0, 0] for k in ("title", "date", "dateline", "type", "speaker", "date_stated")}
    tallies = {k: score.Tally() for k in ("actors", "bases", "quotes")}
    wrong = 0
    for gold, pred, *_ in pairs:
        lines: list[str] = []
        r = score.score_file(gold, pred, lines.append)
        if log is not None:
            log.extend(f"{gold['file']}: {line.strip()}" for line in lines)
            log.extend(f"{gold['file']}: {k} wrong" for k in ("title", "date", "dateline") if not r[k])
        for k in ("title", "date", "dateline"):
            acc[k][0] += r[k]
            acc[k][1] += 1
        if r["date_stated"]:
            acc["date_stated"][0] += r["date"]
            acc["date_stated"][1] += 1
        wrong += r["date_wrong"]
        for k in ("type", "speaker"):
            acc[k][0] += r[f"{k}_ok"]
            acc[k][1] += r[f"{k}_n"]
        for k, (m, ng, np_) in r["res"].items():
            tallies[k].add(m, ng, np_)
    out: dict = {k: acc[k] for k in ("title", "date", "dateline", "date_stated")}
    out["date_wrong"] = wrong
    for k, t in tallies.items():
        out[f"{k}_P"], out[f"{k}_R"], out[f"{k}_F1"] = t.prf()
    for k in ("type", "speaker"):
        ok, n = acc[k]
        out[f"{k}_acc"] = ok / n if n else 1.0
    out["articles"] = len(pairs)
    return out


def score_folder(folder: Path, min_articles: int = 15) -> tuple[dict[str, float], list[str]]:
    """Figures (title, date, dateline, *_f1, type_acc, speaker_acc) and a log of every miss."""
    score = load_scorer()
    register, _ = load_register(ROOT / "register.yml")
    pairs = predict_folder(folder, folder, register)
    assert len(pairs) >= min_articles
    log: list[str] = []
    s = summarise(score, pairs, log)
    out = {k: ok / n if n else 1.0 for k in ("title", "date", "dateline") for ok, n in [s[k]]}
    out.update({k: s[k] for k in ("type_acc", "speaker_acc")})
    out.update({f"{k}_f1": s[f"{k}_F1"] for k in ("actors", "bases", "quotes")})
    return out, log


def gold_files(folder: Path) -> set[str]:
    return {yaml.safe_load(p.read_text(encoding="utf-8"))["file"] for p in folder.glob("*.yml")}
