"""How many cores a build may use, and whether work may go to forked processes.

A module of its own, importing nothing of the generator: the speed-ups' process pools
(speed/pools.py) and the MkDocs side (site/render_ahead.py, which must not pull the generator's
stages into what MkDocs runs: see site/page_cache.py `mkdocs_side_code`) both ask it.
"""
from __future__ import annotations

import os
import threading


def cores(jobs: int = 0) -> int:
    """Worker processes to use: `jobs` when given (BRIEFING_JOBS), else the cores this process may run on."""
    if jobs > 0:
        return jobs
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def may_fork(workers: int) -> bool:
    """Whether work may go to `workers` forked processes: at least two, a system that forks, and no
    other thread in this process (a fork copies locks other threads may hold; under `mkdocs serve`
    work then stays in one process). Forked workers share what this process holds without pickling it."""
    return workers >= 2 and hasattr(os, "fork") and threading.active_count() == 1
