"""Page cleaning: separate the story from the furniture a scraper brings along.

The raw text is a page: captions and credits, site banners, repeated
headlines, reading times, section labels, promos, and sometimes the body
twice. We classify each line, choose the headline, and keep story lines
verbatim (only whitespace squashed), dropping repeats.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract import dates
from generator.extract.dateline import is_city_line, is_dateline_only, match_dateline
from generator.extract.lexicon import LEXICON
from generator.extract.text import MAX_LINE, normalise, squash_spaces
from generator.extract.title import is_headline_like, strip_site_suffix

_WORDS = re.compile(r"[\w'\u2019-]+")
_TERMINAL_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$|[\"\u201d\u2019]$")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s)")
_CREDIT_TAIL = re.compile(
    r"\s*(?:\[[^\]]{1,60}\]|\((?:photo|file photo|image|picture|credit|screenshot|screen grab|video grab)[^)]{0,80}\)"
    r"|(?:\b(?:EFE|EPA|AFP|AP|Reuters|Anadolu|Xinhua|Getty|ANSA|AA)/[\w /.-]*)"
    r"|(?:(?:photo(?:graph)?|picture|image)s?\s*(?:by|:)\s*[^.]{1,80}))\s*$",
    re.I,
)

LINE_BODY, LINE_FURNITURE, LINE_DATE, LINE_CAPTION, LINE_HEADLINE, LINE_DATELINE, LINE_LABEL = range(7)


@dataclass(frozen=True)
class Page:
    """The story as read off the page: headline, date lines, body and captions."""

    title: str | None
    date_lines: tuple[dates.Stamp, ...]  # page date lines and byline dates, in page order
    paragraphs: tuple[str, ...]
    captions: tuple[str, ...]
    site: str | None = None  # the outlet named in a "Title | Outlet" page title
    credit: str | None = None  # the outlet a credit line names ("Source: X", "By X Staff", a banner)


_KEY_EDGES = " .,;:!?|\"'\u201c\u201d\u2018\u2019\u2013\u2014-"


def line_key(line: str) -> str:
    """Comparison key for repeats: case and edge punctuation ignored (lines are already space-squashed)."""
    return line.lower().strip(_KEY_EDGES)


_BULLETS = " \u2022\u00b7\u25aa\u25cf\u2023\u25b8*"


# every whole-line furniture pattern in one alternation: one match per line instead of one per pattern
_ANY_BOILER = re.compile("|".join(f"(?:{p.pattern})" for p in LEXICON.boiler_patterns), re.I)


def is_furniture(line: str) -> bool:
    low = line.lower().strip(" .:|>\u00bb\u203a-\u2013\u2014").lstrip(_BULLETS)
    if not low:
        return True
    if low in LEXICON.boiler_exact:
        return True
    words = _WORDS.findall(low)
    if len(words) <= 4 and low in LEXICON.section_labels:
        return True
    if len(words) <= 25:
        for p in LEXICON.boiler_prefix:
            if low.startswith(p) and (len(low) == len(p) or not low[len(p)].isalnum()):
                # "By X" bylines are short; "By the way, ..." sentences are not furniture
                if p == "by" and (_TERMINAL_END.search(line) or len(words) > 6 and not _byline_names(line)):
                    continue
                return True
    if _ANY_BOILER.fullmatch(low):
        return True
    return len(low) < 300 and any(c in low for c in LEXICON.boiler_contains)


_BYLINE_JOINERS = frozenset({"and", "&", ",", "|"})


def _byline_names(line: str) -> bool:
    """"By Alissa J. Rubin and Falih Hassan": after "By", only capitalised names and joiners."""
    words = line.replace(",", " , ").replace("|", " | ").split()[1:]
    if not words or len(words) > 14 or "|" in words:
        return bool(words) and "|" in words  # "By A & B | date | email" meta lines
    return all(w in _BYLINE_JOINERS or w[:1].isupper() for w in words)


_CREDIT_ANY = re.compile("|".join(f"(?:{p.pattern})" if p.flags & re.I == 0 else f"(?i:{p.pattern})" for p in LEXICON.credit_patterns))


_MAX_CAPTION = 450
_POSITION_MARK = re.compile(r"\((?:C|L|R|2L|2R|3L|3R|center|centre|left|right|not pictured)\)")


def is_caption(line: str) -> bool:
    """A photo caption: short, with a credit or a position marker ("(C)", "[Getty]")."""
    if len(line) > _MAX_CAPTION:
        return False
    # credits sit at the end; position markers ("(C)") anywhere
    tail = line[-120:]
    if "(" not in line and "[" not in tail and "/" not in tail:
        low = tail.lower()
        if "photo" not in low and "picture" not in low and "image" not in low and "getty" not in low:
            return False  # every credit pattern needs one of these: skip the big regex
    return _CREDIT_ANY.search(tail) is not None or _POSITION_MARK.search(line) is not None


def _credit_pattern() -> re.Pattern:
    """A photo credit in any of its shapes: "Alexander Aksakov/Getty Images", "William West/AFP/Getty Images",
    "NurPhoto via Getty Images, FILE", "Photographer: Saul Loeb/AFP via Getty Images", "(Photo: Mandel Ngan,
    AFP/Getty Images)", "Image copyright Reuters", "Getty Images". A source alone ("Reuters") is no credit:
    a slash, a "via", a label or Getty's name makes one; a paper's, a platform's or an office's name only at
    the line's end ("ABC News/Washington Post Poll Finds ..." is a headline)."""
    word = r"(?:[A-Z][\w'\u2019-]*|[A-Z]\.(?:[A-Z]\.)*)"
    name = rf"{word}(?:\s+(?:{word}|de|da|di|del|van|von|der|al|el|bin|ibn|la|le)){{0,4}}"
    names = rf"{name}(?:\s*[/,]\s*{name})*"  # "Alexei Nikolsky, Sputnik, Kremlin Pool Photo"
    label = r"(?:(?:Photographer|Photograph|Photo|Picture|Image)s?\s*:\s*|Image\s+copyright\s+|Courtesy\s+(?:of\s+)?)"
    # "Source:" names a picture's source only in a credit's shape: "Source: Levant Daily News" is the outlet
    source_label = r"(?:Source|Credit)s?\s*:\s*"

    def shapes(sources: tuple[str, ...]) -> str:
        source = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in sources)
        source = rf"(?:{source})(?![\w-])"
        tail = rf"(?:\s+via\s+{source})?(?:\s*/\s*{name})*(?:\s*,\s*(?:FILE|File|file))?"
        slashed = rf"(?:{name}\s*[/,]\s*)*{name}\s*/\s*{source}"
        via = rf"{names}\s+via\s+{source}"
        labelled = rf"{label}(?:{name},\s*)?(?:{slashed}|{via}|(?:{name}\s*/\s*)*{source}|{name})" \
            rf"|{source_label}(?:{slashed}|{via})"
        return rf"(?:{labelled}|{slashed}|{via}){tail}"

    # what follows an agency's credit is the line's end, another caption or credit: never the sentence it
    # would be part of ("an AP/NORC poll found"); a paper's or an office's credit closes its line
    agency = rf"(?:{shapes(LEXICON.photo_agencies)}|\bGetty\s+Images\b)(?=\s*$|\s*\)|\s+[A-Z(\u201c\"])"
    other = rf"{shapes(LEXICON.photo_sources)}(?=\s*$|\s*\))"
    credit = rf"(?:{agency}|{other})"
    # a picture's label closing the line or its brackets takes all its names ("(Photo: Mohamad Torokman,
    # Pool, European Pressphoto Agency)", "Photograph: White House Press Office")
    to_end = r"\b(?:Photographer|Photograph|Photo|Picture|Image)s?\s*:\s*[^()\n.;:!?]{1,80}?(?=\s*\)|\s*$)"
    return re.compile(rf"\(\s*(?:{to_end}|{credit})\s*\)|{to_end}|{credit}")


