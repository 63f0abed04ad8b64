"""The extract stage: one article's text -> title, date, dateline, body, actors, bases, quotes.

`extract` is a pure function of (text, register, hints): no I/O, no shared
mutable state, and it never raises on any string, so one bad scrape cannot
stop a build. Each stage lives in its own module; this one wires them.
"""
from __future__ import annotations

import re
from dataclasses import replace

from generator.models import Dateline, Extraction, Hints, PageMeta, SeedFile
from generator.names import lookup_key, skeleton_key, spelled_alike
from generator.read.register import Register
from generator.extract.actors import find_actors
from generator.extract.bases import find_bases
from generator.extract.cleaning import clean_page
from generator.extract.dateline import city_names, match_dateline
from generator.extract.dates import PageFacts, pick_date
from generator.extract.document import build_document
from generator.extract.gazetteer import countries, towns
from generator.extract.quotes import find_quotes
from generator.extract.words import dictionary_words, given_names

__all__ = ["extract", "extract_each", "hints_for", "load_tables", "to_contract_json"]


def _a_variant_of(surface: str, entry) -> bool:
    """A spelling matched by its skeleton alone is a variant of one of the entry's forms with that skeleton:
    not an acronym's letters read off a word ("Cities" is not the CTS, "Hutus" not the HTS), and spelled
    alike (names.spelled_alike: "Matthew Taylor" is not Matthew Tueller)."""
    key = skeleton_key(surface)  # the register found the entry by it: one of its forms has it
    return any((surface.isupper() or not (f.isupper() and " " not in f)) and spelled_alike(surface, f)
               for f in entry.forms if skeleton_key(f) == key)


class _GuardedRegister:
    """The register as the extract stage reads it: a transliteration (skeleton) match is only
    trusted when the skeleton says enough ("Koya" must not fold onto the acronym "KH") and is not an
    acronym's letters read off a word."""

    __slots__ = ("_reg", "_cache")

    def __init__(self, reg: Register):
        self._reg = reg
        self._cache: dict = {}

    def find(self, surface: str, kind: str):
        key = (surface, kind)
        if key in self._cache:
            return self._cache[key]
        entry = self._reg.find(surface, kind)
        if entry is not None:
            lk = lookup_key(surface)
            if all(lookup_key(f) != lk for f in entry.forms) and (
                    len(skeleton_key(surface).replace(" ", "")) < 3 or not _a_variant_of(surface, entry)):
                entry = None
        self._cache[key] = entry
        return entry

    def __getattr__(self, name):
        return getattr(self._reg, name)


def admit_speakers(index, quotes) -> tuple[tuple, tuple]:
    """(actors with a page, actors held for review): a held name that is credited with a quote is
    admitted, with "quoted" as its evidence."""
    speakers = {q.speaker for q in quotes if q.speaker}
    actors, held = [], []
    for m in index.actors:
        if m.name not in index.held:
            actors.append(m)
        elif m.name in speakers:
            actors.append(replace(m, evidence=m.evidence + ("quoted",)))
        else:
            held.append(m)
    return tuple(actors), tuple(held)


def _extract(text: str, register: Register, hints: Hints) -> Extraction:
    register = _GuardedRegister(register)
    page = clean_page(text)
    dl, dl_at = _find_dateline(page.paragraphs)
    doc = build_document(page.paragraphs, page.captions, dl.end if dl and dl_at == 0 else 0)
    lead = page.paragraphs[dl_at][dl.end:] if dl else (page.paragraphs[0] if page.paragraphs else "")
    date, precision = pick_date(
        PageFacts(
            stamps=page.date_lines,
            dateline_month_day=dl.month_day if dl else None,
            dateline_year=dl.year if dl else None,
            title=page.title,
            lead=lead,
            paragraphs=page.paragraphs,
            captions=page.captions,
            raw=text,
        ),
        hints.date,
    )
    actor_index = find_actors(doc, register)
    actor_forms = frozenset(a.lower() for m in actor_index.actors for a in (m.name, *m.aliases))
    bases = find_bases(doc, register, actor_forms)
    quotes, actor_index = find_quotes(doc, page.title, actor_index, register)
    actors, held = admit_speakers(actor_index, quotes)
    english = is_english(page.paragraphs)
    if not english:  # the rules read English: elsewhere every capitalised noun would be a name
        actors, bases, held = _registered(actors), _registered(bases), ()
        named = {m.name for m in actors}
        quotes = tuple(q if q.speaker in named else replace(q, speaker=None) for q in quotes)
    return Extraction(
        title=page.title,
        date=date,
        dateline=dl.dateline if dl else None,
        paragraphs=page.paragraphs,
        captions=page.captions,
        actors=actors,
        bases=bases,
        quotes=quotes,
        held=held,
        outlet=page.site or page.credit or (dl.dateline.agency if dl else None),
        date_precision=precision,
        english=english,
    )


# English's commonest words: about a third of the words of any English article (the seeds, the real
# and blind sets, the benchmark corpus: 0.20 at the least), under a tenth of a German or French one
_ENGLISH_WORDS = frozenset(
    "the of and to in a is that for on was with as by it at from he said be are this has have were an which "
    "not his but or had they their its will been would who".split())
