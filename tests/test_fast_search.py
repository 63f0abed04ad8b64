"""Material's search reads pages the fast way (generator/site/fast_search.py) with the result of its
own parser, or steps aside: the tokens are HTMLParser's handler calls, event by event, on odd HTML
and on HTML built at random from tag and text pieces; the sections are its parser's, on the same
HTML and on every page of three archives."""
from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from material.plugins.search import plugin as material_search
from mkdocs.commands.build import get_files
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

from generator.site import fast_render, fast_search
from generator.site.fast_search import (CHECKED_PARSER, CHECKED_TOKENIZER, DATA, END, SEARCH_ATTRIBUTES, START,
                                        fast_parser, parser_digest, strip_search_attributes, tokenizer_digest,
                                        tokens)
from project_files import copy_project, use_hostile_inputs, use_synthetic_seeds


class Recorder(HTMLParser):
    """The handler calls HTMLParser makes, in fast_search.tokens' spelling (anything else by name)."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.events.append((START, tag, attrs, False))

    def handle_startendtag(self, tag, attrs):
        self.events.append((START, tag, attrs, True))

    def handle_endtag(self, tag):
        self.events.append((END, tag))

    def handle_data(self, data):
        self.events.append((DATA, data))

    def handle_comment(self, data):
        self.events.append(("comment", data))

    def handle_decl(self, decl):
        self.events.append(("decl", decl))

    def handle_pi(self, data):
        self.events.append(("pi", data))

    def unknown_decl(self, data):
        self.events.append(("unknown", data))


def recorded(html: str) -> list[tuple]:
    parser = Recorder()
    parser.feed(html)
    parser.close()
    return parser.events


PLAIN = [
    "",
    "just text, no tags",
    "<p>Hello &amp; goodbye &lt;b&gt; &#39;quoted&#39; &eacute;t&eacute; &notanentity; & alone</p>",
    '<h2 id="quotes">Quotes<a class="headerlink" href="#quotes" title="Permanent link">&para;</a></h2>',
    '<p class="a"   data-x = \'single\'  hidden>text</p>',
    "<br><br/><br /><hr/><img src=\"a.png\" alt=\"\"/>",
    "<SPAN CLASS=\"Up\">Case</SPAN>",
    '<a href="?a=1&amp;b=2" title="x &gt; y">link</a>',
    "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n",
    "<p>trailing &amp",
    "<p>text</p  >tail &copy",
    '<p title="a>b">quoted greater-than</p>',
    "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>",
    "<span/>self-closed non-void",
    '<div data-search-exclude><p>hidden</p></div><p>shown</p>',
]

ODD = [  # each must be left to HTMLParser: tokens() returns None
    "<!-- a comment --><p>x</p>",
    "<!DOCTYPE html><p>x</p>",
    "<?php echo 1 ?>",
    "<script>if (a < b) {}</script>",
    "<style>p > a {}</style>",
    "a < b",
    "<p class=unquoted>x</p>",
    "<a-b>dash</a-b>",
    "<p\xa0class=\"x\">unicode space</p>",
    "<p\vclass=\"x\">vertical tab</p>",
    "<p class==\"x\">x</p>",
    '<p a="x"b="y">no space</p>',
    "<p / >",
    "</>",
    "</ p>",
    "<p",
    "<",
]


@pytest.mark.parametrize("html", PLAIN)
def test_plain_html_tokenizes_as_htmlparser_does(html):
    found = tokens(html)
    assert found is not None, "this HTML is plain: the fast way should take it"
    assert found == recorded(html)


@pytest.mark.parametrize("html", ODD)
def test_anything_else_goes_to_htmlparser(html):
    assert tokens(html) is None


_NAMES = st.sampled_from(["p", "a", "h2", "li", "br", "img", "span", "SPAN", "code", "pre", "a-b", "script",
                          "h1", "div", "x1"])
_ATTR_NAMES = st.sampled_from(["id", "class", "href", "data-search-exclude", "ID", "x:y", "a.b", "title"])
_VALUES = st.sampled_from(['"v"', "'v'", '""', '"a &amp; b"', '"&#39;"', "bare", '"a>b"', "'a\"b'", '"&notx"'])
_SPACES = st.sampled_from([" ", "  ", "\n", "\t", "\xa0", "\v", "", " = ", "="])
_TEXT = st.sampled_from(["text", " ", "\n", "&amp;", "&lt;", "&", "&#x41;", "&eacute", "<", ">", "é", "--", "!",
                         "?", "/", "\"", "'", "=", "&#", "&#12"])


@st.composite
def _piece(draw) -> str:
    kind = draw(st.integers(0, 5))
    if kind == 0:
        attrs = "".join(draw(_SPACES) + draw(_ATTR_NAMES) + (draw(_SPACES) + "=" + draw(_SPACES) + draw(_VALUES)
                                                             if draw(st.booleans()) else "")
                        for _ in range(draw(st.integers(0, 3))))
        return f"<{draw(_NAMES)}{attrs}{draw(_SPACES)}{draw(st.sampled_from(['>', '/>', ' />', '']))}"
    if kind == 1:
        return f"</{draw(_NAMES)}{draw(_SPACES)}>"
    if kind == 2:
        return draw(st.sampled_from(["<!-- c -->", "<!x>", "<?p?>", "</>", "< p>"]))
    return draw(_TEXT)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_piece(), max_size=12).map("".join))
def test_any_html_tokenizes_as_htmlparser_does_or_steps_aside(html):
    found = tokens(html)
    if found is not None:
        assert found == recorded(html)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_piece(), max_size=16).map("".join))
def test_cutting_at_tags_reads_as_matching_along_the_page(html):
    """`tokens` cuts the page at its tags and reads each tag once; `_tokens_matched` matches the
    whole grammar along it: the same tokens, or None from both, whatever the HTML (quoted `>` and
    `<`, stray `<`, unquoted values, raw text elements included)."""
    assert tokens(html) == fast_search._tokens_matched(html)


# A page as MkDocs writes it: every tag whole between `<` and its first `>`
CUT_PAGE = ('<h1 id="t">Title<a class="headerlink" href="#t" title="Permanent link">&para;</a></h1>\n'
            '<p>One &amp; two <a href="../x/">x</a><br/></p>\n<ul>\n<li><code>c</code></li>\n</ul>\n')


def test_a_page_cut_at_its_tags_is_not_matched_again(monkeypatch):
    def matched(html):
        raise AssertionError("a page of whole tags was matched along the page")

    monkeypatch.setattr(fast_search, "_tokens_matched", matched)
    assert tokens(CUT_PAGE) == recorded(CUT_PAGE)
    assert tokens(CUT_PAGE) == recorded(CUT_PAGE)  # its tags read once, then known


@pytest.mark.parametrize("html", ['<p title="a>b">quoted greater-than</p>', '<p>a</p> b < c', "<p>x</p><p"])
def test_a_page_the_cut_does_not_take_is_matched_along_the_page(monkeypatch, html):
    calls = []
    matched = fast_search._tokens_matched
    monkeypatch.setattr(fast_search, "_tokens_matched", lambda page: calls.append(page) or matched(page))
    found = tokens(html)
    assert calls == [html]
    assert found == (recorded(html) if found is not None else None)


def test_tokens_of_one_tag_share_attributes_the_handlers_get_their_own():
    """A tag's attributes are read once and shared by its tokens; Material's own handlers, which
    the tokens feed when `sections` is not used, get a list of their own each time."""
    html = '<a href="#x">1</a><a href="#x">2</a>'
    first, second = tokens(html)[0], tokens(html)[3]
    assert first == second == (START, "a", [("href", "#x")], False)
    given_lists = []

    class Keeping(MATERIAL):
        def handle_starttag(self, tag, attrs):
            given_lists.append(attrs)
            super().handle_starttag(tag, attrs)

    parser = fast_parser(Keeping)()
    parser.feed(html)
    assert len(given_lists) == 2 and given_lists[0] == given_lists[1] and given_lists[0] is not given_lists[1]
    assert given_lists[0] is not first[2]


def sections(parser_class, html: str) -> list[tuple] | str:
    """A parser's sections of `html`, or the error it raised."""
    parser = parser_class()
    try:
        parser.feed(html)
        parser.close()
    except Exception as exc:
        return type(exc).__name__
    return [(s.el.tag, s.id, s.depth, s.title, s.text, s.is_excluded()) for s in parser.data]


