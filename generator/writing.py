"""The write stage: put rendered pages into the docs dir without losing anything.

The generator owns only what its manifest (`content/.generated.json`)
lists. A file it did not write, or a generated file an editor has since
changed, is never overwritten or deleted: it is reported and kept.

Pages under `archive/` are swapped in as a whole: the new tree is staged
beside the old one (unchanged files hard-linked, so they are not
rewritten), then two renames replace it. A build killed at any moment
leaves either the old tree or the new one, and the next build finishes or
undoes the swap. Files outside `archive/` (the home page) are replaced
one by one with an atomic rename.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem
from .render import Page

MANIFEST = ".generated.json"
OWNED_TREE = "archive"
STAGING = ".archive-staging"
RETIRED = ".archive-retired"


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_digest(path: Path) -> str | None:
    try:
        return _digest(path.read_bytes())
    except FileNotFoundError:
        return None


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def recover(docs: Path) -> None:
    """Finish or undo a swap that a killed build left half done."""
    tree, staging, retired = docs / OWNED_TREE, docs / STAGING, docs / RETIRED
    if not tree.exists() and retired.exists():
        if staging.exists():
            staging.rename(tree)  # killed between the two renames: the new tree is complete
        else:
            retired.rename(tree)
    for leftover in (staging, retired):
        if leftover.exists():
            shutil.rmtree(leftover)
    for tmp in docs.glob(".*.tmp-*"):
        tmp.unlink(missing_ok=True)


def _load_manifest(docs: Path) -> tuple[dict[str, str], dict[str, str]]:
    try:
        data = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))
        return dict(data.get("files", {})), dict(data.get("pending", {}))
    except (FileNotFoundError, ValueError, AttributeError):
        return {}, {}


def _save_manifest(docs: Path, files: dict[str, str], pending: dict[str, str] | None = None) -> None:
    data = {"files": dict(sorted(files.items()))}
    if pending:
        data["pending"] = dict(sorted(pending.items()))
    _atomic_write(docs / MANIFEST, (json.dumps(data, indent=1) + "\n").encode())


def _inside(docs: Path, rel: str) -> bool:
    target = (docs / rel).resolve()
    return target == docs.resolve() or docs.resolve() in target.parents


def write_pages(docs: Path, pages: list[Page]) -> WriteReport:
    docs.mkdir(parents=True, exist_ok=True)
    recover(docs)
    report = WriteReport()
    manifest, pending = _load_manifest(docs)
    wanted: dict[str, bytes] = {}
    for page in pages:
        if not _inside(docs, page.path) or page.path.startswith("."):
            report.problems.append(Problem(page.path, "refused: the page would be written outside the docs dir"))
            continue
        wanted[page.path] = page.text.encode("utf-8")

    def editor_owned(rel: str, on_disk: str | None, new: str | None) -> bool:
        """True when the file on disk is not (or no longer) the generator's to replace."""
        if on_disk is None or on_disk == new:
            return False
        if rel not in manifest:
            return True
        return on_disk not in {manifest[rel], pending.get(rel)}

    changed: dict[str, bytes] = {}
    kept_foreign: set[str] = set()
    new_manifest: dict[str, str] = {}
    for rel, data in wanted.items():
        new = _digest(data)
        on_disk = _file_digest(docs / rel)
        if editor_owned(rel, on_disk, new):
            why = "was not written by the generator" if rel not in manifest else "was edited by hand"
            report.problems.append(Problem(str(docs / rel), f"{why}; kept as it is and not regenerated",
                                           severity="warning"))
            kept_foreign.add(rel)
            continue
        new_manifest[rel] = new
        if on_disk == new:
            report.unchanged += 1
        else:
            changed[rel] = data
    stale = []
    for rel in sorted(set(manifest) - set(wanted)):
        on_disk = _file_digest(docs / rel)
        if on_disk is None:
            continue
        if on_disk in {manifest[rel], pending.get(rel)}:
            stale.append(rel)
        else:
            report.problems.append(Problem(str(docs / rel), "is no longer generated but was edited by hand; kept",
                                           severity="warning"))
    if not changed and not stale:
        if new_manifest != manifest or pending:
            _save_manifest(docs, new_manifest)
        return report

    _save_manifest(docs, {**manifest, **new_manifest}, pending={k: _digest(v) for k, v in changed.items()})
    prefix = OWNED_TREE + "/"
    if any(r.startswith(prefix) for r in list(changed) + stale):
        _swap_tree(docs, {r[len(prefix):]: d for r, d in changed.items() if r.startswith(prefix)},
                   {r[len(prefix):] for r in stale if r.startswith(prefix)})
    for rel, data in changed.items():
        if not rel.startswith(prefix):
            _atomic_write(docs / rel, data)
    for rel in stale:
        if not rel.startswith(prefix):
            (docs / rel).unlink(missing_ok=True)
    report.written = sorted(changed)
    report.removed = stale
    _save_manifest(docs, new_manifest)
    return report


def _swap_tree(docs: Path, changed: dict[str, bytes], stale: set[str]) -> None:
    tree, staging, retired = docs / OWNED_TREE, docs / STAGING, docs / RETIRED
    staging.mkdir()
    if tree.exists():
        for path in tree.rglob("*"):
            rel = path.relative_to(tree).as_posix()
            if path.is_dir() or rel in changed or rel in stale:
                continue
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(path, target)
            except OSError:  # no hard links on this filesystem
                shutil.copy2(path, target)
    for rel, data in changed.items():
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    if tree.exists():
        tree.rename(retired)
    staging.rename(tree)
    shutil.rmtree(retired, ignore_errors=True)
