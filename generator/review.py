"""What an editor should look at after a build, and the line of YAML that settles each point.

Candidates extraction held back (no page yet), quotes nobody could be
credited with, discovered entities the register does not know, and pairs
of entities that are probably one. Every suggestion names the file to
paste into (the article's sidecar or register.yml), the one line of YAML to
paste, and what it will change (`Suggestion`). The lines are built here,
as data; `python -m generator review` prints them.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.labels import UNDATED_SHORT
from generator.models import Archive, Article, Entity, date_text
from generator.extract.corrections import quote_key
from generator.models import Extraction, Mention
from generator.names import lookup_key, mixed_script
from generator.read.seeds import ARTICLE_SUFFIXES, file_label
from generator.index.resolve import resolve_archive

PLACEHOLDER = "SPEAKER"  # in a suggested quote correction: the editor writes the speaker's name here
QUOTE_WORDS = 8  # a quote is matched by its first words: this many, or more when two quotes start alike


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


@dataclass(frozen=True)
class Suggestion:
    """One fix: paste `yaml` into `file` (under `under`, when it goes inside a list) and it `will` ..."""

    file: str
    yaml: str
    will: str
    under: str | None = None


def _snippet(entity: Entity, width: int = 140) -> str:
    for _, mention in entity.mentions:
        if mention.sentences:
            return _cut(mention.sentences[0], width)
    return ""


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


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


@dataclass(frozen=True)
class LookAlike:
    """A spelling mixing scripts (a Cyrillic "а" among Latin letters) that was read as `entity`."""

    kind: str
    spelling: str
    entity: str
    letters: str  # the letters from the other script, named
    articles: tuple[str, ...]


def _foreign_letters(spelling: str, plain: str) -> str:
    """The letters of `spelling` that are not in the script of most of its letters, with their names."""
    letters = [c for c in spelling if c.isalpha()]
    scripts = [unicodedata.name(c, "?").split(" ", 1)[0] for c in letters]
    main = max(set(scripts), key=scripts.count) if scripts else ""
    odd = dict.fromkeys(c for c, sc in zip(letters, scripts) if sc != main)
    return ", ".join(f"{c!r} U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in odd) or plain


def look_alikes(archive: Archive) -> list[LookAlike]:
    """Every spelling with look-alike letters from another script, and the entity it was read as:
    folded by the confusable skeleton (names.lookup_key), never a second page, but an editor should
    know a text spelled a name that way (a typing accident or a spoof)."""
    found: dict[tuple[str, str, str], set[str]] = {}
    for kind, group in (("actor", archive.actors), ("base", archive.bases)):
        for e in group.values():
            for article, m in e.mentions:
                for spelling in dict.fromkeys((m.name, *m.aliases)):
                    if mixed_script(spelling):
                        found.setdefault((kind, spelling, e.name), set()).add(article.stem)
    return [LookAlike(kind, spelling, name, _foreign_letters(spelling, name), tuple(sorted(stems)))
            for (kind, spelling, name), stems in sorted(found.items())]


def unattributed(archive: Archive) -> list[Unattributed]:
    return [Unattributed(a.stem, q.text) for a in archive.articles for q in a.quotes if not q.speaker]


# --------------------------------------------------------------------------- the lines to paste


def yaml_line(key: str | None, value) -> str:
    """`key: value` on one line, quoted wherever YAML needs it (`- value` when key is None)."""
    flow = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, sort_keys=False, width=1 << 30)
    flow = flow.removesuffix("\n").removesuffix("\n...").strip()
    return f"- {flow}" if key is None else f"{key}: {flow}"


@dataclass(frozen=True)
class Files:
    """Where an article's files are, as messages name them."""

    seeds_dir: Path
    _keys: dict = field(default_factory=dict, compare=False, repr=False)  # sidecar -> its top-level keys

    def article(self, stem: str) -> str:
        """The article's file: `.txt`, `.html`, `.htm` or `.json`, the first that exists (as read_seeds reads)."""
        paths = [self.seeds_dir / f"{stem}{suffix}" for suffix in ARTICLE_SUFFIXES]
        return file_label(next((p for p in paths if p.is_file()), paths[0]))

    def sidecar(self, stem: str) -> str:
        yml, yaml_ = self.seeds_dir / f"{stem}.yml", self.seeds_dir / f"{stem}.yaml"
        return file_label(yaml_ if yaml_.exists() and not yml.exists() else yml)

    def has_key(self, stem: str, key: str) -> bool:
        """The article's sidecar already has `key:` at its top level (a second one would be refused)."""
        path = self.sidecar(stem)
        if path not in self._keys:
            try:
                text = Path(path).read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
            self._keys[path] = set(re.findall(r"^([A-Za-z_]+)\s*:", text, re.MULTILINE))
        return key in self._keys[path]


def spellings(archive: Archive) -> dict[tuple[str, str], Entity]:
    """(kind, lookup key of any spelling) -> the archive's entity: the page a name would join."""
    index: dict[tuple[str, str], Entity] = {}
    for group in (archive.actors, archive.bases):
        for e in group.values():
            for n in (e.name, *e.other_names):
                index.setdefault((e.kind, lookup_key(n)), e)
    return index


