"""Data checks for the curated entity register (register.yml).

These tests guard the *content* of the register, not the loader: the file
must load without problems, every entry must carry the fields analysts rely
on, and the common spelling variants seen across outlets must resolve to the
intended canonical entry.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from generator.names import lookup_key, skeleton_key
from generator.read.register import load_register

REGISTER_PATH = Path(__file__).resolve().parents[1] / "register.yml"

# Rough Middle East box (incl. Yemen, the Gulf, Jordan, Israel, Iran).
LAT_RANGE = (12.0, 42.0)
LON_RANGE = (32.0, 63.0)

# Forms that must never be aliases: bare country/capital names are resolved
# to governments by grammar (government_of), not by the alias table.
FORBIDDEN_ALIASES = {
    "iraq", "iran", "syria", "turkey", "israel", "jordan", "lebanon", "yemen",
    "us", "usa", "united states", "america", "uk", "britain", "united kingdom",
    "baghdad", "tehran", "washington", "damascus", "ankara", "london",
    "jerusalem", "amman", "beirut", "sanaa", "erbil", "kurdistan region",
}

# Skeleton (transliteration-key) collisions that are known and accepted: in
# each case the exact forms still resolve, only loose variants are not guessed.
ACCEPTED_SKELETON_CLASHES = {
    ("actor", "shr"),  # SOHR vs Sharaa (Ahmed al-Sharaa)
    ("actor", "d"),    # DoD (Pentagon) vs Dawa (Islamic Dawa Party)
    ("actor", "pk"),   # PUK vs PKK (three-letter acronyms, never looked up loosely)
}


@pytest.fixture(scope="module")
def loaded():
    return load_register(REGISTER_PATH)


@pytest.fixture(scope="module")
def register(loaded):
    return loaded[0]


def test_register_loads_without_problems(loaded):
    register, problems = loaded
    assert [str(p) for p in problems] == []
    assert len(register.actors()) >= 120
    assert len(register.bases()) >= 40


def test_canonical_names_are_unique(register):
    seen = defaultdict(list)
    for entry in register.entries:
        seen[(entry.kind, lookup_key(entry.name))].append(entry.name)
    dupes = {k: v for k, v in seen.items() if len(v) > 1}
    assert dupes == {}


def test_every_actor_has_a_description(register):
    missing = [e.name for e in register.actors() if not (e.description or "").strip()]
    assert missing == []


def test_every_base_has_country_coordinates_and_description(register):
    for base in register.bases():
        assert base.country, f"{base.name}: no country"
        assert base.description, f"{base.name}: no description"
        assert base.coordinates is not None, f"{base.name}: no coordinates"
        lat, lon = base.coordinates
        assert LAT_RANGE[0] <= lat <= LAT_RANGE[1], f"{base.name}: latitude {lat} outside the Middle East"
        assert LON_RANGE[0] <= lon <= LON_RANGE[1], f"{base.name}: longitude {lon} outside the Middle East"


def test_bases_in_iraq_and_syria_have_plausible_coordinates(register):
    # Coarse per-country boxes catch swapped lat/lon or a wrong country.
    boxes = {"Iraq": ((29.0, 37.5), (38.7, 48.7)), "Syria": ((32.3, 37.4), (35.7, 42.4))}
    for base in register.bases():
        if base.country in boxes:
            (lat0, lat1), (lon0, lon1) = boxes[base.country]
            lat, lon = base.coordinates
            assert lat0 <= lat <= lat1 and lon0 <= lon <= lon1, f"{base.name}: {base.coordinates}"


def test_governments_are_marked_and_reachable(register):
    for country, name in [
        ("Iraq", "Iraqi government"),
        ("United States", "US government"),
        ("Iran", "Iranian government"),
        ("Syria", "Syrian government"),
        ("Turkey", "Turkish government"),
        ("United Kingdom", "UK government"),
        ("Israel", "Israeli government"),
        ("Kurdistan Region", "Kurdistan Regional Government"),
    ]:
        entry = register.government_of(country)
        assert entry is not None and entry.name == name, country


def test_no_bare_country_or_capital_aliases(register):
    bad = [(e.name, a) for e in register.entries for a in e.aliases if lookup_key(a) in FORBIDDEN_ALIASES]
    assert bad == []


def test_every_form_resolves_to_its_own_entry(register):
    for entry in register.entries:
        for form in entry.forms:
            assert register.find(form, entry.kind) is entry, (entry.name, form)


def test_no_unexpected_skeleton_collisions(register):
    owners = defaultdict(set)
    for entry in register.entries:
        for form in entry.forms:
            owners[(entry.kind, skeleton_key(form))].add(entry.name)
    clashes = {k for k, v in owners.items() if len(v) > 1}
    assert clashes <= ACCEPTED_SKELETON_CLASHES, sorted(clashes - ACCEPTED_SKELETON_CLASHES)


VARIANTS = [
    # (surface form seen in articles, kind, expected canonical entry)
    ("Yahya Rasool", "actor", "Yehia Rasool"),
    ("Yehia Rasool", "actor", "Yehia Rasool"),
    ("Mohamed Shia Al-Sudani", "actor", "Mohammed Shia al-Sudani"),
    ("Muhammad Shia al-Sudani", "actor", "Mohammed Shia al-Sudani"),
    ("Kataeb Hezbollah", "actor", "Kataib Hezbollah"),
    ("Hezbollah Brigades", "actor", "Kataib Hezbollah"),
    ("Kata'ib Hizballah", "actor", "Kataib Hezbollah"),
    ("Kataeb Sayyid al-Shuhada", "actor", "Kataib Sayyid al-Shuhada"),
    ("Nujaba Movement", "actor", "Harakat al-Nujaba"),
    ("Asa'ib Ahl al-Haq", "actor", "Asaib Ahl al-Haq"),
    ("PMF", "actor", "Popular Mobilization Forces"),
    ("Hashd al-Shaabi", "actor", "Popular Mobilization Forces"),
    ("Popular Mobilisation Forces", "actor", "Popular Mobilization Forces"),
    ("Centcom", "actor", "US Central Command"),
    ("U.S. Central Command", "actor", "US Central Command"),
    ("Department of Defense", "actor", "Pentagon"),
    ("the Pentagon", "actor", "Pentagon"),
    ("Daesh", "actor", "Islamic State"),
    ("Ansar Allah", "actor", "Houthi movement"),
    ("Islamic Revolution Guard Corps", "actor", "Islamic Revolutionary Guard Corps"),
    ("IRGC Quds Force", "actor", "Quds Force"),
    ("Ismail Qaani", "actor", "Esmail Qaani"),
    ("Qasem Soleimani", "actor", "Qassem Soleimani"),
    ("Abu Mahdi al-Mohandes", "actor", "Abu Mahdi al-Muhandis"),
    ("Faleh al-Fayadh", "actor", "Faleh al-Fayyadh"),
    ("Qasim al-Araji", "actor", "Qassem al-Aaraji"),
    ("Moqtada al-Sadr", "actor", "Muqtada al-Sadr"),
    ("Hossein Amirabdollahian", "actor", "Hossein Amir-Abdollahian"),
    ("Lloyd J. Austin III", "actor", "Lloyd Austin"),
    ("Antony J. Blinken", "actor", "Antony Blinken"),
    ("Erik Kurilla", "actor", "Michael Kurilla"),
    ("Abu Mohammed al-Jolani", "actor", "Ahmed al-Sharaa"),
    ("Government of Iraq", "actor", "Iraqi government"),
    ("Global Coalition", "actor", "Global Coalition against ISIS"),
    ("Al Asad air base", "base", "Ain al-Asad Air Base"),
    ("Ain al Asad base", "base", "Ain al-Asad Air Base"),
    ("Ayn al-Asad", "base", "Ain al-Asad Air Base"),
    ("Hareer", "base", "Harir Air Base"),
    ("Victoria military base", "base", "Victory Base"),
    ("Camp Victory", "base", "Victory Base"),
    ("Jurf al-Sakhar", "base", "Jurf al-Nasr"),
    ("Abu Kamal", "base", "Albu Kamal"),
    ("Rmeilan", "base", "Rumeilan landing zone"),
]


@pytest.mark.parametrize("surface,kind,expected", VARIANTS)
def test_spelling_variants_resolve(register, surface, kind, expected):
    entry = register.find(surface, kind)
    assert entry is not None, f"{surface!r} does not resolve"
    assert entry.name == expected


def test_actor_spellings_do_not_leak_into_bases(register):
    # Same surface, different kind: the base "Al Asad" must not make the
    # person Bashar al-Assad a base, and vice versa.
    assert register.find("Assad", "actor").name == "Bashar al-Assad"
    assert register.find("Al Asad", "base").name == "Ain al-Asad Air Base"
    assert register.find("Yehia Rasool", "base") is None
