"""register.yml parsed and checked again only when its bytes changed (BRIEFING_CACHE).

Reading the register (YAML with every value's line, the schema, each entry's checks against the
others) took 0.07 s of every build: a fortieth of a day's `make site` at 1,000 articles, where the
target is 3 s. The register and the problems found in it are kept in `.cache/register.pickle`
under a digest of the file's bytes, the name it is read under (its problems name it) and the
generator's code, and read back in a millisecond. A register changed while it was being read is
not kept. `speed.steps` puts this behind `memo.cached_register`, which asks it only when the file's
size or time changed: a long-lived process keeps the last register in memory.
"""
from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from generator.problems import Problem
from generator.read import read_register
from generator.read.register import Register
from generator.speed.freshness import IMPORTED_CODE
from generator.write.journal import atomic_write

FORMAT = 1
_UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError,
               ValueError, MemoryError)


def _key(path: Path, raw: bytes) -> str:
    return hashlib.sha256(b"\0".join((str(FORMAT).encode(), IMPORTED_CODE.encode(),
                                      str(path).encode("utf-8", "surrogateescape"), raw))).hexdigest()


class StoredRegister:
    """A read step for the register: `read` (read_register), answered from `store` while the file's
    bytes, its name and the code are the same."""

    def __init__(self, store: Path, read=read_register) -> None:
        self.store, self.read = store, read

    def __call__(self, path: Path) -> tuple[Register, list[Problem]]:
        try:
            raw = path.read_bytes()
        except OSError:  # missing (an empty register) or unreadable: the reader says which
            return self.read(path)
        key = _key(path, raw)
        try:
            kept = pickle.loads(self.store.read_bytes())
            if isinstance(kept, dict) and kept.get("key") == key and isinstance(kept.get("register"), Register):
                return kept["register"], list(kept["problems"])
        except _UNREADABLE:  # none yet, damaged, or from code that no longer unpickles: read it
            pass
        register, problems = self.read(path)
        try:
            if path.read_bytes() == raw:  # not changed while it was read: what was read is these bytes'
                self.store.parent.mkdir(parents=True, exist_ok=True)
                atomic_write(self.store, pickle.dumps({"key": key, "register": register, "problems": list(problems)},
                                                      protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # without it the next build reads the register again
        return register, problems
