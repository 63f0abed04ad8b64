"""Headline recognition: which short line above the story is the title."""
from __future__ import annotations

import re

from generator.extract.lexicon import LEXICON

_SUFFIX = re.compile(r"^(?P<main>.*?\S)\s+(?P<sep>[|\u2013\u2014-]|::)\s+(?P<site>[^|\u2013\u2014]{2,60})$")
_WORDS = re.compile(r"[\w'\u2019-]+")
_TERMINAL = (".", ",", ";", ":")
_INNER_SENTENCE_END = re.compile(r"[a-z0-9][.!?][\"'\u201d\u2019]?\s+[A-Z]")


_WORD_BEFORE_DOT = re.compile(r"([A-Za-z]+)$")


def _abbreviation_before(line: str, dot: int) -> bool:
    """The period at `dot` closes an abbreviation ("Lt.", "Gen.", "Dr."), not a sentence."""
    m = _WORD_BEFORE_DOT.search(line, 0, dot)
    return m is not None and m.group(1).lower() in LEXICON.abbreviations


_AGENCY_TAIL = re.compile(r"^(?P<main>.*?[\w\"'\u201d\u2019)])\s*[-\u2013\u2014:]\s*(?P<site>[A-Z][\w.&]*(?:\s[A-Z][\w.&]*){0,2})\s*$")


def strip_site_suffix(line: str) -> tuple[str, str | None]:
    """"Title | Outlet" -> ("Title", "Outlet"); a " - Outlet" tail only when it looks like a name;
    an agency glued on ("Title -AFP") always."""
    m = _AGENCY_TAIL.match(line)
    if m and m.group("site").lower() in LEXICON.agencies and len(_WORDS.findall(m.group("main"))) >= 3:
        return m.group("main"), LEXICON.agencies[m.group("site").lower()]
    m = _SUFFIX.match(line)
    if not m:
        return line, None
    main, sep, site = m.group("main"), m.group("sep"), m.group("site").strip()
    if len(_WORDS.findall(main)) < 3:
        return line, None
    site_words = _WORDS.findall(site)
    if not site_words or len(site_words) > 5:
        return line, None
    known = site.lower() in LEXICON.outlets or site.lower() in LEXICON.agencies
    name_like = all(w[:1].isupper() or w[:1].isdigit() or w.lower() in {"the", "of", "and", "al"} for w in site_words)
    if sep == "|" and (known or name_like or len(site_words) <= 3):
        return main, site
    if known or (name_like and len(site_words) <= 3 and sep != "-"):
        return main, site
    return line, None


def is_headline_like(line: str) -> bool:
    """Short, unpunctuated at the end, starts like a title."""
    if not line or len(line) > 250:
        return False
    words = _WORDS.findall(line)
    if len(words) < 3 or len(words) > 30:
        return False
    if line.rstrip("\"'\u201d\u2019)] ").endswith(_TERMINAL + ("!", "?", "\u2026")) and not line.endswith(("?", "!")):
        return False
    if any(not _abbreviation_before(line, m.start() + 1) for m in _INNER_SENTENCE_END.finditer(line)):
        return False  # two sentences: a truncated paragraph, not a headline ("Lt. Gen. X statement" is one)
    first = line.lstrip("\"'\u201c\u2018")[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    return True
