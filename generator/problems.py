"""Diagnostics: one line per problem, naming the file, the line and the field.

Stages never raise on bad input; they return data plus a list of Problems,
and the build reports them all at the end (failing only under --strict).
A file name or message taken from the input (a seed called "a\\nb.txt")
is printed with its control characters escaped, so a problem is always
exactly one line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def one_line(text: object) -> str:
    """`text` with every control, line-separator and bidi-override character written as an escape."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    line: int | None = None
    field: str | None = None
    severity: str = "error"  # "error" drops the input; "warning" keeps it; "note" is information only

    @property
    def fails_strict(self) -> bool:
        """Errors and warnings fail `build --strict`; notes never do."""
        return self.severity in ("error", "warning")

    def __str__(self) -> str:
        path = one_line(self.path)
        where = path if self.line is None else f"{path}:{self.line}"
        what = f"{one_line(self.field)}: {one_line(self.message)}" if self.field else one_line(self.message)
        return f"{where}: {self.severity}: {what}"
