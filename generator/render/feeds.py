"""Atom feeds (RFC 4287): one writer for every feed of the site.

`atom_feed(title, path, alternate, entries)` is the whole interface: a feed's title, its own path (which
gives its id and its `rel="self"` link), the page it belongs to (`rel="alternate"`) and its entries,
newest first. The site's feed (feed.xml, render/exports.py) and the feed of each actor and base
(render/pages.py `render_entity`, at `paths.feed_path(entity.path)`) and the feed of each kind of
event (render/pages.py `_event_kind_feeds`, at `paths.event_kind_feed(kind)`) are written by it.

To add a feed kind (as the one per kind of event was added):
  1. give it a path: `paths.feed_path(page)` for a page under archive/ (archive/events/x.md ->
     archive/feeds/events/x.xml), or a constant in generator/paths.py;
  2. make its entries, newest first (`article_entries(articles)` for a list of articles, or
     `FeedEntry(...)` for anything else: an id that never changes, a title, a date, the page it is about);
  3. return `atom_feed(...)` beside the page it belongs to, from the same render function, so the
     incremental render (speed/incremental.py) keeps it exactly when it keeps the page, and put
     `feed=feed_meta(title, path)` in that page's front matter: site_overrides/main.html then
     advertises it in the page's <head>, and a `link(path, "Atom feed")` in the template shows it.
  tests/test_feeds.py checks every feed of a built archive against RFC 4287's rules.

Everything printed is text, escaped as ElementTree escapes it, never markup. Dates come from
the entries, never the clock: a feed's `updated` is its newest entry's date, and a feed with no dated
entry says 1970-01-01 (like the site's feed since it began), so the same archive gives the same bytes.
Links are relative to the feed's own address (RFC 4287 section 2, xml:base absent: the document's
URI), so a feed works wherever the site is served, from a domain's root or a GitHub Pages subpath.
"""
from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import quote

from generator.models import Article, Page
from generator.paths import relative_url, site_url

ATOM = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 50  # entries per feed: the newest
TAG = "tag:briefing-archive,2023:"  # ids are tag: URIs (RFC 4151): stable whatever the site's address
NO_DATE = dt.date(1970, 1, 1)  # `updated` of a feed none of whose entries is dated
SITE_AUTHOR = "Briefing Archive"
# Characters XML 1.0 cannot carry at all (C0 controls but tab and newlines, surrogates, U+FFFE/FFFF):
# written as they are, they would leave a feed that no longer parses.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class FeedEntry:
    id: str  # a URI that never changes for this entry (a tag: URI)
    title: str
    updated: dt.date | None  # None: the feed's own date
    page: str  # docs-relative Markdown path of the page the entry links to
    summary: str | None = None
    author: str | None = None  # the outlet


def article_entries(articles, limit: int = FEED_ENTRIES) -> list[FeedEntry]:
    """Entries for articles (already newest first): the first `limit`."""
    return [FeedEntry(id=article_id(a.stem), title=a.title, updated=a.date, page=a.path,
                      summary=a.paragraphs[0] if a.paragraphs else None, author=a.source)
            for a in list(articles)[:limit]]


def article_id(stem: str) -> str:
    """An article's entry id, the same in every feed: a tag: URI of its seed's name, percent-encoded
    (a file name may hold spaces, quotes or non-ASCII letters; an id must be a URI)."""
    return f"{TAG}article/{quote(stem, safe='-._~')}"


def feed_meta(title: str, path: str) -> dict:
    """What a page's front matter says of its feed: main.html prints it as <link rel="alternate">."""
    return {"title": title, "url": path}


def _text(value: str | None) -> str:
    """Element text as ElementTree writes it (its `_escape_cdata`), less what XML cannot carry."""
    return _NOT_XML.sub("", value or "").translate(_TEXT_ESCAPES)


_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# an attribute's value as ElementTree writes it (its `_escape_attrib`)
_ATTRIBUTE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;",
                                    "\n": "&#10;", "\t": "&#09;"})


def _stamp(d: dt.date) -> str:
    return f"{d.isoformat()}T00:00:00Z"


def _href(here: str, target_page: str) -> str:
    """The URL of a page (directory URLs) relative to the directory of the feed at `here`."""
    return relative_url(posixpath.dirname(here), site_url(target_page)) or "./"


def atom_feed(title: str, path: str, alternate: str, entries: list[FeedEntry],
              feed_id: str | None = None) -> Page:
    """An Atom feed at `path` (docs-relative) for the page `alternate` (a Markdown path).

    Its id is `feed_id`, by default a tag: URI of its path; entries keep the order given. Written
    line by line as ElementTree writes the same tree indented (tests/test_feeds.py compares the two
    on arbitrary text): building the tree and serialising it took a tenth of the render stage.
    """
    dated = [e.updated for e in entries if e.updated]
    updated = _stamp(max(dated) if dated else NO_DATE)
    lines = ['<?xml version="1.0" encoding="utf-8"?>', f'<feed xmlns="{ATOM}">']

    def element(depth: int, tag: str, text: str | None) -> None:
        text = _text(text)
        lines.append(f"{'  ' * depth}<{tag}>{text}</{tag}>" if text else f"{'  ' * depth}<{tag} />")

    def link(depth: int, rel: str, href: str) -> None:
        lines.append(f'{"  " * depth}<link rel="{rel}" href="{href.translate(_ATTRIBUTE_ESCAPES)}" />')

    def author(depth: int, name: str) -> None:
        lines.append(f"{'  ' * depth}<author>")
        element(depth + 1, "name", name)
        lines.append(f"{'  ' * depth}</author>")

    element(1, "title", title)
    element(1, "id", feed_id or f"{TAG}{path}")
    element(1, "updated", updated)
    link(1, "self", posixpath.basename(path))
    link(1, "alternate", _href(path, alternate))
    author(1, SITE_AUTHOR)
    for e in entries:
        lines.append("  <entry>")
        element(2, "title", e.title)
        element(2, "id", e.id)
        link(2, "alternate", _href(path, e.page))
        element(2, "updated", _stamp(e.updated) if e.updated else updated)
        if e.author:
            author(2, e.author)
        if e.summary:
            element(2, "summary", e.summary)
        lines.append("  </entry>")
    lines.append("</feed>")
    return Page(path, "\n".join(lines) + "\n")


def event_entries(events, limit: int = FEED_ENTRIES) -> list[FeedEntry]:
    """Entries for events (already newest first): the first `limit`, each with its first report's
    sentence and outlet."""
    return [FeedEntry(id=f"{TAG}event/{quote(e.id, safe='-._~')}", title=e.title, updated=e.date, page=e.path,
                      summary=e.reports[0].sentence if e.reports else None,
                      author=e.reports[0].article.source if e.reports else None)
            for e in list(events)[:limit]]


def entity_feed(title: str, path: str, page: str, articles: list[Article]) -> Page:
    """The feed of a page listing articles (an actor's, a base's): its newest FEED_ENTRIES."""
    return atom_feed(title, path, page, article_entries(articles))
