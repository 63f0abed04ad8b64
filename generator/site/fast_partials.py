"""MkDocs renders the theme's site-wide partials once for the many pages that share them
(BRIEFING_FAST_PARTIALS).

Material renders the whole navigation, the tabs and the header's logo, palette toggles and search
box again for every page: at 1,000 articles about a quarter of the time MkDocs spends on a page
(the navigation alone 14 %). Most pages of the archive (every article, actor, base, outlet, event
and record page) are outside the navigation, and for such a page none of these partials depends on
the page except through the relative links MkDocs' `url` filter makes from it.

So each partial of PARTIALS, the first time a page renders it, is kept with what its HTML was made
from: the values of the context variables its templates read (the ones they did not set
themselves: `features`, a local of the including template...), every link the `url` filter turned
into a relative one and what it gave, and the templates it loaded (by `get_template` or
`select_template`). Another page gets that HTML instead of a new render only when

- it is outside the navigation (it is no page of `nav`, and no item of `nav` is active): the
  navigation's templates read `page` only to mark the active page, its section and its table of
  contents;
- the context variables read have the same values and types (1, 1.0 and True render differently;
  a str and Markup escape differently); `config` and `nav` are the very objects the kept render
  had, and `lang` an imported template that reads nothing but `config`;
- the `url` filter gives this page the same result for every link the kept render passed it;
- every template the render loaded reads the page only through `url`: it is one of CHECKED
  (Material 9.8.1's that read `page`, the digest of its source as compared), or it reads no
  `page`, uses no other filter, test or function that Jinja hands the context to, and no private
  attribute of `config` or `nav` (MkDocs keeps the page being built as `config._current_page`).
  A theme override or another Material version that reads the page otherwise is rendered for
  every page, as MkDocs does;
- the partial is included, not imported (`{% import %}` reads the names its body sets);
- and no plugin but the archive's hook and a search plugin acts on pages (`alone`): another could
  change `config` or `nav` from one page to the next (a translation plugin switching the language,
  say), which a kept render would not see. With one, every page renders its own.

A language of Material's (`partials/languages/*.html`), when its syntax tree is one macro `t(key)`
giving a dict of constants indexed by `key`, gives each key's text as it gave it first
(`_remembering_translations`): the macro built its dict of some eighty texts at every call.

Then the HTML is the one Jinja would render. tests/test_fast_partials.py builds sites with and
without it and compares every file.
"""
from __future__ import annotations

import functools
import hashlib
import sys
from dataclasses import dataclass, field

import jinja2
import jinja2.meta
from jinja2 import nodes
from jinja2.environment import TemplateModule
from markupsafe import Markup

from generator.site.render_ahead import handled_only_by

# the partials rendered once for the pages outside the navigation
PARTIALS = frozenset({"partials/nav.html", "partials/tabs.html", "partials/logo.html", "partials/search.html",
                      "partials/palette.html", "partials/source.html"})
# Material 9.8.1's templates that read `page` (sha256 of their source), compared with what they read
# of it: whether it is one of a nav item's pages, the nav item itself or its index, and its table of
# contents when it is (partials/toc.html, loaded then only: not listed, so a render that loads it is
# not kept): nothing, for a page outside the navigation
CHECKED = {
    "partials/nav-item.html": "89895208f22d68ce405a4bcb6649b9150eba5bbb04663a6cb3f93f02daf1d2f7",
}
# objects the same for every page of a build (the cache is the build's): compared by identity, so that
# an including template that gives a partial another one (`{% with nav = ... %}`) is not mistaken
BY_IDENTITY = frozenset({"config", "nav"})
TRANSLATIONS = "partials/languages/"  # Material's languages: each a macro `t` giving a key's text
CONTEXT_FILTERS = frozenset({"url"})  # the one filter that reads the page's context and is checked
MAX_KEPT = 16  # renders kept per partial: the pages outside the nav need one or two
MAX_DEPTH = 8  # nesting of a compared value (lists of lists): deeper, not compared, so not kept

_missing = object()
_MODULE_CODE = TemplateModule.__init__.__code__  # `{% import %}` runs a template's body from here


def source_digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


