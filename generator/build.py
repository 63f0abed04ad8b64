"""`build()`: the pipeline (generator/pipeline.py) with the speed-ups on, written into the docs dir.

    build = lock → nothing changed? stop → pipeline.run(faster steps) → write → stamp

`prepare` and `write` are the two halves, for the MkDocs hook under `mkdocs serve`, which renders
outside the lock it holds while MkDocs builds. Every speed-up is switched by one setting
(generator/settings.py); with all of them off, this is the plain pipeline and then the writer.
"""
from __future__ import annotations

import sys
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field

from tqdm import tqdm

# tqdm's monitor thread only retunes refresh rates; without it a build runs no thread of its
# own, so large renders can fork their workers (see speed/pools.py).
tqdm.monitor_interval = 0

from generator import pipeline, settings, speed  # noqa: E402
from generator.models import Archive, Page  # noqa: E402
from generator.problems import Problem  # noqa: E402
from generator.project import Project, ProjectError, require_seeds  # noqa: E402
from generator.speed import memo  # noqa: E402
from generator.speed.digest_cache import DigestCache  # noqa: E402
from generator.speed.freshness import Stamp, inputs_digest, outputs_digest, trustworthy  # noqa: E402
from generator.speed.pools import gc_paused  # noqa: E402
from generator.write import JOURNAL, OWNED_TREE, WriteError, generated_files, write_pages  # noqa: E402
from generator.write.lock import lock_file, project_lock  # noqa: E402

__all__ = ["BuildResult", "Plan", "Project", "ProjectError", "build", "gather", "lock_file", "prepare",
           "project_lock", "require_seeds", "write"]


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


def gather(project: Project, progress: bool | None = None) -> pipeline.Output:
    """Read, extract and index, with the speed-ups; no page rendered."""
    return pipeline.run(project, speed.steps(project, settings.current(), progress=progress), render=False)


@dataclass
class Plan:
    """A build's pages, computed but not yet written (see `prepare` and `write`)."""

    project: Project
    archive: Archive
    pages: list[Page]
    problems: list[Problem]
    extracted: int
    partial: bool  # True: only the pages an edit touched were rendered; a full plan should follow
    started: float
    stages: _Stages


def _paused(config: settings.Settings):
    return gc_paused() if config.pause_gc else nullcontext()


def prepare(project: Project = Project(), jobs: int | None = None, progress: bool | None = None,
            quick: bool = False) -> Plan:
    """Read, extract, index and render: every page of the build, nothing written yet.

    With `quick`, and when this process wrote the docs dir before (see `write(remember=True)`),
    a small edit re-renders only the pages it touches directly (`Plan.partial`); a full
    `prepare` should follow.
    """
    started, config = time.perf_counter(), settings.current()
    stage = _Stages(progress)
    steps = speed.steps(project, config, jobs=jobs, progress=progress, quick=quick)
    try:
        with _paused(config):
            out = pipeline.run(project, steps, stage)
        speed.keep(steps)
    except BaseException:
        stage.close()
        raise
    partial = bool(getattr(steps.render, "partial", False))
    return Plan(project, out.archive, out.pages, out.problems, out.extracted, partial, started, stage)


def write(plan: Plan, remember: bool = False) -> BuildResult:
    """Write a prepared build into the docs dir (only the pages whose text changed)."""
    stage, archive, pages, config = plan.stages, plan.archive, plan.pages, settings.current()
    digests = DigestCache(plan.project.cache_file.with_name("page-digests.pickle"), plan.project.docs_dir) \
        if config.cache else None
    try:
        with project_lock(plan.project), stage("write"), _paused(config):
            if digests is not None:
                digests.load()
            report = write_pages(plan.project.docs_dir, pages)
            if digests is not None:
                digests.save([page.path for page in pages])
    except WriteError as exc:  # read-only or full: one line, no traceback
        raise ProjectError(str(exc)) from None
    finally:
        stage.close()
    if remember:
        memo.remember(plan.project.docs_dir, archive, pages)
    else:
        memo.forget(plan.project.docs_dir)
    if config.timings:  # for benchmarks/ and profiling: one line on stderr
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
    if not settings.current().stamp:  # BRIEFING_STAMP=0: always build, leave no stamp
        return write(prepare(project, jobs=jobs, progress=progress, quick=quick), remember=remember)
    docs, stamp = project.docs_dir, Stamp(project.stamp_file)
    inputs = inputs_digest(project.seeds_dir, project.register_file, docs)
    if not remember and not (docs / JOURNAL).exists():
        last = stamp.matches(inputs.digest, lambda: outputs_digest(docs, generated_files(docs), OWNED_TREE))
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
    if settings.current().timings:
        print(f"briefing timings: check {seconds:.2f}s; {last.get('articles', 0)} articles, 0 extracted, "
              "nothing changed since the last build", file=sys.stderr)
    return BuildResult(articles=last.get("articles", 0), extracted=0, actors=last.get("actors", 0),
                       bases=last.get("bases", 0), unchanged=last.get("pages", 0),
                       problems=Stamp.problems(last), seconds=seconds, stages={"check": seconds})
