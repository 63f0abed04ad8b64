"""Bases: named installations and named places attacked at town or site level.

Sentence by sentence, one function per reading: a name with an installation
noun ("Ain al Asad base", "Camp Taji", "Harir air base"); the items listed
after an attack trigger ("attacks targeting Ain al-Asad ..., Harir ...",
"the liberation of Sinjar"); a town that undergoes the attack ("Sinjar has
been liberated"), one a force is driven from ("pushed ISIL out of Kobane")
and one named before its battle ("the Mosul offensive"); a name placed by an
installation noun ("a military base at Gao", "X, a base in ..."); and, in a
sentence about an attack, "the town of X", "bases in <town>" and "strikes in
<town>". None in a sentence that remembers ("30 years since the fall of"). Every candidate then passes the same named
checks (`_Scan.add`): countries, regions, organisations, ships, broadcasters,
mere locators and capitals alone (save a regional capital struck) are never
bases. Spellings of one place fold to one entity: the register first, then
the name's transliteration skeleton.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from generator.models import Mention
from generator.names import skeleton_key
from generator.read.register import Register
from generator.extract.chunks import is_name_token as _is_name_token, strip_leading as _strip_leading
from generator.extract.document import Document, Sentence
from generator.extract.lexicon import LEXICON as L
from generator.extract.shapes import (a_citys_people, a_named_site, a_small_town_only, is_abstract_noun,
                                      is_place_shaped, won_back)
from generator.extract.text import Token, is_acronym
from generator.extract.words import is_given_name

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
    r"|airstrike\w*|battle\w*|fighting|clash\w*|siege|besieged|offensive|overr\w*|seiz\w*|captur\w*|recaptur\w*|mortar\w*|grenade\w*"
    r"|opened fire|open fire|gunfire|gunmen|ambush\w*)\b",
    re.I,
)
# attacks on computers: "the ransomware attack on Advanced", "a cyber-attack on the Guardian"
_CYBER_WORDS = "cyber|ransomware|malware|hacking|phishing|ddos|denial-of-service|spyware"
# words of an attack that name something else: goods seized ("police seized 18 kg of heroin") and strikes of
# workers ("during a general strike", "called for a two-hour strike", "strikes by rail workers")
_NOT_AN_ATTACK = re.compile(
    r"\bseiz\w*\s+(?:[\w,.-]+\s+){0,5}?(?:kg|kilos?|kilograms?|tonnes?|tons|grams|heroin|cocaine|drugs?|narcotics|"
    r"cannabis|hashish|marijuana|cash|currency|documents|papers|assets|shipments?|cargo|passports?|contraband|"
    r"cigarettes)\b"
    r"|\b(?:general|hunger|labou?r|workers'?|nationwide|national|rail|transport|teachers'?|doctors'?|"
    r"[\w]+-(?:hour|day|week))\s+strikes?\b"
    r"|\b(?:call\w*|went|go|goes|going|were|was|are|is)\s+(?:for\s+)?(?:on\s+)?an?\s+strike\b|\bon\s+strike\b"
    r"|\bstrikes?\s+by\s+(?:\w+\s+)?(?:workers|unions?|staff|drivers|students|teachers|doctors|nurses|employees|"
    r"miners)\b"
    r"|\b(?:" + _CYBER_WORDS + r")[- ]?(?:[\w-]+[- ])?attacks?\b",
    re.I)
_CYBER = re.compile(r"\b(?:" + _CYBER_WORDS + ")")


# arms and armed forces: "Israeli strikes hit the Indonesian Hospital", "forces stormed Nasser Hospital" (not
# "thieves struck the Louvre", "tariffs hit Yiwu Market", "a strike near Antwerp shut the port")
_MILITARY = re.compile(
    r"\b(?:troops|soldiers|army|military|militia\w*|militants|rebels|fighters|insurgents|jihadists|forces|"
    r"warplanes?|jets|drones?|missiles?|rockets?|artillery|shell(?:s|ed|ing)|bomb\w*|air ?strikes?|coalition|"
    r"gunm[ae]n|shooters?|assailants?|attackers|mortars?|tanks)\b", re.I)


_STRIKES_OF = re.compile(r"\b([A-Z][a-z]+)\s+(?:air\s?)?strikes?\b")  # "Israeli strikes", "Russian airstrikes"


def _military(text: str) -> bool:
    """Arms or armed forces in the sentence, or a country's strikes."""
    if _MILITARY.search(text):
        return True
    return any(m.group(1).lower() in L.country_by_demonym or m.group(1).lower() in L.country_by_form
               for m in _STRIKES_OF.finditer(text))


def _an_attack_in(text: str) -> bool:
    """A word of an attack in the text, goods seized and workers' strikes aside."""
    found = _ATTACK_WORDS.search(text)
    if found is None:
        return False
    low = text.lower()
    if "seiz" not in low and "strike" not in low and not _CYBER.search(low):
        return True
    return bool(_ATTACK_WORDS.search(_NOT_AN_ATTACK.sub(" ", text)))
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


_COMPASS_NAMES = frozenset({"west", "east", "north", "south", "global south", "global north", "north west",
                            "north east", "south west", "south east", "northwest", "northeast", "southwest",
                            "southeast"})


_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,5}s")


