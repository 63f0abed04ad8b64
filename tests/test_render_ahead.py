"""`mkdocs build` works out a share of its pages in a forked process (generator/site/render_ahead.py):
the site is byte-identical to one built without, a page is taken only for the Markdown it was worked
out from, and whatever the forked process could not do as the build would is left to the build."""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from project_files import copy_project, use_synthetic_seeds

from generator.site import forked, render_ahead
from generator.site.fast_render import Converted
from generator.write.journal import file_digest

ROOT = Path(__file__).resolve().parent.parent


def _build(project: Path, **env: str) -> str:
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True,
                          text=True, timeout=900,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000",
                               "BRIEFING_SEARCH": "lunr", "NO_MKDOCS_2_WARNING": "1", "BRIEFING_PAGE_CACHE": "0",
                               **env})
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _project_with_an_editors_page(tmp_path: Path) -> Path:
    """A project of 12 synthetic articles and a page an editor wrote, which links to a generated one."""
    project = use_synthetic_seeds(copy_project(tmp_path / "p"), 12)
    (project / "content" / "notes.md").write_text(
        "# Analyst notes\n\nSee [the timeline](archive/timeline.md).\n", encoding="utf-8")
    return project


def _assert_same_site(ahead: dict[str, bytes], alone: dict[str, bytes]) -> None:
    """Every file of the two builds (`_tree`), byte for byte, the search index among them."""
    assert sorted(ahead) == sorted(alone)
    assert [p for p in alone if ahead[p] != alone[p]] == []
    assert any(p.endswith("search_index.json") for p in alone)  # the search entries are compared too


@pytest.mark.e2e
def test_a_site_built_with_pages_worked_out_ahead_is_the_site_built_without(tmp_path):
    project = _project_with_an_editors_page(tmp_path)  # its page MkDocs renders itself
    log_ahead = _build(project, BRIEFING_RENDER_AHEAD="1")
    ahead = _tree(project / "site")
    said = [line for line in log_ahead.splitlines() if "pages worked out ahead on a second core" in line]
    assert len(said) == 1
    numbers = [int(word) for word in said[0].split("Briefing archive: ")[1].split() if word.isdigit()]
    assert sum(numbers) >= 1  # pages, or search sections, taken from the forked process
    shutil.rmtree(project / "site")
    log_alone = _build(project, BRIEFING_RENDER_AHEAD="0")
    assert "worked out ahead" not in log_alone
    _assert_same_site(ahead, _tree(project / "site"))


# ---------------------------------------------------------------- the forked process and what is taken

class _Renderer:
    """fast_render.Renderer's `convert`, as simple as can be: the HTML is the Markdown in a <p>; a page
    whose Markdown says "warn" logs a warning, "stop" ends the forked process."""

    def convert(self, file, markdown, files, config) -> Converted:
        if "stop" in markdown:
            raise KeyboardInterrupt
        if "warn" in markdown:
            logging.getLogger("mkdocs.structure.pages").warning("a link to nowhere")
        return Converted(f"<p>{markdown.strip()}</p>", [], None, set(), {files.src_uris["a.md"]: {"top": "a.md#top"}})


class _File:
    """What the forked process reads of an MkDocs File (hashable, as Files are)."""

    def __init__(self, src_uri: str, path: Path) -> None:
        self.src_uri, self.abs_src_path = src_uri, str(path)

    @property
    def content_string(self) -> str:
        return Path(self.abs_src_path).read_text(encoding="utf-8")


def _pages(tmp_path: Path, texts: dict[str, str]):
    files = SimpleNamespace(src_uris={})
    for name, text in texts.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        files.src_uris[name] = _File(name, path)
    owned = {name: file_digest(tmp_path / name) for name in texts}
    return files, owned


def _done(ahead) -> None:
    """Wait for the forked process to end: every result it will write is written."""
    ahead.work.wait()


class _Parser:
    """Stands for the search parser (fast_search.search_parser) in the forked process."""

    def feed(self, html: str) -> None:
        self.data = [f"sections of {html}"]

    def close(self) -> None:
        pass


