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
from dataclasses import dataclass, field, replace

from ..models import ORGANIZATION, PERSON, Mention
from ..names import skeleton_key
from ..register import Register
from .document import Document, Sentence
from .lexicon import LEXICON, Country
from .chunks import is_name_token as _is_name_token, strip_leading as _strip_leading, word_of as _word
from .evidence import REGISTER, REPEATED, admitted, candidate_evidence, ordered
from .shapes import is_common_single, is_event, is_place_shaped, is_weapon, national_army
from .text import Token, is_acronym, is_capitalised
from .words import is_common_word

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
    in_title: bool = False  # only part of someone's job title ("KRG spokesman X", "a member of the X Committee")
    described: bool = False  # only in an indefinite description of someone ("X, a senior Peshmerga commander")
    form: str = ""  # the text's own wording when the surface is rebuilt ("Syria's foreign ministry")
    army: str | None = None  # the country whose army this names ("Sudanese army" -> Sudan)
    modifier: bool = False  # used as an adjective: "UN data", "the African Union peacekeeping force"


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


def _is_media(words: list[str]) -> bool:
    text = " ".join(words).lower()
    if text in L.outlets or text in L.agencies:
        return True
    if len(words) >= 2 and words[-1].lower() in ("agency", "english", "online"):
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
    return any(w in L.org_nouns for w in lows)


def _is_geo(words: list[str]) -> bool:
    lows = [w.lower() for w in words]
    text = " ".join(lows)
    if text in L.places or text in L.country_by_form or text in L.country_by_capital:
        return True
    return lows[-1] in L.geo_nouns


def _bad_person_word(w: str, pos: int = 0, n: int = 1) -> bool:
    """A word that cannot be part of a person's name (descriptors only at the edges)."""
    lw = w.lower().rstrip(".")
    return (
        any(c.isdigit() for c in lw)
        or lw in L.stopwords
        or (lw in L.descriptors and (pos == 0 or pos == n - 1))
        or lw in L.org_nouns
        or lw in L.geo_nouns
        or lw in L.months
        or lw in L.weekdays
        or lw in L.country_by_form
        or lw in L.country_by_demonym
        or lw in L.country_by_capital
        or (lw in L.places.own and not (pos == 0 and n > 1))  # a given name may be a place's (Sabah, Salem)
        or lw in L.title_words
        or lw in L.org_name_words
        or lw in L.media_nouns
        or lw in L.verbs and not w[:1].isupper()
    )


def _name_parts(words: list[str]) -> list[str]:
    """The words that carry the name (no particles, initials or Jr/III)."""
    out = []
    for w in words:
        lw = w.lower().rstrip(".")
        if lw in L.particles or lw in L.suffixes or len(lw) == 1:
            continue
        out.append(w)
    return out


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
    return tuple(sorted({L.roles[w.lower().rstrip(".")] for w in words if w.lower().rstrip(".") in L.roles}))


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
        c = L.country_by_form.get(tokens[k].lower)
        if c is not None or tokens[k].lower in L.places or tokens[k].lower in L.country_by_capital:
            return k + 1
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
        # appositive: ", a close ally of Israel, has ..."
        k = j + 1
        while k < min(n, j + _APPOSITIVE_LIMIT) and tokens[k].text != ",":
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
    if _undergoes(tokens, j):
        return False  # "Sudan plunged into conflict", "Sudan has been witnessing": a place, not a government
    if lw in L.auxiliaries or lw in L.verbs and not lw.endswith("ing"):
        return True
    if lw.endswith("ing") and allow_ing:
        return lw in L.verbs or len(lw) > 5
    if lw.endswith("ed") and len(lw) > 4:
        return True
    return False


def _undergoes(tokens: tuple[Token, ...], j: int) -> bool:
    """The verb group at j (auxiliaries skipped) is one whose subject undergoes: "has been witnessing"."""
    k = j
    while k < len(tokens) and k < j + 3 and (tokens[k].lower in L.auxiliaries or tokens[k].lower in ("been", "be")):
        k += 1
    return k < len(tokens) and tokens[k].lower in L.experiencer_verbs


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


