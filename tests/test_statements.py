"""Grouping quotes into statements: one statement however many outlets carry it."""
import datetime as dt
import re

import pytest

from generator.index.archive import make_article
from generator.models import Extraction, Quote
from generator.index.related import related_articles
from generator.index.statements import group_statements

LONG = "The attacks on bases that host advisers are unacceptable and will be answered"


def article(stem, date, source="Wire", text="Body."):
    ex = Extraction(title=f"Title {stem}", date=date, dateline=None, paragraphs=(text,), outlet=source)
    return make_article(stem, ex, None)


def quote(text, speaker="Spokesman"):
    return Quote(text, speaker, 0)


D = dt.date(2024, 1, 10)


@pytest.mark.parametrize("case,quotes,expected_groups", [
    ("same words, two outlets", [(("a", D), LONG), (("b", D + dt.timedelta(days=2)), LONG)], 1),
    ("one outlet trims it", [(("a", D), LONG), (("b", D), "host advisers are unacceptable and will be")], 1),
    ("a one-word fragment days later", [(("a", D), LONG), (("b", D + dt.timedelta(days=4)), "unacceptable")], 1),
    ("a one-word fragment weeks later", [(("a", D), LONG), (("b", D + dt.timedelta(days=20)), "unacceptable")], 2),
    ("reworded, most words shared", [(("a", D), LONG),
                                      (("b", D), "attacks on bases that host advisers are simply unacceptable")], 1),
    ("different statements", [(("a", D), LONG), (("b", D), "We will protect our diplomats in Baghdad")], 2),
    ("the same words a year apart", [(("a", D), LONG), (("b", D + dt.timedelta(days=365)), LONG)], 2),
    ("undated copies join", [(("a", D), LONG), (("b", None), LONG)], 1),
    # Issue 12: a quote contained in a longer one by the same speaker joins it, in one article too...
    ("a phrase of a longer quote in one article joins it", [(("a", D), LONG), (("a", D), LONG + " today")], 1),
    # ...but in one article, shared words alone never make two quotes one statement.
    ("two quotes in one article sharing words stay two",
     [(("a", D), LONG), (("a", D), "attacks on bases that host advisers are simply unacceptable")], 2),
])
def test_group_statements(case, quotes, expected_groups):
    articles = {}
    pairs = []
    for (stem, date), text in quotes:
        articles.setdefault(stem, article(stem, date))
        pairs.append((articles[stem], quote(text)))
    assert len(group_statements(pairs)) == expected_groups, case


def test_statement_lists_outlets_first_seen_first_and_variants():
    a = article("a", D + dt.timedelta(days=1), "The New Arab")
    b = article("b", D, "EFE")
    c = article("c", D + dt.timedelta(days=3), "TOME")
    d = article("d", D + dt.timedelta(days=2), "Rudaw")
    (st,) = group_statements([(a, quote(LONG + ".")), (b, quote(LONG)), (c, quote("unacceptable")),
                              (d, quote("attacks on bases that host advisers are simply unacceptable"))])
    assert st.first.article.stem == "b"
    assert st.outlets == ["EFE", "The New Arab", "Rudaw", "TOME"]
    # Punctuation alone is not another wording, and (issue 12) neither is a shorter piece of the
    # main text ("unacceptable"): only Rudaw's reworded version is shown again.
    assert [v.article.stem for v in st.variants] == ["d"]


def test_related_needs_a_shared_event_within_a_week():
    from generator.models import Mention

    def with_entities(stem, date, names, text):
        ex = Extraction(title=f"T {stem}", date=date, dateline=None, paragraphs=(text,),
                        actors=tuple(Mention(n, "organization", (n,)) for n in names))
        return make_article(stem, ex, None)

    text = "Rockets struck the Zulu garrison overnight and the Kilo Brigade claimed the attack."
    a = with_entities("a", D, ["Kilo Brigade", "Zulu Command"], text)
    b = with_entities("b", D + dt.timedelta(days=2), ["Kilo Brigade", "Zulu Command"], text)
    c = with_entities("c", D + dt.timedelta(days=40), ["Kilo Brigade", "Zulu Command"], text)
    d = with_entities("d", D, ["Other Group"], "Markets rallied on Tuesday as oil prices rose.")
    related = related_articles([a, b, c, d], {})
    assert [r.article.stem for r in related["a"]] == ["b"]
    assert related["d"] == []


