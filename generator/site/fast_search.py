"""Material's search plugin reads each built page faster (BRIEFING_FAST_SEARCH).

Material's built-in search cuts every page's HTML into sections with its `Parser`, a subclass of
`html.parser.HTMLParser`: pure Python that looks at the page a few characters at a time, then
handlers that search the list of open elements at every tag and every run of text. At 10,000
articles that is more of MkDocs' time per page than rendering the page itself. This module does
the same work in two steps, each checked against Material's own:

1. `tokens` finds the tags and the text between them with regular expressions, which run in C.
   It takes only HTML in the plain form MkDocs writes: every `<` opens a start tag (a name of
   letters and digits, attributes with quoted values or none) or an end tag, and there is no
   `script` or `style` element (HTMLParser reads their content as raw text). For such HTML it
   gives the handler calls HTMLParser makes, in the same order and with the same arguments: tag
   and attribute names lowercased, quoted values unquoted and unescaped, each run of text between
   two tags unescaped, in one call. Anything else (a comment, a declaration, a stray `<`, an
   unquoted value, a tag name with a dash) goes to HTMLParser whole, before any handler ran.
   A page is cut at its tags by one split, and each different tag is read once per process: the
   tags of a page repeat (`<p>`, `</li>`, a heading's permalink), and reading the page a token at a
   time took three quarters of a millisecond a page, this a sixth of that.
   It is used only with the version of Python's html.parser it was compared with
   (CHECKED_TOKENIZER); with any other, Material's parser runs as it is.
2. `sections` applies the handlers' rules to those calls, keeping a count of the open tags
   instead of searching them. It is used only with the version of Material's parser it was
   compared with (CHECKED_PARSER, a digest of that parser's source); with any other version the
   parser's own handlers take the tokens.

tests/test_fast_search.py compares both steps with Material's parser: on odd HTML, on HTML
built at random from tag and text pieces, and on every page of three archives.
"""
from __future__ import annotations

import hashlib
import html.parser
import inspect
import re
from html import escape as html_escape
from html import unescape

_WS = "[ \t\n\r\f]"  # HTMLParser stops a tag name at these; its `\s` also takes Unicode spaces
_ATTRS = rf"(?:{_WS}+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:{_WS}*={_WS}*(?:\"[^\"]*\"|'[^']*'))?)*"
# one whole tag: an end tag (its name) or a start tag (name, attributes, "/" when self-closing)
_TAG_GRAMMAR = rf"</([a-zA-Z][a-zA-Z0-9]*){_WS}*>|<([a-zA-Z][a-zA-Z0-9]*)({_ATTRS}){_WS}*(/?)>"
_TAG = re.compile(_TAG_GRAMMAR)
# one token, whole: a run of text or a tag
_TOKEN = re.compile(rf"(([^<]+)|{_TAG_GRAMMAR})")
_ATTR = re.compile(rf"{_WS}+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:{_WS}*={_WS}*(\"[^\"]*\"|'[^']*'))?")
_RAW_TEXT = frozenset({"script", "style"})  # HTMLParser's CDATA_CONTENT_ELEMENTS
# a page cut at its tags: text, `<` up to the next `>`, text, ... (`tokens`)
_TAG_PIECE = re.compile(r"(<[^>]*>)")

START, END, DATA = 0, 1, 2
# parser_digest of the search parser of mkdocs-material 9.8.1, which `sections` reproduces
# (tests/test_fast_search.py compares the two; a new version of Material must be compared again)
CHECKED_PARSER = "ee38d63715a3b11ff1cee3ba2d8ed380bbb26c9d16d24d0862821dfd2c8804cd"
# tokenizer_digest of Python 3.11.7's html.parser, whose handler calls `tokens` reproduces (the
# parser's rules change between Python versions: another one keeps Material's parser as it is)
CHECKED_TOKENIZER = "2fc512ae95bed2746b5ba3fabb14fcebf3114ff808ce97d96214ddd613b253da"

# A page's tags repeat their attributes (a chart's bars, the statements' blocks): each attribute
# text is read once per process, up to this many different ones
_ATTRIBUTES_KEPT = 8192
_attributes: dict[str, tuple] = {}
# and each tag's token (or _NOT_A_TAG), up to this many different tags (a page's links differ)
_TAGS_KEPT = 16384
_tags: dict[str, tuple] = {}
_NOT_A_TAG = ("not a tag",)


def _attributes_of(text: str) -> tuple:
    """A start tag's attributes as HTMLParser hands them over (names lowercased, values unquoted and
    unescaped, None for a bare name), from the text after its name."""
    found = _attributes.get(text)
    if found is None:
        found = tuple((name.lower(), None) if not value else
                      (name.lower(), unescape(value[1:-1]) if "&" in value else value[1:-1])
                      for name, value in _ATTR.findall(text))
        if len(_attributes) < _ATTRIBUTES_KEPT:
            _attributes[text] = found
    return found


