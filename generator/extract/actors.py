"""Actors: people, organisations and governments named in the story.

Capitalised runs of words ("chunks") are read sentence by sentence. Titles
are peeled off the front ("US Secretary of Defense Lloyd Austin" -> person
Lloyd Austin, role secretary), the rest is classified by its words (org head
nouns, country names, media names), and every candidate is resolved: the
register first, then acronyms defined in the text, then name folding
(transliterations, surname-only mentions). Countries count only as
grammatical subjects ("Iraq strongly condemned ...") and then stand for
their government.
"""
from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field, replace

from generator.models import ORGANIZATION, PERSON, Mention
from generator.names import lookup_key, skeleton_key
from generator.read.register import Register
from generator.extract.document import Document, Sentence
from generator.extract.lexicon import LEXICON, Country, is_place_word
from generator.extract.chunks import is_name_token as _is_name_token, is_romanised_given_name, \
    strip_leading as _strip_leading, word_of as _word
from generator.extract.evidence import REGISTER, REPEATED, admitted, candidate_evidence, common_words_only, ordered
from generator.extract.shapes import (a_citys_people, a_named_site, a_small_town_only, is_abstract_noun,
                                      is_common_single, won_back,
                                      is_not_an_actor_by_shape, is_place_shaped, is_surname_head, national_army,
                                      plain_given_name)
from generator.extract.text import Token, is_acronym, is_capitalised
from generator.extract.words import given_name_gender, is_common_word, is_given_name, is_ing_form

L = LEXICON

KIND_PERSON, KIND_ORG, KIND_GOV, KIND_SURNAME = "person", "org", "gov", "surname"

_SUBJECT_OPENERS = frozenset(
    "and but while whereas although though as when because since if that after before so yet including "
    "however meanwhile then also now why how where unless until once whether both the".split()
)
_BASE_FIRST_WORDS = frozenset(
    w.split()[0] for w in L.base_nouns_after
) | {"airport", "international"}
_WAR_CONTEXT = re.compile(
    r"\b(?:" + "|".join(sorted(L.war_nouns)) + r")\s+(?:\w+\s+){0,2}(?:between|against|with|on|in|of)\b[^,;.]{0,70}$",
    re.I,
)
_WAR_WORDS = tuple(sorted(L.war_nouns))
_LOCATION_PREPS = frozenset({"inside", "at", "outside", "near", "in"})


@dataclass(frozen=True)
class Candidate:
    """One capitalised phrase read as a possible actor, before resolution."""

    surface: str
    kind: str
    sentence: int
    segment: int
    start: int
    end: int
    possessive: bool = False
    titled: bool = False
    roles: tuple[str, ...] = ()
    country: str | None = None
    acronym: str | None = None
    subject: bool = False
    background: bool = False
    as_location: bool = False
    initial: bool = False  # first word of its sentence (capitalised anyway)
    speaks: bool = False  # followed at once by a verb of saying or claiming ("X said", "X claimed")
    knighted: bool = False  # "Sir Ian", "Dame Stella": a given name after the honorific that goes with it
    gender: str | None = None  # "F" or "M" when the honorific says ("Mrs Brady", "Mr Kirby")
    in_title: bool = False  # only part of someone's job title ("KRG spokesman X", "a member of the X Committee")
    described: bool = False  # only in an indefinite description of someone ("X, a senior Peshmerga commander")
    form: str = ""  # the text's own wording when the surface is rebuilt ("Syria's foreign ministry")
    army: str | None = None  # the country whose army this names ("Sudanese army" -> Sudan)
    modifier: bool = False  # used as an adjective: "UN data", "the African Union peacekeeping force"
    group: bool = False  # named by its members or deeds: "al Shabaab militants", "Wagner's mercenaries"
    owns: bool = False  # possessive before a common noun: "UNIFIL's efforts" (not "FDD's Long War Journal")


@dataclass(frozen=True)
class ActorMention:
    """A resolved occurrence of an actor: what quote attribution reads."""

    key: str
    segment: int
    start: int
    end: int
    sentence: int
    possessive: bool
    kind: str
    gender: str | None = None  # what its honorific says: "Mr Abbasi" M, "Mrs Assad" F


@dataclass(frozen=True)
class ActorIndex:
    actors: tuple[Mention, ...]
    mentions: tuple[ActorMention, ...]  # reading order
    name_of: dict = field(default_factory=dict)  # key -> canonical name
    type_of: dict = field(default_factory=dict)  # key -> person/organization
    roles_of: dict = field(default_factory=dict)  # key -> frozenset of roles
    held: frozenset = frozenset()  # names of actors without enough evidence for a page (they may still speak)


# ---------------------------------------------------------------- word tests


def _country_of_words(words: list[str]) -> Country | None:
    """The country a phrase names by its name, form or capital ("the United States")."""
    text = " ".join(words).lower()
    return L.country_by_form.get(text)


def _country_or_capital(words: list[str]) -> Country | None:
    text = " ".join(words).lower()
    return L.country_by_form.get(text) or L.country_by_capital.get(text)


def _country_prefix(word: str) -> Country | None:
    w = word.lower()
    return L.country_by_form.get(w) or L.country_by_demonym.get(w)


# "Al-Jazeera Arabic", "BBC Persian", "Anadolu Agency": an outlet's name with its service's
_MEDIA_TAILS = frozenset({"agency", "english", "online", "arabic", "persian", "french", "turkish", "urdu",
                          "international"})


def _is_media(words: list[str]) -> bool:
    text = " ".join(words).lower()
    if text in L.outlets or text in L.agencies:
        return True
    if len(words) >= 2 and words[-1].lower() in _MEDIA_TAILS:
        head = " ".join(words[:-1]).lower()
        if head.endswith(" news"):
            head = head[:-5]
        if head in L.outlets or head in L.agencies or head.removesuffix(" news") in L.agencies:
            return True
    if len(words) >= 2 and " ".join(words[-2:]).lower() in ("news agency", "press agency"):
        return True  # "Kuwait News Agency", "National News Agency": a wire service
    return len(words) >= 2 and words[-1].lower() in L.media_nouns


def _is_org_words(words: list[str]) -> bool:
    lows = [w.lower() for w in words]
    if " ".join(lows) in L.institutions:
        return True
    if lows[0] in L.org_name_words:
        return True
    # a body's last word closing the name or its head before "of": "Economic Community of West African States"
    return any(w in L.org_nouns for w in lows) or lows[-1] in L.body_last_words \
        or any(w in L.body_last_words and nxt == "of" for w, nxt in zip(lows, lows[1:]))


_LED_SUFFIXES = tuple(sorted(L.cues["led_suffixes"]))
_COMPASS = L.cues["compass_words"]


def _is_geo(words: list[str]) -> bool:
    lows = [w.lower() for w in words]
    text = " ".join(lows)
    if text in L.places or text in L.country_by_form or text in L.country_by_capital:
        return True
    if any(w in L.org_nouns or w in L.body_last_words for w in lows[:-1]):
        # "Islamic State West Africa Province": a group named after a province; "Economic Community of
        # West African States"
        return False
    if len(lows) >= 2 and lows[-1] == "state" and lows[0] in _COMPASS:
        return True  # "North Darfur State": a region
    return lows[-1] in L.geo_nouns


# stopwords and months that are surnames too, after a given name: "Edward Said", "Theresa May"
_SURNAME_STOPWORDS = frozenset({"said", "may"})


def _bad_person_word(w: str, pos: int = 0, n: int = 1) -> bool:
    """A word that cannot be part of a person's name (descriptors only at the edges)."""
    lw = w.lower().rstrip(".")
    return (
        any(c.isdigit() for c in lw)
        or (lw in L.stopwords and not (lw in _SURNAME_STOPWORDS and pos >= 1 and w[:1].isupper()))
        or (lw in L.descriptors and (pos == 0 or pos == n - 1))
        or lw in L.org_nouns
        or lw in L.geo_nouns
        or (lw in L.months and not (lw in _SURNAME_STOPWORDS and pos >= 1 and pos == n - 1))
        or lw in L.weekdays
        or lw in L.holidays
        or lw in L.country_by_form
        or lw in L.country_by_demonym
        or lw in L.country_by_capital
        or (lw in L.places.own and not (pos == 0 and n > 1))  # a given name may be a place's (Sabah, Salem)
        or (lw in L.title_words and not (lw in L.surname_titles and n > 1 and pos == n - 1))
        or lw in L.org_name_words
        or lw in L.media_nouns
        or lw in L.verbs and not w[:1].isupper()
    )


def _name_parts(words: list[str]) -> list[str]:
    """The words that carry the name (no particles, initials or Jr/III)."""
    out = []
    for k, w in enumerate(words):
        lw = w.lower().rstrip(".")
        if k == 0 and _given_name_not_particle(words):
            out.append(w)  # "Ben Cardin", "Ben Carson": a given name, not the "Ben" of "Ben Ali"
            continue
        if lw in L.particles or lw in L.suffixes or len(lw) == 1:
            continue
        out.append(w)
    return out


def _given_name_not_particle(words: list[str]) -> bool:
    """The name opens with a word that is a particle and a given name, and a surname follows that is no
    given name: "Ben Cardin" (a person called Ben), not "Ben Ali" (a family's name)."""
    return len(words) >= 2 and words[0].lower() in L.particles_given and words[0][:1].isupper() \
        and words[1][:1].isupper() and not is_given_name(words[1]) and words[1].lower() not in L.particles


def person_key(words: list[str]) -> str:
    """First and last name, folded: "Lloyd J. Austin III" ~ "Lloyd Austin"."""
    parts = _name_parts(words)
    if not parts:
        return skeleton_key(" ".join(words))
    if len(parts) == 1:
        return skeleton_key(parts[0])
    return skeleton_key(parts[0] + " " + parts[-1])


def surname_key(word: str) -> str:
    return skeleton_key(word)


# ---------------------------------------------------------------- titles and roles


def _title_split(words: list[str]) -> int:
    """Index of the last title word in front of a name (-1 when none)."""
    k = -1
    after_of = False
    seen_title = False
    for idx, w in enumerate(words):
        lw = w.lower().rstrip(".")
        if lw == "grand" and len(words) - idx < 3 \
                and (idx + 1 == len(words) or words[idx + 1].lower() not in L.title_words):
            break  # "Grand Mufti X", "Grand Wizard David Duke" title him; "Grand Prix", "Grand Slam" title no one
        if lw in L.title_words:
            k = idx
            seen_title = True
            after_of = False
        elif seen_title and lw in ("of", "for", "the"):
            after_of = True
        elif after_of and lw in L.title_domains:
            k = idx
        else:
            after_of = False
            if seen_title and k == idx - 1:
                # a name follows the title; later title words would be part of the name
                break
    return k


def _roles_from_words(words) -> tuple[str, ...]:
    """The roles a title gives ("Col" -> commander), and its rank ("Col" -> rank:colonel)."""
    low = [w.lower().rstrip(".") for w in words]
    return tuple(sorted({L.title_roles[w] for w in low if w in L.title_roles}
                        | {"rank:" + L.ranks[w] for w in low if w in L.ranks}))


def _role_cues(tokens: tuple[Token, ...], i: int, j: int) -> tuple[str, ...]:
    """Roles named next to a name: "spokesman X", "X, a spokesperson for ..."."""
    roles = set()
    k = i - 1
    if k >= 0 and tokens[k].text == ",":
        k -= 1
    if k >= 0 and tokens[k].lower in L.roles:
        roles.add(L.roles[tokens[k].lower])
    if j < len(tokens) and tokens[j].text == ",":
        for t in tokens[j + 1: j + 7]:
            if t.text in ",;.":
                break
            if t.lower in L.roles:
                roles.add(L.roles[t.lower])
                break
    if not roles and i >= 2 and tokens[i - 1].text == ",":
        roles.update(_appositive_head_roles(tokens, i - 1))
    return tuple(sorted(roles))


_APPOSITIVE_STOP = frozenset({",", ";", ":", ".", "(", ")", "-", "\"", "\u201c", "\u201d", "\u2014", "\u2013"})


def _appositive_head_roles(tokens: tuple[Token, ...], comma: int) -> set[str]:
    """Roles of a description set off before a name: "The UN Special Envoy for Yemen, X" -> envoy.

    The description runs back from the comma to a determiner ("the", "a", "its", "his"); its head is
    the role words before the first "of"/"for" ("A spokeswoman for the embassy, X" -> spokesperson).
    """
    lo = max(0, comma - 12)
    k = comma - 1
    while k >= lo and tokens[k].text not in _APPOSITIVE_STOP and tokens[k].lower not in L.speech_verbs:
        k -= 1
    span = tokens[k + 1: comma]
    if not span or span[0].lower not in ("the", "a", "an", "its", "his", "her", "their"):
        return set()
    roles = set()
    for t in span[1:]:
        if t.lower in ("of", "for", "at", "to", "in", "with"):
            break
        w = t.lower.rstrip(".")
        if w in L.roles:
            roles.add(L.roles[w])
    return roles


def _lowercase_head(tokens: tuple[Token, ...], j: int) -> int:
    """End of a lowercase institution head after a chunk ("... joint operations command")."""
    n = len(tokens)
    for k in range(j, min(j + 3, n)):
        t = tokens[k]
        lw = t.lower
        if not t.text.replace("-", "").isalpha() or not t.text.islower():
            return j
        if lw in L.lowercase_heads:
            return k + 1
        if lw in L.stopwords or lw in L.verbs or lw in L.title_words or lw in L.roles:
            return j
    return j


def _located_extension(tokens: tuple[Token, ...], j: int) -> int:
    """"Embassy in Iraq", "Resistance in Iraq": the place belongs to the name."""
    if j + 1 < len(tokens) and tokens[j].lower == "in" and _is_name_token(tokens[j + 1]):
        k = j + 1
        while k < len(tokens) and k < j + 4 and _is_name_token(tokens[k]):
            k += 1  # "in El Fasher": the place may take several words
        for end in range(k, j + 1, -1):
            place = " ".join(t.lower for t in tokens[j + 1: end])
            if place in L.country_by_form or place in L.places or place in L.country_by_capital:
                return end
    return j


def _acronym_place_extension(tokens: tuple[Token, ...], i: int, j: int) -> int:
    """"United Nations Interim Force in Lebanon (UNIFIL)": the place belongs to the name when the acronym
    defined right after it spells the words with the place."""
    if j + 4 >= len(tokens) or tokens[j].lower != "in" or not _is_name_token(tokens[j + 1]):
        return j
    k = j + 1
    while k < len(tokens) and _is_name_token(tokens[k]) and k < j + 4:
        k += 1
    words = [t.text for t in tokens[i:k] if t.text != "."]
    return k if _acronym_after(tokens, k, words) is not None else j


_ACRONYM_TOKEN = re.compile(r"^[A-Z][A-Za-z]{1,9}$")


def _acronym_after(tokens: tuple[Token, ...], j: int, words: list[str], possessor: str = "") -> str | None:
    """"Popular Mobilization Forces (PMF)" -> "PMF"; "Iran's Revolutionary Guard Corps (IRGC)" -> "IRGC"."""
    if j + 2 < len(tokens) and tokens[j].text == "(" and tokens[j + 2].text == ")":
        acr = tokens[j + 1].text
        if not _ACRONYM_TOKEN.match(acr) or sum(c.isupper() for c in acr) < 1:
            return None
        letters = "".join(words).lower()
        a = acr.lower()
        if possessor and a[:1] == possessor[:1].lower() and a[:1] != letters[:1]:
            a = a[1:]
        if a[0] != letters[:1]:
            return None
        pos = 0
        for c in a:
            pos = letters.find(c, pos)
            if pos < 0:
                return None
            pos += 1
        return acr
    return None


# ---------------------------------------------------------------- subject test

_APPOSITIVE_LIMIT = 12
_RELATIVE_LIMIT = 30


