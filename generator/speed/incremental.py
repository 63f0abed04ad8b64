"""Render only the pages whose inputs changed (BRIEFING_INCREMENTAL).

Adding a few articles to a large archive changes their own pages, the pages of the actors and bases
they name, the "related coverage" and "also appears in" of a few articles near them, and the
indexes; the other article and entity pages come out exactly as last time. This render step keeps,
beside the extraction cache (.cache/pages.pickle), for each article and each entity a digest of
everything its pages read from the archive and the digest of each page it rendered, and renders
again only the units whose digest changed. A kept unit's pages are its files in the docs dir: the
store holds no page text (at 10,000 articles, 216 MB that each build read and wrote again for the
few hundred pages it changed), so a unit is reused only while each of its files is still the very
page it rendered (the writer's digests of unchanged files make that a stat call). Event pages, the
quote pages ("Quotes", and "Quotes by date" with its year pages, most of them years no new article
touches), the year and month pages of the Timeline and Events and the outlets' pages are units too. The other indexes (home, the Timeline's and Events' own pages,
actors, bases, sources) and the exports read nearly everything: they are rendered every time, but the
exports' JSON takes each article's, entity's and event's record text from the last build while the
record is the same (`_KeptJson`, under a digest of the record itself).

What a unit reads (the digest covers exactly this, through a pickle, which spells out every field):

    article page  the Article (text, title, date, source, url, dateline, mentions, quotes); for each
                  actor, base and quote speaker it names, that entity's kind, name, type, path and
                  other names (or that it has none); the outlet's page; for each quote, which of the
                  article's quotes share a statement and every article carrying that statement; the
                  related coverage (each article in order, shared names, same-quote flag); the events
                  it reports, as the page lists them (render.pages.event_summary)
    event page    the Event whole (its reports carry their articles: date, outlet, headline, sentence),
                  the kind, name, type, path and other names of its base and actors, the related
                  events it links
    entity pages  the entity (name, kind, type, path, register entry (a base's locator map reads its
                  coordinates and country there), other names); each mention
                  (the mention and its whole article, whose actors and bases give "appears with" and
                  the base events), each of those names' entity (kind, name, type, path, other
                  names) or none; its quotes and statements (every version: its article and
                  quote); the archive's date span (the charts); its events as the page lists them
                  (render.pages.entity_events: path, title, date, type, reports, its roles). Its Atom
                  feed is one of these pages (render_entity_front returns it): it reads only the entity's articles
    record pages  a long record's year or month page (render.pages.RecordPage): the entity's kind, name
                  and path; the period's label, counts, year and month links and year page; each mention
                  it lists with its whole article (on a base's page, also the entities the article names,
                  as its sentences linking an actor to the base link the actor's page); each statement it
                  lists (every version: article and quote)
    quotes by     its path, heading, title, total, year and month links and, for a month, its year's
    date          page (render.pages.QuotesByDate); each statement it lists (speaker, every version:
                  its article and quote) with the speaker's page
    quotes        each speaker, their page, their latest statements and how many (render.pages.quote_groups)
    index year    a year's or month's page of the Timeline or Events (render.pages.IndexYearPage): its path,
                  title, counts, year and month links and year page; each row as printed (an article's
                  date, outlet, outlet page, path and title; an event's render.pages.event_summary)
    outlet page   the outlet and its articles whole, the entities they name (kind, name, type, path,
                  other names) and the archive's date span (the chart)

A stale page is ruled out four ways: the whole store is dropped when the generator's code,
templates or data, Python or a library that shapes the pages, or register.yml changes (and a
process whose code on disk changed since it started neither reads nor keeps pages); a unit is
reused only when its digest is equal, and only while its files are the pages it rendered (a page
removed or edited in the docs dir, or another docs dir, has its unit rendered again, and the writer
keeps an editor's change as it always does); and tests/test_incremental.py builds a synthetic archive
incrementally through adds, edits, deletions, sidecar, register and rename changes and compares
every file with a clean build of the same inputs.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from generator.models import Archive, Article, Entity, Event, Outlet, Page
from generator.render import render_exports
from generator.render.exports import encode_item
from generator.render.pages import (IndexYearPage, QuotesByDate, RecordPage, entity_events, entity_record,
                                     event_summary, index_pages, index_year_pages, quote_groups,
                                     quotes_by_date_pages, render_article, render_entity_front, render_event,
                                     render_index_year_page, render_outlet, render_quotes_by_date,
                                     render_quotes_index, render_record_page)
from generator.speed.freshness import IMPORTED_CODE, _runtime, running_code_on_disk
from generator.cores import may_fork
from generator.write.journal import AS_ON_DISK, atomic_write, file_digest, page_digest

FORMAT = 6  # bump when the store's layout changes

def _register_digest(register_file: Path) -> str:
    try:
        return hashlib.sha256(register_file.read_bytes()).hexdigest()
    except OSError:
        return "missing"


class _Hasher:
    def __init__(self):
        self.hash = hashlib.blake2b(digest_size=20)
        self.write = self.hash.update


def value_digest(parts) -> bytes:
    """A digest of plain values (strings, numbers, dates, tuples, the frozen dataclasses of models.py):
    their pickle spells out every field and type, so unequal values never share a digest. `fast` mode
    keeps no memo: an object met twice is written twice, so the bytes do not depend on which equal
    values happen to be one object (they would otherwise differ from one build to the next)."""
    out = _Hasher()
    pickler = pickle.Pickler(out, protocol=5)
    pickler.fast = True
    pickler.dump(parts)
    return out.hash.digest()


class _ArticlesByDigest(pickle.Pickler):
    """A pickler that writes each Article as its digest (`article`, memoised): an event's reports and
    casualties carry their articles, whose whole text a plain pickle would write again for each event."""

    def __init__(self, out, article):
        super().__init__(out, protocol=5)
        self.fast = True  # no memo, as in value_digest
        self.article = article

    def reducer_override(self, obj):
        if type(obj) is Article:
            return bytes, (self.article(obj),)
        return NotImplemented


class _Keys:
    """Digests of each unit's inputs for one archive (article digests memoised: entities share them)."""

    def __init__(self, archive: Archive):
        self.archive = archive
        self._articles: dict[int, bytes] = {}
        self._entities: dict[tuple, tuple] = {}
        self._statements: dict[int, bytes] = {}
        self._names: dict[int, bytes] = {}
        self.span = archive.span

    def know_articles(self, digests: list[bytes]) -> None:
        """The digests of archive.articles, in order, worked out elsewhere (by other workers)."""
        self._articles.update(zip(map(id, self.archive.articles), digests))

    def article(self, a: Article) -> bytes:
        key = id(a)
        found = self._articles.get(key)
        if found is None:
            found = self._articles[key] = value_digest(a)
        return found

    def with_article_digests(self, parts) -> bytes:
        """value_digest(parts), each Article in them spelled by its digest (its own value_digest)."""
        out = _Hasher()
        _ArticlesByDigest(out, self.article).dump(parts)
        return out.hash.digest()

    def statement(self, st) -> bytes | None:
        """A statement: its speaker and every version (article and quote), in order. Memoised: one
        statement can have thousands of carriers, each of whose pages reads it."""
        if st is None:
            return None
        key = id(st)
        found = self._statements.get(key)
        if found is None:
            found = self._statements[key] = value_digest(
                (st.speaker, tuple((self.article(v.article), self.within(v.quote, v.article.quotes))
                                   for v in st.versions)))
        return found

    def entity_sig(self, kind: str, name: str | None) -> tuple | None:
        """What another page reads of an entity: its kind, name, type, path and other names."""
        key = (kind, name)
        if key not in self._entities:
            e = self.archive.entity(kind, name) if name is not None else None
            self._entities[key] = None if e is None else (e.kind, e.name, e.type, e.path, tuple(e.other_names))
        return self._entities[key]

    @staticmethod
    def within(item, group) -> object:
        """An article's own mention or quote, spelled by its position in the article (whose digest holds
        it whole: pickling it again, for every entity page that lists it, took most of their digests'
        time); anything not the article's own object is spelled whole."""
        for i, own in enumerate(group):
            if own is item:
                return i
        return item

    def names(self, a: Article) -> bytes:
        """What the entities an article names look like to another page (an entity page's "appears
        with" and base events read them through the article)."""
        key = id(a)
        found = self._names.get(key)
        if found is None:
            found = self._names[key] = value_digest((tuple(self.entity_sig("actor", m.name) for m in a.actors),
                                                tuple(self.entity_sig("base", m.name) for m in a.bases)))
        return found

    def article_unit(self, a: Article) -> bytes:
        archive = self.archive
        outlet = archive.outlet_of(a.source)
        statements: dict[int, int] = {}  # which quotes share a statement, by first-seen number
        quotes = []
        for i, q in enumerate(a.quotes):  # the article's digest holds each quote whole: its position says which
            st = archive.statement_of.get((a.stem, q))
            number = statements.setdefault(id(st), len(statements)) if st is not None else None
            quotes.append((i, self.entity_sig("actor", q.speaker), number, self.statement(st)))
        # the score is not printed: only which articles, in which order, and why
        related = tuple((self.article(r.article), r.shared, r.same_quote) for r in archive.related.get(a.stem, []))
        events = tuple(event_summary(e) for e in archive.events_of_article.get(a.stem, ()))
        return value_digest((
            "article", self.article(a), self.names(a),
            None if outlet is None else (outlet.name, outlet.path),
            tuple(quotes), related, events,
        ))

    def entity_unit(self, e: Entity) -> bytes:
        archive = self.archive
        own = "actors" if e.kind == "actor" else "bases"
        mentions = tuple((self.article(a), self.names(a), self.within(m, getattr(a, own))) for a, m in e.mentions)
        statements = tuple(self.statement(st) for st in (archive.statements.get(e.name, []) if e.kind == "actor" else []))
        return value_digest((
            "entity", e.kind, e.name, e.type, e.path, e.entry, tuple(e.other_names),
            mentions,
            tuple((self.article(a), self.within(q, a.quotes)) for a, q in e.quotes),
            statements,
            self.span,
            tuple(entity_events(archive, e)),
        ))


    def record_unit(self, page: RecordPage) -> bytes:
        """A year's or a month's page of a long record: the entity's kind, name and path, and the
        page as render.pages.RecordPage lays it out (each mention with its whole article, each
        statement whole)."""
        e = page.entity
        # a base's page lists the sentences that link an actor to it: those actors' pages (names)
        own = "actors" if e.kind == "actor" else "bases"
        return value_digest(("record", e.kind, e.name, e.path, page.path, page.label,
                             tuple((self.article(a), self.within(m, getattr(a, own)),
                                    self.names(a) if e.kind == "base" else None) for a, m in page.mentions),
                             tuple(self.statement(st) for st in page.statements),
                             page.years, page.up, page.month_links, page.counts))

    def event_unit(self, e: Event) -> bytes:
        """An event page: the event whole (its reports carry their articles), the pages of its base
        and actors, and the related events it links."""
        related = tuple(self.archive.event_by_id[i] for i in e.related if i in self.archive.event_by_id)
        return self.with_article_digests(("event", e, self.entity_sig("base", e.base) if e.base else None,
                                          tuple(self.entity_sig("actor", n) for n, _ in e.actors), related))

    def quotes_by_date_unit(self, page: QuotesByDate) -> bytes:
        """A "Quotes by date" page: its heading, counts and year links, and each statement it lists with
        its speaker's page."""
        actors = self.archive.actors
        listed = tuple((self.statement(st), st.speaker, actors[st.speaker].path if st.speaker in actors else None)
                       for st in page.statements)
        return value_digest(("quotes-by-date", page.path, page.heading, page.title, page.total, page.year_links,
                             page.month_links, page.up, page.links_label, page.order, listed))

    def quotes_index_unit(self, index: _QuotesIndex) -> bytes:
        """"Quotes": each speaker, their page, their latest statements and how many they made."""
        return value_digest(("quotes", tuple((speaker, path, tuple(self.statement(st) for st in latest), n)
                                             for speaker, path, latest, n in index.groups)))

    def index_year_unit(self, page: IndexYearPage) -> bytes:
        """A year's or a month's page of the Timeline or Events: its layout, and each row as the page
        prints it (an article's date, outlet and its page, path and title; an event's summary)."""
        if page.index == "timeline":
            outlets = self.archive.outlet_of
            rows = tuple((a.date, a.source, getattr(outlets(a.source), "path", None), a.path, a.title)
                         for a in page.rows)
        else:
            rows = tuple(event_summary(e) for e in page.rows)
        return value_digest(("index-year", page.index, page.path, page.title, page.total, page.years,
                             page.month_links, page.up, rows))

    def outlet_unit(self, outlet: Outlet) -> bytes:
        """An outlet's page: the outlet (its articles whole), the entities they name as other pages
        see them, and the archive's date span (the chart)."""
        return self.with_article_digests(("outlet", outlet, tuple(self.names(a) for a in outlet.articles),
                                          self.span))

    def unit(self, unit) -> bytes:
        if isinstance(unit, Article):
            return self.article_unit(unit)
        if isinstance(unit, Event):
            return self.event_unit(unit)
        if isinstance(unit, QuotesByDate):
            return self.quotes_by_date_unit(unit)
        if isinstance(unit, RecordPage):
            return self.record_unit(unit)
        if isinstance(unit, _QuotesIndex):
            return self.quotes_index_unit(unit)
        if isinstance(unit, IndexYearPage):
            return self.index_year_unit(unit)
        if isinstance(unit, Outlet):
            return self.outlet_unit(unit)
        return self.entity_unit(unit)


