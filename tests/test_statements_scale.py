"""Statements at scale (issue 15): on a synthetic archive of 2,000 articles, statements span at most
the window, follow the stories the corpus composed them from, and adding 10 articles re-renders a
bounded number of pages (counted by the incremental render, not timed).

Single linkage chained a speaker's statements week after week into "statements" carried by
hundreds of articles over months, and every added carrier then changed all their pages.
"""
from __future__ import annotations

import sys

import pytest

from generator.extract.corrections import apply_all
from generator.index import index_archive
from generator.index.related import MAX_RELATED
from generator.index.statements import WINDOW_DAYS
from generator.read import read_register, read_seeds
from generator.speed.extraction_cache import cached_extraction
from generator.render.pages import entity_record, index_year_pages, quotes_by_date_pages
from generator.speed.incremental import IncrementalRender
from generator.write import write_pages
from project_files import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from statements import corpus, measure  # noqa: E402

ARTICLES = 2000
ADDED = 10


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    """(archive of ARTICLES, archive of ARTICLES + ADDED, each stem's story)."""
    work = tmp_path_factory.mktemp("stmt-scale")
    truth = corpus(work, ARTICLES, ADDED)
    register, _ = read_register(ROOT / "register.yml")
    seeds = sorted(read_seeds(work / "seeds")[0], key=lambda s: s.stem)
    extractions, _ = cached_extraction(None, 2, 200, False)(seeds, register)
    extractions, _ = apply_all(seeds, extractions, register)
    before, _ = index_archive(seeds[:ARTICLES], {s.stem: extractions[s.stem] for s in seeds[:ARTICLES]}, register)
    after, _ = index_archive(seeds, extractions, register)
    return before, after, truth, work


def test_no_statement_spans_more_than_the_window(archives):
    before, after, truth, _ = archives
    for archive in (before, after):
        for statements in archive.statements.values():
            for st in statements:
                dates = [v.article.date for v in st.versions if v.article.date]
                assert not dates or (max(dates) - min(dates)).days <= WINDOW_DAYS, st.text


def test_statements_follow_the_stories_they_come_from(archives):
    """Pairs of quotes in one statement are mostly quotes of one story's one remark (precision), and
    the outlets carrying one remark mostly end up in one statement (recall; the extractor reading
    one story's date differently in two outlets splits it, rightly, by the window)."""
    m = measure(archives[0], archives[2])
    assert m["precision"] >= 0.9 and m["recall"] >= 0.9, (m["precision"], m["recall"])
    assert m["span_max"] <= WINDOW_DAYS


def test_adding_ten_articles_re_renders_a_bounded_number_of_pages(archives):
    """An added article re-renders its own page, the pages of the names it mentions, the articles whose
    related coverage it enters (up to about MAX_RELATED each way) and the carriers of the statements
    it joins, which are few now that a statement spans one window."""
    before, after, _, work = archives
    docs = work / "docs"  # the kept pages are their files there, as a build writes them
    render = IncrementalRender(work / "pages.pickle", ROOT / "register.yml", docs, jobs=2, pool_min=400)
    write_pages(docs, render(before))
    quote_pages = 1 + len(quotes_by_date_pages(before))  # "Quotes", "Quotes by date" and its years
    record_pages = sum(len(entity_record(e, before).pages) for e in (*before.actors.values(), *before.bases.values()))
    assert record_pages > 0  # some records are long enough for year pages
    index_years = len(index_year_pages(before))  # the Timeline's and Events' years and months
    outlets = sum(1 for o in before.outlets.values() if o.path)
    assert index_years > 0 and outlets > 0
    assert render.rendered == (len(before.articles) + len(before.actors) + len(before.bases) + len(before.events)
                               + quote_pages + record_pages + index_years + outlets)
    render = IncrementalRender(work / "pages.pickle", ROOT / "register.yml", docs, jobs=2, pool_min=400)
    pages = render(after)
    assert pages and render.reused > 0
    # articles, then the names (an article names about six), each with the year and month page of its
    # record the article enters, then the quote pages listing their statements
    # ...and each article's month of the Timeline, of Events (its events' months) and its outlet's page
    bound = ADDED * (1 + MAX_RELATED) + 3 * 6 * ADDED + quote_pages + 3 * ADDED
    assert render.rendered <= bound, (render.rendered, bound)
    largest = max(len(st.reports) for sts in after.statements.values() for st in sts)
    assert largest <= 3 * 4, largest  # the corpus runs a story in at most 4 outlets


def test_statements_grouped_on_every_core_are_the_same(archives):
    """speed/pools.py parallel_statements: forked workers send back each speaker's statements as
    positions; the statements are the ones one process groups."""
    from collections import defaultdict

    from generator.index.statements import group_each
    from generator.speed.pools import parallel_statements

    import threading

    if threading.active_count() > 1:
        pytest.skip(f"another thread runs in this process ({[t.name for t in threading.enumerate()]}): "
                    "the workers would not be forked")
    _, after, _, _ = archives
    by_speaker = defaultdict(list)
    for a in after.articles:
        for q in a.quotes:
            by_speaker[q.speaker].append((a, q))
    lists = [by_speaker[s] for s in sorted(by_speaker, key=lambda s: (s is None, s or ""))]

    def spelled(grouped):
        return [[[(v.article.stem, v.quote) for v in st.versions] for st in groups] for groups in grouped]

    serial = group_each(lists)
    assert sum(len(g) for g in serial) > 100
    assert spelled(parallel_statements(2, smallest=0)(lists)) == spelled(serial)
