"""`build()`: the pipeline (generator/pipeline.py) with the speed-ups on, written into the docs dir.

    build = lock → nothing changed? stop → pipeline.run(faster steps) → write → stamp

`prepare` and `write` are the two halves, for the MkDocs hook under `mkdocs serve`, which renders
outside the lock it holds while MkDocs builds; `write` leaves the stamp of a complete build (or
forgets it), whoever calls it, and `unchanged` reads it. Every speed-up is switched by one setting
(generator/settings.py); with all of them off, this is the plain pipeline and then the writer.
"""
from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import Callable

from tqdm import tqdm

# tqdm's monitor thread only retunes refresh rates; without it a build runs no thread of its
# own, so large renders can fork their workers (see speed/pools.py).
tqdm.monitor_interval = 0

from generator import pipeline, settings, speed  # noqa: E402
from generator.cores import cores  # noqa: E402
from generator.models import Archive, Page  # noqa: E402
from generator.problems import Problem  # noqa: E402
from generator.project import Project, ProjectError, require_seeds  # noqa: E402
from generator.speed import memo, reserve  # noqa: E402
from generator.speed.digest_cache import DigestCache  # noqa: E402
from generator.speed.freshness import (REGISTER_ROW, Inputs, Stamp, changed_inputs,  # noqa: E402
                                       input_rows, inputs_digest, outputs_digest, running_code_on_disk,
                                       trustworthy)
from generator.speed.collector import gc_paused_if  # noqa: E402
from generator.write import JOURNAL, OWNED_TREE, WriteError, generated_files, write_pages  # noqa: E402
from generator.write.lock import lock_file, project_lock  # noqa: E402

__all__ = ["BuildResult", "Plan", "Project", "ProjectError", "Superseded", "build", "gather", "lock_file",
           "prepare", "project_lock", "require_seeds", "unchanged", "warm_up", "write"]


class Superseded(Exception):
    """A build that gave way to a newer edit between two stages (see `prepare`'s `give_way`)."""


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
    """Times each stage; a progress bar over the stages shows only when a build runs long on a terminal.
    Before each stage, `give_way()` (when given) may stop the build: it raises `Superseded`."""

    def __init__(self, progress: bool | None, give_way: Callable[[], bool] | None = None):
        self.seconds: dict[str, float] = {}
        self.give_way = give_way
        self.bar = tqdm(total=5, desc="Building", unit="stage", leave=False, delay=2.0,
                        disable=None if progress is None else not progress,
                        bar_format="{desc}: {n}/{total} stages {bar} {elapsed}")

    @contextmanager
    def __call__(self, name: str):
        if self.give_way is not None and self.give_way():
            raise Superseded(f"stopped before the {name} stage")
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


def warm_up(project: Project, give_way: Callable[[], bool] | None = None) -> None:
    """Read, extract and index the archive in this long-lived process, rendering and writing nothing:
    what a serving process keeps between passes (each article's word counts and places, the seeds
    read, the extractor's data) is then at hand for the first edit's quick pass, as after any full
    pass. For a server that read the last build's archive back instead of generating it: its first
    edit found none of it and made the whole archive's events, counted every article's words and
    loaded the extractor's data. No related coverage is found (the quick pass finds its own), so
    an edit saved meanwhile waits less for the index stage; `give_way`, asked before each stage,
    stops it (`Superseded`). The caches that save as they go (a large batch of new extractions, a
    document's reading) may save; the others are left to the passes that follow."""
    config = settings.current()
    steps = speed.steps(project, config, long_lived=True)
    steps = replace(steps, related=_no_related, vectors=memo.word_vectors(steps.vectors.terms, fill=False))
    stage = _Stages(False, give_way)
    try:
        with gc_paused_if(config.pause_gc, freeze=True):
            pipeline.run(project, steps, stage, render=False)
    finally:
        stage.close()


