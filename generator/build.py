"""`build()`: seeds in, Markdown pages out, as a list of stages.

read → clean+extract (cached) → resolve → index → render → write.
Everything is gathered before anything is rendered, because the indexes
are a graph: an article page links to actors whose pages list articles.
"""
from __future__ import annotations

import errno
import fcntl
import gc
import os
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

# tqdm's monitor thread only retunes refresh rates; without it a build runs no thread of its
# own, so large renders can fork their workers (see render_pages).
tqdm.monitor_interval = 0

from generator.index.archive import build_archive, cap_new_entities, make_article
from generator.extract.corrections import apply_all
from generator.render.exports import render_exports
from generator.speed.extraction_cache import ExtractionCache, extract_all
from generator.index.insights import enrich
from generator.problems import Problem
from generator.read.seeds import file_label, metadata_problems, read_seeds
from generator.read.register import load_register
from generator.render.pages import Page, render_article, render_site
from generator.index.resolve import resolve_archive
from generator.speed.freshness import Stamp, inputs_digest, outputs_digest, trustworthy
from generator.write.journal import JOURNAL, OWNED_TREE, WriteError, generated_files, write_pages


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

    @property
    def stamp_file(self) -> Path:
        return self.cache_file.with_name("last-build.json")


class ProjectError(Exception):
    """The project is not where the build looked: nothing was read or written. One line."""


def require_seeds(project: Project) -> None:
    """Stop before writing anything when there is no seeds folder (run from the wrong directory).

    Without this, a build anywhere wrote an empty archive there (content/, .cache/) and said so
    as if all went well.
    """
    seeds = project.seeds_dir
    if seeds.is_dir():
        return
    where = seeds.resolve()
    if project.seeds is None:
        raise ProjectError(f"no seeds/ folder in {where.parent}: run this in the project folder "
                           "(the one with seeds/ and mkdocs.yml) or pass --root DIR; nothing was written")
    raise ProjectError(f"no seeds folder at {where}: nothing was written")


LOCK_WAIT = float(os.environ.get("BRIEFING_LOCK_WAIT", "900"))  # seconds a build waits for another
_held = threading.local()  # lock files this thread holds, with their depth (build() calls write())


def lock_file(project: Project) -> Path:
    """The project's build lock, next to its cache: one build at a time writes into content/."""
    return project.cache_file.parent / "build.lock"


@contextmanager
def project_lock(project: Project, wait: float | None = None):
    """Hold the project's build lock (fcntl.flock) for the block: a second build, in another process
    or thread, waits for the first (saying so once on stderr), so content/ is never a mix of two
    builds; after `wait` seconds it stops with a one-line ProjectError. Re-entrant in one thread."""
    path = lock_file(project)
    key = str(path.resolve())
    depth = getattr(_held, "depth", None)
    if depth is None:
        depth = _held.depth = {}
    if depth.get(key):
        depth[key] += 1
        try:
            yield
        finally:
            depth[key] -= 1
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise ProjectError(f"{path}: cannot create the build lock: {exc.strerror or exc}; nothing was written") from None
    try:
        _acquire(fd, path, LOCK_WAIT if wait is None else wait)
        depth[key] = 1
        try:
            yield
        finally:
            depth[key] = 0
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _acquire(fd: int, path: Path, wait: float) -> None:
    deadline, told = time.monotonic() + wait, False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise ProjectError(f"{path}: cannot lock: {exc.strerror or exc}; nothing was written") from None
        if time.monotonic() >= deadline:
            raise ProjectError(f"{path}: another build of this project is still running after {wait:.0f}s; "
                               "stopped, nothing was written (run the build again when it has finished)")
        if not told:
            print(f"briefing: another build of this project is running ({path}); waiting for it to finish",
                  file=sys.stderr)
            told = True
        time.sleep(0.05)


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
    partial: bool = False  # a quick build: only the pages the edit touched directly were re-rendered

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
    require_seeds(project)
    stage = stages or _Stages(False)
    with stage("read"):
        register, problems = _load_register_cached(project.register_file)
        seeds, read_problems = read_seeds(project.seeds_dir)
        problems += read_problems
    with stage("extract"):
        cache = ExtractionCache(project.cache_file)
        extractions, extracted = extract_all(seeds, register, cache, jobs=jobs, progress=progress)
        extractions, correction_problems = apply_all(seeds, extractions, register)  # the sidecars' corrections
    problems += correction_problems + metadata_problems(seeds, extractions)
    with stage("index"):
        resolved = resolve_archive(extractions)
        resolved, cap_problems = cap_new_entities(resolved, {s.stem: file_label(s.path) for s in seeds})
        problems += cap_problems
        articles = [make_article(s.stem, resolved[s.stem], s.sidecar) for s in seeds]
        archive = enrich(build_archive(articles, register))
    return archive, register, problems, extracted


