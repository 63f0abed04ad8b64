"""Read a saved page or a scraper's record again only when its bytes changed.

Finding a page's main text and metadata (generator/read/webpage.py: trafilatura, htmldate) costs
10 to 100 ms a page, on every build, for every page in seeds/; a plain-text seed costs almost
nothing. The reading of a `.html`, `.htm` or `.json` seed is kept in `.cache/page-reads.pickle`,
keyed by its bytes' digest, its name (its problems name it) and the readers' code and library
versions, and reused while all are the same. Only the readings of this build's files are kept.

Every build also keeps what it read of each file (a seed's text and digests, a sidecar's fields,
digest and problems: 500 sidecars at 10,000 articles were parsed and checked again in every build,
and the schema library loaded for them), while the file's stat row (size, modification and change
times, inode, device) is unchanged (`RememberedFiles`): a long-lived process (`mkdocs serve`, which reads every seed again for each edit) in memory, and every
build in `.cache/seed-files.pickle`, saved after the pages are written and read by the next process
(at 10,000 articles reading and decoding every seed took 2 s of each day's build; the kept readings
load in a tenth of that). A file written in the last clock tick before it was read is not kept; any
write, replacement or `touch` of a file changes its row (a file's change time cannot be set back),
and a copied or moved project has new rows: it is read in full. The stored readings are dropped when
the readers' code or libraries change (`readers_fingerprint`).
"""
from __future__ import annotations

import hashlib
import os
import pickle
import time
from pathlib import Path

from generator.read import seeds as reading
from generator.speed.freshness import code_fingerprint, file_stamp, library_versions, page_libraries
from generator.write.journal import atomic_write, settled

_PACKAGE = Path(__file__).resolve().parent.parent
_READERS = ("read/webpage.py", "read/scraped.py", "read/seeds.py", "read/yamlfile.py", "models.py", "problems.py")
_SIDECAR_LIBRARIES = ("pyyaml", "jsonschema")  # what parses and checks a sidecar
_held: dict[Path, tuple[tuple, dict]] = {}  # a long-lived process (`mkdocs serve`) unpickles it once
_files: dict[Path, dict[str, tuple[tuple, reading.LoadedFile]]] = {}  # seeds dir -> label -> (stat row, reading)
FILES_FORMAT = 2  # 2: sidecars too
_UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError,
               ValueError, MemoryError)


class RememberedFiles:
    """A `load` for read_seeds: what this process last read of a file, while its stat row is the
    same; only the files of the last read of one seeds folder are kept. `stored`: what an earlier
    process kept (SeedFiles), used when this process has read nothing of the folder yet."""

    def __init__(self, seeds_dir: Path, stored: dict | None = None) -> None:
        key = seeds_dir.resolve()
        self.before = _files.get(key)
        if self.before is None:
            self.before = stored or {}
        self.now: dict[str, tuple[tuple, reading.LoadedFile | reading.LoadedSidecar]] = {}
        self.reused: list[tuple[Path, str, reading.LoadedFile]] = []  # the articles not read again
        self.sidecars_reused = 0
        _files.clear()
        _files[key] = self.now

    @property
    def changed(self) -> bool:
        """What is kept now differs from what was kept before this read (a file read and kept, or gone)."""
        return len(self.reused) + self.sidecars_reused != len(self.now) or len(self.now) != len(self.before)

    def __call__(self, path: Path, label: str, read) -> reading.LoadedFile:
        loaded, kept = self._remembered(path, label, reading.LoadedFile, lambda: reading.load_file(path, label, read))
        if kept:
            self.reused.append((path, label, loaded))
        return loaded

    def sidecar(self, path: Path, label: str) -> reading.LoadedSidecar:
        """A `load_side` for read_seeds: a sidecar's fields, digest and problems, parsed and checked
        again only when its stat row changed (500 sidecars at 10,000 articles, and the schema
        library loaded for them, took 0.15 s of every build)."""
        loaded, kept = self._remembered(path, label, reading.LoadedSidecar, lambda: reading.load_sidecar_file(path, label))
        self.sidecars_reused += kept
        return loaded

    def _remembered(self, path: Path, label: str, kind: type, load) -> tuple[object, bool]:
        """(what was last read of the file, True) while its stat row is the same, else (`load()`, False),
        kept for the next read once the file has settled."""
        try:
            st = os.stat(path)
        except OSError:
            return load(), False
        row = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
        hit = self.before.get(label)
        if hit is not None and hit[0] == row and type(hit[1]) is kind:
            self.now[label] = hit
            return hit[1], True
        loaded = load()
        if settled(st, time.time_ns()):
            self.now[label] = (row, loaded)
        return loaded, False

