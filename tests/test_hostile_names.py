"""Hostile names and text (issue 13, "Names and text"): invisible characters, look-alike letters,
bidirectional controls, transliteration folding and glued quotation marks. Sentences composed here."""
from __future__ import annotations

import re
from pathlib import Path

import unicodedata

import pytest

from generator.render import escape
from generator.build import Project, build
from generator.extract import extract
from generator.extract.text import MAX_MARKS
from generator.models import PERSON, Extraction, Mention, Quote
from generator.index.archive import build_archive, make_article
from generator.names import lookup_key, mixed_script
from generator.read.register import Register, load_register
from generator.render.pages import front_matter
from generator.index.resolve import resolve_archive
from generator.review import look_alikes, look_alikes_section

ROOT = Path(__file__).resolve().parents[1]
REGISTER, _ = load_register(ROOT / "register.yml")
HEAD = "Officials respond after overnight attack\n\n"


def run(body: str):
    return extract(HEAD + body + "\n\nThe investigation continues.", REGISTER)


# ---------------------------------------------------------------- invisible and combining characters

_INTRO = "{a}, the spokesman, spoke on Monday. \u201cThe attack was unacceptable,\u201d {b} said."


@pytest.mark.parametrize("first, second", [
    ("Tomas Ber\u00adger", "Tomas Ber\u00adger"),          # soft hyphen
    ("Tomas Ber\u00adger", "Tomas Berger"),
    ("Tomas Ber\u200dger", "Tomas Berger"),                # zero-width joiner
    ("Tomas Ber\u200cger", "Tomas Ber\u200cger"),          # zero-width non-joiner
    ("Tomas Ber\u2060ger", "Tomas Berger"),                # word joiner
    ("Tomas Ber\u202eger", "Tomas Berger"),                # a right-to-left override inside the name
    ("Tomas Ber\u0308ger", "Tomas Berger"),                # a combining mark with no composed form
    ("Tomas" + "\u0301" * 40 + " Berger", "Tomas Berger"),  # a long run of combining marks
    ("Tomas Berger\ufeff", "Tomas Berger"),
])
def test_invisible_characters_neither_cut_a_name_nor_make_a_second_actor(first, second):
    ex = run(_INTRO.format(a=first, b=second))
    people = [a.name for a in ex.actors]
    assert len(people) == 1, people
    assert lookup_key(people[0]) == "tomas berger"
    assert [q.speaker for q in ex.quotes] == people


@pytest.mark.parametrize("a, b", [
    ("Ras\u00adool", "Rasool"),
    ("Ber\u200dger", "Berger"),
    ("\uff39\uff45\uff48\uff49\uff41", "Yehia"),  # full-width letters (NFKC)
    ("Ber\u2066ger\u2069", "Berger"),
])
def test_lookup_key_matches_the_normalised_form(a, b):
    assert lookup_key(a) == lookup_key(b)


def test_combining_marks_are_capped_and_kept_in_the_word():
    ex = run(_INTRO.format(a="Tomas" + "\u0301" * 40 + " Berger", b="Tomas Berger"))
    (name,) = [a.name for a in ex.actors]
    assert lookup_key(name) == "tomas berger"
    assert 0 < sum(unicodedata.combining(c) > 0 for c in unicodedata.normalize("NFD", name)) <= MAX_MARKS + 1


# ---------------------------------------------------------------- a quote glued to the next word

@pytest.mark.parametrize("body, quote", [
    ("\u201cThe attack was unacceptable,\u201dTomas Berger said.", "The attack was unacceptable"),
    ("\u2018The attack was unacceptable,\u2019Tomas Berger said.", "The attack was unacceptable"),
    ("\u2018The convoy\u2019s route was known,\u2019Tomas Berger said.", "The convoy\u2019s route was known"),
    ("\"The attack was unacceptable,\"Tomas Berger said.", "The attack was unacceptable"),
    ("\u00abThe attack was unacceptable,\u00bbTomas Berger said.", "The attack was unacceptable"),
    ("Tomas Berger said,\"The attack was unacceptable.\"", "The attack was unacceptable."),
    ("Tomas Berger said,\u201cThe attack was unacceptable.\u201d", "The attack was unacceptable."),
])
def test_a_quote_glued_to_the_next_word_closes_and_keeps_its_speaker(body, quote):
    ex = run(body)
    assert [(q.text, q.speaker) for q in ex.quotes] == [(quote, "Tomas Berger")]


