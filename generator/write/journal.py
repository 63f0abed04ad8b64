"""The write stage: put rendered pages into the docs dir without losing anything.

The generator owns only what its manifest (`content/.generated.json`)
lists. A file it did not write, or a generated file an editor has since
changed, is never overwritten or deleted: it is reported and kept.

A build changes the docs dir in three steps, so that a build killed at any
moment leaves it either as it was or, once recovered, as the new build
wanted it; never half of each:

1. **prepare**: when much of `archive/` changes (a first build, a new
   template), the new tree is staged beside the old one (unchanged files
   hard-linked, so they are not rewritten); new versions of the other
   changed files (the home page, the exports, and a day's few changed
   pages of a large `archive/`, see `_swaps_tree`) are written to a
   staging folder. Nothing a reader or MkDocs sees has changed yet.
2. **commit**: a journal (`.generated-journal.json`) listing what to swap,
   replace and remove is written atomically. Before it exists, recovery
   throws the staged files away; after, recovery finishes the job.
3. **apply**: two renames swap the tree, one rename per file replaces the
   others, stale files are removed, the manifest is saved and the journal
   deleted.

`recover()` runs at the start of every build (and before MkDocs builds,
from the hook). While applying it checks every file it replaces or
removes against what the build read: a file an editor changed or added
in the meantime is kept, never clobbered.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import time
from dataclasses import dataclass, field
from collections.abc import Iterable, Iterator
from pathlib import Path

from generator.problems import Problem
from generator.models import Page
from generator.paths import ARCHIVE_DIR

MANIFEST = ".generated.json"
MANIFEST_COPY = ".generated-copy.json"  # the same, saved second: a deleted or corrupt manifest is recovered from it
JOURNAL = ".generated-journal.json"
OWNED_TREE = ARCHIVE_DIR  # every generated page but the home page
STAGING = ".archive-staging"
RETIRED = ".archive-retired"
FILES_STAGING = ".generated-staging"  # new versions of generated files outside archive/
RESERVE = ".archive-reserve"  # empty files made ahead for a first build's pages (speed/reserve.py)
ABSENT = ""  # in a journal's expectations: the file did not exist
SWAP_FRACTION = 10  # archive/ is swapped whole when more than a tenth of it changes (see _swaps_tree)
# What a write keeps at the top of the docs dir besides the pages: hidden, so never part of the site.
BOOKKEEPING = frozenset({MANIFEST, MANIFEST_COPY, JOURNAL, STAGING, RETIRED, FILES_STAGING, RESERVE})


def is_bookkeeping(docs: str, path: str) -> bool:
    """True for a path under `docs` that is one of a write's own hidden files or folders (or the
    temporary file `atomic_write` saves one of them through): no page, so no reason to rebuild."""
    rel = os.path.relpath(path, docs)
    first = rel.replace(os.sep, "/").split("/", 1)[0]
    if first.startswith("..") and ".tmp-" in first:  # atomic_write's ".<name>.tmp-<pid>"
        first = first[1:].rsplit(".tmp-", 1)[0]
    return first in BOOKKEEPING


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _AsOnDisk:
    """A page's text that is its file's in the docs dir, left unread: the page is as the writer left
    it (speed/incremental.py keeps only the digest of a page it reuses; speed/memo.py `restore`)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<as on disk>"


AS_ON_DISK = _AsOnDisk()  # equal to itself only: never mistaken for a page's text, never written


def page_digest(text: str) -> str:
    """The digest the writer keeps of a page with this text (models.Page.digest)."""
    return _digest(text.encode("utf-8"))


# A long-lived process (`mkdocs serve`) compares every page with the file on disk after each edit:
# a file unchanged since this process read it (the same stat row) is not read again. A row is
# trusted only when the file was last written well before it was read (a coarse clock could
# otherwise give a write just after the read the same times).
_known_digests: dict[str, tuple[tuple, str]] = {}
_SETTLED_NS = 2_000_000_000


