"""The render stage: Jinja2 templates turn the archive graph into Markdown pages.

Every value a template prints is escaped by default (see `escape.inline`);
only links built here, already escaped, are marked safe. Front matter is
JSON (see `front_matter`) and its strings are HTML-escaped because MkDocs
themes print `page.meta` without escaping.
"""
from __future__ import annotations

import calendar
import datetime as dt
import html
import json
import posixpath
import unicodedata
import zlib
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from generator import labels, paths
from generator.labels import OTHER_SPEAKERS, UNATTRIBUTED, UNDATED, UNDATED_SHORT, UNKNOWN_OUTLET
from generator.paths import (ACTORS_INDEX, BASES_INDEX, EVENTS_INDEX, HOME, QUOTES_BY_DATE, QUOTES_INDEX,
                             SOURCES_INDEX, TIMELINE, event_kind_feed, feed_path, letter_path, month_path, part_path,
                             relative_url, site_url, year_path)
from generator.render import escape
from generator.render.feeds import atom_feed, entity_feed, event_entries, feed_meta
from generator.models import Archive, Article, Entity, Event, MonthDate, Outlet, Page, date_text
from generator.render.charts import weekly_chart
from generator.render.maps import Mark, locator_map, places_map
from generator.index.insights import appears_with, base_events
from generator.render.linking import LinkTarget, QuoteMark, render_paragraph, speaker_forms
from generator.index.statements import quoted

LATEST_ON_HOME = 10


def _finalize(value):
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return escape.inline(value)


# The months' names as `%B` and `%b` spell them in the C locale, which a build runs in: written out,
# not asked of strftime for every date of every page (a twentieth of the render stage's time).
_MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_MONTHS_SHORT = tuple(name[:3] for name in _MONTHS)


def long_date(d: dt.date | None) -> str:
    if not d:
        return UNDATED
    month_year = f"{_MONTHS[d.month]} {d.year}"
    return month_year if isinstance(d, MonthDate) else f"{d.day} {month_year}"


def short_date(d: dt.date | None) -> str:
    if not d:
        return UNDATED_SHORT
    month_year = f"{_MONTHS_SHORT[d.month]} {d.year}"
    return month_year if isinstance(d, MonthDate) else f"{d.day} {month_year}"


def event_when(e) -> str:
    """An event's date as precise as its reports state it: "23 October 2023", "October 2023", or
    "reported 23 October 2023" when no report names the day (precision "week")."""
    if e.date is None:
        return UNDATED
    if e.precision == "week":
        return f"reported {long_date(e.date)} (day not stated)"
    return long_date(e.date)


def event_summary(e: Event, role_of: str | None = None) -> tuple:
    """What a list of events prints of one (and what the incremental render digests for the pages that
    list it): path, title, when, type, sub-type, number of reports, the role of `role_of` in it, and the
    outlet of its first report."""
    roles = tuple(r for n, r in e.actors if n == role_of) if role_of else ()
    first = e.reports[0].article.source or UNKNOWN_OUTLET
    return (e.path, e.title, event_when(e), date_text(e.date), e.type, e.sub_type, len(e.reports), roles, first)


def coordinates_label(latlon: tuple[float, float]) -> Markup:
    lat, lon = latlon
    return Markup(f"{abs(lat):.4f}°{'N' if lat >= 0 else 'S'}, {abs(lon):.4f}°{'E' if lon >= 0 else 'W'}")


def osm_link(latlon: tuple[float, float]) -> Markup:
    """A link to the place on OpenStreetMap; built from two floats, so nothing to escape."""
    lat, lon = latlon
    return Markup(f"[OpenStreetMap](https://www.openstreetmap.org/?mlat={lat:.5f}&mlon={lon:.5f}"
                  f"#map=13/{lat:.5f}/{lon:.5f})")


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator.render", "templates"),
        # the templates are the package's code, loaded once like its modules: not stat-ed again at
        # every page to see whether they changed (a twentieth of the render stage's time)
        auto_reload=False,
        finalize=_finalize,
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["long_date"] = long_date
    env.filters["short_date"] = short_date
    env.filters["attr"] = escape.attribute
    env.filters["iso"] = lambda d: date_text(d) or ""
    env.filters["coordinates"] = coordinates_label
    env.filters["event_when"] = event_when
    env.filters["osm_link"] = osm_link
    env.filters["entity_link"] = lambda entity, link: link(entity.path, entity.name)
    env.filters["join_safe"] = lambda items, sep: Markup(sep).join(items)
    env.filters["quoted"] = quoted  # one pair of quotation marks around a quote or evidence sentence
    env.globals["paths"] = paths  # every page path: link(paths.TIMELINE, ...), never a path in a template
    env.globals.update(labels.GLOBALS)  # the words for missing data: UNKNOWN_OUTLET, UNDATED, UNATTRIBUTED...
    return env


PAGE_TEMPLATES = _environment()  # every page is rendered from these (speed/template_cache.py keeps their compiled code)


def front_matter(**fields) -> str:
    """The page's front matter: its strings HTML-escaped, written as JSON with sorted keys.

    JSON is YAML, so every reader of the Markdown (MkDocs, Zensical, Hugo, an editor) reads it as
    before; MkDocs' hook reads the generator's own pages with `json.loads`, several times faster than
    PyYAML (fast_render.split_generated). The two read every value alike because of what is written:
    strings with no control, line-separator or noncharacter left (escape.flatten drops them: PyYAML
    would fold U+2028 and refuse U+0085), written as themselves rather than as `\\u` escapes (PyYAML
    does not pair surrogates), and no number but integers (`1e+16` is a string to PyYAML).
    tests/test_properties.py checks both readers on arbitrary text."""

    def clean(v):
        if isinstance(v, str):
            return html.escape(escape.flatten(v), quote=True)
        if isinstance(v, dict):
            return {_key(k): clean(x) for k, x in v.items() if x is not None}
        if isinstance(v, (list, tuple)):
            return [clean(x) for x in v]
        if isinstance(v, (bool, int)):
            return v
        raise TypeError(f"front matter holds strings, integers, true/false, lists and mappings, not {v!r}")

    data = {_key(k): clean(v) for k, v in fields.items() if v is not None}
    lines = ",\n".join(f"  {json.dumps(k, ensure_ascii=False)}: {json.dumps(data[k], ensure_ascii=False, sort_keys=True)}"
                       for k in sorted(data))  # a field a line, for an editor's eyes
    return "---\n{\n" + (lines + "\n" if lines else "") + "}\n---\n\n"