MATERIAL = getattr(material_search.Parser, "original", material_search.Parser)  # even if a build set use(True)
FAST = fast_parser(MATERIAL, material_search)  # tokens and sections
TOKENS_ONLY = fast_parser(MATERIAL)  # tokens, then Material's handlers

# Plain HTML the sections' rules must get right: headings with and without ids (the first one
# not an h1), a heading inside a list, permalinks, excluded blocks nested in their own tag,
# whitespace in and out of <pre>, kept tags left empty.
SECTIONS = PLAIN + [
    '<p>preface</p><h2 id="a">A<a class="headerlink" href="#a">&para;</a></h2><p>one</p><h3 id="b">B</h3><p>two</p>',
    '<h1 id="t">Title</h1><p>x</p><h2>no id</h2><p>y</p>',
    '<ul><li><h2 id="n">Nested</h2>in</li><li>after</li></ul><p>out</p>',
    '<div data-search-exclude><div>inner</div>still excluded?</div><p>after</p>',
    '<pre><code>a\n\n  b</code></pre><p>  </p><p>x\ny</p>  \n  <p><code> </code></p>',
    '<div class="linenodiv"><pre>1\n2</pre></div><p>code</p>',
    '<p><sub>2</sub> and <sup> </sup></p><ol><li>one</li></ol>',
    '<h2 id="x"><code>code</code> title</h2><p>t</p></h2></p><p>',
    '<object><p>in object</p></object><p>after</p>',
]


