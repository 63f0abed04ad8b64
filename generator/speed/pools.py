"""Process pools: how many cores, and rendering a large archive on all of them.

Rendering is a pure function of the archive, so the pages are the same
whichever process renders which (tests/test_cache.py compares them).
"""
from __future__ import annotations

import gc
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_context

from generator.models import Archive, Page
from generator.render import render_all, render_exports, render_site


def cores(jobs: int = 0) -> int:
    """Worker processes to use: `jobs` when given (BRIEFING_JOBS), else the cores this process may run on."""
    if jobs > 0:
        return jobs
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


_shared_archive: Archive | None = None  # the archive, inherited by forked render workers


def _render_share(share: int, shares: int) -> list[tuple[str, str]]:
    """In a forked worker: this worker's part of the site's pages."""
    return [(p.path, p.text) for p in render_site(_shared_archive, share=(share, shares))]


def parallel_render(jobs: int, smallest: int):
    """A render step for the pipeline: `render_all` spread over `jobs` forked processes for archives of
    at least `smallest` articles.

    Workers are forked so they share the archive without pickling it; that is safe only when this
    process runs no other thread (not under `mkdocs serve`, whose rebuilds then render in one process).
    """
    def render(archive: Archive) -> list[Page]:
        global _shared_archive
        n = min(jobs, 8)
        if n < 2 or len(archive.articles) < smallest or threading.active_count() > 1 or not hasattr(os, "fork"):
            return render_all(archive)
        _shared_archive = archive
        try:
            with ProcessPoolExecutor(max_workers=n, mp_context=get_context("fork")) as pool:
                parts = list(pool.map(_render_share, range(n), [n] * n))
        finally:
            _shared_archive = None
        pages = {path: text for part in parts for path, text in part}
        site = sorted((Page(path, text) for path, text in pages.items()), key=lambda p: p.path)
        return site + render_exports(archive)

    return render


@contextmanager
def gc_paused():
    """The build allocates millions of objects and frees few: the cyclic collector's passes over a
    large heap (a `mkdocs serve` process holds the whole site) cost more than they reclaim."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
