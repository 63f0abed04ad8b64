"""Quotes and who said them (the spans themselves come from spans.py).

The speaker is the subject of the verb of saying in the quote's own sentence,
tried in this order: the rest of its sentence after it ("..., Yehia Rasool
said", "read the statement", "according to a Pentagon spokesperson", "he
said"), the sentence before it up to the quote, using the verb of saying
nearest the quote ("Sistani called ... “terrible brutality”"), a clause
closing the sentence (", the GNA said."), a sentence-opening participle
phrase ("Citing “...”, the ministry closed"); then the previous quote in the
paragraph, then (for a paragraph that opens with a quote) the previous
paragraph's speaker, then a sentence that goes on with the report before it.
When none of these settles it the speaker is None (listed by `review`).

References are resolved: actor mentions directly; "he/she" to the first
person of the nearest sentence naming one; "it" to an organisation subject
of the sentence before; "the spokesperson" to the last person given that
role; "the statement" to whoever issued it; "the force" / "the UN agency" to
a body named with that word or heading the sentence before; unnamed sources
("the Iraqi MP", "a security source", "the authorities") give None.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace

from generator.models import ORGANIZATION, PERSON, Mention, Quote
from generator.read.register import Register
from generator.extract.actors import _DESCRIPTION_BEFORE, _HONORIFICS, _ROLE_AFTER_ORG, APPOSITIVE_POST, ActorIndex, \
    ActorMention, _country_or_capital, _government_key, surname_key
from generator.extract.chunks import find_chunks as _chunks
from generator.extract.document import Document
from generator.extract.gazetteer import city
from generator.extract.lexicon import LEXICON as L, is_place_word
from generator.extract.spans import CLOSE as _CLOSE, INVERTED_VERBS as _INVERTED_VERBS, OPEN as _OPEN, WORD, Span, find_spans, \
    is_label, scan_segment
from generator.extract.text import tokenize
from generator.extract.words import given_name_gender, is_common_word, is_given_name

_MAX_QUOTES = 400  # per article: bounds attribution work on pathological input

# the verbs of saying, longest first, as a pattern
_SPEECH_WORDS = "|".join(sorted(map(re.escape, L.speech_verbs), key=len, reverse=True))
_SPEECH = re.compile(r"\b(?:" + _SPEECH_WORDS + r")\b", re.I)
_ACCORDING = re.compile(r"\baccording to\b|\bin the words of\b", re.I)  # "in the words of the prosecutor, X,"
_PRONOUN = re.compile(r"\b(he|she|they|it)\b|\b(his|her)\s+office\b"
                      # a description that stands for the one just named, as "he" or "she" would ("The father-of-four
                      # told The Sun:", "the 36-year-old woman said")
                      r"|\bthe\s+(?:\d{1,3}-year-old\s+(man|boy|woman|girl)|(father|mother|grandfather|grandmother)"
                      r"-of-[a-z]+)\b", re.I)
_DESCRIBED_SHE = frozenset({"woman", "girl", "mother", "grandmother"})
_PRONOUN_REACH = 12  # a match ending this far before the end of a range cannot depend on where it ends
# how far back a pronoun looks for its antecedent inside its own sentence: every pronoun of a run-on
# text would otherwise re-read all that precedes it (the square of the sentence's length); news
# sentences are far shorter, and past this the pronoun is left unresolved rather than guessed
_OWN_SENTENCE_REACH = 1500
_PRONOUN_CHAIN = 4  # "He ... He ... he said": how many clauses a pronoun follows back through their own "he"
_OFFICE_AFTER = re.compile(r"['\u2019]s?\s+(?:media\s+|press\s+)?office\b", re.I)
# an appositive name after an unnamed description: "A member of the committee, MP X," / "The spokesman, Maj. Gen. X,"
_APPOSITIVE_NAME = re.compile(r"[^,.;\"\u201c\u201d]{0,60},\s*(?:[A-Z][\w.'\u2019-]*\s+){0,4}$")
# "the office of Prime Minister X", "a spokesperson for the Pentagon": the named actor speaks
_OF_NAME = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w.'\u2019-]*\s+){0,4}$")
# a speech verb coordinated with the sentence's subject: "..." and warned that ...
_APPOSITIVE_AFTER_ORG = re.compile(r"\s*,\s*(?:[A-Z][\w'\u2019-]*\.?\s+){0,3}$")
_QUOTING = re.compile(r",\s*quoting\b", re.I)
_OF_BEFORE = re.compile(r"\b(?:of|for)\s+(?:the\s+)?$", re.I)
_QUOTE_NEXT = re.compile("\\s*[\u201c\"\u2018]")
_STATEMENT_BY = re.compile(r"\s+(?:(?:issued|released)\s+(?:by|from)|by|from|(?:published|posted)\s+(?:by|on))\s+", re.I)
# "a statement from the ministry": an unnamed issuer that a later reference resolves
_ISSUER_NOMINAL = re.compile(
    r"\s+(?:(?:issued|released)\s+(?:by|from)|by|from|(?:published|posted)\s+(?:by|on))\s+(?:the|a|an|its|his|her)\s+(?:[\w'\u2019-]+\s+){0,4}?(?:"
    + "|".join(map(re.escape, sorted(set(L.roles) | set(L.anonymous_nouns) | set(L.org_nouns), key=len, reverse=True)))
    + r")\b", re.I)
_EMBEDDED_END = re.compile(r"[\s\u201d\u2019\"']*[,.;:!?\u2014\u2013-]")
# the text after a quote opens a new clause with its own speaker: "..., while Syria's ministry said"
_NEW_CLAUSE = re.compile(r"[\s,]*(?:;|(?:while|whereas|although|though|if|unless|because|when|after|before|until|"
                         r"since|which|who|where|as)\b)", re.I)
_COORDINATED_VERB = re.compile(r"[\s,]*(?:and|but)\s+(?:then\s+|also\s+)?[a-z]+", re.I)
_MODALS = frozenset({"would", "will", "had", "has", "have", "was", "were", "is", "are", "could", "should",
                     "must", "may", "might", "can", "did", "does", "do"})
_THAT = re.compile(r"\bthat\b", re.I)
_GROUP_NOUNS = L.cues["group_nouns"]
# body nouns any kind of organisation goes by ("the force", "the UN agency"); "the ministry" or "the
# police" name a kind of body, so only a name holding that word resolves them
_GENERIC_BODY_NOUNS = frozenset({"force", "agency", "mission"})
_BODY_NOUNS = frozenset(w for w in L.org_nouns if not w.endswith("s") or w in ("forces", "headquarters")) | _GROUP_NOUNS
# "one source said", "another official told": the unnamed one speaks right there
_SAYS_NEXT = re.compile(r"(?:\s+[a-z]+ly)?\s+(?:" + _SPEECH_WORDS + r")\b", re.I)
_SAID_BEFORE = re.compile(r"\b(?:" + _SPEECH_WORDS + r"|according\s+to)\s+$", re.I)
# a body's name, then an unnamed person of it: "State Department official", "Pentagon spokesman"
_BODYS_PERSON = re.compile(r"[A-Z][\w.'\u2019-]*(?:\s+[A-Za-z][\w.'\u2019-]*){0,3}?\s+(?:[a-z-]+\s+)?(?:"
                           + "|".join(sorted(map(re.escape, {"official", "spokesman", "spokeswoman",
                                                             "spokesperson", "source", "diplomat", "officer"}),
                                             key=len, reverse=True)) + r")\b")
_OFFICE_BEFORE_GENERAL = re.compile(r"\b(?:inspector|attorney|solicitor|surgeon|secretary|director|postmaster|"
                                    r"adjutant|governor|consul|procurator|prosecutor|auditor|comptroller)[\s-]+$", re.I)
_INDEFINITE_BEFORE = re.compile(r"\b(?:a|an|another|one)\s+(?:[a-z-]+\s+)?$", re.I)  # "A second ", "a senior "
# anonymous nouns of things, not people: never what "he" or "she" stands for
_NO_ONES = frozenset({"report", "reports", "statement", "media", "outlet", "agency", "website"})
_NOMINAL_NOUNS = sorted(set(L.roles) | set(L.anonymous_nouns) | _BODY_NOUNS, key=len, reverse=True)
# words that end a description: "the coordination said in a statement" holds two, not one
_FILLER_STOPS = _SPEECH_WORDS + "|in|on|at|by|from|to|with|that"
_NOMINAL = re.compile(
    r"(?<![\w-])(?P<det>the|a|an|one|another)\s+(?:(?!(?:" + _FILLER_STOPS + r")\b)[\w'\u2019-]+\s+){0,4}?(?P<noun>" + "|".join(map(re.escape, _NOMINAL_NOUNS)) + r")\b(?!-)",
    re.I,
)
# "general" before a body's noun is an adjective ("the Ukrainian general prosecutor's office", "the general staff"),
# no general ("the general secretary", "the general counsel" are people)
_GENERAL_BEFORE_A_BODY = re.compile(r"\s+(?:staff|assembly|consensus|strike|directorate|command|headquarters|"
                          r"prosecutor['\u2019]s\s+office)\b", re.I)
# "the general secretary", "the general election": a noun that "general" describes (not "the general who")
_A_NOUN_NEXT = re.compile(r"\s+(?:secretar(?:y|ies)|managers?|elections?|public|counsel|practitioners?|population|"
                          r"director|hospital|council|meeting|rule|sense|mood|trend|principle|picture|view)\b", re.I)
# "director of the Nagyatad camp ": a role, what it is of (capitalised words, no verb), then its holder
_TITLE_THEN_HOLDER = re.compile(r"(?:(?:the|a|an|its|their)\s+)?(?:(?:[A-Z][\w-]*\s+){0,3}[\w-]+(?:['\u2019]s|s['\u2019])\s+)?"
                                r"(?:[a-z-]+\s+){0,2}[\w-]+\s+(?:(?:of|for|at)\s+(?:the\s+)?(?:[A-Z][\w'\u2019-]*\s+|[a-z-]+\s+){0,4})?$")
# "X quoted Y as saying": Y (group 1) is the speaker
_QUOTED_AS = re.compile(r"\bquoted\s+(.{2,80}?)\s+as\s+(?:saying|telling|stating)\b", re.I)
_ROLE_BETWEEN = re.compile(
    r"\)?\s+(?:\([A-Z][\w.-]*\)\s+)?(?:[\w'\u2019-]+\s+){0,3}?(?:" + "|".join(map(re.escape, sorted(L.roles, key=len, reverse=True))) + r")\b[^.;]{0,60}?$",
    re.I,
)
_STATEMENT_NEXT = re.compile(r"\s+statement\b", re.I)
_AUX = r"(?:would|will|had|has|have|was|were|is|are|could|should|must|may|might|can|did|does|do|be|been|being|not)\b"
# "the <noun> said": a determiner, at most two lowercase words, a noun (or a title and what it is of: "The
# Archbishop of Canterbury said"), a verb of saying (not a participle naming what the noun is for: "a general
# election predicted for next May")
_UNKNOWN_SUBJECT = re.compile(
    r"(?<![\w-])(?:[Tt]he|[Aa]n?)\s+(?:(?!" + _AUX + r")[a-z][\w'\u2019-]*\s+){0,2}?(?!" + _AUX + r")"
    r"(?P<noun>[a-z][\w-]+|[A-Z][a-z][\w-]+(?=\s+of\s))(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w'\u2019-]*\s+){0,2}[A-Z][\w'\u2019-]*)?\s+(?=(?:"
    + _SPEECH_WORDS + r")\b(?!\s+for\b))")
_KNOWN_NOUNS = frozenset(_NOMINAL_NOUNS) | frozenset(w.lower() for w in L.org_nouns)
# '"...," Continental said in a statement to Reuters': capitalised words right before a verb of saying, opening
# their clause, are its subject; a name the article gives no actor speaks for no one the archive knows, and the
# reference after the verb ("to Reuters") is not the speaker
_NAMED_SUBJECT = re.compile(
    r"(?<![\w'\u2019.-])(?P<name>[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,3})\s+(?=(?:" + _SPEECH_WORDS
    + r")\b(?!\s+for\b))")
# what closes the text before a clause's first word: a sentence's end, a quote, a comma or a dash
_BEFORE_A_CLAUSE = frozenset(",.;:!?\"'\u201c\u201d\u2018\u2019\u2014\u2013()")
_A_SENTENCE_ENDS = frozenset(".!?")
# "which critics claimed", ", and residents said": a bare plural noun opening a clause before a verb of saying
# is its subject, and names no one (not after a comma alone: ", aides said" reports the sentence's subject)
_BARE_PLURAL_SUBJECT = re.compile(
    r"\b(?:which|that|and|but|while|whereas|as|where|when|though|although)\s+(?P<noun>[a-z][a-z-]{2,}s)\s+(?=(?:"
    + _SPEECH_WORDS + r")\b)")
_NOT_PLURAL_NOUNS = frozenset({"thus", "this", "his", "its", "was", "has", "does", "yes", "whereas", "unless",
                               "always", "perhaps", "nevertheless", "nonetheless", "besides", "towards",
                               "afterwards", "sometimes", "ours", "yours", "theirs", "hers"}) | L.adverbs
# a sentence opening with a participle phrase before its subject pronoun: "Underlining the need ..., she"
_OPENER_BEFORE = re.compile(r"\W*[A-Z][a-z]+ing\b[^;]*,\s*$")
# an adverbial clause opening a sentence, up to its comma (no quote, no clause break inside)
_CLAUSE_OPENER = re.compile(
    r"\s*(?:In|At|After|Following|During|On|With|Despite|Before|While|Whilst|Although|Though|As|When|Since|Amid|"
    r"Speaking|Addressing|Asked|Responding|Referring|Unlike|Under|Upon|Hours|Days|Shortly)\b[^,;:\"\u201c\u201d]{1,200},\s*")
# "were reported by", "was announced by": the agent of a passive verb of saying
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being|be)\s+(?:[a-z]+ly\s+)?$", re.I)
_BY_AFTER = re.compile(r"\s+by\s+", re.I)
# a sentence that goes on with what was just reported: "They fired ...", "It added ..."
_OPENS_WITH_PRONOUN = re.compile(r"\W*(?:They|It|He|She)\b")
_IN_A_STATEMENT = re.compile(r"\b(?:in|through|via|with|from|by)\s*$", re.I)


# ---------------------------------------------------------------- attribution


@dataclass(frozen=True)
class Ref:
    """A reference to a speaker found in context text."""

    at: int
    kind: str  # "actor" | "pronoun" | "nominal" | "statement" | "body"
    key: str | None = None
    word: str = ""
    anonymous: bool = False
    length: int = field(default=0, compare=False)  # of a pronoun's match


class _Context:
    """Per-article lookup tables for attribution (built once, read many times)."""

    def __init__(self, doc: Document, actors: ActorIndex, spans: list[Span], register: Register,
                 labels: list[tuple[int, int, int]] = ()):
        self.doc = doc
        self.actors = actors
        self.register = register
        self.by_segment: dict[int, list[ActorMention]] = {}
        # quotes and labels in quotation marks: no one inside either is a speaker ('on "The Late Show with
        # Stephen Colbert," Nancy Pelosi said': not Colbert)
        self.quoted: dict[int, list[tuple[int, int]]] = {}
        for seg, a, b in sorted([(sp.segment, sp.open_at, sp.close_at) for sp in spans] + list(labels)):
            self.quoted.setdefault(seg, []).append((a, b))
        self.quoted_starts = {seg: [a for a, _ in v] for seg, v in self.quoted.items()}
        for m in actors.mentions:
            if not self._inside_quote(m.segment, m.start):
                self.by_segment.setdefault(m.segment, []).append(m)
        self.sentences_of: dict[int, list] = {}
        for s in doc.sentences:
            self.sentences_of.setdefault(s.segment, []).append(s)
        self.sentence_starts = {seg: [s.start for s in v] for seg, v in self.sentences_of.items()}
        self.mention_starts = {seg: [m.start for m in v] for seg, v in self.by_segment.items()}
        self._honorifics = {(m.segment, m.start): m.gender for m in actors.mentions if m.gender}
        self._named_words: frozenset[str] | None = None  # `_actor_words`, found on first use
        # Attribution asks the same questions of the same text for many quotes (every quote of a
        # sentence looks at its tail; every pronoun walks back over the same sentences): the answers
        # that depend on the text alone are kept, so each quote costs its own neighbourhood, not the
        # article (issue 13: 8 s for 8 KB of quotes and pronouns).
        self._refs: dict[tuple[int, int, int], list[Ref]] = {}
        self._mention_ref: dict[tuple[int, int, bool, int | None], Ref | None] = {}
        self._pronouns: dict[int, tuple[list, list, list]] = {}
        self._unquoted: dict[tuple[int, int, int], str] = {}
        self._earlier: dict[tuple, tuple[list, list]] = {}
        self.governments = {m.key for m in actors.mentions if m.kind == "gov"}
        self.spoken: list[str] = []  # speakers credited so far, in reading order
        self.statement_key: str | None = None  # the issuer of the last statement quoted
        self.in_statement = False  # guards statement_issuer against resolving a statement by itself

    def _inside_quote(self, seg: int, pos: int) -> bool:
        starts = self.quoted_starts.get(seg)
        if not starts:
            return False
        k = bisect_right(starts, pos) - 1
        return k >= 0 and pos < self.quoted[seg][k][1]

    def sentence_at(self, seg: int, pos: int):
        sents = self.sentences_of.get(seg, ())
        k = bisect_right(self.sentence_starts.get(seg, ()), pos) - 1
        return sents[k] if k >= 0 else None

    def sentences_before(self, seg: int, sent) -> int:
        """How many sentences of the segment end before `sent` starts."""
        sents = self.sentences_of.get(seg, ())
        k = bisect_right(self.sentence_starts.get(seg, ()), sent.start)
        while k > 0 and sents[k - 1].end > sent.start:
            k -= 1
        return k

    def mentions_between(self, seg: int, a: int, b: int) -> list[ActorMention]:
        """Mentions outside quotes starting in [a, b), in reading order (the list is sorted by start)."""
        lo, hi = self._mention_range(seg, a, b)
        return self.by_segment[seg][lo:hi] if hi > lo else []

    def _mention_range(self, seg: int, a: int, b: int) -> tuple[int, int]:
        """The indexes in the segment's mentions of those starting in [a, b)."""
        starts = self.mention_starts.get(seg)
        if not starts:
            return 0, 0
        return bisect_left(starts, a), bisect_left(starts, b)

    def refs(self, seg: int, a: int, b: int) -> list[Ref]:
        """References in segment text [a, b), outside quotes, in reading order (a fresh list)."""
        key = (seg, a, b)
        if key not in self._refs:
            self._refs[key] = self._find_refs(seg, a, b)
        return list(self._refs[key])

    def _find_refs(self, seg: int, a: int, b: int) -> list[Ref]:
        mentions = self.mentions_between(seg, a, b)
        nominals, modifiers = self._nominal_refs(seg, a, b, mentions)
        out = [r for r in self._mention_refs(seg, a, b) if r.at not in modifiers]
        out += self._pronoun_refs(seg, a, b) + nominals + self._unknown_subject_refs(seg, a, b, mentions)
        out.sort(key=lambda r: r.at)
        return out

    def _mention_refs(self, seg: int, a: int, b: int) -> list[Ref]:
        """Actor mentions of [a, b) that can be a speaker. A mention's reading depends only on the mention
        before it and the next of another entity inside the range, so it is worked out once for each such
        pair: the many ranges a run-on sentence's quotes ask for (its start to each quote) share it."""
        lo, hi = self._mention_range(seg, a, b)
        mentions, out = self.by_segment.get(seg, []), []
        for n in range(lo, hi):
            nxt = next((k for k in range(n + 1, hi) if mentions[k].key != mentions[n].key), None)
            key = (seg, n, n > lo, nxt)
            if key not in self._mention_ref:
                self._mention_ref[key] = self._mention_ref_of(
                    seg, mentions[n], mentions[n - 1] if n > lo else None, mentions[nxt] if nxt is not None else None)
            if self._mention_ref[key] is not None:
                out.append(self._mention_ref[key])
        return out

    def _mention_ref_of(self, seg: int, m: ActorMention, prev: ActorMention | None,
                        nxt: ActorMention | None) -> Ref | None:
        """The mention as a possible speaker, or None: not a possessive ("X's forces"), not a group named
        before its own spokesman or leader ("Kataib Hezbollah spokesman X said": X speaks)."""
        text = self.doc.segments[seg]
        if m.possessive:
            # "Sudani's office said": the person's office speaks for them
            if self.actors.type_of.get(m.key) == PERSON and _OFFICE_AFTER.match(text, m.end):
                return Ref(m.start, "actor", m.key)
            return None
        if prev is not None and self.actors.type_of.get(m.key) == ORGANIZATION \
                and self.actors.type_of.get(prev.key) == PERSON \
                and (APPOSITIVE_POST.match(text[prev.end:m.start])
                     or (_DESCRIPTION_BEFORE.fullmatch(text, prev.end, m.start) and _ROLE_AFTER_ORG.match(text, m.end))):
            # "X, a strategist at Y told Reuters", "X, a Lufthansa spokesman told the BBC": the appositive's
            # comma is missing; X speaks
            return None
        # the next mention of another entity ("Kurdistan Workers Party (PKK) committee member X": past the acronym)
        if nxt is not None and self.actors.type_of.get(nxt.key) == PERSON and self._named_before_its_person(text, m, nxt):
            return None
        return Ref(m.start, "actor", m.key)

    def _named_before_its_person(self, text: str, m: ActorMention, nxt: ActorMention) -> bool:
        """The mention only says whose the person after it is: a body, or any name before a role or trade
        ("Kataib Hezbollah spokesman X said", "Deutsche Bank economist X said", "Trump adviser X said")."""
        between = (m.end, nxt.start)
        if _names_a_trade(text[m.end:nxt.start]):
            return True  # "Morgan Stanley equity strategist X said"
        if self.actors.type_of.get(m.key) != ORGANIZATION:
            return False  # "X, adviser to President Y, said", "X and chief operating officer Y said": X speaks
        if _ROLE_BETWEEN.match(text, *between) and not _SPEECH.search(text, *between) and not _THAT.search(text, *between):
            return True  # "Kataib Hezbollah spokesman X said"
        if not text[m.end:nxt.start].strip():
            return True  # "the Refugee Council Enver Solomon told": the person named right after the body speaks
        # "The Secretary-General of Harakat al-Nujaba, Sheikh X, said": X speaks
        return bool(_APPOSITIVE_AFTER_ORG.match(text, *between) and _OF_BEFORE.search(text, max(0, m.start - 12), m.start))

    def _pronoun_refs(self, seg: int, a: int, b: int) -> list[Ref]:
        """The pronouns of [a, b): those of the whole segment (found once) that end well before b, then a
        scan of the rest, where the end of the range can change a match ("...he" cut from "...hello")."""
        if seg not in self._pronouns:
            found = self._scan_pronouns(seg, 0, len(self.doc.segments[seg]))
            self._pronouns[seg] = ([r.at for r in found], [r.at + r.length for r in found], found)
        starts, ends, found = self._pronouns[seg]
        lo, hi = bisect_left(starts, a), bisect_right(ends, b - _PRONOUN_REACH)
        kept = found[lo:hi] if hi > lo else []
        return kept + self._scan_pronouns(seg, ends[hi - 1] if kept else a, b)

    def _scan_pronouns(self, seg: int, a: int, b: int) -> list[Ref]:
        out = []
        for pm in _PRONOUN.finditer(self.doc.segments[seg], a, b):
            if not self._inside_quote(seg, pm.start()):
                if pm.group(1) or pm.group(2):
                    word = (pm.group(1) or "").lower() or ("she" if pm.group(2).lower() == "her" else "he")
                else:
                    word = "she" if (pm.group(3) or pm.group(4)).lower() in _DESCRIBED_SHE else "he"
                out.append(Ref(pm.start(), "pronoun", word=word, length=pm.end() - pm.start()))
        return out

    def _nominal_refs(self, seg: int, a: int, b: int, mentions: list[ActorMention]) -> tuple[list[Ref], set[int]]:
        """Descriptions ("the spokesperson", "the ministry", "a security source", "the statement"), and the
        positions of actor mentions that only modify a body noun ("the UN agency": another body)."""
        text, out, modifiers = self.doc.segments[seg], [], set()
        for nm in _NOMINAL.finditer(text, a, b):
            pos, end = nm.start(), nm.end()
            if self._inside_quote(seg, pos):
                continue
            noun, det = nm.group("noun").lower(), nm.group("det").lower()
            if det in ("one", "another") and not (_SAYS_NEXT.match(text, end)
                                                  or _SAID_BEFORE.search(text, max(0, pos - 16), pos)):
                continue  # "said one source", "one official said"; not "One woman on the move is X"
            if noun == "general" and (_GENERAL_BEFORE_A_BODY.match(text, end) or _A_NOUN_NEXT.match(text, end)):
                continue  # "the Ukrainian general prosecutor's office", "the general secretary": no general
            inner = [m for m in mentions if pos <= m.start < end]
            if inner and not self._modifies_body(det, noun, inner, nm.start("noun")):
                continue  # "a Pentagon spokesperson": the actor mention speaks
            modifiers.update(m.start for m in inner)
            ref = self._nominal_ref(text, nm, noun, det, mentions)
            if ref is not None:
                out.append(ref)
        return out, modifiers

    def _modifies_body(self, det: str, noun: str, inner: list[ActorMention], noun_at: int) -> bool:
        """"the UN agency", "the army-aligned health ministry": a body the actor only qualifies."""
        return det == "the" and noun in _BODY_NOUNS and noun not in L.roles and noun not in _GROUP_NOUNS \
            and all(m.end <= noun_at and self.actors.type_of.get(m.key) == ORGANIZATION for m in inner)

    def _nominal_ref(self, text: str, nm, noun: str, det: str, mentions: list[ActorMention]) -> Ref | None:
        pos, end = nm.start(), nm.end()
        if noun != "statement" and _STATEMENT_NEXT.match(text, end):
            return Ref(pos, "statement")  # "the official statement said": an adjective, not the official
        if noun == "statement" and _IN_A_STATEMENT.search(text[max(0, pos - 12): pos]):
            return None  # "in a statement" is how, not who
        if noun == "statement" and _STATEMENT_BY.match(text, end) and (any(
                0 <= m.start - end <= 40 for m in mentions) or _ISSUER_NOMINAL.match(text, end)):
            return None  # "A statement by the Prime Minister's Media Office ... stated": the issuer speaks
        if noun != "statement" and any(
            (self.actors.type_of.get(m.key) == PERSON and _APPOSITIVE_NAME.match(text, end, m.start)
             and not _SPEECH.search(text, end, m.start) and not _THAT.search(text, end, m.start))
            or (not m.possessive and _OF_NAME.match(text, end, m.start))
            or (self.actors.type_of.get(m.key) == PERSON and not text[end:m.start].strip())
            for m in mentions if 0 <= m.start - end <= 80
        ):
            # "the spokesman, Maj. Gen. Yehia Rasool, said", "the chief of the Relief Council Omar Haddad told":
            # the named person speaks
            return None
        army = self.army_behind(nm) if L.roles.get(noun) in ("spokesperson", "official") else None
        if army is not None:
            return Ref(pos, "actor", army)  # "the Egyptian military official": the army speaks
        if noun == "statement":
            return Ref(pos, "statement")
        if det == "the" and noun in _BODY_NOUNS and noun not in L.roles:
            return Ref(pos, "body", word=noun)
        if det == "the" and noun in L.roles:
            # "the general": the last one named a general (any officer answers "the commander")
            # ("the inspector general", "the attorney general": an office, no rank)
            ranked = noun in L.ranks and not _OFFICE_BEFORE_GENERAL.search(text, max(0, nm.start("noun") - 20),
                                                                           nm.start("noun"))
            return Ref(pos, "nominal", word="rank:" + L.ranks[noun] if ranked else L.roles[noun])
        return Ref(pos, "nominal", word=noun, anonymous=True)

    def _unknown_subject_refs(self, seg: int, a: int, b: int, mentions: list[ActorMention]) -> list[Ref]:
        """"the coordination said": a noun no list knows, right before a verb of saying, is a subject that
        only an organisation named with that word can resolve; so is a bare plural opening a clause ("which
        critics claimed", "and residents said")."""
        text, out = self.doc.segments[seg], []
        for um in _UNKNOWN_SUBJECT.finditer(text, a, b):
            noun = um.group("noun").lower()
            if self._inside_quote(seg, um.start()) or noun in _KNOWN_NOUNS or _PRONOUN.fullmatch(noun):
                continue
            if any(um.start() <= m.start < um.end() for m in mentions):
                continue
            out.append(Ref(um.start(), "unknown", word=noun))
        for bm in _BARE_PLURAL_SUBJECT.finditer(text, a, b):
            noun = bm.group("noun")
            if noun not in _NOT_PLURAL_NOUNS and not self._inside_quote(seg, bm.start("noun")) \
                    and not any(bm.start("noun") <= m.start < bm.end() for m in mentions):
                out.append(Ref(bm.start("noun"), "unknown", word=noun))
        for nm in _NAMED_SUBJECT.finditer(text, a, b):
            if self._names_no_actor(seg, nm.start("name"), nm.end("name"), mentions):
                out.append(Ref(nm.start("name"), "unknown", word=nm.group("name").lower()))
        return out

    def _names_no_actor(self, seg: int, start: int, end: int, mentions: list[ActorMention]) -> bool:
        """The capitalised words at [start, end) open their clause and name no actor of the article: no
        mention there, no person of that surname, no word of any actor's name, no place, no news medium (who
        reports a quote did not say it), no common word opening a sentence ("Officials said"), no pronoun,
        month or honorific."""
        text = self.doc.segments[seg]
        if self._inside_quote(seg, start) or any(m.start < end and start < m.end for m in mentions):
            return False
        k = start
        while k and text[k - 1].isspace():
            k -= 1
        before = text[k - 1] if k else ""  # the last character before the name (not a copy of all before it)
        if before and before not in _BEFORE_A_CLAUSE:
            return False  # "talks with Acme Corp said": not the clause's first words
        words = text[start:end].split()
        lower = [w.lower().strip("'\u2019") for w in words]
        first = lower[0]
        if first.rstrip(".") in _HONORIFICS or _PRONOUN.fullmatch(first) or first in _KNOWN_NOUNS \
                or any(w in L.months or w in L.weekdays or w in L.stopwords for w in lower):
            return False
        if (not before or before in _A_SENTENCE_ENDS or before in "\u201c\"") and is_common_word(words[0]):
            return False  # a sentence's first word is capitalised whatever it is: "Analysts said"
        name = " ".join(words)
        if self._person_by_surname(words[-1]) is not None or is_place_word(name) or city(name) is not None \
                or name.lower() in L.agencies or name.lower() in L.outlets or lower[-1] in L.media_nouns:
            return False
        named = self._actor_words()
        return not any(w in named for w in lower)

    def _actor_words(self) -> frozenset[str]:
        """Every word of every actor's name and alias in the article, in lower case (found once)."""
        if self._named_words is None:
            words = set()
            for name in self.actors.name_of.values():
                words.update(w.lower().strip("'\u2019") for w in name.split())
            for m in self.actors.mentions:
                words.update(w.lower().strip("'\u2019") for w in self.doc.segments[m.segment][m.start:m.end].split())
            self._named_words = frozenset(words)
        return self._named_words

    def army_behind(self, nm) -> str | None:
        """The key of the army a role nominal speaks for: "<country or demonym> <military word> <role>"."""
        words = nm.group(0).split()[1:-1]
        for k, w in enumerate(words):
            country = L.country_by_demonym.get(w.lower()) or L.country_by_form.get(w.lower())
            if country is not None and _military_at([_Word(x) for x in words], k + 1):
                name = _country_army(country, self.actors)
                return next((key for key, n in self.actors.name_of.items() if n == name), None) if name else None
        return None

    # -- resolution

    def previous_sentences(self, seg: int, pos: int, limit: int = 8):
        """Sentences before position (nearest first), across paragraphs."""
        count = 0
        s = seg
        while s >= 0 and count < limit:
            for sent in reversed(self.sentences_of.get(s, ())):
                if s == seg and sent.start >= pos:
                    continue
                yield sent
                count += 1
                if count >= limit:
                    return
            s -= 1
            if self.doc.is_caption(s):
                s = len(self.doc.paragraphs) - 1

    def mentions_in(self, sent) -> list[ActorMention]:
        return self.mentions_between(sent.segment, sent.start, sent.end)

    def resolve(self, ref: Ref, seg: int, pos: int, chained: int = 0) -> tuple[bool, str | None]:
        """(resolved?, speaker key) for a reference at (seg, pos); `chained`: how many "he"s back this one is."""
        if ref.kind == "actor":
            return True, ref.key
        if ref.kind == "pronoun":
            if ref.word in ("he", "she"):
                # the first person-like subject of the nearest sentence that has one:
                # a named person, or an unnamed one ("a spokesperson for the embassy") -> None
                closes_a_report = _closes_a_report(self.doc.segments[seg], pos)
                for sent in self.previous_sentences(seg, pos):
                    if sent.segment == seg and sent.start <= pos < sent.end and pos - sent.start > _OWN_SENTENCE_REACH:
                        return True, None  # a run-on "sentence" of thousands of characters: no guess
                    end = min(sent.end, pos) if sent.segment == seg else sent.end
                    if closes_a_report and sent.segment == seg and sent.start <= pos < sent.end:
                        # "Mr Blair has failed to tackle it, he claimed": not Blair, whom the claim is about; only
                        # what comes before the report, when the sentence holds more (a quote's close before it)
                        end = _report_start(self.doc.segments[seg], sent.start, pos)
                        if end <= sent.start:
                            continue
                    if sent.segment == seg and sent.start <= pos < sent.end and _OPENER_BEFORE.match(
                            self.doc.segments[seg], sent.start, pos):
                        continue  # "Urging all Member States to ..., she added": her own sentence's phrase
                    main = self._main_clause(sent, end)
                    # the main clause first, then the opening clause (the sentence in order, without one)
                    parts = ((main, end), (sent.start, main)) if main > sent.start else ((sent.start, end),)
                    for lo, hi in parts:
                        refs = self.refs(sent.segment, lo, hi)
                        for r in refs:
                            if r.kind == "pronoun" and r.word == ref.word and r is refs[0] and chained < _PRONOUN_CHAIN \
                                    and not self.doc.segments[sent.segment][lo:r.at].strip(" \t\"'\u201c\u2018,"):
                                # "He repeated what a great man Gordon was ... he declared": the same "he" as the
                                # clause before, whose subject it is, not the name inside that clause
                                return self.resolve(r, sent.segment, r.at, chained + 1)
                            if r.kind == "actor" and self.actors.type_of.get(r.key) == PERSON:
                                return True, self._unless_other_gender(r.key, ref.word, self.honorific_at(sent.segment, r.at))
                            if r.kind == "actor" and r is refs[0] and self._bodys_unnamed_person(sent.segment, r, refs):
                                return True, None  # "A second State Department official ... he said": unnamed
                            if r.kind == "nominal" and r.anonymous and r.word in _NO_ONES:
                                continue  # "One report claims Manyonga went ... he said": a report is no "he"
                            if r.kind == "nominal" and not (r.anonymous and r.word in _BODY_NOUNS):
                                held = self.title_holder(self.doc.segments[sent.segment], r, refs, hi)
                                if held is not None:  # "The party's spokesman Vincent Cable said ..."
                                    return True, self._unless_other_gender(held.key, ref.word)
                                return self.resolve(r, sent.segment, sent.start)  # not "a battalion": no person
                return True, None
            if ref.word == "it":
                # the organisation subject of the nearest sentence naming anyone outside quotes
                # ("... the statement read. It added, ...": back to the body that issued it)
                for sent in self.previous_sentences(seg, pos, limit=3):
                    ms = self.mentions_in(sent)
                    if not ms:
                        continue
                    if not ms[0].possessive and self.actors.type_of.get(ms[0].key) == ORGANIZATION:
                        return True, ms[0].key
                    break
                return True, None
            return True, None
        if ref.kind == "statement":
            return self.statement_issuer(seg, pos)
        if ref.anonymous:
            return True, None
        if ref.kind in ("body", "unknown"):
            return True, self.body_named(ref, seg, pos)
        # "the spokesperson": the last person given that role (not one only named as what something is "of":
        # "the killing of Soleimani" before "according to the general" is no mention of the general speaking)
        return True, self.last_before(("role", ref.word), seg, pos,
                                      lambda m: ref.word in self.actors.roles_of.get(m.key, ())
                                      and not self._object_of_of(m))

    def _bodys_unnamed_person(self, seg: int, r: Ref, refs: list[Ref]) -> bool:
        """"a second State Department official sought ...": a body's person, with no name after the noun
        (not "State Department spokesman Ned Price")."""
        text = self.doc.segments[seg]
        if self.actors.type_of.get(r.key) != ORGANIZATION \
                or not _INDEFINITE_BEFORE.search(text, max(0, r.at - 30), r.at):
            return False
        found = _BODYS_PERSON.match(text, r.at)
        return found is not None and not any(
            x.kind == "actor" and self.actors.type_of.get(x.key) == PERSON and found.end() <= x.at <= found.end() + 3
            for x in refs)

    def _object_of_of(self, m: ActorMention) -> bool:
        """The mention follows "of", titles aside ("the killing of Gen Qasem Soleimani", "a photo of X")."""
        words = self.doc.segments[m.segment][max(0, m.start - 60): m.start].lower().split()
        while words and words[-1].rstrip(".") in L.title_words:
            words.pop()
        return bool(words) and words[-1] == "of"

    def _main_clause(self, sent, end: int) -> int:
        """Where the sentence's main clause begins: after an opening adverbial clause ("At a news
        conference after talks with Mr Blair, Mr Abbas said ...": the subject is Abbas, not Blair),
        else the sentence's start."""
        m = _CLAUSE_OPENER.match(self.doc.segments[sent.segment], sent.start, end)
        return m.end() if m else sent.start

    def last_before(self, question: tuple, seg: int, pos: int, fits) -> str | None:
        """The key of the last mention before (seg, pos) that `fits` (the answer to `question`, which
        names the test): the fitting mentions are listed once per question, then found by bisection."""
        if question not in self._earlier:
            fitting = [m for m in self.actors.mentions if fits(m)]
            self._earlier[question] = ([(m.segment, m.start) for m in fitting], fitting)
        places, fitting = self._earlier[question]
        k = bisect_left(places, (seg, pos))
        return fitting[k - 1].key if k > 0 else None

    def body_named(self, ref: Ref, seg: int, pos: int) -> str | None:
        """"the ministry said": the last organisation named with that head noun ("the group": the last
        armed group); failing that, for a body noun ("the force", "the UN agency"), the organisation
        heading the sentence just before. A word no list knows ("the coordination") only by name."""
        best = self.last_before(("body", ref.word), seg, pos, lambda m: self._named_body(ref.word, m))
        if best is None and ref.kind == "body" and ref.word in _GENERIC_BODY_NOUNS:
            best = self.previous_subject(seg, pos, ORGANIZATION)
            if best is not None and (best.startswith(("G:", "A:")) or best in self.governments):
                best = None  # a country's government or army is not "the agency" or "the force"
        return best

    def _named_body(self, word: str, m: ActorMention) -> bool:
        if self.actors.type_of.get(m.key) != ORGANIZATION:
            return False
        name = self.actors.name_of.get(m.key, "").lower()
        if word not in name.split() and word == "administration":
            # "the Obama administration ... the administration insisted": the government named by it
            name = self.doc.segments[m.segment][m.start:m.end].lower()
        return word in name.split() or (word in _GROUP_NOUNS and m.kind != "gov" and not _state_body(m.key, name))

    def previous_subject(self, seg: int, pos: int, kind: str) -> str | None:
        """The actor heading the nearest earlier sentence that names one outside quotes, if of this kind."""
        for sent in self.previous_sentences(seg, pos, limit=2):
            ms = [m for m in self.mentions_in(sent) if m.start < pos or sent.segment != seg]
            if ms:
                first = ms[0]
                return first.key if not first.possessive and self.actors.type_of.get(first.key) == kind else None
        return None

    def statement_issuer(self, seg: int, pos: int) -> tuple[bool, str | None]:
        """Who issued "the statement": the body named in the nearest sentence that mentions a statement
        ("In a statement, the Command said ..."), else whoever was last credited from a statement, else
        the one organisation quoted so far. Otherwise unresolved: the quote continues the previous speaker."""
        if self.in_statement:
            return False, None
        for sent in self.previous_sentences(seg, pos, limit=12):
            if "statement" not in sent.text.lower():
                continue
            ms = [m for m in self.mentions_in(sent) if not m.possessive]
            if ms:
                return True, ms[0].key
            self.in_statement = True
            try:
                ok, key = self.attribution_in_range(sent.segment, sent.start, sent.end)
            finally:
                self.in_statement = False
            if ok and key:
                return True, key
        if self.statement_key:
            return True, self.statement_key
        orgs = {k for k in self.spoken if self.actors.type_of.get(k) == ORGANIZATION}
        return (True, orgs.pop()) if len(orgs) == 1 else (False, None)

    def credit(self, sp: Span, key: str | None) -> None:
        """Remember a credited quote: the speakers so far, and the issuer of a statement it came from."""
        if not key:
            return
        self.spoken.append(key)
        sent = self.sentence_at(sp.last_segment, max(0, sp.last_close - 1))
        if sent is not None and "statement" in sent.text.lower():
            self.statement_key = key

    def first_resolved(self, refs: list[Ref], seg: int, pos: int) -> tuple[bool, str | None]:
        for r in refs:
            ok, key = self.resolve(r, seg, pos)
            if ok:
                return ok, key
        return False, None

    def attribution_in_range(self, seg: int, a: int, b: int, mode: str = "") -> tuple[bool, str | None]:
        """A speaker named by a speech verb or "according to" in text [a, b).

        mode "pre": the text runs up to a quote ("... and urged Baghdad to “..."): a reference after
        the verb is its object, not the speaker, unless the verb is an inverted "said X".
        mode "embedded": the text follows a quote set inside running prose ("forces “neutralized”
        seven PKK members, the ministry said"): the speaker is the subject of the last clause."""
        full = self.doc.segments[seg]
        text = full[a:b]
        acc = _ACCORDING.search(text)
        if acc:
            relay = _QUOTING.search(text, acc.end())
            # "according to Yonhap, quoting North Korea's news agency KCNA": the source quoted speaks
            start = a + (relay.end() if relay else acc.end())
            refs = [r for r in self.refs(seg, start, b)]
            if refs and not (_SPEECH.search(text, 0, acc.start())
                             and any(r.kind == "actor" for r in self.refs(seg, a, a + acc.start()))):
                found = self.first_resolved(refs[:1], seg, a + acc.end())
                if found[0] or not _SPEECH.search(text, 0, acc.start()):
                    return found
                # '"...," he told settler leaders, according to a statement': the statement names no one, so the
                # clause before it says who speaks
            if refs:
                b = a + acc.start()  # "X said ..., according to a ministry statement": X speaks
                text = full[a:b]
        relayed = _QUOTED_AS.search(text)
        if relayed and not any(not v.group().lower().endswith("ing") for v in _SPEECH.finditer(text, relayed.end())):
            # "Interfax quoted X as saying": X speaks, not who relays it; an unnamed X ("quoted a source as
            # saying") is nobody. Only the last attribution before the quote ("..., and Y said:" is Y's)
            refs = [r for r in self.refs(seg, a + relayed.start(1), a + relayed.end(1)) if r.kind == "actor"]
            if refs:
                return self.first_resolved(refs[:1], seg, refs[0].at)
            return True, self._person_by_surname(relayed.group(1))
        verb = _nearest_verb(text) if mode == "pre" else _SPEECH.search(text)
        if not verb:
            return False, None
        if _PASSIVE_BEFORE.search(text, 0, verb.start()):
            if _BY_AFTER.match(text, verb.end()):
                return self.passive_agent(seg, a + verb.end() + _BY_AFTER.match(text, verb.end()).end() - verb.end(), b)
            if mode == "pre" and verb.group().lower() in _ASKED_OR_TOLD and text[verb.end():].strip() == ":":
                return True, None  # "X was asked: “...”": the one asked does not speak, and who asks is not said
        refs = [r for r in self.refs(seg, a, b) if not self._in_reported_clause(seg, a + verb.end(), r)]
        if mode and verb.group().lower() not in _INVERTED_VERBS:
            refs = [r for r in refs if r.at < a + verb.start()]
        if mode == "embedded" and refs:
            comma = text.rfind(",", 0, verb.start())
            if comma >= 0:
                last_clause = [r for r in refs if r.at > a + comma]
                if last_clause:
                    refs = last_clause
        named = _NAME_BEFORE_VERB.search(text, 0, verb.start()) or (
            verb.group().lower() in _SAYS_NAMED and _NAME_AFTER_VERB.match(text, verb.end()))
        if named and named.start() >= verb.end() and not _CLAUSE_ENDS.match(full, a + named.end()):
            named = None  # "said Britain wanted Dhaka to act": a reported clause's subject, cut off by the range
        if named and not _refs_in_clause(text, a, named, refs):
            decided = self.named_speaker(named.group().strip(), bool(_SOMEONE_DESCRIBED.match(full, a + named.end())))
            if decided is not None:
                return decided
        if refs:
            subject = _clause_subject(full, refs, a + verb.start())
            if subject.kind == "nominal":
                subject = self.title_holder(full, subject, refs, a + verb.start()) or subject
            return self.first_resolved([subject], seg, subject.at)
        return False, None

    def named_speaker(self, word: str, described: bool) -> tuple[bool, str | None] | None:
        """Who speaks when the name right after "said" (or right before it) is no reference of the article:
        someone introduced there when a description follows ('said Siena, a 29-year-old nurse', 'said Georgia,
        who asked ...'); else the one person of that surname; a country or its capital, its government ('"...,"
        said Qatar'); else someone no rule made an actor ('"...," Qurayshiya said'). Their words are never the
        last speaker's. None: read on as before (the first name of the article's one person of that first name,
        'says Manal, as she' after Manal Hassan; a day, a place, a news agency)."""
        if described:
            return True, None  # 'said Abbas, a 41-year-old farmer': someone introduced here, not a namesake
        person = self._person_by_surname(word, family_name_first=False)
        if person is not None:
            return True, person
        if self.first_name_of_one(word):
            return None
        country = _country_named(word)
        if country is not None:
            return True, self.government_of(country)
        if not _no_speaker(word):
            return True, None
        return None

    def first_name_of_one(self, word: str) -> bool:
        """Whether exactly one person of the article has this first name ("Manal" of Manal Hassan)."""
        low = word.strip().lower()
        return sum(1 for key, name in self.actors.name_of.items()
                   if self.actors.type_of.get(key) == "person" and len(name.split()) > 1
                   and name.lower().split()[0] == low) == 1

    def government_of(self, country) -> str | None:
        """The key of the country's government among the article's actors, else None."""
        entry = self.register.government_of(country.name)
        key = "R:" + entry.name if entry is not None else "G:" + country.name
        return key if key in self.actors.name_of else None

    def honorific_at(self, seg: int, at: int) -> str | None:
        """The gender the honorific of the mention at (seg, at) says ("Mr Abbasi": M), if any."""
        return self._honorifics.get((seg, at))

    def _unless_other_gender(self, key: str, pronoun: str, honorific: str | None = None) -> str | None:
        """The person "he"/"she" points to, or nobody when the person's first name is (nearly) only borne by
        the other gender, or an honorific says so ("... Solicitor General Harriet Harman ...", he said": not
        hers, and whose then is not for the next name to say; "who represents Mr Abbasi. She said": not his, by the
        honorific of the very mention the pronoun points to)."""
        name = self.actors.name_of.get(key) or ""
        named = given_name_gender(name.split()[0]) if len(name.split()) >= 2 else None
        if honorific and named and honorific != named:
            return None  # "Mrs Netanyahu ... she said": the mention is not the man the name resolved to
        gender = named or honorific
        return None if gender is not None and gender != ("M" if pronoun == "he" else "F") else key

    def title_holder(self, text: str, nominal: Ref, refs: list[Ref], end: int) -> Ref | None:
        """"the director of the Nagyatad camp Lajos Horvath told", "the Liberal Democrats' President Simon
        Hughes said": the person right after an unnamed title (no commas between) holds it."""
        # the first person after the title (a body inside the title is no holder: "the chief of the Relief
        # Council Omar Haddad told")
        held = next((r for r in refs if nominal.at < r.at < end and r.kind == "actor"
                     and self.actors.type_of.get(r.key) == PERSON), None)
        if held is None:
            return None
        title = text[nominal.at:held.at]
        if len(title) <= 60 and _TITLE_THEN_HOLDER.fullmatch(title) and any(w in L.roles for w in title.lower().split()):
            return held
        return None

    def _person_by_surname(self, words: str, family_name_first: bool = True) -> str | None:
        """"quoted Rosati as saying", "quoted Tang as saying": the one person of the article whose name ends
        or (family name first) starts with that word, else nobody. Without `family_name_first`, only a name of
        two words or more that ends with it ("said Hasira" for Bilal Abu Hasira; "said Abbas" is not Abbas
        al-Maliki)."""
        last = surname_key(words.split()[-1]) if words.split() else ""
        keys = {k for k, name in self.actors.name_of.items() if self.actors.type_of.get(k) == PERSON
                and (last in (surname_key(name.split()[0]), surname_key(name.split()[-1])) if family_name_first
                     else len(name.split()) > 1 and last == surname_key(name.split()[-1]))}
        return keys.pop() if len(keys) == 1 else None

    def passive_agent(self, seg: int, by_end: int, b: int) -> tuple[bool, str | None]:
        """"“A few casualties” were reported by the authorities": the agent after "by" speaks; an unnamed
        one ("the authorities", "local media") settles it as nobody."""
        head = WORD.match(self.doc.segments[seg], by_end)
        refs = [r for r in self.refs(seg, by_end, b) if head and r.at <= head.end()]
        return self.first_resolved(refs[:1], seg, by_end) if refs else (True, None)

    def _in_reported_clause(self, seg: int, verb_end: int, ref: Ref) -> bool:
        """A reference after the speech verb that is the subject of what was said ("said Baghdad would ...")."""
        if ref.at < verb_end:
            return False
        full = self.doc.segments[seg]
        if _THAT.search(full, verb_end, ref.at):
            return True
        if ref.kind == "actor":
            end = next((m.end for m in self.by_segment.get(seg, ()) if m.start == ref.at), None)
        elif ref.kind == "pronoun":
            w = WORD.match(full, ref.at)
            end = w.end() if w else None
            if end is not None and _QUOTE_NEXT.match(full, end):
                return True  # "... and said it “undermines ...”": the pronoun is what was said about
        else:
            return False
        if end is None:
            return False
        nxt = WORD.search(full, end)
        return bool(nxt) and nxt.start() - end <= 2 and nxt.group().lower() in _MODALS


