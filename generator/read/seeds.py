"""Read the seeds folder: decode each article, load its optional sidecar.

This is the I/O edge of the build. Every problem becomes a one-line
Problem naming the file; a bad file is skipped and the rest still builds.
"""
from __future__ import annotations

import codecs
import copy
import datetime as dt
import hashlib
import os
from functools import lru_cache
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from generator.models import Correction, PageMeta, SeedFile, Sidecar
from generator.problems import Problem
from generator.read.yamlfile import NotAFile, YamlDocument, probe, read_file, read_yaml, unknown_keys

MAX_ARTICLE_BYTES = 20 * 1024 * 1024  # bigger files are refused unread: no news article is that long
# Longer text is cut at a paragraph break (with a warning): a scrape that long is a site dump, and
# extracting and publishing megabytes as one page would make every build slow.
MAX_ARTICLE_CHARS = 256 * 1024
# C0/C1 control characters other than tab, newline and carriage return, zero-width space,
# Unicode line/paragraph separators, byte-order marks and the non-characters U+FFFE/U+FFFF.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff\ufffe\uffff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_TEXT = r"\S"  # a sidecar string must have something in it besides spaces

_NAME = {"type": "string", "minLength": 1, "maxLength": 200, "pattern": _TEXT}
_NAMES = {"type": "array", "items": _NAME}
_TYPES = ("person", "organization", "base")


def _entity_fixes(add_item: dict) -> dict:
    """`actors:` / `bases:` in a sidecar: names to drop, names to retype, entities to add."""
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "drop": _NAMES,
            "retype": {"type": "object", "propertyNames": _NAME, "additionalProperties": {"enum": list(_TYPES)}},
            "add": {"type": "array", "items": add_item},
        },
    }


_ACTOR_ADD = {
    "type": "object",
    "required": ["name", "type"],
    "additionalProperties": False,
    "properties": {"name": _NAME, "type": {"enum": ["person", "organization"]}},
}
_QUOTE_FIX = {
    "type": "object",
    "required": ["text", "speaker"],
    "additionalProperties": False,
    "properties": {
        "text": {"type": "string", "minLength": 1, "maxLength": 2000, "pattern": _TEXT},
        "speaker": {"type": ["string", "null"], "maxLength": 200, "pattern": _TEXT},
    },
}

# `events:` corrects the event(s) this article reports (generator/index/events.py): which report (the
# first words of its sentence; all of the article's when left out) and what to do with it.
_EVENT_FIX = {
    "type": "object",
    "additionalProperties": False,
    "minProperties": 1,
    "properties": {
        "sentence": {"type": "string", "minLength": 1, "maxLength": 2000, "pattern": _TEXT},
        "merge": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": _TEXT},
        "split": {"type": "boolean"},
        "type": {"type": "string", "minLength": 1, "maxLength": 100, "pattern": _TEXT},
        "date": {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    },
}

SIDECAR_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "title": {"type": "string", "minLength": 1, "maxLength": 500, "pattern": _TEXT},
        "date": {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "source": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": _TEXT},
        # The same rule as escape.safe_url: absolute http(s), no spaces, quotes, angle brackets.
        "url": {"type": "string", "pattern": r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s\"'<>`\\]+$", "maxLength": 2000},
        "dateline": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "place": {"type": ["string", "null"], "maxLength": 200, "pattern": _TEXT},
                "agency": {"type": ["string", "null"], "maxLength": 200, "pattern": _TEXT},
            },
        },
        "actors": _entity_fixes(_ACTOR_ADD),  # corrections of what extraction found (corrections.py)
        "bases": _entity_fixes(_NAME),
        "quotes": {"type": "array", "items": _QUOTE_FIX},
        "events": {"type": "array", "items": _EVENT_FIX},
    },
}


FIRST_YEAR, LAST_YEAR = 1900, 2100  # a sidecar date outside is a typing slip (and would stretch every chart)


def _sane_year(day: dt.date) -> bool:
    return FIRST_YEAR <= day.year <= LAST_YEAR


_BINARY_BYTES = bytes(range(0, 9)) + bytes(range(14, 32))
_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_binary(raw: bytes) -> bool:
    """More than one byte in ten is a control character: not an article."""
    sample = raw[:65536]
    control = len(sample) - len(sample.translate(None, _BINARY_BYTES))  # one pass, not one per byte value
    return control * 10 > len(sample)


