"""`python -m generator review`: what an editor should look at, and that fixing it works."""
import subprocess
import sys

SEEDS = {
    "a.txt": "Militia commander vows revenge\n\nBAGHDAD (Reuters) - Militia commander Abu Fadak al-Muhammadawi "
             "said on Monday that \u201cthe response will come\u201d after the strike.\n",
    "b.txt": "Strike aftermath\n\nBAGHDAD (Reuters) - Muhammadawi repeated his threat. A source said \u201cwe "
             "are ready\u201d.\n",
}


def run(root, *args):
    return subprocess.run([sys.executable, "-m", "generator", *args, "--root", str(root)],
                          capture_output=True, text=True, timeout=120)


def test_review_lists_discoveries_duplicates_and_unattributed_quotes(tmp_path):
    (tmp_path / "seeds").mkdir()
    for name, text in SEEDS.items():
        (tmp_path / "seeds" / name).write_text(text, encoding="utf-8")
    (tmp_path / "register.yml").write_text("actors: []\nbases: []\n", encoding="utf-8")
    out = run(tmp_path, "review").stdout
    assert "Discovered entities not in the register" in out
    assert "Abu Fadak al-Muhammadawi" in out
    assert "Quotes with no speaker (1)" in out and "we are ready" in out

    # The editor registers him: he is no longer a discovery on the next run.
    (tmp_path / "register.yml").write_text(
        "actors:\n  - name: Abu Fadak al-Muhammadawi\n    type: person\n    aliases: [Muhammadawi]\n",
        encoding="utf-8")
    out = run(tmp_path, "review").stdout
    discovered = out.split("Likely duplicates")[0]
    assert "Abu Fadak al-Muhammadawi" not in discovered


def test_help_documents_every_command():
    out = subprocess.run([sys.executable, "-m", "generator", "--help"], capture_output=True, text=True).stdout
    for command in ("build", "extract", "review"):
        assert command in out


# --------------------------------------------------------------------------- each suggestion is a line to paste

import pytest  # noqa: E402
import yaml  # noqa: E402

from generator.index.archive import build_archive, make_article  # noqa: E402
from generator.extract.corrections import apply_corrections  # noqa: E402
from generator.models import Extraction, Mention, Quote  # noqa: E402
from generator.read.seeds import load_sidecar  # noqa: E402
from generator.read.register import Register  # noqa: E402
from generator.review import Files, credit, promote, quote_start, report, spellings, yaml_line  # noqa: E402


@pytest.mark.parametrize("key,value", [
    ("actors", {"add": [{"name": "Sam Okiding", "type": "person"}]}),
    ("actors", {"drop": ["NO"]}),  # YAML would read a bare NO as false
    ("bases", {"add": ["2024-01-01"]}),  # ... and this as a date
    ("actors", {"retype": {"Kiryat: Bialik": "base"}}),  # a colon and a space
    ("quotes", [{"text": "\u201cwe're ready\u201d, he said: #1 - [now]", "speaker": "SPEAKER"}]),
    ("quotes", [{"text": "- starts like a list item & *ends* with '", "speaker": None}]),
    (None, {"name": "Al-Qa'im \"border\" post", "aliases": ["Qaim"]}),
])
def test_yaml_lines_are_one_line_and_read_back_as_written(key, value):
    line = yaml_line(key, value)
    assert "\n" not in line
    assert yaml.safe_load(line) == ({key: value} if key else [value])


def _archive(held=(), quotes=()):
    p = "Rebels said \u201cwe hold the ridge\u201d near Hill Camp. Sam Okiding, a local official, said the road was shut."
    ex = Extraction(title="Ridge fighting", date=None, dateline=None, paragraphs=(p,),
                    actors=(Mention("Rebel Front", "organization", ("Rebels",), (p,)),), quotes=tuple(quotes),
                    held=tuple(held))
    return ex, build_archive([make_article("a", ex, None)], Register())


OKIDING = Mention("Sam Okiding", "person", ("Sam Okiding",), ("Sam Okiding, a local official, said the road was shut.",),
                  evidence=("title", "speaks"))
HILL = Mention("Hill Camp", "base", ("Hill Camp",), ("near Hill Camp.",), evidence=("installation",))


@pytest.mark.parametrize("held,section,kind", [(OKIDING, "actors", "person"), (HILL, "bases", "base")])
def test_a_held_candidate_is_promoted_by_the_line_review_prints(tmp_path, held, section, kind):
    ex, archive = _archive(held=[held])
    files = Files(tmp_path / "seeds")
    suggestion = promote(spellings(archive), files, "a", held)
    assert suggestion.file.endswith("seeds/a.yml")
    assert f"give {held.name!r} " in suggestion.will and "list this article on it" in suggestion.will
    (tmp_path / "a.yml").write_text(suggestion.yaml + "\n", encoding="utf-8")
    sidecar, problems = load_sidecar(tmp_path / "a.yml", "a.yml")
    corrected, problems = apply_corrections(ex, sidecar)
    promoted = {m.name: m for m in getattr(corrected, section)}
    assert problems == [] and corrected.held == () and promoted[held.name].type == kind
    assert promoted[held.name].sentences == held.sentences


