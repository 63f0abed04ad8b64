"""Wire-style openers: "BAGHDAD (Reuters) -", "Baghdad, Oct 23 (EFE).-", "ERBIL, Kurdistan Region -"."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Dateline
from .lexicon import LEXICON

_DASH = r"(?:\s*[.]?\s*(?:-{1,2}|\u2013|\u2014)\s*|\s*:\s+)"
_PLACE_CAPS = r"(?P<place>[A-Z][A-Z'\u2019.-]+(?:\s+[A-Z][A-Z'\u2019.-]+){0,3})"
_PLACE_ANY = r"(?P<place>[A-Z][\w'\u2019.-]+(?:\s+[A-Z][\w'\u2019.-]+){0,3})"
_REGION = r"(?:,\s*(?P<region>[A-Z][\w'\u2019.-]*(?:\s+(?:of\s+)?[A-Z][\w'\u2019.-]*){0,3}))?"
_MONTHDAY = r"(?:,\s*(?P<mon>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2})(?:,?\s+(?P<year>(?:19|20)\d\d))?)"
_AGENCY = r"(?:\s*\((?P<agency>[A-Za-z][\w .&/-]{0,30})\))"

_PATTERNS = tuple(
    re.compile(p)
    for p in (
        # Place, Mon DD[, YYYY] (AGENCY) -   /  Place, Mon DD (AGENCY).-
        rf"^{_PLACE_ANY}{_REGION}{_MONTHDAY}{_AGENCY}?{_DASH}",
        # PLACE[, Region] (AGENCY) -   /  Place (AGENCY) -
        rf"^{_PLACE_ANY}{_REGION}{_AGENCY}{_DASH}",
        # PLACE[, Region] -   (capitals required without agency or date)
        rf"^{_PLACE_CAPS}{_REGION}{_DASH}(?=\S)",
        # Place, DD Month YYYY -   a release dateline, day first ("Baghdad, 21 January 2024 –")
        rf"^{_PLACE_ANY}{_REGION},\s*(?P<day>\d{{1,2}})\s+(?P<mon>[A-Z][a-z]{{2,8}})\.?,?\s+(?P<year>(?:19|20)\d\d){_AGENCY}?{_DASH}",
        # Place-AGENCY   ("Baghdad-INA"); known agencies only
        r"^(?P<place>[A-Z][a-z'\u2019]+(?:\s+[A-Z][a-z'\u2019]+){0,2})\s*[-\u2013\u2014]\s*(?P<agency>[A-Z][\w]*)(?=\s|$)",
        # (AGENCY) -   an agency credit without a place
        rf"^{_AGENCY}{_DASH}",
        # Agency/ -   a bare credit with a slash ("Shafaq News/ ..."); known agencies only
        r"^(?P<agency>[A-Z][\w&-]*(?: [A-Z][\w&-]*){0,3})\s*/\s*(?=[A-Z\u201c\"])",
    )
)
_SLASH_CREDIT = _PATTERNS[-1]
_HYPHEN_CREDIT = _PATTERNS[4]


@dataclass(frozen=True)
class DatelineMatch:
    dateline: Dateline
    end: int  # where the story text starts after the opener
    month_day: tuple[int, int] | None
    year: int | None


def _title_case_place(place: str) -> str:
    if not (place.isupper() or place.islower()):
        return place
    parts = re.split(r"([\s-]+)", place.lower())
    return "".join(p[:1].upper() + p[1:] if p.strip(" -") else p for p in parts)


def _agency(raw: str | None) -> str | None:
    if not raw:
        return None
    raw = raw.strip()
    known = LEXICON.agencies.get(raw.lower())
    if known:
        return known
    # "(Reuters/AFP)" or unknown short credits: keep as written when name-like
    if len(raw.split()) <= 3 and raw[:1].isupper():
        return raw
    return None


def match_dateline(paragraph: str) -> DatelineMatch | None:
    """The wire opener at the start of a paragraph, or None."""
    head = paragraph[:160]
    for pat in _PATTERNS:
        m = pat.match(head)
        if not m:
            continue
        gd = m.groupdict()
        place = gd.get("place")
        agency_raw = gd.get("agency")
        if (pat is _SLASH_CREDIT or pat is _HYPHEN_CREDIT) and agency_raw.lower() not in LEXICON.agencies:
            continue
        if agency_raw and agency_raw.lower() not in LEXICON.agencies and not agency_raw.isupper():
            # "(Reuters)" style credits must look like an agency
            if len(agency_raw.split()) > 2:
                continue
        month_day = None
        if gd.get("mon"):
            month = LEXICON.months.get(gd["mon"].lower())
            if not month:
                continue
            month_day = (month, int(gd["day"]))
        if place:
            words = place.split()
            low = place.lower()
            if words[0].lower() in LEXICON.stopwords or low in LEXICON.weekdays or low in LEXICON.months:
                continue
            if not month_day and not agency_raw:
                # bare "PLACE -" needs an all-caps place that is not an acronym-like org
                if not place.isupper() or len(place.replace(" ", "")) < 3:
                    continue
        return DatelineMatch(
            Dateline(_title_case_place(place) if place else None, _agency(agency_raw)),
            m.end(),
            month_day,
            int(gd["year"]) if gd.get("year") else None,
        )
    return None


_NOT_CITIES = frozenset({"europe", "asia", "africa", "levant", "mediterranean", "golan", "virginia"})


def is_city_line(line: str) -> bool:
    """A line that is only a city in capitals ("ANKARA"): Anadolu-style datelines set on their own line."""
    if not line.isupper() or len(line) > 30:
        return False
    low = line.lower().strip()
    if low in LEXICON.country_by_capital:
        return True
    return " " not in low and low in LEXICON.places and low not in _NOT_CITIES


def is_dateline_only(line: str) -> bool:
    m = match_dateline(line + " x")
    return bool(m) and not line[m.end:].strip() if m else False