def _not_a_base_name(words: list[str], site: bool = False) -> bool:
    if site:
        return False  # a hospital, a mosque ... in a sentence of arms: a site struck, whatever its name's words
    low = " ".join(w.lower() for w in words)
    first = words[0].lower()
    if len(words) >= 2 and first in L.region_prefixes:
        return True  # "Lower Shabelle", "Upper Nile": regions
    if len(words) >= 2 and first in L.event_prefixes:
        return True  # "Hurricane Ian", "Operation Iron Swords": events, not places
    if len(words) >= 2 and (words[-1].lower() in L.event_words or is_abstract_noun(words[-1])) \
            and not _named_by_noun_before(words):
        return True  # "the Sochi Games", "attacks on Social Security": an event, a programme (not "Camp Integrity")
    if all(w.lower() in _BASE_NOUN_WORDS for w in words):
        return True  # "Forward Operating Base" alone: an installation without its name
    if low in L.country_by_form or low in L.country_by_capital or low in L.country_by_demonym or low in L.regions \
            or low in L.people_words:
        return True
    if first in L.country_by_demonym or (first in L.country_by_form and len(words) == 1):
        return True
    if all(w.lower() in L.people_words or w.lower() in L.country_by_demonym for w in words):
        return True  # "ransacks Bedouin Palestinian camp": peoples describe the camp, no name
    if all(w.lower() in L.party_members for w in words):
        return True  # "ministers attacked Lib Dem plans": a party, figuratively
    if any(w.lower() in L.org_nouns or w.lower() in L.org_name_words for w in words):
        return True
    if low in L.institutions or low in L.outlets or low in L.agencies or words[-1].lower() in L.geo_nouns:
        return True
    if low in _COMPASS_NAMES:
        return True  # "plot attacks against the West": the Western world, no place
    if len(words) == 1 and len(words[0]) <= 2 and words[0].isalpha():
        return True  # "Al Qaeda-linked": a particle alone names no place
    if len(words) == 1 and a_citys_people(words[0]):
        return True  # "Bostonians": the people of a town, not the town
    if low.rstrip(".") in L.us_state_abbreviations or low in L.seas:
        return True  # "Watertown, Mass.": the state; "bases in the Pacific": an ocean
    if words[-1].lower() == "day" or any(w.lower() in L.holidays for w in words):
        return True  # "on Bastille Day", "Easter Sunday bombings": a day, no place
    if all(is_acronym(w) or _ACRONYM_PLURAL.fullmatch(w) for w in words):
        return True  # "NATO"; "knife attacks on MPs", "NGOs": people, no place
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


@dataclass
class _Scan:
    """One sentence being read: its tokens, the name chunks, and the hits kept so far.

    The readings below call `add` with a candidate (name start, name end, noun end);
    `add` applies the checks in order and keeps the ones that pass.
    """

    tokens: tuple[Token, ...]
    lows: list[str]
    seg: str  # the segment the token offsets point into
    sentence: Sentence
    register: Register
    actor_forms: frozenset[str]
    hosted: set[str]  # towns that host a named base, across the whole article
    chunk_at: dict[int, int]  # name start -> name end
    in_conflict: bool = False  # the sentence speaks of armed conflict (`_in_conflict`)
    hits: list[BaseHit] = field(default_factory=list)
    claimed: set[int] = field(default_factory=set)  # name starts already kept
    hit_ends: set[int] = field(default_factory=set)  # noun ends of named installations

    @functools.cached_property
    def military(self) -> bool:
        """The sentence speaks of arms or armed forces, not only of an attack (`_military`), read when asked."""
        return _military(self.sentence.text)

    def add(self, i: int, j: int, noun_end: int, struck: bool = False, cut: bool = True) -> None:
        """Keep tokens[i:j] (its installation noun running to noun_end) unless a check rejects it."""
        tokens = self.tokens
        if noun_end == j and cut:
            j, noun_end = _cut_at_inner_noun(tokens, i, j)  # "Manda Airstrip About nine ...": the name ends at its noun
        if i < j - 1 and tokens[i].lower == "the" and (tokens[i + 1].lower in L.country_by_form
                                                     or tokens[i + 1].lower in L.country_by_demonym):
            i += 1  # "The U.S. base in al-Tanf": the article opening the sentence (but "The Hague" is a name)
        words = [t.text for t in tokens[i:j] if t.text != "."]
        if not words or i in self.claimed:
            return
        if _locates(tokens, i, self.hit_ends):
            self.hosted.add(" ".join(words).lower())
            return  # "Ramat David airbase, near the northern city of Haifa": the town locates the base
        if _direction_or_nearby(tokens, i) or _displacement_camp(tokens, j, noun_end, self.sentence.text):
            return
        name_part, surface = self._forms(i, j, noun_end, words)
        entry = self.register.find(surface, "base") or self.register.find(name_part, "base")
        if entry is None and self._unregistered_non_base(words, name_part, j, noun_end, struck):
            return
        if entry is None and noun_end == j and _a_person_by_name(tokens, i, words):
            return  # "the attack on Sergei Skripal and his daughter, Yulia": a person no map knows as a place
        if entry is None and not self.in_conflict and self.tokens[noun_end - 1].lower in _CIVIL_SITE_NOUNS:
            return  # "Air Force One landing at Frankfurt airport": an airport, a station where no one fights
        if entry is None and noun_end == j and _owner_of_a_thing(self.tokens, j):
            return
        if self._wrong_context(i, j, noun_end, words, name_part):
            return
        self.claimed.add(i)
        if noun_end > j or _named_by_noun_before(words):
            self.hit_ends.add(noun_end)  # a named installation: a town right after it only locates it
        self.hits.append(BaseHit(name_part, surface, self.sentence.index, entry.name if entry else None))

    def _forms(self, i: int, j: int, noun_end: int, words: list[str]) -> tuple[str, str]:
        """(name part, surface): "Camp Simba" has the name part "Simba", so it folds with "Simba Airbase"."""
        seg, tokens = self.seg, self.tokens
        name_part = seg[tokens[i].start: tokens[j - 1].end]
        if _named_by_noun_before(words):
            name_part = seg[tokens[i + 1].start: tokens[j - 1].end]
        return name_part, seg[tokens[i].start: tokens[noun_end - 1].end]

    def _unregistered_non_base(self, words: list[str], name_part: str, j: int, noun_end: int, struck: bool) -> bool:
        """A name the register does not know as a base: a country, region, organisation, month ...,
        a known actor, or a registered actor as written, unless a capital is a site ("Erbil airport").
        A spelling variant of a registered actor's name is not enough: "an army post in Al-Amiriya" is a
        place, not the registered "al-Amiri"."""
        low = name_part.lower()
        rest = low.split(" ", 1)[1] if " " in low else ""
        site = a_named_site(words)
        if site and not self.military:
            return True  # "the minister attacked the Hebrew University", "thieves struck the Louvre Museum": no arms
        if (_not_a_base_name(words, site) and not _capital_site(words, j, noun_end, struck)) \
                or (not site and (low in self.actor_forms or (rest.count(" ") >= 1 and rest in self.actor_forms))):
            return True  # (an actor's name after a word that describes them: "Frenchman Frederic Malardeau")
        return self.register.find_exact(name_part, "actor") is not None

    def _wrong_context(self, i: int, j: int, noun_end: int, words: list[str], name_part: str) -> bool:
        """The words around the name say it is a ship, a locator, a past event's place, a meeting place
        or a broadcaster."""
        tokens = self.tokens
        return (_is_ship(words)
                or _locates_named_base(tokens, i, self.hit_ends)
                or _old_event_place(tokens, i, noun_end)
                or _meeting_place(tokens, i, j, noun_end, self.sentence.text)
                or _media_context(tokens, i, j, name_part))


