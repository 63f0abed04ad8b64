"""The fast path (cmark-gfm) renders every generated page as Python-Markdown does.

MkDocs builds generated pages with `generator/site/fast_render.py`; Zensical and
a build with BRIEFING_FAST_RENDER=0 read the same Markdown with
Python-Markdown. Here every generated page of three archives (the seeds,
the hostile corpus and a synthetic corpus large enough for paged records,
tables, charts and reworded quotes) is rendered both ways, and the HTML
(compared as a tree: same elements, attributes and text), the table of
contents, the anchors, the links to anchors and the link warnings must
agree.
"""
from __future__ import annotations

import html
import logging
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from generator.site import fast_render
from generator.write.journal import file_digest, manifest_files
from project_files import copy_project, use_hostile_inputs, use_synthetic_seeds


class _Tree(HTMLParser):
    """HTML as a list of events, blind to what cannot change the page: entity spelling, URL quoting,
    attribute order and the whitespace between blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []
        self._text: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        if text:
            self.events.append(("text", text))
        self._text = []

    def handle_starttag(self, tag, attrs):
        self._flush()
        norm = sorted((k, unquote(v or "") if k in ("href", "src") else " ".join((v or "").split()))
                      for k, v in attrs)
        self.events.append(("start", tag, tuple(norm)))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self._flush()
        self.events.append(("end", tag))

    def handle_data(self, data):
        self._text.append(data)

    def close(self):
        super().close()
        self._flush()


def tree(markup: str) -> list[tuple]:
    parser = _Tree()
    parser.feed(markup)
    parser.close()
    return parser.events


def toc_rows(toc) -> list[tuple]:
    rows = []

    def walk(items):
        for item in items:
            rows.append((item.level, item.id, " ".join(html.unescape(item.title).split())))
            walk(item.children)

    walk(toc)
    return rows


class _Warnings(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[str] = []

    def emit(self, record):
        self.records.append(record.getMessage())


def compare_site(root: Path) -> tuple[int, list[str]]:
    """Render every generated page of the project at `root` both ways; return (pages, differences)."""
    config = load_config(str(root / "mkdocs.yml"))
    assert fast_render.unsupported(config) is None
    files = get_files(config)
    owned = manifest_files(Path(config.docs_dir))
    renderer = fast_render.Renderer(config)
    warnings = _Warnings()
    pages_log = logging.getLogger("mkdocs.structure.pages")
    pages_log.addHandler(warnings)
    differences, count = [], 0
    try:
        for file in files.documentation_pages():
            if file.src_uri not in owned:
                continue
            count += 1
            slow, fast = Page(None, file, config), Page(None, file, config)
            slow.read_source(config)
            fast.read_source(config)
            warnings.records.clear()
            slow.render(config, files)
            slow_warnings = list(warnings.records)
            warnings.records.clear()
            renderer.render(fast, config, files)
            where = file.src_uri
            if tree(fast.content) != tree(slow.content):
                a, b = tree(slow.content), tree(fast.content)
                first = next(i for i, (x, y) in enumerate(zip(a + [None], b + [None])) if x != y)
                differences.append(f"{where}: HTML differs at event {first}: "
                                   f"Python-Markdown {a[first - 2:first + 3]} vs cmark {b[first - 2:first + 3]}")
            if toc_rows(fast.toc) != toc_rows(slow.toc):
                differences.append(f"{where}: toc {toc_rows(slow.toc)} vs {toc_rows(fast.toc)}")
            if fast.present_anchor_ids != slow.present_anchor_ids:
                differences.append(f"{where}: anchors {slow.present_anchor_ids ^ fast.present_anchor_ids}")
            if {k.src_uri: v for k, v in (fast.links_to_anchors or {}).items()} != \
                    {k.src_uri: v for k, v in (slow.links_to_anchors or {}).items()}:
                differences.append(f"{where}: links to anchors differ")
            if warnings.records != slow_warnings:
                differences.append(f"{where}: warnings {slow_warnings} vs {warnings.records}")
            if html.unescape(fast._title_from_render or "") != html.unescape(slow._title_from_render or ""):
                differences.append(f"{where}: title {slow._title_from_render!r} vs {fast._title_from_render!r}")
    finally:
        pages_log.removeHandler(warnings)
    return count, differences


def generate(root: Path) -> None:
    subprocess.run([sys.executable, "-m", "generator", "build", "--quiet"], cwd=root, check=True,
                   capture_output=True)


@pytest.fixture(scope="module")
def seeds_site(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("seeds"))
    generate(root)
    return root


def test_seed_archive_renders_alike(seeds_site):
    pages, differences = compare_site(seeds_site)
    assert pages > 40
    assert differences == []


def test_hostile_archive_renders_alike(tmp_path):
    root = use_hostile_inputs(copy_project(tmp_path))
    generate(root)
    pages, differences = compare_site(root)
    assert pages > 20
    assert differences == []


def test_large_synthetic_archive_renders_alike(tmp_path):
    """Enough articles for records paged by year, quotes carried by several outlets and reworded."""
    root = use_synthetic_seeds(copy_project(tmp_path), 400, seed=7)
    generate(root)
    assert list((root / "content" / "archive" / "actors").glob("*/*.md")), "no page of a year's record"
    pages, differences = compare_site(root)
    assert pages > 400
    assert differences[:5] == []


def test_a_broken_link_warns_the_same_way(seeds_site, tmp_path):
    """--strict must still fail on a broken link in a generated page."""
    page = next((seeds_site / "content" / "archive" / "articles").glob("*.md"))
    original = page.read_text(encoding="utf-8")
    try:
        page.write_text(original + "\n[gone](../actors/no-such-actor.md) [here](#no-such-anchor)\n",
                        encoding="utf-8")
        pages, differences = compare_site(seeds_site)
        assert differences == []
        config = load_config(str(seeds_site / "mkdocs.yml"))
        files = get_files(config)
        file = files.get_file_from_path(page.relative_to(seeds_site / "content").as_posix())
        fast = Page(None, file, config)
        fast.read_source(config)
        warnings = _Warnings()
        logging.getLogger("mkdocs.structure.pages").addHandler(warnings)
        try:
            fast_render.Renderer(config).render(fast, config, files)
        finally:
            logging.getLogger("mkdocs.structure.pages").removeHandler(warnings)
        assert any("no-such-actor.md" in w for w in warnings.records)
        assert "no-such-anchor" in fast.links_to_anchors[file]
    finally:
        page.write_text(original, encoding="utf-8")


def test_only_pages_the_generator_still_owns_take_the_fast_path(seeds_site):
    owned = manifest_files(seeds_site / "content")
    rel, digest = next(iter(owned.items()))
    path = seeds_site / "content" / rel
    assert file_digest(path) == digest
    original = path.read_bytes()
    try:
        path.write_bytes(original + b"\nAn editor's note.\n")
        assert file_digest(path) != digest
    finally:
        path.write_bytes(original)
    assert "about.md" not in owned  # hand-written pages always go through Python-Markdown


@pytest.mark.parametrize("extensions,configs,reason", [
    (["toc", "tables", "md_in_html"], {"toc": {"permalink": True}}, None),
    (["toc", "md_in_html", "pymdownx.magiclink"], {}, "pymdownx.magiclink"),
    (["toc", "md_in_html", "smarty"], {}, "smarty"),
    (["toc", "md_in_html"], {"toc": {"baselevel": 2}}, "baselevel"),
    (["toc", "md_in_html"], {"markdown.extensions.toc": {"baselevel": 2}}, "baselevel"),
    (["toc", "md_in_html"], {"toc": {"anchorlink": True}}, "anchorlink"),
    (["toc", "tables"], {}, "md_in_html"),
    (["toc", "md_in_html", "abbr"], {"abbr": {"glossary": {"US": "United States"}}}, "abbr"),
])
def test_settings_the_fast_path_cannot_reproduce_send_pages_to_python_markdown(extensions, configs, reason):
    config = {"markdown_extensions": extensions, "mdx_configs": configs}
    why = fast_render.unsupported(config)
    assert (why is None) if reason is None else (reason in why)


ODD_LINKS = [
    "", "#", "#top", "timeline.md", "timeline.md#", "timeline.md#x:y", "timeline.md#a#b", "./timeline.md",
    "archive/../timeline.md", "archive//quotes.md", "timeline.md?x=1", "timeline.md?x=1#a", "missing.md",
    "missing.md#a", "archive/", "archive", "archive/actors", " timeline.md", "timeline.md ", "time\tline.md",
    "timeline%2Emd", "/timeline.md", "//example.org/x", "http://example.org/timeline.md", "mailto:a@b.c",
    "a@b.c", "../timeline.md", "../../timeline.md", "../archive/quotes.md#unattributed", "feed.xml",
    "data/articles.csv", "data/articles.csv#x", "index.md", ".", "..", "assets/x.css", "tîmeline.md",
]


def _resolve(processor_class, file, files, config, url: str, *extra) -> tuple:
    """(the URL MkDocs writes, the links to anchors it records, what it logs) for one link."""
    warnings = _Warnings()
    pages_log = logging.getLogger("mkdocs.structure.pages")
    pages_log.addHandler(warnings)
    try:
        links = processor_class(file, files, config, *extra)
        out = links.path_to_url(url)
    finally:
        pages_log.removeHandler(warnings)
    return out, {k.src_uri: v for k, v in links.links_to_anchors.items()}, warnings.records


def test_links_resolve_as_mkdocs_resolves_them(seeds_site):
    """The fast path's link resolution (`_Links`) gives MkDocs' answer for every link of every page
    of the seeds' site, and for odd links, from a top-level page and from a nested one."""
    from mkdocs.structure.files import InclusionLevel
    from mkdocs.structure.pages import _RelativePathTreeprocessor

    config = load_config(str(seeds_site / "mkdocs.yml"))
    files = get_files(config)
    excluded = next(f for f in files.documentation_pages() if f.src_uri.startswith("archive/articles/"))
    excluded.inclusion = InclusionLevel.EXCLUDED  # as the page cache leaves a kept page
    link_pattern = __import__("re").compile(r"\]\(([^)\s]*)\)")
    checked = 0
    for file in files.documentation_pages():
        urls = link_pattern.findall(file.content_string)
        if file.src_uri in ("index.md", "archive/quotes.md") or file.src_uri.count("/") >= 2:
            urls += ODD_LINKS + [
                "../" * file.src_uri.count("/") + excluded.src_uri,
                "../" * file.src_uri.count("/") + excluded.src_uri + "#a"]
        for url in urls:
            expected = _resolve(_RelativePathTreeprocessor, file, files, config, url)
            assert _resolve(fast_render._Links, file, files, config, url) == expected, (file.src_uri, url)
            # a kept page's notice is dropped by the page cache's filter: the short way leaves it out
            out, anchors, logged = expected
            unannounced = [m for m in logged if m != f"Doc file '{file.src_uri}' contains a link to "
                                                     f"'{excluded.src_uri}' which is excluded from the built site."]
            assert _resolve(fast_render._Links, file, files, config, url, {excluded.src_uri}) == \
                (out, anchors, unannounced), (file.src_uri, url)
            checked += 1
    assert checked > 2000


