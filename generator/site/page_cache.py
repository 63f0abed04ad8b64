"""MkDocs builds again only the pages whose Markdown or surroundings changed (BRIEFING_PAGE_CACHE).

`mkdocs build` renders every page of the site every time: at 10,000 articles, adding ten
articles costs a full minute of MkDocs for pages whose Markdown the generator left untouched.
This cache keeps, beside the extraction cache (.cache/site-pages/), each page's HTML exactly
as MkDocs wrote it, with what the rest of the build reads from it: its search-index entries,
its anchors, its links to other files, its front matter. The next build hands MkDocs only the
pages it cannot reuse; the others are left out of MkDocs' page loop (marked excluded, MkDocs'
own mechanism for pages it must not build) and copied into site/ at the end, their search
entries put back in their place, their sitemap rows written as MkDocs writes them.

A page is reused only when all of these are what they were when it was built:

- its own Markdown (the bytes of its file; a file whose stat row (size, modification and change
  times, inode, device) is the one recorded when its bytes were last read is not read again: any
  write changes the row) and its path;
- everything every page is rendered with: mkdocs.yml and the configuration it resolves to
  (site_url, nav, theme options, extensions, `extra`), the Markdown of the pages the nav lists
  without a title (the navigation shows the title that Markdown gives them) and the front matter of
  those it lists under a title (Material shows their icon, subtitle or status beside it), the
  environment it reads (SITE_URL, BRIEFING_FAST_RENDER, BRIEFING_FAST_SEARCH; BRIEFING_SEARCH through
  `extra`, which mkdocs.yml sets from it; the
  build date and SOURCE_DATE_EPOCH, which sets it, only when a template of the theme names the date
  or a plugin other than a search is on: `shows_build_date`), the theme overrides
  (site_overrides/) and hooks, the generator's code that runs inside MkDocs (`mkdocs_side_code`:
  generator/site/ and what it imports; the rest of the generator shapes only the Markdown, which
  the page's own key covers), and every installed package's version;
- every file it links to still exists (a link that would now be broken makes MkDocs render the
  page and warn, as a clean build would).

A page MkDocs warned about is never kept (its warning must come back in every build), nor is a
page the nav lists without a title (the navigation's title for it comes from its Markdown, which
MkDocs reads only for a page it builds). A page the nav lists under a title is kept like any other:
its neighbours in the nav, and their titles, are the nav's (in mkdocs.yml). The cache is off for the
rebuilds of `mkdocs serve --dirty` (its first build uses it), and when mkdocs.yml adds a plugin
other than search (a plugin may keep state across pages that a skipped page would not
feed). The site after a build from the cache is byte-identical to a clean build:
tests/test_page_cache.py and tests/test_incremental_site.py compare every file.

Copying every kept page into site/ (and making its folder) costs more than building the few
that changed: at 10,000 pages, hundreds of megabytes. So a build that uses the cache first sets
the last build's site/ aside, in a hidden folder of site/ (MkDocs' clean leaves hidden entries
alone), and at the end leaves each kept page where it was when that file is still the very one
the cache placed there (the same inode, size and modification time, recorded in the index),
deletes the rest of the old files, and moves this build's files in beside them. Any other kept
page is placed from the cache. A build that fails, or does not use the cache, discards the
folder set aside, so it never outlives a build.

The cache's file of a page is not a second copy: it is the file MkDocs wrote in site/, filed in
the cache under a second name (a hard link) at the end of the build, and a kept page gone from
site/ is placed back the same way (a copy where the file system has no hard links). Writing each
page twice was a sixth of a cold build. MkDocs writes a page it builds as a new file (into an empty
site/, or, in a --dirty build, after the hook gives up the shared name: `unshare`), and a file
changed through either name in any other way has another time or size than the cache recorded
(`blob_stamp`, `placed`), so a shared file is never reused once changed.

The other files MkDocs copies into site/ as they are (the theme's assets, the feeds and exports
the generator writes: 600 files and 44 MB at 10,000 articles, copied by every build) are kept
in place the same way: a file whose source has the stat row it had when the last build copied
it (so the same bytes), and whose copy in the last site/ is still the one that build placed, is
left out of MkDocs' copying and stays where it is (copied from its source if its copy is gone).
"""
from __future__ import annotations

import ast
import copy
import hashlib
import json
import logging
import math
import operator
import os
import pickle
import posixpath
import re
import shutil
import stat
import sys
import threading
import time
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path, PurePath
from functools import lru_cache
from urllib.parse import unquote, urljoin, urlsplit

from mkdocs import utils
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page

from generator import settings
from generator.site import search_json
from generator.site.owners import gone, owner
from generator.speed.freshness import code_fingerprint, file_stamp
from generator.speed.collector import gc_paused_if
from generator.speed.site_stamp import installed_packages
from generator.write.journal import atomic_write, settled

log = logging.getLogger("mkdocs.hooks.briefing")

FORMAT = 6  # bump when what a record holds changes
# An index's later builds write only the pages they changed (a delta) while those are at most this share
# of the index (or DELTA_MIN pages); more, and the whole index is written again
DELTA_SHARE = 10
DELTA_MIN = 200
KEEP = 3  # indexes kept: `mkdocs build` and `mkdocs serve` (one), another address, another search
SEARCH_PLUGINS = ("search", "material/search")
PREVIOUS = ".briefing-previous-build"  # the last build's site/, set aside inside site/ (hidden: MkDocs keeps it)
# The environment a page's HTML can depend on. Other BRIEFING_* variables shape the generator's
# Markdown (which a page's key covers byte for byte) or only how fast or where a build runs.
# BRIEFING_SEARCH is not one: mkdocs.yml reads it (`extra.search_backend: !ENV`), and the resolved
# configuration is in the key, so a build that sets it to the default and a server that leaves it
# unset share their pages.
ENVIRONMENT = ("SITE_URL", "SOURCE_DATE_EPOCH", "BRIEFING_FAST_RENDER", "BRIEFING_FAST_SEARCH")
DATE_ENVIRONMENT = ("SOURCE_DATE_EPOCH",)  # a page depends on it only where it can show the build's date
_DATED = re.compile(rb"build_date_utc|update_date")  # how a template names the build's date
_TEMPLATE_SUFFIXES = (".html", ".htm", ".xml", ".j2", ".jinja", ".jinja2", ".txt")
_LOGGERS = ("mkdocs.structure.pages", "mkdocs.structure.nav", "mkdocs.commands.build")  # they name pages
_UNSEEN = object()
_UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError, IndexError)
# the links of a page's HTML: `href=` or `src=` after a character that is not a word character, then the
# link up to a quote, "#" or "?". One pattern per attribute: each starts with its literal name, which
# the regular expression engine finds with a fast scan (one alternation pattern was tried at every
# position of the page: 4.4 ms for a 120 kB actor page, against 0.8 ms)
_LINKS = (re.compile(r"""href=["']([^"'#?]+)"""), re.compile(r"""src=["']([^"'#?]+)"""))
_WORD = re.compile(r"\w")
_DOC_FILE_MESSAGE = re.compile(r"^Doc file '([^']+)'")
_EXCLUDED_TARGET = re.compile(r"^Doc file '[^']+' contains a link to '([^']+)' which is excluded from the built site\.$")
_EXCLUDED_IN_NAV = re.compile(r"^A reference to '([^']+)' is included in the 'nav' configuration, but this file is "
                              r"excluded from the built site\.$")


@dataclass
class Record:
    """One page as MkDocs last built it."""

    key: str  # digest of the page's Markdown, its path and everything every page is rendered with
    blob: str | None  # file name of its HTML under the cache folder (None: MkDocs wrote nothing)
    size: int
    meta: str | dict  # its front matter as JSON text (_front_text), or the mapping when JSON would not give it back
    anchors: tuple[str, ...]  # sorted
    anchor_links: tuple[tuple[str, str, str], ...]  # (target src_uri, anchor, the link as written)
    targets: tuple[str, ...]  # src_uri of every file its content links to
    search: list[dict] = field(default_factory=list)
    placed: tuple[int, int, int] | None = None  # file_stamp of the file the last build left in site/
    source_row: tuple | None = None  # the Markdown file's stat row when `key` was worked out from its bytes
    blob_stamp: tuple[int, int] | None = None  # size and mtime of its HTML in the cache (_blob_stamp)