_CREDIT = _credit_pattern()
_CAPTION_MARKER = re.compile(r"\b(?:" + "|".join(re.escape(m).replace(r"\ ", r"\s+").replace(r"\#", r"\d+")
                                                  for m in LEXICON.caption_markers)
                             + r")\b", re.I)
_GALLERY_COUNTER = re.compile(r"\b\d{1,3} of \d{1,3}(?: i)?\s*$")
_CREDIT_HINT = re.compile(r"/|\bvia\b|:|Getty|\b(?i:image|caption|enlarge|copyright|courtesy|previous|slideshow|gallery|"
                          r"playback|pinterest|hide|video|play)\b")
_QUOTE_MARK = re.compile("[\"\u201c\u201d]")
_CAPTION_WORDS = 40  # what is left of a credited line up to this many words is the picture's caption


def without_credits(line: str) -> str | None:
    """The line without its photo credits and picture furniture, or None when it has neither. Credits
    name photographers and agencies, never the story's actors ("Mario Tama/Getty Images")."""
    if not _CREDIT_HINT.search(line):
        return None
    if len(line) > _MAX_CAPTION:  # a paragraph: only the picture furniture pasted into it
        out = _CAPTION_MARKER.sub(" ", line)
        return None if out == line else squash_spaces(out).strip()
    out = _CAPTION_MARKER.sub(" ", _CREDIT.sub(" ", line))
    if out == line:
        return None
    # a gallery's counter ("1 of 14 i") once the furniture is out, and a credit it held off
    out = squash_spaces(_CREDIT.sub(" ", _GALLERY_COUNTER.sub(" ", out))).strip(" ,;|-\u2013\u2014")
    half = len(out) // 2
    if len(out) % 2 and out[half] == " " and out[:half] == out[half + 1:]:
        return ""  # the credit said twice ("Diaa Hadid Diaa Hadid"): NPR's picture furniture
    return out