@dataclass(frozen=True)
class _QuotesIndex:
    groups: list  # render.pages.quote_groups


def _units(archive: Archive) -> list[tuple[str, object]]:
    """(key, unit) for every unit of the site: each article, entity (its page and feed) and event,
    each year and month page of a long record (a new article changes one month of it), and the
    quote pages (a year's "Quotes by date" changes only when a statement of that year does)."""
    units: list[tuple[str, object]] = [("a:" + a.stem, a) for a in archive.articles]
    for kind, group in (("actor", archive.actors), ("base", archive.bases)):
        for name, e in group.items():
            units.append((f"{kind}:{name}", e))
            units += [("r:" + page.path, page) for page in entity_record(e, archive).pages]  # a path names one page
    units += [("e:" + e.id, e) for e in archive.events]
    units.append(("q:index", _QuotesIndex(quote_groups(archive))))
    units += [("q:" + page.path, page) for page in quotes_by_date_pages(archive)]
    units += [("i:" + page.path, page) for page in index_year_pages(archive)]
    units += [("o:" + outlet.path, outlet) for outlet in archive.outlets.values() if outlet.path]
    return units


def _cost(unit) -> int:
    """Roughly how long a unit takes to render: an entity's pages grow with its mentions and quotes,
    a quote page with its statements."""
    if isinstance(unit, Entity):
        return len(unit.mentions) + len(unit.quotes)
    if isinstance(unit, QuotesByDate):
        return 2 * len(unit.statements)
    if isinstance(unit, RecordPage):
        return len(unit.mentions) + 2 * len(unit.statements)
    if isinstance(unit, _QuotesIndex):
        return 2 * sum(len(latest) for _, _, latest, _ in unit.groups)
    if isinstance(unit, IndexYearPage):
        return len(unit.rows)
    if isinstance(unit, Outlet):
        return len(unit.articles)
    return 1


