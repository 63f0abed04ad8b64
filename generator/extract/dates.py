"""Publication date: the date the page states, with its precision, and never a guess.

Sources, strongest first: page date lines and byline dates (furniture), a
dateline's own date or its month/day with the year the page gives, the lead's
"On Tuesday, December 10" for the event it reports, and a photo caption's date
when the caption shows the story's event. Dates inside story sentences
otherwise describe earlier events, so they are not used. An ambiguous numeric
date ("08/10/2022") is read only when the page itself settles the order.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.extract.lexicon import LEXICON
from generator.extract.text import split_sentences

_MONTH = r"(?P<mon>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
# a year is not followed by more digits, nor by ":" and digits ("28.09.1912:44" is 28.09.19 and 12:44)
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d|:\d)"
_NUM_EDGE = r"(?<![\d/.-])"  # a numeric date does not start inside a longer number
_DATE_FORMS = tuple(
    re.compile(p)
    for p in (
        rf"\b{_MONTH},?\s+{_DAY},?\s*{_YEAR}",  # October 27, 2023 / Oct. 23, 2023 / February, 03, 2024
        rf"(?<!\d){_DAY}\s+(?:of\s+)?{_MONTH},?\s*{_YEAR}",  # 25 October, 2023 / 15 August,2023
        rf"{_NUM_EDGE}(?P<year>(?:19|20)\d\d)-(?P<mnum>\d{{1,2}})-(?P<day>\d{{1,2}})(?!\d)",  # 2024-02-03[T09:12]
        rf"{_NUM_EDGE}(?P<year>(?:19|20)\d\d)/(?P<mnum>\d{{1,2}})/(?P<day>\d{{1,2}})(?!\d)",  # 2024/02/03
        rf"{_NUM_EDGE}(?P<d1>\d{{1,2}})(?P<sep>[/.-])(?P<d2>\d{{1,2}})(?P=sep){_YEAR}",  # 03/02/2024
    )
)
_MONTH_YEAR = re.compile(rf"\b{_MONTH},?\s+{_YEAR}")
_YEAR_ANY = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_HAS_YEAR = re.compile(r"(?:19|20)\d\d")
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class Stamp:
    """A date as a page writes it: the date, its precision, and the other reading of "03/02/2024"."""

    date: dt.date
    precision: str = "day"  # "day" | "month" (date is then the month's first day)
    alt: dt.date | None = None  # month-first reading of an ambiguous numeric date (date is day-first)
    order: str | None = None  # "dmy" / "mdy" when a numeric date shows the site's order (a part > 12)


def _month_number(word: str) -> int | None:
    return LEXICON.months.get(word.lower().rstrip("."))


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _numeric(a: int, b: int, sep: str, year: int) -> Stamp | None:
    """"a/b/year": day-first unless impossible; both readings kept when both are possible.

    Dotted dates are written day-first wherever they are used, so only slashes
    and hyphens are ambiguous.
    """
    dmy, mdy = _safe_date(year, b, a), _safe_date(year, a, b)
    if dmy and mdy and a != b and sep != ".":
        return Stamp(dmy, alt=mdy)
    if dmy:
        return Stamp(dmy, order="dmy" if a > 12 else None)
    if mdy:
        return Stamp(mdy, order="mdy")
    return None


def find_stamp(s: str) -> tuple[Stamp, int, int] | None:
    """The first explicit full date in `s` with its span, or None."""
    best = None
    for form in _DATE_FORMS:
        for m in form.finditer(s):
            if best is not None and m.start() >= best[1]:
                break
            gd = m.groupdict()
            year = int(gd["year"])
            if gd.get("mon"):
                month = _month_number(gd["mon"])
                found = Stamp(d) if month and (d := _safe_date(year, month, int(gd["day"]))) else None
            elif gd.get("mnum"):
                found = Stamp(d) if (d := _safe_date(year, int(gd["mnum"]), int(gd["day"]))) else None
            else:
                found = _numeric(int(gd["d1"]), int(gd["d2"]), gd["sep"], year)
            if found:
                best = (found, m.start(), m.end())
                break
    return best


def find_full_date(s: str) -> tuple[dt.date, int, int] | None:
    """The first explicit full date in `s` (day-first for an ambiguous numeric one) with its span."""
    found = find_stamp(s)
    return (found[0].date, found[1], found[2]) if found else None


_DATE_LINE_FILLER = frozenset(
    "published updated posted on at last modified date am pm gmt utc ast est edt cet cest bst by "
    "first issued created update modified time".split()
)


# "— Israel Defense Forces (@IDF) October 7, 2023": the signature of an embedded post, dated by its author
_EMBED_SIGNATURE = re.compile(r"\(@\w{1,30}\)")
# "21.10.2019 – 27.10.2019", "3 May 2024 to 5 May 2024": a period, not the day the page was published
_RANGE_NEXT = re.compile(r"\s*(?:[\u2013\u2014-]+|to|until|till|bis)\s*", re.I)


def is_date_line(line: str) -> Stamp | None:
    """A short line that is essentially a date ("Friday, October 27, 2023", "Updated: 2024-02-03 10:22");
    not an embedded post's signature, nor a period."""
    if len(line) > 160 or not _HAS_YEAR.search(line) or _EMBED_SIGNATURE.search(line):
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