def tokens(html: str) -> list[tuple] | None:
    """The handler calls HTMLParser (convert_charrefs=True) makes for `html`, as (START, tag, attrs,
    self_closing), (END, tag) and (DATA, text); None when `html` is not in the plain form (see above).
    A start tag's `attrs` list may be the one of another token of the same tag: read it, do not
    change it.

    The page is cut at its tags by one `re.split` (`<` to the next `>`), and each tag, which pages
    repeat (`<p>`, `</a>`, a heading's link), is read once per process (`_tag_token`). That reading
    is the one `_TOKEN` makes when every piece is a whole tag and no text holds a `<`: a tag's
    grammar has one parse, which ends at its first `>` unless a quoted value holds one. A page
    with such a value, or anything the cut does not take, is read by `_tokens_matched`."""
    parts = _TAG_PIECE.split(html)
    found: list[tuple] = []
    append = found.append
    known = _tags.get
    text = parts[0]
    if text:
        if "<" in text:
            return _tokens_matched(html)
        append((DATA, unescape(text) if "&" in text else text))
    for i in range(1, len(parts), 2):
        piece = parts[i]
        token = known(piece) or _tag_token(piece)
        if token is _NOT_A_TAG:
            return _tokens_matched(html)
        append(token)
        text = parts[i + 1]
        if text:
            if "<" in text:
                return _tokens_matched(html)
            append((DATA, unescape(text) if "&" in text else text))
    return found


def _tag_token(piece: str) -> tuple:
    """The token of one piece `<...>` of a page not read yet (kept in `_tags`), or _NOT_A_TAG."""
    m = _TAG.fullmatch(piece)
    token = _token_of(*m.groups()) if m is not None else _NOT_A_TAG
    if len(_tags) < _TAGS_KEPT:
        _tags[piece] = token
    return token


def _token_of(end_tag: str, tag: str, attributes: str, slash: str) -> tuple:
    """A tag's token from `_TAG_GRAMMAR`'s groups; _NOT_A_TAG for a `script` or `style` tag (whose
    content HTMLParser reads as raw text)."""
    if end_tag:
        return (END, end_tag.lower())
    tag = tag.lower()
    if tag in _RAW_TEXT:
        return _NOT_A_TAG
    return (START, tag, list(_attributes_of(attributes)) if attributes else [], slash == "/")


def _tokens_matched(html: str) -> list[tuple] | None:
    """`tokens`, by matching `_TOKEN` along the page: for a page the cut at `>` does not take.

    The tokens are taken with findall (no match object each) and are known to follow one another
    with no gap when their lengths add up to the page's: findall's matches never overlap."""
    found: list[tuple] = []
    append = found.append
    covered = 0
    for whole, text, end_tag, tag, attributes, slash in _TOKEN.findall(html):
        covered += len(whole)
        if text:
            append((DATA, unescape(text) if "&" in text else text))
        else:
            token = _token_of(end_tag, tag, attributes, slash)
            if token is _NOT_A_TAG:
                return None
            append(token)
    return found if covered == len(html) else None


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})  # Parser.keep
_ALWAYS_SKIPPED = ("script", "style", "object")


