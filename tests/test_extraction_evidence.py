"""Table-driven tests for the extraction rules of entities-by-evidence: shapes, common words, evidence
and admission, countries' armies, organisations as modifiers, experiencer verbs, group cues, registered
surnames, name chunks and clause-based speakers. Every sentence here is composed for these tests."""
from __future__ import annotations

import pytest

from generator.extract import extract
from generator.extract.evidence import (ACTS, ARMY, GOVERNMENT, NAME, POSSESSOR, QUOTED, REGISTER as REG_LABEL,
                                        REPEATED, SPEAKS, TITLE, admitted)
from generator.extract.shapes import is_common_single, is_event, is_place_shaped, is_weapon
from generator.extract.words import is_common_word
from generator.models import ORGANIZATION, PERSON
from generator.register import Register, RegisterEntry

REGISTER = Register((
    RegisterEntry(name="Mohammed Shia al-Sudani", kind="actor", type="person", aliases=("Sudani", "Al-Sudani")),
    RegisterEntry(name="Charles Okello Mbeki", kind="actor", type="person", aliases=()),
    RegisterEntry(name="Sudanese government", kind="actor", type="organization", government_of="Sudan"),
))
HEAD = "Officials trade blame after overnight attack\n\n"


def run(body: str):
    ex = extract(HEAD + body + "\n\nThe investigation continues.", REGISTER)
    names = {a.name for a in ex.actors}
    for q in ex.quotes:
        assert q.speaker is None or q.speaker in names
    return ex


def actors(body: str) -> dict:
    return {a.name: a for a in run(body).actors}


def held(body: str) -> dict:
    return {a.name: a for a in run(body).held}


def every_form(body: str) -> set[str]:
    """Every name and alias of an actor or a held candidate."""
    ex = run(body)
    return {f for a in (*ex.actors, *ex.held) for f in (a.name, *a.aliases)}


def speakers(body: str) -> dict[str, str | None]:
    return {q.text.rstrip(".,"): q.speaker for q in run(body).quotes}


# ---------------------------------------------------------------- shapes.py and words.py


@pytest.mark.parametrize("words, expected", [
    (["Mount", "Meron"], True),            # toponym prefix
    (["Wadi", "Seidna"], True),
    (["Camp", "Simba"], True),
    (["Lower", "Shabelle"], True),
    (["Kfarshuba", "Hills"], True),        # toponym head
    (["Manda", "Airstrip"], True),
    (["Joint", "Operations", "Command"], False),  # an organisation noun keeps it an organisation
    (["Forces", "of", "the", "Valley"], False),
    (["Meron"], False),
])
def test_is_place_shaped(words, expected):
    assert is_place_shaped(words) is expected


@pytest.mark.parametrize("words, expected", [
    (["Vehicle-Borne", "Improvised", "Explosive", "Device"], True),
    (["IEDs"], True),
    (["Improvised", "Explosive", "Devices"], True),
    (["Popular", "Defence", "Forces"], False),
])
def test_is_weapon(words, expected):
    assert is_weapon(words) is expected


@pytest.mark.parametrize("words, expected", [
    (["Al-Aqsa", "Flood", "Operation"], True),
    (["UN", "Security", "Council", "Resolution"], True),
    (["Operation"], False),                  # one word is not an event name
    (["UN", "Security", "Council"], False),
])
def test_is_event(words, expected):
    assert is_event(words) is expected


@pytest.mark.parametrize("words, expected", [
    (["Migrants"], True),
    (["Smoke"], True),
    (["Terrorists"], True),
    (["UN"], False),                         # an acronym is never a dictionary word
    (["Zarqawa"], False),
    (["Blue", "Helmets"], False),            # one word only
])
def test_is_common_single(words, expected):
    assert is_common_single(words) is expected


@pytest.mark.parametrize("word, expected", [
    ("migrants", True),
    ("Militias", True),    # -ies plural
    ("bodies", True),
    ("forces", True),      # -es plural
    ("Smoke", True),
    ("Israel", False),     # proper nouns are written capitalised in the dictionary
    ("Charles", False),
    ("Shabaab", False),
    ("al-Amiri", False),   # not alphabetic
])
def test_is_common_word(word, expected):
    assert is_common_word(word) is expected


# ---------------------------------------------------------------- evidence.py: admitted


@pytest.mark.parametrize("evidence, type_, name, mentions, expected", [
    ({NAME}, PERSON, "Amina Yusuf", 1, True),             # a real-looking name stands alone
    ({NAME}, PERSON, "Golden Eagle", 1, False),           # dictionary words only: held
    ({NAME}, PERSON, "Blue Helmets", 3, False),
    ({ACTS}, PERSON, "Golden Eagle", 1, True),
    ({QUOTED}, PERSON, "Golden Eagle", 1, True),
    ({SPEAKS}, PERSON, "Silver Fox", 1, True),
    ({TITLE}, PERSON, "Grace Hope", 1, True),
    ({ARMY}, ORGANIZATION, "Sudanese army", 1, False),    # an army named once, doing nothing: held
    ({ARMY, REPEATED}, ORGANIZATION, "Sudanese army", 2, True),
    ({ARMY, ACTS}, ORGANIZATION, "Sudanese army", 1, True),
    ({ARMY, POSSESSOR}, ORGANIZATION, "Sudanese army", 1, True),
    ({ARMY, GOVERNMENT}, ORGANIZATION, "Sudanese army", 1, True),
    ({REG_LABEL}, PERSON, "Golden Eagle", 1, True),
])
def test_admitted(evidence, type_, name, mentions, expected):
    assert admitted(evidence, type_, name, mentions) is expected


@pytest.mark.parametrize("body, name", [
    ("Officials said Golden Eagle had fired on the convoy.", "Golden Eagle"),
    ("Officials said Silver Fox had crossed the river.", "Silver Fox"),
    ("Residents said Iron Wolf had left the town.", "Iron Wolf"),
])
def test_dictionary_word_person_is_held(body, name):
    assert name not in actors(body)
    assert name in held(body)


@pytest.mark.parametrize("body, name", [
    ("\u201cWe will not leave,\u201d said Golden Eagle.", "Golden Eagle"),
    ("\u201cWe will not leave,\u201d Golden Eagle said.", "Golden Eagle"),
    ("\u201cThe road is open,\u201d said Silver Fox.", "Silver Fox"),
])
def test_held_speaker_credited_with_a_quote_is_admitted(body, name):
    found = actors(body)
    assert name in found, found
    assert QUOTED in found[name].evidence
    assert name not in held(body)