def readers_fingerprint() -> str:
    return (code_fingerprint([_PACKAGE / name for name in _READERS]) + "|" + page_libraries() + "|"
            + library_versions(_SIDECAR_LIBRARIES))


def _load(path: Path) -> dict:
    stamp = file_stamp(path)
    held = _held.get(path)
    if stamp is not None and held and held[0] == stamp:
        return held[1]
    try:
        with open(path, "rb") as fh:
            entries = pickle.load(fh)
    except Exception:  # missing, corrupt or from another version: only a slower build
        entries = {}
    return entries if isinstance(entries, dict) else {}


def _stored_row(value) -> bool:
    return (isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], tuple) and len(value[0]) == 5
            and all(type(n) is int for n in value[0]) and type(value[1]) in (reading.LoadedFile, reading.LoadedSidecar))


class SeedFiles:
    """`.cache/seed-files.pickle`: each seed's reading under its stat row, for the next process. Kept
    for one seeds folder and one version of the readers; anything else found there is ignored."""

    def __init__(self, store: Path) -> None:
        self.store = store

    def load(self, seeds_dir: Path, code: str) -> dict:
        try:
            data = pickle.loads(self.store.read_bytes())
        except _UNREADABLE:  # missing, damaged or from another version: the seeds are read again
            return {}
        if (not isinstance(data, dict) or data.get("format") != FILES_FORMAT or data.get("code") != code
                or data.get("seeds") != os.fspath(seeds_dir.resolve()) or not isinstance(data.get("files"), dict)):
            return {}
        return {label: row for label, row in data["files"].items() if isinstance(label, str) and _stored_row(row)}

    def save(self, seeds_dir: Path, code: str, files: dict) -> None:
        data = {"format": FILES_FORMAT, "code": code, "seeds": os.fspath(seeds_dir.resolve()), "files": files}
        try:
            atomic_write(self.store, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # without it the next build reads every seed again


class CachedReading:
    """A read_seeds step for the pipeline that reuses page and record readings from `cache_file`
    (None: read everything, as the plain step does) and, with `files_file`, every seed's reading
    kept by the last build while its stat row is the same; `save()` keeps this build's for the next."""

    def __init__(self, cache_file: Path | None, files_file: Path | None = None) -> None:
        self.cache_file = cache_file
        self.files = SeedFiles(files_file) if files_file is not None and cache_file is not None else None
        self._unsaved: tuple | None = None

    def __call__(self, seeds_dir: Path):
        cache_file = self.cache_file
        if cache_file is None:
            return reading.read_seeds(seeds_dir)
        code = readers_fingerprint()
        stored = None
        if self.files is not None and seeds_dir.resolve() not in _files:
            stored = self.files.load(seeds_dir, code)
        load = RememberedFiles(seeds_dir, stored)
        store, used = _load(cache_file), {}

        def key_of(suffix: str, label: str, digest: str) -> str:
            return hashlib.sha256("\0".join((code, suffix, label, digest)).encode()).hexdigest()

        def read(raw: bytes, label: str, suffix: str):
            if suffix == ".txt":  # decoding text is cheaper than the cache
                return reading.read_article(raw, label, suffix)
            key = key_of(suffix, label, hashlib.sha256(raw).hexdigest())
            found = store.get(key)
            if found is None:
                found = reading.read_article(raw, label, suffix)
            used[key] = found
            return found

        result = reading.read_seeds(seeds_dir, read, load, load.sidecar)
        for path, label, loaded in load.reused:  # read from memory: their stored readings are still this build's
            key = key_of(path.suffix, label, loaded.digest) if path.suffix != ".txt" and loaded.digest else None
            if key in store:
                used[key] = store[key]
        if used != store and (used or store):
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(cache_file, pickle.dumps(used, protocol=pickle.HIGHEST_PROTOCOL))
            _held.clear()
            stamp = file_stamp(cache_file)
            if stamp is not None:
                _held[cache_file] = (stamp, used)
        if self.files is not None and load.changed:
            self._unsaved = (seeds_dir, code, load.now)
        return result

    def save(self) -> None:
        """Keep this build's seed readings for the next process (after the pages are written: at 10,000
        articles pickling them takes a fifth of a second, which MkDocs need not wait for). A long-lived
        process keeps them only when its reading changed them, as a one-off build does."""
        unsaved, self._unsaved = self._unsaved, None
        if unsaved is not None and self.files is not None:
            self.files.save(*unsaved)


def cached_reading(cache_file: Path | None, files_file: Path | None = None) -> CachedReading:
    """The read_seeds step (see CachedReading)."""
    return CachedReading(cache_file, files_file)
