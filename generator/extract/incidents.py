"""Incidents: the sentences of one article that report an attack, a claim or a condemnation.

Pure functions over an article's cleaned paragraphs, the bases and actors extraction found in
it, and its date. One function per rule; the words are in data/incidents.yml. What a sentence
does not say is left out: an actor gets a role only when the sentence gives it one, a number of
casualties only when the sentence writes it, a date only as precise as the sentence states it
(a weekday named without its date stays a weekday: the incident's day is not worked out from
the report's date; the date of a wire dateline, "Baghdad, Oct 23 (AFP).-", is the report's, not
the incident's; "a recent strike" or "last week" marks the incident as older news, `earlier`).
A sentence that speaks of several attacks, a threat or a hypothesis reports no incident.
Quotations are blanked before the rules read a sentence: a speaker's words are not the report's
account.

Event types follow ACLED's codebook: "Explosions/Remote violence" (sub-types SUB_TYPES[ATTACK])
and "Strategic developments" (claims of responsibility and condemnations).
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

from generator.datafile import load_yaml

from generator.extract.dateline import match_dateline
from generator.extract.dates import find_stamp, lead_date
from generator.extract.lexicon import LEXICON
from generator.extract.screen import lowering_may_miss, screened
from generator.extract.text import split_sentences
from generator.models import ATTACK, STRATEGIC, Incident, Mention, MonthDate

_DATA = load_yaml(Path(__file__).with_name("data") / "incidents.yml")
_I = re.IGNORECASE


def _rx(key: str) -> re.Pattern:
    return screened(re.compile(_DATA[key], _I))


ATTACK_KINDS = tuple((name, screened(re.compile(rx, _I))) for name, rx in _DATA["attack_kinds"])
GENERIC_ATTACK = "Attack"
CLAIM = "Claim of responsibility"
CONDEMNATION = "Condemnation"
STATEMENT = "Official statement"
SUB_TYPES = {ATTACK: (*(n for n, _ in ATTACK_KINDS), GENERIC_ATTACK), STRATEGIC: (CLAIM, CONDEMNATION, STATEMENT)}
TYPE_OF = {sub: typ for typ, subs in SUB_TYPES.items() for sub in subs}

_ATTACK_CUES = _rx("attack_cues")
_ATTACK_VERBS = _rx("attack_verbs")
_NOT_ONE_ATTACK = _rx("not_one_attack")
_CLAIM_CUES = _rx("claim_cues")
_CLAIM_DENIALS = _rx("claim_denials")
_CONDEMN_CUES = _rx("condemn_cues")
_CONDEMN_DENIALS = _rx("condemn_denials")
_GAP_WORDS = frozenset(w.lower() for w in _DATA["subject_gap_words"]) | LEXICON.weekdays
_SPOKES = _rx("spokesperson")
_SPOKES_REACH = int(_DATA["spokesperson_reach"])
_ATTACKER_BEFORE = _rx("attacker_before")
_ATTACKER_AFTER = _rx("attacker_after")
_TARGET_BEFORE = _rx("target_before")
_NUMBERS = {k.lower(): int(v) for k, v in _DATA["numbers"].items()}
_KILLED = tuple(screened(re.compile(p, _I)) for p in _DATA["killed_forms"])
_WOUNDED = tuple(screened(re.compile(p, _I)) for p in _DATA["wounded_forms"])
_NO_CASUALTIES = _rx("no_casualties")
_STATEMENT_CUES = _rx("statement_cues")
_EARLIER = _rx("earlier_cues")
_DIGIT_NEAR_START = re.compile(r"\d")
# a sentence without one of these word stems reports no incident: a substring test before any rule
_STEMS = tuple(_DATA["cue_stems"])


def _has_cue(text: str) -> bool:
    low = text.lower()
    return any(stem in low for stem in _STEMS)
_ANY_ATTACK = _rx("attack_words")
_QUOTED = screened(re.compile(r"\u201c[^\u201d]*\u201d?|\"[^\"]*\"?"))
_WEEKDAY = screened(re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"))
_WEEKDAYS = {d: i for i, d in enumerate("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())}
_MONTH_YEAR = screened(re.compile(r"\b(?:in|during|since|of)\s+(?P<mon>[A-Z][a-z]{2,8})\.?,?\s+(?P<year>(?:19|20)\d\d)\b"))
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")
_GOVERNED = re.compile(r"(?:\b(?:with|of|by|for|from|to|against|on|in|at|and|or|than|like)|-(?:led|backed|linked|aligned|allied|affiliated))\s+(?:the\s+)?$", _I)
# The clause that tells an earlier or other incident: "... after a US drone strike in Baghdad".
_OTHER_CLAUSE = screened(re.compile(r"\b(?:after|following|in response to|in retaliation for|amid|days after|weeks after|since)\b", _I))


def main_clause(text: str) -> str:
    """The text up to a clause about another incident ("following a rocket strike ..."), blanked after."""
    m = _OTHER_CLAUSE.search(text)
    return text if m is None else text[:m.start()] + " " * (len(text) - m.start())


# --------------------------------------------------------------------------- small rules

def blank_quotes(sentence: str) -> str:
    """The sentence with quoted words replaced by spaces (same length: spans stay valid). A sentence
    that starts inside a quotation (`They are here," X said.`) loses the words up to its close."""
    close = sentence.find("\u201d")
    if close >= 0 and sentence.find("\u201c", 0, close) < 0:
        sentence = " " * (close + 1) + sentence[close + 1:]
    if sentence.count('"') % 2 == 1 and not sentence.lstrip().startswith('"'):
        k = sentence.index('"')
        sentence = " " * (k + 1) + sentence[k + 1:]
    return _QUOTED.sub(lambda m: " " * len(m.group()), sentence)


def attack_kind(text: str) -> str | None:
    """The weapon's sub-type the text names first ("Drone strike"), None when it names none."""
    found = [(m.start(), name) for name, rx in ATTACK_KINDS if (m := rx.search(text))]
    return min(found)[1] if found else None


