"""Make untrusted article text inert in Markdown, HTML and YAML front matter.

Every character that means something to Python-Markdown, its extensions
(attribute lists, tables, footnotes, abbreviations, admonitions, snippets,
emoji), HTML or Jinja is written as a numeric character reference. Markdown
passes references through untouched and the browser shows the character,
so the text reads exactly as the source wrote it and can never become
markup. Whitespace is collapsed so no text can start a block of its own,
and control characters are dropped. tests/test_properties.py checks this
contract on arbitrary strings with every extension switched on.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote, urlsplit

from markupsafe import Markup

from generator.plaintext import CLEAN as _CLEAN, flatten

# Characters that act anywhere in a line: HTML, emphasis, code, links,
# attribute lists, tables, strike/insert/mark, keys (++ctrl++), backslash escapes,
# "!", which turns a link placed right after the text into an image, and "#",
# which a heading drops from the end of its text.
_ANYWHERE = "&<>\\`*_{}[]|~^=+!#"
# Control and bidirectional characters go before anything is escaped (generator/plaintext.py: the
# rule is shared with the index stage).
_TABLE = {**_CLEAN, **{ord(c): f"&#{ord(c)};" for c in _ANYWHERE}}
_ATTRIBUTE_TABLE = {**_TABLE, ord('"'): "&#34;", ord("'"): "&#39;"}
# Characters that act only at the start of a block: lists, headings,
# block quotes, admonitions, definition lists, setext rules, pymdownx
# details ("??? note") and blocks ("/// note").
_LINE_START = "-+#=>!:.?/"
_ORDERED_LIST = re.compile(r"^(\d+)([.)])")


def _escape(text: object, table: dict) -> Markup:
    if text is None:
        return Markup("")
    if isinstance(text, Markup):
        return text
    return Markup(_line_start(flatten(str(text)).translate(table)))


def inline(text: object) -> Markup:
    """Text for a Markdown paragraph, heading, list item or table cell."""
    if type(text) is str:  # names, titles and outlets recur on many pages: escape each once
        return _inline_str(text)
    return _escape(text, _TABLE)


@lru_cache(maxsize=1 << 16)
def _inline_str(text: str) -> Markup:
    return _escape(text, _TABLE)


def fragment(text: str) -> Markup:
    """A piece of a line that other escaped pieces and links will surround.

    Spacing is kept as it is (the caller flattens the whole line first with
    `flatten`); only characters that act anywhere in a line are escaped.
    """
    return Markup(text.translate(_TABLE))


def line_start(out: Markup) -> Markup:
    """Neutralise a block marker at the start of an escaped line."""
    return Markup(_line_start(str(out)))


def _line_start(s: str) -> str:
    first = s[:1]
    if first and first in _LINE_START:
        return f"&#{ord(first)};" + s[1:]
    if first.isdigit():  # every digit `\d` matches is one (the pattern is tried only then)
        return _ORDERED_LIST.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", s)
    return s


def attribute(text: object) -> Markup:
    """Text inside a quoted HTML attribute written into the Markdown."""
    return _escape(text, _ATTRIBUTE_TABLE)


# invisible format characters (bidi controls, zero-width joiners, soft hyphen) have no place in a URL:
# one there is hiding where the link goes
_URL = re.compile(r"https?://[^\s\"'<>`\\\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
                  r"\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]+", re.IGNORECASE)


# Control, format, surrogate, private-use and unassigned code points (U+FFFE, U+FDD0...): no real
# address has them, and HTML parsers drop or replace some, so the link would not go where it says.
_NOT_IN_URLS = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


def safe_url(url: str | None) -> str | None:
    """Only absolute http(s) URLs without whitespace, control or invisible characters, quotes or brackets survive."""
    if not url:
        return None
    url = url.strip()
    if not _URL.fullmatch(url) or any(unicodedata.category(c) in _NOT_IN_URLS for c in url):
        return None
    return url


WAYBACK = "https://web.archive.org/web/*/"  # the Wayback Machine's list of a URL's archived copies
_URL_SAFE = ":/?&=;,+@!$()*~%-._"  # kept as they are; anything else (non-ASCII, "#", "[") is percent-encoded


def wayback_url(url: str | None) -> str | None:
    """The address of the Wayback Machine's archived copies of an http(s) URL (a link; nothing is fetched),
    or None for anything `safe_url` refuses. The fragment goes (servers never see it, so copies are kept
    without it) and the rest is percent-encoded, so the original's "?"/"&" stay in the path they belong to."""
    url = safe_url(url)
    if url is None:
        return None
    url = url.split("#", 1)[0]
    return WAYBACK + quote(url, safe=_URL_SAFE)


def url_host(url: str | None) -> str | None:
    """A link's host as it cannot be spoofed: lower-case ASCII, each non-ASCII label in punycode
    ("xn--..."), so a Cyrillic "а" in "exаmple.org" shows as the different host it is."""
    try:
        host = urlsplit(url or "").hostname
    except ValueError:  # "http://[::1" and other malformed hosts
        return None
    if not host:
        return None
    labels = []
    for label in unicodedata.normalize("NFKC", host).lower().split("."):
        if not label.isascii():
            label = "xn--" + label.encode("punycode").decode("ascii")
        labels.append(label)
    shown = ".".join(labels)
    return shown if shown.isascii() and shown.isprintable() else None