def test_article_lists_a_few_other_carriers_and_links_to_the_rest():
    from generator.index.archive import build_archive
    from generator.models import Mention
    from generator.read.register import Register
    from generator.render.pages import ALSO_IN_SHOWN, render_article

    text = f"\u201c{LONG},\u201d the spokesman said."
    articles = []
    for n in range(ALSO_IN_SHOWN + 3):
        ex = Extraction(title=f"Carrier {n}", date=D + dt.timedelta(days=n % 3), dateline=None, paragraphs=(text,),
                        actors=(Mention("Spokesman", "person", ("Spokesman",)),), quotes=(quote(LONG),))
        articles.append(make_article(f"s{n}", ex, None))
    archive = build_archive(articles, Register())
    page = render_article(archive.articles[0], archive).text
    assert "and 2 more: [every statement by Spokesman](../actors/spokesman.md#statements)" in page
    assert page.count("(Wire") + page.count("(Unknown outlet") <= ALSO_IN_SHOWN


def _long_record() -> tuple[list, dict[str, str]]:
    """MENTIONS_ON_PAGE + 30 articles naming Kilo Brigade, one in ten undated, the rest five days
    apart from 2022 (65 in 2022, 52 in 2023), and the pages of its record."""
    from generator.index.archive import build_archive
    from generator.models import Mention
    from generator.read.register import Register
    from generator.render.pages import MENTIONS_ON_PAGE, render_entity

    articles = []
    for n in range(MENTIONS_ON_PAGE + 30):
        date = dt.date(2022, 1, 1) + dt.timedelta(days=5 * n) if n % 10 else None
        ex = Extraction(title=f"Report {n}", date=date, dateline=None, paragraphs=(f"Kilo Brigade fired {n}.",),
                        actors=(Mention("Kilo Brigade", "organization", ("Kilo Brigade",),
                                        (f"Kilo Brigade fired {n}.",)),))
        articles.append(make_article(f"k{n:03}", ex, None))
    archive = build_archive(articles, Register())
    return articles, {p.path: p.text for p in render_entity(archive.actors["Kilo Brigade"], archive)}


def test_a_long_record_gets_one_page_per_year_and_every_mention_is_somewhere():
    from generator.render.pages import MENTIONS_ON_PAGE

    articles, pages = _long_record()
    main = pages.pop("archive/actors/kilo-brigade.md")
    feed = pages.pop("archive/feeds/actors/kilo-brigade.xml")  # its Atom feed: the 50 newest, whatever the years
    assert feed.count("<entry>") == 50
    assert sorted(pages) == ["archive/actors/kilo-brigade/2022.md", "archive/actors/kilo-brigade/2023.md",
                             "archive/actors/kilo-brigade/undated.md"]
    assert main.count('class="ba-mention"') == MENTIONS_ON_PAGE
    assert "**Full record by year:** [2023](kilo-brigade/2023.md) (52) · [2022](kilo-brigade/2022.md) (65) · " \
           "[Undated](kilo-brigade/undated.md) (13)" in main
    assert sum(text.count('class="ba-mention"') for text in pages.values()) == len(articles)
    assert "[← Kilo Brigade](../kilo-brigade.md)" in pages["archive/actors/kilo-brigade/2022.md"]


