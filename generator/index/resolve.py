"""Resolve entity names across the archive: one entity per real-world name, never two people as one.

The extractor folds spellings within one article and maps what the register
knows. Across articles, names still differ; mentions are nodes of a
union-find, joined through keys they share (each key a bucket, so the work
stays linear in the number of mentions):

- "l": the lookup key of a spelling ("U.S. Africa Command" = "US Africa Command");
- "s": the variant key of the name, within one type (names.skeleton_key:
  Shabaab/Shabab, Abdel Fattah/Abdelfattah, but never Mohammed/Mahmoud), joining
  only names spelled alike (names.spelled_alike: not Taylor/Tueller);
- "b": an organisation's content words in any order, when there are three or
  more (a name translated twice: "Support Group for Islam and Muslims");
- "k": the extractor's per-article key of a country's army or government
  ("A:Israel"): "Israeli army", "Israeli military" and "Israel Defense
  Forces" are one army wherever they are named.

A short form (an acronym, a surname) of a longer name is a weak key: a bare
"JNIM" or "Hagari" joins the one name that carries it, and nothing when two
different names carry it ("SNA" of the Somali and of the Syrian National
Army). An organisation's acronym glossed by translations joins them too, as
long as at most one of the names spells the acronym's letters.

Register names are fixed points: a group never holds two of them, and a group
with one is named by it. Keys fold look-alike letters of other scripts (names.lookup_key), so a name
typed with a Cyrillic "а" joins the Latin one and never names the group when another spelling can. Otherwise an army is named by its proper name when
any article gives one, and everything else by the spelling most articles use.
A candidate an article held back for lack of evidence is promoted (evidence
"archive") when it resolves to an entity another article admitted.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache

from generator.index.acronyms import fold_defined_acronyms, is_acronym_form
from generator.extract.shapes import national_army
from generator.extract.text import tokenize
from generator.models import ORGANIZATION, Extraction, Mention
from generator.names import content_words, initials, lookup_key, mixed_script, name_words, skeleton_key, spelled_alike

ARCHIVE = "archive"  # evidence of a held candidate named by other articles
BAG_MIN = 3  # content words an organisation's name needs before word order is ignored

Node = tuple  # (type, name)


class _UnionFind:
    """Union-find whose groups never hold two register names (`pinned`)."""

    def __init__(self):
        self.parent: dict = {}
        self.pinned: dict = {}

    def add(self, x, pinned: str | None = None) -> None:
        self.parent.setdefault(x, x)
        if pinned:
            self.pinned.setdefault(self.find(x), pinned)

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        pa, pb = self.pinned.get(ra), self.pinned.get(rb)
        if pa and pb and pa != pb:
            return False  # two register entries: the register decides they differ
        keep, drop = min(ra, rb), max(ra, rb)
        self.parent[drop] = keep
        if pa or pb:
            self.pinned[keep] = pa or pb
        self.pinned.pop(drop, None)
        return True


@lru_cache(maxsize=4096)
def _army_of(name: str) -> str:
    """"A:Israel" when a register name is a country's army by its shape ("Israel Defense Forces")."""
    tokens = tuple(tokenize(name))
    found = national_army(tokens, 0, len(tokens)) if 1 < len(tokens) <= 4 else None
    return "A:" + found[1].name if found and found[0] == len(tokens) else ""


def _short_form(form: str, name: str) -> bool:
    """"JNIM" or "Hagari" beside "Daniel Hagari": one word standing for a longer name."""
    return len(name_words(form)) == 1 and len(name_words(name)) >= 2


def _keys(m: Mention) -> tuple[set, set]:
    """(strong keys, weak keys) of a mention; a register mention is joined only by its army's key."""
    hint = m.key_hint or (_army_of(m.name) if m.registered and m.type == ORGANIZATION else "")
    strong = {("k", hint)} if hint else set()
    if m.registered:
        return strong, set()
    # a place's bare name is that place ("Mitiga" airport and air base): only actors' short forms are weak
    short = (lambda f: False) if m.type == "base" else (lambda f: _short_form(f, m.name))
    weak = {("w", lookup_key(f)) for f in m.aliases if short(f)}
    strong |= {("l", lookup_key(f)) for f in (m.name, *m.aliases) if not short(f)}
    skel = skeleton_key(m.name)
    if skel:  # short words are kept whole in the skeleton: "Ali" and "Ala" never meet
        strong.add(("s", m.type, skel))
    if m.type == ORGANIZATION:
        bag = content_words(m.name)
        if len(bag) >= BAG_MIN:
            strong.add(("b", bag))
    return strong, weak


def _is_bare(m: Mention) -> bool:
    return not m.registered and m.type != "base" and len(name_words(m.name)) == 1