def _render_unit(unit, archive: Archive) -> tuple[tuple[str, str, str], ...]:
    """The unit's pages: (path, text, the text's digest for the writer)."""
    if isinstance(unit, Article):
        pages = [render_article(unit, archive)]
    elif isinstance(unit, Event):
        pages = [render_event(unit, archive)]
    elif isinstance(unit, QuotesByDate):
        pages = [render_quotes_by_date(unit, archive)]
    elif isinstance(unit, RecordPage):
        pages = [render_record_page(unit, archive)]
    elif isinstance(unit, _QuotesIndex):
        pages = [render_quotes_index(unit.groups)]
    elif isinstance(unit, IndexYearPage):
        pages = [render_index_year_page(unit, archive)]
    elif isinstance(unit, Outlet):
        pages = [render_outlet(unit, archive)]
    else:
        pages = render_entity_front(unit, archive, entity_record(unit, archive))
    return tuple((p.path, p.text, page_digest(p.text)) for p in pages)


class _KeptJson:
    """render_exports' `encode`: each article's, entity's and event's record JSON text, kept between
    builds while the record (and its depth in the file) is the same; `used` is what this build used."""

    def __init__(self, kept: dict):
        self.kept = kept
        self.used: dict[bytes, str] = {}

    def __call__(self, record, depth: int) -> str:
        key = value_digest((depth, record))
        text = self.kept.get(key)
        if text is None:
            text = encode_item(record, depth)
        self.used[key] = text
        return text