def test_a_long_year_of_a_record_gets_a_page_per_month(monkeypatch):
    """A year of a record with more than MONTHS_OVER mentions and statements links one page per month
    instead of listing them; every mention is on exactly one page of the record's years and months."""
    import generator.render.pages as pages_module

    monkeypatch.setattr(pages_module, "MONTHS_OVER", 60)  # 2022 has 65 mentions, 2023 has 52
    articles, pages = _long_record()
    main = pages.pop("archive/actors/kilo-brigade.md")
    pages.pop("archive/feeds/actors/kilo-brigade.xml")
    months_2022 = sorted(p for p in pages if p.startswith("archive/actors/kilo-brigade/2022/"))
    assert len(months_2022) == 12 and not [p for p in pages if p.startswith("archive/actors/kilo-brigade/2023/")]
    assert "[2022](kilo-brigade/2022.md) (65)" in main  # the record's page counts the years
    y2022 = pages["archive/actors/kilo-brigade/2022.md"]
    assert 'class="ba-mention"' not in y2022 and "## Chronology" not in y2022
    assert "**Full record by year:** [2023](2023.md) · [2022](2022.md) · [Undated](undated.md)" in y2022
    assert "**By month:** [December 2022](2022/12.md) (" in y2022 and "[January 2022](2022/01.md) (" in y2022
    december = pages["archive/actors/kilo-brigade/2022/12.md"]
    assert "[← Kilo Brigade](../../kilo-brigade.md) · [← 2022](../2022.md) · " in december
    assert "## Chronology" in december
    assert sum(text.count('class="ba-mention"') for text in pages.values()) == len(articles)


def test_a_record_page_with_statements_and_no_mentions_has_no_empty_chronology():
    """A month in which an actor was only quoted lists its statements under "Statements" and prints
    no "Chronology" heading with nothing under it; a month with mentions keeps the heading."""
    from generator.index.archive import build_archive
    from generator.index.statements import Statement, Version
    from generator.read.register import Register
    from generator.render.pages import RecordPage, render_record_page

    articles, _ = _long_record()
    archive = build_archive(articles, Register())
    entity = archive.actors["Kilo Brigade"]
    said = Quote("We hold the line and we will not leave the valley", "Kilo Brigade", 0)
    statement = Statement("Kilo Brigade", (Version(articles[1], said),))
    up = ("2022", "archive/actors/kilo-brigade/2022.md")
    quoted_only = render_record_page(RecordPage(entity, "archive/actors/kilo-brigade/2022/01.md", "January 2022",
                                                (), (statement,), (), up, (), (0, 1)), archive).text
    assert "## Statements" in quoted_only and "We hold the line" in quoted_only
    assert "## Chronology" not in quoted_only
    mentioned = render_record_page(RecordPage(entity, "archive/actors/kilo-brigade/2022/01.md", "January 2022",
                                              tuple(entity.mentions[:2]), (), (), up, (), (2, 0)), archive).text
    assert "## Chronology" in mentioned and mentioned.count('class="ba-mention"') == 2


