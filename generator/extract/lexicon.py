"""Generic language knowledge the extractor reads from `data/*.yml`.

Loaded once at import into frozen sets and mappings: code holds rules, the
YAML holds word lists (month names, titles, org nouns, media, countries), so
widening coverage for a new outlet is a data edit, not a code change.
"""
from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from generator.datafile import load_yaml
from generator.extract import gazetteer as gaz

_DATA = Path(__file__).with_name("data")


def _load(name: str) -> dict:
    return load_yaml(_DATA / name) or {}


def _lower_set(items) -> frozenset[str]:
    if any(isinstance(i, bool) for i in items or ()):
        # YAML 1.1 reads a bare no/yes/on/off as a boolean: the word must be quoted in the data file
        raise ValueError(f"a word list holds {[i for i in items if isinstance(i, bool)]}: quote no/yes/on/off")
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
    code: str | None = None  # ISO 3166 alpha-2, when a state or ISO territory


class PlaceNames(Set):
    """Lowercase names that are places, never people: the hand lists plus every town in the gazetteer.

    The gazetteer's ~87,000 town names (33,700 towns) are read on the first membership test
    that the hand lists cannot answer, so importing the extractor stays cheap.
    """

    __slots__ = ("own",)

    def __init__(self, own: frozenset[str]):
        self.own = own

    def __contains__(self, key) -> bool:
        return isinstance(key, str) and (key in self.own or gaz.is_town(key))

    def __iter__(self):
        yield from self.own
        yield from (n for n in gaz.towns().place_names if n not in self.own)

    def __len__(self) -> int:
        return len(self.own | gaz.towns().place_names)


