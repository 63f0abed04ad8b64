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
from pathlib import Path

from generator.speed.freshness import generator_fingerprint
from generator.speed.stored_answers import StoredAnswers


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
        self.members_each = members_each
        self.answers = StoredAnswers(store, generator_fingerprint())

    @property
    def grouped(self) -> int:
        """Speakers grouped in this build (not taken from the store)."""
        return self.answers.computed

    def __call__(self, versions: list[list], meanwhile=None) -> list[list[list[int]]]:
        keys = [speaker_key(v) for v in versions]
        answers = [self.answers.get(k) for k in keys]
        missing = [i for i, answer in enumerate(answers) if not _fits(answer, len(versions[i]))]
        if not missing and meanwhile is not None:
            meanwhile()  # nobody to group: it runs now
        elif missing:
            for i, members in zip(missing, self.members_each([versions[i] for i in missing], meanwhile=meanwhile)):
                answers[i] = members
        regrouped = set(missing)
        for i, (key, members) in enumerate(zip(keys, answers)):
            self.answers.keep(key, members, i in regrouped)
        return answers

    def save(self) -> None:
        """Keep this build's answers for the next one."""
        self.answers.save()


def _fits(members, size: int) -> bool:
    """A stored answer covers each of `size` quotes exactly once (a damaged store never reaches a page)."""
    if not isinstance(members, list):
        return False
    seen = sorted(i for m in members if isinstance(m, list) for i in m)
    return seen == list(range(size)) and all(isinstance(m, list) and m for m in members)