_MEMBER_NOUNS = frozenset(L.fighter_nouns) | frozenset({"jihadists", "suspects", "members", "commanders", "operatives",
                                                       "attackers", "loyalists", "combatants"})
_AGENT_NOUNS = frozenset({"attack", "attacks", "assault", "raid", "offensive", "claim", "claimed", "carried",
                          "launched", "fired", "staged", "led", "backed", "controlled", "held", "seized", "captured"})


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
    k = i - 1
    if k >= 0 and tokens[k].lower in ("al", "el"):
        k -= 1
    return k >= 1 and tokens[k].lower == "by" and tokens[k - 1].lower in _AGENT_NOUNS


def _is_subject(tokens: tuple[Token, ...], i: int, j: int) -> bool:
    """Is the country at tokens[i:j] the grammatical subject of a verb?"""
    if tokens[j - 1].possessive:
        return False
    if i >= 2 and tokens[i - 1].text == "," and _is_name_token(tokens[i - 2]):
        return False  # "El Fasher, Sudan, are now ...": the country locates a place

    k = i - 1
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
    if k >= 0:
        prev = tokens[k]
        pl = prev.lower
        if prev.text.isalpha():
            if pl == "with":
                allow_ing = True
            elif pl not in _SUBJECT_OPENERS and pl not in L.speech_verbs:
                return False
    return _verb_follows(tokens, j, allow_ing) if not allow_ing else _ing_follows(tokens, j)


def _ing_follows(tokens: tuple[Token, ...], j: int) -> bool:
    return j < len(tokens) and tokens[j].lower.endswith("ing") and tokens[j].text.islower()


# ---------------------------------------------------------------- candidates


def _background(sentence: Sentence, seg_text_start: int, segment_text: str) -> bool:
    """Named only as a side in a war ("the war between Israel and the militant group Hamas")."""
    before = segment_text[max(sentence.start, seg_text_start - 90): seg_text_start]
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


def _army_candidate(tokens, i: int, j: int, seg_text: str, sentence: Sentence, base: dict) -> Candidate | None:
    """"Sudanese army", "Mali's armed forces", "Israel Defense Forces (IDF)": the country's army."""
    found = national_army(tokens, i, j) if j - i <= 4 else None
    if found is None:
        return None
    end, country = found
    last = tokens[end - 1]
    if last.possessive and end < len(tokens) and _is_name_token(tokens[end]):
        return None  # "the US military's Central Command": the command is named, not the army
    if end < len(tokens) and tokens[end].lower in _ARMY_MODIFIED:
        return None  # "Iraqi military bases", "US military personnel": the army as an adjective
    acr = _acronym_after(tokens, end, [t.text for t in tokens[i:end]])
    return Candidate(seg_text[tokens[i].start: last.end], KIND_ORG, start=tokens[i].start, end=last.end,
                     army=country.name, acronym=acr, subject=_is_subject(tokens, i, end),
                     **{**base, "possessive": last.possessive})


