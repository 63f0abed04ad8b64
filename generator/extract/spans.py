"""Quoted spans: where quotation marks open and close.

Spans are found by scanning quotation marks (curly, straight, guillemets,
and curly single quotes used as quote marks), continuing across paragraphs
the way English multi-paragraph quotes do. Names and labels in quotation
marks ("a group called the “Islamic Resistance in Iraq”") are not quotes.
A mark that never closes before the paragraph's own ", said X." ends there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from generator.extract.document import Document, is_nickname
from generator.extract.lexicon import LEXICON as L
from generator.extract.words import is_given_name

OPEN = "\u201c\u201e\u00ab"
CLOSE = "\u201d\u00bb"
_MAX_SINGLE_WORDS = 14
_MAX_QUOTES_PER_SEGMENT = 200
_MARK = re.compile("[\u201c\u201e\u00ab\"\u2018']")
# a straight single-quoted span: 'a violation of the law' (opening after a space, closing before a non-letter)
_STRAIGHT_SINGLE = re.compile(r"'(?=[A-Za-z])([^'\n]{1,200}?[^\s'])'(?![A-Za-z0-9])")
# British single marks around whole sentences ('We're just relieved he's OK.' / 'It was brave,' she said):
# a capital after the mark, apostrophes inside words, and a close after the sentence's stop or comma, which
# no possessive ("the soldiers' families") has
_SINGLE_TO_STOP = re.compile(
    r"'(?=[A-Z])((?:[^'\n]|(?<=[A-Za-z])'(?=[a-z])|(?<=s)'(?= [a-z]))+?"  # "he's", "can't"; "the MPs' caucus rooms"
    r"(?:[.,!?]'(?=\s|$)|[a-z]'(?=\s+(?:he|she|they|we|[A-Z]\w+)\s+(?:said|added|told|wrote|tweeted)\b)))")
_MAX_SENTENCES_WORDS = 200

# verbs that put their subject after them ("..., said the minister")
INVERTED_VERBS = L.inverting_speech_verbs
_LABEL_SMALL = frozenset({"of", "in", "the", "and", "for", "al", "el", "on", "at", "a", "an", "to", "de", "bin", "ibn"})
_WHAT_X_CALLED = re.compile(
    r"\bwhat\s+(?:[\w'\u2019.-]+\s+){1,4}?(?:called|calls|described\s+as|describes\s+as|termed|terms|dubbed|"
    r"labelled|labeled|branded)\s+(?:as\s+)?$", re.I)
WORD = re.compile(r"[\w'\u2019-]+")
_CUE_TAIL = re.compile(
    r"(?:\b(?:" + "|".join(sorted(map(re.escape, L.naming_cues), key=len, reverse=True)) + r")|\bthemselves|\bitself)\s+(?:the\s+|a\s+|an\s+)?$",
    re.I,
)


@dataclass(frozen=True)
class Span:
    """A quoted span: its text and where its marks are."""

    segment: int
    open_at: int  # index of the opening mark
    close_at: int  # index just after the closing mark (or end of segment)
    text: str
    last_segment: int = -1  # where a quote running over paragraphs closes
    last_close: int = -1
    # a quote running over paragraphs, paragraph by paragraph: (segment, text) of each (empty for one paragraph);
    # `text` joins them, for attribution, and each is a quote of its own, as each reopens with a mark
    parts: tuple[tuple[int, str], ...] = ()


def _is_opening_straight(s: str, i: int) -> bool:
    """A straight mark after a space or bracket opens; so does one glued between a comma and a
    letter (`said,"We will`), which a closing mark never is when no quote is open."""
    return i == 0 or s[i - 1] in " \t([{\u2014\u2013-/:" or (s[i - 1] == "," and s[i + 1: i + 2].isalpha())


_MIXED_MARKS = '"\u201c\u201d'


def _other_style(s: str, j: int, c: str) -> str | None:
    """What s[j], a mark of the other style inside a quotation opened with c, does: "open", "close" or None.
    'said, "There can be ... grounds.\u201d' and '\u201cgood Taliban," the latter' close there; '\u201cThey told us
    "leave now" and then ...\u201d' and 'call it \u201dliberation\u201d not' (a closing mark used to open) nest; an
    inch ('a 12" tube') does neither."""
    if c == '"' and s[j] == "\u201c":
        return "open"
    if s[j - 1].isdigit():
        return None
    if c == '"' and s[j] == "\u201d":
        return "open" if s[j - 1].isspace() else "close"
    if c == "\u201c" and s[j] == '"':
        return "open" if _is_opening_straight(s, j) else "close"
    return None


def _continued(s: str):
    """A quote open from the previous paragraph goes on in one that opens with a quotation mark: its
    pieces, the first marked as continuing (None when the paragraph does not open that way)."""
    first = s.lstrip()[:1]
    if not (first in OPEN or first == '"'):
        return None
    lead = len(s) - len(s.lstrip())
    pieces = scan_segment(s[lead:], False)
    if not pieces:
        return None
    shifted = [(a + lead, b + lead, c + lead, d + lead, closed, co) for a, b, c, d, closed, co in pieces]
    return [shifted[0][:5] + (True,)] + shifted[1:]


def scan_segment(s: str, carry_open: bool):
    """Quote pieces in one segment: (start, end, text_start, text_end, closed, continued)."""
    out = []
    i = 0
    n = len(s)
    if carry_open:
        pieces = _continued(s)
        if pieces is not None:
            return pieces
        close = min((p for p in (s.find("\u201d"), s.find('"')) if p >= 0), default=-1)
        openp = min((p for p in (s.find("\u201c"), s.find("\u00ab")) if p >= 0), default=n)
        if s.lstrip()[:1] not in OPEN + '"' and 0 <= close < openp:
            out.append((0, close + 1, 0, close, True, True))  # closes the open quote before opening another
            i = close + 1
    while i < n and len(out) < _MAX_QUOTES_PER_SEGMENT:
        mark = _MARK.search(s, i)
        if mark is None:
            break
        i = mark.start()
        c = s[i]
        if c in OPEN or (c == '"' and _is_opening_straight(s, i)):
            closers = CLOSE if c in OPEN else '"'
            j = i + 1
            inner = False  # a quotation of the other style open inside this one
            while j < n and s[j] not in closers and not (c != '"' and s[j] in OPEN):
                role = _other_style(s, j, c) if s[j] in _MIXED_MARKS else None
                if role == "open":
                    inner = True
                elif role == "close":
                    if not inner:
                        break  # this quotation's own close, in the other style
                    inner = False
                j += 1
            if j < n and (s[j] in closers or _other_style(s, j, c) == "close"):
                out.append((i, j + 1, i + 1, j, True, False))
                i = j + 1
            else:
                out.append((i, n, i + 1, n, False, False))
                i = n
            continue
        if c == "'":
            if i == 0 or s[i - 1] in " \t([{\u2014\u2013-/:":
                sm = _STRAIGHT_SINGLE.match(s, i)
                if sm and len(WORD.findall(sm.group(1))) <= _MAX_SINGLE_WORDS:
                    out.append((i, sm.end(), i + 1, sm.end() - 1, True, False))
                    i = sm.end()
                    continue
                sm = _SINGLE_TO_STOP.match(s, i)
                if sm and len(WORD.findall(sm.group(1)[:-1])) <= _MAX_SENTENCES_WORDS:
                    out.append((i, sm.end(), i + 1, sm.end() - 1, True, False))
                    i = sm.end()
                    continue
            i += 1
            continue
        if c == "\u2018" and (i == 0 or not s[i - 1].isalnum()):
            j = s.find("\u2019", i + 1)
            while j >= 0 and j + 1 < n and s[j + 1].isalpha() and s[j - 1].isalnum():
                # an apostrophe ("Iraq’s"), not the closing mark; after punctuation (",’Tomas said") it closes
                j = s.find("\u2019", j + 1)
            words = len(WORD.findall(s[i + 1: j])) if j > i + 1 else 0
            if j > i + 1 and (words <= _MAX_SINGLE_WORDS or (
                    words <= _MAX_SENTENCES_WORDS and s[j - 1] in ".,!?" and s[i + 1: i + 2].isupper()
                    and (j + 1 == n or s[j + 1].isspace()))):
                out.append((i, j + 1, i + 1, j, True, False))
                i = j + 1
                continue
        i += 1
    return out


def is_label(inner: str, before: str) -> bool:
    """A name or label in quotation marks rather than someone's words."""
    text = inner.strip().rstrip(",.;:").strip()
    words = WORD.findall(text)
    if not words or len(words) > 8:
        return False
    cue = bool(_CUE_TAIL.search(before[-40:]))
    if text.endswith(("!", "?")):
        return False
    core = [w for w in words if w.lower() not in _LABEL_SMALL]
    title_case = bool(core) and all(w[:1].isupper() or w[:1].isdigit() or w.startswith(("al-", "el-")) for w in core)
    if cue and not title_case and _WHAT_X_CALLED.search(before[-60:]):
        return False  # "condemned what he called “a cowardly act”": his words, not a label
    if cue and (title_case or len(words) <= 4):
        return True
    on = _ON_A_PROGRAMME.search(before[-40:])
    if on and not _NO_PROGRAMME.search(on.group()) and all(
            w[:1].isupper() or w[:1].isdigit() or w.lower() in _LABEL_SMALL or w.lower() in _TITLE_SMALL for w in words):
        # 'said on "Meet the Press."', 'on PBS's the "Charlie Rose" program', 'on Fox News' "On the Record with
        # Greta Van Susteren."', 'said on "Outnumbered."': a programme's name, its full stop the sentence's
        return True
    return title_case and len(core) >= 2 and not inner.rstrip().endswith(".")