def settled(st: os.stat_result, at_ns: int) -> bool:
    """The file was last written well before `at_ns`: a later write changes its stat row even on a
    coarse clock, so what was read of it holds while the row is the same."""
    return max(st.st_mtime_ns, st.st_ctime_ns) < at_ns - _SETTLED_NS


def trusted_digests(names) -> dict[str, tuple[tuple, str]]:
    """The digests `file_digest` trusts for these file names: name -> (stat row, digest)."""
    return {name: _known_digests[name] for name in names if name in _known_digests}


def trust_digests(rows: dict[str, tuple[tuple, str]]) -> None:
    """Trust digests kept by an earlier process (speed/digest_cache.py): each holds while its file
    keeps the stat row it had when it was read."""
    for name, known in rows.items():
        _known_digests.setdefault(name, known)


def file_digest(path: Path | str) -> str | None:
    try:
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            return "symlink:" + os.readlink(path)
        if stat.S_ISDIR(st.st_mode):
            return None
        row = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
        name = os.fspath(path)
        known = _known_digests.get(name)
        if known is not None and known[0] == row:
            return known[1]
        read_at = time.time_ns()
        digest = _digest(Path(path).read_bytes())
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None
    if settled(st, read_at):
        _known_digests[name] = (row, digest)
    return digest


