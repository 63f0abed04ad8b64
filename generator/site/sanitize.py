"""Defence in depth: strip anything but plain document HTML from rendered pages.

Article text is escaped before it enters the Markdown, so this pass should
find nothing to remove; it exists so that a future template or extension
mistake cannot put a script, an event handler or a javascript: URL in front
of readers. nh3 (Ammonia) is a maintained, fast HTML sanitiser.
"""
from __future__ import annotations

import nh3

from generator.render import charts, maps  # the build-time charts and maps are inline SVG

# Only the SVG elements and attributes the charts and maps write: no <script>, <foreignObject>, <use>,
# <image>, <style> or <animate>, no event handlers, and an SVG <a> keeps only `href`, which nh3 limits
# to the URL schemes below (the maps write relative links to the site's own pages).
SVG_TAGS = charts.SVG_TAGS | maps.SVG_TAGS
SVG_ATTRIBUTES = {tag: charts.SVG_ATTRIBUTES.get(tag, set()) | maps.SVG_ATTRIBUTES.get(tag, set()) for tag in SVG_TAGS}

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "div", "dl", "dt",
    "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "section",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "rel"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "time": {"datetime"},
    "details": {"open"},
    "ol": {"start"},
    # Sections that repeat the articles' own text are kept out of search (Material's and Pagefind's):
    # a <section>, never a <div>, because Material's search parser ends an excluded element at the
    # first closing tag of the same name, so an excluded <div> ended at its first nested </div>.
    "section": {"data-search-exclude", "data-pagefind-ignore"},  # also around a map (render/maps.py)
    "sup": {"data-search-exclude", "data-pagefind-ignore"},  # a quote's speaker label (linking.py)
}
GENERIC_ATTRIBUTES = {"class", "id", "title", "lang", "dir", "style"}


# One sanitiser, configured once: nh3.clean builds ammonia's settings from these sets on every call,
# a third of its time on a page of the archive (0.30 -> 0.20 ms a page, the same output).
_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS | SVG_TAGS,
    attributes={tag: ALLOWED_ATTRIBUTES.get(tag, set()) | SVG_ATTRIBUTES.get(tag, set()) | GENERIC_ATTRIBUTES
                for tag in ALLOWED_TAGS | SVG_TAGS},
    url_schemes={"http", "https", "mailto"},
    link_rel=None,
    strip_comments=True,
    filter_style_properties={"text-align", "width"},
)


def sanitize_html(html: str) -> str:
    return _CLEANER.clean(html)