def _no_related(articles, shared_statements, vectors=None, meanwhile=None) -> dict:
    """A related-coverage step that finds none, running the rest of the index stage handed to it."""
    if meanwhile is not None:
        meanwhile()
    return {}


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
    inputs: Inputs | None = None  # what the build read, by stat, taken before it read anything (None: no stamp)
    started_ns: int = 0  # wall clock when it began, for `trustworthy`
    unkept: pipeline.Steps | None = None  # steps whose caches are still to be saved (prepare(keep=False))
    files_ahead: reserve.Reserve | None = None  # empty files being made for the pages (speed/reserve.py)


def prepare(project: Project = Project(), jobs: int | None = None, progress: bool | None = None,
            quick: bool = False, give_way: Callable[[], bool] | None = None, long_lived: bool = False,
            keep: bool = True, inputs: Inputs | None = None) -> Plan:
    """Read, extract, index and render: every page of the build, nothing written yet.

    `long_lived`: this process builds again (`mkdocs serve`): it keeps what saves the next build work
    (each article's word counts), which a one-off build would only hold in memory until it ends.

    With `quick`, and when this process wrote the docs dir before (see `write(remember=True)`),
    a small edit re-renders only the pages it touches directly (`Plan.partial`); a full
    `prepare` should follow. `give_way`, asked before each stage, stops the build when it says
    so (`Superseded`): under `mkdocs serve`, the full pass after a quick one gives way to a newer
    edit, whose quick pass then runs at once instead of after the rest of the archive. Without
    `keep`, the caches a complete plan's steps learned are saved by whoever writes it (`Plan.unkept`).
    `inputs`: the inputs' stat digest, when the caller took it just now (the MkDocs hook takes it to
    tell whether to build at all: at 10,000 articles each digest is 0.3 to 1 s of stat calls).
    """
    started, started_ns, config = time.perf_counter(), time.time_ns(), settings.current()
    if not config.stamp:
        inputs = None
    elif inputs is None:
        inputs = inputs_digest(project.seeds_dir, project.register_file, project.docs_dir)
    else:
        started_ns = min(started_ns, inputs.taken_ns)  # the build began when its inputs were taken
    stage = _Stages(progress, give_way)
    steps = speed.steps(project, config, jobs=jobs, progress=progress, quick=quick, long_lived=long_lived)
    files = None  # a first build's page files, made ahead while a core idles (a one-off build's only)
    if config.files_ahead and not long_lived and not quick and cores(jobs or config.jobs) > 1:
        files = reserve.start(project.docs_dir, project.seeds_dir, config.reserve_min)
    try:
        with gc_paused_if(config.pause_gc, freeze=long_lived):
            out = pipeline.run(project, steps, stage)
        partial = bool(getattr(steps.render, "partial", False))
        if not partial and keep:  # a quick pass: the full one that follows keeps what both learned
            speed.keep(steps)
    except BaseException:
        stage.close()
        if files is not None:
            files.stop()
            reserve.discard(project.docs_dir)
        speed.settle(steps)
        raise
    return Plan(project, out.archive, out.pages, out.problems, out.extracted, partial, started, stage,
                inputs, started_ns, unkept=steps if not partial and not keep else None, files_ahead=files)


