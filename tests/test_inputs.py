"""Editor-written YAML and raw article bytes: clear one-line errors naming file, line and field."""
import codecs
from pathlib import Path

import pytest

from generator.read.seeds import decode_article, load_sidecar, read_seeds
from generator.read.register import load_register


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize("yaml_text,expect", [
    ("actors:\n  - name: A\n    type: persn\n", "register.yml:3: error: actors: 'A': type: 'persn' is not one of"),
    ("actors:\n  - type: person\n", "register.yml:2: error: actors[0]: 'name' is a required property"),
    ("actors: [\n", "register.yml:2: error: invalid YAML"),
    ("bases:\n  - name: B\n    coordinates: [95, 10]\n", "register.yml:3: error: bases: 'B': coordinates[0]: 95"),
    ("actors:\n  - name: A\n    type: person\n    colour: red\n",
     "register.yml:4: error: actors: 'A': colour: unknown field (valid: name, type, aliases,"),
    ("people: []\n", "register.yml:1: error: people: unknown field (valid: actors, bases)"),
    ("bases:\n  - name: B\n    coordinates: [.nan, 10]\n", "register.yml:3: error: bases: 'B': coordinates: [nan, 10]"),
])
def test_register_errors_name_file_line_and_field(tmp_path, yaml_text, expect):
    _, problems = load_register(write(tmp_path, "register.yml", yaml_text), "register.yml")
    assert problems and expect in str(problems[0]), [str(p) for p in problems]


@pytest.mark.parametrize("yaml_text, expect", [
    # An entry is named as the editor wrote it, and the line says what became of it.
    ("actors:\n  - name: Yehia Rasool\n    type: persn\n",
     "register.yml:3: error: actors: 'Yehia Rasool': type: 'persn' is not one of ['person', 'organization'] — entry ignored"),
    ("actors:\n  - name: Kilo Brigade\n", "register.yml:2: error: actors: 'Kilo Brigade': 'type' is a required property — entry ignored"),
    ("bases:\n  - name: Camp X\n    colour: red\n", "register.yml:3: error: bases: 'Camp X': colour: unknown field"),
    ("bases:\n  - name: Camp X\n    coordinates: [.nan, 10]\n", "error: bases: 'Camp X': coordinates: [nan, 10] is not a pair of finite numbers — entry ignored"),
    ("actors:\n  - name: A Group\n    type: organization\n  - name: a group\n    type: organization\n",
     "register.yml:4: error: actors: 'a group': name: 'a group' is already claimed by 'A Group'; ignored here — entry ignored"),
    # Without a usable name, the position is all there is.
    ("actors:\n  - type: person\n", "register.yml:2: error: actors[0]: 'name' is a required property — entry ignored"),
    ("actors:\n  - name: 7\n    type: person\n", "register.yml:2: error: actors[0].name: 7 is not of type 'string' — entry ignored"),
    ("actors:\n  - name: ' '\n    type: person\n", "error: actors[0].name: "),
])
def test_register_errors_name_the_entry_not_its_position(tmp_path, yaml_text, expect):
    _, problems = load_register(write(tmp_path, "register.yml", yaml_text), "register.yml")
    assert problems and expect in str(problems[0]), [str(p) for p in problems]


def test_one_bad_entry_does_not_drop_the_rest(tmp_path):
    reg, problems = load_register(write(tmp_path, "register.yml",
        "actors:\n  - name: Good One\n    type: person\n  - name: Bad\n    type: robot\n"), "register.yml")
    assert [e.name for e in reg.entries] == ["Good One"] and len(problems) == 1


def test_alias_claimed_by_two_entities_is_reported_and_kept_once(tmp_path):
    reg, problems = load_register(write(tmp_path, "register.yml",
        "actors:\n  - name: Alpha Group\n    type: organization\n    aliases: [AG]\n"
        "  - name: Another Group\n    type: organization\n    aliases: [AG, Another]\n"), "register.yml")
    assert len(problems) == 1
    assert "register.yml:7: error: actors: 'Another Group': aliases[0]: 'AG' is already claimed by 'Alpha Group'; ignored here" in str(problems[0])
    assert reg.find("AG", "actor").name == "Alpha Group"
    assert reg.find("Another", "actor").name == "Another Group"


