"""One build at a time per project: a file lock next to the cache, so content/ is never a mix of two builds."""
from __future__ import annotations

import errno
import fcntl
import os
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from generator import settings
from generator.project import Project, ProjectError

_held = threading.local()  # lock files this thread holds, with their depth (build() calls write())


def lock_file(project: Project) -> Path:
    """The project's build lock, next to its cache: one build at a time writes into content/."""
    return project.cache_file.parent / "build.lock"


@contextmanager
def project_lock(project: Project, wait: float | None = None):
    """Hold the project's build lock (fcntl.flock) for the block: a second build, in another process
    or thread, waits for the first (saying so once on stderr), so content/ is never a mix of two
    builds; after `wait` seconds it stops with a one-line ProjectError. Re-entrant in one thread."""
    path = lock_file(project)
    key = str(path.resolve())
    depth = getattr(_held, "depth", None)
    if depth is None:
        depth = _held.depth = {}
    if depth.get(key):
        depth[key] += 1
        try:
            yield
        finally:
            depth[key] -= 1
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise ProjectError(f"{path}: cannot create the build lock: {exc.strerror or exc}; nothing was written") from None
    try:
        _acquire(fd, path, settings.current().lock_wait if wait is None else wait)
        depth[key] = 1
        try:
            yield
        finally:
            depth[key] = 0
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _acquire(fd: int, path: Path, wait: float) -> None:
    deadline, told = time.monotonic() + wait, False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise ProjectError(f"{path}: cannot lock: {exc.strerror or exc}; nothing was written") from None
        if time.monotonic() >= deadline:
            raise ProjectError(f"{path}: another build of this project is still running after {wait:.0f}s; "
                               "stopped, nothing was written (run the build again when it has finished)")
        if not told:
            print(f"briefing: another build of this project is running ({path}); waiting for it to finish",
                  file=sys.stderr)
            told = True
        time.sleep(0.05)