def _key(key) -> str:
    if not isinstance(key, str) or escape.flatten(key) != key or '"' in key or "\\" in key:
        raise TypeError(f"a front matter key is plain text: {key!r}")
    return key


class _Linker:
    """Relative Markdown links from one page, so MkDocs checks every one."""

    def __init__(self, here: str):
        self.here, self.folder = here, posixpath.dirname(here)

    def __call__(self, target: str, text) -> Markup:
        return Markup(f"[{escape.inline(text)}]({relative_url(self.folder, target)})")

    def served(self, target: str) -> str:
        """`target`'s URL relative to this page's URL, for links MkDocs does not rewrite (inside an inline
        SVG): both as MkDocs serves them with use_directory_urls (paths.site_url), like the theme's chips."""
        return relative_url(site_url(self.here).rstrip("/"), site_url(target) or "./")


class _OutletLinker:
    """`outlet(a.source)` in a template: a link to the outlet's page, or "Unknown outlet" as plain text."""

    def __init__(self, archive: Archive, link: _Linker):
        self.archive, self.link = archive, link

    def __call__(self, name: str | None) -> Markup:
        path = _outlet_page(self.archive, name)
        return self.link(path, name) if path else escape.inline(UNKNOWN_OUTLET)


def _outlet_page(archive: Archive, name: str | None) -> str | None:
    """The page of an article's outlet, or None (unknown outlet)."""
    found = archive.outlet_of(name)
    return found.path if found else None


def _actor_page(archive: Archive, name: str | None) -> str | None:
    """The page of a quote's speaker, or None (no speaker, or one without a page)."""
    entity = archive.actors.get(name) if name else None
    return entity.path if entity else None


def _render(template: str, path: str, meta: dict, archive: Archive | None = None, **context) -> Page:
    """A page from a template. Templates get what they print, never the archive: pass `archive` only for
    the `outlet(name)` helper (a link to an outlet's page)."""
    context.setdefault("link", _Linker(path))
    if archive is not None:
        context["outlet"] = _OutletLinker(archive, context["link"])
    body = PAGE_TEMPLATES.get_template(template).render(here=path, **context)
    return Page(path, front_matter(**meta) + body)


def _body(article: Article, archive: Archive, link: _Linker) -> list[Markup]:
    """The article's paragraphs with first mentions linked and quotes marked."""
    targets = []
    for group, kind in ((article.actors, "actor"), (article.bases, "base")):
        for m in group:
            entity = archive.entity(kind, m.name)
            if entity is not None:
                targets.append(LinkTarget(entity.path, (m.name, *m.aliases)))
    by_paragraph: dict[int, list[QuoteMark]] = {}
    aliases = {m.name: m.aliases for m in article.actors}
    for q in article.quotes:
        speaker = archive.actors.get(q.speaker) if q.speaker else None
        forms = speaker_forms(speaker.name, speaker.type, (*aliases.get(speaker.name, ()), *speaker.other_names)) \
            if speaker else ()
        by_paragraph.setdefault(q.paragraph, []).append(
            QuoteMark(q.text, q.speaker, speaker.path if speaker else None, forms))
    linked: set[str] = set()
    return [render_paragraph(p, targets, linked, by_paragraph.get(i, []), link)
            for i, p in enumerate(article.paragraphs)]


ALSO_IN_SHOWN = 5  # other carriers listed under a quote; the statement's page lists them all


def _fullest_quotes(article: Article, archive: Archive) -> list:
    """The article's quotes, each statement once: a phrase the article repeats from a longer quote
    of the same statement is not listed again (the longer one is, where it stood)."""
    keep: dict[int, object] = {}
    for q in article.quotes:
        st = archive.statement_of.get((article.stem, q))
        key = id(st) if st is not None else id(q)
        if key not in keep or len(q.text) > len(keep[key].text):
            keep[key] = q
    kept = {id(q) for q in keep.values()}
    return [q for q in article.quotes if id(q) in kept]


def _also_in(article: Article, archive: Archive) -> list[tuple]:
    """For each quote: (quote, its speaker's page, a few other articles carrying the same statement,
    how many more)."""
    rows = []
    for q in _fullest_quotes(article, archive):
        st = archive.statement_of.get((article.stem, q))
        others = [v.article for v in st.versions if v.article.stem != article.stem] if st else []
        others = list({a.stem: a for a in others}.values())
        rows.append((q, _actor_page(archive, q.speaker), others[:ALSO_IN_SHOWN], len(others) - len(others[:ALSO_IN_SHOWN])))
    return rows