def _verb_follows(tokens: tuple[Token, ...], j: int, allow_ing: bool) -> bool:
    n = len(tokens)
    # "the US and UK have": skip coordinated countries
    while j + 1 < n and tokens[j].lower in ("and", "or"):
        k = j + 1
        if tokens[k].lower == "the":
            k += 1
        if k < n and L.country_by_form.get(tokens[k].lower):
            j = k + 1
        else:
            break
    if j < n and tokens[j].text == ",":
        # appositive: ", a close ally of Israel, has ..."; a relative clause: ", which wants to keep Chechnya as
        # a part of the Russian Federation, sent troops"
        limit = _RELATIVE_LIMIT if j + 1 < n and tokens[j + 1].lower in ("which", "who", "whose") else _APPOSITIVE_LIMIT
        k = j + 1
        while k < min(n, j + limit) and tokens[k].text != ",":
            k += 1
        if k < n and tokens[k].text == ",":
            j = k + 1
        else:
            j += 1
    j = _skip_time_and_allies(tokens, j)
    while j < n and tokens[j].lower in L.adverbs:
        j += 1
    j = _skip_time_and_allies(tokens, j)
    if j >= n:
        return False
    t = tokens[j]
    lw = t.lower
    if not t.text.isalpha() or not t.text.islower():
        return False
    if _takes_a_stance(tokens, j):
        return True  # "the United States remains steadfast", "the UK stands with", "Britain is committed to"
    if _undergoes(tokens, j):
        return False  # "Sudan plunged into conflict", "Sudan has been witnessing": a place, not a government
    if lw in L.auxiliaries or lw in L.verbs and not lw.endswith("ing"):
        return True
    if lw.endswith("ing") and allow_ing:
        return lw in L.verbs or len(lw) > 5
    if lw.endswith("ed") and len(lw) > 4:
        return True
    return False


def _takes_a_stance(tokens: tuple[Token, ...], j: int) -> bool:
    """A verb of being or standing, then a stance: "remains steadfast", "is committed to", "stands with",
    "stood shoulder to shoulder" (a government's; "remains in chaos", "is divided" are a place's)."""
    k = j
    while k < len(tokens) and k < j + 3 and (tokens[k].lower in L.auxiliaries or tokens[k].lower in _BE):
        k += 1
    if k >= len(tokens):
        return False
    verb = tokens[k].lower
    if verb in ("stands", "stand", "stood", "standing"):
        return k + 1 < len(tokens) and tokens[k + 1].lower in _STANDS_WITH
    if verb in ("remains", "remained", "remain") or k > j:
        m = k + 1 if verb in ("remains", "remained", "remain") else k
        while m < len(tokens) and tokens[m].lower in L.adverbs:
            m += 1
        return m < len(tokens) and tokens[m].lower in _STANCES
    return False


_STANDS_WITH = frozenset({"with", "by", "ready", "behind", "firmly", "shoulder", "united", "alongside"})
_STANCES = frozenset({"committed", "steadfast", "determined", "ready", "willing", "prepared", "opposed", "resolute",
                      "firm", "unwavering", "dedicated", "eager", "keen", "convinced", "confident", "engaged",
                      "concerned", "deeply", "gravely", "seriously", "appalled", "alarmed", "troubled"})


def _undergoes(tokens: tuple[Token, ...], j: int) -> bool:
    """The verb group at j (auxiliaries skipped) is one whose subject undergoes: "has been witnessing"."""
    k = j
    while k < len(tokens) and k < j + 3 and (tokens[k].lower in L.auxiliaries or tokens[k].lower in ("been", "be")):
        k += 1
    if k < len(tokens) and tokens[k].lower in L.experiencer_verbs:
        return True
    return _passive(tokens, j, k)


_BE = frozenset({"was", "were", "is", "are", "been", "being", "be"})
_PREDICATE_NOUN_STARTS = frozenset({"a", "an", "the", "home", "part", "one", "another"})
_PARTICIPLES = L.cues["passive_participles"]


def _passive(tokens: tuple[Token, ...], j: int, k: int) -> bool:
    """"Bamako was hit by attacks", "Kabul was shaken": a passive verb's subject undergoes the action."""
    if k >= len(tokens) or not any(t.lower in _BE for t in tokens[j:k]):
        return False
    w = tokens[k].lower
    return w in _PARTICIPLES or (w.endswith(("ed", "en")) and w not in L.auxiliaries)


_TIME_HEADS = frozenset({"late", "early", "earlier", "later"})
_PERIODS = frozenset({"week", "month", "year", "night", "weekend", "morning", "evening", "afternoon"})
_PARTNER_NOUNS = frozenset({"allies", "ally", "partners", "partner", "proxies", "allied"})


def _skip_time_and_allies(tokens: tuple[Token, ...], j: int) -> int:
    """Skip "on Monday", "late on Tuesday", "last week", "and its allies" between a subject and its verb."""
    n = len(tokens)
    while j < n:
        lw = tokens[j].lower
        if lw in _TIME_HEADS and j + 1 < n and tokens[j + 1].lower in ("on", "this", "last"):
            j += 1
            continue
        if lw == "on" and j + 1 < n and tokens[j + 1].lower in L.weekdays:
            j += 2
            if j < n and tokens[j].lower in _PERIODS:
                j += 1
            continue
        if lw in L.weekdays or lw in ("yesterday", "today"):
            j += 1
            continue
        if lw in ("last", "this") and j + 1 < n and (tokens[j + 1].lower in _PERIODS or tokens[j + 1].lower in L.weekdays):
            j += 2
            continue
        if lw == "and" and j + 2 < n and tokens[j + 1].lower in ("its", "their") and tokens[j + 2].lower in _PARTNER_NOUNS:
            j += 3
            continue
        break
    return j


_MEMBER_NOUNS = frozenset(L.fighter_nouns) | L.cues["member_nouns"]
_GROUP_HEADS = L.cues["group_nouns"]
_AGENT_NOUNS = L.cues["agent_nouns"]


def _adjectival(word: str) -> bool:
    """A demonym, a descriptor or an adjective-shaped word ("Islamist", "Burundian", "Tuareg")."""
    w = word.lower()
    return (w in L.country_by_demonym or w in L.descriptors or is_common_word(w)
            or w.endswith(("ian", "ese", "ist", "ish", "ic")) or w in L.ethnic_words)


def _group_cue(tokens: tuple[Token, ...], i: int, j: int) -> bool:
    """A lone name that is an armed group by its context: "al Shabaab militants", "an attack by al Shabaab",
    "claimed by JNIM" (its members or its deeds are named, so the group acts)."""
    if j - i == 1 and _adjectival(tokens[i].text):
        return False  # "Islamist fighters", "Tuareg rebels", "Malian soldiers": a description
    if j < len(tokens) and tokens[j].lower in _MEMBER_NOUNS and not tokens[j - 1].possessive:
        return True
    if j < len(tokens) and tokens[j - 1].possessive and tokens[j].lower in _MEMBER_NOUNS:
        return True  # "Wagner's mercenaries"
    k = i - 1
    if k >= 0 and tokens[k].lower in ("al", "el"):
        k -= 1
    if k >= 0 and tokens[k].lower in _GROUP_HEADS:
        return True  # "the Russian mercenary group Wagner", "the jihadist organisation X"
    return k >= 1 and tokens[k].lower == "by" and tokens[k - 1].lower in _AGENT_NOUNS


_DESCRIPTIVE_AGENTS = L.cues["descriptive_agents"]
_NATION_NOUNS = L.cues["nation_nouns"]


def _nation_of_head(tokens: tuple[Token, ...], i: int) -> int:
    """"The West African nation of Niger has declared": the phrase's start, so the country is its subject."""
    if i >= 2 and tokens[i - 1].lower == "of" and tokens[i - 2].lower in _NATION_NOUNS:
        k = i - 3
        while k >= 0 and k >= i - 7 and tokens[k].lower not in ("the", "a"):
            if not tokens[k].text.replace("-", "").isalpha():
                return i
            k -= 1
        return k if k >= 0 and tokens[k].lower in ("the", "a") else i
    return i


def _is_subject(tokens: tuple[Token, ...], i: int, j: int) -> bool:
    """Is the country at tokens[i:j] the grammatical subject of a verb?"""
    if tokens[j - 1].possessive:
        return False
    if i >= 2 and tokens[i - 1].text == "," and _is_name_token(tokens[i - 2]):
        return False  # "El Fasher, Sudan, are now ...": the country locates a place

    k = _nation_of_head(tokens, i) - 1
    while k >= 0 and tokens[k].lower in ("the", "both"):
        k -= 1
    if k >= 0 and tokens[k].lower in ("and", "or"):
        # second conjunct: "the US and UK have" -> look before the first conjunct
        m = k - 1
        if m >= 0 and L.country_by_form.get(tokens[m].lower):
            k = m - 1
            while k >= 0 and tokens[k].lower in ("the", "both"):
                k -= 1
        else:
            return False
    allow_ing = False
    if k >= 1 and tokens[k].lower == "by" and tokens[k - 1].text.isalpha() and tokens[k - 1].text.islower() \
            and tokens[k - 1].lower not in L.stopwords:
        # the by-agent: "supported by Egypt", "actions by Washington"; but "backed by Iran" is the
        # conventions' "Iran-backed" description, and "faced by Iraq" undergoes
        return tokens[k - 1].lower not in _DESCRIPTIVE_AGENTS
    if k >= 0:
        prev = tokens[k]
        pl = prev.lower
        if prev.text.isalpha():
            if pl == "with":
                allow_ing = True
            elif pl not in _SUBJECT_OPENERS and pl not in L.speech_verbs:
                return False
    if allow_ing:
        return _ing_follows(tokens, j)
    return _verb_follows(tokens, j, False) and not _a_country_described(tokens, i, j)


def _a_country_described(tokens: tuple[Token, ...], i: int, j: int) -> bool:
    """"Afghanistan is a war the United States must win", "Syria is home to", "the war in Afghanistan was not a
    war", "Helsinki will be the final stop": a country or a capital described by "is a", "is the", "is home to"
    does not act (a body or a person so described keeps what else it does)."""
    name = " ".join(t.lower for t in tokens[i:j]).removeprefix("the ")
    if name not in L.country_by_form and name not in L.country_by_capital:
        return False
    k = j
    while k < len(tokens) and k < j + 3 and tokens[k].lower in _BEFORE_BE:
        k += 1
    if k >= len(tokens) or tokens[k].lower not in _BE:
        return False
    k += 1
    if k < len(tokens) and tokens[k].lower in ("not", "also", "now", "still"):
        k += 1
    return k < len(tokens) and tokens[k].lower in _PREDICATE_NOUN_STARTS


_BEFORE_BE = frozenset({"will", "would", "could", "may", "might", "must", "should", "has", "have", "had"})


def _ing_follows(tokens: tuple[Token, ...], j: int) -> bool:
    return j < len(tokens) and tokens[j].lower.endswith("ing") and tokens[j].text.islower()


# ---------------------------------------------------------------- candidates


_SUPPORTED_PARTY = re.compile(r"\b(?:in support of|in solidarity with|(?:its|their|his|her) ally|ally)\s+(?:the\s+)?$",
                              re.I)


_GOAL_WORDS = re.compile(r"against|defeat|counter|combat|eliminat|eradicat", re.I)  # a cheap test first
# a campaign's aim, not an act: "to defeat", "combating", "operations against", "efforts to counter"
_A_GOAL_AGAINST = re.compile(
    r"(?:\bto\s+(?:help\s+)?(?:defeat|counter|combat|eliminate|eradicate)"  # not "to degrade the Houthis' arms"
    r"|\b(?:defeating|countering|combating|combatting|eliminating|eradicating)"
    r"|\b(?:operations|efforts?|campaign|commitment|struggle)\s+(?:\w+\s+){0,2}?against)"
    r"(?:\s+and\s+\w+)?\s+(?:the\s+)?(?:terrorist\s+group\s+|group\s+)?$", re.I)


def _background(sentence: Sentence, seg_text_start: int, segment_text: str) -> bool:
    """Named only as a side in a war ("the war between Israel and the militant group Hamas")."""
    before = segment_text[max(sentence.start, seg_text_start - 90): seg_text_start]
    if _SUPPORTED_PARTY.search(before):
        return True  # "in support of Hamas", "its ally Hamas": the party another acts for
    if _GOAL_WORDS.search(before) and _A_GOAL_AGAINST.search(before):
        return True  # "our commitment to combating Daesh", "efforts to counter ISIL": the enemy as a goal
    low = before.lower()
    if not any(w in low for w in _WAR_WORDS):
        return False
    return bool(_WAR_CONTEXT.search(before))


def _prev_word(tokens: tuple[Token, ...], i: int) -> str:
    k = i - 1
    while k >= 0 and tokens[k].lower in ("the", "a", "an"):
        k -= 1
    return tokens[k].lower if k >= 0 else ""


# nouns an army word modifies: "military bases", "army personnel", "army spokesman"
_ARMY_MODIFIED = frozenset(L.site_nouns) | frozenset(L.equipment_nouns) | frozenset(L.weapon_words) \
    | frozenset(L.roles) | frozenset(L.anonymous_nouns) | frozenset(L.title_words) \
    | frozenset({"personnel", "sources", "source", "officials", "official", "chief", "chiefs", "operation",
                 "operations", "intelligence", "service", "services", "court", "courts", "leadership"})


KIND_PLACE = "place"
_GENERIC_HEADS = L.cues["generic_group_nouns"]


_INSTALLATIONS = L.cues["apposition_places"]


def _installation_apposition(tokens, j: int) -> bool:
    """", a base in ...", ", a small town": the name before is a place."""
    if j + 2 >= len(tokens) or tokens[j].text != "," or tokens[j + 1].lower not in ("a", "an"):
        return False
    for t in tokens[j + 2: j + 5]:
        if t.lower in _INSTALLATIONS:
            return True
        if not (t.text.isalpha() and t.text.islower()):
            return False
    return False


def _place_marker(seg_text: str, tokens, i: int, j: int, sentence: Sentence) -> Candidate:
    """A name the text calls a place ("the state of Puntland"): never an actor anywhere in this article."""
    return Candidate(seg_text[tokens[i].start: tokens[j - 1].end], KIND_PLACE, sentence.index, sentence.segment,
                     tokens[i].start, tokens[j - 1].end)


def _army_candidate(tokens, i: int, j: int, seg_text: str, sentence: Sentence, base: dict) -> Candidate | None:
    """"Sudanese army", "Mali's armed forces", "Israel Defense Forces (IDF)": the country's army."""
    found = national_army(tokens, i, j) if j - i <= 4 else None
    if found is None:
        return None
    end, country = found
    last = tokens[end - 1]
    if last.possessive and end < len(tokens) and _is_name_token(tokens[end]):
        return None  # "the US military's Central Command": the command is named, not the army
    if not last.possessive and (end < len(tokens) and tokens[end].lower in _ARMY_MODIFIED
                                or _before_installation(tokens[end: end + 5])):
        return None  # "Iraqi military bases", "an Israeli Air Force air traffic control base": an adjective
    acr = _acronym_after(tokens, end, [t.text for t in tokens[i:end]])
    return Candidate(seg_text[tokens[i].start: last.end], KIND_ORG, start=tokens[i].start, end=last.end,
                     army=country.name, acronym=acr,
                     subject=_is_subject(tokens, i, end) or (end < len(tokens) and _undergoes(tokens, end)),
                     **{**base, "possessive": last.possessive})


class Phrase:
    """One capitalised run as the candidate readers see it: where it is, how far it reaches, its words.
    Everything the readers ask of it is computed once, here (the readers run on every run of capitals)."""

    __slots__ = ("doc", "sentence", "register", "i", "j", "ext_j", "lowercase_head", "words", "span_tokens", "lo",
                 "tokens", "seg_text", "possessive", "low_words", "start", "end", "text")

    def __init__(self, doc: Document, sentence: Sentence, register: Register, i: int, j: int, ext_j: int,
                 lowercase_head: bool, words: tuple[str, ...], span_tokens: tuple[Token, ...], lo: int):
        self.doc, self.sentence, self.register = doc, sentence, register
        self.i, self.j, self.ext_j, self.lowercase_head, self.lo = i, j, ext_j, lowercase_head, lo
        self.words, self.span_tokens = words, span_tokens  # the name's words (dots dropped)
        self.tokens = sentence.tokens
        self.seg_text = doc.segments[sentence.segment]
        self.possessive = self.tokens[ext_j - 1].possessive
        self.low_words = [w.lower() for w in words]
        self.start = self.tokens[i].start
        self.end = self.tokens[ext_j - 1].end
        self.text = self.surface(i, ext_j)

    def with_name(self, words: tuple[str, ...], span_tokens: tuple[Token, ...], i: int) -> "Phrase":
        """The same run, its name starting later ("Chief of the Armed Forces" -> "Armed Forces")."""
        return Phrase(self.doc, self.sentence, self.register, i, self.j, self.ext_j, self.lowercase_head, words,
                      span_tokens, self.lo)

    def surface(self, a: int, b: int) -> str:
        text = self.seg_text[self.tokens[a].start: self.tokens[b - 1].end]
        if "  " in text:  # a nickname blanked ('John “J.D.” Dorrian' is John Dorrian: document.py)
            text = " ".join(text.split())
        return text

    def base(self, **overrides) -> dict:
        return {"sentence": self.sentence.index, "segment": self.sentence.segment, "possessive": self.possessive,
                **overrides}

    def next_chunk(self) -> tuple[int, int] | None:
        return next(((a, b) for a, b in self.sentence.chunks if a == self.ext_j), None)

    def says(self) -> bool:
        """"X said", "X told": a verb of saying right after the phrase (not after a possessive); or before
        it, right after a quote, the phrase closing the sentence ('"...", said KCNA.')."""
        if self.possessive:
            return False
        tokens, i = self.tokens, self.i
        return (self.ext_j < len(tokens) and tokens[self.ext_j].lower in _SAYS) \
            or (i >= 2 and tokens[i - 1].lower in _SAYS_AFTER_QUOTE and tokens[i - 2].text in _QUOTE_CLOSE
                and (self.ext_j == len(tokens) or tokens[self.ext_j].text in (".", ";", ",")))
        # not "said DZ bank economist X"; '"...," says Fatima, 34, a mother of three' is Fatima's