# A record is kept in the index as a plain tuple of its fields: pickle makes and reads a dataclass
# instance through Python code, a tuple in C (at 10,000 articles, 18,000 records: 0.8 s less per build).
_RECORD_FIELDS = tuple(f.name for f in fields(Record))
_record_row = operator.attrgetter(*_RECORD_FIELDS)


def _collector_paused():
    """Reading or writing the index makes or visits hundreds of thousands of objects and frees none:
    the cyclic collector's passes over them, not pickle, were most of the time (BRIEFING_PAUSE_GC)."""
    return gc_paused_if(settings.current().pause_gc)


def _rows(pages: dict[str, Record]) -> dict[str, tuple]:
    return {src_uri: _record_row(record) for src_uri, record in pages.items()}


def _records(rows) -> dict[str, Record]:
    if not isinstance(rows, dict):
        raise TypeError("pages")
    return {src_uri: Record(*row) for src_uri, row in rows.items()}


def _plain_json(value) -> bool:
    """Made of exactly what JSON gives back as it was: dicts with str keys, lists, str, int, finite
    float, bool and None, of those very types (a str subclass or an IntEnum would come back plain)."""
    kind = type(value)
    if kind is dict:
        return all(type(k) is str and _plain_json(v) for k, v in value.items())
    if kind is list:
        return all(_plain_json(v) for v in value)
    if kind is float:
        return math.isfinite(value)
    return kind in (str, int, bool) or value is None


def _front_text(meta) -> str | dict:
    """A page's front matter as a record keeps it: JSON text when it is plain JSON data (nearly
    always: it came from YAML), else a copy of the mapping. At 10,000 articles the index holds
    18,000 front matters; as text, reading them takes a hundredth of the time it takes as nested
    mappings, and most of them are never read (see KeptPage.meta)."""
    meta = dict(meta or {})
    if _plain_json(meta):
        try:
            return json.dumps(meta, ensure_ascii=False, separators=(",", ":"))
        except ValueError:  # an int too long for Python to print
            pass
    return copy.deepcopy(meta)


def _front_mapping(front: str | dict) -> dict:
    """The mapping a record's front matter stands for (a new one each time: callers may change it)."""
    return json.loads(front) if isinstance(front, str) else copy.deepcopy(front)


@dataclass(frozen=True)
class StaticRecord:
    """A file MkDocs copied into site/ as it is (not a page), as the last build left it."""

    source: str  # the file it was copied from
    row: tuple  # that file's stat row then (_source_row): while it is the same, so are its bytes
    placed: tuple[int, int, int] | None  # file_stamp of the copy in site/


def _source_row(path, now: int) -> tuple | None:
    """A source file's stat row (size, modification and change times, inode, device): any write,
    replacement or touch changes it, so while it is the same the file's bytes are. None when the
    file was written so shortly before `now` that a further write in the same clock tick could keep
    its times (the generator writes the pages MkDocs reads a moment later), or cannot be read."""
    try:
        st = os.stat(path)
    except (OSError, TypeError):
        return None
    if not settled(st, now):
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def _hrefs(html: str) -> set[str]:
    """Every link `href="..."` or `src="..."` of the HTML names (a page links to most of its targets
    often: each once). Where one attribute's value holds the other's name ("/src=x"), both are
    found: the page then depends on one more file, never on one less."""
    found: set[str] = set()
    word = _WORD.match
    for pattern in _LINKS:
        for m in pattern.finditer(html):
            at = m.start()
            if at == 0 or not word(html, at - 1):
                found.add(m.group(1))
    return found


def link_key(base: str, href: str) -> tuple[str, ...]:
    """What the target of link `href` from a page in folder `base` depends on: for a link whose
    leading `../` climb out of the folder, the folder they climb to and the rest of the link.
    Every page has a folder of its own, and the pages of one section link to the same pages with
    the same hrefs (`../../actors/x/` from any article): one key for all of them. Two such links
    with one key resolve alike (`normpath` of the folder's parts then the rest's; `base` is a
    page's folder URL, relative, no `.` or `..` in it); any other link keeps (base, href), a key
    of another length, so the two kinds never meet (`..//x` is not `/x`)."""
    up = 0
    while href.startswith("../", up * 3):
        up += 1
    folders = base.rstrip("/").split("/") if base.strip("/") else []
    if not up or up > len(folders):
        return base, href
    return "..", "/".join(folders[:len(folders) - up]), href[up * 3:]


def set_aside(site_dir) -> Path | None:
    """Move the last build's site/ into a hidden folder of it, where MkDocs' clean does not look;
    None when there is nothing to set aside. The build's end (PageCache.finish) takes its kept
    pages back from there."""
    site = Path(site_dir)
    previous = site / PREVIOUS
    discard_previous(site)  # a failed build's
    try:
        entries = [e for e in os.listdir(site) if not e.startswith(".")]
    except OSError:
        return None
    if not entries:
        return None
    previous.mkdir()
    for entry in entries:
        os.replace(site / entry, previous / entry)
    return previous


def discard_previous(site_dir) -> None:
    """Remove a folder set aside by a build that did not finish (never left in a published site)."""
    previous = Path(site_dir) / PREVIOUS
    if previous.is_dir() and not previous.is_symlink():
        shutil.rmtree(previous, ignore_errors=True)
    elif previous.exists() or previous.is_symlink():
        previous.unlink(missing_ok=True)


