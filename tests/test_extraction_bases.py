"""Bases: named installations and named places attacked, folded per place."""
from __future__ import annotations

import pytest

from generator.extract import extract
from generator.read.register import Register, RegisterEntry

REGISTER = Register((
    RegisterEntry(name="Tower 22", kind="base", type="base", aliases=("Tower 22 outpost",)),
    RegisterEntry(name="Al-Tanf Garrison", kind="base", type="base", aliases=("Al-Tanf", "Tanf", "At-Tanf")),
))
HEAD = "Drones target coalition sites overnight\n\n"


def bases(body: str) -> dict[str, tuple[str, ...]]:
    ex = extract(HEAD + body + "\n\nThe investigation continues.", REGISTER)
    return {b.name: b.aliases for b in ex.bases}


@pytest.mark.parametrize(
    "body, expected",
    [
        ("A drone hit the Harir air base north of the city.", "Harir air base"),
        ("Rockets struck near Balad airbase late on Sunday.", "Balad airbase"),
        ("Two rockets fell inside Camp Taji, officials said.", "Camp Taji"),
        ("The attack on Al-Tanf Garrison was repelled.", "Al-Tanf Garrison"),
        ("Troops at the Green Village base came under fire.", "Green Village base"),
        ("A rocket landed near Erbil airport on Tuesday.", "Erbil airport"),
        ("A drone attack on the Tower 22 outpost killed three soldiers.", "Tower 22"),
    ],
)
def test_named_installations(body, expected):
    found = bases(body)
    assert any(expected == n or expected in al for n, al in found.items()), found


@pytest.mark.parametrize(
    "body, places",
    [
        ("The group said it carried out attacks on their positions in al-Bukamal and in Mayadin.", {"al-Bukamal", "Mayadin"}),
        ("Militants launched rockets targeting Shaddadi, Conoco and the Omar oil field.", {"Shaddadi", "Conoco"}),
        ("The strikes on Akashat followed a week of attacks.", {"Akashat"}),
    ],
)
def test_named_targets_at_town_or_site_level(body, places):
    found = bases(body)
    got = {a for al in found.values() for a in al}
    assert places <= got, found


@pytest.mark.parametrize(
    "body",
    [
        "Attacks on US bases in Iraq and Syria have increased.",  # countries
        "A US drone strike in Baghdad killed a commander.",  # capital as the place it happened
        "The rockets were launched from Qaim toward the west.",  # launch site
        "A Peshmerga base was hit by a drone.",  # unnamed base
        "The attack targeted Iraqi military bases hosting advisers.",  # generic
        "Strikes targeted Kataib Hezbollah facilities near the border.",  # an organisation, not a place
    ],
)
def test_not_bases(body):
    assert bases(body) == {}


@pytest.mark.parametrize(
    "body, name, aliases",
    [
        ("Rockets hit Al-Tanf. Later, the At-Tanf garrison reported no injuries.", "Al-Tanf Garrison", {"Al-Tanf", "At-Tanf"}),
        ("Drones hit Rumeilan airbase. The Rmeilan airbase was hit again.", None, {"Rumeilan airbase", "Rmeilan airbase"}),
    ],
)
def test_spellings_of_one_place_fold(body, name, aliases):
    found = bases(body)
    assert len(found) == 1, found
    (got_name, got_aliases), = found.items()
    if name:
        assert got_name == name
    assert aliases <= set(got_aliases)
