"""`make site` with nothing changed: the built site is left as it is, after stat calls only.

MkDocs rebuilds every page on every `mkdocs build`, however little changed: at 10,000 articles
that is a minute for nothing when an analyst runs `make site` again. After each complete site
build, scripts/build_site.py leaves a stamp beside the extraction cache with two digests:

- what the site is built from: every file of the docs dir (the generated pages and the
  editors'), `mkdocs.yml`, `site_overrides/`, `hooks/`, the generator's own code, every
  installed package's version, the builder, and the environment the build reads (SITE_URL,
  SOURCE_DATE_EPOCH, BRIEFING_*);
- what it wrote: every file of the site dir.

The next site build, once the generator has run, compares both: when neither changed, building
again would write the same bytes, so it stops there. Files are compared by name, size, times and
inode (as the generator's own stamp, speed/freshness.py), so any edit, replacement or deletion
counts; no stamp is left when an input changed in the clock tick before the build began.
BRIEFING_STAMP=0 builds every time.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from importlib import metadata
from pathlib import Path

from generator.speed.freshness import Inputs, Stamp, generator_fingerprint, stat_row, trustworthy

ENVIRONMENT = ("SITE_URL", "SOURCE_DATE_EPOCH")  # besides every BRIEFING_* variable
PROJECT_FILES = ("mkdocs.yml",)
PROJECT_TREES = ("site_overrides", "hooks")


def installed_packages() -> str:
    """Every installed distribution and its version: the builder, the theme, their plugins."""
    rows = sorted({f"{(d.metadata['Name'] or '').lower()} {d.version}" for d in metadata.distributions()})
    return "|".join(rows)


def _tree_rows(root: Path, top: Path, h, newest: int) -> int:
    """Hash the stat row of every file under `top` (or of `top`, a file), with its path under `root`,
    in os.walk's order (folders top-down, names sorted; links to folders not followed); returns the
    newest modification time seen. os.scandir's entries know whether each is a folder or a link
    without a further call: at 10,000 articles, 40,000 files a site build."""
    if top.is_file() or top.is_symlink():
        row, mtime = stat_row(top)
        h.update(f"{top.relative_to(root).as_posix()}\0{row}\n".encode("utf-8", "surrogateescape"))
        return max(newest, mtime)
    top_rel = top.relative_to(root).as_posix()
    return _folder_rows(os.fspath(top), "" if top_rel == "." else top_rel + "/", h, newest)


def _folder_rows(folder: str, rel: str, h, newest: int) -> int:
    try:
        with os.scandir(folder) as it:
            entries = list(it)
    except OSError:
        return newest
    files, dirs = [], []
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        (dirs if is_dir else files).append(entry)
    update = h.update
    for entry in sorted(files, key=lambda e: e.name):
        try:
            st = entry.stat()
            link = os.path.realpath(entry.path) if entry.is_symlink() else ""
            row = f"{entry.name}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}\0{link}"
            newest = max(newest, st.st_mtime_ns)
        except OSError:
            row = f"{entry.name}\0missing"
        update(f"{rel}{entry.name}\0{row}\n".encode("utf-8", "surrogateescape"))
    for entry in sorted(dirs, key=lambda e: e.name):
        if entry.name == "__pycache__" or entry.is_symlink():
            continue
        newest = _folder_rows(entry.path, f"{rel}{entry.name}/", h, newest)
    return newest


# how a build runs, not what it builds: switching it builds nothing again
NOT_SHAPING = frozenset({"BRIEFING_EARLY_BUILDER"})


def _builder_rows(project: Path, builder: str, environ, h) -> int:
    """What a site build reads besides the docs dir, into `h`; the newest modification time."""
    env = sorted((k, v) for k, v in environ.items()
                 if (k in ENVIRONMENT or k.startswith("BRIEFING_")) and k not in NOT_SHAPING)
    for part in (builder, sys.version, installed_packages(), generator_fingerprint(), json.dumps(env),
                 str(project.resolve())):
        h.update(part.encode("utf-8", "surrogateescape") + b"\n")
    newest = 0
    for name in (*PROJECT_FILES, *PROJECT_TREES):
        path = project / name
        if path.exists() or path.is_symlink():
            newest = _tree_rows(project, path, h, newest)
        else:
            h.update(f"{name}\0missing\n".encode())
    return newest


def builder_inputs(project: Path, builder: str, environ=None) -> str:
    """What a site build reads besides the docs dir, by stat: the builder's code, configuration,
    theme overrides and hooks (an MkDocs started before the generator wrote the pages read these
    then: scripts/build_site.py checks they are unchanged when the pages are)."""
    h = hashlib.sha256()
    _builder_rows(project, builder, os.environ if environ is None else environ, h)
    return h.hexdigest()


def site_inputs(project: Path, docs_dir: Path, builder: str, environ=None) -> Inputs:
    """What a site build reads, by stat (see the module's docstring)."""
    h = hashlib.sha256()
    newest = _builder_rows(project, builder, os.environ if environ is None else environ, h)
    h.update(str(docs_dir.resolve()).encode("utf-8", "surrogateescape") + b"\n")
    newest = _tree_rows(docs_dir, docs_dir, h, newest) if docs_dir.is_dir() else newest
    return Inputs(h.hexdigest(), newest)


def site_outputs(site_dir: Path) -> str | None:
    """Every file the site build wrote, by stat; None when there is no site to keep."""
    if not (site_dir / "index.html").is_file():
        return None
    h = hashlib.sha256()
    _tree_rows(site_dir, site_dir, h, 0)
    return h.hexdigest()


class SiteStamp:
    """The record of the last complete site build of one site dir (a freshness `Stamp` naming the dir)."""

    def __init__(self, path: Path, site_dir: Path):
        self.path, self.site_dir, self.record = path, site_dir, Stamp(path)

    def unchanged(self, inputs: Inputs) -> bool:
        """True when the last complete build of this site dir read the same inputs and its output is intact."""
        data = self.record.load()
        if not data or data.get("site") != str(self.site_dir.resolve()) or data.get("inputs") != inputs.digest:
            return False  # decided before walking site/
        outputs = site_outputs(self.site_dir)
        return outputs is not None and self.record.matches(inputs.digest, outputs) is not None

    def save(self, inputs: Inputs, started_ns: int) -> None:
        """Record a complete build that began at `started_ns` (none when an input changed just before)."""
        outputs = site_outputs(self.site_dir)
        if outputs is None or not trustworthy(inputs, started_ns):
            self.forget()
            return
        self.record.save(inputs.digest, outputs, {"site": str(self.site_dir.resolve())}, [])

    def forget(self) -> None:
        self.record.forget()