def reports_one_attack(text: str) -> bool:
    """An attack's verb or noun, and nothing that makes it several attacks, a threat or a hypothesis."""
    return bool(_ATTACK_CUES.search(text)) and not _NOT_ONE_ATTACK.search(text)


def tells_earlier(text: str) -> bool:
    """The sentence says the incident is not the day's news ("a recent strike", "last week")."""
    return bool(_EARLIER.search(text))


def is_claim(text: str) -> bool:
    return bool(_CLAIM_CUES.search(text)) and not _CLAIM_DENIALS.search(text)


def condemn_verb(text: str) -> re.Match | None:
    """The condemnation's verb, unless the sentence says it did not happen ("refused to condemn")."""
    if _CONDEMN_DENIALS.search(text):
        return None
    return _CONDEMN_CUES.search(text)


def _number(word: str) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    return _NUMBERS.get(w)


def casualties(text: str) -> tuple[int | None, int | None]:
    """(killed, wounded) as the text numbers them; "no casualties" is (0, 0); None where it says nothing."""
    if _NO_CASUALTIES.search(text):
        return 0, 0
    out = []
    for forms in (_KILLED, _WOUNDED):
        found = None
        for rx in forms:
            m = rx.search(text)
            if m and (n := _number(m.group("n"))) is not None:
                found = n
                break
        out.append(found)
    return out[0], out[1]


def incident_date(text: str, report: dt.date | None) -> tuple[dt.date | None, str | None, int | None]:
    """(date, precision, weekday) of the incident a sentence reports.

    A full date the sentence writes, or "on <Weekday>, <Month> <day>" (dates.lead_date, which
    needs the weekday to settle the year), gives the day; "in October 2023" the month; otherwise
    the report's own date with precision "week" (a named weekday is kept apart, as a check only).
    A stated date after the report's is not believed.
    """
    found = find_stamp(text)
    if found and found[0].alt is None and found[0].precision == "day":
        day = found[0].date
        if report is None or day <= report:
            return day, "day", None
    weekday = None
    m = _WEEKDAY.search(text)
    if m:
        weekday = _WEEKDAYS[m.group(1)]
    led = lead_date(text, [text], report if report is not None and not isinstance(report, MonthDate) else None)
    if led is not None and (report is None or led <= report):
        return led, "day", None
    mm = _MONTH_YEAR.search(text)
    if mm and (month := LEXICON.months.get(mm.group("mon").lower())):
        first = MonthDate(int(mm.group("year")), month, 1)
        if report is None or first <= report:
            return first, "month", None
    if report is None:
        return None, None, weekday
    if isinstance(report, MonthDate):
        return report, "month", weekday
    return report, "week", weekday


