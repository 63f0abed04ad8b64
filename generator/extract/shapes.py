"""What a capitalised phrase is by its shape, before anything else is asked of it.

Each test is one rule over the phrase's words (and the tokens after it): a
place ("Mount Meron", "Kfarshuba Hills", "Osman Digna Air Base"), a weapon
("Improvised Explosive Device"), an event ("Al-Aqsa Flood Operation"), or a
country's army ("Sudanese army", "Mali's armed forces", "Israel Defense
Forces"). Word lists live in data/places.yml and data/organizations.yml.
"""
from __future__ import annotations

import re

from generator.extract.lexicon import LEXICON as L, Country
from generator.extract.text import Token
from generator.extract.words import is_common_word, is_given_name


def _low(words: list[str]) -> list[str]:
    return [w.lower().rstrip(".") for w in words]


_MULTIWORD_BEFORE = tuple(tuple(n.lower().split()) for n in L.base_nouns_before if " " in n)


def is_not_an_actor_by_shape(words: list[str]) -> bool:
    """A place, a weapon or an event by the shape of its words (one lowercasing for the three tests), or a
    member's party and state ("Sen. Lindsey Graham, R-South Carolina,")."""
    low = _low(words)
    return _place_shaped(low) or _weapon(low) or _event(low) or bool(words and _PARTY_AND_STATE.match(words[0]))


_PARTY_AND_STATE = re.compile(r"[RDI]-[A-Z]")


def a_small_town_only(word: str) -> bool:
    """A small town the gazetteer knows (no capital, under 100,000 people), and no country, people or region
    ("Obama", in Japan; not "Chicago", "Edinburgh", "Bonn"): a name as often a person's as the town's."""
    low = word.lower()
    town = L.city(word)
    return town is not None and not town.is_capital and town.population < 100_000 and low not in L.country_by_form \
        and low not in L.country_by_capital and low not in L.country_by_demonym and low not in L.regions


_ABSTRACT_ENDINGS = ("ence", "ance", "ity", "tion", "sion", "ment", "ness", "ism", "ship", "dom", "hood")


def is_abstract_noun(word: str) -> bool:
    """"Independence", "Integrity", "Security": a dictionary noun of a quality or an act, which ends no person's
    name and no place's."""
    lw = word.lower()
    return len(lw) > 6 and lw.endswith(_ABSTRACT_ENDINGS) and is_common_word(lw) and not is_given_name(word)


def is_place_shaped(words: list[str]) -> bool:
    """"Mount Meron", "Wadi Seidna", "Lower Shabelle", "Shebaa Farms", "Camp Simba", "Manda Airstrip"."""
    return _place_shaped(_low(words))


def _place_shaped(low: list[str]) -> bool:
    if not low or " ".join(low) in L.institutions:
        return False  # "Downing Street", "Capitol Hill": a body named by its place
    if any(" ".join(low[k:]) in L.base_nouns_after for k in range(1, len(low))):
        return True  # "Harir air base"; "Andrews Air Force Base", "Camp Lejeune Marine Corps Base": whoever serves there
    if any(w in L.org_nouns for w in low[:-1]) or (low[-1] in L.org_nouns and low[-1] not in L.toponym_heads):
        return False  # "Joint Operations Command", "Forces of the Valley" stay organisations
    if len(low) >= 2 and low[0] in L.toponym_prefixes:
        return True
    if len(low) >= 2 and low[-1] in L.toponym_heads and not _given_name_and_surname(low):
        return True
    # "Combat Outpost Keating", "Forward Operating Base Falcon"
    return any(tuple(low[: len(noun)]) == noun and len(low) > len(noun) for noun in _MULTIWORD_BEFORE)


# place and event heads that are common surnames too: "Fiona Hill", "Christopher Hill", "Stephen Cape", "Nathan Law"
_SURNAME_HEADS = frozenset({"hill", "lake", "ridge", "wells", "marsh", "street", "bay", "cape", "bridge",
                            "church", "temple", "tower", "hall", "law"})


