"""A forked process that hands its results back as it goes, and a build that never waits for them.

`mkdocs build` works on one core; render_ahead.py and template_ahead.py give a share of its pages
to a copy of the build made by `fork` (the copy shares, unpickled, everything the build has read),
working from the last page while the build works from the first. This module is what the two
share: the process appends each result, pickled, to a temporary file nobody else can open (unlinked
at once) and writes one byte on a pipe after it; the build reads whatever is written, without
waiting, whenever it reaches a page. Whatever goes wrong in the process or in reading its results,
the build goes on without them and does the rest itself.
"""
from __future__ import annotations

import gc
import logging
import os
import pickle
import signal
import tempfile
from typing import Callable, Iterator

log = logging.getLogger("mkdocs.hooks.briefing")

Emit = Callable[[object, object], None]  # the process's way to hand back (key, result)


class ForkedWork:
    """The forked process running `work(emit)`, and the reading of what it emits."""

    def __init__(self, work: Callable[[Emit], None]) -> None:
        self.pid = 0
        self.counted = self.read = 0  # results the process says it wrote; results read
        fd, path = tempfile.mkstemp(prefix="briefing-ahead-")
        try:
            self.results = open(path, "rb")  # its own offset: the process writes through `fd`
        except OSError:
            os.close(fd)
            raise
        finally:
            os.unlink(path)
        try:
            self.progress, progress_w = os.pipe()
        except OSError:
            os.close(fd)
            self.results.close()
            raise
        try:
            self.pid = os.fork()
        except OSError:  # no memory or no process left for it
            for end in (fd, self.progress, progress_w):
                os.close(end)
            self.results.close()
            raise
        if self.pid == 0:  # the forked process: never returns, whatever happens (Ctrl-C included)
            try:
                os.close(self.progress)
                _run(work, fd, progress_w)
            finally:
                os._exit(1)
        os.close(fd)
        os.close(progress_w)
        os.set_blocking(self.progress, False)

    def written(self) -> Iterator[tuple[object, object]]:
        """Every (key, result) the process has written since the last call, without waiting for
        more. A damaged result file, no memory: the rest is dropped and the process stopped."""
        if self.pid == 0:
            return
        try:
            while True:
                try:
                    chunk = os.read(self.progress, 65536)
                except BlockingIOError:  # nothing more yet
                    break
                if not chunk:  # it ended (done, or failed): what it wrote is all there is
                    break
                self.counted += len(chunk)
            while self.read < self.counted:
                key, result = pickle.load(self.results)
                self.read += 1
                yield key, result
        except Exception as exc:
            log.debug(f"Briefing archive: what a forked process worked out is left ({exc})")
            self.close()

    def close(self) -> None:
        """Stop the process if it is still at work; nothing more is read."""
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


def _run(work: Callable[[Emit], None], fd: int, progress: int) -> None:
    """In the forked process: `work`, each result it emits into the file `fd` with one byte on
    `progress`. Nothing it logs is shown (`logged` says whether a step would have logged)."""
    status = 1
    try:
        gc.disable()  # a short-lived copy of the build: collecting would only copy its pages of memory
        logging.Logger.handle = _note_logged
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # Ctrl-C ends it at once
            signal.signal(signal.SIGINT, signal.SIG_DFL)
        with open(fd, "wb") as out:
            def emit(key, result) -> None:
                pickle.dump((key, result), out, protocol=pickle.HIGHEST_PROTOCOL)
                out.flush()
                os.write(progress, b".")

            work(emit)
        status = 0
    except BaseException:  # the build works the rest out itself
        pass
    finally:
        os._exit(status)


_logged = [False]


def _note_logged(logger, record) -> None:
    """Logger.handle in the forked process: shows nothing, notes that something would be shown."""
    _logged[0] = True


def quietly(step: Callable[[], object]) -> tuple[object, bool]:
    """In the forked process: `step()`'s result, and whether it logged anything (the build must then
    do that step itself, so that its log is the log of a build without the process)."""
    _logged[0] = False
    result = step()
    return result, _logged[0]