@dataclass(frozen=True)
class Reading:
    """What a reader decided for a phrase: its candidates (none: not an actor) and a chunk it consumed."""

    candidates: tuple[Candidate, ...] = ()
    skip_chunk: int = -1


_DROP = Reading()


_TAILS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _lowercase_tails(register) -> frozenset[str]:
    """The lowercase last words of the register's names ("rebels" of "Houthi rebels"), once per register."""
    reg = getattr(register, "_reg", register)
    tails = _TAILS.get(reg)
    if tails is None:
        tails = frozenset(f.rsplit(" ", 1)[-1].lower() for e in getattr(reg, "entries", ())
                          for f in (e.name, *e.aliases) if " " in f and f.rsplit(" ", 1)[-1].islower())
        _TAILS[reg] = tails
    return tails


def _registered_exactly(register: Register, surface: str) -> bool:
    """The register lists this very wording (not a transliteration that folds onto it: "Sudan as" is not
    "Sudani")."""
    if surface.rsplit(" ", 1)[-1].lower() not in _lowercase_tails(register):
        return False  # no registered name ends in that word: skip the lookup
    entry = register.find(surface, "actor")
    return entry is not None and lookup_key(surface) in {lookup_key(f) for f in (entry.name, *entry.aliases)}


def _phrase(doc: Document, sentence: Sentence, register: Register, ci: int, cj: int, lo: int) -> Phrase | None:
    """The run at tokens[ci:cj] with its extensions beyond the capitals, or None when nothing is left."""
    tokens = sentence.tokens
    i = _strip_leading(tokens, ci, cj)
    if i >= cj:
        return None
    ext_j, lowercase_head = cj, False
    seg_text = doc.segments[sentence.segment]
    if not tokens[cj - 1].possessive:
        ext_j = _lowercase_head(tokens, cj)
        lowercase_head = ext_j > cj
        if lowercase_head and tokens[ext_j - 1].lower in _GENERIC_HEADS \
                and register.find(seg_text[tokens[i].start: tokens[cj - 1].end], "actor") is not None \
                and register.find(seg_text[tokens[i].start: tokens[ext_j - 1].end], "actor") is None:
            ext_j, lowercase_head = cj, False  # "Lebanon's Hezbollah movement": the registered Hezbollah
    if not tokens[ext_j - 1].possessive and tokens[ext_j - 1].lower in L.located_heads:
        ext_j = _located_extension(tokens, ext_j)
    ext_j = _acronym_place_extension(tokens, i, ext_j)
    if not lowercase_head and ext_j < len(tokens) and not tokens[ext_j - 1].possessive \
            and tokens[ext_j].text.isalpha() and tokens[ext_j].text.islower() \
            and _registered_exactly(register, seg_text[tokens[i].start: tokens[ext_j].end]):
        ext_j += 1  # "Houthi rebels", "Peshmerga forces": the register names the longer form
    span = tuple(t for t in tokens[i:ext_j] if t.text != ".")
    return Phrase(doc, sentence, register, i, cj, ext_j, lowercase_head, tuple(t.text for t in span), span, lo)


def _read_place(ph: Phrase) -> Reading | None:
    """"Buulo Mareer, a base in ...", "Sulaimani province", "the town of Said Sadiq": a place, remembered."""
    tokens, i, ext_j = ph.tokens, ph.i, ph.ext_j
    if _installation_apposition(tokens, ext_j) or won_back(tokens, i, ext_j) \
            or (ext_j < len(tokens) and tokens[ext_j].lower in L.place_nouns and not tokens[ext_j - 1].possessive) \
            or (i >= 2 and tokens[i - 1].lower == "of" and tokens[i - 2].lower in L.of_place_nouns):
        return Reading((_place_marker(ph.seg_text, tokens, i, ext_j, ph.sentence),))
    return None


def _read_army_or_shape(ph: Phrase) -> Reading | None:
    """A country's army; or a place, a weapon or an event by its shape ("Mount Meron", "IEDs")."""
    army = _army_candidate(ph.tokens, ph.i, ph.j, ph.seg_text, ph.sentence, ph.base())
    if army is not None:
        return Reading((army,))
    if ph.words[0] == "Operation" and _a_named_operation(ph):
        # "Operation Inherent Resolve", "Operation Barkhane": a military operation acts and is discussed as a
        # force is (the conventions' precedent), unlike a storm or an event named after it; one remembered
        # ("veterans of Operation Desert Storm", "30 years since") is history
        history = bool(_HISTORY.search(ph.sentence.text))
        return Reading((Candidate(ph.text, KIND_ORG, start=ph.start, end=ph.end,
                                  background=history or _background(ph.sentence, ph.start, ph.seg_text),
                                  **ph.base()),))
    if not ph.possessive and is_not_an_actor_by_shape(list(ph.words)) and not _a_place_named_like_a_person(ph):
        return _DROP
    return None


def _a_named_operation(ph: Phrase) -> bool:
    """"Operation" and one to three capitalised words of its name, in a sentence of armed conflict (its own
    name aside: "Operation Venetic led to 746 arrests" is a police inquiry)."""
    words = ph.words
    if not (2 <= len(words) <= 4 and words[0] == "Operation" and not ph.possessive
            and all(w[:1].isupper() for w in words[1:])):
        return False
    text = ph.sentence.text
    rest = text[: ph.start - ph.sentence.start] + " " + text[ph.end - ph.sentence.start:] \
        if ph.sentence.start <= ph.start <= ph.end <= ph.sentence.start + len(text) else text.replace(ph.text, " ")
    return bool(_ARMED_CONTEXT.search(rest))


# a sentence that remembers: "veterans of", "30 years since", "the anniversary of"
_HISTORY = re.compile(r"\b(?:veterans?|anniversary|commemorat\w*|memorial|(?:years|decades) (?:since|after|ago)|"
                      r"remembered|recalled)\b", re.I)


_ARMED_CONTEXT = re.compile(r"\b(?:military|troops?|forces?|strikes?|airstrikes?|coalition|army|navy|soldiers?|"
                            r"attacks?|offensive|operations?|militants?|war|missiles?|drones?|defen[cs]e|fight\w*|"
                            r"combat|deploy\w*|missions?|support)\b", re.I)


def _a_person_with_a_role(ph: Phrase) -> bool:
    """"Alexandra Tower, a spokeswoman for the bank", "Stuart Hall said", "Professor Marc Lamont Hill said",
    "director Neil Jordan says": a given name (after any title) and a surname that is also a place's word
    make a person's name when a role is beside them or a verb of saying follows."""
    words = [w for w in ph.words if w.lower().rstrip(".") not in L.title_words]
    return 2 <= len(words) <= 3 and is_given_name(words[0]) and (ph.says() or bool(_role_cues(ph.tokens, ph.i, ph.j)))


def _a_place_named_like_a_person(ph: Phrase) -> bool:
    """A place by its shape that is a person's name all the same: its last word a common surname
    ("Alexandra Tower", "Marc Lamont Hill"), not a valley's or an airport's ("Jordan Valley", "Ben Gurion
    Airport", whatever role the next clause names)."""
    return is_surname_head(ph.words[-1]) and _a_person_with_a_role(ph)


def _tail_ok(ph: Phrase, k: int) -> bool:
    """The words after a title at k can be a person's name (a town's name too after "Mr", "Ms", "Dr", or
    as the surname after a given name: "Ms Hutt", "Finance Minister Sue Essex")."""
    tail = ph.words[k + 1:]
    honorific = ph.words[k].lower().rstrip(".") in _HONORIFICS
    if len(tail) == 1 and is_abstract_noun(tail[0]):
        return False  # "the Special Counsel Independence and Integrity Act": no one is called Independence
    if len(tail) == 1 and tail[0].lower() in _LONE_INSTITUTION_HEADS:
        return False  # "the Al Qaim General Hospital": "General" is no title here, and no one is called Hospital
    if all(w.lower().rstrip(".") in L.suffixes for w in tail):
        return False  # "Martin Luther King Jr.": "King" closes the name, and no one is called Jr
    return bool(tail) and not ph.lowercase_head and all(
        (is_capitalised(w) or w.lower() in L.particles)
        and (not _bad_person_word(w, pos, len(tail))
             or ((honorific or (pos >= 1 and is_given_name(tail[0]))) and w.lower() in L.places))
        for pos, w in enumerate(tail))


def _read_title(ph: Phrase) -> tuple[Reading | None, Phrase]:
    """Titles in front of a name: the titled person; a title alone; or the organisation inside a job title
    (the phrase then continues as that organisation)."""
    words = list(ph.words)
    if len(words) >= 2 and ph.span_tokens[0].possessive and words[0].lower() in L.title_words:
        return None, ph  # "King's College London", "Queen's University Belfast": a foundation, no king
    k = _title_split(words)
    if k >= 1 and k == len(words) - 1 and _closes_a_name(words):
        k = _title_split(words[:-1])  # "Prime Minister John Major": the title, if any, is before the name
    elif k >= 1 and k == len(words) - 2 and words[-1].lower().rstrip(".") in L.suffixes and _closes_a_name(words[:-1]):
        k = _title_split(words[:-2])  # "Martin Luther King Jr.": the same, before a suffix
    if k < 0 or (k == len(words) - 1 and len(words) >= 3 and words[0].lower() in L.org_nouns
                 and words[1].lower() == "of"):
        return None, ph  # (and "Office of Special Counsel", "Office of the Inspector General": a body's name)
    if not _tail_ok(ph, k):
        # "Deputy Parliament Speaker X", "KRG Prime Minister X": the last title word before a name
        k = next((k2 for k2 in range(len(words) - 2, k, -1)
                  if words[k2].lower().rstrip(".") in L.title_words and _tail_ok(ph, k2)), k)
    if not _tail_ok(ph, k):
        # "Assistant Secretary for Near Eastern Affairs Robert X": the office's domain, then the name
        # ("Special Envoy to Yemen X", "Ambassador to the UN X": a country or a body as the domain)
        k = next((cut for cut in (len(words) - 3, len(words) - 4)
                  if cut > k and (words[cut].lower() in L.title_domains or _country_prefix(words[cut])
                                  or words[cut].lower() in L.institutions or words[cut].lower() in _OFFICE_DOMAINS)
                  and words[cut].lower() != "the" and _tail_ok(ph, cut)), k)
    if not _tail_ok(ph, k) and k + 1 < len(words) and words[k + 1].lower() in ("for", "of", "to"):
        # "Minister for the Middle East Hamish Falconer": an office's remit, then a given name and a surname
        k = next((cut for cut in (len(words) - 3, len(words) - 4)
                  if cut > k and _tail_ok(ph, cut) and (is_given_name(words[cut + 1]) or (
                      _may_be_a_first_name(words[cut + 1])  # a first name no list knows after a remit in known
                      and words[cut].lower() not in _LEADING_FUNCTION_WORDS
                      and (is_common_word(words[cut]) or is_place_word(words[cut]))))), k)  # words: not a seat's name
    if _tail_ok(ph, k):
        return Reading((_titled_person(ph, k),)), ph
    if all(w.lower().rstrip(".") in L.title_words or w.lower() in L.title_domains or w.lower() in ("of", "for", "the")
           or _country_prefix(w) or w.lower() in L.institutions for w in words):
        return _title_office(ph), ph  # a title alone ("the Prime Minister"), or its office
    if k + 1 < len(words) and words[k + 1].lower() in L.org_nouns:
        return None, ph  # "General Motors Europe", "General Command": the title word is the body's own
    if k >= 1 and k + 1 < len(words) and words[k + 1].lower() in ("for", "of", "to") \
            and _word(ph.span_tokens[0]) not in L.title_words \
            and not (words[0].lower() in L.org_nouns and len(words) > 1 and words[1].lower() == "of") \
            and ph.register.find(ph.text, "actor") is None:
        # "Foreign Office Minister for the Middle East", "Acting General Director of the Office of Museums",
        # "Special Presidential Envoy for the Global Coalition": an office; the body named in it is only in a
        # job title (a name closing it was read above); not "the Office of the Director of National
        # Intelligence", a body
        return _DROP, ph
    if not _is_org_words(words) or k == len(words) - 1 or _word(ph.span_tokens[0]) in L.title_words:
        # an organisation inside a job title ("Chief of the Armed Forces")
        k1 = k + 1
        while k1 < len(words) and words[k1].lower() in _LEADING_FUNCTION_WORDS:
            k1 += 1  # "Chief of Staff of the Army": the name starts after "of the"
        if not _is_org_words(words[k1:] or ["x"]):
            return _DROP, ph
        span = ph.span_tokens[k1:]
        return None, ph.with_name(tuple(words[k1:]), span, ph.tokens.index(span[0], ph.i))
    return None, ph


# what an office is for, read only before a name ("UN High Commissioner for Refugees X", "for Human Rights X"):
# not title domains, which would join "the Ministry of Health and Human Rights Watch" into one body
_OFFICE_DOMAINS = frozenset({"refugees", "rights"})


def _closes_a_name(words: list[str]) -> bool:
    """"John Major", "Amartya Sen": a title word that is also a surname, after a word of a name (not a
    title, a place or a body: "the Baghdad Mayor", "Deputy Prime Minister" keep their title)."""
    last, before = words[-1].lower().rstrip("."), words[-2].lower().rstrip(".")
    return last in L.surname_titles and before not in L.title_domains and before not in ("of", "for", "the") \
        and not _bad_person_word(words[-2], len(words) - 2, len(words)) \
        and not _adjectival(words[-2])  # not "the Coptic Pope", "Burger King" (adjectives, dictionary words)


def _titled_person(ph: Phrase, k: int) -> Candidate:
    """"Lt Col. X Y": the person after the title, with the roles the title and its context give."""
    tokens, ext_j = ph.tokens, ph.ext_j
    a = tokens.index(ph.span_tokens[k + 1], ph.i)
    roles = tuple(sorted(set(_roles_from_words(ph.words[: k + 1])) | set(_role_cues(tokens, a, ext_j))))
    # "Lt Col. Imbiakha": a titled surname joins the person named in full, when there is one
    kind = KIND_PERSON if len(_name_parts(list(ph.words[k + 1:]))) >= 2 else KIND_SURNAME
    knighted = kind == KIND_SURNAME and ph.words[k].lower().rstrip(".") in _FIRST_NAME_TITLES
    gender = _HONORIFIC_GENDER.get(ph.words[k].lower().rstrip(".")) if k == 0 else None
    return Candidate(ph.surface(a, ext_j), kind, start=tokens[a].start, end=ph.end, titled=True, roles=roles,
                     knighted=knighted, gender=gender, **ph.base())


# titles that go with a first name ("Sir Ian", "Sister Jean", "Father Michael"): the one person named in full
_FIRST_NAME_TITLES = frozenset({"sir", "dame", "sister", "brother", "father"})


def _title_office(ph: Phrase) -> Reading:
    """"the Prime Minister's Media Office", "the Iraqi Prime Minister's office": one body; else nothing."""
    office = _office_of_title(ph.tokens, ph.sentence, ph.ext_j) if ph.possessive else 0
    if not office:
        return _DROP
    end_tok = ph.tokens[office - 1]
    cand = Candidate(ph.seg_text[ph.start: end_tok.end], KIND_ORG, start=ph.start, end=end_tok.end,
                     **ph.base(possessive=end_tok.possessive))
    nxt = ph.next_chunk()
    return Reading((cand,), nxt[0] if nxt is not None else -1)