def render_article(article: Article, archive: Archive) -> Page:
    actors = [archive.actors[m.name] for m in article.actors if m.name in archive.actors]
    bases = [archive.bases[m.name] for m in article.bases if m.name in archive.bases]
    url = escape.safe_url(article.url)
    briefing = {
        "date": date_text(article.date),
        "date_label": long_date(article.date) if article.date else None,
        "source": article.source,
        "source_page": site_url(p) if (p := _outlet_page(archive, article.source)) else None,
        "url": url,
        "url_host": escape.url_host(url),
        "dateline": ", ".join(x for x in (article.dateline.place, article.dateline.agency) if x)
        if article.dateline else None,
        "actors": [{"name": e.name, "url": site_url(e.path)} for e in actors],
        "bases": [{"name": e.name, "url": site_url(e.path)} for e in bases],
        "archived": escape.wayback_url(url),
    }
    description = article.paragraphs[0][:200] if article.paragraphs else None
    link = _Linker(article.path)
    filters = search_filters(ARTICLE, actors=[e.name for e in actors], bases=[e.name for e in bases],
                             outlets=[article.source] if article.source else [],
                             years=[article.date.year] if article.date else [])
    return _render(
        "article.md.j2",
        article.path,
        {"title": article.title, "description": description, "briefing": briefing, "filters": filters},
        article=article,
        body=_body(article, archive, link),
        actors=actors,
        bases=bases,
        quotes=_also_in(article, archive),
        related=archive.related.get(article.stem, []),
        source_url=url,
        events=[event_summary(e) for e in archive.events_of_article.get(article.stem, ())],
    )


COMPANIONS_SHOWN = 12  # "Appears with" on an actor page
RELATED_BASES_SHOWN = 10  # "Related bases" on a base page
MENTIONS_ON_PAGE = 100  # an entity page shows this many latest mentions...
STATEMENTS_ON_PAGE = 50  # ...and statements; larger records go on one page per year


def _year_label(d) -> str:
    return str(d.year) if d else UNDATED


def _month_label(d) -> str:
    return f"{d:%B %Y}" if d else UNDATED


def _grouped(items, label_of) -> dict[str, list]:
    """Items by label, labels in order of first appearance (callers pass items newest first)."""
    groups: dict[str, list] = {}
    for item in items:
        groups.setdefault(label_of(item), []).append(item)
    return groups


def _year_pages(entity: Entity, statements: list) -> list[tuple[str, str, list, list]]:
    """(label, path, mentions, statements) for each year of an entity's record, newest first."""
    mentions_by = _grouped(entity.mentions, lambda m: _year_label(m[0].date))
    statements_by = _grouped(statements, lambda st: _year_label(st.first.article.date))
    labels = sorted(set(mentions_by) | set(statements_by), key=lambda y: (y == UNDATED, -int(y) if y.isdigit() else 0))
    return [(y, year_path(entity.path, y), mentions_by.get(y, []), statements_by.get(y, [])) for y in labels]


def _entity_months(label: str, path: str, mentions: list, statements: list) -> list[tuple[str, str, list, list]]:
    """(label, path, mentions, statements) for each month of one year of an entity's record, newest
    first, when the year holds more than MONTHS_OVER of them; [] when its page holds them all."""
    if label == UNDATED or len(mentions) + len(statements) <= MONTHS_OVER:
        return []
    mentions_by = _grouped(mentions, lambda m: m[0].date.month)
    statements_by = _grouped(statements, lambda st: st.first.article.date.month)
    year = int(label)
    return [(_month_label(dt.date(year, month, 1)), month_path(path, month), mentions_by.get(month, []),
             statements_by.get(month, []))
            for month in sorted(set(mentions_by) | set(statements_by), reverse=True)]


@dataclass(frozen=True)
class RecordPage:
    """One year's or one month's page of a long record (an actor's or a base's), as it is printed:
    a unit of its own for speed/incremental.py, since a new article changes one month of a record."""

    entity: Entity
    path: str
    label: str
    mentions: tuple  # (article, mention), newest first; none on a year paged by month
    statements: tuple  # the statements first reported then; none on a year paged by month
    years: tuple  # (label, path, None): every year of the record, uncounted
    up: tuple | None  # a month's (year, year page)
    month_links: tuple  # (month, page, rows) on a year paged by month
    counts: tuple[int, int]  # mentions and statements in the period


@dataclass(frozen=True)
class Record:
    """How an actor's or base's record is laid out: on its own page, or paged by year (and month)."""

    statements: list  # the actor's statements, oldest first
    paged: bool
    year_links: list  # (label, path, rows) for each year, newest first
    pages: list  # [RecordPage]


def entity_record(entity: Entity, archive: Archive) -> Record:
    statements = list(archive.statements.get(entity.name, [])) if entity.kind == "actor" else []
    paged = len(entity.mentions) > MENTIONS_ON_PAGE or len(statements) > STATEMENTS_ON_PAGE
    years = _year_pages(entity, statements) if paged else []
    year_links = [(label, path, len(ms) + len(sts)) for label, path, ms, sts in years]
    other_years = tuple((label, path, None) for label, path, _ in year_links)  # a year's page changes with its rows only
    pages = []
    for label, path, mentions, year_statements in years:
        months = _entity_months(label, path, mentions, year_statements)
        pages.append(RecordPage(
            entity, path, label, () if months else tuple(mentions), () if months else tuple(year_statements),
            other_years, None, tuple((month, month_page, len(ms) + len(sts)) for month, month_page, ms, sts in months),
            (len(mentions), len(year_statements))))
        pages += [RecordPage(entity, month_page, month, tuple(month_mentions), tuple(month_statements), other_years,
                             (label, path), (), (len(month_mentions), len(month_statements)))
                  for month, month_page, month_mentions, month_statements in months]
    return Record(statements, paged, year_links, pages)


def render_record_page(page: RecordPage, archive: Archive) -> Page:
    """A year's or a month's page of a long record; a base's lists the sentences of that period that
    link an actor to it (its own page sums them up by actor: `_linked_actors`)."""
    entity, label = page.entity, page.label
    evidence = _evidence(base_events(archive, entity, page.mentions)) if entity.kind == "base" else []
    return _render(
        "entity_year.md.j2", page.path, {"title": f"{entity.name}: {label}",
                                         "description": f"{entity.name} in {label}: every mention and statement.",
                                         "search": NOT_SEARCHED},
        entity=entity, label=label, mentions=page.mentions, statements=page.statements, years=page.years,
        up=page.up, month_links=page.month_links, counts=page.counts, events=evidence,
    )


