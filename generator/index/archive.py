"""The index stage: the whole archive as a graph, gathered before rendering.

Articles link to entities and entities back to articles, so every page
needs the complete picture; nothing is rendered until this is built.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import replace

from generator.extract.incidents import find_incidents
from generator.index.events import build_events, event_indexes
from generator.index.insights import statements_and_related
from generator.index.related import Vectors, related_articles
from generator.index.statements import group_each
from generator.labels import UNKNOWN_OUTLET, is_unknown_outlet
from generator.models import (
    Archive, Article, Dateline, Entity, Extraction, Mention, MonthDate, Outlet, PageMeta, Sidecar,
)
from generator.paths import ACTORS_DIR, ACTORS_INDEX, BASES_DIR, BASES_INDEX, article_path, entity_path, outlet_paths
from generator.problems import Problem
from generator.read.register import Register


def _stated_date(ex: Extraction) -> dt.date | None:
    if ex.date is not None and ex.date_precision == "month":
        return MonthDate(ex.date.year, ex.date.month, 1)
    return ex.date


def unique_article_paths(articles: list[Article]) -> list[Article]:
    """Every article at a URL of its own. When the short hashes of two seed names collide under the
    same title, the first seed name (in sorted order) keeps its URL, so an existing page does not
    move, and each other takes the full 40-digit hash of its name, which differs for different names;
    a numbered suffix covers the case of a full-hash collision too."""
    by_path: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        by_path[a.path].append(a)
    taken = set(by_path)
    moved: dict[str, Article] = {}
    for path, group in by_path.items():
        for a in sorted(group, key=lambda a: a.stem)[1:]:
            new, n = article_path(a.stem, a.title, digits=40), 2
            while new in taken:
                new, n = article_path(a.stem, a.title, digits=40, n=n), n + 1
            taken.add(new)
            moved[a.stem] = dataclasses.replace(a, path=new)
    return [moved.get(a.stem, a) for a in articles]


def make_article(stem: str, ex: Extraction, sidecar: Sidecar | None, page: PageMeta | None = None) -> Article:
    """Apply what the page states about itself (a `.html` or `.json` seed's metadata), then the
    editor's sidecar, on top of what extraction found: sidecar > page > text. A page's host name
    is the outlet's last resort, after any name the text gives."""
    sc, pg = sidecar or Sidecar(), page or PageMeta()
    title = sc.title or pg.title or ex.title or stem
    dateline = ex.dateline
    if sc.dateline_place or sc.dateline_agency:
        dateline = Dateline(sc.dateline_place, sc.dateline_agency)
    source = sc.source or pg.outlet or ex.outlet or (dateline.agency if dateline else None) or pg.host
    return Article(
        stem=stem,
        path=article_path(stem, title),
        title=title,
        date=sc.date or pg.date or _stated_date(ex),
        dateline=dateline,
        source=source,
        url=sc.url or pg.url,
        paragraphs=ex.paragraphs,
        captions=ex.captions,
        actors=ex.actors,
        bases=ex.bases,
        quotes=ex.quotes,
    )


def build_archive(articles: list[Article], register: Register, event_edits: dict | None = None,
                  problems: list[Problem] | None = None, incidents_of=find_incidents,
                  grouping=group_each, relating=related_articles, word_vectors=Vectors,
                  events=build_events) -> Archive:
    """The archive graph, complete: entities with their mentions and quotes, statements and related
    coverage (insights.py), which need the whole graph, the outlets with their pages' paths, and
    the events (events.py; `event_edits` are the sidecars' `events:` corrections by stem, and
    their problems are added to `problems`; `incidents_of` finds an article's incidents (a speed-up's
    may also have `ahead(articles, meanwhile)`, called once first, to find many of them at once
    while this process runs `meanwhile`: the word vectors), `grouping`
    groups each speaker's quotes into statements, `relating` finds related coverage, `word_vectors`
    the articles' word vectors for it and `events` the events (events.py `build_events`): the plain
    functions, or speed-ups that give the same)."""
    articles = tuple(sorted(unique_article_paths(articles), key=lambda a: a.sort_key))
    actors, bases = _entities(articles, register)
    found_vectors: list = []

    def vectors(articles=articles):
        """The articles' word vectors, worked out once: while the incidents' workers work, when there
        are any (this process would only wait for them), else while the statements are grouped."""
        if not found_vectors:
            found_vectors.append(word_vectors(articles))
        return found_vectors[0]

    ahead = getattr(incidents_of, "ahead", None)  # a speed-up's: find many at once, on every core
    if ahead is not None:
        ahead(articles, meanwhile=vectors)
    statements, statement_of, related, (events, event_problems) = statements_and_related(
        articles, grouping, relating, vectors,
        then=lambda statement_of: events(articles, register, event_edits, statement_of, incidents_of))
    if problems is not None:
        problems.extend(event_problems)
    by_id, of_article, of_entity = event_indexes(events)
    return Archive(articles, actors, bases, statements, statement_of, related, _outlets(articles),
                   events, by_id, of_article, of_entity)


def _outlets(articles: tuple[Article, ...]) -> dict[str | None, Outlet]:
    """Every outlet by name (None: the unknown outlet, which has no page), most articles first, then
    A-Z; each with its articles in the archive's order (newest first)."""
    by_name: dict[str | None, list[Article]] = {}
    for a in articles:
        by_name.setdefault(None if is_unknown_outlet(a.source) else a.source, []).append(a)
    paths = outlet_paths(k for k in by_name if k is not None)
    order = sorted(by_name, key=lambda k: (-len(by_name[k]), k is None, (k or "").casefold(), k or ""))
    return {k: Outlet(k or UNKNOWN_OUTLET, paths.get(k), tuple(by_name[k])) for k in order}


def _entities(articles: tuple[Article, ...], register: Register) -> tuple[dict[str, Entity], dict[str, Entity]]:
    """Every actor and base named in the articles, at a page path of its own; paths are assigned in
    name order so they do not depend on article order."""
    taken: set[str] = {ACTORS_INDEX, BASES_INDEX}
    found: dict[tuple[str, str], str] = {}
    type_votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    mentions: dict[tuple[str, str], list] = defaultdict(list)
    aliases: dict[tuple[str, str], set[str]] = defaultdict(set)
    quotes: dict[str, list] = defaultdict(list)
    for a in articles:
        for kind, group in (("actor", a.actors), ("base", a.bases)):
            for m in group:
                found.setdefault((kind, m.name), m.type)
                mentions[(kind, m.name)].append((a, m))
                aliases[(kind, m.name)].update(m.aliases)
                if kind == "actor":
                    type_votes[(kind, m.name)][m.type] += 1
        for q in a.quotes:
            if q.speaker:
                quotes[q.speaker].append((a, q))
    groups: dict[str, dict[str, Entity]] = {"actor": {}, "base": {}}
    for (kind, name), typ in sorted(found.items(), key=lambda kv: (kv[0][0], kv[0][1].lower(), kv[0][1])):
        entry = register.find(name, kind)
        if entry is not None and entry.name != name:
            entry = None
        if kind == "actor":
            typ = entry.type if entry else type_votes[(kind, name)].most_common(1)[0][0]
        directory = ACTORS_DIR if kind == "actor" else BASES_DIR
        groups[kind][name] = Entity(name, kind, typ, entity_path(directory, name, taken), entry,
                                    frozenset(aliases[(kind, name)]), tuple(mentions[(kind, name)]),
                                    tuple(quotes.get(name, ())) if kind == "actor" else ())
    return groups["actor"], groups["base"]


# At most this many new, unregistered actors and bases whose only evidence is weak (a capitalised
# name, a repetition, a possessive) may come from one article; a real briefing names fewer than ten
# (the seeds and real articles: at most 8). The rest are held back for `review`, with a warning
# naming the file: a list of thousands of names must not flood the archive with pages. A registered
# name, or one with strong evidence (a title, a verb of saying, a quote, another article), is never capped.
NEW_PER_ARTICLE = 100
STRONG_EVIDENCE = frozenset({"register", "title", "speaks", "quoted", "government", "army", "acronym", "archive"})


def _weak_and_new(m: Mention, elsewhere: Counter) -> bool:
    return not m.registered and not (STRONG_EVIDENCE & set(m.evidence)) and elsewhere[m.name] <= 1


def cap_new_entities(extractions: dict[str, Extraction], labels: Mapping[str, str]) -> tuple[dict, list]:
    """Hold back, per article, the weak new entities beyond NEW_PER_ARTICLE (in reading order):
    `labels` maps each stem to the file name used in the warning."""
    named_in: Counter = Counter()
    for ex in extractions.values():
        named_in.update({m.name for m in (*ex.actors, *ex.bases)})
    out, problems = {}, []
    for stem, ex in extractions.items():
        budget, kept, held = NEW_PER_ARTICLE, {"actors": [], "bases": []}, []
        for attr in ("actors", "bases"):
            for m in getattr(ex, attr):
                if _weak_and_new(m, named_in):
                    if budget <= 0:
                        held.append(m)
                        continue
                    budget -= 1
                kept[attr].append(m)
        if not held:
            out[stem] = ex
            continue
        out[stem] = replace(ex, actors=tuple(kept["actors"]), bases=tuple(kept["bases"]), held=ex.held + tuple(held))
        problems.append(Problem(labels.get(stem, stem), f"names {NEW_PER_ARTICLE + len(held)} new actors and bases "
                                f"without evidence; kept the first {NEW_PER_ARTICLE}, held back {len(held)} "
                                "(no pages; add the ones that matter to the register)",
                                severity="warning"))
    return out, problems