def _state_body(key: str, name: str) -> bool:
    """A country's army, government or ministry: never "the group" or "the militia"."""
    first = name.split()[0] if name else ""
    return key.startswith(("A:", "G:")) or first in L.country_by_form or first in L.country_by_demonym


def _opens_sentence_with_ref(text: str, start: int, end: int, refs: list) -> bool:
    """A label or a bare subject right before the quote ("Comment: X", "X: “...”"): the sentence opens
    with the reference (after at most a word describing the person: "Writer X, from Y, asked:") and a
    colon or dash leads into the quote."""
    head = text[start: refs[0].at].strip()
    return (not head or _describes_a_speaker(head) or _a_place_and_standing(head)) \
        and bool(re.search(r"[:\u2014\u2013-]\s*$", text[start:end]))


def _a_place_and_standing(head: str) -> bool:
    """"Berlin resident X:", "Syrian refugee X:", "The BBC's X:": at most two capitalised words (a place, a
    people, a body's possessive) and a person's standing in lower case, or the possessive alone."""
    words = head.split()
    if not 1 <= len(words) <= 3:
        return False
    if words[-1].endswith(("'s", "\u2019s")):
        return all(w[:1].isupper() for w in words)  # "The BBC's Jenny Hill:"
    last, before = words[-1], words[:-1]
    return bool(before) and last.islower() and (last in L.roles or last.endswith(_PERSON_NOUN_ENDINGS)) \
        and is_common_word(last) and all(w[:1].isupper() and w.lower() not in L.stopwords for w in before)


