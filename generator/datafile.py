"""The generator's own data files (word lists, name variants, incident phrases) as Python values.

They ship with the package and are read by every process that imports the extractor, so they
are parsed by libyaml when PyYAML has it: the same values as PyYAML's pure-Python SafeLoader
(tests/test_datafile.py compares the two on every file), in a tenth of the time. Editors' files
(register.yml, sidecars) go through read/yamlfile.py instead, which reports their mistakes.
"""
from __future__ import annotations

from pathlib import Path

import yaml

_Loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


def load_yaml(path: Path) -> object:
    """The YAML file at `path`, parsed safely; None for an empty file."""
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_Loader)  # noqa: S506 (a safe loader)
