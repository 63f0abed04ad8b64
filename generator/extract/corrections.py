"""An editor's corrections of what extraction decided: drop, retype or add an entity, set a speaker.

They come from the article's sidecar (`actors:`, `bases:`, `quotes:`; see
README "Adding and correcting articles") and are applied after extraction,
so the extraction cache stays keyed on the text alone. `apply_corrections`
is pure: an Extraction and a Sidecar in, the corrected Extraction and the
problems out. A correction that matches nothing is reported at the line the
editor wrote it; the others still apply. The order is fixed, whatever the
order in the file: drops, retypes, adds, then quote speakers (so a speaker
can be an actor the same sidecar adds).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from generator.extract.text import split_sentences
from generator.models import ACTOR_TYPES, Correction, Extraction, Mention, Quote, Sidecar
from generator.names import lookup_key
from generator.problems import Problem
from generator.read.register import Register

_ORDER = {"drop": 0, "retype": 1, "add": 2, "speaker": 3}
_KIND = {"actors": "actor", "bases": "base"}
EDITOR = "editor"  # the evidence label of an entity an editor added
_QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb \t\n"


@dataclass
class _Work:
    """The article's entities and quotes while corrections are applied to them."""

    ex: Extraction
    register: Register
    actors: list[Mention]
    bases: list[Mention]
    held: list[Mention]
    quotes: list[Quote]
    silenced: set[str] = field(default_factory=set)  # actors no longer actors: their quotes lose their speaker

    def entities(self, section: str) -> list[Mention]:
        return self.actors if section == "actors" else self.bases


def names_of(mention: Mention) -> tuple[str, ...]:
    """Every spelling a correction may use for a mention: its name and the forms the text uses."""
    return (mention.name, *mention.aliases)


def _find(mentions: list[Mention], name: str) -> Mention | None:
    """The mention a correction means: by name or any alias, ignoring case, accents and punctuation."""
    key = lookup_key(name)
    return next((m for m in mentions if any(lookup_key(n) == key for n in names_of(m))), None)


def quote_key(text: str) -> str:
    """A quote's text as a correction matches it: no surrounding quotation marks, case or extra spaces."""
    return " ".join(text.strip(_QUOTE_MARKS).casefold().split())


