"""The pages MkDocs builds are worked out ahead on a second core (BRIEFING_RENDER_AHEAD).

MkDocs builds one page after another in one process: on a two-core machine one core idles
through `mkdocs build`. Most of the time a generated page takes is pure work on its own text:
its HTML from cmark-gfm with headings and links (fast_render.py), the sanitiser (sanitize.py)
and the search plugin's sections (fast_search.py). Once the navigation is settled (the hook's
on_nav), one forked process works these out for a share of the pages MkDocs is about to build,
in MkDocs' own order, appending each to a file as it goes; MkDocs, reaching one of them, takes
the result instead of working it out. The share is about a third of the pages' bytes: the
forked process does the sanitising and search sections of its share at once, the build does
those of its own pages later, with the templates.

Why a page comes out byte for byte as MkDocs would build it alone:

- the process is forked after MkDocs listed the files and built the navigation, so it renders with
  the same files, configuration, settings and renderer;
- a result is taken only for the very Markdown it was worked out from (compared whole: a page's
  Markdown MkDocs reads after the fork is the one it compares), the sanitised HTML only when the
  hook is the one `on_pre_page`, `on_page_markdown` and `on_page_content` handler (no plugin can
  have changed the HTML between the two), the search sections only when the search parser is
  handed exactly that HTML;
- a page whose rendering logs anything (a link MkDocs warns about or notes: the build must log it)
  or that is not the generator's as it wrote it is not worked out ahead;
- tests/test_render_ahead.py builds sites with and without and compares every file.

When the forked process fails, falls behind or is gone, MkDocs works the page out itself. It runs
only when `mkdocs build` has no other thread (a fork copies locks another thread may hold:
`mkdocs serve` builds alone) and at least `render_ahead_min` pages are to be built.
"""
from __future__ import annotations

import gc
import logging
import os
import pickle
import select
import signal
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils import meta

from generator import settings
from generator.site import fast_search
from generator.site.fast_render import Converted, Renderer
from generator.site.sanitize import sanitize_html
from generator.write.journal import file_digest

log = logging.getLogger("mkdocs.hooks.briefing")

AHEAD_SHARE = 0.6  # of the bytes the build works out itself: the rest goes ahead (see the docstring)
PATIENCE = 120.0  # seconds the build waits for one page ahead before it works it out itself


@dataclass
class Ahead:
    """One page worked out ahead."""

    markdown: str  # what it was worked out from
    converted: Converted  # fast_render's result, without its content (sanitised in `html`)
    html: str  # the page's HTML, sanitised
    sections: list | None  # the search parser's sections of `html`, or None


def _ours_alone(config, hook) -> bool:
    """The hook is the only handler of the events between reading a page and its sanitised HTML,
    and the search plugin the only other one that reads the HTML (see the docstring)."""
    events = config.plugins.events
    mine = lambda method: getattr(method, "__self__", None) is hook  # noqa: E731

    if any(not mine(m) for name in ("pre_page", "page_read_source", "page_markdown", "page_content")
           for m in events.get(name, [])):
        return False
    return all(mine(m) or type(getattr(m, "__self__", None)).__module__.startswith(("material.plugins.search",
                                                                                   "mkdocs.contrib.search"))
               for m in events.get("page_context", []))


def _search_reads_pages(config) -> bool:
    """Whether a search plugin reads the built pages (the hook turns it off for Pagefind)."""
    return any(getattr(getattr(getattr(m, "__self__", None), "config", None), "enabled", True) is not False
               for m in config.plugins.events.get("page_context", [])
               if type(getattr(m, "__self__", None)).__module__.startswith("material.plugins.search"))


def _shares(files: list, owned: dict) -> list:
    """The generator's pages among `files` that go ahead, in MkDocs' order: a page goes when the
    work ahead is the smaller share, weighed by bytes."""
    ahead, mine, here = [], 0.0, 0.0
    for file in files:
        if not owned.get(file.src_uri):
            continue
        try:
            size = os.path.getsize(file.abs_src_path)
        except OSError:
            continue
        if mine <= here * AHEAD_SHARE:
            ahead.append(file)
            mine += size
        else:
            here += size
    return ahead


def _second_core_free() -> bool:
    """Two cores or more, a system that forks, and no other thread in this process (a fork copies
    locks another thread may hold)."""
    try:
        count = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        count = os.cpu_count() or 1
    return count >= 2 and hasattr(os, "fork") and threading.active_count() == 1


def start(config, files, pages: list, renderer: Renderer, owned: dict, hook) -> RenderAhead | None:
    """Fork the process that works out a share of `pages` (the Files MkDocs is about to build),
    or None when it would not pay or could not be trusted (see the docstring)."""
    config_now = settings.current()
    if not config_now.render_ahead or len(pages) < config_now.render_ahead_min or not _second_core_free():
        return None
    if not _ours_alone(config, hook):
        return None
    share = _shares(pages, owned)
    if not share:
        return None
    return RenderAhead(config, files, share, renderer, owned, search=_search_reads_pages(config))