def test_register_finds_transliterations(tmp_path):
    reg, _ = load_register(write(tmp_path, "register.yml",
        "actors:\n  - name: Yehia Rasool\n    type: person\n"), "register.yml")
    assert reg.find("Yahya Rasool", "actor").name == "Yehia Rasool"
    assert reg.find("Yehia Rasool", "base") is None


@pytest.mark.parametrize("yaml_text,expect", [
    ("date: 2023-13-01\n", "x.yml:1: error: date: '2023-13-01' is not a real date"),
    ("date: yesterday\n", "x.yml:1: error: date: 'yesterday' does not match"),
    ("url: javascript:alert(1)\n", "x.yml:1: error: url: 'javascript:alert(1)' does not match"),
    ("- a list\n", "must be a mapping"),
    ("title: [unclosed\n", "invalid YAML"),
])
def test_sidecar_errors(tmp_path, yaml_text, expect):
    _, problems = load_sidecar(write(tmp_path, "x.yml", yaml_text), "x.yml")
    assert expect in str(problems[0]), [str(p) for p in problems]


@pytest.mark.parametrize("yaml_text, expect", [
    # An unknown field is named at its own line (not the mapping's first), with the closest valid one.
    ("date: 2024-01-02\ntitel: Typo\nsource: AFP\n",
     "x.yml:2: error: titel: unknown field, ignored; did you mean 'title'? (valid: title, date, source, url, "
     "dateline, actors, bases, quotes, events)"),
    ("dateline:\n  place: Baghdad\n  agncy: EFE\n",
     "x.yml:3: error: dateline.agncy: unknown field, ignored; did you mean 'agency'? (valid: place, agency)"),
    ("quotes:\n  - text: hi\n    speaker: A\n    speker: B\n",
     "x.yml:4: error: quotes[0].speker: unknown field, ignored; did you mean 'speaker'?"),
    ("colour: red\n", "x.yml:1: error: colour: unknown field, ignored (valid: title,"),
    # A dateline that is neither a place nor a mapping says which forms are meant.
    ("dateline: [Baghdad, EFE]\n", "x.yml:1: error: dateline: ['Baghdad', 'EFE'] is not a dateline: write "
     "`dateline: Baghdad` or `dateline: {place: Baghdad, agency: EFE}` — field ignored"),
    ("url: 'ftp://x'\n", "x.yml:1: error: url: 'ftp://x' does not match: must be an absolute http:// or https:// URL"),
])
def test_sidecar_messages_say_where_and_what_to_write(tmp_path, yaml_text, expect):
    _, problems = load_sidecar(write(tmp_path, "x.yml", yaml_text), "x.yml")
    assert len(problems) == 1 and str(problems[0]).startswith(expect), [str(p) for p in problems]


def test_a_sidecars_valid_fields_apply_beside_a_bad_one(tmp_path):
    sidecar, problems = load_sidecar(write(tmp_path, "x.yml",
        "titel: Typo\ntitle: Right title\ndate: 2023-02-30\nsource: AFP\nurl: javascript:alert(1)\n"
        "dateline:\n  place: Basra\n  agncy: EFE\nactors:\n  drop: [Someone]\n  retyp: {A: base}\n"), "x.yml")
    assert [(p.line, p.field) for p in problems] == [
        (1, "titel"), (3, "date"), (5, "url"), (8, "dateline.agncy"), (11, "actors.retyp")]
    assert all(p.severity == "error" for p in problems)  # `build --strict` still fails on them
    assert (sidecar.title, sidecar.date, sidecar.source, sidecar.url) == ("Right title", None, "AFP", None)
    assert sidecar.dateline_place == "Basra" and sidecar.dateline_agency is None
    assert [(c.action, c.target) for c in sidecar.corrections] == [("drop", "Someone")]