def _sentence_candidates(doc: Document, sentence: Sentence, register: Register) -> list[Candidate]:
    tokens = sentence.tokens
    lo = 0
    if sentence.segment == 0 and doc.skip_until:
        while lo < len(tokens) and tokens[lo].start < doc.skip_until:
            lo += 1
    seg_text = doc.segments[sentence.segment]
    out: list[Candidate] = []
    skip_chunk = -1
    for ci, cj in sentence.chunks:
        if ci < lo or ci == skip_chunk:
            continue
        i = _strip_leading(tokens, ci, cj)
        if i >= cj:
            continue
        j = cj
        # extensions beyond the capitalised run
        ext_j = j
        lowercase_head = False
        if not tokens[j - 1].possessive:
            ext_j = _lowercase_head(tokens, j)
            lowercase_head = ext_j > j
        if not tokens[ext_j - 1].possessive and tokens[ext_j - 1].lower in L.located_heads:
            ext_j = _located_extension(tokens, ext_j)
        ext_j = _acronym_place_extension(tokens, i, ext_j)
        if ext_j < len(tokens) and tokens[ext_j].lower in L.place_nouns and not tokens[ext_j - 1].possessive:
            continue  # "Sulaimani province", "Duhok governorate": a place
        if i >= 2 and tokens[i - 1].lower == "of" and tokens[i - 2].lower in L.place_nouns:
            continue  # "the town of Said Sadiq"
        if not lowercase_head and ext_j < len(tokens) and not tokens[ext_j - 1].possessive \
                and tokens[ext_j].text.isalpha() and tokens[ext_j].text.islower() \
                and register.find(seg_text[tokens[i].start: tokens[ext_j].end], "actor") is not None:
            ext_j += 1  # "Houthi rebels", "Peshmerga forces": the register names the longer form
        span_tokens = [t for t in tokens[i:ext_j] if t.text != "."]
        words = [t.text for t in span_tokens]
        possessive = tokens[ext_j - 1].possessive

        def surface(a: int, b: int) -> str:
            return seg_text[tokens[a].start: tokens[b - 1].end]

        base = dict(sentence=sentence.index, segment=sentence.segment, possessive=possessive)

        army = _army_candidate(tokens, i, cj, seg_text, sentence, base)
        if army is not None:
            out.append(army)
            continue
        if not possessive and (is_place_shaped(words) or is_weapon(words) or is_event(words)):
            continue  # "Mount Meron", "Improvised Explosive Device", "Al-Aqsa Flood Operation"

        # titles in front of a name
        k = _title_split(words)
        if k >= 0:
            def _tail_ok(kk: int) -> bool:
                tl = words[kk + 1:]
                return bool(tl) and all(
                    (is_capitalised(w) or w.lower() in L.particles) and not _bad_person_word(w, pos, len(tl))
                    for pos, w in enumerate(tl)
                ) and not lowercase_head
            tail_ok = _tail_ok(k)
            if not tail_ok:
                # "Deputy Parliament Speaker X", "KRG Prime Minister X": the last title word before a name
                for k2 in range(len(words) - 2, k, -1):
                    if words[k2].lower().rstrip(".") in L.title_words and _tail_ok(k2):
                        k, tail_ok = k2, True
                        break
            tail = words[k + 1:]
            if tail_ok:
                first_tail = span_tokens[k + 1]
                a = tokens.index(first_tail, i)
                roles = tuple(sorted(set(_roles_from_words(words[: k + 1])) | set(_role_cues(tokens, a, ext_j))))
                # "Lt Col. Imbiakha": a titled surname joins the person named in full, when there is one
                kind = KIND_PERSON if len(_name_parts(tail)) >= 2 else KIND_SURNAME
                out.append(Candidate(surface(a, ext_j), kind, start=tokens[a].start, end=tokens[ext_j - 1].end,
                                     titled=True, roles=roles, **base))
                continue
            if all(w.lower().rstrip(".") in L.title_words or w.lower() in L.title_domains or w.lower() in ("of", "for", "the")
                   or _country_prefix(w) or w.lower() in L.institutions for w in words):
                office = _office_of_title(tokens, sentence, ext_j) if possessive else 0
                if office:
                    # "the Prime Minister's Media Office", "the Iraqi Prime Minister's office": one body
                    end_tok = tokens[office - 1]
                    out.append(Candidate(seg_text[tokens[i].start: end_tok.end], KIND_ORG, start=tokens[i].start,
                                         end=end_tok.end, **{**base, "possessive": end_tok.possessive}))
                    nxt = next(((a2, b2) for a2, b2 in sentence.chunks if a2 == ext_j), None)
                    if nxt is not None:
                        skip_chunk = nxt[0]
                continue  # a title alone: "the Prime Minister", "US Secretary of Defense"
            if not _is_org_words(words) or k == len(words) - 1 or _word(span_tokens[0]) in L.title_words:
                # an organisation inside a job title ("Chief of the Armed Forces")
                k1 = k + 1
                while k1 < len(words) and words[k1].lower() in _LEADING_FUNCTION_WORDS:
                    k1 += 1  # "Chief of Staff of the Army": the name starts after "of the"
                if not _is_org_words(words[k1:] or ["x"]):
                    continue
                words = words[k1:]
                span_tokens = span_tokens[k1:]
                i = tokens.index(span_tokens[0], i)
        start, end = tokens[i].start, tokens[ext_j - 1].end
        text = surface(i, ext_j)
        low_words = [w.lower() for w in words]

        if _is_media(words):
            continue
        if low_words[0].rstrip(".") in L.ship_prefixes and len(words) >= 2:
            continue  # "USS Carney": a ship
        if len(words) == 1 and ext_j < len(tokens) and tokens[ext_j].lower in _FIGHTER_NOUNS \
                and low_words[0] in L.descriptors and not possessive:
            entry = register.find(text + "s", "actor")
            if entry is not None and entry.type == ORGANIZATION:
                # "Houthi terrorists fired ...": the registered group the adjective names
                out.append(Candidate(text + "s", KIND_ORG, start=start, end=end, form=text,
                                     background=_background(sentence, start, seg_text), **base))
                continue
        if _generic_service(words, tokens, ext_j):
            continue  # "U.S. Navy ships", "US Army troops": a generic description
        # governments named outright: "Iraqi government", "Government of Iraq"
        gov_country = None
        if len(words) >= 2 and low_words[-1] in ("government", "administration"):
            gov_country = _country_prefix(" ".join(words[:-1])) if len(words) == 2 else _country_of_words(words[:-1])
        elif len(words) >= 3 and low_words[0] == "government" and low_words[1] == "of":
            gov_country = _country_of_words([w for w in words[2:] if w.lower() != "the"])
        if gov_country is None and len(words) == 1 and possessive and ext_j < len(tokens) \
                and tokens[ext_j].lower in ("government", "administration"):
            gov_country = _country_of_words(words)  # "Iraq's government"
        if gov_country is not None and not gov_country.territory:
            out.append(Candidate(text, KIND_GOV, start=start, end=end, country=gov_country.name, **base))
            continue
        if possessive and ext_j < len(tokens) and (_country_prefix(" ".join(words)) is not None or _is_geo(words)):
            nxt = next(((a2, b2) for a2, b2 in sentence.chunks if a2 == ext_j), None)
            if nxt is not None:
                nwords = [t.text for t in tokens[nxt[0]:nxt[1]] if t.text != "."]
                name = None
                if _is_org_words(nwords) and not _is_media(nwords) and _title_split(nwords) < 0:
                    # "Iraq's Foreign Ministry" -> "Iraqi Foreign Ministry"; "Kurdistan Region's Interior Ministry"
                    country = _country_prefix(" ".join(words))
                    rest = seg_text[tokens[nxt[0]].start: tokens[nxt[1] - 1].end]
                    name = _ministry_name(country.adjective, rest, register) if country is not None \
                        else seg_text[start: tokens[nxt[1] - 1].end]
                    if register.find(name, "actor") is None and register.find(rest, "actor") is not None:
                        name = rest  # "the Kurdistan Region's Ministry of Peshmerga Affairs": the registered body
                    elif register.find(name, "actor") is None:
                        generic = all(w.lower() in _GENERIC_BODY_WORDS or w.lower() in L.title_domains for w in nwords)
                        if not generic:
                            name = None  # "Iran's Quds Force": the bare name stands on its own
                if name is not None:
                    out.append(Candidate(name, KIND_ORG, start=start, end=tokens[nxt[1] - 1].end,
                                         form=seg_text[start: tokens[nxt[1] - 1].end],
                                         **{**base, "possessive": tokens[nxt[1] - 1].possessive}))
                    skip_chunk = nxt[0]
                    continue
        poss_country = _country_prefix(" ".join(words)) if possessive else None
        if possessive and (len(words) >= 2 and _is_geo(words) and poss_country is None
                           or poss_country is not None and poss_country.territory):
            head_end = _lowercase_head(tokens, ext_j)
            if head_end > ext_j:
                # "the Kurdistan Region's counter-terrorism directorate"
                out.append(Candidate(seg_text[start: tokens[head_end - 1].end], KIND_ORG, start=start,
                                     end=tokens[head_end - 1].end, **{**base, "possessive": tokens[head_end - 1].possessive}))
                continue
        if len(words) == 1 and possessive and _country_prefix(words[0]) is not None:
            head_end = _lowercase_head(tokens, ext_j)
            if head_end > ext_j:
                # "Iran's foreign ministry" -> organisation "Iranian foreign ministry"
                country = _country_prefix(words[0])
                rest = seg_text[tokens[ext_j].start: tokens[head_end - 1].end]
                out.append(Candidate(_ministry_name(country.adjective, rest, register), KIND_ORG, start=start,
                                     end=tokens[head_end - 1].end,
                                     form=seg_text[start: tokens[head_end - 1].end],
                                     **{**base, "possessive": tokens[head_end - 1].possessive}))
                continue
        # a country named as the subject of a verb stands for its government
        country = _country_or_capital(words)
        if country is not None:
            if not country.territory and _is_subject(tokens, i, ext_j):
                out.append(Candidate(text, KIND_GOV, start=start, end=end, country=country.name, subject=True,
                                     background=_background(sentence, start, seg_text), **base))
            continue
        if register.find(text, "base") is not None:
            continue
        entry = register.find(text, "actor")
        is_org = _is_org_words(words) or lowercase_head
        prev = _prev_word(tokens, i)
        if entry is not None or is_org:
            if len(words) == 1 and not entry and " ".join(low_words) not in L.institutions and low_words[0] not in L.org_name_words:
                continue  # "the Coalition": too generic alone
            if not entry and _is_geo(words):
                continue
            acr = _acronym_after(tokens, ext_j, words, tokens[i - 1].text if i and tokens[i - 1].possessive else "")
            kind = (KIND_PERSON if entry.type == PERSON else KIND_ORG) if entry else KIND_ORG
            out.append(Candidate(
                text, kind, start=start, end=end, acronym=acr,
                roles=_role_cues(tokens, i, ext_j) if kind == KIND_PERSON else (),
                background=_background(sentence, start, seg_text),
                as_location=prev in _LOCATION_PREPS and " ".join(low_words) in L.institutions,
                **base,
            ))
            continue
        if _is_geo(words) or prev in L.locative and len(words) > 1 and not _role_cues(tokens, i, ext_j):
            continue
        if ext_j < len(tokens) and tokens[ext_j].lower in _BASE_FIRST_WORDS:
            continue  # "Victoria base", "Erbil airport": a place
        if any(_bad_person_word(w, p, len(words)) for p, w in enumerate(words)) or all(is_acronym(w) for w in words):
            if len(words) == 1 and is_acronym(words[0]) and words[0].lower() not in L.stopwords:
                says = ext_j < len(tokens) and tokens[ext_j].lower in _SAYS and not possessive
                out.append(Candidate(text, KIND_SURNAME, start=start, end=end,
                                     subject=says or _is_subject(tokens, i, ext_j), **base))
            continue
        parts = _name_parts(words)
        if i >= 2 and tokens[i - 1].lower in ("at", "of") and tokens[i - 2].lower in _AFFILIATION_ROLES:
            continue  # "a senior research fellow at Chatham House": an institution in a job title
        roles = _role_cues(tokens, i, ext_j)
        if len(parts) >= 2:
            acr = _acronym_after(tokens, ext_j, words)
            if acr is not None and not roles:
                # "Hurras al-Din (HaD)": people are not given acronyms, organisations are
                out.append(Candidate(text, KIND_ORG, start=start, end=end, acronym=acr, **base))
                continue
            out.append(Candidate(text, KIND_PERSON, start=start, end=end, roles=roles, **base))
        elif len(parts) == 1:
            says = ext_j < len(tokens) and tokens[ext_j].lower in _SAYS and not possessive
            out.append(Candidate(text, KIND_SURNAME, start=start, end=end, roles=roles,
                                 subject=_is_subject(tokens, i, ext_j) or says or _group_cue(tokens, i, ext_j),
                                 initial=i == lo, speaks=says, **base))
    return _mark_in_title(out, sentence, seg_text)


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
_SAYS = frozenset({"said", "says", "told", "added", "announced", "stated", "confirmed", "warned", "claimed", "denied"})
_ROLE_WORDS = sorted(set(L.roles) | {w for w in L.title_words if len(w) > 3}, key=len, reverse=True)
# org, then a job title, then the person: "KRG spokesman ", "Pentagon deputy press secretary "
_TITLE_AFTER_ORG = re.compile(
    r"^(?:['\u2019]s?)?\s+(?:[\w'\u2019-]+\s+){0,3}?(?:" + "|".join(map(re.escape, _ROLE_WORDS)) + r")\s*,?\s*"
    r"(?:[A-Z][\w.'\u2019-]*\.?\s+){0,3}$",
    re.I,
)
# a job title ending in "of the <org>": "a member of the Security and Defense Committee"
_TITLE_BEFORE_ORG = re.compile(
    r"\b(?:member|head|chief|chairman|chairwoman|chair|leader|spokesman|spokeswoman|spokesperson|official|"
    r"commander|director|secretary|minister|adviser|advisor|deputy|president|envoy|ambassador|fellow|researcher|"
    r"analyst|professor|scholar|expert|lecturer)\s+(?:of|for|at)\s+"
    r"(?:the\s+)?(?:[A-Z][\w'\u2019-]*\s+(?:and\s+|&\s+)?){0,4}$"
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
    "experts", "panel", "monitors", "observers", "staff", "workers", "employees", "member", "members"})


