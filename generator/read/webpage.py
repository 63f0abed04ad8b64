"""A saved web page (`seeds/*.html`, `*.htm`): its main text and what the page states about itself.

The main text comes from trafilatura (the field's standard boilerplate remover: menus, share
bars, related-story lists, comments and cookie banners go), the date from htmldate (the page's
own metadata: `article:published_time`, JSON-LD `datePublished`, `<time>`, Dublin Core...; no
guessing from the text, which the extract stage reads with its own rules), the title, outlet,
canonical URL and description from the page's `<meta>`, Open Graph and JSON-LD tags (trafilatura's
metadata reader). Nothing is fetched: both libraries get a tree already parsed, and the parser
has no network access. The page's HTML never goes further than this module: what leaves it is
plain text (title and paragraphs) and a `PageMeta` of plain strings.

The bytes are decoded as a browser would, but strictly: a byte-order mark wins, then the page's
declared charset (`<meta charset>`, `http-equiv`, an XML declaration) if its bytes really are in
it, then UTF-8, then detection; a page whose bytes disagree with its declaration is decoded
anyway, with a warning naming both. Compressed or binary files, and pages whose main text cannot
be found, are one-line problems.
"""
from __future__ import annotations

import codecs
import datetime as dt
import re
import unicodedata
from functools import lru_cache

from charset_normalizer import from_bytes

from generator.models import PageMeta
from generator.problems import Problem
from generator.read.seeds import (
    FIRST_YEAR, LAST_YEAR, MAX_ARTICLE_BYTES, _BOMS, _CONTROL, _SURROGATE, _cut, _looks_binary, _wide_unicode,
    clean_string,
)

PAGE_SUFFIXES = (".html", ".htm")

# A browser's "Save page as" writes where the page came from in its first lines; `generator add`
# writes the same comment. `(NNNN)` is the URL's length.
SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.I)
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)
_TAGS = re.compile(rb"<(?:script|style)\b.*?</(?:script|style)\s*>|<[^>]*>", re.I | re.S)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_SAFE_URL = re.compile(r"[Hh][Tt][Tt][Pp][Ss]?://[^\s\"'<>`\\\x00-\x1f\x7f-\x9f]+")
_MAGIC = (  # files saved compressed or as an archive: their bytes are no page
    (b"\x1f\x8b", "gzip-compressed"), (b"BZh", "bzip2-compressed"), (b"\xfd7zXZ\x00", "xz-compressed"),
    (b"(\xb5/\xfd", "zstd-compressed"), (b"PK\x03\x04", "a ZIP archive"), (b"%PDF-", "a PDF"),
)
# Single-byte charsets, in which any bytes decode: a page declaring one whose bytes are valid
# UTF-8 with letters beyond ASCII was written in UTF-8 and mis-declared.
_SINGLE_BYTE = {"latin_1", "iso8859_1", "cp1252", "ascii", "iso8859_15", "cp1250", "cp1251", "cp1256"}
MIN_WORDS = 20  # a "main text" shorter than this is a cookie banner or an error page, not an article


def url_or_none(value) -> str | None:
    """`value` if it is an absolute http(s) URL the site may print (escape.safe_url's rule), else None."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value if len(value) <= 2000 and _SAFE_URL.fullmatch(value) else None


def one_line(value, limit: int = 500) -> str | None:
    """A metadata string as the site may show it: no markup-free guarantee is needed (it is
    escaped later), but no control characters, no line breaks and not empty."""
    if not isinstance(value, str):
        return None
    value = " ".join(clean_string(value).split())
    return value[:limit] or None


def page_date(value) -> dt.date | None:
    """A `YYYY-MM-DD...` string as a date, if it is a real day within the archive's years."""
    if not isinstance(value, str):
        return None
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    try:
        day = dt.date(*map(int, match.groups()))
    except ValueError:
        return None
    return day if FIRST_YEAR <= day.year <= LAST_YEAR else None


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip().lower()).name.replace("-", "_")
    except LookupError:
        return None


