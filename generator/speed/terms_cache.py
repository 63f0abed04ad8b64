"""Each article's word counts (index/related.py `word_counts`) kept between builds while its title and
paragraphs are the same (BRIEFING_CACHE).

Related coverage weighs each article's words against the whole archive's, so every build that
changed anything counted every article's words again: about 1 s at 10,000 articles, on the index
stage's longest path (this process counts while its workers group the statements). `word_counts` is
a pure function of an article's title and paragraphs, so its answer is kept under a digest of
exactly those and of the generator's code: an article whose text changed, or a new version of the
generator, is counted again. Each build keeps only the answers it used, so the file never outgrows
the archive. A long-lived process (`mkdocs serve`) keeps them in memory instead (memo.py `KeptTerms`).
"""
from __future__ import annotations

import pickle
from pathlib import Path

from generator.index.related import word_counts
from generator.models import Article
from generator.speed.freshness import IMPORTED_CODE
from generator.speed.incremental import value_digest
from generator.speed.stored_answers import StoredAnswers


class StoredTerms:
    """`word_counts`, answering from the last build's answers for an article whose title and
    paragraphs are the same. Its answers are plain dicts in `word_counts`' order (all `Vectors` reads).
    They are kept pickled, one article's apiece: 14 MB at 10,000 articles, where the dicts themselves
    took 125 MB, which the rest of the build would then hold until the store is saved."""

    def __init__(self, store: Path) -> None:
        self.answers = StoredAnswers(store, IMPORTED_CODE)

    @property
    def counted(self) -> int:
        """Articles whose words were counted in this build (not taken from the store)."""
        return self.answers.computed

    def __call__(self, article: Article) -> dict[str, int]:
        key = value_digest((article.title, article.paragraphs))
        kept = self.answers.get(key)
        counts = _counts(kept)
        counted = counts is None
        if counted:
            counts = dict(word_counts(article))
            kept = pickle.dumps(counts, protocol=pickle.HIGHEST_PROTOCOL)
        self.answers.keep(key, kept, counted)
        return counts

    def save(self) -> None:
        """Keep this build's answers for the next one."""
        self.answers.save()


def _counts(kept) -> dict[str, int] | None:
    """A kept answer's counts, or None when there is none or it is damaged (the article is counted again)."""
    if not isinstance(kept, bytes):
        return None
    try:
        counts = pickle.loads(kept)
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError, ValueError):
        return None
    return counts if isinstance(counts, dict) else None