_shared: tuple | None = None  # (archive, every unit, the kept records' JSON), inherited by forked workers
_worker_keys: _Keys | None = None  # a worker's digests, kept across its tasks
_INDEXES, _EXPORTS = "indexes", "exports"
CHUNK_UNITS = 300  # a large archive's render is cut in chunks of about this many units (a third of a second)


def _task(spec, archive: Archive, units: list, json: dict):
    """The index pages, the exports (with the records' JSON they used), or one share of a step: ("articles", start, step), every
    `step`-th article's digest from `start`; ("digests", start, step, the articles' digests), the
    units' digests; ("render", keys), the pages of the units with these keys."""
    global _worker_keys
    if spec == _INDEXES:
        return [(p.path, p.text) for p in index_pages(archive, apart=False)]
    if spec == _EXPORTS:
        encode = _KeptJson(json)
        return [(p.path, p.text) for p in render_exports(archive, encode)], encode.used
    kind, *given = spec
    if kind == "articles":
        start, step = given
        return [value_digest(a) for a in archive.articles[start::step]]
    if kind == "digests":
        start, step, article_digests = given
        if _worker_keys is None:
            _worker_keys = _Keys(archive)
            _worker_keys.know_articles(article_digests)
        return [(key, _worker_keys.unit(unit)) for key, unit in units[start::step]]
    wanted = set(spec[1])
    return [(key, _render_unit(unit, archive)) for key, unit in units if key in wanted]