def atomic_write(path: Path, data: bytes) -> None:
    """`path` holds either its old bytes or `data`, never a part; no temporary file is left behind
    when writing fails (a full disk)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise


class WriteError(Exception):
    """The docs dir could not be written (read-only, disk full): one line naming the path and why."""


def load_json(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def _manifest_data(docs: Path) -> dict:
    data = load_json(docs / MANIFEST)
    if data is None or not isinstance(data.get("files", {}), dict):
        data = load_json(docs / MANIFEST_COPY)
    return data or {}


def _manifest_state(docs: Path) -> tuple[str | None, bool]:
    """("is missing" / "is corrupt" / None, whether its copy stands in for it)."""
    main = load_json(docs / MANIFEST)
    if main is not None and isinstance(main.get("files", {}), dict):
        return None, False
    what = "is missing" if not (docs / MANIFEST).exists() else "is corrupt"
    copy = load_json(docs / MANIFEST_COPY)
    return what, copy is not None and isinstance(copy.get("files", {}), dict)


def _lost_manifest(docs: Path, what: str, kept: int) -> Problem:
    """One line for the pages a build without any manifest cannot tell from hand edits: the command
    that regenerates them (the old tree is moved aside, not deleted: it may hold an editor's pages)."""
    return Problem(str(docs / MANIFEST), f"{what} (and so is its copy {MANIFEST_COPY}): {kept} page(s) on disk "
                   "cannot be told from hand edits and are kept as they are; to rebuild them, run: "
                   f"mv {docs / OWNED_TREE} {docs / OWNED_TREE}.old && python -m generator build")


def _load_manifest(docs: Path) -> tuple[dict[str, str], dict[str, str]]:
    data = _manifest_data(docs)
    files, pending = data.get("files", {}), data.get("pending", {})
    return (dict(files) if isinstance(files, dict) else {}), (dict(pending) if isinstance(pending, dict) else {})


def manifest_files(docs: Path) -> dict[str, str]:
    """What the generator wrote and still owns: docs-relative path -> sha256 of the bytes written."""
    return _load_manifest(docs)[0]


def generated_files(docs: Path) -> list[str]:
    """Every file the manifest says the generator wrote (docs-relative), and the manifest itself."""
    return sorted(manifest_files(docs)) + [MANIFEST, MANIFEST_COPY]


_quoted = json.encoder.encode_basestring_ascii  # how json.dumps writes a string (ensure_ascii), in C


def manifest_text(data: dict[str, dict[str, str]]) -> bytes:
    """`json.dumps(data, indent=1)` and a newline, for mappings of strings (the manifest's): with an
    indent, json.dumps takes its pure-Python encoder, 0.1 s per save at 10,000 articles, twice in
    every write of a page (tests/test_writing.py compares the two)."""
    try:
        sections = [f" {_quoted(name)}: " + ("{\n" + ",\n".join(f"  {_quoted(k)}: {_quoted(v)}" for k, v in rows.items())
                                             + "\n }" if rows else "{}")
                    for name, rows in data.items()]
    except TypeError:  # not strings: as json.dumps writes it
        return (json.dumps(data, indent=1) + "\n").encode()
    return ("{\n" + ",\n".join(sections) + "\n}\n" if sections else "{}\n").encode()


def _save_manifest(docs: Path, files: dict[str, str], pending: dict[str, str] | None = None) -> None:
    data = {"files": dict(sorted(files.items()))}
    if pending:
        data["pending"] = dict(sorted(pending.items()))
    text = manifest_text(data)
    atomic_write(docs / MANIFEST, text)
    atomic_write(docs / MANIFEST_COPY, text)


def _inside(docs: Path, rel: str, resolved: dict[str, str] | None = None) -> bool:
    """The page's path, links followed, stays inside the docs dir. `resolved` keeps each folder's
    real path between calls (a build writes thousands of pages into a few dozen folders)."""
    resolved = {} if resolved is None else resolved

    def real(folder: str) -> str:
        if folder not in resolved:
            resolved[folder] = os.path.realpath(os.path.join(docs, folder))
        return resolved[folder]

    top = real("")  # the docs dir itself
    folder, _, name = rel.rpartition("/")
    target = os.path.join(real(folder), name)
    if os.path.islink(target) or name in ("", ".", ".."):
        target = os.path.realpath(target)
    return target == top or target.startswith(top.rstrip(os.sep) + os.sep)


def _kept(path: Path, why: str) -> Problem:
    return Problem(str(path), f"{why}; kept as it is", severity="warning")


# --------------------------------------------------------------------------- recovery


def recover(docs: Path) -> list[Problem]:
    """Finish (journal present) or undo (no journal) whatever a killed build left half done."""
    journal = load_json(docs / JOURNAL)
    if journal is not None and {"tree", "files", "remove", "expect", "manifest"} <= set(journal):
        return _apply(docs, journal)
    tree, staging, retired = docs / OWNED_TREE, docs / STAGING, docs / RETIRED
    if not tree.exists() and retired.exists():  # left by a build older than the journal
        (staging if staging.exists() else retired).rename(tree)
    for leftover in (staging, retired, docs / FILES_STAGING):
        if leftover.exists():
            shutil.rmtree(leftover)
    for tmp in docs.glob(".*.tmp-*"):
        tmp.unlink(missing_ok=True)
    (docs / JOURNAL).unlink(missing_ok=True)
    return []


def _walk(root: Path):
    """Every file and symbolic link under `root` (links are not followed), as (path, rel)."""
    for folder, dirs, files in os.walk(root):
        for name in files + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            path = Path(folder, name)
            yield path, path.relative_to(root).as_posix()


def _same(a: Path, b: Path) -> bool:
    try:
        if a.is_symlink() or b.is_symlink():
            return a.is_symlink() and b.is_symlink() and os.readlink(a) == os.readlink(b)
        sa, sb = a.stat(), b.stat()
        if (sa.st_ino, sa.st_dev) == (sb.st_ino, sb.st_dev):
            return True
        return sa.st_size == sb.st_size and a.read_bytes() == b.read_bytes()
    except FileNotFoundError:
        return False


def _salvage(docs: Path, expect: dict[str, list[str]]) -> list[Problem]:
    """Move back from the retired tree whatever an editor changed or added after staging."""
    tree, retired = docs / OWNED_TREE, docs / RETIRED
    problems = []
    for old, rel in list(_walk(retired)):
        new = tree / rel
        key = f"{OWNED_TREE}/{rel}"
        if key in expect:  # this build replaced or removed it: fine if it is what the build read
            if file_digest(old) in expect[key] or _same(old, new):
                continue
        elif _same(old, new):  # unchanged by this build (the staged copy is a hard link to it)
            continue
        new.parent.mkdir(parents=True, exist_ok=True)
        if new.is_dir() and not new.is_symlink():
            shutil.rmtree(new)
        os.replace(old, new)
        problems.append(_kept(docs / key, "was changed by hand while the build ran"))
    return problems


def _apply(docs: Path, journal: dict) -> list[Problem]:
    """Step 3: make the docs dir what the journal says. Safe to run again after a kill."""
    tree, staging, retired = docs / OWNED_TREE, docs / STAGING, docs / RETIRED
    expect: dict[str, list[str]] = journal["expect"]
    problems: list[Problem] = []
    if journal["tree"] and staging.exists():
        if tree.exists():
            if retired.exists():
                shutil.rmtree(retired)
            tree.rename(retired)
        staging.rename(tree)
    if retired.exists() and tree.exists():
        problems += _salvage(docs, expect)
        shutil.rmtree(retired)
    files_staging = docs / FILES_STAGING
    for rel in journal["files"]:
        staged, target = files_staging / rel, docs / rel
        if not staged.exists():
            continue  # already moved into place
        on_disk = file_digest(target)
        if (on_disk if on_disk is not None else ABSENT) in expect[rel] or _same(staged, target):
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, target)
        else:
            problems.append(_kept(target, "was changed by hand while the build ran"))
    for rel in journal["remove"]:
        target = docs / rel
        on_disk = file_digest(target)
        if on_disk is None:
            continue
        if on_disk in expect[rel]:
            target.unlink()
            _drop_empty_folders(docs, target.parent)
        else:
            problems.append(_kept(target, "was changed by hand while the build ran"))
    if files_staging.exists():
        shutil.rmtree(files_staging)
    _save_manifest(docs, journal["manifest"])
    (docs / JOURNAL).unlink(missing_ok=True)
    return problems


