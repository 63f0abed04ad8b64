"""The collector's pauses (speed/collector.py): a long-lived process sets aside what a pause made, and
collects it when idle."""
from __future__ import annotations

import gc
import weakref

from generator.speed.collector import (Pause, collect_frozen, frozen_pauses, full_passes, gc_paused,
                                       keep_to_the_end, young_passes_only)


class _Cycle:
    def __init__(self) -> None:
        self.me = self  # only the cyclic collector frees it


def _garbage_cycle() -> weakref.ref:
    return weakref.ref(_Cycle())


def test_a_long_lived_pause_sets_aside_what_it_made_until_collected():
    assert gc.isenabled()
    with gc_paused(freeze=True):
        cycle = _garbage_cycle()
    assert gc.isenabled() and gc.get_freeze_count() > 0
    gc.collect()
    assert cycle() is not None  # set aside: the collector's passes do not go over it
    assert collect_frozen() is True
    assert cycle() is None and gc.get_freeze_count() == 0
    assert collect_frozen() is False  # nothing set aside: no pass over the heap


def test_a_one_off_pause_sets_nothing_aside():
    with gc_paused():
        cycle = _garbage_cycle()
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.collect()
    assert cycle() is None


def test_a_serving_build_ends_its_pause_frozen():
    pause = Pause()
    pause.begin()
    cycle = _garbage_cycle()
    assert not gc.isenabled()
    pause.end(freeze=True)
    pause.end(freeze=True)  # twice: nothing more
    gc.collect()
    assert gc.isenabled() and cycle() is not None
    collect_frozen()
    pause.begin()
    cycle = _garbage_cycle()
    pause.end()
    gc.collect()
    assert gc.get_freeze_count() == 0 and cycle() is None


def test_a_build_that_has_read_its_pages_sets_aside_what_it_holds_and_collects_what_it_makes_after():
    held = _garbage_cycle()  # garbage by then: stays to the process's end (a build's is small)
    keep_to_the_end()
    made_after = _garbage_cycle()
    gc.collect()
    assert gc.isenabled() and gc.get_freeze_count() > 0
    assert held() is not None  # the collector's passes no longer go over it
    assert made_after() is None
    assert frozen_pauses() == 1  # a serving process that builds this way (serve --clean) collects it when idle
    assert collect_frozen() is True and held() is None


def test_while_a_build_reads_its_pages_the_collector_makes_young_passes_only():
    """young_passes_only: no full pass (over everything made since the heap was set aside) until
    keep_to_the_end, while cycles that die young are still collected by the young passes."""
    threshold = gc.get_threshold()
    full_passes_made = gc.get_stats()[2]["collections"]
    try:
        young_passes_only()
        young_passes_only()  # twice: the threshold to restore is still the first one
        assert gc.get_threshold()[2] > 10 ** 6
        young_garbage = _garbage_cycle()
        kept = [[] for _ in range(400 * threshold[0])]  # kept: enough to call for full passes
        assert young_garbage() is None  # a cycle that dies young goes in a young pass
        assert gc.get_stats()[2]["collections"] == full_passes_made  # and no full pass was made
        del kept
        keep_to_the_end()
        assert gc.get_threshold() == threshold  # full passes resume
        young_passes_only()
        full_passes()  # a build that failed while reading its pages (hook.on_build_error)
        assert gc.get_threshold() == threshold
    finally:
        gc.set_threshold(*threshold)
        collect_frozen()