_SURNAMES_OF: "weakref.WeakKeyDictionary[Document, frozenset[str]]" = weakref.WeakKeyDictionary()
_GIVEN_AND_SURNAME = re.compile(r"(?=\b([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?([A-Z][a-z][\w'\u2019-]*))")  # overlapping


def _full_name_surnames(doc: Document) -> frozenset[str]:
    """The surnames of the people the article names in full ("Michael Bloomberg"): "said Bloomberg" is the man,
    not the news agency of that name."""
    if doc not in _SURNAMES_OF:
        _SURNAMES_OF[doc] = frozenset(m.group(2) for seg in doc.segments for m in _GIVEN_AND_SURNAME.finditer(seg)
                                      if is_given_name(m.group(1)))
    return _SURNAMES_OF[doc]


def _read_not_an_actor(ph: Phrase) -> Reading | None:
    """Media, ships ("HMS X", "Space Shuttle Atlantis"), peoples, and a country's service used as an adjective
    ("U.S. Navy ships")."""
    words, low = list(ph.words), ph.low_words
    if " ".join(low) in L.exclamations:
        return _DROP  # "they chanted Allahu Akbar"
    if len(low) >= 2 and low[-1] in _SERVICE_MEMBERS and ph.register.find(ph.text, "actor") is None:
        return _DROP  # "Citizen Airmen", "Reserve Soldiers" in a unit's release: its people, not a body
    if (_is_media(words) and not (len(words) == 1 and words[0] in _full_name_surnames(ph.doc))) \
            or (low[0].rstrip(".") in L.ship_prefixes and len(words) >= 2) \
            or (any(" ".join(low[:k]) in L.vessel_nouns for k in range(1, len(low))) and not ph.says()) \
            or _generic_service(words, ph.tokens, ph.ext_j):
        return _DROP
    if (all(w in L.people_words for w in low)  # "Serbs", "Chechens", "Moslem": a people or a faith, not a body
            or (len(low) == 1 and a_citys_people(words[0]))  # "Bostonians", "Londoners", "Gazans"
            or _presented_as_medium(ph.tokens, ph.i, ph.ext_j)  # "the daily Mlada Fronta Dnes": a medium cited
            or _after_vessel_noun(ph.tokens, ph.i)) \
            and ph.register.find(ph.text, "actor") is None:  # "the cargo ship Galaxy Leader": a ship
        return _DROP
    if len(low) == 2 and low[1] in L.party_members and not low[1].endswith("s") \
            and (low[0] in L.places or low[0] in L.country_by_form or low[0] in L.country_by_demonym
                 or low[0] in L.party_members):
        return _DROP  # "the Pennsylvania Republican said", "a Liberal Democrat", "Lib Dem": a description of someone
    return None


_SERVICE_MEMBERS = frozenset({"airmen", "soldiers", "sailors", "troops", "guardsmen", "reservists", "servicemen",
                              "servicewomen", "servicemembers", "paratroopers"})  # not "Royal Marines": a corps


def _presented_as_medium(tokens: tuple[Token, ...], i: int, j: int) -> bool:
    """"the daily X", "the X newspaper" (not "on television X said", "X television": a person, a channel)."""
    return (i >= 1 and tokens[i - 1].lower in _MEDIUM_NOUNS and tokens[i - 1].text.islower()) \
        or (j < len(tokens) and tokens[j].lower in _MEDIUM_NOUNS and tokens[j].text.islower())


_MEDIUM_NOUNS = L.media_descriptors - {"television", "tv", "website"}


def _after_vessel_noun(tokens: tuple[Token, ...], i: int) -> bool:
    return (i >= 1 and tokens[i - 1].lower in L.vessel_nouns) \
        or (i >= 2 and f"{tokens[i - 2].lower} {tokens[i - 1].lower}" in L.vessel_nouns)


def _read_fighter_adjective(ph: Phrase) -> Reading | None:
    """"Houthi terrorists fired ...": the registered group the adjective names."""
    tokens, ext_j = ph.tokens, ph.ext_j
    if len(ph.words) == 1 and ext_j < len(tokens) and tokens[ext_j].lower in _FIGHTER_NOUNS \
            and ph.low_words[0] in L.descriptors and not ph.possessive:
        entry = ph.register.find(ph.text + "s", "actor")
        if entry is not None and entry.type == ORGANIZATION:
            return Reading((Candidate(ph.text + "s", KIND_ORG, start=ph.start, end=ph.end, form=ph.text,
                                      background=_background(ph.sentence, ph.start, ph.seg_text), **ph.base()),))
    return None


def _read_named_government(ph: Phrase) -> Reading | None:
    """Governments named outright: "Iraqi government", "Government of Iraq", "Iraq's government"."""
    words, low, tokens, ext_j = list(ph.words), ph.low_words, ph.tokens, ph.ext_j
    country = None
    if len(words) >= 2 and low[-1] in ("government", "administration"):
        country = _country_prefix(" ".join(words[:-1])) if len(words) == 2 else _country_of_words(words[:-1])
        if country is None and low[-1] == "government":
            country = L.country_by_capital.get(" ".join(low[:-1]))  # "the Kabul government": Afghanistan's
    elif len(words) >= 3 and low[0] == "government" and low[1] == "of":
        country = _country_of_words([w for w in words[2:] if w.lower() != "the"])
    if country is None and len(words) == 1 and ph.possessive and ext_j < len(tokens) \
            and tokens[ext_j].lower in ("government", "administration"):
        country = _country_of_words(words)
    if country is None and ph.i >= 2 and tokens[ph.i - 1].lower in ("of", "the") \
            and _after_lowercase_government_of(tokens, ph.i):
        country = _country_of_words(words)  # "the government of the Democratic Republic of Congo", "of Iraq"
    if country is not None and not country.territory:
        return Reading((Candidate(ph.text, KIND_GOV, start=ph.start, end=ph.end, country=country.name,
                                  **ph.base()),))
    return None


def _after_lowercase_government_of(tokens: tuple[Token, ...], i: int) -> bool:
    """tokens[i] follows "government of (the)" in lower case."""
    k = i - 1
    if k >= 0 and tokens[k].lower == "the":
        k -= 1
    return k >= 1 and tokens[k].lower == "of" and tokens[k - 1].text in ("government", "administration")


def _read_possessive_body(ph: Phrase) -> Reading | None:
    """"Iraq's Foreign Ministry" -> "Iraqi Foreign Ministry"; "the Kurdistan Region's Interior Ministry"."""
    words = list(ph.words)
    if not (ph.possessive and ph.ext_j < len(ph.tokens)
            and (_country_prefix(" ".join(words)) is not None or _is_geo(words))):
        return None
    nxt = ph.next_chunk()
    if nxt is None:
        return None
    nwords = [t.text for t in ph.tokens[nxt[0]:nxt[1]] if t.text != "."]
    if not (_is_org_words(nwords) and not _is_media(nwords) and _title_split(nwords) < 0):
        return None
    end = ph.tokens[nxt[1] - 1].end
    name = _possessive_body_name(ph, nxt, nwords)
    if name is None:
        return None
    cand = Candidate(name, KIND_ORG, start=ph.start, end=end, form=ph.seg_text[ph.start: end],
                     **ph.base(possessive=ph.tokens[nxt[1] - 1].possessive))
    return Reading((cand,), nxt[0])


def _possessive_body_name(ph: Phrase, nxt: tuple[int, int], nwords: list[str]) -> str | None:
    """The body's name: the register's, or the adjectivised wording for a generic body; None when the
    body's own name stands alone ("Iran's Quds Force")."""
    register = ph.register
    country = _country_prefix(" ".join(ph.words))
    rest = ph.seg_text[ph.tokens[nxt[0]].start: ph.tokens[nxt[1] - 1].end]
    name = _ministry_name(country.adjective, rest, register) if country is not None \
        else ph.seg_text[ph.start: ph.tokens[nxt[1] - 1].end]
    if register.find(name, "actor") is None and register.find(rest, "actor") is not None:
        return rest  # "the Kurdistan Region's Ministry of Peshmerga Affairs": the registered body
    if register.find(name, "actor") is None and \
            not all(w.lower() in _GENERIC_BODY_WORDS or w.lower() in L.title_domains for w in nwords):
        return None
    return name


def _read_possessive_head(ph: Phrase) -> Reading | None:
    """A territory's or country's lowercase body: "the Kurdistan Region's counter-terrorism directorate",
    "Iran's foreign ministry" -> "Iranian foreign ministry"."""
    if not ph.possessive:
        return None
    words, tokens, ext_j = list(ph.words), ph.tokens, ph.ext_j
    poss_country = _country_prefix(" ".join(words))
    territory = len(words) >= 2 and _is_geo(words) and poss_country is None \
        or poss_country is not None and poss_country.territory
    country = _country_prefix(words[0]) if len(words) == 1 else None
    if not territory and country is None:
        return None
    head_end = _lowercase_head(tokens, ext_j)
    if head_end <= ext_j:
        return None
    last = tokens[head_end - 1]
    if country is not None and not country.territory and last.lower in ("government", "administration"):
        # "Sudan's military-led government": the country's government
        return Reading((Candidate(ph.seg_text[ph.start: last.end], KIND_GOV, start=ph.start, end=last.end,
                                  country=country.name, **ph.base(possessive=last.possessive)),))
    if territory:
        return Reading((Candidate(ph.seg_text[ph.start: last.end], KIND_ORG, start=ph.start, end=last.end,
                                  **ph.base(possessive=last.possessive)),))
    rest = ph.seg_text[tokens[ext_j].start: last.end]
    return Reading((Candidate(_ministry_name(country.adjective, rest, ph.register), KIND_ORG, start=ph.start,
                              end=last.end, form=ph.seg_text[ph.start: last.end],
                              **ph.base(possessive=last.possessive)),))


def _read_country(ph: Phrase) -> Reading | None:
    """A country or capital named as the subject of a verb stands for its government; else nothing."""
    country = _country_or_capital(list(ph.words))
    if country is None:
        return None
    if not country.territory and _is_subject(ph.tokens, ph.i, ph.ext_j):
        return Reading((Candidate(ph.text, KIND_GOV, start=ph.start, end=ph.end, country=country.name,
                                  subject=True, background=_background(ph.sentence, ph.start, ph.seg_text),
                                  **ph.base()),))
    return _DROP


def _read_described_body(ph: Phrase) -> Reading | None:
    """"Palestinian Islamist Hamas", "Lebanese Shiite Hezbollah": a creed (and a people or a nationality) before a
    registered one-word name describes the body the register names. Without a creed the words may name another
    body that shares the register's word ("Turkish Hezbollah", "Iraqi Hezbollah", "the Russian Security Council"),
    so the phrase is read as it stands."""
    words = ph.words
    if len(words) < 2 or not any(w.lower() in _CREED_WORDS for w in words[:-1]):
        return None
    if not all(_describes_a_body(w) for w in words[:-1]) or is_common_word(words[-1]):
        return None
    if ph.register.find(ph.text, "actor") is not None or ph.register.find_exact(words[-1], "actor") is None:
        return None
    start = ph.span_tokens[-1].start
    i = next(n for n, t in enumerate(ph.tokens) if t.start == start)
    return _read_organisation(ph.with_name(words[-1:], ph.span_tokens[-1:], i))


def _describes_a_body(word: str) -> bool:
    low = word.lower()
    return low in L.country_by_demonym or low in _PEOPLES or low in _CREED_WORDS


_PEOPLES = frozenset({"kurdish", "palestinian", "tamil", "chechen", "druze", "yazidi", "baluch", "pashtun"})
# creeds and leanings that describe a movement before its name ("Islamist Hamas", "Maoist Shining Path")
_CREED_WORDS = frozenset({"islamist", "jihadist", "shiite", "shi'ite", "shia", "sunni", "salafist", "salafi",
                          "maoist", "marxist", "leftist", "rightist", "separatist", "hardline", "radical", "militant",
                          "outlawed", "banned"})


def _read_organisation(ph: Phrase) -> Reading | None:
    """A registered name, or one with an organisation noun ("Popular Mobilization Forces (PMF)")."""
    if ph.register.find(ph.text, "base") is not None:
        # a base does not speak: '"...," says Omar, 28' is someone of that first name, not the Al-Omar field
        # ("Officials at Asad said": the base)
        return None if len(ph.words) == 1 and ph.says() and is_given_name(ph.words[0]) \
            and _prev_word(ph.tokens, ph.i) not in _LOCATION_PREPS else _DROP
    entry = ph.register.find(ph.text, "actor")
    words, low, tokens, i, ext_j = list(ph.words), ph.low_words, ph.tokens, ph.i, ph.ext_j
    if ph.lowercase_head and not entry and ph.j - i == 1 and _adjectival(words[0]) \
            and tokens[ext_j - 1].lower in _GENERIC_HEADS:
        return _DROP  # "the Lebanese movement", "an Islamist movement": a description, not a name
    if entry is None and not (_is_org_words(words) or ph.lowercase_head):
        return None
    if ph.lowercase_head and not entry and len(low) > 1 \
            and all(w in L.descriptors or w in L.stopwords for w in low[:-1]):
        return _DROP  # "Former cabinet colleague X": a descriptor before a lowercase noun names no body
    if len(words) == 1 and not entry and " ".join(low) not in L.institutions and low[0] not in L.org_name_words:
        return _DROP  # "the Coalition": too generic alone
    if not entry and _is_geo(words) and " ".join(low) not in L.institutions:
        return _DROP  # a place named like a body; not "Downing Street", "Capitol Hill"
    acr = _acronym_after(tokens, ext_j, words, tokens[i - 1].text if i and tokens[i - 1].possessive else "")
    kind = (KIND_PERSON if entry.type == PERSON else KIND_ORG) if entry else KIND_ORG
    says, acts = _site_voice(ph) if kind == KIND_ORG and not entry else (False, False)
    return Reading((Candidate(
        ph.text, kind, start=ph.start, end=ph.end, acronym=acr, speaks=says, subject=acts,
        roles=_role_cues(tokens, i, ext_j) if kind == KIND_PERSON else (),
        background=_background(ph.sentence, ph.start, ph.seg_text),
        as_location=_prev_word(tokens, i) in _LOCATION_PREPS and " ".join(low) in L.institutions,
        **ph.base()),))


def _read_non_name(ph: Phrase) -> Reading | None:
    """Places, words no name has ("Sunday", "Province"), and lone acronyms (kept as lone names)."""
    words, tokens, i, ext_j = list(ph.words), ph.tokens, ph.i, ph.ext_j
    if len(words) == 2 and plain_given_name(words[0]) and not is_place_shaped(words) and _a_person_with_a_role(ph):
        # "director Neil Jordan says": a given name (not a town's: "in Geneva Tenenti said"), a country's name as
        # the surname (not a place's name: "the Jordan Valley, an army spokesman said")
        return None
    if len(words) == 1 and ph.says() and a_small_town_only(words[0]) and _prev_word(tokens, i) not in L.locative \
            and _prev_word(tokens, i) not in ("of", "from") and not (i >= 1 and _is_name_token(tokens[i - 1])):
        return None  # "Obama said": a small town's name too (in Japan), but towns do not speak; a surname (a city
        # that "said", "Chicago", "Bonn", is its government, council or club)
    if _is_geo(words) or _prev_word(tokens, i) in L.locative and len(words) > 1 and not _role_cues(tokens, i, ext_j) \
            and not (_prev_word(tokens, i) in _TO_OR_FROM and _given_name_first(words)):
        return _DROP
    if ext_j < len(tokens) and tokens[ext_j].lower in _BASE_FIRST_WORDS:
        return _DROP  # "Victoria base", "Erbil airport": a place
    if len(words) > 1 and " ".join(ph.low_words) in L.country_by_demonym:
        return _DROP  # "a Sri Lankan tourism firm": a demonym of several words describes, it names no one
    if not (any(_bad_person_word(w, p, len(words)) for p, w in enumerate(words)) or all(is_acronym(w) for w in words)):
        return None
    if len(words) == 1 and is_acronym(words[0]) and words[0].lower() not in L.stopwords:
        says = ph.says()
        owns = ph.possessive and ext_j < len(tokens) and tokens[ext_j].text.isalpha() and tokens[ext_j].text.islower()
        return Reading((Candidate(ph.text, KIND_SURNAME, start=ph.start, end=ph.end, owns=owns,
                                  subject=says or _is_subject(tokens, i, ext_j), **ph.base()),))
    return _DROP