def _drop_empty_folders(docs: Path, folder: Path) -> None:
    """After a page is removed in place: its folder, and theirs, when nothing is left in them (a
    swapped tree has no empty folders either); never the docs dir or archive/ itself."""
    keep = {docs, docs / OWNED_TREE}
    while folder not in keep and docs in folder.parents:
        try:
            os.rmdir(folder)
        except OSError:  # not empty (or already gone): stop
            return
        folder = folder.parent


# --------------------------------------------------------------------------- writing


def write_pages(docs: Path, pages: list[Page], partial: bool = False, empty_files: Iterable[Path] = ()) -> WriteReport:
    """Write `pages` into `docs` (see the module's docstring). Raises WriteError, with one line naming
    the path and the problem, when the docs dir cannot be written (read-only, disk full): before the
    journal is committed the docs dir is left as it was and nothing staged stays behind; after, the
    next build finishes the job. `partial`: `pages` are only some of the generated pages (a quick
    pass's changed ones); the others stay as they are, none is removed. `empty_files`: empty files
    in the docs dir's file system, made ahead (speed/reserve.py), that a staged tree's new pages may
    be written into instead of new files (`_write_new`); the caller removes those left."""
    try:
        return _write_pages(docs, pages, partial, iter(empty_files))
    except OSError as exc:
        if not (docs / JOURNAL).exists():
            try:
                recover(docs)  # no journal: throw the staged files away
            except OSError:
                pass
        where = exc.filename or docs
        raise WriteError(f"{where}: cannot write: {exc.strerror or exc}; {docs} was left as it was"
                         + (" (the next build finishes the change)" if (docs / JOURNAL).exists() else "")) from None