def _a_person_by_name(tokens: tuple[Token, ...], i: int, words: list[str]) -> bool:
    """One word that is a given name, known as no place, after a relative's word ("his daughter, Yulia"):
    a person (villages bear given names too: "captured Marinka", "rockets at Dafna")."""
    if len(words) != 1 or not is_given_name(words[0]) or words[0].lower() in L.places or L.city(words[0]) is not None:
        return False
    k = i - 1
    if k >= 0 and tokens[k].text == ",":
        k -= 1
    return k >= 0 and tokens[k].lower in L.kin_nouns


def _named_by_noun_before(words: list[str]) -> bool:
    """"Camp Taji", "Fort Bliss": the installation noun stands before the name."""
    return len(words) >= 2 and words[0].lower() in _BEFORE_NOUNS


def _capital_site(words: list[str], j: int, noun_end: int, struck: bool) -> bool:
    """"Erbil airport"; "strikes in Erbil": a capital with an installation noun is a site, and a
    regional capital (a territory's) can be struck; a national capital alone stands for its government."""
    cap = L.country_by_capital.get(" ".join(words).lower())
    return cap is not None and (noun_end > j or (struck and cap.territory))


def _is_ship(words: list[str]) -> bool:
    """"the USS Laboon destroyer": a ship's prefix names a vessel, not a base."""
    return words[0].lower().rstrip(".") in L.ship_prefixes


def _locates_named_base(tokens, i: int, hit_ends: set[int]) -> bool:
    """"Victory base near Baghdad airport": right after a named base, "near X" only says where it is."""
    return i >= 1 and tokens[i - 1].lower in _LOCATOR_PREPS and (i - 1) in hit_ends


def _old_event_place(tokens, i: int, noun_end: int) -> bool:
    """"a drone strike near Baghdad airport in January 2020": a year after it dates an old event
    that the place only locates."""
    return i >= 1 and tokens[i - 1].lower in _LOCATOR_PREPS and any(
        _YEAR.match(t.text) for t in tokens[noun_end: noun_end + 5])


def _meeting_place(tokens, i: int, j: int, noun_end: int, text: str) -> bool:
    """"met faction leaders at Baghdad airport": an airport in a sentence about a visit is a meeting place."""
    return i >= 1 and tokens[i - 1].lower == "at" and noun_end > j and tokens[noun_end - 1].lower in _AIRPORT_WORDS \
        and bool(_MEETING.search(text))


def _owner_of_a_thing(tokens, j: int) -> bool:
    """"an attack on Labour's record": a bare name in the possessive owns what is attacked; the target is
    that name only when a part of a place follows, after at most one word ("strikes on Kiryat Shmona's
    outskirts", "a missile strike on Kramatorsk's railway station")."""
    if not (tokens[j - 1].possessive and j < len(tokens) and tokens[j].text.islower()):
        return False
    return not any(t.text.islower() and (t.lower in L.site_nouns or t.lower in L.place_nouns or t.lower in _PLACE_PARTS)
                   for t in tokens[j: j + 2])


_PLACE_PARTS = frozenset(L.cues["place_parts"])


def _in_conflict(text: str, attack: bool) -> bool:
    """A sentence of armed conflict: an attack (`attack`, found once per sentence), troops, an armed group,
    casualties, control of a place ("RSF to move Egyptian troops from Merowe airport", "a blast at Kabul airport
    killed 13"). Only there is an airport, a station or a facility a base ("Air Force One landing at Frankfurt
    airport", "arrested at Changi Airport", "met on the platform at Sunderland station" are not), as CONVENTIONS
    counts an airport "when rockets land in it"."""
    return attack or bool(_ARMED_WORDS.search(text))


_CIVIL_SITE_NOUNS = frozenset(L.cues["civil_site_nouns"])
_ARMED_WORDS = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, L.cues["armed_words"]))) + r")\b", re.I)


def _chunk_starts(tokens, chunks) -> dict[int, int]:
    """Name start -> name end for each chunk, from its first word and from past its leading words."""
    chunk_at = {}
    for ci, cj in chunks:
        i = _strip_leading(tokens, ci, cj)
        if i < cj:
            chunk_at[i] = cj
            chunk_at.setdefault(ci, cj)
    return chunk_at


def _after_article(tokens, i: int) -> bool:
    """"a US air base": after an indefinite article the words before the noun describe, not name."""
    return i > 0 and tokens[i - 1].lower in ("a", "an")


