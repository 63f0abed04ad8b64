"""Read a saved page or a scraper's record again only when its bytes changed.

Finding a page's main text and metadata (generator/read/webpage.py: trafilatura, htmldate) costs
10 to 100 ms a page, on every build, for every page in seeds/; a plain-text seed costs almost
nothing. The reading of a `.html`, `.htm` or `.json` seed is kept in `.cache/page-reads.pickle`,
keyed by its bytes' digest, its name (its problems name it) and the readers' code and library
versions, and reused while all are the same. Only the readings of this build's files are kept.

A long-lived process (`mkdocs serve`, which reads every seed again for each edit) also keeps what
it read of each file, its text and digests included, while the file's stat row (size, modification
and change times, inode, device) is unchanged (`RememberedFiles`): at 10,000 articles that is a few
seconds of every regeneration. A file written in the last clock tick before it was read is not kept.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import time
from pathlib import Path

from generator.read import seeds as reading
from generator.speed.freshness import code_fingerprint, file_stamp, page_libraries
from generator.write.journal import atomic_write, settled

_PACKAGE = Path(__file__).resolve().parent.parent
_READERS = ("read/webpage.py", "read/scraped.py", "read/seeds.py", "models.py", "problems.py")
_held: dict[Path, tuple[tuple, dict]] = {}  # a long-lived process (`mkdocs serve`) unpickles it once
_files: dict[Path, dict[str, tuple[tuple, reading.LoadedFile]]] = {}  # seeds dir -> label -> (stat row, reading)


class RememberedFiles:
    """A `load` for read_seeds: what this process last read of a file, while its stat row is the
    same; only the files of the last read of one seeds folder are kept."""

    def __init__(self, seeds_dir: Path) -> None:
        key = seeds_dir.resolve()
        self.before = _files.get(key, {})
        self.now: dict[str, tuple[tuple, reading.LoadedFile]] = {}
        self.reused: list[tuple[Path, str, reading.LoadedFile]] = []  # the files not read again
        _files.clear()
        _files[key] = self.now

    def __call__(self, path: Path, label: str, read) -> reading.LoadedFile:
        try:
            st = os.stat(path)
        except OSError:
            return reading.load_file(path, label, read)
        row = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
        hit = self.before.get(label)
        if hit is not None and hit[0] == row:
            self.now[label] = hit
            self.reused.append((path, label, hit[1]))
            return hit[1]
        loaded = reading.load_file(path, label, read)
        if settled(st, time.time_ns()):
            self.now[label] = (row, loaded)
        return loaded


def readers_fingerprint() -> str:
    return code_fingerprint([_PACKAGE / name for name in _READERS]) + "|" + page_libraries()


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


def cached_reading(cache_file: Path | None):
    """A read_seeds step for the pipeline that reuses page and record readings from `cache_file`
    (None: read everything, as the plain step does)."""
    def step(seeds_dir: Path):
        if cache_file is None:
            return reading.read_seeds(seeds_dir)
        load = RememberedFiles(seeds_dir)
        store, used = _load(cache_file), {}
        code = readers_fingerprint()

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

        result = reading.read_seeds(seeds_dir, read, load)
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
        return result

    return step
