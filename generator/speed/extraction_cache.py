"""Extract every article, reusing earlier results when nothing they depend on changed.

A result is keyed by the article's bytes, its sidecar hints, the register
and the extractor's own source code, so an unchanged archive does no
extraction at all and an edited seed re-extracts only itself. Large
batches are spread over a process pool.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tqdm import tqdm

from generator.extract import extract, hints_for, load_tables
from generator.speed.freshness import code_fingerprint, file_stamp, page_libraries
from generator.models import Extraction, Hints, SeedFile
from generator.read.register import Register
from generator import settings
from generator.cores import cores, may_fork
from generator.write.journal import atomic_write

# tqdm's monitor thread only retunes refresh rates; a process running a thread forks no render or
# statement workers (pools.py), so none is started (build.py says the same for its own bar).
tqdm.monitor_interval = 0
_PACKAGE = Path(__file__).resolve().parent.parent  # the generator package


def extractor_fingerprint() -> str:
    """Hash of the code and data extraction depends on: editing them invalidates the cache.

    A long-lived process (the MkDocs hook under `mkdocs serve`) re-reads
    the files only when one of them changed (name, size or mtime).
    """
    # read/webpage.py and read/scraped.py turn a page's or a record's bytes (the digest the cache
    # is keyed on) into the text extracted from, with the libraries they call.
    sources = [*(_PACKAGE / "extract").rglob("*"), *(_PACKAGE / "data").rglob("*"), _PACKAGE / "names.py",
               _PACKAGE / "models.py", _PACKAGE / "read" / "webpage.py", _PACKAGE / "read" / "scraped.py"]
    paths = [p for p in sorted(sources)
             if p.suffix in {".py", ".yml", ".yaml", ".txt", ".json"} and p.is_file()]
    return code_fingerprint(paths) + "|" + page_libraries()


def cache_key(seed: SeedFile, register: Register, code: str) -> str:
    hints = hints_for(seed)
    parts = (seed.digest, str(hints.title), str(hints.date), register.fingerprint, code)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


_worker_register: Register | None = None


def _init_worker(register: Register) -> None:
    global _worker_register
    _worker_register = register


def _extract_in_worker(job: tuple[str, Hints]) -> Extraction:
    assert _worker_register is not None
    return extract(job[0], _worker_register, job[1])


# The cache file last read or written by this process, so a long-lived process
# (the hook under `mkdocs serve`) does not unpickle it again on every rebuild.
_in_memory: dict[Path, tuple[tuple, dict]] = {}


class ExtractionCache:
    def __init__(self, path: Path | None):
        self.path = path
        self.entries: dict[str, Extraction] = {}
        self.saving: int | None = None  # the process save_aside forked, until waited for
        if not path:
            return
        stamp = file_stamp(path)
        held = _in_memory.get(path)
        if stamp is not None and held and held[0] == stamp:
            self.entries = held[1]
            return
        if stamp is not None:
            try:
                with open(path, "rb") as fh:
                    self.entries = pickle.load(fh)
            except Exception:  # a corrupt or outdated cache is only a slower build
                self.entries = {}
            if not isinstance(self.entries, dict):
                self.entries = {}
            _in_memory.clear()
            _in_memory[path] = (stamp, self.entries)

    def save(self, used: dict[str, Extraction]) -> None:
        if not self.path or used == self.entries:
            return
        self.wait()  # one writer at a time
        try:
            _write(self.path, used)
        except OSError:  # a cache that cannot be written (a full disk, a read-only .cache) only slows the next build
            return
        self.entries = used
        _in_memory.clear()
        stamp = file_stamp(self.path)
        if stamp is not None:
            _in_memory[self.path] = (stamp, used)

    def save_aside(self, used: dict[str, Extraction]) -> None:
        """`save`, in a forked process while this one goes on (`wait` waits for it): a one-off build
        resolves the archive meanwhile instead of waiting for the pickle (0.35 s of one core at 10,000
        articles, while the other idled). In this process when none may be forked (a thread runs:
        `mkdocs serve`), or none could be."""
        if not self.path or used == self.entries:
            return
        self.wait()
        pid = _forked(lambda: _write(self.path, used))
        if pid is None:
            self.save(used)
            return
        self.saving, self.entries = pid, used  # this process keeps no in-memory copy: it ends after its build

    def wait(self) -> None:
        """Until the process `save_aside` forked has written the cache, or failed to (only a slower
        next build)."""
        pid, self.saving = self.saving, None
        if pid is not None:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass


def _write(path: Path, used: dict[str, Extraction]) -> None:
    atomic_write(path, pickle.dumps(used, protocol=pickle.HIGHEST_PROTOCOL))


def _forked(work) -> int | None:
    """The pid of a forked process that runs `work` and ends (status 1 when it failed), or None
    (this process runs another thread, or no process could be had). The process lets go of the pipe
    on which this build says that its pages are written (build_site.py reads it to its end)."""
    if not may_fork(2):
        return None
    try:
        pid = os.fork()
    except OSError:
        return None
    if pid:
        return pid
    status = 1
    try:
        written_fd = settings.current().pages_written_fd
        if written_fd >= 0:
            os.close(written_fd)
        work()
        status = 0
    finally:
        os._exit(status)


SAVE_AT_ONCE = 200  # articles extracted: a build that fails later keeps them (a day's few wait for speed.keep)


def cached_extraction(cache_file: Path | None, jobs: int = 0, pool_min: int = 200, progress: bool | None = None,
                      deferred: bool = False):
    """An extract step for the pipeline, in place of `extract_each`: results reused from `cache_file`
    (None: no cache), the rest extracted on `jobs` processes once there are `pool_min` of them.

    The cache is saved when `speed.keep` calls the step's `save`: after the pages are written, so
    that MkDocs need not wait for it (0.4 s at 10,000 articles). A long extraction (SAVE_AT_ONCE
    articles or more) is saved as soon as it ends instead, so that a build that fails later keeps
    it (by a forked process, while the build goes on: `save` then waits for it). `deferred` (the
    quick pass under `mkdocs serve`, which the full pass follows at once) saves only through `save`,
    which `speed.keep` calls when the quick pass rendered everything: a partial quick pass saves
    nothing, and the full pass after it extracts the edited seeds again, in milliseconds, and saves."""
    held: dict = {}

    def step(seeds: list[SeedFile], register: Register) -> tuple[dict[str, Extraction], int]:
        cache = ExtractionCache(cache_file)
        results, extracted, used = extract_all(seeds, register, cache, jobs=jobs, progress=progress,
                                               pool_min=pool_min)
        if extracted >= SAVE_AT_ONCE and not deferred:
            cache.save_aside(used)
            held["saving"] = cache
        else:
            held["last"] = (cache, used)
        return results, extracted

    def wait() -> None:
        """Until what the last call saved as soon as it ended is kept (a build that fails says so after)."""
        saving = held.pop("saving", None)
        if saving is not None:
            saving.wait()

    def save() -> None:
        """Keep what the last call extracted (when it was deferred), or wait until it is kept."""
        wait()
        last = held.pop("last", None)
        if last is not None:
            last[0].save(last[1])

    step.save, step.wait = save, wait
    return step


def extract_all(seeds: list[SeedFile], register: Register, cache: ExtractionCache,
                jobs: int | None = None, progress: bool | None = None,
                pool_min: int = 200) -> tuple[dict[str, Extraction], int, dict]:
    """Return ({stem: extraction}, number of articles actually extracted, what the cache should keep:
    {key: extraction}, which the caller saves: see `cached_extraction`). Below `pool_min` articles to
    extract, starting worker processes costs more than it saves."""
    code = extractor_fingerprint()
    keys = {s.stem: cache_key(s, register, code) for s in seeds}
    todo = [s for s in seeds if keys[s.stem] not in cache.entries]
    results: dict[str, Extraction] = {}
    jobs = cores(jobs or 0)
    # The bar appears only on a terminal and only when extraction takes more than a moment.
    bar = tqdm(total=len(todo), desc="Extracting", unit="article", disable=None if progress is None else not progress,
               leave=False, delay=1.0)
    if len(todo) >= pool_min and jobs > 1:
        if multiprocessing.get_start_method() == "fork":
            load_tables()  # before the workers are forked: one copy for all of them
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(register,)) as pool:
            work = [(s.text, hints_for(s)) for s in todo]
            for seed, ex in zip(todo, pool.map(_extract_in_worker, work, chunksize=32)):
                results[seed.stem] = ex
                bar.update()
    else:
        for seed in todo:
            results[seed.stem] = extract(seed.text, register, hints_for(seed))
            bar.update()
    bar.close()
    used = {}
    for s in seeds:
        ex = results.get(s.stem) or cache.entries[keys[s.stem]]
        results[s.stem] = ex
        used[keys[s.stem]] = ex
    return results, len(todo), used