def _describes_a_speaker(word: str) -> bool:
    """"Writer", "Analyst", "Resident": one capitalised noun of a person's trade or standing before the name
    (not a preposition or an adverb: "Unlike X, Y was blunt:", "After X, the next visitor was Y:")."""
    low = word.lower()
    return word.istitle() and " " not in word and low not in L.stopwords \
        and (low in L.roles or (is_common_word(word) and low.endswith(_PERSON_NOUN_ENDINGS)))


_PERSON_NOUN_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman")


def _names_a_trade(between: str) -> bool:
    """One to three lowercase words, the last a person's trade, and no verb ("equity strategist", "executive
    chairman Dr"; not "accused shadow chancellor"): what stands between a name and the person it describes."""
    words = between.split()
    while words and words[-1].lower().rstrip(".") in L.title_words:
        words.pop()  # "GW Pharma executive chairman Dr Geoffrey Guy"
    if not 1 <= len(words) <= 3 or not all(w.isalpha() and w.islower() and w not in L.stopwords and w not in L.verbs
                                           and not w.endswith("ed") and not _SPEECH.fullmatch(w)
                                           and not (w.endswith("s") and not w.endswith("ss") and w not in L.roles)
                                           for w in words):
        # (a word in -s is a verb: "Netanyahu mourns soldier X", "Hamas releases soldier X")
        return False
    last = words[-1]
    return last in L.roles or (is_common_word(last) and last.endswith(_PERSON_NOUN_ENDINGS + ("ive",)))