def _spells(m: Mention, acronym_key: str) -> bool:
    """One of the mention's long spellings has the acronym's letters as initials."""
    return any(initials(f) == acronym_key.replace(" ", "") for f in (m.name, *m.aliases) if len(name_words(f)) >= 2)


def _proper(name: str) -> bool:
    """"Israel Defense Forces" but not "Israeli army", "Mali's army" or "IDF"."""
    words = name.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words) and "'" not in name and "\u2019" not in name


class _Resolver:
    """The mentions of one kind (actors or bases) of the whole archive, grouped into entities."""

    def __init__(self):
        self.uf = _UnionFind()
        self.by_key: dict = {}
        self.counts: Counter = Counter()
        self.stems: dict = defaultdict(set)  # node -> articles that admit it
        self.carriers: dict = defaultdict(dict)  # weak key -> {node: mention} of the long names carrying it
        self.bares: dict = defaultdict(set)  # weak key -> nodes named by that short form alone
        self.armies: set = set()
        self.plain: dict = {}  # node named with look-alike letters -> its spelling in one script
        self.variants: dict = {}  # skeleton key -> the nodes spelled unlike each other that carry it

    def add(self, stem: str, m: Mention) -> None:
        node = (m.type, m.name)
        self.counts[node] += 1
        if mixed_script(m.name):
            key = lookup_key(m.name)
            plain = [f for f in m.aliases if lookup_key(f) == key and not mixed_script(f)]
            if plain:
                self.plain.setdefault(node, plain[0])
        self.stems[node].add(stem)
        self.uf.add(node, m.name if m.registered else None)
        strong, weak = _keys(m)
        for key in sorted(strong, key=str):
            if key[0] == "k" and key[1].startswith("A:"):
                self.armies.add(node)
            if key[0] == "s":
                self._join_variant(key, node)
                continue
            first = self.by_key.setdefault(key, node)
            if first != node:
                self.uf.union(first, node)
        for key in weak:
            self.carriers[key][node] = m
        if _is_bare(m):
            self.bares[("w", lookup_key(m.name))].add(node)

    def _join_variant(self, key: tuple, node: Node) -> None:
        """A name joins the names of its skeleton spelled like it (names.spelled_alike: Mahdi/Mehdi, not
        Taylor/Tueller, two people who share their consonants); one spelled like none starts its own."""
        reps = self.variants.setdefault(key, [])
        if node in reps:
            return
        alike = [r for r in reps if spelled_alike(r[1], node[1])]
        for r in alike:
            self.uf.union(r, node)
        if not alike:
            reps.append(node)

    def _variant_roots(self, key: tuple, name: str) -> set:
        return {self.uf.find(r) for r in self.variants.get(key, ()) if spelled_alike(r[1], name)}

    def join_short_forms(self) -> None:
        """A bare short form joins the one long name that carries it; translations of one acronym join."""
        for key in sorted(self.carriers, key=str):
            roots: dict = {}
            for node, m in sorted(self.carriers[key].items()):
                roots.setdefault(self.uf.find(node), []).append(m)
            if len(roots) > 1:
                ms = [m for group in roots.values() for m in group]
                literal = [r for r, group in roots.items() if any(_spells(m, key[1]) for m in group)]
                if len(literal) > 1 or any(m.type != ORGANIZATION or m.registered for m in ms) \
                        or not is_acronym_form(next(f for f in ms[0].aliases if lookup_key(f) == key[1])):
                    continue  # two different names with one short form: leave the short form alone
                first = next(iter(roots))
                if not all(self.uf.union(first, r) for r in roots):
                    continue
            target = next(iter(roots))
            for node in sorted(self.bares.get(key, ())):
                self.uf.union(target, node)

    def names(self) -> dict[Node, str]:
        """Every node's archive-wide name."""
        groups: dict = defaultdict(list)
        for node in self.counts:
            groups[self.uf.find(node)].append(node)
        out: dict[Node, str] = {}
        for root, members in groups.items():
            best = self.uf.pinned.get(root)
            if best is None and any(n in self.armies for n in members):
                best = max(members, key=lambda n: (not mixed_script(n[1]), _proper(n[1]), self.counts[n],
                                                   len(n[1].split()), n[1]))[1]
            if best is None:  # a spelling in one script rather than a look-alike mixing two
                best = max(members, key=lambda n: (not mixed_script(n[1]), self.counts[n], len(n[1]), n[1]))[1]
            if mixed_script(best):
                best = next((self.plain[n] for n in members if n[1] == best and n in self.plain), best)
            for node in members:
                out[node] = best
        self.group_stems = {root: set().union(*(self.stems[n] for n in members)) for root, members in groups.items()}
        return out

    def home(self, m: Mention, stem: str) -> Node | None:
        """The entity a held candidate resolves to, when another article admits it (without joining it)."""
        strong, _ = _keys(m)
        roots = {self.uf.find(self.by_key[k]) for k in strong if k in self.by_key}
        roots |= {r for k in strong if k[0] == "s" for r in self._variant_roots(k, m.name)}
        if not roots and _is_bare(m):
            roots = {self.uf.find(n) for n in self.carriers.get(("w", lookup_key(m.name)), ())}
        if len(roots) != 1:
            return None
        root = roots.pop()
        return root if self.group_stems.get(root, set()) - {stem} else None