def render_entity_front(entity: Entity, archive: Archive, record: Record) -> list[Page]:
    """The entity's own page and its Atom feed (its record's year and month pages are `render_record_page`)."""
    template = "actor.md.j2" if entity.kind == "actor" else "base.md.j2"
    description = entity.description or f"{entity.name}: every briefing in the archive that mentions it."
    companions = appears_with(archive, entity)  # actors and bases named in the same articles, most shared first
    dates = [a.date for a in entity.articles if a.date]
    statements, paged = record.statements, record.paged
    linking = base_events(archive, entity) if entity.kind == "base" else []  # by sentence, or summed up when paged
    feed = feed_path(entity.path)
    feed_title = f"Briefing Archive: {entity.name}"
    filters = search_filters(ACTOR if entity.kind == "actor" else BASE,
                             actors=[entity.name] if entity.kind == "actor" else [],
                             bases=[entity.name] if entity.kind == "base" else [],
                             years=[d.year for d in dates])
    front = _render(
        template, entity.path, {"title": entity.name, "description": description,
                                "feed": feed_meta(feed_title, feed), "filters": filters},
        entity=entity,
        feed=feed,
        all_statements=statements,
        statements=statements[-STATEMENTS_ON_PAGE:] if paged else statements,
        mentions=entity.mentions[:MENTIONS_ON_PAGE] if paged else entity.mentions,
        years=record.year_links,
        companions=companions[:COMPANIONS_SHOWN],
        related_bases=[(e, n) for e, n in companions if e.kind == "base"][:RELATED_BASES_SHOWN],
        events=_evidence(linking) if not paged else [],
        linked=_linked_actors(linking) if paged else [],
        incidents=entity_events(archive, entity),
        chart=weekly_chart(dates, archive.span, f"Articles per week mentioning {entity.name}"),
        locator=base_locator(entity) if entity.kind == "base" else Markup(""),
        undated=sum(1 for a in entity.articles if not a.date),
    )
    return [front, entity_feed(feed_title, feed, entity.path, entity.articles)]


def render_entity(entity: Entity, archive: Archive) -> list[Page]:
    """The entity's page, one page per year (and month) when its record is too long for one page,
    and its feed."""
    record = entity_record(entity, archive)
    front, feed = render_entity_front(entity, archive, record)
    return [front, *(render_record_page(page, archive) for page in record.pages), feed]


def base_locator(entity: Entity) -> Markup:
    """A base page's locator map (empty when the register gives no coordinates)."""
    entry = entity.entry
    if entry is None or entry.coordinates is None:
        return Markup("")
    lat, lon = entry.coordinates
    return locator_map(lat, lon, entity.name, country=entry.country, ident="ba-locator")


def bases_map(bases: list[Entity], weights: dict[str, int], link: _Linker, weight_unit: str) -> Markup:
    """Every base with coordinates on one map, each mark sized by `weights[name]` (a count of
    `weight_unit`s: the bases index counts events) and linked to the base's page."""
    marks = []
    for e in bases:
        if e.entry is None or e.entry.coordinates is None:
            continue
        n = weights.get(e.name, 0)
        marks.append(Mark(e.name, *e.entry.coordinates, weight=n, href=link.served(e.path),
                          tooltip=f"{e.name}: {n} {weight_unit}{'s' if n != 1 else ''}"))
    if not marks:
        return Markup("")
    return places_map(
        marks, "ba-bases-map", "Map of the bases",
        f"{len(marks)} located base{'s' if len(marks) != 1 else ''}, each marked where the register places it; "
        f"larger marks have more {weight_unit}s. The table below lists them with their coordinates.",
        caption=f"Each located base, sized by its number of {weight_unit}s; select one to open its page.")


def entity_events(archive: Archive, entity: Entity) -> list[tuple]:
    """The events an actor or base is part of, newest first, as event_summary gives them."""
    found = archive.events_of_entity.get((entity.kind, entity.name), ())[:EVENTS_ON_PAGE]
    return [event_summary(e, entity.name if entity.kind == "actor" else None) for e in found]


EVENTS_ON_PAGE = 100  # an entity page lists its latest events; the Events index has them all


def _entity_link(archive: Archive, kind: str, name: str | None):
    e = archive.entity(kind, name) if name else None
    return (e.path, e.name) if e else (None, name)


def render_event(event: Event, archive: Archive) -> Page:
    """One event: what, when, where, who (with roles), casualties, and every report, first first."""
    base = _entity_link(archive, "base", event.base) if event.base else None
    actors = [(*_entity_link(archive, "actor", n), role) for n, role in event.actors]
    related = [archive.event_by_id[i] for i in event.related if i in archive.event_by_id]
    killed, wounded = event.killed(), event.wounded()
    feed = event_kind_feed(event.sub_type)
    filters = search_filters(EVENT, actors=[n for n, _ in event.actors], bases=[event.base] if event.base else (),
                             outlets=[r.article.source for r in event.reports if r.article.source],
                             years=[event.date.year] if event.date else ())
    located = (locator_map(*event.coordinates, event.base or event.title, country=event.country, ident="ba-locator")
               if event.coordinates else Markup(""))
    return _render(
        "event.md.j2", event.path,
        {"title": event.title, "description": f"{event.sub_type} ({event.type}), {event_when(event)}: "
                                              f"{len(event.reports)} report{'s' if len(event.reports) != 1 else ''}.",
         "feed": feed_meta(_event_kind_title(event.sub_type), feed), "filters": filters},
        archive, event=event, base=base, actors=actors, related=related, killed=killed, wounded=wounded,
        feed=feed, locator=located,
    )