@dataclass(frozen=True)
class Lexicon:
    months: MappingProxyType  # lowercase month word -> month number
    weekdays: frozenset[str]
    holidays: frozenset[str]  # one-word feasts ("Christmas"): never an actor's name
    boiler_exact: frozenset[str]
    boiler_prefix: tuple[str, ...]
    boiler_patterns: tuple[re.Pattern, ...]
    section_labels: frozenset[str]
    credit_patterns: tuple[re.Pattern, ...]
    photo_agencies: tuple[str, ...]  # picture agencies a credit names ('Name/Getty Images')
    photo_sources: tuple[str, ...]  # ... and papers, services, platforms: a credit only at a line's end
    caption_markers: tuple[str, ...]  # picture furniture ('Enlarge this image', 'toggle caption')
    countries: tuple[Country, ...]
    country_by_form: MappingProxyType  # lowercase name/form -> Country
    country_by_demonym: MappingProxyType  # lowercase demonym -> Country
    country_by_capital: MappingProxyType  # lowercase capital -> Country
    places: PlaceNames  # hand lists, regions and gazetteer towns (not personal names); supports `in`
    regions: frozenset[str]  # provinces, states, continents, seas: never a person nor a base
    geo_nouns: frozenset[str]
    agencies: MappingProxyType  # lowercase -> canonical spelling
    outlets: frozenset[str]
    media_nouns: frozenset[str]
    media_descriptors: frozenset[str]  # "the daily X", "the X newspaper": X is a medium
    title_words: frozenset[str]
    nationality_nouns: frozenset[str]  # "Frenchman X": no part of X's name
    kin_nouns: frozenset[str]  # "his son Nick": a relative, not the article's other Nick
    person_nouns: frozenset[str]  # "said Amjad, a nurse": what only a person is
    post_nominals: frozenset[str]  # "QC", "MP" after a name: no part of it
    surname_titles: frozenset[str]  # title words that are surnames too, closing a name ("John Major")
    title_domains: frozenset[str]
    roles: MappingProxyType
    title_roles: MappingProxyType  # roles of title words only, abbreviations included ("Gen", "Sen")
    ranks: MappingProxyType  # a military title word -> its rank ("Maj-Gen" -> general)
    anonymous_nouns: frozenset[str]
    fighter_nouns: frozenset[str]
    equipment_nouns: frozenset[str]
    particles: frozenset[str]
    particles_given: frozenset[str]  # particles that open English names as a given name ('Ben')
    suffixes: frozenset[str]
    org_nouns: frozenset[str]
    lowercase_heads: frozenset[str]
    located_heads: frozenset[str]
    org_name_words: frozenset[str]
    party_members: frozenset[str]  # "Republican", "Social Democrats": a party's members
    body_first_words: frozenset[str]  # "Mujahideen X": a group's name, never alone
    eponymous_firms: frozenset[str]  # "Antonov said": a firm, though its name ends as surnames do
    body_last_words: frozenset[str]  # "X United": a club's or a party's name
    institution_heads: frozenset[str]  # "X University", "X Hospital": a body, never a person (not a bases' org noun)
    institutions: frozenset[str]
    stopwords: frozenset[str]
    descriptors: frozenset[str]
    locative: frozenset[str]
    abbreviations: frozenset[str]
    auxiliaries: frozenset[str]
    adverbs: frozenset[str]
    verbs: frozenset[str]  # all inflected forms
    speech_verbs: frozenset[str]
    inverting_speech_verbs: frozenset[str]  # "..., said the minister": the subject after the verb
    war_nouns: frozenset[str]
    naming_cues: frozenset[str]
    exclamations: frozenset[str]  # "Allahu Akbar": words chanted or cried, capitalised, no one's name
    base_nouns_after: tuple[str, ...]
    base_nouns_before: tuple[str, ...]
    airport_nouns: tuple[str, ...]
    target_triggers: tuple[str, ...]
    site_nouns: frozenset[str]
    place_nouns: frozenset[str]  # lowercase nouns that make the name before them a place ("Sulaimani province")
    of_place_nouns: frozenset[str]  # ... and the name after them and "of" ("the town of X", "the port of X")
    ship_prefixes: frozenset[str]  # "USS Laboon": a ship, not a base
    vessel_nouns: frozenset[str]  # "the tanker X": X is a ship
    toponym_prefixes: frozenset[str]  # "Mount", "Wadi", "Kfar": a name starting so is a place
    toponym_heads: frozenset[str]  # "Hills", "Farms", "Nile": a name ending so is a place
    people_words: frozenset[str]  # "Christians", "European": people or their adjective, never a place
    region_prefixes: frozenset[str]  # "Lower Shabelle", "Upper Nile": a region, never a base
    us_state_abbreviations: frozenset[str]  # "Mass.", "Va.": a state after a town, never a base
    seas: frozenset[str]  # "the Pacific": a region a fleet sails, never a base
    military_words: tuple[tuple[str, ...], ...]  # "armed forces", "army": a country's army, longest first
    weapon_words: frozenset[str]  # "Explosive Device", "IEDs": never an actor
    event_words: frozenset[str]  # "... Operation", "... Resolution": an event, not a body
    diseases: frozenset[str]  # "Ebola", "Zika": a disease, never an actor
    purpose_verbs: frozenset[str]  # "Committee to Protect Journalists": a body's name goes on after "to"
    event_prefixes: frozenset[str]  # "Operation ...", "Storm ...": an event, not a body or a person
    ethnic_words: frozenset[str]  # "Tuareg", "Fulani", "Pashtun": peoples, never a group's name alone
    experiencer_verbs: frozenset[str]  # "Sudan plunged into ...": the country undergoes, it does not act
    cues: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))  # data/cues.yml, by rule
    block_headings: frozenset[str] = frozenset()  # "Related Articles": navigation follows
    language_names: frozenset[str] = frozenset()  # a language switcher's entries
    staff_words: tuple[str, ...] = ()  # "By X Staff": a newsroom byline, longest first
    boiler_contains: tuple[str, ...] = ()  # app prompts: a short line containing one is furniture

    def city(self, name: str) -> gaz.City | None:
        """The most populous town (15,000 people or more) of that name, from the gazetteer."""
        return gaz.city(name)

    def region(self, name: str) -> gaz.Region | None:
        """A province, state, governorate or continent of that name, from the gazetteer."""
        return gaz.region(name)


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