def write(plan: Plan, remember: bool = False) -> BuildResult:
    """Write a prepared build into the docs dir (only the pages whose text changed); leave the stamp
    of a complete build, or forget the last one (see `_leave_stamp`)."""
    stage, archive, pages, config = plan.stages, plan.archive, plan.pages, settings.current()
    stage.give_way = None  # rendered is written: a newer edit's inputs differ from these, so it runs next
    digests = DigestCache.of(plan.project) if config.cache else None
    try:
        with project_lock(plan.project), stage("write"), gc_paused_if(config.pause_gc, freeze=remember):
            if digests is not None:
                digests.load()
            # a quick pass writes only what it changed; the full pass after it compares every page
            written = memo.changed_since_written(plan.project.docs_dir, pages) if plan.partial else pages
            empty_files = plan.files_ahead.take() if plan.files_ahead is not None else ()
            report = write_pages(plan.project.docs_dir, written, partial=plan.partial, empty_files=empty_files)
            report.unchanged += len(pages) - len(written)
            if digests is not None:
                digests.save([page.path for page in pages])
    except WriteError as exc:  # read-only or full: one line, no traceback
        raise ProjectError(str(exc)) from None
    finally:
        stage.close()
        if plan.files_ahead is not None:
            plan.files_ahead.stop()
        reserve.discard(plan.project.docs_dir)  # the files the pages did not take, or a killed build's
    if not plan.partial:
        _say_written(config.pages_written_fd)
    if remember:
        memo.remember(plan.project.docs_dir, archive, pages)
    else:
        memo.forget(plan.project.docs_dir)
    if config.timings:  # for benchmarks/ and profiling: one line on stderr
        print("briefing timings: " + ", ".join(f"{k} {v:.2f}s" for k, v in stage.seconds.items())
              + f"; {len(archive.articles)} articles, {plan.extracted} extracted, {len(pages)} pages"
              + (" (quick)" if plan.partial else ""), file=sys.stderr)
    result = BuildResult(
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
    if plan.inputs is not None:
        left = _leave_stamp(plan, result)
        # the next server starts from these (a `make site`'s too: MkDocs builds its pages meanwhile,
        # _say_written); without them it would run the whole generator to hold the archive
        if left is not None and config.cache:
            memo.keep_on_disk(_memo_file(plan.project), *left, archive,
                              input_rows(plan.project.seeds_dir, plan.project.register_file))
    return result


def _say_written(fd: int) -> None:
    """Tell scripts/build_site.py that every page is in the docs dir (BRIEFING_PAGES_WRITTEN_FD), once:
    MkDocs starts on them while this process saves its caches and stamp."""
    if fd < 0:
        return
    os.environ.pop("BRIEFING_PAGES_WRITTEN_FD", None)  # a later build of this process says nothing
    try:
        os.write(fd, b"written\n")
    except OSError:  # build_site.py is gone: nobody waits
        pass
    finally:
        try:
            os.close(fd)
        except OSError:
            pass


def _memo_file(project: Project):
    return project.cache_file.with_name("serve-memo.pickle")


def remember_last_build(project: Project, inputs_now: str, seeds_changed: int = 0) -> bool:
    """Under `mkdocs serve`: keep the archive of the last complete build in memory as
    `write(remember=True)` did (memo.restore), without running the generator. When nothing changed
    since (the stamp's inputs digest is `inputs_now`, the docs dir is as it left it); with
    `seeds_changed`, also when at most that many seed files and not the register changed since
    that build (the caller's quick pass brings them in): the docs dir as that build left it, or
    with only quick passes since (no stamp: a server stopped before their rest was written).
    False when that cannot be done (the caller generates)."""
    require_seeds(project)
    if not settings.current().cache:  # BRIEFING_CACHE=0: the archive is generated again
        return False
    docs = project.docs_dir
    with project_lock(project):
        if (docs / JOURNAL).exists():  # a write to finish
            return False
        stamp = Stamp(project.stamp_file)

        def outputs() -> str:
            return outputs_digest(docs, generated_files(docs), OWNED_TREE)

        last = stamp.matches(inputs_now, outputs)
        if last is not None:
            return memo.restore(docs, _memo_file(project), (last["inputs"], last["outputs"]))
        if not seeds_changed:
            return False
        last = stamp.load()
        if last is not None and last.get("outputs") != outputs():
            return False  # pages changed since that build

        def few_seeds_changed(rows: dict[str, str]) -> set[str] | None:
            changed = changed_inputs(rows, input_rows(project.seeds_dir, project.register_file))
            if not 0 < len(changed) <= seeds_changed or REGISTER_ROW in changed:
                return None
            return {PurePath(name).stem for name in changed}  # an article's text, or its sidecar

        made_by = None if last is None else (last.get("inputs"), last.get("outputs"))
        return memo.restore(docs, _memo_file(project), made_by, few_seeds_changed)


def _leave_stamp(plan: Plan, result: BuildResult) -> tuple[str, str] | None:
    """Stamp a complete build, so the next one with nothing changed stops after stat calls.

    No stamp (and the last one forgotten) after a quick pass (the rest of the archive is not
    written yet), when the writer kept a file it would have replaced (the file's fate is not in
    the digests), when an input changed in the clock tick before the build began, or when the
    generator's code on disk is no longer the code this process runs (a long-lived `mkdocs serve`).
    Returns the digests of the inputs and outputs it stamped, or None.
    """
    stamp, docs = Stamp(plan.project.stamp_file), plan.project.docs_dir
    refused = len(result.problems) > len(plan.problems)
    if (result.partial or refused or not trustworthy(plan.inputs, plan.started_ns)
            or not running_code_on_disk()):
        stamp.forget()
        return None
    summary = {"articles": result.articles, "actors": result.actors, "bases": result.bases,
               "pages": len(result.written) + result.unchanged}
    outputs = outputs_digest(docs, generated_files(docs), OWNED_TREE)
    stamp.save(plan.inputs.digest, outputs, summary, result.problems)
    return plan.inputs.digest, outputs


def build(project: Project = Project(), jobs: int | None = None, progress: bool | None = None,
          quick: bool = False, remember: bool = False, inputs: Inputs | None = None) -> BuildResult:
    """The whole build: `prepare` then `write`. `quick`/`remember`/`inputs`: see `prepare` (for `mkdocs serve`).

    When nothing has changed since the last complete build (see freshness.py), it stops after a
    few stat calls and reports that build's problems again; `remember` (the hook under `mkdocs
    serve`, which keeps the rendered pages in memory) always runs in full.
    """
    require_seeds(project)
    with project_lock(project):
        if not remember:
            last = _unchanged_since_stamp(project)
            if last is not None:
                return last
        # One pause of the collector from the first stage to the last cache: resumed between them, its
        # first pass would go over every object the build made (0.3 s at 10,000 articles, before writing)
        with gc_paused_if(settings.current().pause_gc, freeze=remember):
            plan = prepare(project, jobs=jobs, progress=progress, quick=quick, long_lived=remember, keep=False,
                           inputs=inputs)
            try:
                return write(plan, remember=remember)
            finally:  # after the pages: MkDocs may be building them meanwhile (_say_written)
                if plan.unkept is not None:
                    speed.keep(plan.unkept)


def unchanged(project: Project) -> BuildResult | None:
    """The last complete build's summary and problems when nothing has changed since (stat calls
    only), else None: what `build` would report without building."""
    require_seeds(project)
    with project_lock(project):
        return _unchanged_since_stamp(project)


def _unchanged_since_stamp(project: Project) -> BuildResult | None:
    """The stamp's report when inputs and outputs are as the last complete build left them."""
    started = time.perf_counter()
    docs = project.docs_dir
    if not settings.current().stamp or (docs / JOURNAL).exists():  # BRIEFING_STAMP=0, or a write to finish
        return None
    inputs = inputs_digest(project.seeds_dir, project.register_file, docs)
    last = Stamp(project.stamp_file).matches(inputs.digest,
                                             lambda: outputs_digest(docs, generated_files(docs), OWNED_TREE))
    return None if last is None else _unchanged(last, started)


def _unchanged(last: dict, started: float) -> BuildResult:
    seconds = time.perf_counter() - started
    if settings.current().timings:
        print(f"briefing timings: check {seconds:.2f}s; {last.get('articles', 0)} articles, 0 extracted, "
              "nothing changed since the last build", file=sys.stderr)
    return BuildResult(articles=last.get("articles", 0), extracted=0, actors=last.get("actors", 0),
                       bases=last.get("bases", 0), unchanged=last.get("pages", 0),
                       problems=Stamp.problems(last), seconds=seconds, stages={"check": seconds})