def _extra_words(line: str, start: int, end: int) -> list[str]:
    rest = line[:start] + " " + line[end:]
    words = [w.lower() for w in _WORD.findall(rest)]
    return [w for w in words if w not in LEXICON.weekdays and w not in _DATE_LINE_FILLER]


def _date_line(line: str) -> Stamp | None:
    if len(line) > 80:
        # "Wednesday, 24 January 2024 2:32 PM [ Last Update: ... ]": the bracketed repeat is furniture
        line = _BRACKETED.sub(" ", line).strip()
        if len(line) > 80 or not _HAS_YEAR.search(line):
            return None
    found = find_stamp(line)
    if found:
        stamp, start, end = found
        after = _RANGE_NEXT.match(line, end)
        then = find_stamp(line[after.end():]) if after and after.end() > end else None
        if then is not None and then[1] == 0:
            return None  # the start of a period (not "23.03.2020 - Update : 23.03.2020")
        return stamp if len(_extra_words(line, start, end)) <= 2 or _dateline_place_before(line, start, end) else None
    m = _MONTH_YEAR.search(line)  # "Published: March 2024": a date known to its month
    if m and (month := _month_number(m.group("mon"))) and not _extra_words(line, m.start(), m.end()):
        return Stamp(dt.date(int(m.group("year")), month, 1), precision="month")
    return None


def _dateline_place_before(line: str, start: int, end: int) -> bool:
    """"NABLUS, West Bank 1996-08-22", "MOUNTAIN VIEW, Calif. Aug 25, 1996": a wire dateline's place (its
    city in capitals, then its region), then the date, and nothing after."""
    head, tail = line[:start].strip(" ,-\u2013\u2014"), line[end:].strip(" .,-\u2013\u2014")
    words = head.replace(",", " ").split()
    return not tail and "," in head and 2 <= len(words) <= 5 and words[0].isupper() and len(words[0]) > 1 \
        and all(w[:1].isupper() for w in words)


def byline_date(line: str) -> Stamp | None:
    """The date a byline or credit line ends with ("By X Public Affairs, Stuttgart, Germany Sep 30, 2019")."""
    if len(line) > 250 or not line[:3].lower() == "by " or not _HAS_YEAR.search(line):
        return None
    found = find_stamp(line)
    if not found:
        return None
    stamp, start, end = found
    tail = [w.lower() for w in _WORD.findall(line[end:])]
    if any(w not in _DATE_LINE_FILLER for w in tail) or _HAS_YEAR.search(line[end:]) or start < 5:
        return None  # "By October 27, 2023 the army had ..." is a sentence
    return stamp