def _write_pages(docs: Path, pages: list[Page], partial: bool, empty_files: Iterator[Path]) -> WriteReport:
    docs.mkdir(parents=True, exist_ok=True)
    report = WriteReport()
    report.problems += recover(docs)
    lost, from_copy = _manifest_state(docs)
    if lost and from_copy:
        report.problems.append(Problem(str(docs / MANIFEST), f"{lost}; recovered from {MANIFEST_COPY}",
                                       severity="warning"))
    kept_unknown = 0
    manifest, pending = _load_manifest(docs)
    wanted: dict[str, Page] = {}
    folders: dict[str, str] = {}
    for page in pages:
        if not _inside(docs, page.path, folders) or page.path.startswith(".") or "/." in page.path:
            report.problems.append(Problem(page.path, "refused: the page would be written outside the docs dir"))
            continue
        if page.path in wanted:
            report.problems.append(Problem(page.path, "two pages would be written here; only the first is kept"))
            continue
        wanted[page.path] = page

    def editor_owned(rel: str, on_disk: str | None, new: str | None) -> bool:
        """True when the file on disk is not (or no longer) the generator's to replace."""
        if on_disk is None or on_disk == new or on_disk == pending.get(rel):
            return False  # pending: written by a build that was killed before it saved the manifest
        return rel not in manifest or on_disk != manifest[rel]

    changed: dict[str, bytes] = {}
    expect: dict[str, list[str]] = {}
    new_manifest: dict[str, str] = dict(manifest) if partial else {}
    for rel, page in wanted.items():
        on_disk = file_digest(docs / rel)
        if page.text is AS_ON_DISK:  # its text is its file's, as this writer left it: nothing to write
            if page.digest is not None and on_disk != page.digest:  # removed or rewritten since it was found so
                report.problems.append(Problem(str(docs / rel), "changed while the archive was built; left as "
                                               "it is (the next build sees to it)", severity="warning"))
            else:
                report.unchanged += 1
            known = page.digest if page.digest is not None and on_disk == page.digest else manifest.get(rel)
            if known is not None:
                new_manifest[rel] = known
            continue
        data = None if page.digest is not None else page.text.encode("utf-8")  # encoded when needed only
        new = page.digest if data is None else _digest(data)
        if editor_owned(rel, on_disk, new):
            why = "was not written by the generator" if rel not in manifest else "was edited by hand"
            if lost and not from_copy and rel.startswith(OWNED_TREE + "/"):
                kept_unknown += 1  # the generator's own tree, its record lost: said once, below
                continue
            report.problems.append(Problem(str(docs / rel), f"{why}; kept as it is and not regenerated",
                                           severity="warning"))
            if rel in manifest:  # still the generator's page, edited: say so again next time
                new_manifest[rel] = manifest[rel]
            continue
        new_manifest[rel] = new
        if on_disk == new:
            report.unchanged += 1
        else:
            changed[rel] = data if data is not None else page.text.encode("utf-8")
            expect[rel] = [on_disk if on_disk is not None else ABSENT]
    if kept_unknown:
        report.problems.append(_lost_manifest(docs, lost, kept_unknown))
    stale = []
    for rel in [] if partial else sorted(set(manifest) - set(wanted)):
        on_disk = file_digest(docs / rel)
        if on_disk is None:
            continue
        if on_disk in {manifest[rel], pending.get(rel)}:
            stale.append(rel)
            expect[rel] = [on_disk]
        else:
            report.problems.append(Problem(str(docs / rel), "is no longer generated but was edited by hand; kept",
                                           severity="warning"))
    if not changed and not stale:
        if new_manifest != manifest or pending:
            _save_manifest(docs, new_manifest)
        return report

    # Old digests stay in `files` until the new ones are in place: the pending ones are trusted too.
    _save_manifest(docs, manifest, pending={**pending, **{k: new_manifest[k] for k in changed}})
    prefix = OWNED_TREE + "/"
    in_tree = {r[len(prefix):]: d for r, d in changed.items() if r.startswith(prefix)}
    stale_in_tree = {r[len(prefix):] for r in stale if r.startswith(prefix)}
    swap = _swaps_tree(docs, len(in_tree) + len(stale_in_tree), sum(r.startswith(prefix) for r in manifest))
    # 1. prepare
    if swap:
        _stage_tree(docs, in_tree, stale_in_tree, empty_files)
    in_place = [] if swap else sorted(r for r in changed if r.startswith(prefix))
    files = sorted(r for r in changed if not r.startswith(prefix)) + in_place
    _stage_files(docs, {rel: changed[rel] for rel in files})
    # 2. commit
    journal = {
        "tree": swap,
        "files": files,
        "remove": [r for r in stale if not (swap and r.startswith(prefix))],
        "expect": expect,
        "manifest": dict(sorted(new_manifest.items())),
    }
    atomic_write(docs / JOURNAL, (json.dumps(journal, indent=1, sort_keys=True) + "\n").encode())
    # 3. apply
    report.problems += _apply(docs, journal)
    report.written = sorted(changed)
    report.removed = stale
    return report


