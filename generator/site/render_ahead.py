"""The pages MkDocs builds are worked out ahead on a second core (BRIEFING_RENDER_AHEAD).

MkDocs builds one page after another in one process: on a two-core machine one core idles
through `mkdocs build`. Most of the time a generated page takes is pure work on its own text:
its HTML from cmark-gfm with headings and links (fast_render.py), the sanitiser (sanitize.py)
and the search plugin's sections (fast_search.py). Once the navigation is settled (the hook's
on_nav), one forked process works these out for the generator's pages MkDocs is about to build,
from the last to the first, handing each back as it goes (forked.py: in a file, read by MkDocs only
when it reaches the page). MkDocs reads its pages from the first: reaching one the process has
done, it takes the result instead of working it out; one not
done yet it works out itself, without waiting. The two meet somewhere in the middle, wherever the
speed of each puts the meeting, and no page is worked out twice but the one each was on then.
For a page MkDocs worked out itself, the search sections the process found for it since are
taken too when the search plugin reads the page (MkDocs does that later, with the templates). When
template_ahead.py takes the second core for the templates, this process is stopped once every page
is read (`settle`): what it wrote is still taken.

Why a page comes out byte for byte as MkDocs would build it alone:

- the process is forked after MkDocs listed the files and built the navigation, so it renders with
  the same files, configuration, settings and renderer;
- a result is taken only for the very Markdown it was worked out from (compared whole: a page's
  Markdown MkDocs reads after the fork is the one it compares), the sanitised HTML only when the
  hook is the one `on_pre_page`, `on_page_markdown` and `on_page_content` handler (no plugin can
  have changed the HTML between the two), the search sections only when the search parser is
  handed exactly that HTML;
- a page whose rendering logs anything (a link MkDocs warns about or notes: the build must log it)
  or that is not the generator's as it wrote it is not worked out ahead;
- tests/test_render_ahead.py builds sites with and without and compares every file.

When the forked process fails or is gone, MkDocs works the pages out itself. It runs
only when `mkdocs build` has no other thread (a fork copies locks another thread may hold:
`mkdocs serve` builds alone) and at least `render_ahead_min` pages are to be built.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils import meta

from generator import settings
from generator.cores import cores, may_fork
from generator.site import fast_search
from generator.site.fast_render import Converted, Renderer, split_generated
from generator.site.forked import ForkedWork, log, quietly
from generator.site.sanitize import sanitize_html
from generator.write.journal import file_digest


@dataclass
class Ahead:
    """One page worked out ahead."""

    markdown: str  # what it was worked out from
    converted: Converted  # fast_render's result, without its content (sanitised in `html`)
    html: str  # the page's HTML, sanitised
    sections: list | None  # the search parser's sections of `html`, or None


SEARCH_PLUGINS = ("material.plugins.search", "mkdocs.contrib.search")  # the modules of the search plugins


def by_search_plugin(method) -> bool:
    """An event handler of a search plugin (which reads a page's HTML, and removes its search attributes)."""
    return type(getattr(method, "__self__", None)).__module__.startswith(SEARCH_PLUGINS)


def handled_only_by(config, hook, names, search: bool = True) -> bool:
    """Every handler of these events is the hook's, or (with `search`) a search plugin's: no other
    plugin sees or changes what they pass along."""
    events = config.plugins.events
    return all(getattr(method, "__self__", None) is hook or (search and by_search_plugin(method))
               for name in names for method in events.get(name, []))


def nothing_after(config, hook, name: str) -> bool:
    """No handler of this event runs after the hook's: what the hook's leaves (the navigation, the
    theme's environment) is what MkDocs goes on with."""
    handlers = config.plugins.events.get(name, [])
    mine = [i for i, method in enumerate(handlers) if getattr(method, "__self__", None) is hook]
    return not handlers[(mine[-1] if mine else len(handlers)) + 1:]


def _ours_alone(config, hook) -> bool:
    """The hook is the only handler of the events between reading a page and its sanitised HTML,
    the search plugin the only other one that reads the HTML, and the navigation the hook's
    (a handler after its on_nav could change the files the forked process renders with)."""
    return (handled_only_by(config, hook, ("pre_page", "page_read_source", "page_markdown", "page_content"),
                            search=False)
            and nothing_after(config, hook, "nav") and handled_only_by(config, hook, ("page_context",)))


def search_reads_pages(config) -> bool:
    """Whether a search plugin reads the built pages (the hook turns it off for Pagefind)."""
    return any(getattr(getattr(getattr(m, "__self__", None), "config", None), "enabled", True) is not False
               for m in config.plugins.events.get("page_context", [])
               if type(getattr(m, "__self__", None)).__module__.startswith("material.plugins.search"))


def start(config, files, pages: list, renderer: Renderer, owned: dict, hook) -> RenderAhead | None:
    """Fork the process that works out a share of `pages` (the Files MkDocs is about to build),
    or None when it would not pay or could not be trusted (see the docstring)."""
    config_now = settings.current()
    if not config_now.render_ahead or len(pages) < config_now.render_ahead_min or not may_fork(cores()):
        return None
    if not _ours_alone(config, hook):
        return None
    share = [file for file in pages if owned.get(file.src_uri)]  # the generator's pages: see _ahead
    if not share:
        return None
    try:
        return RenderAhead(config, files, share, renderer, owned, search=search_reads_pages(config))
    except OSError as exc:  # no temporary file, pipe or process: MkDocs builds every page itself
        log.debug(f"Briefing archive: no pages worked out ahead ({exc})")
        return None


class RenderAhead:
    """The forked process and what the build has taken of its results."""

    def __init__(self, config, files, share: list, renderer: Renderer, owned: dict, search: bool = True) -> None:
        self.files = files
        self.number = {file.src_uri: number for number, file in enumerate(share)}  # its results' numbers
        self.expected = set(self.number)  # pages the build has not reached yet
        self.taken = self.taken_sections = 0  # pages taken whole; search sections taken alone (the log)

        def work(emit) -> None:
            parser = fast_search.search_parser() if search else None
            for number in range(len(share) - 1, -1, -1):
                file = share[number]
                emit(number, _ahead(file, config, files, renderer, owned, parser))

        self.work = ForkedWork(work)

    @property
    def pid(self) -> int:
        return self.work.pid

    def take(self, src_uri: str, markdown: str) -> Ahead | None:
        """The page worked out ahead from this Markdown, or None: not worked out yet (the build then
        works it out itself, never waiting), or not from this Markdown."""
        if src_uri not in self.expected:
            return None
        self.expected.discard(src_uri)  # from now on, its result is only good for its search sections
        ahead = self.work.take(self.number[src_uri])
        if ahead is None or ahead.markdown != markdown:
            return None
        by_uri = self.files.src_uris
        if any(uri not in by_uri for uri in ahead.converted.links_to_anchors):
            return None
        ahead.converted.links_to_anchors = {by_uri[uri]: anchors
                                            for uri, anchors in ahead.converted.links_to_anchors.items()}
        self.taken += 1
        return ahead

    def sections(self, src_uri: str) -> tuple[str, list] | None:
        """For a page the build worked out itself: (its sanitised HTML, its search sections) as the
        process worked them out since, or None. The search parser takes the sections only for
        exactly that HTML (fast_search.expect)."""
        number = self.number.get(src_uri)
        if number is None or src_uri in self.expected:
            return None
        found = self.work.take(number)
        if found is None or found.sections is None:
            return None
        self.taken_sections += 1
        return found.html, found.sections

    def settle(self) -> None:
        """Every page is read (the hook's on_env): the process is stopped; what it wrote stays for the
        pages' turns (`sections`)."""
        self.work.stop()
        self.expected.clear()

    def close(self) -> None:
        """Stop the process if it is still at work, and let its results go."""
        if self.taken or self.taken_sections:
            log.info(f"Briefing archive: {self.taken} pages worked out ahead on a second core, and the "
                     f"search sections of {self.taken_sections} more")
            self.taken = self.taken_sections = 0
        self.work.close()
        self.expected.clear()


def _ahead(file, config, files, renderer: Renderer, owned: dict, search) -> Ahead | None:
    """One page worked out as the build would, or None when it must be the build's own work: a page
    the generator did not write as it is, or whose rendering logged anything (a link MkDocs warns
    about, or notes): the build must log it, as a build without this would."""
    path = Path(file.abs_src_path)
    try:
        if file_digest(path) != owned.get(file.src_uri):  # an editor's page: MkDocs renders it its own way
            return None
        source = file.content_string
        markdown, _ = split_generated(source) or meta.get_data(source)
        converted, logged = quietly(lambda: renderer.convert(file, markdown, files, config))
    except Exception:
        return None
    if logged:
        return None
    converted.links_to_anchors = {target.src_uri: anchors for target, anchors in converted.links_to_anchors.items()}
    html = sanitize_html(converted.content)
    converted.content = ""  # the build takes `html` (hook.py): the HTML crosses once
    return Ahead(markdown, converted, html, fast_search.sections_of(search, html) if search is not None else None)