def _nearest_verb(text: str):
    """The verb of saying nearest the quote that follows `text`: "Officials said X stormed Dolo, a witness
    told reporters, adding that “...”" -> "told". A participle ("adding", "saying") has the subject of
    the finite verb before it, so that verb is taken when there is one."""
    verbs = [v for v in _SPEECH.finditer(text) if not _opens_a_clause(text, v)]
    if not verbs:
        return None
    main = [v for v in verbs if not _SUBORDINATE.search(text, 0, v.start())] or verbs
    if main[-1].group().lower().endswith("ing") and _WITH_SUBJECT.search(text, 0, main[-1].start()):
        return main[-1]  # "..., with Boswell stating: “...”": the participle has its own subject
    finite = [v for v in main if not v.group().lower().endswith("ing")]
    return finite[-1] if finite else main[-1]


# verbs whose passive subject is the one addressed: "X was asked: “...”" (not "X was quoted:")
_ASKED_OR_TOLD = frozenset({"asked", "told", "warned", "urged"})


def _opens_a_clause(text: str, verb: re.Match) -> bool:
    """A capitalised verb at the start of its sentence is a participle with no subject of its own ("Asked
    if he would welcome them he told the BBC: “...”"): the finite verb after it says who speaks."""
    if not verb.group()[0].isupper() or re.match(r"\s+[A-Z]", text[verb.end():]):
        return False  # "Wrote Dmitry Medvedev on Telegram:": an inverted verb before its subject
    before = text[:verb.start()]
    return not before.strip(" \t\n\"'\u201c\u201d\u2018\u2019") or bool(_SENTENCE_END_BEFORE.search(before))


