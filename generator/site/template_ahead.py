"""The theme's templates are rendered for a share of the pages on a second core (BRIEFING_TEMPLATE_AHEAD).

Once MkDocs has read every page (the hook's on_env), it renders the theme's templates for each
page, one after another: at 1,000 articles more than half of `mkdocs build`'s own time, on one core
while the other idles (render_ahead.py shares the reading of the pages, not this). So one forked
process renders the pages' templates from the last page backward and hands each page's output
back (forked.py); MkDocs, from the first, takes a page's output when the process has it and renders
the page itself otherwise, never waiting. A counter both share tells the process which page MkDocs
has reached: it stops there, and no page is rendered twice but the one each was on as they met.
The process also works out the search sections of its pages that have none yet (render_ahead.py's
process, stopped once every page is read, found them for the pages it had done by then), so the
search plugin takes them instead of reading the page again.

Why each page comes out byte for byte as MkDocs would build it alone:

- the process is forked once every page is read and the hook has made the theme's environment
  ready, as the last of the env handlers, so it has the same files, navigation (the nav handlers'
  last is the hook's too), configuration, pages and templates. Between then and a page's turn,
  MkDocs changes nothing its template reads: it marks the page it builds active (the process does
  the same), and the hook empties each page's HTML once it is written, where the HTML of a page not
  yet built waits packed aside (hook.py): in both, every other page's `content` is "";
- the page's context is made as MkDocs makes it (its own `get_context`, the same template) and
  goes through what the page_context handlers do to it and to the page: these must be only the
  hook's (the very method that gives the page its HTML back, `give_html_back`) and a search
  plugin's (run as they are, on the same sections); the same two alone may handle the events
  that run meanwhile for earlier pages or the theme's own templates (post_page, pre_template,
  template_context, post_template: BETWEEN); with any other plugin there, nothing is rendered
  ahead. Nothing but the theme's own template for the page reads the context then;
- an output is taken only for the page's HTML as MkDocs holds it when it renders the template
  (compared by hash: the process is a fork, its strings hash alike) and from the template MkDocs
  loads for it, and never when anything was logged (or warned) working it out (the build must log
  it, as a build without this would) or it failed;
- tests/test_template_ahead.py builds sites with and without and compares every file.

It runs only when `mkdocs build` has no other thread (a fork copies locks another thread may hold:
`mkdocs serve` builds alone), not for `--dirty` builds (MkDocs skips unmodified pages there), and for
at least `render_ahead_min` pages.
"""
from __future__ import annotations

import mmap
import pickle
import struct
from dataclasses import dataclass

from mkdocs.commands.build import get_context

from generator import settings
from generator.cores import cores, may_fork
from generator.site import fast_search
from generator.site.forked import ForkedWork, log, quietly
from generator.site.render_ahead import by_search_plugin, handled_only_by, nothing_after, search_reads_pages


@dataclass
class Rendered:
    """One page's template output, rendered ahead."""

    template: str  # the name of the template that rendered it
    content_hash: int  # hash(page.content) it was rendered with
    output: str  # what the template gave (before the post_page handlers, which run in the build)
    sections: bytes | None  # the search parser's sections of the page's HTML, when it had none yet,
    # pickled before the search plugin read them (it may fill in what it finds missing)
    worked_out: tuple | None = None  # what the page cache's record takes from the output (PageCache.worked_out)


# Events whose handlers run, for pages or the theme's own templates, between the fork and a page's
# turn, or on the page's context: only the hook's and a search plugin's are known not to change
# anything a page's template reads.
BETWEEN = ("page_context", "post_page", "pre_template", "template_context", "post_template")


def _known_handlers(config, hook) -> bool:
    """Only the hook and a search plugin handle the events of BETWEEN, and the navigation and the
    theme's environment are what the hook left them (no nav or env handler comes after its own)."""
    return (handled_only_by(config, hook, BETWEEN) and nothing_after(config, hook, "nav")
            and nothing_after(config, hook, "env"))


def wanted(config, hook, doc_files: list, dirty: bool) -> bool:
    """Whether to render a share of the templates of `doc_files` (the pages MkDocs is about to build)
    ahead: it pays and can be trusted (see the docstring)."""
    config_now = settings.current()
    return (config_now.template_ahead and not dirty and len(doc_files) >= config_now.render_ahead_min
            and may_fork(cores()) and _known_handlers(config, hook))