def test_quotes_by_date_pages_by_year_when_large_and_keeps_every_statement(monkeypatch):
    import generator.render.pages as pages_module
    from generator.index.archive import build_archive
    from generator.models import Mention
    from generator.read.register import Register
    from generator.render.pages import QUOTES_ON_INDEX, render_indexes

    articles = []
    for n in range(QUOTES_ON_INDEX + 20):
        said = " ".join(f"word{n}x{k}" for k in range(10))  # ten words no other statement shares
        ex = Extraction(title=f"Report {n}", date=dt.date(2023, 6, 1) + dt.timedelta(days=3 * n), dateline=None,
                        paragraphs=(f"\u201c{said},\u201d the spokesman said.",),
                        actors=(Mention(f"Spokesman {n % 7}", "person", (f"Spokesman {n % 7}",)),),
                        quotes=(Quote(said, f"Spokesman {n % 7}", 0),))
        articles.append(make_article(f"q{n:03}", ex, None))
    archive = build_archive(articles, Register())
    pages = {p.path: p.text for p in render_indexes(archive)}
    main = pages["archive/quotes-by-date.md"]
    assert main.count('class="ba-statement"') == QUOTES_ON_INDEX
    years = {k: v for k, v in pages.items() if k.startswith("archive/quotes-by-date/")}
    assert sorted(years) == ["archive/quotes-by-date/2023.md", "archive/quotes-by-date/2024.md",
                             "archive/quotes-by-date/2025.md"]
    assert sum(v.count('class="ba-statement"') for v in years.values()) == len(articles)
    # a year of more than MONTHS_OVER statements: its page links its months, which list them
    monkeypatch.setattr(pages_module, "MONTHS_OVER", 50)
    split = {p.path: p.text for p in render_indexes(archive)}
    months = sorted(k for k in split if k.startswith("archive/quotes-by-date/2024/"))
    assert months == [f"archive/quotes-by-date/2024/{m:02d}.md" for m in range(1, 13)]
    assert "**By month:** [December 2024](2024/12.md) (" in split["archive/quotes-by-date/2024.md"]
    assert 'class="ba-statement"' not in split["archive/quotes-by-date/2024.md"]
    assert "[← 2024](../2024.md)" in split["archive/quotes-by-date/2024/06.md"]
    assert sum(v.count('class="ba-statement"') for k, v in split.items()
               if k.startswith("archive/quotes-by-date/")) == len(articles)
    # a month of more than PARTS_OVER statements: its page links its parts (days 1-7, 8-14, 15-21,
    # 22 to its end), which list them; a shorter month keeps its statements
    monkeypatch.setattr(pages_module, "PARTS_OVER", 9)  # 2024's months hold 10 or 11 statements
    parted = {p.path: p.text for p in render_indexes(archive)}
    parts = sorted(k for k in parted if k.startswith("archive/quotes-by-date/2024/06/"))
    assert parts == [f"archive/quotes-by-date/2024/06/{d}.md" for d in ("01", "08", "15", "22")]
    june = parted["archive/quotes-by-date/2024/06.md"]
    assert 'class="ba-statement"' not in june
    assert ("**By dates:** [22\u201330 June 2024](06/22.md) (" in june
            and "[1\u20137 June 2024](06/01.md) (" in june)
    assert "# Quotes: 22\u201330 June 2024" in parted["archive/quotes-by-date/2024/06/22.md"]
    assert "[\u2190 June 2024](../06.md)" in parted["archive/quotes-by-date/2024/06/22.md"]
    for part in parts:  # each statement on the part of its date
        for day in re.findall(r"First reported (\d+) June 2024", parted[part]):
            assert int(part[-5:-3]) <= int(day) < int(part[-5:-3]) + (9 if part.endswith("22.md") else 7)
    assert sum(v.count('class="ba-statement"') for k, v in parted.items()
               if k.startswith("archive/quotes-by-date/")) == len(articles)
    monkeypatch.setattr(pages_module, "PARTS_OVER", 10)
    assert not any(k.startswith("archive/quotes-by-date/2024/06/") for k in
                   (p.path for p in render_indexes(archive)))  # 10 statements: one page
    by_speaker = pages["archive/quotes.md"]
    assert by_speaker.count('class="ba-statement"') == 7 * 3  # each speaker's three latest