def _swaps_tree(docs: Path, changes: int, tree_size: int) -> bool:
    """Whether this write swaps the whole archive/ tree (step 1 stages all of it) or replaces its
    changed files one by one, like the files outside it. A swap shows readers the new tree at once,
    but links every unchanged file again: a day's few articles in an archive of thousands change a
    few hundred of its tens of thousands of files, and are replaced in place."""
    if changes == 0:
        return False
    return not (docs / OWNED_TREE).exists() or changes * SWAP_FRACTION > tree_size


def _stage_files(docs: Path, files: dict[str, bytes]) -> None:
    """Step 1 for files replaced one by one: their new versions in a staging folder."""
    for rel, data in files.items():
        staged = docs / FILES_STAGING / rel
        staged.parent.mkdir(parents=True, exist_ok=True)
        staged.write_bytes(data)


def _stage_tree(docs: Path, changed: dict[str, bytes], stale: set[str], empty_files: Iterator[Path]) -> None:
    """Step 1 for archive/: the whole new tree beside the old one."""
    tree, staging = docs / OWNED_TREE, docs / STAGING
    staging.mkdir()
    folders = _Folders()
    if tree.exists():
        for path, rel in _walk(tree):
            if rel in changed or rel in stale:
                continue
            target = staging / rel
            folders.make(target.parent)
            if path.is_symlink():  # an editor's link stays a link
                os.symlink(os.readlink(path), target)
                continue
            try:
                os.link(path, target)
            except OSError:  # no hard links on this filesystem
                shutil.copy2(path, target)
    for rel, data in changed.items():
        target = staging / rel
        folders.make(target.parent)
        _write_new(target, data, empty_files)


class _Folders:
    """The folders of a new staging tree, each made once: the tree is this build's alone, so a folder
    made stays made (one mkdir, and the stat `exist_ok` costs, for every file: 0.3 s at 10,000 articles)."""

    def __init__(self) -> None:
        self.made: set[Path] = set()

    def make(self, folder: Path) -> None:
        if folder not in self.made:
            folder.mkdir(parents=True, exist_ok=True)
            self.made.add(folder)


def _write_new(target: Path, data: bytes, empty_files: Iterator[Path]) -> None:
    """A file that is not there yet, with `data`: one of `empty_files` renamed into its place and written
    (`write_into_empty`), while one is left that can be; else a new file."""
    for empty in empty_files:
        try:
            if not _empty_file(os.lstat(empty)):  # left where it is, for the caller to remove
                continue
            os.rename(empty, target)
        except OSError:  # gone, or on another file system: the next one
            continue
        if write_into_empty(target, data):
            return
        if os.path.isdir(target) and not os.path.islink(target):  # changed since it was looked at
            shutil.rmtree(target)
        else:
            os.unlink(target)
        break
    target.write_bytes(data)


def write_into_empty(path, data: bytes) -> bool:
    """Write `data` into `path` when it is a plain empty file, opened without following a link and
    without truncating it (on ext4 a file truncated to nothing is flushed to disk when it is closed:
    `auto_da_alloc`, 0.6 s of the write stage at 10,000 articles); False, with nothing written,
    for anything else (no file, a link, a folder, a file that has bytes)."""
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    with open(fd, "wb") as fh:
        if not _empty_file(os.fstat(fd)):
            return False
        fh.write(data)
    return True


def _empty_file(found: os.stat_result) -> bool:
    return stat.S_ISREG(found.st_mode) and found.st_size == 0