# --------------------------------------------------------------------------- names in a sentence

@lru_cache(maxsize=4096)
def _form_rx(form: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])", _I)


@lru_cache(maxsize=4096)
def _form_rx_exact(form: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])")


@lru_cache(maxsize=8192)
def _forms(name: str, aliases: tuple[str, ...]) -> tuple[tuple[str, str, bool], ...]:
    """A mention's spellings worth looking for, longest first, as (form, lower case, any case): one
    word as written ("Port" is not "port"), several words in any case; two letters only with a
    digit ("T4")."""
    out = []
    for form in sorted({name, *aliases}, key=lambda f: (-len(f), f)):
        if len(form) < 2 or (len(form) < 3 and not any(c.isdigit() for c in form)):
            continue
        out.append((form, form.lower(), " " in form))
    return tuple(out)


def _edge(c: str) -> bool:
    """An ASCII character that `[\\w-]` matches: a name cannot start or end next to it."""
    return c.isalnum() or c in "_-"


def _literal_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Where the patterns of `_form_rx`/`_form_rx_exact` match, for ASCII text and form (`needle` as
    written, or both in lower case for any case), found without them: each of the hundreds of
    forms a build looks for would otherwise compile a pattern in every process (0.5 s at 10,000
    articles). The same spans as `finditer`: leftmost first, the next search after a match's end."""
    out = []
    size, at = len(needle), text.find(needle)
    while at >= 0:
        end = at + size
        if (at == 0 or not _edge(text[at - 1])) and (end == len(text) or not _edge(text[end])):
            out.append((at, end))
            at = text.find(needle, end)
        else:
            at = text.find(needle, at + 1)
    return out