def _named_weekdays(texts: list[str]) -> set[int]:
    """Weekday numbers (Monday 0) the texts name in full ("on Sunday", "Saturday's attack")."""
    out = set()
    for t in texts:
        for w in _WORD.findall(t):
            n = _FULL_WEEKDAYS.get(w.lower())
            if n is not None and w[:1].isupper():
                out.add(n)
    return out


_FULL_WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}


def _written_out(date: dt.date, texts: list[str]) -> bool:
    """The texts write this month and day in words ("August 10", "10 August", "Aug. 10")."""
    names = [w for w, n in LEXICON.months.items() if n == date.month]
    alt = "|".join(sorted(names, key=len, reverse=True))
    pat = re.compile(rf"\b(?:(?:{alt})\.?\s+{date.day}(?!\d)|(?<!\d){date.day}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{alt})\b)", re.I)
    return any(pat.search(t) for t in texts)


def resolve(stamp: Stamp, texts: list[str], orders: set[str]) -> dt.date | None:
    """One reading of "08/10/2022", from evidence on the page, else None.

    The evidence: the site's order shown by another numeric date on the page
    (a part above 12), the same date written in words, or the weekday the text
    names. Without evidence the date stays unknown: no date beats a wrong date.
    """
    if stamp.alt is None:
        return stamp.date
    if len(orders) == 1:
        return stamp.date if "dmy" in orders else stamp.alt
    weekdays = _named_weekdays(texts)
    for test in (lambda d: _written_out(d, texts), lambda d: d.weekday() in weekdays):
        dmy, mdy = test(stamp.date), test(stamp.alt)
        if dmy != mdy:
            return stamp.date if dmy else stamp.alt
    return None


def infer_year(month: int, day: int, texts: list[str], hint: dt.date | None) -> int | None:
    """Year for a dateline's month/day: the hint's, else the latest year the text mentions."""
    if hint is not None:
        year = hint.year
        # a December dateline with a January hint belongs to the previous year
        if month == 12 and hint.month == 1:
            year -= 1
        return year
    years = [int(y) for t in texts for y in _YEAR_ANY.findall(t)]
    return max(years) if years else None


def year_by_weekday(month: int, day: int, weekday: int, texts: list[str], hint: dt.date | None) -> int | None:
    """The year in which "Thursday, January 9" falls on that weekday: the page's latest year or
    the next one (an article in January names last year's events), and only if exactly one fits."""
    base = hint.year if hint is not None else infer_year(month, day, texts, None)
    if base is None:
        return None
    fits = [y for y in (base, base + 1) if (d := _safe_date(y, month, day)) and d.weekday() == weekday]
    return fits[0] if len(fits) == 1 else None


_WEEKDAY_ALT = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_MONTH_ALT = "|".join(sorted((m.capitalize() for m in LEXICON.months), key=len, reverse=True))
_GLUED_DATE = re.compile(
    rf"^(?P<wd>{_WEEKDAY_ALT}),?\s+(?:(?P<mon>{_MONTH_ALT})\.?\s+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\s+(?P<mon2>{_MONTH_ALT}))"
    rf",?\s+(?P<year>(?:19|20)\d\d)\s+(?=[A-Z\"\u201c])")


def glued_date_line(line: str) -> int:
    """Where a page's date line ends when the first paragraph was glued to it ("Thursday, May 7, 2015 On
    Tuesday, the government ..."): the weekday, the date and a capitalised word after it, the weekday the
    date's own. 0 when the line does not start so."""
    m = _GLUED_DATE.match(line)
    if not m:
        return 0
    month = _month_number(m.group("mon") or m.group("mon2"))
    date = _safe_date(int(m.group("year")), month, int(m.group("day") or m.group("day2"))) if month else None
    return m.end() if date is not None and _weekday_agrees(date, m.group("wd")) else 0


def _weekday_agrees(date: dt.date, weekday: str) -> bool:
    """"Thursday, May 7, 2015": the weekday the page writes is the date's own."""
    return date.weekday() == _FULL_WEEKDAYS[weekday.lower()]


