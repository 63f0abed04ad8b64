"""Each generated page's digest kept between builds while its file is unchanged (BRIEFING_CACHE).

The writer never overwrites an editor's change: before it replaces or keeps a page, it checks
that the file on disk is still the one it wrote, by its digest (write/journal.py). That is
every page of the docs dir read and digested in every build: 18,000 files at 10,000 articles,
two seconds of a day's build. `journal.file_digest` already trusts a digest while the file
keeps the stat row it had when it was read (size, modification and change times, inode,
device), and only for a file last written well before it was read. This keeps those rows in
.cache/page-digests.pickle, so the next process trusts them too. Any write, replacement or
`touch` of a file changes its row (a file's change time cannot be set back), so an edited page
is read again; a copied or moved project has new rows and is read in full.
"""
from __future__ import annotations

import os
import pickle
from pathlib import Path

from generator.speed.freshness import file_stamp
from generator.write.journal import atomic_write, trust_digests, trusted_digests

FORMAT = 1
_loaded: dict[Path, tuple] = {}  # store -> its file_stamp when this process last trusted what it holds
_UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError,
               ValueError)


class DigestCache:
    def __init__(self, store: Path, docs: Path) -> None:
        self.store = store
        self.docs = os.fspath(docs)

    @classmethod
    def of(cls, project) -> DigestCache:
        """The project's: its docs dir's digests, beside its other caches."""
        return cls(project.cache_file.with_name("page-digests.pickle"), project.docs_dir)

    def load(self) -> None:
        """Trust the digests the last build kept (none when the store is missing or damaged). Read once
        while the store is the same file: the render and the writer of one build both ask."""
        stamp = file_stamp(self.store)
        if stamp is not None and _loaded.get(self.store) == stamp:
            return
        try:
            data = pickle.loads(self.store.read_bytes())
        except _UNREADABLE:
            return
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("docs") != self.docs:
            return
        rows = data.get("rows")
        if isinstance(rows, dict) and all(isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], tuple)
                                          and isinstance(v[1], str) for v in rows.values()):
            trust_digests(rows)
            if stamp is not None:
                _loaded[self.store] = stamp

    def save(self, paths: list[str]) -> None:
        """Keep the trusted digests of these pages (paths under the docs dir) for the next build."""
        rows = trusted_digests(os.path.join(self.docs, p) for p in paths)
        try:
            atomic_write(self.store, pickle.dumps({"format": FORMAT, "docs": self.docs, "rows": rows},
                                                  protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # without it the next build reads every page again
