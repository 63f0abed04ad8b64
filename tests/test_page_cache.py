"""`mkdocs build` takes unchanged pages from the page cache (generator/site/page_cache.py): the site
is byte-identical to a clean build's, and whatever could make a kept page differ or hide a warning
makes MkDocs build it again."""
from __future__ import annotations

import os
import pickle
import posixpath
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from project_files import copy_project, use_synthetic_seeds

from generator.site import page_cache
from generator.site.page_cache import KEEP, newest_index
from generator.write.journal import _SETTLED_NS

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent
ALL_KEPT = 1  # pages built when every page could be kept: one is, MkDocs dates the compressed sitemap by it


def _mkdocs(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=project, capture_output=True,
                          text=True, timeout=900,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000",
                               "BRIEFING_SEARCH": "lunr", "NO_MKDOCS_2_WARNING": "1", **env})


def _build(project: Path, *args: str, **env: str) -> str:
    done = _mkdocs(project, "--strict", *args, **env)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def _record(project: Path) -> dict:
    return newest_index(project / ".cache" / "site-pages")


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _clean_build_of(project: Path, where: Path) -> dict[str, bytes]:
    """The site a clean build of the same inputs gives, cache off."""
    clean = copy_project(where, root=project)
    shutil.rmtree(clean / "seeds")
    shutil.copytree(project / "seeds", clean / "seeds")
    _build(clean, BRIEFING_PAGE_CACHE="0")
    return _tree(clean / "site")


def _assert_same_site(project: Path, where: Path) -> None:
    built, fresh = _tree(project / "site"), _clean_build_of(project, where)
    assert sorted(built) == sorted(fresh)
    assert [p for p in fresh if built[p] != fresh[p]] == []


