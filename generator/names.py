"""Name keys: how two spellings of one name are recognised as the same.

`lookup_key` folds what never distinguishes names (case, diacritics,
punctuation, hyphen vs space, a leading "the", the dots of "U.S").
`skeleton_key` also folds transliteration variants, word by word:
spellings an editor listed as one name in data/name_variants.yml
(Yehia/Yahya, Mohammed/Muhammad), a prefix written joined or apart
(Abdel Fattah/Abdelfattah), particles (al-/El/ad-), and long words that
differ only by vowels and doubled letters (Shabaab/Shabab). Two names the
data lists apart (Mohammed/Mahmoud, Hassan/Hussein) never share a key. It is
looser than the lookup key, so it is only used to merge names of one type.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from generator.datafile import load_yaml

_APOSTROPHES = "'\u2018\u2019\u02bc\u02bb`\u00b4"
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")
_INITIALISM = re.compile(r"\b(?:[a-z]\.)+[a-z]\b\.?")  # "u.s.", "u.s", "u.n.", "e.u."
_VOWELS = set("aeiouwy")
SKELETON_MIN = 5  # a word shorter than this is kept whole: "Hadi" and "Huda" share only two consonants


def _load_confusables(path: Path) -> dict[int, str]:
    """Letter -> the Latin letter it passes for (data/confusables.txt, from scripts/build_confusables.py)."""
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            char, latin = line.split(" ", 2)[:2]
            table[ord(char)] = latin
    return table


_CONFUSABLES = _load_confusables(Path(__file__).with_name("data") / "confusables.txt")


def _strip(name: str) -> str:
    """Compatibility forms folded (NFKD: full-width letters, ligatures), accents and invisible
    format characters (soft hyphen, joiners, bidi controls) dropped, and letters of another script
    that pass for a Latin one replaced by it (the TR39 skeleton: a Cyrillic "а" in "Yаhya"):
    a name is matched as it reads."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c) and unicodedata.category(c) != "Cf")
    return s.translate(_CONFUSABLES).lower()


def _script(char: str) -> str:
    return unicodedata.name(char, "?").split(" ", 1)[0]


@lru_cache(maxsize=1 << 16)  # asked for every mention of a name: tens of thousands in a large archive
def mixed_script(name: str) -> bool:
    """A word of the name mixes letters of two scripts ("Yеhia" with a Cyrillic "е"): a look-alike
    spelling, either a typing accident or a spoof, that an editor should see."""
    for word in name.split():
        letters = [c for c in unicodedata.normalize("NFKD", word) if c.isalpha()]
        if len({_script(c) for c in letters}) > 1:
            return True
    return False


def _load_variants(path: Path) -> tuple[dict[str, str], tuple[tuple[str, str], ...], frozenset[str], frozenset[str]]:
    """(spelling -> its group's id, (prefix spelling, prefix id) longest first, particles, connectors)."""
    data = load_yaml(path) or {}
    group_of: dict[str, str] = {}
    for group in data.get("names") or ():
        words = [lookup_key(str(w)) for w in group]
        for w in words:
            if group_of.get(w, words[0]) != words[0]:
                raise ValueError(f"{path.name}: {w!r} is in two groups of names")
            group_of[w] = words[0]
    prefixes = [(lookup_key(str(form)), str(pid)) for pid, forms in (data.get("compound_prefixes") or {}).items()
                for form in forms]
    prefixes.sort(key=lambda p: -len(p[0]))
    return (group_of, tuple(prefixes), frozenset(lookup_key(str(p)) for p in data.get("particles") or ()),
            frozenset(lookup_key(str(p)) for p in data.get("connectors") or ()))