def _plurals(demonyms) -> list[str]:
    """Each demonym and its -s plural: "Iraqi" -> "Iraqis"; "French", "Swiss", "Chinese", "Manx" have none."""
    out = []
    for d in demonyms:
        out.append(d)
        if not d.endswith(("s", "sh", "ch", "ese", "x", "y", "ic")):
            out.append(d + "s")
    return out


def _adjective(entry: gaz.CountryEntry) -> str:
    """The word before "government": the demonym, unless it is a noun ("Icelander" -> "Iceland")."""
    dem = entry.demonyms[0] if entry.demonyms else None
    return dem if dem and not dem.endswith(("er", "Islander")) else entry.name


def _merge(raw: dict | None, entry: gaz.CountryEntry | None) -> tuple[Country, tuple[str, ...]]:
    """A country from the gazetteer, with countries.yml's corrections, and the capital's spellings
    that stand for its government (none when the capital is also a personal name: "Santiago")."""
    raw = raw or {}
    name = raw.get("name") or entry.name
    forms = [f for f in (*(raw.get("forms") or ()), *(entry.forms if entry else ())) if f.lower() != name.lower()]
    demonyms = list(raw.get("demonyms") or ()) + _plurals(entry.demonyms if entry else ())
    capital = raw["capital"] if "capital" in raw else (entry.capital if entry else None)
    if "capital" in raw:
        metonyms = (capital,) if capital else ()
    else:
        metonyms = entry.capital_spellings if entry is not None and not entry.capital_personal else ()
    adjective = raw.get("adjective") or (_adjective(entry) if entry else name)
    c = Country(name=name, forms=tuple(dict.fromkeys(forms)), demonyms=tuple(dict.fromkeys(demonyms)),
                capital=capital, adjective=adjective, territory=bool(raw.get("territory")),
                part_of=raw.get("part_of"), code=raw.get("iso") or (entry.code if entry else None))
    return c, metonyms


def _countries(overrides: list[dict]):
    """Every ISO 3166 country from the gazetteer, countries.yml's entries first (their forms win)."""
    g = gaz.countries()
    by_code = {c.code: c for c in g.countries}
    merged, used = [], set()
    for raw in overrides:
        entry = by_code.get(raw.get("iso", "")) if "iso" in raw else g.country_by_name.get(raw["name"].lower())
        if entry is not None:
            used.add(entry.code)
        merged.append(_merge(raw, entry))
    merged += [_merge(None, e) for e in g.countries if e.code not in used]
    by_form, by_dem, by_cap = {}, {}, {}
    for c, metonyms in merged:
        for f in (c.name, *c.forms):
            by_form.setdefault(f.lower(), c)
        for f in (c.name, *c.forms):  # "Democratic Republic of Congo": a long name is written without "the" too
            if " of the " in f.lower():
                by_form.setdefault(f.lower().replace(" of the ", " of "), c)
        for d in c.demonyms:
            by_dem.setdefault(d.lower(), c)
        for cap in metonyms:
            by_cap.setdefault(cap.lower(), c)
            by_cap.setdefault(gaz.fold(cap), c)
    return [c for c, _ in merged], by_form, by_dem, by_cap


def _calendar_fields(cal: dict) -> dict:
    """Month words (every spelling and abbreviation) to their number, and the weekdays."""
    months = {}
    for num, words in cal["months"].items():
        for w in words:
            months[w.lower()] = int(num)
    return dict(months=MappingProxyType(months), weekdays=_lower_set(cal["weekdays"]),
                holidays=_lower_set(cal["holidays"]))