# ---------------------------------------------------------------- transliteration folding

_REGISTER_YML = """\
bases:
  - name: Harir Air Base
    aliases: [Harir]
  - name: Tallil Air Base
actors:
  - name: Yahya Rasool
    type: person
"""


@pytest.fixture()
def small_register(tmp_path):
    path = tmp_path / "register.yml"
    path.write_text(_REGISTER_YML, encoding="utf-8")
    register, problems = load_register(path)
    assert not problems
    return register


@pytest.mark.parametrize("surface, kind, expected", [
    ("Harrow Air Base", "base", None),           # another place: the same consonants once doubled letters go
    ("Harrow", "base", None),
    ("Hareer Air Base", "base", "Harir Air Base"),  # a spelling of the same name
    ("Harrir Air Base", "base", "Harir Air Base"),
    ("Talil Air Base", "base", "Tallil Air Base"),
    ("Yehia Rasool", "actor", "Yahya Rasool"),       # listed variants
    ("Yehia Rasul", "actor", "Yahya Rasool"),
])
def test_register_lookup_folds_only_spellings_of_one_name(small_register, surface, kind, expected):
    entry = small_register.find(surface, kind)
    assert (entry.name if entry else None) == expected


def _person(name):
    return Mention(name, PERSON, (name,), (f"{name} spoke.",), evidence=("acts",))


def _article(name, words):
    return Extraction(title="t", date=None, dateline=None, paragraphs=(), actors=(_person(name),),
                      quotes=(Quote(words, name, 0),))


@pytest.mark.parametrize("a, b, fold", [
    ("Mohammed Tarek", "Mahmoud Tarek", False),
    ("Hassan Obeidi", "Hussein Obeidi", False),
    ("Harir Salem", "Harrow Salem", False),
    ("Yehia Tarek", "Yahya Tarek", True),
    ("Mohammed Tarek", "Muhammad Tarek", True),
    ("Mohamed Tarek", "Mohammed Tarek", True),
    ("Kataib Tarek", "Kata'ib Tarek", True),
])
def test_transliteration_folds_variants_and_never_swaps_quotes(a, b, fold):
    resolved = resolve_archive({"x1": _article(a, "We will rebuild."), "x2": _article(b, "We will leave."),
                                "x3": _article(a, "We will stay.")})
    speakers = {q.text: q.speaker for ex in resolved.values() for q in ex.quotes}
    if fold:
        assert set(speakers.values()) == {a}
    else:
        assert speakers == {"We will rebuild.": a, "We will leave.": b, "We will stay.": a}


# ---------------------------------------------------------------- bidirectional controls

_RLO, _LRE, _RLI, _PDF, _PDI = "\u202e", "\u202a", "\u2067", "\u202c", "\u2069"
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize("text, shown", [
    (f"Strike on the {_RLO}base", "Strike on the base"),              # an override left open
    (f"Talks {_LRE}resume{_PDF} in Doha", "Talks resume in Doha"),
    (f"Talks {_RLI}resume in Doha", "Talks resume in Doha"),          # an isolate left open
    (f"{_PDI}{_PDF}Talks resume", "Talks resume"),                     # closers with nothing open
    ("\u200fTalks resume\u200e", "Talks resume"),
])
def test_bidi_controls_never_reach_a_page(text, shown):
    assert escape.inline(text) == shown
    assert escape.attribute(text) == shown
    assert escape.flatten(text) == shown
    assert not _BIDI.search(front_matter(title=text, briefing={"source": text}))


@pytest.mark.parametrize("url, host", [
    ("https://example.org/a", "example.org"),
    ("https://EXAMPLE.org:8080/a", "example.org"),
    ("https://ex\u0430mple.org/a", "xn--exmple-4nf.org"),    # a Cyrillic "а": punycode, not a look-alike
    ("https://b\u00fccher.example/", "xn--bcher-kva.example"),
    ("https://\uff45xample.org/", "example.org"),             # full-width letters: what the browser resolves
    ("http://[::1", None),
    (None, None),
])
def test_a_links_host_is_shown_as_ascii(url, host):
    assert escape.url_host(url) == host


