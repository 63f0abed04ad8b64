"""`build()`: seeds in, Markdown pages out, as a list of stages.

read → clean+extract (cached) → resolve → index → render → write.
Everything is gathered before anything is rendered, because the indexes
are a graph: an article page links to actors whose pages list articles.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .archive import build_archive, make_article
from .exports import render_exports
from .extraction_cache import ExtractionCache, extract_all
from .insights import enrich
from .problems import Problem
from .reading import read_seeds
from .register import load_register
from .render import render_site
from .resolve import resolve_archive
from .writing import write_pages


@dataclass(frozen=True)
class Project:
    """Where things live; every path defaults to the conventional layout under `root`."""

    root: Path = Path(".")
    seeds: Path | None = None
    docs: Path | None = None
    register: Path | None = None
    cache: Path | None = None

    @property
    def seeds_dir(self) -> Path:
        return self.seeds or self.root / "seeds"

    @property
    def docs_dir(self) -> Path:
        return self.docs or self.root / "content"

    @property
    def register_file(self) -> Path:
        return self.register or self.root / "register.yml"

    @property
    def cache_file(self) -> Path:
        return self.cache or self.root / ".cache" / "extractions.pickle"


@dataclass
class BuildResult:
    articles: int = 0
    extracted: int = 0
    actors: int = 0
    bases: int = 0
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def gather(project: Project, jobs: int | None = None, progress: bool | None = None):
    """Read, extract and resolve: the archive graph plus the problems met on the way."""
    register, problems = load_register(project.register_file, str(project.register_file))
    seeds, read_problems = read_seeds(project.seeds_dir)
    problems += read_problems
    cache = ExtractionCache(project.cache_file)
    extractions, extracted = extract_all(seeds, register, cache, jobs=jobs, progress=progress)
    resolved = resolve_archive(extractions)
    articles = [make_article(s.stem, resolved[s.stem], s.sidecar) for s in seeds]
    archive = enrich(build_archive(articles, register))
    return archive, register, problems, extracted


def build(project: Project = Project(), jobs: int | None = None, progress: bool | None = None) -> BuildResult:
    started = time.perf_counter()
    archive, _register, problems, extracted = gather(project, jobs=jobs, progress=progress)
    pages = render_site(archive) + render_exports(archive)
    report = write_pages(project.docs_dir, pages)
    return BuildResult(
        articles=len(archive.articles),
        extracted=extracted,
        actors=len(archive.actors),
        bases=len(archive.bases),
        written=report.written,
        removed=report.removed,
        unchanged=report.unchanged,
        problems=problems + report.problems,
        seconds=time.perf_counter() - started,
    )
