"""Each speaker's statements kept between builds while the speaker's quotes are the same (BRIEFING_CACHE).

Grouping quotes into statements (index/statements.py) costs seconds for a prolific speaker's
thousands of quotes, in every build that changed anything, though an edited or added article
changes only the speakers it quotes. `statement_members` is a pure function of one speaker's
quotes in their sorted order: each quote's article (its stem and date) and its words. So its
answer, positions in that order, is kept under a digest of exactly those and of the generator's
code: a speaker with a quote more, less or changed, or a new version of the generator, is grouped
again. Each build keeps only the answers it used, so the file never outgrows the archive.
"""
from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from generator.speed.freshness import generator_fingerprint
from generator.write.journal import atomic_write

_UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError,
               ValueError)


def speaker_key(versions: list) -> bytes:
    """What `statement_members` reads of one speaker's sorted quotes. repr, not pickle: a pickle's
    bytes depend on which equal strings are one object."""
    spelled = tuple((v.article.stem, v.article.date.toordinal() if v.article.date else None, v.quote.text)
                    for v in versions)
    return hashlib.blake2b(repr(spelled).encode("utf-8", "surrogatepass"), digest_size=20).digest()


class CachedMembers:
    """`members_each` (speed/pools.py `parallel_members`), answering from the last build's answers
    for every speaker whose quotes are the same; the others go to `members_each` together."""

    def __init__(self, store: Path, members_each) -> None:
        self.store, self.members_each = store, members_each
        self.code = generator_fingerprint()
        self.known: dict[bytes, list] | None = None  # read from the store at the first call
        self.used: dict[bytes, list] = {}
        self.grouped = 0  # speakers grouped now (not taken from the store)

    def _load(self) -> dict[bytes, list]:
        try:
            data = pickle.loads(self.store.read_bytes())
        except _UNREADABLE:
            return {}
        if not isinstance(data, dict) or data.get("code") != self.code or not isinstance(data.get("entries"), dict):
            return {}
        return data["entries"]

    def __call__(self, versions: list[list]) -> list[list[list[int]]]:
        if self.known is None:
            self.known = self._load()
        keys = [speaker_key(v) for v in versions]
        answers = [self.known.get(k) for k in keys]
        missing = [i for i, answer in enumerate(answers) if not _fits(answer, len(versions[i]))]
        for i, members in zip(missing, self.members_each([versions[i] for i in missing])):
            answers[i] = members
        self.grouped += len(missing)
        self.used.update(zip(keys, answers))
        return answers

    def save(self) -> None:
        """Keep this build's answers for the next one (nothing to do when they are the last build's)."""
        if self.known is None or (self.grouped == 0 and self.used.keys() == self.known.keys()):
            return
        try:
            atomic_write(self.store, pickle.dumps({"code": self.code, "entries": self.used},
                                                  protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # without a store the next build groups every speaker again


def _fits(members, size: int) -> bool:
    """A stored answer covers each of `size` quotes exactly once (a damaged store never reaches a page)."""
    if not isinstance(members, list):
        return False
    seen = sorted(i for m in members if isinstance(m, list) for i in m)
    return seen == list(range(size)) and all(isinstance(m, list) and m for m in members)