_MULTIWORD_BEFORE = tuple(sorted((tuple(n.lower().split()) for n in L.base_nouns_before if " " in n),
                                 key=len, reverse=True))


def _multiword_noun_before(lows, i: int, j: int) -> int:
    """Length of a multi-word installation noun opening the chunk and followed by a name, else 0."""
    for noun in _MULTIWORD_BEFORE:
        if j - i > len(noun) and tuple(lows[i: i + len(noun)]) == noun:
            return len(noun)
    return 0


def _installation_noun_reading(sc: _Scan) -> None:
    """1. Names with an installation noun, before ("Camp Taji") or after ("Harir air base")."""
    tokens = sc.tokens
    for i, j in list(sc.chunk_at.items()):
        if tokens[j - 1].possessive:
            continue
        if sc.lows[i] in _BEFORE_NOUNS and j - i >= 2:
            sc.add(i, j, j)
            continue
        lead = _multiword_noun_before(sc.lows, i, j)
        if lead:
            sc.add(i, j, j, cut=False)  # "Forward Operating Base Falcon", "Combat Outpost Keating"
            continue
        _noun_in_or_after(sc, i, j)
        _shared_plural_noun(sc, i, j)


def _noun_in_or_after(sc: _Scan, i: int, j: int) -> None:
    """A capitalised noun inside the chunk ("Harir Air Base", "Taji Garrison"), a noun right after it
    ("Harir air base"), or a chunk the register writes as a base's name or alias."""
    tokens = sc.tokens
    for m in range(i + 1, j):
        end = _noun_after(tokens, m)
        if i + 1 < end < j and end > m and tokens[end].lower not in _BASE_NOUN_WORDS:
            sc.add(i, m, end)  # "Manda Airstrip About ...": the name ends at its noun (not "Halane Base Camp")
            return
        if end == j:
            if not _after_article(tokens, i):
                sc.add(i, m, j)
            return
    k = _noun_after(tokens, j)
    if k > j and not _after_article(tokens, i):
        sc.add(i, j, k)
    elif sc.register.find_exact(sc.seg[tokens[i].start: tokens[j - 1].end], "base") is not None:
        # a bare name, no noun or trigger: only as the register writes it; a transliteration variant
        # matched on its consonants alone is another word ("Hariri" is not Harir, "Defra" not Dhafra)
        sc.add(i, j, j)


def _shared_plural_noun(sc: _Scan, i: int, j: int) -> None:
    """Coordinated names sharing a plural noun: "Ain al-Asad and Hareer bases"."""
    tokens = sc.tokens
    if j + 1 < len(tokens) and tokens[j].lower == "and" and (j + 1) in sc.chunk_at:
        j2 = sc.chunk_at[j + 1]
        k = _noun_after(tokens, j2)
        if k > j2 and tokens[k - 1].lower.endswith("s"):
            sc.add(i, j, j)


def _trigger_list_reading(sc: _Scan) -> None:
    """2. The items listed after an attack trigger ("attacks targeting Ain al-Asad ..., Harir ..."); not
    after an anniversary's "of" ("the 60th anniversary of the liberation of Auschwitz": history)."""
    lows = sc.lows
    remembered = None
    for idx in range(len(lows)):
        for trig in _TRIGGERS.get(lows[idx], ()):
            if tuple(lows[idx: idx + len(trig)]) != trig:
                continue
            if remembered is None:
                remembered = bool(_REMEMBERED.search(sc.sentence.text))
            if remembered:
                return  # "The fall of Dekemhare in 1991 is commemorated each year": history
            if not _commemorated(lows, idx) and _a_trigger_of_war(sc, idx, trig) \
                    and not (idx > 0 and sc.tokens[idx].text[:1].isupper()) \
                    and (trig not in _TAKING or _fighting_besides(sc.sentence.text)):  # not "the Battle for Seattle"
                _listed_targets(sc, idx + len(trig), known_only=trig in _A_RULERS_TOO)
                break


def _a_trigger_of_war(sc: _Scan, idx: int, trig: tuple[str, ...]) -> bool:
    """Not the trigger words of something else: a song ("her 2012 hit Euphoria", "classic hit Paranoid": "hit"
    counts only in a sentence with another word of fighting), an attack on computers ("the ransomware
    attack on Advanced"), an adjective ("more targeted Covid measures"), a strike on a date ("strikes on 11
    and 23 January", "the strike on 21 June, London Underground workers ...": a walk-out's day, not its
    target)."""
    if trig == ("hit",):
        text = sc.sentence.text
        return _an_attack_in(_HIT.sub(" ", text)) or bool(_ARMED_WORDS.search(text))
    if idx > 0 and _CYBER.match(sc.lows[idx - 1]):
        return False
    if idx > 0 and trig[0].startswith("target") and sc.lows[idx - 1] in _DEGREE_WORDS:
        return False  # "more targeted Covid measures": an adjective
    after = idx + len(trig)
    return not (trig[0].startswith("strike") and after < len(sc.lows)
                and (sc.lows[after] in L.months or sc.lows[after] in L.weekdays or sc.lows[after].isdigit()))


_HIT = re.compile(r"\bhit\b", re.I)
_DEGREE_WORDS = frozenset({"more", "most", "less", "least", "highly", "better", "well", "narrowly", "carefully",
                           "precisely", "very", "a", "an"})


# triggers whose object is as often a ruler as a town ("the fall of Mobutu"): only towns the gazetteer knows
_A_RULERS_TOO = frozenset({("fall", "of")})


# taking a place is fighting only in a sentence of fighting ("took control of Barclays" is a takeover)
# ("captured" and "seized" stay as they were: "the RSF seized Wad Madani" is the common case, a person
# captured the rare one)
_TAKING = frozenset({("control", "of"), ("full", "control", "of"), ("seize",), ("seizing",), ("capture",),
                     ("capturing",), ("storm",), ("storming",), ("striking",),
                     ("to", "free"), ("battle", "for")})  # "the battle for Manchester ended goalless"


