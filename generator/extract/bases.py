"""Bases: named installations and named places attacked at town or site level.

Three readings, sentence by sentence: a name with an installation noun
("Ain al Asad base", "Camp Taji", "Harir air base"); the items listed after
an attack trigger ("attacks targeting Ain al-Asad ..., Harir ..."); and
"bases in <town>" in a sentence about an attack. Countries, capitals,
regions and organisations are never bases. Spellings of one place fold to
one entity: the register first, then the name's transliteration skeleton.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Mention
from ..names import skeleton_key
from ..register import Register
from .chunks import is_name_token as _is_name_token, strip_leading as _strip_leading
from .document import Document, Sentence
from .lexicon import LEXICON as L
from .text import Token, is_acronym

def _by_first_word(phrases) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list] = {}
    for p in phrases:
        words = tuple(p.split())
        out.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


_BASE_NOUNS = _by_first_word(L.base_nouns_after)
_BEFORE_NOUNS = frozenset(n.lower() for n in L.base_nouns_before if " " not in n)
_TRIGGERS = _by_first_word(L.target_triggers)
_ATTACK_WORDS = re.compile(
    r"\b(?:attack\w*|strike\w*|struck|target\w*|rocket\w*|drone\w*|missile\w*|shell\w*|bomb\w*|hit|raid\w*|assault\w*|explosion\w*"
    r"|airstrike\w*|battle\w*|fighting|clash\w*|siege|besieged|offensive|overr\w*|seiz\w*|captur\w*|recaptur\w*|mortar\w*|grenade\w*)\b",
    re.I,
)
_LIST_STOP = frozenset({".", ";", ":", "\u201c", "\u201d", '"', "(", ")"})
_SITE_PREPS = frozenset({"in", "at", "near", "on"})
_LOCATOR_PREPS = frozenset({"near", "outside", "beside"})
_LAUNCH_WORDS = frozenset({"from", "launch"})


@dataclass(frozen=True)
class BaseHit:
    name_part: str  # the place name without the installation noun
    surface: str  # as written, noun included when there is one
    sentence: int
    pinned: str | None  # canonical register name when known


_BASE_NOUN_WORDS = frozenset(w for n in (*L.base_nouns_after, *(b.lower() for b in L.base_nouns_before)) for w in n.split()) \
    | {"operating", "forward", "military", "international"}


def _not_a_base_name(words: list[str]) -> bool:
    low = " ".join(w.lower() for w in words)
    first = words[0].lower()
    if len(words) >= 2 and first in L.region_prefixes:
        return True  # "Lower Shabelle", "Upper Nile": regions
    if all(w.lower() in _BASE_NOUN_WORDS for w in words):
        return True  # "Forward Operating Base" alone: an installation without its name
    if low in L.country_by_form or low in L.country_by_capital or low in L.country_by_demonym or low in L.regions:
        return True
    if first in L.country_by_demonym or (first in L.country_by_form and len(words) == 1):
        return True
    if any(w.lower() in L.org_nouns or w.lower() in L.org_name_words for w in words):
        return True
    if low in L.institutions or low in L.outlets or words[-1].lower() in L.geo_nouns:
        return True
    if all(is_acronym(w) for w in words):
        return True
    return any(w.lower() in L.months or w.lower() in L.weekdays or w.lower() in L.title_words for w in words)


def _noun_after(tokens: tuple[Token, ...], j: int) -> int:
    """End index of an installation noun phrase starting at tokens[j], else j."""
    if j >= len(tokens):
        return j
    for noun in _BASE_NOUNS.get(tokens[j].lower, ()):
        k = j + len(noun)
        if k <= len(tokens) and all(tokens[j + m].lower == noun[m] for m in range(len(noun))):
            return k
    return j


def _sentence_bases(doc: Document, s: Sentence, register: Register, actor_forms: frozenset[str],
                    hosted: set[str] | None = None) -> list[BaseHit]:
    tokens = s.tokens
    seg = doc.segments[s.segment]
    hits: list[BaseHit] = []
    claimed: set[int] = set()
    hit_ends: set[int] = set()
    hosted = set() if hosted is None else hosted

    def add(i: int, j: int, noun_end: int, struck: bool = False) -> None:
        if noun_end == j:
            j, noun_end = _cut_at_inner_noun(tokens, i, j)  # "Manda Airstrip About nine ...": the name ends at its noun
        words = [t.text for t in tokens[i:j] if t.text != "."]
        if not words or i in claimed:
            return
        if _locates(tokens, i, hit_ends):
            hosted.add(" ".join(words).lower())
            return  # "Ramat David airbase, near the northern city of Haifa": the town locates the base
        if _direction_or_nearby(tokens, i) or _displacement_camp(tokens, j, noun_end, s.text):
            return  # "south of the city of Tyre", "the nearby town of Zintan", "Abu Shouk camp" for the displaced
        name_part = seg[tokens[i].start: tokens[j - 1].end]
        if len(words) >= 2 and words[0].lower() in _BEFORE_NOUNS:
            name_part = seg[tokens[i + 1].start: tokens[j - 1].end]  # "Camp Simba" is "Simba" ("Simba Airbase")
        surface = seg[tokens[i].start: tokens[noun_end - 1].end]
        entry = register.find(surface, "base") or register.find(name_part, "base")
        if entry is None:
            cap = L.country_by_capital.get(" ".join(words).lower())
            # "Erbil airport"; "strikes in Erbil" (a regional capital struck, not a national one)
            capital_site = cap is not None and (noun_end > j or (struck and cap.territory))
            if (_not_a_base_name(words) and not capital_site) or name_part.lower() in actor_forms:
                return
            if register.find(name_part, "actor") is not None:
                return
        if words[0].lower().rstrip(".") in L.ship_prefixes:
            return  # "the USS Laboon destroyer": a ship
        if hits and i >= 1 and tokens[i - 1].lower in _LOCATOR_PREPS and (i - 1) in hit_ends:
            return  # "Victory base near Baghdad airport": a locator for the base already named
        if i >= 1 and tokens[i - 1].lower in _LOCATOR_PREPS and any(
                _YEAR.match(t.text) for t in tokens[noun_end: noun_end + 5]):
            return  # "a drone strike near Baghdad airport in January 2020": where an old event happened
        if i >= 1 and tokens[i - 1].lower == "at" and noun_end > j and tokens[noun_end - 1].lower in _AIRPORT_WORDS \
                and _MEETING.search(s.text):
            return  # "met faction leaders at Baghdad airport": a meeting place
        if _media_context(tokens, i, j, name_part):
            return  # "an interview with Al Mayadeen", "Al Mayadeen TV reported": the channel, not the town
        claimed.add(i)
        if noun_end > j or (len(words) >= 2 and words[0].lower() in _BEFORE_NOUNS):
            hit_ends.add(noun_end)  # a named installation: a town right after it only locates it
        hits.append(BaseHit(name_part, surface, s.index, entry.name if entry else None))

    chunks = s.chunks
    chunk_at = {}
    for ci, cj in chunks:
        i = _strip_leading(tokens, ci, cj)
        if i < cj:
            chunk_at[i] = cj
            chunk_at.setdefault(ci, cj)

    # 1. names with an installation noun, before or after
    for i, j in list(chunk_at.items()):
        words = [t.lower for t in tokens[i:j]]
        if tokens[j - 1].possessive:
            continue
        if words[0] in _BEFORE_NOUNS and j - i >= 2:
            add(i, j, j)
            continue
        # capitalised noun inside the chunk: "Harir Air Base", "Taji Garrison"
        for m in range(i + 1, j):
            if i + 1 < _noun_after(tokens, m) < j and _noun_after(tokens, m) > m and m > i \
                    and tokens[_noun_after(tokens, m)].lower not in _BASE_NOUN_WORDS:
                add(i, m, _noun_after(tokens, m))  # "Manda Airstrip About ...": the name ends at its noun
                break
            if _noun_after(tokens, m) == j:
                if tokens[i - 1].lower not in ("a", "an") if i else True:
                    add(i, m, j)
                break
        else:
            k = _noun_after(tokens, j)
            if k > j and (i == 0 or tokens[i - 1].lower not in ("a", "an")):
                add(i, j, k)
            elif register.find(seg[tokens[i].start: tokens[j - 1].end], "base") is not None:
                add(i, j, j)
        # coordinated names sharing a plural noun: "Ain al-Asad and Hareer bases"
        if j + 1 < len(tokens) and tokens[j].lower == "and" and (j + 1) in chunk_at:
            j2 = chunk_at[j + 1]
            k = _noun_after(tokens, j2)
            if k > j2 and tokens[k - 1].lower.endswith("s"):
                add(i, j, j)

    # 2. items listed after an attack trigger
    lows = [t.lower for t in tokens]
    n = len(tokens)
    for idx in range(n):
        for trig in _TRIGGERS.get(lows[idx], ()):
            if tuple(lows[idx: idx + len(trig)]) != trig:
                continue
            k = idx + len(trig)
            items = 0
            item_start = True
            while k < n and items < 8:
                t = tokens[k]
                if t.text in _LIST_STOP:
                    break
                if t.text == "," or t.lower in ("and", "or"):
                    item_start = True
                    k += 1
                    continue
                if item_start:
                    items += 1
                    item_start = False
                    m = k
                    while m < n and tokens[m].lower in ("the", "on", "in", "at", "against"):
                        m += 1
                    # a possessive country in front: "Iraq's Ain al-Asad airbase"
                    if m < n and tokens[m].possessive and L.country_by_form.get(tokens[m].lower):
                        m += 1
                    if m in chunk_at and _is_name_token(tokens[m]):
                        j = chunk_at[m]
                        if not tokens[j - 1].possessive:
                            add(m, j, max(j, _noun_after(tokens, j)))
                        k = j
                        continue
                k += 1
            break

    # 3a. "a military base at Gao", "a post in the occupied Kfarshuba Hills", "Buulo Mareer, a base in ..."
    attack = bool(_ATTACK_WORDS.search(s.text))
    for m, j in _installation_sites(tokens, lows, chunk_at, attack):
        add(m, j, _geo_tail(tokens, j))

    # 3. "bases in <town>" in a sentence about an attack, and "and in <town>" after it
    if attack:
        # "near the town of Akashat", "the southern Lebanese village of Aitaroun" (not "launched from the town of")
        for idx in range(1, n - 1):
            if lows[idx] in L.place_nouns and lows[idx + 1] == "of" and (idx + 2) in chunk_at \
                    and lows[idx] not in ("region", "area", "province", "governorate", "district", "countryside", "outskirts",
                                          "state"):
                if not any(w in _LAUNCH_WORDS for w in lows[max(0, idx - 5): idx]):
                    add(idx + 2, chunk_at[idx + 2], chunk_at[idx + 2])
        for idx in range(1, n - 2):
            # "near the towns of al-Qaim and Akashat": plural place nouns list several targets
            if lows[idx] in _PLURAL_PLACES and lows[idx + 1] == "of" and (idx + 2) in chunk_at \
                    and not any(w in _LAUNCH_WORDS for w in lows[max(0, idx - 5): idx]):
                j = chunk_at[idx + 2]
                add(idx + 2, j, j)
                _coordinated(tokens, lows, chunk_at, j, add)
        for idx in range(n - 2):
            if lows[idx] in L.site_nouns and lows[idx + 1] in _SITE_PREPS and (idx + 2) in chunk_at:
                j = chunk_at[idx + 2]
                add(idx + 2, j, j)
                _coordinated(tokens, lows, chunk_at, j, add)
                for k in range(j, n - 2):
                    if tokens[k].text in _LIST_STOP:
                        break
                    if lows[k] == "and" and lows[k + 1] in _SITE_PREPS and (k + 2) in chunk_at:
                        add(k + 2, chunk_at[k + 2], chunk_at[k + 2])
                        _coordinated(tokens, lows, chunk_at, chunk_at[k + 2], add)
            # "the recent strikes in Erbil": a town struck (capitals and regions are never bases)
            if lows[idx] in _STRIKE_NOUNS and lows[idx + 1] in ("in", "on") and (idx + 2) in chunk_at:
                j = chunk_at[idx + 2]
                add(idx + 2, j, j, struck=True)  # "the attack in Tessit", "strikes on Kiryat Shmona"
    return hits


_INSTALLATION_SITES = frozenset({"base", "bases", "camp", "camps", "garrison", "garrisons", "outpost", "outposts",
                                 "barracks", "post", "posts", "position", "positions", "airbase", "airfield",
                                 "airport", "detachment", "fob"})
_TOWN_NOUNS = frozenset({"area", "village", "town", "mountains", "hills", "heights", "valley"})
_SKIPPABLE = frozenset({"the", "occupied", "besieged", "northern", "southern", "eastern", "western", "central",
                        "nearby", "strategic", "remote", "border"})
_DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                         "north-east", "north-west", "south-east", "south-west"})
_DISPLACED = re.compile(r"\b(?:displaced|displacement|refugees?|idps?|internally)\b", re.I)
_GEO_TAILS = frozenset({"mountains", "hills", "farms", "valley", "heights"})


def _skip_to_name(tokens, lows, k: int) -> int:
    """From k, past "the", "occupied" and adjectives or demonyms, to where a name may start."""
    n = len(tokens)
    for _ in range(3):
        if k < n and (lows[k] in _SKIPPABLE or lows[k] in L.country_by_demonym):
            k += 1
    return k


def _installation_sites(tokens, lows, chunk_at, attack: bool):
    """(start, end) of names placed by an installation noun: "<base|camp|post|position> in/at/on <Name>"
    (any sentence), "in the <Name> area" (an attack sentence) and "<Name>, a base in ..." (appositive)."""
    n = len(tokens)
    for idx in range(n - 2):
        if lows[idx] in _INSTALLATION_SITES and lows[idx + 1] in ("in", "at", "on"):
            m = _skip_to_name(tokens, lows, idx + 2)
            if m in chunk_at:
                yield m, chunk_at[m]
        if attack and lows[idx] in ("in", "at", "on"):
            m = _skip_to_name(tokens, lows, idx + 1)
            if m in chunk_at and chunk_at[m] < n and lows[chunk_at[m]] in _TOWN_NOUNS:
                yield m, chunk_at[m]
    for m, j in chunk_at.items():
        if j + 2 < n and tokens[j].text == "," and lows[j + 1] in ("a", "an"):
            k = j + 2
            while k < min(n, j + 5) and lows[k] not in _INSTALLATION_SITES and tokens[k].text.isalpha():
                k += 1
            if k < n and lows[k] in _INSTALLATION_SITES:
                yield m, j


def _geo_tail(tokens, j: int) -> int:
    """"the Cal-Miskaad mountains": a lowercase landform after the name belongs to it."""
    return j + 1 if j < len(tokens) and tokens[j].lower in _GEO_TAILS else j


def _cut_at_inner_noun(tokens, i: int, j: int) -> tuple[int, int]:
    """A name run on past its installation noun ("Manda Airstrip About"): (name end, noun end); but
    "Halane Base Camp" is one name, its last word another installation noun."""
    for m in range(i + 1, j - 1):
        end = _noun_after(tokens, m)
        if m < end < j and tokens[end].lower not in _BASE_NOUN_WORDS:
            return m, end
    return j, j


def _walk_back(tokens, i: int) -> int:
    """Index of the word before "the (adjective) city of" and similar in front of a name."""
    k = i - 1
    if k >= 1 and tokens[k].lower == "of" and tokens[k - 1].lower in L.place_nouns:
        k -= 2
    while k >= 0 and (tokens[k].lower in _SKIPPABLE or (tokens[k].text.isalpha() and tokens[k].text.islower()
                                                        and tokens[k].lower in L.descriptors)):
        k -= 1
    return k


def _locates(tokens, i: int, hit_ends: set[int]) -> bool:
    """The name right after a named installation and "in"/"near"/"at"/"outside": where that base is."""
    k = _walk_back(tokens, i)
    if k < 0 or tokens[k].lower not in ("in", "near", "at", "outside", "inside"):
        return False
    k -= 1
    if k >= 0 and tokens[k].text == ",":
        k -= 1
    if k >= 0 and (k + 1) in hit_ends:
        return True
    # "Camp Simba, a military base in Lamu": an installation noun in apposition to a base named before it
    return k >= 0 and tokens[k].lower in _INSTALLATION_SITES and any(e <= k for e in hit_ends)


def _direction_or_nearby(tokens, i: int) -> bool:
    """"south of the Lebanese city of Tyre", "the nearby town of Zintan": a reference point, not a target."""
    k = i - 1
    if k >= 1 and tokens[k].lower == "of" and tokens[k - 1].lower in L.place_nouns:
        j = k - 2
        while j >= 0 and j >= k - 4 and tokens[j].lower not in ("the", "a"):
            if tokens[j].lower == "nearby":
                return True
            j -= 1
        k = j
    while k >= 0 and (tokens[k].lower in _SKIPPABLE or tokens[k].lower in ("the", "a") or tokens[k].lower in L.country_by_demonym):
        if tokens[k].lower == "nearby":
            return True
        k -= 1
    return k >= 1 and tokens[k].lower == "of" and tokens[k - 1].lower in _DIRECTIONS


def _displacement_camp(tokens, j: int, noun_end: int, text: str) -> bool:
    """"displaced from Abu Shouk camp": a camp for displaced people is not a military site."""
    nouns = {t.lower for t in tokens[j:noun_end]}
    return bool(nouns & {"camp", "camps"}) and bool(_DISPLACED.search(text))


_AIRPORT_WORDS = frozenset(n.split()[-1] for n in L.airport_nouns)
_MEETING = re.compile(r"\b(?:met|meet|meets|meeting|arrived|arrives|landed|lands|welcomed|received|greeted|"
                      r"flew|departed|visited)\b", re.I)
_PLURAL_PLACES = frozenset({"towns", "villages", "cities", "areas", "districts", "neighbourhoods", "neighborhoods"})
_STRIKE_NOUNS = frozenset({"strike", "strikes", "airstrike", "airstrikes", "attack", "attacks", "bombing", "bombings",
                           "shelling", "raid", "raids", "battle", "fighting", "clashes", "assault", "offensive"})
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_MEDIA_BEFORE = frozenset({"told", "with", "to", "via", "channel", "broadcaster", "outlet", "network"})
_MEDIA_AFTER = frozenset({"tv", "television", "channel", "reported", "reports", "broadcast", "aired", "website",
                          "correspondent", "news", "said", "quoted"})


def _media_context(tokens: tuple[Token, ...], i: int, j: int, name: str) -> bool:
    """A name that is also a broadcaster's, used as the broadcaster."""
    if name.lower() not in L.outlets and name.lower().replace("-", " ") not in L.outlets:
        return False
    before = tokens[i - 1].lower if i else ""
    after = tokens[j].lower if j < len(tokens) else ""
    return before in _MEDIA_BEFORE or after in _MEDIA_AFTER or (i >= 2 and tokens[i - 2].lower == "according")


