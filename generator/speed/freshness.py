"""Skip a build whose inputs and outputs are exactly as the last build left them.

A rebuild with nothing changed used to read, index and render the whole
archive only to find nothing to write (about 28 s at 10,000 articles).
The last complete build now leaves a stamp in the cache folder: a digest
of what it read (the name, size and modification time of every seed,
sidecar and the register, and the generator's own code and templates), a
digest of what it left in the docs dir (every file of the generated tree
and the other generated files, by size and modification time), and the
problems it reported. A build that finds the same two digests, from stat
calls alone, reports those problems again and stops. Any edit, added or
removed file, touched output or new generator version changes a digest,
and the build runs in full.

No stamp is left by a build that a later edit could hide from it: one
whose inputs changed in the last clock tick before it began, one that
refused to overwrite a file (the file's fate is not in the digests), a
quick pass under `mkdocs serve` (the rest of the archive is not written
yet), and one run by a process whose generator code on disk changed since
it imported it (a long-lived `mkdocs serve`): the stamp would name code
that did not write the pages. A complete build under `mkdocs serve` does
leave one, so `make site` or the next `mkdocs serve` after a serve session
finds the archive as that session left it.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from generator import __version__
from generator.problems import Problem
from generator.write.journal import atomic_write, load_json

_PACKAGE = Path(__file__).resolve().parent.parent  # the generator package
_CODE_SUFFIXES = {".py", ".j2", ".yml", ".yaml", ".txt", ".json"}
_code_memo: dict[tuple, str] = {}


def code_fingerprint(paths: list[Path]) -> str:
    """Hash of the given source files' bytes, re-read only when one's name, size or mtime changed."""
    stamp = tuple((str(p), st.st_size, st.st_mtime_ns) for p in paths for st in (p.stat(),))
    found = _code_memo.get(stamp)
    if found is None:  # kept in a local: another thread may clear the memo meanwhile
        h = hashlib.sha256(__version__.encode())
        for path in paths:
            h.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
            h.update(path.read_bytes())
        found = h.hexdigest()
        if len(_code_memo) > 8:
            _code_memo.clear()
        _code_memo[stamp] = found
    return found


def generator_fingerprint() -> str:
    """Everything the generator runs: its code, templates and data."""
    return code_fingerprint(sorted(p for p in _PACKAGE.rglob("*")
                                   if p.suffix in _CODE_SUFFIXES and p.is_file() and "__pycache__" not in p.parts))


# The generator's code as this process imported it (with generator.build, which imports this module
# first). A long-lived process (`mkdocs serve`) runs that code whatever the files say later.
IMPORTED_CODE = generator_fingerprint()


def running_code_on_disk() -> bool:
    """Whether the generator's files are still the code this process runs: a stamp or a stored page
    made by this process is named after the code on disk, and must be that code's."""
    return generator_fingerprint() == IMPORTED_CODE


def file_stamp(path) -> tuple | None:
    """(size, mtime, inode) of a file, None when it is missing: a cache read or written by this
    process is reused while its file keeps this stamp, and a file replaced or edited since changes it."""
    try:
        st = os.stat(path)
    except (OSError, TypeError):  # TypeError: no path at all (None)
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def stat_row(path: Path) -> tuple[str, int]:
    """(name, size, times, inode and, for a link, its target; the mtime): any edit or replacement
    changes the row."""
    try:
        st = path.stat()
        return _row(path.name, st, os.path.realpath(path) if path.is_symlink() else ""), st.st_mtime_ns
    except OSError:
        return f"{path.name}\0missing", 0


def _row(name: str, st: os.stat_result, link: str) -> str:
    return f"{name}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}\0{link}"


def folder_rows(folder: Path) -> list[tuple[str, str, int]]:
    """(name, `stat_row`, mtime) of every entry of `folder`, by name: the same rows as `stat_row`,
    from one directory listing (no path objects, no second call to ask for a link: under half the
    time at 10,000 seeds, which every build and every `mkdocs serve` check pays)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return []
    rows = []
    for entry in entries:
        name = entry.name
        try:
            st = entry.stat()
            rows.append((name, _row(name, st, os.path.realpath(entry.path) if entry.is_symlink() else ""),
                         st.st_mtime_ns))
        except OSError:
            rows.append((name, f"{name}\0missing", 0))
    return rows


def library_versions(names) -> str:
    """The installed versions of these packages, as one line ("?" for one not installed)."""
    versions = []
    for name in names:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} ?")
    return "|".join(versions)


# What reads a saved page (`.html`) or a scraper's record (`.json`) into text and metadata.
_PAGE_LIBRARIES = ("trafilatura", "htmldate", "lxml", "justext", "lxml_html_clean", "charset-normalizer")


@lru_cache(maxsize=1)
def page_libraries() -> str:
    """The versions of the libraries that turn a page's bytes into its text and metadata."""
    return library_versions(_PAGE_LIBRARIES)


