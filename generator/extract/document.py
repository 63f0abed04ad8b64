"""The cleaned article as the entity stages see it: segments, sentences, tokens."""
from __future__ import annotations

from dataclasses import dataclass

from generator.extract.chunks import find_chunks
from generator.extract.text import Token, split_sentences, tokenize


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
    segments: tuple[str, ...]  # paragraphs then captions
    sentences: tuple[Sentence, ...]
    skip_until: int  # offset in segment 0 where the dateline opener ends

    def is_caption(self, segment: int) -> bool:
        return segment >= len(self.paragraphs)

    def quote_paragraph(self, segment: int) -> int:
        """Quote.paragraph value for a segment: its index, or -2 for captions."""
        return -2 if self.is_caption(segment) else segment


def build_document(paragraphs: tuple[str, ...], captions: tuple[str, ...], skip_until: int = 0) -> Document:
    segments = paragraphs + captions
    sentences = []
    for seg, text in enumerate(segments):
        for start, end in split_sentences(text):
            tokens = tuple(tokenize(text[start:end], start))
            sentences.append(
                Sentence(len(sentences), seg, start, end, text[start:end], tokens, tuple(find_chunks(tokens, 0)))
            )
    return Document(paragraphs, captions, segments, tuple(sentences), skip_until)
