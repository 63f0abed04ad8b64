"""Render the generator's own pages to HTML with cmark-gfm when MkDocs builds.

Python-Markdown is pure Python and was more than half of `mkdocs build` on
a large archive (about 13 ms a page). cmark-gfm, GitHub's C implementation
of CommonMark, reads the same page in well under a millisecond. The
generator's templates keep to Markdown that both read alike: paragraphs,
headings, links, emphasis, lists, pipe tables, inline HTML and
`<div markdown="1">` blocks whose contents are set off by blank lines (the
text inside is escaped as numeric character references, which both
decode the same way). `tests/test_fast_render.py` renders every page of
several archives both ways and checks that the HTML, the table of
contents, the anchors and the link warnings agree.

Only the parts of MkDocs' page rendering that depend on the Markdown engine
are replaced; the rest is MkDocs' own code: links to other pages are
resolved and validated by MkDocs' link processor (so `--strict` still
fails on a broken link), heading ids come from Python-Markdown's `toc`
slugify and de-duplication, and the table of contents is built by MkDocs.

The fast path applies only to files the generator wrote and still owns
(their bytes match its manifest), and only when mkdocs.yml's Markdown
settings are ones it reproduces; otherwise MkDocs renders as usual.
Builders that run no MkDocs hooks (Zensical) read the same Markdown with
Python-Markdown, which is why the two must agree.
"""
from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Container
from dataclasses import dataclass

from cmarkgfm.cmark import Options
from markdown.extensions.toc import TocExtension, nest_toc_tokens, strip_tags, unique
from markdown.util import AMP_SUBSTITUTE
from mkdocs.structure.pages import _RelativePathTreeprocessor
from mkdocs.utils import get_relative_url, meta
from mkdocs.structure.toc import get_toc

from generator.site.cmark import markdown_to_html

# Extensions that leave the generator's Markdown as plain CommonMark would read it: they act only
# on syntax the templates never write and escaped article text cannot spell (see escape.py).
NEUTRAL_EXTENSIONS = frozenset({
    "toc", "tables", "fenced_code", "attr_list", "md_in_html", "admonition", "def_list",
    "footnotes", "abbr", "meta", "sane_lists",
    "pymdownx.details", "pymdownx.superfences", "pymdownx.highlight", "pymdownx.inlinehilite",
    "pymdownx.tabbed", "pymdownx.blocks.admonition", "pymdownx.blocks.details",
    "pymdownx.blocks.tab", "pymdownx.blocks.html",
})
# `toc` options whose effect is reproduced below; any other setting sends pages to Python-Markdown.
_TOC_HANDLED = {"permalink", "permalink_class", "permalink_title", "slugify", "separator", "toc_depth",
                "title", "title_class", "toc_class", "marker"}
_TOC_DEFAULTS = TocExtension().getConfigs()

_CMARK_OPTIONS = Options.CMARK_OPT_UNSAFE  # raw HTML passes: the templates write it, article text is escaped
_CMARK_EXTENSIONS = ("table",)
_MARKDOWN_ATTR = re.compile(r'(<[a-zA-Z][^<>]*?) markdown="[^"]*"')
_TABLE_ALIGN = re.compile(r'<(th|td) align="(left|right|center)">')
_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)
_LINK = re.compile(r'(<(?:a|img)\b[^<>]*?\s(?:href|src)=")([^"]*)(")')
# An inline SVG (render/maps.py) is raw HTML that Python-Markdown leaves as written: its links are
# already the served URLs, so the fast path leaves them alone too.
_SVG = re.compile(r"<svg\b.*?</svg>", re.S)
_ID = re.compile(r'<[a-zA-Z][^<>]*?\sid="([^"]*)"')
_MD_IN_HTML_TAG = re.compile(r'<[a-zA-Z][^<>]*?\smarkdown="[^"]*"[^<>]*>')
_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")
_NAME = re.compile(r'<a\b[^<>]*?\sname="([^"]*)"')


def tags_with(pattern: re.Pattern, text: str, attribute: str):
    """`pattern.finditer(text)`, for a pattern of tags that can only match at the last "<" before an
    occurrence of `attribute` (each pattern above: a "<", characters other than "<" and ">", then
    the attribute). Scanning a page for one "<" after another costs more than rendering it: this
    finds the attribute's few occurrences and tries the pattern only at the tag each is in. Exactly
    the matches finditer gives (tests/test_fast_render.py compares the two on random markup)."""
    at = 0
    found = text.find(attribute)
    tried = -1
    while found != -1:
        start = text.rfind("<", at, found)
        if start > tried:  # a tag not tried yet (the pattern cannot match at any other "<")
            tried = start
            m = pattern.match(text, start)
            if m is not None:
                yield m
                at = m.end()
                tried = at - 1
                found = text.find(attribute, max(at, found + 1))
                continue
        found = text.find(attribute, found + 1)


