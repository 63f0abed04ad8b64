"""Load an editor-written YAML file and validate it against a JSON Schema.

Errors name the file, the line and the field ("register.yml:14:
actors[3].type: 'persn' is not one of ['person', 'organization']"), so an
editor can fix them without reading code. Parsing uses a SafeLoader only.
"""
from __future__ import annotations

import codecs
import difflib
import datetime as dt
import errno
import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from generator.problems import Problem

if TYPE_CHECKING:
    import jsonschema


def _field_path(parts) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def _child(node: yaml.Node | None, part) -> yaml.Node | None:
    """The node one step down from `node` (a mapping's key, a sequence's index), or None."""
    if isinstance(node, yaml.MappingNode):
        return next((v for k, v in node.value if getattr(k, "value", None) == str(part)), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return node.value[part]
    return None


def _line_of(node: yaml.Node | None, parts) -> int | None:
    """1-based line of the node at `parts` in the composed tree (nearest ancestor found)."""
    line = node.start_mark.line + 1 if node is not None else None
    for p in parts:
        node = _child(node, p)
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


# Escapes in double-quoted YAML ("\\x02", "\\ud800") can put control characters and lone
# surrogates in a string; neither belongs in a page (nor can a lone surrogate be written).
_UNSAFE_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def _jsonable(value: Any) -> Any:
    """YAML dates become ISO strings so JSON Schema can check them as strings; strings lose
    control characters."""
    if isinstance(value, str):
        return _UNSAFE_CHARS.sub("", _SURROGATES.sub("\ufffd", value))
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _node_at(node: yaml.Node | None, parts) -> yaml.Node | None:
    """The node at exactly `parts` in the composed tree, or None."""
    for p in parts:
        node = _child(node, p)
        if node is None:
            return None
    return node


def unknown_keys(err: jsonschema.ValidationError) -> list[str]:
    """The keys an `additionalProperties: false` error is about, in the file's order ([] for other errors)."""
    if (err.validator != "additionalProperties" or not isinstance(err.instance, dict)
            or err.schema.get("additionalProperties") is not False):
        return []
    valid = err.schema.get("properties", {})
    return [k for k in err.instance if k not in valid]


def _unknown_key_problems(label: str, tree, parts: list, err: jsonschema.ValidationError) -> list[Problem]:
    """One problem per unknown key, at the key's own line, with the valid key closest to it
    ("titel: unknown field; did you mean 'title'? (valid: title, date, ...)")."""
    valid = list(err.schema.get("properties", {}))
    mapping = _node_at(tree, parts)
    problems = []
    for key in unknown_keys(err):
        node = next((k for k, _ in getattr(mapping, "value", ()) if getattr(k, "value", None) == str(key)), None)
        line = node.start_mark.line + 1 if node is not None else _line_of(tree, parts)
        close = difflib.get_close_matches(str(key), valid, n=1, cutoff=0.6)
        message = "unknown field" + (f"; did you mean {close[0]!r}?" if close else "") \
            + (f" (valid: {', '.join(valid)})" if valid else "")
        problems.append(Problem(label, message, line=line, field=_field_path([*parts, key])))
    return problems


class YamlDocument:
    """A parsed YAML file: its data (dates as ISO strings) and its node tree for line numbers."""

    def __init__(self, label: str, data: Any, tree: yaml.Node | None):
        self.label, self.data, self.tree = label, data, tree

    def validate(self, value: Any, schema: dict, at: tuple = ()) -> list[Problem]:
        """Problems of `value` (found at path `at` in this file) against `schema`."""
        import jsonschema  # here, not above: a build whose sidecars and register are all kept never needs it

        validator = jsonschema.Draft202012Validator(schema)
        errors = sorted(validator.iter_errors(value), key=lambda e: list(map(str, e.absolute_path)))
        problems = []
        for err in errors:
            parts = list(at) + list(err.absolute_path)
            if unknown_keys(err):
                problems += _unknown_key_problems(self.label, self.tree, parts, err)
                continue
            problems.append(Problem(self.label, err.message, line=_line_of(self.tree, parts),
                                    field=_field_path(parts) or None))
        return problems

    def line(self, *parts) -> int | None:
        return _line_of(self.tree, parts)


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as strings, so a bad date is a field error, not a crash."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# libyaml parses the same YAML about ten times faster than PyYAML's pure-Python parser (register.yml
# is read by every build). It gives the same nodes; a file it refuses is parsed again by the
# pure-Python loader, whose messages (and line numbers) are the ones editors see.
_FastLoader = None
if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        """_Loader, parsed by libyaml."""

    _FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers

MAX_YAML_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64  # PyYAML's scanner is quadratic in flow nesting ("[[[[..."): refuse before parsing
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _decode(raw: bytes, label: str) -> tuple[str | None, list[Problem]]:
    encoding = next((enc for bom, enc in _BOMS if raw.startswith(bom)), "utf-8")
    try:
        return raw.decode(encoding), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1 if encoding == "utf-8" else None
        return None, [Problem(label, f"not {encoding.upper().replace('-SIG', '')} text ({exc.reason} at byte "
                                     f"{exc.start}); save it as UTF-8", line=line)]


def _structure_problems(label: str, text: str, root: yaml.Node) -> list[Problem]:
    """Anchors/aliases (a "billion laughs" blows up when expanded) and duplicate keys (YAML
    forbids them; PyYAML would silently keep the last), each with its line and field."""
    problems: list[Problem] = []
    seen: set[int] = set()
    aliased = False
    stack: list[tuple[yaml.Node, tuple]] = [(root, ())]
    while stack:
        node, at = stack.pop()
        if id(node) in seen:
            aliased = True
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys: dict[str, int] = {}
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else None
                if name is not None and name in keys:
                    problems.append(Problem(label, f"duplicate key {name!r} (first at line {keys[name]})",
                                            line=key.start_mark.line + 1, field=_field_path((*at, name))))
                elif name is not None:
                    keys[name] = key.start_mark.line + 1
                stack.append((value, (*at, name if name is not None else "?")))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, (*at, i)) for i, child in enumerate(node.value))
    if aliased:
        first = next((e for e in yaml.parse(text, Loader=_Loader) if isinstance(e, yaml.AliasEvent)), None)
        problems.append(Problem(label, "anchors and aliases (&name / *name) are not allowed; write the values out",
                                line=first.start_mark.line + 1 if first else None))
    return sorted(problems, key=lambda p: p.line or 0)