_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "mister", "madam"})
_HONORIFIC_GENDER = {"mr": "M", "mister": "M", "sir": "M", "mrs": "F", "ms": "F", "miss": "F", "madam": "F", "dame": "F"}


def _holder_follows(tokens: tuple[Token, ...], j: int) -> bool:
    """A lowercase role noun after the phrase (at most three words of a role's domain or demonyms before
    it), then a name within three words: "X chief (Asian strategist) Y", "X home affairs spokesman Y" make X the
    body Y serves, not a person."""
    if j >= len(tokens) or tokens[j - 1].possessive:
        return False
    k = j
    while k < min(j + 3, len(tokens)) and tokens[k].lower not in L.roles and tokens[k].lower not in L.stopwords \
            and (tokens[k].text.islower() and tokens[k].lower in L.title_domains
                 or tokens[k].lower in L.country_by_demonym):
        k += 1  # only a role's own words: "home affairs", "foreign", "Asian"; never "and", "prepared to"
    if k >= len(tokens) or tokens[k].lower not in L.roles or not tokens[k].text.islower():
        return False
    return any(_is_name_token(tokens[n]) for n in range(k + 1, min(k + 4, len(tokens))))


def _member_follows(tokens: tuple[Token, ...], j: int) -> bool:
    """"ABN Amro's Eddie Wong": a possessive name before a person's full name is the body that person
    belongs to (a person's own person has a role between: "Tony Blair's wife Cherie")."""
    if not (j >= 1 and tokens[j - 1].possessive):
        return False
    k = j
    while k < len(tokens) and _is_name_token(tokens[k]) and not tokens[k].possessive:
        k += 1
    words = [t.text for t in tokens[j:k]]
    if len(_name_parts(words)) < 2 or k < len(tokens) and tokens[k].possessive:
        return False
    low = [w.lower() for w in words]
    return not any(w in L.title_words or w in L.org_nouns or w in L.toponym_heads or w in L.geo_nouns
                   or w in L.country_by_form or w in L.country_by_demonym for w in low) \
        and " ".join(low) not in L.institutions and not _is_geo(words) \
        and not all(is_common_word(w) for w in words)  # "Cherie Blair's Matrix Chambers": a firm's name


def _read_person(ph: Phrase) -> Reading | None:
    """A person's name, or a lone name (a surname, or a group that acts): what is left of a phrase."""
    words, tokens, i, ext_j = list(ph.words), ph.tokens, ph.i, ph.ext_j
    parts = _name_parts(words)
    if len(parts) >= 2 and ext_j < len(tokens) and tokens[ext_j].lower in _MEMBER_NOUNS and not ph.possessive:
        # "Puntland Security forces", "Peshmerga fighters": a description of a force, not a person (but
        # "Saddam Hussein's forces" are a person's)
        return _DROP
    if i >= 1 and tokens[i - 1].lower.endswith(_LED_SUFFIXES):
        return _DROP  # "the GNA-led Burkan Al-Ghadab", "Iran-backed X": a force or an operation, not a person
    if i >= 2 and tokens[i - 1].lower in ("at", "of") and tokens[i - 2].lower in _AFFILIATION_ROLES:
        return _DROP  # "a senior research fellow at Chatham House": an institution in a job title
    if _PLURAL_ACRONYM.fullmatch(words[-1]):
        return _DROP  # "MPs", "Labour MPs", "NGOs": members of bodies, no one's name
    roles = _role_cues(tokens, i, ext_j)
    if (len(parts) >= 2 and not roles and (_holder_follows(tokens, ext_j) or _member_follows(tokens, ext_j))) \
            or _a_body_by_its_words(words, parts):
        # "ABN Amro chief strategist Eddie Wong", "Saraya X spokesman Y": the body whose office the person
        # after it holds; "Columbia University", "Schering AG": a name no person bears
        says, acts = _site_voice(ph)
        return Reading((Candidate(ph.text, KIND_ORG, start=ph.start, end=ph.end, speaks=says, subject=acts,
                                  background=_background(ph.sentence, ph.start, ph.seg_text), **ph.base()),))
    if len(parts) >= 2 and is_abstract_noun(words[-1]):
        return _DROP  # "Customs Enforcement", "Political Assassination", "Social Security": no one's name
    if len(parts) >= 2 and not is_given_name(words[0]) and (
            (i >= 1 and tokens[i - 1].lower in ("a", "an") and not _APPOSITIVE_NEXT.match(ph.seg_text, ph.end)
             and not _a_followers_noun_after(tokens, ext_j))
            or (ext_j < len(tokens) and tokens[ext_j].lower in _SITE_AFTER)):
        # "a Toyota Corolla", "a Budweiser Clydesdale", "the Aventura Waterways shopping center" (but "quoted a
        # Sabine Rollinger, an employee of the broker": a person the article introduces)
        return _DROP
    if len(parts) >= 2:
        acr = _acronym_after(tokens, ext_j, words)
        if acr is not None and not roles:
            # "Hurras al-Din (HaD)": people are not given acronyms, organisations are
            return Reading((Candidate(ph.text, KIND_ORG, start=ph.start, end=ph.end, acronym=acr, **ph.base()),))
        # "Bob Dole said", "Bill Burns told": the name speaks or acts, which admits a name of dictionary words
        # when its first word is a common given name ("Standard Life said" stays held: a firm's name)
        says = ph.says()
        acts = says or _is_subject(tokens, i, ext_j) or _described_subject(tokens, i, ext_j)
        if acts and common_words_only(ph.text) and not is_given_name(parts[0]):
            says = acts = False
        return Reading((Candidate(ph.text, KIND_PERSON, start=ph.start, end=ph.end, roles=roles, speaks=says,
                                  subject=acts, **ph.base()),))
    if len(parts) == 1 and len(words) >= 2 and _initial(words[0]):
        # "C. Rangarajan", "M. Karunanidhi": an initial before a surname names a person
        return Reading((Candidate(ph.text, KIND_PERSON, start=ph.start, end=ph.end, roles=roles, **ph.base()),))
    if len(parts) == 1 and len(words) == 1 and words[0].lower() in _LONE_INSTITUTION_HEADS:
        return _DROP  # "Al Qaim General Hospital": "General" is no title here, and "Hospital" no one's name
    if len(parts) == 1:
        return _lone_name(ph, roles)
    return _DROP


def _a_followers_noun_after(tokens: tuple[Token, ...], j: int) -> bool:
    """"a Xi Jinping loyalist", "a Shinzo Abe protégé": after "a", a name before a word for someone's follower,
    ally or critic is that someone's ("a Baltimore Ravens player", "a Toyota Corolla that" are not people)."""
    return j < len(tokens) and tokens[j].lower in _SOMEONES


# the nouns "a <name> ___" that make the name a person's
_SOMEONES = frozenset({"loyalist", "protégé", "protege", "ally", "aide", "supporter", "critic", "adviser", "advisor",
                       "confidant", "confidante", "associate", "rival", "opponent", "appointee", "nominee", "acolyte",
                       "backer", "lieutenant", "crony", "henchman", "disciple", "devotee", "friend", "foe",
                       "biographer", "spokesman", "spokeswoman", "spokesperson", "lawyer", "relative", "cousin"})


_APPOSITIVE_NEXT = re.compile(r",\s+(?:a|an|the|who|whose|his|her)\b")
# a lowercase noun after a name that makes it a place's or a business's ("the Aventura Waterways shopping center")
_SITE_AFTER = frozenset({"shopping", "mall", "hotel", "restaurant", "stadium", "plaza", "store", "supermarket",
                         "complex", "neighborhood", "neighbourhood", "building", "compound"})
_LONE_INSTITUTION_HEADS = frozenset(L.institution_heads) - {"house", "palace"}  # "the House", "the Palace" act


# a quotation opens a sentence of its own: a verb's -ing form first in it is capitalised by position
# ('said: "Having led the team ...', not a body that acts)
_QUOTE_OPENERS = frozenset({'"', "\u201c", "\u2018"})


def _lone_name(ph: Phrase, roles: tuple[str, ...] = ()) -> Reading:
    """One name alone ("Kirby", "Hezbollah", "M23"): a surname or a body, settled when the article is resolved
    (by the person of that surname, an acronym, or whether it acts)."""
    tokens, i, ext_j = ph.tokens, ph.i, ph.ext_j
    says = ph.says()
    group = _group_cue(tokens, i, ext_j)
    # "Mr Kirby said": the honorific (dropped as a stopword before the phrase) makes a person of the
    # lone name, never a body that acts
    # ("Mr. Kirby": the honorific's full stop is a token of its own)
    h = i - 2 if i >= 2 and tokens[i - 1].text == "." and tokens[i - 1].start == tokens[i - 2].end else i - 1
    titled = h >= 0 and _word(tokens[h]) in _HONORIFICS
    knighted = h >= 0 and _word(tokens[h]) in ("sir", "dame")
    return Reading((Candidate(ph.text, KIND_SURNAME, start=ph.start, end=ph.end, roles=roles,
                              subject=_is_subject(tokens, i, ext_j) or says or group, titled=titled,
                              initial=i == ph.lo or (i > 0 and tokens[i - 1].text in _QUOTE_OPENERS
                                                     and is_ing_form(ph.text)),
                              speaks=says, group=group and not titled,
                              knighted=knighted, gender=_HONORIFIC_GENDER.get(_word(tokens[h])) if titled else None,
                              **ph.base()),))


def _site_voice(ph: Phrase) -> tuple[bool, bool]:
    """(speaks, acts) for a body named like a site: a hospital, a school, a mosque is a body only when it acts
    ("Al-Shifa Hospital said", "according to Nasser Hospital": evidence.py); (False, False) for any other name."""
    if not a_named_site(list(ph.words)):
        return False, False
    tokens, i, ext_j = ph.tokens, ph.i, ph.ext_j
    says = ph.says() or _says_after_a_place(tokens, ext_j) or _according_to(tokens, i)
    return says, says or _is_subject(tokens, i, ext_j)


def _according_to(tokens: tuple[Token, ...], i: int) -> bool:
    """"according to Nasser Hospital": the body reports."""
    return i >= 2 and tokens[i - 2].lower == "according" and tokens[i - 1].lower == "to"


def _says_after_a_place(tokens: tuple[Token, ...], j: int) -> bool:
    """"Al-Awda Hospital in northern Gaza said": a verb of saying after where the body is."""
    if j >= len(tokens) or tokens[j].lower not in ("in", "at", "near"):
        return False
    for k in range(j + 1, min(len(tokens), j + 6)):
        if tokens[k].lower in _SAYS:
            return True
        if tokens[k].text in (",", ".", ";", ":") or (tokens[k].text.islower() and tokens[k].lower not in
                                                       _SKIPPED_BEFORE_SAYS):
            return False
    return False


_SKIPPED_BEFORE_SAYS = frozenset({"the", "northern", "southern", "eastern", "western", "central", "city", "town"})


def _described_subject(tokens: tuple[Token, ...], i: int, j: int) -> bool:
    """"presidential candidate Bob Dole Wednesday accused": a person after a lowercase description (no
    preposition or verb, whose object the name would be) is the subject of the verb that follows."""
    if i < 1 or tokens[j - 1].possessive:
        return False
    prev = tokens[i - 1]
    pl = prev.lower
    return prev.text.isalpha() and prev.text.islower() and pl not in L.stopwords and pl not in L.verbs \
        and not pl.endswith("ed") and _verb_follows(tokens, j, False)


_ARTICLE_WORD = re.compile(r"(?:[Aa]l|[Ee]l|[Aa][dnrstz]|[Aa]sh)-\w")


def _a_body_by_its_words(words: list[str], parts: list[str]) -> bool:
    """A name no person bears: every word with the Arabic article and no given name ("al-Gama'a
    al-Islamiya"); a university's or a hospital's ("Columbia University": a body, and a place); a party's
    members in the plural ("the opposition Social Democrats"); a firm's legal form in capitals; a body's
    first or last word ("Mujahideen Khalq", "Manchester United"); an acronym before a name ("UNC Greensboro")."""
    if len(words) >= 2 and all(_ARTICLE_WORD.match(w) for w in words):
        return True
    last = words[-1].lower()
    if len(words) >= 2 and len(words[0]) >= 3 and words[0].isalpha() and words[0].isupper() and not words[-1].isupper():
        return True  # "UNC Greensboro", "BBC Wales": no person's first name is an acronym
    return len(parts) >= 2 and (last in L.institution_heads or (last in L.party_members and last.endswith("s"))
                                or words[-1] in _LEGAL_FORMS or last in L.body_last_words
                                or words[0].lower() in L.body_first_words
                                or (_field_noun(words[-1]) and not all(is_common_word(w) for w in words)))


_FIELD_ENDINGS = ("ology", "scopy", "graphy", "ometry", "iatry", "istry", "ics")


def _field_noun(word: str) -> bool:
    """"Endoscopy", "Cardiology", "Dentistry", "Athletics": a dictionary word for a field or a practice, which
    closes a clinic's, a department's or a club's name ("Yorkville Endoscopy"), never a person's (a name of
    dictionary words only, "Land Registry", stays held as before: a firm's or an office's)."""
    lw = word.lower()
    return len(lw) > 6 and lw.endswith(_FIELD_ENDINGS) and is_common_word(lw) and not is_given_name(word)


# a firm's legal form in capitals closing its name ("Schering AG", "OM Gruppen AB"); not "Ag" of Tuareg names
_LEGAL_FORMS = frozenset({"AG", "AB", "NV", "BV", "ASA", "SE", "KK", "SAS", "SARL"})


_TO_OR_FROM = frozenset({"to", "from", "between", "toward", "towards"})


def _given_name_first(words: list[str]) -> bool:
    """"a call from Charles Kennedy", "letters to Tony Blair": after "from" or "to", a name that starts with a
    common given name (not a town's: "held in Geneva Tenenti confirmed") and is no place is a person's."""
    return len(words) >= 2 and plain_given_name(words[0]) and " ".join(words).lower() not in L.places \
        and not any(_bad_person_word(w, p, len(words)) for p, w in enumerate(words))


def _initial(word: str) -> bool:
    """"C." (or "C", the phrase's words drop the full stop): a given name's initial."""
    return len(word.rstrip(".")) == 1 and word[0].isupper()


def _without_outlet(ph: Phrase) -> Phrase:
    """"Sources told the BBC Michael Howard had ...": an outlet's one-word name run into the name after
    it (a comma left out) is not part of that name; the phrase goes on from the name."""
    words = list(ph.words)
    if len(words) >= 3 and _is_media(words[:1]) and not _is_media(words) and not _is_org_words(words[1:]) \
            and len(_name_parts(words[1:])) >= 2:
        span = ph.span_tokens[1:]
        return ph.with_name(tuple(words[1:]), span, ph.tokens.index(span[0], ph.i))
    return ph


# the readers after the title split, in order: the first that decides ends the phrase
def _read_letters_and_number(ph: Phrase) -> Reading | None:
    """"M23 rebels", "the M23 said": capitals and a number, a group's name, read as a lone name (an
    organisation only when it acts, speaks or names fighters: not "G7 meeting", "MH17")."""
    words = ph.words
    if len(words) != 1 or not _LETTERS_AND_NUMBER.fullmatch(words[0]) or ph.possessive:
        return None
    tokens, ext_j = ph.tokens, ph.ext_j
    if ext_j < len(tokens) and (tokens[ext_j].lower in L.weapon_words or tokens[ext_j].lower in L.equipment_nouns
                                or tokens[ext_j].lower.rstrip("s") in L.weapon_words):
        return _DROP  # "M16 rifles", "T72 tanks"
    return _lone_name(ph)


_LETTERS_AND_NUMBER = re.compile(r"[A-Z]{1,3}\d{1,2}")  # not "A380", "S400": aircraft and missiles


_READERS = (_read_not_an_actor, _read_fighter_adjective, _read_named_government, _read_possessive_body,
            _read_possessive_head, _read_country, _read_described_body, _read_organisation, _read_letters_and_number,
            _read_non_name, _read_person)


def _read_phrase(ph: Phrase) -> Reading:
    """Every rule in turn on one phrase."""
    for reader in (_read_place, _read_army_or_shape):
        reading = reader(ph)
        if reading is not None:
            return reading
    reading, ph = _read_title(ph)
    if reading is not None:
        return reading
    ph = _without_outlet(ph)
    for reader in _READERS:
        reading = reader(ph)
        if reading is not None:
            return reading
    return _DROP


