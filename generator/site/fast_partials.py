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
into a relative one and what it gave, and the templates it loaded. Another page gets that HTML
instead of a new render only when

- it is outside the navigation (it is no page of `nav`, and no item of `nav` is active): the
  navigation's templates read `page` only to mark the active page, its section and its table of
  contents;
- the context variables read have the same values, `config`, `nav` and `lang` being those of the
  same build (the cache is the build's: a new Jinja environment, a new cache);
- the `url` filter gives this page the same result for every link the kept render passed it;
- every template the render loaded reads `page` only as Material 9.8.1's do: a template that
  reads `page` must be one of CHECKED (the digest of its source as compared), any other must not
  read it at all. A theme override or another Material version that reads the page in its
  navigation is rendered for every page, as MkDocs does;
- and no plugin but the archive's hook and a search plugin acts on pages (`alone`): another could
  change `config` or `nav` from one page to the next (a translation plugin switching the language,
  say), which a kept render would not see. With one, every page renders its own.

Then the HTML is the one Jinja would render. tests/test_fast_partials.py builds sites with and
without it and compares every file.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import jinja2
import jinja2.meta

# the partials rendered once for the pages outside the navigation
PARTIALS = ("partials/nav.html", "partials/tabs.html", "partials/logo.html", "partials/search.html",
            "partials/palette.html", "partials/source.html")
# Material 9.8.1's templates that read `page` (sha256 of their source), compared with what they read
# of it: whether it is one of a nav item's pages, the nav item itself or its index, and its table of
# contents when it is (partials/toc.html, loaded then only: not listed, so a render that loads it is
# not kept): nothing, for a page outside the navigation
CHECKED = {
    "partials/nav-item.html": "89895208f22d68ce405a4bcb6649b9150eba5bbb04663a6cb3f93f02daf1d2f7",
}
# read from the context but the same for every page of a build: the cache is the build's
SAME_IN_A_BUILD = frozenset({"config", "nav", "lang"})
MAX_KEPT = 16  # renders kept per partial: the pages outside the nav need one or two

_missing = object()


def source_digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


@dataclass
class _Render:
    """What one render of a partial read: the links, the templates, and the HTML it gave."""

    links: list = field(default_factory=list)  # (value given to `url`, its result)
    templates: dict = field(default_factory=dict)  # name -> Template loaded
    html: str = ""
    names: tuple = ()  # the context variables it read (not SAME_IN_A_BUILD, not `page`)
    values: tuple = ()  # their values, frozen


class PartialCache:
    """One build's kept partials, installed on its Jinja environment by `install`."""

    def __init__(self, env: jinja2.Environment) -> None:
        self.env = env
        self.kept: dict[str, list[_Render]] = {}
        self.recording: list[_Render] = []
        self.reads: dict[int, tuple[frozenset, bool]] = {}  # id(template) -> (variables, reads page safely?)
        self.outside: dict[int, frozenset] = {}  # id(nav) -> ids of its pages
        self.hits = self.renders = 0
        self.url = env.filters["url"]
        self._load = env.get_template

    # ------------------------------------------------------------------ installing

    def install(self) -> None:
        """Wrap the `url` filter and the loading of templates (to know what a render read), and each
        partial of PARTIALS the theme has."""
        url, recording = self.url, self.recording

        @jinja2.pass_context
        def url_filter(context, value):
            result = url(context, value)
            for render in recording:
                render.links.append((value, result))
            return result

        self.env.filters["url"] = url_filter
        self.env.get_template = self._get_template
        for name in PARTIALS:
            try:
                template = self._load(name)
            except jinja2.TemplateNotFound:
                continue
            template.root_render_func = self._kept(name, template.root_render_func)

    def _get_template(self, name, parent=None, globals=None):
        template = self._load(name, parent, globals)
        for render in self.recording:
            render.templates[template.name or str(name)] = template
        return template

    # ------------------------------------------------------------------ rendering

    def _kept(self, name: str, render_func):
        def root(context):
            page = context.get("page")
            if not self._outside_nav(context.get("nav"), page):
                yield from render_func(context)
                return
            for kept in self.kept.get(name, ()):
                if self._same(kept, context):
                    self.hits += 1
                    for outer in self.recording:  # what it read, an enclosing render read too
                        outer.links.extend(kept.links)
                        outer.templates.update(kept.templates)
                    yield kept.html
                    return
            yield from self._record(name, render_func, context)

        return root

    def _record(self, name: str, render_func, context):
        render = _Render()
        render.templates[name] = self._load(name)
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
        kept = self.kept.setdefault(name, [])
        if names is not None and len(kept) < MAX_KEPT:
            frozen = tuple(_freeze(given.get(n, _missing)) for n in names)
            if all(v is not None for v in frozen):
                render.html, render.names, render.values = html, names, frozen
                kept.append(render)
        yield html

    def _same(self, kept: _Render, context) -> bool:
        if tuple(_freeze(context.get(n, _missing)) for n in kept.names) != kept.values:
            return False
        return all(self.url(context, value) == result for value, result in kept.links)

    def _names(self, render: _Render) -> tuple | None:
        """The context variables the render's templates read, but for those the same in a build and
        `page`; None when one of them reads `page` unchecked."""
        names: set[str] = set()
        for template in render.templates.values():
            found = self._reads(template)
            if found is None:
                return None
            names |= found
        return tuple(sorted(names - SAME_IN_A_BUILD - {"page"}))

    def _reads(self, template) -> frozenset | None:
        known = self.reads.get(id(template))
        if known is None:
            source = _source(self.env, template)
            try:
                if source is None:  # a template made from a string: what it reads cannot be known
                    raise jinja2.TemplateError(template.name)
                variables = frozenset(jinja2.meta.find_undeclared_variables(self.env.parse(source)))
            except jinja2.TemplateError:
                known = (frozenset(), False)
            else:
                safe = "page" not in variables or CHECKED.get(template.name) == source_digest(source)
                known = (variables, safe)
            self.reads[id(template)] = known
        variables, safe = known
        return variables if safe else None

    def _outside_nav(self, nav, page) -> bool:
        if nav is None:
            return True
        pages = self.outside.get(id(nav))
        if pages is None:
            pages = self.outside[id(nav)] = frozenset(id(p) for p in getattr(nav, "pages", ()))
        if id(page) in pages:
            return False
        return not any(item.active for item in _items(getattr(nav, "items", ())))


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


def _freeze(value):
    """A value to compare between pages (lists as tuples); None when it cannot be compared by value."""
    if value is _missing or value is None or isinstance(value, (str, int, float, bool)):
        return ("v", value) if value is not _missing else ("missing",)
    if isinstance(value, jinja2.Undefined):
        return ("undefined",)
    if isinstance(value, (list, tuple)):
        items = tuple(_freeze(v) for v in value)
        return None if any(i is None for i in items) else ("seq", items)
    return None


# the events a plugin could act on a page's context in, before its template is rendered
PAGE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content", "page_context")
SEARCH_PLUGINS = ("material.plugins.search", "mkdocs.contrib.search")


def alone(config, hook) -> bool:
    """Only `hook` and a search plugin (which reads a page's HTML and removes its search attributes)
    handle the page events of this configuration."""
    events = config.plugins.events
    for name in PAGE_EVENTS:
        for method in events.get(name, []):
            owner = getattr(method, "__self__", None)
            if owner is not hook and not type(owner).__module__.startswith(SEARCH_PLUGINS):
                return False
    return True


def install(env: jinja2.Environment) -> PartialCache:
    """Keep the partials of PARTIALS for this environment's builds of pages outside the navigation."""
    cache = PartialCache(env)
    cache.install()
    return cache