def _event_kind_title(kind: str) -> str:
    return f"Briefing Archive: {kind} events"


def _event_kinds(archive: Archive) -> list[tuple[str, str]]:
    """(kind, its feed's path) for every kind of event in the archive, A-Z."""
    return [(kind, event_kind_feed(kind)) for kind in sorted({e.sub_type for e in archive.events})]


def _event_kind_feeds(archive: Archive) -> list[Page]:
    """One Atom feed per kind of event (an event's sub-type), its newest events first."""
    newest = sorted(archive.events, key=lambda e: (e.date is None, -(e.date.toordinal() if e.date else 0), e.id))
    return [atom_feed(_event_kind_title(kind), path, EVENTS_INDEX,
                      event_entries([e for e in newest if e.sub_type == kind]))
            for kind, path in _event_kinds(archive)]


def _evidence(events: list[dict]) -> list[dict]:
    """Base events by sentence: a sentence naming several actors is one row listing them all."""
    rows: dict[tuple, dict] = {}
    for e in events:
        row = rows.setdefault((e["article"].stem, e["sentence"]),
                              {"article": e["article"], "sentence": e["sentence"], "actors": []})
        row["actors"].append((e["actor"], e["relation"]))
    return list(rows.values())


@dataclass(frozen=True)
class LinkedActor:
    """One actor on the page of a base whose record is paged: how many articles link it to the base
    (base_events' rows: an article's first sentence naming both), by relation, and the newest
    sentence (every one is on its year's or month's page)."""

    actor: Entity
    relations: tuple  # (relation, articles), most first
    articles: int
    newest: dict  # base_events' row: its article and sentence


def _linked_actors(events: list[dict]) -> list[LinkedActor]:
    """Base events by actor (events in base_events' order, newest first): the actors linked by most
    articles first, then by name."""
    by_actor: dict[str, list[dict]] = {}
    for e in events:
        by_actor.setdefault(e["actor"].name, []).append(e)
    linked = []
    for rows in by_actor.values():
        counts: dict[str, int] = {}
        for row in rows:
            counts[row["relation"]] = counts.get(row["relation"], 0) + 1
        relations = tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        linked.append(LinkedActor(rows[0]["actor"], relations, len(rows), rows[0]))
    return sorted(linked, key=lambda la: (-la.articles, la.actor.name.lower(), la.actor.name))


def _actor_groups(archive: Archive) -> list[tuple[str, list[Entity]]]:
    headings = {"person": "People", "organization": "Organisations"}
    groups = []
    for typ, heading in headings.items():
        members = sorted((e for e in archive.actors.values() if e.type == typ), key=lambda e: (e.name.lower(), e.name))
        if members:
            groups.append((heading, members))
    return groups


# Pages of a year's record and "Quotes by date" only repeat sentences and quotes of articles that
# search already finds: left out of the search index (lunr and Pagefind alike), results stay one
# per article. Within a page, such a block is a <section class="ba-unsearched"> (see the templates).
NOT_SEARCHED = {"exclude": True}
# Search filters (Pagefind, `extra.search_backend: pagefind`): each page's front matter lists its values,
# and site_overrides/partials/search-filters.html prints them as hidden `data-pagefind-filter` elements.
# The keys are the filter names readers see in the search panel; the page type is one of the kinds below.
ACTOR_FILTER, BASE_FILTER, OUTLET_FILTER, YEAR_FILTER, TYPE_FILTER = "Actor", "Base", "Outlet", "Year", "Page type"
ARTICLE, ACTOR, BASE, OUTLET, EVENT, INDEX = "Article", "Actor", "Base", "Outlet", "Event", "Index"


def search_filters(kind: str, actors=(), bases=(), outlets=(), years=()) -> dict[str, list[str]]:
    """A page's search filter values: its kind, and the actors, bases, outlets and years it is about
    (each once, in order; empty ones left out)."""
    values = {TYPE_FILTER: [kind], ACTOR_FILTER: list(dict.fromkeys(actors)), BASE_FILTER: list(dict.fromkeys(bases)),
              OUTLET_FILTER: list(dict.fromkeys(outlets)),
              YEAR_FILTER: sorted({str(y) for y in years}, reverse=True)}
    return {k: v for k, v in values.items() if v}


QUOTES_ON_INDEX = 200  # statements on "Quotes by date"; larger archives get one page per year
STATEMENTS_PER_SPEAKER = 3  # on "Quotes": each speaker's latest; their page has the rest


def _newest_first(st) -> tuple:
    """Statements by first-reported date, newest first, undated last."""
    d = st.first.article.date
    return (d is None, -(d.toordinal() if d else 0), st.speaker or "~", st.first.article.stem)


def _newest_statements(archive: Archive) -> list:
    return sorted((st for groups in archive.statements.values() for st in groups), key=_newest_first)


def _by_month(statements: list, archive: Archive) -> list[tuple[str, list[tuple]]]:
    """(month, [(statement, its speaker's page)]) newest month first."""
    by_month = _grouped(statements, lambda st: _month_label(st.first.article.date))
    return [(month, [(st, _actor_page(archive, st.speaker)) for st in group]) for month, group in by_month.items()]


@dataclass(frozen=True)
class QuotesByDate:
    """One "Quotes by date" page before rendering: what it lists and says (the incremental render keys
    its kept copy on these fields and on what each statement's page link is)."""

    path: str
    heading: str
    title: str
    statements: tuple  # newest first (none on a year page that links its months instead)
    total: int
    year_links: tuple  # (label, path, how many or None) for each year, or () for a small archive
    month_links: tuple = ()  # on a year too long for one page: (label, path, how many) for each month
    up: tuple | None = None  # on a month's page: (label, path) of its year's page; on days', its month's
    links_label: str = "By month"  # what month_links are: months, the days of a long month, or speakers
    order: str = "newest first"  # how its statements are listed (the undated ones: by speaker)


