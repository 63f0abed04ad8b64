"""The gazetteer: every country, region and town, from GeoNames and ISO 3166.

Places are places: a town, province or country is never a person; a capital or
a country as the subject of an action is that country's government.  The data
come from generator/extract/data/gazetteer.txt (scripts/build_gazetteer.py);
these rows pin what the extractor relies on, in every region of the world.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.extract import extract, gazetteer as gaz
from generator.extract.lexicon import LEXICON as L
from generator.read.register import Register

ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------- countries


@pytest.mark.parametrize("form, name", [
    ("Kenya", "Kenya"), ("Republic of Kenya", "Kenya"), ("Nigeria", "Nigeria"), ("Mali", "Mali"),
    ("Burkina Faso", "Burkina Faso"), ("Chad", "Chad"), ("DRC", "Democratic Republic of the Congo"),
    ("Congo", "Democratic Republic of the Congo"), ("Côte d'Ivoire", "Ivory Coast"), ("Ivory Coast", "Ivory Coast"),
    ("Swaziland", "Eswatini"), ("Viet Nam", "Vietnam"), ("Burma", "Myanmar"), ("Czech Republic", "Czechia"),
    ("Colombia", "Colombia"), ("Bolivia", "Bolivia"), ("Venezuela", "Venezuela"), ("Cape Verde", "Cabo Verde"),
    ("U.S.", "United States"), ("UK", "United Kingdom"), ("UAE", "United Arab Emirates"), ("Iraq", "Iraq"),
    ("Türkiye", "Turkey"), ("Holy See", "Vatican"),
])
def test_country_forms(form, name):
    assert L.country_by_form[form.lower()].name == name


@pytest.mark.parametrize("demonym, name", [
    ("Kenyan", "Kenya"), ("Kenyans", "Kenya"), ("Nigerian", "Nigeria"), ("Malian", "Mali"), ("Chadian", "Chad"),
    ("Somali", "Somalia"), ("Congolese", "Democratic Republic of the Congo"), ("Colombian", "Colombia"),
    ("Peruvians", "Peru"), ("Vietnamese", "Vietnam"), ("Filipino", "Philippines"), ("Ukrainian", "Ukraine"),
    ("Swiss", "Switzerland"), ("Iraqi", "Iraq"), ("Kyrgyz", "Kyrgyzstan"), ("Kosovar", "Kosovo"),
])
def test_demonyms(demonym, name):
    assert L.country_by_demonym[demonym.lower()].name == name


@pytest.mark.parametrize("word", ["swisss", "frenchs", "chineses", "malagasys"])
def test_no_plural_made_for_demonyms_without_one(word):
    assert word not in L.country_by_demonym


@pytest.mark.parametrize("capital, name", [
    ("Nairobi", "Kenya"), ("Bamako", "Mali"), ("Kinshasa", "Democratic Republic of the Congo"), ("Abuja", "Nigeria"),
    ("Kampala", "Uganda"), ("Bogotá", "Colombia"), ("Bogota", "Colombia"), ("Yaoundé", "Cameroon"), ("Dakar", "Senegal"),
    ("Hanoi", "Vietnam"), ("Kyiv", "Ukraine"), ("Astana", "Kazakhstan"), ("Baghdad", "Iraq"),
    ("Washington", "United States"),
])
def test_capitals_stand_for_their_country(capital, name):
    assert L.country_by_capital[capital.lower()].name == name


@pytest.mark.parametrize("capital", ["Santiago", "Victoria", "Douglas", "Hamilton", "Male"])
def test_capitals_that_are_personal_names_or_words_are_not_metonyms(capital):
    # "Santiago said" is more likely a person than Chile's government
    assert capital.lower() not in L.country_by_capital


@pytest.mark.parametrize("name, adjective", [
    ("Kenya", "Kenyan"), ("Mali", "Malian"), ("New Zealand", "New Zealand"), ("Iceland", "Iceland"),
    ("United States", "US"), ("Saudi Arabia", "Saudi"), ("Philippines", "Philippine"),
])
def test_government_adjective(name, adjective):
    assert L.country_by_form[name.lower()].adjective == adjective


@pytest.mark.parametrize("name, territory, part_of", [
    ("Gaza", True, "Palestine"), ("West Bank", True, "Palestine"), ("Kurdistan Region", True, None),
    ("Palestine", True, None), ("Kenya", False, None),
])
def test_territories_from_overrides(name, territory, part_of):
    c = L.country_by_form[name.lower()]
    assert (c.territory, c.part_of) == (territory, part_of)


def test_every_state_is_there():
    states = [c for c in L.countries if c.code and not c.territory]
    assert len(states) >= 193  # every UN member, plus ISO territories
    assert all(c.adjective for c in states)
    assert sum(1 for c in states if c.capital) >= 193


# ---------------------------------------------------------------- towns


@pytest.mark.parametrize("name, country", [
    # Africa
    ("Goma", "CD"), ("Bunia", "CD"), ("Maiduguri", "NG"), ("Timbuktu", "ML"), ("Kismayo", "SO"), ("El Fasher", "SD"),
    # Asia and the Middle East
    ("Mosul", "IQ"), ("Erbil", "IQ"), ("Hawler", "IQ"), ("Kandahar", "AF"), ("Peshawar", "PK"), ("Mandalay", "MM"),
    ("Aleppo", "SY"), ("Kiryat Bialik", "IL"),
    # Latin America
    ("Medellín", "CO"), ("Medellin", "CO"), ("Maracaibo", "VE"), ("Valparaíso", "CL"), ("São Paulo", "BR"),
    # Europe
    ("Kherson", "UA"), ("Kiev", "UA"), ("Thessaloniki", "GR"),
])
def test_towns_in_every_region(name, country):
    town = L.city(name)
    assert town is not None and town.country == country
    assert name.lower() in L.places  # never a person


@pytest.mark.parametrize("name, canonical", [
    ("Kut", "Al-Kut"), ("Kūt", "Al-Kut"), ("Bombay", "Mumbai"), ("Peking", "Beijing"), ("Waterloo", "Waterloo"),
])
def test_town_spellings(name, canonical):
    assert gaz.city(name).name == canonical


@pytest.mark.parametrize("name, is_capital", [("Nairobi", True), ("Kyiv", True), ("Mosul", False), ("Lagos", False)])
def test_capital_flag(name, is_capital):
    assert gaz.city(name).is_capital is is_capital


@pytest.mark.parametrize("word", [
    "Nice", "Mobile", "Police", "Union", "Of", "Bar", "Best", "Says", "Hope", "Reading", "Split", "Pascal",
])
def test_common_words_and_old_names_are_not_towns(word):
    # English words GeoNames has towns for ("Police", Poland); a colonial name of a small town
    assert gaz.city(word) is None and word.lower() not in L.places


@pytest.mark.parametrize("word", ["Austin", "Hassan", "Victoria", "Salem", "Obeid", "Cali"])
def test_towns_that_are_also_personal_names_may_be_people(word):
    town = gaz.city(word)
    assert town is not None and town.personal and not gaz.is_town(word)


# ---------------------------------------------------------------- regions


@pytest.mark.parametrize("name, country, kind", [
    ("Texas", "US", "state"), ("Virginia", "US", "state"), ("Punjab", "IN", "state"), ("Sindh", "PK", "province"),
    ("Minas Gerais", "BR", "state"), ("Chiapas", "MX", "state"), ("Nord-Kivu", "CD", "province"),
    ("Borno", "NG", "state"), ("Helmand", "AF", "province"), ("Africa", "", "continent"),
])
def test_regions(name, country, kind):
    r = L.region(name)
    assert r is not None and (r.country, r.kind) == (country, kind)
    assert name.lower() in L.regions and name.lower() in L.places


@pytest.mark.parametrize("name", ["Kirkuk", "Baghdad", "Idlib"])
def test_a_province_named_after_its_town_is_the_town(name):
    # a governorate that shares its town's name is not a bare region: the town can be a target
    assert gaz.region(name) is None and gaz.city(name) is not None


# ---------------------------------------------------------------- in extraction

HEAD = "Officials trade blame after overnight attack\n\n"


@pytest.mark.parametrize("body, government", [
    ("Nairobi said on Tuesday it would send more troops to the border.", "Kenyan government"),
    ("Bamako said the attack on the camp had been repelled.", "Malian government"),
    ("Kinshasa accused the rebels of shelling the town.", "Congolese government"),
    ("Bogotá said the talks would resume next month.", "Colombian government"),
    ("Chad said its soldiers had been ambushed near the lake.", "Chadian government"),
])
def test_capital_or_country_as_subject_is_its_government(body, government):
    ex = extract(HEAD + body + "\n\nThe investigation continues.", Register(()))
    assert government in {a.name for a in ex.actors}


@pytest.mark.parametrize("body, place", [
    ("Mortar rounds hit Maiduguri overnight, Governor Musa Kolo Bala said.", "Maiduguri"),
    ("Drones struck Goma, spokesman Didier Ngoy Lunda said.", "Goma"),
])
def test_towns_are_never_people(body, place):
    ex = extract(HEAD + body + "\n\nThe investigation continues.", Register(()))
    assert place not in {a.name for a in ex.actors}


def test_load_time_is_reported(record_property):
    """One-time CPU cost of the gazetteer in a fresh process (reported, not asserted: machines differ)."""
    code = ("import time; from generator.extract import gazetteer as g; g.countries.cache_clear(); "
            "t = time.process_time(); g.countries(); c = time.process_time(); g.towns(); "
            "print(c - t, time.process_time() - c)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": ""})
    countries_s, towns_s = map(float, out.stdout.split())
    record_property("gazetteer_countries_s", countries_s)
    record_property("gazetteer_towns_s", towns_s)
    print(f"gazetteer load: countries and regions {countries_s:.3f} s, towns {towns_s:.3f} s")
    assert len(gaz.towns().towns) > 50_000