def _too_deep(text: str) -> int | None:
    """Line where bracket nesting passes MAX_DEPTH (brackets in quoted strings count too: a
    title with 64 unclosed brackets is not a title), or None."""
    depth = 0
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    for i, ch in enumerate(text):
        if ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return text.count("\n", 0, i) + 1
        elif ch in "]}":
            depth = max(0, depth - 1)
    return None


class NotAFile(Exception):
    """A path that is not a readable regular file; the message is what to tell the editor."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def probe(path: Path) -> str | None:
    """Why `path` cannot be read as a file ("a directory", "a link to nothing", ...), or None when it is a
    regular file. Never raises, never opens: a name too long to exist simply does not exist."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop"
        if exc.errno == errno.ENOENT and os.path.islink(path):
            return "a symbolic link to nothing (its target is missing)"
        if exc.errno in (errno.ENOENT, errno.ENAMETOOLONG, errno.ENOTDIR):
            return "missing"
        return f"unreadable ({exc.strerror or exc})"
    return None if stat.S_ISREG(mode) else _kind(mode)


def _size(n: int, limit: int) -> str:
    return f"{n // 1_048_576} MB" if limit >= 1_048_576 else f"{n // 1024} KB"


def read_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. Opened without blocking and checked after
    opening (a FIFO or a device swapped in after a listing can never hang the build); raises NotAFile
    with the reason for anything else."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        reason = probe(path)
        raise NotAFile(f"is {reason}" if reason and reason != "missing" else f"cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotAFile(f"is {_kind(info.st_mode)}, not a file")
        if info.st_size > limit:
            raise NotAFile(f"too large ({_size(info.st_size, limit)}; the limit is {_size(limit, limit)})")
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        raw = b"".join(chunks)
        if len(raw) > limit:  # grew while being read
            raise NotAFile(f"too large (the limit is {_size(limit, limit)})")
        return raw
    except OSError as exc:
        raise NotAFile(f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _parse(loader_class, label: str, text: str) -> tuple[YamlDocument | None, list[Problem]]:
    """The document as `loader_class` composes and constructs it, refused when its structure is
    unsafe (anchors, duplicate keys); YAML errors are the caller's to report."""
    loader = loader_class(text)
    try:
        tree = loader.get_single_node()
        if tree is not None:
            problems = _structure_problems(label, text, tree)
            if problems:
                return None, problems
        data = _jsonable(loader.construct_document(tree)) if tree is not None else {}
    finally:
        loader.dispose()
    return YamlDocument(label, data if data is not None else {}, tree), []


def _parse_fast(label: str, text: str) -> tuple[YamlDocument | None, list[Problem]] | None:
    """The document parsed by libyaml, or None when libyaml is missing or refuses it (the pure-Python
    loader then parses it again and says why)."""
    if _FastLoader is None:
        return None
    try:
        return _parse(_FastLoader, label, text)
    except (yaml.YAMLError, RecursionError, ValueError, TypeError):
        return None


def read_yaml(path: Path, label: str | None = None) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse with a SafeLoader; (None, [problem]) when the file is unreadable, not YAML, or unsafe.

    Refused with a line number: invalid YAML, duplicate keys, anchors and
    aliases, nesting too deep to parse; files over 5 MB are refused unread.
    """
    label = label or str(path)
    try:
        raw = read_file(path, MAX_YAML_BYTES)
    except NotAFile as exc:
        return None, [Problem(label, f"{exc}; ignored" if str(exc).startswith("is ") else str(exc))]
    text, problems = _decode(raw, label)
    if text is None:
        return None, problems
    deep = _too_deep(text)
    if deep is not None:
        return None, [Problem(label, f"invalid YAML: nested more than {MAX_DEPTH} levels deep", line=deep)]
    fast = _parse_fast(label, text)
    if fast is not None:
        return fast
    try:
        return _parse(_Loader, label, text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        if isinstance(exc, yaml.reader.ReaderError):
            line = text.count("\n", 0, exc.position) + 1
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [Problem(label, f"invalid YAML: {reason}", line=line)]
    except RecursionError:
        return None, [Problem(label, "invalid YAML: nested too deeply")]