def _by_year(items: list, date_of, page: str, limit: int) -> list[tuple[str, str, list]]:
    """(label, path, items) for each year of a list longer than `limit` rows (newest first, as
    `items` is), or [] when it fits on one page."""
    if len(items) <= limit:
        return []
    return [(label, year_path(page, label), group)
            for label, group in _grouped(items, lambda item: _year_label(date_of(item))).items()]


MONTHS_OVER = 500  # rows in one year beyond which its page links one page per month instead


def _by_month_pages(label: str, path: str, group: list, date_of) -> list[tuple[str, str, list]]:
    """(label, path, items) for each month of one year's items (newest first, as `group` is) when
    the year has more than MONTHS_OVER of them, or [] when its page holds them all. A 5 MB page is
    slow to open, and rebuilt whenever one of its thousands of rows changes."""
    if label == UNDATED or len(group) <= MONTHS_OVER:
        return []
    return [(month, month_path(path, date_of(items[0]).month), items)
            for month, items in _grouped(group, lambda item: _month_label(date_of(item))).items()]


PARTS_OVER = 250  # statements in one month beyond which its page links a page for each part of it
MONTH_PARTS = (1, 8, 15, 22)  # the days each part of a long month begins on: 1-7, 8-14, 15-21, 22 to its end


def _first_day_of_part(d: dt.date) -> int:
    return max(first for first in MONTH_PARTS if first <= d.day)


def _part_label(d: dt.date) -> str:
    """"8–14 October 2024": the days of `d`'s month in the part `d` falls in."""
    first = _first_day_of_part(d)
    later = [day for day in MONTH_PARTS if day > first]
    last = later[0] - 1 if later else calendar.monthrange(d.year, d.month)[1]
    return f"{first}\u2013{last} {d:%B %Y}"


def _by_part_pages(path: str, rows: list, date_of) -> list[tuple[str, str, list]]:
    """(label, path, items) for each part of one month's items (newest first, as `rows` is) when the
    month has more than PARTS_OVER of them, or [] when its page holds them all. A month of a large
    archive's quotes (770 statements, 450 KB at 10,000 articles) is rebuilt whenever one of them is
    added; a part of it is a quarter of that."""
    if len(rows) <= PARTS_OVER:
        return []
    return [(label, part_path(path, _first_day_of_part(date_of(items[0]))), items)
            for label, items in _grouped(rows, lambda item: _part_label(date_of(item))).items()]


def _speaker_initial(st) -> str:
    """The letter an undated statement is listed under: its speaker's initial, without accents (A-Z),
    OTHER_SPEAKERS for a name that begins otherwise, UNATTRIBUTED without a speaker."""
    if not st.speaker:
        return UNATTRIBUTED
    first = unicodedata.normalize("NFKD", st.speaker)[:1].upper()
    return first if "A" <= first <= "Z" else OTHER_SPEAKERS


def _by_speaker_pages(path: str, rows: list) -> list[tuple[str, str, list]]:
    """(label, path, items) for each speaker initial of the undated statements (listed by speaker) when
    there are more than PARTS_OVER of them, or [] when their page holds them all: they have no month
    to be split by, and at 10,000 articles they were one 1.3 MB page, rewritten whenever one was added."""
    if len(rows) <= PARTS_OVER:
        return []
    groups = _grouped(rows, _speaker_initial)
    return [(label, letter_path(path, label), groups[label])
            for label in sorted(groups, key=lambda label: (label in (OTHER_SPEAKERS, UNATTRIBUTED), label))]


def _speaker_part_heading(label: str) -> str:
    if label == UNATTRIBUTED:
        return "Undated quotes: unattributed"
    if label == OTHER_SPEAKERS:
        return "Undated quotes: other speakers"
    return f"Undated quotes: speakers {label}"


def _month_links(months: list[tuple[str, str, list]]) -> tuple:
    return tuple((label, path, len(group)) for label, path, group in months)


def _year_links(years: list[tuple[str, str, list]]) -> tuple[tuple, tuple]:
    """The links to each year's page: with their counts for the first page, without for the year
    pages, so that a year's page changes only when that year's rows do."""
    return (tuple((label, path, len(group)) for label, path, group in years),
            tuple((label, path, None) for label, path, _ in years))


def quotes_by_date_pages(archive: Archive) -> list[QuotesByDate]:
    """"Quotes by date" (the latest), and one page per year when the archive is large (one per
    month of a year with more than MONTHS_OVER statements, one per part of a month with more than
    PARTS_OVER, and one per speaker initial of more than PARTS_OVER undated ones)."""
    def first_date(st):
        return st.first.article.date

    newest = _newest_statements(archive)
    years = _by_year(newest, first_date, QUOTES_BY_DATE, QUOTES_ON_INDEX)
    counted, uncounted = _year_links(years)
    pages = [QuotesByDate(QUOTES_BY_DATE, "Quotes by date", "Quotes by date", tuple(newest[:QUOTES_ON_INDEX]),
                          len(newest), counted)]
    for label, path, group in years:
        if label == UNDATED:  # listed by speaker
            parts = _by_speaker_pages(path, group)
            pages.append(QuotesByDate(path, f"Quotes: {label}", f"Quotes: {label}", () if parts else tuple(group),
                                      len(group), uncounted, _month_links(parts), links_label="By speaker",
                                      order="by speaker"))
            pages += [QuotesByDate(part_path_, _speaker_part_heading(part), _speaker_part_heading(part),
                                   tuple(items), len(items), uncounted, up=(label, path), order="by speaker")
                      for part, part_path_, items in parts]
            continue
        months = _by_month_pages(label, path, group, first_date)
        pages.append(QuotesByDate(path, f"Quotes: {label}", f"Quotes: {label}", () if months else tuple(group),
                                  len(group), uncounted, _month_links(months)))
        for month, month_path_, rows in months:
            parts = _by_part_pages(month_path_, rows, first_date)
            pages.append(QuotesByDate(month_path_, f"Quotes: {month}", f"Quotes: {month}",
                                      () if parts else tuple(rows), len(rows), uncounted, _month_links(parts),
                                      up=(label, path), links_label="By dates"))
            pages += [QuotesByDate(part_path_, f"Quotes: {part}", f"Quotes: {part}", tuple(items), len(items),
                                   uncounted, up=(month, month_path_))
                      for part, part_path_, items in parts]
    return pages