# "on" or a programme's noun before a title-case name in quotation marks: a programme, a show, a book
_ON_A_PROGRAMME = re.compile(r"(?:\b(?:on|appeared\s+on|appearing\s+on)\s+(?:[A-Z][\w&.'\u2019]*\s+){0,3}(?:the\s+)?"
                             r"|\b(?:program|programme|show|series|podcast|documentary|film|book|column)\s+)$")
_TITLE_SMALL = frozenset({"with", "from", "by", "vs", "&", "or"})
# "chanted on Friday", "wrote on Twitter", "posted on X", "said on state television": a day or a platform, then
# someone's words, not a programme's name
_NO_PROGRAMME = re.compile(r"\b(?:" + "|".join(sorted(set(L.weekdays) | set(L.months))) + r"|Twitter|X|Facebook|Instagram|"
                           r"Telegram|TikTok|YouTube|Weibo|Truth|Threads|Bluesky|WhatsApp)\b", re.I)


# the end of a paragraph whose quotation mark never closed: ", said X." / ", the army said."
_OWN_ATTRIBUTION = re.compile(
    r",\s*(?:(?:" + "|".join(sorted(INVERTED_VERBS)) + r")\s+[^,.;:\u201c\u201d\"]{2,60}"
    r"|(?:[Tt]he\s|[Hh]e\s|[Ss]he\s|[A-Z])[^,.;:\u201c\u201d\"]{0,60}?\s+(?:" + "|".join(sorted(INVERTED_VERBS)) + r")(?:\s+[a-z][^,.;:]{0,30})?)"
    r"\s*\.?\s*$")