_SENTENCE_END_BEFORE = re.compile(r"[.!?][\s\"'\u201d\u2019]*\s$")


# "with X stating", "with the minister saying": an absolute phrase, its subject named after "with"
_WITH_SUBJECT = re.compile(r"\b[Ww]ith\s+(?:the\s+)?(?:[A-Z][\w'\u2019.-]*\s+){1,4}$")


# "X said the army would respond, after the group vowed to “...”": a verb in a subordinate clause of
# what X said is part of the report, not a new speaker's verb
_SUBORDINATE = re.compile(r"\b(?:after|before|when|once|if|unless|because|since|until)\s+[^,;:]*$", re.I)


# a contrasting conjunction opens a new clause with its own subject
_CONTRAST = re.compile(r"\b(?:but|while|whereas|although|though|yet|(?:comes?|came)\s+(?:as|after|when))\s", re.I)
# ("It comes as US Secretary of State Antony Blinken called ... “appalling”": the news formula opens a clause)
# ", who presents The Weakest Link tells": a relative clause after the comma, not a new clause's subject
# (the relative pronoun its own clause's subject; ", whose spokesman X said": X is)
_RELATIVE_AFTER = re.compile(r"\s*(?:who|which)\s+(?!(?:he|she|they|it|we|i)\b)", re.I)  # not "who he described"
# "Colonel X, who had declared ...": the relative pronoun stands for the name right before it
_RELATIVE_WHO = re.compile(r",?\s*who\s+(?:(?:had|has|have|also|then|later|earlier)\s+){0,2}$", re.I)