def _wide_unicode(raw: bytes):
    """UTF-16 or UTF-32 without a byte-order mark (it looks binary: half its bytes are NUL)."""
    best = from_bytes(raw, cp_isolation=["utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be"]).best()
    return best if best is not None and best.encoding.startswith(("utf_16", "utf_32")) else None


def _cut(text: str, label: str, total: int) -> tuple[str, list[Problem]]:
    """Text longer than MAX_ARTICLE_CHARS, cut at the last paragraph break before the limit.

    `total` is the length of the whole decoded text (`text` may already be a prefix of it).
    """
    if len(text) <= MAX_ARTICLE_CHARS and total <= 2 * MAX_ARTICLE_CHARS:  # nothing was left out
        return text, []
    cut = len(text) if len(text) <= MAX_ARTICLE_CHARS else text.rfind("\n\n", 0, MAX_ARTICLE_CHARS)
    if cut < MAX_ARTICLE_CHARS // 2:
        cut = text.rfind("\n", 0, MAX_ARTICLE_CHARS)
    if cut < MAX_ARTICLE_CHARS // 2:
        cut = min(len(text), MAX_ARTICLE_CHARS)
    return text[:cut], [Problem(label, f"is {total:,} characters long; only the first {cut:,} are published "
                                       f"(the limit is {MAX_ARTICLE_CHARS:,})", severity="warning")]


def decode_article(raw: bytes, label: str, cut: bool = True) -> tuple[str | None, list[Problem]]:
    """Bytes to text: UTF-8, UTF-16 or UTF-32 (with or without BOM), else the detected encoding.

    Returns (None, [problem]) for empty, binary, undecodable or oversized
    files; text that can be decoded is decoded, with a warning saying how.
    Control characters are removed, line ends normalised to "\\n", the
    text NFC-normalised and (unless `cut` is False: a scraper's JSON record) cut to MAX_ARTICLE_CHARS.
    """
    if len(raw) > MAX_ARTICLE_BYTES:
        return None, [Problem(label, f"too large ({len(raw) // 1_048_576} MB; the limit is "
                                      f"{MAX_ARTICLE_BYTES // 1_048_576} MB)")]
    problems: list[Problem] = []
    text: str | None = None
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as exc:
                text = raw.decode(encoding, errors="replace")
                problems.append(Problem(label, f"is not valid {encoding.replace('-sig', '').upper()} ({exc.reason}); "
                                               "the bad bytes are shown as \ufffd", severity="warning"))
            break
    if text is None and _looks_binary(raw):
        wide = _wide_unicode(raw)
        if wide is None:
            return None, [Problem(label, "is a binary file, not text")]
        text = str(wide)
        problems.append(Problem(label, f"is {wide.encoding.upper().replace('_', '-')[:9]} without a byte-order mark; "
                                       "decoded", severity="warning"))
    if text is None:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            best = from_bytes(raw).best()
            if best is None:
                return None, [Problem(label, "is not text in any encoding that could be detected")]
            text = str(best)
            problems.append(Problem(label, f"is not UTF-8; decoded as {best.encoding}", severity="warning"))
    total = len(text)
    text = _SURROGATE.sub("\ufffd", text[: 2 * MAX_ARTICLE_CHARS] if cut else text)  # no need to clean what will be cut
    if _CONTROL.search(text.lstrip("\ufeff")):
        problems.append(Problem(label, "contained control characters; they were removed", severity="warning"))
    cleaned = _CONTROL.sub("", unicodedata.normalize("NFC", text)).replace("\r\n", "\n").replace("\r", "\n")
    if not cleaned.strip():
        return None, problems + [Problem(label, "is empty")]
    if not cut:
        return cleaned, problems
    cleaned, cut_problems = _cut(cleaned, label, total)
    return cleaned, problems + cut_problems


def clean_string(value: str) -> str:
    """An editor's string (sidecar) as the articles' text is: NFC, no control characters."""
    return _CONTROL.sub("", unicodedata.normalize("NFC", _SURROGATE.sub("\ufffd", value)))


def _text(value) -> str | None:
    return clean_string(value).strip() or None if isinstance(value, str) else None