def _sentence_candidates(doc: Document, sentence: Sentence, register: Register) -> list[Candidate]:
    """Every capitalised run of a sentence read as a possible actor (or a place marker); none in a line
    written in capitals ("S.AFRICAN TRUTH BODY TO SUMMON APARTHEID POLICE", a kicker): its capitals mark
    no names."""
    tokens = sentence.tokens
    if _shouted(tokens):
        return []
    lo = 0
    if sentence.segment == 0 and doc.skip_until:
        while lo < len(tokens) and tokens[lo].start < doc.skip_until:
            lo += 1
    out: list[Candidate] = []
    skip_chunk = -1
    for ci, cj in sentence.chunks:
        if ci < lo or ci == skip_chunk:
            continue
        ph = _phrase(doc, sentence, register, ci, cj, lo)
        if ph is None:
            continue
        reading = _read_phrase(ph)
        out.extend(reading.candidates)
        if reading.skip_chunk >= 0:
            skip_chunk = reading.skip_chunk
    return _mark_in_title(out, sentence, doc.segments[sentence.segment])


def _shouted(tokens: tuple[Token, ...]) -> bool:
    """A sentence of SHOUTED_WORDS words or more, none with a lowercase letter."""
    words = [t.text for t in tokens if any(ch.isalpha() for ch in t.text)]
    return len(words) >= SHOUTED_WORDS and not any(ch.islower() for w in words for ch in w)


SHOUTED_WORDS = 4  # a line in capitals of this many words or more is shouted, not a run of names


_MINISTRY_SHORT = re.compile(r"^(\w+)\s+ministry$", re.I)
_MINISTRY_DOMAINS = {"foreign": "Foreign Affairs"}


def _ministry_name(adjective: str, rest: str, register: Register) -> str:
    """"Iraq's foreign ministry" -> the register's "Iraqi Ministry of Foreign Affairs" when it has one."""
    short = f"{adjective} {rest}"
    m = _MINISTRY_SHORT.match(rest)
    if m is None or m.group(1).lower() not in L.title_domains or register.find(short, "actor") is not None:
        return short
    if not register.find(f"{adjective} Ministry of {_MINISTRY_DOMAINS.get(m.group(1).lower(), m.group(1).capitalize())}",
                         "actor"):
        return short  # unregistered: the text's own wording, adjectivised ("Iranian foreign ministry")
    domain = _MINISTRY_DOMAINS.get(m.group(1).lower(), m.group(1).capitalize())
    full = f"{adjective} Ministry of {domain}"
    entry = register.find(full, "actor")
    return entry.name if entry is not None else full


_FIGHTER_NOUNS = frozenset(L.fighter_nouns)
_SERVICE_WORDS = frozenset({"navy", "army", "air", "force", "marines", "marine", "corps", "military", "coast", "guard"})
_EQUIPMENT_NOUNS = frozenset(L.equipment_nouns)


def _generic_service(words: list[str], tokens: tuple[Token, ...], j: int) -> bool:
    """A country's armed service used as an adjective: "U.S. Navy ships", "U.S. Navy and merchant vessels"."""
    if len(words) < 2 or _country_prefix(words[0].replace(".", "")) is None and words[0] not in ("U.S.", "U.K."):
        return False
    if not all(w.lower() in _SERVICE_WORDS for w in words[1:]):
        return False
    for k in range(j, min(j + 4, len(tokens))):
        t = tokens[k]
        if t.lower in _EQUIPMENT_NOUNS:
            return True
        if not (t.text.isalpha() and t.text.islower()):
            return False
    return False


_AFFILIATION_ROLES = frozenset({"fellow", "researcher", "professor", "lecturer", "scholar", "analyst", "expert",
                                "director", "student", "graduate"})
_LEADING_FUNCTION_WORDS = frozenset({"of", "for", "the", "and", "in", "at", "to", "on", "by", "with", "from"})
_OFFICE_NOUNS = frozenset({"office", "bureau", "secretariat", "cabinet"})


def _office_of_title(tokens: tuple[Token, ...], sentence: Sentence, j: int) -> int:
    """End of the office after a possessive title: "Prime Minister's [Media] Office" / "'s office" (0 when none)."""
    nxt = next(((a2, b2) for a2, b2 in sentence.chunks if a2 == j), None)
    if nxt is not None:
        last = tokens[nxt[1] - 1].lower
        if nxt[1] - nxt[0] <= 3 and last in _OFFICE_NOUNS:
            return nxt[1]
        return 0
    n = len(tokens)
    k = j
    while k < min(n, j + 3) and tokens[k].text.isalpha() and tokens[k].text.islower():
        if tokens[k].lower in _OFFICE_NOUNS:
            return k + 1
        if tokens[k].lower not in ("media", "press", "information"):
            return 0
        k += 1
    return 0


# words of a body name that says nothing without its country: "Foreign Ministry", "Interior Ministry"
_GENERIC_BODY_WORDS = frozenset(
    "ministry ministries department embassy consulate parliament cabinet army navy police council office "
    "presidency government of the and national public general".split()
)
# the past-tense verbs of saying ("X said", "X claimed"), from the one list in data/language.yml; not
# "states", "reports", "claims", which are nouns as often ("all five Darfur states")
_SAYS = frozenset(v for v in L.speech_verbs if v.endswith("ed") or v in ("said", "says", "told", "wrote"))
_SAYS_AFTER_QUOTE = L.inverting_speech_verbs - {"told", "read", "reads"}  # '"...", said X' (not "told X": X is told)
_QUOTE_CLOSE = frozenset({",", "\"", "\u201d", "'", "\u2019"})  # '", said X', '," said X'
_ROLE_WORDS = sorted(set(L.roles) | {w for w in L.title_words if len(w) > 3}, key=len, reverse=True)
# org, then a job title, then the person: "KRG spokesman ", "Pentagon deputy press secretary "
_TITLE_AFTER_ORG = re.compile(
    r"^(?:['\u2019]s?)?\s+(?:[\w'\u2019-]+\s+){0,3}?(?:" + "|".join(map(re.escape, _ROLE_WORDS)) + r")\s*,?\s*"
    r"(?:[A-Z][\w.'\u2019-]*\.?\s+){0,3}$",
    re.I,
)
# a job title ending in "of the <org>": "a member of the Security and Defense Committee"
_TITLE_BEFORE_ORG = re.compile(
    r"\b(?i:member|head|chief|chairman|chairwoman|chair|leader|spokesman|spokeswoman|spokesperson|official|"
    r"commander|director|secretary|minister|adviser|advisor|deputy|president|envoy|ambassador|fellow|researcher|"
    r"analyst|professor|scholar|expert|lecturer)(?i:-general)?\s+(?:of|for|at)\s+"
    r"(?:(?:the|its|their|his|her)\s+)?(?:[A-Z][\w'\u2019-]*\s+(?:and\s+|&\s+)?){0,4}"
    # "Assistant Secretary-General for Africa in the Departments of Political and ...": the title goes on
    r"(?:(?:in|of|for|at)\s+(?:the\s+)?(?:[A-Z][\w'\u2019-]*\s+(?:and\s+|&\s+|of\s+)?){1,5}){0,2}$"
)


_GOV_BODY_WORDS = frozenset(
    "ministry ministries department council committee government office commission parliament presidency embassy "
    "consulate cabinet administration directorate secretariat agency bureau pentagon court assembly senate congress "
    "shura house".split()
)


def _governmental(name: str) -> bool:
    """A government body: named only in a job title it is not an actor (armed groups and parties still are)."""
    return any(w in _GOV_BODY_WORDS for w in name.lower().split())


_MODIFIED_NOUNS = (_ARMY_MODIFIED - frozenset(L.roles) - frozenset(L.title_words)
                   - {"statement", "statements", "report", "reports"}) | frozenset({
    "agency", "agencies", "mission", "missions", "force", "forces", "data", "figures", "peacekeeping", "peacekeepers",
    "migration", "humanitarian", "refugee", "emissary", "envoy", "team", "teams", "convoy",
    "experts", "panel", "monitors", "observers", "staff", "workers", "employees", "member", "members",
    "auspices", "mandate", "charter", "umbrella"})  # "talks under UN auspices": the UN does not act


def _before_installation(after) -> bool:
    """Lowercase words after a name that end in an installation noun: the name describes the base."""
    for k, t in enumerate(after):
        if not (t.text.isalpha() and t.text.islower()) or t.lower in L.stopwords:
            return False
        if t.lower in L.site_nouns and k >= 1 and t.lower in ("base", "bases", "camp", "airbase", "airfield"):
            return True
    return False


def _mark_modifiers(out: list[Candidate], sentence: Sentence) -> list[Candidate]:
    """An organisation used as an adjective ("UN data", "the African Union peacekeeping force", "UN
    peacekeepers") is not itself named as an actor there."""
    tokens = sentence.tokens
    for n, c in enumerate(out):
        if c.kind not in (KIND_ORG, KIND_SURNAME) or c.army or c.possessive or c.subject:
            continue
        after = [t for t in tokens if t.start >= c.end][:5]
        nxt = after[0] if after else None
        if nxt is not None and nxt.text.isalpha() and nxt.text.islower() and nxt.lower in _MODIFIED_NOUNS:
            out[n] = replace(c, modifier=True)
        elif _before_installation(after):
            out[n] = replace(c, modifier=True)  # "an Israeli Air Force air traffic control base"
    return out


def _mark_in_title(out: list[Candidate], sentence: Sentence, seg_text: str) -> list[Candidate]:
    """Organisations named only as part of a person's job title."""
    out = _mark_modifiers(out, sentence)
    for n, c in enumerate(out):
        if c.kind in (KIND_ORG, KIND_SURNAME) and n >= 1 and out[n - 1].kind == KIND_PERSON \
                and APPOSITIVE_POST.search(seg_text[out[n - 1].end: c.start]):
            # "X, a strategist at Monument Securities told Reuters": the appositive's closing comma is missing;
            # the body is the person's employer, and the person speaks
            out[n] = replace(c, in_title=True, subject=False, speaks=False)
            continue
        if c.kind not in (KIND_ORG, KIND_SURNAME, KIND_GOV) or c.subject:
            continue
        nxt = out[n + 1] if n + 1 < len(out) else None
        if nxt is not None and nxt.kind == KIND_PERSON and nxt.start - c.end <= 60 \
                and _TITLE_AFTER_ORG.match(seg_text[c.end: nxt.start]) \
                and not any(w in L.verbs and w not in L.title_domains and w not in L.roles
                            for w in seg_text[c.end: nxt.start].lower().split()):
            out[n] = replace(c, in_title=True)  # not "the government confirmed that its secretary-general, X"
            continue
        before = seg_text[max(sentence.start, c.start - 120): c.start]
        if _TITLE_BEFORE_ORG.search(before):
            out[n] = replace(c, in_title=True)
        elif _DESCRIPTION_BEFORE.search(before) and _ROLE_AFTER_ORG.match(seg_text, c.end):
            out[n] = replace(c, in_title=True, described=True)
    return out


# "X, a strategist at ": a person's post at the body that follows
APPOSITIVE_POST = re.compile(
    r"^,\s*(?:(?:a|an|the)\s+(?:[a-z-]+\s+){0,3}|(?:[a-z-]+\s+){0,2}(?:"  # "X, commander of Y said": a role, no article
    + "|".join(sorted((re.escape(w) for w in L.roles if " " not in w), key=len, reverse=True))
    + r")\s+)(?:at|of|with)\s+(?:the\s+)?$")
# "X, a senior Peshmerga commander": an organisation that only describes someone's post
_DESCRIPTION_BEFORE = re.compile(r",\s*(?:a|an|the)\s+(?:[a-z-]+\s+){0,2}$")
_ROLE_AFTER_ORG = re.compile(
    r"\s+(?:[a-z-]+\s+){0,2}?(?:" + "|".join(map(re.escape, sorted(L.roles, key=len, reverse=True))) + r")\b")


# ---------------------------------------------------------------- resolution


def _government_key(country_name: str, register: Register) -> tuple[str, str, bool]:
    entry = register.government_of(country_name)
    if entry is not None:
        return "R:" + entry.name, entry.name, True
    country = L.country_by_form.get(country_name.lower())
    adjective = country.adjective if country else country_name
    return "G:" + country_name, f"{adjective} government", False


def _org_key(words: str) -> str:
    """Fold an org name; a leading place or demonym becomes its country ("Gaza"/"Palestinian")."""
    parts = words.split()
    if len(parts) >= 2:
        c = _country_prefix(parts[0]) or L.country_by_form.get(parts[0].lower()) \
            or L.country_by_form.get(parts[0].lower().rstrip(".") + ".")  # "U.S Africa Command"
        if c is not None:
            name = c.part_of or c.name
            parts = [name] + parts[1:]
    return "O:" + skeleton_key(" ".join(parts))


def _army_name(forms: list[str]) -> str:
    """An army's page name: its proper name when the text gives one ("Sudanese Armed Forces"), else the
    first wording without a possessive ("Malian army" rather than "Mali's army")."""
    plain = [f for f in forms if "'" not in f and "\u2019" not in f]
    proper = [f for f in plain if all(w[:1].isupper() for w in f.split())]
    if proper:
        return max(proper, key=lambda f: len(f.split()))
    return plain[0] if plain else _adjectival_form(forms[0])


def _adjectival_form(form: str) -> str:
    """"France's army" -> "French army": a possessive country as its adjective, for a page name."""
    head, _, rest = form.replace("\u2019", "'").partition("'s ")
    country = L.country_by_form.get(head.lower())
    return f"{country.adjective} {rest}" if country is not None and rest else form


def _initialisms(candidates: list[Candidate], key_of: list, type_of: dict) -> dict[str, str]:
    """"RSF" in an article that names the "Rapid Support Forces": an acronym that spells the initials of
    an organisation named in the same article is that organisation, defined or not."""
    lone = {c.surface for c in candidates if c.kind == KIND_SURNAME and is_acronym(c.surface) and 2 <= len(c.surface) <= 6}
    if not lone:
        return {}
    out = {}
    for initials, key in _spelled_out(candidates, key_of, type_of).items():
        if initials in lone:
            out.setdefault(initials.lower(), key)
    return out


def _spelled_out(candidates: list[Candidate], key_of: list, type_of: dict) -> dict[str, str]:
    """The initials of every organisation named in full in the article -> its entity."""
    out = {}
    for idx, c in enumerate(candidates):
        key = key_of[idx]
        if key is None or type_of.get(key) != ORGANIZATION or len(c.surface.split()) < 2:
            continue
        initials = "".join(w[0] for w in c.surface.replace("-", " ").split()
                           if w[:1].isupper() and w.lower() not in ("of", "the", "and", "for"))
        out.setdefault(initials, key)
    return out


def _fold_known_initialisms(res: _Resolution) -> None:
    """"The IMF" in an article that names the "International Monetary Fund": a known institution named by
    its initials (read on its own in pass 1) is the organisation the article spells out, one entity."""
    spelled = None
    for idx, c in enumerate(res.candidates):
        key = res.key_of[idx]
        if key is None or res.registered.get(key) or res.type_of.get(key) != ORGANIZATION \
                or not is_acronym(c.surface) or not 2 <= len(c.surface.replace(".", "")) <= 6:
            continue
        if spelled is None:
            spelled = _spelled_out(res.candidates, res.key_of, res.type_of)
        target = spelled.get(c.surface.replace(".", ""))
        if target is not None and target != key:
            res.claim_as(idx, target)


def _without_places(candidates: list[Candidate]) -> list[Candidate]:
    """Drop the place markers, and every other candidate with a name this article calls a place."""
    places = {c.surface.lower() for c in candidates if c.kind == KIND_PLACE}
    return [c for c in candidates if c.kind != KIND_PLACE and not (
        c.surface.lower() in places and c.kind in (KIND_SURNAME, KIND_PERSON, KIND_GOV))]


def _drop_bare_registered_surnames(candidates: list[Candidate], key_of: list, type_of: dict,
                                   rulers=frozenset()) -> None:
    """A registered person named only by a one-word alias, never with a title, in this article ("Al-Sudani"
    in a Sudanese story is a newspaper): the register match is unclaimed; not when the article names a
    regime, an administration or forces by that word ("the Assad regime", "pro-Assad forces")."""
    strong: set[str] = set()
    for idx, c in enumerate(candidates):
        key = key_of[idx]
        if key and key.startswith("R:") and (c.titled or len(c.surface.split()) > 1 or c.roles
                                             or (type_of.get(key) == PERSON and c.surface.lower() in rulers)):
            strong.add(key)
    for idx, key in enumerate(key_of):
        if key and key.startswith("R:") and type_of.get(key) == PERSON and key not in strong:
            key_of[idx] = None