# A politician's card pasted after their name: the full name glued to the card's headlines, then "MORE"
# ("Sens. John McCain John Sidney McCain2020 Democrats make play for ... MORE (R-Ariz.)"): the name as the
# story gives it stays, the card goes.
_NAME_CARD = re.compile(
    r"(?P<surname>[A-Z][\w'\u2019-]*[a-z])\s+[A-Z][\w.'\u2019()-]*(?:\s+[\w.'\u2019()-]+){0,5}?\s*(?P=surname)"
    r"(?=[A-Z0-9])[^\n]{0,800}?\sMORE\b(?!\s+[A-Z]{2,})")  # (not "NO MORE WAR DRILLS", "FOUR MORE YEARS")


def without_name_cards(line: str) -> str:
    """The line without the politicians' cards pasted into it (their names stay as the story gives them)."""
    if " MORE" not in line:
        return line
    return _NAME_CARD.sub(lambda m: m.group("surname"), line)


def _lines_without_credits(lines: list[str]) -> tuple[list[str], set[int]]:
    """Lines with credits taken out, and which of them are what is left of a caption. A line that was only
    credits goes; a long one keeps its place as whatever it is."""
    out: list[str] = []
    captions: set[int] = set()
    for line in map(without_name_cards, lines):
        rest = without_credits(line)
        if rest is None:
            out.append(line)
            continue
        if not _WORDS.search(rest):
            continue
        if len(_WORDS.findall(rest)) <= _CAPTION_WORDS and not _QUOTE_MARK.search(rest):
            captions.add(len(out))  # (words quoted in it are read as the story's: captions' are not)
        out.append(rest)
    return out, captions


def _is_bare_credit(line: str) -> bool:
    """A credit line alone ("EFE/EPA/FILE/JIM LO SCALZO", "Getty Images")."""
    stripped = _CREDIT_TAIL.sub("", line).strip(" .,-")
    return not stripped or (line.isupper() and "/" in line)


_BANNER_SMALL = frozenset({"of", "the", "and", "for", "on", "in", "&"})
_MEDIA_TAILS = (" news agency", " agency", " english", " news", " online")