def _mark_modifiers(out: list[Candidate], sentence: Sentence) -> list[Candidate]:
    """An organisation used as an adjective ("UN data", "the African Union peacekeeping force", "UN
    peacekeepers") is not itself named as an actor there."""
    tokens = sentence.tokens
    for n, c in enumerate(out):
        if c.kind not in (KIND_ORG, KIND_SURNAME) or c.army or c.possessive or c.subject:
            continue
        nxt = next((t for t in tokens if t.start >= c.end), None)
        if nxt is not None and nxt.text.isalpha() and nxt.text.islower() and nxt.lower in _MODIFIED_NOUNS:
            out[n] = replace(c, modifier=True)
    return out


def _mark_in_title(out: list[Candidate], sentence: Sentence, seg_text: str) -> list[Candidate]:
    """Organisations named only as part of a person's job title."""
    out = _mark_modifiers(out, sentence)
    for n, c in enumerate(out):
        if c.kind not in (KIND_ORG, KIND_SURNAME, KIND_GOV) or c.subject:
            continue
        nxt = out[n + 1] if n + 1 < len(out) else None
        if nxt is not None and nxt.kind == KIND_PERSON and nxt.start - c.end <= 60 \
                and _TITLE_AFTER_ORG.match(seg_text[c.end: nxt.start]):
            out[n] = replace(c, in_title=True)
            continue
        before = seg_text[max(sentence.start, c.start - 80): c.start]
        if _TITLE_BEFORE_ORG.search(before):
            out[n] = replace(c, in_title=True)
        elif _DESCRIPTION_BEFORE.search(before) and _ROLE_AFTER_ORG.match(seg_text, c.end):
            out[n] = replace(c, in_title=True, described=True)
    return out