def _svg_spans(text: str):
    """(start, end) of each `<svg ...>...</svg>`: what `_SVG.finditer` finds, without a scan of
    every character of the drawing for "</svg>"."""
    at = 0
    while (start := text.find("<svg", at)) != -1:
        after = text[start + 4:start + 5]
        if after and (after.isalnum() or after == "_"):  # "\b": <svgx is another tag
            at = start + 4
            continue
        end = text.find("</svg>", start + 4)
        if end == -1:
            return
        yield start, end + 6
        at = end + 6


def _without_markdown_attributes(text: str) -> str:
    """`_MARKDOWN_ATTR.sub(r"\\1", text)`: md_in_html's markdown="1" taken out of the tags."""
    pieces, at = [], 0
    for m in tags_with(_MARKDOWN_ATTR, text, ' markdown="'):
        pieces += [text[at:m.end(1)]]
        at = m.end()
    return "".join(pieces) + text[at:] if pieces else text


def split_generated(source: str) -> tuple[str, dict] | None:
    """(Markdown, front matter) of a page as the generator writes it: what MkDocs' `meta.get_data`
    gives for it, with the front matter read by `json.loads` (render.pages.front_matter writes JSON
    that PyYAML reads alike, several times slower). None for a page in any other form."""
    if not source.startswith("---\n{"):
        return None
    end = source.find("\n---\n", 4)  # no line of indented JSON is "---" or "..." (get_data's ends)
    if end == -1:
        return None
    try:
        front = json.loads(source[4:end])
    except ValueError:
        return None
    if not isinstance(front, dict):
        return None
    return source[end + 5:].lstrip("\n"), front


def _short(name: str) -> str:
    return name.removeprefix("markdown.extensions.")


def _mdx_configs(config) -> dict:
    """`mdx_configs` with Python-Markdown's own extensions under their short names ("toc")."""
    return {_short(k): v or {} for k, v in (config["mdx_configs"] or {}).items()}


def unsupported(config) -> str | None:
    """Why the fast path cannot reproduce this site's Markdown settings, or None when it can."""
    extensions = {_short(e if isinstance(e, str) else type(e).__module__) for e in config["markdown_extensions"]}
    foreign = sorted(extensions - NEUTRAL_EXTENSIONS)
    if foreign:
        return f"markdown_extensions {', '.join(foreign)}"
    if "md_in_html" not in extensions:  # without it Python-Markdown leaves <div markdown="1"> blocks raw
        return "no md_in_html extension"
    configs = _mdx_configs(config)
    if configs.get("abbr"):  # a glossary applies to every page
        return "abbr options"
    toc = configs.get("toc", {})
    unhandled = sorted(k for k, v in toc.items() if k not in _TOC_HANDLED and v != _TOC_DEFAULTS.get(k))
    if unhandled:
        return f"toc options {', '.join(unhandled)}"
    depth = toc.get("toc_depth", 6)
    if not (isinstance(depth, int) or (isinstance(depth, str) and depth.isdigit())):
        return "toc option toc_depth as a range"
    return None


class _Links(_RelativePathTreeprocessor):
    """MkDocs' link processor, with a shorter way for the links nearly every link is: a relative path
    to a page that is in the built site, with or without an anchor. Its answer is the one MkDocs'
    `path_to_url` gives such a link (tests/test_fast_render.py compares the two on every link of
    whole archives); any other link (external, absolute, with a query, escaped, broken, to an
    excluded file) goes to MkDocs' own `path_to_url`, warnings and all.

    `unannounced`: excluded files whose "is excluded from the built site" notice is no news (the
    page cache's kept pages: its log filter drops that notice). A link to one takes the short way
    too, without the notice: at 10,000 articles, nearly every link of a day's rebuilt pages."""

    def __init__(self, file, files, config, unannounced: Container[str] = ()) -> None:
        super().__init__(file, files, config)
        self.unannounced = unannounced

    def path_to_url(self, url: str) -> str:
        return self.resolve(url)[0]

    def resolve(self, url: str) -> tuple[str, bool]:
        """(the link's URL, whether it went the short way). Asking again for a link that went the
        short way has no effect but the answer: MkDocs' way may warn, and does so every time."""
        path, _, anchor = url.partition("#")
        if (not path or ":" in url or "?" in url or "%" in path or "\\" in path or path.startswith("/")
                or AMP_SUBSTITUTE in url or not url.isprintable() or url != url.strip()):  # urlsplit's cases
            return super().path_to_url(url), False
        target_uri = self._target_uri(self.file.src_uri, path)
        target = self.files.src_uris.get(target_uri)
        if target is None or (target.inclusion.is_excluded() and target.src_uri not in self.unannounced):
            return super().path_to_url(url), False
        if anchor:
            self.links_to_anchors.setdefault(target, {}).setdefault(anchor, url)
        relative = get_relative_url(target.url, self.file.url)
        return (f"{relative}#{anchor}" if anchor else relative), True


@dataclass
class Converted:
    """What Page.render works out for one page (Renderer.convert)."""

    content: str  # the HTML
    toc_tokens: list[dict]  # its headings, as the toc extension lists them
    first_h1: str | None  # the title an h1 gives the page
    anchors: set[str]  # every id and name in it
    links_to_anchors: dict  # File linked to -> {anchor: the link as written}, for MkDocs' anchor check


