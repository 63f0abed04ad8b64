"""Why a discovered name is believed to be an actor, and whether that is enough for a page.

Every candidate leaves evidence labels on its entity; `admitted` reads them.
An entity without enough evidence is held back: it gets no page and is listed
by `python -m generator review` with its evidence, for an editor to promote.
The title case of a headline, a capitalised sentence start or a capitalised
dictionary word is never evidence by itself.
"""
from __future__ import annotations

from generator.models import PERSON
from generator.extract.chunks import is_romanised_given_name
from generator.extract.shapes import site_head
from generator.extract.words import is_common_word, is_given_name

# labels, strongest first (the order `review` prints them in)
REGISTER, TITLE, SPEAKS, QUOTED, ACTS, GOVERNMENT, ARMY, ACRONYM, ORG_NOUN, POSSESSOR, REPEATED, NAME = (
    "register", "title", "speaks", "quoted", "acts", "government", "army", "acronym", "org-noun", "possessor",
    "repeated", "name")
ORDER = (REGISTER, TITLE, SPEAKS, QUOTED, ACTS, GOVERNMENT, ARMY, ACRONYM, ORG_NOUN, POSSESSOR, REPEATED, NAME)


def candidate_evidence(c) -> set[str]:
    """The labels one candidate mention gives its entity."""
    out = set()
    if c.titled or c.roles:
        out.add(TITLE)
    if c.speaks:
        out.add(SPEAKS)
    if c.subject:
        out.add(ACTS)
    if c.kind == "gov":
        out.add(GOVERNMENT)
    if c.army:
        out.add(ARMY)
    if c.acronym:
        out.add(ACRONYM)
    if c.kind == "org" and not c.army:
        out.add(ORG_NOUN)
    if c.possessive:
        out.add(POSSESSOR)
    return out


def common_words_only(name: str) -> bool:
    """"Blue Helmets", "Forward Base": every part of the name is a dictionary word in lower case."""
    if any(is_romanised_given_name(w) for w in name.split()):
        return False  # "Ban Ki-moon": "Ki-moon" is no dictionary word
    parts = [w for w in name.replace("-", " ").split() if len(w) > 2 and not w.isupper()]
    return bool(parts) and all(is_common_word(w) for w in parts)


def admitted(evidence: set[str], type_: str, name: str) -> bool:
    """Enough evidence for a page: strong labels always; every organisation (a country's army named as
    such included); a bare person's name only when it is not made of dictionary words alone, or the
    first of them is a common given name."""
    if evidence & {REGISTER, TITLE, SPEAKS, QUOTED, GOVERNMENT, ACRONYM}:
        return True
    if type_ != PERSON and site_head(name.split()) in _PLACES_FIRST:
        return ACTS in evidence  # "strikes hit Al-Rantisi Hospital": a place struck, a body only when it acts
    if type_ == PERSON:
        # "Bob Dole", "Tony Blair": dictionary words, but the first is a common given name
        return ACTS in evidence or not common_words_only(name) or is_given_name(name.split()[0])
    return True


# sites named in the news mostly as places (struck, besieged, sheltering the wounded); a university, a museum, a
# church or a market acts and is discussed as a body as often ("Harvard University sued", "the Horniman Museum
# has returned 72 objects")
_PLACES_FIRST = frozenset({"hospital", "clinic", "school", "mosque"})


def ordered(evidence: set[str]) -> tuple[str, ...]:
    return tuple(label for label in ORDER if label in evidence)
