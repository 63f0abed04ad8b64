"""An Atom (RFC 4287) checker for the tests: what a feed must hold to be a feed, read with a real XML parser.

`problems(xml_text)` lists every broken rule (empty: the feed is valid). The rules checked are RFC 4287's
MUSTs that a generator can break: the root element and namespace (section 4.1.1); exactly one atom:id,
atom:title and atom:updated in the feed and in each entry (4.1.1, 4.1.2); an atom:author in the feed or
in every entry (4.1.1), each with one atom:name (3.2); ids that are absolute IRIs (4.2.6) and unique
among the entries (4.2.6 "universally unique"); dates in RFC 3339 form (3.3); an entry without
atom:content has a link rel="alternate" (4.1.2); every atom:link has an href (4.2.7.1), and no two
rel="alternate" links share type and hreflang (4.1.1, 4.1.2); text constructs hold text, not elements
(3.1.1, type="text").
"""
from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

ATOM = "http://www.w3.org/2005/Atom"
A = f"{{{ATOM}}}"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
TEXT_CONSTRUCTS = ("title", "summary", "rights", "subtitle")


def _date(value: str | None) -> dt.datetime | None:
    if not value or not RFC3339.fullmatch(value):
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _check_common(el, where: str, out: list[str]) -> None:
    for name in ("id", "title", "updated"):
        n = len(el.findall(A + name))
        if n != 1:
            out.append(f"{where}: {n} atom:{name} (exactly one required)")
    ident = el.findtext(A + "id")
    if ident is not None:
        parts = urlsplit(ident.strip())
        if not parts.scheme or ident != ident.strip() or " " in ident:
            out.append(f"{where}: atom:id {ident!r} is not an absolute IRI")
    updated = el.findtext(A + "updated")
    if updated is not None and _date(updated) is None:
        out.append(f"{where}: atom:updated {updated!r} is not an RFC 3339 date-time")
    for author in el.findall(A + "author"):
        if len(author.findall(A + "name")) != 1 or not (author.findtext(A + "name") or "").strip():
            out.append(f"{where}: an atom:author without exactly one non-empty atom:name")
    alternates = [(link.get("type"), link.get("hreflang")) for link in el.findall(A + "link")
                  if link.get("rel", "alternate") == "alternate"]
    if len(alternates) != len(set(alternates)):
        out.append(f"{where}: two rel=alternate links with the same type and hreflang")
    for link in el.findall(A + "link"):
        if not link.get("href"):
            out.append(f"{where}: an atom:link without href")
    for name in TEXT_CONSTRUCTS:
        for node in el.findall(A + name):
            if node.get("type", "text") == "text" and len(node):
                out.append(f"{where}: atom:{name} of type text holds child elements")


def problems(xml_text: str | bytes) -> list[str]:
    try:
        root = ET.fromstring(xml_text)
    except ET.ParseError as exc:
        return [f"not well-formed XML: {exc}"]
    if root.tag != A + "feed":
        return [f"root element is {root.tag}, not atom:feed"]
    out: list[str] = []
    _check_common(root, "feed", out)
    entries = root.findall(A + "entry")
    if not root.findall(A + "author") and not all(e.findall(A + "author") for e in entries):
        out.append("feed: no atom:author, and not every entry has one")
    ids = []
    for i, entry in enumerate(entries):
        where = f"entry {i + 1} ({entry.findtext(A + 'id')})"
        _check_common(entry, where, out)
        if entry.find(A + "content") is None and not any(
                link.get("rel", "alternate") == "alternate" for link in entry.findall(A + "link")):
            out.append(f"{where}: no atom:content and no rel=alternate link")
        ids.append(entry.findtext(A + "id"))
    if len(ids) != len(set(ids)):
        out.append("feed: two entries share an atom:id")
    return out


def entries(xml_text: str) -> list[dict]:
    """Each entry's id, title, updated (datetime), alternate href, author and summary."""
    root = ET.fromstring(xml_text)
    found = []
    for e in root.findall(A + "entry"):
        link = next((x.get("href") for x in e.findall(A + "link") if x.get("rel", "alternate") == "alternate"), None)
        found.append({"id": e.findtext(A + "id"), "title": e.findtext(A + "title"),
                      "updated": _date(e.findtext(A + "updated")), "link": link,
                      "author": e.findtext(f"{A}author/{A}name"), "summary": e.findtext(A + "summary")})
    return found
