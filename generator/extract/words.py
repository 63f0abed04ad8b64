"""English common words: a capitalised word that is one is not a name by itself.

"Migrants", "Smoke", "Forward", "Lower" open sentences and headlines in title
case; a person's or group's name is rarely a dictionary word written in lower
case. The list is Webster's Second (via the `english-words` package, MIT),
keeping only the entries the dictionary writes in lower case, so proper nouns
("Israel", "Charles") stay out. Loaded once, on first use.
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """Every entry as the dictionary writes it. Only lower-case words are looked up, so only its
    lower-case entries can match: no need to pick them out (half the load time, in every process)."""
    try:
        from english_words import get_english_words_set
    except ImportError:  # pragma: no cover - a dependency; without it no word counts as common
        return frozenset()
    return frozenset(get_english_words_set(["web2"], lower=False, alpha=True))


def _singulars(word: str) -> tuple[str, ...]:
    """"migrants" -> migrant; "militias" -> militia; "bodies" -> body; "forces" -> force."""
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