class Renderer:
    """Renders pages the way MkDocs' Page.render would with this site's toc settings."""

    def __init__(self, config, unannounced: Container[str] = ()) -> None:
        self.unannounced = unannounced  # see _Links
        self.ahead = None  # render_ahead.RenderAhead: pages worked out in a second process, or None
        toc = {**_TOC_DEFAULTS, **_mdx_configs(config).get("toc", {})}
        self.slugify = toc["slugify"]
        self.separator = toc["separator"]
        self.depth = int(toc["toc_depth"])
        permalink = toc["permalink"]
        if permalink in (False, None, ""):
            self.permalink = None
        else:
            text = "&para;" if permalink is True else html.escape(str(permalink), quote=False)
            title = f' title="{html.escape(toc["permalink_title"])}"' if toc["permalink_title"] else ""
            self.permalink = f'<a class="{html.escape(toc["permalink_class"])}" href="#{{id}}"{title}>{text}</a>'

    def read_source(self, page, config) -> None:
        """What Page.read_source does, for a page the generator wrote and no editor changed since: its
        front matter read as the JSON it is (split_generated)."""
        source = config.plugins.on_page_read_source(page=page, config=config)
        if source is None:
            try:
                source = page.file.content_string
            except OSError:
                _PAGES_LOG.error(f"File not found: {page.file.src_path}")
                raise
            except ValueError:
                _PAGES_LOG.error(f"Encoding error reading file: {page.file.src_path}")
                raise
        page.markdown, page.meta = split_generated(source) or meta.get_data(source)

    def render(self, page, config, files) -> None:
        """Set what Page.render sets: content, toc, title from an h1, anchors and links to anchors.
        A page worked out ahead (render_ahead.py) from this very Markdown takes that result."""
        ahead = self.ahead.take(page.file.src_uri, page.markdown) if self.ahead is not None else None
        if ahead is not None:
            page.briefing_ahead = ahead  # its sanitised HTML and search sections: see hook.py
            converted, page.content = ahead.converted, ahead.html
        else:
            converted = self.convert(page.file, page.markdown, files, config)
            page.content = converted.content
        page.toc = get_toc(nest_toc_tokens(converted.toc_tokens))
        page._title_from_render = converted.first_h1
        page.present_anchor_ids = converted.anchors
        if _PAGES_LOG.getEffectiveLevel() > logging.DEBUG:  # as Page.render does
            page.links_to_anchors = converted.links_to_anchors

    def convert(self, file, markdown: str, files, config) -> Converted:
        """The page's HTML and what else rendering it finds, from its Markdown and where it is."""
        out = markdown_to_html(markdown, _CMARK_OPTIONS, _CMARK_EXTENSIONS)  # cmark.py: freed after
        # ids on md_in_html elements are taken before headings get theirs (as in the toc extension)
        used = {html.unescape(i) for tag in tags_with(_MD_IN_HTML_TAG, out, 'markdown="')
                for i in _ID.findall(tag.group())}
        out = _without_markdown_attributes(out)
        out = _TABLE_ALIGN.sub(r'<\1 style="text-align: \2;">', out)
        out, tokens, first_h1 = self._headings(out, used)
        links = _Links(file, files, config, self.unannounced)
        known: dict[str, str] = {}  # a link as written -> as resolved, for links that went the short way

        def relink(m: re.Match) -> str:
            written = m.group(2)
            resolved = known.get(written)
            if resolved is None:  # a long page links to the same actor or article many times
                url, short = links.resolve(html.unescape(written))
                resolved = html.escape(url)
                if short:
                    known[written] = resolved
            return m.group(1) + resolved + m.group(3)

        pieces, at = [], 0
        for start, end in _svg_spans(out):
            pieces += [_LINK.sub(relink, out[at:start]), out[start:end]]
            at = end
        out = "".join(pieces) + _LINK.sub(relink, out[at:])
        anchors = ({html.unescape(m.group(1)) for m in tags_with(_ID, out, 'id="')}
                   | {html.unescape(m.group(1)) for m in tags_with(_NAME, out, 'name="')})
        return Converted(out, tokens, first_h1, anchors, links.links_to_anchors)

    def _headings(self, out: str, used: set[str]) -> tuple[str, list[dict], str | None]:
        counters: dict[str, int] = {}
        tokens: list[dict] = []
        first_h1 = None
        starts_with_h1 = out.lstrip().startswith("<h1>")

        def heading(m: re.Match) -> str:
            nonlocal first_h1
            level, inner = int(m.group(1)), m.group(2)
            name = strip_tags(inner)
            anchor = unique(self.slugify(html.unescape(name), self.separator), used, counters)
            if level <= self.depth:
                tokens.append({"level": level, "id": anchor, "name": name, "html": inner, "data-toc-label": ""})
            if level == 1 and starts_with_h1 and first_h1 is None:
                first_h1 = name  # HTML text, entities kept, as MkDocs' get_heading_text gives it
            link = self.permalink.format(id=html.escape(anchor)) if self.permalink else ""
            return f'<h{level} id="{html.escape(anchor)}">{inner}{link}</h{level}>'

        return _HEADING.sub(heading, out), tokens, first_h1