PARALLEL_RENDER_MIN = 400  # articles; below this a second process costs more than it saves
_shared_archive = None  # the archive, inherited by forked render workers


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _render_share(share: int, shares: int) -> list[tuple[str, str]]:
    """In a forked worker: this worker's part of render_site()."""
    return [(p.path, p.text) for p in render_site(_shared_archive, share=(share, shares))]


def render_pages(archive, jobs: int | None = None) -> list[Page]:
    """render_site(archive), spread over the cores for large archives.

    Workers are forked so they share the archive without pickling it; that
    is safe only when this process runs no other thread (not under `mkdocs
    serve`, whose rebuilds then render in one process).
    """
    global _shared_archive
    jobs = min(jobs or _cores(), 8)
    if (jobs < 2 or len(archive.articles) < PARALLEL_RENDER_MIN or threading.active_count() > 1
            or not hasattr(os, "fork")):
        return render_site(archive)
    _shared_archive = archive
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("fork")) as pool:
            parts = list(pool.map(_render_share, range(jobs), [jobs] * jobs))
    finally:
        _shared_archive = None
    pages = {path: text for part in parts for path, text in part}
    return sorted((Page(path, text) for path, text in pages.items()), key=lambda p: p.path)


QUICK_MAX_CHANGED = 20  # articles; a larger change is rendered in full at once


@dataclass
class _Memo:
    """What a long-lived process (the hook under `mkdocs serve`) last wrote into one docs dir."""

    articles: dict  # stem -> Article
    pages: dict[str, str]  # path -> text, every page written


_memos: dict[Path, _Memo] = {}


@dataclass
class Plan:
    """A build's pages, computed but not yet written (see `prepare` and `write`)."""

    project: Project
    archive: object
    pages: list[Page]
    problems: list[Problem]
    extracted: int
    partial: bool  # True: only the pages an edit touched were rendered; a full plan should follow
    started: float
    stages: _Stages


def _quick_pages(archive, memo: _Memo) -> list[Page] | None:
    """Re-render only the edited articles' own pages; every other page keeps its last text.

    The pages that depend on the edit less directly (its actors' and bases'
    pages, the indexes, other articles' "related coverage", the exports)
    are brought up to date by the full render that follows a moment later;
    this is what lets `mkdocs serve` show an edited article within a couple
    of seconds. An article whose title changed gets its new page at once;
    its old page stays until the full render, so no link breaks meanwhile.
    """
    new = {a.stem: a for a in archive.articles}
    changed = [s for s in sorted(new.keys() | memo.articles.keys()) if new.get(s) != memo.articles.get(s)]
    if not changed or len(changed) > QUICK_MAX_CHANGED:
        return None
    pages = dict(memo.pages)
    for stem in changed:
        if stem in new:
            page = render_article(new[stem], archive)
            pages[page.path] = page.text
    return [Page(path, text) for path, text in sorted(pages.items())]


def prepare(project: Project = Project(), jobs: int | None = None, progress: bool | None = None,
            quick: bool = False) -> Plan:
    """Read, extract, index and render: every page of the build, nothing written yet.

    With `quick`, and when this process wrote the docs dir before (see
    `write(remember=True)`), a small edit re-renders only the pages it
    touches directly (`Plan.partial`); a full `prepare` should follow.
    """
    started = time.perf_counter()
    stage = _Stages(progress)
    with _no_gc():
        return _prepare(project, jobs, progress, quick, started, stage)


