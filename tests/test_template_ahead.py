"""`mkdocs build` renders the theme's templates for a share of its pages in a forked process
(generator/site/template_ahead.py): the site is byte-identical to one built without, an output is
taken only for the page's HTML as the build holds it, and whatever the process could not do as the
build would is left to the build."""
from __future__ import annotations

import logging
import os
import pickle
import shutil
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from test_render_ahead import (_assert_same_site, _build, _OtherPlugin, _project_with_an_editors_page,
                               _SearchPlugin, _tree)

from generator.site import fast_search, forked, template_ahead


@pytest.mark.e2e
def test_a_site_built_with_templates_rendered_ahead_is_the_site_built_without(tmp_path):
    project = _project_with_an_editors_page(tmp_path)  # its page's template goes ahead too
    log_ahead = _build(project)
    ahead = _tree(project / "site")
    said = [line for line in log_ahead.splitlines() if "rendered ahead on a second core" in line]
    assert len(said) == 1 and int(said[0].split("the templates of ")[1].split()[0]) >= 1
    shutil.rmtree(project / "site")
    log_alone = _build(project, BRIEFING_TEMPLATE_AHEAD="0", BRIEFING_RENDER_AHEAD="0")
    assert "ahead on a second core" not in log_alone
    _assert_same_site(ahead, _tree(project / "site"))


# ---------------------------------------------------------------- the forked process and what is taken

class _Template:
    """A theme template as simple as can be: the page's HTML in <main>. A page whose HTML says "warn"
    logs a warning, "fail" raises, "slow" takes 0.3 s; each render is noted in `renders` (a file: the
    forked process's renders are seen too)."""

    name = "main.html"

    def __init__(self, renders: Path) -> None:
        self.renders = renders

    def render(self, context) -> str:
        page = context["page"]
        with open(self.renders, "a", encoding="utf-8") as noted:
            noted.write(f"{os.getpid()} {page.file.src_uri}\n")
        if "slow" in page.content:
            time.sleep(0.3)
        if "warn" in page.content:
            logging.getLogger("mkdocs.structure.pages").warning("a link to nowhere")
        if "fail" in page.content:
            raise ValueError("no such template variable")
        return f"<main>{page.content}</main>"


class _Env:
    def __init__(self, renders: Path) -> None:
        self.template = _Template(renders)
        self.bytecode_cache = None

    def get_template(self, name, parent=None, globals=None):
        return self.template


class _Hook:
    """The hook's part: the page's HTML back from where it was packed (hook.give_html_back)."""

    def give_html_back(self, page) -> None:
        if page.briefing_html is not None:
            page.content, page.briefing_html = page.briefing_html.decode(), None

    def on_nav(self, nav, **kwargs):
        return nav

    def on_page_context(self, context, **kwargs):
        return context


class _Parser:
    """Stands for the search parser (fast_search.search_parser) in the forked process."""

    def feed(self, html: str) -> None:
        self.data = [f"sections of {html}"]

    def close(self) -> None:
        pass


def _site(tmp_path: Path, htmls: dict[str, str], monkeypatch, parser=None):
    monkeypatch.setattr(template_ahead, "get_context", lambda nav, files, config, page: {"page": page})
    monkeypatch.setattr(template_ahead, "search_reads_pages", lambda config: parser is not None)
    monkeypatch.setattr(template_ahead.fast_search, "search_parser", lambda: parser)
    hook = _Hook()
    config = SimpleNamespace(plugins=SimpleNamespace(events={"nav": [hook.on_nav],
                                                             "page_context": [hook.on_page_context]}),
                             _current_page=None)
    files = []
    for uri, html in htmls.items():
        page = SimpleNamespace(content="", briefing_html=html.encode(), meta={}, active=False)
        file = SimpleNamespace(src_uri=uri, page=page, inclusion=SimpleNamespace(is_excluded=lambda: False))
        page.file = file
        files.append(file)
    renders = tmp_path / "renders"
    renders.touch()
    return config, files, hook, _Env(renders), renders


def _turn(ahead, hook, page, env) -> str:
    """What the build does at a page's turn: its HTML back, the hook's note, MkDocs' render."""
    hook.give_html_back(page)
    ahead.reach(page)
    template = env.get_template("main.html")
    try:
        return template.render({"page": page})
    finally:
        page.content = ""
        fast_search.forget_expected()


