"""The cleaned article as the entity stages see it: segments, sentences, tokens."""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract.chunks import find_chunks
from generator.extract.lexicon import LEXICON as L
from generator.extract.text import Token, split_sentences, tokenize
from generator.extract.words import is_given_name


@dataclass(frozen=True)
class Sentence:
    index: int  # position in reading order over all segments
    segment: int  # paragraph index, or len(paragraphs) + caption index
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]  # offsets are relative to the segment
    chunks: tuple[tuple[int, int], ...] = ()  # capitalised runs, as token ranges


@dataclass(frozen=True)
class Document:
    paragraphs: tuple[str, ...]
    captions: tuple[str, ...]
    segments: tuple[str, ...]  # paragraphs then captions, as the rules read them (nicknames blanked)
    sentences: tuple[Sentence, ...]
    skip_until: int  # offset in segment 0 where the dateline opener ends
    written: tuple[str, ...]  # the segments as written: quotation marks and what they hold

    def is_caption(self, segment: int) -> bool:
        return segment >= len(self.paragraphs)

    def quote_paragraph(self, segment: int) -> int:
        """Quote.paragraph value for a segment: its index, or -2 for captions."""
        return -2 if self.is_caption(segment) else segment


def build_document(paragraphs: tuple[str, ...], captions: tuple[str, ...], skip_until: int = 0) -> Document:
    given = paragraphs + captions
    # the rules read the text with nicknames blanked (offsets kept); each sentence keeps its words as written
    segments = tuple(without_nicknames(text) for text in given)
    sentences = []
    for seg, text in enumerate(segments):
        for start, end in split_sentences(text):
            tokens = tuple(tokenize(text[start:end], start))
            sentences.append(Sentence(len(sentences), seg, start, end, given[seg][start:end], tokens,
                                      tuple(find_chunks(tokens, 0))))
    return Document(paragraphs, captions, segments, tuple(sentences), skip_until, given)


def is_nickname(s: str, start: int, end: int, inner: str) -> bool:
    """'Col. John “J.D.” Dorrian', 'Jack "Tex" Moran': one or two capitalised words between a first name and
    a surname are what the person is called, not words quoted."""
    words = inner.split()
    surname = _SURNAME_AFTER.match(s, end)
    if not (1 <= len(words) <= 2 and all(w[:1].isupper() for w in words) and surname):
        return False
    if inner.endswith(("!", "?", ",", ";", ":")) or (inner.endswith(".") and not _INITIALS.fullmatch(inner)):
        return False  # 'shouted to Michael "Run!" Seconds later', 'called Kim "Rocket Man." Kim responded'
    after = surname.group().strip().lower()
    if (after in L.org_nouns or after in L.anonymous_nouns) and not (len(words) == 1 and is_given_name(words[0])):
        # 'her son Adam "Come Home" Police said': a word of the next sentence, not a surname (but a given name
        # between names is one: 'Margaret "Maggie" Court')
        return False
    before = _FIRST_NAME_BEFORE.search(s, max(0, start - 30), start)
    return before is not None and (is_given_name(before.group(1)) or before.group(1).lower() in L.particles)


_INITIALS = re.compile(r"(?:[A-Z]\.\s?)+")  # "J.D."
_FIRST_NAME_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+$")  # a first name ("John") or a particle ("Abu")
_SURNAME_AFTER = re.compile(r"\s+[A-Z][a-z'\u2019-]+\b")


# a word or two in quotation marks ("J.D.", “Tex”): a nickname when a first name stands before it
_QUOTED_WORDS = re.compile(r"[\"\u201c\u2018]([^\"\u201c\u201d\u2018\u2019]{1,25})[\"\u201d\u2019]")


def without_nicknames(s: str) -> str:
    """The text with each nickname between a first name and a surname blanked, offsets kept: 'Col. John
    “J.D.” Dorrian' is read as John Dorrian (not a John, then words quoted, then a Dorrian)."""
    if '"' not in s and "\u201c" not in s and "\u2018" not in s:
        return s
    out = s
    for m in _QUOTED_WORDS.finditer(s):
        if is_nickname(s, m.start(), m.end(), m.group(1).strip()):
            out = out[: m.start()] + " " * (m.end() - m.start()) + out[m.end():]
    return out