def render_quotes_by_date(page: QuotesByDate, archive: Archive) -> Page:
    return _render("quotes_by_date.md.j2", page.path, {"title": page.title, "search": NOT_SEARCHED},
                   statements=_by_month(list(page.statements), archive), total=page.total,
                   years=list(page.year_links), month_links=list(page.month_links), up=page.up,
                   links_label=page.links_label, order=page.order,
                   shown=len(page.statements), heading=page.heading)


def quote_groups(archive: Archive) -> list[tuple[str | None, str | None, list, int]]:
    """(speaker, their page, latest statements, how many in all) by speaker A–Z, the unattributed last:
    everything "Quotes" lists."""
    named = sorted((k for k in archive.statements if k), key=lambda k: (k.lower(), k))
    keys = named + ([None] if None in archive.statements else [])
    return [(k, _actor_page(archive, k), sorted(archive.statements[k], key=_newest_first)[:STATEMENTS_PER_SPEAKER],
             len(archive.statements[k])) for k in keys]


def render_quotes_index(groups: list[tuple[str | None, str | None, list, int]]) -> Page:
    """"Quotes", from `quote_groups`."""
    return _render("quotes_index.md.j2", QUOTES_INDEX, {"title": "Quotes", "filters": search_filters(INDEX)},
                   quote_groups=groups)


def render_quote_pages(archive: Archive) -> list[Page]:
    """"Quotes" by speaker and "Quotes by date", with one page per year when the archive is large."""
    return [render_quotes_index(quote_groups(archive)),
            *(render_quotes_by_date(page, archive) for page in quotes_by_date_pages(archive))]


# What each index is, under its title and in its front matter (search results, link previews).
DESCRIPTIONS = {
    "timeline": "Every briefing in the archive by month, newest first, with its outlet.",
    "actors": "The people and organisations the briefings name, A–Z by type, with the date of the latest "
              "briefing naming each.",
    "bases": "The bases and installations the briefings report on, most reported first, with the date of the "
             "latest report.",
    "sources": "The outlets whose briefings are in the archive, most briefings first. Each has a page listing "
               "its briefings.",
    "events": "Incidents the briefings report — attacks, claims, condemnations — each with every outlet's report, "
              "by month, newest first.",
}


def render_outlet(outlet: Outlet, archive: Archive) -> Page:
    """An outlet's page: its briefings newest first, and whom they name most."""
    counts: dict[tuple[str, str], int] = {}
    for a in outlet.articles:
        for kind, group in (("actor", a.actors), ("base", a.bases)):
            for m in {m.name for m in group}:
                counts[(kind, m)] = counts.get((kind, m), 0) + 1
    named = sorted(((archive.entity(kind, name), n) for (kind, name), n in counts.items()
                    if archive.entity(kind, name) is not None),
                   key=lambda en: (-en[1], en[0].name.casefold(), en[0].name))
    n = len(outlet.articles)
    return _render(
        "outlet.md.j2", outlet.path,
        {"title": outlet.name,
         "description": f"{outlet.name}: {n} briefing{'s' if n != 1 else ''} in the archive, newest first.",
         "filters": search_filters(OUTLET, outlets=[outlet.name], years=[a.date.year for a in outlet.articles if a.date])},
        source=outlet, most_named=named[:OUTLET_NAMED_SHOWN],
        months=list(_grouped(outlet.articles, lambda a: _month_label(a.date)).items()),
        chart=weekly_chart([a.date for a in outlet.articles if a.date], archive.span,
                           f"Articles per week from {outlet.name}"),
        undated=sum(1 for a in outlet.articles if not a.date),
    )


OUTLET_NAMED_SHOWN = 10  # "Most named" on an outlet's page


def _bases_index(archive: Archive) -> Page:
    bases = sorted(archive.bases.values(), key=lambda e: (-len(e.mentions), e.name.lower()))
    link = _Linker(BASES_INDEX)
    # The marks' size: the events at each base (what the map is for: where incidents happen).
    weights = {e.name: len(archive.events_of_entity.get(("base", e.name), ())) for e in bases}
    return _render("bases_index.md.j2", BASES_INDEX, {"title": "Bases", "description": DESCRIPTIONS["bases"],
                                                       "filters": search_filters(INDEX)},
                   link=link, bases=bases, description=DESCRIPTIONS["bases"],
                   map=bases_map(bases, weights, link, weight_unit="event"))


def render_indexes(archive: Archive) -> list[Page]:
    """Every index page: the home page, the timeline, the actors, bases, events and sources indexes
    with their feeds and outlet pages, and the quote pages."""
    return index_pages(archive) + render_quote_pages(archive)


ON_INDEX = 200  # rows on the Timeline and on Events: a larger archive gets one more page per year


@dataclass(frozen=True)
class IndexYearPage:
    """A year's or a month's page of a large archive's Timeline or Events: what it prints (the
    incremental render renders one again only when this changes)."""

    index: str  # "timeline" | "events"
    path: str
    title: str  # its heading too
    rows: tuple  # articles or events, newest first (none on a year page that links its months)
    total: int  # rows in the year or month
    years: tuple  # the links to each year's page, without counts (see `_year_links`)
    month_links: tuple = ()  # on a year too long for one page: (label, path, how many) for each month
    up: tuple | None = None  # on a month's page: (label, path) of its year's page