def is_outlet_banner(line: str) -> bool:
    """A line that is only an outlet's or agency's name ("Middle East Eye", "Tasnim News Agency")."""
    low = line.lower().strip(" .:|-\u2013\u2014")
    if low.startswith("the "):
        low = low[4:]
    if len(low) > 40:
        return False
    if low in LEXICON.outlets or low in LEXICON.agencies or ("the " + low) in LEXICON.outlets:
        return True
    words = low.split()
    if 2 < len(words) <= 6:
        # "FDD's Long War Journal": an owner's name in front of a known outlet
        for k in range(1, len(words) - 1):
            if " ".join(words[k:]) in LEXICON.outlets:
                return True
    for tail in _MEDIA_TAILS:
        if low.endswith(tail):
            head = low[: -len(tail)].strip()
            if head in LEXICON.outlets or head in LEXICON.agencies:
                return True
    return False


def is_org_banner(line: str) -> bool:
    """A short site banner naming an institution ("U.S. Department of Defense"): no verb, all capitalised."""
    words = _WORDS.findall(line)
    if not words or len(words) > 7 or line.rstrip().endswith((".", "?", "!", ":")):
        return False
    has_org = False
    for w in words:
        lw = w.lower()
        if lw in _BANNER_SMALL:
            continue
        if not (w[:1].isupper() or w[:1].isdigit()) or lw in LEXICON.verbs:
            return False
        has_org = has_org or lw in LEXICON.org_nouns or lw in LEXICON.institutions
    return has_org


_RESIDUE = " _|~=*\u2022\u00b7\u00bb\u00ab>"
_SWITCH_SPLIT = re.compile(r"[\s|/\u00b7\u2022,]+")


def is_label_line(line: str) -> bool:
    """A short label ending in a colon ("Today from X:", "In this story:"), HTML residue aside:
    above the story it labels what follows and is never the headline."""
    core = line.strip(_RESIDUE)
    if not core.endswith(":"):
        return False
    words = _WORDS.findall(core)
    return len(words) <= 6 and not _introduces_a_statement(words)


def _introduces_a_statement(words: list[str]) -> bool:
    """"Foreign Secretary Philip Hammond said:", "The minister told reporters:": a verb of saying
    before the colon introduces what someone said, the story itself, not a label above it."""
    return any(w.lower() in LEXICON.speech_verbs for w in words[1:])


def is_language_switcher(line: str) -> bool:
    """A menu of languages ("English | \u0627\u0644\u0639\u0631\u0628\u064a\u0629 | Fran\u00e7ais", "EN AR FR")."""
    if len(line) > 120:
        return False
    parts = [p for p in _SWITCH_SPLIT.split(line.lower()) if p]
    return len(parts) >= 2 and all(p in LEXICON.language_names for p in parts)


def is_tag_line(line: str) -> bool:
    """Section and topic tags joined by commas ("Africa, Operation Spring Shield"): short
    capitalised parts, one of them a desk name, and no verb."""
    parts = [p.strip() for p in line.split(",")]
    if len(parts) < 2 or len(parts) > 8 or _TERMINAL_END.search(line):
        return False
    if not any(p.lower() in LEXICON.section_labels for p in parts):
        return False
    for p in parts:
        words = p.split()
        if not 1 <= len(words) <= 4:
            return False
        if any(not (w[:1].isupper() or w[:1].isdigit()) or w.lower() in LEXICON.verbs for w in words):
            return False
    return True


def classify(line: str) -> int:
    if dates.is_date_line(line):
        return LINE_DATE
    if is_outlet_banner(line):
        return LINE_FURNITURE
    caption = is_caption(line)
    n_words = len(_WORDS.findall(line)) if len(line) < 400 else 99
    if caption and n_words > 6:
        return LINE_CAPTION if not _is_bare_credit(line) else LINE_FURNITURE
    if is_furniture(line) or is_language_switcher(line) or is_tag_line(line) or dates.byline_date(line):
        return LINE_FURNITURE
    if n_words <= 3 and (is_dateline_only(line) or is_city_line(line)):
        return LINE_DATELINE  # "Baghdad-INA", "ANKARA" on their own line
    if n_words <= 2 and not _TERMINAL_END.search(line):
        return LINE_FURNITURE  # kickers and section labels ("Jordan", "Middle East")
    if caption:
        return LINE_FURNITURE if _is_bare_credit(line) else LINE_CAPTION
    if is_dateline_only(line) or is_city_line(line):
        return LINE_DATELINE
    if is_label_line(line):
        return LINE_LABEL
    if is_headline_like(line):
        return LINE_HEADLINE
    return LINE_BODY