def _corrections(doc, section: str) -> list[Correction]:
    """The `drop`, `retype` and `add` lists of one section (`actors` or `bases`), in file order."""
    fixes = doc.data.get(section) or {}
    out = [Correction(section, "drop", _text(name), None, doc.line(section, "drop", i), f"{section}.drop[{i}]")
           for i, name in enumerate(fixes.get("drop") or [])]
    out += [Correction(section, "retype", _text(name), typ, doc.line(section, "retype", name),
                       f"{section}.retype.{name}") for name, typ in (fixes.get("retype") or {}).items()]
    for i, item in enumerate(fixes.get("add") or []):
        name, typ = (item["name"], item["type"]) if isinstance(item, dict) else (item, "base")
        out.append(Correction(section, "add", _text(name), typ, doc.line(section, "add", i), f"{section}.add[{i}]"))
    return out


def _sidecar(doc, label: str) -> Sidecar:
    data = doc.data
    dateline = data.get("dateline") or {}
    date = data.get("date")
    corrections = _corrections(doc, "actors") + _corrections(doc, "bases") + [
        Correction("quotes", "speaker", _text(q["text"]), _text(q["speaker"]), doc.line("quotes", i), f"quotes[{i}]")
        for i, q in enumerate(data.get("quotes") or [])
    ]
    events = []
    for i, fix in enumerate(data.get("events") or []):
        target = _text(fix.get("sentence")) or "*"
        for key, action in (("merge", "merge"), ("split", "split"), ("type", "retype"), ("date", "date")):
            value = fix.get(key)
            if value is None or value is False:
                continue
            events.append(Correction("events", action, target, None if key == "split" else _text(str(value)),
                                     doc.line("events", i, key), f"events[{i}].{key}"))
    return Sidecar(
        events=tuple(events),
        title=_text(data.get("title")),
        date=dt.date.fromisoformat(date) if date else None,
        source=_text(data.get("source")),
        url=_text(data.get("url")),
        dateline_place=_text(dateline.get("place")),
        dateline_agency=_text(dateline.get("agency")),
        corrections=tuple(c for c in corrections if c.target),
        file=label,
    )


_HINTS = {
    "url": "must be an absolute http:// or https:// URL without spaces, quotes or angle brackets",
    "date": "must be a date written YYYY-MM-DD",
}
_DATELINE_FORM = "write `dateline: Baghdad` or `dateline: {place: Baghdad, agency: EFE}`"
_FIELDS = ", ".join(SIDECAR_SCHEMA["properties"])


def _explained(p: Problem) -> Problem:
    """JSON Schema's wording, made into what an editor can act on."""
    message = p.message
    if " does not match " in message:
        message = message.split(" does not match ")[0] + " does not match: " + _HINTS.get(p.field or "", "must contain text")
    elif p.field == "dateline" and " is not of type " in message:
        message = message.split(" is not of type ")[0] + f" is not a dateline: {_DATELINE_FORM}"
    return Problem(p.path, message, p.line, p.field, p.severity)


def _without_bad_fields(data: dict) -> tuple[dict, set[str], set[tuple]]:
    """`data` less what fails the schema: an unknown key goes alone (`dateline.agncy`, `titel`), a bad
    value takes its top-level field with it (`url`, `actors`). Returns the kept data, the top-level
    fields dropped and the paths of the unknown keys dropped."""
    import jsonschema  # here, not above: a build whose sidecars and register are all kept never needs it (40 ms)

    data = copy.deepcopy(data)
    dropped: set[str] = set()
    unknown: set[tuple] = set()
    validator = jsonschema.Draft202012Validator(SIDECAR_SCHEMA)
    for _ in range(4):  # an unknown key removed may leave its parent valid; a bad value never comes back
        errors = list(validator.iter_errors(data))
        if not errors:
            break
        for err in errors:
            path = tuple(err.absolute_path)
            keys = unknown_keys(err)
            if keys:
                for key in keys:
                    err.instance.pop(key, None)  # err.instance is the mapping inside `data`
                    unknown.add((*path, key))
            elif path:
                dropped.add(str(path[0]))
        for key in dropped:
            data.pop(key, None)
    date = data.get("date")
    if isinstance(date, str):
        try:
            if not _sane_year(dt.date.fromisoformat(date)):
                raise ValueError(date)
        except ValueError:
            data.pop("date")
            dropped.add("date")
    return data, dropped, unknown