def test_review_report_lists_held_candidates_per_article_with_evidence_and_sentence(tmp_path):
    ex, archive = _archive(held=[OKIDING])
    lines = report(archive, Files(tmp_path / "seeds"), {"a": ex})
    text = "\n".join(lines)
    held = text.split("Held for review")[1]
    assert held.startswith(": named in the text, without enough evidence for a page (1):") and "seeds/a.txt" in held
    assert "actor (person): Sam Okiding  [evidence: title, speaks]" in held
    assert "\u201cSam Okiding, a local official, said the road was shut.\u201d" in held
    assert "actors: {add: [{name: Sam Okiding, type: person}]}" in held
    assert "will: give 'Sam Okiding' an actor (person) page and list this article on it" in held


@pytest.mark.parametrize("texts,expected", [
    (["we hold the ridge"], "we hold the ridge"),
    (["one two three four five six seven eight nine ten"], "one two three four five six seven eight"),
    (["one two three four five six seven eight nine", "one two three four five six seven eight ten"],
     "one two three four five six seven eight nine"),
])
def test_a_quote_is_named_by_enough_first_words_to_tell_it_apart(texts, expected):
    assert quote_start(texts[0], texts) == expected


def test_an_unattributed_quote_gets_a_line_with_the_speaker_to_fill_in(tmp_path):
    ex, archive = _archive(quotes=[Quote("we hold the ridge", None, 0)])
    suggestion = credit(Files(tmp_path / "seeds"), archive.articles[0], "we hold the ridge")
    assert suggestion.yaml == "quotes: [{text: we hold the ridge, speaker: SPEAKER}]"
    assert "Rebel Front" in suggestion.will
    (tmp_path / "a.yml").write_text(suggestion.yaml.replace("SPEAKER", "Rebels") + "\n", encoding="utf-8")
    sidecar, _ = load_sidecar(tmp_path / "a.yml", "a.yml")
    corrected, problems = apply_corrections(ex, sidecar)
    assert problems == [] and corrected.quotes[0].speaker == "Rebel Front"


def _line_after(out: str, marker: str) -> str:
    """The YAML line printed under the first "paste into ..." line that names `marker`."""
    lines = out.splitlines()
    i = next(i for i, line in enumerate(lines) if "paste into" in line and marker in line)
    return lines[i + 1].strip()


def test_pasting_review_lines_into_a_sidecar_fixes_the_archive(tmp_path):
    (tmp_path / "seeds").mkdir()
    for name, text in SEEDS.items():
        (tmp_path / "seeds" / name).write_text(text, encoding="utf-8")
    (tmp_path / "register.yml").write_text("actors: []\nbases: []\n", encoding="utf-8")
    out = run(tmp_path, "review").stdout
    quote_line = _line_after(out.split("Quotes with no speaker")[1], "b.yml")
    assert quote_line == "quotes: [{text: we are ready, speaker: SPEAKER}]"
    discovered = out.split("Discovered entities")[1]
    drop_line = _line_after(discovered.split("Abu Fadak al-Muhammadawi  (")[1], "a.yml")
    assert drop_line.startswith("actors: {drop: [")
    # b.txt names him but extraction did not take him for an actor: the editor adds him and credits the quote.
    (tmp_path / "seeds" / "b.yml").write_text("actors: {add: [{name: Muhammadawi, type: person}]}\n"
                                              + quote_line.replace("SPEAKER", "Muhammadawi") + "\n", encoding="utf-8")
    (tmp_path / "seeds" / "a.yml").write_text(drop_line + "\n", encoding="utf-8")
    build = run(tmp_path, "build")
    assert build.returncode == 0 and ".yml" not in build.stderr, build.stderr
    out = run(tmp_path, "review").stdout
    quotes = out.split("Quotes with no speaker")[1].split("Held for review")[0]
    # b's quote is credited; a's lost its speaker with the actor dropped from a
    assert "we are ready" not in quotes and "the response will come" in quotes
    pages = list((tmp_path / "content" / "archive" / "actors").glob("*.md"))
    page = next(p for p in pages if "muhammadawi" in p.name).read_text(encoding="utf-8")
    assert "we are ready" in page and "the response will come" not in page  # a.txt is no longer on it


def test_review_does_not_list_a_held_candidate_another_article_admits(tmp_path):
    from generator.review import held_section

    ex, archive = _archive(held=[OKIDING])
    admitted = Extraction(title="b", date=None, dateline=None, paragraphs=("Sam Okiding spoke.",),
                          actors=(OKIDING,))
    files = Files(tmp_path)
    alone = "\n".join(held_section(archive, files, {"a": ex}))
    both = "\n".join(held_section(archive, files, {"a": ex, "b": admitted}))
    assert "Sam Okiding" in alone and "Sam Okiding" not in both


@pytest.mark.parametrize("held,will", [
    (Mention("Rebels", "organization", ("Rebels",)), "list this article on 'Rebel Front''s actor page"),
    (Mention("rebel front", "organization", ("rebel front",)), "list this article on 'Rebel Front''s actor page"),
    (Mention("Hill Camp", "organization", ("Hill Camp",)), "give 'Hill Camp' an actor (organization) page"),
])
def test_promoting_a_name_the_archive_has_joins_its_page(tmp_path, held, will):
    _, archive = _archive(held=[held])
    assert promote(spellings(archive), Files(tmp_path), "a", held).will.startswith(will)