def _coordinated(tokens, lows, chunk_at, j: int, add) -> None:
    """Names coordinated with a listed target: "X, Y and Z" (not "X in western Iraq")."""
    n = len(tokens)
    k = j
    while k < n - 1 and lows[k] in (",", "and"):
        m = k + 1
        if lows[m] == "and":
            m += 1
        if m < n and lows[m] == "the":
            m += 1
        if m not in chunk_at:
            return
        j2 = chunk_at[m]
        add(m, j2, j2)
        k = j2


def find_bases(doc: Document, register: Register, actor_forms: frozenset[str] = frozenset()) -> tuple[Mention, ...]:
    order: list[str] = []
    names: dict[str, str] = {}
    aliases: dict[str, list[str]] = {}
    sentences: dict[str, list[int]] = {}
    pinned: dict[str, bool] = {}
    hosted: set[str] = set()
    all_hits = [hit for s in doc.sentences for hit in _sentence_bases(doc, s, register, actor_forms, hosted)]
    for hit in all_hits:
        if not hit.pinned and hit.surface == hit.name_part and hit.name_part.lower() in hosted:
            continue  # a town that hosts a base named in this article is folded into that base
        key = "R:" + hit.pinned if hit.pinned else "S:" + skeleton_key(hit.name_part)
        if key not in names:
            order.append(key)
            names[key] = hit.pinned or hit.surface
            aliases[key] = []
            sentences[key] = []
            pinned[key] = bool(hit.pinned)
        for form in (hit.surface, hit.name_part):
            if form not in aliases[key]:
                aliases[key].append(form)
        if hit.sentence not in sentences[key]:
            sentences[key].append(hit.sentence)
    return tuple(
        Mention(
            name=names[k],
            type="base",
            aliases=tuple(aliases[k]),
            sentences=tuple(doc.sentences[i].text for i in sorted(sentences[k])),
            registered=pinned[k],
        )
        for k in order
    )