@pytest.mark.parametrize("html", SECTIONS)
def test_sections_are_material_s(html):
    assert tokens(html) is not None
    assert sections(FAST, html) == sections(MATERIAL, html)
    assert sections(TOKENS_ONLY, html) == sections(MATERIAL, html)


_SECTION_NAMES = st.sampled_from(["p", "h1", "h2", "h3", "li", "ul", "pre", "code", "a", "div", "object", "br",
                                  "sub", "span"])
_SECTION_ATTRS = st.sampled_from(["", ' id="s"', ' id="t"', ' class="headerlink"', " data-search-exclude",
                                  ' class="linenodiv"', ' id="s" class="headerlink"'])
_SECTION_TEXT = st.sampled_from(["text", " ", "\n", "a\nb", "&amp;", "<", "  \n "])


@st.composite
def _section_piece(draw) -> str:
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return f"<{draw(_SECTION_NAMES)}{draw(_SECTION_ATTRS)}{draw(st.sampled_from(['>', '>', '/>']))}"
    if kind == 1:
        return f"</{draw(_SECTION_NAMES)}>"
    return draw(_SECTION_TEXT)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_section_piece(), max_size=20).map("".join))
def test_any_html_has_material_s_sections(html):
    assert sections(FAST, html) == sections(MATERIAL, html)


def test_sections_are_worked_out_for_the_parser_they_were_compared_with():
    """A new version of Material: compare again (this file), then set CHECKED_PARSER to its digest."""
    assert parser_digest(material_search) == CHECKED_PARSER


def test_tokens_are_worked_out_for_the_html_parser_they_were_compared_with():
    """Another Python: compare again (this file), then set CHECKED_TOKENIZER to its html.parser's digest."""
    assert tokenizer_digest() == CHECKED_TOKENIZER


def test_another_html_parser_keeps_material_s_parser(monkeypatch):
    original = MATERIAL
    try:
        material_search.Parser = original
        monkeypatch.setattr(fast_search, "CHECKED_TOKENIZER", "another Python")
        fast_search.use(True)
        assert material_search.Parser is original
        monkeypatch.setattr(fast_search, "CHECKED_TOKENIZER", tokenizer_digest())
        monkeypatch.setattr(fast_search, "CHECKED_PARSER", "another Material")
        fast_search.use(True)
        assert material_search.Parser.original is original
        assert sections(material_search.Parser, SECTIONS[-4]) == sections(original, SECTIONS[-4])
    finally:
        material_search.Parser = original