def test_each_page_is_taken_once_for_its_own_markdown_in_any_order(tmp_path, monkeypatch):
    monkeypatch.setattr(render_ahead.fast_search, "search_parser", lambda: _Parser)
    files, owned = _pages(tmp_path, {"a.md": "alpha\n", "b.md": "beta\n", "c.md": "gamma\n", "d.md": "delta\n",
                                     "e.md": "<script>alert(1)</script>epsilon\n"})
    ahead = render_ahead.RenderAhead(None, files, list(files.src_uris.values()), _Renderer(), owned)
    try:
        _done(ahead)
        assert ahead.take("e.md", "<script>alert(1)</script>epsilon\n").html == "<p>epsilon</p>"  # sanitised
        assert ahead.take("elsewhere.md", "alpha\n") is None  # not among its pages
        c = ahead.take("c.md", "gamma\n")
        assert c.html == "<p>gamma</p>" and c.converted.content == ""  # the HTML crosses once
        assert c.sections == ["sections of <p>gamma</p>"]
        assert c.converted.links_to_anchors == {files.src_uris["a.md"]: {"top": "a.md#top"}}
        assert ahead.take("a.md", "alpha, edited since\n") is None  # not the Markdown the build read
        assert ahead.take("b.md", "beta\n").html == "<p>beta</p>"
        assert ahead.take("b.md", "beta\n") is None  # once
        assert ahead.taken == 3
    finally:
        ahead.close()
    assert ahead.take("d.md", "delta\n") is None  # closed: the build works it out


def test_the_build_never_waits_and_takes_the_search_sections_worked_out_since(tmp_path, monkeypatch):
    """The process works from the last page; the build, from the first, works out what is not done yet
    itself, and the search parser may still take the sections the process found for it since."""
    monkeypatch.setattr(render_ahead.fast_search, "search_parser", lambda: _Parser)
    files, owned = _pages(tmp_path, {"a.md": "alpha\n", "b.md": "slow\n", "c.md": "slow\n"})

    class Slow(_Renderer):
        def convert(self, file, markdown, files, config):
            if "slow" in markdown:
                time.sleep(1.0)
            return super().convert(file, markdown, files, config)

    ahead = render_ahead.RenderAhead(None, files, list(files.src_uris.values()), Slow(), owned)
    try:
        started = time.monotonic()
        assert ahead.take("a.md", "alpha\n") is None  # its turn comes last: not done yet
        assert time.monotonic() - started < 0.5  # and the build did not wait for it
        _done(ahead)
        assert ahead.sections("a.md") == ("<p>alpha</p>", ["sections of <p>alpha</p>"])
        assert ahead.sections("a.md") is None  # once
        assert ahead.take("c.md", "slow\n").html == "<p>slow</p>"
    finally:
        ahead.close()


def test_a_page_whose_rendering_logs_or_that_an_editor_changed_is_left_to_the_build(tmp_path):
    files, owned = _pages(tmp_path, {"a.md": "alpha\n", "b.md": "warn\n", "c.md": "gamma\n"})
    (tmp_path / "c.md").write_text("gamma, by hand\n", encoding="utf-8")  # no longer the generator's
    ahead = render_ahead.RenderAhead(None, files, list(files.src_uris.values()), _Renderer(), owned)
    try:
        _done(ahead)
        assert ahead.take("a.md", "alpha\n") is not None
        assert ahead.take("b.md", "warn\n") is None  # its warning must come from the build
        assert ahead.take("c.md", "gamma, by hand\n") is None
        assert ahead.sections("b.md") is None and ahead.sections("c.md") is None
    finally:
        ahead.close()


def test_a_forked_process_that_stops_leaves_the_rest_to_the_build(tmp_path):
    files, owned = _pages(tmp_path, {"a.md": "alpha\n", "b.md": "stop\n", "c.md": "gamma\n"})
    ahead = render_ahead.RenderAhead(None, files, list(files.src_uris.values()), _Renderer(), owned)
    try:
        _done(ahead)  # from the last page: c, then b stops it
        assert ahead.take("a.md", "alpha\n") is None
        assert ahead.take("b.md", "stop\n") is None
        assert ahead.take("c.md", "gamma\n") is not None
    finally:
        ahead.close()


class _SearchPlugin:
    """Stands for Material's search plugin (by its module): its handlers are allowed beside the hook's."""

    def on_page_context(self, context, **kwargs):
        return context


_SearchPlugin.__module__ = "material.plugins.search.plugin"


