"""The index stage: resolve names across articles and build the archive graph.

`index_archive` turns every article's extraction into one `Archive`, complete when it returns:
the same actor under several spellings becomes one entity (resolve.py), each article gets its
page path and the editor's sidecar (archive.py), and statements and related coverage are
computed over the whole graph (insights.py).
"""
from __future__ import annotations

from generator.extract.incidents import find_incidents
from generator.index.archive import build_archive, cap_new_entities, make_article
from generator.index.events import build_events
from generator.index.resolve import resolve_archive
from generator.index.related import Vectors, related_articles
from generator.index.statements import group_each
from generator.models import Archive, Extraction, SeedFile
from generator.problems import Problem
from generator.read.register import Register
from generator.read.seeds import FileLabels, file_label

__all__ = ["index_archive"]


def index_archive(seeds: list[SeedFile], extractions: dict[str, Extraction], register: Register,
                  incidents_of=find_incidents, grouping=group_each,
                  relating=related_articles, word_vectors=Vectors, events=build_events,
                  resolving=resolve_archive) -> tuple[Archive, list[Problem]]:
    """The archive and the problems found making it. `incidents_of` finds one article's incidents
    (extract/incidents.py `find_incidents`), `grouping` each speaker's statements
    (index/statements.py `group_each`) and `relating` each article's related coverage
    (index/related.py `related_articles`, with the word vectors `word_vectors` works out: related.py
    `Vectors`), `events` the events (index/events.py `build_events`) and `resolving` the articles
    renamed to the archive's names (index/resolve.py `resolve_archive`), or steps that give the same
    (speed/)."""
    resolved = resolving(extractions)
    resolved, problems = cap_new_entities(resolved, FileLabels({s.stem: s.path for s in seeds}))
    articles = [make_article(s.stem, resolved[s.stem], s.sidecar, s.page) for s in seeds]
    edits = {s.stem: (s.sidecar.events, s.sidecar.file or file_label(s.path)) for s in seeds
             if s.sidecar is not None and s.sidecar.events}
    archive = build_archive(articles, register, edits, problems, incidents_of, grouping, relating, word_vectors,
                            events)
    return archive, problems