def load_sidecar(path: Path, label: str) -> tuple[Sidecar | None, list[Problem]]:
    """The sidecar's fields and the problems met; a field that is unknown or invalid is reported at its
    own line and ignored, and the sidecar's valid fields still apply (None only when the file is not a
    mapping of fields at all)."""
    doc, problems = read_yaml(path, label)
    if doc is None:
        return None, problems
    if not isinstance(doc.data, dict):
        return None, [Problem(label, f"must be a mapping of fields ({_FIELDS})", line=1)]
    data = dict(doc.data)
    if isinstance(data.get("dateline"), str):  # `dateline: Baghdad` names the place
        data["dateline"] = {"place": data["dateline"]}
    problems = [_explained(p) for p in doc.validate(data, SIDECAR_SCHEMA)]
    date = data.get("date")
    if isinstance(date, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):  # well formed, but a real day?
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            problems.append(Problem(label, f"{date!r} is not a real date", line=doc.line("date"), field="date"))
        else:
            if not _sane_year(day):
                problems.append(Problem(label, f"{date!r} is outside {FIRST_YEAR}-{LAST_YEAR}; is it a typing slip?",
                                        line=doc.line("date"), field="date"))
    if not problems:
        return _sidecar(YamlDocument(doc.label, data, doc.tree), label), []
    kept, dropped, _ = _without_bad_fields(data)
    outcome = []
    for p in sorted(problems, key=lambda p: p.line or 0):
        top = re.match(r"[^.\[]+", p.field or "")
        top = top.group() if top else None
        message = p.message
        if message.startswith("unknown field"):
            message, note = message.replace("unknown field", "unknown field, ignored", 1), ""
        elif top in dropped and top == p.field:
            note = " — field ignored"
        elif top in dropped:
            note = f" — `{top}` ignored"
        else:
            note = ""
        outcome.append(Problem(p.path, message + note, p.line, p.field, p.severity))
    return _sidecar(YamlDocument(doc.label, kept, doc.tree), label), outcome


def _outside(path: Path, folder: Path) -> bool:
    """A symbolic link that points out of `folder` (a seed must not publish /etc/passwd)."""
    if not path.is_symlink():
        return False
    target, root = path.resolve(), folder.resolve()
    return root not in target.parents


def _normalized_digest(text: str) -> str:
    """The same article saved twice (other encoding, line ends, spacing) has the same digest."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


_SIDECAR_SUFFIXES = (".yml", ".yaml")
# What an article may be: plain text, a saved web page, a scraper's JSON record. When two files
# share a name (`a.txt` and `a.html`), the first of this order is the article.
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".json")


def _listing(seeds_dir: Path) -> tuple[list[Path], list[Path], list[Problem]]:
    """The articles (`*.txt`, `*.html`, `*.htm`, `*.json`, regular files) and sidecars in `seeds_dir`,
    sorted by name, and a one-line problem for every other entry that looks like one: `X.TXT`, a
    directory `x.txt`, a FIFO, a device, a dangling link, a link loop, a second article of the same
    name. Nothing is opened here."""
    texts, sides, problems = [], [], []
    try:
        names = sorted(os.listdir(seeds_dir))
    except OSError as exc:
        return [], [], [Problem(file_label(seeds_dir), f"cannot list: {exc.strerror or exc}")]
    for name in names:
        path = seeds_dir / name
        suffix = os.path.splitext(name)[1]
        if suffix.lower() not in (*ARTICLE_SUFFIXES, *_SIDECAR_SUFFIXES):
            continue
        if suffix not in (*ARTICLE_SUFFIXES, *_SIDECAR_SUFFIXES):
            what = "an article" if suffix.lower() in ARTICLE_SUFFIXES else "a sidecar"
            problems.append(Problem(file_label(path), f"is not read: {what}'s extension must be lower-case "
                                                  f"(rename it to {Path(name).stem}{suffix.lower()})"))
            continue
        reason = probe(path)
        if reason is not None:
            skipped = "skipped" if suffix in ARTICLE_SUFFIXES else "ignored"
            problems.append(Problem(file_label(path), f"is {reason}, not a file; {skipped}"))
            continue
        (texts if suffix in ARTICLE_SUFFIXES else sides).append(path)
    first: dict[str, Path] = {}
    for path in sorted(texts, key=lambda p: (p.stem, ARTICLE_SUFFIXES.index(p.suffix))):
        if path.stem in first:
            problems.append(Problem(file_label(path), f"is not read: {first[path.stem].name} is the article of "
                                                      f"this name (rename one of them)"))
        else:
            first[path.stem] = path
    return sorted(first.values(), key=lambda p: p.name), sides, problems


@dataclass(frozen=True)
class LoadedSidecar:
    """One sidecar file as read: its fields (None: not a mapping of fields), its bytes' digest ("" when
    it is not a file) and the problems met."""

    sidecar: Sidecar | None
    digest: str
    problems: tuple[Problem, ...]


def load_sidecar_file(path: Path, label: str) -> LoadedSidecar:
    """Read one sidecar file: its fields and problems (`load_sidecar`), then its digest."""
    sidecar, problems = load_sidecar(path, label)
    try:
        digest = hashlib.sha256(read_file(path, 64 * 1024 * 1024)).hexdigest()
    except NotAFile:
        digest = ""
    return LoadedSidecar(sidecar, digest, tuple(problems))


def _sidecar_of(path: Path, sides: dict[str, Path], seeds_dir: Path,
                load_side=load_sidecar_file) -> tuple[Sidecar | None, str, list[Problem]]:
    """The article's sidecar (`.yml`, else `.yaml`), its digest and the problems met. A sidecar name
    too long for the filesystem simply does not exist; one that is not a regular file was reported by
    `_listing`; one that turns into a FIFO after the listing is opened without blocking. `load_side`
    reads one sidecar file: `load_sidecar_file`, or speed/reading_cache.py's memo of it."""
    found = [sides[path.stem + suffix] for suffix in _SIDECAR_SUFFIXES if path.stem + suffix in sides]
    problems: list[Problem] = []
    if len(found) > 1:
        problems.append(Problem(file_label(found[1]), f"ignored: {found[0].name} is this article's sidecar",
                                severity="warning"))
    if not found:
        return None, "", problems
    side = found[0]
    if _outside(side, seeds_dir):
        return None, "", problems + [Problem(file_label(side), "is a link to a file outside the seeds folder; ignored")]
    loaded = load_side(side, file_label(side))
    return loaded.sidecar, loaded.digest, problems + list(loaded.problems)


