"""Group quotes into statements: one statement, however many outlets carry it.

Outlets trim, re-punctuate and translate the same words differently:
EFE prints a sentence in full, another outlet keeps one word of it
("unacceptable"). Two quotes by the same speaker are the same words when
the words of one appear in order inside the other, or when most of the
words that say something (not "the", "our", "and") are shared. A statement
is anchored on its first report: a quote joins the statement whose members
it matches only while every dated report stays within WINDOW_DAYS of the
first (undated quotes join any), and a quote never merges two statements,
so a speaker's boilerplate repeated week after week is one statement per
window, not one chained across months. Short fragments only join a
statement reported within a few days, so a speaker's favourite word does
not glue unrelated statements together. Within one article, a quote joins
another only when its words appear in order inside the other (an article
repeating a phrase of a longer quote), never by shared words. The result
depends on the quotes only, never on the order the articles were read in.

`quoted` gives every quote and evidence sentence the page prints exactly one
pair of quotation marks, whatever marks the source text kept.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import deque
from functools import cached_property, lru_cache
from itertools import repeat
from dataclasses import dataclass

from generator.labels import UNKNOWN_OUTLET
from generator.models import Article
from generator.models import Quote

FRAGMENT_WORDS = 4  # below this, a contained quote must be close in time
SUBSTANTIAL_WORDS = 8  # quotes this long form statements; shorter ones attach to one
FRAGMENT_DAYS = 7
WINDOW_DAYS = 30  # a statement's dated reports span at most this, counted from its first report
OVERLAP_OF_LONGER = 0.5

# Words that carry no statement's identity: two statements sharing them share nothing.
FUNCTION_WORDS = frozenset("""
a an the and or but nor so yet of in on at to for from by with without into onto over under about
after before during since until than as is are was were be been being am do does did has have had
will would shall should can could may might must not no this that these those there here it its
we our us i my me you your he his him she her they their them who whom which what when where why how
all any each every some such very more most also only just then too
""".split())
_WORD = re.compile(r"\w+")
_OPENERS = "\u201c\u201e\u00ab\""
_CLOSERS = "\u201d\u00bb\""
_DOUBLE = frozenset(_OPENERS + _CLOSERS)
_DOUBLE_MARK = re.compile("[" + re.escape("".join(sorted(_DOUBLE))) + "]")
_NESTED_OPENS_AFTER = " \t([{\u2014\u2013-/"  # a double mark after these (or at the start) opens a quote


@lru_cache(maxsize=1 << 14)  # a statement is printed on its speaker's pages, the quote pages and the index
def quoted(text: str) -> str:
    """The text in one pair of curly double quotation marks.

    A quote that kept its source's marks ("\u201c\"A small\u2026") loses them; a sentence
    that quotes someone inside ("\"We hold the base,\" he said.") keeps them as
    single marks, the way a quotation inside a quotation is printed.
    """
    t = " ".join(text.split())
    core = t.lstrip(_OPENERS + " ").rstrip(_CLOSERS + " ")
    if _DOUBLE.isdisjoint(core):  # marks only around the words (or one lone mark): drop them
        return "\u201c" + core.strip() + "\u201d"

    def single(mark: re.Match) -> str:
        c, i = mark.group(), mark.start()
        opens = c in "\u201c\u201e\u00ab" or (c == '"' and (i == 0 or t[i - 1] in _NESTED_OPENS_AFTER))
        return "\u2018" if opens else "\u2019"

    return "\u201c" + _DOUBLE_MARK.sub(single, t).strip() + "\u201d"


@lru_cache(maxsize=1 << 16)
def words(text: str) -> tuple[str, ...]:
    if text.isascii():  # nothing to decompose, no accent to drop, no curly apostrophe
        return tuple(_WORD.findall(text.lower()))
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

    @cached_property  # pages sort and group statements by it, over and over
    def first(self) -> Version:
        """The earliest report (undated ones only when none is dated): "first reported" prints its date."""
        return min(self.versions, key=lambda v: (v.article.date is None, v.article.date or 0))

    @property
    def text(self) -> str:
        """The fullest wording; the others are shown as variants."""
        longest = max(enumerate(self.versions), key=lambda iv: (len(words(iv[1].quote.text)), -iv[0]))
        return longest[1].quote.text  # the first of the longest (by position: versions.index was quadratic)

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(v.article.source or UNKNOWN_OUTLET for v in self.versions))

    @property
    def reports(self) -> list[Version]:
        """One version per article, earliest first: the articles that carried the statement."""
        return list({v.article.stem: v for v in reversed(self.versions)}.values())[::-1]

    @property
    def variants(self) -> list[Version]:
        """Versions worded differently from the main text (first of each wording only).

        A version whose words all appear, in order, in the main text is not a
        different wording but a shorter one: it is not shown again.
        """
        main = words(self.text)
        seen = {main}
        out = []
        for v in self.versions:
            w = words(v.quote.text)
            if w not in seen and not _contains(main, w):
                seen.add(w)
                out.append(v)
        return out


def _contains(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
    if not short or len(short) > len(long):
        return False
    n = len(short)
    first = short[0]
    return any(long[i] == first and long[i:i + n] == short for i in range(len(long) - n + 1))


@dataclass(frozen=True, slots=True)
class _Wording:
    """What comparing a quote reads of it, worked out once: a prolific speaker's quotes are compared
    hundreds of thousands of times."""

    words: tuple[str, ...]
    set: frozenset
    content: frozenset  # its words that say something (not FUNCTION_WORDS)
    day: int | None  # its article's date as an ordinal


def _wording(tokens: tuple[str, ...], day: int | None, word_set: frozenset | None = None) -> _Wording:
    word_set = word_set if word_set is not None else frozenset(tokens)
    return _Wording(tokens, word_set, word_set - FUNCTION_WORDS, day)


def _same(a: _Wording, b: _Wording) -> bool:
    """One wording carries the other (in order), or the two share most of their words."""
    wa, wb = a.words, b.words
    if not wa or not wb:
        return False
    sa, sb = a.set, b.set
    short, long, s_short, s_long = (wa, wb, sa, sb) if len(wa) <= len(wb) else (wb, wa, sb, sa)
    if s_short <= s_long and _contains(long, short):  # every word of one appears in the other
        if len(short) >= FRAGMENT_WORDS:
            return True
        return a.day is None or b.day is None or abs(a.day - b.day) <= FRAGMENT_DAYS
    # Shared words are counted against the longer wording, so a few common
    # words never make a short quote the copy of a long one; and only words
    # that say something count ("the", "our", "and" are in every statement).
    if min(len(sa), len(sb)) < FRAGMENT_WORDS:
        return False
    ca, cb = a.content, b.content
    few, most = (len(ca), len(cb)) if len(ca) <= len(cb) else (len(cb), len(ca))
    # what they share is at most the smaller: too small a share is known without counting it
    return few > 0 and few >= OVERLAP_OF_LONGER * most and len(ca & cb) / most >= OVERLAP_OF_LONGER


def may_be_same(a: frozenset, b: frozenset) -> bool:
    """What two quotes need to be one statement (by `_same`, or one a phrase of the other in one
    article), from their content words (not FUNCTION_WORDS) alone: one's all in the other's (a quote
    carried whole, or a phrase of it), or the share `_same` asks of the longer. A pair failing it is
    not compared word by word: most pairs of a prolific speaker's quotes (450,000 of 453,000 for one
    speaker of the 10,000-article benchmark) fail it, in one set intersection in C.
    tests/test_statements.py checks it never turns away a pair that the comparison takes."""
    shared = len(a & b)
    la, lb = len(a), len(b)
    if shared == la or shared == lb:
        return True
    most = la if la >= lb else lb
    return most > 0 and shared / most >= OVERLAP_OF_LONGER


def _day(article: Article) -> int | None:
    return article.date.toordinal() if article.date else None


def same_statement(a: Version, b: Version) -> bool:
    return _same(_wording(words(a.quote.text), _day(a.article)), _wording(words(b.quote.text), _day(b.article)))


def _period(article: Article) -> int | None:
    """Which WINDOW_DAYS-long period the article falls in (None when undated)."""
    return article.date.toordinal() // WINDOW_DAYS if article.date else None


def _order(v: Version) -> tuple:
    """Oldest first (undated last), then by article and the quote's place in it: an order on the
    quotes' content, so the statements never depend on the order the articles were read in."""
    return (v.article.date is None, v.article.date or 0, v.article.stem, v.quote.paragraph,
            v.article.quotes.index(v.quote) if v.quote in v.article.quotes else -1, v.quote.text)


