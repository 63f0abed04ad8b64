"""The read stage: seed files, their sidecars and the register, checked and turned into named data.

This is the build's only input edge: every file a build reads is read here, and every problem
with one is a one-line `Problem` naming the file (and the line and field when there is one).
"""
from __future__ import annotations

from pathlib import Path

from generator.models import SeedFile
from generator.problems import Problem
from generator.read.register import Register, load_register
from generator.read.seeds import file_label, metadata_problems, read_seeds

__all__ = ["SeedFile", "file_label", "metadata_problems", "read_register", "read_seeds"]


def read_register(path: Path) -> tuple[Register, list[Problem]]:
    """register.yml, named in messages as the path it was given."""
    return load_register(path, str(path))