def test_undated_quotes_over_a_page_are_listed_by_speaker_initial(monkeypatch):
    """The undated statements (listed by speaker: they have no month) of a large archive get a page per
    speaker initial, accents set aside, names beginning otherwise under "Other" and the unattributed
    last; each statement on exactly one of them."""
    import generator.render.pages as pages_module
    from generator.index.archive import build_archive
    from generator.models import Mention
    from generator.read.register import Register
    from generator.render.pages import render_indexes

    speakers = ["Ahmed Rasool", "Bashir Khalil", "\u00d6mer Yilmaz", "Omar Saleh", "101st Brigade", None]
    articles = []
    for n in range(36):
        said = " ".join(f"word{n}x{k}" for k in range(10))
        speaker = speakers[n % len(speakers)]
        ex = Extraction(title=f"Report {n}", date=dt.date(2023, 6, 1) + dt.timedelta(days=n) if n < 6 else None,
                        dateline=None, paragraphs=(f"\u201c{said},\u201d a spokesman said.",),
                        actors=(Mention(speaker, "person", (speaker,)),) if speaker else (),
                        quotes=(Quote(said, speaker, 0),))
        articles.append(make_article(f"u{n:03}", ex, None))
    archive = build_archive(articles, Register())
    monkeypatch.setattr(pages_module, "QUOTES_ON_INDEX", 5)
    whole = {p.path: p.text for p in render_indexes(archive)}["archive/quotes-by-date/undated.md"]
    assert whole.count('class="ba-statement"') == 30 and "30 statements, by speaker." in whole
    monkeypatch.setattr(pages_module, "PARTS_OVER", 29)
    pages = {p.path: p.text for p in render_indexes(archive)}
    undated = pages["archive/quotes-by-date/undated.md"]
    assert 'class="ba-statement"' not in undated
    assert ("**By speaker:** [A](undated/a.md) (5) \u00b7 [B](undated/b.md) (5) \u00b7 [O](undated/o.md) (10) "
            "\u00b7 [Other](undated/other.md) (5) \u00b7 [Unattributed](undated/unattributed.md) (5)") in undated
    parts = {k: v for k, v in pages.items() if k.startswith("archive/quotes-by-date/undated/")}
    assert sum(v.count('class="ba-statement"') for v in parts.values()) == 30
    o_page = parts["archive/quotes-by-date/undated/o.md"]
    assert "# Undated quotes: speakers O" in o_page and "10 statements, by speaker." in o_page
    assert "[\u2190 Undated](../undated.md)" in o_page
    assert "omer-yilmaz" in o_page and "omar-saleh" in o_page and "ahmed" not in o_page
    assert "# Undated quotes: other speakers" in parts["archive/quotes-by-date/undated/other.md"]
    assert "# Undated quotes: unattributed" in parts["archive/quotes-by-date/undated/unattributed.md"]


# --------------------------------------------------------------------------- bounded span (issue 15)
# A statement is anchored on its first report: a quote joins it only when it matches a member and
# keeps every dated report within WINDOW_DAYS of the first, and a quote never merges two statements.
# Single linkage chained a speaker's weekly boilerplate into one "statement" carried for months.

BOILERPLATE = "The occupation forces must leave the country and we will keep up our operations against them"
TRIM = "must leave the country and we will keep up our operations"
REWORD = "occupation forces must leave the country and we shall keep up our operations against them"


def _carriers(spec):
    """[(stem, day offset or None, outlet, text)] -> the (article, quote) pairs."""
    made = {}
    pairs = []
    for stem, offset, outlet, text in spec:
        date = None if offset is None else D + dt.timedelta(days=offset)
        made.setdefault(stem, article(stem, date, outlet))
        pairs.append((made[stem], quote(text)))
    return pairs


def _shape(statements):
    return sorted(tuple(sorted((v.article.stem, v.quote.text) for v in st.versions)) for st in statements)


def _span(st):
    dates = [v.article.date for v in st.versions if v.article.date]
    return (max(dates) - min(dates)).days if dates else 0


@pytest.mark.parametrize("case,spec,expected", [
    ("boilerplate repeated monthly: one statement a month",
     [(f"m{k:02}", 31 * k, "Wire", BOILERPLATE) for k in range(12)], [1] * 12),
    ("boilerplate repeated weekly for six months: a statement per window, never a chain",
     [(f"w{k:02}", 7 * k, "Wire", BOILERPLATE if k % 2 else REWORD) for k in range(26)], [5, 5, 5, 5, 5, 1]),
    ("one statement carried by five outlets over three days, trimmed and reworded",
     [("a", 0, "EFE", BOILERPLATE), ("b", 1, "Rudaw", TRIM), ("c", 1, "TOME", REWORD),
      ("d", 2, "Xinhua", BOILERPLATE + "."), ("e", 3, "Shafaq News", "operations")], [5]),
    ("two statements on one skeleton of little words stay two (the, at, is, all, of, our: they say nothing)",
     [("a", 0, "EFE", "We said that the strike at the base is an attack on all of us and on our sovereignty"),
      ("b", 1, "TOME", "We said that the raid at the camp is an insult to all of them and to our elections")], [1, 1]),
    ("copies 20 and 40 days after the first report: the window counts from the first",
     [("a", 0, "EFE", BOILERPLATE), ("b", 20, "Rudaw", BOILERPLATE), ("c", 40, "TOME", BOILERPLATE)], [2, 1]),
    ("an undated copy joins the statement, and never stretches its span",
     [("a", 0, "EFE", BOILERPLATE), ("b", None, "Rudaw", REWORD), ("c", 60, "TOME", BOILERPLATE)], [2, 1]),
])
def test_statements_span_at_most_the_window(case, spec, expected):
    from generator.index.statements import WINDOW_DAYS

    statements = group_statements(_carriers(spec))
    assert [len(st.reports) for st in statements] == expected, case
    assert all(_span(st) <= WINDOW_DAYS for st in statements), case
    # oldest first
    firsts = [st.first.article.date for st in statements if st.first.article.date]
    assert firsts == sorted(firsts), case


