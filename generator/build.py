"""`build()`: seeds in, Markdown pages out, as a list of stages.

read → clean+extract (cached) → resolve → index → render → write.
Everything is gathered before anything is rendered, because the indexes
are a graph: an article page links to actors whose pages list articles.
"""
from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

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
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage, in order

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


# A long-lived process (the MkDocs hook under `mkdocs serve`) keeps the parsed
# register between builds while register.yml is unchanged (same size and mtime).
_registers: dict[Path, tuple[tuple, object, list]] = {}


def _load_register_cached(path: Path):
    try:
        st = path.stat()
        stamp = (st.st_size, st.st_mtime_ns)
    except OSError:
        stamp = None
    key = path.resolve()
    hit = _registers.get(key)
    if stamp is not None and hit and hit[0] == stamp:
        return hit[1], list(hit[2])
    register, problems = load_register(path, str(path))
    if stamp is not None:
        _registers.clear()
        _registers[key] = (stamp, register, list(problems))
    return register, problems


class _Stages:
    """Times each stage; a progress bar over the stages shows only when a build runs long on a terminal."""

    def __init__(self, progress: bool | None):
        self.seconds: dict[str, float] = {}
        self.bar = tqdm(total=5, desc="Building", unit="stage", leave=False, delay=2.0,
                        disable=None if progress is None else not progress,
                        bar_format="{desc}: {n}/{total} stages {bar} {elapsed}")

    @contextmanager
    def __call__(self, name: str):
        self.bar.set_description(f"Building ({name})", refresh=False)
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started
            self.bar.update()

    def close(self) -> None:
        self.bar.close()


def gather(project: Project, jobs: int | None = None, progress: bool | None = None, stages: _Stages | None = None):
    """Read, extract and resolve: the archive graph plus the problems met on the way."""
    stage = stages or _Stages(False)
    with stage("read"):
        register, problems = _load_register_cached(project.register_file)
        seeds, read_problems = read_seeds(project.seeds_dir)
        problems += read_problems
    with stage("extract"):
        cache = ExtractionCache(project.cache_file)
        extractions, extracted = extract_all(seeds, register, cache, jobs=jobs, progress=progress)
    with stage("index"):
        resolved = resolve_archive(extractions)
        articles = [make_article(s.stem, resolved[s.stem], s.sidecar) for s in seeds]
        archive = enrich(build_archive(articles, register))
    return archive, register, problems, extracted


def build(project: Project = Project(), jobs: int | None = None, progress: bool | None = None) -> BuildResult:
    started = time.perf_counter()
    stage = _Stages(progress)
    try:
        archive, _register, problems, extracted = gather(project, jobs=jobs, progress=progress, stages=stage)
        with stage("render"):
            pages = render_site(archive) + render_exports(archive)
        with stage("write"):
            report = write_pages(project.docs_dir, pages)
    finally:
        stage.close()
    if os.environ.get("BRIEFING_TIMINGS"):  # for benchmarks/ and profiling: one line on stderr
        print("briefing timings: " + ", ".join(f"{k} {v:.2f}s" for k, v in stage.seconds.items())
              + f"; {len(archive.articles)} articles, {extracted} extracted, {len(pages)} pages", file=sys.stderr)
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
        stages=stage.seconds,
    )
