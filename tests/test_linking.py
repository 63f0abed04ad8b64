"""Finding an entity's names in a paragraph (generator/render/linking.py `_Names`): the same matches
as the pattern it replaced, `(?<!\\w)(?:longest|...|shortest)(?!\\w)`, on text made to trip it."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.linking import _names


def _pattern(forms: tuple[str, ...]) -> re.Pattern | None:
    """The compiled pattern the render used before (the reference)."""
    forms = tuple(f for f in sorted(set(forms), key=len, reverse=True) if f.strip())
    if not forms:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)")


def _both(forms, text):
    pattern, names = _pattern(forms), _names(forms)
    assert (pattern is None) == (names is None)
    if pattern is None:
        return None, None
    return ([m.span() for m in pattern.finditer(text)], bool(pattern.search(text))), \
        (names.spans(text), names.found_in(text))


# letters, digits, the underscore, letters and digits of other scripts, marks, punctuation, spaces
_ALPHABET = "aAbBl-_ .,'’()1٣éÉ\u0301ß\u00b2\u2167文\u200b\n"
_FORM = st.text(alphabet=_ALPHABET, min_size=0, max_size=5)


@pytest.mark.parametrize(("forms", "text", "spans"), [
    (("al-Asad", "Asad"), "Ain al-Asad, then Asad.", [(4, 11), (18, 22)]),  # the longest first
    (("Asad",), "al-Asad Asadi _Asad Asad_ 3Asad Asad", [(3, 7), (32, 36)]),  # whole words only
    (("U.S.",), "the U.S. said U.S.A U.S.-led", [(4, 8), (20, 24)]),  # a name ending in a non-word character
    (("aa",), "aaa aa", [(4, 6)]),
    (("Ali", "Ali Hassan"), "Ali Hassani said Ali Hassan", [(0, 3), (17, 27)]),  # the longer fails its end, the shorter fits
    (("Émile",), "Émile, Émiles", [(0, 5)]),
    (("Ğ",), "ĞĞ Ğ", [(3, 4)]),
    (("x",), "", []),
    (("  ",), "a  b", None),  # blank names: none
])
def test_names_are_found_as_whole_words_longest_first(forms, text, spans):
    if spans is None:
        assert _names(forms) is None
        return
    assert _names(forms).spans(text) == spans
    assert _both(forms, text)[0] == _both(forms, text)[1]


@settings(max_examples=3000, deadline=None)
@given(forms=st.lists(_FORM, min_size=1, max_size=4).map(tuple),
       text=st.text(alphabet=_ALPHABET, max_size=40))
def test_the_same_matches_as_the_pattern_on_random_text(forms, text):
    reference, ours = _both(forms, text)
    assert ours == reference


@settings(max_examples=1000, deadline=None)
@given(forms=st.lists(st.text(min_size=1, max_size=3), min_size=1, max_size=3).map(tuple),
       text=st.text(max_size=30))
def test_the_same_matches_as_the_pattern_on_any_characters(forms, text):
    reference, ours = _both(forms, text)
    assert ours == reference


@settings(max_examples=500, deadline=None)
@given(char=st.characters())
def test_a_word_character_is_what_the_pattern_calls_one(char):
    from generator.render.linking import _is_word
    assert _is_word(char) == bool(re.fullmatch(r"\w", char))
