"""Atom feeds: the site's and one per actor and base, every one valid Atom (RFC 4287, tests/atom_rules.py),
deterministic, linked from its page and advertised in its front matter; plus the Cite block's data and
the search filter values pages carry (Pagefind)."""
from __future__ import annotations

import datetime as dt
import posixpath

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import atom_rules
from generator import paths
from generator.index.archive import build_archive, make_article
from generator.models import Extraction, Mention, Quote, Sidecar
from generator.read.register import Register
from generator.render import escape, render_all
from generator.render.feeds import FEED_ENTRIES, FeedEntry, atom_feed
from generator.paths import relative_url
from test_golden import _archive as golden_archive
from test_paths import _large_archive

HOSTILE_TITLE = 'Strike <script>alert("t")</script> ]]> &amp; [x](javascript:alert(1)) *bold* {{ 7*7 }}\x01'
HOSTILE_URL = "https://evil.example/a_b?q=1&r=%3Cscript%3E&s=javascript:void(0)#frag"


def _hostile_archive():
    ex = Extraction(title=HOSTILE_TITLE, date=dt.date(2024, 1, 5), dateline=None,
                    paragraphs=('Officials said "<b onclick=alert(1)>" at Camp Zulu\x0b.',),
                    actors=(Mention("Zebra <img src=x onerror=alert(2)> Brigade", "organization",
                                    ("Zebra <img src=x onerror=alert(2)> Brigade",), ("Officials said",)),),
                    bases=(Mention("Camp Zulu", "base", ("Camp Zulu",), ("at Camp Zulu",)),),
                    quotes=(), outlet="<i>Outlet</i> & Co")
    plain = Extraction(title="Plain report", date=None, dateline=None, paragraphs=("At Camp Zulu.",), actors=(),
                       bases=(Mention("Camp Zulu", "base", ("Camp Zulu",), ("At Camp Zulu.",)),), quotes=(),
                       outlet=None)
    return build_archive([make_article("h1", ex, Sidecar(url=HOSTILE_URL)),
                          make_article("h2", plain, Sidecar(url="javascript:alert(3)"))], Register())


ARCHIVES = {"golden": golden_archive, "large": _large_archive, "hostile": _hostile_archive}


@pytest.fixture(scope="module", params=sorted(ARCHIVES))
def built(request):
    archive = ARCHIVES[request.param]()
    return archive, {p.path: p.text for p in render_all(archive)}


def _feeds(pages: dict) -> dict[str, str]:
    return {k: v for k, v in pages.items() if k.endswith(".xml")}


def _front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---\n", 2)[1])


# --------------------------------------------------------------------------- every feed is valid Atom

def test_every_feed_is_valid_atom(built):
    archive, pages = built
    feeds = _feeds(pages)
    assert set(feeds) == {paths.FEED} | {paths.feed_path(e.path) for e in (*archive.actors.values(),
                                                                           *archive.bases.values())} \
        | {paths.event_kind_feed(e.sub_type) for e in archive.events}
    for path, text in feeds.items():
        assert atom_rules.problems(text) == [], path


def test_entries_are_the_entitys_articles_newest_first_capped(built):
    archive, pages = built
    for entity in (*archive.actors.values(), *archive.bases.values()):
        feed = pages[paths.feed_path(entity.path)]
        entries = atom_rules.entries(feed)
        expected = entity.articles[:FEED_ENTRIES]
        assert [e["id"] for e in entries] == [f"tag:briefing-archive,2023:article/{a.stem}" for a in expected]
        assert [e["title"] for e in entries] == [a.title.replace("\x01", "") for a in expected]
        assert [e["author"] for e in entries] == [a.source for a in expected]
        # dated entries carry their article's date; the feed's own date is the newest of them
        for e, a in zip(entries, expected):
            if a.date:
                assert e["updated"].date() == a.date
        dated = [a.date for a in entity.articles if a.date]
        newest = atom_rules._date(atom_rules.ET.fromstring(feed).findtext(atom_rules.A + "updated"))
        assert newest.date() == (max(dated) if dated else dt.date(1970, 1, 1))


