"""Diagnostics: one line per problem, naming the file, the line and the field.

Stages never raise on bad input; they return data plus a list of Problems,
and the build reports them all at the end (failing only under --strict).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    line: int | None = None
    field: str | None = None
    severity: str = "error"  # "error" drops the input; "warning" keeps it

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {self.severity}: {what}"
