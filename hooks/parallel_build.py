"""MkDocs hook: build the pages of a large site on every core (`mkdocs build` only).

MkDocs renders pages one after the other on one core; for a 10,000-article
archive that is most of the build. When `mkdocs build` has at least
MIN_PAGES pages and more than one core, this hook forks the build process
right after the navigation is known (`on_nav`). Each process renders
(Markdown to HTML, then the theme template) and writes its own share of
the pages, balanced by source size; nothing else is duplicated: static
files, theme templates (404, sitemap), link checks and the search index
stay with the first process. Before finishing, the first process collects
from the others what MkDocs needs from every page: the search entries
Material's built-in search wrote down for them, their anchors and their
links to anchors (so anchor checks cover the whole site), and how many
warnings they logged (so `--strict` still fails on them).

The result is the same site as a one-process build (the tests compare
them). A plugin added later that gathers data from every page (in
`on_page_context` or `on_post_page`) to use in `on_post_build` would see
only the first process's pages: hand its data over in `_finish_worker`
and `_collect` as is done for the search entries, or build with one
process. Settings:
BRIEFING_BUILD_JOBS=N (1 turns this off; default: all cores). `mkdocs
serve` is never forked (its rebuilds run beside the server's threads); use
`mkdocs serve --dirty` there, which rebuilds only the changed pages.
"""
from __future__ import annotations

import logging
import os
import pickle
import struct
import sys

from mkdocs.commands import build as mkbuild

log = logging.getLogger("mkdocs.hooks.parallel_build")

MIN_PAGES = 300  # below this, one process is fast enough and forking is not worth it

_command: str | None = None
_state: dict | None = None


def _jobs() -> int:
    try:
        jobs = int(os.environ.get("BRIEFING_BUILD_JOBS") or 0)
    except ValueError:
        jobs = 0
    if jobs <= 0:
        try:
            jobs = len(os.sched_getaffinity(0))
        except AttributeError:  # pragma: no cover - not Linux
            jobs = os.cpu_count() or 1
    return jobs


def on_startup(command, dirty, **kwargs) -> None:
    global _command
    _command = command


class _Counter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


def _search_index(config):
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if plugin is None or not getattr(plugin.config, "enabled", True):
        return None
    return getattr(plugin, "search_index", None)