def name_spans(text: str, mentions: tuple[Mention, ...]) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of every mention named in the text, longest spelling first,
    never overlapping, in text order."""
    lowered = text.lower()
    ascii_text = text.isascii()
    unscreened = lowering_may_miss(text)  # "İRAN" names Iran, though "iran" is not in its lowercase
    hits = []
    for m in mentions:
        for form, low, any_case in _forms(m.name, m.aliases):
            if low not in lowered and not (any_case and unscreened):
                continue
            if ascii_text and form.isascii():  # lower() keeps every position
                hits += [(s, e, m.name) for s, e in (_literal_spans(lowered, low) if any_case
                                                     else _literal_spans(text, form))]
            else:
                rx = _form_rx(form) if any_case else _form_rx_exact(form)
                hits += [(x.start(), x.end(), m.name) for x in rx.finditer(text)]
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out: list[tuple[int, int, str]] = []
    for h in hits:
        if not out or h[0] >= out[-1][1]:
            out.append(h)
    return out


def subject_before(text: str, at: int, actors: list[tuple[int, int, str]]) -> str | None:
    """The actor whose name ends just before position `at`, with only adverbs, a weekday or a
    place between ("The Iraqi joint operations command in Baghdad condemned")."""
    before = [a for a in actors if a[1] <= at]
    if not before:
        return None
    start, end, name = before[-1]
    if _GOVERNED.search(text[max(0, start - 30):start]):
        return None  # "factions aligned with Iran have claimed": Iran is not the subject
    gap = text[end:at]
    if any(c in gap for c in ",;:\u201c\u201d\"()"):
        return None
    words = gap.split()
    if len(words) > 4:
        return None
    if all(w.lower() in _GAP_WORDS or w[:1].isupper() for w in words):
        return name
    return None


def spokespersons(text: str, actors: list[tuple[int, int, str]], people: frozenset[str]) -> list[str]:
    """People named right next to "spokesman" / "spokesperson" ("X, a spokesperson for Y", "Y's spokesman, X")."""
    out = []
    for m in _SPOKES.finditer(text):
        for start, end, name in actors:
            if name in people and (0 <= m.start() - end <= _SPOKES_REACH or 0 <= start - m.end() <= _SPOKES_REACH):
                if name not in out:
                    out.append(name)
    return out


def claimants(text: str, actors: list[tuple[int, int, str]]) -> list[str]:
    """The actor that claims: the subject of "claimed responsibility", or X in "claimed by X"."""
    m = _CLAIM_CUES.search(text)
    if not m:
        return []
    if m.group().lower().startswith("claimed by"):
        after = [a for a in actors if a[0] >= m.end() and not text[m.end():a[0]].strip(" the")]
        return [after[0][2]] if after else []
    who = subject_before(text, m.start(), actors)
    return [who] if who else []


def attackers(text: str, actors: list[tuple[int, int, str]]) -> list[str]:
    """"X launched/fired/carried out ..." and "... by X": the actor the sentence says attacked."""
    out = []
    for start, end, name in actors:
        if _ATTACKER_BEFORE.match(text[end:end + 40]) or _ATTACKER_AFTER.search(text[max(0, start - 12):start]):
            if re.search(r"\b(?:claimed|backed|supported|aligned|led)\s+by\s*$", text[max(0, start - 20):start], _I):
                continue
            out.append(name)
    return out


def targets(text: str, actors: list[tuple[int, int, str]]) -> list[str]:
    """Actors right after "targeting" / "attacked" / "struck": the ones the sentence says were attacked."""
    return [name for start, _, name in actors if _TARGET_BEFORE.search(text[max(0, start - 20):start])]


def object_words(text: str) -> tuple[str, ...]:
    """Content words of what a statement is about, lowercased, sorted: its wording, to compare."""
    stop = LEXICON.stopwords
    return tuple(sorted({w.lower() for w in _WORD.findall(text) if w.lower() not in stop}))


# --------------------------------------------------------------------------- the rules per sentence

def _roles(pairs) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for pair in pairs:
        if pair not in out:
            out.append(pair)
    return tuple(out)


def attack_incident(i: int, sentence: str, text: str, bases, actors, people, report, context="") -> Incident | None:
    """An attack at one named base, its weapon's sub-type, who attacked and who was hit, casualties."""
    other = [m.start() for m in (_CLAIM_CUES.search(text), _CONDEMN_CUES.search(text)) if m]
    if other and not _ATTACK_VERBS.search(text[:min(other)]):
        return None  # about a claim or a condemnation (made or denied), not the attack's own report
    text = main_clause(text)
    if not reports_one_attack(text):
        return None
    named = {b[2] for b in bases if b[1] <= len(text.rstrip())}
    if len(named) != 1:
        return None
    kind = attack_kind(text) or GENERIC_ATTACK
    date, precision, weekday = incident_date(text, report)
    killed, wounded = casualties(text)
    roles = [(n, "attacker") for n in attackers(text, actors)] + [(n, "target") for n in targets(text, actors)]
    return Incident(i, sentence, ATTACK, kind, next(iter(named)), _roles(roles), date, precision, weekday,
                    tells_earlier(text) if precision == "week" else False, killed, wounded)


def claim_incident(i: int, sentence: str, text: str, bases, actors, people, report, context="") -> Incident | None:
    """A claim of responsibility by a named actor, at the base it names (if it names one)."""
    if not is_claim(text) or _NOT_ONE_ATTACK.search(text):
        return None
    who = claimants(text, actors)
    if not who:
        return None
    named = {b[2] for b in bases}
    if len(named) > 1:
        return None
    date, precision, weekday = incident_date(text, report)
    kind = attack_kind(text)
    return Incident(i, sentence, STRATEGIC, CLAIM, next(iter(named), None), _roles((n, "claimant") for n in who),
                    date, precision, weekday, tells_earlier(text) if precision == "week" else False, object_kind=kind)


def condemnation_incident(i: int, sentence: str, text: str, bases, actors, people, report, context="") -> Incident | None:
    """A named actor condemns something: what (its wording, the weapon, the bases) and its spokesperson."""
    verb = condemn_verb(text)
    if verb is None:
        return None
    who = subject_before(text, verb.start(), actors)
    if who is None:
        return None
    obj = main_clause(text[verb.end():])
    objects = tuple(dict.fromkeys(b[2] for b in bases if verb.end() <= b[0] < verb.end() + len(obj.rstrip())))
    date, precision, weekday = incident_date(text, report)
    roles = [(who, "condemner")] + [(n, "spokesperson") for n in spokespersons(text, actors, people) if n != who]
    spokes = _SPOKES.search(text)
    return Incident(i, sentence, STRATEGIC, CONDEMNATION, None, _roles(roles), date, precision, weekday,
                    object_words=object_words(obj), object_kind=attack_kind(obj), objects=objects,
                    side=speaks_for(text, spokes) if spokes and len(roles) > 1 else None)


