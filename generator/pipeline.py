"""The build as a list of stages, in one screen: read → extract → index → render.

`run` is the whole sequence; `generator/build.py` (the `build` command, `make site`, the MkDocs
hook), the tests and the benchmarks all call it. It writes nothing: the pages it returns go to
`generator/write/`. Each stage is a package of its own, and a module imports only from its own
stage or an earlier one (tests/test_architecture.py):

    read/     seeds, sidecars and the register (the only input edge)
    extract/  one article's text → title, date, dateline, actors, bases, quotes (pure functions)
    index/    names resolved across articles → the archive graph (complete, frozen)
    render/   the graph → Markdown pages and data exports (Jinja2 templates)
    write/    pages → the docs dir, journaled, never over an editor's file

Speed-ups (generator/speed/) are unknown here: a caller passes its faster `Steps`, which give the
same result as the plain ones (PLAIN) and can each be switched off (generator/settings.py).
"""
from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Callable

from generator.extract import extract_each
from generator.extract.corrections import apply_all
from generator.extract.incidents import find_incidents
from generator.index import index_archive
from generator.index.events import build_events
from generator.index.related import Vectors, related_articles
from generator.index.resolve import resolve_archive
from generator.index.statements import group_each
from generator.models import Archive, Extraction, Page
from generator.problems import Problem
from generator.project import Project, require_seeds
from generator.read import metadata_problems, read_register, read_seeds
from generator.read.register import Register
from generator.render import render_all


@dataclass(frozen=True)
class Steps:
    """The steps a speed-up may replace by a faster one that returns the same thing."""

    read_register: Callable = read_register  # path -> (Register, problems)
    read_seeds: Callable = read_seeds  # seeds dir -> ([SeedFile], problems)
    extract: Callable = extract_each  # (seeds, register) -> ({stem: Extraction}, number extracted)
    incidents: Callable = find_incidents  # (paragraphs, date, bases, actors) -> one article's incidents
    statements: Callable = group_each  # ([each speaker's quotes], meanwhile) -> [their statements]
    related: Callable = related_articles  # (articles, shared statements, vectors, meanwhile) -> {stem: related coverage}
    vectors: Callable = Vectors  # articles -> their word vectors (what related coverage compares)
    events: Callable = build_events  # (articles, register, edits, statement_of, incidents) -> (events, problems)
    resolve: Callable = resolve_archive  # {stem: Extraction} -> {stem: Extraction renamed to the archive's names}
    render: Callable = render_all  # Archive -> [Page]


PLAIN = Steps()


@dataclass(frozen=True)
class Output:
    """Everything a build computed, before anything is written."""

    archive: Archive
    register: Register
    pages: list[Page]
    problems: list[Problem]
    extracted: int  # articles extracted (not taken from a cache)
    extractions: dict[str, Extraction]  # each article's, with its sidecar's corrections (what `review` reads)


def _untimed(name: str) -> AbstractContextManager:
    return nullcontext()


def run(project: Project, steps: Steps = PLAIN, stage: Callable[[str], AbstractContextManager] = _untimed,
        render: bool = True) -> Output:
    """Read, extract, index and render the project. `stage(name)` wraps each stage (a timer, a
    progress bar); with `render=False` the pages are left out (`review` needs only the archive)."""
    require_seeds(project)
    with stage("read"):
        register, problems = steps.read_register(project.register_file)
        seeds, read_problems = steps.read_seeds(project.seeds_dir)
    with stage("extract"):
        extractions, extracted = steps.extract(seeds, register)
        extractions, corrected = apply_all(seeds, extractions, register)  # the editors' sidecar corrections
    with stage("index"):
        archive, index_problems = index_archive(seeds, extractions, register, steps.incidents, steps.statements,
                                               steps.related, steps.vectors, steps.events, steps.resolve)
    with stage("render"):
        pages = steps.render(archive) if render else []
    problems = [*problems, *read_problems, *corrected, *metadata_problems(seeds, extractions), *index_problems]
    return Output(archive, register, pages, problems, extracted, extractions)
