"""English common words: a capitalised word that is one is not a name by itself.

"Migrants", "Smoke", "Forward", "Lower" open sentences and headlines in title
case; a person's or group's name is rarely a dictionary word written in lower
case. The list is Webster's Second (via the `english-words` package, MIT),
keeping only the entries the dictionary writes in lower case, so proper nouns
("Israel", "Charles") stay out. Loaded once, on first use.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from types import MappingProxyType


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """Every entry as the dictionary writes it. Only lower-case words are looked up, so only its
    lower-case entries can match: no need to pick them out (half the load time, in every process)."""
    try:
        from english_words import get_english_words_set
    except ImportError:  # pragma: no cover - a dependency; without it no word counts as common
        return frozenset()
    return frozenset(get_english_words_set(["web2"], lower=False, alpha=True))


_IRREGULAR_PLURALS = MappingProxyType({"women": "woman", "men": "man", "children": "child", "people": "person",
                                       "feet": "foot", "teeth": "tooth", "mice": "mouse", "geese": "goose"})


def _singulars(word: str) -> tuple[str, ...]:
    """"migrants" -> migrant; "militias" -> militia; "bodies" -> body; "forces" -> force; "women" -> woman."""
    if word in _IRREGULAR_PLURALS:
        return word, _IRREGULAR_PLURALS[word]
    out = [word]
    if word.endswith("ies") and len(word) > 4:
        out.append(word[:-3] + "y")
    if word.endswith("es") and len(word) > 3:
        out.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        out.append(word[:-1])
    return tuple(out)


@lru_cache(maxsize=65536)
def is_common_word(word: str) -> bool:
    """True when the word, in lower case, is an English dictionary word (or its plural)."""
    w = word.lower().strip(".'\u2019")
    if not w.isalpha() or not w.islower():
        return False
    entries = dictionary_words()
    return any(s in entries for s in _singulars(w))


def is_ing_form(word: str) -> bool:
    """"Having", "Making", "Running": a dictionary verb's -ing form (the dictionary lists the verb only)."""
    w = word.lower()
    if len(w) < 5 or not w.endswith("ing") or not w.isalpha():
        return False
    stem, entries = w[:-3], dictionary_words()
    return stem in entries or stem + "e" in entries or (len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in entries)


@lru_cache(maxsize=1)
def given_names() -> MappingProxyType:
    """Common given names in lower case, each with the gender its sources give it ("M", "F", "?" for both):
    data/given_names.txt, derived from census and name-dictionary data by scripts/build_given_names.py."""
    path = Path(__file__).with_name("data") / "given_names.txt"
    rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#"))
    return MappingProxyType({row[0]: (row[1] if len(row) > 1 else "?") for row in rows})


def is_given_name(word: str) -> bool:
    """"Tom", "Bill", "Mark": a first name people commonly bear, even when it is a dictionary word too."""
    return word.lower().strip(".") in given_names()


def given_name_gender(word: str) -> str | None:
    """"M" or "F" when people of that first name are (nearly) all men or all women ("Harriet": F), else None."""
    gender = given_names().get(word.lower().strip("."))
    return gender if gender in ("M", "F") else None