def _boilerplate_fields(boiler: dict) -> dict:
    """Page furniture; credit patterns with a capital class ("A-Z") keep their case, so they stay strict."""
    return dict(
        boiler_exact=_lower_set(boiler["exact"]),
        boiler_prefix=tuple(p.lower() for p in boiler["prefix"]),
        boiler_patterns=tuple(re.compile(p, re.I) for p in boiler["patterns"]),
        section_labels=_lower_set(boiler["section_labels"]),
        credit_patterns=tuple(re.compile(p, re.I if "A-Z" not in p else 0) for p in boiler["credit_patterns"]),
        photo_agencies=tuple(sorted(boiler["photo_agencies"], key=lambda s: (-len(s), s))),
        photo_sources=tuple(sorted(boiler["photo_sources"], key=lambda s: (-len(s), s))),
        caption_markers=tuple(sorted(_lower_set(boiler["caption_markers"]), key=lambda s: (-len(s), s))),
        block_headings=_lower_set(boiler.get("block_headings")),
        language_names=_lower_set(boiler.get("language_names")),
        staff_words=tuple(sorted(_lower_set(boiler.get("staff_words")), key=lambda w: (-len(w), w))),
        boiler_contains=tuple(sorted(_lower_set(boiler.get("contains")))),
    )


def _geography_fields(geo: dict) -> dict:
    """Countries with their lookups, and the place names: the hand lists plus the gazetteer's regions."""
    countries, by_form, by_dem, by_cap = _countries(geo["countries"])
    regions = _lower_set(geo.get("regions")) | frozenset(gaz.countries().regions)
    return dict(
        countries=tuple(countries),
        country_by_form=MappingProxyType(by_form),
        country_by_demonym=MappingProxyType(by_dem),
        country_by_capital=MappingProxyType(by_cap),
        places=PlaceNames(_lower_set(geo["places"]) | regions),
        regions=regions,
        geo_nouns=_lower_set(geo["geo_nouns"]),
    )


def _media_fields(media: dict) -> dict:
    """Agencies map to their canonical spelling ("AFP", "Reuters"), the form datelines and credits report."""
    return dict(
        agencies=MappingProxyType({a.lower(): a for a in media["agencies"]}),
        outlets=_lower_set(media["outlets"]),
        media_nouns=_lower_set(media["media_nouns"]),
        media_descriptors=_lower_set(media["media_descriptors"]),
    )


def _people_fields(people: dict) -> dict:
    """Titles, roles and the small words inside personal names."""
    return dict(
        title_words=_lower_set(people["title_words"]),
        surname_titles=_lower_set(people["surname_titles"]),
        post_nominals=_lower_set(people["post_nominals"]),
        nationality_nouns=_lower_set(people["nationality_nouns"]),
        kin_nouns=_lower_set(people["kin_nouns"]),
        person_nouns=_lower_set(people.get("person_nouns")),
        title_domains=_lower_set(people["title_domains"]),
        roles=MappingProxyType({k.lower(): v for k, v in people["roles"].items()}),
        title_roles=MappingProxyType({**{k.lower(): v for k, v in people["roles"].items()},
                                      **{k.lower(): v for k, v in people.get("title_roles", {}).items()}}),
        ranks=MappingProxyType({k.lower(): v for k, v in people.get("ranks", {}).items()}),
        anonymous_nouns=_lower_set(people["anonymous_nouns"]),
        particles=_lower_set(people["particles"]),
        particles_given=_lower_set(people["particles_given"]),
        suffixes=_lower_set(people["suffixes"]),
    )


def _organisation_fields(orgs: dict) -> dict:
    """The words that make or unmake an organisation's name."""
    return dict(
        fighter_nouns=_lower_set(orgs.get("fighter_nouns")),
        equipment_nouns=_lower_set(orgs.get("equipment_nouns")),
        org_nouns=_lower_set(orgs["org_nouns"]),
        lowercase_heads=_lower_set(orgs["lowercase_heads"]),
        located_heads=_lower_set(orgs["located_heads"]),
        org_name_words=_lower_set(orgs["name_words"]),
        institution_heads=_lower_set(orgs["institution_heads"]),
        body_first_words=_lower_set(orgs["body_first_words"]),
        eponymous_firms=_lower_set(orgs.get("eponymous_firms")),
        body_last_words=_lower_set(orgs["body_last_words"]),
        party_members=_lower_set(orgs["party_members"]),
        institutions=_lower_set(orgs["institutions"]),
        weapon_words=_lower_set(orgs.get("weapon_words")),
        event_words=_lower_set(orgs.get("event_words")),
        diseases=_lower_set(orgs.get("diseases")),
        purpose_verbs=_lower_set(orgs.get("purpose_verbs")),
        event_prefixes=_lower_set(orgs.get("event_prefixes")),
    )