def _bare_surname_of_absent(entry, c: Candidate, name_of: dict, rulers=frozenset()) -> bool:
    """A registered person's one-word alias ("Sudani") with no title, in an article that never names the
    person in full: too weak to be that person (in another story it is a newspaper or a family name),
    unless the article names what the person rules by it ("the Assad regime", "Assad's forces")."""
    if entry.type != PERSON or c.titled or len(c.surface.split()) > 1:
        return False
    return ("R:" + entry.name) not in name_of and c.surface.lower() not in rulers


# "the Assad regime", "Assad's brutal regime", "pro-Assad forces", "the Biden administration": a ruler's name
_RULED_BY = re.compile(r"\b(?:pro-)?([A-Z][\w\u2019'-]+?)(?:['\u2019]s)?\s+(?:[a-z]+\s+)?"
                       r"(?:regime|administration|forces|loyalists)\b"
                       r"|\bpro-([A-Z][\w-]+)")
_RULED_WORDS = ("regime", "administration", "forces", "loyalists", "pro-")


class RulersNamed:
    """The one-word names the article gives a regime, an administration or forces by ("word" in rulers, lower
    case); not a place's ("Austin"), nor a surname the article gives someone else ("Rami Assad", "Mary Trump",
    "Yair Netanyahu": the bare name may be theirs). Read only when a registered person's one-word alias is met,
    which few articles have."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._words: dict[str, str] | None = None  # lower -> as written
        self._answers: dict[str, bool] = {}

    def __contains__(self, low: str) -> bool:
        if low not in self._answers:
            self._answers[low] = self._ruled(low)
        return self._answers[low]

    def _ruled(self, low: str) -> bool:
        if self._words is None:
            self._words = {}
            for text in self.doc.segments:
                if any(w in text for w in _RULED_WORDS):
                    for m in _RULED_BY.finditer(text):
                        word = m.group(1) or m.group(2)
                        self._words.setdefault(word.lower(), word)
        word = self._words.get(low)
        if word is None or is_place_word(word) or L.city(word) is not None:
            return False
        other = re.compile(rf"\b([A-Z][\w'-]*)\s+(?:(?:al|el)-)?{re.escape(word)}\b")
        return not any(m.group(1).lower() not in L.title_words and m.group(1).lower() not in L.stopwords
                       and m.group(1).lower() not in _HONORIFICS for text in self.doc.segments
                       for m in other.finditer(text))


class _Resolution:
    """The state of resolving one article's candidates to entities: a key per candidate and, per key,
    its name, type, register flag and roles. `claim` is the only writer."""

    def __init__(self, candidates: list[Candidate], register: Register):
        self.candidates = candidates
        self.register = register
        self.key_of: list[str | None] = [None] * len(candidates)
        self.name_of: dict[str, str] = {}
        self.type_of: dict[str, str] = {}
        self.registered: dict[str, bool] = {}
        self.roles_of: dict[str, set] = {}
        self.acronyms: dict[str, str] = {}
        self.person_by_surname: dict[str, list[tuple[int, str]]] = {}  # surname -> (candidate, person) in order
        self.person_by_given: dict[str, set[str]] = {}  # first name -> people of the article ("Sir Ian")
        self.defined = {c.acronym.lower() for c in candidates if c.acronym}
        # a name given an acronym as an organisation ("Hurras al-Din (HaD)") stays one when repeated
        self.acronym_orgs = {c.surface.lower() for c in candidates if c.acronym and c.kind == KIND_ORG}
        self.rulers = frozenset()  # one-word names of a regime's ruler ("the Assad regime"): RulersNamed

    def claim(self, idx: int, key: str, name: str, typ: str, reg: bool) -> None:
        self.key_of[idx] = key
        if key not in self.name_of or (not reg and len(name.split()) > len(self.name_of[key].split())
                                       and not self.registered.get(key)):
            self.name_of[key] = name
        self.type_of.setdefault(key, typ)
        self.registered[key] = self.registered.get(key, False) or reg
        self.roles_of.setdefault(key, set()).update(self.candidates[idx].roles)

    def claim_as(self, idx: int, key: str) -> None:
        """Give a candidate an entity already claimed."""
        self.claim(idx, key, self.name_of[key], self.type_of[key], self.registered[key])

    def note_person(self, idx: int, surface: str) -> None:
        """Remember a person's surname (and last two names) for surname-only mentions later."""
        parts = _name_parts(surface.split())
        if parts:
            key = self.key_of[idx]
            self.person_by_surname.setdefault(surname_key(parts[-1]), []).append((idx, key))
            if len(parts) >= 3:
                self.person_by_surname.setdefault(surname_key(parts[-2] + " " + parts[-1]), []).append((idx, key))
            if len(parts) >= 2:
                self.person_by_given.setdefault(parts[0].lower(), set()).add(key)


def _resolve_standalone(res: _Resolution) -> None:
    """Pass 1: names that stand on their own (governments, armies, registered names, full names)."""
    register = res.register
    for idx, c in enumerate(res.candidates):
        if (c.surface.lower() in res.defined and not c.acronym) or c.kind == KIND_SURNAME:
            continue  # acronyms defined in the text and lone names resolve in pass 2
        if c.kind == KIND_GOV:
            key, name, reg = _government_key(c.country, register)
            res.claim(idx, key, name, ORGANIZATION, reg)
            continue
        entry = register.find(c.surface, "actor")
        if entry is not None and " " not in c.surface and register.find_exact(c.surface, "actor") is None:
            named = res.person_by_surname.get(surname_key(c.surface))
            if named:  # "Farid Hakme ... Hakme said": the article's own person, not a look-alike ("Hikma")
                res.claim_as(idx, named[-1][1])
                continue
        if c.army and entry is None:
            res.claim(idx, "A:" + c.army, c.surface, ORGANIZATION, False)
        else:
            if entry is None and c.kind == KIND_PERSON:
                parts = _name_parts(c.surface.replace(".", ". ").split())
                if len(parts) >= 2:
                    entry = register.find(parts[0] + " " + parts[-1], "actor")
            if entry is not None:
                res.claim(idx, "R:" + entry.name, entry.name, entry.type, True)
            elif c.kind == KIND_PERSON and c.surface.lower() not in res.acronym_orgs:
                res.claim(idx, "P:" + person_key(c.surface.split()), c.surface, PERSON, False)
            else:
                res.claim(idx, _org_key(c.surface), c.surface, ORGANIZATION, False)
            if res.type_of[res.key_of[idx]] == PERSON:
                res.note_person(idx, c.surface)
        if c.acronym:
            res.acronyms[c.acronym.lower()] = res.key_of[idx]


def _fold_located_short_forms(res: _Resolution) -> None:
    """"the US Embassy" after "the US Embassy in Baghdad": the short form is the located name."""
    located: dict[str, str] = {}
    for idx, c in enumerate(res.candidates):
        if res.key_of[idx] is not None and c.kind == KIND_ORG and " in " in c.surface:
            located.setdefault(c.surface.split(" in ")[0].lower(), res.key_of[idx])
    for idx, c in enumerate(res.candidates):
        k = res.key_of[idx]
        target = located.get(c.surface.lower())
        if target and k != target and k is not None and k.startswith("O:"):
            res.key_of[idx] = target


# a role right after a body's name (not _ROLE_AFTER_ORG, which allows two lowercase words before the role: in
# "the Workers' Party's Central Committee and formerly head of ...", "Central Committee" is the body named in full)
_ROLE_NEXT = re.compile(r"\s+(?:" + "|".join(map(re.escape, sorted(L.roles, key=len, reverse=True))) + r")\b", re.I)


def _fold_ben_names(res: _Resolution) -> None:
    """"Ben Gvir said" after "Itamar Ben Gvir": a family name with its "Ben" is the person named in full with
    it, not a man called Ben (who "Ben Cardin" is when no one's name ends so)."""
    people = {k: res.name_of[k].lower() for k in set(res.key_of) if k is not None and res.type_of.get(k) == PERSON}
    for idx, c in enumerate(res.candidates):
        k = res.key_of[idx]
        words = c.surface.split()
        if k is None or c.kind != KIND_PERSON or not _given_name_not_particle(words):
            continue
        tail = " " + c.surface.lower()
        owners = {o for o, name in people.items() if o != k and name.endswith(tail)}
        if len(owners) == 1:
            res.key_of[idx] = owners.pop()


def _fold_generic_short_forms(res: _Resolution, doc: Document) -> None:
    """"the Police Department said" after "the New York City Police Department": a body's name of dictionary
    words alone is the one body named in full with it (not when two are: "the Foreign Ministry" after the
    Russian and the Iranian ones)."""
    full: dict[str, set[str]] = {}
    for idx, c in enumerate(res.candidates):
        k = res.key_of[idx]
        if k is not None and k.startswith("O:") and c.kind == KIND_ORG and " and " not in res.name_of[k]:
            name = res.name_of[k].lower()  # (a registered body has the register's names; "the US and Soviet Union")
            words = name.split()
            for n in range(2, len(words)):
                full.setdefault(" ".join(words[-n:]), set()).add(k)
    for idx, c in enumerate(res.candidates):
        k = res.key_of[idx]
        words = c.surface.split()
        if k is None or not k.startswith("O:") or len(words) < 2 \
                or not all(is_common_word(w) and not is_acronym(w) for w in words):
            continue
        owners = full.get(c.surface.lower(), set()) - {k}
        if len(owners) == 1 and not _ROLE_NEXT.match(doc.segments[c.segment], c.end):
            # (not before its officer's role: "Defense Ministry spokesman Maj. Gen. X told" is the officer's)
            res.key_of[idx] = next(iter(owners))


_KNOWN_AS = re.compile(r",?\s*(?:\(\s*)?(?:(?:also|better|popularly|widely|commonly)\s+)?(?:known|referred\s+to)\s+as\s+"
                       r"|,?\s*(?:\(\s*)?(?:nicknamed|alias|a\.k\.a\.?|aka)\s+", re.I)


_BY_OR_OF_BEFORE = re.compile(r"\b(?:by|of)\s+(?:[A-Z][\w.'\u2019-]*\s+)*$")
_BY_OR_OF_REACH = 300  # how far back "by"/"of" and a name's words are looked for (not the whole paragraph each time)


def _fold_known_as(res: _Resolution, doc: Document) -> None:
    """A name right after a person's name and "known as" is that person's other name ("Mohamed Hamdan Dagalo,
    known as Hemedti": not a body "Hemedti"; "Abu Mohammed al-Jolani, also known as Ahmed al-Sharaa": one man)."""
    known: dict[str, str] = {}
    for idx, c in enumerate(res.candidates):
        own = res.key_of[idx]
        if idx == 0 or c.kind not in (KIND_SURNAME, KIND_PERSON) or (own is not None and res.registered.get(own)):
            continue
        prev, key = res.candidates[idx - 1], res.key_of[idx - 1]
        if key is None or res.type_of.get(key) != PERSON or prev.segment != c.segment or prev.end > c.start:
            continue
        if _BY_OR_OF_BEFORE.search(doc.segments[c.segment], max(0, prev.start - _BY_OR_OF_REACH), prev.start):
            continue  # "a group led by Zahran Alloush, known as Jaysh al-Islam": the group's name
        if _KNOWN_AS.fullmatch(doc.segments[c.segment], prev.end, c.start):
            known[c.surface.lower()] = key
    for idx, c in enumerate(res.candidates):  # the other name wherever it stands alone ("Hemedti said")
        key = known.get(c.surface.lower())
        if key is not None and not (res.key_of[idx] is not None and res.registered.get(res.key_of[idx])):
            res.claim_as(idx, key)
            res.note_person(idx, c.surface)  # "Ahmed al-Sharaa ... Al-Sharaa met": the same man


def _resolve_short_forms(res: _Resolution, doc: Document) -> None:
    """Pass 2: surname-only mentions, acronyms, register short forms."""
    for acr, key in _initialisms(res.candidates, res.key_of, res.type_of).items():
        res.acronyms.setdefault(acr, key)
        res.defined.add(acr)
    _fold_known_initialisms(res)
    for idx, c in enumerate(res.candidates):
        if res.key_of[idx] is not None or c.kind == KIND_GOV:
            continue
        if c.kind != KIND_SURNAME and c.surface.lower() not in res.defined:
            continue
        entry = res.register.find(c.surface, "actor")
        parts = _name_parts(c.surface.split()) or [c.surface]
        named = res.person_by_surname.get(surname_key(parts[-1])) or []
        if entry is not None and named and res.register.find_exact(c.surface, "actor") is None:
            entry = None  # as in pass 1: the article's own person of that surname, not a look-alike
        if entry is not None and not _bare_surname_of_absent(entry, c, res.name_of, res.rulers):
            res.claim(idx, "R:" + entry.name, entry.name, entry.type, True)
            continue
        acr = res.acronyms.get(c.surface.lower())
        if acr:
            res.claim_as(idx, acr)
            continue
        # the person of that surname named last before the mention ("Michael Howard ... Mr Howard said ...
        # Australia's PM, John Howard"), or else the first named after it; of the honorific's gender when
        # several bear it ("Mrs Brady" is Sarah, not James)
        owners = _of_gender(res, [k for at, k in named if at < idx] or [k for at, k in named[:1]], c.gender)
        knights = res.person_by_given.get(c.surface.lower(), set()) if c.knighted else set()
        if owners:
            res.claim_as(idx, owners[-1])
        elif len(knights) == 1:
            res.claim_as(idx, next(iter(knights)))  # "Sir Ian Blair ... Sir Ian told": the one Ian named in full
        elif c.titled and len(family := _family_name_first(res, c.surface)) == 1:
            res.claim_as(idx, family[0])  # "Kim Jong-un ... Mr. Kim said", "Moon Jae-in ... Mr Moon"
        elif c.titled and c.surface[:1].isupper() and not is_acronym(c.surface):
            res.claim(idx, "P:" + person_key([c.surface]), c.surface, PERSON, False)
            res.note_person(idx, c.surface)  # "Prince Charles ... Charles said": the one person, not a body
        elif len(first_named := _first_named(res, c, doc.segments[c.segment])) == 1:
            res.claim_as(idx, next(iter(first_named)))
    _drop_bare_registered_surnames(res.candidates, res.key_of, res.type_of, res.rulers)


def _family_name_first(res: _Resolution, word: str) -> list[str]:
    """The people named in full whose family name comes first and is this word: "Kim Jong-un", "Kim Jong Un",
    "Moon Jae-in", "Xi Jinping" (a hyphenated given name after it, syllables of one, or a first word that is
    no given name)."""
    out = []
    for key in sorted(res.person_by_given.get(word.lower(), ())):
        parts = _name_parts(res.name_of.get(key, "").split())
        if len(parts) < 2 or len(parts) > 3:
            continue
        rest = parts[1:]
        syllables = len(rest) == 2 and all(len(p) <= 4 and not is_given_name(p) for p in rest)  # "Kim Jong Un"
        unlisted = len(rest) == 1 and not is_given_name(parts[0]) and not is_given_name(rest[0])  # "Xi Jinping"
        if is_romanised_given_name(rest[0]) or syllables or unlisted:
            out.append(key)
    return out


def _first_named(res: _Resolution, c: Candidate, segment: str) -> set[str]:
    """"Doug Smith's departure ... “Doug has decided”": the people named in full with the first name a lone
    mention is (not a town's name: "Charlotte"; not after an honorific or a title, which go with surnames and
    one-name kings, nor a royal's "X of Y"; not a relative's: "his son Nick")."""
    if c.gender is not None or c.titled or not c.surface[1:].islower():
        return set()
    if not plain_given_name(c.surface) and (not _may_be_a_first_name(c.surface) or _OFFICE_OR_STAFF_AFTER.match(segment, c.end)
                                            or _WORD_THEN_NAME.match(segment, c.end)):
        return set()  # "said Nortel president Bill Owens": a body's name before its office, not "Nortel Networks"
    before = _WORD_BEFORE.search(segment, max(0, c.start - 40), c.start)
    if before is not None and (before.group(1).lower() in L.kin_nouns or before.group(1).lower() in L.title_words):
        return set()  # "his son Nick", "ex-King Michael"
    if _OF_A_PLACE.match(segment, c.end) or _DESCRIBED_AFTER.match(segment, c.end):
        return set()  # "Marguerite of Romania": a one-name royal's style; "Ahmed, a 34-year-old taxi driver"
    named = res.person_by_given.get(c.surface.lower(), set())
    if plain_given_name(c.surface):
        return named
    if _ITS_AFTER.match(segment, c.end, c.end + 120):
        return set()  # "Shanda said that it may boost its stake": a firm's short name
    # a word no name list knows is a first name only before a surname no dictionary or name list knows
    # ("Sadiq Maroof", "Xi Jinping"): "Diageo Chateau", "Lockheed Martin", "Nortel Networks" are firms
    return {k for k in named if _an_unlisted_surname(res.name_of.get(k, ""))}


