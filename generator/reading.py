"""Read the seeds folder: decode each article, load its optional sidecar.

This is the I/O edge of the build. Every problem becomes a one-line
Problem naming the file; a bad file is skipped and the rest still builds.
"""
from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from .models import Sidecar
from .problems import Problem
from .yamlfile import read_yaml

MAX_ARTICLE_BYTES = 20 * 1024 * 1024
# C0/C1 control characters other than tab, newline and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")

SIDECAR_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "title": {"type": "string", "minLength": 1, "maxLength": 500},
        "date": {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "source": {"type": "string", "minLength": 1, "maxLength": 200},
        "url": {"type": "string", "pattern": r"^https?://[^\s]+$", "maxLength": 2000},
        "dateline": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "place": {"type": ["string", "null"], "maxLength": 200},
                "agency": {"type": ["string", "null"], "maxLength": 200},
            },
        },
    },
}


@dataclass(frozen=True)
class SeedFile:
    """One article as read from disk: decoded text plus its sidecar, if any."""

    stem: str
    path: Path
    text: str
    digest: str  # sha256 of the raw bytes, the cache key of its extraction
    sidecar: Sidecar | None
    sidecar_digest: str = ""


_BINARY_BYTES = bytes(range(0, 9)) + bytes(range(14, 32))


def _looks_binary(raw: bytes) -> bool:
    """More than one byte in ten is a control character: not an article."""
    sample = raw[:65536]
    return sum(sample.count(b) for b in _BINARY_BYTES) * 10 > len(sample)


def decode_article(raw: bytes, label: str) -> tuple[str | None, list[Problem]]:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else detected.

    Returns (None, [problem]) for empty, binary or undecodable files.
    """
    if len(raw) > MAX_ARTICLE_BYTES:
        return None, [Problem(label, f"too large ({len(raw) // 1_048_576} MB; the limit is "
                                      f"{MAX_ARTICLE_BYTES // 1_048_576} MB)")]
    problems: list[Problem] = []
    text: str | None = None
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError:
                return None, [Problem(label, f"has a {encoding} byte-order mark but is not valid {encoding}")]
            break
    if text is None:
        if _looks_binary(raw):
            return None, [Problem(label, "is a binary file, not text")]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            best = from_bytes(raw).best()
            if best is None:
                return None, [Problem(label, "is not text in any encoding that could be detected")]
            text = str(best)
            problems.append(Problem(label, f"is not UTF-8; decoded as {best.encoding}", severity="warning"))
    if _CONTROL.search(text.lstrip("\ufeff")):
        problems.append(Problem(label, "contained control characters; they were removed", severity="warning"))
    cleaned = _CONTROL.sub("", unicodedata.normalize("NFC", text)).replace("\r\n", "\n").replace("\r", "\n")
    if not cleaned.strip():
        return None, problems + [Problem(label, "is empty")]
    return cleaned, problems


def _sidecar(doc_data: dict) -> Sidecar:
    dateline = doc_data.get("dateline") or {}
    date = doc_data.get("date")
    return Sidecar(
        title=doc_data.get("title"),
        date=dt.date.fromisoformat(date) if date else None,
        source=doc_data.get("source"),
        url=doc_data.get("url"),
        dateline_place=dateline.get("place"),
        dateline_agency=dateline.get("agency"),
    )


def load_sidecar(path: Path, label: str) -> tuple[Sidecar | None, list[Problem]]:
    doc, problems = read_yaml(path, label)
    if doc is None:
        return None, problems
    if not isinstance(doc.data, dict):
        return None, [Problem(label, "must be a mapping of fields (title, date, source, url, dateline)", line=1)]
    problems = doc.validate(doc.data, SIDECAR_SCHEMA)
    if doc.data.get("date") and not problems:
        try:
            dt.date.fromisoformat(doc.data["date"])
        except ValueError:
            problems.append(Problem(label, f"{doc.data['date']!r} is not a real date", line=doc.line("date"),
                                    field="date"))
    if problems:
        return None, problems
    return _sidecar(doc.data), []


def read_seeds(seeds_dir: Path) -> tuple[list[SeedFile], list[Problem]]:
    """Every readable `*.txt` in `seeds_dir`, sorted by name, and the problems met."""
    problems: list[Problem] = []
    seeds: list[SeedFile] = []
    seen: dict[str, str] = {}
    texts = sorted(p for p in seeds_dir.glob("*.txt") if p.is_file())
    stems = {p.stem for p in texts}
    for side in sorted(seeds_dir.glob("*.yml")) + sorted(seeds_dir.glob("*.yaml")):
        if side.stem not in stems:
            problems.append(Problem(_label(side), f"sidecar for a missing article ({side.stem}.txt)"))
    for path in texts:
        label = _label(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            problems.append(Problem(label, f"cannot read: {exc.strerror}"))
            continue
        text, file_problems = decode_article(raw, label)
        problems += file_problems
        if text is None:
            continue
        digest = hashlib.sha256(raw).hexdigest()
        if digest in seen:
            problems.append(Problem(label, f"is the same article as {seen[digest]}; skipped", severity="warning"))
            continue
        seen[digest] = label
        sidecar, sidecar_digest = None, ""
        for ext in (".yml", ".yaml"):
            side = path.with_suffix(ext)
            if side.exists():
                sidecar, side_problems = load_sidecar(side, _label(side))
                problems += side_problems
                sidecar_digest = hashlib.sha256(side.read_bytes()).hexdigest()
                break
        seeds.append(SeedFile(path.stem, path, text, digest, sidecar, sidecar_digest))
    return seeds, problems


def _label(path: Path) -> str:
    """How a file is named in messages: relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