def decode_page(raw: bytes, label: str) -> tuple[str | None, list[Problem]]:
    """A page's bytes as text (see the module's docstring), or (None, [problem])."""
    if len(raw) > MAX_ARTICLE_BYTES:
        return None, [Problem(label, f"too large ({len(raw) // 1_048_576} MB; the limit is "
                                     f"{MAX_ARTICLE_BYTES // 1_048_576} MB)")]
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            return None, [Problem(label, f"is {what} data, not a web page; save the page itself "
                                         "(decompress or extract it first)")]
    for bom, encoding in _BOMS:
        if raw.startswith(bom):  # a byte-order mark overrides any declaration, as in browsers
            text = raw.decode(encoding, errors="replace")
            if "\ufffd" in text and "\ufffd".encode(encoding.replace("-sig", "")) not in raw[len(bom):]:
                return text, [Problem(label, f"is not valid {encoding.replace('-sig', '').upper()} after its "
                                             "byte-order mark; the bad bytes are shown as \ufffd", severity="warning")]
            return text, []
    if _looks_binary(raw):
        wide = _wide_unicode(raw)
        if wide is None:
            return None, [Problem(label, "is a binary file, not a web page")]
        return str(wide), [Problem(label, f"is {wide.encoding.upper().replace('_', '-')[:9]} without a "
                                          "byte-order mark; decoded", severity="warning")]
    found = _DECLARED.search(raw[:4096])
    declared = (found.group(1) or found.group(2)).decode("ascii") if found else None
    codec = _codec(declared) if declared else None
    problems: list[Problem] = []
    if declared and codec is None:
        problems.append(Problem(label, f"declares an unknown charset {declared!r}; its encoding was detected",
                                severity="warning"))
    if codec and not codec.startswith(("utf_16", "utf_32")):  # a UTF-16 declaration in ASCII bytes is a lie
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            pass
        else:
            if codec not in _SINGLE_BYTE or raw.isascii() or not _is_utf8(raw):
                return text, []
        mis = f"declares charset {declared!r} but its bytes are not {declared}"
    else:
        mis = None
    if _is_utf8(raw):
        return raw.decode("utf-8"), problems + ([Problem(label, f"{mis}; decoded as UTF-8", severity="warning")]
                                                if mis else [])
    # Detected on the page's words: pages of ASCII markup around a few accented words mislead it.
    best = from_bytes(_TAGS.sub(b" ", raw[:262144])).best() or from_bytes(raw).best()
    if best is None:
        return None, problems + [Problem(label, "is not text in any encoding that could be detected")]
    how = f"{mis}; decoded as {best.encoding}" if mis else f"is not UTF-8; decoded as {best.encoding}"
    return raw.decode(best.encoding, errors="replace"), problems + [Problem(label, how, severity="warning")]


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _parse(text: str):
    """The page as an lxml tree: recovering parser, no network, no processing instructions.
    libxml2's HTML parser reads no DTD, so an `<!ENTITY>` declaration is never expanded and no
    external entity is ever loaded; the page's comments are kept for trafilatura to drop."""
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(no_network=True, remove_pis=True, collect_ids=False, default_doctype=False,
                                  huge_tree=False, recover=True)
    text = _XML_DECL.sub("", text, count=1)  # lxml refuses text that still declares a byte encoding
    try:
        return lxml_html.document_fromstring(text, parser=parser)
    except Exception:  # lxml's ParserError ("Document is empty") and XMLSyntaxError on garbage
        return None


@lru_cache(maxsize=1)
def _config():
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")  # a date the page states, never one guessed from text
    config.set("DEFAULT", "MAX_FILE_SIZE", str(MAX_ARTICLE_BYTES))
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "200")
    return config


# A date in the URL (/2024/03/04/) only when the metadata states none: a republished page keeps its old URL.
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d",
                "deferred_url_extractor": True}