def _an_unlisted_surname(name: str) -> bool:
    words = name.split()
    return len(words) == 2 and not is_common_word(words[1]) and not is_given_name(words[1])


def _may_be_a_first_name(word: str) -> bool:
    """A common first name ("Doug"), or a word no dictionary, gazetteer or country list knows ("Sadiq", "Xi":
    the name lists miss many; "Xi" is the surname that Chinese writes first): not "Charlotte", not "Hope"."""
    if plain_given_name(word):
        return True
    low = word.lower()
    return not is_common_word(word) and L.city(word) is None and low not in L.places \
        and low not in L.country_by_form and low not in L.country_by_demonym


_WORD_BEFORE = re.compile(r"([A-Za-z]+)[\s,]*$")
_WORD_THEN_NAME = re.compile(r"\s+[a-z]+\s+[A-Z][a-z]")  # "Shakhtar coach Marino Pusic": a body, then its man
_OFFICE_OR_STAFF_AFTER = re.compile(r"(?:'s|\u2019s)?\s+(?:[a-z-]+\s+){0,2}?(?:" + "|".join(
    sorted((re.escape(w) for w in {*L.roles, *L.title_words} if w.isalpha() and w.islower()), key=len, reverse=True))
    + r"|shares?|stock|staff|employees|workers|spokes\w*)\b")
_OF_A_PLACE = re.compile(r"\s+of\s+[A-Z]")
_DESCRIBED_AFTER = re.compile(r",\s*(?:an?\s|\d)")  # someone introduced by the first name alone


def _of_gender(res: _Resolution, owners: list[str], gender: str | None) -> list[str]:
    """The people of a surname an honorific can stand for, when the article names several: those whose first
    name is not only the other gender's ("Mrs Brady" is Sarah Brady, not her husband James). One person of
    that surname is the one meant whatever the first name suggests ("Lakshmi Mittal ... Mr Mittal")."""
    if gender is None or len(set(owners)) < 2:
        return owners
    return [k for k in owners if _first_name_gender(res.name_of.get(k, "")) != ("M" if gender == "F" else "F")] or owners


def _first_name_gender(name: str) -> str | None:
    words = name.split()
    return given_name_gender(words[0]) if len(words) >= 2 else None


def _acting_lone_names(candidates: list[Candidate]) -> set[str]:
    """Lone proper nouns that act: "Hezbollah said", "NATO has warned", "al Shabaab militants",
    "UNIFIL's efforts". A sentence's first word is capitalised by position: there it must speak or claim
    to count ("Hezbollah said" but not "Sirens sounded"), unless it is capitalised mid-sentence elsewhere."""
    proper = {c.surface.lower() for c in candidates if c.kind == KIND_SURNAME and not c.initial}
    lone = [c for c in candidates if c.kind == KIND_SURNAME]
    acting = {c.surface.lower() for c in lone if c.subject and not c.possessive
              and (not c.initial or c.speaks or c.surface.lower() in proper) and not is_common_single([c.surface])}
    acting |= {c.surface.lower() for c in lone if c.group}
    # an acronym that owns something is an organisation: places are rarely acronyms
    acting |= {c.surface.lower() for c in lone if c.owns and len(c.surface) >= 3}
    # "the Zionist entity", "Islamist" after "by": an adjective is never a lone name that acts; nor a noun of
    # nationality ("the Spaniard had won Wimbledon", "36-year-old Welshman confirmed")
    return {a for a in acting if (not _adjectival(a) or a.isupper()) and a not in L.nationality_nouns}


def _resolve_lone_names(res: _Resolution, doc: Document) -> None:
    """Pass 3: a lone proper noun that acts is an organisation, unless it ends as surnames do ("Zelenskyy
    said", "Kadyrov said") and no "it" refers back to it ("Kaspersky said it had found"): then a person."""
    acting = _acting_lone_names(res.candidates)
    speaking_first_names = {c.surface.lower() for c in res.candidates if c.kind == KIND_SURNAME and c.speaks
                            and _a_first_name_alone(c.surface)}
    for idx, c in enumerate(res.candidates):
        if res.key_of[idx] is None and c.kind == KIND_SURNAME and c.surface.lower() in acting:
            segment = doc.segments[c.segment]
            if (c.surface.lower() in speaking_first_names or _DESCRIBED_AS_SOMEONE.match(segment, c.end)
                    or (c.speaks and _SHE_OR_HE_AFTER.match(segment, c.end) and _may_be_a_first_name(c.surface))) \
                    and not c.group and not _ITS_AFTER.match(segment, c.end, c.end + 120):
                # '"...," Fatima said': someone named by the first name alone, as reports of ordinary people do
                res.claim(idx, "P:" + person_key([c.surface]), c.surface, PERSON, False)
            elif len(c.surface) >= 6 and _SURNAME_ENDING.search(c.surface) and not c.group and c.surface[1:].islower() \
                    and c.surface.lower() not in L.eponymous_firms \
                    and not _ITS_AFTER.match(doc.segments[c.segment], c.end, c.end + 120):
                res.claim(idx, "P:" + person_key([c.surface]), c.surface, PERSON, False)
            else:
                res.claim(idx, "O:" + skeleton_key(c.surface), c.surface, ORGANIZATION, False)


# "said Raju, 8, who", "said Al Breach, an economist at UBS": an age or a trade after the name is a person's
_DESCRIBED_AS_SOMEONE = re.compile(
    r",\s*(?:\d{1,3}\s*[,.]|(?:an?|the)\s+(?:[a-z-]+\s+){0,3}?(?:"
    + "|".join(sorted(map(re.escape, L.roles), key=len, reverse=True))
    + r"|[a-z]+(?:ist|ian|man|woman)|" + "|".join(sorted(map(re.escape, L.person_nouns), key=len, reverse=True))
    + r")\b)")


# '"...," says Manal, as she empties her bag': the one who speaks is a woman or a man, named by the first name
_SHE_OR_HE_AFTER = re.compile(r",\s*(?:as|while|when|before|after)\s+(?:she|he)\b")  # not "who": "said Ferrari, who"


def _a_first_name_alone(word: str) -> bool:
    """A first name people bear ("Fatima", "Ahmed") that is no country, capital or body's word."""
    low = word.lower()
    town = L.city(word)
    return is_given_name(word) and word[1:].islower() and low not in L.country_by_form \
        and low not in L.country_by_capital and low not in L.country_by_demonym and low not in L.institutions \
        and (town is None or town.population < 50_000)  # "Chelsea said", "Florence said": a club, a city


_ITS_AFTER = re.compile(r"[^.;:\u201c\"]*?\b(?:it|its|it's)\b", re.I)
# endings no organisation's one-word name has, and the surnames of Eastern Europe, the Caucasus and Turkey do
_SURNAME_ENDING = re.compile(r"(?:[^aeiou]enko|[^aeiouy](?:ov|ova|ev|eva)|sky|skyy|skiy|ska|ski|vich|vych|"
                             r"escu|oglu|oğlu|yan|adze|shvili|chuk|yuk)$", re.I)


def _retype_traded_firms(res: _Resolution, doc: Document) -> None:
    """"Lockheed Martin shares rose 3%", "Shares in George Wimpey fell", "Biogen Idec slid 4.2%": a name whose shares
    trade, or that moves by a percentage, is a firm, not the person its words make it (a registered name keeps
    the register's type)."""
    for idx, c in enumerate(res.candidates):
        key = res.key_of[idx]
        if key is None or res.type_of.get(key) != PERSON or res.registered.get(key):
            continue
        segment = doc.segments[c.segment]
        before = segment[max(0, c.start - 20):c.start]
        if ((_TRADED_AFTER.match(segment, c.end) and not _OBJECT_BEFORE.search(before))
                or _SHARES_IN_BEFORE.search(before)) and not _A_POLL.search(doc.sentences[c.sentence].text):
            res.type_of[key] = ORGANIZATION


_TRADED_AFTER = re.compile(
    r"(?:['\u2019]s?)?\s+(?:(?:shares|stock)\s+(?:rose|fell|slid|slipped|gained|lost|dropped|climbed|jumped|tumbled|"
    r"plunged|soared|surged|rallied|sank|eased|closed|ended|finished|opened|traded|were|are|have|had|edged|\d)|"
    r"(?:rose|fell|slid|slipped|gained|lost|dropped|climbed|jumped|"
    r"tumbled|plunged|soared|surged|rallied|sank|eased|added|shed|rising|falling|sliding|slipping|gaining|losing|"
    r"dropping|climbing|jumping|tumbling|edged\s+(?:up|down)|(?:was|were)\s+(?:up|down))\s+(?:by\s+)?"
    r"\d[\d.]*\s*(?:%|per\s*cent\b|percent\b))")
_SHARES_IN_BEFORE = re.compile(r"\b(?:[Ss]hares|[Ss]tock)\s+(?:in|of)\s+$")
# a poll or a vote moves people and parties by percentages too: "Benny Gantz rose 4% in the latest poll"
_A_POLL = re.compile(r"\b(?:polls?|polling|survey\w*|ratings?|approval|votes?|voters|ballot|seats|support)\b", re.I)
_OBJECT_BEFORE = re.compile(r"\b(?:for|of|to|with|behind|about|on|than|against)\s+$", re.I)  # "Support for X rose 3%"


def _retype_groups_by_their_members(res: _Resolution, doc: Document) -> None:
    """"the Boko Haram leader", "Abu Sayyaf members", "Boko Haram strongholds": a name whose leader, members or
    strongholds are named is a group, not the person its two words make it ("Boko Haram has not confirmed the
    truce"), and so is a group cues.yml knows by name. Not a name that begins with a given name or has a title,
    not a party's or a chamber's ("House Republican leaders"), and not by its fighters, rebels or loyalists,
    which a warlord has too ("Riek Machar rebels", "Saddam Hussein loyalists"); a registered name keeps the
    register's type."""
    for key in {k for k in res.key_of if k is not None}:
        if res.type_of.get(key) != PERSON or res.registered.get(key):
            continue
        mine = [c for c, k in zip(res.candidates, res.key_of) if k == key]
        if any(c.roles or c.titled for c in mine):
            continue  # "Field Marshal Khalifa Haftar": a title says a person
        forms = {c.surface for c in mine if len(_name_parts(c.surface.split())) >= 2
                 and not is_given_name(c.surface.split()[0]) and not _PARTY_OR_HOUSE.search(c.surface)}
        if any(f.lower() in L.cues["group_names"] for f in forms) or any(
                _MEMBERS_AFTER.match(seg, m.end()) for f in forms for seg in doc.segments
                for m in re.finditer(re.escape(f), seg)):
            res.type_of[key] = ORGANIZATION


# "House Republican leaders", "Senate Democratic members": a party's members in a chamber, no group of their own
_PARTY_OR_HOUSE = re.compile(r"\b(?:Republican|Democratic|Democrat|GOP|Labour|Tory|Conservative|Liberal|House|Senate)\b")
# a group's own: its leader, members, strongholds (not its fighters, rebels or militants, which a warlord has too:
# "Riek Machar rebels", "Ramzan Kadyrov fighters")
_MEMBERS_AFTER = re.compile(r"\s+(?:members|leaders?|strongholds?|hideouts?)\b")


def _fold_armies_into_register(res: _Resolution) -> None:
    """"Israeli army" beside the registered "Israel Defense Forces (IDF)": when the article also names a
    registered organisation that the army's proper name is, the army is that entity, not a second one."""
    army_keys = {k for k in res.key_of if k and k.startswith("A:")}
    for key in army_keys:
        forms = [c.surface for c, k in zip(res.candidates, res.key_of) if k == key]
        entry = res.register.find(_army_name(forms), "actor")
        target = "R:" + entry.name if entry is not None else None
        if target in res.name_of and res.type_of.get(target) == ORGANIZATION:
            for idx, k in enumerate(res.key_of):
                if k == key:
                    res.claim_as(idx, target)


def _kept_with_evidence(res: _Resolution) -> dict[str, set]:
    """Keys with at least one mention that names them as an actor (not as background, a location, a
    modifier, in a description or a job title only), with the evidence those mentions give."""
    evidence: dict[str, set] = {}
    for idx, c in enumerate(res.candidates):
        key = res.key_of[idx]
        if key is None or c.background or c.as_location or c.described or c.in_title or c.modifier:
            continue
        evidence.setdefault(key, set()).update(candidate_evidence(c))
        if res.registered.get(key):
            evidence[key].add(REGISTER)
    return evidence


def _collect_mentions(res: _Resolution, kept) -> tuple[dict, dict, list[ActorMention]]:
    """Per kept key: its surface forms (first seen first), its sentences, and every mention in order."""
    aliases: dict[str, list[str]] = {}
    sentences: dict[str, list[int]] = {}
    mentions: list[ActorMention] = []
    for idx, c in enumerate(res.candidates):
        key = res.key_of[idx]
        if key is None or key not in kept:
            continue
        al = aliases.setdefault(key, [])
        if c.surface not in al:
            al.append(c.surface)
        form = c.form.rstrip("'\u2019").removesuffix("'s").removesuffix("\u2019s") if c.form else ""
        if form and form != c.surface and form not in al:
            al.append(form)  # the text's own wording of a rebuilt name
        sl = sentences.setdefault(key, [])
        if not sl or sl[-1] != c.sentence:
            sl.append(c.sentence)
        mentions.append(ActorMention(key, c.segment, c.start, c.end, c.sentence, c.possessive, c.kind, c.gender))
    mentions.sort(key=lambda m: (m.segment, m.start))
    return aliases, sentences, mentions


def _page_name(res: _Resolution, key: str, forms: list[str]) -> str:
    """The entity's name: the register's; an unregistered person's fullest form; an army's proper name."""
    if not res.registered[key] and res.type_of[key] == PERSON:
        return max(forms, key=lambda a: (len(_name_parts(a.split())), len(a)))
    if key.startswith("A:"):
        return _army_name(forms)
    return res.name_of[key]


def find_actors(doc: Document, register: Register) -> ActorIndex:
    """The article's actors: candidates read sentence by sentence, resolved to entities in three passes,
    kept when some mention names them as actors, and held back when the evidence is too thin."""
    candidates = _without_places([c for s in doc.sentences for c in _sentence_candidates(doc, s, register)])
    res = _Resolution(candidates, register)
    res.rulers = RulersNamed(doc)
    _resolve_standalone(res)
    _fold_known_as(res, doc)
    _fold_located_short_forms(res)
    _fold_generic_short_forms(res, doc)
    _fold_ben_names(res)
    _resolve_short_forms(res, doc)
    _resolve_lone_names(res, doc)
    _fold_armies_into_register(res)
    _retype_traded_firms(res, doc)
    _retype_groups_by_their_members(res, doc)
    evidence = _kept_with_evidence(res)
    aliases, sentences, mentions = _collect_mentions(res, evidence)
    actors, held = [], set()
    for key in aliases:
        name = _page_name(res, key, aliases[key])
        ev = evidence[key]
        if len(set(sentences[key])) >= 2:
            ev.add(REPEATED)
        if not admitted(ev, res.type_of[key], name):
            held.add(name)
        actors.append(Mention(
            name=name,
            type=res.type_of[key],
            aliases=tuple(aliases[key]),
            sentences=tuple(doc.sentences[i].text for i in sorted(set(sentences[key]))),
            registered=res.registered[key],
            evidence=ordered(ev),
            key_hint=key if key[:2] in ("A:", "G:") else "",
        ))
        res.name_of[key] = name
    return ActorIndex(tuple(actors), tuple(mentions), dict(res.name_of), dict(res.type_of),
                      {k: frozenset(v) for k, v in res.roles_of.items()}, frozenset(held))