def _closes_a_report(text: str, pos: int) -> bool:
    """The pronoun at `pos` is the subject of a verb of saying set after what it reports, behind a comma
    ("Mr Blair has failed, he claimed"): the names before it are in the report, not who speaks."""
    before = text[max(0, pos - 40):pos].rstrip()
    if not before.endswith(",") or _RELATIVE_BEFORE_COMMA.search(before):
        return False  # "the prime minister who, he claims, is": the report follows
    word = WORD.match(text, pos)
    # set off as an aside ("..., he claimed, saying", "..., he added."), not a verb with its own object or
    # clause after an opening phrase ("Asked about it, she said that ...", "Defending the plans, he told Today:")
    return word is not None and _SPEECH_ASIDE.match(text, word.end()) is not None


def _report_start(text: str, start: int, pos: int) -> int:
    """Where the report a pronoun's aside closes begins: after the last sentence end or closing quote before it
    within [start, pos), else `start` (the whole sentence is the report)."""
    ends = list(_REPORT_OPENS.finditer(text, start, pos))
    return ends[-1].end() if ends else start


_REPORT_OPENS = re.compile(r"[.!?][\"'\u201d\u2019]?\s+|[\u201d\"]\s+(?=[A-Z])")
_SPEECH_ASIDE = re.compile(r"\s+(?:" + _SPEECH_WORDS + r")\b\s*(?:[,.;!?]|$)")
_RELATIVE_BEFORE_COMMA = re.compile(r"\b(?:who|which|that|whom)\s*,$", re.I)


def _clause_subject(text: str, refs: list[Ref], verb_at: int) -> Ref:
    """The subject of the verb of saying: the first reference of its clause. "<what happened>, a senior
    official told the council": the clause after the last comma before the verb, when a reference opens
    it; otherwise the sentence's first reference ("X, a spokesman for Y, said": the appositive closes
    right before the verb). "..., Colonel X, who declared": the antecedent of "who"."""
    before = [r for r in refs if r.at < verb_at]
    if before and _RELATIVE_WHO.search(text, before[-1].at, verb_at):
        return before[-1]
    turns = list(_CONTRAST.finditer(text, refs[0].at, verb_at))
    if turns:
        turn = turns[-1]
        after = [r for r in before if r.at >= turn.end()]
        # "It has the power to bar him but Mr Livingstone said:": a new clause, its own subject (not a clause set
        # off by commas: "Blair, while in Paris with Chirac, said")
        if after and not _SPEECH.search(text, turn.end(), after[0].at) and "," not in text[turn.end():verb_at]:
            return after[0]
    comma = text.rfind(",", refs[0].at, verb_at)
    if comma >= 0:
        after = [r for r in refs if comma < r.at < verb_at]
        relative = _RELATIVE_AFTER.match(text, comma + 1)
        # a relative clause opens no clause of its own subject, unless one follows the pronoun at once
        # (", which critics claimed": the critics)
        if after and (after[0].at == relative.end() if relative else len(text[comma + 1: after[0].at].split()) <= 3) \
                and not _appositive_description(text, refs, comma, after[0]):
            return after[0]
    return refs[0]


def _appositive_description(text: str, refs: list[Ref], comma: int, ref: Ref) -> bool:
    """"Marc Ostwald, a strategist at Monument Securities told Reuters": an unnamed "a <role>" right after a
    name and its comma describes that name (the closing comma missing), and is not a subject of its own."""
    before = [r for r in refs if r.at < comma]
    return ref.kind == "nominal" and ref.anonymous and bool(before) and before[-1].kind == "actor" \
        and _NAME_ONLY.fullmatch(text, before[-1].at, comma) is not None and _opens_its_clause(text, before[-1].at) \
        and not text[comma + 1: ref.at].strip() and re.match(r"an?\s", text[ref.at: ref.at + 3], re.I) is not None


_NAME_ONLY = re.compile(r"(?:[A-Z][\w.'\u2019-]*\s*)+")


def _opens_its_clause(text: str, at: int) -> bool:
    """The name at `at` (after any title) opens its clause: the sentence's start, a quote's close or an
    introductory phrase's comma before it ("Marc Ostwald, a strategist ... told"; "In a statement, Nabil
    Abdallah, a spokesman ... said"), not a verb or a preposition whose object it is ("The strike killed Ali
    Jaafar, a source told")."""
    words = text[:at].split()
    while words and words[-1][:1].isupper() and not words[-1].endswith(","):
        words.pop()  # the title and capitalised words before the name
    return not words or not words[-1][:1].isalpha() or words[-1].endswith(",") or words[-1][-1] in ".:;!?\u201d\""


_TELL_THAT = re.compile(
    r"\b(?:told|said|says|tells|confirmed|revealed|disclosed|explained)\b[^.;\u201c\"]{0,60}?\bthat\b", re.I)


def _unnamed_teller(text: str, a: int, first_ref: int) -> bool:
    """The sentence's speech verb and its "that" come before any named or referenced speaker."""
    return bool(_TELL_THAT.search(text, a, first_ref))


def _paragraph_speaker(ctx: _Context, seg: int) -> tuple[bool, str | None]:
    """Who a paragraph reports as speaking ("According to Mr. Austin, ..."), if anyone."""
    found = (False, None)
    for sent in ctx.sentences_of.get(seg, ()):
        ok, key = ctx.attribution_in_range(seg, sent.start, sent.end)
        if ok:
            found = (ok, key)
    return found


@dataclass(frozen=True)
class _Word:
    text: str


def _military_at(tokens, k: int) -> bool:
    """A military word at token k ("army", "armed forces"): the country's army is the subject."""
    words = [t.text.lower() for t in tokens[k: k + 3]]
    return any(tuple(words[: len(p)]) == p for p in L.military_words)


def _country_army(country, actors: ActorIndex) -> str | None:
    """The actor that is this country's army ("Sudanese Armed Forces" for Sudan), if the text names one."""
    forms = {f.lower() for f in (country.name, *country.forms, *country.demonyms)}
    for m in actors.actors:
        if m.type != ORGANIZATION:
            continue
        for alias in (m.name, *m.aliases):
            low = alias.lower().replace("\u2019", "'")
            words = low.replace("'s", "").split()
            if any(f in words or low.startswith(f + " ") for f in forms) and \
                    any(" ".join(p) in low for p in L.military_words):
                return m.name
    return None


_TITLE_CLAUSE = re.compile(r"(?:\s(?:as|while|after|amid|but|and)\s+|;\s*|,\s+)(?=[A-Z])")