def _named_in(ex: Extraction, forms: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(spellings as the text writes them, sentences naming them) for any of `forms` in the article."""
    patterns = [re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, f.split())) + r"(?!\w)", re.IGNORECASE)
                for f in forms if f.strip()]
    spellings: dict[str, None] = {}
    sentences: dict[str, None] = {}
    for paragraph in (ex.title or "", *ex.paragraphs, *ex.captions):
        for start, end in split_sentences(paragraph):
            sentence = paragraph[start:end].strip()
            hits = [m.group() for p in patterns for m in p.finditer(sentence)]
            if hits:
                spellings.update(dict.fromkeys(" ".join(h.split()) for h in hits))
                sentences[sentence] = None
    return tuple(spellings), tuple(sentences)


def _new_mention(work: _Work, name: str, typ: str, kind: str) -> Mention | None:
    """A mention of `name` built from the text (None when the text does not name it)."""
    entry = work.register.find(name, kind)
    forms = tuple(dict.fromkeys((name, *(entry.forms if entry else ()))))
    spellings, sentences = _named_in(work.ex, forms)
    if not spellings:
        return None
    return Mention(entry.name if entry else name, typ, spellings, sentences, registered=entry is not None,
                   evidence=(EDITOR,))


def _moved(work: _Work, m: Mention, typ: str) -> Mention:
    """`m` as the editor retypes or promotes it: registered only if the register knows it as that kind."""
    kind = "base" if typ == "base" else "actor"
    entry = work.register.find(m.name, kind) or next(
        (e for a in m.aliases for e in [work.register.find(a, kind)] if e), None)
    evidence = m.evidence + ((EDITOR,) if EDITOR not in m.evidence else ())
    return replace(m, name=entry.name if entry else m.name, type=typ, registered=entry is not None, evidence=evidence)


def _place(work: _Work, m: Mention) -> None:
    """Add `m` to its list, merged into a mention of the same name if there is one."""
    group = work.bases if m.type == "base" else work.actors
    same = next((i for i, o in enumerate(group) if o.name == m.name), None)
    if same is None:
        group.append(m)
        return
    old = group[same]
    group[same] = replace(old, aliases=tuple(dict.fromkeys(old.aliases + m.aliases)),
                          sentences=tuple(dict.fromkeys(old.sentences + m.sentences)),
                          evidence=tuple(dict.fromkeys(old.evidence + m.evidence)))


def _a(word: str) -> str:
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


def _listing(mentions: list[Mention]) -> str:
    return ", ".join(m.name for m in mentions[:12]) + (", …" if len(mentions) > 12 else "") or "none"


def _drop(work: _Work, c: Correction) -> str | None:
    group = work.entities(c.section)
    m = _find(group, c.target)
    if m is not None:
        group.remove(m)
        if c.section == "actors":
            work.silenced.add(m.name)
        return None
    held = _find([h for h in work.held if (h.type == "base") == (c.section == "bases")], c.target)
    if held is not None:
        work.held.remove(held)
        return None
    return f"{c.target!r} is not {'an actor' if c.section == 'actors' else 'a base'} of this article " \
           f"(it has: {_listing(group)}); nothing dropped"


def _retype(work: _Work, c: Correction) -> str | None:
    group = work.entities(c.section)
    m = _find(group, c.target)
    if m is None:
        return f"{c.target!r} is not {'an actor' if c.section == 'actors' else 'a base'} of this article " \
               f"(it has: {_listing(group)}); nothing retyped"
    if m.type == c.value:
        return f"{c.target!r} is already {_a(c.value)}; nothing to change"
    entry = work.register.find(m.name, "actor") if m.registered and c.section == "actors" else None
    if entry is not None and c.value in ACTOR_TYPES:
        return f"{m.name!r} is {_a(entry.type)} in the register, which decides its type: change it in the register"
    group.remove(m)
    if c.section == "actors" and c.value == "base":
        work.silenced.add(m.name)
    _place(work, _moved(work, m, c.value))
    return None


def _add(work: _Work, c: Correction) -> str | None:
    kind = _KIND[c.section]
    present = _find(work.entities(c.section), c.target)
    if present is not None:
        hint = f"; to make it {_a(c.value)}, use {c.section}.retype" if present.type != c.value else ""
        return f"{c.target!r} is already {'an actor' if kind == 'actor' else 'a base'} of this article " \
               f"(as {present.name!r}, {present.type}){hint}"
    held = _find([h for h in work.held if (h.type == "base") == (kind == "base")], c.target)
    if held is not None:  # a candidate extraction held back: it keeps its evidence and sentences
        work.held.remove(held)
        _place(work, _moved(work, held, c.value))
        return None
    mention = _new_mention(work, c.target, c.value, kind)
    if mention is None:
        return f"{c.target!r} is not named in the article's text; not added"
    _place(work, mention)
    return None


def _speaker(work: _Work, name: str) -> tuple[str | None, str | None]:
    """(the speaker's canonical name, None) or (None, why it cannot be credited)."""
    m = _find(work.actors, name)
    if m is not None:
        return m.name, None
    held = _find([h for h in work.held if h.type in ACTOR_TYPES], name)
    if held is not None:
        work.held.remove(held)
        promoted = _moved(work, held, held.type)
        _place(work, promoted)
        return promoted.name, None
    entry = work.register.find(name, "actor")
    if entry is not None:
        mention = _new_mention(work, entry.name, entry.type, "actor") or Mention(
            entry.name, entry.type, (), (), registered=True, evidence=(EDITOR,))
        _place(work, mention)
        return mention.name, None
    return None, (f"{name!r} is not an actor of this article (it has: {_listing(work.actors)}) nor in the "
                  "register: add it under actors.add with its type, or to the register")


def _set_speaker(work: _Work, c: Correction) -> str | None:
    key = quote_key(c.target)
    hits = [i for i, q in enumerate(work.quotes) if key and quote_key(q.text).startswith(key)]
    if not hits:
        return f"no quote of this article starts with {c.target!r}; nothing changed"
    speaker = None
    if c.value is not None:
        speaker, why = _speaker(work, c.value)
        if why:
            return why
    for i in hits:
        work.quotes[i] = replace(work.quotes[i], speaker=speaker)
    return None


_ACTIONS = {"drop": _drop, "retype": _retype, "add": _add, "speaker": _set_speaker}


def apply_corrections(ex: Extraction, sidecar: Sidecar | None,
                      register: Register | None = None) -> tuple[Extraction, list[Problem]]:
    """`ex` with the sidecar's corrections applied, and a warning for each one that could not be."""
    if sidecar is None or not sidecar.corrections:
        return ex, []
    work = _Work(ex, register or Register(), list(ex.actors), list(ex.bases), list(ex.held), list(ex.quotes))
    problems = []
    for c in sorted(sidecar.corrections, key=lambda c: _ORDER[c.action]):
        why = _ACTIONS[c.action](work, c)
        if why:
            problems.append(Problem(sidecar.file or "sidecar", why, line=c.line, field=c.field, severity="warning"))
    actor_names = {m.name for m in work.actors}
    quotes = tuple(replace(q, speaker=None) if q.speaker in work.silenced and q.speaker not in actor_names else q
                   for q in work.quotes)
    return replace(ex, actors=tuple(work.actors), bases=tuple(work.bases), held=tuple(work.held),
                   quotes=quotes), problems


def apply_all(seeds, extractions: dict[str, Extraction], register: Register) -> tuple[dict, list[Problem]]:
    """Every seed's extraction with its sidecar's corrections applied (seeds: reading.SeedFile)."""
    out, problems = dict(extractions), []
    for seed in seeds:
        if seed.stem in out:
            out[seed.stem], found = apply_corrections(out[seed.stem], seed.sidecar, register)
            problems += found
    return out, problems