@lru_cache(maxsize=65536)
def lookup_key(name: str) -> str:
    s = re.sub(f"[{_APOSTROPHES}]", "", _strip(name))
    s = _INITIALISM.sub(lambda m: m.group(0).replace(".", ""), s)
    s = _NON_WORD.sub(" ", s)
    s = _SPACES.sub(" ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


_GROUP_OF, _PREFIXES, _PARTICLES, CONNECTORS = _load_variants(Path(__file__).with_name("data") / "name_variants.yml")


def _skeleton_word(word: str) -> str:
    """The first letter, then the consonants, a letter written twice in a row counted once: only a
    letter doubled in place is one sound (Shabaab/Shabab); the same consonant on both sides of a vowel
    is two, so "Harir" keeps both r's and never meets "Harrow"."""
    if not word:
        return word
    out = [word[0]]
    for prev, ch in zip(word, word[1:]):
        if ch in _VOWELS or ch == prev:
            continue
        out.append(ch)
    # "kh"/"k", "q"/"k" and "dh"/"d" interchange in transliteration
    return "".join(out).replace("q", "k").replace("kh", "k").replace("dh", "d")


def word_key(word: str) -> str:
    """One word's variant key: its group in the data, else its skeleton when long enough, else itself."""
    if word in _GROUP_OF:
        return "=" + _GROUP_OF[word]
    if len(word) < SKELETON_MIN or not word.isalpha():
        return word
    first = word[0] if word[0] not in "eiy" else "i"
    return first + _skeleton_word(word)[1:]


def _split_prefix(word: str) -> tuple[str, str] | None:
    """"abdelfattah" -> ("abd", "fattah"): a joined prefix and the name it is joined to."""
    for form, pid in _PREFIXES:
        if word.startswith(form) and len(word) - len(form) >= 3 and word not in _GROUP_OF:
            return pid, word[len(form):]
    return None


@lru_cache(maxsize=65536)
def name_words(name: str) -> tuple[str, ...]:
    """The variant keys of a name's words, particles dropped and prefixes joined to their word."""
    words = [w for w in lookup_key(name).split() if w not in _PARTICLES]
    prefix_ids = dict(_PREFIXES)
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w in prefix_ids and w not in _GROUP_OF and i + 1 < len(words):
            out.append(prefix_ids[w] + "+" + word_key(words[i + 1]))
            i += 2
            continue
        split = _split_prefix(w)
        out.append(split[0] + "+" + word_key(split[1]) if split else word_key(w))
        i += 1
    return tuple(out)


@lru_cache(maxsize=65536)
def skeleton_key(name: str) -> str:
    return " ".join(name_words(name))


VARIANT_DISTANCE = 0.45  # a word's share of letters a transliteration changes: Hussein/Husayn 3 of 7


def _edits(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def spelled_alike(a: str, b: str) -> bool:
    """Two spellings with one skeleton key are one name's variants, not two names that share their
    consonants: word by word, the same word, variants the data lists (Mohammed/Muhammad), or a
    spelling that changes at most VARIANT_DISTANCE of the letters (Mahdi/Mehdi, Mayadin/Mayadeen,
    Hussein/Husayn; not Taylor/Tueller, 4 of 7)."""
    wa = [w for w in lookup_key(a).split() if w not in _PARTICLES]
    wb = [w for w in lookup_key(b).split() if w not in _PARTICLES]
    if len(wa) != len(wb):
        return True  # joined or split prefixes (Abdel Fattah/Abdelfattah): the skeleton decides
    for x, y in zip(wa, wb):
        if x == y or (x in _GROUP_OF and _GROUP_OF.get(x) == _GROUP_OF.get(y)):
            continue
        if _edits(x, y) > VARIANT_DISTANCE * max(len(x), len(y)):
            return False
    return True


@lru_cache(maxsize=65536)
def content_words(name: str) -> frozenset[str]:
    """The variant keys of a name's words without particles and connectors, in no order:
    "Support Group for Islam and Muslims" and "Group for the Support of Islam and Muslims" agree."""
    return frozenset(w for w in name_words(name) if w not in CONNECTORS)


def initials(phrase: str) -> str:
    """The initials of a name as an acronym spells them: "Jama'at Nusrat al-Islam wal-Muslimin" -> "jnim"."""
    parts = re.split(r"[\s\-‐‑]+", _strip(phrase))
    words = [re.sub(f"[{_APOSTROPHES}]", "", p) for p in parts]
    return "".join(w[0] for w in words if w and w not in _PARTICLES and w not in CONNECTORS and w[0].isalnum())
