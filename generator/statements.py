"""Group quotes into statements: one statement, however many outlets carry it.

Outlets trim, re-punctuate and translate the same words differently:
EFE prints a sentence in full, another outlet keeps one word of it
("unacceptable"). Two quotes by the same speaker are one statement when
the words of one appear in order inside the other, or when most of their
words are shared. Short fragments only join a statement reported within a
few days, so a speaker's favourite word does not glue unrelated
statements together.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .archive import Article
from .models import Quote

FRAGMENT_WORDS = 4  # below this, a contained quote must be close in time
FRAGMENT_DAYS = 7
OVERLAP = 0.6

_WORD = re.compile(r"\w+")


def words(text: str) -> tuple[str, ...]:
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("\u2019", "'")
    return tuple(_WORD.findall(s))


@dataclass(frozen=True)
class Version:
    article: Article
    quote: Quote


@dataclass(frozen=True)
class Statement:
    """One statement by one speaker and every article that carries it, first seen first."""

    speaker: str | None
    versions: tuple[Version, ...]

    @property
    def first(self) -> Version:
        return self.versions[0]

    @property
    def text(self) -> str:
        """The fullest wording; the others are shown as variants."""
        return max(self.versions, key=lambda v: (len(words(v.quote.text)), -self.versions.index(v))).quote.text

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(v.article.source or "Unknown outlet" for v in self.versions))

    @property
    def variants(self) -> list[Version]:
        """Versions whose wording differs from the main text (first of each wording only)."""
        main = words(self.text)
        seen = {main}
        out = []
        for v in self.versions:
            w = words(v.quote.text)
            if w not in seen:
                seen.add(w)
                out.append(v)
        return out


def _contains(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
    if not short or len(short) > len(long):
        return False
    n = len(short)
    first = short[0]
    return any(long[i] == first and long[i:i + n] == short for i in range(len(long) - n + 1))


def _days_apart(a: Article, b: Article) -> int | None:
    if a.date and b.date:
        return abs((a.date - b.date).days)
    return None


def _same(wa: tuple[str, ...], wb: tuple[str, ...], a: Article, b: Article) -> bool:
    if not wa or not wb:
        return False
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if _contains(long, short):
        if len(short) >= FRAGMENT_WORDS:
            return True
        days = _days_apart(a, b)
        return days is None or days <= FRAGMENT_DAYS
    sa, sb = set(wa), set(wb)
    return min(len(sa), len(sb)) >= FRAGMENT_WORDS and len(sa & sb) / min(len(sa), len(sb)) >= OVERLAP


def same_statement(a: Version, b: Version) -> bool:
    return _same(words(a.quote.text), words(b.quote.text), a.article, b.article)


def group_statements(quotes: list[tuple[Article, Quote]]) -> list[Statement]:
    """Cluster one speaker's quotes (or the unattributed ones) into statements, oldest first.

    Only quotes that share one of their rarest words are compared, which
    keeps a prolific speaker's thousands of quotes from costing n² checks.
    """
    versions = sorted((Version(a, q) for a, q in quotes),
                      key=lambda v: (v.article.date is None, v.article.date or 0, v.article.stem, v.quote.paragraph))
    tokens = [words(v.quote.text) for v in versions]
    postings: dict[str, list[int]] = {}
    for i, t in enumerate(tokens):
        for w in set(t):
            postings.setdefault(w, []).append(i)
    parent = list(range(len(versions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, t in enumerate(tokens):
        rarest = sorted(set(t), key=lambda w: (len(postings[w]), w))[:3]
        for j in sorted({j for w in rarest for j in postings[w] if j != i}):
            if versions[i].article.stem == versions[j].article.stem:
                continue  # quotes within one article are separate spans, not copies
            if find(i) != find(j) and _same(t, tokens[j], versions[i].article, versions[j].article):
                ri, rj = find(i), find(j)
                parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[Version]] = {}
    for i, v in enumerate(versions):
        groups.setdefault(find(i), []).append(v)
    return [Statement(versions[root].quote.speaker, tuple(members)) for root, members in sorted(groups.items())]
