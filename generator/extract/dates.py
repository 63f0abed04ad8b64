"""Publication date: from page date lines, else a dateline's month/day plus a year.

Dates inside story sentences describe earlier events, so they are never used;
only standalone date lines (page furniture) and the dateline count.
"""
from __future__ import annotations

import datetime as dt
import re

from .lexicon import LEXICON

_MONTH = r"(?P<mon>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_FORMS = tuple(
    re.compile(p)
    for p in (
        rf"\b{_MONTH},?\s+{_DAY},?\s+{_YEAR}\b",  # October 27, 2023 / Oct. 23, 2023 / February, 03, 2024
        rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b",  # 25 October, 2023
        r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})\b",  # 2024-02-03
        r"\b(?P<year>(?:19|20)\d\d)/(?P<mnum>\d{1,2})/(?P<day>\d{1,2})\b",  # 2024/02/03
        r"\b(?P<d1>\d{1,2})[/.](?P<d2>\d{1,2})[/.](?P<year>(?:19|20)\d\d)\b",  # 03/02/2024 day-first
        r"\b(?P<d1>\d{1,2})-(?P<d2>\d{1,2})-(?P<year>(?:19|20)\d\d)\b",  # 29-11-2023 day-first
    )
)
_YEAR_ANY = re.compile(r"\b((?:19|20)\d\d)\b")
_HAS_YEAR = re.compile(r"(?:19|20)\d\d")
_WORD = re.compile(r"[A-Za-z]+")


def _month_number(word: str) -> int | None:
    return LEXICON.months.get(word.lower().rstrip("."))


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_full_date(s: str) -> tuple[dt.date, int, int] | None:
    """The first explicit full date in `s` with its span, or None."""
    best = None
    for form in _DATE_FORMS:
        for m in form.finditer(s):
            gd = m.groupdict()
            year = int(gd["year"])
            if gd.get("mon"):
                month = _month_number(gd["mon"])
                day = int(gd["day"])
            elif gd.get("mnum"):
                month, day = int(gd["mnum"]), int(gd["day"])
            else:
                a, b = int(gd["d1"]), int(gd["d2"])
                # day-first unless that is impossible
                month, day = (b, a) if b <= 12 else (a, b)
            if not month:
                continue
            date = _safe_date(year, month, day)
            if date and (best is None or m.start() < best[1]):
                best = (date, m.start(), m.end())
            break
    return best


_DATE_LINE_FILLER = frozenset(
    "published updated posted on at last modified date am pm gmt utc ast est edt cet bst by "
    "first issued created update modified".split()
)


def is_date_line(line: str) -> dt.date | None:
    """A short line that is essentially a date ("Friday, October 27, 2023", "Updated: 2024-02-03 10:22")."""
    if len(line) > 160 or not _HAS_YEAR.search(line):
        return None
    if "|" in line:
        # "By A & B | January 22, 2024 | email": one segment of a pipe-separated meta line is the date
        for seg in line.split("|"):
            found = _date_line(seg.strip())
            if found:
                return found
        return None
    return _date_line(line)


_BRACKETED = re.compile(r"\[[^\]]*\]")


def _date_line(line: str) -> dt.date | None:
    if len(line) > 80:
        # "Wednesday, 24 January 2024 2:32 PM [ Last Update: ... ]": the bracketed repeat is furniture
        line = _BRACKETED.sub(" ", line).strip()
        if len(line) > 80 or not _HAS_YEAR.search(line):
            return None
    found = find_full_date(line)
    if not found:
        return None
    date, start, end = found
    rest = line[:start] + " " + line[end:]
    words = [w.lower() for w in _WORD.findall(rest)]
    extra = [w for w in words if w not in LEXICON.weekdays and w not in _DATE_LINE_FILLER]
    return date if len(extra) <= 2 else None


def infer_year(month: int, day: int, texts: list[str], hint: dt.date | None) -> int | None:
    """Year for a dateline's month/day: the hint's, else the latest year the text mentions."""
    if hint is not None:
        year = hint.year
        # a December dateline with a January hint belongs to the previous year
        if month == 12 and hint.month == 1:
            year -= 1
        return year
    years = []
    for t in texts:
        years.extend(int(y) for y in _YEAR_ANY.findall(t))
    return max(years) if years else None


def pick_date(
    date_lines: list[dt.date],
    dateline_month_day: tuple[int, int] | None,
    dateline_year: int | None,
    texts: list[str],
    hint: dt.date | None,
) -> dt.date | None:
    if date_lines:
        return date_lines[0]
    if dateline_month_day:
        month, day = dateline_month_day
        year = dateline_year or infer_year(month, day, texts, hint)
        if year:
            return _safe_date(year, month, day)
    return None
