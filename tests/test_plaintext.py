"""`flatten` returns an already plain line as it is: the same line the plain way makes of it."""
from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings, strategies as st

from generator.plaintext import CLEAN, flatten

_WHITESPACE = re.compile(r"\s+")


def plain_way(text: str) -> str:
    """What `flatten` did before it let plain lines through (and still does with the others)."""
    return _WHITESPACE.sub(" ", text.translate(CLEAN)).strip()


def test_a_printable_character_is_neither_dropped_nor_whitespace_but_the_space():
    """The premise of the shortcut, for every code point: if it failed for one (a new Unicode
    version, another Python), a text holding it would come out unflattened."""
    whitespace = re.compile(r"\s")
    wrong = [hex(c) for c in range(sys.maxunicode + 1)
             if chr(c).isprintable() and chr(c) != " " and (c in CLEAN or whitespace.match(chr(c)))]
    assert wrong == []


@pytest.mark.parametrize("text", [
    "", " ", "  ", "a", " a", "a ", "a  b", "a b", "a\tb", "a\nb", "a\u00a0b", "a\u2028b", "\u3000a",
    "Ain al-Asad", "\u201cWe hold the base,\u201d he said.", "a\u202eb", "a\u200fb", "a\u061cb",
    "a\x00b", "a\x7fb", "a\x85b", "a\ud800b", "a\ufffeb", "a\uffffb", "\u0627\u0644\u0623\u0633\u062f",
    "a\u200bb",  # zero-width space: a format character Python's `\s` does not match, kept by both ways
])
def test_the_same_line_as_the_plain_way(text):
    assert flatten(text) == plain_way(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=40))
def test_any_text_comes_out_as_the_plain_way_makes_it(text):
    assert flatten(text) == plain_way(text)