def _rendered_by(renders: Path) -> dict[str, list[str]]:
    """Page -> who rendered it ('build', 'ahead'), in order."""
    found: dict[str, list[str]] = {}
    for line in renders.read_text(encoding="utf-8").splitlines():
        pid, uri = line.split()
        found.setdefault(uri, []).append("build" if int(pid) == os.getpid() else "ahead")
    return found


def test_each_page_takes_the_output_rendered_ahead_for_its_own_html(tmp_path, monkeypatch):
    config, files, hook, env, renders = _site(tmp_path, {"a.md": "<p>alpha</p>", "b.md": "<p>beta</p>",
                                                         "c.md": "<p>gamma</p>"}, monkeypatch)
    ahead = template_ahead.TemplateAhead(config, None, env, files, hook)
    try:
        ahead.work.wait()  # done: every page rendered ahead
        ahead.install(env)
        pages = [file.page for file in files]
        pages[1].briefing_html = b"<p>beta, as the build holds it now</p>"  # not the HTML it was rendered from
        outputs = [_turn(ahead, hook, page, env) for page in pages]
        assert outputs == ["<main><p>alpha</p></main>", "<main><p>beta, as the build holds it now</p></main>",
                           "<main><p>gamma</p></main>"]
        assert ahead.taken == 2
        assert _rendered_by(renders) == {"a.md": ["ahead"], "b.md": ["ahead", "build"], "c.md": ["ahead"]}
        assert all(not page.active for page in pages) and config._current_page is None
    finally:
        ahead.close()


def test_a_page_whose_template_logs_or_fails_is_left_to_the_build(tmp_path, monkeypatch, caplog):
    config, files, hook, env, renders = _site(
        tmp_path, {"a.md": "<p>alpha</p>", "b.md": "<p>warn</p>", "c.md": "<p>fail</p>"}, monkeypatch)
    ahead = template_ahead.TemplateAhead(config, None, env, files, hook)
    try:
        ahead.work.wait()
        ahead.install(env)
        a, b, c = (file.page for file in files)
        assert _turn(ahead, hook, a, env) == "<main><p>alpha</p></main>"
        with caplog.at_level(logging.WARNING):
            assert _turn(ahead, hook, b, env) == "<main><p>warn</p></main>"
        assert "a link to nowhere" in caplog.text  # the build's own render logged it
        with pytest.raises(ValueError):  # and fails as MkDocs alone would
            _turn(ahead, hook, c, env)
        assert _rendered_by(renders) == {"a.md": ["ahead"], "b.md": ["ahead", "build"], "c.md": ["ahead", "build"]}
    finally:
        ahead.close()


def test_the_process_stops_where_the_build_has_got_to_and_the_build_never_waits(tmp_path, monkeypatch):
    config, files, hook, env, renders = _site(
        tmp_path, {f"{name}.md": "<p>slow</p>" for name in "abcd"}, monkeypatch)
    ahead = template_ahead.TemplateAhead(config, None, env, files, hook)
    try:
        ahead.install(env)
        a, b, c, d = (file.page for file in files)
        started = time.monotonic()
        hook.give_html_back(a)
        ahead.reach(a)
        hook.give_html_back(b)
        ahead.reach(b)
        hook.give_html_back(c)
        ahead.reach(c)  # the process is still on d (0.3 s): the build is at c
        assert time.monotonic() - started < 0.25  # and did not wait
        ahead.work.wait()
        assert _rendered_by(renders) == {"d.md": ["ahead"]}  # it stopped before c
        assert _turn(ahead, hook, d, env) == "<main><p>slow</p></main>" and ahead.taken == 1
    finally:
        ahead.close()


def test_the_search_sections_go_with_the_output_when_the_page_had_none(tmp_path, monkeypatch):
    config, files, hook, env, renders = _site(tmp_path, {"a.md": "<p>alpha</p>", "b.md": "<p>beta</p>"},
                                              monkeypatch, parser=_Parser)

    def give_html_back(page):  # b's sections were worked out ahead already (render_ahead.py)
        _Hook.give_html_back(hook, page)
        if page.file.src_uri == "b.md":
            fast_search.expect(page.content, ["sections found before"])

    hook.give_html_back = give_html_back
    ahead = template_ahead.TemplateAhead(config, None, env, files, hook)
    try:
        ahead.work.wait()
        a, b = (file.page for file in files)
        hook.give_html_back(a)
        ahead.reach(a)
        assert fast_search.expected() == ("<p>alpha</p>", ["sections of <p>alpha</p>"])
        assert pickle.loads(a.briefing_rendered.sections) == ["sections of <p>alpha</p>"]
        fast_search.forget_expected()
        hook.give_html_back(b)
        ahead.reach(b)
        assert fast_search.expected() == ("<p>beta</p>", ["sections found before"])
        assert b.briefing_rendered.sections is None  # not worked out again
    finally:
        fast_search.forget_expected()
        ahead.close()