def test_entry_links_lead_to_the_article_pages_from_the_feeds_address(built):
    archive, pages = built
    url_to_page = {paths.site_url(p): p for p in pages if p.endswith(".md")}
    for path, text in _feeds(pages).items():
        here = posixpath.dirname(path)
        for e in atom_rules.entries(text):
            target = posixpath.normpath(posixpath.join(here, e["link"])) + "/"
            assert target in url_to_page, (path, e["link"])
            about = {e.path for e in archive.events} if "/event-kinds/" in path else {a.path for a in archive.articles}
            assert url_to_page[target] in about


def test_one_feed_per_kind_of_event_newest_first(built):
    """Each kind of event (an event's sub-type) has its feed: its events, newest first, linked from the
    Events index and from each event page of that kind (and advertised in its <head>)."""
    archive, pages = built
    kinds = {e.sub_type for e in archive.events}
    for kind in kinds:
        feed = pages[paths.event_kind_feed(kind)]
        assert atom_rules.problems(feed) == []
        events = [e for e in archive.events if e.sub_type == kind]
        dated = sorted((e for e in events if e.date), key=lambda e: e.date, reverse=True)
        entries = atom_rules.entries(feed)
        assert len(entries) == min(len(events), FEED_ENTRIES)
        assert [e["updated"].date() for e in entries[:len(dated)]] == [e.date for e in dated][:len(entries)]
        assert paths.event_kind_feed(kind).rsplit("/", 1)[1] in pages[paths.EVENTS_INDEX]
    for event in archive.events:
        meta = _front_matter(pages[event.path])
        assert meta["feed"]["url"] == paths.event_kind_feed(event.sub_type)


def test_hostile_text_is_data_in_the_feeds():
    archive = _hostile_archive()
    pages = {p.path: p.text for p in render_all(archive)}
    actor = next(iter(archive.actors.values()))
    feed = pages[paths.feed_path(actor.path)]
    assert atom_rules.problems(feed) == []
    (entry,) = atom_rules.entries(feed)
    assert entry["title"] == HOSTILE_TITLE.replace("\x01", "")  # the one character XML cannot carry goes
    assert entry["author"] == "<i>Outlet</i> & Co"
    assert "<script>" not in feed and "<b onclick" not in feed  # escaped by the serialiser


def _feed_by_element_tree(title, path, alternate, entries, feed_id=None) -> str:
    """The same feed through xml.etree (which atom_feed wrote it with before it wrote lines itself)."""
    import xml.etree.ElementTree as ET

    from generator.render.feeds import ATOM, NO_DATE, SITE_AUTHOR, TAG, _NOT_XML, _href, _stamp

    ET.register_namespace("", ATOM)
    dated = [e.updated for e in entries if e.updated]
    updated = _stamp(max(dated) if dated else NO_DATE)

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = _NOT_XML.sub("", text)
        return el

    feed = ET.Element(f"{{{ATOM}}}feed")
    sub(feed, "title", title)
    sub(feed, "id", feed_id or f"{TAG}{path}")
    sub(feed, "updated", updated)
    sub(feed, "link", rel="self", href=posixpath.basename(path))
    sub(feed, "link", rel="alternate", href=_href(path, alternate))
    sub(sub(feed, "author"), "name", SITE_AUTHOR)
    for e in entries:
        entry = sub(feed, "entry")
        sub(entry, "title", e.title)
        sub(entry, "id", e.id)
        sub(entry, "link", rel="alternate", href=_href(path, e.page))
        sub(entry, "updated", _stamp(e.updated) if e.updated else updated)
        if e.author:
            sub(sub(entry, "author"), "name", e.author)
        if e.summary:
            sub(entry, "summary", e.summary)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


_ANY_TEXT = st.text(st.characters(), max_size=40)
_PAGE = st.lists(st.text('ab-x &<>"\n\t\r', min_size=1, max_size=4), min_size=1, max_size=4).map(
    lambda parts: "/".join(parts) + ".md")


@settings(max_examples=300, deadline=None)
@given(title=_ANY_TEXT, path=_PAGE.map(lambda p: "archive/feeds/" + p[:-3] + ".xml"), alternate=_PAGE,
       entries=st.lists(st.builds(FeedEntry, id=_ANY_TEXT, title=_ANY_TEXT,
                                  updated=st.one_of(st.none(), st.dates()), page=_PAGE,
                                  summary=st.one_of(st.none(), _ANY_TEXT),
                                  author=st.one_of(st.none(), _ANY_TEXT)), max_size=4))