# Each index: its page, title, template, rows' date and what it says first (the year pages print no chart).
_YEAR_INDEXES = {
    "timeline": (TIMELINE, "Timeline", "timeline.md.j2", lambda a: a.date, "timeline"),
    "events": (EVENTS_INDEX, "Events", "events_index.md.j2", lambda e: e.date, "events"),
}


def _index_rows(archive: Archive, index: str) -> list:
    return list(archive.articles if index == "timeline" else archive.events)


def index_year_pages(archive: Archive) -> list[IndexYearPage]:
    """The year and month pages of the Timeline and of Events: a large archive's index lists the
    latest ON_INDEX rows with a link to each year's page (years linked with their counts from the
    first page only: a year's page then stays as it was while that year's rows do). A year with more
    than MONTHS_OVER rows links one page per month instead of listing them."""
    pages = []
    for index, (page, title, _, date_of, _) in _YEAR_INDEXES.items():
        years = _by_year(_index_rows(archive, index), date_of, page, ON_INDEX)
        _, uncounted = _year_links(years)
        for label, path, group in years:
            months = _by_month_pages(label, path, group, date_of)
            pages.append(IndexYearPage(index, path, f"{title}: {label}", () if months else tuple(group), len(group),
                                       uncounted, _month_links(months)))
            pages += [IndexYearPage(index, month_page, f"{title}: {month}", tuple(rows), len(rows), uncounted,
                                    up=(label, path))
                      for month, month_page, rows in months]
    return pages


def _rows_by_month(rows, date_of) -> list[tuple[str, list]]:
    return list(_grouped(rows, lambda item: _month_label(date_of(item))).items())


def render_index_year_page(page: IndexYearPage, archive: Archive) -> Page:
    _, _, template, date_of, description = _YEAR_INDEXES[page.index]
    return _render(template, page.path, {"title": page.title, "search": NOT_SEARCHED}, archive,
                   months=_rows_by_month(page.rows, date_of), total=page.total, shown=page.total, years=page.years,
                   month_links=page.month_links, up=page.up, heading=page.title,
                   description=DESCRIPTIONS[description], chart="", kinds=[])


def _index_first_page(archive: Archive, index: str, **context) -> Page:
    """The Timeline's or Events' own page: every row, or, for a large archive, the latest ON_INDEX with
    a link to each year's page (see `index_year_pages`)."""
    page, title, template, date_of, description = _YEAR_INDEXES[index]
    items = _index_rows(archive, index)
    years = _by_year(items, date_of, page, ON_INDEX)
    counted, _ = _year_links(years)
    return _render(template, page, {"title": title, "description": DESCRIPTIONS[description],
                                    "filters": search_filters(INDEX)}, archive,
                   months=_rows_by_month(items[:ON_INDEX] if years else items, date_of), total=len(items),
                   shown=min(len(items), ON_INDEX), years=counted, month_links=(), up=None, heading=title,
                   description=DESCRIPTIONS[description], **context)


def index_pages(archive: Archive, apart: bool = True) -> list[Page]:
    """The index pages but the quote pages (a large archive renders the two in parallel). Without
    `apart`, not the pages the incremental render keeps as units of their own: the Timeline's and
    Events' year pages (`index_year_pages`) and the outlets' pages."""
    chart = weekly_chart([a.date for a in archive.articles if a.date], archive.span, "Articles per week")
    counts = {"briefings": len(archive.articles), "actors": len(archive.actors), "bases": len(archive.bases),
              "quotes": len(archive.quotes), "outlets": sum(1 for o in archive.outlets.values() if o.path)}
    return [
        _render("home.md.j2", HOME, {"title": "Home", "hide": ["navigation"], "filters": search_filters(INDEX)}, archive,
                latest=archive.articles[:LATEST_ON_HOME], chart=chart, counts=counts),
        _index_first_page(archive, "timeline", chart=chart, kinds=[]),
        _render("actors_index.md.j2", ACTORS_INDEX, {"title": "Actors", "description": DESCRIPTIONS["actors"], "filters": search_filters(INDEX)},
                actor_groups=_actor_groups(archive), description=DESCRIPTIONS["actors"]),
        _bases_index(archive),
        _index_first_page(archive, "events", kinds=_event_kinds(archive), chart=""),
        *_event_kind_feeds(archive),
        _render("sources_index.md.j2", SOURCES_INDEX, {"title": "Sources", "description": DESCRIPTIONS["sources"], "filters": search_filters(INDEX)},
                outlets=list(archive.outlets.values()), description=DESCRIPTIONS["sources"]),
        *((render_outlet(o, archive) for o in archive.outlets.values() if o.path) if apart else ()),
        *((render_index_year_page(p, archive) for p in index_year_pages(archive)) if apart else ()),
    ]


def render_site(archive: Archive, share: tuple[int, int] | None = None) -> list[Page]:
    """Every page of the site; with share=(i, n), only the i-th of n disjoint parts (for worker processes).

    Articles and entities are dealt out by a hash of their path; the indexes
    go with part 0.
    """
    def mine(path: str) -> bool:
        return share is None or zlib.crc32(path.encode()) % share[1] == share[0]

    pages = [render_article(a, archive) for a in archive.articles if mine(a.path)]
    for group in (archive.actors, archive.bases):
        for entity in group.values():
            if mine(entity.path):
                pages += render_entity(entity, archive)
    pages += [render_event(e, archive) for e in archive.events if mine(e.path)]
    if share is None or share[0] == 0:
        pages += render_indexes(archive)
    return sorted(pages, key=lambda p: p.path)