def speaks_for(text: str, spokes: re.Match) -> str | None:
    """The country a spokesperson speaks for, as the sentence says: "a spokesman for Iraqi Prime
    Minister", "Iraq's military spokesman"."""
    near = text[max(0, spokes.start() - _SPOKES_REACH): spokes.end() + _SPOKES_REACH]
    for word in re.findall(r"[A-Z][a-z]+", near):
        country = LEXICON.country_by_demonym.get(word.lower()) or LEXICON.country_by_form.get(word.lower())
        if country is not None:
            return country.name
    return None


def statement_incident(i: int, sentence: str, text: str, bases, actors, people, report, context="") -> Incident | None:
    """A spokesperson's statement about attacks ("X, a spokesperson for the Iraqi Prime Minister, said
    in a statement"): the speaker, whom they speak for, and the statement's words (its quotes)."""
    spokes = _SPOKES.search(text)
    if spokes is None or not _STATEMENT_CUES.search(text) or not _ANY_ATTACK.search(context):
        return None
    who = spokespersons(text, actors, people)
    if len(who) != 1:
        return None
    quoted = " ".join(m.group() for m in _QUOTED.finditer(context))
    if not quoted.strip():
        return None
    date, precision, weekday = incident_date(text, report)
    return Incident(i, sentence, STRATEGIC, STATEMENT, None, ((who[0], "spokesperson"),), date, precision, weekday,
                    object_words=object_words(quoted), object_kind=None,
                    objects=tuple(dict.fromkeys(b[2] for b in bases)), side=speaks_for(text, spokes))


def dated_opener(paragraph: str) -> int:
    """The length of a wire dateline that carries a date ("Baghdad, Oct 23, 2023 (AFP).-"), else 0:
    that date is when the report was filed, not when the incident happened."""
    if not _DIGIT_NEAR_START.search(paragraph, 0, 80):  # no day number where a dateline could write one
        return 0
    found = match_dateline(paragraph)
    return found.end if found is not None and found.month_day is not None else 0


def _opens_inside_quote(para: str, at: int) -> int | None:
    """Where the quotation that position `at` of the paragraph lies inside begins, or None."""
    curly_open, curly_close = para.rfind("\u201c", 0, at), para.rfind("\u201d", 0, at)
    if curly_open > curly_close:
        return curly_open
    if para.count('"', 0, at) % 2 == 1:
        return para.rfind('"', 0, at)
    return None


RULES = (claim_incident, condemnation_incident, attack_incident, statement_incident)  # first that matches a sentence wins


def find_incidents(paragraphs: tuple[str, ...], report: dt.date | None, bases: tuple[Mention, ...],
                   actors: tuple[Mention, ...]) -> tuple[Incident, ...]:
    """Every incident the article's sentences report, in reading order (one per sentence at most).
    `report` is the article's date; `bases` and `actors` what extraction found in it."""
    people = frozenset(m.name for m in actors if m.type == "person")
    out = []
    for i, para in enumerate(paragraphs):
        if not _has_cue(para):
            continue
        for s, e in split_sentences(para):
            if not _has_cue(para[s:e]):
                continue
            sentence = para[s:e].strip()
            text = blank_quotes(sentence)
            if s == 0 and (opener := min(dated_opener(para), len(text))):  # "Baghdad, Oct 23 (AFP).-":
                text = " " * opener + text[opener:]  # the report's date, not the incident's
            opened = _opens_inside_quote(para, s)
            if opened is not None:  # shown from the quotation's start: the sentence alone would start mid-quote
                sentence = para[opened:e].strip()
                text = " " * (len(sentence) - len(text)) + text
            found_bases = name_spans(text, bases)
            found_actors = name_spans(text, actors)
            for rule in RULES:
                incident = rule(i, sentence, text, found_bases, found_actors, people, report, para)
                if incident is not None:
                    out.append(incident)
                    break
    return tuple(out)