def test_a_feed_is_written_as_element_tree_writes_it(title, path, alternate, entries):
    assert atom_feed(title, path, alternate, entries).text == _feed_by_element_tree(title, path, alternate, entries)


@pytest.mark.parametrize("here, page", [("archive/feeds/actors/x.xml", "archive/actors/x.md"),
                                        ("archive/feeds/x.xml", "index.md"), ("feed.xml", "index.md"),
                                        ("archive/feeds/x.xml", "archive/feeds/index.md"),
                                        ("feed.xml", "archive/a/b.md"), ("archive/a b/c/f.xml", "archive/a b/index.md")])
def test_a_feeds_link_is_relpaths_from_the_feeds_folder(here, page):
    from generator.render.feeds import _href

    url = paths.site_url(page)
    rel = posixpath.relpath(url or ".", posixpath.dirname(here) or ".")
    assert _href(here, page) == ("./" if rel == "." else rel + "/")


def test_feeds_are_deterministic_and_never_read_the_clock(monkeypatch):
    first = {p.path: p.text for p in render_all(golden_archive())}

    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime(2099, 1, 1, tzinfo=tz)

        utcnow = now

    monkeypatch.setattr(dt, "datetime", Frozen)
    second = {p.path: p.text for p in render_all(golden_archive())}
    assert _feeds(first) == _feeds(second)
    assert not any("2099" in t for t in _feeds(second).values())


def test_the_checker_finds_broken_feeds():
    good = atom_feed("T", "archive/feeds/actors/x.xml", "archive/actors/x.md",
                     [FeedEntry("tag:x,2023:a", "A", dt.date(2024, 1, 1), "archive/articles/a.md"),
                      FeedEntry("tag:x,2023:b", "B", None, "archive/articles/b.md")]).text
    assert atom_rules.problems(good) == []
    assert atom_rules.problems(good.replace("<id>tag:x,2023:b</id>", "<id>tag:x,2023:a</id>"))
    assert atom_rules.problems(good.replace("<id>tag:x,2023:a</id>", ""))
    assert atom_rules.problems(good.replace("2024-01-01T00:00:00Z", "2024-01-01"))
    assert atom_rules.problems(good.replace("2024-01-01T00:00:00Z", "2024-02-30T00:00:00Z"))
    assert atom_rules.problems(good.replace("<id>tag:x,2023:a</id>", "<id>relative/a</id>"))
    assert atom_rules.problems(good.replace("<author>", "<x>").replace("</author>", "</x>"))
    assert atom_rules.problems(good.replace("<feed ", "<rss "))
    assert atom_rules.problems(good.replace("</feed>", ""))


# --------------------------------------------------------------------------- paths, page link, <head>

def test_feed_paths_follow_page_paths_and_never_collide():
    assert paths.feed_path("archive/actors/x.md") == "archive/feeds/actors/x.xml"
    assert paths.feed_path("archive/bases/x-2.md") == "archive/feeds/bases/x-2.xml"
    assert paths.feed_path("archive/actors/x.md") != paths.feed_path("archive/bases/x.md")
    for bad in ("index.md", "feed.xml", "archive/actors/x.xml"):
        with pytest.raises(ValueError):
            paths.feed_path(bad)
    archive = _large_archive()
    feeds = [paths.feed_path(e.path) for e in (*archive.actors.values(), *archive.bases.values())]
    assert len(feeds) == len(set(feeds))
    assert all(f.startswith(paths.FEEDS_DIR + "/") for f in feeds)


def test_each_entity_page_links_and_advertises_its_feed(built):
    archive, pages = built
    for entity in (*archive.actors.values(), *archive.bases.values()):
        text = pages[entity.path]
        feed = paths.feed_path(entity.path)
        meta = _front_matter(text)
        assert meta["feed"]["url"] == feed
        assert meta["feed"]["title"].startswith("Briefing Archive: ")
        link = relative_url(posixpath.dirname(entity.path), feed)
        assert f"[Atom feed]({link})" in text.split("---\n", 2)[2]


# --------------------------------------------------------------------------- Cite block data