def promote(pages: dict[tuple[str, str], Entity], files: Files, stem: str, m: Mention) -> Suggestion:
    """A held candidate becomes an actor or a base of its article (`pages`: see `spellings`)."""
    kind = "base" if m.type == "base" else "actor"
    value = {"add": [m.name]} if kind == "base" else {"add": [{"name": m.name, "type": m.type}]}
    page = pages.get((kind, lookup_key(m.name)))
    will = (f"list this article on {page.name!r}'s {kind} page" if page else
            f"give {m.name!r} {'a base' if kind == 'base' else f'an actor ({m.type})'} page and list this article on it")
    return Suggestion(files.sidecar(stem), yaml_line(f"{kind}s", value), will)


def quote_start(text: str, others: list[str]) -> str:
    """The first words of `text` that no other quote of the article starts with (all of it if need be)."""
    words = text.split()
    for n in range(min(QUOTE_WORDS, len(words)), len(words)):
        start = " ".join(words[:n])
        if not any(quote_key(o).startswith(quote_key(start)) for o in others if quote_key(o) != quote_key(text)):
            return start
    return " ".join(words)


def credit(files: Files, article: Article, text: str) -> Suggestion:
    """A quote with no speaker gets one: the editor writes the name in place of SPEAKER."""
    stem = article.stem
    start = quote_start(text, [q.text for q in article.quotes])
    actors = ", ".join(m.name for m in article.actors[:8]) + (", …" if len(article.actors) > 8 else "")
    will = (f"credit the quote to {PLACEHOLDER} (write the name: one of this article's actors"
            + (f": {actors}" if actors else "") + "; or a name under actors.add or in the register) "
            f"and list it among {PLACEHOLDER}'s statements")
    return Suggestion(files.sidecar(stem), yaml_line("quotes", [{"text": start, "speaker": PLACEHOLDER}]), will)


def register_entry(entity: Entity) -> Suggestion:
    """A discovered entity becomes a register entry, with every spelling seen as an alias."""
    value = {"name": entity.name} | ({"type": entity.type} if entity.kind == "actor" else {})
    if entity.other_names:
        value["aliases"] = entity.other_names
    extra = "description" if entity.kind == "actor" else "province, country, coordinates, description"
    will = (f"make {entity.name!r} a register entry: its name, type and spellings are then the register's "
            f"(add {extra} to the entry), and it leaves this list")
    return Suggestion("register.yml", yaml_line(None, value), will, under=f"`{entity.kind}s:`")


def drop_from(files: Files, stem: str, entity: Entity, mention: Mention) -> Suggestion:
    """Take an entity off one article (by the spelling that article uses)."""
    spelling = mention.name if mention.name in mention.aliases or not mention.aliases else mention.aliases[0]
    alone = len(entity.mentions) == 1
    will = (f"take {entity.name!r} off {files.article(stem)}"
            + (f"; its {entity.kind} page goes" if alone else f" and off its {entity.kind} page's articles"))
    return Suggestion(files.sidecar(stem), yaml_line(f"{entity.kind}s", {"drop": [spelling]}), will)


def retype_in(files: Files, stem: str, entity: Entity, mention: Mention) -> Suggestion:
    """An actor of the other type in one article (person <-> organization); the editor may write base."""
    spelling = mention.name if mention.name in mention.aliases or not mention.aliases else mention.aliases[0]
    other = "organization" if mention.type == "person" else "person"
    article = "an" if other == "organization" else "a"
    will = f"make {entity.name!r} {article} {other} in {files.article(stem)} (or write base: it moves to the bases)"
    return Suggestion(files.sidecar(stem), yaml_line("actors", {"retype": {spelling: other}}), will)


def merge(archive: Archive, dup: LikelyDuplicate) -> Suggestion:
    """Two entities that are one: the register names one and lists the other as its alias."""
    a, b = archive.entity(dup.kind, dup.short), archive.entity(dup.kind, dup.full)
    keep, other = (a, b) if a.entry is not None else (b, a) if b.entry is not None else (
        (b, a) if dup.reason.startswith("short") or len(b.mentions) >= len(a.mentions) else (a, b))
    will = f"merge {other.name!r} into {keep.name!r}: one {dup.kind} page, {keep.name!r}"
    if keep.entry is not None:
        aliases = list(keep.entry.aliases) + [other.name]
        return Suggestion("register.yml", yaml_line("aliases", aliases), will, under=f"the entry {keep.name!r}")
    value = {"name": keep.name} | ({"type": keep.type} if dup.kind == "actor" else {})
    return Suggestion("register.yml", yaml_line(None, value | {"aliases": [other.name]}), will, under=f"`{dup.kind}s:`")


# --------------------------------------------------------------------------- the report