class RenderAhead:
    """The forked process and what the build has read of its results."""

    def __init__(self, config, files, share: list, renderer: Renderer, owned: dict, search: bool = True) -> None:
        self.files = files
        self.expected = {file.src_uri for file in share}
        self.ready: dict[str, tuple] = {}  # results read while looking for another page's
        self.counted = self.read = 0  # results the process says it wrote; results read
        self.ended = False  # the process wrote its last result, or failed
        self.taken = 0  # results used (for the tests and the log)
        fd, path = tempfile.mkstemp(prefix="briefing-ahead-")
        try:
            self.results = open(path, "rb")  # its own offset: the process writes through `fd`
        finally:
            os.unlink(path)
        self.progress, progress_w = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the forked process: never returns
            os.close(self.progress)
            _work(fd, progress_w, config, files, share, renderer, owned, search)
        os.close(fd)
        os.close(progress_w)

    def take(self, src_uri: str, markdown: str) -> Ahead | None:
        """The page worked out ahead from this Markdown, or None (then the build works it out)."""
        if src_uri not in self.expected:
            return None
        self.expected.discard(src_uri)
        found = self.ready.pop(src_uri, None)
        while found is None and self._wait():
            uri, result = pickle.load(self.results)
            self.read += 1
            if uri == src_uri:
                found = (uri, result)
            elif uri in self.expected:
                self.ready[uri] = (uri, result)
        ahead = found[1] if found is not None else None
        if ahead is None or ahead.markdown != markdown:
            return None
        by_uri = self.files.src_uris
        if any(uri not in by_uri for uri in ahead.converted.links_to_anchors):
            return None
        ahead.converted.links_to_anchors = {by_uri[uri]: anchors
                                            for uri, anchors in ahead.converted.links_to_anchors.items()}
        self.taken += 1
        return ahead

    def _wait(self) -> bool:
        """Whether a result not yet read is written (waiting for the process when it is at work)."""
        while self.read >= self.counted and not self.ended:
            ready, _, _ = select.select([self.progress], [], [], PATIENCE)
            chunk = os.read(self.progress, 65536) if ready else b""
            if not chunk:  # done, failed, or too slow: the build works out the rest itself
                self.ended = True
            self.counted += len(chunk)
        return self.read < self.counted

    def close(self) -> None:
        """Stop the process if it is still at work, and let its results go."""
        if self.pid and self.taken:
            log.info(f"Briefing archive: {self.taken} pages worked out ahead on a second core")
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
            self.pid = 0
            os.close(self.progress)
            self.results.close()
        self.ended = True
        self.expected.clear()
        self.ready.clear()


def _work(fd: int, progress: int, config, files, share: list, renderer: Renderer, owned: dict,
          search: bool) -> None:
    """In the forked process: each page of `share`, in order, into the file `fd`, one byte on
    `progress` after each (with its search sections when `search`). Nothing is logged: the build
    logs what its pages call for."""
    status = 1
    try:
        gc.disable()  # a short-lived copy of the build: collecting would only copy its pages of memory
        logging.Logger.handle = _note_logged  # nothing this process logs is shown: see _ahead
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        parser = fast_search.search_parser() if search else None
        with open(fd, "wb") as out:
            for file in share:
                pickle.dump((file.src_uri, _ahead(file, config, files, renderer, owned, parser)), out,
                            protocol=pickle.HIGHEST_PROTOCOL)
                out.flush()
                os.write(progress, b".")
        status = 0
    except BaseException:  # the build works the rest out itself
        pass
    finally:
        os._exit(status)


_logged = [False]


def _note_logged(logger, record) -> None:
    """Logger.handle in the forked process: shows nothing, notes that something would be shown."""
    _logged[0] = True


def _ahead(file, config, files, renderer: Renderer, owned: dict, search) -> Ahead | None:
    """One page worked out as the build would, or None when it must be the build's own work: a page
    the generator did not write as it is, or whose rendering logged anything (a link MkDocs warns
    about, or notes): the build must log it, as a build without this would."""
    path = Path(file.abs_src_path)
    _logged[0] = False
    try:
        if file_digest(path) != owned.get(file.src_uri):  # an editor's page: MkDocs renders it its own way
            return None
        markdown, _ = meta.get_data(file.content_string)
        converted = renderer.convert(file, markdown, files, config)
    except Exception:
        return None
    if _logged[0]:
        return None
    converted.links_to_anchors = {target.src_uri: anchors for target, anchors in converted.links_to_anchors.items()}
    html = sanitize_html(converted.content)
    converted.content = ""  # the build takes `html` (hook.py): the HTML crosses once
    sections = None
    if search is not None:
        parser = search()
        parser.feed(html)
        parser.close()
        sections = parser.data
    return Ahead(markdown, converted, html, sections)