@pytest.fixture(autouse=True)
def _parsed_imports_kept_aside(tmp_path, monkeypatch):
    """Tests that point page_cache at a copy of the generator keep what it parses out of the repo's
    own __pycache__ (page_cache._PARSED_FILE)."""
    monkeypatch.setattr(page_cache, "_PARSED_FILE", tmp_path / "side-imports.pickle")


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A project built twice (the cache filled), copied for each test: building it is the slow part."""
    project = use_synthetic_seeds(copy_project(tmp_path_factory.mktemp("page_cache") / "p"), 12)
    (project / "content" / "notes.md").write_text("# Analyst notes\n\nNothing yet.\n", encoding="utf-8")
    _build(project)  # generates content/ (the hook), builds, fills the cache
    first = sorted((project / "content" / "archive" / "articles").rglob("*.md"))[0]
    link = first.relative_to(project / "content").as_posix()
    (project / "content" / "notes.md").write_text(
        f"# Analyst notes\n\nSee [the first briefing]({link}) and [the wrap-up](wrap-up.md#open-questions).\n",
        encoding="utf-8")
    (project / "content" / "wrap-up.md").write_text("# Wrap-up\n\n## Open questions\n\nNone yet.\n", encoding="utf-8")
    _build(project)
    return project


@pytest.fixture
def project(template, tmp_path) -> Path:
    copy = tmp_path / "p"
    shutil.copytree(template, copy, symlinks=True)
    return copy


def test_a_days_changes_reuse_most_pages_and_give_the_clean_build(project, tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import synthesise

    out = _build(project)
    assert "excluded from the built site" not in out  # the kept pages are no news in the log
    everything = _record(project)
    assert everything["built"] == ALL_KEPT and everything["reused"] > 20

    synthesise(3, project / "seeds", seed=4242)  # three new articles
    seeds = sorted(p for p in (project / "seeds").glob("*.txt"))
    seeds[4].write_text(seeds[4].read_text(encoding="utf-8") + "\nA late correction.\n", encoding="utf-8")
    _build(project)
    after = _record(project)
    assert 0 < after["built"] < after["reused"]
    _assert_same_site(project, tmp_path / "clean")


def test_a_days_build_writes_only_the_pages_it_changed_beside_the_index(project, tmp_path):
    """The index is written whole once; a later build adds a delta of the pages it changed (a day's
    few hundred of 18,000 at 10,000 articles), which the next build reads with it. A delta made for
    an index written since (by another build) is left out: the build then reuses less, and gives the
    clean build all the same. Many changes write the whole index again."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import synthesise

    folder = project / ".cache" / "site-pages"
    for old in folder.glob("index-*"):  # a first build: the whole index, every page where it places it
        old.unlink()
    _build(project)
    index = max(folder.glob("index-*.pickle"), key=lambda p: p.stat().st_mtime_ns)  # the one just written
    whole = index.read_bytes()
    synthesise(2, project / "seeds", seed=4343)
    _build(project)
    after = _record(project)
    delta = page_cache._delta_file(index)
    assert index.read_bytes() == whole and delta.exists()  # the index as it was, the changes beside it
    changed = pickle.loads(delta.read_bytes())["pages"]
    assert after["built"] <= len(changed) < after["built"] + after["reused"]
    _assert_same_site(project, tmp_path / "clean")
    _build(project)  # reads the index with its delta: every page kept
    assert _record(project)["built"] == ALL_KEPT

    data = pickle.loads(delta.read_bytes())
    delta.write_bytes(pickle.dumps({**data, "base": "another index"}))  # made for another index
    _build(project)
    assert _record(project)["built"] > ALL_KEPT  # its changes were left out: those pages built again
    _assert_same_site(project, tmp_path / "clean-2")

    before = index.stat().st_mtime_ns
    (project / "seeds" / sorted(p.name for p in (project / "seeds").glob("*.txt"))[0]).unlink()
    # any change is "many" (DELTA_MIN 0, DELTA_SHARE beyond any index): the whole index again
    done = subprocess.run([sys.executable, "-c", "import sys; sys.argv = ['mkdocs', 'build', '--strict']; "
                           "from generator.site import page_cache as c; c.DELTA_MIN = 0; c.DELTA_SHARE = 10 ** 9; "
                           "from mkdocs.__main__ import cli; cli()"], cwd=project, capture_output=True, text=True,
                          timeout=900, env={**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000",
                                            "BRIEFING_SEARCH": "lunr", "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert index.stat().st_mtime_ns != before and not delta.exists()
    _assert_same_site(project, tmp_path / "clean-3")


def test_a_link_broken_since_is_reported_again(project):
    (project / "content" / "wrap-up.md").unlink()  # notes.md, unchanged, links to it
    done = _mkdocs(project, "--strict")
    assert done.returncode != 0
    out = done.stdout + done.stderr
    assert "Doc file 'notes.md' contains a link 'wrap-up.md#open-questions', but the target 'wrap-up.md' is " \
           "not found among documentation files." in out


def test_a_kept_page_links_to_the_articles_it_named(project):
    """notes.md links to a generated article page: kept, its link still resolves to that page's URL."""
    html = (project / "site" / "notes" / "index.html").read_text(encoding="utf-8")
    assert 'href="../archive/articles/' in html


def test_an_anchor_gone_from_a_rebuilt_page_is_reported_for_a_kept_page(project):
    (project / "content" / "wrap-up.md").write_text("# Wrap-up\n\nAll answered.\n", encoding="utf-8")
    done = _mkdocs(project, "--strict")
    assert done.returncode != 0
    assert "Doc file 'notes.md' contains a link 'wrap-up.md#open-questions', but the doc 'wrap-up.md' does not " \
           "contain an anchor '#open-questions'" in done.stdout + done.stderr
    assert _record(project)["reused"] > 0  # notes.md itself was kept: the check is the cache's


def test_a_page_mkdocs_warns_about_warns_in_every_build(project):
    (project / "content" / "notes.md").write_text("# Notes\n\nSee [nowhere](missing-page.md).\n", encoding="utf-8")
    for _ in range(2):
        done = _mkdocs(project)  # not strict: the build goes on, the warning must be there both times
        assert done.returncode == 0
        assert "Doc file 'notes.md' contains a link 'missing-page.md'" in done.stdout + done.stderr


@pytest.mark.parametrize("change", ["mkdocs.yml", "site_overrides", "environment"])
def test_what_every_page_is_rendered_with_rebuilds_every_page(project, change):
    env = {}
    if change == "mkdocs.yml":
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("site_name: Briefing Archive",
                                                                      "site_name: Briefing Archive (test)"),
                          encoding="utf-8")
    elif change == "site_overrides":
        override = project / "site_overrides" / "main.html"
        override.write_text(override.read_text(encoding="utf-8") + "\n{# a theme edit #}\n", encoding="utf-8")
    else:
        env["SITE_URL"] = "https://example.org/elsewhere/"
    _build(project, **env)
    assert _record(project)["reused"] == 0


def test_a_damaged_cached_page_is_built_again(project, tmp_path):
    """With site/ gone, every kept page comes from the cache's copy: a damaged one is built again."""
    shutil.rmtree(project / "site")
    pages = sorted((project / ".cache" / "site-pages" / "pages").glob("*.html"))
    pages[0].write_bytes(pages[0].read_bytes()[:100])  # a torn write
    _build(project)
    record = _record(project)
    assert record["built"] >= 1
    _assert_same_site(project, tmp_path / "clean")


def test_a_page_in_place_needs_no_copy_in_the_cache(project, tmp_path):
    """A kept page still in site/ as the cache placed it stays there, even with the cache's name for it gone."""
    _build(project)  # a copied project's files are new files: this build places its own
    _build(project)
    for page in (project / ".cache" / "site-pages" / "pages").glob("*.html"):
        page.unlink()
    _build(project)
    assert _record(project)["built"] == ALL_KEPT
    _assert_same_site(project, tmp_path / "clean")


def _cached_files(project: Path) -> dict[int, Path]:
    return {p.stat().st_ino: p for p in (project / ".cache" / "site-pages" / "pages").glob("*.html")}


def test_the_cache_keeps_no_second_copy_of_a_page_mkdocs_wrote(project):
    """The cache's file of a page is the file MkDocs wrote in site/, under a second name (no bytes
    written twice); a page placed back from the cache is the cache's file too."""
    shutil.rmtree(project / "site")
    _build(project)  # every kept page placed back from the cache
    shutil.rmtree(project / ".cache" / "site-pages")
    _build(project)  # every page built and filed
    for rebuilt in (False, True):
        cached = _cached_files(project)
        pages = [p for p in (project / "site").rglob("index.html") if p.parent != project / "site" / "404"]
        assert len(pages) > 20
        shared = [p for p in pages if p.stat().st_ino in cached]
        assert len(shared) >= len(pages) - ALL_KEPT - 1  # the home page's nav link aside, if untitled
        assert all(cached[p.stat().st_ino].read_bytes() == p.read_bytes() for p in shared)
        shutil.rmtree(project / "site")
        _build(project)
        assert _record(project)["built"] == ALL_KEPT


def test_a_page_written_through_the_caches_name_is_built_again(project, tmp_path):
    """Changing the cache's file changes the page in site/ too (one file): both are found changed
    (another size or time than recorded), and the page is built again, whatever its size."""
    _build(project)
    cached = sorted((project / ".cache" / "site-pages" / "pages").glob("*.html"))
    for page in cached[:3]:
        page.write_bytes(page.read_bytes()[:100])  # a torn write
    data = cached[3].read_bytes()
    cached[3].write_bytes(data.replace(b"<title>", b"<TITLE>", 1))  # the same size
    _build(project)
    assert _record(project)["built"] >= 4 + ALL_KEPT - 1
    _assert_same_site(project, tmp_path / "clean")
    shutil.rmtree(project / "site")  # and placed back from the cache: none of the changed files
    _build(project)
    _assert_same_site(project, tmp_path / "clean2")


def test_a_setting_toggled_and_back_reuses_the_pages_the_cache_filed_before(project):
    """A build under other surroundings (its own index) that gives the same HTML keeps the cache's
    files of it, which the first index names: toggling a setting and back builds no page again."""
    _build(project)
    _build(project, BRIEFING_FAST_SEARCH="0")  # another index, the same pages' HTML
    shutil.rmtree(project / "site")  # every kept page placed back from the cache's files
    _build(project)
    assert _record(project)["built"] == ALL_KEPT


def test_placing_a_file_leaves_no_temporary_name_when_it_fails(tmp_path, monkeypatch):
    source, dest = tmp_path / "page.html", tmp_path / "site" / "index.html"
    source.write_bytes(b"<p>page</p>")
    dest.parent.mkdir()
    dest.write_bytes(b"<p>old</p>")

    def refuse(*args):
        raise OSError("disk full")

    monkeypatch.setattr(page_cache.os, "replace", refuse)
    with pytest.raises(OSError):
        page_cache._place(source, dest)
    assert sorted(p.name for p in dest.parent.iterdir()) == ["index.html"]
    assert dest.read_bytes() == b"<p>old</p>"  # never a moment without it
    monkeypatch.undo()
    page_cache._place(source, dest)
    assert dest.read_bytes() == b"<p>page</p>" and dest.stat().st_ino == source.stat().st_ino


def test_filing_a_page_by_a_new_link_never_touches_a_file_already_there(tmp_path, monkeypatch):
    """A first build files each page by one link and one stat (_link_new); a name already taken, or
    a file system without links, is left to _place and _same_bytes (None)."""
    written, blob = tmp_path / "index.html", tmp_path / "blob.html"
    written.write_bytes(b"<p>page</p>")
    stamp = page_cache._link_new(str(written), str(blob))
    assert stamp == page_cache.file_stamp(written) == page_cache.file_stamp(blob)
    assert blob.stat().st_ino == written.stat().st_ino
    other = tmp_path / "other.html"
    other.write_bytes(b"<p>other</p>")
    assert page_cache._link_new(str(other), str(blob)) is None  # taken: kept as it is
    assert blob.read_bytes() == b"<p>page</p>"
    with pytest.raises(FileNotFoundError):  # the page gone from site/: not filed
        page_cache._link_new(str(tmp_path / "gone.html"), str(tmp_path / "new.html"))

    def cross_device(*args):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(page_cache.os, "link", cross_device)
    assert page_cache._link_new(str(other), str(tmp_path / "new.html")) is None
    assert not (tmp_path / "new.html").exists()


def test_a_dirty_build_writes_a_new_file_and_leaves_the_caches_as_it_was(project, tmp_path):
    """`mkdocs build --dirty` (and the rebuilds of `mkdocs serve --dirty`) write a page MkDocs builds
    again over the last build's file: the hook gives up that name first, so the cache's file of the
    old page stays as it was, and the next build that uses it gives the clean build's site. (The dirty
    build here keeps the cache out, as those rebuilds do: one that used it would file its own pages in
    the same index, and the old page's file would go with the record that named it.)"""
    shutil.rmtree(project / ".cache" / "site-pages")
    _build(project)  # every page built and filed: each page's file is the cache's too
    notes = project / "content" / "notes.md"
    site_notes = project / "site" / "notes" / "index.html"
    before_inode, before = site_notes.stat().st_ino, site_notes.read_bytes()
    assert site_notes.stat().st_nlink == 2
    time.sleep(0.05)
    notes.write_text(notes.read_text(encoding="utf-8").replace("Analyst notes", "Analyst motes"), encoding="utf-8")
    dirty = _mkdocs(project, "--dirty", BRIEFING_PAGE_CACHE="0")  # not --strict: MkDocs warns of every dirty build
    assert dirty.returncode == 0, dirty.stdout + dirty.stderr
    assert b"Analyst motes" in site_notes.read_bytes()
    assert site_notes.stat().st_ino != before_inode
    assert _cached_files(project)[before_inode].read_bytes() == before
    notes.write_text(notes.read_text(encoding="utf-8").replace("Analyst motes", "Analyst notes"), encoding="utf-8")
    shutil.rmtree(project / "site")
    _build(project)  # the old page comes back from the cache
    assert site_notes.read_bytes() == before
    _assert_same_site(project, tmp_path / "clean")


def test_switched_off_builds_every_page(project):
    before = _record(project)
    out = _build(project, BRIEFING_PAGE_CACHE="0")
    assert "reused from the page cache" not in out
    assert _record(project) == before  # neither read nor written


def test_builds_for_several_addresses_keep_the_newest_indexes_and_only_their_pages(project):
    folder = project / ".cache" / "site-pages"
    for n in range(KEEP + 1):
        _build(project, SITE_URL=f"https://example.org/copy{n}/")
    indexes = sorted(folder.glob("index-*.pickle"))
    assert len(indexes) == KEEP
    named = {name for index in indexes for name in index.with_suffix(".refs").read_text(encoding="utf-8").split()}
    assert {p.name for p in (folder / "pages").iterdir()} == named
    _build(project, SITE_URL=f"https://example.org/copy{KEEP}/")  # the newest address: every page kept
    assert _record(project)["built"] == ALL_KEPT


def test_how_a_build_runs_does_not_matter(project):
    """`make site` (BRIEFING_SKIP_GENERATE) and a bare `mkdocs build` share the cache: speed and
    bookkeeping settings change no page."""
    _build(project, BRIEFING_SKIP_GENERATE="1", BRIEFING_JOBS="1", BRIEFING_TIMINGS="1")
    assert _record(project)["built"] == ALL_KEPT


def test_kept_pages_stay_where_they_were_and_nothing_else_of_the_last_site_survives(project, tmp_path):
    """The last build's site/ is set aside and its kept pages are left in place (not copied again):
    only the very files the cache placed; a page someone changed since is copied again, and a file
    no build wrote is gone, as after MkDocs' own clean."""
    _build(project)  # a copied project's files are new files: this build places its own
    site = project / "site"
    pages = sorted(p for p in (site / "archive" / "articles").rglob("index.html"))
    untouched, tampered = pages[0], pages[1]
    inode = untouched.stat().st_ino
    tampered.write_text("<html>changed by hand</html>", encoding="utf-8")
    (site / "stray.txt").write_text("left over", encoding="utf-8")
    (site / "archive" / "stray-folder").mkdir()
    (site / "archive" / "stray-folder" / "index.html").write_text("old", encoding="utf-8")
    _build(project)
    assert _record(project)["built"] == ALL_KEPT
    assert untouched.stat().st_ino == inode  # moved back, never copied
    assert not (site / "stray.txt").exists() and not (site / "archive" / "stray-folder").exists()
    assert not (site / ".briefing-previous-build").exists()
    _assert_same_site(project, tmp_path / "clean")


def test_files_copied_as_they_are_stay_in_place_unless_their_source_or_copy_changed(project, tmp_path):
    """The theme's assets and the docs dir's static files (feeds, exports, stylesheets) are not copied
    again while their source is unchanged and their copy is the one the last build placed: a changed
    source is copied, a copy changed by hand is put right, a removed source's copy is gone, and the
    site is the clean build's."""
    _build(project)  # a copied project's files are new files: this build places its own copies
    time.sleep(_SETTLED_NS / 1e9 + 0.1)  # their sources were written (copied) too shortly before it to be
    _build(project)  # trusted by their stat rows: this one, once they settled, the first copies to keep
    site = project / "site"
    theme_asset = next((site / "assets" / "javascripts").glob("bundle.*.js"))
    feed, css, gone = site / "feed.xml", site / "assets" / "briefing.css", site / "assets" / "pagefind.css"
    inodes = {path: path.stat().st_ino for path in (theme_asset, feed, css)}
    _build(project)
    assert {path: path.stat().st_ino for path in inodes} == inodes  # left in place, never copied
    assert _record(project)["static_kept"] >= 10
    source_css = project / "content" / "assets" / "briefing.css"
    source_css.write_text(source_css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    feed.write_text("changed by hand", encoding="utf-8")
    (project / "content" / "assets" / "pagefind.css").unlink()
    _build(project)
    assert css.read_text(encoding="utf-8").endswith("/* changed */\n")
    assert feed.read_bytes() == (project / "content" / "feed.xml").read_bytes()
    assert not gone.exists() and theme_asset.stat().st_ino == inodes[theme_asset]
    _assert_same_site(project, tmp_path / "clean")


def test_a_file_a_page_is_written_over_is_never_left_in_place(project, tmp_path):
    """`extra.md` and `extra/index.html` both become extra/index.html: MkDocs copies the file, then
    writes the page over it. Once the page is gone, the file's bytes are there, as in a clean build."""
    (project / "content" / "extra.md").write_text("# Extra\n\nA page.\n", encoding="utf-8")
    (project / "content" / "extra").mkdir()
    (project / "content" / "extra" / "index.html").write_text("<p>a file</p>\n", encoding="utf-8")
    _build(project)
    _build(project)  # the sources settled: what could be kept is kept
    (project / "content" / "extra.md").unlink()
    _build(project)
    assert (project / "site" / "extra" / "index.html").read_text(encoding="utf-8") == "<p>a file</p>\n"
    _assert_same_site(project, tmp_path / "clean")


def _index_reads(project: Path, monkeypatch, request, **env: str) -> list[int]:
    """Set up `mkdocs build` in this process for `project`, and count each read of the page cache's
    index (the sizes read) in the list returned; the index this process kept is forgotten first."""
    import logging

    import generator.site.page_cache as page_cache

    level = logging.getLogger("mkdocs").level  # `mkdocs build -q` raises it for the whole process:
    request.addfinalizer(lambda: logging.getLogger("mkdocs").setLevel(level))  # a later test's warnings
    reads: list[int] = []
    read_index = page_cache._index_data  # an index and its delta: one read

    def counted(index_file, surroundings_digest):
        reads.append(index_file.stat().st_size)
        return read_index(index_file, surroundings_digest)

    monkeypatch.setattr(page_cache, "_index_data", counted)
    monkeypatch.setattr(page_cache, "_REMEMBERED", {})
    monkeypatch.chdir(project)
    for name, value in {"PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000", "BRIEFING_SEARCH": "lunr",
                        "NO_MKDOCS_2_WARNING": "1", **env}.items():
        monkeypatch.setenv(name, value)
    return reads


def _build_in_this_process() -> None:
    from mkdocs.__main__ import cli

    cli.main(["build", "--strict", "-q"], standalone_mode=False)


def test_rebuilds_in_one_process_read_its_index_once_and_give_the_clean_build(project, tmp_path, monkeypatch,
                                                                            request):
    """A long-lived process (`mkdocs serve`) reads the index once: while its file is the one the process
    wrote, the next build takes it from memory (57 MB, 1.5 s to read at 10,000 pages); another process's
    build replaces the file, and it is read again. The site stays the clean build's."""

    import generator.site.page_cache as page_cache

    reads = _index_reads(project, monkeypatch, request)
    _build_in_this_process()
    assert len(reads) == 1  # the index the template's builds wrote
    notes = project / "content" / "notes.md"
    notes.write_text(notes.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    _build_in_this_process()
    assert len(reads) == 1  # its own index, from memory
    _build(project)  # another process's build: the file is replaced
    _build_in_this_process()
    assert len(reads) == 2
    assert _record(project)["built"] == ALL_KEPT
    _assert_same_site(project, tmp_path / "clean")


@pytest.mark.parametrize("to_build_at_most, pause_gc, paused", [
    (1000, "1", True),  # a build of a few pages: paused to its end
    (0, "1", False),  # more pages than that: the collector keeps its garbage down
    (1000, "0", False),  # BRIEFING_PAUSE_GC=0: never paused
])
def test_a_build_of_a_few_pages_pauses_the_collector_to_its_end(project, monkeypatch, request, to_build_at_most,
                                                                 pause_gc, paused):
    import gc

    import mkdocs.commands.build as mkdocs_build

    import generator.site.hook as hook

    _index_reads(project, monkeypatch, request, BRIEFING_PAUSE_GC=pause_gc)
    monkeypatch.setattr(hook, "PAUSE_GC_PAGES", to_build_at_most)
    notes = project / "content" / "notes.md"
    notes.write_text(notes.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    seen: list[bool] = []
    build_page = mkdocs_build._build_page

    def watched(page, *args, **kwargs):
        seen.append(gc.isenabled())
        return build_page(page, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", watched)
    assert gc.isenabled()
    gc.unfreeze()
    request.addfinalizer(gc.unfreeze)
    _build_in_this_process()
    assert seen and set(seen) == {not paused}
    assert gc.isenabled()  # resumed at the end of the build...
    # ...with what the build held once it had read its pages set aside (collector.keep_to_the_end),
    # and all it made if it paused: the process ends, no pass goes over it. Not with BRIEFING_PAUSE_GC=0
    assert (gc.get_freeze_count() > 0) == (pause_gc == "1")
    assert _record(project)["built"] < _record(project)["reused"]


def test_an_mkdocs_waiting_for_the_pages_reads_the_index_ahead(project, monkeypatch, request):
    """An MkDocs that `make site` started with the generator reads the page cache's index while it waits
    (page_cache.read_ahead): the build then takes it from memory, and the site is the clean build's."""
    import socket

    import generator.site.page_cache as page_cache
    from generator.site import hook

    reads = _index_reads(project, monkeypatch, request, BRIEFING_SKIP_GENERATE="1")
    ahead: list[int] = []

    def reading_ahead(folder, config, previewing=False):
        page_cache.read_ahead(folder, config, previewing)
        ahead.append(len(reads))

    monkeypatch.setattr(hook, "read_ahead", reading_ahead)
    ours, theirs = socket.socketpair()
    ours.sendall(b"go\n")  # said at once: this test is about what happens before it is read
    monkeypatch.setenv("BRIEFING_PAGES_READY_FD", str(theirs.detach()))
    _build_in_this_process()
    assert ahead == [1]  # read while waiting
    assert len(reads) == 1  # and the build found it in memory
    assert _record(project)["built"] == ALL_KEPT


def _build_with_no_pages(tmp_path):
    """One build's page cache, with no pages: what `finish` does with the index."""
    import types

    import generator.site.page_cache as page_cache

    built = object.__new__(page_cache.PageCache)
    built.folder, built.surroundings, built.previous = tmp_path / "site-pages", "s" * 64, None
    built.index_file = built.folder / "index-test.pickle"
    built.config = types.SimpleNamespace(site_dir=str(tmp_path / "site"), validation=types.SimpleNamespace(
        links=types.SimpleNamespace(anchors=20)))
    built.reused, built.records, built.noisy, built.rows, built.files = {}, {}, set(), {}, None
    built.static_rows, built.kept_static, built.base, built.unfiled, built.pins = {}, {}, None, {}, None
    built.filter = page_cache._QuietAboutReused(built)
    return built


def test_a_serving_process_writes_its_index_a_moment_later_and_only_the_newest(tmp_path, monkeypatch):
    """Under `mkdocs serve` the index is written a few seconds after the build (pickling it would delay
    the browser's reload); a rebuild meanwhile takes it from memory and writes its own instead."""
    import threading

    import generator.site.page_cache as page_cache

    monkeypatch.setattr(page_cache, "_REMEMBERED", {})
    monkeypatch.setattr(page_cache, "_deferred", {})
    monkeypatch.setattr(page_cache, "SAVE_AFTER", 0.5)
    saved: list[dict] = []
    real_save = page_cache.PageCache._save
    monkeypatch.setattr(page_cache.PageCache, "_save",
                        lambda self, pages, static: (saved.append(pages), real_save(self, pages, static)))

    def cache() -> page_cache.PageCache:
        return _build_with_no_pages(tmp_path)

    first = cache()
    first.finish(None, save_later=True)
    assert not first.index_file.exists()
    assert first.index_file.with_suffix(".refs").is_file()  # the page files it names: written at once
    second = cache()
    assert second._load()[0] is page_cache._REMEMBERED[first.index_file][2]  # from memory, before it is written
    second.finish(None, save_later=True)  # before the first save: it is cancelled
    newest = page_cache._REMEMBERED[first.index_file][2]
    page_cache._deferred[first.index_file].join(5)
    assert len(saved) == 1 and saved[0] is newest and second.index_file.is_file()
    assert page_cache._REMEMBERED[first.index_file][0] == page_cache._index_stamp(first.index_file)
    cache().finish(None)  # `mkdocs build`: written at once
    assert len(saved) == 2 and not page_cache._deferred
    assert not [t for t in threading.enumerate() if isinstance(t, threading.Timer) and t.is_alive()]


def test_a_deferred_save_that_falls_due_during_a_rebuild_waits_for_its_end(tmp_path, monkeypatch):
    """Pickling the index shares the interpreter with the rebuild of an edit under way: a save due
    meanwhile waits SAVE_AFTER again until no rebuild is under way; a server stopping writes it at
    once, rebuild or not; and a rebuild that never ends cannot hold it for ever (HELD_AT_MOST)."""
    import generator.site.page_cache as page_cache

    monkeypatch.setattr(page_cache, "_REMEMBERED", {})
    monkeypatch.setattr(page_cache, "_deferred", {})
    monkeypatch.setattr(page_cache, "SAVE_AFTER", 0.05)
    saved: list[dict] = []
    monkeypatch.setattr(page_cache.PageCache, "_save", lambda self, pages, static: saved.append(pages))

    def finished() -> page_cache.PageCache:
        built = _build_with_no_pages(tmp_path)
        built.finish(None, save_later=True)
        return built

    def settle() -> None:
        deadline = time.monotonic() + 5
        while page_cache._deferred and time.monotonic() < deadline:
            time.sleep(0.01)

    finished()
    with page_cache.rebuilding():
        time.sleep(0.3)  # several times SAVE_AFTER
        assert saved == [] and page_cache._deferred  # waiting, re-armed
    settle()
    assert len(saved) == 1 and not page_cache._deferred

    finished()
    with page_cache.rebuilding():
        assert page_cache.save_deferred_now() == 1  # the server stops: written at once
    assert len(saved) == 2 and not page_cache._deferred

    monkeypatch.setattr(page_cache, "HELD_AT_MOST", 2)
    finished()
    with page_cache.rebuilding():
        time.sleep(0.6)  # more than HELD_AT_MOST re-arms
        assert len(saved) == 3 and not page_cache._deferred

def test_a_failed_build_leaves_nothing_set_aside(project):
    main = project / "site_overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8") + "\n{% if %}\n", encoding="utf-8")  # a template error
    done = _mkdocs(project, "--strict")
    assert done.returncode != 0
    assert not (project / "site" / ".briefing-previous-build").exists()


def test_a_verbose_build_works_and_its_pages_are_not_kept_blind(project):
    """`mkdocs build -v` keeps no list of a page's links to anchors (MkDocs checks them as it goes): the
    build works, and the pages it built are built again next time, so a kept copy's links are checked."""
    (project / "content" / "notes.md").write_text(
        "# Notes\n\nSee [the wrap-up](wrap-up.md#open-questions).\n", encoding="utf-8")
    out = _build(project, "--verbose")
    assert "Traceback" not in out
    (project / "content" / "wrap-up.md").write_text("# Wrap-up\n\nAll answered.\n", encoding="utf-8")
    done = _mkdocs(project, "--strict")
    assert done.returncode != 0
    assert "does not contain an anchor '#open-questions'" in done.stdout + done.stderr


@pytest.mark.parametrize("spelled", ["notes.md", "./notes.md"])
def test_a_page_the_nav_lists_without_a_title_is_in_every_kept_page(project, spelled):
    """`- notes.md` in the nav: every page's navigation shows the title notes.md's Markdown gives it,
    so a new title there makes MkDocs build the kept pages again (they would show the old one)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - About: about.md\n", f"  - About: about.md\n  - {spelled}\n"), encoding="utf-8")
    _build(project)
    (project / "content" / "notes.md").write_text("# Field notes, renamed\n\nNothing yet.\n", encoding="utf-8")
    _build(project)
    article = sorted((project / "site" / "archive" / "articles").glob("*/index.html"))[0]
    assert "Field notes, renamed" in article.read_text(encoding="utf-8")
    _assert_same_site(project, project.parent / "clean")


def test_a_page_the_nav_lists_under_a_title_is_kept_and_its_front_matter_is_in_every_page(project, tmp_path):
    """`About: about.md` in the nav: the page is kept like any other (its title and neighbours are the
    nav's), but every page's navigation shows its front matter's subtitle, so a new one there makes
    MkDocs build the kept pages again."""
    _build(project)
    about = project / "content" / "about.md"
    assert "about.md" in _record(project)["pages"] and _record(project)["built"] == ALL_KEPT
    about.write_text("---\nsubtitle: Read this first\n---\n" + about.read_text(encoding="utf-8"), encoding="utf-8")
    _build(project)
    article = sorted((project / "site" / "archive" / "articles").glob("*/index.html"))[0]
    assert "Read this first" in article.read_text(encoding="utf-8")
    _assert_same_site(project, tmp_path / "clean")


def test_a_page_edited_in_place_is_built_again_whatever_its_size_and_time(project, tmp_path):
    """A page whose Markdown file keeps its stat row is not read again (its key is the record's); any
    write changes the row's change time, even one keeping the size and modification time."""
    import time

    time.sleep(2.2)  # the copied files settle: their rows are recorded
    _build(project)
    assert all(r.source_row is not None for r in _record(project)["pages"].values())
    notes = project / "content" / "notes.md"
    text = notes.read_text(encoding="utf-8")
    edited = text.replace("Analyst notes", "Analyst motes")
    stat = notes.stat()
    notes.write_text(edited, encoding="utf-8")
    os.utime(notes, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    time.sleep(2.2)  # settled too: only its change time tells
    _build(project)
    assert "Analyst motes" in (project / "site" / "notes" / "index.html").read_text(encoding="utf-8")
    assert _record(project)["built"] >= 1
    _assert_same_site(project, tmp_path / "clean")


@pytest.mark.parametrize("site_url", [
    "https://example.github.io/briefing-archive/", "https://example.github.io/briefing-archive",
    "https://example.org", "http://localhost:8000/", "https://example.org/a//b/", "https://example.org/a/./b/../c/",
    "https://example.org/x/?q=1", "https://example.org/x/#top", "", None])
@pytest.mark.parametrize("directory_urls", [True, False])
def test_a_kept_page_has_the_urls_mkdocs_gives_a_page(site_url, directory_urls, tmp_path):
    """page_cache.KeptPage works out a plain URL's canonical URL as a string: the same as MkDocs'
    urljoin, for plain paths and odd ones alike."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    from generator.site.page_cache import KeptPage

    (tmp_path / "docs").mkdir()
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"site_name": "Test", "site_url": site_url, "use_directory_urls": directory_urls,
                      "docs_dir": str(tmp_path / "docs"), "repo_url": "https://github.com/o/r", "edit_uri": "edit/main/docs/"})
    errors, _ = config.validate()
    assert not errors
    sources = ["index.md", "about.md", "archive/index.md", "archive/articles/2024-01-02-a-b/index.md",
               "archive/actors/abu-ali.md", "archive/x.y/z.md", "archive/%20space.md", "archive/caf\u00e9.md",
               "a:b.md", "archive/..md", "archive/.../x.md", "archive/q?x.md", "archive/h#x.md", "archive/back\\slash.md"]
    for src in sources:
        file = File(src, str(tmp_path / "docs"), str(tmp_path / "site"), directory_urls)
        mkdocs_page, kept = Page(None, file, config), KeptPage(None, file, config)
        assert (kept.canonical_url, kept.abs_url, kept.edit_url, kept.url) == \
            (mkdocs_page.canonical_url, mkdocs_page.abs_url, mkdocs_page.edit_url, mkdocs_page.url), (site_url, src)


@pytest.mark.parametrize("meta", [
    {}, {"title": "Ain al-Asad"}, {"filters": {"Actor": ["A", "B"], "Year": ["2024"]}, "search": {"exclude": True}},
    {"title": "caf\u00e9 \u2014 \U0001f600", "n": 1, "x": 1.5, "flag": False, "none": None},
    {"date": __import__("datetime").date(2024, 1, 2)},  # YAML's dates: JSON has none
    {"pair": (1, 2)}, {1: "int key"}, {"nan": float("nan")}, {"big": 10 ** 30}])
def test_a_records_front_matter_gives_back_the_mapping_a_built_page_had(meta, tmp_path):
    """page_cache keeps a page's front matter as JSON text when JSON gives back an equal mapping
    (else the mapping itself), and a kept page reads it only when asked: what it gives is what the
    page had, of the same types, and a fresh mapping each time a record is read."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    from generator.site.page_cache import KeptPage, _front_mapping, _front_text

    kept = _front_text(meta)
    if any(isinstance(v, (tuple, __import__("datetime").date)) for v in meta.values()) or 1 in meta \
            or "nan" in meta:
        assert kept == meta and isinstance(kept, dict)
    else:
        assert isinstance(kept, str)
    for _ in range(2):
        got = _front_mapping(kept)
        assert repr(got) == repr(meta)  # equal, with the same types (a tuple stays a tuple, 1 stays an int)
        got["changed"] = True
    (tmp_path / "docs").mkdir()
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"site_name": "Test", "docs_dir": str(tmp_path / "docs")})
    assert not config.validate()[0]
    page = KeptPage(None, File("a.md", str(tmp_path / "docs"), str(tmp_path / "site"), True), config)
    assert page.meta == {}
    page.keep_front(kept)
    assert repr(page.meta) == repr(meta) and page.meta is page.meta  # read once, then the same mapping
    plain = Page(None, File("a.md", str(tmp_path / "docs"), str(tmp_path / "site"), True), config)
    plain.meta = _front_mapping(kept)
    page.markdown = plain.markdown = ""  # Page.title reads the meta only of a page whose Markdown was read
    assert page.title == plain.title == meta.get("title", "A")  # a kept page's title is MkDocs' own
    page.meta = {"title": "set"}
    assert page.meta == {"title": "set"}


# Generator modules the MkDocs side imports inside a function, each of them to generate (never to shape
# a page's HTML): the pipeline writes Markdown, which each page's key covers byte for byte. A new one
# must be added here knowingly, or made a top-level import (which puts its code in the pages' key).
GENERATING_IMPORTS = {
    ("generator/site/hook.py", "generator.build"),  # the hook runs the generator before a build
    ("generator/render/__init__.py", "generator.render.pages"),  # render_all & co., loaded when asked
    ("generator/render/__init__.py", "generator.render.exports"),
    *(("generator/speed/__init__.py", name) for name in (  # steps(): the pipeline's faster steps
        "generator.pipeline", "generator.extract.incidents", "generator.index.related",
        "generator.speed.digest_cache", "generator.speed.extraction_cache",
        "generator.speed.incidents_cache", "generator.speed.incremental", "generator.speed.memo",
        "generator.speed.reading_cache", "generator.speed.register_cache", "generator.speed.pools",
        "generator.speed.statements_cache", "generator.speed.quick_events", "generator.index.events",
        "generator.speed.kept_resolution", "generator.index.resolve",
        "generator.speed.terms_cache", "generator.speed.template_cache", "generator.render.pages")),
}


def test_the_mkdocs_side_code_is_what_mkdocs_runs_of_the_generator():
    """A page's key covers the generator code that runs inside MkDocs (page_cache.mkdocs_side_code),
    not the pipeline: an extraction change rebuilds only the pages whose Markdown it changed. That
    code is every module a fresh MkDocs process imports with the hook, and no module of it imports
    other generator code inside a function but to generate (GENERATING_IMPORTS)."""
    from generator.site.page_cache import _imports, mkdocs_side_code

    code = {p.relative_to(ROOT).as_posix() for p in mkdocs_side_code()}
    assert {"generator/site/hook.py", "generator/site/fast_render.py", "generator/site/sanitize.py",
            "generator/render/maps.py", "generator/__init__.py"} <= code
    assert not any(p.startswith(("generator/extract/", "generator/index/", "generator/read/")) for p in code)
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, hooks.briefing; print('\\n'.join(sorted(m.__file__ for n, m in "
                               "sys.modules.items() if n == 'generator' or n.startswith('generator.'))))"],
        cwd=ROOT, capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    assert {Path(f).resolve().relative_to(ROOT).as_posix() for f in loaded.split()} == code
    inner = {(p.relative_to(ROOT).as_posix(), name) for p in mkdocs_side_code() for name in _imports(p)[1]}
    assert inner <= GENERATING_IMPORTS, sorted(inner - GENERATING_IMPORTS)


def test_the_pages_key_follows_the_mkdocs_side_code_only(tmp_path, monkeypatch):
    """A change to the pipeline's code leaves every page's key as it was; one to the MkDocs side's
    code (or a module it imports) changes them all."""
    from generator.site import page_cache
    from generator.speed import freshness

    copy = tmp_path / "generator"
    shutil.copytree(ROOT / "generator", copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(page_cache, "_GENERATOR", copy)
    monkeypatch.setattr(freshness, "_PACKAGE", copy)

    def key() -> str:
        return freshness.code_fingerprint(page_cache.mkdocs_side_code())

    first = key()
    for pipeline_file in ("extract/words.py", "index/related.py", "render/pages.py", "build.py"):
        (copy / pipeline_file).write_text((copy / pipeline_file).read_text(encoding="utf-8") + "\n# edited\n",
                                          encoding="utf-8")
        assert key() == first, pipeline_file
    for side_file in ("site/sanitize.py", "render/maps.py", "plaintext.py"):
        (copy / side_file).write_text((copy / side_file).read_text(encoding="utf-8") + "\n# edited\n",
                                      encoding="utf-8")
        assert key() != first, side_file
        first = key()
    (copy / "site" / "added.py").write_text("from generator.extract import words\n", encoding="utf-8")
    assert "extract/words.py" in {p.relative_to(copy).as_posix() for p in page_cache.mkdocs_side_code()}


def test_a_process_whose_mkdocs_side_code_changed_on_disk_uses_no_cache(monkeypatch):
    """A long-lived `mkdocs serve` renders with the code it imported: once the files differ, it keeps
    no page under either code's key (a later build with the new code would reuse the old code's HTML)."""
    from mkdocs.config.defaults import MkDocsConfig

    from generator.site import page_cache

    config = MkDocsConfig()
    config.load_dict({"site_name": "Test", "nav": ["index.md"]})
    assert page_cache.why_not(config, "serve", False, True) is None
    monkeypatch.setattr(page_cache, "RUNNING_SIDE_CODE", "the code a server imported before a git pull")
    assert "changed since this process started" in page_cache.why_not(config, "serve", False, True)


def test_an_mkdocs_build_runs_no_generator_code_outside_the_mkdocs_side(project):
    """What a real `mkdocs build` (the pages already generated, as `make site` runs it) loads of the
    generator is within mkdocs_side_code(): code loaded lazily while pages are built (import_module,
    a package's __getattr__) would shape pages without being in their key."""
    from generator.site.page_cache import mkdocs_side_code

    script = ("import sys\nfrom mkdocs.__main__ import cli\ntry:\n    cli(['build', '--strict'])\n"
              "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
              "print('\\n'.join(m.__file__ for n, m in sys.modules.items() if n == 'generator' or n.startswith('generator.')))")
    done = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True, text=True, timeout=900,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "BRIEFING_SKIP_GENERATE": "1",
                               "BRIEFING_SEARCH": "lunr", "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stdout + done.stderr
    loaded = {Path(f).resolve() for f in done.stdout.split()}
    assert loaded and loaded <= set(mkdocs_side_code()), sorted(map(str, loaded - set(mkdocs_side_code())))


def test_the_mkdocs_side_code_read_from_files_being_edited(tmp_path, monkeypatch):
    """An editor's lock or backup file in generator/site/ is no module; a file half saved (a syntax
    error) or an import that cannot be followed leaves no digest, and then no page is kept or reused,
    while the build goes on."""
    from mkdocs.config.defaults import MkDocsConfig

    from generator.site import page_cache
    from generator.speed import freshness

    copy = tmp_path / "generator"
    shutil.copytree(ROOT / "generator", copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(page_cache, "_GENERATOR", copy)
    monkeypatch.setattr(freshness, "_PACKAGE", copy)
    (copy / "site" / ".#hook.py").symlink_to("someone@host.1234:1700000000")  # Emacs' lock: a broken link
    (copy / "site" / "hook.old.py").write_text("import generator.extract.words\n", encoding="utf-8")
    code = {p.relative_to(copy).as_posix() for p in page_cache.mkdocs_side_code()}
    assert "site/hook.py" in code and not any("old" in p or "#" in p or p.startswith("extract/") for p in code)
    digest = page_cache.side_code_digest()
    monkeypatch.setattr(page_cache, "RUNNING_SIDE_CODE", digest)
    config = MkDocsConfig()
    config.load_dict({"site_name": "Test", "nav": ["index.md"]})
    assert digest is not None and page_cache.why_not(config, "build", False, True) is None
    for broken, text in (("models.py", "def half(:\n"), ("site/sanitize.py", "from .cmark import x\n")):
        original = (copy / broken).read_text(encoding="utf-8")
        (copy / broken).write_text(original + text, encoding="utf-8")
        assert page_cache.side_code_digest() is None, broken
        assert "cannot be read" in page_cache.why_not(config, "build", False, True)
        (copy / broken).write_text(original, encoding="utf-8")
        os.utime(copy / broken, ns=(1, 1))  # a time no earlier reading had: read again
        assert page_cache.side_code_digest() == digest


def test_the_pages_key_holds_the_running_mkdocs_side_code(tmp_path, monkeypatch):
    """surroundings() (every page's key) changes with the MkDocs side's code the process runs."""
    from mkdocs.config.defaults import MkDocsConfig

    from generator.site import page_cache

    (tmp_path / "docs").mkdir()
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"site_name": "Test", "docs_dir": str(tmp_path / "docs")})
    assert not config.validate()[0]
    first = page_cache.surroundings(config)
    assert page_cache.surroundings(config) == first
    monkeypatch.setattr(page_cache, "RUNNING_SIDE_CODE", "another version of generator/site/")
    assert page_cache.surroundings(config) != first


def test_a_site_set_aside_for_a_cache_that_is_then_refused_is_discarded(tmp_path, monkeypatch):
    """on_pre_build sets the last site/ aside when nothing refuses the cache; if a reason comes up by
    on_files (the MkDocs side's code changed on disk in between), that folder must not reach the site."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from generator.site.hook import ArchiveHook
    from generator.site.page_cache import PREVIOUS, set_aside

    site = tmp_path / "site"
    (site / "old").mkdir(parents=True)
    (site / "old" / "index.html").write_text("the last build's page", encoding="utf-8")
    monkeypatch.setenv("BRIEFING_FAST_RENDER", "0")
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"site_name": "Test", "docs_dir": str(tmp_path / "docs"), "site_dir": str(site),
                      "nav": ["index.md"]})
    hook = ArchiveHook()
    hook.command = "build"
    hook.previous_site = set_aside(site)
    assert (site / PREVIOUS / "old" / "index.html").is_file()
    monkeypatch.setattr(ArchiveHook, "_page_cache_refusal", lambda self, config: "the code changed meanwhile")
    hook.on_files(Files([]), config)
    assert hook.previous_site is None and not (site / PREVIOUS).exists()


@pytest.mark.parametrize("html, links", [
    ('<a href="a/">', {"a/"}),
    ("<img src='b.png'>", {"b.png"}),
    ('<a xhref="a">', set()),  # not an attribute named href
    ('<a data-href="a">', {"a"}),  # after a dash: as MkDocs' HTML never has, but a link all the same
    ('<a _src="e">', set()),
    ('<a ésrc="d">', set()),  # a letter before it, in any script
    ('<a href="f?x=1"><b src=\'g#top\'>', {"f", "g"}),  # up to the query or the anchor
    ('<a href="/src=\'q\'">', {"/src=", "q"}),  # one value holding the other's name: both, one more
    ("", set()),
])
def test_the_links_a_page_depends_on(html, links):
    assert page_cache._hrefs(html) == links


def _same_as_clean_build(project: Path, where: Path, **env: str) -> None:
    clean = copy_project(where, root=project)
    shutil.rmtree(clean / "seeds")
    shutil.copytree(project / "seeds", clean / "seeds")
    _build(clean, BRIEFING_PAGE_CACHE="0", **env)
    built, fresh = _tree(project / "site"), _tree(clean / "site")
    assert sorted(built) == sorted(fresh)
    assert [p for p in fresh if built[p] != fresh[p]] == []


def test_a_new_day_or_commit_builds_no_page_again_when_no_template_shows_the_date(project, tmp_path):
    """`make site` takes SOURCE_DATE_EPOCH from the last commit, and without it MkDocs dates the build
    by the clock: neither shows in a Material page (only in the sitemap, built every time)."""
    _build(project, SOURCE_DATE_EPOCH="1800000000")
    assert _record(project)["built"] == ALL_KEPT
    _same_as_clean_build(project, tmp_path / "clean", SOURCE_DATE_EPOCH="1800000000")
    assert b"2027-01-15" in (project / "site" / "sitemap.xml").read_bytes()  # the new date, in the sitemap


def test_a_theme_that_shows_the_build_date_builds_every_page_on_a_new_date(project, tmp_path):
    overrides = project / "site_overrides" / "partials"
    (overrides / "copyright.html").write_text(
        '<div class="md-copyright">Built {{ build_date_utc.strftime("%Y-%m-%d") }}</div>\n', encoding="utf-8")
    _build(project)  # the overrides changed: every page again, with the date
    _build(project, SOURCE_DATE_EPOCH="1800000000")
    assert _record(project)["built"] > _record(project)["reused"]
    _same_as_clean_build(project, tmp_path / "clean", SOURCE_DATE_EPOCH="1800000000")
    page = next((project / "site" / "archive" / "articles").rglob("index.html")).read_text(encoding="utf-8")
    assert "Built 2027-01-15" in page


def test_folders_deepest_first_lists_what_os_walk_bottom_up_lists(tmp_path):
    """The take-back's walk of the last site/: each folder after the folders in it, links listed but not
    entered (a link to a folder among the folders, a link to a file or a broken one among the files)."""
    from generator.site.page_cache import _folders_deepest_first

    top = tmp_path / "site"
    for folder in ("a/b/c", "a/empty", "d", "e/f"):
        (top / folder).mkdir(parents=True)
    for file in ("index.html", "a/x.html", "a/b/c/y.html", "d/z.html", "e/f/w.html"):
        (top / file).write_text(file, encoding="utf-8")
    (top / "a" / "to-d").symlink_to(top / "d", target_is_directory=True)
    (top / "a" / "to-file").symlink_to(top / "index.html")
    (top / "e" / "broken").symlink_to(top / "nowhere")

    ours = _folders_deepest_first(str(top))
    theirs = list(os.walk(top, topdown=False))
    assert sorted(folder for folder, _, _ in ours) == sorted(folder for folder, _, _ in theirs)
    seen: set[str] = set()
    for folder, files, folders in ours:
        assert all(path in seen for path, link in folders if not link), folder  # the folders in it came first
        seen.add(folder)
    expected = {folder: (sorted(os.path.join(folder, n) for n in names),
                         sorted((os.path.join(folder, n), os.path.islink(os.path.join(folder, n))) for n in dirs))
                for folder, dirs, names in theirs}
    assert {folder: (sorted(files), sorted(folders)) for folder, files, folders in ours} == expected
    assert (str(top / "a" / "to-d"), True) in next(folders for f, _, folders in ours if f == str(top / "a"))


def test_the_themes_compiled_templates_are_thrown_away_when_what_compiled_them_changed(project):
    """`.cache/templates/` holds the theme's compiled templates under a marker of MkDocs', Material's
    and Jinja's releases and the environment's options: code compiled by another release (say an
    upgrade that added an extension) is not run, and the editor's own files there are left alone."""
    folder = project / ".cache" / "templates"
    marker = (folder / "code").read_text(encoding="utf-8")
    assert "mkdocs-material" in marker and "jinja2.ext.InternationalizationExtension" in marker
    compiled = sorted(folder.glob("__jinja2_*.cache"))
    assert compiled
    for path in compiled:
        path.write_bytes(b"compiled by another release")  # would fail to load, or run, if it were used
    (folder / "code").write_text("theme mkdocs 0.1 mkdocs-material 0.1", encoding="utf-8")
    mine = folder / "notes.txt"
    mine.write_text("mine", encoding="utf-8")
    _build(project, BRIEFING_PAGE_CACHE="1")
    assert (folder / "code").read_text(encoding="utf-8") == marker
    assert mine.read_text(encoding="utf-8") == "mine"
    assert all(path.read_bytes() != b"compiled by another release" for path in folder.glob("__jinja2_*.cache"))


def test_a_preview_and_a_build_share_their_pages_unless_the_preview_builds_drafts(tmp_path):
    """`mkdocs serve` renders the pages `mkdocs build` writes (the hook gives it the published address),
    so both use one index; `--strict` changes no page. Where mkdocs.yml names drafts, only a preview
    builds them, and its pages are kept apart."""
    from mkdocs.config import load_config

    from generator.site.page_cache import surroundings

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    config_file = tmp_path / "mkdocs.yml"

    def config(yml: str, **options):
        config_file.write_text("site_name: Test\nsite_url: https://example.org/a/\nnav:\n  - index.md\n" + yml,
                               encoding="utf-8")
        loaded = load_config(str(config_file), **options)
        loaded.plugins.on_startup(command="build", dirty=False)
        return loaded

    plain = config("")
    assert surroundings(plain, previewing=True) == surroundings(plain)
    assert surroundings(config("", strict=True)) == surroundings(plain)
    assert surroundings(config("", site_url="https://example.org/b/")) != surroundings(plain)
    drafts = config("draft_docs: |\n  drafts/\n")
    assert surroundings(drafts, previewing=True) != surroundings(drafts)


def test_the_search_variable_counts_through_the_configuration_that_reads_it(tmp_path, monkeypatch):
    """BRIEFING_SEARCH reaches a page only through mkdocs.yml (`extra.search_backend: !ENV`): a build
    that sets it to the default shares its pages with a server that leaves it unset (the benchmark's
    `mkdocs build` and `mkdocs serve` did not), and another backend is another key."""
    from mkdocs.config import load_config

    from generator.site.page_cache import surroundings

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text("site_name: Test\nnav:\n  - index.md\n"
                           "extra:\n  search_backend: !ENV [BRIEFING_SEARCH, lunr]\n", encoding="utf-8")

    def key(search: str | None) -> str:
        if search is None:
            monkeypatch.delenv("BRIEFING_SEARCH", raising=False)
        else:
            monkeypatch.setenv("BRIEFING_SEARCH", search)
        loaded = load_config(str(config_file))
        loaded.plugins.on_startup(command="build", dirty=False)
        return surroundings(loaded)

    unset = key(None)
    assert key("lunr") == unset
    assert key("pagefind") != unset
    # a mkdocs.yml that does not read the variable builds the same pages whatever it holds
    config_file.write_text("site_name: Test\nnav:\n  - index.md\n", encoding="utf-8")
    assert key("pagefind") == key(None)


def test_what_the_mkdocs_side_code_imports_is_parsed_once_across_processes(tmp_path, monkeypatch):
    """Which generator modules run inside MkDocs is read from their imports (ast): kept beside Python's
    compiled files for the next process, and read again for a file whose stat row changed."""
    import ast

    from generator.site import page_cache
    from generator.speed import freshness

    copy = tmp_path / "generator"
    shutil.copytree(ROOT / "generator", copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(page_cache, "_GENERATOR", copy)
    monkeypatch.setattr(freshness, "_PACKAGE", copy)
    kept = tmp_path / "pycache" / "side-imports.pickle"
    monkeypatch.setattr(page_cache, "_PARSED_FILE", kept)
    monkeypatch.setattr(page_cache, "_parsed", {})
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(page_cache, "settled", lambda st, now: True)  # the copy was made a moment ago
    first = page_cache.mkdocs_side_code()
    assert kept.is_file()

    page_cache._parsed.clear()  # the next process
    parsed: list[str] = []
    real_parse = ast.parse

    def counted(source, *args, **kw):
        name = kw.get("filename", args[0] if args else "")
        if str(name).startswith(str(copy)):
            parsed.append(name)
        return real_parse(source, *args, **kw)

    monkeypatch.setattr(ast, "parse", counted)
    assert page_cache.mkdocs_side_code() == first and parsed == []

    sanitize = copy / "site" / "sanitize.py"
    sanitize.write_text(sanitize.read_text(encoding="utf-8") + "\nfrom generator.extract import words\n",
                        encoding="utf-8")
    page_cache._parsed.clear()
    assert (copy / "extract" / "words.py") in page_cache.mkdocs_side_code()
    assert parsed[0] == str(sanitize)  # then only the modules newly reached through it
    assert {str(p) for p in first}.isdisjoint(parsed[1:])

    kept.unlink()
    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # PYTHONDONTWRITEBYTECODE: nothing written
    page_cache._parsed.clear()
    page_cache.mkdocs_side_code()
    assert not kept.exists()


def test_the_page_files_a_build_under_way_reuses_survive_another_builds_clean_up(tmp_path):
    """A server and `make site` write one index and one list of its files: the last writer's list is
    all the other's clean-up reads. A build names the files it reuses in a pins file until it ends, so
    they are kept meanwhile; the pins of a process that ended without removing them are dropped."""
    import socket
    from types import SimpleNamespace

    from generator.site.owners import owner

    folder = tmp_path / "site-pages"
    (folder / "pages").mkdir(parents=True)
    for name in ("listed.html", "pinned.html", "unnamed.html", "dead.html"):
        (folder / "pages" / name).write_text(name)
    (folder / "index-a.pickle").write_bytes(b"")
    (folder / "index-a.refs").write_text("listed.html\n")
    (folder / f"pins-{owner()}").write_text("pinned.html\n")  # a build of a running process
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    gone_owner = f"{dead.pid}@{socket.gethostname()}"
    (folder / f"pins-{gone_owner}").write_text("dead.html\n")  # its process is gone
    page_cache.PageCache._collect_garbage(SimpleNamespace(folder=folder))
    assert sorted(p.name for p in (folder / "pages").iterdir()) == ["listed.html", "pinned.html"]
    assert not (folder / f"pins-{gone_owner}").exists() and (folder / f"pins-{owner()}").exists()


def test_a_build_pins_the_files_it_reuses_until_it_ends(project):
    """The pins file is there while MkDocs builds and gone once the build ended."""
    folder = project / ".cache" / "site-pages"
    _build(project)
    assert not list(folder.glob("pins-*"))


@pytest.mark.parametrize("damage", [b"not a pickle", b"\x80\x05K\x01.",
                                    "pickle:wrong-entry", "pickle:wrong-stamp"])
def test_a_damaged_file_of_parsed_imports_means_parsing_again(damage, tmp_path, monkeypatch):
    import pickle as pickle_module

    kept = tmp_path / "side-imports.pickle"
    if isinstance(damage, str):
        entry = ("not", "a pair") if damage.endswith("entry") else (("1", 2), (frozenset(), frozenset()))
        path = str(page_cache._module_file("generator.site.sanitize"))
        damage = pickle_module.dumps({"format": page_cache._PARSED_FORMAT, "files": {path: entry}})
    kept.write_bytes(damage)
    monkeypatch.setattr(page_cache, "_PARSED_FILE", kept)
    monkeypatch.setattr(page_cache, "_parsed", {})
    assert page_cache.mkdocs_side_code()  # no exception, the modules found as ever
    assert page_cache.side_code_digest() == page_cache.RUNNING_SIDE_CODE


def test_a_module_written_in_the_last_clock_tick_is_parsed_again_each_time(tmp_path, monkeypatch):
    """A same-size write in the same clock tick could keep the stat row: such a file's imports are not
    kept (`_source_row`), so an edit made a moment ago is never missed."""
    module = tmp_path / "fresh.py"
    module.write_text("from generator.site import sanitize\n", encoding="utf-8")
    monkeypatch.setattr(page_cache, "_parsed", {})
    assert page_cache._imports(module)[0] == {"generator.site", "generator.site.sanitize"}
    assert str(module) not in page_cache._parsed



def test_a_serving_process_writes_the_search_index_from_the_entries_it_kept(project, tmp_path, monkeypatch, request):
    """A serving process's rebuilds write the search index from the pages' entries kept as JSON text
    (search_json.py): after an edit, only the edited page's entries are serialised again, and the
    site, its search index included, is the clean build's."""
    import generator.site.page_cache as page_cache
    from generator.site import search_json

    _index_reads(project, monkeypatch, request)
    finish = page_cache.PageCache.finish
    monkeypatch.setattr(page_cache.PageCache, "finish",  # as under `mkdocs serve`
                        lambda self, search_index, save_later=False: finish(self, search_index, save_later=True))
    monkeypatch.setattr(page_cache, "_SERIALISED", search_json.SerialisedEntries())
    _build_in_this_process()
    page_cache.save_deferred_now()
    serialised = []
    dumps = search_json._dumps
    monkeypatch.setattr(search_json, "_dumps", lambda value: serialised.append(value) or dumps(value))
    notes = project / "content" / "notes.md"
    notes.write_text(notes.read_text(encoding="utf-8") + "\n## One more section\n\nWith words.\n", encoding="utf-8")
    _build_in_this_process()
    page_cache.save_deferred_now()
    assert len(page_cache._SERIALISED.kept) > 20  # every page with entries, kept for the next build
    assert [[e["location"] for e in v] for v in serialised[1:]] == [["notes/", "notes/#one-more-section"]]
    _assert_same_site(project, tmp_path / "clean")


LINK_BASES = ["", "archive/", "archive/articles/x/", "archive/articles/y/", "archive/articles/x", "a/b/c/d/",
              "actors/x/", "a/b", "a"]
LINK_HREFS = ["../", "../../", "../../../../../", "../x/", "../../actors/y/", "../../../z.css", "./y/", "y/../z/",
              "../y/../../z/", "..", "../..", "../.hidden/", "x/", "", "/y", "//y", "..//y", "../..//y", "../x:y",
              "x:y", "https://example.org/", "../../https://example.org/"]


def test_links_with_one_key_resolve_to_one_target_whatever_page_they_are_on():
    """page_cache.link_key: the page cache resolves a link once per key (PageCache._target's rules:
    a scheme or a leading / is no file of the site, anything else is joined to the page's folder)."""
    from urllib.parse import urlsplit

    from generator.site.page_cache import link_key

    def target(base: str, href: str) -> str | None:
        if urlsplit(href).scheme or href.startswith(("/", "//")):
            return None
        return posixpath.normpath(posixpath.join(base, href))

    by_key: dict[tuple, set] = {}
    for base in LINK_BASES:
        for href in LINK_HREFS:
            by_key.setdefault(link_key(base, href), set()).add(target(base, href))
    assert {key: found for key, found in by_key.items() if len(found) > 1} == {}
    shared = link_key("archive/articles/x/", "../../actors/y/")
    assert shared == link_key("archive/articles/y/", "../../actors/y/")  # one key for a section's pages
