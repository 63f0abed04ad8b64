"""A pure function's answers, kept in one file between builds under a digest of its arguments.

The incidents cache (incidents_cache.py) and the statements cache (statements_cache.py) differ
only in what they key and what they answer; how the answers are read, counted and saved is here.
The store is read at the first lookup; one written by other code (`code` differs), or damaged,
counts as empty. Each build keeps only the answers it used, so the file never outgrows the
archive, and a store that cannot be written only makes the next build work again.
"""
from __future__ import annotations

import pickle
from pathlib import Path

from generator.write.journal import atomic_write

_UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError,
               ValueError)


class StoredAnswers:
    def __init__(self, store: Path, code: str) -> None:
        self.store, self.code = store, code
        self.known: dict | None = None  # read from the store at the first lookup
        self.used: dict = {}
        self.computed = 0  # answers worked out in this build (not taken from the store)

    def _load(self) -> dict:
        try:
            data = pickle.loads(self.store.read_bytes())
        except _UNREADABLE:
            return {}
        if not isinstance(data, dict) or data.get("code") != self.code or not isinstance(data.get("entries"), dict):
            return {}
        return data["entries"]

    def _last(self) -> dict:
        if self.known is None:
            self.known = self._load()
        return self.known

    def get(self, key: bytes):
        """The last build's answer under `key`, or None."""
        return self._last().get(key)

    def count(self) -> int:
        """How many answers the last build kept."""
        return len(self._last())

    def keep(self, key: bytes, answer, computed: bool) -> None:
        """This build's answer under `key` (`computed`: worked out now, not taken from the store)."""
        self.used[key] = answer
        self.computed += computed

    def save(self) -> None:
        """Keep this build's answers for the next one (nothing to do when they are the last build's)."""
        if self.known is None or (self.computed == 0 and self.used.keys() == self.known.keys()):
            return
        try:
            atomic_write(self.store, pickle.dumps({"code": self.code, "entries": self.used},
                                                  protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # without a store the next build works every answer out again