_LATIN_WORD = re.compile(r"[a-z]+")
ENGLISH_SHARE_MIN = 0.10
ENGLISH_WORDS_MIN = 60  # fewer words than this say nothing about the language


def is_english(paragraphs: tuple[str, ...]) -> bool:
    """Whether the body reads as English (its first 20,000 characters' share of English's commonest words)."""
    words = _LATIN_WORD.findall(" ".join(paragraphs)[:20000].lower())
    if len(words) < ENGLISH_WORDS_MIN:
        return True
    return sum(1 for w in words if w in _ENGLISH_WORDS) >= ENGLISH_SHARE_MIN * len(words)


def _registered(mentions: tuple) -> tuple:
    return tuple(m for m in mentions if m.registered)


_DATELINE_REACH = 3  # a dateline may follow a standfirst bullet or two
_SHORT = 300


def _find_dateline(paragraphs: tuple[str, ...]):
    """The wire opener and the paragraph it opens: the first paragraph, or one of the next two
    when only short lines (standfirst bullets, an app banner) come before it."""
    if _a_transcript(paragraphs):
        return None, 0  # "INTERVIEWER: ...", "SUNAK: ...": speakers' labels, no wire opener
    for i, para in enumerate(paragraphs[:_DATELINE_REACH]):
        found = match_dateline(para)
        if found is not None:
            return found, i
        if len(para) > _SHORT:
            break
    return None, 0


_SPEAKER_LABEL = re.compile(r"^([A-Z][A-Z.' -]{1,30}):\s")


def _a_transcript(paragraphs: tuple[str, ...]) -> bool:
    """Two or more paragraphs open with the same label in capitals and a colon: a transcript's speakers."""
    seen: set[str] = set()
    for para in paragraphs[:40]:
        m = _SPEAKER_LABEL.match(para)
        if m:
            if m.group(1) in seen:
                return True
            seen.add(m.group(1))
    return False


def load_tables() -> None:
    """Read now the tables extraction reads on first use (the gazetteer's towns and countries, the
    dictionary's words: 0.2 s of a core). A process about to fork extraction workers calls it, so
    the workers share its copy instead of each reading its own (tests/test_extraction_tables.py
    checks it reads every table a module of the extractor keeps)."""
    countries()
    towns()
    dictionary_words()
    given_names()
    city_names()


def extract(text: str, register: Register, hints: Hints = Hints()) -> Extraction:
    """Everything read off one article; an empty Extraction for input we cannot read."""
    if not isinstance(text, str):
        text = ""
    try:
        return _extract(text, register, hints)
    except Exception as exc:  # a bug must not stop the archive: the article builds bare and the build reports it
        return Extraction(title=None, date=None, dateline=None, paragraphs=(), error=f"{type(exc).__name__}: {exc}")


def hints_for(seed: SeedFile) -> Hints:
    """What the editor's sidecar, else the page's own metadata, tells extraction in advance (a title,
    a date: they help infer a year)."""
    sc, page = seed.sidecar, seed.page
    return Hints(title=(sc and sc.title) or (page and page.title) or None,
                 date=(sc and sc.date) or (page and page.date) or None)


def extract_each(seeds: list[SeedFile], register: Register) -> tuple[dict[str, Extraction], int]:
    """The extract stage, plainly: every article, one after the other. Returns ({stem: extraction},
    how many were extracted); generator/speed/ has the cached, pooled step that replaces it."""
    return {s.stem: extract(s.text, register, hints_for(s)) for s in seeds}, len(seeds)


def _as_written(actor) -> str:
    """The actor's name as this article writes it: the canonical name if the text uses it,
    else its fullest spelling in the text ("Patrick Ryder" where the register says "Pat Ryder")."""
    forms = [a for a in actor.aliases if a]
    if not forms or actor.name in forms:
        return actor.name
    return max(forms, key=lambda f: (len(f.split()), len(f)))


def to_contract_json(file_name: str, ex: Extraction, page: PageMeta | None = None) -> dict:
    """The `extract --json` object of the eval contract.

    For a saved page or a scraper's record, the title and date its metadata states win over
    what the text suggests, as on the site (index/archive.py make_article).

    A quote's speaker is named as the article names it, so it identifies the
    actor by the text's own words; the actor entry still gives the canonical
    name with every spelling as an alias.
    """
    dl: Dateline | None = ex.dateline
    written = {a.name: _as_written(a) for a in ex.actors}
    if page is not None and (page.title or page.date):
        ex = replace(ex, title=page.title or ex.title, date=page.date or ex.date,
                     date_precision="day" if page.date else ex.date_precision)
    return {
        "file": file_name,
        "title": ex.title,
        "date": ex.date.isoformat() if ex.date and ex.date_precision != "month" else None,
        "date_precision": ex.date_precision if ex.date else None,
        **({"month": ex.date.strftime("%Y-%m")} if ex.date and ex.date_precision == "month" else {}),
        "dateline": {"place": dl.place, "agency": dl.agency} if dl else None,
        "actors": [{"name": a.name, "type": a.type, "aliases": list(a.aliases)} for a in ex.actors],
        "bases": [{"name": b.name, "aliases": list(b.aliases)} for b in ex.bases],
        "quotes": [{"speaker": written.get(q.speaker, q.speaker) if q.speaker else None, "text": q.text}
                   for q in ex.quotes],
    }
