"""Acronyms an article defines: "the Group for the Support of Islam and Muslims (JNIM)".

Extraction folds an acronym into its name when the initials agree. A name
translated from another language keeps the original's acronym (JNIM for the
English "Group for the Support of Islam and Muslims"), and a name with a
particle-laden tail may be cut short ("Jama'at Nusrat" of "Jama'at Nusrat
al-Islam wal-Muslimin (JNIM)"). Before names are resolved across the
archive, each article's own definitions are read off its text: the acronym
in parentheses right after a name is that name's acronym, in that article.
Then the acronym is one more spelling of the name, and other articles that
use either one find it (generator/index/resolve.py).
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import replace

from generator.extract.lexicon import LEXICON
from generator.models import ORGANIZATION, Extraction, Mention
from generator.names import CONNECTORS, initials, lookup_key

# "(JNIM)", "(GSIM, linked to ...)", "(HaD;": an acronym opening a parenthesis
_DEFINED = re.compile(r"\(\s*([A-Z][A-Za-z0-9&]{1,9})\s*[,;)]")
_TAIL_WORDS = 4  # at most this many words between a cut-short name and its acronym
_TAIL_WORD = re.compile(r"^[\w\u2019'\-]+$")


@lru_cache(maxsize=1 << 16)  # asked for every name of every article
def is_acronym_form(word: str) -> bool:
    """"JNIM", "UNIFIL", "HaD": one word, two or more capitals, mostly capitals."""
    letters = [c for c in word if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return " " not in word and 2 <= len(letters) <= 10 and upper >= 2 and upper * 2 > len(letters)


def _spells(phrase: str, acronym: str) -> bool:
    return initials(phrase) == acronym.lower()


def _tail_ok(tail: str) -> bool:
    """Words between a name and "(ACR": particles, connectors or hyphenated name parts ("ul-Islam wa")."""
    words = tail.split()
    return 0 < len(words) <= _TAIL_WORDS and all(_TAIL_WORD.match(w) for w in words) and (
        all(w.lower() in CONNECTORS or "-" in w or w[:1].isupper() for w in words))


def _expansion(before: str, acronym: str, forms: dict[str, int], mentions: list[Mention]) -> tuple[int, str] | None:
    """(index of the mention the acronym names, the full phrase), from the text before "(ACR"."""
    best = None
    for form, idx in forms.items():
        if before.endswith(form) and (len(before) == len(form) or not before[-len(form) - 1].isalnum()):
            ok = mentions[idx].type == ORGANIZATION or _spells(form, acronym)
            if ok and (best is None or len(form) > len(best[1])):
                best = (idx, form)
    if best is not None:
        return best
    window = before[-160:]
    for form, idx in forms.items():
        at = window.rfind(form)
        if at < 0 or (at and window[at - 1].isalnum()):
            continue
        phrase = window[at:]
        if _tail_ok(window[at + len(form):]) and _spells(phrase, acronym):
            if best is None or len(phrase) > len(best[1]):
                best = (idx, phrase)
    return best


def definitions(ex: Extraction) -> list[tuple[int, str, str]]:
    """(mention index, acronym, phrase) for every "Name (ACR)" of this article whose name is an actor."""
    mentions = list(ex.actors)
    forms = {f: i for i, m in enumerate(mentions) for f in (m.name, *m.aliases) if not is_acronym_form(f)}
    out = []
    for text in (*ex.paragraphs, *ex.captions):
        if "(" not in text:
            continue
        for match in _DEFINED.finditer(text):
            acronym = match.group(1)
            if not is_acronym_form(acronym) or acronym.lower() in LEXICON.agencies:
                continue  # "(AFP)" credits an agency, it does not define a name
            found = _expansion(text[:match.start()].rstrip(), acronym, forms, mentions)
            if found is not None:
                out.append((found[0], acronym, found[1]))
    return out


def _merged(keep: Mention, other: Mention | None, acronym: str, phrase: str) -> Mention:
    spellings = [*keep.aliases, *(other.aliases if other else ()), phrase, acronym]
    aliases = tuple(dict.fromkeys(s for s in spellings if s != keep.name))
    typ = keep.type if keep.registered else ORGANIZATION  # people are not given acronyms, organisations are
    if other is None:
        return replace(keep, aliases=aliases, type=typ)
    return replace(keep, aliases=aliases, type=typ,
                   sentences=tuple(dict.fromkeys(keep.sentences + other.sentences)),
                   evidence=tuple(dict.fromkeys(keep.evidence + other.evidence)),
                   registered=keep.registered or other.registered)


def fold_defined_acronyms(ex: Extraction) -> Extraction:
    """One actor for a name and the acronym the article defines for it; quotes follow the name kept."""
    defs = definitions(ex)
    if not defs:
        return ex
    actors: list[Mention | None] = list(ex.actors)
    renamed: dict[str, str] = {}
    for idx, acronym, phrase in defs:
        exp = actors[idx]
        if exp is None:
            continue
        key = lookup_key(acronym)
        other = next((j for j, m in enumerate(actors) if m is not None and j != idx
                      and any(lookup_key(f) == key for f in (m.name, *m.aliases))), None)
        if other is None:
            actors[idx] = _merged(exp, None, acronym, phrase)
            continue
        acr = actors[other]
        if exp.registered and acr.registered:
            continue  # two register entries: the register decides
        keep, drop, at, gone = (acr, exp, other, idx) if acr.registered else (exp, acr, idx, other)
        actors[at] = _merged(keep, drop, acronym, phrase)
        actors[gone] = None
        renamed[drop.name] = keep.name
    def final(name: str) -> str:
        while name in renamed and renamed[name] != name:
            name = renamed[name]
        return name

    quotes = tuple(replace(q, speaker=final(q.speaker)) if q.speaker in renamed else q for q in ex.quotes)
    return replace(ex, actors=tuple(m for m in actors if m is not None), quotes=quotes)