def _read_article(path: Path, label: str) -> tuple[bytes | None, list[Problem]]:
    try:
        return read_file(path, MAX_ARTICLE_BYTES), []
    except NotAFile as exc:
        message = str(exc)
        return None, [Problem(label, f"{message}; skipped" if message.startswith("is ") else message)]


def read_article(raw: bytes, label: str, suffix: str) -> tuple[str | None, PageMeta | None, list[Problem]]:
    """An article file's bytes as its text, what the file states about itself (a page's or a
    scraper's metadata; None for plain text) and the problems met, by the file's suffix."""
    if suffix in (".html", ".htm"):
        from generator.read.webpage import read_page  # it builds on this module's decoding

        return read_page(raw, label)
    if suffix == ".json":
        from generator.read.scraped import read_record

        return read_record(raw, label)
    text, problems = decode_article(raw, label)
    return text, None, problems


@dataclass(frozen=True)
class LoadedFile:
    """One article file as read: its text (None: skipped), what it states about itself, the
    digests that find a second copy of it, and the problems met."""

    text: str | None
    page: PageMeta | None
    digest: str  # of its bytes
    normalized: str  # of its words (_normalized_digest)
    problems: tuple[Problem, ...]


def load_file(path: Path, label: str, read=read_article) -> LoadedFile:
    """Read one article file: its bytes, then `read` (see read_seeds), then its digests."""
    raw, problems = _read_article(path, label)
    if raw is None:
        return LoadedFile(None, None, "", "", tuple(problems))
    text, page, file_problems = read(raw, label, path.suffix)
    problems += file_problems
    if text is None:
        return LoadedFile(None, None, "", "", tuple(problems))
    return LoadedFile(text, page, hashlib.sha256(raw).hexdigest(), _normalized_digest(text), tuple(problems))