def _fighting_besides(text: str) -> bool:
    """An attack or armed word in the sentence besides the taking itself."""
    rest = _TAKING_WORDS.sub(" ", text)
    return bool(_an_attack_in(rest) or _ARMED_WORDS.search(rest))


_TAKING_WORDS = re.compile(r"\b(?:(?:took|take|taken|taking|takes) over|control of|seiz\w*|captur\w*|storm\w*|striking|"
                           r"free|battle)\b", re.I)


def _driven_out_reading(sc: _Scan) -> None:
    """2c. The place a force is driven from: "pushed ISIL out of Kobane", "drove the militants from Gao",
    "cleared Hamas fighters from Khan Younis" (in a sentence of fighting)."""
    lows, n = sc.lows, len(sc.lows)
    if _DRIVE_OUT.isdisjoint(lows):
        return
    for idx in range(n - 2):
        if lows[idx] not in _DRIVE_OUT or not _fighting_besides(sc.sentence.text):
            continue
        for k in range(idx + 1, min(n - 1, idx + 7)):
            if sc.tokens[k].text in _LIST_STOP or sc.tokens[k].text == ",":
                break
            step = 2 if lows[k] == "out" and lows[k + 1] == "of" else 1 if lows[k] == "from" else 0
            if step:
                _listed_targets(sc, k + step)
                break


# the verbs of fighting a force out (not "expelled from Labour", "ousted from the board": a member's)
_DRIVE_OUT = frozenset({"pushed", "push", "pushing", "drove", "drive", "driving", "driven", "cleared", "clearing",
                        "routed", "flushed", "dislodged", "dislodge", "chased"})


def _named_battle_reading(sc: _Scan) -> None:
    """2d. A town named before its battle: "the Mosul offensive", "Aleppo battle:", "the Raqqa operation" (a
    town of the gazetteer: "the Tet offensive" is no place, and "the Dole campaign" an election's)."""
    lows = sc.lows
    if _BATTLE_NOUNS.isdisjoint(lows):
        return
    for i, j in sorted(sc.chunk_at.items()):
        if not (j < len(lows) and lows[j] in _BATTLE_NOUNS and j - i <= 2 and _a_known_place(sc.tokens, i, j)
                and not _commemorated(lows, i)):
            continue
        if lows[j] in ("operation", "operations") and (
                (i >= 1 and lows[i - 1] in ("its", "their", "our", "his", "her")) or not _fighting_besides(sc.sentence.text)):
            continue  # "Ford would sell its Detroit operations": a business
        sc.add(i, j, j, struck=True)


_BATTLE_NOUNS = frozenset({"offensive", "battle", "operation", "operations", "siege", "assault"})  # not "campaign"


def _passive_target_reading(sc: _Scan) -> None:
    """2b. A place that undergoes the attack: "Sinjar has been liberated", "Tessit was attacked", "the town
    was shelled" aside (no name)."""
    lows, n = sc.lows, len(sc.lows)
    if _UNDERGOES.isdisjoint(lows):
        return
    for i, j in sorted(sc.chunk_at.items()):
        if won_back(sc.tokens, i, j) and not _commemorated(lows, i):
            sc.add(i, j, j, struck=True)  # "Davydiv Brid has been liberated": a place, known or not
            continue
        k = j
        if k < n and lows[k] in ("was", "were", "is", "are"):
            k += 1
        elif k + 1 < n and lows[k] in ("has", "have", "had") and lows[k + 1] == "been":
            k += 2
        else:
            continue
        if k < n and lows[k] == "being":
            k += 1
        if k < n and lows[k] in ("again", "also", "repeatedly", "heavily", "fully", "finally"):
            k += 1
        if k < n and lows[k] in _UNDERGOES and not _commemorated(lows, i) and _a_known_place(sc.tokens, i, j) \
                and (lows[k] in _TAKEN_IN_WAR or _fighting_besides(_ATTACK_PARTICIPLE.sub(" ", sc.sentence.text))):
            sc.add(i, j, j, struck=True)  # not "Miami was struck by flooding", "Liverpool were hit by injuries"


def _a_known_place(tokens, i: int, j: int) -> bool:
    """A town of the gazetteer (not one named like a person: "Lincoln") or a name shaped like a place ("Mount
    Sinjar"): before "was attacked" a name is as often a person's, a party's or a firm's."""
    words = [t.text for t in tokens[i:j]]
    town = L.city(" ".join(words))
    return (town is not None and not town.personal) or is_place_shaped(words)


_UNDERGOES = frozenset({"attacked", "liberated", "captured", "recaptured", "retaken", "seized", "overrun", "shelled",
                        "bombed", "bombarded", "struck", "targeted", "stormed", "besieged", "encircled", "raided",
                        "freed", "hit"})
# what only a war does to a town; the rest ("hit", "struck", "targeted") in a sentence of fighting only
_TAKEN_IN_WAR = frozenset({"liberated", "recaptured", "retaken", "overrun", "shelled", "bombed", "bombarded",
                           "besieged", "encircled", "stormed"})
_ATTACK_PARTICIPLE = re.compile(r"\b(?:attacked|struck|targeted|hit|raided|seized|captured|freed)\b", re.I)


_REMEMBERED = re.compile(r"\b(?:anniversar\w*|commemorat\w*|memorial|remembrance)\b", re.I)


def _commemorated(lows: list[str], idx: int) -> bool:
    """History, not a report: "the anniversary of the liberation of X", "80 years since the end of the siege
    of X", "veterans of the battle for X"."""
    before = lows[max(0, idx - 12): idx]
    if not _COMMEMORATION.isdisjoint(before):
        return True
    return not _PERIODS.isdisjoint(before) \
        and any(a in _PERIODS and b in ("since", "after", "ago") for a, b in zip(before, before[1:]))  # not "a year after"