def _rename(m: Mention, name: str) -> Mention:
    if name == m.name:
        return m
    aliases = m.aliases if m.name in m.aliases else (m.name, *m.aliases)
    return replace(m, name=name, aliases=aliases)


def _merge_same_name(mentions: list[Mention]) -> tuple[Mention, ...]:
    """Two mentions that now share a canonical name become one."""
    merged: dict[tuple[str, str], Mention] = {}
    for m in mentions:
        key = (m.type, m.name)
        if key in merged:
            old = merged[key]
            aliases = tuple(dict.fromkeys(old.aliases + m.aliases))
            sentences = tuple(dict.fromkeys(old.sentences + m.sentences))
            evidence = tuple(dict.fromkeys(old.evidence + m.evidence))
            merged[key] = replace(old, aliases=aliases, sentences=sentences, evidence=evidence,
                                  registered=old.registered or m.registered)
        else:
            merged[key] = m
    return tuple(merged.values())


def _resolver(extractions: dict[str, Extraction], field: str) -> _Resolver:
    r = _Resolver()
    for stem in sorted(extractions):
        for m in getattr(extractions[stem], field):
            r.add(stem, m)
    r.join_short_forms()
    return r


def _resolve_one(stem: str, ex: Extraction, actors_r: _Resolver, actor_names: dict,
                 bases_r: _Resolver, base_names: dict) -> Extraction:
    speaker_map: dict[str, str] = {}
    actors = []
    for m in ex.actors:
        name = actor_names.get((m.type, m.name), m.name)
        speaker_map[m.name] = name
        actors.append(_rename(m, name))
    bases = [_rename(m, base_names.get((m.type, m.name), m.name)) for m in ex.bases]
    held = []
    for m in ex.held:
        resolver, names, out = (bases_r, base_names, bases) if m.type == "base" else (actors_r, actor_names, actors)
        home = resolver.home(m, stem)
        if home is None:
            held.append(m)
        else:
            out.append(replace(_rename(m, names[home]), evidence=m.evidence + (ARCHIVE,)))
    quotes = tuple(replace(q, speaker=speaker_map.get(q.speaker, q.speaker)) if q.speaker else q for q in ex.quotes)
    return replace(ex, actors=_merge_same_name(actors), bases=_merge_same_name(bases), quotes=quotes,
                   held=tuple(held))


def names_read(ex: Extraction) -> tuple:
    """What the archive's names are worked out from in one article's (folded) extraction: everything
    `_Resolver.add` reads of its actors and bases, in order. While it is the same, an edit of the
    article renames no other article (speed/kept_resolution.py)."""
    return tuple(tuple((m.type, m.name, m.aliases, m.registered, m.key_hint) for m in group)
                 for group in (ex.actors, ex.bases))


@dataclass(frozen=True)
class Resolution:
    """The archive's names, worked out once from every article's mentions; each article is then
    renamed by them (`resolve`)."""

    actors: _Resolver
    bases: _Resolver
    actor_names: dict
    base_names: dict

    def resolve(self, stem: str, folded: Extraction) -> Extraction:
        """One article (its acronyms folded) renamed to the archive's names, its held candidates that
        another article admits promoted."""
        return _resolve_one(stem, folded, self.actors, self.actor_names, self.bases, self.base_names)


def archive_names(folded: dict[str, Extraction]) -> Resolution:
    """The archive's names, from every article's extraction with its acronyms folded."""
    actors_r, bases_r = _resolver(folded, "actors"), _resolver(folded, "bases")
    return Resolution(actors_r, bases_r, actors_r.names(), bases_r.names())


def resolve_archive(extractions: dict[str, Extraction]) -> dict[str, Extraction]:
    """Rename mentions (and quote speakers) to archive-wide entity names; promote held candidates
    that other articles admit. Each article's own acronym definitions are folded first."""
    folded = {stem: fold_defined_acronyms(ex) for stem, ex in extractions.items()}
    resolution = archive_names(folded)
    return {stem: resolution.resolve(stem, ex) for stem, ex in folded.items()}