def read_seeds(seeds_dir: Path, read=None, load=None, load_side=None) -> tuple[list[SeedFile], list[Problem]]:
    """Every readable article (`*.txt`, `*.html`, `*.htm`, `*.json`) in `seeds_dir`, sorted by name,
    and the problems met: one line for each file that is skipped, and why. `read` turns a file's
    bytes into (text, page metadata, problems): `read_article`, or speed/reading_cache.py's memo of it.
    `load(path, label, read)` reads one file: `load_file`, or speed/reading_cache.py's RememberedFiles;
    `load_side(path, label)` one sidecar: `load_sidecar_file`, or RememberedFiles' `sidecar`."""
    read = read or read_article
    load = load or load_file
    load_side = load_side or load_sidecar_file
    seen: dict[tuple[str, str], str] = {}
    texts, side_list, problems = _listing(seeds_dir)
    stems, sides = {p.stem for p in texts}, {s.name: s for s in side_list}  # sidecars by name, all in seeds_dir
    for side in sorted(side_list, key=lambda s: (s.suffix != ".yml", s.name)):
        if side.stem not in stems:
            problems.append(Problem(file_label(side), f"sidecar for a missing article ({side.stem}.txt)"))
    loaded: list[tuple[Path, str, str, PageMeta | None]] = []
    for path in texts:
        label = file_label(path)
        if _outside(path, seeds_dir):
            problems.append(Problem(label, "is a link to a file outside the seeds folder; skipped"))
            continue
        loaded_file = load(path, label, read)
        problems += loaded_file.problems
        if loaded_file.text is None:
            continue
        text, page, digest, normalized = loaded_file.text, loaded_file.page, loaded_file.digest, loaded_file.normalized
        kind = _KINDS[path.suffix]  # across kinds, one_per_story decides which copy is kept
        same = seen.get((kind, digest)) or seen.get((kind, normalized))
        if same:
            problems.append(Problem(label, f"is the same article as {same}; skipped", severity="warning"))
            continue
        seen[(kind, digest)] = seen[(kind, normalized)] = label
        loaded.append((path, text, digest, page))
    with_sidecar = {p.stem for p in texts if any(p.stem + s in sides for s in _SIDECAR_SUFFIXES)}
    kept, same_story = one_per_story(loaded, with_sidecar)
    problems += same_story
    seeds: list[SeedFile] = []
    for path, text, digest, page in kept:
        sidecar, sidecar_digest, side_problems = _sidecar_of(path, sides, seeds_dir, load_side)
        problems += side_problems
        seeds.append(SeedFile(path.stem, path, text, digest, sidecar, sidecar_digest, page))
    return seeds, problems


_KINDS = {".txt": "text", ".html": "page", ".htm": "page", ".json": "record"}
_WORD = re.compile(r"\w+")
SHINGLE = 8  # words: a run this long shared by two texts is the same wording, not a common phrase
SAME_STORY = 0.8  # of the shorter text's word runs found in the other: the same story
# One run in this many (by hash) stands for the text: a fixed sample, so two copies sample the same
# runs, and 10,000 articles hold about 200 numbers each rather than a thousand.
_SAMPLE = 4
_MIN_RUNS = 5  # sampled runs below which a text is too short to compare by them (only word for word)
_COMMON = 50  # files of one kind sharing a run beyond which it is a stock phrase, not counted
_HINT = 0.3  # counted shared runs (of the shorter's) that make a pair worth comparing in full


def _runs(text: str) -> frozenset[int]:
    words = _WORD.findall(text.casefold())
    # crc32, not hash(): the same on every run (hash() of a string is salted per process)
    runs = (zlib.crc32(" ".join(words[i:i + SHINGLE]).encode()) for i in range(max(0, len(words) - SHINGLE + 1)))
    return frozenset(r for r in runs if r % _SAMPLE == 0)