def _strip_credit(caption: str) -> str:
    return _CREDIT_TAIL.sub("", caption).strip()


def _trim_truncated(paragraph: str) -> str | None:
    """Cut a scraper-truncated last paragraph back to its last full sentence."""
    if _TERMINAL_END.search(paragraph):
        return paragraph
    ends = [m.end() for m in _SENTENCE_END.finditer(paragraph)]
    if ends:
        return paragraph[: ends[-1]].rstrip()
    return None


def _is_block_heading(line: str) -> bool:
    return line.lower().strip(" .:|>\u00bb\u203a-\u2013\u2014").strip(_BULLETS) in LEXICON.block_headings


def _block_start(lines: list[str], first_body: int) -> int:
    """Where a related-stories or comments block begins once the story has started: the rest
    of the page is navigation (its headlines, names and dates are other stories')."""
    for i in range(first_body + 1, len(lines)):
        if _is_block_heading(lines[i]):
            return i
    return len(lines)


def _pick_title(lines: list[str], kinds: list[int], first_body: int) -> tuple[str | None, set[str], str | None]:
    """The headline among the header lines, the keys of its repeats, and a "| Outlet" suffix."""
    title = None
    title_keys: set[str] = set()
    suffixed: list[str] = []
    site = None
    title_is_banner: bool | None = None  # the first headline-like line is only an institution's name
    for i in range(first_body):
        if kinds[i] != LINE_HEADLINE:
            continue
        main, suffix_site = strip_site_suffix(lines[i])
        if suffix_site:
            site = site or suffix_site
            suffixed.append(main)
            title_keys.add(line_key(lines[i]))
            title_keys.add(line_key(main))
            continue
        if title is None:
            title = lines[i]
        elif title_is_banner and not is_org_banner(lines[i]):
            title = lines[i]
            title_is_banner = False
        if title == lines[i] and title_is_banner is None and (
                is_org_banner(lines[i]) or len(_WORDS.findall(lines[i])) <= 3):
            # an institution's banner or a kicker ("Daily Claims Roundup"): a later headline wins
            title_is_banner = True
        elif title_is_banner is None:
            title_is_banner = False
    if title is None and suffixed:
        title = suffixed[0]
    title = _repeated_headline(lines, kinds, first_body, title)
    if title is not None:
        title_keys.add(line_key(title))
    return title, title_keys, site


def _repeated_headline(lines: list[str], kinds: list[int], first_body: int, title: str | None) -> str | None:
    """Pages print the headline twice (page title and heading): a header line that repeats
    beats a first line that does not (a tag line, a related story's headline)."""
    if title is None:
        return None
    counts: dict[str, int] = {}
    for line in lines:
        k = line_key(line)
        counts[k] = counts.get(k, 0) + 1
    if counts.get(line_key(title), 0) > 1:
        return title
    for i in range(first_body):
        if kinds[i] == LINE_HEADLINE and counts.get(line_key(lines[i]), 0) > 1 and not strip_site_suffix(lines[i])[1]:
            if len(_WORDS.findall(lines[i])) > 3 and not is_org_banner(lines[i]):
                return lines[i]
    return title


_CONTENT_WORD = re.compile(r"[A-Za-z][\w'\u2019-]{2,}")


def _content_words(s: str) -> set[str]:
    return {w.lower().rstrip("'\u2019s") for w in _CONTENT_WORD.findall(s) if w.lower() not in LEXICON.stopwords}


def _share(line: str, story: set[str]) -> float:
    words = _content_words(line)
    return len(words & story) / len(words) if words else 0.0


def _story_headline(title: str | None, lines: list[str], kinds: list[int], first_body: int,
                    paragraphs: list[str], captions: list[str]) -> str | None:
    """A first header line that shares few words with the story is a related story's headline
    or a promo; a later header line that shares most of its words with the story is the headline."""
    if title is None:
        return None
    story = _content_words(" ".join(paragraphs[:6] + captions[:3])[:6000])
    if _share(title, story) >= 0.4:
        return title
    after = False
    for i in range(first_body):
        if lines[i] == title:
            after = True
            continue
        n = len(_WORDS.findall(lines[i]))
        if after and kinds[i] == LINE_HEADLINE and 4 <= n <= 18 and _share(lines[i], story) >= 0.6:
            return lines[i]
    return title


