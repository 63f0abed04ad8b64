"""A crash inside extraction becomes a warning naming the file and the exception, never an empty page in silence."""
from __future__ import annotations

from pathlib import Path

import pytest

import generator.extract as extract_mod
from generator.models import Hints
from generator.read.seeds import metadata_problems
from generator.models import SeedFile
from generator.read.register import Register


@pytest.mark.parametrize("exc,shown", [
    (ValueError("bad span"), "ValueError: bad span"),
    (IndexError("list index out of range"), "IndexError: list index out of range"),
    (RecursionError("deep"), "RecursionError: deep"),
])
def test_a_crash_is_reported_with_the_file_and_the_exception(monkeypatch, exc, shown):
    def boom(text, register, hints):
        raise exc
    monkeypatch.setattr(extract_mod, "_extract", boom)
    ex = extract_mod.extract("Any text.", Register(), Hints())
    assert ex.error == shown and ex.actors == () and ex.title is None
    seed = SeedFile("x", Path("seeds/x.txt"), "Any text.", "d", None)
    problems = [p for p in metadata_problems([seed], {"x": ex}) if "extraction failed" in p.message]
    assert len(problems) == 1
    assert problems[0].severity == "warning" and shown in problems[0].message and "x.txt" in str(problems[0])


def test_a_normal_article_reports_no_failure():
    ex = extract_mod.extract("BAGHDAD (Reuters) - The ministry said the strike hit a depot.", Register(), Hints())
    assert ex.error is None