def is_surname_head(word: str) -> bool:
    """"Hill", "Tower", "Law": a place's or an event's last word that is a common surname too."""
    return word.lower() in _SURNAME_HEADS


def _given_name_and_surname(low: list[str]) -> bool:
    return len(low) == 2 and low[1] in _SURNAME_HEADS and plain_given_name(low[0])


def plain_given_name(word: str) -> bool:
    """A common given name that is not a town's too ("Tony", not "Geneva" or "Charlotte")."""
    return is_given_name(word) and L.city(word.title()) is None


def is_weapon(words: list[str]) -> bool:
    """"Vehicle-Borne Improvised Explosive Device", "IEDs": equipment, not an actor."""
    return _weapon(_low(words))


def _weapon(low: list[str]) -> bool:
    last = low[-1].split("-")[-1] if low else ""
    return last in L.weapon_words or last.rstrip("s") in L.weapon_words


def _head(low: list[str]) -> str:
    """The head noun of a name: the word before its first "of" ("Government of National Accord"), else
    its last word ("UN Security Council Resolution"); before a dash, the name the dash qualifies ("Combined Joint
    Task Force \u2013 Operation Inherent Resolve": a task force)."""
    dash = next((k for k, w in enumerate(low) if w in ("-", "\u2013", "\u2014")), 0)
    if dash > 0:
        low = low[:dash]
    if "of" in low[1:]:
        return low[low.index("of") - 1]
    end = len(low)
    while end > 1 and (low[end - 1] in L.suffixes or low[end - 1] in _NUMBER_WORDS or low[end - 1].isdigit()):
        end -= 1  # "World War II", "World War Two", "Security Council Resolution 425"
    return low[end - 1]


_NUMBER_WORDS = frozenset({"one", "two", "three", "1", "2", "3"})


def is_event(words: list[str]) -> bool:
    """"Al-Aqsa Flood Operation", "UN Security Council Resolution", "Operation Iron Swords", "Storm
    Daniel": an event or a text, not a body (but "Government of National Accord" is a body: its head
    is "Government")."""
    return _event(_low(words))


def _event(low: list[str]) -> bool:
    if any(w in L.diseases for w in low) and not any(w in L.org_nouns for w in low):
        return True  # "Ebola", "Ebola Outbreak"; not "Ebola Task Force"
    return len(low) >= 2 and (_head(low) in L.event_words or low[0] in L.event_prefixes) \
        and not _given_name_and_surname(low)  # "Nathan Law", not "Sharia Law"


def is_common_single(words: list[str]) -> bool:
    """A single capitalised dictionary word ("Migrants", "Smoke", "Terrorists") is not a name by itself."""
    return len(words) == 1 and not words[0].isupper() and is_common_word(words[0])


def _country_word(word: str) -> Country | None:
    w = word.lower()
    return L.country_by_form.get(w) or L.country_by_demonym.get(w)


_MILITARY_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {}
for _phrase in L.military_words:  # longest first, as in the lexicon
    _MILITARY_BY_FIRST.setdefault(_phrase[0], ())
    _MILITARY_BY_FIRST[_phrase[0]] += (_phrase,)


def _military_run(lows: list[str]) -> int:
    """Length of the longest military phrase at the start of `lows` ("armed forces" -> 2), else 0."""
    for phrase in _MILITARY_BY_FIRST.get(lows[0], ()) if lows else ():
        if tuple(lows[: len(phrase)]) == phrase:
            return len(phrase)
    return 0