@dataclass
class _Render:
    """What one render of a partial read: the links, the templates, and the HTML it gave."""

    links: list = field(default_factory=list)  # (value given to `url`, its result)
    templates: dict = field(default_factory=dict)  # id -> Template loaded
    html: str = ""
    names: tuple = ()  # the context variables it read (not `page`)
    values: tuple = ()  # their values, frozen (`_token`)


class PartialCache:
    """One build's kept partials, installed on its Jinja environment by `install`."""

    def __init__(self, env: jinja2.Environment) -> None:
        self.env = env
        self.kept: dict[str, list[_Render]] = {}
        self.recording: list[_Render] = []
        self.reads: dict[int, tuple] = {}  # id(template) -> (template, variables or None: not safe)
        self.wrapped: dict[int, jinja2.Template] = {}  # id -> each partial and language met (kept alive)
        self.outside: dict[int, tuple] = {}  # id(nav) -> (nav, ids of its pages)
        self.modules: dict[str, tuple | None] = {}  # an imported template's name -> its token
        self.links_of: tuple = (None, {})  # ((id(page), base_url), {link: what `url` gives that page})
        self.hits = self.renders = 0
        self.templates: dict[tuple, jinja2.Template] = {}  # (name, parent) -> env.get_template's answer
        self.url = env.filters["url"]
        self._get = env.get_template
        self._select = env.select_template

    # ------------------------------------------------------------------ installing

    def install(self) -> None:
        """Wrap the `url` filter and the loading of templates: a render's links and templates are
        recorded, and each partial of PARTIALS is wrapped as it is first loaded."""
        url, recording = self.url, self.recording

        @jinja2.pass_context
        def url_filter(context, value):
            result = url(context, value)
            for render in recording:
                render.links.append((value, result))
            return result

        self.env.filters["url"] = url_filter
        self.env.get_template = self._get_template
        self.env.select_template = self._select_template

    def _get_template(self, name, parent=None, globals=None):
        if globals or self.env.auto_reload or not isinstance(name, str):
            return self._loaded(self._get(name, parent, globals))
        # Material's pages include and import some 35 templates each: the environment's answer, which
        # cannot change when it does not reload templates, looked up once (its own lookup, a lock and
        # a weak reference a time, was a fiftieth of a page's rendering)
        key = (name, parent)
        template = self.templates.get(key)
        if template is None:
            template = self.templates[key] = self._get(name, parent)
        return self._loaded(template)

    def _select_template(self, names, parent=None, globals=None):
        return self._loaded(self._select(names, parent, globals))

    def _loaded(self, template):
        for render in self.recording:
            render.templates[id(template)] = template
        if template.name in PARTIALS and id(template) not in self.wrapped:
            self.wrapped[id(template)] = template
            template.root_render_func = self._kept(template)
        elif template.name.startswith(TRANSLATIONS) and id(template) not in self.wrapped:
            self.wrapped[id(template)] = template
            if self._translations_only(template):
                template.make_module = _remembering_translations(template.make_module)
        return template

    def _translations_only(self, template) -> bool:
        """Whether the template is a language of Material's: nothing but `{% macro t(key) %}{{ {...}[key]
        }}{% endmacro %}` with a dict of constants, so that what `t` gives depends on its key alone."""
        try:
            body = self.env.parse(self.env.loader.get_source(self.env, template.name)[0]).body
        except Exception:  # noqa: BLE001  (not read, not known: rendered as it is)
            return False
        macros = [node for node in body if not (isinstance(node, nodes.Output) and all(
            isinstance(part, nodes.TemplateData) and not part.data.strip() for part in node.nodes))]
        if len(macros) != 1 or not isinstance(macros[0], nodes.Macro):
            return False
        macro = macros[0]
        if macro.name != "t" or [arg.name for arg in macro.args] != ["key"] or macro.defaults or len(macro.body) != 1:
            return False
        output = macro.body[0]
        if not isinstance(output, nodes.Output) or len(output.nodes) != 1:
            return False
        lookup = output.nodes[0]
        return (isinstance(lookup, nodes.Getitem) and isinstance(lookup.node, nodes.Dict)
                and isinstance(lookup.arg, nodes.Name) and lookup.arg.name == "key"
                and all(isinstance(pair.key, nodes.Const) and isinstance(pair.value, nodes.Const)
                        for pair in lookup.node.items))

    # ------------------------------------------------------------------ rendering

    def _kept(self, template):
        name, render_func = template.name, template.root_render_func

        def root(context):
            if sys._getframe(1).f_code is _MODULE_CODE:  # imported: its names are read after its body
                return render_func(context)
            if not self._outside_nav(context.get("page"), context.get("nav")):
                return render_func(context)
            for kept in self.kept.get(name, ()):
                if self._same(kept, context):
                    self.hits += 1
                    for outer in self.recording:  # what it read, an enclosing render read too
                        outer.links.extend(kept.links)
                        outer.templates.update(kept.templates)
                    return _once(kept.html)
            return self._record(template, render_func, context)

        return root

    def _record(self, template, render_func, context):
        render = _Render()
        render.templates[id(template)] = template
        given = dict(context.get_all())  # as given: a top-level `set` of the template changes the context
        self.recording.append(render)
        try:
            html = "".join(render_func(context))
        finally:
            self.recording.remove(render)
        self.renders += 1
        for outer in self.recording:
            outer.links.extend(render.links)
            outer.templates.update(render.templates)
        names = self._names(render)
        kept = self.kept.setdefault(template.name, [])
        if names is not None and len(kept) < MAX_KEPT:
            values = tuple(self._token(n, given.get(n, _missing)) for n in names)
            if all(v is not None for v in values):
                render.html, render.names, render.values = html, names, values
                render.links = _distinct(render.links)
                kept.append(render)
        yield html

    def _same(self, kept: _Render, context) -> bool:
        if tuple(self._token(n, context.get(n, _missing)) for n in kept.names) != kept.values:
            return False
        return all(self._url_for(context, value) == result for value, result in kept.links)

    def _url_for(self, context, value):
        """What the `url` filter gives this page for `value`, worked out once per page: the partials
        of one page check mostly the same links (the navigation's and the tabs')."""
        page = (id(context.get("page")), context.get("base_url"))
        if page != self.links_of[0]:
            self.links_of = (page, {})
        known = self.links_of[1]
        try:
            found = known.get(value, _missing)
        except TypeError:  # not hashable: worked out each time
            return self.url(context, value)
        if found is _missing:
            found = known[value] = self.url(context, value)
        return found

    def _token(self, name: str, value):
        """A context value as compared between pages; None when it cannot be."""
        if name in BY_IDENTITY and value is not _missing:
            return ("id", id(value))
        if isinstance(value, TemplateModule):  # `lang`: an imported template's macros, made per page
            token = self.modules.get(value.__name__, _missing)
            if token is _missing:
                template = self._get(value.__name__) if value.__name__ else None
                read = self._reads(template) if template is not None else None
                token = self.modules[value.__name__] = (
                    None if read is None or not read <= {"config"} else ("module", value.__name__))
            return token
        return _freeze(value)

    def _names(self, render: _Render) -> tuple | None:
        """The context variables the render's templates read, but `page`; None when one of them reads
        `page` unchecked, or the page's context through another filter, test or function."""
        names: set[str] = set()
        for template in render.templates.values():
            found = self._reads(template)
            if found is None:
                return None
            names |= found
        return tuple(sorted(names - {"page"}))

    def _reads(self, template) -> frozenset | None:
        known = self.reads.get(id(template))
        if known is None:
            known = self.reads[id(template)] = (template, self._analyse(template))
        return known[1]

    def _analyse(self, template) -> frozenset | None:
        source = _source(self.env, template)
        if source is None:  # a template made from a string: what it reads cannot be known
            return None
        try:
            tree = self.env.parse(source)
        except jinja2.TemplateError:
            return None
        variables = frozenset(jinja2.meta.find_undeclared_variables(tree))
        if CHECKED.get(template.name) == source_digest(source):  # compared as a whole (its `_` is a
            return variables  # namespace it sets, not the gettext function of that name)
        if "page" in variables:
            return None
        if any(_reads_context(self.env.filters.get(node.name)) and node.name not in CONTEXT_FILTERS
               for node in tree.find_all(nodes.Filter)):
            return None
        if any(_reads_context(self.env.tests.get(node.name)) for node in tree.find_all(nodes.Test)):
            return None
        if any(_reads_context(self.env.globals.get(node.name)) for node in tree.find_all(nodes.Name)):
            return None
        if any(isinstance(node.node, nodes.Name) and node.node.name in BY_IDENTITY and _private(node)
               for node in (*tree.find_all(nodes.Getattr), *tree.find_all(nodes.Getitem))):
            return None  # MkDocs keeps the page being built on the configuration (config._current_page)
        return variables

    def _outside_nav(self, page, nav) -> bool:
        if nav is None:
            return True
        known = self.outside.get(id(nav))
        if known is None:
            known = self.outside[id(nav)] = (nav, frozenset(id(p) for p in getattr(nav, "pages", ())))
        if id(page) in known[1]:
            return False
        return not any(getattr(item, "active", False) for item in _items(getattr(nav, "items", ())))


