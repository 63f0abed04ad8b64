"""The pause of Python's cyclic garbage collector (BRIEFING_PAUSE_GC), in a module of its own: the
MkDocs hook pauses it too, and must not import the pipeline to do so."""
from __future__ import annotations

import gc
from contextlib import contextmanager, nullcontext


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


def gc_paused_if(enabled: bool):
    """`gc_paused()` when BRIEFING_PAUSE_GC is on (`enabled`), else nothing."""
    return gc_paused() if enabled else nullcontext()


class Pause:
    """A pause of the collector that begins at one event and ends at another, e.g. an MkDocs build
    of a few pages, from listing the docs dir to the end of the build: the process holds the whole
    site's files and the page cache's index, and the collector's passes over them (0.5-1 s of a
    build of 200 pages at 10,000 articles, half a dozen full ones of 0.1-0.2 s each) free next to
    nothing."""

    def __init__(self) -> None:
        self.paused = False

    def begin(self) -> None:
        if gc.isenabled():
            gc.disable()
            self.paused = True

    def end(self, last: bool = False) -> None:
        """Resume the collector if `begin` paused it (safe to call more than once). Its first pass goes
        over every object made meanwhile (0.3-0.4 s after an MkDocs build at 10,000 articles), unless
        this is the `last` thing the process does (an `mkdocs build` that ends): those objects are
        then set aside for good (gc.freeze), as the process ends anyway."""
        if self.paused:
            self.paused = False
            if last:
                gc.freeze()
            gc.enable()