def one_per_story(read: list, with_sidecar: set[str]) -> tuple[list, list[Problem]]:
    """The same story saved in two formats (`a.txt` and `a-page.html`, a page and its scraper's
    JSON) is one article: two files of different kinds with the same words, or whose shorter
    text has SAME_STORY of its (sampled) 8-word runs in the other. The one kept is the one with
    a sidecar, else the page or record (its metadata gives date, outlet and URL), else the
    first by name; the other is reported. Two files of one kind are compared as two text files
    always were (byte for byte, then word for word: `seen` in read_seeds), so two outlets' pages
    of one wire story stay two articles.

    Candidates come from an index of the runs, counting shared runs; a run found in more than
    _COMMON files of a kind is a stock phrase, not evidence of one story, and is not counted
    (so an archive of near-identical texts costs no more than a varied one)."""
    kinds = [_KINDS[r[0].suffix] for r in read]
    if len(set(kinds)) < 2:
        return read, []
    runs = [_runs(text) for _, text, _, _ in read]
    words = [_normalized_digest(text) for _, text, _, _ in read]
    ranks = [(r[0].stem not in with_sidecar, k == "text", r[0].name) for r, k in zip(read, kinds)]
    index: dict[str, dict[int, list[int]]] = {}
    same_words: dict[str, list[int]] = {}
    for i, sample in enumerate(runs):
        same_words.setdefault(words[i], []).append(i)
        postings = index.setdefault(kinds[i], {})
        for run in sample:
            postings.setdefault(run, []).append(i)

    dropped: dict[int, int] = {}
    for i in sorted(range(len(read)), key=ranks.__getitem__):
        if i in dropped:
            continue
        shared: Counter = Counter(same_words[words[i]])
        if len(runs[i]) >= _MIN_RUNS:
            for kind, postings in index.items():
                if kind != kinds[i]:
                    for run in runs[i]:
                        found = postings.get(run)
                        if found and len(found) <= _COMMON:
                            shared.update(found)
        for j in sorted(shared, key=ranks.__getitem__):
            if j == i or j in dropped or kinds[j] == kinds[i]:
                continue
            shorter = min(len(runs[i]), len(runs[j]))
            if words[i] == words[j] or (shorter >= _MIN_RUNS and shared[j] >= _HINT * shorter
                                        and len(runs[i] & runs[j]) >= SAME_STORY * shorter):
                dropped[j] = i
    problems = [Problem(file_label(read[j][0]), f"is the same story as {file_label(read[i][0])}, which is "
                                                "published; skipped", severity="warning")
                for j, i in sorted(dropped.items(), key=lambda item: read[item[0]][0].name)]
    return [r for k, r in enumerate(read) if k not in dropped], problems


def metadata_problems(seeds: list[SeedFile], extractions: dict) -> list[Problem]:
    """Warnings for articles whose headline, body or date neither the text nor the sidecar gives.

    `extractions` maps each seed's stem to its Extraction. The article still
    builds (titled by its file name, listed as undated); the warning tells an
    editor which sidecar field would fix it.
    """
    problems = []
    for seed in seeds:
        ex, sc, page = extractions.get(seed.stem), seed.sidecar, seed.page
        if ex is None:
            continue
        found = []  # (message, severity): the file is named only then (30 ms of each pass at 10,000 articles)
        if ex.error:
            found.append((f"extraction failed ({ex.error}); published with its text only, please report this",
                          "warning"))
        if not ex.title and not (sc and sc.title) and not (page and page.title):
            found.append(("no headline found; titled by its file name (add `title:` to its sidecar)", "warning"))
        if not ex.paragraphs and not ex.error:
            # A headline alone is a page with nothing to read: most often a scrape cut short.
            found.append(("no body text after the headline; published as an empty page (is the file cut short?)",
                          "warning"))
        if not ex.english:
            found.append(("not in English: only the register's actors and bases were read from it (the rules "
                          "read English; list the ones that matter under `actors: add:` in its sidecar)", "note"))
        if not ex.date and not (sc and sc.date) and not (page and page.date):
            # Many real articles give no date; that is a fact to note, not a fault that fails --strict.
            found.append(("no date found; listed as undated (add `date:` to its sidecar)", "note"))
        if found:
            label = file_label(seed.path)
            problems += [Problem(label, message, severity=severity) for message, severity in found]
    return problems


@lru_cache(maxsize=4)
def _real(folder: str) -> Path:
    return Path(folder).resolve()


class FileLabels(Mapping):
    """Each stem's file as `file_label` names it, worked out when a message asks for it."""

    def __init__(self, paths: dict[str, Path]) -> None:
        self.paths = paths

    def __getitem__(self, stem: str) -> str:
        return file_label(self.paths[stem])

    def __iter__(self):
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)


def file_label(path: Path) -> str:
    """How a file is named in messages: relative to the working directory when possible. (Plain
    string work: it names every seed as it is read, in every build; messages that name few files
    ask when they need it: `FileLabels`, `metadata_problems`.)"""
    absolute = os.path.abspath(path)
    root = str(_real(os.getcwd()))
    if absolute == root:
        return "."
    prefix = root if root.endswith(os.sep) else root + os.sep
    return absolute[len(prefix):] if absolute.startswith(prefix) else str(path)