_LEAD_DATE = re.compile(
    rf"\b[Oo]n\s+(?:the\s+(?:morning|afternoon|evening|night)\s+of\s+)?(?:(?P<wd>{_WEEKDAY_ALT}),?\s+)?"
    rf"(?:(?P<mon>{_MONTH_ALT})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon2>{_MONTH_ALT})\b)"
    rf"(?:,?\s+(?P<year>(?:19|20)\d\d)(?!\d))?"
)


def lead_date(lead: str, texts: list[str], hint: dt.date | None) -> dt.date | None:
    """The event date the lead gives: a sentence opening "On [the morning of] <date>," or an
    "on <Weekday>, <Month> <day>" (wire style for the reported event; earlier events get no weekday).
    A date without a year needs its weekday to pick the year."""
    for m in _LEAD_DATE.finditer(lead):
        opens = m.start() == 0 or lead[max(0, m.start() - 2): m.start()].rstrip().endswith((".", "\u201d", '"'))
        if not (m.group("wd") or opens):
            continue
        month = _month_number(m.group("mon") or m.group("mon2"))
        day = int(m.group("day") or m.group("day2"))
        if m.group("year"):
            date = _safe_date(int(m.group("year")), month, day)
            if date and m.group("wd") and not _weekday_agrees(date, m.group("wd")):
                return None  # the page contradicts itself: no date
            return date
        if m.group("wd"):
            year = year_by_weekday(month, day, _FULL_WEEKDAYS[m.group("wd").lower()], texts, hint)
            return _safe_date(year, month, day) if year else None
        return None
    return None


_LEAD_FULL_DATE = re.compile(
    rf"(?:(?P<mon>{_MONTH_ALT})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+"
    rf"(?P<mon2>{_MONTH_ALT})\b),?\s+(?P<year>(?:19|20)\d\d)(?!\d)")
