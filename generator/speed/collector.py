"""The pause of Python's cyclic garbage collector (BRIEFING_PAUSE_GC), in a module of its own: the
MkDocs hook pauses it too, and must not import the pipeline to do so."""
from __future__ import annotations

import gc
from contextlib import contextmanager, nullcontext


@contextmanager
def gc_paused(freeze: bool = False):
    """The build allocates millions of objects and frees few: the cyclic collector's passes over a
    large heap (a `mkdocs serve` process holds the whole site) cost more than they reclaim.
    With `freeze` (a long-lived process), everything the process holds, what the pause made with
    it, is set aside as it ends (gc.freeze): resumed, the collector's first pass would go over all
    the pause made (0.1-0.3 s at 10,000 articles, in the middle of an edit); `collect_frozen`
    collects what is garbage once the process is idle."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            if freeze:
                _freeze()
            gc.enable()


def gc_paused_if(enabled: bool, freeze: bool = False):
    """`gc_paused(freeze)` when BRIEFING_PAUSE_GC is on (`enabled`), else nothing."""
    return gc_paused(freeze) if enabled else nullcontext()


_frozen = [0]  # pauses that set the heap aside since collect_frozen last collected


def _freeze() -> None:
    gc.freeze()
    _frozen[0] += 1


def frozen_pauses() -> int:
    """How many pauses set the heap aside since `collect_frozen` last collected (each leaves the
    garbage it made uncollected until then)."""
    return _frozen[0]


def keep_to_the_end() -> None:
    """A process that keeps what it holds now until it ends (an `mkdocs build` that has read every
    page: the pages, files and navigation stay to its end) sets it aside (gc.freeze): the
    collector's full passes while the pages are built go over only what is made after (0.3 s of
    a cold build at 1,000 articles, two thirds of what they took). What was garbage by then stays
    until the process ends (a build's garbage is small: see PAUSE_GC_PAGES in site/hook.py), or,
    in a process that goes on building (`mkdocs serve --clean`, whose builds MkDocs calls `build`),
    until its idle collector collects what pauses set aside (`collect_frozen`). Full passes resume
    if `young_passes_only` held them."""
    _freeze()
    full_passes()


# The third threshold as it was while `young_passes_only` holds the full passes back.
_full_pass_threshold: list[int] = []
_NO_FULL_PASS = 1 << 30


def young_passes_only() -> None:
    """Until the next `keep_to_the_end`, the collector makes young passes only (of objects made
    since its last passes, where cycles of garbage are found), no full pass. For a process about to
    make many objects it keeps (an `mkdocs build` reading its pages): each full pass goes over all
    that the process made since it last set its heap aside, more each time, and finds nothing (at
    10,000 articles, eight passes while the pages were read took 2 s and collected no object)."""
    young, middle, full = gc.get_threshold()
    if not _full_pass_threshold:
        _full_pass_threshold.append(full)
        gc.set_threshold(young, middle, _NO_FULL_PASS)


def full_passes() -> None:
    """Full passes resume if `young_passes_only` held them (as the pages are read, or the build failed)."""
    if _full_pass_threshold:
        young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, _full_pass_threshold.pop())


def collect_frozen() -> bool:
    """Collect what pauses set aside (`gc_paused(freeze=True)`, `Pause.end(freeze=True)`), with
    everything else: a full pass over the heap (1-2 s at 10,000 articles), for a moment when
    nobody waits. Returns whether anything was set aside."""
    _frozen[0] = 0
    if not gc.get_freeze_count():
        return False
    gc.unfreeze()
    gc.collect()
    return True


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

    def end(self, last: bool = False, freeze: bool = False) -> None:
        """Resume the collector if `begin` paused it (safe to call more than once). Its first pass goes
        over every object made meanwhile (0.3-0.4 s after an MkDocs build at 10,000 articles), unless
        they are set aside (gc.freeze): for good when this is the `last` thing the process does (an
        `mkdocs build` that ends), until `collect_frozen` with `freeze` (a serving process)."""
        if self.paused:
            self.paused = False
            if last:
                gc.freeze()
            elif freeze:
                _freeze()
            gc.enable()