def _title_speaker(title: str, actors: ActorIndex, register: Register,
                   quote_at: int = -1) -> tuple[str | None, Mention | None]:
    """"Iraq Denounces the ‘irresponsible’ ...": the subject at the head of the headline's clause
    ("Iraq condemns strikes as Tehran warns of ‘consequences’" -> Tehran)."""
    if quote_at > 0:
        starts = [m.end() for m in _TITLE_CLAUSE.finditer(title, 0, quote_at)]
        if starts:
            found = _title_speaker(title[starts[-1]:], actors, register)
            if found[0] is not None:
                return found
    tokens = tokenize(title)
    chunks = _chunks(tuple(tokens), 0)
    if not chunks:
        return None, None
    i, j = chunks[0]
    if i > 1:
        return None, None
    words = [t.text for t in tokens[i:j]]
    # headline case: take the longest prefix that is a country or a known actor
    for end in range(j, i, -1):
        w = words[: end - i]
        surface = " ".join(w)
        country = _country_or_capital(w)
        if country is not None and end < len(tokens) and _military_at(tokens, end):
            return _country_army(country, actors), None  # "Sudan army shoots down ‘...’": the army, or nobody
        if country is not None and not country.territory:
            key, name, reg = _government_key(country.name, register)
            existing = next((m for m in actors.actors if m.name == name), None)
            if existing is not None:
                return name, None
            return name, Mention(name=name, type=ORGANIZATION, aliases=(surface,), sentences=(), registered=reg)
        for m in actors.actors:
            if surface.lower() in (a.lower() for a in (m.name, *m.aliases)):
                return m.name, None
        if end == i + 1:
            # "Trump Backs Protesters" over a body that names Donald Trump in full: the one person of that surname
            people = {m.name for m in actors.actors if m.type == PERSON and m.name.split()[-1].lower() == surface.lower()
                      and is_given_name(m.name.split()[0])}
            if len(people) == 1:
                return people.pop(), None
    return None, None


_TITLE_SPEAKER_AFTER = re.compile(r"\s*[:\u2014\u2013]\s*|\s+-\s+")


def _title_quotes(title: str, actors: ActorIndex, register: Register, seen: set[str]):
    """Quotes in the headline, each credited to the subject heading its clause; plus an actor the
    headline names that the body did not (a country as subject)."""
    quotes, extra_actor = [], None
    for start, end, ts, te, closed, _ in scan_segment(title, False):
        inner = title[ts:te].strip()
        if not inner or not closed or is_label(inner, title[max(0, start - 40): start]):
            continue
        if start <= 1:
            # "'Iran is Failing at Every Level': Trump Backs Protesters": who speaks comes after the quote's
            # colon, not from inside the quote
            after = _TITLE_SPEAKER_AFTER.match(title, end)
            speaker, new_actor = _title_speaker(title[after.end():], actors, register) if after else (None, None)
        else:
            speaker, new_actor = _title_speaker(title, actors, register, start)
        if _BY_AFTER.match(title, end):
            speaker = None  # "Blair 'damaged' by row": said of the subject, by someone else
        if new_actor is not None and extra_actor is None:
            extra_actor = new_actor
        if inner.lower() not in seen:
            seen.add(inner.lower())
            quotes.append(Quote(inner, speaker, -1))
    return quotes, extra_actor


# a name right before a verb of saying, or right after an inverted one, that is no actor's: the words are
# that someone's, never the last speaker's ('"...," says Manal, as she', '"...," Reuters said')
_NAME_BEFORE_VERB = re.compile(r"(?:(?<=[,;:])\s*|(?<=\b[a-z]{2})(?<!\b(?:in|of|at|to|on|by))\s+)"
                               r"(?!(?:He|She|They|It|We|I|You)\b)[A-Z][a-z][\w'\u2019-]*\s+$")
_NAME_AFTER_VERB = re.compile(r"\s+(?!(?:He|She|They|It|We|I|You)\b)[A-Z][a-z][\w'\u2019-]*(?=\s*(?:[,.;:]|$))")
_SAYS_NAMED = frozenset({"said", "says", "added", "adds"})  # not "told X", "asked X": X is who hears


def _country_named(word: str):
    """The country a speaker's name is, or whose capital it is ("said Qatar", "said Washington"); not a
    territory ("said Gaza")."""
    low = word.strip().lower()
    country = L.country_by_form.get(low) or L.country_by_capital.get(low)
    return country if country is not None and not country.territory else None


def _no_speaker(word: str) -> bool:
    """Not a name of someone unknown: a day or a month ("Liam Fox, on Saturday called him"); a place or a
    demonym; a news agency ("said Tass, citing the ministry": the source it cites speaks)."""
    word = word.strip()
    low = word.lower()
    return low in L.weekdays or low in L.months or is_place_word(word) or low in L.outlets or low in L.agencies


# ", a 19-year-old volunteer", ", 34,", ", a nurse": the name before it is someone's, whatever else it names
_SOMEONE_DESCRIBED = re.compile(r",\s*(?:\d{1,3}\b|an?\s+(?:\d{1,3}-year-old|[a-z-]+)|who\b)")  # ", who asked ..."
_CLAUSE_ENDS = re.compile(r"\s*(?:[,.;:!?\u201d\"]|$)")


def _refs_in_clause(text: str, a: int, named: re.Match, refs: list) -> bool:
    """Whether a reference stands in the clause of the name before or after the verb (between the marks
    around it): "said Prime Minister Mohammed al-Sudani" has one, "says Manal, as she" none ("she" is past the
    comma)."""
    lo = max(text.rfind(c, 0, named.start()) for c in ",;:") + 1
    hi = min((p for p in (text.find(c, named.end()) for c in ",;:") if p >= 0), default=len(text))
    return any(a + lo <= r.at < a + hi for r in refs)


def _after_quote(ctx: _Context, sp: Span) -> tuple[bool, str | None]:
    """The attribution in the text after the span, to the end of its sentence or the next opening mark
    ("“...,” the minister said"), unless that text opens a new clause ("..., while X said")."""
    lseg, lclose = sp.last_segment, sp.last_close
    ltext = ctx.doc.segments[lseg]
    sent_end = ctx.sentence_at(lseg, max(0, lclose - 1))
    post_end = sent_end.end if sent_end else len(ltext)
    nxt = min((p for p in (ltext.find(c, lclose) for c in _OPEN + '"') if p >= 0), default=-1)
    if 0 <= nxt < post_end:
        post_end = nxt
    if lclose >= post_end:
        return False, None
    if _COORDINATED_VERB.match(ltext, lclose, post_end) or _NEW_CLAUSE.match(ltext, lclose):
        return False, None
    # a quote set inside running prose ("forces “neutralized” seven members, the ministry said")
    embedded = ltext[max(0, lclose - 2): lclose - 1] not in ",.!?;:" and not _EMBEDDED_END.match(ltext, lclose)
    return ctx.attribution_in_range(lseg, lclose, post_end, "embedded" if embedded else "")


def _before_quote(ctx: _Context, sp: Span) -> tuple[bool, str | None]:
    """The attribution in the span's sentence before it (after any earlier closing mark)."""
    seg, text = sp.segment, ctx.doc.segments[sp.segment]
    sent_start = ctx.sentence_at(seg, sp.open_at)
    pre_start = sent_start.start if sent_start else 0
    prev_close = max((text.rfind(c, pre_start, sp.open_at) for c in _CLOSE + '"'), default=-1)
    if prev_close >= pre_start:
        return ctx.attribution_in_range(seg, prev_close + 1, sp.open_at, "pre")
    refs = ctx.refs(seg, pre_start, sp.open_at)
    if refs and _unnamed_teller(text, pre_start, refs[0].at):
        return True, None  # "One of its leaders told X that Sudani had asked “...”"
    if refs and (_SPEECH.search(text, pre_start, sp.open_at) or _ACCORDING.search(text, pre_start, sp.open_at)):
        return ctx.attribution_in_range(seg, pre_start, sp.open_at, "pre")
    if refs and _opens_sentence_with_ref(text, pre_start, sp.open_at, refs):
        return ctx.first_resolved(refs[:1], seg, refs[0].at)  # "Sistani: “...”"
    return False, None


# the close of a sentence: ", he added." / ", the GNA said on Facebook." / ", said X in Paris."
_TAIL_CLAUSE = re.compile(r",\s*[^,;:\u201c\u201d\"]{2,80}$")


def _sentence_tail(ctx: _Context, sp: Span) -> tuple[bool, str | None]:
    """The clause closing the span's sentence after its last quote, when it is only an attribution:
    "An air strike by “drones” hit the airport, followed by “rockets”, the GNA said." or "It comes
    before the pullout “at the end of the summer” when the base closes, he added." credit every quote
    of the sentence."""
    seg, text = sp.last_segment, ctx.doc.segments[sp.last_segment]
    sent = ctx.sentence_at(seg, max(0, sp.last_close - 1))
    if sent is None:
        return False, None
    end = len(text[: sent.end].rstrip())
    tail_from = max([sp.last_close] + [text.rfind(c, sp.last_close, end) + 1 for c in _CLOSE + '"'])
    comma = text.rfind(",", tail_from, end)
    if comma < 0 or not _TAIL_CLAUSE.match(text, comma, end) or _THAT.search(text, comma, end):
        return False, None
    return ctx.attribution_in_range(seg, comma, end, "embedded")


_PARTICIPLE_OPENER = re.compile(r"\W*[A-Z][a-z]+ing\b")
_SUBJECT_AFTER_COMMA = re.compile(r",\s*(?:[A-Za-z][\w'\u2019-]*\s+)?")


def _participle_opener(ctx: _Context, sp: Span) -> tuple[bool, str | None]:
    """"Citing “security concerns”, the ministry closed the road": a quote in a sentence-opening
    participle phrase is the words of the main clause's subject, named right after the phrase's comma."""
    seg, text = sp.last_segment, ctx.doc.segments[sp.last_segment]
    sent = ctx.sentence_at(sp.segment, sp.open_at)
    if sent is None or sp.segment != seg or not _PARTICIPLE_OPENER.match(text, sent.start, sp.open_at):
        return False, None
    comma = text.find(",", sp.last_close, sent.end)
    while comma >= 0 and ctx._inside_quote(seg, comma):
        comma = text.find(",", comma + 1, sent.end)
    if comma < 0 or "," in text[sent.start: sp.open_at]:
        return False, None
    head = _SUBJECT_AFTER_COMMA.match(text, comma)
    refs = ctx.refs(seg, comma, min(sent.end, comma + 80))
    if not refs or refs[0].at > head.end():
        return False, None
    return ctx.first_resolved(refs[:1], seg, refs[0].at)


def _own_sentence(ctx: _Context, sp: Span):
    """The sentence a span opens in, when the span closes in the same paragraph; else None (a quote that runs
    on into the next paragraph is read by the rules for paragraphs)."""
    return ctx.sentence_at(sp.segment, sp.open_at) if sp.last_segment == sp.segment else None


