"""benchmarks/audit.py: two runs of the extract contract compared, dates checked, a run listed."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("audit", ROOT / "benchmarks" / "audit.py")
audit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit)


def _article(file, actors=(), bases=(), quotes=(), date=None):
    return {"file": f"/corpus/{file}", "title": "t", "date": date, "dateline": None,
            "actors": [{"name": n, "type": t, "aliases": [n]} for n, t in actors],
            "bases": [{"name": n, "aliases": [n]} for n in bases],
            "quotes": [{"speaker": s, "text": q} for q, s in quotes]}


BEFORE = [
    _article("a.txt", actors=[("Lib Dem", "person"), ("Mark Oaten", "person"), ("Motors", "person")],
             bases=["Harir Air Base"], quotes=[("deeply flawed", "Lib Dem"), ("a start", None)]),
    _article("b.txt", actors=[("ABN Amro", "person")], quotes=[("Markets will recover", "ABN Amro")]),
]
AFTER = [
    _article("a.txt", actors=[("Mark Oaten", "person"), ("General Motors", "organization")],
             quotes=[("deeply flawed", "Mark Oaten"), ("a start", None)]),
    _article("b.txt", actors=[("ABN Amro", "organization"), ("Eddie Wong", "person")],
             quotes=[("Markets will recover", "Eddie Wong")]),
]


def _write(tmp_path: Path, name: str, data) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_compare_counts_every_kind_of_change(tmp_path):
    lines, totals, moves = audit.compare(audit.load_run(_write(tmp_path, "after.json", AFTER)),
                                         audit.load_run(_write(tmp_path, "before.json", BEFORE)))
    assert totals == {"articles": 2, "actors gone": 2, "actors new": 2, "actors retyped": 1, "bases gone": 1,
                      "bases new": 0, "quotes with another speaker": 2}
    assert moves == {("Lib Dem", "Mark Oaten"): 1, ("ABN Amro", "Eddie Wong"): 1}
    assert "a.txt" in lines and "  retyped: ABN Amro person -> organization" in lines
    assert "  bases: gone ['Harir Air Base'], new -" in lines


def test_an_unchanged_run_prints_nothing_per_article(tmp_path):
    lines, totals, moves = audit.compare(audit.load_run(_write(tmp_path, "a.json", BEFORE)),
                                         audit.load_run(_write(tmp_path, "b.json", BEFORE)))
    assert lines == [] and not moves and totals["quotes with another speaker"] == 0


@pytest.mark.parametrize("gold", [
    {"a.txt": "2020-03-23", "b.txt": "2019-09-28", "c.txt": "2020-01-01"},
    {"https://x.example/a": {"file": "a.txt", "date": "2020-03-23"},  # htmldate's form
     "https://x.example/b": {"file": "b.txt", "date": "2019-09-28"},
     "https://x.example/c": {"file": "c.txt", "date": "2020-01-01"}},
])
def test_dates_right_none_and_another(tmp_path, gold):
    run = [_article("a.txt", date="2020-03-23"), _article("b.txt", date="1912-09-28"), _article("c.txt")]
    counts, wrong = audit.check_dates(audit.load_run(_write(tmp_path, "run.json", run)),
                                      audit.load_gold_dates(_write(tmp_path, "gold.json", gold)))
    assert counts == {"right": 1, "wrong": 1, "none": 1}
    assert wrong == ["b.txt: 1912-09-28 (gold 2019-09-28)"]


def test_the_command_line(tmp_path, capsys):
    after, before = _write(tmp_path, "after.json", AFTER), _write(tmp_path, "before.json", BEFORE)
    assert audit.main([str(after), "--compare", str(before)]) == 0
    out = capsys.readouterr().out
    assert "   1  Lib Dem -> Mark Oaten" in out and "quotes with another speaker 2" in out
    assert audit.main([str(after)]) == 0
    assert "b.txt | ABN Amro [org]; Eddie Wong [per] | bases: " in capsys.readouterr().out