def _private(node) -> bool:
    """`x._name` or `x["_name"]`, or `x[...]` with a name not written out."""
    if isinstance(node, nodes.Getattr):
        return node.attr.startswith("_")
    return not (isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str)
                and not node.arg.value.startswith("_"))


def _distinct(links: list) -> list:
    """Each (link, result) once, in order (a render passes the home page's link several times)."""
    seen, out = set(), []
    for pair in links:
        try:
            if pair in seen:
                continue
            seen.add(pair)
        except TypeError:  # not hashable: kept as it is
            pass
        out.append(pair)
    return out


def _once(html: str):
    """A kept render as Jinja's include reads a template's body: a generator (it closes it)."""
    yield html


def _reads_context(function) -> bool:
    """A filter, test or global function Jinja hands the template context to (the page's)."""
    return getattr(function, "jinja_pass_arg", None) is jinja2.utils._PassArg.context


def _items(items):
    for item in items:
        yield item
        yield from _items(getattr(item, "children", None) or ())


def _source(env, template) -> str | None:
    """The template's source as its loader gives it; None when it has none (made from a string)."""
    if not template.name or env.loader is None:
        return None
    try:
        return env.loader.get_source(env, template.name)[0]
    except (jinja2.TemplateNotFound, OSError):
        return None


