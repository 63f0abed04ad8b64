"""The error-cause classifier of benchmarks/quality.py, on a composed article (no ../shared needed).

Each row spoils one field of a prediction that otherwise equals the gold, and
expects exactly one count of exactly one cause.
"""
from __future__ import annotations

import copy
import importlib.util
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("quality_report", ROOT / "benchmarks" / "quality.py")
quality = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(quality)
SC = quality.FallbackScorer  # the scorer's matching rules, so the test runs without ../shared

TEXT = """Kessler Group hails start of harbour repairs in Port Valen

PORT VALEN, March 4 (Nordwire) - Repairs began on Monday at Port Valen, where Minister Marta Velle said \
"the work will take a year" and the fleet of Blue Ferries would wait.

Ilse Brand of the Harbour Board said the base at Camp Orrin Airfield was closed to traffic until the end \
of the month, and Camp Harlow Depot with it.
"""
GOLD = {
    "file": "x.txt",
    "title": "Kessler Group hails start of harbour repairs in Port Valen",
    "date": "2024-03-04",
    "dateline": {"place": "Port Valen", "agency": "Nordwire"},
    "actors": [{"name": "Marta Velle", "type": "person", "aliases": []}],
    "bases": [{"name": "Camp Orrin Airfield", "aliases": []}],
    "quotes": [{"speaker": "Marta Velle", "text_start": "the work will take"}],
}
PRED = {
    "file": "x.txt",
    "title": GOLD["title"],
    "date": "2024-03-04",
    "dateline": {"place": "Port Valen", "agency": "Nordwire"},
    "actors": [{"name": "Marta Velle", "type": "person", "aliases": ["Marta Velle"]}],
    "bases": [{"name": "Camp Orrin Airfield", "aliases": []}],
    "quotes": [{"speaker": "Marta Velle", "text": "the work will take a year"}],
}


def _actor(name, type_="organization"):
    return {"name": name, "type": type_, "aliases": []}


def _base(name):
    return {"name": name, "aliases": []}


# (cause, change to the gold, change to the prediction)
ROWS = [
    ("title_wrong", None, lambda p: p.update(title="Port Valen")),
    ("dateline_wrong", None, lambda p: p.update(dateline=None)),
    ("date_missed", None, lambda p: p.update(date=None)),
    ("date_wrong", None, lambda p: p.update(date="2024-03-05")),
    ("actor_furniture", None, lambda p: p["actors"].append(_actor("Kessler Group"))),  # headline only
    ("actor_place", lambda g: g["bases"].append(_base("Port Valen")),
     lambda p: (p["actors"].append(_actor("Port Valen")), p["bases"].append(_base("Port Valen")))),
    ("actor_wrong_type", None, lambda p: p["actors"][0].update(type="organization")),
    ("actor_cut_short", None, lambda p: p["actors"][0].update(name="Velle", aliases=["Velle"])),
    ("actor_too_long", None, lambda p: p["actors"][0].update(name="Minister Marta Velle", aliases=[])),
    ("actor_junk", None, lambda p: p["actors"].append(_actor("Blue Ferries"))),
    ("actor_missed", lambda g: g["actors"].append(_actor("Ilse Brand", "person")), None),
    ("base_furniture", None, lambda p: p["bases"].append(_base("Kessler Group"))),
    ("base_cut_short", None, lambda p: p["bases"][0].update(name="Orrin Airfield")),
    ("base_too_long", lambda g: g["bases"].append(_base("Harlow")),
     lambda p: p["bases"].append(_base("Camp Harlow Depot"))),
    ("base_junk", None, lambda p: p["bases"].append(_base("Harbour Board"))),
    ("base_missed", lambda g: g["bases"].append(_base("Camp Harlow Depot")), None),
    ("speaker_wrong", None, lambda p: p["quotes"][0].update(speaker="Ilse Brand")),
    ("speaker_missing", None, lambda p: p["quotes"][0].update(speaker=None)),
    ("speaker_guessed", lambda g: g["quotes"][0].update(speaker=None), None),
    ("quote_missed", lambda g: g["quotes"].append({"speaker": None, "text_start": "closed to traffic"}), None),
    ("quote_extra", None, lambda p: p["quotes"].append({"speaker": None, "text": "closed to traffic"})),
]


def test_the_untouched_prediction_has_no_error():
    assert +quality.classify(SC, GOLD, PRED, TEXT) == Counter()


@pytest.mark.parametrize("cause,spoil_gold,spoil_pred", ROWS, ids=[r[0] for r in ROWS])
def test_each_cause_is_counted_once(cause, spoil_gold, spoil_pred):
    gold, pred = copy.deepcopy(GOLD), copy.deepcopy(PRED)
    for spoil, target in ((spoil_gold, gold), (spoil_pred, pred)):
        if spoil:
            spoil(target)
    assert +quality.classify(SC, gold, pred, TEXT) == Counter({cause: 1})


def test_every_cause_has_a_row():
    assert {r[0] for r in ROWS} == set(quality.CAUSES)


def test_cause_counts_render_as_markdown():
    summary = {"title": [1, 1], "date": [1, 1], "dateline": [1, 1], "date_stated": [1, 1], "date_wrong": 0,
               "articles": 1, "type_acc": 1.0, "speaker_acc": 1.0,
               **{f"{k}_{m}": 1.0 for k in ("actors", "bases", "quotes") for m in ("P", "R", "F1")}}
    report = {"sets": {"dev": {"summary": summary, "causes": dict.fromkeys(quality.CAUSES, 0)}}, "skipped": {}}
    before = copy.deepcopy(report)
    before["sets"]["dev"]["causes"]["date_wrong"] = 2
    md = quality.markdown(report, before)
    assert "| date_wrong | 2 → 0 |" in md and "| dev | 1 | 1/1 |" in md