@pytest.mark.parametrize("yaml_text, place, agency", [
    ("dateline: Baghdad\n", "Baghdad", None),
    ("dateline: {place: Baghdad, agency: EFE}\n", "Baghdad", "EFE"),
    ("dateline:\n  agency: AFP\n", None, "AFP"),
])
def test_a_dateline_can_be_just_the_place(tmp_path, yaml_text, place, agency):
    sidecar, problems = load_sidecar(write(tmp_path, "x.yml", yaml_text), "x.yml")
    assert problems == [] and (sidecar.dateline_place, sidecar.dateline_agency) == (place, agency)


def test_sidecar_values_stay_strings(tmp_path):
    sidecar, problems = load_sidecar(write(tmp_path, "x.yml", "title: 'NO'\nsource: '2024-01-01'\n"), "x.yml")
    assert problems == [] and sidecar.title == "NO" and sidecar.source == "2024-01-01"


@pytest.mark.parametrize("raw,expected_text,problem", [
    ("Caf\u00e9 news\n".encode("utf-8"), "Caf\u00e9 news\n", None),
    (codecs.BOM_UTF8 + "BOM text".encode(), "BOM text", None),
    ("UTF-16 text \u2014 ok".encode("utf-16"), "UTF-16 text \u2014 ok", None),
    ("Le ministre a d\u00e9clar\u00e9 \u00ab assez \u00bb \u00e0 Bagdad, cons\u00e9quence".encode("cp1252"),
     "Le ministre a d\u00e9clar\u00e9 \u00ab assez \u00bb \u00e0 Bagdad, cons\u00e9quence", "not UTF-8"),
    (b"", None, "is empty"),
    (b"   \n\t\n", None, "is empty"),
    (bytes(range(256)) * 20, None, "binary"),
    (b"Text with\x00 a NUL and \x07 bell", "Text with a NUL and  bell", "control characters"),
])
def test_decoding(raw, expected_text, problem):
    text, problems = decode_article(raw, "a.txt")
    assert text == expected_text
    if problem:
        assert any(problem in str(p) and str(p).startswith("a.txt: ") for p in problems), problems
    else:
        assert problems == []


def test_read_seeds_reports_duplicates_and_orphan_sidecars(tmp_path):
    write(tmp_path, "a.txt", "Headline\n\nBody text here.")
    write(tmp_path, "b.txt", "Headline\n\nBody text here.")
    write(tmp_path, "c.yml", "title: Orphan\n")
    seeds, problems = read_seeds(tmp_path)
    assert [s.stem for s in seeds] == ["a"]
    messages = " | ".join(map(str, problems))
    assert "b.txt: warning: is the same article as" in messages
    assert "c.yml: error: sidecar for a missing article (c.txt)" in messages


@pytest.mark.parametrize("where, path, label", [
    ("project", "seeds/a.txt", "seeds/a.txt"),
    ("project", "{project}/seeds/a.txt", "seeds/a.txt"),
    ("project", "{project}/seeds/../seeds/a.txt", "seeds/a.txt"),
    ("project", "{project}", "."),
    ("project", "{elsewhere}/a.txt", "{elsewhere}/a.txt"),  # outside the working directory: as given
    ("project", "{project}-copy/a.txt", "{project}-copy/a.txt"),  # a sibling sharing the name's start
    ("root", "{project}/seeds/a.txt", "{project_rel}/seeds/a.txt"),  # the working directory is /
])
def test_a_file_is_named_relative_to_the_working_directory(tmp_path, monkeypatch, where, path, label):
    from generator.read.seeds import file_label

    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    project.mkdir()
    monkeypatch.chdir(project if where == "project" else "/")
    names = {"project": str(project), "elsewhere": str(elsewhere), "project_rel": str(project).lstrip("/")}
    assert file_label(Path(path.format(**names))) == label.format(**names)
