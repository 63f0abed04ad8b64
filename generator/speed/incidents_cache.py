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
    """`find_incidents`, answering from the last build's answers when its arguments are the same."""

    def __init__(self, store: Path) -> None:
        self.answers = StoredAnswers(store, extractor_fingerprint())

    @property
    def found(self) -> int:
        """Articles whose incidents were found in this build (not taken from the store)."""
        return self.answers.computed

    def __call__(self, paragraphs, report, bases, actors):
        key = value_digest((paragraphs, report, [_what_is_read(m) for m in bases], [_what_is_read(m) for m in actors]))
        incidents = self.answers.get(key)
        found = incidents is None
        if found:  # from what the key holds, and nothing else: a reading of more would give other answers
            incidents = find_incidents(paragraphs, report, _as_read(bases), _as_read(actors))  # than the plain step
        self.answers.keep(key, incidents, found)
        return incidents

    def save(self) -> None:
        """Keep this build's answers for the next one."""
        self.answers.save()