@lru_cache(maxsize=1)
def _runtime() -> str:
    """The Python and the libraries whose behaviour shapes the pages."""
    return f"{sys.version}|{library_versions(('jinja2', 'markupsafe', 'pyyaml', 'python-slugify'))}|{page_libraries()}"


@dataclass(frozen=True)
class Inputs:
    digest: str
    newest_mtime_ns: int  # the most recent modification among the inputs
    taken_ns: int = field(default=0, compare=False)  # the wall clock before the first stat call (`trustworthy`)


def inputs_digest(seeds_dir: Path, register_file: Path, docs_dir: Path) -> Inputs:
    """What a build reads, by stat: a changed byte changes a size, a time or an inode."""
    taken, h = time.time_ns(), hashlib.sha256()
    register_row, newest = stat_row(register_file)
    for part in (generator_fingerprint(), _runtime(), str(seeds_dir.resolve()), str(docs_dir.resolve()),
                 register_row, str(register_file.resolve())):
        h.update(part.encode("utf-8", "surrogateescape") + b"\n")
    for _name, row, mtime in folder_rows(seeds_dir):
        newest = max(newest, mtime)
        h.update(row.encode("utf-8", "surrogateescape") + b"\n")
    return Inputs(h.hexdigest(), newest, taken)


REGISTER_ROW = "\0register"  # the register's key among `input_rows` (no seed file has this name)


def input_rows(seeds_dir: Path, register_file: Path) -> dict[str, str]:
    """Each input file's stat row by name, the register's under REGISTER_ROW: which inputs changed
    between two builds (`inputs_digest` says only whether any did)."""
    rows = {REGISTER_ROW: stat_row(register_file)[0]}
    rows.update((name, row) for name, row, _mtime in folder_rows(seeds_dir))
    return rows


def changed_inputs(before: dict[str, str], now: dict[str, str]) -> set[str]:
    """The names of the input files added, removed or changed between two `input_rows`."""
    return {name for name in before.keys() | now.keys() if before.get(name) != now.get(name)}


def trustworthy(inputs: Inputs, started_ns: int) -> bool:
    """False when an input changed so shortly before the build began that a further edit in the
    same clock tick would leave its time unchanged. Times in whole seconds suggest a file system
    that keeps no finer times (some keep two seconds); others tick within milliseconds."""
    window = 2_000_000_000 if inputs.newest_mtime_ns % 1_000_000_000 == 0 else 50_000_000
    return inputs.newest_mtime_ns < started_ns - window


def outputs_digest(docs_dir: Path, generated: list[str], owned_tree: str) -> str:
    """What a build left in the docs dir: every file of the generated tree and the other generated files."""
    h = hashlib.sha256()
    rows = set(generated)
    tree = docs_dir / owned_tree
    for folder, dirs, files in os.walk(tree):
        dirs.sort()
        prefix = os.path.relpath(folder, docs_dir).replace(os.sep, "/") + "/"  # once a folder, not a file
        rows.update(prefix + name for name in files)
    for rel in sorted(rows):
        h.update(rel.encode("utf-8", "surrogateescape") + b"\0" + stat_row(docs_dir / rel)[0].encode(
            "utf-8", "surrogateescape") + b"\n")
    return h.hexdigest()


class Stamp:
    """The record of the last complete build, in the cache folder."""

    def __init__(self, path: Path):
        self.path = path

    def load(self) -> dict | None:
        return load_json(self.path)

    def matches(self, inputs: str, outputs) -> dict | None:
        """The last build's summary when nothing has changed since, else None. `outputs` is the
        outputs' digest, or a function giving it: worked out only when the inputs are unchanged
        (at 10,000 articles it stats 18,000 files, for nothing when an article was added)."""
        data = self.load()
        if not data or data.get("inputs") != inputs:
            return None
        if data.get("outputs") == (outputs() if callable(outputs) else outputs):
            return data
        return None

    def save(self, inputs: str, outputs: str, summary: dict, problems: list[Problem]) -> None:
        data = {"inputs": inputs, "outputs": outputs, **summary,
                "problems": [[p.path, p.message, p.line, p.field, p.severity] for p in problems]}
        try:
            atomic_write(self.path, json.dumps(data).encode("utf-8"))
        except OSError:
            pass  # without a stamp the next build simply runs in full

    def forget(self) -> None:
        try:
            self.path.unlink()
        except OSError:
            pass

    @staticmethod
    def problems(data: dict) -> list[Problem]:
        return [Problem(path, message, line, field, severity)
                for path, message, line, field, severity in data.get("problems", [])]