def group_statements(quotes: list[tuple[Article, Quote]]) -> list[Statement]:
    """Cluster one speaker's quotes (or the unattributed ones) into statements, oldest first
    (see `statement_members` for how)."""
    versions = sorted_versions(quotes)
    return statements_of(versions, statement_members(versions))


def group_each(quotes_by_speaker: list[list[tuple[Article, Quote]]], meanwhile=None) -> list[list[Statement]]:
    """`group_statements` of each speaker's quotes (a speed-up may spread them over processes).
    `meanwhile`, when given, is another part of the index stage, run once: here first, by a speed-up
    while its workers group the quotes."""
    if meanwhile is not None:
        meanwhile()
    return [group_statements(quotes) for quotes in quotes_by_speaker]


def sorted_versions(quotes: list[tuple[Article, Quote]]) -> list[Version]:
    return sorted((Version(a, q) for a, q in quotes), key=_order)


def statements_of(versions: list[Version], members: list[list[int]]) -> list[Statement]:
    return [Statement(versions[m[0]].quote.speaker, tuple(versions[i] for i in m)) for m in members]


def pair_test(versions: list[Version], tokens: list[tuple[str, ...]], sets: list[frozenset],
              days: list[int | None]):
    """same(i, j): are quotes i and j one statement? Within one article, one must be a phrase of the
    other; across articles, `_same`, on each quote's wording worked out once (tests/test_statements.py
    checks it against `same_statement`, which works each out again, pair by pair)."""
    stems = [v.article.stem for v in versions]
    wordings = [_wording(t, d, s) for t, d, s in zip(tokens, days, sets)]

    def same(i: int, j: int) -> bool:
        if stems[i] == stems[j]:  # one article: a phrase of a longer quote
            wa, wb = tokens[i], tokens[j]
            short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
            return len(short) < len(long) and _contains(long, short)
        return _same(wordings[i], wordings[j])

    return same


