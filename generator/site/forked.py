"""A forked process that hands its results back as it goes, and a build that never waits for them.

`mkdocs build` works on one core; render_ahead.py and template_ahead.py give a share of its pages
to a copy of the build made by `fork` (the copy shares, unpickled, everything the build has read),
working from the last page while the build works from the first. This module is what the two
share: the process appends each result, pickled, to a temporary file nobody else can open (unlinked
at once), then says on a pipe which result it was and how long; the build notes where each result
lies and reads one only when it reaches its page (`take`), never waiting. The results stay in the
file, not in the build's memory: the process runs far ahead of the build (at 10,000 articles, the
pages it did wait there, some 400 MB, until the build reaches them). Whatever goes wrong in the
process or in reading its results, the build goes on without them and does the rest itself.
"""
from __future__ import annotations

import gc
import logging
import os
import pickle
import signal
import struct
import tempfile
import warnings
from typing import Callable

log = logging.getLogger("mkdocs.hooks.briefing")

Emit = Callable[[int, object], None]  # the process's way to hand back (number, result)
RECORD = struct.Struct("II")  # what the pipe says after each result: its number, its length in the file


class ForkedWork:
    """The forked process running `work(emit)`, and where its results lie in the file."""

    def __init__(self, work: Callable[[Emit], None]) -> None:
        self.pid = 0
        self.owner = os.getpid()  # a process forked later from the build (the other one) leaves it alone
        self.progress = -1
        self.where: dict[int, tuple[int, int]] = {}  # result number -> (offset, length) in the file
        self.end = 0  # where the next result begins
        self.unread = b""  # a part of a pipe record (never, with whole records written at once)
        fd, path = tempfile.mkstemp(prefix="briefing-ahead-")
        try:
            self.results = open(path, "rb")  # read with pread: the process writes through `fd`
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

    def _arrived(self) -> None:
        """Note every result the process has said it wrote, without waiting for more."""
        while self.progress >= 0 and os.getpid() == self.owner:
            try:
                chunk = os.read(self.progress, 65536)
            except BlockingIOError:  # nothing more yet
                return
            if not chunk:  # it ended (done, failed or stopped): what it said is all there is
                os.close(self.progress)
                self.progress = -1
                return
            chunk = self.unread + chunk
            whole = len(chunk) - len(chunk) % RECORD.size
            for number, length in RECORD.iter_unpack(chunk[:whole]):
                self.where[number] = (self.end, length)
                self.end += length
            self.unread = chunk[whole:]

    def take(self, number: int):
        """Result `number` if the process has written it, else None (the build does that part
        itself); each result is taken once. A damaged file, no memory: None, and the rest is left."""
        if self.results.closed:
            return None
        self._arrived()
        place = self.where.pop(number, None)
        if place is None:
            return None
        offset, length = place
        try:
            data = os.pread(self.results.fileno(), length, offset)
            if len(data) != length:
                raise EOFError(f"{len(data)} of {length} bytes")
            return pickle.loads(data)
        except Exception as exc:
            log.debug(f"Briefing archive: what a forked process worked out is left ({exc})")
            self.close()
            return None

    def stop(self) -> None:
        """Stop the process if it is still at work; what it wrote stays to be taken."""
        if self.pid and os.getpid() == self.owner:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.wait()

    def wait(self) -> None:
        """Wait for the process to end (done, failed or stopped); what it wrote stays to be taken."""
        if self.pid and os.getpid() == self.owner:
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
            self.pid = 0
            self._arrived()  # what it said before it ended, up to the pipe's end

    def close(self) -> None:
        """Stop the process; nothing more is taken."""
        self.stop()
        if self.progress >= 0:
            os.close(self.progress)
            self.progress = -1
        self.results.close()
        self.where.clear()


def _run(work: Callable[[Emit], None], fd: int, progress: int) -> None:
    """In the forked process: `work`, each result it emits written whole into the file `fd`, then
    its record on `progress`. Nothing it logs is shown (`quietly` says whether a step would have)."""
    status = 1
    try:
        gc.disable()  # a short-lived copy of the build: collecting would only copy its pages of memory
        logging.Logger.handle = _note_logged
        warnings.showwarning = _note_warned
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # Ctrl-C ends it at once
            signal.signal(signal.SIGINT, signal.SIG_DFL)

        def emit(number: int, result) -> None:
            data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
            rest = memoryview(data)
            while rest:
                rest = rest[os.write(fd, rest):]
            os.write(progress, RECORD.pack(number, len(data)))

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


def _note_warned(*args, **kwargs) -> None:
    """warnings.showwarning in the forked process: the same for a Python warning."""
    _logged[0] = True


def quietly(step: Callable[[], object]) -> tuple[object, bool]:
    """In the forked process: `step()`'s result, and whether it logged anything (the build must then
    do that step itself, so that its log is the log of a build without the process)."""
    _logged[0] = False
    result = step()
    return result, _logged[0]
