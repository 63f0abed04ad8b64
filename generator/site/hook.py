"""The MkDocs integration as one object: `ArchiveHook`, whose methods are the MkDocs events.

`hooks/briefing.py` (listed under `hooks:` in mkdocs.yml) creates one
`ArchiveHook` and hands MkDocs its bound methods. Every piece of state the
integration keeps between events (the command being run, the inputs last
generated from, the locks, the serve watcher, the fast renderer of the
current build, the pages of a quick pass) is an attribute of that object;
this module keeps none.

A convenience only. Generation is its own step (`python -m generator
build`) that any builder can follow; builders that ignore MkDocs hooks
(Zensical) run that step first. Here the hook:

- runs the generator before each build, unless the inputs are unchanged
  since it last ran or BRIEFING_SKIP_GENERATE is set (as `make site` does
  after generating itself);
- when `mkdocs serve` starts on a docs dir that holds a complete earlier
  generation, serves those pages at once and runs the generator in the
  background (`catch_up`): it writes what changed since (the browser
  reloads) and keeps the pages in memory for the quick pass of an edit;
  after a complete build, reads its archive back instead, a few seeds
  changed since coming in as a quick pass (`bring_in_changes`);
- during `mkdocs serve`, watches seeds/ and register.yml and regenerates
  as soon as one changes (a quick pass, then the rest of the archive, which
  gives way to a newer edit); the rewritten pages in docs_dir then trigger
  MkDocs' own rebuild and browser reload, once (the generator rewrites
  nothing when nothing changed, so there is no rebuild loop): the generator
  asks MkDocs to build the moment it has written (`announce`), and the docs
  dir is watched through the system's file events instead of MkDocs'
  polling (BRIEFING_NATIVE_WATCH=0 turns both off);
- while the quick pass's pages wait for the rest of the archive, keeps
  MkDocs from warning about their links to pages only the rest writes
  (a newly named actor or base), which exist once the rest is written;
- renders the generator's own pages with cmark-gfm instead of
  Python-Markdown (`fast_render.py`; the same HTML, several times faster;
  BRIEFING_FAST_RENDER=0 turns it off);
- lets Material's search find each built page's tags with regular
  expressions instead of HTMLParser (`fast_search.py`; the same search
  index; BRIEFING_FAST_SEARCH=0 turns it off);
- lets MkDocs list the theme's own files without walking its hidden
  folders (`fast_theme.py`; the same files; BRIEFING_FAST_THEME=0 turns it off);
- lets Material's navigation, tabs, logo, palette and search box be rendered
  once for the pages outside the navigation, which read them alike
  (`fast_partials.py`; the same HTML; BRIEFING_FAST_PARTIALS=0 turns it off);
- sanitises each page's rendered HTML with nh3 as defence in depth
  (article text is already escaped when it enters the Markdown);
- with `extra.search_backend: pagefind`, switches Material's built-in
  search off and indexes the built site with Pagefind after each build
  (in the background during `mkdocs serve`); `make site` runs that step
  itself (`python -m generator.site.pagefind`) and sets BRIEFING_SKIP_GENERATE.
"""
from __future__ import annotations

import functools
import logging
import os
import re
import select
import socket
import subprocess
import threading
import time
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urlsplit

from mkdocs.config import config_options
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import InclusionLevel
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from generator import settings
from generator.project import Project, ProjectError
from generator.site import (fast_partials, fast_render, fast_search, fast_theme, files_ahead, render_ahead,
                            template_ahead)
from generator.site.page_cache import (PageCache, discard_previous, read_ahead, rebuilding, save_deferred_now,
                                      set_aside, unshare, why_not)
from generator.site.pagefind import index_site, search_backend
from generator.site.sanitize import sanitize_html
from generator.speed.collector import (Pause, collect_frozen, frozen_pauses, full_passes, keep_to_the_end,
                                      young_passes_only)
from generator.speed.freshness import file_stamp, inputs_digest, library_versions
from generator.speed.template_cache import compile_ahead, keep_compiled_templates
from generator.write.journal import JOURNAL, MANIFEST, file_digest, is_bookkeeping, manifest_files, recover

log = logging.getLogger("mkdocs.hooks.briefing")

# A problem keeps its severity in MkDocs' log: errors and warnings make `mkdocs build --strict`
# (and `gh-deploy --strict`) abort, notes (an undated article) are information and never do.
_LEVELS = MappingProxyType({"error": logging.ERROR, "warning": logging.WARNING})

# watchdog (5+) also reports files merely opened and read. A read is no change: without this
# filter, every generator run (it reads every seed and page) and every MkDocs build (it reads
# every page) would make `mkdocs serve` rebuild again, and a full rebuild triggers the next one.
_READS = frozenset({"opened", "closed_no_write"})

# A build of at most this many pages keeps the cyclic collector paused from the docs listing to its end
# (BRIEFING_PAUSE_GC; paused in on_pre_build, resumed by on_files for a larger one): the
# garbage it leaves is small (a clean build of 2,800 pages with it paused peaks 45 MB higher, some
# 15 KB a page), while each full pass over the cache's index and the site's files costs 0.1-0.2 s.
PAUSE_GC_PAGES = 1000
# Seconds a stopping `mkdocs serve` waits for a write of the generator under way (on_shutdown).
SHUTDOWN_WAIT = 30.0

# `mkdocs gh-deploy` publishes the site it builds itself. mkdocs.yml's default address is a
# placeholder (the publish workflow sets SITE_URL): published as it is, every canonical link and
# the sitemap would point at example.github.io. So gh-deploy derives the address from where it
# pushes, as the workflow derives it from the repository, and dates the build by the last commit,
# as `make site` does: the manual route publishes the workflow's site.
PLACEHOLDER_HOST = "example.github.io"
_SITE_URL_OPTION = config_options.Optional(config_options.URL(is_dir=True))  # as MkDocsConfig declares it
_UNKNOWN = object()
_GITHUB_REMOTE = re.compile(r"github\.com[:/]+([^/]+)/([^/]+?)(?:\.git)?/*$")


def _await_pages(fd: int, meanwhile=None) -> None:
    """An MkDocs that scripts/build_site.py started while the generator runs (BRIEFING_EARLY_BUILDER)
    has loaded its configuration, theme and plugins by now. On the socket `fd` it says `waiting`,
    runs `meanwhile(pending)` (what needs no page: reading the page cache's index ahead, compiling
    the theme's templates; `pending()` tells it the word has come, so that it stops what can wait;
    whatever goes wrong there is left for the build to meet again), then waits, before anything
    reads the docs dir or touches site/, for `go` (the pages are written), or `stop` (nothing to build, or the build
    stopped: this process leaves without building; a closed socket means the same). -1: no socket.
    The variable is cleared once read: a later build of this process waits for nothing."""
    if fd < 0:
        return
    os.environ.pop("BRIEFING_PAGES_READY_FD", None)
    try:
        sock = socket.socket(fileno=fd)
    except OSError as exc:
        raise SystemExit(f"briefing: cannot use BRIEFING_PAGES_READY_FD={fd}: {exc}") from None
    with sock:
        try:
            sock.sendall(b"waiting\n")
        except OSError:
            raise SystemExit("briefing: scripts/build_site.py stopped before the pages were written; "
                             "nothing built") from None
        if meanwhile is not None:
            def pending() -> bool:
                try:
                    return bool(select.select([sock], [], [], 0)[0])
                except (OSError, ValueError):
                    return True

            try:
                meanwhile(pending)
            except Exception as exc:  # noqa: BLE001  (the build reads it again, and reports what it finds)
                log.debug(f"Briefing archive: reading ahead while waiting for the pages: {exc}")
        try:
            word = sock.makefile("rb").readline().strip()
        except OSError:
            word = b""
    if word == b"go":
        return
    if word == b"stop":
        raise SystemExit(0)
    raise SystemExit("briefing: scripts/build_site.py stopped before the pages were written; nothing built")


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _stop_on_sigterm() -> None:
    """`mkdocs serve` stopped by SIGTERM (a service manager, `docker stop`, `kill`) stops as on Ctrl-C:
    MkDocs shuts the server down and the hook writes what it still held (the page cache's index), so
    the next start reuses the pages. Python's default for SIGTERM ends the process on the spot. A
    handler someone else installed is left alone, and so is a process where this is not the main thread."""
    import signal

    try:
        if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
            signal.signal(signal.SIGTERM, _interrupt)
    except ValueError:  # not the main thread
        pass