# "X, a senior Peshmerga commander": an organisation that only describes someone's post
_DESCRIPTION_BEFORE = re.compile(r",\s*(?:a|an)\s+(?:[a-z-]+\s+){0,2}$")
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
        c = _country_prefix(parts[0]) or L.country_by_form.get(parts[0].lower())
        if c is not None:
            name = c.part_of or c.name
            parts = [name] + parts[1:]
    return "O:" + skeleton_key(" ".join(parts))


def _army_name(forms: list[str]) -> str:
    """An army's page name: its proper name when the text gives one ("Sudanese Armed Forces"), else the
    first wording without a possessive ("Mali's army")."""
    proper = [f for f in forms if all(w[:1].isupper() for w in f.split()) and "'" not in f and "\u2019" not in f]
    return max(proper, key=lambda f: len(f.split())) if proper else forms[0]


def _drop_bare_registered_surnames(candidates: list[Candidate], key_of: list, type_of: dict) -> None:
    """A registered person named only by a one-word alias, never with a title, in this article ("Al-Sudani"
    in a Sudanese story is a newspaper): the register match is unclaimed."""
    strong: set[str] = set()
    for idx, c in enumerate(candidates):
        key = key_of[idx]
        if key and key.startswith("R:") and (c.titled or len(c.surface.split()) > 1 or c.roles):
            strong.add(key)
    for idx, key in enumerate(key_of):
        if key and key.startswith("R:") and type_of.get(key) == PERSON and key not in strong:
            key_of[idx] = None