def _participle_aside(ctx: _Context, sp: Span) -> tuple[bool, str | None]:
    """"Shimon Peres, calling Lahd “a great patriot”, said ...": a quote in a participle phrase set off by
    commas after the subject is that subject's words (not those of a name in the clause after "said")."""
    seg, text = sp.segment, ctx.doc.segments[sp.segment]
    sent = _own_sentence(ctx, sp)
    if sent is None:
        return False, None
    aside = _ASIDE_BEFORE.search(text, sent.start, sp.open_at)
    if aside is None or not _ASIDE_CLOSES.match(text, sp.last_close):
        return False, None
    refs = ctx.refs(seg, sent.start, aside.start())
    # the sentence's subject, right before the aside's comma ("Blair criticised Chirac, calling ..." is no case)
    if not refs or refs[0].kind != "actor" or not _SUBJECT_ONLY.fullmatch(text, refs[0].at, aside.start()):
        return False, None
    return ctx.first_resolved(refs[:1], seg, refs[0].at)


# ", calling Lahd " before a quote; the quote then closes the aside: "”, said"
_ASIDE_BEFORE = re.compile(r",\s*[a-z]+ing\b[^,.;:\u201c\u201d\"]{0,60}$")
_ASIDE_CLOSES = re.compile(r"\W{0,2},\s*(?:said|says|told|added|wrote)\b")
# a name and nothing but more capitalised words of it
_SUBJECT_ONLY = re.compile(r"(?:[A-Z][\w'\u2019.-]*\s*)+")


def _relative_clause(ctx: _Context, sp: Span) -> tuple[bool, str | None]:
    """"Joyce Msuya, Acting Under-Secretary-General ..., who detailed the “manifold” threats", "Allawi, who
    this week criticised nations which took a “spectator” role": a quote in a relative clause whose verb
    judges or describes (data/cues.yml `judging_verbs`; no verb of saying and no other clause between)
    is the words of the person the clause describes (not "X, who was carrying a sign reading “...”")."""
    seg, text = sp.segment, ctx.doc.segments[sp.segment]
    sent = _own_sentence(ctx, sp)
    if sent is None:
        return False, None
    who = None
    for who in _WHO_CLAUSE.finditer(text, sent.start, sp.open_at):
        pass
    if who is None or _CLAUSE_BREAK.search(text, who.end(), sp.open_at) or _SPEECH.search(text, sent.start, sp.open_at):
        return False, None
    people = [m for m in ctx.mentions_between(seg, sent.start, who.start()) if ctx.actors.type_of.get(m.key) == PERSON]
    if not people:
        return False, None
    # "who" stands for the person named right before it, or before a title set off by commas; not for a
    # person a noun before belongs to ("relatives of X, who", "a spokesman for X, who")
    person = people[-1]
    if not _APPOSITIVE_ONLY.fullmatch(text, person.end, who.start()) or _OF_NAME.search(text, sent.start, person.start):
        return False, None
    return True, person.key


_APPOSITIVE_ONLY = re.compile(r"(?:,[^,;:\u201c\u201d\"]{1,120})?")
_WHO_CLAUSE = re.compile(r",\s*who\s+(?:had\s+|has\s+|have\s+|also\s+|then\s+|later\s+|this\s+\w+\s+|last\s+\w+\s+)?(?:"
                         + "|".join(sorted(L.cues["judging_verbs"], key=len, reverse=True)) + r")\b")
_CLAUSE_BREAK = re.compile(r"[;:]|,\s*(?:and|but|while)\b|\b(?:he|she|they|it)\s+[a-z]+(?:ed|s)\b")


def _continued_report(ctx: _Context, sp: Span) -> tuple[bool, str | None]:
    """A quote in a sentence with no verb of saying continues a report: that of the sentence before in its
    paragraph ("X said on Wednesday that troops saw a threat. They fired grenades “to remove it.”"), or, in
    a paragraph's first sentence, the previous paragraph's speaker when the sentence's subject is that
    speaker ("The group said it fired rockets. // Hezbollah also hit a base “with drones”")."""
    seg, text = sp.segment, ctx.doc.segments[sp.segment]
    sent = _own_sentence(ctx, sp)
    if sent is None or _SPEECH.search(_unquoted(ctx, seg, sent.start, sent.end)):
        return False, None
    before = ctx.sentences_of.get(seg, [])[:ctx.sentences_before(seg, sent)]
    if before:
        ok, key = ctx.attribution_in_range(seg, before[-1].start, before[-1].end)
    elif seg > 0 and not ctx.doc.is_caption(seg):
        ok, key = _paragraph_speaker(ctx, seg - 1)
    else:
        return False, None
    refs = ctx.refs(seg, sent.start, sp.open_at)
    same_subject = bool(refs) and refs[0].kind == "actor" and refs[0].key == key
    # a sentence that is nothing but the quote, right after a report that names its speaker: "X noted the
    # cuts mattered. “...”" (not after "..., he argued.": a pronoun's reading is not carried further)
    whole = bool(before) and not _unquoted(ctx, seg, sent.start, sent.end).strip(_MARKS_AND_STOPS) \
        and not _PRONOUN_REPORT.search(text, before[-1].start, before[-1].end) \
        and not _another_named_in_report(ctx, seg, before[-1], key)
    if ok and key and (same_subject or whole or (before and _OPENS_WITH_PRONOUN.match(text, sent.start))):
        return True, key
    return False, None


def _another_named_in_report(ctx: _Context, seg: int, report, key: str | None) -> bool:
    """"The UN said Hamas leader Yahya Sinwar rejected the plan.": the reported clause's subject is another
    person, named within a few words of the verb of saying, who may be the one a quote after it reproduces
    (not an object: "tells Cockerell that she despaired")."""
    text = ctx.doc.segments[seg]
    verb = _SPEECH.search(text, report.start, report.end)
    if verb is None:
        return False
    person = next((r for r in ctx.refs(seg, verb.end(), report.end)
                   if r.kind == "actor" and ctx.actors.type_of.get(r.key) == PERSON), None)
    return person is not None and person.key != key and len(text[verb.end(): person.at].split()) <= 4 \
        and not _OBJECT_THEN_THAT.match(text, person.at + 1)


# "tells Cockerell that ...": the name after the verb is its object when "that" (or a comma) follows it
_OBJECT_THEN_THAT = re.compile(r"[\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*)*\s*(?:,|that\b)")


_PRONOUN_REPORT = re.compile(r"\b(?:he|she|they|it)\s+(?:\w+ly\s+|also\s+|then\s+|later\s+)?" + _SPEECH.pattern, re.I)
_MARKS_AND_STOPS = " \"'\u201c\u201d\u2018\u2019.,;:!?\u2026"


def _unquoted(ctx: _Context, seg: int, a: int, b: int) -> str:
    """Text [a, b) of a segment with its quoted spans blanked out."""
    key = (seg, a, b)
    if key not in ctx._unquoted:
        text = ctx.doc.segments[seg]
        out = list(text[a:b])
        spans = ctx.quoted.get(seg, ())
        k = max(0, bisect_right(ctx.quoted_starts.get(seg, ()), a) - 1)  # spans follow one another
        for qa, qb in spans[k:]:
            if qa >= b:
                break
            for i in range(max(qa, a), min(qb, b)):
                out[i - a] = " "
        ctx._unquoted[key] = "".join(out)
    return ctx._unquoted[key]


def _attribute(ctx: _Context, sp: Span, last_in_segment: dict, last_close: dict) -> tuple[bool, str | None]:
    """Who said the span: its own sentence first, then the paragraph's previous quote, then (for a
    paragraph that opens with a quote) the previous paragraph's speaker."""
    seg, text, doc = sp.segment, ctx.doc.segments[sp.segment], ctx.doc
    for rule in (_participle_aside, _after_quote, _before_quote, _sentence_tail, _participle_opener, _relative_clause):
        ok, key = rule(ctx, sp)
        if ok:
            return ok, key
    if seg in last_in_segment:
        # "..." she added. Menzies Campbell said the war had hit trust. "Issues of war ...": a report of another
        # speaker between the two quotes says whose this one is
        return _reported_between(ctx, seg, last_close.get(seg, 0), sp.open_at) or last_in_segment[seg]
    if not text[: sp.open_at].strip() and seg > 0 and not doc.is_caption(seg):
        # the previous paragraph's last report after its last quote ("..., Mr Howard said."), its last quote's
        # speaker, or whoever it reports
        if seg - 1 in last_in_segment:
            return _reported_between(ctx, seg - 1, last_close.get(seg - 1, 0),
                                     len(doc.segments[seg - 1])) or last_in_segment[seg - 1]
        return _paragraph_speaker(ctx, seg - 1)
    return _continued_report(ctx, sp)


def _reported_between(ctx: _Context, seg: int, after: int, before: int) -> tuple[bool, str] | None:
    """The speaker of the last sentence wholly between two quotes of a paragraph that reports someone's words
    ("Menzies Campbell said the Iraq war had hit trust."), if one names a speaker."""
    found = None
    sents = ctx.sentences_of.get(seg, ())
    for sent in sents[bisect_left(ctx.sentence_starts.get(seg, []), after):]:
        if sent.start >= before:
            break
        if sent.end <= before:
            ok, key = ctx.attribution_in_range(seg, sent.start, sent.end)
            if ok and key:
                found = (True, key)
    return found


def find_quotes(doc: Document, title: str | None, actors: ActorIndex, register: Register):
    labels: list[tuple[int, int, int]] = []
    spans = find_spans(doc, labels)[:_MAX_QUOTES]
    ctx = _Context(doc, actors, spans, register, labels)
    seen: set[str] = set()
    quotes, extra_actor = _title_quotes(title, actors, register, seen) if title else ([], None)
    last_in_segment: dict[int, tuple[bool, str | None]] = {}
    last_close: dict[int, int] = {}  # where the paragraph's last quote so far closes
    for sp in spans:
        ok, key = _attribute(ctx, sp, last_in_segment, last_close)
        ctx.credit(sp, key)
        last_in_segment[sp.segment] = (True, key) if ok else (True, None)
        last_in_segment[sp.last_segment] = last_in_segment[sp.segment]
        last_close[sp.last_segment] = sp.last_close
        speaker = actors.name_of.get(key) if key else None
        for seg, text in sp.parts or ((sp.segment, sp.text),):
            # a quote over several paragraphs is one quote a paragraph, each reopening with its mark, one speaker
            if text.lower() in seen:
                continue
            seen.add(text.lower())
            quotes.append(Quote(text, speaker, doc.quote_paragraph(seg)))
    if extra_actor is not None:
        actors = replace(actors, actors=actors.actors + (extra_actor,))
    return tuple(quotes), actors