@functools.lru_cache(maxsize=1)
def theme_code() -> str:
    """What the theme's compiled templates were compiled by, besides Jinja: MkDocs and Material."""
    return "theme " + library_versions(("mkdocs", "mkdocs-material"))


def keep_theme_templates(env, config) -> None:
    """Keep the theme's compiled templates in the project's cache, where the early MkDocs compiles them
    ahead (_read_ahead) and the build's environment (on_env) loads them: one folder, one code."""
    keep_compiled_templates(env, _project(config).cache_file.parent / "templates", theme_code())


def theme_templates(env, config) -> list[str]:
    """The theme's templates a build may render: its page templates, partials and static templates,
    but of its language partials only the site's language and English (Material's fallback), not the
    other sixty-odd."""
    language = str(config.theme.get("language") or "en")
    wanted = {f"partials/languages/{language}.html", "partials/languages/en.html"}
    return [name for name in env.list_templates(extensions=("html", "xml"))
            if not name.startswith("partials/languages/") or name in wanted]


def _settings() -> settings.Settings:
    """This run's settings (generator/settings.py); a value one cannot take stops MkDocs with one line."""
    try:
        return settings.current()
    except settings.SettingError as exc:
        raise PluginError(f"Briefing archive: {exc}") from None


class _LinksAwaitingTheRest(logging.Filter):
    """While a quick pass's pages wait for the rest of the archive, their links to pages only the rest
    writes (a newly named actor, a new base) are not broken: MkDocs would warn about each of them,
    in every build until the rest is written a moment later. The rest's own build checks them: the
    page is never kept in the page cache (`noisy`), since a link MkDocs could not resolve stays in
    its HTML as written, and the page's Markdown, unchanged by the rest, would otherwise reuse it."""

    def __init__(self, hook: ArchiveHook) -> None:
        super().__init__()
        self.hook = hook

    def filter(self, record: logging.LogRecord) -> bool:
        pages = self.hook.quick_pages
        if not pages or record.levelno < logging.WARNING:
            return True
        message = record.getMessage()
        if not message.startswith("Doc file '") or " contains a link" not in message:
            return True
        src = message[len("Doc file '"):].split("'", 1)[0]
        if src not in pages:
            return True
        cache = self.hook.page_cache
        if cache is not None:  # this filter runs before the cache's own, which would have noted it
            cache.noisy.add(src)
        return False


def _project(config) -> Project:
    return Project(root=Path(config.config_file_path).parent, docs=Path(config.docs_dir))


def _inputs(project: Project):
    """The build's own fingerprint of every input file (stat only, no reads), which `prepare` takes
    when not handed one (freshness.py `Inputs`)."""
    return inputs_digest(project.seeds_dir, project.register_file, project.docs_dir)


def _inputs_state(project: Project) -> str:
    return _inputs(project).digest


def _log_problems(problems, already: frozenset[str] = frozenset()) -> None:
    for problem in problems:
        if str(problem) not in already:
            log.log(_LEVELS.get(problem.severity, logging.INFO), str(problem))


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def pages_address(remote_url: str, cname: str | None = None) -> str | None:
    """The GitHub Pages address of a repository, from its remote URL (or a CNAME), else None."""
    if cname:
        return f"https://{cname.strip().strip('/')}/"
    m = _GITHUB_REMOTE.search(remote_url.strip())
    if not m:
        return None
    owner, repo = m.group(1).lower(), m.group(2)
    if repo.lower() == f"{owner}.github.io":  # a user or organisation site is served from the root
        return f"https://{owner}.github.io/"
    return f"https://{owner}.github.io/{repo}/"


def _deploy_address(config) -> None:
    if os.environ.get("SITE_URL") or urlsplit(config.site_url or "").hostname != PLACEHOLDER_HOST:
        return  # an address chosen on purpose
    root = Path(config.config_file_path).parent
    cname_file = Path(config.docs_dir) / "CNAME"
    cname = cname_file.read_text(encoding="utf-8").strip() if cname_file.is_file() else None
    remote = config.remote_name
    url = _git(root, "config", "--get", f"remote.{remote}.url")
    address = pages_address(url, cname)
    if address is None:
        raise PluginError(
            f"gh-deploy: cannot tell the published address from remote '{remote}' ({url or 'not set'}); "
            "set it: SITE_URL=https://USER.github.io/REPO/ mkdocs gh-deploy --strict")
    config.site_url = address
    log.info(f"Briefing archive: publishing for {address} (from remote '{remote}'; SITE_URL overrides)")
    if "SOURCE_DATE_EPOCH" not in os.environ:  # as the Makefile: sitemap dates from the last commit
        when = _git(root, "log", "-1", "--format=%ct")
        if when.isdigit():
            os.environ["SOURCE_DATE_EPOCH"] = when


def published_address(config_file: str | None, config=None):
    """The address mkdocs.yml (with SITE_URL, INHERIT and `!relative`, as MkDocs reads it) publishes
    the site at: `site_url` (the placeholder of this project's mkdocs.yml unless SITE_URL is set),
    None when it sets none, or `_UNKNOWN` when the file cannot be read again (a configuration given
    on standard input, or a file changed into something MkDocs would refuse)."""
    if not config_file:
        return _UNKNOWN
    try:
        with open(config_file, "rb") as fh:
            raw = yaml_load(fh, get_yaml_loader(config=config))
        return _SITE_URL_OPTION.validate(raw.get("site_url"))
    except Exception:  # noqa: BLE001  (any failure: the preview keeps the server's address)
        return _UNKNOWN


def _preview_as_published(config) -> bool:
    """Under `mkdocs serve`, pages carry the address the site is published at (mkdocs.yml's
    `site_url`), as `mkdocs build` writes them, not the preview server's (MkDocs sets site_url to
    http://127.0.0.1:8000/...): the canonical link and the Cite block's "This page" name the
    published page (a citation copied from the preview is never a local address), and every page
    the server builds is byte for byte the page `mkdocs build` wrote, so its first build takes
    them from the build's page cache (85 s of MkDocs at 10,000 articles, against 5 s). The server
    still serves at its own address: it mounts the site at the path of site_url, which is the same.
    A site_url whose path is not the server's (never, unless the file changed since), or a file it
    cannot read again, leaves the server's address (said in the log). Returns whether the address
    was set."""
    address = published_address(config.config_file_path, config)
    if address is _UNKNOWN or urlsplit(address or "/").path != urlsplit(config.site_url or "/").path:
        return False
    config.site_url = address
    return True


def _pagefind(site_dir: str) -> None:
    try:
        bundles = index_site(Path(site_dir))
        log.info("Briefing archive: Pagefind index built" + (f" in {bundles} shards" if bundles > 1 else ""))
    except Exception:  # keep serving/building; the page says how to build the index
        log.exception("Briefing archive: Pagefind indexing failed (is pagefind[bin] installed?)")