@pytest.mark.parametrize("url, expected", [
    ("https://example.com/a?q=1&r=2#frag", "https://web.archive.org/web/*/https://example.com/a?q=1&r=2"),
    ("http://example.com/ä [x]", None),  # whitespace: not a URL safe_url keeps
    ("http://example.com/ä[x]", "https://web.archive.org/web/*/http://example.com/%C3%A4%5Bx%5D"),
    ("javascript:alert(1)", None),
    ("data:text/html,<script>", None),
    ('https://example.com/"onmouseover="alert(1)', None),
    (HOSTILE_URL, "https://web.archive.org/web/*/https://evil.example/a_b?q=1&r=%3Cscript%3E&s=javascript:void(0)"),
    (None, None),
])
def test_wayback_link_is_built_only_for_http_urls_and_encoded(url, expected):
    assert escape.wayback_url(url) == expected


def test_article_front_matter_holds_the_cite_data_escaped():
    archive = _hostile_archive()
    pages = {p.path: p.text for p in render_all(archive)}
    hostile, plain = (a for a in archive.articles)
    meta = _front_matter(pages[hostile.path])
    assert meta["title"] == 'Strike &lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; ]]&gt; &amp;amp; ' \
                            '[x](javascript:alert(1)) *bold* {{ 7*7 }}'
    assert meta["briefing"]["source"] == "&lt;i&gt;Outlet&lt;/i&gt; &amp; Co"
    assert meta["briefing"]["archived"] == ("https://web.archive.org/web/*/https://evil.example/a_b?q=1&amp;"
                                            "r=%3Cscript%3E&amp;s=javascript:void(0)")
    plain_meta = _front_matter(pages[plain.path])
    assert "url" not in plain_meta["briefing"] and "archived" not in plain_meta["briefing"]


# --------------------------------------------------------------------------- search filter values

def test_pages_carry_their_search_filters(built):
    archive, pages = built
    for a in archive.articles:
        filters = _front_matter(pages[a.path])["filters"]
        assert filters["Page type"] == ["Article"]
        assert filters.get("Actor", []) == [escape_meta(m.name) for m in a.actors if m.name in archive.actors]
        assert filters.get("Base", []) == [escape_meta(m.name) for m in a.bases if m.name in archive.bases]
        assert filters.get("Outlet", []) == ([escape_meta(a.source)] if a.source else [])
        assert filters.get("Year", []) == ([str(a.date.year)] if a.date else [])
    for entity in (*archive.actors.values(), *archive.bases.values()):
        filters = _front_matter(pages[entity.path])["filters"]
        kind = "Actor" if entity.kind == "actor" else "Base"
        assert filters["Page type"] == [kind] and filters[kind] == [escape_meta(entity.name)]
    for page in (paths.HOME, paths.TIMELINE, paths.ACTORS_INDEX):
        assert _front_matter(pages[page])["filters"] == {"Page type": ["Index"]}


def escape_meta(text: str) -> str:
    import html
    return html.escape(escape.flatten(text), quote=True)


def test_no_feed_or_filter_needs_an_archive_with_articles():
    empty = build_archive([], Register())
    pages = {p.path: p.text for p in render_all(empty)}
    assert atom_rules.problems(pages[paths.FEED]) == []
    assert not [p for p in pages if p.startswith(paths.FEEDS_DIR)]


def test_a_quote_only_actor_gets_a_feed_too():
    ex = Extraction(title="Said", date=dt.date(2024, 2, 1), dateline=None, paragraphs=("\u201cNo,\u201d said Sam Roe.",),
                    actors=(Mention("Sam Roe", "person", ("Sam Roe",), ("said Sam Roe",)),), bases=(),
                    quotes=(Quote("No,", "Sam Roe", 0),), outlet="Wire")
    archive = build_archive([make_article("q1", ex, None)], Register())
    pages = {p.path: p.text for p in render_all(archive)}
    feed = pages[paths.feed_path(archive.actors["Sam Roe"].path)]
    assert atom_rules.problems(feed) == [] and len(atom_rules.entries(feed)) == 1


def test_an_article_id_is_a_uri_whatever_its_file_name():
    from generator.render.feeds import article_id
    assert article_id("001_first") == "tag:briefing-archive,2023:article/001_first"  # ids of plain names unchanged
    odd = article_id("Ünïcödé file name with spaces & 'quotes'")
    assert " " not in odd and "'" not in odd and odd.isascii()
    assert article_id("a b") != article_id("a_b")