def sections(found: list[tuple], module) -> list:
    """Material's `Parser.data` for the handler calls `found`: its handlers' rules, worked out with
    tag names where they compare elements (their `Element` is equal to, and hashes as, its tag), and
    counts of the open tags instead of searching the list of them at every call. `module` is
    Material's search plugin module (its Element, Section, void tags and escape).

    Only a heading that begins a section is made an `Element` (the section keeps it); the other open
    elements are their tag names, with counts of the open `pre` elements and of the open permalinks
    (`<a class="headerlink">`, whose text a heading's title leaves out)."""
    Element, Section, void, escape = module.Element, module.Section, module.void, module.escape
    plain_escape = escape is html_escape  # then text without & < > is its own escape
    context: list = []  # the open elements' tags
    permalink: list = []  # for each of them, whether it is a permalink
    open_tags: dict[str, int] = {}  # tag -> how many of `context` have it
    permalinks = pre = 0  # how many open elements are permalinks, and `pre`
    skip = set(_ALWAYS_SKIPPED)  # tags whose content is left out
    skipped = 0  # how many open elements have one of those tags
    data: list = []
    section = None
    section_tag = None  # section.el.tag

    def preface():
        data.append(Section(Element("hx")))
        return data[-1], "hx"

    for token in found:
        kind = token[0]
        if kind == DATA:
            if skipped:
                continue
            text = token[1]
            space = text.isspace()
            if not pre:
                if space:
                    text = " "
                elif "\n" in text:
                    text = text.replace("\n", " ")
            if section is None:
                section, section_tag = preface()
            if open_tags.get(section_tag):  # inside the section's heading
                if permalinks:
                    continue
                target = section.title
            elif space:
                if not section.text or not section.text[-1].isspace() or pre:
                    section.text.append(text)
                continue
            else:
                target = section.text
            target.append(text if plain_escape and not ("&" in text or "<" in text or ">" in text)
                          else escape(text, quote=False))
            continue
        tag = token[1]
        if kind == START:
            pairs = token[2]
            attrs = dict(pairs) if pairs else _NO_ATTRIBUTES
            if tag not in void:
                context.append(tag)
                link = tag == "a" and attrs.get("class") == "headerlink"
                permalink.append(link)
                permalinks += link
                if tag == "pre":
                    pre += 1
                open_tags[tag] = open_tags.get(tag, 0) + 1
                if tag in skip:
                    skipped += 1
                if tag in _HEADINGS and "id" in attrs:
                    depth = len(context)
                    if tag != "h1" and not data:
                        section = Section(Element("hx"), depth)
                        data.append(section)
                    section = Section(Element(tag, attrs), depth)
                    section_tag = tag
                    if data:
                        section.id = attrs["id"]
                    data.append(section)
                if section is None:
                    section, section_tag = preface()
                excluded = False
                if pairs:
                    for key, value in attrs.items():
                        if key == "data-search-exclude" or (key == "class" and value == "linenodiv"):
                            if tag not in skip:
                                skip.add(tag)
                                skipped += open_tags[tag]
                            excluded = True
                            break
                if not excluded and tag in _KEEP and not skipped:
                    (section.title if open_tags.get(section_tag) else section.text).append(f"<{tag}>")
            if not token[3]:
                continue  # an end tag follows only <tag/>
        # an end tag
        if not context or context[-1] != tag:
            continue
        if section.depth > len(context):
            for earlier in reversed(data):
                if earlier.depth <= len(context):
                    section.depth = float("inf")
                    section = earlier
                    section_tag = section.el.tag
                    break
        context.pop()
        if permalink.pop():
            permalinks -= 1
        if tag == "pre":
            pre -= 1
        open_tags[tag] -= 1
        if tag in skip:
            skipped -= 1
            if tag not in _ALWAYS_SKIPPED:
                skip.discard(tag)
                skipped -= open_tags[tag]
            continue
        if tag in _KEEP and not skipped:
            target = section.title if open_tags.get(section_tag) else section.text
            index = target.index(f"<{tag}>")
            for i in range(index + 1, len(target)):
                if not target[i].isspace():
                    index = len(target)
                    break
            if len(target) > index:
                del target[index:]
            else:
                target.append(f"</{tag}>")
    return data


_NO_ATTRIBUTES: dict = {}  # a start tag's without any (read, never changed: only a heading's are kept)


_ahead: tuple[str, list] | None = None  # (a page's HTML, its sections): see expect


def expect(html: str, sections: list) -> None:
    """The next page the search parser reads is `html`, whose sections (the parser's `data`) a
    process forked from this one worked out ahead (render_ahead.py): the parser takes them when it
    is given exactly that HTML, and reads it itself otherwise."""
    global _ahead
    _ahead = (html, sections)


def expected() -> tuple[str, list] | None:
    """The (HTML, sections) `expect` was last told and the parser has not taken yet, or None."""
    return _ahead


def forget_expected() -> None:
    global _ahead
    _ahead = None


def sections_of(parser: type, html: str) -> list:
    """What the search parser (`search_parser`) makes of a page's HTML: its sections."""
    reader = parser()
    reader.feed(html)
    reader.close()
    return reader.data


def search_parser() -> type | None:
    """Material's search parser when it is the fast one (`use`), which takes sections worked out
    ahead; None otherwise."""
    module = _material_search_module()
    parser = getattr(module, "Parser", None) if module is not None else None
    return parser if getattr(parser, "original", None) is not None else None


