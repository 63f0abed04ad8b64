"""An article's text as Markdown, with entities linked and quotes marked.

The first mention of each actor and base links to its page; every quote
is marked and followed by its speaker, unless the words right after the quote
name the speaker already ("…,” said al-Majei). The label is kept out of search
(Material's and Pagefind's), so snippets read as the article does. The text is
escaped piece by piece around these inserts, so the source's wording shows
exactly as written.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass
from typing import Callable

from markupsafe import Markup

from generator.labels import UNATTRIBUTED_SHORT
from generator.render import escape

_OPENING = "\u201c\"\u2018'\u00ab"
_CLOSING = "\u201d\"\u2019'\u00bb"
FOLLOWING_CHARS = 60  # how far after a quote its speaker's name counts as "right after"
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:[A-Z][a-z]{0,3}|(?:[A-Z]\.)+[A-Z])$")  # "Gen." "Brig." "U.S." end no sentence
_NAME_PARTICLE = re.compile(r"^(?:al|el|ad|ag|an|ar|as|ash|at|az|ud|ur)-(?=\w)", re.IGNORECASE)
SPEAKER_LABEL = '<sup class="ba-speaker" title="Speaker" data-search-exclude="true" data-pagefind-ignore="all">'


@dataclass(frozen=True)
class LinkTarget:
    key: str  # the entity's page path
    forms: tuple[str, ...]  # surface forms to look for


@dataclass(frozen=True)
class QuoteMark:
    text: str
    speaker: str | None
    speaker_path: str | None
    speaker_forms: tuple[str, ...] = ()  # ways the article may name the speaker (see speaker_forms)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: str  # "link" | "quote"
    payload: object


def speaker_forms(name: str, kind: str | None, aliases: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The names that, right after a quote, already say who spoke: the name, its aliases, and for a
    person the surname (also without an Arabic article: "al-Mismari" and "Mismari")."""
    forms = [name, *aliases]
    if kind == "person":
        for full in (name, *aliases):
            parts = full.split()
            if len(parts) > 1:
                surname = parts[-1]
                forms.append(surname)
                bare = _NAME_PARTICLE.sub("", surname)
                if bare != surname and len(bare) > 2:
                    forms.append(bare)
    return tuple(dict.fromkeys(f for f in forms if len(f) > 2))


def _named_after(text: str, end: int, forms: tuple[str, ...]) -> bool:
    """Whether the words right after a quote, in the quote's own sentence, name its speaker."""
    if not forms or text[:end].rstrip(_CLOSING)[-1:] in (".", "!", "?"):  # the quote ended its sentence
        return False
    after = text[end:end + FOLLOWING_CHARS]
    for stop in _SENTENCE_END.finditer(after):
        if stop.group() != "." or not _ABBREVIATION.search(after[:stop.start()]):
            after = after[:stop.start()]
            break
    names = _names(tuple(escape.flatten(f) for f in forms))
    return bool(names and names.found_in(after))


def _quote_spans(text: str, quotes: list[QuoteMark]) -> list[_Span]:
    spans: list[_Span] = []
    pos = 0
    for q in quotes:
        inner = escape.flatten(q.text)
        at = text.find(inner, pos) if inner else -1
        if at < 0:
            at = text.find(inner) if inner else -1
        if at < 0 or any(s.start < at + len(inner) and at < s.end for s in spans):
            continue
        start, end = at, at + len(inner)
        if start > 0 and text[start - 1] in _OPENING:
            start -= 1
        trail = end
        while trail < len(text) and text[trail] in ",.;:!?…" and trail - end < 2:
            trail += 1
        if trail < len(text) and text[trail] in _CLOSING:
            end = trail + 1
        spans.append(_Span(start, end, "quote", q))
        pos = end
    return spans


def _is_word(char: str) -> bool:
    """What `\\w` matches in a str pattern: a Unicode letter or digit, or the underscore."""
    return char.isalnum() or char == "_"


class _Names:
    """Where one of some names stands as a whole word in a text: what the pattern
    `(?<!\\w)(?:longest|...|shortest)(?!\\w)` finds (the first name in that order that fits at the
    leftmost place, then on from its end), found with `str.find` instead of a compiled pattern:
    compiling one for each entity's names and each quote's speaker was a tenth of every render
    worker's time (tests/test_linking.py compares the two on random text)."""

    __slots__ = ("forms",)

    def __init__(self, forms: tuple[str, ...]):
        self.forms = forms  # longest first

    def _places(self, text: str):
        """(start, end) of each place a name fits, name by name in their order, each left to right."""
        for form in self.forms:
            at = text.find(form)
            while at >= 0:
                end = at + len(form)
                if (at == 0 or not _is_word(text[at - 1])) and (end == len(text) or not _is_word(text[end])):
                    yield at, end
                at = text.find(form, at + 1)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Every match, left to right, none overlapping the one before."""
        longest: dict[int, int] = {}  # where a name fits -> the end of the first (longest) that does
        for at, end in self._places(text):
            longest.setdefault(at, end)
        found, reached = [], 0
        for at in sorted(longest):
            if at >= reached:
                reached = longest[at]
                found.append((at, reached))
        return found

    def found_in(self, text: str) -> bool:
        return next(self._places(text), None) is not None


@lru_cache(maxsize=1 << 14)
def _names(forms: tuple[str, ...]) -> _Names | None:
    forms = tuple(f for f in sorted(set(forms), key=len, reverse=True) if f.strip())
    return _Names(forms) if forms else None


def _link_spans(text: str, targets: list[LinkTarget], linked: set[str], quotes: list[_Span]) -> list[_Span]:
    spans: list[_Span] = []
    for target in targets:
        if target.key in linked:
            continue
        names = _names(target.forms)
        if names is None:
            continue
        for s, e in names.spans(text):
            if any(x.start < e and s < x.end for x in spans):
                continue
            if any(q.start < e and s < q.end and not (q.start <= s and e <= q.end) for q in quotes):
                continue  # would cross a quote's edge
            spans.append(_Span(s, e, "link", target))
            linked.add(target.key)
            break
    return spans


def render_paragraph(
    text: str,
    targets: list[LinkTarget],
    linked: set[str],
    quotes: list[QuoteMark],
    link: Callable[[str, object], Markup],
) -> Markup:
    """One paragraph as a Markdown line. `linked` carries first mentions across paragraphs."""
    text = escape.flatten(text)
    quote_spans = _quote_spans(text, quotes)
    link_spans = _link_spans(text, targets, linked, quote_spans)
    events: list[tuple[int, int, str, _Span]] = []
    for q in quote_spans:
        events.append((q.start, 0, "open", q))
        events.append((q.end, 2, "close", q))
    for s in link_spans:
        events.append((s.start, 1, "link", s))
    events.sort(key=lambda e: (e[0], e[1]))
    out: list[str] = []
    pos = 0
    for at, _, what, span in events:
        if at < pos:
            continue
        out.append(escape.fragment(text[pos:at]))
        pos = at
        if what == "open":
            out.append('<span class="ba-quote">')
        elif what == "close":
            q: QuoteMark = span.payload
            out.append("</span>")
            if not _named_after(text, span.end, q.speaker_forms):
                who = link(q.speaker_path, q.speaker) if q.speaker_path else escape.fragment(q.speaker or UNATTRIBUTED_SHORT)
                out.append(f"{SPEAKER_LABEL}{who}</sup>")
        else:
            out.append(link(span.payload.key, text[span.start:span.end]))
            pos = span.end
    out.append(escape.fragment(text[pos:]))
    return escape.line_start(Markup("".join(out)))