@contextmanager
def _no_gc():
    """The build allocates millions of objects and frees few: the cyclic collector's passes over a
    large heap (a `mkdocs serve` process holds the whole site) cost more than they reclaim."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _prepare(project: Project, jobs, progress, quick: bool, started: float, stage: _Stages) -> Plan:
    partial = False
    try:
        archive, _register, problems, extracted = gather(project, jobs=jobs, progress=progress, stages=stage)
        with stage("render"):
            memo = _memos.get(project.docs_dir.resolve()) if quick else None
            pages = _quick_pages(archive, memo) if memo else None
            if pages is not None:
                partial = True
            else:
                pages = render_pages(archive, jobs) + render_exports(archive)
    except BaseException:
        stage.close()
        raise
    return Plan(project, archive, pages, problems, extracted, partial, started, stage)


def write(plan: Plan, remember: bool = False) -> BuildResult:
    """Write a prepared build into the docs dir (only the pages whose text changed)."""
    stage, archive, pages = plan.stages, plan.archive, plan.pages
    try:
        with project_lock(plan.project), stage("write"), _no_gc():
            report = write_pages(plan.project.docs_dir, pages)
    except WriteError as exc:  # read-only or full: one line, no traceback
        raise ProjectError(str(exc)) from None
    finally:
        stage.close()
    key = plan.project.docs_dir.resolve()
    if remember:
        _memos[key] = _Memo({a.stem: a for a in archive.articles}, {p.path: p.text for p in pages})
    else:
        _memos.pop(key, None)
    if os.environ.get("BRIEFING_TIMINGS"):  # for benchmarks/ and profiling: one line on stderr
        print("briefing timings: " + ", ".join(f"{k} {v:.2f}s" for k, v in stage.seconds.items())
              + f"; {len(archive.articles)} articles, {plan.extracted} extracted, {len(pages)} pages"
              + (" (quick)" if plan.partial else ""), file=sys.stderr)
    return BuildResult(
        articles=len(archive.articles),
        extracted=plan.extracted,
        actors=len(archive.actors),
        bases=len(archive.bases),
        written=report.written,
        removed=report.removed,
        unchanged=report.unchanged,
        problems=plan.problems + report.problems,
        seconds=time.perf_counter() - plan.started,
        stages=stage.seconds,
        partial=plan.partial,
    )


def build(project: Project = Project(), jobs: int | None = None, progress: bool | None = None,
          quick: bool = False, remember: bool = False) -> BuildResult:
    """The whole build: `prepare` then `write`. `quick`/`remember`: see `prepare` (for `mkdocs serve`).

    When nothing has changed since the last complete build (see freshness.py), it stops after a
    few stat calls and reports that build's problems again; `remember` (the hook under `mkdocs
    serve`, which keeps the rendered pages in memory) always runs in full and leaves no stamp.
    """
    require_seeds(project)
    with project_lock(project):
        return _build(project, jobs, progress, quick, remember)


def _build(project: Project, jobs, progress, quick: bool, remember: bool) -> BuildResult:
    started, started_ns = time.perf_counter(), time.time_ns()
    docs, stamp = project.docs_dir, Stamp(project.stamp_file)
    inputs = inputs_digest(project.seeds_dir, project.register_file, docs)
    if not remember and not (docs / JOURNAL).exists():
        last = stamp.matches(inputs.digest, outputs_digest(docs, generated_files(docs), OWNED_TREE))
        if last is not None:
            return _unchanged(last, started)
    plan = prepare(project, jobs=jobs, progress=progress, quick=quick)
    result = write(plan, remember=remember)
    refused = len(result.problems) > len(plan.problems)  # the writer kept a file it would have replaced
    if result.partial or remember or refused or not trustworthy(inputs, started_ns):
        stamp.forget()
    else:
        summary = {"articles": result.articles, "actors": result.actors, "bases": result.bases,
                   "pages": len(result.written) + result.unchanged}
        stamp.save(inputs.digest, outputs_digest(docs, generated_files(docs), OWNED_TREE), summary,
                   result.problems)
    return result


def _unchanged(last: dict, started: float) -> BuildResult:
    seconds = time.perf_counter() - started
    if os.environ.get("BRIEFING_TIMINGS"):
        print(f"briefing timings: check {seconds:.2f}s; {last.get('articles', 0)} articles, 0 extracted, "
              "nothing changed since the last build", file=sys.stderr)
    return BuildResult(articles=last.get("articles", 0), extracted=0, actors=last.get("actors", 0),
                       bases=last.get("bases", 0), unchanged=last.get("pages", 0),
                       problems=Stamp.problems(last), seconds=seconds, stages={"check": seconds})