def _freeze(value, depth: int = 0):
    """A value to compare between pages, its type included (1, 1.0 and True render differently, and a
    str and Markup escape differently); None when it cannot be compared by value."""
    if value is _missing:
        return ("missing",)
    if isinstance(value, jinja2.Undefined):
        return ("undefined", type(value).__name__, value._undefined_name)
    if value is None or type(value) in (str, Markup, int, float, bool):
        return (type(value).__name__, value)
    if type(value) in (list, tuple) and depth < MAX_DEPTH:
        items = tuple(_freeze(v, depth + 1) for v in value)
        return None if any(i is None for i in items) else (type(value).__name__, items)
    return None


# the events a plugin could act on a page's context in, before its template is rendered
PAGE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content", "page_context")


def alone(config, hook) -> bool:
    """Only `hook` and a search plugin handle the page events of this configuration."""
    return handled_only_by(config, hook, PAGE_EVENTS)


def _remembering_translations(make_module):
    """`make_module` whose modules' `t` gives each key's text as it gave it the first time: Material's
    `t` builds its dict of some eighty texts again at every call, some twenty calls a page (0.1 ms a
    page, 1.9 s of CPU in a build of 18,000 pages). Only for a template `_translations_only` found to
    be that dict and nothing else; a call with other arguments goes to the macro."""

    @functools.wraps(make_module)
    def remembering(*args, **kwargs):
        module = make_module(*args, **kwargs)
        macro, texts = module.t, {}

        def t(*args, **kwargs):
            if len(args) != 1 or kwargs or type(args[0]) is not str:
                return macro(*args, **kwargs)
            text = texts.get(args[0], _missing)
            if text is _missing:
                text = texts[args[0]] = macro(args[0])
            return text

        module.t = t
        return module

    return remembering


def install(env: jinja2.Environment) -> PartialCache:
    """Keep the partials of PARTIALS for this environment's builds of pages outside the navigation."""
    cache = PartialCache(env)
    cache.install()
    return cache