@pytest.mark.parametrize("seed", range(8))
def test_statements_do_not_depend_on_the_order_articles_are_read_in(seed):
    import random

    spec = [(f"w{k:02}", 5 * k, "Wire", (BOILERPLATE, REWORD, TRIM)[k % 3]) for k in range(20)]
    spec += [("x", 3, "EFE", LONG), ("y", None, "TOME", LONG), ("y", None, "TOME", "unacceptable"),
             ("z", 4, "Rudaw", "attacks on bases that host advisers are simply unacceptable"),
             ("u", None, "AFP", BOILERPLATE), ("v", None, "AFP", REWORD)]
    pairs = _carriers(spec)
    expected = _shape(group_statements(pairs))
    shuffled = list(pairs)
    random.Random(seed).shuffle(shuffled)
    assert _shape(group_statements(shuffled)) == expected
    assert [st.first.article.stem for st in group_statements(shuffled)] == \
        [st.first.article.stem for st in group_statements(pairs)]


_FORKED_GROUPING = r"""
import datetime as dt, random, sys, threading
sys.path.insert(0, sys.argv[1])
from generator.index.archive import make_article
from generator.index.statements import group_each
from generator.models import Extraction, Quote
from generator.speed.pools import parallel_statements

rng = random.Random(7)
words = [f"w{i}" for i in range(60)] + "the attacks on our bases will be answered and we will protect".split()
lists = []
for speaker in ("Spokesman A", "Spokesman B", None):
    quotes = []
    for n in range(700):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(120))
        ex = Extraction(title=f"T{n}", date=day, dateline=None, paragraphs=("Body.",), outlet="Wire")
        text = " ".join(rng.choice(words) for _ in range(rng.randrange(3, 14)))
        quotes.append((make_article(f"{speaker}-{n}", ex, None), Quote(text, speaker, 0)))
    lists.append(quotes)
assert threading.active_count() == 1
spelled = lambda grouped: [[[(v.article.stem, v.quote.text) for v in st.versions] for st in g] for g in grouped]
serial = spelled(group_each(lists))
assert sum(len(g) for g in serial) < sum(map(len, lists))  # some quotes did group
print("same" if spelled(parallel_statements(2, smallest=0)(lists)) == serial else "differ")
"""