def fast_parser(base: type, module=None) -> type:
    """A subclass of Material's search `Parser` (`base`) that tokenizes plain HTML itself and hands
    anything else to HTMLParser. With `module` (Material's search plugin module, when its parser
    is the one `sections` was checked against) it also works out the sections itself; without, its
    handlers are `base`'s own."""

    class FastParser(base):
        def feed(self, data: str) -> None:
            global _ahead
            if _ahead is not None and not self.rawdata:
                html, sections_ahead = _ahead
                _ahead = None
                if data == html:  # this page's sections, worked out ahead by this same parser
                    self.data = sections_ahead
                    return
            found = tokens(data) if not self.rawdata else None  # only a first, whole feed
            if found is None:
                super().feed(data)
                return
            if module is not None:
                try:
                    self.data = sections(found, module)
                    return
                except Exception:  # what Material's handlers do with it, error included
                    pass
            for token in found:
                kind = token[0]
                if kind == DATA:
                    self.handle_data(token[1])
                elif kind == START:
                    if token[3]:
                        self.handle_startendtag(token[1], list(token[2]))
                    else:
                        self.handle_starttag(token[1], list(token[2]))
                else:
                    self.handle_endtag(token[1])

    FastParser.__name__ = FastParser.__qualname__ = f"Fast{base.__name__}"
    FastParser.original = base
    return FastParser


# What Material's on_page_context strips from every page once it has read it (its own pattern).
SEARCH_ATTRIBUTES = r"\s?data-search-\w+=\"[^\"]+\""
_SEARCH_ATTRIBUTE = re.compile(SEARCH_ATTRIBUTES)


def strip_search_attributes(html: str) -> str:
    """`re.sub(SEARCH_ATTRIBUTES, "", html)`, tried only where "data-search-" is written. The pattern
    begins with an optional space, so re's search tries it at every character of the page (0.1 ms
    a page); a match can only begin at such a place or at the character before it, and only at or
    after the end of the match before (re.sub's matches never overlap)."""
    find, match = html.find, _SEARCH_ATTRIBUTE.match
    at = find("data-search-")
    if at == -1:
        return html
    pieces: list[str] = []
    last = 0
    while at != -1:
        m = (match(html, at - 1) if at - 1 >= last else None) or match(html, at)
        if m is None:
            at = find("data-search-", at + 1)
            continue
        pieces.append(html[last:m.start()])
        last = m.end()
        at = find("data-search-", last)
    pieces.append(html[last:])
    return "".join(pieces)


class _PluginRe:
    """The `re` of Material's search plugin module while `use` is on: re itself, but for the one
    substitution its on_page_context makes on every page, which `strip_search_attributes` makes
    with the same result."""

    def __getattr__(self, name: str):
        return getattr(re, name)

    @staticmethod
    def sub(pattern, repl, string, count=0, flags=0):
        if pattern == SEARCH_ATTRIBUTES and repl == "" and not count and not flags and type(string) is str:
            return strip_search_attributes(string)
        return re.sub(pattern, repl, string, count, flags)


_PLUGIN_RE = _PluginRe()


def _material_search_module():
    try:
        from material.plugins.search import plugin
    except ImportError:  # Material not installed (another theme): nothing to speed up
        return None
    return plugin


def parser_digest(module) -> str | None:
    """Digest of the source of Material's search parser (its handlers, Element, Section, void tags);
    None when its source cannot be read. Material's own parser, also once `use` put ours in its
    place (a build earlier in this process)."""
    try:
        parser = getattr(module.Parser, "original", module.Parser)
        text = "\0".join(inspect.getsource(part) for part in (parser, module.Element, module.Section))
    except (OSError, TypeError, AttributeError):
        return None
    return hashlib.sha256((text + "\0" + " ".join(sorted(module.void))).encode()).hexdigest()


def tokenizer_digest() -> str | None:
    """Digest of the source of Python's html.parser, whose handler calls `tokens` reproduces; None
    when it cannot be read."""
    try:
        return hashlib.sha256(inspect.getsource(html.parser).encode()).hexdigest()
    except (OSError, TypeError):
        return None


def use(enabled: bool) -> None:
    """Make Material's search read pages the fast way, or with HTMLParser again (each build sets
    it, so one long-lived process follows the setting). `sections` works out the sections only for
    the parser it was checked against (CHECKED_PARSER); another version of Material keeps its own
    handlers and gets the fast tokenizer alone; another version of Python's html.parser (whose
    handler calls `tokens` reproduces: CHECKED_TOKENIZER) keeps Material's parser as it is. The
    plugin's on_page_context then also strips the search attributes the quick way (`_PluginRe`),
    whatever the versions: the result is re.sub's."""
    module = _material_search_module()
    if module is None:
        return
    current = module.Parser
    original = getattr(current, "original", None)
    module.re = _PLUGIN_RE if enabled else re
    if enabled and original is None and tokenizer_digest() == CHECKED_TOKENIZER:
        checked = parser_digest(module) == CHECKED_PARSER
        module.Parser = fast_parser(current, module if checked else None)
    elif not enabled and original is not None:
        module.Parser = original