def _forked_task(spec) -> list:
    return _task(spec, *_shared)


class IncrementalRender:
    """A render step for the pipeline: the same pages as `render_all`, rendering only the article and
    entity units whose inputs changed since the pages kept in `store` (see the module's docstring).
    `rendered` and `reused` count units after a call, `rendered_keys` names the rendered ones."""

    def __init__(self, store: Path, register_file: Path, docs: Path, jobs: int = 1, pool_min: int = 400,
                 save_later: bool = False, digests=None):
        """`docs`: the docs dir, which holds the kept pages' text (see `_in_docs`); `digests`: a
        DigestCache (speed/digest_cache.py) to load before its files are compared, or None.
        `save_later`: the store is written by `save()` (speed.keep() calls it once the pages are
        written, which MkDocs need not wait for)."""
        self.store, self.register_file, self.jobs, self.pool_min = store, register_file, jobs, pool_min
        self.docs, self.digests = docs, digests
        self.save_later = save_later
        self._unsaved: dict | None = None
        # read before the pipeline reads the register: an edit during the build then at worst
        # leaves pages under a digest that no register has any more
        self.version = self._version()
        self.rendered = self.reused = 0
        self.rendered_keys: list[str] = []  # the units rendered by the last call ("a:STEM", "actor:NAME"...)

    def _version(self) -> str:
        return "|".join((str(FORMAT), IMPORTED_CODE, _runtime(), _register_digest(self.register_file)))

    def _current(self) -> bool:
        """The code on disk is the code running, and the register is the one read before the build."""
        return running_code_on_disk() and self._version() == self.version

    def _load(self) -> tuple[dict, dict]:
        """The kept units' digests and pages, and the kept records' JSON."""
        if not self._current():
            return {}, {}
        try:
            with open(self.store, "rb") as fh:
                data = pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError,
                TypeError, ValueError):
            return {}, {}
        if not isinstance(data, dict) or data.get("version") != self.version:
            return {}, {}
        units, json = data.get("units"), data.get("json")
        return units if isinstance(units, dict) else {}, json if isinstance(json, dict) else {}

    def _in_docs(self, kept: dict) -> dict:
        """The kept units whose every page is in the docs dir as it was rendered: the store keeps a
        page's digest, not its text (which the docs dir holds: at 10,000 articles 216 MB that each
        build read, and wrote again, for the few hundred pages that changed). A page removed or
        edited since, or a docs dir that is not the one the store was built with, means its unit is
        rendered again (and the writer then keeps an editor's change, as it would have)."""
        if not kept:
            return kept
        if self.digests is not None:
            self.digests.load()  # digests of files unchanged since they were read (stat calls only)
        docs, join = os.fspath(self.docs), os.path.join  # the writer's names for its files (journal.file_digest)
        try:
            return {key: (digest, pages) for key, (digest, pages) in kept.items()
                    if all(file_digest(join(docs, path)) == page for path, page in pages)}
        except (TypeError, ValueError, OSError):  # a damaged store: render everything
            return {}

    def __call__(self, archive: Archive) -> list[Page]:
        kept, json = self._load()
        kept = self._in_docs(kept)
        units = _units(archive)
        n = min(self.jobs, 8)
        if len(archive.articles) < self.pool_min or not may_fork(n):
            keys = _Keys(archive)
            digests = {key: keys.unit(unit) for key, unit in units}
            todo = _todo(units, digests, kept)
            parts = [_task(spec, archive, units, json)
                     for spec in (_INDEXES, _EXPORTS, ("render", [k for k, _ in todo]))]
        else:
            digests, todo, parts = self._pooled(archive, units, kept, json, n)
        self.rendered, self.reused = len(todo), len(units) - len(todo)
        self.rendered_keys = [key for key, _ in todo]
        texts = {key: pages for part in parts[2:] for key, pages in part}
        indexes = [Page(path, text) for path, text in parts[0]]
        exported, json_used = parts[1]
        exports = [Page(path, text) for path, text in exported]
        # each unit's pages with their digests, worked out once when rendered (by the workers) and kept;
        # a kept unit's pages are their files in the docs dir, as the writer left them
        pages = indexes
        kept_pages: dict[str, tuple] = {}
        for key, _ in units:
            if key in texts:
                pages.extend(Page(path, text, digest) for path, text, digest in texts[key])
                kept_pages[key] = tuple((path, digest) for path, _, digest in texts[key])
            else:
                pages.extend(Page(path, AS_ON_DISK, digest) for path, digest in kept[key][1])
                kept_pages[key] = kept[key][1]
        pages = sorted(pages, key=lambda p: p.path) + exports
        self._unsaved = {"version": self.version, "units": {k: (digests[k], kept_pages[k]) for k, _ in units},
                         "json": json_used}
        if not self.save_later:
            self.save()
        return pages

    def save(self) -> None:
        """Keep the last call's pages for the next build, unless the code or the register changed since
        this build began."""
        unsaved, self._unsaved = self._unsaved, None
        if unsaved is None or not self._current():
            return
        try:
            atomic_write(self.store, pickle.dumps(unsaved, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # without a store the next build renders everything

    def _pooled(self, archive: Archive, units: list, kept: dict, json: dict, n: int) -> tuple[dict, list, list]:
        """(the digests, the units to render, the parts: index pages, exports, rendered units), on
        `n` forked workers (see speed/pools.py for why only forked, and only when this process runs
        no other thread). The digests come first, each article's once: then the indexes and the
        exports, which take as long as many units, run while this process finds what to render."""
        global _shared
        _shared = (archive, units, json)
        try:
            with ProcessPoolExecutor(max_workers=n, mp_context=get_context("fork")) as pool:
                shares = range(2 * n)
                article_digests = [None] * len(archive.articles)
                for i, part in zip(shares, pool.map(_forked_task, [("articles", i, len(shares)) for i in shares])):
                    article_digests[i::len(shares)] = part
                digests = dict(pair for part in pool.map(_forked_task, [("digests", i, len(shares), article_digests)
                                                                        for i in shares]) for pair in part)
                long_ones = [pool.submit(_forked_task, spec) for spec in (_INDEXES, _EXPORTS)]
                # a day's few units may hold a few long ones (a much-named actor's record): the longest
                # first, each chunk taking every `chunks`-th, so that the cores finish together, within
                # one chunk of each other (at 10,000 articles eight chunks of 1.9 s each left a core
                # idle for a second at the end; chunks of CHUNK_UNITS take a third of a second)
                todo = sorted(_todo(units, digests, kept), key=lambda ku: -_cost(ku[1]))
                chunks = max(1, min(len(todo), max(4 * n, len(todo) // CHUNK_UNITS)))
                rendered = list(pool.map(_forked_task, [("render", [k for k, _ in todo[i::chunks]])
                                                        for i in range(chunks)]))
                parts = [f.result() for f in long_ones] + rendered
        finally:
            _shared = None
        return digests, todo, parts


def _todo(units: list, digests: dict, kept: dict) -> list:
    """The units whose digest differs from the one their kept pages were rendered under."""
    return [(key, unit) for key, unit in units if key not in kept or kept[key][0] != digests[key]]
