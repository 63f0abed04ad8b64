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
