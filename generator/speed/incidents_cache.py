"""Each article's incidents (extract/incidents.py) kept between builds while what they are found
from is the same (BRIEFING_CACHE).

Finding incidents reads every sentence of every article against many patterns: about 8 s at
10,000 articles, in every build that changed anything, though adding an article changes only
that article's incidents. `find_incidents` is a pure function of an article's paragraphs, its
date and the actors and bases named in it (as resolved across the archive, so they are read
after the index stage resolved them), so its answer is kept under a digest of exactly those and
of the extractor's own code and data: an article whose text, date or names changed, or a new
version of the extractor, finds its incidents again. Each build keeps only the answers it used,
so the file never outgrows the archive.
"""
from __future__ import annotations

import pickle
from pathlib import Path

from generator.extract.incidents import find_incidents
from generator.speed.extraction_cache import extractor_fingerprint
from generator.speed.incremental import value_digest
from generator.write.journal import atomic_write

_UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError,
               ValueError)


class CachedIncidents:
    """`find_incidents`, answering from the last build's answers when its arguments are the same."""

    def __init__(self, store: Path) -> None:
        self.store = store
        self.code = extractor_fingerprint()
        self.known: dict[bytes, tuple] | None = None  # read from the store at the first call
        self.used: dict[bytes, tuple] = {}
        self.found = 0  # articles whose incidents were found now (not taken from the store)

    def _load(self) -> dict[bytes, tuple]:
        try:
            data = pickle.loads(self.store.read_bytes())
        except _UNREADABLE:
            return {}
        if not isinstance(data, dict) or data.get("code") != self.code or not isinstance(data.get("entries"), dict):
            return {}
        return data["entries"]

    def __call__(self, paragraphs, report, bases, actors):
        if self.known is None:
            self.known = self._load()
        key = value_digest((paragraphs, report, bases, actors))
        incidents = self.known.get(key)
        if incidents is None:
            incidents = find_incidents(paragraphs, report, bases, actors)
            self.found += 1
        self.used[key] = incidents
        return incidents

    def save(self) -> None:
        """Keep this build's answers for the next one (nothing to do when they are the last build's)."""
        if self.known is None or (self.found == 0 and self.used.keys() == self.known.keys()):
            return
        try:
            atomic_write(self.store, pickle.dumps({"code": self.code, "entries": self.used},
                                                  protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # without a store the next build finds every article's incidents again