def _page_stamps(lines: list[str], kinds: list[int], end: int) -> list[dates.Stamp]:
    """Date lines and byline dates above the end of the story, in page order."""
    out = []
    for line, kind in zip(lines[:end], kinds[:end]):
        stamp = dates.is_date_line(line) if kind == LINE_DATE else None
        if stamp is None and kind == LINE_FURNITURE:
            stamp = dates.byline_date(line)
        if stamp is not None:
            out.append(stamp)
    return out


_SOURCE_LINE = re.compile(r"^(?:source|sources|credit|courtesy)\s*:\s*(?P<name>.{2,60}?)\s*$", re.I)
_COPYRIGHT = re.compile(r"^(?:copyright|\u00a9|\(c\))\s*(?:\u00a9\s*)?(?:(?:19|20)\d\d\s*)?(?P<name>[A-Z][^.,;]{1,50}?)[.,;]?\s*(?:all rights reserved.*)?$", re.I)


def media_name(name: str) -> str | None:
    """`name` as an outlet when it is one: a known agency or outlet, or a name ending in a media word."""
    name = name.strip(" .,:;-\u2013\u2014|()")
    words = name.split()
    if not words or len(words) > 6 or not name[:1].isupper():
        return None
    low = name.lower()
    if low in LEXICON.agencies:
        return LEXICON.agencies[low]
    if low in LEXICON.outlets or words[-1].lower() in LEXICON.media_nouns:
        return name.title() if name.isupper() and len(words) > 1 else name
    return None


def _byline_outlet(line: str) -> str | None:
    """"By Palestine Chronicle Staff" / "By Reuters": a newsroom, not a person, signs the story."""
    if not line.lower().startswith("by "):
        return None
    rest = line[3:].strip()
    low = rest.lower()
    for w in LEXICON.staff_words:
        if low.endswith(" " + w):
            return media_name(rest[: -len(w)]) or rest[: -len(w)].strip() or None
    return media_name(rest)


def credit_outlet(lines: list[str], kinds: list[int]) -> str | None:
    """The outlet the page names in its furniture: a "Source:" credit, a newsroom byline, a banner
    line with the outlet's name, a copyright line (first found in that order)."""
    found: dict[int, str] = {}
    for line, kind in zip(lines, kinds):
        if kind not in (LINE_FURNITURE, LINE_DATE, LINE_LABEL):
            continue
        m = _SOURCE_LINE.match(line)
        if m and 0 not in found and (name := media_name(m.group("name"))):
            found[0] = name
        if 1 not in found and (name := _byline_outlet(line)):
            found[1] = name
        if 2 not in found and len(line) <= 40 and (is_outlet_banner(line) or line.isupper()) and (name := media_name(line)):
            found[2] = name
        m = _COPYRIGHT.match(line)
        if m and 3 not in found and (name := media_name(m.group("name"))):
            found[3] = name
    return found[min(found)] if found else None


_LINK_WORDS = 14  # a linked headline is short; a longer unpunctuated line is a sentence cut off


def _link_runs_as_furniture(kinds: list[int], first_body: int, lines: list[str]) -> list[int]:
    """Two or more headline-shaped lines in a row inside the story are a block of links to other stories
    (pasted "related" headlines, with no heading of their own); a lone one is a sub-heading and stays."""
    out = list(kinds)
    short = [k == LINE_HEADLINE and 4 <= sum(w[0].isalpha() for w in _WORDS.findall(line)) <= _LINK_WORDS
             for k, line in zip(kinds, lines)]  # only headline-shaped lines are counted
    i = first_body
    while i < len(out):
        if out[i] != LINE_HEADLINE or not short[i]:
            i += 1
            continue
        j = i
        while j < len(out) and out[j] == LINE_HEADLINE and short[j]:
            j += 1
        if j - i >= 2:
            out[i:j] = [LINE_FURNITURE] * (j - i)
        i = j
    return out


