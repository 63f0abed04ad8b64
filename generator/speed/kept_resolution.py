"""A long-lived process keeps the archive's names between passes (index/resolve.py, BRIEFING_CACHE).

Names are resolved across the whole archive: each article's mentions join a union-find of every
article's, so an edit may in principle rename a mention of any other article. Most edits change
no name: the edited article names the same actors and bases, with the same spellings, as before.
Then the archive's names are the ones worked out last time, every other article's renaming is
the same, and only the edited articles are renamed again. Working the names out again for every
article was a fifth of each quick pass of `mkdocs serve` at 10,000 articles (0.4-0.5 s).

The result is `resolve_archive`'s: the names come from the same mentions, in the same order, and
an article is renamed by the same function (tests/test_kept_resolution.py compares the two after
edits that keep the names and edits that change them).
"""
from __future__ import annotations

from pathlib import Path

from generator.index.acronyms import fold_defined_acronyms
from generator.index.resolve import Resolution, archive_names, names_read
from generator.models import Extraction


class KeptResolution:
    """`resolve_archive` for a process that resolves the same archive again and again."""

    _by_docs: dict[Path, KeptResolution] = {}

    def __init__(self) -> None:
        self.resolution: Resolution | None = None
        # stem -> (the extraction given, its names_read, the article renamed): the last pass's
        self.kept: dict[str, tuple[Extraction, tuple, Extraction]] = {}

    @classmethod
    def of(cls, docs: Path) -> KeptResolution:
        return cls._by_docs.setdefault(docs, cls())

    def __call__(self, extractions: dict[str, Extraction]) -> dict[str, Extraction]:
        renamed = self._same_names(extractions)
        if renamed is not None:
            return renamed
        self.resolution, self.kept = None, {}  # kept again only once all of it is worked out
        folded = {stem: fold_defined_acronyms(ex) for stem, ex in extractions.items()}
        resolution = archive_names(folded)
        kept = {stem: (extractions[stem], names_read(ex), resolution.resolve(stem, ex)) for stem, ex in folded.items()}
        self.resolution, self.kept = resolution, kept
        return {stem: renamed for stem, (_, _, renamed) in kept.items()}

    def _same_names(self, extractions: dict[str, Extraction]) -> dict[str, Extraction] | None:
        """The archive renamed with the names kept, when the same articles are there and every one
        whose extraction is new names what it named before; else None."""
        if self.resolution is None or extractions.keys() != self.kept.keys():
            return None
        changed = {stem: fold_defined_acronyms(ex) for stem, ex in extractions.items()
                   if ex is not self.kept[stem][0]}
        read = {stem: names_read(ex) for stem, ex in changed.items()}
        if any(read[stem] != self.kept[stem][1] for stem in changed):
            return None
        for stem, folded in changed.items():
            self.kept[stem] = (extractions[stem], read[stem], self.resolution.resolve(stem, folded))
        return {stem: self.kept[stem][2] for stem in extractions}