class _OtherPlugin:
    """Any other plugin: a handler of its, where the hook's must be alone, turns the speed-up off."""

    def on_page_content(self, html, **kwargs):
        return html

    def on_page_context(self, context, **kwargs):
        return context

    def on_nav(self, nav, **kwargs):
        return nav


def test_only_when_the_hook_alone_handles_the_events_between_a_pages_markdown_and_its_html():
    class Hook:
        def on_page_content(self, html, **kwargs):
            return html

        def on_page_context(self, context, **kwargs):
            return context

    hook, search, other = Hook(), _SearchPlugin(), _OtherPlugin()

    def config(**events):
        return SimpleNamespace(plugins=SimpleNamespace(events=events))

    assert render_ahead._ours_alone(config(page_content=[hook.on_page_content],
                                           page_context=[hook.on_page_context, search.on_page_context]), hook)
    assert not render_ahead._ours_alone(config(page_content=[hook.on_page_content, other.on_page_content]), hook)
    assert not render_ahead._ours_alone(config(page_markdown=[other.on_page_content]), hook)
    assert not render_ahead._ours_alone(config(page_context=[hook.on_page_context, other.on_page_context]), hook)
    assert render_ahead._ours_alone(config(nav=[other.on_page_context, hook.on_page_context]), hook)
    assert not render_ahead._ours_alone(config(nav=[hook.on_page_context, other.on_page_context]), hook)  # after
    search.config = SimpleNamespace(enabled=True)
    assert render_ahead.search_reads_pages(config(page_context=[hook.on_page_context, search.on_page_context]))
    search.config.enabled = False  # Pagefind: no sections to work out
    assert not render_ahead.search_reads_pages(config(page_context=[hook.on_page_context, search.on_page_context]))


def test_the_generators_pages_go_ahead_unless_switched_off_or_too_few(monkeypatch):
    pages = [_File(f"p{i}.md", Path(f"p{i}.md")) for i in range(30)]
    owned = {page.src_uri: "digest" for page in pages if page.src_uri != "p7.md"}  # p7.md: an editor's
    monkeypatch.setattr(render_ahead, "_ours_alone", lambda config, hook: True)
    monkeypatch.setattr(render_ahead, "may_fork", lambda workers: True)
    monkeypatch.setattr(render_ahead, "RenderAhead", lambda config, files, share, *args, **kwargs: share)
    monkeypatch.setattr(render_ahead, "search_reads_pages", lambda config: True)
    monkeypatch.setenv("BRIEFING_RENDER_AHEAD", "0")
    assert render_ahead.start(None, None, pages, None, owned, None) is None
    monkeypatch.setenv("BRIEFING_RENDER_AHEAD", "1")
    assert render_ahead.start(None, None, pages, None, owned, None) == [p for p in pages if p.src_uri != "p7.md"]
    assert render_ahead.start(None, None, pages[:5], None, owned, None) is None  # below render_ahead_min


def test_without_a_process_to_spare_mkdocs_builds_every_page_itself(monkeypatch, tmp_path):
    files, owned = _pages(tmp_path, {f"p{i}.md": "alpha\n" for i in range(30)})
    monkeypatch.setattr(render_ahead, "_ours_alone", lambda config, hook: True)
    monkeypatch.setattr(render_ahead, "may_fork", lambda workers: True)
    monkeypatch.setattr(render_ahead, "search_reads_pages", lambda config: False)

    def no_fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(forked.os, "fork", no_fork)
    before = len(os.listdir("/proc/self/fd"))
    assert render_ahead.start(None, files, list(files.src_uris.values()), _Renderer(), owned, None) is None
    assert len(os.listdir("/proc/self/fd")) == before  # nothing left open


def test_a_damaged_result_file_leaves_the_rest_to_the_build(tmp_path):
    files, owned = _pages(tmp_path, {"a.md": "alpha\n", "b.md": "beta\n"})
    ahead = render_ahead.RenderAhead(None, files, list(files.src_uris.values()), _Renderer(), owned)
    try:
        _done(ahead)
        damaged = tmp_path / "damaged"
        damaged.write_bytes(b"not a pickle at all")
        ahead.work.results.close()
        ahead.work.results = open(damaged, "rb")
        assert ahead.take("b.md", "beta\n") is None  # read fails: no error, the build works it out
        assert ahead.take("a.md", "alpha\n") is None and ahead.pid == 0  # closed
    finally:
        ahead.close()