def test_only_when_the_hook_and_a_search_plugin_alone_handle_a_pages_context(monkeypatch):
    hook, search, other = _Hook(), _SearchPlugin(), _OtherPlugin()

    def config(**events):
        return SimpleNamespace(plugins=SimpleNamespace(events={"nav": [hook.on_nav], "env": [hook.on_nav], **events}))

    assert template_ahead._known_handlers(config(page_context=[hook.on_page_context, search.on_page_context]), hook)
    assert not template_ahead._known_handlers(config(page_context=[hook.on_page_context, other.on_page_context]),
                                              hook)
    assert template_ahead._known_handlers(config(nav=[other.on_nav, hook.on_nav]), hook)
    assert not template_ahead._known_handlers(config(nav=[hook.on_nav, other.on_nav]), hook)  # a nav after the hook's
    assert not template_ahead._known_handlers(config(env=[hook.on_nav, other.on_nav]), hook)  # an env after the hook's
    for event in ("post_page", "pre_template", "template_context", "post_template"):  # run meanwhile
        assert not template_ahead._known_handlers(config(**{event: [other.on_page_context]}), hook)
        assert template_ahead._known_handlers(config(**{event: [hook.on_page_context, search.on_page_context]}), hook)
    pages = [SimpleNamespace(src_uri=f"p{i}.md") for i in range(30)]
    monkeypatch.setattr(template_ahead, "may_fork", lambda workers: True)
    fine = config(page_context=[hook.on_page_context])
    assert template_ahead.wanted(fine, hook, pages, dirty=False)
    assert not template_ahead.wanted(fine, hook, pages, dirty=True)  # --dirty skips pages
    assert not template_ahead.wanted(fine, hook, pages[:5], dirty=False)  # too few
    monkeypatch.setattr(template_ahead, "may_fork", lambda workers: False)
    assert not template_ahead.wanted(fine, hook, pages, dirty=False)  # one core, or another thread
    monkeypatch.setattr(template_ahead, "may_fork", lambda workers: True)
    monkeypatch.setenv("BRIEFING_TEMPLATE_AHEAD", "0")
    assert not template_ahead.wanted(fine, hook, pages, dirty=False)


def test_without_a_process_to_spare_mkdocs_renders_every_template_itself(tmp_path, monkeypatch):
    config, files, hook, env, renders = _site(tmp_path, {f"p{i}.md": "<p>x</p>" for i in range(30)}, monkeypatch)

    def no_fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(forked.os, "fork", no_fork)
    before = len(os.listdir("/proc/self/fd"))
    assert template_ahead.start(config, None, env, files, hook) is None
    assert len(os.listdir("/proc/self/fd")) == before  # nothing left open


@pytest.mark.e2e
def test_the_page_caches_records_of_pages_rendered_ahead_are_those_the_build_makes(tmp_path):
    """The process works out what the page cache records of each page it renders (its file's name in
    the cache, size, links, front matter: PageCache.worked_out); the index is the one a build
    without the process writes."""
    from generator.site.page_cache import newest_index

    project = _project_with_an_editors_page(tmp_path)

    def records(**env: str) -> dict:
        shutil.rmtree(project / "site", ignore_errors=True)
        shutil.rmtree(project / ".cache" / "site-pages", ignore_errors=True)
        log = _build(project, BRIEFING_PAGE_CACHE="1", **env)
        pages = newest_index(project / ".cache" / "site-pages")["pages"]
        kept = ("key", "blob", "size", "meta", "anchors", "anchor_links", "targets", "search")
        return log, {uri: tuple(getattr(r, f) for f in kept) for uri, r in pages.items()}

    log_ahead, ahead = records()
    said = [line for line in log_ahead.splitlines() if "rendered ahead on a second core" in line]
    assert len(said) == 1 and int(said[0].split("the templates of ")[1].split()[0]) >= 10
    _, alone = records(BRIEFING_TEMPLATE_AHEAD="0", BRIEFING_RENDER_AHEAD="0")
    assert sorted(ahead) == sorted(alone)
    assert [uri for uri in alone if ahead[uri] != alone[uri]] == []