def _bare_surname_of_absent(entry, c: Candidate, name_of: dict) -> bool:
    """A registered person's one-word alias ("Sudani") with no title, in an article that never names the
    person in full: too weak to be that person (in another story it is a newspaper or a family name)."""
    if entry.type != PERSON or c.titled or len(c.surface.split()) > 1:
        return False
    return ("R:" + entry.name) not in name_of


def find_actors(doc: Document, register: Register) -> ActorIndex:
    candidates: list[Candidate] = []
    for sentence in doc.sentences:
        candidates.extend(_sentence_candidates(doc, sentence, register))

    key_of: list[str | None] = [None] * len(candidates)
    name_of: dict[str, str] = {}
    type_of: dict[str, str] = {}
    registered: dict[str, bool] = {}
    roles_of: dict[str, set] = {}
    acronyms: dict[str, str] = {}
    person_by_surname: dict[str, list[str]] = {}

    def claim(idx: int, key: str, name: str, typ: str, reg: bool) -> None:
        key_of[idx] = key
        if key not in name_of or (not reg and len(name.split()) > len(name_of[key].split()) and not registered.get(key)):
            name_of[key] = name
        type_of.setdefault(key, typ)
        registered[key] = registered.get(key, False) or reg
        roles_of.setdefault(key, set()).update(candidates[idx].roles)

    defined = {c.acronym.lower() for c in candidates if c.acronym}
    # a name given an acronym as an organisation ("Hurras al-Din (HaD)") stays one when repeated
    acronym_orgs = {c.surface.lower() for c in candidates if c.acronym and c.kind == KIND_ORG}

    # pass 1: names that stand on their own
    for idx, c in enumerate(candidates):
        if c.surface.lower() in defined and not c.acronym:
            continue  # an acronym defined in the text resolves in pass 2
        if c.kind == KIND_GOV:
            key, name, reg = _government_key(c.country, register)
            claim(idx, key, name, ORGANIZATION, reg)
            continue
        if c.kind == KIND_SURNAME:
            continue
        entry = register.find(c.surface, "actor")
        if c.army and entry is None:
            claim(idx, "A:" + c.army, c.surface, ORGANIZATION, False)
            if c.acronym:
                acronyms[c.acronym.lower()] = key_of[idx]
            continue
        words = c.surface.replace(".", ". ").split()
        if entry is None and c.kind == KIND_PERSON:
            parts = _name_parts(words)
            if len(parts) >= 2:
                entry = register.find(parts[0] + " " + parts[-1], "actor")
        if entry is not None:
            claim(idx, "R:" + entry.name, entry.name, entry.type, True)
        elif c.kind == KIND_PERSON and c.surface.lower() not in acronym_orgs:
            claim(idx, "P:" + person_key(c.surface.split()), c.surface, PERSON, False)
        else:
            claim(idx, _org_key(c.surface), c.surface, ORGANIZATION, False)
        if c.acronym:
            acronyms[c.acronym.lower()] = key_of[idx]
        if type_of[key_of[idx]] == PERSON:
            parts = _name_parts(c.surface.split())
            if parts:
                person_by_surname.setdefault(surname_key(parts[-1]), []).append(key_of[idx])
                if len(parts) >= 3:
                    person_by_surname.setdefault(surname_key(parts[-2] + " " + parts[-1]), []).append(key_of[idx])

    # a short form of a located name in the same text: "the US Embassy" after "the US Embassy in Baghdad"
    located: dict[str, str] = {}
    for idx, c in enumerate(candidates):
        if key_of[idx] is not None and c.kind == KIND_ORG and " in " in c.surface:
            located.setdefault(c.surface.split(" in ")[0].lower(), key_of[idx])
    if located:
        for idx, c in enumerate(candidates):
            k = key_of[idx]
            target = located.get(c.surface.lower())
            if target and k != target and k is not None and k.startswith("O:"):
                key_of[idx] = target

    # pass 2: surname-only mentions, acronyms, register short forms
    for idx, c in enumerate(candidates):
        if key_of[idx] is not None or c.kind in (KIND_GOV,):
            continue
        if c.kind != KIND_SURNAME and c.surface.lower() not in defined:
            continue
        entry = register.find(c.surface, "actor")
        if entry is not None and not _bare_surname_of_absent(entry, c, name_of):
            claim(idx, "R:" + entry.name, entry.name, entry.type, True)
            continue
        acr = acronyms.get(c.surface.lower())
        if acr:
            claim(idx, acr, name_of[acr], type_of[acr], registered[acr])
            continue
        parts = _name_parts(c.surface.split()) or [c.surface]
        owners = person_by_surname.get(surname_key(parts[-1]))
        if owners:
            # the most recently introduced person with that surname
            key = owners[-1]
            claim(idx, key, name_of[key], type_of[key], registered[key])
        elif c.titled and c.surface[:1].isupper() and not is_acronym(c.surface):
            claim(idx, "P:" + person_key([c.surface]), c.surface, PERSON, False)

    _drop_bare_registered_surnames(candidates, key_of, type_of)

    # pass 3: a lone proper noun that acts ("Hezbollah said", "NATO has warned") is an organisation
    proper = {c.surface.lower() for c in candidates if c.kind == KIND_SURNAME and not c.initial}
    # A sentence's first word is capitalised by position: there it must speak or claim to count
    # ("Hezbollah said" but not "Sirens sounded"), unless it is capitalised mid-sentence elsewhere.
    acting = {c.surface.lower() for c in candidates if c.kind == KIND_SURNAME and c.subject and not c.possessive
              and (not c.initial or c.speaks or c.surface.lower() in proper) and not is_common_single([c.surface])}
    for idx, c in enumerate(candidates):
        low = c.surface.lower()
        if key_of[idx] is None and c.kind == KIND_SURNAME and low in acting:
            claim(idx, "O:" + skeleton_key(c.surface), c.surface, ORGANIZATION, False)

    # entities that only appear as background, as a location, or as non-subjects are dropped
    keep: dict[str, bool] = {}
    evidence: dict[str, set] = {}
    for idx, c in enumerate(candidates):
        key = key_of[idx]
        if key is None:
            continue
        ok = not c.background and not c.as_location and not c.described and not c.in_title \
            and not c.modifier
        keep[key] = keep.get(key, False) or ok
        if ok:
            evidence.setdefault(key, set()).update(candidate_evidence(c))
    for key in evidence:
        if registered.get(key):
            evidence[key].add(REGISTER)

    aliases: dict[str, list[str]] = {}
    sentences: dict[str, list[int]] = {}
    mentions: list[ActorMention] = []
    for idx, c in enumerate(candidates):
        key = key_of[idx]
        if key is None or not keep.get(key):
            continue
        alias = c.surface
        al = aliases.setdefault(key, [])
        if alias not in al:
            al.append(alias)
        form = c.form.rstrip("'\u2019").removesuffix("'s").removesuffix("\u2019s") if c.form else ""
        if form and form != alias and form not in al:
            al.append(form)  # the text's own wording of a rebuilt name
        sl = sentences.setdefault(key, [])
        if not sl or sl[-1] != c.sentence:
            sl.append(c.sentence)
        mentions.append(ActorMention(key, c.segment, c.start, c.end, c.sentence, c.possessive, c.kind))

    actors = []
    held = set()
    for key in aliases:
        name = name_of[key]
        if not registered[key] and type_of[key] == PERSON:
            name = max(aliases[key], key=lambda a: (len(_name_parts(a.split())), len(a)))
        elif key.startswith("A:"):
            name = _army_name(aliases[key])
        ev = evidence.get(key, set())
        if len(set(sentences[key])) >= 2:
            ev.add(REPEATED)
        if not admitted(ev, type_of[key], name, len(set(sentences[key]))):
            held.add(name)
        actors.append(Mention(
            name=name,
            type=type_of[key],
            aliases=tuple(aliases[key]),
            sentences=tuple(doc.sentences[i].text for i in sorted(set(sentences[key]))),
            registered=registered[key],
            evidence=ordered(ev),
            key_hint=key if key[:2] in ("A:", "G:") else "",
        ))
        name_of[key] = name
    mentions.sort(key=lambda m: (m.segment, m.start))
    return ActorIndex(
        tuple(actors),
        tuple(mentions),
        dict(name_of),
        dict(type_of),
        {k: frozenset(v) for k, v in roles_of.items()},
        frozenset(held),
    )
