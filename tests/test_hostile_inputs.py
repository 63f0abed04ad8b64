"""Bad files of every kind: a clear one-line problem naming the file, and the rest still builds."""
from __future__ import annotations

import codecs
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.read import seeds as reading
from generator.cli import main
from generator.problems import Problem
from generator.read.seeds import decode_article, load_sidecar, read_seeds
from generator.read.register import load_register
from generator.read.yamlfile import read_yaml

ARTICLE = "Rockets hit the base on Monday\n\nBAGHDAD, Oct 23, 2023 - Two rockets hit the base, officials said.\n"


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# --------------------------------------------------------------------------- decoding


@pytest.mark.parametrize("raw,expected,problem", [
    ("UTF-32 text".encode("utf-32"), "UTF-32 text", None),
    ("Sans BOM, d\u00e9clar\u00e9 \u00e0 Bagdad.\n\n".encode("utf-16-le") * 20, "Sans BOM, d\u00e9clar\u00e9",
     "UTF-16-LE without a byte-order mark"),
    ("Big-endian text with no mark at all.\n".encode("utf-16-be") * 20, "Big-endian text", "UTF-16-BE without"),
    (codecs.BOM_UTF16_LE + "ok ".encode("utf-16-le") + b"\x00\xd8" + "more".encode("utf-16-le"), "ok \ufffdmore",
     "is not valid UTF-16"),
    ("a\x02wzxhzdk:0\x03b \ufffe\uffff c\u2028d".encode(), "awzxhzdk:0b  cd", "control characters"),
    ("Caf\u00e9 \u00ab Bagdad \u00bb, cons\u00e9quence tr\u00e8s grave".encode("latin-1"), "Caf\u00e9 \u00ab",
     "not UTF-8; decoded as"),
    (bytes(range(128, 256)) * 10, None, "not text in any encoding"),
    (b"\x89PNG\r\n\x1a\n" + bytes(2000), None, "binary file"),
])
def test_decoding_hostile_bytes(raw, expected, problem):
    text, problems = decode_article(raw, "a.txt")
    if expected is None:
        assert text is None
    else:
        assert text is not None and text.startswith(expected), repr(text)
    if problem:
        assert any(problem in str(p) and str(p).startswith("a.txt: ") for p in problems), [str(p) for p in problems]
    else:
        assert problems == []