def test_statements_grouped_in_forked_workers_are_the_same():
    """speed/pools.py parallel_statements, run where no other thread keeps it from forking (a fresh
    process): the statements are the ones one process groups."""
    import subprocess
    import sys
    from pathlib import Path

    root = str(Path(__file__).resolve().parent.parent)
    done = subprocess.run([sys.executable, "-c", _FORKED_GROUPING, root], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "same"


def test_the_pair_test_answers_as_same_does_for_every_pair():
    """statement_members compares quotes through pair_test, which works out each quote's wording once;
    its answer must be `same_statement`'s, which works each out again (or, within one article, the
    phrase rule) for every pair: random quotes from a small vocabulary, so that containment,
    overlap, fragments and dates all occur."""
    import random

    from generator.index.statements import (FUNCTION_WORDS, Version, _contains, may_be_same, pair_test,
                                            same_statement, sorted_versions, words)
    rnd = random.Random(15)
    vocabulary = ["forces", "occupation", "leave", "attack", "base", "we", "will", "the", "our", "and",
                  "respond", "strike", "drone", "condemn", "sovereignty", "iraq", "unacceptable", "of"]
    assert len(set(vocabulary) & FUNCTION_WORDS) >= 3
    made = {}
    pairs = []
    for n in range(260):
        stem = f"s{rnd.randrange(90):02}"
        date = None if rnd.random() < 0.15 else D + dt.timedelta(days=rnd.randrange(40))
        made.setdefault(stem, article(stem, date))
        size = rnd.choice([0, 1, 2, 3, 4, 5, 8, 12])
        text = " ".join(rnd.choice(vocabulary) for _ in range(size)) or "…"
        if pairs and rnd.random() < 0.3:  # a phrase of an earlier quote
            earlier = pairs[rnd.randrange(len(pairs))][1].text.split()
            start = rnd.randrange(len(earlier) or 1)
            text = " ".join(earlier[start:start + rnd.randrange(1, 6)]) or text
        pairs.append((made[stem], quote(text)))
    versions = sorted_versions(pairs)
    tokens = [words(v.quote.text) for v in versions]
    sets = [frozenset(t) for t in tokens]
    days = [v.article.date.toordinal() if v.article.date else None for v in versions]
    same = pair_test(versions, tokens, sets, days)

    def reference(i, j):
        if versions[i].article.stem == versions[j].article.stem:
            short, long = sorted((tokens[i], tokens[j]), key=len)
            return len(short) < len(long) and _contains(long, short)
        return same_statement(versions[i], versions[j])

    answers = [(same(i, j), reference(i, j)) for i in range(len(versions)) for j in range(len(versions)) if i != j]
    assert all(a == b for a, b in answers)
    assert sum(a for a, _ in answers) > 500 and sum(not a for a, _ in answers) > 500  # both answers occur
    assert isinstance(versions[0], Version)

    # statement_members asks `same` only of the pairs may_be_same lets through: it must let every
    # pair through that `same` takes, and turn others away (here, quotes of a few words from a small
    # vocabulary, many of them with no content word at all, it lets most through)
    contents = [s - FUNCTION_WORDS for s in sets]
    let_through = {(i, j): may_be_same(contents[i], contents[j])
                   for i in range(len(versions)) for j in range(len(versions)) if i != j}
    assert all(let_through[(i, j)] for i in range(len(versions)) for j in range(len(versions))
               if i != j and same(i, j))
    assert sum(let_through.values()) < 0.8 * len(let_through)  # it turns pairs away


@pytest.mark.parametrize("shared,expected", [(5, 1), (4, 2)])
def test_half_the_words_shared_is_one_statement_in_a_large_vocabulary(shared, expected):
    """Two quotes sharing half their content words (OVERLAP_OF_LONGER) are one statement, fewer are
    two, when the speaker's other quotes bring hundreds of words: the words shared are counted
    exactly however many the speaker uses (statement_members counts them as bits of an integer)."""
    common = [f"common{c}" for c in "abcdefghij"]  # in many quotes: never a quote's rarest words
    year_before = D - dt.timedelta(days=365)
    pairs = []
    for i in range(40):  # a year before: never compared with the two, but they bring 320 words
        words = [f"filler{i}x{j}" for j in "abcdefgh"] + common[i % 5::5][:2]
        pairs.append((article(f"f{i:02d}", year_before), quote(" ".join(words))))
    rare = [f"rare{c}" for c in "abcde"]  # the two quotes' own words, their rarest
    first = rare + common[:5]
    second = rare[:shared] + [f"other{c}" for c in "abcdef"][:5 - shared] + common[5:]
    pairs.append((article("x", D), quote(" ".join(first))))
    pairs.append((article("y", D + dt.timedelta(days=1)), quote(" ".join(second))))
    groups = group_statements(pairs)
    two = [g for g in groups if {v.article.stem for v in g.versions} & {"x", "y"}]
    assert len(groups) == 40 + expected and len(two) == expected
