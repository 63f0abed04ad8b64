"""Name keys: how two spellings of one name are recognised as the same.

`lookup_key` folds what never distinguishes names (case, diacritics,
punctuation, hyphen vs space, a leading "the"). `skeleton_key` also folds
transliteration variants (Yehia/Yahya, Kataib/Kataeb/Kata'ib,
Mohammed/Muhammad) by keeping a consonant skeleton; it is looser, so it is
only used to merge names of the same type.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = "'\u2018\u2019\u02bc\u02bb`\u00b4"
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")
_PARTICLES = {"al", "el", "ul", "an", "ad", "as", "ash", "at", "az", "ar"}
_VOWELS = set("aeiouwy")


@lru_cache(maxsize=65536)
def lookup_key(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(f"[{_APOSTROPHES}]", "", s)
    s = s.replace("u.s.", "us").replace("u.k.", "uk").replace("u.n.", "un")
    s = _NON_WORD.sub(" ", s)
    s = _SPACES.sub(" ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


def _skeleton_word(word: str) -> str:
    if not word:
        return word
    out = [word[0]]
    for ch in word[1:]:
        if ch in _VOWELS:
            continue
        if ch == out[-1]:
            continue
        out.append(ch)
    # "kh"/"k", "q"/"k" and "dh"/"d" interchange in transliteration
    return "".join(out).replace("q", "k").replace("kh", "k").replace("dh", "d")


@lru_cache(maxsize=65536)
def skeleton_key(name: str) -> str:
    words = [w for w in lookup_key(name).split() if w not in _PARTICLES]
    first = [w[0] if w[0] not in "eiy" else "i" for w in words]
    return " ".join(f[0] + _skeleton_word(w)[1:] for f, w in zip(first, words))
