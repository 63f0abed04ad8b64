"""The entity register: the editor-maintained list of canonical actors and bases.

`register.yml` holds curated knowledge (canonical names, aliases, types,
base locations); code holds none. Every entry is validated on its own, so
one bad entry is reported and skipped while the rest still resolve.
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from pathlib import Path

from generator.datafile import load_yaml
from generator.models import ACTOR_TYPES
from generator.names import lookup_key, skeleton_key
from generator.problems import Problem
from generator.read.yamlfile import read_yaml

_COMMON_WORDS_FILE = Path(__file__).parent.parent / "data" / "common_words.yml"


def _common_words() -> frozenset[str]:
    data = load_yaml(_COMMON_WORDS_FILE) or {}
    return frozenset(lookup_key(str(w)) for w in data.get("words", []))


COMMON_WORDS = _common_words()


def alias_problem(alias: str) -> str | None:
    """Why `alias` cannot be an alias, or None. An alias matches every mention of its spelling, so a
    single letter or an everyday word ("the", "said", "base") would claim text that is not the entity;
    an acronym written in capitals ("US", "UN", "PMF") is a name and stays allowed."""
    letters = [c for c in alias if c.isalnum()]
    if len(letters) <= 1:
        return "is a single letter"
    if alias.isupper() and 2 <= len(letters) <= 6 and " " not in alias.strip():
        return None
    if lookup_key(alias) in COMMON_WORDS:
        return "is an everyday word"
    return None

_NAME = {"type": "string", "minLength": 1, "maxLength": 200, "pattern": r"\S"}
_ALIASES = {"type": "array", "items": _NAME, "uniqueItems": True}
_DESCRIPTION = {"type": "string", "maxLength": 1000}

ACTOR_SCHEMA = {
    "type": "object",
    "required": ["name", "type"],
    "additionalProperties": False,
    "properties": {
        "name": _NAME,
        "type": {"enum": list(ACTOR_TYPES)},
        "aliases": _ALIASES,
        "description": _DESCRIPTION,
        "government_of": _NAME,
    },
}
BASE_SCHEMA = {
    "type": "object",
    "required": ["name"],
    "additionalProperties": False,
    "properties": {
        "name": _NAME,
        "aliases": _ALIASES,
        "description": _DESCRIPTION,
        "province": _NAME,
        "country": _NAME,
        "coordinates": {
            "type": "array",
            "prefixItems": [
                {"type": "number", "minimum": -90, "maximum": 90},
                {"type": "number", "minimum": -180, "maximum": 180},
            ],
            "minItems": 2,
            "maxItems": 2,
        },
    },
}
REGISTER_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "actors": {"type": "array", "items": {"type": "object"}},
        "bases": {"type": "array", "items": {"type": "object"}},
    },
}


@dataclass(frozen=True)
class RegisterEntry:
    name: str
    kind: str  # "actor" | "base"
    type: str  # person | organization | base
    aliases: tuple[str, ...] = ()
    description: str | None = None
    government_of: str | None = None
    province: str | None = None
    country: str | None = None
    coordinates: tuple[float, float] | None = None

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class Register:
    """Canonical entities and the index from every spelling to its entry."""

    def __init__(self, entries: tuple[RegisterEntry, ...] = (), fingerprint: str = ""):
        self.entries = entries
        self.fingerprint = fingerprint
        self._by_key: dict[tuple[str, str], RegisterEntry] = {}
        self._by_skeleton: dict[tuple[str, str], RegisterEntry | None] = {}
        self._governments: dict[str, RegisterEntry] = {}
        for entry in entries:
            for form in entry.forms:
                self._by_key.setdefault((entry.kind, lookup_key(form)), entry)
                skel = (entry.kind, skeleton_key(form))
                if skel in self._by_skeleton and self._by_skeleton[skel] is not entry:
                    self._by_skeleton[skel] = None  # ambiguous: never guess between two entries
                else:
                    self._by_skeleton[skel] = entry
            if entry.government_of:  # the first claim holds (load_register reports a second one)
                self._governments.setdefault(lookup_key(entry.government_of), entry)

    def find(self, surface: str, kind: str) -> RegisterEntry | None:
        """The entry a spelling refers to: exact forms first, then transliteration variants."""
        entry = self._by_key.get((kind, lookup_key(surface)))
        if entry is None and len(lookup_key(surface)) >= 4:
            entry = self._by_skeleton.get((kind, skeleton_key(surface)))
        return entry

    def find_exact(self, surface: str, kind: str) -> RegisterEntry | None:
        """The entry one of whose forms this spelling is (case, accents and punctuation aside), without
        transliteration variants: for a bare name that nothing else in the text makes one of its kind."""
        return self._by_key.get((kind, lookup_key(surface)))

    def government_of(self, country: str) -> RegisterEntry | None:
        return self._governments.get(lookup_key(country))

    def actors(self) -> list[RegisterEntry]:
        return [e for e in self.entries if e.kind == "actor"]

    def bases(self) -> list[RegisterEntry]:
        return [e for e in self.entries if e.kind == "base"]


def _entry(kind: str, raw: dict) -> RegisterEntry:
    coords = raw.get("coordinates")
    return RegisterEntry(
        name=raw["name"].strip(),
        kind=kind,
        type=raw.get("type", "base"),
        aliases=tuple(a.strip() for a in raw.get("aliases", [])),
        description=raw.get("description"),
        government_of=raw.get("government_of"),
        province=raw.get("province"),
        country=raw.get("country"),
        coordinates=(float(coords[0]), float(coords[1])) if coords else None,
    )


def _named(problem: Problem, section: str, index: int, raw, outcome: str) -> Problem:
    """The problem with its entry named as an editor knows it ("actors: 'Yehia Rasool': type"), not by
    its position in the list (`actors[16].type`), which nobody counts; the position stays when the
    entry has no usable name."""
    name = raw.get("name") if isinstance(raw, dict) else None
    prefix = f"{section}[{index}]"
    field = problem.field or prefix
    if isinstance(name, str) and name.strip() and field.startswith(prefix):
        rest = field[len(prefix):].lstrip(".")
        field = f"{section}: {name.strip()!r}" + (f": {rest}" if rest else "")
    return Problem(problem.path, problem.message + outcome, line=problem.line, field=field,
                   severity=problem.severity)


def _checked(entry: RegisterEntry, doc, label: str, section: str, i: int, raw,
             governments: dict[str, str]) -> tuple[RegisterEntry, list[Problem]]:
    """A second entry claiming `government_of` for a country already claimed loses the claim, with a
    line naming both: a silent takeover would move every "the government" of that country."""
    if not entry.government_of:
        return entry, []
    key = lookup_key(entry.government_of)
    owner = governments.setdefault(key, entry.name)
    if owner == entry.name:
        return entry, []
    problem = Problem(label, f"{entry.government_of!r} is already claimed by {owner!r}; ignored here",
                      line=doc.line(section, i, "government_of"), field=f"{section}[{i}].government_of")
    return RegisterEntry(**{**entry.__dict__, "government_of": None}), [_named(problem, section, i, raw, "")]


def load_register(path: Path, label: str | None = None) -> tuple[Register, list[Problem]]:
    """Read and validate the register; a missing file is an empty register, not an error."""
    label = label or path.name
    if not path.exists():
        return Register(), []
    doc, problems = read_yaml(path, label)
    if doc is None:
        return Register(), problems
    problems += doc.validate(doc.data, REGISTER_SCHEMA)
    if problems:
        return Register(), problems
    entries: list[RegisterEntry] = []
    claimed: dict[tuple[str, str], str] = {}
    governments: dict[str, str] = {}
    for section, kind, schema in (("actors", "actor", ACTOR_SCHEMA), ("bases", "base", BASE_SCHEMA)):
        for i, raw in enumerate(doc.data.get(section) or []):
            entry_problems = doc.validate(raw, schema, at=(section, i))
            coords = raw.get("coordinates") if isinstance(raw, dict) else None
            if not entry_problems and coords and not all(math.isfinite(c) for c in coords):
                entry_problems = [Problem(label, f"{coords} is not a pair of finite numbers",
                                          line=doc.line(section, i, "coordinates"), field=f"{section}[{i}].coordinates")]
            if entry_problems:
                problems += [_named(p, section, i, raw, " — entry ignored") for p in entry_problems]
                continue
            entry, refused = _checked(_entry(kind, raw), doc, label, section, i, raw, governments)
            problems += refused
            kept = []
            for j, form in enumerate(entry.forms):
                if j and alias_problem(form):
                    problems.append(_named(Problem(label, f"{form!r} {alias_problem(form)}; an alias must be a name "
                                                          "(acronyms in capitals are fine); ignored",
                                                   line=doc.line(section, i, "aliases", j - 1),
                                                   field=f"{section}[{i}].aliases[{j - 1}]"), section, i, raw, ""))
                    continue
                key = (kind, lookup_key(form))
                owner = claimed.get(key)
                if owner is not None and owner != entry.name:
                    field = f"{section}[{i}]." + ("name" if j == 0 else f"aliases[{j - 1}]")
                    line = doc.line(section, i, "name") if j == 0 else doc.line(section, i, "aliases", j - 1)
                    problems.append(_named(
                        Problem(label, f"{form!r} is already claimed by {owner!r}; ignored here",
                                line=line, field=field), section, i, raw,
                        " — entry ignored" if j == 0 else ""))
                    if j == 0:
                        break
                    continue
                claimed[key] = entry.name
                if j:
                    kept.append(form)
            else:
                entries.append(RegisterEntry(**{**entry.__dict__, "aliases": tuple(kept)}))
    fingerprint = hashlib.sha256(path.read_bytes()).hexdigest()
    return Register(tuple(entries), fingerprint), problems