def _show(s: Suggestion, files: Files, stem: str | None, indent: str) -> list[str]:
    where = f"paste into {s.file}" + (f", under {s.under}" if s.under else "")
    key = s.yaml.split(":", 1)[0]
    if stem is not None and files.has_key(stem, key):
        where += f" (it already has `{key}:`: add the new item to that one)"
    return [f"{indent}{where}:", f"{indent}  {s.yaml}", f"{indent}will: {s.will}"]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def held_section(archive: Archive, files: Files, extractions: dict[str, Extraction]) -> list[str]:
    # a candidate another article admits has a page already (resolve.py promotes it): not listed
    still_held = {stem: {(m.type, m.name) for m in ex.held} for stem, ex in resolve_archive(extractions).items()}
    held = {stem: tuple(m for m in ex.held if (m.type, m.name) in still_held[stem])
            for stem, ex in sorted(extractions.items())}
    held = {stem: mentions for stem, mentions in held.items() if mentions}
    pages = spellings(archive)
    out = [f"Held for review: named in the text, without enough evidence for a page "
           f"({sum(map(len, held.values()))}):"]
    for stem, mentions in held.items():
        out.append(f"  {files.article(stem)}")
        for m in mentions:
            kind = "base" if m.type == "base" else f"actor ({m.type})"
            out.append(f"    {kind}: {m.name}" + (f"  [evidence: {', '.join(m.evidence)}]" if m.evidence else ""))
            if m.sentences:
                out.append(f"      “{_cut(m.sentences[0], 140)}”")
            out += _show(promote(pages, files, stem, m), files, stem, "      ")
    return out


def unattributed_section(archive: Archive, files: Files) -> list[str]:
    quotes = unattributed(archive)
    out = [f"Quotes with no speaker ({len(quotes)}):"]
    for article in archive.articles:
        texts = [q.text for q in article.quotes if not q.speaker]
        if texts:
            out.append(f"  {files.article(article.stem)}")
        for text in texts:
            out.append(f"    “{_cut(text, 100)}”")
            out += _show(credit(files, article, text), files, article.stem, "      ")
    return out


def discovered_section(archive: Archive, files: Files, most: int = 3) -> list[str]:
    found = discovered(archive)
    out = [f"Discovered entities not in the register ({len(found)}):"]
    for d in found:
        entity = archive.entity(d.kind, d.name)
        out.append(f"  {d.kind}/{d.type}: {d.name}  ({_plural(d.articles, 'article')})"
                   + (f"\n      “{d.snippet}”" if d.snippet else ""))
        out += _show(register_entry(entity), files, None, "      ")
        out.append(f"      or, in an article where it is not {'an actor' if d.kind == 'actor' else 'a base'} "
                   + ("(or not of this type):" if d.kind == "actor" else "at all:"))
        for article, mention in entity.mentions[:most]:
            out += _show(drop_from(files, article.stem, entity, mention), files, article.stem, "        ")
            if d.kind == "actor":
                out += _show(retype_in(files, article.stem, entity, mention), files, article.stem, "        ")
        if len(entity.mentions) > most:
            rest = ", ".join(files.sidecar(a.stem) for a, _ in entity.mentions[most:])
            out.append(f"        and the same lines in {rest}")
    return out


def duplicates_section(archive: Archive) -> list[str]:
    dups = likely_duplicates(archive)
    out = [f"Likely duplicates ({len(dups)}):"]
    for d in dups:
        out.append(f"  {d.kind}: {d.short!r} and {d.full!r} ({d.reason})")
        out += _show(merge(archive, d), Files(Path(".")), None, "      ")
    return out


def look_alikes_section(archive: Archive) -> list[str]:
    found = look_alikes(archive)
    out = [f"Look-alike letters ({len(found)}):"]
    for f in found:
        out.append(f"  {f.kind}: {f.spelling!r} mixes scripts ({f.letters}); read as {f.entity!r} in "
                   + ", ".join(f.articles))
    return out


def uncertain_events_section(archive: Archive, files: Files) -> list[str]:
    """Events whose reports' merging was uncertain (generator/index/events.py): a report that agreed
    with several events, an undated report, two types at one base on one day. Each with the
    sidecar lines that settle it."""
    doubtful = [e for e in archive.events if e.doubts]
    out = [f"Uncertain events ({len(doubtful)}):"]
    for e in doubtful:
        first = e.reports[0].article
        out.append(f"  {e.id} {e.title} ({date_text(e.date) or UNDATED_SHORT}, {len(e.reports)} report(s)): {e.path}")
        out += [f"      {d}" for d in e.doubts]
        out.append(f"      to merge it with another article's event, in {files.sidecar(first.stem)}: "
                   "`events: [{merge: <that article's file name without .txt>}]`; to keep a report apart: "
                   "`events: [{split: true}]`; to date it: `events: [{date: YYYY-MM-DD}]`")
    return out


def report(archive: Archive, files: Files, extractions: dict[str, Extraction]) -> list[str]:
    """The whole review, line by line: discoveries, duplicates, look-alike spellings, unattributed
    quotes, held candidates, uncertain events."""
    return (discovered_section(archive, files) + [""] + duplicates_section(archive) + [""]
            + look_alikes_section(archive) + [""]
            + unattributed_section(archive, files) + [""] + held_section(archive, files, extractions)
            + [""] + uncertain_events_section(archive, files))
