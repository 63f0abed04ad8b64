"""The register and sidecar dates (issue 13): a second `government_of` claim is reported, everyday words
and single letters are refused as aliases (acronyms stay), dates outside 1900-2100 are refused."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import Project, build
from generator.read.seeds import load_sidecar
from generator.read.register import load_register


def _register(tmp_path: Path, text: str):
    path = tmp_path / "register.yml"
    path.write_text(text, encoding="utf-8")
    return load_register(path, "register.yml")


GOVS = ("actors:\n  - name: Cabinet of Ruritania\n    type: organization\n    government_of: Ruritania\n"
        "  - name: Ruritanian Junta\n    type: organization\n    government_of: {country}\n")


@pytest.mark.parametrize("country, reported", [
    ("Ruritania", True),
    ("ruritania", True),
    ("Freedonia", False),
])
def test_a_second_government_of_the_same_country_is_reported(tmp_path, country, reported):
    reg, problems = _register(tmp_path, GOVS.format(country=country))
    lines = [str(p) for p in problems]
    if reported:
        assert lines == [f"register.yml:7: error: actors: 'Ruritanian Junta': government_of: {country!r} is "
                         "already claimed by 'Cabinet of Ruritania'; ignored here"]
        assert reg.government_of("Ruritania").name == "Cabinet of Ruritania"
        assert len(reg.entries) == 2  # the entry stays, without the claim
    else:
        assert lines == [] and reg.government_of("Freedonia").name == "Ruritanian Junta"


@pytest.mark.parametrize("alias, refused", [
    ("the", "is an everyday word"),
    ("The", "is an everyday word"),
    ("said", "is an everyday word"),
    ("base", "is an everyday word"),
    ("x", "is a single letter"),
    ("X.", "is a single letter"),
    ("US", None),
    ("UN", None),
    ("PMF", None),
    ("Kilo", None),
])
def test_aliases_that_are_everyday_words_or_one_letter_are_refused(tmp_path, alias, refused):
    reg, problems = _register(tmp_path, f"actors:\n  - name: Kilo Brigade\n    type: organization\n"
                                        f"    aliases: [{alias!r}]\n")
    lines = [str(p) for p in problems]
    if refused:
        assert lines == [f"register.yml:4: error: actors: 'Kilo Brigade': aliases[0]: {alias!r} {refused}; "
                         "an alias must be a name (acronyms in capitals are fine); ignored"]
        assert reg.find(alias, "actor") is None and reg.find("Kilo Brigade", "actor") is not None
    else:
        assert lines == [] and reg.find(alias, "actor").name == "Kilo Brigade"


@pytest.mark.parametrize("date, problem", [
    ("1899-12-31", "'1899-12-31' is outside 1900-2100"),
    ("0001-01-01", "'0001-01-01' is outside 1900-2100"),
    ("2101-01-01", "'2101-01-01' is outside 1900-2100"),
    ("9999-12-31", "'9999-12-31' is outside 1900-2100"),
    ("1900-01-01", None),
    ("2100-12-31", None),
])
def test_sidecar_dates_outside_1900_to_2100_are_refused(tmp_path, date, problem):
    path = tmp_path / "x.yml"
    path.write_text(f"date: {date}\ntitle: Kept\n")
    sidecar, problems = load_sidecar(path, "x.yml")
    lines = [str(p) for p in problems]
    if problem:
        assert len(lines) == 1 and lines[0].startswith(f"x.yml:1: error: date: {problem}"), lines
        assert sidecar.date is None and sidecar.title == "Kept"
    else:
        assert lines == [] and sidecar.date.isoformat() == date


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31", "1900-01-01"])
def test_no_sidecar_date_crashes_the_charts(tmp_path, date):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("First story\n\nBAGHDAD, Oct 3, 2023 - The council met to discuss the road.\n")
    (seeds / "b.txt").write_text("Second story\n\nBAGHDAD, Oct 9, 2023 - The council met again about the bridge.\n")
    (seeds / "b.yml").write_text(f"date: {date}\n")
    result = build(Project(root=tmp_path), jobs=1, progress=False)
    assert result.articles == 2
    assert (tmp_path / "content" / "archive" / "timeline.md").exists()