def start(config, nav, env, doc_files: list, hook) -> TemplateAhead | None:
    """Fork the process that renders a share of the templates of `doc_files`, in MkDocs' order (once
    `wanted`); None when there is no process to be had."""
    try:
        return TemplateAhead(config, nav, env, doc_files, hook)
    except OSError as exc:  # no shared memory, temporary file, pipe or process: MkDocs renders every page
        log.debug(f"Briefing archive: no templates rendered ahead ({exc})")
        return None


class TemplateAhead:
    """The forked process, and where the build has got to."""

    def __init__(self, config, nav, env, doc_files: list, hook) -> None:
        self.position = {file.src_uri: index for index, file in enumerate(doc_files)}
        self.taken = 0
        self.reached = mmap.mmap(-1, 8)  # anonymous and shared: the build writes, the process reads
        self._reach(-1)
        search = search_reads_pages(config)

        def work(emit) -> None:
            if env.bytecode_cache is not None:  # the build keeps what it compiles; a killed process writes nothing
                env.bytecode_cache.dump_bytecode = lambda bucket: None
            parser = fast_search.search_parser() if search else None
            handlers = [method for method in config.plugins.events.get("page_context", []) if by_search_plugin(method)]
            for index in range(len(doc_files) - 1, -1, -1):
                if index <= self._where():  # the build has got here: the rest is its own
                    break
                file = doc_files[index]
                if file.page is None or file.inclusion.is_excluded():
                    continue
                emit(index, _render(file.page, config, nav, env, doc_files, hook, handlers, parser))

        try:
            self.work = ForkedWork(work)
        except OSError:
            self.reached.close()
            raise

    def _reach(self, index: int) -> None:
        struct.pack_into("q", self.reached, 0, index)

    def _where(self) -> int:
        return struct.unpack_from("q", self.reached, 0)[0]

    def reach(self, page) -> None:
        """The build is at this page (the hook's on_page_context, before the search plugin reads it):
        the process stops before it; the page's output, when the process has it, waits on the page
        for its template (`install`), and its search sections for the search plugin."""
        page.briefing_rendered = None
        index = self.position.get(page.file.src_uri)
        if index is None:
            return
        self._reach(index)
        result = self.work.take(index)
        if result is None:
            return
        page.briefing_rendered = result
        if result.sections is not None and fast_search.expected() is None:
            fast_search.expect(page.content, pickle.loads(result.sections))

    def install(self, env) -> None:
        """From now on, in this process, a page's template gives the output rendered ahead when
        there is one for the page's HTML as it is then."""
        get_template = env.get_template

        def taking(name, parent=None, globals=None):
            template = get_template(name, parent, globals)
            return template if parent is not None else _Taking(template, self)

        env.get_template = taking

    def close(self) -> None:
        if self.taken:
            log.info(f"Briefing archive: the templates of {self.taken} pages rendered ahead on a second core")
        self.work.close()
        if not self.reached.closed:
            self.reached.close()


class _Taking:
    """A template as MkDocs loads it for a page: its output rendered ahead, when it is for this very
    page and HTML; anything else is the template's own."""

    def __init__(self, template, ahead: TemplateAhead) -> None:
        self.template, self.ahead = template, ahead

    def render(self, *args, **kwargs) -> str:
        context = args[0] if len(args) == 1 and not kwargs else None
        page = context.get("page") if isinstance(context, dict) else None
        result = getattr(page, "briefing_rendered", None)
        if result is not None:
            page.briefing_rendered = None
            if result.template == self.template.name and result.content_hash == hash(page.content):
                self.ahead.taken += 1
                if result.worked_out is not None:  # for the page cache's record of this very output
                    page.briefing_worked_out = (result.output, result.worked_out)
                return result.output
        return self.template.render(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.template, name)


def _render(page, config, nav, env, doc_files: list, hook, handlers: list, parser) -> Rendered | None:
    """In the forked process: the page's template output as MkDocs' `_build_page` would render it,
    or None (anything logged, or failed: the build renders it)."""

    def step() -> Rendered:
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        hook.give_html_back(page)
        sections = None
        if parser is not None and fast_search.expected() is None:
            found = fast_search.sections_of(parser, page.content)
            sections = pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)
            fast_search.expect(page.content, found)
        for handler in handlers:
            context = handler(context, page=page, config=config, nav=nav) or context
        output = template.render(context)
        cache = getattr(hook, "page_cache", None)
        worked_out = cache.worked_out(page, output) if cache is not None else None
        return Rendered(template.name, hash(page.content), output, sections, worked_out)

    config._current_page = page
    page.active = True
    try:
        rendered, logged = quietly(step)
    except Exception:
        return None
    finally:
        page.active = False
        config._current_page = None
        page.content = ""
        fast_search.forget_expected()
    return None if logged else rendered
