"""Load an editor-written YAML file and validate it against a JSON Schema.

Errors name the file, the line and the field ("register.yml:14:
actors[3].type: 'persn' is not one of ['person', 'organization']"), so an
editor can fix them without reading code. Parsing is `yaml.safe_load` only.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from .problems import Problem


def _field_path(parts) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def _line_of(node: yaml.Node | None, parts) -> int | None:
    """1-based line of the node at `parts` in the composed tree (nearest ancestor found)."""
    line = node.start_mark.line + 1 if node is not None else None
    for p in parts:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if getattr(k, "value", None) == str(p)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(p, int) and p < len(node.value):
            nxt = node.value[p]
        else:
            nxt = None
        if nxt is None:
            break
        node = nxt
        line = node.start_mark.line + 1
    return line


def _jsonable(value: Any) -> Any:
    """YAML dates become ISO strings so JSON Schema can check them as strings."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


class YamlDocument:
    """A parsed YAML file: its data (dates as ISO strings) and its node tree for line numbers."""

    def __init__(self, label: str, data: Any, tree: yaml.Node | None):
        self.label, self.data, self.tree = label, data, tree

    def validate(self, value: Any, schema: dict, at: tuple = ()) -> list[Problem]:
        """Problems of `value` (found at path `at` in this file) against `schema`."""
        validator = jsonschema.Draft202012Validator(schema)
        errors = sorted(validator.iter_errors(value), key=lambda e: list(map(str, e.absolute_path)))
        problems = []
        for err in errors:
            parts = list(at) + list(err.absolute_path)
            problems.append(
                Problem(self.label, err.message, line=_line_of(self.tree, parts), field=_field_path(parts) or None)
            )
        return problems

    def line(self, *parts) -> int | None:
        return _line_of(self.tree, parts)


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as strings, so a bad date is a field error, not a crash."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path, label: str | None = None) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse with `yaml.safe_load`; (None, [problem]) when the file is unreadable or not YAML."""
    label = label or str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [Problem(label, f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
    except OSError as exc:
        return None, [Problem(label, f"cannot read: {exc.strerror}")]
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
        tree = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [Problem(label, f"invalid YAML: {reason}", line=line)]
    return YamlDocument(label, _jsonable(data if data is not None else {}), tree), []