def compare_sections(root: Path) -> tuple[int, int, list[str]]:
    """Render every page of the project at `root` as `mkdocs build` would; return (pages, pages the
    fast way took, pages whose sections differ)."""
    subprocess.run([sys.executable, "-m", "generator", "build", "--quiet"], cwd=root, check=True,
                   capture_output=True)
    config = load_config(str(root / "mkdocs.yml"))
    files = get_files(config)
    renderer = fast_render.Renderer(config)
    slow_parser = MATERIAL
    fast_parser_class = FAST
    pages, fast, differences = 0, 0, []
    for file in files.documentation_pages():
        page = Page(None, file, config)
        page.read_source(config)
        renderer.render(page, config, files) if file.src_uri.startswith("archive/") else page.render(config, files)
        pages += 1
        fast += tokens(page.content) is not None
        if sections(fast_parser_class, page.content) != sections(slow_parser, page.content):
            differences.append(file.src_uri)
        if strip_search_attributes(page.content) != re.sub(SEARCH_ATTRIBUTES, "", page.content):
            differences.append(f"{file.src_uri} (search attributes)")
    return pages, fast, differences


@pytest.mark.parametrize("make", [
    lambda root: root,
    use_hostile_inputs,
    lambda root: use_synthetic_seeds(root, 150, seed=11),
], ids=["seeds", "hostile", "synthetic"])
def test_every_page_of_an_archive_has_the_same_search_sections(tmp_path, make):
    root = make(copy_project(tmp_path))
    pages, fast, differences = compare_sections(root)
    assert differences == []
    assert pages > 20
    assert fast >= 0.9 * pages, f"the fast way took only {fast} of {pages} pages"


def test_the_switch_puts_material_s_parser_back():
    original = MATERIAL
    try:
        fast_search.use(True)
        assert material_search.Parser.original is original
        assert sections(material_search.Parser, SECTIONS[-4]) == sections(original, SECTIONS[-4])
        fast_search.use(True)  # twice: still one layer over Material's own
        assert material_search.Parser.original is original
        assert material_search.re.sub(SEARCH_ATTRIBUTES, "", STRIPPED[0]) == STRIPPED[1]
        assert material_search.re.split is re.split  # everything else is re's own
        fast_search.use(False)
        assert material_search.Parser is original
        assert material_search.re is re
    finally:
        material_search.Parser = original
        material_search.re = re


STRIPPED = ('<section data-search-exclude="">a <sup data-search-exclude="x"\tdata-search-y="1">b</sup>'
            ' data-search-z="" data-search-="q" data-search-w="&quot;"></section>',
            '<section data-search-exclude="">a <sup>b</sup> data-search-z="" data-search-="q"></section>')
# pieces that make and break the pattern \s?data-search-\w+="[^"]+", Unicode spaces and word characters included
_PIECES = st.sampled_from(["data-search-", "data-search-exclude", '="', '"', "=", " ", "\t", "\n", "\u2003",
                           "\u00e9", "x", "_", "9", "-", "<p ", ">", 'data-search-exclude="x"', "data-search-data-search-"])


@given(st.lists(_PIECES, max_size=30).map("".join))
@settings(max_examples=3000, deadline=None)
def test_search_attributes_are_stripped_as_re_sub_strips_them(html):
    assert strip_search_attributes(html) == re.sub(SEARCH_ATTRIBUTES, "", html)


def test_the_pattern_stripped_is_material_s_own():
    """The plugin strips these attributes with this very pattern (with another version of Material
    its calls simply go to re.sub, and the quick way is never taken: this test says so)."""
    import inspect
    assert f'r"{SEARCH_ATTRIBUTES}"' in inspect.getsource(material_search.SearchPlugin.on_page_context)
