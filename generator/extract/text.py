"""Low-level text helpers shared by the stages: normalising, sentences, tokens.

Everything is linear in the input and uses precompiled patterns, so a huge or
hostile input costs time proportional to its (capped) length.
"""
from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from generator.extract.lexicon import LEXICON

# Longest text we look at: ~150,000 words, far beyond any real article even with a
# huge scraped page around it; everything past it is dropped so 10 MB of junk stays bounded.
MAX_CHARS = 1_000_000
MAX_LINE = 20_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200e\u200f\u2028\u2029\ufeff]")
# Format characters that never change what a reader sees in a name: soft hyphen, Arabic letter mark,
# Mongolian vowel separator, word joiner and invisible operators, bidirectional embeddings, overrides
# and isolates, interlinear annotation marks, tag characters. Left in, they split "Ras\u00adool" into
# "Ras" and "ool" and make a second, phantom actor; dropped, the name is matched as a reader reads it.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufff9-\ufffb\U000e0001\U000e0020-\U000e007f]")
# Joiners matter between letters of joining scripts (Persian "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"), never
# between Latin letters, where they only hide a word break that is not there.
_LATIN_JOINER = re.compile("(?<=[A-Za-z\u00c0-\u024f])[\u200c\u200d]+(?=[A-Za-z\u00c0-\u024f])")
# Combining marks: NFC composes the usual accents; a run of more than this many marks on one letter
# ("Zalgo" text) is decoration, cut so it cannot stretch a word or the work on it.
MAX_MARKS = 3
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0670\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_MARK_RUN = re.compile(f"([{_MARKS}]{{{MAX_MARKS}}})[{_MARKS}]+")
_INLINE_SPACE = re.compile(r"[ \t\u00a0\u2009\u202f]+")
# Wire copy as research corpora and old newswire feeds keep it (the LDC's AP and New York Times text,
# Penn Treebank style) writes quotation marks as TeX does: ``opening'' and `inner'; where a text opens a
# quotation with two backticks before a word and closes one with two apostrophes, they are its marks (a
# Markdown code fence, ```, or `code` in a text without them is left as written). The same copy sets a
# dash as a spaced underscore ("NAIROBI, Kenya (AP) _ Thousands of ..."). Read as the marks they stand for,
# the quotes are found and the dateline is a dateline, not "DETROIT _ Auto" as somebody's name.
_TEX_QUOTING = re.compile(r"(?<!`)``(?=[\w\u00c0-\u024f])")  # ``a quotation's opening (not a ``` code fence)
_TEX_OPEN_SINGLE = re.compile(r"(?<![\w\u00c0-\u024f`])`(?=[\w\u00c0-\u024f])")
_TEX_OPEN_DOUBLE = re.compile(r"(?<!`)`` ?(?!`)")
_TEX_CLOSE_DOUBLE = re.compile(r" ?''")
_UNDERSCORE_DASH = re.compile(r"(?<=\S) _ (?=\S)")



def normalise(text: str) -> str:
    """Unify line ends, drop control and invisible format characters, read wire copy's TeX quotes and
    underscore dashes as the marks they stand for, compose accents, cap the length."""
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", _CONTROL.sub("", text))
    if "``" in text and "''" in text and _TEX_QUOTING.search(text):
        text = _TEX_OPEN_SINGLE.sub("\u2018", _TEX_CLOSE_DOUBLE.sub("\u201d", _TEX_OPEN_DOUBLE.sub("\u201c", text)))
    if " _ " in text:
        text = _UNDERSCORE_DASH.sub(" \u2014 ", text)
    if not text.isascii():
        text = _MARK_RUN.sub(r"\1", _LATIN_JOINER.sub("", unicodedata.normalize("NFC", text)))
    return text


def squash_spaces(line: str) -> str:
    return _INLINE_SPACE.sub(" ", line).strip()


# A sentence ends at . ! ? (or an ellipsis) optionally followed by closing quotes
# or brackets, then whitespace, then something that can start a sentence.
_BOUNDARY = re.compile(
    r"(?<=[.!?\u2026])([\"'\u201d\u2019)\]]*)\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u00de])"
)
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of one paragraph, abbreviation-aware."""
    spans = []
    start = 0
    for m in _BOUNDARY.finditer(paragraph):
        end = m.start() + len(m.group(1))
        head = paragraph[max(start, end - 12 - len(m.group(1))): m.start()]
        lw = _LAST_WORD.search(head)
        if lw:
            word = lw.group(1).lower()
            # "Mr.", "Gen.", "U.S.", initials "J." do not end a sentence; a possessive's "s" does ("at Standard &
            # Poor's. But", "said Moody's.")
            possessive = lw.start() > 0 and head[lw.start() - 1] in "'\u2019"
            if word in LEXICON.abbreviations or (len(word) == 1 and not possessive) or ("." in word and len(word) <= 5):
                continue
        spans.append((start, end))
        start = m.end()
    if start < len(paragraph):
        spans.append((start, len(paragraph)))
    return [(s, e) for s, e in spans if paragraph[s:e].strip()]


# Tokens: dotted abbreviations (U.S.), words with inner apostrophes/hyphens (and the apostrophe of a
# possessive after s: "Mr Ebbers' lawyer"), numbers, and single punctuation characters.
TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"
    rf"|[^\W\d_][\w{_MARKS}\u200c\u200d]*(?:['\u2019\-][\w{_MARKS}\u200c\u200d]+)*(?:(?<=[A-Za-z]s)['\u2019](?!\w))?"
    r"|\d+(?:[.,:/]\d+)*\w*"
    r"|[^\w\s]"
)
_POSSESSIVE = re.compile(r"^(.+?)['\u2019]s$|^(.+s)['\u2019]$")


class Token(NamedTuple):
    """A word or mark with offsets; "Iraq's" is token "Iraq" with possessive=True."""

    text: str
    start: int
    end: int
    possessive: bool = False
    lower: str = ""


_TUPLE_NEW = tuple.__new__


def tokenize(s: str, offset: int = 0) -> list[Token]:
    """Tokens with absolute offsets; "Iraq's" becomes token "Iraq" marked possessive."""
    out = []
    append = out.append
    new = _TUPLE_NEW  # NamedTuple.__new__ without its Python-level frame: tokens are the hot path
    for m in TOKEN.finditer(s):
        t = m.group()
        start = m.start() + offset
        if len(t) > 2 and ("'" in t or "\u2019" in t):
            pm = _POSSESSIVE.match(t)
            if pm:
                base = pm.group(1) or pm.group(2)
                append(new(Token, (base, start, start + len(base), True, base.lower())))
                continue
        append(new(Token, (t, start, start + len(t), False, t.lower())))
    return out


def is_capitalised(word: str) -> bool:
    """A name-like word: "Baghdad", "al-Sudani", "U.S.", "PMF", "Kata'ib"."""
    if not word:
        return False
    c = word[0]
    if c.isupper():
        return True
    if c not in "aeibwu" or "-" not in word:
        return False
    low = word.lower()
    for p in ("al-", "el-", "ad-", "as-", "ash-", "at-", "az-", "ar-", "an-", "ibn-", "bin-", "wal-", "wa-", "ul-"):
        if low.startswith(p) and len(word) > len(p) and word[len(p)].isupper():
            return True
    return False


def is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)
