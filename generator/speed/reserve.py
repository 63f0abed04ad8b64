"""A first build's page files made ahead, while a core idles (BRIEFING_FILES_AHEAD).

A first build (no `archive/` in the docs dir yet: after `make clean`, in a fresh clone) writes every
page as a new file, on the one core the write stage runs on. Making a file is the file system's
slowest step, and on some disks far slower than writing it: on ext4 without a journal (this
project's benchmark machine) the kernel looks at each inode freed in the last minutes before it
hands out a new one, so after `make clean` deleted the last build's pages, each new file cost
0.2–0.4 ms of kernel time instead of 20 µs: about 1 s of a 1,000-article build's write stage, while
the other core idled. Renaming a file is a directory entry, not a new inode: a tenth of that.

So such a build starts, as it begins, a small process at a low priority (nice 10: all of a core the
build leaves idle, in the read stage and the index stage's single-core parts, and about a tenth of
one while both are busy) that makes empty files in a hidden folder of the docs dir (`RESERVE`),
about as many as the build will write. At the lowest priority (19) it got almost nothing while the
pools worked, and at 10,000 articles it was not done in one build of two (a write stage of 5 s
instead of 1.8 s). When the pages are written it is stopped, whatever it has made by then: the
writer renames each empty file into the place of a new page of the staged tree and writes into it,
and makes the others as before; what is left is removed with the folder (`discard`, also after a
failed build, and by the next build after a killed one).

Why the pages are those a build without it writes: the writer writes every byte of every page,
and only into a plain file that is empty (made by the process, which writes nothing), opened
without following a link (journal.py `_write_new`); nothing but the staged tree's new files is made
this way (the home page, the exports and the pages changed in place are written as before);
tests/test_reserve.py compares the docs dirs of first builds with and without it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from generator.read.seeds import ARTICLE_SUFFIXES
from generator.write.journal import OWNED_TREE, RESERVE

PER_ARTICLE = 2  # files made per seed: a 1,000-article archive has 2.6 pages per article, 10,000 1.8

# What the process runs: a low priority, then make `count` empty files named 0, 1, ... in `folder`
# (which it makes); no imports beyond `os` and `sys` (`-S`: no site-packages), so it starts at once.
_MAKER = """\
import os, sys
try:
    os.nice(10)
except (AttributeError, OSError):
    pass
folder, count = sys.argv[1], int(sys.argv[2])
os.mkdir(folder)
flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
for i in range(count):
    os.close(os.open(os.path.join(folder, str(i)), flags, 0o666))
"""


class Reserve:
    """The process making empty files ahead for one build, and what it made."""

    def __init__(self, docs: Path, count: int) -> None:
        self.folder = docs / RESERVE
        discard(docs)  # a killed build's
        self.proc: subprocess.Popen | None
        try:
            self.proc = subprocess.Popen([sys.executable, "-S", "-c", _MAKER, str(self.folder), str(count)],
                                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL)
        except OSError:  # no process to spare: the writer makes its files as before
            self.proc = None

    def take(self) -> list[Path]:
        """Stop the process and give the empty files it made (in the order it made them)."""
        self.stop()
        try:
            names = [e.name for e in os.scandir(self.folder) if e.name.isdigit() and e.is_file(follow_symlinks=False)]
        except OSError:
            return []
        return [self.folder / name for name in sorted(names, key=int)]

    def stop(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
            self.proc = None


def start(docs: Path, seeds_dir: Path, minimum: int) -> Reserve | None:
    """A Reserve for a build of the articles in `seeds_dir` into `docs`, or None when it would not
    pay: the docs dir already has `archive/` (the writer then changes files in place or links the
    unchanged ones), or there are fewer than `minimum` articles (starting the process costs more
    than it saves)."""
    if (docs / OWNED_TREE).exists() or not docs.is_dir():
        return None
    try:
        seeds = sum(1 for e in os.scandir(seeds_dir) if e.name.lower().endswith(ARTICLE_SUFFIXES))
    except OSError:
        return None
    return Reserve(docs, seeds * PER_ARTICLE) if seeds >= minimum else None


def discard(docs: Path) -> None:
    """Remove the folder of files made ahead, with whatever the writer did not use."""
    folder = docs / RESERVE
    if folder.exists():
        shutil.rmtree(folder, ignore_errors=True)