def test_a_ten_megabyte_article_is_cut_at_a_paragraph_with_a_warning_and_fast():
    paragraph = "Officials said the rockets struck the base on Monday and again on Tuesday. " * 20 + "\n\n"
    raw = ("A ten megabyte article\n\n" + paragraph * (10 * 1024 * 1024 // len(paragraph))).encode()
    assert len(raw) > 10_000_000
    started = time.perf_counter()
    text, problems = decode_article(raw, "big.txt")
    assert time.perf_counter() - started < 2
    assert text is not None and len(text) <= reading.MAX_ARTICLE_CHARS and text.rstrip().endswith(".")
    assert [p.severity for p in problems] == ["warning"]
    assert str(problems[0]).startswith("big.txt: warning: is 10,") and "only the first" in str(problems[0])


def test_files_over_the_hard_limit_are_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_ARTICLE_BYTES", 1000)
    write(tmp_path, "big.txt", "x" * 2000)
    write(tmp_path, "ok.txt", ARTICLE)
    read = []
    monkeypatch.setattr(Path, "read_bytes", lambda self, _orig=Path.read_bytes: read.append(self.name) or _orig(self))
    seeds, problems = read_seeds(tmp_path)
    assert [s.stem for s in seeds] == ["ok"] and "big.txt" not in read
    assert "big.txt: error: too large" in str(problems[0])


# --------------------------------------------------------------------------- the seeds folder


def test_same_article_in_another_encoding_and_line_ends_is_a_duplicate(tmp_path):
    text = "Le caf\u00e9 est ferm\u00e9 apr\u00e8s l'attaque\n\nBAGDAD - Le caf\u00e9 est ferm\u00e9, a dit le ministre.\n"
    write(tmp_path, "a.txt", text)
    write(tmp_path, "b.txt", text.replace("\n", "\r\n").encode("cp1252"))
    write(tmp_path, "c.txt", codecs.BOM_UTF8 + text.encode())
    seeds, problems = read_seeds(tmp_path)
    assert [s.stem for s in seeds] == ["a"]
    assert sum(str(p).endswith("a.txt; skipped") and "is the same article as" in str(p) for p in problems) == 2


def test_unicode_and_spaces_in_file_names(tmp_path):
    name = "\u00dcn\u00efc\u00f6d\u00e9 name with spaces & 'quotes' \u0628\u063a\u062f\u0627\u062f"
    write(tmp_path, f"{name}.txt", ARTICLE)
    write(tmp_path, f"{name}.yml", "title: A corrected title\n")
    seeds, problems = read_seeds(tmp_path)
    assert problems == [] and seeds[0].stem == name and seeds[0].sidecar.title == "A corrected title"


def test_a_file_name_with_a_newline_still_gives_a_one_line_problem(tmp_path):
    write(tmp_path, "evil\nname\u202e.txt", b"")
    _, problems = read_seeds(tmp_path)
    assert len(problems) == 1 and "\n" not in str(problems[0]) and "\\n" in str(problems[0])
    assert "\u202e" not in str(problems[0])


def test_symlinks_out_of_the_seeds_folder_are_not_published(tmp_path):
    seeds_dir = tmp_path / "seeds"
    seeds_dir.mkdir()
    secret = write(tmp_path, "secret.txt", "Secret headline of a private file\n\nPrivate text.\n")
    os.symlink(secret, seeds_dir / "leak.txt")
    write(seeds_dir, "ok.txt", ARTICLE)
    os.symlink(secret, seeds_dir / "ok.yml")
    write(seeds_dir, "zz_real.txt", ARTICLE.replace("Rockets", "Drones"))
    os.symlink(seeds_dir / "zz_real.txt", seeds_dir / "inside.txt")  # a link within the folder is fine
    seeds, problems = read_seeds(seeds_dir)
    assert [s.stem for s in seeds] == ["inside", "ok"]  # zz_real.txt is then the same article as inside.txt
    messages = [str(p) for p in problems]
    assert any("leak.txt: error: is a link to a file outside the seeds folder" in m for m in messages)
    assert any("ok.yml: error: is a link to a file outside the seeds folder" in m for m in messages)
    assert seeds[1].sidecar is None


def test_a_sidecar_that_is_a_folder_or_has_two_spellings_does_not_stop_the_build(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    (tmp_path / "a.yml").mkdir()
    write(tmp_path, "b.txt", ARTICLE.replace("Rockets", "Drones"))
    write(tmp_path, "b.yml", "title: From yml\n")
    write(tmp_path, "b.yaml", "title: From yaml\n")
    seeds, problems = read_seeds(tmp_path)
    assert [s.stem for s in seeds] == ["a", "b"] and seeds[1].sidecar.title == "From yml"
    messages = " | ".join(map(str, problems))
    assert "a.yml: error: is a directory, not a file; ignored" in messages
    assert "b.yaml: warning: ignored: b.yml is this article's sidecar" in messages


def test_articles_without_headline_or_date_are_named(tmp_path):
    from generator.extract import extract
    from generator.read.seeds import metadata_problems
    from generator.read.register import Register

    write(tmp_path, "a_plain.txt", "just lowercase words, no headline and no date.\n\nmore of the same.\n")
    write(tmp_path, "b_fixed.txt", "just other lowercase words, no headline either.\n")
    write(tmp_path, "b_fixed.yml", "title: Given by the editor\ndate: 2023-10-23\n")
    write(tmp_path, "c_fine.txt", ARTICLE)
    seeds, _ = read_seeds(tmp_path)
    problems = metadata_problems(seeds, {s.stem: extract(s.text, Register()) for s in seeds})
    assert [str(p).split(": ", 1)[1] for p in problems] == [
        "warning: no headline found; titled by its file name (add `title:` to its sidecar)",
        "note: no date found; listed as undated (add `date:` to its sidecar)",
    ] and all(str(p).startswith(str(tmp_path / "a_plain.txt")) for p in problems)


# --------------------------------------------------------------------------- YAML


@pytest.mark.parametrize("yaml_text,expect", [
    ("title: A\nsource: S\ntitle: B\n", "x.yml:3: error: title: duplicate key 'title' (first at line 1)"),
    ("a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\ntitle: [*b, *b, *b, *b, *b]\n",
     "x.yml:2: error: anchors and aliases"),
    ("title: " + "[" * 5000 + "]" * 5000 + "\n", "x.yml:1: error: invalid YAML: nested more than 64 levels deep"),
    ("title: !!python/object/apply:os.system ['echo pwned']\n", "x.yml:1: error: invalid YAML: could not determine"),
    ("title: ok\nsource: bell\x07here\n", "x.yml:2: error: invalid YAML: unacceptable character #x0007"),
    ("title: '   '\n", "x.yml:1: error: title: '   ' does not match: must contain text"),
    ("url: 'https://example.com/\"><script>alert(1)</script>'\n", "x.yml:1: error: url: "),
    ("url: 'https://example.com/a b'\n", "must be an absolute http:// or https:// URL"),
    ("title: 20240425\n", "x.yml:1: error: title: 20240425 is not of type 'string'"),
])
def test_hostile_sidecars_are_refused_with_line_and_field(tmp_path, yaml_text, expect):
    started = time.perf_counter()
    sidecar, problems = load_sidecar(write(tmp_path, "x.yml", yaml_text), "x.yml")
    assert time.perf_counter() - started < 1
    refused = sidecar is None or (sidecar.title, sidecar.url) == (None, None)  # a bad value never applies
    assert refused and any(expect in str(p) for p in problems), [str(p) for p in problems]
    assert all("\n" not in str(p) for p in problems)


def test_sidecar_strings_lose_control_characters_and_lone_surrogates(tmp_path):
    sidecar, problems = load_sidecar(write(tmp_path, "x.yml", 'title: "A\\0B\\x02wzxhzdk:0\\x03 \\uD800 C"\n'),
                                     "x.yml")
    assert problems == [] and sidecar.title == "ABwzxhzdk:0 \ufffd C"


def test_yaml_in_utf16_is_read_and_other_encodings_are_named(tmp_path):
    doc, problems = read_yaml(write(tmp_path, "a.yml", "title: Caf\u00e9\n".encode("utf-16")), "a.yml")
    assert problems == [] and doc.data == {"title": "Caf\u00e9"}
    doc, problems = read_yaml(write(tmp_path, "b.yml", "x: 1\ntitle: Caf\u00e9\n".encode("cp1252")), "b.yml")
    assert doc is None and str(problems[0]).startswith("b.yml:2: error: not UTF-8 text")


def test_a_huge_yaml_file_is_refused_unread(tmp_path):
    path = write(tmp_path, "register.yml", b"#" * (6 * 1024 * 1024))
    _, problems = read_yaml(path, "register.yml")
    assert "register.yml: error: too large" in str(problems[0])


def test_hostile_register_entry_is_kept_verbatim_and_a_broken_one_reported(tmp_path):
    register, problems = load_register(Path(__file__).parent / "hostile" / "register.yml", "register.yml")
    names = [e.name for e in register.entries]
    assert "Zebra <img src=x onerror=alert('actor-name')> Brigade" in names and "Broken Entry" not in names
    messages = [str(p) for p in problems]
    assert any(m.startswith("register.yml:14: error: actors: 'Duplicate Claimant Group': aliases[0]: 'Zebra Brigade' is already claimed")
               for m in messages), messages
    assert any(m.startswith("register.yml:16: error: actors: 'Broken Entry': type: 'robot' is not one of") for m in messages)


# --------------------------------------------------------------------------- the command line


def test_problem_lines_never_break():
    assert str(Problem("a\nb.txt", "bad\r\nthing", 3, "f\x00")) == "a\\nb.txt:3: error: f\\x00: bad\\r\\nthing"


def test_strict_turns_problems_into_a_failing_exit_code(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    write(seeds, "good.txt", ARTICLE)
    runner = CliRunner()
    args = ["build", "--root", str(tmp_path), "--quiet", "--jobs", "1"]
    assert runner.invoke(main, args + ["--strict"]).exit_code == 0
    write(seeds, "empty.txt", "")
    write(seeds, "bad.yml", "title: [\n")
    result = runner.invoke(main, args)
    assert result.exit_code == 0 and (tmp_path / "content" / "index.md").exists()
    strict = runner.invoke(main, args + ["--strict"])
    assert strict.exit_code == 1
    lines = [line for line in strict.output.splitlines() if ": error: " in line]
    assert sorted(lines) == sorted([
        f"{seeds / 'bad.yml'}: error: sidecar for a missing article (bad.txt)",
        f"{seeds / 'empty.txt'}: error: is empty",
    ]), strict.output


BODY_WARNING = "warning: no body text after the headline; published as an empty page (is the file cut short?)"


@pytest.mark.parametrize("text, warned", [
    ("Rockets hit Camp Delta overnight\n", True),                                       # a headline alone
    ("Rockets hit Camp Delta overnight\n\nBy Staff Writer\n\nPublished 3 May 2024\n", True),  # and page furniture
    (ARTICLE, False),
])
def test_a_headline_with_no_body_is_a_warning(tmp_path, text, warned):
    from generator.extract import extract
    from generator.read.seeds import metadata_problems
    from generator.read.register import Register

    write(tmp_path, "cut.txt", text)
    seeds, _ = read_seeds(tmp_path)
    extractions = {s.stem: extract(s.text, Register()) for s in seeds}
    assert bool(extractions["cut"].title)  # the headline is found either way
    messages = [str(p).split(": ", 1)[1] for p in metadata_problems(seeds, extractions)]
    assert (BODY_WARNING in messages) == warned, messages