_PERIODS = frozenset({"years", "decades", "centuries"})


_COMMEMORATION = frozenset({"anniversary", "anniversaries", "commemoration", "commemorate", "commemorating", "memorial",
                            "veterans", "remembered", "remembrance", "recalled", "recalling"})


def _listed_targets(sc: _Scan, k: int, known_only: bool = False) -> None:
    """Walk the list from k: items split by commas, "and", "or"; at most 8; a stop mark ends it. A list
    with an actor of the article among its items after the first, up to the one after "and", lists bodies,
    not places ("targeted are Bank of America, UBS, Credit Suisse First Boston, Deutsche Bank and
    Citigroup"; but "struck Hezbollah, Tyre and Nabatieh": the group struck first, then its towns; and
    "in Sanaa, Hodeidah and Taiz, the US military says": the actor after the list)."""
    tokens, n = sc.tokens, len(sc.tokens)
    items, names, listed = 0, [], None  # listed: how many names the list holds up to the one after "and"
    first_named = False  # the list's first item holds a name
    item_start = True
    while k < n and items < 8:
        t = tokens[k]
        if t.text in _LIST_STOP:
            break
        if t.text == "," or t.lower in ("and", "or"):
            if t.lower in ("and", "or") and listed is None:
                listed = len(names) + 1
            item_start = True
            k += 1
            continue
        if item_start:
            items += 1
            item_start = False
            name = _listed_item(sc, k)
            if name is not None:
                first_named = first_named or items == 1
                names.append(name)
                k = name[1]
                continue
        k += 1
    if listed is None:
        # no "and" or "or": what follows a comma is the next clause ("the fall of X, Y said"), or the first
        # item's apposition ("struck Ukraine's largest children's hospital, Okhmatdyt, in Kyiv"), unless a verb
        # follows the name ("the target of a disinformation campaign, Polygraph.info has found")
        names = names[:1]
        if names and not first_named and _a_clause_after(tokens, names[0][1]):
            names = []
    if any(sc.seg[tokens[m].start: tokens[j - 1].end].lower() in sc.actor_forms
           and not (sc.military and a_named_site(sc.seg[tokens[m].start: tokens[j - 1].end].split()))
           for m, j in names[1:listed]):
        return
    for m, j in names:
        if not tokens[j - 1].possessive and (not known_only or _a_known_place(tokens, m, j)):
            sc.add(m, j, max(j, _noun_after(tokens, j)))


def _a_clause_after(tokens, j: int) -> bool:
    """A verb right after the name (past a web address's ".info"): the name opens a clause of its own."""
    while j + 1 < len(tokens) and tokens[j].text == "." and tokens[j + 1].lower in ("com", "org", "net", "info"):
        j += 2
    return j < len(tokens) and (tokens[j].lower in L.auxiliaries or tokens[j].lower in L.speech_verbs)


def _listed_item(sc: _Scan, k: int) -> tuple[int, int] | None:
    """The name an item starting at k holds (its start and end), past "the", "on", ... and a possessive
    country ("Iraq's Ain al-Asad airbase"); None when the item is not a name."""
    tokens, n = sc.tokens, len(sc.tokens)
    m = k
    while m < n and tokens[m].lower in ("the", "on", "in", "at", "against"):
        m += 1
    if m < n and tokens[m].possessive and L.country_by_form.get(tokens[m].lower):
        m += 1
    m = _past_place_of(tokens, m)  # "liberated the Syrian town of Dabiq", "to free the city of Mosul"
    if m in sc.chunk_at and _is_name_token(tokens[m]):
        j = sc.chunk_at[m]
        if tokens[j - 1].lower in _SITES_OF_A_TOWN and j + 1 < n and tokens[j].lower == "of" \
                and (j + 1) in sc.chunk_at:
            return m, sc.chunk_at[j + 1]  # "the University of Mosul", "the Chinese University of Hong Kong"
        return m, j
    return None


# sites named "<noun> of <town>": the noun alone is no name ("the liberation of the University of Mosul")
_SITES_OF_A_TOWN = frozenset(L.cues["sites_of_a_town"])


def _past_place_of(tokens, m: int) -> int:
    """Past "(Syrian) town of", "northern city of" to the name that follows, else m."""
    n, k = len(tokens), m
    if k < n and (tokens[k].lower in L.country_by_demonym or tokens[k].lower in _COMPASS_ADJECTIVES):
        k += 1
    if k + 2 < n and tokens[k].lower in L.of_place_nouns and tokens[k + 1].lower == "of" \
            and tokens[k].lower not in _WIDE_PLACE_NOUNS:
        return k + 2
    return m


_COMPASS_ADJECTIVES = frozenset({"northern", "southern", "eastern", "western", "central", "north-eastern",
                                 "north-western", "south-eastern", "south-western", "northeastern", "northwestern",
                                 "southeastern", "southwestern", "strategic", "key", "border", "coastal"})


def _attack_readings(sc: _Scan) -> None:
    """3. In a sentence about an attack: "the town of X", "the towns of X and Y", "bases in <town>"
    (and "and in <town>" after it), "strikes in <town>"."""
    _place_of_reading(sc)
    _plural_places_reading(sc)
    for idx in range(len(sc.tokens) - 2):  # one pass: the hits keep their order in the sentence
        _site_noun_at(sc, idx)
        _strike_noun_at(sc, idx)


def _launched_from(lows: list[str], idx: int) -> bool:
    """"launched from the town of X": the place a strike came from is not its target."""
    return any(w in _LAUNCH_WORDS for w in lows[max(0, idx - 5): idx])