def _free(lock) -> bool:
    """No other thread holds `lock` (an RLock) now."""
    if not lock.acquire(blocking=False):
        return False
    lock.release()
    return True


def _search_index(config):
    """The built-in search's index being filled, or None (search off, or Pagefind instead)."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if plugin is None or not plugin.config.get("enabled", True):
        return None
    return getattr(plugin, "search_index", None)


def _ignore_reads_and_bookkeeping(handler, docs_dir: str, announced=lambda path: False) -> None:
    """MkDocs' watcher reacts to changes only: not to reads, nor to the generator's own hidden files
    (its manifest, the old archive tree it deletes after a swap), which are never pages, nor to pages
    the generator wrote and already asked MkDocs to build (`announced`, ArchiveHook.announce). Those
    come in after the write that made them, often once the build it set off has begun, and would set
    off a second build of the same pages."""
    if getattr(handler, "_briefing_ignores_reads", False):
        return
    react = handler.on_any_event

    def on_any_event(event):
        if event.event_type in _READS:
            return
        paths = _event_paths(event)
        try:
            if paths and all(is_bookkeeping(docs_dir, p) or _saving(p) or announced(p) for p in paths):
                return
        except Exception:  # a bug here must not stop the watcher's thread: MkDocs builds instead
            log.exception("Briefing archive: a file event could not be sorted")
        react(event)

    handler.on_any_event = on_any_event
    handler._briefing_ignores_reads = True


def change_events() -> list:
    """The file events that are changes (watchdog's event filter): a watch scheduled with them does
    not even ask the kernel for opens and reads. Every build reads every seed and every page, and a
    serving process sifting through tens of thousands of read events in Python (at 10,000 articles)
    slows the very build that caused them."""
    from watchdog.events import (DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileClosedEvent,
                                 FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent)

    return [FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent, FileClosedEvent,
            DirCreatedEvent, DirDeletedEvent, DirMovedEvent]


def _event_paths(event) -> list[str]:
    """The paths a watchdog event names: where a file was, and where it went when it moved."""
    return [os.fsdecode(p) for p in (event.src_path, getattr(event, "dest_path", "")) if p]


def _saving(path: str) -> bool:
    """A temporary file `atomic_write` saves a page through (".<name>.tmp-<pid>"): never a page."""
    name = os.path.basename(path)
    return name.startswith(".") and ".tmp-" in name


_NOT_ANNOUNCED = object()


def _as_written(st: os.stat_result) -> tuple:
    """What tells a page as the generator wrote it from the same page changed since."""
    return st.st_mtime_ns, st.st_size, st.st_ino


def _filter_server_watches(server, docs_dir: str, announced=lambda path: False, native=None) -> None:
    """MkDocs' own watches (the docs dir, mkdocs.yml, `watch:` entries): scheduled again for changes
    only, and their handlers told to ignore reads, the generator's bookkeeping and what it announced.

    With `native` (a watchdog observer of the system's file events), the docs dir moves to it: MkDocs
    polls, walking every file of the docs dir twice a second, 40 % of a core at 10,000 articles taken
    from the very builds it waits for. (MkDocs never unschedules a watch under `mkdocs serve`.)"""
    observer = getattr(server, "observer", None)
    handlers = getattr(observer, "_handlers", None)  # watchdog's, pinned version
    if handlers is None:
        return
    docs = os.path.abspath(docs_dir)
    for watch, group in list(handlers.items()):
        group = list(group)
        for handler in group:
            _ignore_reads_and_bookkeeping(handler, docs_dir, announced)
        moves = native is not None and not watch.is_file and os.path.abspath(watch.raw_path) == docs
        if moves or getattr(watch, "event_filter", ()) is None:  # every event: watched again for changes only
            observer.unschedule(watch)
            for handler in group:
                if moves:
                    try:
                        native.schedule(handler, watch.raw_path, recursive=watch.is_recursive,
                                        event_filter=change_events())
                        continue
                    except OSError as exc:  # the system's watches used up: MkDocs polls, as it would
                        log.info(f"Briefing archive: the docs dir is polled ({exc})")
                observer.schedule(handler, watch.raw_path, recursive=watch.is_recursive, event_filter=change_events())


class ArchiveHook:
    """Everything the MkDocs integration remembers between events, and the events themselves."""

    def __init__(self) -> None:
        self.lock = threading.RLock()  # one write into docs_dir or one MkDocs build at a time
        self.gen_lock = threading.RLock()  # one generator run at a time (it may render while MkDocs builds)
        self.building = False  # an MkDocs build is under way (under `mkdocs serve`, from its start to its end)
        self.unbuilt = False  # the generator wrote pages no MkDocs build has begun since (under `mkdocs serve`)
        self.last_inputs: str | None = None  # fingerprint of the inputs the generator last ran on
        self.observer = None  # the watchdog observer of seeds/ and register.yml under `mkdocs serve`
        self.docs_observer = None  # the one of the docs dir, for MkDocs' handler (BRIEFING_NATIVE_WATCH)
        self.command: str | None = None  # "build", "gh-deploy" or "serve"
        self.dirty = False  # `--dirty`
        self.first_build = True  # until the end of this process's first MkDocs build
        self.page_cache: PageCache | None = None  # the pages this build takes from the cache (page_cache.py)
        self.previous_site: Path | None = None  # the last build's site/, set aside for the page cache
        self.server = None  # MkDocs' live-reload server under `mkdocs serve`
        self.docs_dir: str | None = None  # its absolute path, under `mkdocs serve`
        self.announced: dict[str, tuple | None] = {}  # page -> _as_written, None: removed (announce)
        self.config_stamp: tuple | None = None  # mkdocs.yml's file_stamp when this build read it
        self.fast: tuple | None = None  # (fast_render.Renderer, manifest) for the current build, or None
        self.ahead = None  # render_ahead.RenderAhead: this build's pages worked out on a second core, or None
        self.templates_ahead = None  # template_ahead.TemplateAhead: their templates rendered there, or None
        self.nav = None  # this build's navigation (on_nav), for the templates rendered ahead
        self.partials: fast_partials.PartialCache | None = None  # this build's theme partials (on_env)
        self.files_ahead: files_ahead.FilesAhead | None = None  # this build's pages' files, made ahead (on_env)
        self.collector = Pause()  # the cyclic collector, paused for a build of a few pages (on_pre_build, on_files)
        self.idle_collector: threading.Thread | None = None  # under `mkdocs serve`: _collect_when_idle
        self.stopping = threading.Event()  # the server stopped (on_shutdown): the idle collector ends
        self.quick_pages: frozenset[str] = frozenset()  # pages a quick pass wrote, until the rest is written
        self.reported: frozenset[str] = frozenset()  # problems this server listed, and no run since lost (report)
        self.started = False  # `mkdocs serve` decided how its first build gets its pages (see serve_at_once)
        self.catching_up: threading.Thread | None = None  # the generator run `serve_at_once` started
        self.rest_due = False  # a quick pass wrote pages whose rest of the archive is not written yet
        self.changes = 0  # input changes the watcher saw (a full pass gives way when this moves: complete)
        logging.getLogger("mkdocs.structure.pages").addFilter(_LinksAwaitingTheRest(self))

    # ------------------------------------------------------------------ generating

    def generate(self, config, reason: str, quick: bool = False):
        """Run the generator unless its inputs are unchanged since the last run; None when it did not run."""
        if _settings().skip_generate:
            # Generation ran as its own step; if it was killed, finish or undo its last write first,
            # so MkDocs never builds from a half-swapped docs dir.
            _log_problems(recover(Path(config.docs_dir)))
            return None
        project = _project(config)
        # Checked before waiting for a generator run; a regeneration (`quick`, the watcher saw a change)
        # checks once it may run: a stat of every input, 0.3-1 s of each edit at 10,000 articles.
        if not quick and _inputs_state(project) == self.last_inputs:
            return None
        serving = self.command == "serve"
        if serving and not quick and not self.started:  # the first build (MkDocs watches nothing yet)
            self.started = True
            if self.serve_at_once(config, project):
                return None
        with self.gen_lock:
            if quick:  # a regeneration under `mkdocs serve`: what the run it waited for wrote is shown first
                self.wait_for_mkdocs()
            with self.lock:
                inputs = _inputs(project)
                state = inputs.digest
                if state == self.last_inputs:
                    return None
                # Under `mkdocs serve`, a small edit first re-renders only the edited articles' pages (quick),
                # so they reload within a couple of seconds; complete() then renders everything else.
                from generator.build import build  # the whole pipeline: imported only by a hook that generates

                try:
                    result = build(project, progress=False, quick=quick and serving, remember=serving,
                                   inputs=inputs)
                except ProjectError as exc:  # no seeds/, or the build lock timed out: one line, and MkDocs stops
                    raise PluginError(f"Briefing archive: {exc}") from None
                self.last_inputs = state
                self._quick_or_complete(result)
                self._wrote(result)
            self.report(result, reason)  # under gen_lock: runs report in the order they ran (reported)
        return result

    def _quick_or_complete(self, result) -> None:
        """After a run: a quick pass's pages wait for the rest of the archive (with those of a quick pass
        before it, whose rest gave way to this one); a complete run wrote everything. Set before the
        lock is released: MkDocs' build of these pages starts after."""
        if result.partial:
            self.quick_pages |= frozenset(result.written)
            self.rest_due = True
        else:
            self.quick_pages = frozenset()  # every page is written: MkDocs' next build checks every link
            self.rest_due = False

    def serve_at_once(self, config, project: Project) -> bool:
        """`mkdocs serve`'s first build: when the docs dir holds a complete earlier generation, build
        those pages at once and generate in the background (`catch_up`); False: generate first.

        At 10,000 articles the generator takes half a minute before MkDocs could serve a page. When
        nothing changed since the last complete build (its stamp holds), the pages are the archive's
        own: that build's archive is read back and worked out in memory before the first build
        (`_read_back`), so the first edit's quick pass finds what it needs however soon it is saved
        (at 10,000 articles the first page comes about 4 s later, 8 s after the start, and an edit
        saved right after it is seen in 3 s, not 5.5-6). When a few seeds changed since, they are
        brought in the same way before the first build (`_bring_in_first`), the rest of the archive
        after it. Otherwise the first page shows the archive as last generated, for as long as the
        generator takes to bring it up to date; its writes make MkDocs rebuild and the browser reload.
        An interrupted write (a journal left behind) or no earlier generation: the generator runs first.
        The inputs are watched from before that work (`_watch_inputs`): an edit saved meanwhile
        regenerates once the first build is done.
        """
        if not _settings().serve_at_once:
            return False
        docs = project.docs_dir
        if not (docs / MANIFEST).is_file() or (docs / JOURNAL).exists():
            return False
        from generator.build import unchanged

        try:
            last = unchanged(project)
        except ProjectError as exc:  # no seeds/, or the build lock timed out: one line, and MkDocs stops
            raise PluginError(f"Briefing archive: {exc}") from None
        self._watch_inputs(config)  # an edit saved from here on regenerates once the first build is done
        if last is not None:
            _log_problems(last.problems)
            self.reported = frozenset(map(str, last.problems))  # the background run repeats none of them
            log.info(f"Briefing archive: {last.articles} articles, nothing changed since the last build")
            if self._before_first_build("reading the last build back",
                                        lambda: self._read_back(project, before_first_build=True)):
                return True
        else:
            if self._before_first_build("bringing in the seeds changed since",
                                        lambda: self._bring_in_first(config, project)):
                return True
            log.info("Briefing archive: serving the archive as last generated; the generator brings it up to "
                     "date in the background, and the browser reloads when it has")
        self._in_the_background(self.catch_up, config)
        return True

    def _before_first_build(self, what: str, step) -> bool:
        """Run `step` while MkDocs' first build waits: its answer, or False when it failed (logged; the
        background run then tries as before)."""
        done: list[bool] = []
        self._logged(what, lambda: done.append(step()))
        return bool(done and done[0])

    def _in_the_background(self, run, config) -> None:
        self.catching_up = threading.Thread(target=run, args=(config,), name="briefing-catch-up", daemon=True)
        self.catching_up.start()

    def _bring_in_first(self, config, project: Project) -> bool:
        """Before the first build, when a few seeds changed since the last complete build: read its
        archive back and bring them in as a quick pass (`bring_in_changes`), so that the first build
        shows them and an edit saved as soon as the first page is served finds a warm process; the
        rest of the archive follows in the background once the first build is done. False when the
        archive cannot be read back (the caller generates in the background)."""
        with self.gen_lock:
            result = self.bring_in_changes(project, self.changes, _inputs_state(project))
        if result is None:
            return False
        self._caught_up(result, lambda: self._in_the_background(self._rest_logged, config))
        return True

    def _rest_logged(self, config) -> None:
        self._logged("the rest of the archive", lambda: self._rest_if_due(config))

    def catch_up(self, config) -> None:
        """In the background, after `serve_at_once` and once the first build has ended: the whole
        generator, rendering outside `lock` and writing under it, with the pages kept in memory
        (`remember`). After a complete build (a server's or `make site`'s), that build's archive is read back
        instead (`build.remember_last_build`: about 2 s at 10,000 articles instead of half a minute
        of generator on one core): as it is when nothing changed since, and with a quick pass for the
        seeds changed since when they are few (`bring_in_changes`), the rest of the archive after it.
        (`serve_at_once` does both before the first build; here they are tried again after a failure.)

        An edit saved meanwhile waits for the whole generator, then gets its quick pass against these
        pages; the read-back's quick pass and its rest give way to it. A failure is logged and serving
        goes on, as with `regenerate`.
        """
        from generator.build import prepare, write

        project = _project(config)

        def run() -> None:
            self.wait_for_mkdocs()  # the first build first
            if self._read_back(project):
                return
            with self.gen_lock:
                if self.last_inputs is not None:  # a regeneration got here first and remembered everything
                    return
                seen, state = self.changes, _inputs_state(project)
                result = self.bring_in_changes(project, seen, state)
                if result is None:
                    plan = prepare(project, progress=False, long_lived=True)
                    with self.lock:
                        result = write(plan, remember=True)
                        self._wrote(result)
                        # An edit saved while the seeds were read may or may not be in these pages: then the
                        # regeneration it set off runs in full instead of trusting them.
                        self.last_inputs = state if _inputs_state(project) == state else None
            self._caught_up(result, lambda: self._rest_if_due(config))

        self._logged("generating in the background", run)

    def _caught_up(self, result, rest) -> None:
        """Report a run that brought the archive up to date: after a quick pass, `rest` brings in the
        rest of the archive; nothing when it gave way to an edit (False), whose regeneration brings
        both in."""
        if result is False:
            return
        if result.partial:
            self.report(result, "changed since the last build")
            rest()
        else:
            self.report(result, "caught up" if result.written or result.removed else "kept in memory")

    def _read_back(self, project: Project, before_first_build: bool = False) -> bool:
        """Keep the last complete build's archive in memory (`build.remember_last_build`) when nothing
        changed since, then work it out (`_warm_up`); False when it cannot be read back (the caller
        generates). True also when a regeneration got here first (it remembered everything).
        `before_first_build`: MkDocs' first build waits for it (no wait for MkDocs, which is about to
        build)."""
        from generator.build import remember_last_build

        with self.gen_lock:
            if self.last_inputs is not None:
                return True
            seen, state = self.changes, _inputs_state(project)
            if not remember_last_build(project, state):
                return False
            # an edit saved meanwhile is not in that archive: its regeneration compares it with it
            self.last_inputs = state if _inputs_state(project) == state else None
            log.info("Briefing archive (kept in memory): the last build's archive, read back")
        self._warm_up(project, seen, state, wait=not before_first_build)
        return True

    def _warm_up(self, project: Project, seen: int, state: str, wait: bool = True) -> None:
        """After the last build's archive was read back: work it out once in memory, writing no page
        (build.py `warm_up`), so that the first edit's quick pass finds what a full pass leaves a
        serving process (each article's word counts and places, the extractor's data): at 10,000
        articles that edit took 7-11 s, not 4-5 s. It waits for MkDocs (unless not to `wait`), and
        gives way to an edit saved meanwhile, whose quick pass then runs as it would have without it."""
        from generator.build import Superseded, warm_up

        if wait:
            self.wait_for_mkdocs()
        with self.gen_lock:
            if self.last_inputs != state:
                return  # an edit came in meanwhile: its passes do the work
            try:
                warm_up(project, give_way=self._edit_saved_since(project, seen, state))
            except Superseded:
                return
            except Exception as exc:  # nothing is lost: the next pass works it out, and reports any problem
                log.info(f"Briefing archive: the archive was not worked out ahead of an edit ({exc})")

    def bring_in_changes(self, project: Project, seen: int, state: str):
        """`catch_up`, when a few seeds (not the register) changed since the last complete
        build: read its archive back and bring them in as a quick pass, which gives way to an edit
        saved meanwhile (that edit's quick pass then brings in both). The quick pass's result; False
        when it gave way; None when the archive cannot be read back (the whole generator runs)."""
        from generator.build import Superseded, prepare, remember_last_build, write

        if not remember_last_build(project, state, seeds_changed=_settings().quick_max_changed):
            return None
        log.info("Briefing archive: the last build's archive, read back; the seeds changed since come in "
                 "first, the rest of the archive follows")
        try:
            plan = prepare(project, progress=False, quick=True, long_lived=True,
                           give_way=self._edit_saved_since(project, seen, state))
        except Superseded:
            log.info("Briefing archive: the seeds changed since give way to a newer edit, and come in with it")
            return False
        with self.lock:
            result = write(plan, remember=True)
            self.last_inputs = state
            self._quick_or_complete(result)
            self._wrote(result)
        return result

    def _edit_saved_since(self, project: Project, seen: int, state: str):
        """`prepare`'s `give_way` for a run on the inputs `state`, when the watcher had seen `seen` changes:
        it saw one since, and it is one (a file saved unchanged is not)."""
        return lambda: self.changes != seen and _inputs_state(project) != state

    def wait_for_mkdocs(self, limit: float = 600.0, report_within: float = 15.0) -> None:
        """Under `mkdocs serve`, before generator work: wait while MkDocs builds or is about to.

        MkDocs and the generator share this process, and with it one interpreter lock: side by
        side, each takes as long as both would one after the other, and pages already written
        (a quick pass's, the background run's) would reach the browser only when both are done.
        MkDocs is about to build when its watcher asked for a build, or when the generator wrote
        pages since the last build began: the watcher reports a write late when it moved a whole
        folder (seconds at 10,000 articles), and never when no watcher runs (`report_within`).
        """
        started = time.monotonic()
        while time.monotonic() < started + limit:
            unreported = self.unbuilt and time.monotonic() < started + report_within
            if not (self.building or unreported or getattr(self.server, "_want_rebuild", False)):
                return
            time.sleep(0.05)

    def _wrote(self, result) -> None:
        """After a generator run under `mkdocs serve`: pages written wait for a build (wait_for_mkdocs),
        which MkDocs is asked to start at once (announce)."""
        if self.command == "serve" and (result.written or result.removed):
            self.unbuilt = True
            self.announce(result)

    def announce(self, result) -> None:
        """Ask MkDocs to build now the pages the generator wrote or removed, and have its watcher
        ignore them while they stay as written (`was_announced`).

        MkDocs' watcher polls the docs dir every half second: an edit's page waited up to that long
        before its build began, and at 10,000 articles each poll walks 18,000 files. A page changed
        again since (by hand: its modification time differs) is reported as before."""
        docs = self.docs_dir
        if docs is None:
            return
        for rel in result.written:
            try:
                self.announced[rel] = _as_written(os.stat(os.path.join(docs, rel)))
            except OSError:
                self.announced.pop(rel, None)
        for rel in result.removed:
            self.announced[rel] = None
        self._ask_for_build()

    def _ask_for_build(self) -> None:
        """Wake MkDocs' build loop as its watcher does."""
        cond = getattr(self.server, "_rebuild_cond", None)
        if cond is None or not hasattr(self.server, "_want_rebuild"):
            return
        with cond:
            self.server._want_rebuild = True
            cond.notify_all()

    def was_announced(self, path: str) -> bool:
        """True for a page under the docs dir that is as the generator wrote it (or removed it) when it
        announced it: MkDocs' build of it is under way or done."""
        docs = self.docs_dir
        if docs is None:
            return False
        rel = os.path.relpath(path, docs).replace(os.sep, "/")
        announced = self.announced.get(rel, _NOT_ANNOUNCED)
        if announced is _NOT_ANNOUNCED:
            return False
        try:
            now = _as_written(os.stat(path))
        except FileNotFoundError:
            now = None
        except OSError:
            return False
        if now != announced:  # changed since: this and every later change of it is MkDocs' to see
            self.announced.pop(rel, None)
            return False
        return True

    def report(self, result, reason: str) -> None:
        """Log a generator run's problems and one summary line. Under `mkdocs serve` a problem is listed
        once, by the first run that finds it: each edit listed every problem of the archive again
        (1,800 lines at 10,000 articles, half a second of logging while MkDocs built the edit's page)."""
        problems = frozenset(map(str, result.problems))
        _log_problems(result.problems, self.reported)
        repeated = len(problems & self.reported)
        if self.command == "serve":
            self.reported = problems
        log.info(
            f"Briefing archive ({reason}): {result.articles} articles, {result.extracted} extracted, "
            f"{len(result.written)} pages written, {len(result.removed)} removed in {result.seconds:.2f}s"
            + (f"; {repeated} problem(s) as listed before" if repeated else "")
        )

    def complete(self, config) -> None:
        """After a quick regeneration: render every page, then write the few the quick pass could not know.

        Rendering happens outside `lock`, so MkDocs rebuilds (and the browser
        reloads) the quickly written pages meanwhile. An edit saved meanwhile stops it before its
        next stage (`give_way`): that edit's quick pass then runs at once, not after the whole
        archive (half a minute at 10,000 articles), and its own rest of the archive follows.
        """
        from generator.build import Superseded, prepare, write

        project = _project(config)
        with self.gen_lock:
            if not self.rest_due:
                return  # written meanwhile, by the run this one waited for
            seen, inputs = self.changes, _inputs(project)
            state = inputs.digest
            if state != self.last_inputs:
                return  # a newer edit: its own regeneration follows
            try:
                plan = prepare(project, progress=False, long_lived=True, inputs=inputs,
                               give_way=self._edit_saved_since(project, seen, state))
            except Superseded:
                log.info("Briefing archive: the rest of the archive gives way to a newer edit, and follows it")
                return
            with self.lock:
                if _inputs_state(project) != state:
                    return
                result = write(plan, remember=True)
                self._quick_or_complete(result)
                self._wrote(result)
            self.report(result, "rest of the archive")

    def regenerate(self, config) -> None:
        """Under `mkdocs serve`, after an input changed: the quick pass, then the rest of the archive.

        Runs on a timer thread: a failure is logged and serving goes on (the
        next change tries again). A failure the generator explains in one line
        (ProjectError: the build lock timed out, seeds/ is gone, content/ is
        read-only) is logged as that line; only an unexpected one gets a traceback.
        """
        self._logged("regeneration", lambda: self.generate(config, "input changed", quick=True),
                     lambda: self._rest_if_due(config))

    def _rest_if_due(self, config) -> None:
        """The rest of the archive, when a quick pass's is due: this one's, one whose rest gave way to an
        edit undone since, not one that rendered everything; MkDocs first shows the quick pages."""
        if self.rest_due:
            self.wait_for_mkdocs()
            self.complete(config)

    def _logged(self, what: str, *steps) -> None:
        """Run `steps` on a thread of our own: a failure is logged and serving goes on, with no rest of
        the archive coming (MkDocs checks every link again, and the next run reports every problem)."""
        try:
            for run in steps:
                run()
        except (ProjectError, PluginError) as exc:
            self._nothing_follows()
            message = str(exc).removeprefix("Briefing archive: ")
            log.error(f"Briefing archive: {what} failed: {message}")
        except Exception:  # a bug: the traceback says where
            self._nothing_follows()
            log.exception(f"Briefing archive: {what} failed")

    def _nothing_follows(self) -> None:
        self.quick_pages = self.reported = frozenset()
        self.rest_due = False

    # ------------------------------------------------------------------ MkDocs events

    def on_shutdown(self, **kwargs) -> None:
        """The end of an `mkdocs` run (for `serve`, once the server stopped): the page cache's index
        whose save waits for a quiet moment is written now, and the collector resumes.

        A serving process first waits for a write of the generator under way (at most
        SHUTDOWN_WAIT seconds), then keeps the lock, so that no write begins as the process ends: a
        write cut short after its stamp and before the articles it keeps for the next server left
        that server unable to read the archive back (it ran the whole generator in the background,
        and an edit saved right after its first page waited 10-12 s at 10,000 articles, not 3)."""
        self.stopping.set()
        if self.command == "serve":
            self.lock.acquire(timeout=SHUTDOWN_WAIT)  # not released: the process is ending
        save_deferred_now()
        self.collector.end(last=True)

    def on_startup(self, command, dirty, **kwargs) -> None:
        """Remember the command: only `serve` keeps pages in memory, only `gh-deploy` picks an address
        (`serve` takes mkdocs.yml's)."""
        self.command = command
        self.dirty = dirty

    def on_config(self, config, **kwargs):
        """gh-deploy publishes at the right address, a preview renders for it (`_preview_as_published`);
        one setting picks the search (see search_backend)."""
        self.config_stamp = file_stamp(config.config_file_path)
        if self.command == "gh-deploy":
            _deploy_address(config)
        if self.command == "serve":
            published = _preview_as_published(config)
            if self.first_build and published:
                log.info(f"Briefing archive: the preview's pages name the published address "
                         f"({config.site_url or 'none: mkdocs.yml sets no site_url'}), as `mkdocs build` writes them")
            elif self.first_build:
                log.info("Briefing archive: the preview's pages name the server's address (mkdocs.yml's site_url "
                         "could not be read again); the page cache keeps them apart from the build's")
        if search_backend(config) == "pagefind":
            plugin = config.plugins.get("material/search") or config.plugins.get("search")
            if plugin is not None:
                plugin.config.enabled = False
        fast_search.use(_settings().fast_search)
        fast_theme.use(_settings().fast_theme)
        return config

    def on_pre_build(self, config, **kwargs) -> None:
        """Generate first (the pages MkDocs builds are the generator's), then hold the lock for the build."""
        _await_pages(_settings().pages_ready_fd, meanwhile=lambda pending: self._read_ahead(config, pending))
        self.building = True
        try:
            # Under `mkdocs serve`, after the first build, the watcher of seeds/ and register.yml
            # regenerates (regenerate), and MkDocs builds once it has written: a rebuild waiting here
            # for a regeneration that waits for MkDocs (wait_for_mkdocs) would wait for ever.
            regenerated = self.command == "serve" and self.started
            wrote = not regenerated and self.generate(config, "before build") is not None
        except BaseException:
            self.building = False  # MkDocs stops here: no build is under way
            raise
        waited = not self.lock.acquire(blocking=False)
        if waited:
            self.lock.acquire()  # released when the build ends, so a regeneration never swaps pages mid-build
        unbuilt, self.unbuilt = self.unbuilt, False  # this build reads every page written so far
        if wrote or waited or unbuilt:
            self._settle_watcher(config)
        if _settings().pause_gc:  # resumed at once by on_files unless the build is one of a few pages
            self.collector.begin()
        # With the page cache, the last build's pages stay where they are (page_cache.py); MkDocs
        # cleans site/ next, and leaves the hidden folder they are set aside in alone.
        self.previous_site = None
        if self._page_cache_refusal(config) is None and not self.dirty:
            self.previous_site = set_aside(config.site_dir)
        else:
            discard_previous(config.site_dir)

    def _read_ahead(self, config, pending=lambda: False) -> None:
        """While waiting for the pages: read the page cache's index (see page_cache.read_ahead), and
        compile the theme's templates into the folder on_env gives the build's environment, until the
        pages are written (`pending`). A first build compiled them twice after that, once in MkDocs
        and once in the process template_ahead.py forks (which keeps nothing it compiles): 0.2 s of
        one core apiece, while both cores are busy."""
        if self._page_cache_refusal(config) is None and not self.dirty:
            read_ahead(_project(config).cache_file.parent / "site-pages", config, previewing=self.command == "serve")
            if pending():
                return
            env = config.theme.get_env()
            keep_theme_templates(env, config)
            compile_ahead(env, theme_templates(env, config), pending)

    def _settle_watcher(self, config) -> None:
        """Under `mkdocs serve`: what the generator wrote before this build reads the docs dir is in
        this build. MkDocs saw those writes start, began this build and then waited here for the
        generator to finish, or began it as the generator finished and asked for a build (announce);
        the rest of its writes, or that request, would make it build everything again at once (one
        edit, two rebuilds: 7 s more at 10,000 articles). So its wish to rebuild is cleared, unless
        mkdocs.yml changed since this build read it (that change is not in this build)."""
        server = self.server
        cond = getattr(server, "_rebuild_cond", None)
        if cond is None or not hasattr(server, "_want_rebuild"):
            return
        if self.config_stamp != file_stamp(config.config_file_path):
            return
        with cond:
            server._want_rebuild = False

    def _page_cache_refusal(self, config) -> str | None:
        """Why this build does not use the page cache (None: it does)."""
        if not _settings().page_cache:
            return "BRIEFING_PAGE_CACHE is off"
        return why_not(config, self.command, self.dirty, self.first_build)

    @event_priority(100)  # before the search plugin writes its index: the reused pages' entries go in first
    def _put_pages_in_place(self, config, **kwargs) -> None:
        """Put the reused pages in site/; let a waiting regeneration write."""
        self._stop_ahead()
        self._finish_files_ahead()
        if self.partials is not None:
            log.debug(f"Briefing archive: the theme's partials rendered {self.partials.renders} times, "
                      f"kept renders used {self.partials.hits} times")
            self.partials = None
        if self.page_cache is not None:
            self.page_cache.finish(_search_index(config), save_later=self.command == "serve")
            self.page_cache = None
        self.first_build = False
        self.lock.release()

    @event_priority(-100)  # after every plugin's post_build: the search index is written
    def _end_build(self, config, **kwargs) -> None:
        """The build's end: generator work may start again (wait_for_mkdocs); with Pagefind, index the site.
        Under `mkdocs serve`, a regeneration waiting for the build (an edit's rest of the archive) began
        as soon as the reused pages were in place, and the search plugin then wrote its index while
        sharing the interpreter with it: 1-3 s instead of 0.3 s at 10,000 articles, before the browser
        saw the edit."""
        if self.command == "serve":  # the process goes on; `build` and `gh-deploy` resume it as they end
            self.collector.end(freeze=True)  # what the build made is set aside until _collect_when_idle
        self.building = False
        if search_backend(config) == "pagefind" and not _settings().skip_generate:
            if self.command == "serve":  # the page reloads at once; its search catches up a moment later
                threading.Thread(target=_pagefind, args=(config.site_dir,), daemon=True).start()
            else:
                _pagefind(config.site_dir)

    on_post_build = CombinedEvent(_put_pages_in_place, _end_build)

    def _discard_previous_site(self) -> None:
        """Remove the last build's site/ set aside for a page cache that will not take it back."""
        if self.previous_site is not None:
            discard_previous(self.previous_site.parent)
            self.previous_site = None

    def on_build_error(self, error, **kwargs) -> None:
        """A failed build releases the lock too (MkDocs calls this instead of on_post_build)."""
        self._stop_ahead()
        self._finish_files_ahead()
        if self.page_cache is not None:
            self.page_cache.close()
            self.page_cache = None
        self._discard_previous_site()
        self.collector.end()
        full_passes()  # held back from on_nav, when the build fails before on_env
        try:
            self.lock.release()
        except RuntimeError:  # the build failed before on_pre_build took it
            pass
        self.building = False

    def on_files(self, files, config, **kwargs):
        """Decide once per build which pages MkDocs can take from the page cache, and whether generated
        pages can skip Python-Markdown (see fast_render)."""
        self.page_cache = None
        why = self._page_cache_refusal(config)
        if why is None:
            self.page_cache = PageCache(_project(config).cache_file.parent / "site-pages", config, files,
                                        previous=self.previous_site, previewing=self.command == "serve")
            self.previous_site = None  # the page cache's now: it takes the pages back, or discards them
            self.page_cache.choose()
        else:
            log.debug(f"Briefing archive: no page cache ({why})")
            self._discard_previous_site()  # set aside when on_pre_build found no reason (one came since)
        if self.page_cache is None or self.page_cache.to_build > PAUSE_GC_PAGES:
            self.collector.end()  # paused since on_pre_build: to the end of a build of a few pages only
            self._keep_to_the_end()  # the files and the page cache's index
        self.fast = None
        if not _settings().fast_render:
            return files
        why = fast_render.unsupported(config)
        if why:
            log.info(f"Briefing archive: generated pages go through Python-Markdown (mkdocs.yml sets {why})")
            return files
        # links to the files the cache keeps: MkDocs would note each, and the cache's log filter drop it
        unannounced = self.page_cache.quiet if self.page_cache is not None else ()
        self.fast = (fast_render.Renderer(config, unannounced), manifest_files(Path(config.docs_dir)))
        return files

    def on_env(self, env, config, files):
        """With the page cache, the theme's compiled templates are kept between builds too (Jinja's
        own bytecode cache, which compiles a template again whenever its source changed, in a folder
        emptied when MkDocs, Material, Jinja or the environment's options change); the theme's
        navigation, tabs and header partials are rendered once for the pages outside the navigation
        (fast_partials.py). The folders and files of the pages MkDocs is about to write are made ahead
        by a process of their own (files_ahead.py), and a share of their templates rendered ahead by
        another (template_ahead.py). In a build that ends once its pages are written, what it holds
        now is set aside from the collector's passes (collector.keep_to_the_end)."""
        if _settings().fast_partials and fast_partials.alone(config, self):
            self.partials = fast_partials.install(env)
        if self.page_cache is not None:
            keep_theme_templates(env, config)
        self._finish_files_ahead()
        pages = self._pages_to_build(files)
        if _settings().files_ahead:
            self.files_ahead = files_ahead.start(config, pages, self.dirty, _settings().files_ahead_min)
        self._keep_to_the_end()  # the pages, read
        if template_ahead.wanted(config, self, pages, self.dirty):
            if self.ahead is not None:  # every page is read: the second core is the templates' now
                self.ahead.settle()  # (the search sections it found stay)
            self.templates_ahead = template_ahead.start(config, self.nav, env, pages, self)
            if self.templates_ahead is not None:
                self.templates_ahead.install(env)
        return env

    def _keep_to_the_end(self) -> bool:
        """In a build that ends with its pages, what the process holds now stays to its end: it is set
        aside from the collector's full passes (collector.keep_to_the_end) at each step that adds
        much to it (the files, the navigation, the pages read), and while the pages are read the
        collector makes no full pass at all (collector.young_passes_only): at 10,000 articles, seven
        full passes while the pages were read took 1.7 s of MkDocs' process and collected nothing.
        Set aside before render_ahead's process is forked, these objects are not touched by that
        process's collector either (no copy of the memory they sit in). Returns whether it did."""
        if self.command != "serve" and _settings().pause_gc:
            keep_to_the_end()
            return True
        return False

    def _pages_to_build(self, files) -> list:
        """The pages MkDocs builds, in its order (drafts too under `mkdocs serve`, as MkDocs does)."""
        inclusion = InclusionLevel.is_in_serve if self.command == "serve" else InclusionLevel.is_included
        return files.documentation_pages(inclusion=inclusion)

    def _finish_files_ahead(self) -> None:
        if self.files_ahead is not None:
            self.files_ahead.finish()
            self.files_ahead = None

    def on_nav(self, nav, config, files):
        """The pages taken from the cache get the Page objects the sitemap and anchor checks read; the
        pages MkDocs is about to build are worked out ahead on a second core (render_ahead.py)."""
        if self.page_cache is not None:
            self.page_cache.give_pages()
        self._stop_ahead()
        self.nav = nav
        if self._keep_to_the_end():  # the navigation and the pages, before they are read (and forked)
            young_passes_only()  # until they are read (on_env)
        if self.fast is not None:
            renderer, owned = self.fast
            renderer.ahead = self.ahead = render_ahead.start(
                config, files, self._pages_to_build(files), renderer, owned, self)
        return nav

    def _stop_ahead(self) -> None:
        if self.ahead is not None:
            self.ahead.close()
            self.ahead = None
        if self.templates_ahead is not None:
            self.templates_ahead.close()
            self.templates_ahead = None
        self.nav = None
        fast_search.forget_expected()

    def on_template_context(self, context, template_name, config):
        """The sitemap (and any theme template listing the pages) lists the reused pages too."""
        if self.page_cache is not None and self.page_cache.reused:
            context["pages"] = self.page_cache.all_pages()
        return context

    def on_pre_page(self, page, config, files):
        """Read and render a page the generator wrote, unchanged since, the fast way (this page only):
        its front matter with json.loads, its Markdown with cmark-gfm (fast_render.py)."""
        if self.fast is not None:
            renderer, owned = self.fast
            digest = owned.get(page.file.src_uri)
            if digest and file_digest(Path(page.file.abs_src_path)) == digest:  # no editor changed it
                page.read_source = functools.partial(renderer.read_source, page)  # this page only
                page.render = functools.partial(renderer.render, page)  # see fast_render
        return page

    def on_page_content(self, html: str, page, config, files) -> str:
        """Sanitise every page's HTML: defence in depth behind the escaping of article text.

        The page's Markdown is let go here: MkDocs holds every page of the site in memory
        before it writes the first one, and nothing reads the Markdown once it is HTML (an empty
        string, not None: MkDocs takes None for a page never read). At 10,000 articles that is
        a few hundred megabytes of MkDocs' peak."""
        page.markdown = ""
        # The HTML too waits as UTF-8 bytes (half the memory of a str holding one curly quote) until
        # its page is built: on_page_context puts it back, on_post_page lets it go.
        ahead = getattr(page, "briefing_ahead", None)
        if ahead is not None and html is ahead.html:  # worked out ahead (render_ahead.py), sanitised there
            sanitized = html
            ahead.html = ""
        else:
            sanitized = sanitize_html(html)
            page.briefing_ahead = None  # its search sections are of other HTML
        page.briefing_html = sanitized.encode("utf-8", "surrogatepass")
        return ""

    @event_priority(100)  # before the search plugin indexes the page
    def on_page_context(self, context, page, config, nav):
        """Give the page its HTML back (see on_page_content), and its template's output when it was
        rendered ahead (template_ahead.py); note where its search entries begin (page_cache.py keeps
        them with the page)."""
        self.give_html_back(page)
        if self.templates_ahead is not None:
            self.templates_ahead.reach(page)
        if self.page_cache is not None:
            self.page_cache.before_page(page, _search_index(config))
        return context

    def give_html_back(self, page) -> None:
        """The page's HTML, from where on_page_content packed it; the search sections worked out for
        it ahead, for the search plugin. Also what template_ahead.py's process does for its pages."""
        packed = getattr(page, "briefing_html", None)
        if packed is not None:
            page.content = packed.decode("utf-8", "surrogatepass")
            page.briefing_html = None
        ahead = getattr(page, "briefing_ahead", None)
        if ahead is not None:
            page.briefing_ahead = None
            if ahead.sections is not None:  # the search plugin reads the page next (render_ahead.py)
                fast_search.expect(page.content, ahead.sections)
        elif self.ahead is not None:  # worked out here: its sections may have been worked out since
            found = self.ahead.sections(page.file.src_uri)
            if found is not None:
                fast_search.expect(*found)

    @event_priority(-100)  # last: the cache keeps the page as MkDocs writes it
    def on_post_page(self, output: str, page, config) -> str:
        """Keep the page as built for the next build (page_cache.py); then its HTML is let go (MkDocs
        reads no page's content once it is written)."""
        if self.dirty:  # MkDocs writes over the last build's file, which may be the cache's too
            unshare(page.file.abs_dest_path)
        if self.page_cache is not None:
            self.page_cache.after_page(page, output, _search_index(config))
        page.content = ""
        fast_search.forget_expected()
        return output

    def _watch_inputs(self, config) -> None:
        """Under `mkdocs serve`, once per process: watch seeds/ and register.yml with our own observer,
        so that a change regenerates (once MkDocs' build under way is done: `wait_for_mkdocs`). Started
        with the server, or before the first build when that build waits for the last build's archive
        to be read back (`serve_at_once`): an edit saved meanwhile is seen too."""
        if self.observer is not None:
            return
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        project = _project(config)
        timer: list[threading.Timer | None] = [None]
        regenerate = functools.partial(self.regenerate, config)
        hook = self

        class Handler(FileSystemEventHandler):
            def __init__(self, only: str | None = None) -> None:
                super().__init__()
                self.only = only  # the one file of the folder that is an input (register.yml), or None: all

            def on_any_event(self, event):
                if event.is_directory or event.event_type in _READS:
                    return
                if self.only is not None and self.only not in map(os.path.basename, _event_paths(event)):
                    return  # another file of the project's folder (a log, .cache/): no input
                hook.changes += 1  # a full pass under way gives way to it (complete)
                if timer[0] is not None:
                    timer[0].cancel()
                timer[0] = threading.Timer(0.2, regenerate)  # let an editor's save settle
                timer[0].daemon = True
                timer[0].start()

        self.observer = Observer()
        changes = change_events()
        self.observer.schedule(Handler(), str(project.seeds_dir), recursive=False, event_filter=changes)
        self.observer.schedule(Handler(project.register_file.name), str(project.register_file.parent), recursive=False,
                               event_filter=changes)
        self.observer.daemon = True
        self.observer.start()

    def on_serve(self, server, config, builder, **kwargs):
        """Watch the generator's inputs (`_watch_inputs`), so a change regenerates first; stop on
        SIGTERM as on Ctrl-C (see _stop_on_sigterm)."""
        self.server = server
        _stop_on_sigterm()
        from watchdog.observers import Observer

        self._watch_inputs(config)
        docs, native_watch = os.path.abspath(config.docs_dir), _settings().native_watch
        # A docs dir reached through a link: the system's watch of its top would be on the link itself.
        native = native_watch and os.path.realpath(docs) == docs
        if native and self.docs_observer is None:  # its own: a burst of page events cannot crowd out a seed's
            self.docs_observer = Observer()
            self.docs_observer.daemon = True
            self.docs_observer.start()
        self.docs_dir = docs if native_watch else None  # None: nothing announced
        # docs_dir and mkdocs.yml, watched already
        _filter_server_watches(server, config.docs_dir, self.was_announced, self.docs_observer if native else None)
        if self.unbuilt:  # written by the background run before MkDocs watched anything: build them
            self._ask_for_build()
        watch = server.watch

        def watch_filtered(path, func=None, *, recursive=True):  # config.watch entries, watched next
            watch(path, func, recursive=recursive)
            _filter_server_watches(server, config.docs_dir, self.was_announced)

        server.watch = watch_filtered
        build = server.builder

        def builder(*args, **kwargs):  # a rebuild is under way from here, before MkDocs reads mkdocs.yml
            self.building = True
            try:
                with rebuilding():  # the page cache's deferred save waits for its end
                    return build(*args, **kwargs)
            finally:
                self.building = False

        server.builder = builder
        if self.idle_collector is None:
            self.idle_collector = threading.Thread(target=self._collect_when_idle, daemon=True)
            self.idle_collector.start()
        return server

    def _busy(self) -> bool:
        """MkDocs builds or is about to, or the generator has work under way or due."""
        return (self.building or self.unbuilt or self.rest_due or getattr(self.server, "_want_rebuild", False)
                or (self.catching_up is not None and self.catching_up.is_alive()))

    def _collect_when_idle(self, every: float = 1.0, quiet_for: int = 10, pauses_at_most: int = 20,
                           pauses_at_all: int = 60) -> None:
        """Under `mkdocs serve`, in a thread of its own: collect the garbage the collector's pauses set
        aside (collector.py: a build's or a generator run's, frozen as it ended, so that the
        collector's next pass did not go over all of it in the middle of the next edit) once MkDocs
        and the generator have been idle for `quiet_for` checks in a row, or for two once
        `pauses_at_most` pauses set theirs aside (an edit is about six). The pass over the whole heap
        (1-2 s at 10,000 articles) holds both locks: an edit saved meanwhile waits for it, so it waits
        for a pause in the editing, not the first quiet second after an edit's rest of the archive.
        After `pauses_at_all`, it no longer waits for a quiet moment, only for the locks: the garbage
        set aside must not grow without end while edits follow each other."""
        quiet = 0
        while not self.stopping.wait(every):
            pauses = frozen_pauses()
            if not pauses:
                quiet = 0
                continue
            quiet = 0 if self._busy() or not _free(self.gen_lock) else quiet + 1
            overdue = pauses >= pauses_at_all
            if quiet < (2 if pauses >= pauses_at_most else quiet_for) and not overdue:
                continue
            if not self.gen_lock.acquire(blocking=False):
                continue
            try:
                if self.lock.acquire(blocking=False):
                    try:
                        if overdue or not self._busy():
                            collect_frozen()
                            quiet = 0
                    finally:
                        self.lock.release()
            finally:
                self.gen_lock.release()