def _send(fd: int, payload) -> None:
    data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(struct.pack("!Q", len(data)) + data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _receive(fd: int):
    chunks = []
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            break
        chunks.append(chunk)
    data = b"".join(chunks)
    if len(data) < 8:
        return None
    (size,) = struct.unpack("!Q", data[:8])
    return pickle.loads(data[8:8 + size]) if len(data) >= 8 + size else None


def on_nav(nav, config, files, **kwargs):
    """Fork the workers once the file list and navigation are known."""
    global _state
    _state = None
    jobs = _jobs()
    pages = list(files.documentation_pages())
    least = int(os.environ.get("BRIEFING_BUILD_MIN_PAGES") or MIN_PAGES)  # the tests lower it
    if _command not in ("build", "gh-deploy") or jobs < 2 or len(pages) < least or not hasattr(os, "fork"):
        return nav
    jobs = min(jobs, 8)
    # Balance by source size: largest first, each to the least loaded worker.
    loads = [0] * jobs
    owner: dict[str, int] = {}
    for f in sorted(pages, key=lambda f: -_size(f.abs_src_path)):
        w = loads.index(min(loads))
        owner[f.src_uri] = w
        loads[w] += _size(f.abs_src_path) + 2000  # every page also costs the theme's template
    last = pages[-1].src_uri
    pipes = []
    me = 0
    sys.stdout.flush()
    sys.stderr.flush()
    for w in range(1, jobs):
        r, wfd = os.pipe()
        pid = os.fork()
        if pid == 0:  # worker
            os.close(r)
            for _, other_r, _ in pipes:
                os.close(other_r)
            pipes = [(pid, None, wfd)]
            me = w
            break
        os.close(wfd)
        pipes.append((pid, r, None))
    counter = _Counter()
    logging.getLogger("mkdocs").addHandler(counter)
    _state = {"me": me, "owner": owner, "last": last, "pipes": pipes, "counter": counter, "config": config,
              "files": files, "jobs": jobs}
    _patch()
    if me:
        log.debug(f"parallel build worker {me} of {jobs}")
    else:
        log.info(f"Building pages in {jobs} processes")
    return nav


def _size(path) -> int:
    try:
        return os.path.getsize(path)
    except (OSError, TypeError):
        return 0


_originals: dict = {}


def _patch() -> None:
    if _originals:
        return
    _originals["populate"] = mkbuild._populate_page
    _originals["build"] = mkbuild._build_page
    _originals["theme"] = mkbuild._build_theme_template
    _originals["extra"] = mkbuild._build_extra_template
    mkbuild._populate_page = _populate_page
    mkbuild._build_page = _build_page
    mkbuild._build_theme_template = _theme_template
    mkbuild._build_extra_template = _extra_template


def _mine(page) -> bool:
    return _state is None or _state["owner"].get(page.file.src_uri, 0) == _state["me"]


def _populate_page(page, config, files, dirty=False):
    if not _mine(page):
        return None
    try:
        return _originals["populate"](page, config, files, dirty)
    except BaseException:
        _worker_failed()
        raise


def _theme_template(*args, **kwargs):
    if _state is None or _state["me"] == 0:
        return _originals["theme"](*args, **kwargs)
    return None


def _extra_template(*args, **kwargs):
    if _state is None or _state["me"] == 0:
        return _originals["extra"](*args, **kwargs)
    return None


def _build_page(page, config, doc_files, nav, env, dirty=False, excluded=False):
    if _mine(page):
        try:
            _originals["build"](page, config, doc_files, nav, env, dirty, excluded)
        except BaseException:
            _worker_failed()
            raise
    if _state is not None and page.file.src_uri == _state["last"]:
        if _state["me"]:
            _finish_worker()  # does not return
        else:
            _collect()
    return None


def _worker_failed() -> None:
    """A worker that fails reports it (the main process then fails the build) and stops."""
    if _state is not None and _state["me"]:
        import traceback

        traceback.print_exc()
        try:
            _send(_state["pipes"][0][2], {"error": True})
        finally:
            os._exit(1)


def _finish_worker() -> None:
    """In a worker, after its last page: hand over what the main process needs, then exit."""
    state = _state
    config, files = state["config"], state["files"]
    pages = {}
    for f in files.documentation_pages():
        if state["owner"].get(f.src_uri) != state["me"] or f.page is None:
            continue
        links = {to.src_uri: dict(anchors) for to, anchors in (f.page.links_to_anchors or {}).items()}
        pages[f.src_uri] = (f.page.present_anchor_ids, links)
    index = _search_index(config)
    payload = {"pages": pages, "warnings": state["counter"].count,
               "search": list(index.entries) if index is not None else []}
    code = 0
    try:
        _send(state["pipes"][0][2], payload)
    except Exception:  # pragma: no cover - the main process reports the missing result
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _collect() -> None:
    """In the main process, after its last page: merge every worker's results."""
    global _state
    state = _state
    config, files = state["config"], state["files"]
    index = _search_index(config)
    failed = 0
    for pid, r, _ in state["pipes"]:
        result = _receive(r)
        os.close(r)
        _, status = os.waitpid(pid, 0)
        if not result or result.get("error") or status != 0:
            failed += 1
            continue
        for uri, (anchors, links) in result["pages"].items():
            f = files.get_file_from_path(uri)
            if f is None or f.page is None:
                continue
            f.page.present_anchor_ids = anchors
            f.page.links_to_anchors = {files.get_file_from_path(to): a for to, a in links.items()
                                       if files.get_file_from_path(to) is not None}
        if index is not None:
            index.entries.extend(result["search"])
        if result["warnings"]:
            log.warning(f"{result['warnings']} warning(s) above came from a parallel build process")
    if index is not None:  # the order of a one-process build: pages in file order, sections in page order
        def page_of(url: str) -> str:  # "./" (the home page) and "" are the same page
            return url.split("#")[0].lstrip("./")

        order = {page_of(f.url): i for i, f in enumerate(files.documentation_pages())}
        index.entries.sort(key=lambda e: order.get(page_of(str(e.get("location", ""))), len(order)))
    logging.getLogger("mkdocs").removeHandler(state["counter"])
    _state = None
    if failed:
        raise mkbuild.Abort(f"{failed} parallel build process(es) failed; see the errors above "
                            "(BRIEFING_BUILD_JOBS=1 builds in one process)")