def _place_of_reading(sc: _Scan) -> None:
    """"near the town of Akashat", "the southern Lebanese village of Aitaroun" (not a region or an area)."""
    lows, chunk_at = sc.lows, sc.chunk_at
    for idx in range(1, len(lows) - 1):
        if lows[idx] in L.of_place_nouns and lows[idx + 1] == "of" and (idx + 2) in chunk_at \
                and lows[idx] not in _WIDE_PLACE_NOUNS:
            if not _launched_from(lows, idx):
                sc.add(idx + 2, chunk_at[idx + 2], chunk_at[idx + 2])
        elif lows[idx] in _TOWN_WORDS and (idx + 1) in chunk_at and (sc.tokens[idx - 1].text[:1].isupper()
                                                                    or lows[idx - 1] in _COMPASS_ADJECTIVES) \
                and _struck_before(lows, idx - 1):
            # "bomb its way back into the rebel-held Chechen capital Grozny", "shelled the northern town Kafr Nabl"
            # (not "met leaders in the Kurdish city Erbil": a meeting's place; a national capital never)
            if not _launched_from(lows, idx):
                sc.add(idx + 1, chunk_at[idx + 1], chunk_at[idx + 1], struck=True)


_INTO_A_TOWN = frozenset({"into", "on", "against", "through"})
_STRIKING_VERBS = frozenset({"shelled", "struck", "hit", "attacked", "bombed", "besieged", "stormed", "captured",
                             "seized", "overran", "pounded", "targeted", "shelling", "bombing", "attacking",
                             "storming", "besieging", "pounding", "targeting", "raided", "raiding"})


def _struck_before(lows: list[str], k: int) -> bool:
    """Before the adjective at k and the words describing the town ("the rebel-held"), a verb that strikes it, or
    "into"/"through"/"on" after a word of fighting ("bomb its way back into", "gunfire echoed through"; not
    "fled into", "aid trucks rolled into", "talks focused on")."""
    k -= 1
    while k >= 0 and (lows[k] in ("the", "a") or lows[k].endswith(("-held", "-controlled")) or lows[k] in _SKIPPABLE):
        k -= 1
    if k < 0:
        return False
    if lows[k] in _STRIKING_VERBS:
        return True
    return lows[k] in _INTO_A_TOWN and any(w.startswith(_FIGHTING_STEMS) for w in lows[max(0, k - 4): k])


_FIGHTING_STEMS = ("bomb", "shell", "gunfire", "fire", "fight", "storm", "attack", "battl", "advanc", "push",
                   "assault", "strik", "raid")


_TOWN_WORDS = frozenset({"capital", "town", "city", "village", "port"})


def _plural_places_reading(sc: _Scan) -> None:
    """"near the towns of al-Qaim and Akashat": plural place nouns list several targets."""
    lows, chunk_at = sc.lows, sc.chunk_at
    for idx in range(1, len(lows) - 2):
        if lows[idx] in _PLURAL_PLACES and lows[idx + 1] == "of" and (idx + 2) in chunk_at \
                and not _launched_from(lows, idx):
            j = chunk_at[idx + 2]
            sc.add(idx + 2, j, j)
            _coordinated(sc, j)


def _site_noun_at(sc: _Scan, idx: int) -> None:
    """"bases in <town>" and the towns coordinated with it, then "and in <town>" up to a stop mark."""
    lows, chunk_at, n = sc.lows, sc.chunk_at, len(sc.lows)
    if not (lows[idx] in L.site_nouns and lows[idx + 1] in _SITE_PREPS and (idx + 2) in chunk_at):
        return
    j = chunk_at[idx + 2]
    if lows[idx] in ("station", "stations") and (idx == 0 or lows[idx - 1] != "police"
                                                 or (j < n and lows[j] in _WIDE_PLACE_NOUNS)):
        return  # "a police station in Celopek"; not "a train station in Leeds", "... in Narathiwat province"
    sc.add(idx + 2, j, j)
    _coordinated(sc, j)
    for k in range(j, n - 2):
        if sc.tokens[k].text in _LIST_STOP:
            break
        if lows[k] == "and" and lows[k + 1] in _SITE_PREPS and (k + 2) in chunk_at:
            sc.add(k + 2, chunk_at[k + 2], chunk_at[k + 2])
            _coordinated(sc, chunk_at[k + 2])


def _strike_noun_at(sc: _Scan, idx: int) -> None:
    """"the recent strikes in Erbil", "the attack in Tessit", "strikes on Kiryat Shmona": a town struck
    (capitals and regions are never bases, unless a regional capital: see `_capital_site`)."""
    lows, chunk_at = sc.lows, sc.chunk_at
    if not (lows[idx] in _STRIKE_NOUNS and lows[idx + 1] in ("in", "on")) \
            and not (lows[idx] in _STRUCK_NEAR and lows[idx + 1] == "near" and sc.military):
        return
    start = idx + 2
    if lows[start] == "the" and (start + 1) in chunk_at and chunk_at[start + 1] < len(lows) \
            and lows[chunk_at[start + 1]] in _PART_OF_TOWN:
        start += 1  # "the attack in the Karrada district of Baghdad"
    if start in chunk_at:
        j = chunk_at[start]
        sc.add(start, j, j, struck=True)
        _coordinated(sc, j)  # "the attacks in Qamenas, Sarmin and Talamenes"


_PART_OF_TOWN = frozenset({"district", "neighbourhood", "neighborhood", "quarter", "suburb", "area"})


