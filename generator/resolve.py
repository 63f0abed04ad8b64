"""Resolve entity names across the archive: one entity per real-world name.

The extractor already folds spellings within one article and maps what
the register knows. Across articles, unregistered names still differ
("Qassem al-Aaraji" in one, "Qasim al-Araji" in another); they are merged
when their lookup keys match, or their transliteration skeletons match and
the type agrees. The canonical name is the spelling most articles use.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from .models import Extraction, Mention
from .names import lookup_key, skeleton_key


class _UnionFind:
    def __init__(self):
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _canonical_names(extractions: dict[str, Extraction], field: str) -> dict[tuple[str, str], str]:
    """Map (type, name) of every unregistered mention to its archive-wide name."""
    uf = _UnionFind()
    by_key: dict[tuple[str, str], tuple[str, str]] = {}
    counts: Counter = Counter()
    for stem in sorted(extractions):
        for m in getattr(extractions[stem], field):
            if m.registered:
                continue
            node = (m.type, m.name)
            counts[node] += 1
            uf.find(node)
            for key in {("l", lookup_key(f)) for f in (m.name, *m.aliases)} | {("s", m.type, skeleton_key(m.name))}:
                if key[0] == "s" and len(key[2].replace(" ", "")) < 4:
                    continue  # too short a skeleton to trust ("Ali" vs "Ala")
                if key in by_key:
                    uf.union(by_key[key], node)
                else:
                    by_key[key] = node
    groups: dict = defaultdict(list)
    for node in counts:
        groups[uf.find(node)].append(node)
    canonical: dict[tuple[str, str], str] = {}
    for members in groups.values():
        best = max(members, key=lambda n: (counts[n], len(n[1]), n[1]))
        for node in members:
            canonical[node] = best[1]
    return canonical


def _merge_same_name(mentions: list[Mention]) -> tuple[Mention, ...]:
    """Two mentions that now share a canonical name become one."""
    merged: dict[tuple[str, str], Mention] = {}
    for m in mentions:
        key = (m.type, m.name)
        if key in merged:
            old = merged[key]
            aliases = tuple(dict.fromkeys(old.aliases + m.aliases))
            sentences = tuple(dict.fromkeys(old.sentences + m.sentences))
            merged[key] = replace(old, aliases=aliases, sentences=sentences, registered=old.registered or m.registered)
        else:
            merged[key] = m
    return tuple(merged.values())


def resolve_archive(extractions: dict[str, Extraction]) -> dict[str, Extraction]:
    """Rename unregistered mentions (and quote speakers) to archive-wide canonical names."""
    actor_names = _canonical_names(extractions, "actors")
    base_names = _canonical_names(extractions, "bases")
    resolved = {}
    for stem, ex in extractions.items():
        speaker_map: dict[str, str] = {}
        actors = []
        for m in ex.actors:
            name = m.name if m.registered else actor_names.get((m.type, m.name), m.name)
            speaker_map[m.name] = name
            actors.append(replace(m, name=name))
        bases = [m if m.registered else replace(m, name=base_names.get((m.type, m.name), m.name)) for m in ex.bases]
        quotes = tuple(replace(q, speaker=speaker_map.get(q.speaker, q.speaker)) if q.speaker else q for q in ex.quotes)
        resolved[stem] = replace(ex, actors=_merge_same_name(actors), bases=_merge_same_name(bases), quotes=quotes)
    return resolved