def clean_page(text: str) -> Page:
    raw_lines = [squash_spaces(l[:MAX_LINE]) for l in normalise(text).split("\n")]
    lines, captions = _lines_without_credits(_unglue_date_lines([l for l in raw_lines if l]))
    kinds = [LINE_CAPTION if i in captions else classify(l) for i, l in enumerate(lines)]

    # The header zone ends at the first real body paragraph (or a dateline).
    first_body = next((i for i, k in enumerate(kinds) if k in (LINE_BODY, LINE_DATELINE)), len(lines))
    kinds = _link_runs_as_furniture(kinds, first_body, lines)
    end = _block_start(lines, first_body)
    title, title_keys, site = _pick_title(lines, kinds, first_body)
    stamps = _page_stamps(lines, kinds, end)
    paragraphs, captions = _story(lines[:end], kinds[:end], first_body, title_keys)
    better = _story_headline(title, lines, kinds, first_body, paragraphs, captions)
    if better != title:
        title = better
        paragraphs, captions = _story(lines[:end], kinds[:end], first_body, title_keys | {line_key(better)})
    return Page(title, tuple(stamps), tuple(paragraphs), tuple(captions), site, credit_outlet(lines, kinds))


GLUED_DATE_LINES = 3  # the lines at the top of a page where a date line glued to the next one is looked for
TIMELINE_LINES = 8  # ... and the lines where a second such line makes the page a timeline, not a date line


def _unglue_date_lines(lines: list[str]) -> list[str]:
    """"Thursday, May 7, 2015 On Tuesday, the government ...": the page's date line and its first paragraph,
    the line break between them lost; split again so that the date line reads as one. Not on a timeline
    ("Friday, January 3, 2020 A US drone killed ... / Wednesday, January 8, 2020 Iran fired ..."): there
    each date belongs to its line's story."""
    cuts = [dates.glued_date_line(line) for line in lines[:TIMELINE_LINES]]
    if sum(1 for c in cuts if c) != 1 or not any(cuts[:GLUED_DATE_LINES]):
        return lines
    n = next(k for k, c in enumerate(cuts) if c)
    return lines[:n] + [lines[n][:cuts[n]].rstrip(), lines[n][cuts[n]:]] + lines[n + 1:]


def _story(lines: list[str], kinds: list[int], first_body: int, title_keys: set[str]) -> tuple[list[str], list[str]]:
    """Story paragraphs and captions, verbatim and without repeats or furniture."""
    paragraphs: list[str] = []
    captions: list[str] = []
    seen: set[str] = set()
    pending_dateline = ""
    for i, (line, kind) in enumerate(zip(lines, kinds)):
        key = line_key(line)
        if kind in (LINE_FURNITURE, LINE_DATE) or key in title_keys:
            continue
        if kind == LINE_LABEL and i < first_body:
            continue  # "Today from X:" above the story
        if kind == LINE_CAPTION:
            cap = _strip_credit(line)
            ck = line_key(cap)
            if cap and ck not in seen:
                seen.add(ck)
                captions.append(cap)
            continue
        if i < first_body and kind == LINE_HEADLINE:
            continue  # kickers, page titles and repeated headlines above the story
        if kind == LINE_DATELINE:
            # a city alone on its line ("ANKARA", "KHARTOUM, Sudan / ISTANBUL") gets the dash a wire opener has
            first = line.split("/")[0].strip()
            pending_dateline = first + (" - " if match_dateline(first + " x") is None else " ")
            continue
        if kind == LINE_HEADLINE and len(_WORDS.findall(line)) <= 3:
            continue  # inline labels
        if key in seen or not key:
            continue
        # a truncated preview of the next line, or a repeat of the previous one's start
        if paragraphs and len(key) > 40 and line_key(paragraphs[-1]).startswith(key):
            continue
        seen.add(key)
        paragraphs.append(pending_dateline + line)
        pending_dateline = ""

    if paragraphs:
        last = _trim_truncated(paragraphs[-1])
        if last is None and len(paragraphs) > 1:
            paragraphs.pop()
        elif last is not None:
            paragraphs[-1] = last
    return paragraphs, captions