def _language_fields(lang: dict) -> dict:
    """General English: verbs in every inflected form, so matching needs no stemmer."""
    verbs: set[str] = set()
    for v in lang["verbs"]:
        verbs |= _inflect(v.lower())
    verbs |= _lower_set(lang["irregular"])
    return dict(
        stopwords=_lower_set(lang["stopwords"]),
        descriptors=_lower_set(lang["descriptors"]),
        locative=_lower_set(lang["locative"]),
        abbreviations=_lower_set(lang["abbreviations"]),
        auxiliaries=_lower_set(lang["auxiliaries"]),
        adverbs=_lower_set(lang["adverbs"]),
        verbs=frozenset(verbs),
        speech_verbs=_lower_set(lang["speech_verbs"]),
        inverting_speech_verbs=_lower_set(lang["inverting_speech_verbs"]),
        war_nouns=_lower_set(lang["war_nouns"]),
        naming_cues=_lower_set(lang["naming_cues"]),
        exclamations=_lower_set(lang.get("exclamations")),
        experiencer_verbs=_lower_set(lang.get("experiencer_verbs")),
        ethnic_words=_lower_set(lang.get("ethnic_words")),
    )


def _longest_first(items) -> tuple[str, ...]:
    """Lowercase phrases, longest first, so a longer phrase matches before its first words do."""
    return tuple(sorted((i.lower() for i in items), key=len, reverse=True))


def _place_fields(places: dict) -> dict:
    """Installation nouns, attack triggers and the words that mark a name as a place or a ship."""
    return dict(
        base_nouns_after=_longest_first(places["base_nouns_after"]),
        base_nouns_before=tuple(places["base_nouns_before"]),
        airport_nouns=tuple(places["airport_nouns"]),
        target_triggers=_longest_first(places["target_triggers"]),
        site_nouns=_lower_set(places["site_nouns"]),
        place_nouns=_lower_set(places.get("place_nouns")),
        of_place_nouns=_lower_set(places.get("place_nouns")) | _lower_set(places.get("of_place_nouns")),
        ship_prefixes=_lower_set(places.get("ship_prefixes")),
        vessel_nouns=_lower_set(places.get("vessel_nouns")),
        toponym_prefixes=_lower_set(places.get("toponym_prefixes")),
        toponym_heads=_lower_set(places.get("toponym_heads")),
        region_prefixes=_lower_set(places.get("region_prefixes")),
        us_state_abbreviations=_lower_set(places.get("us_state_abbreviations")),
        seas=_lower_set(places.get("seas")),
        people_words=_lower_set(places.get("people_words")),
        military_words=tuple(sorted((tuple(w.lower().split()) for w in places.get("military_words") or ()),
                                    key=len, reverse=True)),
    )


def _build() -> Lexicon:
    """The lexicon from the data files, one builder per file."""
    return Lexicon(
        **_calendar_fields(_load("calendar.yml")),
        **_boilerplate_fields(_load("boilerplate.yml")),
        **_geography_fields(_load("countries.yml")),
        **_media_fields(_load("media.yml")),
        **_people_fields(_load("people.yml")),
        **_organisation_fields(_load("organizations.yml")),
        **_language_fields(_load("language.yml")),
        **_place_fields(_load("places.yml")),
        cues=MappingProxyType({k: _lower_set(v) for k, v in _load("cues.yml").items()}),
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