def _plain(value):
    """A configuration value as JSON-able data (objects by their type: their options are elsewhere)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return type(value).__name__


def _tree_digest(top: Path, h) -> None:
    for folder, dirs, names in os.walk(top):
        dirs.sort()
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in sorted(names):
            path = Path(folder) / name
            h.update(path.relative_to(top).as_posix().encode("utf-8", "surrogateescape") + b"\0")
            try:
                h.update(path.read_bytes())
            except OSError:
                h.update(b"unreadable")


def _portable(folder: Path, config_file: Path | None) -> str:
    """A folder named so that moving the project (or the virtual environment) keeps the cache."""
    folder = folder.resolve()
    for top in ([config_file.parent.resolve()] if config_file else []) + _site_packages():
        if folder.is_relative_to(top):
            return folder.relative_to(top).as_posix()
    return str(folder)


def _site_packages() -> list[Path]:
    return [Path(p).resolve() for p in sys.path if p.endswith("site-packages")]


@lru_cache(maxsize=1)
def _packages_running() -> str:
    """The installed packages as this process found them when it first built: the code a long-lived
    process (`mkdocs serve`) renders with, whatever is installed later. Listing them reads the
    metadata of every installed package, a fifth of a second each rebuild."""
    return installed_packages()


# The index each process last wrote or read, by file: (its file_stamp, surroundings, pages, static
# files). A serving process reads back its own index on every rebuild otherwise: 56 MB, 0.3 s at
# 10,000 pages (1.5 s before its records were kept as tuples).
# The stamp is UNSAVED while a save is deferred (finish(..., save_later=True)).
_REMEMBERED: dict[Path, tuple] = {}
UNSAVED = ("unsaved",)
SAVE_AFTER = 3.0  # seconds a deferred save waits: a rebuild meanwhile saves its own pages instead
_saving = threading.Lock()  # held while a record changes or an index is written
_SERIALISED = search_json.SerialisedEntries()  # a serving process's pages' search entries as JSON
_deferred: dict[Path, threading.Timer] = {}  # index file -> the save of it not yet done
_builds_under_way = 0  # rebuilds of a serving process now under way (`rebuilding`): a deferred save waits
_counting = threading.Lock()  # for that count (not _saving, which a save holds while it pickles)
HELD_AT_MOST = 20  # times a deferred save waits SAVE_AFTER again for a rebuild to end (then it saves)


@contextmanager
def rebuilding():
    """Under `mkdocs serve`, around each rebuild (the hook's builder): a deferred save of the index
    that falls due meanwhile waits until it is over. Pickling the index holds the interpreter for
    up to a second at 10,000 pages, and the rebuild of an edit saved about three seconds after the
    last build (the first, say) took 2.4 s instead of 1.3 s sharing it."""
    global _builds_under_way
    with _counting:
        _builds_under_way += 1
    try:
        yield
    finally:
        with _counting:
            _builds_under_way -= 1


def save_deferred_now() -> int:
    """Write at once every index whose save is deferred (a server stopping: the timer would only make
    it wait); returns how many."""
    with _saving:
        timers = list(_deferred.values())
    for timer in timers:
        timer.cancel()
        try:
            # _save_deferred: saves it unless a newer build took its place, at once (as one that waited its most)
            timer.function(*timer.args, held=HELD_AT_MOST)
        except Exception as exc:  # noqa: BLE001  (the server's own clean-up still runs; the next start rebuilds)
            log.warning(f"Briefing archive: the page cache's index could not be written ({exc})")
    return len(timers)


def _index_file(folder: Path, surroundings_digest: str) -> Path:
    """One index per set of surroundings (`mkdocs build` and `mkdocs serve` share one: see `surroundings`)."""
    return folder / f"index-{surroundings_digest[:20]}.pickle"


def _delta_file(index_file: Path) -> Path:
    """The pages an index's later builds changed (`PageCache._save`), beside it."""
    return index_file.with_suffix(".delta")


def _index_stamp(index_file: Path) -> tuple:
    return file_stamp(index_file), file_stamp(_delta_file(index_file))


def _index_data(index_file: Path, surroundings_digest: str | None) -> tuple[dict, tuple] | None:
    """(the index's data with its delta applied, its base: (id, rows as the index file holds them)), or
    None when it is missing, damaged or for other surroundings (None: any). A delta made for another
    base (one written since, by another build) is left out: it is only a build that reuses less."""
    data = pickle.loads(index_file.read_bytes())
    if (not isinstance(data, dict) or data.get("format") != FORMAT
            or (surroundings_digest is not None and data.get("surroundings") != surroundings_digest)):
        return None
    base_rows = data.get("pages", {})
    if not isinstance(base_rows, dict):
        raise TypeError("pages")
    base = (data.get("id"), base_rows)
    try:
        delta = pickle.loads(_delta_file(index_file).read_bytes())
    except _UNREADABLE:
        return data, base
    if not (isinstance(delta, dict) and delta.get("format") == FORMAT and data.get("id") is not None
            and delta.get("base") == data["id"] and isinstance(delta.get("pages"), dict)):
        return data, base
    rows = {**base_rows, **delta["pages"]}
    for src_uri in delta.get("removed", ()):
        rows.pop(src_uri, None)
    return {**data, **{k: v for k, v in delta.items() if k not in ("base", "removed")}, "pages": rows}, base


def _read_index(index_file: Path, surroundings_digest: str) -> tuple[dict, dict, tuple | None]:
    """The pages and static files an index holds, by src_uri, and its base (see `_index_data`) ({}, {},
    None when it is missing, damaged or for other surroundings); kept in memory while its files are
    the ones read (or written) last."""
    remembered = _REMEMBERED.get(index_file)
    if remembered is not None and remembered[1] == surroundings_digest and (
            remembered[0] is UNSAVED or remembered[0] == _index_stamp(index_file)):
        return remembered[2], remembered[3], remembered[4]  # the files this process wrote or read last
    try:
        stamp = _index_stamp(index_file)
        with _collector_paused():
            found = _index_data(index_file, surroundings_digest)
            if found is None:
                return {}, {}, None
            data, base = found
            pages, static = _records(data.get("pages", {})), data.get("static", {})
    except _UNREADABLE:
        return {}, {}, None
    if stamp[0] is not None and stamp == _index_stamp(index_file):  # not replaced while they were read
        _remember(index_file, stamp, surroundings_digest, pages, static, base)
    return pages, static, base


def read_ahead(folder: Path, config, previewing: bool = False) -> None:
    """Read the index this build will ask for into memory now (an MkDocs started before the pages are
    written reads it while it waits: 0.3 s at 10,000 pages). Its surroundings are worked out again
    when the build asks: if the generator changed them meanwhile (the front matter of a page the nav
    lists), that build reads its own index."""
    digest = surroundings(config, previewing)
    _read_index(_index_file(folder, digest), digest)


def _remember(index_file: Path, stamp, surroundings_digest: str, pages: dict, static: dict, base) -> None:
    """This process's index, in place of any other it kept (one at a time: 56 MB at 10,000 pages)."""
    _REMEMBERED.clear()
    _REMEMBERED[index_file] = (stamp, surroundings_digest, pages, static, base)


_GENERATOR = Path(__file__).resolve().parent.parent  # the generator package


def _module_file(name: str) -> Path | None:
    """The file of a module of the generator package (a package's __init__.py), None for any other."""
    if name != "generator" and not name.startswith("generator."):
        return None
    base = _GENERATOR.parent.joinpath(*name.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _type_checking(test: ast.expr) -> bool:
    """`if TYPE_CHECKING:` (or `typing.TYPE_CHECKING`): a block only type checkers read."""
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


_parsed: dict[str, tuple[tuple[int, ...], tuple[frozenset[str], frozenset[str]]]] = {}
# What _imports read, kept between processes beside Python's own compiled files (parsing the 33 files
# was 0.1-0.2 s of every `mkdocs build`, up to an eighth of one that builds a page at 1,000 articles).
# Not written where Python writes no bytecode (PYTHONDONTWRITEBYTECODE) or cannot (a read-only install).
_PARSED_FILE = Path(__file__).with_name("__pycache__") / f"side-imports.{sys.implementation.cache_tag}.pickle"
_PARSED_FORMAT = 2


def _load_parsed() -> None:
    """What an earlier process parsed, each entry as `_imports` keeps it; anything else is left out
    (a damaged file only means parsing again)."""
    try:
        data = pickle.loads(_PARSED_FILE.read_bytes())
        files = data["files"] if isinstance(data, dict) and data.get("format") == _PARSED_FORMAT else {}
        for name, kept in files.items():
            stamp, (top, inner) = kept
            if (isinstance(name, str) and type(stamp) is tuple and len(stamp) == 5
                    and all(type(n) is int for n in stamp) and type(top) is frozenset
                    and type(inner) is frozenset and all(type(m) is str for m in top | inner)):
                _parsed.setdefault(name, (stamp, (top, inner)))
    except Exception:  # noqa: BLE001  (any damage: parse again)
        return


def _save_parsed(paths) -> None:
    """Keep what was parsed of `paths` (the modules found now: a module removed since is left out)."""
    if sys.dont_write_bytecode:
        return
    files = {str(p): _parsed[str(p)] for p in paths if str(p) in _parsed}
    try:
        atomic_write(_PARSED_FILE, pickle.dumps({"format": _PARSED_FORMAT, "files": files},
                                                protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass


def _imports(path: Path) -> tuple[frozenset[str], frozenset[str]]:
    """The generator modules `path` imports: (when it is imported: its top level and class bodies,
    inside functions). Read again only when the file's stat row changed (`_source_row`: any write
    changes it; a file written in the last clock tick is read every time). A relative import raises
    ValueError: the generator spells its imports out, and this reading would not follow one."""
    stamp = _source_row(path, time.time_ns())
    kept = _parsed.get(str(path))
    if stamp is not None and kept is not None and kept[0] == stamp:
        return kept[1]
    tree = ast.parse(path.read_bytes(), filename=str(path))
    top: set[str] = set()
    inner: set[str] = set()

    def visit(node, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking(child.test):
                visit(ast.Module(body=child.orelse, type_ignores=[]), in_function)  # the `else:` runs
                continue
            names: list[str] = []
            if isinstance(child, ast.Import):
                names = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    raise ValueError(f"{path}: a relative import")
                # `from generator.render import charts`: the package, and charts if it is a module
                names = [child.module] + [f"{child.module}.{alias.name}" for alias in child.names]
            found = inner if in_function else top
            found.update(n for n in names if _module_file(n) is not None)
            visit(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))

    visit(tree, False)
    result = (frozenset(top), frozenset(inner))
    if stamp is not None:
        _parsed[str(path)] = (stamp, result)
    return result


def mkdocs_side_code() -> list[Path]:
    """The generator's files that run inside MkDocs and shape what it writes: every module of
    generator/site/ and, in turn, every generator module one of them imports when it is imported
    (and the packages above it). Modules they import inside a function are left out: those run
    the generator before a build (hook.py imports generator.build), and the generator writes
    Markdown, which each page's key covers byte for byte; tests/test_page_cache.py names each such
    import, and checks the list against what an MkDocs build loads. Raises OSError, SyntaxError or
    ValueError when a file cannot be read (a half-saved edit): see side_code_digest."""
    names = {f"generator.site.{p.stem}" for p in (_GENERATOR / "site").glob("*.py")
             if p.stem.isidentifier() and p.stem != "__init__"}  # not an editor's lock or backup file
    names.add("generator.site")
    if not _parsed:
        _load_parsed()
    parsed_before = dict(_parsed)
    found: dict[str, Path] = {}
    while names:
        name = names.pop()
        if name in found or (path := _module_file(name)) is None:
            continue
        found[name] = path
        parts = name.split(".")
        names.update(".".join(parts[:i]) for i in range(1, len(parts)))  # the packages above it run first
        names |= _imports(path)[0]
    if _parsed != parsed_before:
        _save_parsed(found.values())
    return sorted(found.values())


def side_code_digest() -> str | None:
    """code_fingerprint of mkdocs_side_code(); None when it cannot be worked out (a file half saved,
    or gone midway through a `git pull`): then no page is kept or reused."""
    try:
        return code_fingerprint(mkdocs_side_code())
    except (OSError, SyntaxError, ValueError):
        return None


# The MkDocs side's code as this process imported it: a long-lived `mkdocs serve` renders with that
# code whatever the files say later, so its pages are recorded under it, and while the files differ
# it uses no cache at all (why_not): pages kept under the new code's key would be the old code's.
RUNNING_SIDE_CODE = side_code_digest()


def shows_build_date(config) -> bool:
    """Whether a page's HTML can show the build's date: a template of the theme names it
    (`build_date_utc`, a page's `update_date`: MkDocs' own themes print it in every footer; Material
    does not), or a plugin other than a search may (it could put it in a page). The date is then
    part of every page's key, and so is SOURCE_DATE_EPOCH, which sets it; otherwise a new day, or a
    new commit (`make site` takes SOURCE_DATE_EPOCH from the last one), would build every page
    again for nothing."""
    if any(not (name in SEARCH_PLUGINS or name.startswith("hooks/")) for name in config.plugins):
        return True
    every_build = set(config.theme.static_templates)  # the sitemap (it lists the dates), 404.html: built
    for folder in config.theme.dirs:  # every time, never taken from the cache
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]  # Material's 14,000 icons
            for name in filenames:
                if not name.endswith(_TEMPLATE_SUFFIXES):
                    continue
                if os.path.relpath(os.path.join(dirpath, name), folder).replace(os.sep, "/") not in every_build:
                    try:
                        with open(os.path.join(dirpath, name), "rb") as fh:
                            if _DATED.search(fh.read()):
                                return True
                    except OSError:
                        return True
    return False


def surroundings(config, previewing: bool = False) -> str:
    """Digest of everything every page is rendered with (see the module docstring). `mkdocs serve`
    (`previewing`) renders pages as `mkdocs build` does (the hook gives it the published address),
    except where mkdocs.yml names drafts: only a preview builds those, and other pages link to them.
    `strict` is left out: it decides whether a warning fails the build, and a page MkDocs warned
    about is never kept."""
    h = hashlib.sha256(f"page-cache {FORMAT}\0{sys.version}\0".encode())
    config_file = Path(config.config_file_path) if config.config_file_path else None
    if config_file is not None and config_file.is_file():
        h.update(config_file.read_bytes())
    resolved = {key: _plain(config.get(key)) for key in (
        "site_name", "site_url", "site_description", "site_author", "copyright", "repo_url", "repo_name",
        "edit_uri", "edit_uri_template", "use_directory_urls", "nav", "extra", "extra_css", "extra_javascript",
        "extra_templates", "markdown_extensions", "mdx_configs", "exclude_docs", "draft_docs", "not_in_nav",
        "validation")}
    resolved["theme"] = {"name": config.theme.name, "options": _plain(dict(config.theme)),
                         "dirs": [_portable(Path(d), config_file) for d in config.theme.dirs]}
    resolved["plugins"] = sorted(config.plugins)
    resolved["drafts previewed"] = bool(previewing and config.get("draft_docs"))
    dated = shows_build_date(config)
    environment = {k: v for k, v in os.environ.items() if k in ENVIRONMENT and (dated or k not in DATE_ENVIRONMENT)}
    h.update(json.dumps([resolved, sorted(environment.items()), utils.get_build_date() if dated else None],
                        sort_keys=True, default=str).encode())
    site_packages = _site_packages()
    for folder in config.theme.dirs:  # the overrides and any theme folder outside the installed packages
        path = Path(folder).resolve()
        if not any(path.is_relative_to(sp) for sp in site_packages):
            h.update(f"\0theme {_portable(path, config_file)}\0".encode())
            _tree_digest(path, h)
    if config_file is not None:
        for hook in config.get("hooks") or ():
            hook_path = (config_file.parent / hook)
            if hook_path.is_file():
                h.update(hook_path.read_bytes())
    h.update(_packages_running().encode())
    h.update((RUNNING_SIDE_CODE or "unreadable").encode())
    docs_dir = Path(config.docs_dir) if config.get("docs_dir") else None
    for src, titled in _nav_pages(config.get("nav")):
        source = docs_dir / src if docs_dir is not None else None
        h.update(f"\0nav {src}\0".encode("utf-8", "surrogateescape"))
        if source is not None and source.is_file():
            h.update(_front_matter(source) if titled else source.read_bytes())
    return h.hexdigest()


def _front_matter(source: Path) -> bytes:
    """What every page's navigation shows of a page the nav lists under a title: its front matter
    (Material shows its `icon`, `subtitle` and `status` beside the title), as MkDocs reads it."""
    try:
        data = source.read_bytes()
        _, front = utils.meta.get_data(data.decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return b"unreadable"
    return json.dumps(front, sort_keys=True, default=str).encode("utf-8", "surrogatepass")


def _nav_pages(nav) -> list[tuple[str, bool]]:
    """(src_uri, titled) for every page mkdocs.yml's `nav:` lists: `Home: index.md` is titled,
    `- notes.md` is not (the navigation then shows the title its Markdown gives it)."""
    found: list[tuple[str, bool]] = []

    def walk(item, titled: bool) -> None:
        if isinstance(item, str):  # spelled as MkDocs looks it up (`./notes.md`, `/notes.md`: notes.md)
            found.append((PurePath(item).as_posix().lstrip("/"), titled))
        elif isinstance(item, dict):
            for value in item.values():
                walk(value, True)  # a string here is a page under its title
        elif isinstance(item, list):
            for value in item:
                walk(value, False)

    walk(nav, False)
    return found


def _untitled_nav_pages(nav) -> list[str]:
    """The pages the nav lists without a title: the navigation on every page shows the title their
    Markdown gives them, so a page kept from the cache must be built again when one of them changes."""
    return [src for src, titled in _nav_pages(nav) if not titled]


def why_not(config, command: str | None, dirty: bool, first_build: bool) -> str | None:
    """Why this build cannot use the page cache (None: it can)."""
    if command not in ("build", "gh-deploy", "serve"):
        return f"`mkdocs {command}` builds no site"
    if dirty and not first_build:
        return "a --dirty rebuild builds only the pages that changed"
    if RUNNING_SIDE_CODE is None or side_code_digest() != RUNNING_SIDE_CODE:
        return "the generator's code that runs in MkDocs changed since this process started, or cannot be read"
    if not config.get("nav"):
        return "mkdocs.yml has no nav: every page is in it"
    others = [name for name in config.plugins if name not in SEARCH_PLUGINS and not name.startswith("hooks/")
              and not name.endswith(".py")]
    if others:
        return f"mkdocs.yml adds the plugin(s) {', '.join(others)}"
    return None


class _QuietAboutReused(logging.Filter):
    """MkDocs notes each link to a page it did not build ("which is excluded from the built site"):
    for a page taken from the cache that is no news, and a clean build says nothing of the kind."""

    def __init__(self, cache: PageCache) -> None:
        super().__init__()
        self.cache = cache

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        m = _EXCLUDED_TARGET.match(message) or _EXCLUDED_IN_NAV.match(message)
        if m and m.group(1).replace(os.sep, "/") in self.cache.quiet:
            return False
        m = _DOC_FILE_MESSAGE.match(message)
        if m and record.levelno >= logging.INFO:
            self.cache.noisy.add(m.group(1))
        return True


class _Excluded:
    """The src_uris the cache leaves out of MkDocs' build (pages it reuses, files left in place): a
    link to one is no news, though MkDocs notes each ("which is excluded from the built site")."""

    def __init__(self, cache: PageCache) -> None:
        self.cache = cache

    def __contains__(self, src_uri) -> bool:
        return src_uri in self.cache.reused or src_uri in self.cache.kept_static


def _copied_as_is(file) -> bool:
    """A file MkDocs copies from a file on disk (not one a plugin gave its content)."""
    return file.abs_src_path is not None and getattr(file, "generated_by", None) is None


# A page URL urljoin leaves as it is when joined to the site's address: path segments, none of them
# empty, "." or "..", and nothing that could start a scheme, a query or a fragment.
_PLAIN_URL = re.compile(r"(?:(?!\.\.?/)[^/?#:\\]+/)*(?:(?!\.\.?$)[^/?#:\\]+)?")


@lru_cache(maxsize=8)
def _plain_base(base: str) -> str | None:
    """The path of the site's address when urljoin(base, url) is base + url for a plain `url`; else None."""
    parts = urlsplit(base)
    if parts.query or parts.fragment or urljoin(base, "a/b.html") != base + "a/b.html":
        return None
    return parts.path


class KeptPage(Page):
    """The Page MkDocs would make for a kept page (its sitemap row and the anchor checks of other
    pages' links read it), with the canonical URL worked out as a string when the URL is a plain
    path: urljoin and urlsplit, parsing the address anew for each of 17,900 pages, were most of
    making them. Any other URL goes the way MkDocs goes (tests/test_page_cache.py compares both
    for plain and odd addresses and paths). Its `meta` is its record's front matter, read from the
    record's JSON text when something first asks for it (nothing MkDocs or Material does with a page
    it does not build reads it, but a theme or hook may)."""

    _front: str | dict | None = None
    _meta: dict | None = None

    @property
    def meta(self) -> dict:
        if self._meta is None:
            self._meta = _front_mapping(self._front) if self._front is not None else {}
            self._front = None
        return self._meta

    @meta.setter
    def meta(self, value) -> None:
        self._meta, self._front = value, None

    def keep_front(self, front: str | dict) -> None:
        """Its front matter, as a record keeps it (_front_text), made a mapping when first read."""
        self._meta, self._front = None, front

    def _set_canonical_url(self, base: str | None) -> None:
        if base:
            base = base if base.endswith("/") else base + "/"
            path = _plain_base(base)
            url = self.url
            if path is not None and _PLAIN_URL.fullmatch(url):
                self.canonical_url = base + url
                self.abs_url = path + url
                return
        super()._set_canonical_url(base)


def _folders_deepest_first(top: str) -> list[tuple[str, list[str], list[tuple[str, bool]]]]:
    """(folder, its files' paths, its folders' paths with whether each is a symbolic link) for `top`
    and every folder under it, each after every folder in it; links are not entered. What
    os.walk(topdown=False) gives, without its lstat of every folder (a directory entry says whether
    it is a link) or its generators nested as deep as the tree: 0.3 s of the end of a build of
    18,000 pages, each in a folder of its own."""
    order = []
    stack = [top]
    while stack:
        folder = stack.pop()
        files, folders = [], []
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    try:
                        is_dir = entry.is_dir()  # a link to a folder too, as os.walk lists it
                    except OSError:
                        is_dir = False
                    if is_dir:
                        folders.append((entry.path, entry.is_symlink()))
                    else:
                        files.append(entry.path)
        except OSError:  # gone meanwhile, or unreadable: as os.walk, nothing of it
            continue
        order.append((folder, files, folders))
        stack.extend(path for path, link in folders if not link)
    order.reverse()  # each folder came before the folders in it
    return order


class PageCache:
    """One build's use of the cache: what it reuses, what it records, and the end of the build."""

    def __init__(self, folder: Path, config, files, previous: Path | None = None, previewing: bool = False) -> None:
        self.folder = folder
        self.previous = previous  # the last build's site/, set aside (set_aside)
        self.config = config
        self.files = files
        self.surroundings = surroundings(config, previewing)
        # the last KEEP indexes are kept, with every page file one of them names
        self.index_file = _index_file(folder, self.surroundings)
        self.untitled_nav = set(_untitled_nav_pages(config.get("nav")))  # never left out: see choose
        self.keys: dict[str, str] = {}  # src_uri -> key, for every page that may be kept
        self.rows: dict[str, tuple | None] = {}  # src_uri -> its Markdown's stat row, if settled (_source_row)
        self.reused: dict[str, Record] = {}
        self.to_build = 0  # pages MkDocs builds (choose)
        self.records: dict[str, Record] = {}  # this build's pages
        self.unfiled: dict[str, str] = {}  # src_uri -> blob: the pages built now, filed at the end
        self.static_rows: dict[str, tuple | None] = {}  # src_uri -> stat row of each file copied as it is
        self.kept_static: dict[str, StaticRecord] = {}  # those left in place (out of MkDocs' copying)
        self.found_in_place: set[str] = set()  # dest_uris of the reused pages found in place by choose (_in_place)
        self.quiet = _Excluded(self)  # the files the cache leaves out, whose links are no news
        self.noisy: set[str] = set()  # pages MkDocs logged something about
        self.search_start: dict[str, int] = {}
        self.search_entries: dict[str, list[dict]] = {}
        self.url_to_src = {self._url(f.url): f.src_uri for f in files}
        self.link_targets: dict[tuple[str, ...], str | None] = {}  # link_key -> src_uri (_targets)
        self.filter = _QuietAboutReused(self)
        self.base: tuple | None = None  # (id, rows) of the index file read (_index_data), for `_save`
        self.pins: Path | None = None  # the file naming the page files this build reuses (_pin)
        for name in _LOGGERS:
            logging.getLogger(name).addFilter(self.filter)

    @staticmethod
    def _url(url: str) -> str:
        return unquote(url).rstrip("/")

    def _load(self) -> tuple[dict[str, Record], dict[str, StaticRecord]]:
        """The last build's pages and static files, by src_uri (and the index's base, for `_save`)."""
        pages, static, self.base = _read_index(self.index_file, self.surroundings)
        return pages, static

    def choose(self) -> int:
        """Leave out of MkDocs' page loop every page that can be reused, and out of its copying every
        static file left in place; returns how many pages."""
        previous, previous_static = self._load()
        present = {f.src_uri for f in self.files if not f.inclusion.is_excluded()}
        self._keep_static(previous_static)
        now = time.time_ns()
        pages = self.files.documentation_pages()
        for file in pages:
            if file.src_uri in self.untitled_nav:  # its title in the nav comes from its Markdown, read only
                continue                           # when MkDocs builds it
            record = previous.get(file.src_uri)
            row = _source_row(file.abs_src_path, now)
            if record is not None and row is not None and record.source_row == row:
                key = record.key  # the same file as when its key was worked out: no need to read it
            else:
                try:
                    source = file.content_bytes
                except OSError:
                    continue
                key = hashlib.sha256(b"\0".join([self.surroundings.encode(),
                                                 file.src_uri.encode("utf-8", "surrogateescape"), source])).hexdigest()
            self.keys[file.src_uri] = key
            self.rows[file.src_uri] = row
            if record is None or record.key != key or not present.issuperset(record.targets):
                continue
            if record.blob is not None and not (self._in_place(file, record) or self._intact(record)):
                continue
            self.reused[file.src_uri] = record
        if pages and all(file.src_uri in self.reused for file in pages):
            # MkDocs dates the compressed sitemap by the pages it builds (by the clock with none):
            # one is built, the smallest, so that the date is a page's, as in a clean build
            del self.reused[min(self.reused, key=lambda src: (self.reused[src].size, src))]
        for file in pages:
            if file.src_uri in self.reused:
                file.inclusion = InclusionLevel.EXCLUDED
        self.to_build = len(pages) - len(self.reused)
        self._pin()
        return len(self.reused)

    def _keep_static(self, previous: dict[str, StaticRecord]) -> None:
        """Each file MkDocs would copy as it is whose source is unchanged since the last build copied
        it is left out of MkDocs' copying (its copy in the last site/ is taken back, _finish)."""
        now = time.time_ns()
        # what MkDocs writes after copying: a file copied to one of these places is written over (or
        # not, if the page or template comes out empty), so it is copied every time, as MkDocs does
        written_over = {f.dest_uri for f in self.files.documentation_pages(inclusion=lambda level: True)}
        written_over.update(self.config.theme.static_templates, self.config.extra_templates)
        for file in self.files:
            if (file.is_documentation_page() or file.inclusion.is_excluded() or not _copied_as_is(file)
                    or file.dest_uri in written_over):
                continue
            row = self.static_rows[file.src_uri] = _source_row(file.abs_src_path, now)
            record = previous.get(file.src_uri)
            if (self.previous is not None and row is not None and record is not None
                    and record.source == file.abs_src_path and record.row == row and record.placed is not None
                    and record.placed[0] == row[0]):  # the copy has the source's size
                self.kept_static[file.src_uri] = record
                file.inclusion = InclusionLevel.EXCLUDED

    def _in_place(self, file, record: Record) -> bool:
        """The page's file in the last site/ (set aside) is the very one the cache placed there: it
        stays where it is (_take_back_previous), and the cache's file of it is not needed."""
        if self.previous is None or record.placed is None:
            return False
        if file_stamp(os.path.join(self.previous, file.dest_uri)) != tuple(record.placed):
            return False
        self.found_in_place.add(file.dest_uri)
        return True

    def _intact(self, record: Record) -> bool:
        """The cache's file of the page is the one it filed: a file shared with a site/ (_place) that
        something wrote through since (not MkDocs: see `unshare`) has another time or size."""
        return record.blob_stamp is not None and _blob_stamp(self.folder / "pages" / record.blob) == record.blob_stamp

    def give_pages(self) -> None:
        """Give each reused file the Page MkDocs would have: its sitemap row and the anchors other
        pages' links are checked against come from it. A page the nav lists has its Page already
        (the navigation's, which every page shows with its front matter's icon or status)."""
        for src_uri, record in self.reused.items():
            file = self.files.src_uris[src_uri]
            page = file.page
            if page is not None:
                page.meta = _front_mapping(record.meta)
            else:
                page = KeptPage(None, file, self.config)
                page.keep_front(record.meta)
            page.present_anchor_ids = set(record.anchors)

    def all_pages(self) -> list:
        """Every page of the site, built now or reused, in MkDocs' order (what the sitemap lists)."""
        return [f for f in self.files.documentation_pages(inclusion=lambda level: True)
                if f.page is not None and (not f.inclusion.is_excluded() or f.src_uri in self.reused)]

    # ------------------------------------------------------------------ while MkDocs builds pages

    def before_page(self, page, search_index) -> None:
        if search_index is not None:
            self.search_start[page.file.src_uri] = len(search_index.entries)

    def after_page(self, page, output: str, search_index) -> None:
        src_uri = page.file.src_uri
        ahead = getattr(page, "briefing_worked_out", None)  # (output, worked_out) from template_ahead.py
        if ahead is not None:
            page.briefing_worked_out = None
        if search_index is not None and src_uri in self.search_start:
            self.search_entries[src_uri] = search_index.entries[self.search_start[src_uri]:]
        key = self.keys.get(src_uri)
        if key is None:  # in the nav, or unreadable
            return
        if page.links_to_anchors is None:  # `-v`: MkDocs checked its anchor links as it went and kept none
            return  # a later build could not check them for a kept copy: built again then
        blob, size, targets, meta = ahead[1] if ahead is not None and ahead[0] is output else self.worked_out(page, output)
        if blob is not None:
            self.unfiled[src_uri] = blob  # taken from site/ once MkDocs wrote it (_file_built_pages)
        anchor_links = tuple(sorted((to_file.src_uri, anchor, original)
                                    for to_file, links in page.links_to_anchors.items()
                                    for anchor, original in links.items()))
        self.records[src_uri] = Record(
            key=key, blob=blob, size=size, meta=meta,
            anchors=tuple(sorted(page.present_anchor_ids or ())), anchor_links=anchor_links,
            targets=targets, search=self.search_entries.get(src_uri, []),
            source_row=self.rows.get(src_uri))

    def worked_out(self, page, output: str) -> tuple[str | None, int, tuple[str, ...], str | dict]:
        """What a page's record takes from its output and HTML: the name of its file in the cache (None
        when MkDocs writes nothing: a blank page), its size, the files it links to, its front matter
        as kept. template_ahead.py's process works it out for the pages it renders (most of MkDocs'
        work on such a page once that process has met it, on one core), and hands it back with the
        output; `after_page` takes it for that very output."""
        # what MkDocs writes (nothing for a blank page); `isspace`, not `strip`: no copy of the page
        data = output.encode("utf-8", errors="xmlcharrefreplace") if output and not output.isspace() else None
        blob = hashlib.sha256(data).hexdigest()[:40] + ".html" if data is not None else None
        return (blob, len(data) if data is not None else 0, tuple(sorted(self._targets(page))),
                _front_text(page.meta))

    def _targets(self, page) -> set[str]:
        """The files the page's content links to (their URLs mapped back to their source files)."""
        base = posixpath.dirname(page.file.url) if not page.file.url.endswith("/") else page.file.url
        found = {page.file.src_uri}
        known = self.link_targets
        for href in _hrefs(page.content or ""):
            key = link_key(base, href)
            src = known.get(key, _UNSEEN)
            if src is _UNSEEN:
                src = known[key] = self._target(base, href)
            if src is not None:
                found.add(src)
        return found

    def _target(self, base: str, href: str) -> str | None:
        """The source file of the page or file `href`, a link from a page in folder `base`, links to."""
        if urlsplit(href).scheme or href.startswith(("/", "//")):
            return None
        target = self._url(posixpath.normpath(posixpath.join(base, href)))
        if target == ".":
            target = ""
        return self.url_to_src.get(target)

    # ------------------------------------------------------------------ after the last page

    def finish(self, search_index, save_later: bool = False) -> None:
        """Copy the reused pages into site/, put their search entries back in MkDocs' order, check their
        links' anchors, and keep this build's pages for the next one.

        With `save_later` (a long-lived process: `mkdocs serve`), the index is written a few seconds
        later, on a thread of its own, unless a rebuild comes first: writing it (pickling 56 MB at
        10,000 pages, most of a second holding the interpreter) would delay the browser's reload,
        and the next rebuild of this process takes the pages from memory anyway. (A server stopped
        with Ctrl-C writes it before it ends; one killed does not, and the next one reuses less.)
        The list of page files it names is written at once, so that no other build's clean-up
        removes them meanwhile."""
        with _saving:
            pending = _deferred.pop(self.index_file, None)
            if pending is not None:  # superseded: this build's pages include what it would save
                pending.cancel()
            self._finish(search_index, save_later)

    def _finish(self, search_index, save_later: bool) -> None:
        site = Path(self.config.site_dir)
        _REMEMBERED.pop(self.index_file, None)  # its records change below: only a saved index is remembered
        in_place = self._take_back_previous(site) if self.previous is not None else set()
        for src_uri, record in self.reused.items():
            if record.blob is None:
                continue
            dest_uri = self.files.src_uris[src_uri].dest_uri
            if dest_uri in in_place:
                continue
            dest = site / dest_uri
            dest.parent.mkdir(parents=True, exist_ok=True)
            try:
                _place(self.folder / "pages" / record.blob, dest)
            except FileNotFoundError:  # found in place when the build began (_in_place), gone since
                raise PluginError(f"Briefing archive: {dest_uri} was removed from the site while it was "
                                  f"built, and the page cache has no copy of it: build again") from None
        for src_uri, static in self.kept_static.items():
            dest_uri = self.files.src_uris[src_uri].dest_uri
            dest = site / dest_uri
            # its copy is gone or changed: copied as MkDocs copies it, before anything else (whatever
            # this build wrote at its place stays)
            if dest_uri not in in_place and not dest.exists():
                dest.parent.mkdir(parents=True, exist_ok=True)
                try:
                    shutil.copyfile(static.source, dest)
                except OSError:  # its source was removed during the build: the next build sees it gone
                    self.static_rows.pop(src_uri, None)
        if search_index is not None:
            pages = []
            for file in self.all_pages():
                record = self.reused.get(file.src_uri)
                pages.append(record.search if record is not None else self.search_entries.get(file.src_uri, []))
            search_index.entries = [entry for entries in pages for entry in entries]
            if save_later and settings.current().fast_search:  # a serving process: the same entries next build
                search_json.write_from(search_index, pages, _SERIALISED)
        self._check_anchors()
        linked = self._file_built_pages(site)
        kept = {src: rec for src, rec in self.records.items() if src not in self.noisy}
        kept.update(self.reused)
        for src_uri, record in kept.items():
            dest_uri = self.files.src_uris[src_uri].dest_uri
            # a page left in place is the very file its `placed` names (_take_back_previous checked it)
            if src_uri in linked:  # the page in site/ is its cache file, stamped as it was filed
                record.placed = linked[src_uri]
            elif src_uri not in self.reused or dest_uri not in in_place:
                record.placed = file_stamp(site / dest_uri) if record.blob else None
            if src_uri in self.reused:
                record.source_row = self.rows.get(src_uri)
        static = self._static_records(site, in_place)
        if save_later:
            _remember(self.index_file, UNSAVED, self.surroundings, kept, static, self.base)
            self._save_refs(kept)
            self._save_later(kept, static)
        else:
            self._save(kept, static)
        self.close()
        log.info(f"Briefing archive: {len(self.reused)} pages reused from the page cache, "
                 f"{len(self.records)} built")

    def _file_built_pages(self, site: Path) -> dict[str, tuple]:
        """File each page built now in the cache: the very file MkDocs wrote in site/, under a second
        name (_place). Writing a second copy of every page as it was built was a sixth of a cold
        `mkdocs build`; a link costs no bytes. A file of the same name already in the cache (the same
        HTML, built before, maybe for another index: another address or setting) is kept when its
        bytes are the page's, so the records that name it stay good, and replaced otherwise (changed
        since). A page whose file cannot be filed is not kept (the next build builds it).

        Returns the file_stamp of each page filed by a new link, taken once: the page in site/ and
        its cache file are then one file (a first build files every page so, with two system calls
        instead of six)."""
        pages = self.folder / "pages"
        if self.unfiled:
            pages.mkdir(parents=True, exist_ok=True)
        folder, site_dir = os.fspath(pages), os.fspath(site)
        linked: dict[str, tuple] = {}
        for src_uri, blob in self.unfiled.items():
            record = self.records.get(src_uri)
            if record is None:
                continue
            path = os.path.join(folder, blob)
            written = os.path.join(site_dir, self.files.src_uris[src_uri].dest_uri)
            try:
                stamp = _link_new(written, path)
                if stamp is None and not _same_bytes(Path(path), Path(written)):  # the same HTML filed before (another index may use it) stays
                    _place(Path(written), Path(path))
            except OSError:  # gone from site/ meanwhile, or the cache cannot be written
                del self.records[src_uri]
                continue
            if stamp is not None:
                linked[src_uri] = stamp
                record.blob_stamp = stamp[:2]
            else:
                record.blob_stamp = _blob_stamp(path)
            if record.blob_stamp is None:
                del self.records[src_uri]
            else:
                record.size = record.blob_stamp[0]
        self.unfiled = {}
        return linked

    def _static_records(self, site: Path, in_place: set[str]) -> dict[str, StaticRecord]:
        """This build's static files as the next build will find them (those whose source was settled)."""
        static = {}
        for src_uri, row in self.static_rows.items():
            if row is None:
                continue
            file = self.files.src_uris[src_uri]
            kept = self.kept_static.get(src_uri)
            placed = kept.placed if kept is not None and file.dest_uri in in_place else file_stamp(site / file.dest_uri)
            static[src_uri] = StaticRecord(file.abs_src_path, row, placed)
        return static

    def _take_back_previous(self, site: Path) -> set[str]:
        """Merge this build's files into the last build's site/ (set aside): keep each reused page
        that is still the file the cache placed, delete every other old file, move this build's
        files in, and put the result back as site/. Returns the pages kept in place (by dest_uri)."""
        previous, self.previous = self.previous, None
        wanted = {}
        for src_uri, record in self.reused.items():
            if record.blob is not None and record.placed is not None:
                wanted[self.files.src_uris[src_uri].dest_uri] = tuple(record.placed)
        for src_uri, static in self.kept_static.items():
            wanted[self.files.src_uris[src_uri].dest_uri] = tuple(static.placed)
        kept: set[str] = set()
        holding: set[str] = set()  # folders left with a kept file in them (bottom-up: known before their parent)
        top_len = len(os.path.join(previous, ""))
        for folder, files, folders in _folders_deepest_first(os.fspath(previous)):
            for path in files:
                rel = path[top_len:].replace(os.sep, "/")  # its path under the folder, as dest_uri spells it
                if rel in wanted and (rel in self.found_in_place or file_stamp(path) == wanted[rel]):
                    kept.add(rel)
                    holding.add(folder)
                else:
                    os.unlink(path)
            for path, link in folders:
                if link:
                    os.unlink(path)
                elif path in holding:
                    holding.add(folder)
                else:  # every file in it is gone, and every folder
                    try:
                        os.rmdir(path)
                    except OSError:  # something came in meanwhile: no kept file, so it goes too
                        shutil.rmtree(path, ignore_errors=True)
        # A kept page wins over a file this build wrote at its place, as it would if copied last; a
        # file MkDocs wrote wins over a kept static file, which MkDocs copies before anything else.
        static_dests = {self.files.src_uris[src_uri].dest_uri for src_uri in self.kept_static}

        def built_wins(rel: str) -> bool:
            if rel not in kept:
                return True
            if rel in static_dests:
                kept.discard(rel)
                return True
            return False

        site_len = len(os.path.join(site, ""))
        for entry in [e for e in os.listdir(site) if not e.startswith(".")]:
            top = site / entry
            if top.is_file() or top.is_symlink():
                if built_wins(entry):
                    os.replace(top, previous / entry)
                else:
                    top.unlink()
                continue
            for folder, _, names in os.walk(top):
                rel_folder = folder[site_len:]
                prefix = rel_folder.replace(os.sep, "/") + "/"
                if names:
                    os.makedirs(os.path.join(previous, rel_folder), exist_ok=True)
                for name in names:
                    if built_wins(prefix + name):
                        os.replace(os.path.join(folder, name), os.path.join(previous, rel_folder, name))
            shutil.rmtree(top)
        for entry in os.listdir(previous):
            os.replace(previous / entry, site / entry)
        os.rmdir(previous)
        return kept

    def _pin(self) -> None:
        """Name the page files this build reuses in a file of its own until it ends (close): another
        process's clean-up (`_collect_garbage`: a `make site` while a server runs, both writing the
        same index and its list of files) keeps them, though the list it reads is the other's."""
        names = "".join(f"{rec.blob}\n" for rec in self.reused.values() if rec.blob)
        self.pins = self.folder / f"pins-{owner()}"
        try:
            atomic_write(self.pins, names.encode())
        except OSError:
            self.pins = None

    def close(self) -> None:
        """Stop listening to MkDocs' log (at the end of the build, or when it failed)."""
        if self.previous is not None:  # the build failed before taking the last one's pages back
            discard_previous(self.previous.parent)
            self.previous = None
        if self.pins is not None:
            self.pins.unlink(missing_ok=True)
            self.pins = None
        for name in _LOGGERS:
            logging.getLogger(name).removeFilter(self.filter)

    def _check_anchors(self) -> None:
        """The anchor check MkDocs makes of the pages it builds, for the links of the reused ones."""
        level = self.config.validation.links.anchors
        for src_uri, record in self.reused.items():
            for target, anchor, original in record.anchor_links:
                to_file = self.files.src_uris.get(target)
                page = to_file.page if to_file is not None else None
                if page is None or page.present_anchor_ids is None or anchor in page.present_anchor_ids:
                    continue
                problem = ("there is no such anchor on this page" if target == src_uri
                           else f"the doc '{target}' does not contain an anchor '#{anchor}'")
                logging.getLogger("mkdocs.structure.pages").log(
                    level, f"Doc file '{src_uri}' contains a link '{original}', but {problem}.")

    def _save_later(self, pages: dict[str, Record], static: dict[str, StaticRecord], held: int = 0) -> None:
        """Save the index SAVE_AFTER seconds from now (`_save_deferred`); `held`: times it waited for a
        rebuild already. Called holding `_saving`."""
        timer = threading.Timer(SAVE_AFTER, self._save_deferred, args=(pages, static), kwargs={"held": held})
        timer.daemon = False  # a server stopped meanwhile still writes it before the process ends
        _deferred[self.index_file] = timer
        timer.start()

    def _save_deferred(self, pages: dict[str, Record], static: dict[str, StaticRecord], held: int = 0) -> None:
        with _saving:
            pending = _deferred.get(self.index_file)
            if pending is None or pending.args[0] is not pages:
                return  # a newer build cancelled it as it fired
            if _builds_under_way and held < HELD_AT_MOST:  # after the rebuild (which may save its own instead)
                self._save_later(pages, static, held + 1)
                return
            del _deferred[self.index_file]
            try:
                self._save(pages, static)
            except OSError as exc:  # the next build of this process still has them in memory
                _REMEMBERED.pop(self.index_file, None)
                log.warning(f"Briefing archive: the page cache's index could not be written ({exc})")

    def _save(self, pages: dict[str, Record], static: dict[str, StaticRecord]) -> None:
        """Write the index: only the pages changed since its file was written (a delta beside it: a
        day's few hundred of 18,000 pages, instead of pickling 56 MB again at the end of every build),
        or the whole of it when they are many (DELTA_SHARE) or there is no file to add to."""
        rows = _rows(pages)
        data = {"format": FORMAT, "surroundings": self.surroundings, "static": static,
                "reused": len(self.reused), "built": len(self.records), "static_kept": len(self.kept_static)}
        self.folder.mkdir(parents=True, exist_ok=True)
        delta = _delta_file(self.index_file)
        with _collector_paused():
            base_id, base_rows = self.base or (None, {})
            changed = {src: row for src, row in rows.items() if base_rows.get(src) != row}
            removed = [src for src in base_rows if src not in rows]
            if base_id and len(changed) + len(removed) <= max(DELTA_MIN, len(base_rows) // DELTA_SHARE):
                atomic_write(delta, pickle.dumps({**data, "base": base_id, "pages": changed, "removed": removed},
                                                 protocol=pickle.HIGHEST_PROTOCOL))
            else:
                self.base = (os.urandom(8).hex(), rows)
                atomic_write(self.index_file, pickle.dumps({**data, "id": self.base[0], "pages": rows},
                                                           protocol=pickle.HIGHEST_PROTOCOL))
                delta.unlink(missing_ok=True)  # made for the file just replaced (and ignored by it)
        _remember(self.index_file, _index_stamp(self.index_file), self.surroundings, pages, static, self.base)
        self._save_refs(pages)
        self._collect_garbage()

    def _save_refs(self, pages: dict[str, Record]) -> None:
        """The list of page files the index names, for other processes' clean-up: not written again
        when the file holds it already (a serving process's rebuilds of one page name the same files:
        a write and an fsync of 18,000 names each time, where reading them back is a millisecond)."""
        refs = self.index_file.with_suffix(".refs")
        data = "".join(f"{rec.blob}\n" for rec in pages.values() if rec.blob).encode()
        try:
            if refs.read_bytes() == data:
                return
        except OSError:
            pass
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write(refs, data)

    def _collect_garbage(self) -> None:
        """Keep the newest KEEP indexes and the page files they name; remove the rest."""
        indexes = sorted(self.folder.glob("index-*.pickle"), key=_saved_at, reverse=True)
        keep: set[str] = set()
        for number, index in enumerate(indexes):
            refs = index.with_suffix(".refs")
            if number >= KEEP or not refs.exists():
                index.unlink(missing_ok=True)
                _delta_file(index).unlink(missing_ok=True)
                refs.unlink(missing_ok=True)
                continue
            keep.update(refs.read_text(encoding="utf-8").split())
        for pins in self.folder.glob("pins-*"):  # the files a build under way reuses (_pin)
            if gone(pins.name[len("pins-"):]):  # its process ended without closing (killed)
                pins.unlink(missing_ok=True)
                continue
            try:
                keep.update(pins.read_text(encoding="utf-8").split())
            except OSError:
                pass
        for path in (self.folder / "pages").glob("*"):
            if path.name not in keep:
                path.unlink(missing_ok=True)


def _place(source: Path, dest: Path) -> None:
    """Make `dest` the file `source` is: a second name for it (a hard link, no bytes written) where the
    file system allows, else a copy. A page's file in site/ and the cache's file of it are then one
    file: MkDocs writes a page it builds again as a new file (`unshare`; a build that uses the cache
    writes into an empty site/), and a file changed through either name in any other way has another
    time or size than the cache recorded (`PageCache._intact`, `_in_place`): it is not reused."""
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")  # then renamed over `dest`: never a moment without
    try:
        tmp.unlink(missing_ok=True)  # a crashed build's
        try:
            os.link(source, tmp)
        except FileNotFoundError:
            raise
        except OSError:  # another file system, or one without hard links
            shutil.copyfile(source, tmp)
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _link_new(source: str, dest: str) -> tuple | None:
    """`dest` made a second name of `source` when there is no file of that name (a link is made
    whole or not at all, so no temporary name is needed): the file_stamp of the one file they then
    are. None when `dest` exists (or the file system has no links): _place decides then."""
    try:
        os.link(source, dest)
    except FileExistsError:
        return None
    except FileNotFoundError:
        raise
    except OSError:  # another file system, or one without hard links
        return None
    return file_stamp(dest)


def _same_bytes(kept: Path, written: Path) -> bool:
    """The cache's file `kept` holds exactly the bytes of `written` (False when it is missing)."""
    try:
        a, b = os.stat(kept), os.stat(written)
        if a.st_size != b.st_size:
            return False
        if (a.st_ino, a.st_dev) == (b.st_ino, b.st_dev):
            return True
        return kept.read_bytes() == written.read_bytes()
    except OSError:
        return False


def _blob_stamp(path: Path) -> tuple[int, int] | None:
    """Size and modification time of the cache's file of a page: any write through any of its names
    changes them, while a copy that keeps files' times (`cp -a`, a tar archive such as a CI cache,
    `shutil.copytree`) does not, so a copied cache is still used. (Its inode, which `file_stamp`
    includes, changes with every copy.)"""
    stamp = file_stamp(path)
    return stamp[:2] if stamp is not None else None


def unshare(path: str) -> None:
    """Before MkDocs writes a page's file, which it does in place (`open(path, "wb")`), give up the
    name when the file has another (the cache's: _place), so that the write makes a new file and the
    cache's copy stays as it was (`mkdocs serve --dirty`, or a build without the cache)."""
    try:
        st = os.lstat(path)
    except OSError:
        return
    if st.st_nlink > 1 and stat.S_ISREG(st.st_mode):
        os.unlink(path)


def _saved_at(index_file: Path) -> int:
    """When a build last saved the index: its delta's time when it has one."""
    times = []
    for file in (index_file, _delta_file(index_file)):
        try:
            times.append(file.stat().st_mtime_ns)
        except OSError:
            pass
    return max(times, default=0)


def newest_index(folder: Path) -> dict | None:
    """The most recent build's record (what tests and benchmarks read: pages reused and built)."""
    indexes = sorted(folder.glob("index-*.pickle"), key=_saved_at)
    if not indexes:
        return None
    data, _ = _index_data(indexes[-1], None)
    return {**data, "pages": _records(data["pages"])}