# Pieces of markup where the short ways of fast_render (tags_with, _svg_spans) could part from the
# regular expressions they stand for: tags with and without the attributes, attributes in quoted
# values, stray "<" and ">", whitespace of every kind before an attribute, unclosed drawings.
_PIECES = st.sampled_from([
    "<", ">", '"', " ", "\n", "\t", "\u00a0", "\u2028", "x", "a", "svg", "_", "é",
    '<div markdown="1">', '<section class="x" markdown="block" id="s">', ' markdown="', 'markdown="1"',
    '<p id="a">', '<h2 id="b&amp;c">', ' id="', 'id="z"', '<a name="n">', '<a href="#x" name="m">',
    ' name="', '<abbr name="q">', "<svg>", '<svg class="c"><a href="x.md">', "</svg>", "<svgx>",
    "<svg_", '<a title="<b id=&quot;">', '<b data-id="1" id="2">', "</div>", "</a>",
])


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_short_ways_through_the_markup_find_what_the_expressions_find(text):
    spans = lambda matches: [m.span() for m in matches]  # noqa: E731
    for pattern, attribute in ((fast_render._MD_IN_HTML_TAG, 'markdown="'), (fast_render._ID, 'id="'),
                               (fast_render._NAME, 'name="'), (fast_render._MARKDOWN_ATTR, ' markdown="')):
        assert spans(fast_render.tags_with(pattern, text, attribute)) == spans(pattern.finditer(text))
    assert list(fast_render._svg_spans(text)) == spans(fast_render._SVG.finditer(text))
    assert fast_render._without_markdown_attributes(text) == fast_render._MARKDOWN_ATTR.sub(r"\1", text)