@pytest.mark.parametrize("url", [
    f"https://example.org/{_RLO}fdp.exe",
    f"https://exa{_RLI}mple.org/",
    "https://exa\u200bmple.org/",
    "https://example.org/\u00adpath",
])
def test_a_url_hiding_invisible_characters_is_refused(url):
    assert escape.safe_url(url) is None


_SEED = ("{title}\n\nBaghdad, March 3 (Agency) - Tomas Berger said talks resume on Monday.\n\n"
         "\u201cWe will meet again,\u201d Tomas Berger said.\n")


def test_a_built_site_carries_no_bidi_control(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "001_rlo.txt").write_text(_SEED.format(title=f"Talks {_RLO}resume in Doha"), encoding="utf-8")
    (seeds / "002_rlo.txt").write_text(_SEED.format(title="Talks go on"), encoding="utf-8")
    (seeds / "002_rlo.yml").write_text(
        f"title: \"Ministers {_RLO}meet {_RLI}again\"\nurl: \"https://ex\u0430mple.org/news\"\n", encoding="utf-8")
    (seeds / "003_rlo.txt").write_text(_SEED.format(title="Talks end"), encoding="utf-8")
    (seeds / "003_rlo.yml").write_text(f"url: \"https://example.org/{_RLO}exe.pdf\"\n", encoding="utf-8")
    build(Project(root=tmp_path, cache=tmp_path / "cache.pickle"), jobs=1, progress=False)
    pages = {p: p.read_text(encoding="utf-8") for p in (tmp_path / "content").rglob("*.md")}
    assert pages and not [p for p, text in pages.items() if _BIDI.search(text)]
    text = "\n".join(pages.values())
    assert "Ministers meet again" in text and "Talks resume in Doha" in text
    assert "xn--exmple-4nf.org" in text and "exe.pdf" not in text


# ---------------------------------------------------------------- look-alike letters

_CYR_E, _CYR_A, _CYR_O, _GREEK_O = "\u0435", "\u0430", "\u043e", "\u03bf"


@pytest.mark.parametrize("a, b", [
    ("Tomas Berger", f"Tomas B{_CYR_E}rger"),           # a Cyrillic "е"
    ("Yahya Rasool", f"Y{_CYR_A}hya Ras{_CYR_O}{_CYR_O}l"),
    ("Harir Air Base", f"Harir Air Bas{_CYR_E}"),
    ("Doha", f"D{_GREEK_O}ha"),                          # a Greek omicron
    ("Iraq", "\u0406raq"),                               # a Cyrillic capital "І"
])
def test_look_alike_letters_share_the_lookup_key(a, b):
    assert lookup_key(a) == lookup_key(b)


@pytest.mark.parametrize("name, mixed", [
    (f"Tomas B{_CYR_E}rger", True),
    ("Tomas Berger", False),
    ("Jürgen Müller", False),                   # accents are Latin letters
    ("\u0412\u043b\u0430\u0434\u0438\u043c\u0438\u0440", False),  # a name wholly in Cyrillic
])
def test_mixed_script_spots_look_alike_spellings(name, mixed):
    assert mixed_script(name) is mixed


_SPEAKS = "{n}, the spokesman, spoke on Monday. \u201c{q},\u201d {n} said."


@pytest.mark.parametrize("spellings", [
    ("Tomas Berger", f"Tomas B{_CYR_E}rger"),
    (f"Tomas B{_CYR_E}rger", "Tomas Berger"),
    (f"Tomas B{_CYR_E}rger", f"Tomas B{_CYR_E}rger", "Tomas Berger"),
])
def test_a_look_alike_spelling_is_one_entity_named_in_one_script_and_flagged(spellings):
    extractions = {f"a{i}": run(_SPEAKS.format(n=n, q=f"We said it {i} times")) for i, n in enumerate(spellings)}
    resolved = resolve_archive(extractions)
    names = {m.name for ex in resolved.values() for m in ex.actors}
    assert names == {"Tomas Berger"}
    assert {q.speaker for ex in resolved.values() for q in ex.quotes} == {"Tomas Berger"}
    archive = build_archive([make_article(stem, ex, None) for stem, ex in sorted(resolved.items())], Register())
    flagged = look_alikes(archive)
    assert [(f.spelling, f.entity) for f in flagged] == [(f"Tomas B{_CYR_E}rger", "Tomas Berger")]
    assert "CYRILLIC SMALL LETTER IE" in flagged[0].letters
    assert any("Look-alike letters (1)" in line for line in look_alikes_section(archive))