def find_spans(doc: Document, labels: list[tuple[int, int, int]] | None = None) -> list[Span]:
    """The quoted spans of the document; the names and labels in quotation marks ("Meet the Press") go to
    `labels` as (segment, open, close), when given, so that no one is read as a speaker inside them."""
    spans: list[Span] = []
    carry = False
    last_open_span = None
    for seg, s in enumerate(doc.written):
        if doc.is_caption(seg) and seg == len(doc.paragraphs):
            carry = False
        pieces = scan_segment(s, carry)
        carry = False
        for start, end, ts, te, closed, continued in pieces:
            inner = s[ts:te].strip()
            if not inner:
                continue
            if continued and last_open_span is not None:
                prev, piece = spans[last_open_span], inner.rstrip(",").strip()
                parts = prev.parts or ((prev.segment, prev.text),)
                if s[start:start + 1] in OPEN + '"':
                    parts += ((seg, piece),)  # the paragraph reopens the quote with its mark: a quote of its own
                else:
                    parts = parts[:-1] + ((parts[-1][0], parts[-1][1] + " " + piece),)  # a line break inside it
                spans[last_open_span] = replace(
                    prev, text=prev.text + " " + piece, last_segment=seg, last_close=end, parts=parts)
                if not closed:
                    carry = True
                else:
                    last_open_span = None
                continue
            if is_label(inner, s[max(0, start - 40): start]) or (closed and is_nickname(s, start, end, inner)):
                if labels is not None:
                    labels.append((seg, start, end))
                continue
            if not closed:
                own = _OWN_ATTRIBUTION.search(s, ts, te)
                if own:  # '"We are at war, said X.' : the mark was never closed, the attribution is not quoted
                    inner, end, closed = s[ts: own.start()].strip(), own.start(), True
            spans.append(Span(seg, start, end, inner.rstrip(",").strip(), seg, end))
            if not closed:
                carry = True
                last_open_span = len(spans) - 1
            else:
                last_open_span = None
        if not pieces:
            last_open_span = None
    return spans