def statement_members(versions: list[Version]) -> list[list[int]]:
    """Each statement of one speaker's quotes (in `sorted_versions` order) as its quotes' positions,
    oldest statement first.

    A statement is anchored on its first report: quotes are taken oldest first, and each joins
    the statement most of whose members it matches (see `_same`), but only a statement first
    reported at most WINDOW_DAYS before it (undated quotes join any; they never start a span).
    A quote joins one statement and never merges two, so a speaker's boilerplate repeated week
    after week, each repeat like the last, becomes one statement per window, not a chain of
    months: a statement spans at most WINDOW_DAYS. Outlets carry a statement within days of
    each other, so dated quotes are compared only with quotes from the neighbouring periods
    (and undated ones with all), and only when they share one of their rarest words: a
    prolific speaker's thousands of quotes never cost n\u00b2 checks.
    """
    tokens = [words(v.quote.text) for v in versions]
    sets = [frozenset(t) for t in tokens]
    periods = [_period(v.article) for v in versions]
    days = [_day(v.article) for v in versions]
    frequency: dict[str, int] = {}
    dated: dict[tuple[str, int], list[int]] = {}  # (word, period) -> versions
    undated: dict[str, list[int]] = {}
    everywhere: dict[str, list[int]] = {}
    for i, words_i in enumerate(sets):
        for w in words_i:
            frequency[w] = frequency.get(w, 0) + 1
            everywhere.setdefault(w, []).append(i)
            if periods[i] is None:
                undated.setdefault(w, []).append(i)
            else:
                dated.setdefault((w, periods[i]), []).append(i)

    def candidates(i: int) -> set[int]:
        rarest = sorted(sets[i], key=lambda w: (frequency[w], w))[:3]
        found: set[int] = set()
        for w in rarest:
            if periods[i] is None:
                found.update(everywhere[w])
            else:
                for p in (periods[i] - 1, periods[i], periods[i] + 1):
                    found.update(dated.get((w, p), ()))
                found.update(undated.get(w, ()))
        found.discard(i)
        return found

    # Quote j is compared with quote i when either finds the other among its rarest words: a
    # short version's rare words are common in the full one, so the search runs both ways.
    near: list[set[int]] = [candidates(i) for i in range(len(versions))]
    for i, found in enumerate([tuple(s) for s in near]):  # each pair both ways, added in C
        deque(map(set.add, map(near.__getitem__, found), repeat(i)), maxlen=0)

    same = pair_test(versions, tokens, sets, days)
    contents = [s - FUNCTION_WORDS for s in sets]
    # each quote's content words as the bits of one integer, a bit per word of this speaker's: the
    # words two quotes share are counted by one `&` and a bit count, in C, for each candidate pair
    # (60 % of the time of intersecting their sets, with 10,000 words; a quote's integer takes a
    # bit per word of the speaker's first seen up to its own last new one)
    bit: dict[str, int] = {}
    masks = [sum(1 << bit.setdefault(w, len(bit)) for w in c) for c in contents]
    sizes = [len(c) for c in contents]

    home: list[int | None] = [None] * len(versions)  # each quote's statement, by number
    spans: list[tuple[int, int] | None] = []  # each statement's first and last dated day (None: undated)
    members: list[list[int]] = []

    def fits(i: int, k: int) -> bool:
        """Quote i keeps statement k's dated reports within WINDOW_DAYS of each other."""
        span = spans[k]
        return days[i] is None or span is None or max(span[1], days[i]) - min(span[0], days[i]) <= WINDOW_DAYS

    def join(i: int, matched) -> bool:
        """Put quote i in the statement most of whose members it matches (the oldest on a tie), among
        those it fits; False when there is none."""
        votes: dict[int, int] = {}
        n_mine = sizes[i]
        # may_be_same(contents[i], contents[j]), written out: this runs for every candidate pair of a
        # prolific speaker (1.5 million at 10,000 articles), and nearly all of them stop here
        shares = map(int.bit_count, map(masks[i].__and__, map(masks.__getitem__, matched)))
        for j, shared, n_theirs in zip(matched, shares, map(sizes.__getitem__, matched)):
            if shared != n_mine and shared != n_theirs and not (
                    shared and shared / (n_mine if n_mine >= n_theirs else n_theirs) >= OVERLAP_OF_LONGER):
                continue
            k = home[j]
            if k is None:
                continue
            if fits(i, k) and same(i, j):
                votes[k] = votes.get(k, 0) + 1
        if not votes:
            return False
        k = min(votes, key=lambda k: (-votes[k], k))
        home[i] = k
        members[k].append(i)
        if days[i] is not None:
            span = spans[k]
            spans[k] = (days[i], days[i]) if span is None else (min(span[0], days[i]), max(span[1], days[i]))
        return True

    def start(i: int) -> None:
        home[i] = len(members)
        members.append([i])
        spans.append(None if days[i] is None else (days[i], days[i]))

    # A dated quote more than WINDOW_DAYS from quote i is in a statement quote i cannot fit (its span
    # holds that quote's day): such candidates are left out before any comparison. Quotes are in date
    # order, undated last, so those within the window are one run of positions, found by bisection.
    dated_days = [d for d in days if d is not None]

    def within(i: int) -> tuple[int, int]:
        """Positions [first, last) of the dated quotes within WINDOW_DAYS of quote i (all for an undated one)."""
        if days[i] is None:
            return 0, len(versions)
        return (bisect_left(dated_days, days[i] - WINDOW_DAYS), bisect_right(dated_days, days[i] + WINDOW_DAYS))

    # Substantial quotes form the statements; a fragment ("unacceptable") then
    # joins the one statement it came from and can never glue two together.
    substantial = [len(t) >= SUBSTANTIAL_WORDS for t in tokens]
    undated_from = len(dated_days)
    for i in range(len(versions)):
        if substantial[i]:
            first, _ = within(i)
            if not join(i, [j for j in sorted(near[i]) if first <= j < i and substantial[j]]):
                start(i)
    for i in range(len(versions)):
        if not substantial[i]:
            first, last = within(i)
            found = [j for j in sorted(near[i]) if first <= j < last or j >= undated_from]
            if not join(i, [j for j in found if substantial[j]]) \
                    and not join(i, [j for j in found if not substantial[j] and j < i]):  # fragments nobody quoted at length
                start(i)
    return sorted((sorted(m) for m in members), key=lambda m: m[0])