def national_army(tokens: tuple[Token, ...], i: int, j: int) -> tuple[int, Country] | None:
    """A country's army: (end token index, country), for "Sudanese army", "Sudan army", "Mali's armed
    forces", "Niger's military", "Sudanese Armed Forces", "Israel Defense Forces", "Somali National Army".

    The country word comes first (its form, demonym, or possessive); the rest is a phrase of
    data/places.yml `military_words`, capitalised inside the chunk or lowercase right after it.
    """
    country = _country_word(tokens[i].text.replace(".", "")) or L.country_by_form.get(tokens[i].lower)
    if country is None or country.territory:
        return None
    inner = [t.lower for t in tokens[i + 1: j]]
    if inner:
        n = _military_run(inner)
        return (j, country) if n == len(inner) else None
    after = []
    for t in tokens[j: j + 4]:
        if not (t.text.isalpha() and t.text.islower()):
            break
        after.append(t.lower)
    n = _military_run(after)
    return (j + n, country) if n else None


# sites a strike or a raid hits that are named like institutions ("the Indonesian Hospital", "Al-Rantisi
# Hospital for Children", "the Grand Mosque"): places when struck (bases.py), bodies only when they act
# (evidence.py), whatever their name's other words
_STRUCK_SITES = frozenset(L.cues["struck_sites"])


def site_head(words: list[str]) -> str | None:
    """The site noun heading a name of two words or more, in lower case ("Al-Najjar Hospital", "Hospital for
    Children": "hospital"), else None."""
    if len(words) < 2:
        return None
    if words[-1].lower() in _STRUCK_SITES:
        return words[-1].lower()
    if len(words) >= 3 and words[-3].lower() in _STRUCK_SITES and words[-2].lower() in ("for", "of"):
        return words[-3].lower()
    return None


def a_named_site(words: list[str]) -> bool:
    """"Al-Najjar Hospital", "Hospital for Children": a site's name, by its head."""
    return site_head(words) is not None


_CITY_PEOPLE_SUFFIXES = ("ians", "ans", "ers", "ites", "is", "ns")


def a_citys_people(word: str) -> bool:
    """"Bostonians", "Londoners", "Baghdadis", "Gazans": the people of a place the map knows."""
    if not word[:1].isupper() or not word.endswith("s") or L.city(word) is not None or word.lower() in L.places:
        return False  # ("Paris", "Athens": the place itself)
    for suffix in _CITY_PEOPLE_SUFFIXES:
        stem = word[: -len(suffix)].lower()
        if len(stem) < 4 or not word.endswith(suffix):
            continue
        town = L.city(stem) or L.city(stem + "e")
        # a city of some size, by its own name ("Landsbergis", "Karins" are surnames: Landsberg is Gorzów's old
        # name, Kari a village)
        if town is not None and town.population >= 100_000 and town.name.lower() in (stem, stem + "e") \
                or stem in L.regions:
            return True
    return False


def won_back(tokens, i: int, j: int) -> bool:
    """"Davydiv Brid has been liberated", "X, a key village in the south, was recaptured": only a place is
    won back in a war (a person so named starts with a given name: "Joaquin Guzman was recaptured")."""
    k, n = j, len(tokens)
    if k + 2 < n and tokens[k].text == "," and tokens[k + 1].lower in ("a", "an"):
        end = next((m for m in range(k + 2, min(n, k + 16)) if tokens[m].text == ","), None)
        if end is None or not any(t.lower in L.place_nouns for t in tokens[k + 2: end]):
            return False
        k = end + 1  # ", a strategically key village in the southern region of Kherson,"
    if k < n and tokens[k].lower in ("was", "were", "is", "are"):
        k += 1
    elif k + 1 < n and tokens[k].lower in ("has", "have", "had") and tokens[k + 1].lower == "been":
        k += 2
    else:
        return False
    words = [t.text for t in tokens[i:j] if t.lower != "the"]
    # (a chamber won in an election is no place: "the House has been retaken by our side")
    return k < n and tokens[k].lower in _WON_BACK and not is_given_name(tokens[i].text) and bool(words) \
        and " ".join(words).lower() not in L.institutions and not is_common_word(words[0]) \
        and not any(w.lower() in L.org_nouns for w in words)


_WON_BACK = frozenset({"liberated", "recaptured", "retaken"})
