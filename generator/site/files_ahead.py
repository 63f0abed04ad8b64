"""The folders and files of the pages MkDocs is about to write are made ahead on a second core
(BRIEFING_FILES_AHEAD).

MkDocs writes each page it builds as it goes (`utils.write_file`): it makes the page's folder
(every page is a folder of its own, `archive/articles/NAME/index.html`), then creates the file and
writes it. Making a folder and creating a file are the file system's slowest steps, and on a
virtual machine's disk they grow slower the more files were deleted before them: in a cold build
of 1,000 articles they were a sixth of MkDocs' time, all of it on the one core MkDocs builds on,
while the other idles through its templates. So once MkDocs has read every page and before it
renders the first (the hook's on_env), a small process of its own (not a thread: it would wait for
the interpreter lock MkDocs holds) is handed, in MkDocs' order, the path of every page MkDocs is
about to build, makes each folder and creates each file empty (only when there is none:
`O_EXCL`). MkDocs then finds the folder there and writes into the empty file.

Why the site is the one MkDocs would build alone:

- nothing but MkDocs writes a byte into a page: the process only creates a file that is not
  there, so a page MkDocs wrote first is never touched, and MkDocs' own write truncates the empty
  file it finds;
- MkDocs never writes a page's file empty (it skips a page whose HTML is blank), so at the end of
  the build (and of a failed one) every file still empty is one MkDocs did not write: it is
  removed, with the folders made for it that are left empty;
- a `--dirty` build writes over the last build's files and is left alone, as are builds of fewer
  than `files_ahead_min` pages (starting the process costs more than it saves).

MkDocs opens each page's file to truncate it (`utils.write_file`), and on ext4 a file truncated to
nothing is flushed to disk when it is closed (`auto_da_alloc`): for a file made ahead, that flush
took 30-40 µs of MkDocs' one core per page. So while the process is in use, `utils.write_file`
writes into a file that is there and empty without truncating it (the same bytes end up in it), and
does as MkDocs' own otherwise: any other file, a link, a file not there. Only with the MkDocs whose
`write_file` it was compared with (WRITE_FILE_CHECKED, a digest of its source).

tests/test_files_ahead.py builds sites with and without and compares every file and folder.
"""
from __future__ import annotations

import functools
import hashlib
import inspect
import logging
import os
import subprocess
import sys

from mkdocs import utils

from generator.write.journal import write_into_empty

log = logging.getLogger("mkdocs.hooks.briefing")

# What the process runs: read NUL-separated paths, make each one's folder and create it empty when
# it is not there; print how many files it created. No imports beyond `os` and `sys` (`-S`: no
# site-packages), so it starts at once.
_MAKER = """\
import os, sys
made, created = set(), 0
flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
for path in sys.stdin.buffer.read().split(b"\\0"):
    if not path:
        continue
    folder = os.path.dirname(path)
    try:
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        os.close(os.open(path, flags, 0o666))
        created += 1
    except OSError:
        pass
print(created)
"""


# digest of mkdocs 1.6.1's utils.write_file: makes the folder, opens the file with "wb", writes
WRITE_FILE_CHECKED = "7ca9477c4bda00c8928bfe09d8e83137adeb8cffde47be7bdb33f8984fb95a5a"


@functools.cache
def _write_file_digest(write_file) -> str | None:
    try:
        return hashlib.sha256(inspect.getsource(write_file).encode()).hexdigest()
    except (OSError, TypeError):
        return None


def _into_empty(original):
    """MkDocs' `write_file` (`original`), but a file that is there and empty is written into as it is."""
    def write_file(content: bytes, output_path: str) -> None:
        if not write_into_empty(output_path, content):  # not there, a link, a folder, a file with bytes
            original(content, output_path)

    write_file.briefing_original = original
    return write_file


def _write_into_empty_files() -> None:
    if _write_file_digest(utils.write_file) == WRITE_FILE_CHECKED:
        utils.write_file = _into_empty(utils.write_file)


def _write_as_mkdocs() -> None:
    original = getattr(utils.write_file, "briefing_original", None)
    if original is not None:
        utils.write_file = original


class FilesAhead:
    """One build's process making its pages' folders and files, and what it may have left empty."""

    def __init__(self, paths: list[str], site_dir: str) -> None:
        self.paths = paths
        self.site_dir = os.path.abspath(site_dir)
        self.proc: subprocess.Popen | None = subprocess.Popen(
            [sys.executable, "-S", "-c", _MAKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, close_fds=True)
        self.created = 0  # files the process created (finish)
        self.removed = 0  # of those, left empty by MkDocs and removed (finish)
        try:
            self.proc.stdin.write(b"\0".join(os.fsencode(p) for p in paths))
        except OSError:  # it ended early: MkDocs makes whatever it did not
            pass
        except BaseException:  # not left waiting for the rest of its input
            self.proc.kill()
            self.proc.wait()
            raise
        finally:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
        _write_into_empty_files()

    def finish(self) -> None:
        """Wait for the process (long done by the end of a build), then remove each file MkDocs did
        not write (still empty) and the folders left empty by that, up to site/."""
        proc, self.proc = self.proc, None
        if proc is None:
            return
        _write_as_mkdocs()
        try:
            proc.wait(timeout=60)  # it prints one number: it never waits for its pipe to be read
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        said = proc.stdout.read()
        proc.stdout.close()
        self.created = int(said) if said.strip().isdigit() else 0
        for path in self.paths:
            try:
                if os.lstat(path).st_size != 0:
                    continue
                os.unlink(path)
            except OSError:
                continue
            self.removed += 1
            folder = os.path.dirname(path)
            while len(folder) > len(self.site_dir) and folder.startswith(self.site_dir):
                try:
                    os.rmdir(folder)
                except OSError:  # not empty: something else is in it
                    break
                folder = os.path.dirname(folder)
        log.debug(f"Briefing archive: {self.created} pages' files made ahead, {self.removed} left unwritten "
                  f"and removed")


def start(config, pages: list, dirty: bool, minimum: int) -> FilesAhead | None:
    """Start making the folders and files of `pages` (the Files MkDocs is about to build, in its
    order), or None when not worth it."""
    if dirty or len(pages) < minimum:
        return None
    site = os.path.abspath(config.site_dir)
    paths = [f.abs_dest_path for f in pages]
    if not all(os.path.abspath(p).startswith(site + os.sep) for p in paths):
        return None  # a page written outside site/: leave it all to MkDocs
    try:
        return FilesAhead(paths, site)
    except OSError as exc:
        log.debug(f"Briefing archive: pages' files not made ahead ({exc})")
        return None
