"""extract/screen.py: a screened pattern answers exactly as the pattern does.

Three kinds of evidence: the one claim about case the screen rests on, checked on every character
Unicode has; what `needed` reads off patterns of each shape (table-driven); and the screened
patterns of the incident rules against the plain ones, on generated text built from their own
words and awkward characters, and on every sentence of the seeds and the real articles of
../shared/eval (read where they are, skipped without them).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import settings as settings_module
from generator.extract import incidents
from generator.extract.screen import _CASE_EXCEPTIONS, Screened, needed, screen
from generator.extract.text import split_sentences

ROOT = Path(__file__).resolve().parents[1]
_SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "eval" / "score.py").is_file()), None)

EVERY_CHARACTER = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


@pytest.mark.parametrize("ascii_char", [chr(c) for c in range(128)])
def test_what_ignorecase_matches_to_an_ascii_character_lowers_to_it(ascii_char):
    """The screen looks for a case-insensitive word in `text.lower()`: right only if every character
    `re.IGNORECASE` matches to an ASCII character lowers to that character's lower case, one for
    one. Three do not, and the screen leaves a text holding one of them to the pattern."""
    matched = set(re.findall(re.escape(ascii_char), EVERY_CHARACTER, re.IGNORECASE))
    odd = {c for c in matched if c.lower() != ascii_char.lower()}
    assert odd <= set(_CASE_EXCEPTIONS), (ascii_char, sorted(odd))


def _strings(pattern: str, flags: int = 0):
    found = needed(re.compile(pattern, flags))
    return None if found is None else {text for text, _ in found}


@pytest.mark.parametrize("pattern, flags, strings", [
    (r"\bcondemn(?:s|ed)?\b", re.I, {"condemn"}),
    (r"\b(?:condemn(?:s|ed)?|denounc(?:es|ed|e)|strongly rejected)\b", re.I,
     {"condemn", "denounce", "strongly rejected"}),  # re's parser takes the "e" of es|ed|e out
    (r"Drone Strike", re.I, {"drone strike"}),  # looked for in lower case
    (r"Monday|Tuesday", 0, {"Monday", "Tuesday"}),  # case kept
    (r"x*yz", 0, {"yz"}),  # a part that may be absent needs nothing
    (r"(?:abc)?d", 0, {"d"}),
    (r"(?:attack)?\d", 0, None),
    (r"(?:ab){2,}c?", 0, {"ab"}),
    (r"\d+ killed", re.I, {" killed"}),
    (r"(?i:drone)\s+(?:strike|attack)", 0, {"drone"}),  # one string beats two
    (r"a(?=bc)", 0, {"a"}),  # a lookaround needs nothing of its own
    (r"caf\u00e9", re.I, {"caf"}),  # a case-insensitive run stops at a character outside ASCII
    (r"\u201c[^\u201d]*\u201d?|\"[^\"]*\"?", 0, {"\u201c", '"'}),
    (r"\d+", 0, None),
    (r"attack|\w+ed", re.I, {"attack", "ed"}),
    (r"attack|\w+", re.I, None),  # one alternative needs no string: none is needed
    (r"(a)\1", 0, {"a"}),
    (r"", 0, None),
])
def test_needed(pattern, flags, strings):
    assert _strings(pattern, flags) == strings


def test_needed_leaves_bytes_and_locale_patterns():
    assert needed(re.compile(rb"attack")) is None
    assert needed(re.compile(rb"attack", re.LOCALE)) is None


def test_screen_returns_the_pattern_itself_when_nothing_is_needed():
    plain = re.compile(r"\d+")
    assert screen(plain) is plain
    assert isinstance(screen(re.compile("attack")), Screened)


def _screened_patterns(module_only: bool = False) -> list[tuple[str, Screened]]:
    """The incident rules' patterns, by name, screened (`module_only`: those the module screened
    itself; otherwise each of its patterns that needs a string, screened here, whatever
    BRIEFING_SCREEN says)."""
    found = []
    for name, value in vars(incidents).items():
        items = value if isinstance(value, tuple) else (value,)
        for i, item in enumerate(items):
            item = item[1] if isinstance(item, tuple) and len(item) == 2 else item
            if isinstance(item, Screened):
                found.append((f"{name}[{i}]", item))
            elif isinstance(item, re.Pattern) and not module_only and isinstance(screen(item), Screened):
                found.append((f"{name}[{i}]", screen(item)))
    return found


SCREENED = _screened_patterns()


def _answers(pattern, text: str):
    """What a pattern says of a text, by each method the rules call (and the others screened)."""
    def span(m):
        return None if m is None else (m.span(), m.groups())
    return (span(pattern.search(text)), [span(m) for m in pattern.finditer(text)], pattern.findall(text),
            pattern.sub("#", text), span(pattern.match(text)), span(pattern.fullmatch(text)))


def _same_answers(text: str) -> None:
    for name, screened in SCREENED:
        assert _answers(screened, text) == _answers(screened.compiled, text), (name, text)


def test_the_incident_rules_are_screened():
    if not settings_module.one("screen"):
        pytest.skip("BRIEFING_SCREEN=0: nothing is screened")
    assert len(_screened_patterns(module_only=True)) >= 20  # the cue patterns, the weapons, the casualty forms, weekdays, clauses


def _words() -> list[str]:
    """The words the screened patterns need, as they are and in other cases."""
    words = sorted({text for _, s in SCREENED for text in (*s.exact, *s.folded)})
    return words + [w.upper() for w in words] + [w.title() for w in words]


AWKWARD = ["\u017f", "\u0131", "\u0130", "\u212a", "\u00df", "\u201c", "\u201d", '"', "'", "\u2019", " ", ",", ".",
           "-", "s", "i", "k", "K", "I", "S", "0", "1", "12", "\n"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_words()), st.sampled_from(AWKWARD), st.text(max_size=3)), max_size=14))
def test_screened_patterns_answer_as_the_plain_ones_on_generated_text(pieces):
    _same_answers(" ".join(pieces))
    _same_answers("".join(pieces))


def _real_texts() -> list[str]:
    if _SHARED is None:
        return []
    paths = sorted((_SHARED / "eval" / "real" / "articles").glob("*.txt")) + sorted((_SHARED / "seeds").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def test_screened_patterns_answer_as_the_plain_ones_on_real_sentences():
    texts = _real_texts()
    if not texts:
        pytest.skip("../shared is not available")
    sentences = 0
    for text in texts:
        for paragraph in text.split("\n"):
            for start, end in split_sentences(paragraph):
                _same_answers(paragraph[start:end])
                sentences += 1
            _same_answers(paragraph)
    assert sentences > 500