def _sentence_bases(doc: Document, s: Sentence, register: Register, actor_forms: frozenset[str],
                    hosted: set[str] | None = None) -> list[BaseHit]:
    """The base names in one sentence, reading by reading; `hosted` collects towns that host a named base."""
    tokens = s.tokens
    attack = _an_attack_in(s.text)
    sc = _Scan(tokens=tokens, lows=[t.lower for t in tokens], seg=doc.segments[s.segment], sentence=s,
               register=register, actor_forms=actor_forms, hosted=set() if hosted is None else hosted,
               chunk_at=_chunk_starts(tokens, s.chunks), in_conflict=_in_conflict(s.text, attack))
    _installation_noun_reading(sc)
    _trigger_list_reading(sc)
    _passive_target_reading(sc)
    _driven_out_reading(sc)
    _named_battle_reading(sc)
    _near_strikes_reading(sc)
    # "a military base at Gao", "a post in the occupied Kfarshuba Hills", "Buulo Mareer, a base in ..."
    for m, j in _installation_sites(tokens, sc.lows, sc.chunk_at, attack):
        sc.add(m, j, _geo_tail(tokens, j))
    if attack:
        _attack_readings(sc)
    return sc.hits


# a strike report's line: "Near Ar Raqqah, 15 strikes engaged five ISIL tactical units and destroyed ..."
_NEAR_OPENER = re.compile(r"^[\W\d]*?\bNear\s+")
_STRIKES_COUNTED = re.compile(
    r",\s*(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|an?)\s+(?:\w+\s+)?"
    r"(?:air)?strikes?\s+(?:engaged|destroyed|damaged|struck|targeted|suppressed|killed)\b", re.I)


def _near_strikes_reading(sc: _Scan) -> None:
    """"Near Ar Raqqah, 15 strikes engaged five ISIL tactical units": the lines of a strike report open with
    the town the strikes hit near, then count them and say what they destroyed."""
    text = sc.sentence.text
    opener = _NEAR_OPENER.match(text)
    if opener is None:
        return
    at = sc.sentence.start + opener.end()
    i = next((k for k, t in enumerate(sc.tokens) if t.start == at), None)
    if i is None or i not in sc.chunk_at:
        return
    j = sc.chunk_at[i]
    if j < len(sc.tokens) and _STRIKES_COUNTED.match(sc.seg, sc.tokens[j].start):
        sc.add(i, j, j, struck=True)


_INSTALLATION_SITES = L.cues["installation_sites"]
_TOWN_NOUNS = L.cues["town_nouns"]
_SKIPPABLE = L.cues["place_adjectives"]
_DIRECTIONS = L.cues["directions"]
_DISPLACED = re.compile(r"\b(?:" + "|".join(sorted(L.cues["displacement_words"])) + r")\b", re.I)
_GEO_TAILS = L.cues["landform_tails"]


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
    """A name run on past its installation noun ("Manda Airstrip About"): (name end, noun end)."""
    for m in range(i + 1, j - 1):
        end = _noun_after(tokens, m)
        if m < end < j and tokens[end].lower not in _BASE_NOUN_WORDS:
            return m, end  # not "Halane Base Camp": its last word is another installation noun
    return j, j


def _walk_back(tokens, i: int) -> int:
    """Index of the word before "the (adjective) city of" and similar in front of a name."""
    k = i - 1
    if k >= 1 and tokens[k].lower == "of" and tokens[k - 1].lower in L.of_place_nouns:
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
    if k >= 1 and tokens[k].lower == "of" and tokens[k - 1].lower in L.of_place_nouns:
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
# "the region of X", "the outskirts of X": an area, too wide to be a target site
_WIDE_PLACE_NOUNS = ("region", "area", "province", "governorate", "district", "countryside", "outskirts", "state")
_PLURAL_PLACES = frozenset({"towns", "villages", "cities", "areas", "districts", "neighbourhoods", "neighborhoods"})
_STRIKE_NOUNS = L.cues["strike_nouns"]
# a strike from the air or by guns "near" a town hits it ("an airstrike near Tabqa Dam"); a raid, an attack or
# fighting "near" a town is only placed by it ("a raid near Jenin" on the village of Burqin)
_STRUCK_NEAR = frozenset({"strike", "strikes", "airstrike", "airstrikes", "shelling", "bombing", "bombardment"})
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


def _coordinated(sc: _Scan, j: int) -> None:
    """Names coordinated with a listed target: "X, Y and Z" (not "X in western Iraq")."""
    lows, chunk_at, n = sc.lows, sc.chunk_at, len(sc.lows)
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
        sc.add(m, j2, j2)
        k = j2


def _site_first(name: str) -> str:
    """"the University of Mosul" as "Mosul University": the two spellings of one site fold together."""
    words = name.split()
    if len(words) >= 3 and words[1].lower() == "of" and words[0].lower() in _SITES_OF_A_TOWN:
        return " ".join(words[2:] + words[:1])
    return name


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
        if not hit.pinned and _a_small_town_named_as_a_person(doc, hit.name_part):
            continue  # "Republican attacks on Obama" beside "the Obama administration": a man, not the town in Japan
        key = "R:" + hit.pinned if hit.pinned else "S:" + skeleton_key(_site_first(hit.name_part))
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


def _a_small_town_named_as_a_person(doc: Document, name: str) -> bool:
    """One word that is a small town and that the article also gives a title or an administration ("President
    Obama", "the Obama administration"): the person, wherever it is attacked."""
    if " " in name or not a_small_town_only(name):
        return False
    as_person = re.compile(r"(?:\b(\w+)\.?\s+)?\b" + re.escape(name) + r"\b(?:['\u2019]s)?(?:\s+(\w+))?")
    for seg in doc.segments:
        for m in as_person.finditer(seg):
            before, after = (m.group(1) or "").lower(), (m.group(2) or "").lower()
            if before in _PERSONS_TITLES or after in _PERSONS_OFFICE:
                return True
    return False


# a person's title or office around the name (not "major", "general" or "campaign": "a major Izium offensive",
# "the Bakhmut campaign" are a town's)
_PERSONS_TITLES = frozenset({"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "pres", "president", "senator",
                             "representative", "governor", "congressman", "congresswoman"})
_PERSONS_OFFICE = frozenset({"administration", "presidency", "aides", "aide", "adviser", "advisers"})
