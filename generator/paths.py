"""Every page path of the site, in one place: the index pages, the directories of the article, actor,
base and outlet pages, the data exports, and the rules that give one article, entity or outlet its path.

Paths are Markdown paths relative to the docs dir (`content/`), POSIX style; `site_url` gives the URL
MkDocs serves each at. The index stage assigns paths with these rules, the render stage writes pages
at them, and templates get this module as the Jinja global `paths` (`link(paths.TIMELINE, "Timeline")`):
no template spells a path (tests/test_paths.py fails on one that does).

`mkdocs.yml`'s nav cannot import Python, so it lists the same paths again; `NAV` below is that list
and tests/test_paths.py fails when the two differ. Change a path here, then in the nav.

This module sits below the stages (both index/ and render/ use it): it imports none of them.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache

from slugify import slugify

# --------------------------------------------------------------------------- pages

HOME = "index.md"
ABOUT = "about.md"  # written by hand (content/about.md), not generated
ARCHIVE_DIR = "archive"  # every generated page except HOME lives under it

TIMELINE = f"{ARCHIVE_DIR}/timeline.md"
ACTORS_DIR = f"{ARCHIVE_DIR}/actors"
ACTORS_INDEX = f"{ACTORS_DIR}/index.md"
BASES_DIR = f"{ARCHIVE_DIR}/bases"
BASES_INDEX = f"{BASES_DIR}/index.md"
QUOTES_INDEX = f"{ARCHIVE_DIR}/quotes.md"  # by speaker
QUOTES_BY_DATE = f"{ARCHIVE_DIR}/quotes-by-date.md"
SOURCES_INDEX = f"{ARCHIVE_DIR}/sources.md"
OUTLETS_DIR = f"{ARCHIVE_DIR}/sources"  # one page per outlet: archive/sources/NAME/, under the Sources index
ARTICLES_DIR = f"{ARCHIVE_DIR}/articles"
EVENTS_DIR = f"{ARCHIVE_DIR}/events"  # one page per event (event_path), the index by month
EVENTS_INDEX = f"{EVENTS_DIR}/index.md"

# Anchors of headings the templates write: "## Statements" on an actor's page, and the
# "## Unattributed" group of the Quotes page (its heading is labels.UNATTRIBUTED).
STATEMENTS_ANCHOR = "#statements"
UNATTRIBUTED_QUOTES = f"{QUOTES_INDEX}#unattributed"

# The generated index pages, and the site's navigation as mkdocs.yml lists it (tab by tab, a
# tab's pages in order); tests/test_paths.py keeps mkdocs.yml's nav equal to NAV.
INDEX_PAGES = (HOME, TIMELINE, ACTORS_INDEX, BASES_INDEX, EVENTS_INDEX, QUOTES_INDEX, QUOTES_BY_DATE, SOURCES_INDEX)
NAV = (
    ("Home", HOME),
    ("Timeline", TIMELINE),
    ("Actors", ACTORS_INDEX),
    ("Bases", BASES_INDEX),
    ("Events", EVENTS_INDEX),
    ("Quotes", (("By speaker", QUOTES_INDEX), ("By date", QUOTES_BY_DATE))),
    ("Sources", SOURCES_INDEX),
    ("About", ABOUT),
)

# --------------------------------------------------------------------------- data exports

ARTICLES_JSON = "data/articles.json"
ENTITIES_JSON = "data/entities.json"
QUOTES_CSV = "data/quotes.csv"
EVENTS_CSV = "data/events.csv"  # ACLED-like columns (README "Events")
EVENTS_GEOJSON = "data/events.geojson"  # the located events, RFC 7946
FEED = "feed.xml"  # also named by site_overrides/main.html (a theme template: tests/test_paths.py checks it)
# One Atom feed per entity page (actor, base; any later page kind the same way), under the tree the
# writer owns: archive/actors/x.md -> archive/feeds/actors/x.xml (see `feed_path`).
FEEDS_DIR = f"{ARCHIVE_DIR}/feeds"
# One more per kind of event (drone strike, condemnation, ...): no page directory is named like it.
EVENT_KIND_FEEDS_DIR = f"{FEEDS_DIR}/event-kinds"

# --------------------------------------------------------------------------- one page's path

SLUG_MAX = 60  # characters of a title or name in its page's path
SHORT_HASH = 6  # hex digits of the seed name's hash in an article's URL


@lru_cache(maxsize=1 << 16)  # names recur in every article naming them: tens of thousands of calls
def slug(text: str, fallback: str) -> str:
    """ASCII words of untrusted text for a path (python-slugify); `fallback` when nothing survives."""
    return slugify(text, max_length=SLUG_MAX, word_boundary=True) or fallback


def article_path(stem: str, title: str, digits: int = SHORT_HASH, n: int = 0) -> str:
    """Title words for readers plus a hash of the seed's file name for stability.

    Two articles with the same title never share a URL (see `index.archive.unique_article_paths` for
    the rare pair whose short hashes collide: it asks for all 40 `digits`, then a number `n` >= 2),
    and an article's URL does not move when another article appears or disappears.
    """
    digest = hashlib.sha1(stem.encode()).hexdigest()[:digits]
    return f"{ARTICLES_DIR}/{slug(title, 'article')}-{digest}{f'-{n}' if n else ''}.md"


def entity_path(directory: str, name: str, taken: set[str]) -> str:
    """A path of its own in `directory` (ACTORS_DIR or BASES_DIR) for an entity's name: its slug, then
    "-2", "-3"... while `taken` (updated here) has it. Callers pass names in a fixed order."""
    base = slug(name, "untitled")
    path = f"{directory}/{base}.md"
    n = 2
    while path in taken:
        path = f"{directory}/{base}-{n}.md"
        n += 1
    taken.add(path)
    return path


def outlet_paths(names) -> dict[str, str]:
    """A page path for each outlet name, the same for the same names whatever the articles' order.

    Outlet names are untrusted text: the slug is ASCII (python-slugify), "outlet" when nothing of the
    name survives, and "index" is never used (archive/sources/index.md would be the Sources index's
    own URL). Names that slug alike ("Al-Monitor", "Al Monitor", "AL MONITOR") each get a page: the
    first in A-Z order keeps the plain slug, the others add a hash of their name.
    """
    taken = {f"{OUTLETS_DIR}/index.md"}
    paths: dict[str, str] = {}
    for name in sorted(set(names), key=lambda n: (n.casefold(), n)):
        base = slug(name, "outlet")
        path = f"{OUTLETS_DIR}/{base}.md"
        n = 0
        while path in taken:
            n += 1
            digest = hashlib.sha1(f"{name}#{n}".encode() if n > 1 else name.encode()).hexdigest()[:6]
            path = f"{OUTLETS_DIR}/{base}-{digest}.md"
        taken.add(path)
        paths[name] = path
    return paths


def event_place_slug(where: str) -> str:
    """The place's words in its events' page names (`event_path`)."""
    return slug(where, "event")[:40].rstrip("-")


def event_path(date, where: str, sub_type: str, event_id: str, taken: set[str]) -> str:
    """An event's page: its date, place (or the side that spoke) and type, e.g.
    archive/events/2023-10-23-ain-al-asad-air-base-drone-strike.md. Callers pass events first
    report first; a later event whose words are taken adds its id's hash, so an event's page does
    not move when articles about other incidents are added. `taken` is updated here."""
    day = "undated" if date is None else (f"{date:%Y-%m}" if getattr(date, "precision", "") == "month" else date.isoformat())
    base = f"{EVENTS_DIR}/{day}-{event_place_slug(where)}-{slug(sub_type, 'event')}"
    path = f"{base}.md"
    if path in taken or path == EVENTS_INDEX:
        path = f"{base}-{event_id[2:8].lower()}.md"
    n = 2
    while path in taken:
        path = f"{base}-{event_id[2:8].lower()}-{n}.md"
        n += 1
    taken.add(path)
    return path


def year_path(page: str, label: str) -> str:
    """The page of one year ("2023", "Undated") of a record too long for one page: an entity's record,
    the Timeline, Events or Quotes by date. It sits in a directory named like the page:
    archive/actors/x.md -> archive/actors/x/2023.md; a directory's index page has its years in
    by-year/ beside it (archive/events/index.md -> archive/events/by-year/2023.md), a name no event,
    actor or base page takes (theirs end in .md)."""
    folder = page[:-len(".md")]
    if folder.endswith("/index"):
        folder = folder[:-len("index")] + "by-year"
    return f"{folder}/{label.lower()}.md"


def month_path(year_page: str, month: int) -> str:
    """The page of one month of a year too long for one page: in a directory named like the year's
    page (archive/timeline/2023.md -> archive/timeline/2023/06.md), where nothing else is."""
    return f"{year_page[:-len('.md')]}/{month:02d}.md"


def part_path(month_page: str, first_day: int) -> str:
    """The page of the days of a month from `first_day` on, when the month is too long for one page:
    in a directory named like the month's page (archive/quotes-by-date/2024/10.md ->
    archive/quotes-by-date/2024/10/08.md), where nothing else is."""
    return f"{month_page[:-len('.md')]}/{first_day:02d}.md"


def letter_path(page: str, label: str) -> str:
    """The page of the part of a long list (the undated quotes) under one label ("A", "Other"): in a
    directory named like the list's page (archive/quotes-by-date/undated.md ->
    archive/quotes-by-date/undated/a.md), where nothing else is."""
    return f"{page[:-len('.md')]}/{label.lower()}.md"


def feed_path(page: str) -> str:
    """The Atom feed of a page that lists articles: its path under FEEDS_DIR, from the page's own path
    (archive/actors/x.md -> archive/feeds/actors/x.xml). Distinct pages give distinct feeds, and no
    page directory is named "feeds", so a feed never meets a page or another feed."""
    if not (page.startswith(ARCHIVE_DIR + "/") and page.endswith(".md")):
        raise ValueError(f"no feed for {page!r}: only generated pages under {ARCHIVE_DIR}/ have one")
    return f"{FEEDS_DIR}/{page[len(ARCHIVE_DIR) + 1:-len('.md')]}.xml"


def event_kind_feed(kind: str) -> str:
    """The Atom feed of every event of one kind (an event's sub-type: "Drone strike")."""
    return f"{EVENT_KIND_FEEDS_DIR}/{slug(kind, 'events')}.xml"


def site_url(md_path: str) -> str:
    """The directory URL MkDocs gives a Markdown path (use_directory_urls), relative to the site root."""
    stem = md_path[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@lru_cache(maxsize=1 << 16)
def relative_url(from_dir: str, target: str) -> str:
    """`target` relative to `from_dir`; both are clean docs-relative POSIX paths (what relpath does, faster)."""
    src = from_dir.split("/") if from_dir else []
    dst = target.split("/")
    common = 0
    while common < len(src) and common < len(dst) - 1 and src[common] == dst[common]:
        common += 1
    return "/".join([".."] * (len(src) - common) + dst[common:])