# words before a date that make it another event's: "since", "after", "the Oct. 7, 2023 attack's"
_EARLIER = re.compile(r"\b(?:since|after|before|until|till|from|through|between|of|by|in|during|following|"
                      r"ago|anniversary|last|previous|earlier|dated|on|first|"
                      r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\W+(?:\w+\W+){0,1}$", re.I)


# what stands right before a release's date: the verb of the report ("arrived here", "began") or the place it
# happened (", Syria,"); a relative clause or a future tense dates something else
_REPORTED_AT = re.compile(r"(?:\b(?:\w+ed|began|struck|hit|took|held|met|fought|sent|arrived)(?:\s+(?:here|there))?|"
                          r"\b(?:here|there)|[A-Z][\w'-]+,)\s*$")
_RELATIVE_OR_FUTURE = re.compile(r"\b(?:who|which|whose|will|would|shall|to be|is due|are due|scheduled|"
                                 r"born|died|founded|opened|established|signed|elected|married|sworn)\b", re.I)
_NAMES_AN_EVENT = re.compile(r",?\s+(?:\w+\s+)?(?:attacks?|war|massacre|strikes?|offensive|invasion|bombings?|"
                             r"ceasefire|truce|agreement|deal|accord|elections?|vote|coup|raid|assault|incursion)\b",
                             re.I)
_THE_OR_WHOSE = re.compile(r"(?:\bthe|'s|\u2019s)\s+$", re.I)


def lead_full_date(lead: str) -> dt.date | None:
    """A date written in full in the lead's first sentence, where the report opens: "arrived here Dec. 10,
    2016, to join", "began their advance to isolate Raqqah, Syria, Nov. 6, 2016." (release style, no "on");
    not after "since", "after", "of" and the like, which date an earlier event, nor one of two dates. "on
    <date>" mid-sentence ("first attacked the base on January 4, 2024") and a weekday before the date are
    `lead_date`'s to read or to leave."""
    spans = split_sentences(lead)
    first = lead[: spans[0][1]] if spans else lead
    found = list(_LEAD_FULL_DATE.finditer(first))
    if len(found) != 1:
        return None
    m = found[0]
    if len(_WORD.findall(first[: m.start()])) < 5 or "@" in first:
        return None  # not a sentence that reports: "— Ali (@ali) January 24, 2020" signs an embedded post
    if _RELATIVE_OR_FUTURE.search(first, 0, m.start()) or not _REPORTED_AT.search(first, max(0, m.start() - 40), m.start()):
        return None  # "who died Dec. 5, 2021", "will go to the polls Nov. 5": another event's date
    if _EARLIER.search(first, max(0, m.start() - 30), m.start()) or _NAMES_AN_EVENT.match(first, m.end()) \
            or _THE_OR_WHOSE.search(first, max(0, m.start() - 12), m.start()):
        return None  # "Hamas's Oct. 7, 2023, attack", "the 7 October 2023 massacre": an event named by its date
    month = _month_number(m.group("mon") or m.group("mon2"))
    return _safe_date(int(m.group("year")), month, int(m.group("day") or m.group("day2"))) if month else None


_CONTENT = re.compile(r"[A-Za-z][\w'\u2019-]{2,}")
_FILE_MARK = re.compile(r"\b(?:file|archive|archives|undated)\b", re.I)


def _content_words(s: str) -> set[str]:
    return {w.lower() for w in _CONTENT.findall(s) if w.lower() not in LEXICON.stopwords}


def caption_date(captions: list[str], title: str | None) -> dt.date | None:
    """A caption's date when the caption shows the story's event: it shares most of the
    headline's words and is not a file picture ("FILE -", "archive photo")."""
    head = _content_words(title or "")
    if len(head) < 3:
        return None
    for cap in captions:
        if _FILE_MARK.search(cap):
            continue
        found = find_stamp(cap)
        if found and found[0].alt is None and len(head & _content_words(cap)) * 2 >= len(head):
            return found[0].date
    return None


def stamp_year(month: int, day: int, raw: str) -> int | None:
    """The year of a machine stamp in the page ("...18102024...", "20241018") that repeats this
    month and day: a content ID or URL stamped with the same day confirms the dateline's year."""
    md, dm = f"{month:02d}{day:02d}", f"{day:02d}{month:02d}"
    for run in _DIGITS.findall(raw[:200_000]):
        m = re.search(rf"((?:19|20)\d\d){md}|{dm}((?:19|20)\d\d)", run)
        if m:
            return int(m.group(1) or m.group(2))
    return None


_DIGITS = re.compile(r"\d{8,}")


@dataclass(frozen=True)
class PageFacts:
    """What the page offers for its date, gathered by the cleaning and dateline stages."""

    stamps: tuple[Stamp, ...] = ()  # page date lines and byline dates, in page order
    dateline_month_day: tuple[int, int] | None = None
    dateline_year: int | None = None
    title: str | None = None
    lead: str = ""  # the first story paragraph, after any dateline opener
    paragraphs: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    raw: str = ""


def pick_date(facts: PageFacts, hint: dt.date | None) -> tuple[dt.date | None, str | None]:
    """The page's date and its precision ("day" | "month"), or (None, None)."""
    texts = [facts.title or "", *facts.paragraphs, *facts.captions]
    orders = {s.order for s in facts.stamps if s.order}
    for stamp in facts.stamps:
        if stamp.precision == "day" and (date := resolve(stamp, texts, orders)):
            return date, "day"
    if facts.dateline_month_day:
        month, day = facts.dateline_month_day
        year = facts.dateline_year or (infer_year(month, day, [], hint) if hint else None)
        year = year or stamp_year(month, day, facts.raw) or infer_year(month, day, texts, None)
        if year and (date := _safe_date(year, month, day)):
            return date, "day"
    date = lead_date(facts.lead, texts, hint) or lead_full_date(facts.lead) \
        or caption_date(list(facts.captions), facts.title)
    if date:
        return date, "day"
    months = [s.date for s in facts.stamps if s.precision == "month"]
    return (months[0], "month") if months else (None, None)
