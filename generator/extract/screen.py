"""Patterns tried only on text that holds a word they need.

The incident rules (incidents.py) read each sentence with a cue against some forty patterns, most
of them case-insensitive alternations of words (`condemn(?:s|ed)?|denounc(?:es|ed|e)|...`):
Python's `re` tries every alternative at every position of the sentence, and that was half the
time of finding incidents (at 10,000 articles, 4 of 7.5 s of a core). Most sentences hold none of
a pattern's words, and a substring test says so several times faster. `needed(pattern)` reads the
pattern's parse tree for strings at least one of which is in any text the pattern matches;
`screen(pattern)` is the pattern with that test in front: the same answers
(tests/test_screen.py compares the two on random and real text), "no match" at once when the text
holds none of the strings.

What "holds" means, so that the test can never say no where the pattern says yes:

- a case-sensitive literal matches exactly its own characters: a plain substring test;
- a case-insensitive one is kept only when it is ASCII, and tested in the lowercased text, which is
  exactly right for every character but three: `re.IGNORECASE` lets "ſ" (long s) match "s" and "ı"
  (dotless i) and "İ" (dotted capital I) match "i" where `str.lower()` does not give "s" or "i"
  for them; a text that holds one of the three is not screened (tests/test_screen.py checks the
  claim against every character Unicode has);
- only when called on a whole text (`search(text)`, not `search(text, pos)`); with a position the
  pattern answers alone.
"""
from __future__ import annotations

import re
from re import _constants as sre  # the parser's node types: the parse tree is read, never changed
from re import _parser

from generator import settings

# Characters `re.IGNORECASE` matches to an ASCII letter although `str.lower()` does not make them one.
_CASE_EXCEPTIONS = ("\u017f", "\u0131", "\u0130")
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))

Needed = frozenset  # of (string, case_insensitive): every match's text holds at least one


def lowering_may_miss(text: str) -> bool:
    """Whether a case-insensitive pattern may match `text` where its lowercased literal is not in
    `text.lower()`: the text holds one of _CASE_EXCEPTIONS ("İRAN" lowers to "i̇ran")."""
    return not text.isascii() and any(c in text for c in _CASE_EXCEPTIONS)


def needed(pattern: re.Pattern) -> Needed | None:
    """Strings at least one of which any text `pattern` matches holds, or None when there is no such
    set (a pattern that can match without any literal: `\\d+`, `(?:a|\\w)`)."""
    if not isinstance(pattern.pattern, str) or pattern.flags & re.LOCALE:
        return None
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
    except (re.error, RecursionError, ValueError):
        return None
    return _sequence(tree.data, bool(tree.state.flags & re.IGNORECASE))


def _better(a: Needed | None, b: Needed | None) -> Needed | None:
    """The more selective of two sets: fewer strings, then longer shortest string."""
    if a is None or b is None:
        return a if b is None else b
    rank = lambda n: (len(n), -min(len(text) for text, _ in n))  # noqa: E731
    return a if rank(a) <= rank(b) else b


def _sequence(items, ignore_case: bool) -> Needed | None:
    """A sequence matches only where each of its parts does: the best set any part needs (a run of
    literal characters needs itself)."""
    best, run = None, []

    def end_run() -> None:
        nonlocal best
        if run:
            text = "".join(run)
            best = _better(best, frozenset({(text.lower() if ignore_case else text, ignore_case)}))
            run.clear()

    for op, arg in items:
        if op is sre.LITERAL:
            char = chr(arg)
            if not ignore_case or char.isascii():
                run.append(char)
                continue
        end_run()
        if op is sre.SUBPATTERN:
            _, add_flags, del_flags, body = arg
            inner = (ignore_case or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
            best = _better(best, _sequence(body, inner))
        elif op is sre.BRANCH:
            each = [_sequence(branch, ignore_case) for branch in arg[1]]
            if all(n is not None for n in each):
                best = _better(best, frozenset().union(*each))
        elif op in _REPEATS and arg[0] >= 1:
            best = _better(best, _sequence(arg[2], ignore_case))
        elif op is getattr(sre, "ATOMIC_GROUP", None):
            best = _better(best, _sequence(arg, ignore_case))
        # anything else (a class, a wildcard, an anchor, a lookaround, a back-reference) needs nothing
    end_run()
    return best


class Screened:
    """A compiled pattern that first checks the text holds one of the strings it needs."""

    __slots__ = ("compiled", "exact", "folded")

    def __init__(self, compiled: re.Pattern, strings: Needed) -> None:
        self.compiled = compiled
        self.exact = tuple(sorted(text for text, folded in strings if not folded))
        self.folded = tuple(sorted(text for text, folded in strings if folded))

    def lacks(self, text) -> bool:
        """The text holds none of the strings (and so cannot match); False when that is not known."""
        if type(text) is not str:
            return False
        for string in self.exact:
            if string in text:
                return False
        if self.folded:
            if lowering_may_miss(text):
                return False
            lowered = text.lower()
            for string in self.folded:
                if string in lowered:
                    return False
        return True

    def search(self, text, *where):
        return None if not where and self.lacks(text) else self.compiled.search(text, *where)

    def match(self, text, *where):
        return None if not where and self.lacks(text) else self.compiled.match(text, *where)

    def fullmatch(self, text, *where):
        return None if not where and self.lacks(text) else self.compiled.fullmatch(text, *where)

    def finditer(self, text, *where):
        return iter(()) if not where and self.lacks(text) else self.compiled.finditer(text, *where)

    def findall(self, text, *where):
        return [] if not where and self.lacks(text) else self.compiled.findall(text, *where)

    def sub(self, replacement, text, count=0):
        return text if self.lacks(text) else self.compiled.sub(replacement, text, count)

    def __getattr__(self, name):  # pattern, flags, groups, groupindex, split, subn, scanner
        return getattr(self.compiled, name)

    def __repr__(self) -> str:
        return f"screen({self.compiled!r})"


def screen(compiled: re.Pattern) -> re.Pattern | Screened:
    """`compiled` with the test in front, or `compiled` itself when it needs no string."""
    strings = needed(compiled)
    return compiled if strings is None else Screened(compiled, strings)


def screened(compiled: re.Pattern) -> re.Pattern | Screened:
    """`screen(compiled)`, unless BRIEFING_SCREEN=0 (read as the module that calls it is imported; a
    value that is neither 1 nor 0 is reported by the command line, and screens meanwhile)."""
    try:
        wanted = settings.one("screen")
    except settings.SettingError:
        wanted = True
    return screen(compiled) if wanted else compiled
