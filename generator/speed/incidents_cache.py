"""Each article's incidents (extract/incidents.py) kept between builds while what they are found
from is the same (BRIEFING_CACHE).

Finding incidents reads every sentence of every article against many patterns: about 8 s at
10,000 articles, in every build that changed anything, though adding an article changes only
that article's incidents. `find_incidents` is a pure function of an article's paragraphs, its
date and the actors and bases named in it (as resolved across the archive, so they are read
after the index stage resolved them: of those it reads only their names, types and spellings), so
its answer is kept under a digest of exactly those and of the extractor's own code and data: an article whose text, date or names changed, or a new
version of the extractor, finds its incidents again. Each build keeps only the answers it used,
so the file never outgrows the archive.
"""
from __future__ import annotations

from pathlib import Path

from generator.extract.incidents import find_incidents
from generator.models import Mention
from generator.speed.extraction_cache import extractor_fingerprint
from generator.speed.incremental import value_digest
from generator.speed.stored_answers import StoredAnswers


def _what_is_read(m: Mention) -> tuple:
    """What finding incidents reads of a mention: its name, type and spellings. Its evidence sentences
    (which repeat the paragraphs) are left out of the key: at 10,000 articles they made it take twice
    as long to work out (0.3 s of each build, on the index stage's longest path)."""
    return m.name, m.type, m.aliases


def _as_read(mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """The mentions with nothing but what the key holds: should `find_incidents` ever read more of
    them, the events with this cache would differ from the plain pipeline's (tests/test_cache.py)."""
    return tuple(Mention(*_what_is_read(m)) for m in mentions)


class CachedIncidents:
    """`find_incidents`, answering from the last build's answers when its arguments are the same.

    With `find_each` (speed/pools.py `parallel_incidents`), `ahead(articles)` finds, all at once on
    every core, the incidents of the articles the last build's answers do not hold, before the
    events ask for them one by one: a cold build's 10,000 articles took 5-8 s on the index stage's
    longest path, with the other core idle once related coverage was found."""

    def __init__(self, store: Path, find_each=None) -> None:
        self.answers = StoredAnswers(store, extractor_fingerprint())
        self.find_each = find_each
        self.ready: dict = {}  # key -> incidents found ahead, until the events ask for them

    @property
    def found(self) -> int:
        """Articles whose incidents were found in this build (not taken from the store)."""
        return self.answers.computed

    @staticmethod
    def _key(paragraphs, report, bases, actors) -> bytes:
        return value_digest((paragraphs, report, [_what_is_read(m) for m in bases], [_what_is_read(m) for m in actors]))

    def ahead(self, articles, meanwhile=None) -> None:
        """Find on the pool the incidents of those of `articles` whose answers the store lacks, when
        enough of them lack one to pay for the fork (a day's few new articles do not: that is told
        from the store's size alone, without working out a key). `meanwhile` runs in this process
        while the pool works, and not at all when there is no pool."""
        if self.find_each is None or not self.find_each.worth(len(articles) - self.answers.count()):
            return
        missing: dict[bytes, tuple] = {}
        for a in articles:
            key = self._key(a.paragraphs, a.date, a.bases, a.actors)
            if key not in missing and self.answers.get(key) is None:
                missing[key] = (a.paragraphs, a.date, _as_read(a.bases), _as_read(a.actors))
        found = self.find_each(list(missing.values()), meanwhile)
        if found is not None:
            self.ready.update(zip(missing, found))

    def __call__(self, paragraphs, report, bases, actors):
        key = self._key(paragraphs, report, bases, actors)
        incidents = self.answers.get(key)
        found = incidents is None
        if found:  # from what the key holds, and nothing else: a reading of more would give other answers
            incidents = self.ready.get(key)  # than the plain step
            if incidents is None:
                incidents = find_incidents(paragraphs, report, _as_read(bases), _as_read(actors))
        self.answers.keep(key, incidents, found)
        return incidents

    def save(self) -> None:
        """Keep this build's answers for the next one."""
        self.answers.save()