def _plain_text(body) -> str:
    """The main text, one paragraph a line: trafilatura's own `xmltotxt` without its final
    `html.unescape`, which would unescape a second time what the parser already did and turn a
    page's literal "&lt;b&gt;" into "<b>" (the text must read as the page shows it)."""
    if body is None:
        return ""
    from trafilatura.utils import sanitize
    from trafilatura.xml import process_element

    parts: list[str] = []
    process_element(body, parts, False)
    return sanitize("".join(parts), True) or ""


def host_of(url: str | None) -> str | None:
    match = re.match(r"https?://(?:www\.)?([^/:?#]+)", url or "", re.I)
    return match.group(1).lower() if match else None


def _paragraphs(body: str) -> list[str]:
    return [" ".join(line.split()) for line in body.split("\n") if line.strip()]


_TITLE_SEPARATORS = (" | ", " - ", " \u2013 ", " \u2014 ", " :: ")


def _without_site_name(title: str | None, sitename: str | None, host: str | None) -> str | None:
    """The headline without the site's name a page's title ends with ("... Illegal | Al Bawaba"): the name
    the page states, or its web address's ("albawaba.com" for "Al Bawaba")."""
    if not title:
        return title
    for sep in _TITLE_SEPARATORS:
        head, found, tail = title.rpartition(sep)
        if not found or not head.strip():
            continue
        squeezed = "".join(ch for ch in tail.lower() if ch.isalnum())
        host_name = "".join(ch for ch in (host or "").removeprefix("www.").split(".")[0] if ch.isalnum())
        if (sitename and tail.strip().lower() == sitename.strip().lower()) or (host_name and squeezed == host_name):
            return head.strip()
    return title


def read_page(raw: bytes, label: str) -> tuple[str | None, PageMeta | None, list[Problem]]:
    """A saved page's article text (its title, a blank line, then its paragraphs), what the page
    states about itself, and the problems met; (None, None, [problem]) when there is no article."""
    text, problems = decode_page(raw, label)
    if text is None:
        return None, None, problems
    text = _SURROGATE.sub("\ufffd", text)
    if not text.strip():
        return None, None, problems + [Problem(label, "is empty")]
    saved = SAVED_FROM.search(text[:4096])
    saved_url = url_or_none(saved.group(1)) if saved else None
    tree = _parse(text)
    if tree is None:
        return None, None, problems + [Problem(label, "is not an HTML page that could be parsed")]
    from htmldate import find_date
    from trafilatura import bare_extraction

    doc = bare_extraction(tree, url=saved_url, include_comments=False, include_tables=True, include_images=False,
                          include_links=False, with_metadata=True, deduplicate=False, config=_config(),
                          date_extraction_params=_DATE_PARAMS)
    body = _plain_text(doc.body) if doc is not None else ""
    paragraphs = [_CONTROL.sub("", unicodedata.normalize("NFC", p)) for p in _paragraphs(body)]
    paragraphs = [p for p in paragraphs if p.strip()]
    if sum(len(p.split()) for p in paragraphs) < MIN_WORDS:
        return None, None, problems + [Problem(label, "no article text found in the page (is it an index page, "
                                                      "a login wall or an error page?); skipped")]
    url = url_or_none(doc.url) or saved_url
    date_text = doc.date
    if date_text is None:  # trafilatura's reading gives up on some trees that htmldate alone reads
        date_text = find_date(tree, **_DATE_PARAMS)
    host = host_of(url)
    sitename = one_line(doc.sitename, 200)
    if sitename and host and sitename.lower().removeprefix("www.") == host:
        sitename = None  # trafilatura's fallback: the URL's host, not a name the page states
    title = _without_site_name(one_line(doc.title), sitename, host)
    meta = PageMeta(title=title, date=page_date(date_text), outlet=sitename, url=url,
                    description=one_line(doc.description, 1000), host=host, author=one_line(doc.author, 300))
    if title and (not paragraphs or " ".join(paragraphs[0].split()) != title):
        paragraphs.insert(0, title)
    article = "\n\n".join(paragraphs) + "\n"
    article, cut = _cut(article, label, len(article))
    return article, meta, problems + cut
