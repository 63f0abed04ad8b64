"""What an editor should look at after a build, as plain data.

Discovered entities the register does not know, pairs of entities that are
probably one (a short form beside a full name, or two near-identical
spellings), and quotes nobody could be credited with.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from .archive import Archive, Entity
from .names import lookup_key


@dataclass(frozen=True)
class Discovered:
    name: str
    kind: str
    type: str
    articles: int
    snippet: str


@dataclass(frozen=True)
class LikelyDuplicate:
    kind: str
    short: str
    full: str
    reason: str


@dataclass(frozen=True)
class Unattributed:
    article: str
    text: str


def _snippet(entity: Entity, width: int = 140) -> str:
    for _, mention in entity.mentions:
        if mention.sentences:
            s = mention.sentences[0]
            return s if len(s) <= width else s[: width - 1] + "…"
    return ""


def discovered(archive: Archive) -> list[Discovered]:
    out = [
        Discovered(e.name, e.kind, e.type, len(e.mentions), _snippet(e))
        for group in (archive.actors, archive.bases)
        for e in group.values()
        if e.entry is None
    ]
    return sorted(out, key=lambda d: (-d.articles, d.kind, d.name.lower()))


def likely_duplicates(archive: Archive) -> list[LikelyDuplicate]:
    out = []
    for kind, group in (("actor", archive.actors), ("base", archive.bases)):
        entities = sorted(group.values(), key=lambda e: e.name)
        keys = {e.name: lookup_key(e.name).split() for e in entities}
        for i, a in enumerate(entities):
            for b in entities[i + 1:]:
                if a.type != b.type or (a.entry is not None and b.entry is not None):
                    continue  # two register entries are distinct by the editor's decision
                ka, kb = keys[a.name], keys[b.name]
                short, full = (a, b) if len(ka) < len(kb) else (b, a)
                ks, kf = keys[short.name], keys[full.name]
                if ks and len(ks) < len(kf) and kf[-len(ks):] == ks:
                    out.append(LikelyDuplicate(kind, short.name, full.name, "short form of the full name"))
                elif difflib.SequenceMatcher(None, " ".join(ka), " ".join(kb)).ratio() >= 0.88:
                    out.append(LikelyDuplicate(kind, a.name, b.name, "near-identical spelling"))
    return out


def unattributed(archive: Archive) -> list[Unattributed]:
    return [Unattributed(a.stem, q.text) for a in archive.articles for q in a.quotes if not q.speaker]
