"""Generic language knowledge the extractor reads from `data/*.yml`.

Loaded once at import into frozen sets and mappings: code holds rules, the
YAML holds word lists (month names, titles, org nouns, media, countries), so
widening coverage for a new outlet is a data edit, not a code change.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import yaml

_DATA = Path(__file__).with_name("data")


def _load(name: str) -> dict:
    with open(_DATA / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def _lower_set(items) -> frozenset[str]:
    return frozenset(str(i).lower() for i in items or ())


@dataclass(frozen=True)
class Country:
    name: str
    forms: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    adjective: str
    territory: bool
    part_of: str | None


@dataclass(frozen=True)
class Lexicon:
    months: MappingProxyType  # lowercase month word -> month number
    weekdays: frozenset[str]
    boiler_exact: frozenset[str]
    boiler_prefix: tuple[str, ...]
    boiler_patterns: tuple[re.Pattern, ...]
    section_labels: frozenset[str]
    credit_patterns: tuple[re.Pattern, ...]
    countries: tuple[Country, ...]
    country_by_form: MappingProxyType  # lowercase name/form -> Country
    country_by_demonym: MappingProxyType  # lowercase demonym -> Country
    country_by_capital: MappingProxyType  # lowercase capital -> Country
    places: frozenset[str]
    regions: frozenset[str]
    geo_nouns: frozenset[str]
    agencies: MappingProxyType  # lowercase -> canonical spelling
    outlets: frozenset[str]
    media_nouns: frozenset[str]
    title_words: frozenset[str]
    title_domains: frozenset[str]
    roles: MappingProxyType
    anonymous_nouns: frozenset[str]
    fighter_nouns: frozenset[str]
    equipment_nouns: frozenset[str]
    particles: frozenset[str]
    suffixes: frozenset[str]
    org_nouns: frozenset[str]
    lowercase_heads: frozenset[str]
    located_heads: frozenset[str]
    org_name_words: frozenset[str]
    institutions: frozenset[str]
    stopwords: frozenset[str]
    descriptors: frozenset[str]
    locative: frozenset[str]
    abbreviations: frozenset[str]
    auxiliaries: frozenset[str]
    adverbs: frozenset[str]
    verbs: frozenset[str]  # all inflected forms
    speech_verbs: frozenset[str]
    war_nouns: frozenset[str]
    naming_cues: frozenset[str]
    base_nouns_after: tuple[str, ...]
    base_nouns_before: tuple[str, ...]
    airport_nouns: tuple[str, ...]
    target_triggers: tuple[str, ...]
    site_nouns: frozenset[str]
    place_nouns: frozenset[str]  # lowercase nouns that make the name before them a place ("Sulaimani province")
    ship_prefixes: frozenset[str]  # "USS Laboon": a ship, not a base
    block_headings: frozenset[str] = frozenset()  # "Related Articles": navigation follows
    language_names: frozenset[str] = frozenset()  # a language switcher's entries
    staff_words: tuple[str, ...] = ()  # "By X Staff": a newsroom byline, longest first
    boiler_contains: tuple[str, ...] = ()  # app prompts: a short line containing one is furniture


def _inflect(base: str) -> set[str]:
    """The -s, -ed and -ing forms of a regular verb (good enough for matching)."""
    out = {base}
    if base.endswith("e"):
        out |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        out |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif base.endswith(("s", "sh", "ch", "x", "z")):
        out |= {base + "es", base + "ed", base + "ing"}
    else:
        out |= {base + "s", base + "ed", base + "ing"}
        if len(base) >= 3 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou" and base[-3] not in "aeiou":
            out |= {base + base[-1] + "ed", base + base[-1] + "ing"}
        if base.endswith("l"):
            out |= {base + "led", base + "ling"}
    return out


def _build() -> Lexicon:
    cal = _load("calendar.yml")
    boiler = _load("boilerplate.yml")
    geo = _load("countries.yml")
    media = _load("media.yml")
    people = _load("people.yml")
    orgs = _load("organizations.yml")
    lang = _load("language.yml")
    places = _load("places.yml")

    months = {}
    for num, words in cal["months"].items():
        for w in words:
            months[w.lower()] = int(num)

    countries = []
    by_form, by_dem, by_cap = {}, {}, {}
    for raw in geo["countries"]:
        c = Country(
            name=raw["name"],
            forms=tuple(raw.get("forms") or ()),
            demonyms=tuple(raw.get("demonyms") or ()),
            capital=raw.get("capital"),
            adjective=raw.get("adjective") or raw["name"],
            territory=bool(raw.get("territory")),
            part_of=raw.get("part_of"),
        )
        countries.append(c)
        for f in (c.name, *c.forms):
            by_form.setdefault(f.lower(), c)
        for d in c.demonyms:
            by_dem.setdefault(d.lower(), c)
        if c.capital:
            by_cap.setdefault(c.capital.lower(), c)

    verbs: set[str] = set()
    for v in lang["verbs"]:
        verbs |= _inflect(v.lower())
    verbs |= _lower_set(lang["irregular"])

    agencies = {a.lower(): a for a in media["agencies"]}
    return Lexicon(
        months=MappingProxyType(months),
        weekdays=_lower_set(cal["weekdays"]),
        boiler_exact=_lower_set(boiler["exact"]),
        boiler_prefix=tuple(p.lower() for p in boiler["prefix"]),
        boiler_patterns=tuple(re.compile(p, re.I) for p in boiler["patterns"]),
        section_labels=_lower_set(boiler["section_labels"]),
        credit_patterns=tuple(re.compile(p, re.I if "A-Z" not in p else 0) for p in boiler["credit_patterns"]),
        countries=tuple(countries),
        country_by_form=MappingProxyType(by_form),
        country_by_demonym=MappingProxyType(by_dem),
        country_by_capital=MappingProxyType(by_cap),
        places=_lower_set(geo["places"]) | _lower_set(geo.get("regions")),
        regions=_lower_set(geo.get("regions")),
        geo_nouns=_lower_set(geo["geo_nouns"]),
        agencies=MappingProxyType(agencies),
        outlets=_lower_set(media["outlets"]),
        media_nouns=_lower_set(media["media_nouns"]),
        title_words=_lower_set(people["title_words"]),
        title_domains=_lower_set(people["title_domains"]),
        roles=MappingProxyType({k.lower(): v for k, v in people["roles"].items()}),
        anonymous_nouns=_lower_set(people["anonymous_nouns"]),
        fighter_nouns=_lower_set(orgs.get("fighter_nouns")),
        equipment_nouns=_lower_set(orgs.get("equipment_nouns")),
        particles=_lower_set(people["particles"]),
        suffixes=_lower_set(people["suffixes"]),
        org_nouns=_lower_set(orgs["org_nouns"]),
        lowercase_heads=_lower_set(orgs["lowercase_heads"]),
        located_heads=_lower_set(orgs["located_heads"]),
        org_name_words=_lower_set(orgs["name_words"]),
        institutions=_lower_set(orgs["institutions"]),
        stopwords=_lower_set(lang["stopwords"]),
        descriptors=_lower_set(lang["descriptors"]),
        locative=_lower_set(lang["locative"]),
        abbreviations=_lower_set(lang["abbreviations"]),
        auxiliaries=_lower_set(lang["auxiliaries"]),
        adverbs=_lower_set(lang["adverbs"]),
        verbs=frozenset(verbs),
        speech_verbs=_lower_set(lang["speech_verbs"]),
        war_nouns=_lower_set(lang["war_nouns"]),
        naming_cues=_lower_set(lang["naming_cues"]),
        base_nouns_after=tuple(sorted((b.lower() for b in places["base_nouns_after"]), key=len, reverse=True)),
        base_nouns_before=tuple(places["base_nouns_before"]),
        airport_nouns=tuple(places["airport_nouns"]),
        target_triggers=tuple(sorted((t.lower() for t in places["target_triggers"]), key=len, reverse=True)),
        site_nouns=_lower_set(places["site_nouns"]),
        place_nouns=_lower_set(places.get("place_nouns")),
        ship_prefixes=_lower_set(places.get("ship_prefixes")),
        block_headings=_lower_set(boiler.get("block_headings")),
        language_names=_lower_set(boiler.get("language_names")),
        staff_words=tuple(sorted(_lower_set(boiler.get("staff_words")), key=len, reverse=True)),
        boiler_contains=tuple(sorted(_lower_set(boiler.get("contains")))),
    )


LEXICON = _build()


def country_named(word: str) -> Country | None:
    """The country a name, abbreviation or capital refers to ("U.S.", "Washington")."""
    w = word.lower()
    return LEXICON.country_by_form.get(w)


def is_place_word(word: str) -> bool:
    """True for a country, territory, capital, demonym or known region name."""
    w = word.lower()
    return (
        w in LEXICON.country_by_form
        or w in LEXICON.country_by_capital
        or w in LEXICON.country_by_demonym
        or w in LEXICON.places
    )
