"""`mkdocs serve` starts on the pages as last generated and generates in the background
(ArchiveHook.serve_at_once / catch_up in generator/site/hook.py)."""
from __future__ import annotations

import dataclasses
import logging
import os
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator import settings
from generator.build import Project, Superseded, build, prepare, write
from generator.site import hook as hook_module
from generator.site.hook import ArchiveHook
from generator.speed import memo
from project_files import copy_project

UNDATED = "seeds/002_54b786ea366e23ae.txt: note: no date found"
EDITED_SEED = "004_6f57e6f2eacdf9d5.txt"


class _Records(logging.Handler):
    def __init__(self):
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@pytest.fixture
def records():
    handler = _Records()
    logger = logging.getLogger("mkdocs.hooks.briefing")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield handler.messages
    logger.removeHandler(handler)
    logger.setLevel(level)


@pytest.fixture
def project(tmp_path, monkeypatch) -> Project:
    monkeypatch.delenv("BRIEFING_SKIP_GENERATE", raising=False)
    monkeypatch.delenv("BRIEFING_SERVE_AT_ONCE", raising=False)
    return Project(root=copy_project(tmp_path / "project"))


def _serving(project: Project, watch: bool = False) -> tuple[ArchiveHook, SimpleNamespace]:
    """A serving hook about to make its first build. Its watcher of the inputs is left off unless
    `watch`: these tests run each regeneration an edit sets off themselves."""
    hook = ArchiveHook()
    hook.on_startup(command="serve", dirty=False)
    hook.building = True  # as in MkDocs' first build, whose on_pre_build calls `generate`
    config = SimpleNamespace(config_file_path=str(project.root / "mkdocs.yml"), docs_dir=str(project.docs_dir))
    if not watch:
        hook._watch_inputs = lambda config: None
    return hook, config


def _first_build_ends(hook: ArchiveHook) -> None:
    """What MkDocs' first build does at its end (on_post_build): the background run, if any, may begin
    (none when the last build's archive was read back before the first build)."""
    hook.building = False
    if hook.catching_up is not None:
        hook.catching_up.join(timeout=120)
        assert not hook.catching_up.is_alive()


def _article_page(project: Project, word: str) -> Path:
    return next(p for p in (project.docs_dir / "archive" / "articles").glob("*.md")
                if word in p.read_text(encoding="utf-8"))


def _edit(project: Project, old: str, new: str) -> None:
    """Edit a seed, dated a minute back (a build leaves no stamp after an edit in its last clock tick)."""
    seed = project.seeds_dir / EDITED_SEED
    seed.write_text(seed.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    st = seed.stat()
    os.utime(seed, ns=(st.st_atime_ns, st.st_mtime_ns - 60_000_000_000))


def _build_keeping_no_articles(project: Project) -> None:
    """A complete build whose articles the next server cannot read back (they were not kept: an older
    version's build, or the kept file lost), so that it runs the whole generator in the background."""
    build(project, progress=False)
    project.cache_file.with_name("serve-memo.pickle").unlink()


def test_nothing_changed_serves_at_once_and_keeps_the_pages_in_memory(project, records, monkeypatch):
    _build_keeping_no_articles(project)
    assert project.stamp_file.exists()
    hook, config = _serving(project)
    assert hook.generate(config, "before build") is None
    assert hook.catching_up is not None
    _first_build_ends(hook)
    text = "\n".join(records)
    assert "nothing changed since the last build" in text
    assert text.count(UNDATED) == 1, text  # reported at start; the background run does not repeat it
    assert "(kept in memory)" in text and "0 pages written" in text, text
    assert project.docs_dir.resolve() in memo._written
    assert hook.last_inputs == hook_module._inputs_state(project)
    _edit(project, "Katyusha", "Zebrafish")  # an edit: the quick pass, against the pages kept in memory
    quick = hook.generate(config, "input changed", quick=True)
    assert quick is not None and quick.partial
    assert "Zebrafish" in _article_page(project, "Zebrafish").read_text(encoding="utf-8")
    text = "\n".join(records)  # an edit lists no problem the server listed before, and says so
    assert text.count(UNDATED) == 1 and "problem(s) as listed before" in records[-1], text


def test_a_seed_edited_while_no_server_ran_is_caught_up_in_the_background(project, records):
    _build_keeping_no_articles(project)
    _edit(project, "Katyusha", "Zebrafish")
    hook, config = _serving(project)
    assert hook.generate(config, "before build") is None  # MkDocs builds the pages as they are
    time.sleep(0.5)
    page = _article_page(project, "Katyusha")
    assert "Zebrafish" not in page.read_text(encoding="utf-8")  # the generator waits for the first build
    _first_build_ends(hook)
    text = "\n".join(records)
    assert "serving the archive as last generated" in text
    assert "(caught up)" in text and text.count(UNDATED) == 1, text
    assert "Zebrafish" in _article_page(project, "Zebrafish").read_text(encoding="utf-8")
    assert hook.last_inputs == hook_module._inputs_state(project)
    assert project.stamp_file.exists()  # a complete build by the code on disk: `make site` next stops early
    assert build(project, progress=False).stages.keys() == {"check"}


def test_an_edit_saved_during_the_background_run_gets_its_quick_pass_after_it(project, records, monkeypatch):
    import generator.build

    _build_keeping_no_articles(project)
    real_prepare = generator.build.prepare

    def prepare_then_edit(*args, **kwargs):  # the edit is saved once the background run has read the seeds
        plan = real_prepare(*args, **kwargs)
        _edit(project, "Katyusha", "Zebrafish")
        return plan

    monkeypatch.setattr(generator.build, "prepare", prepare_then_edit)
    hook, config = _serving(project)
    assert hook.generate(config, "before build") is None
    _first_build_ends(hook)
    monkeypatch.setattr(generator.build, "prepare", real_prepare)
    assert "(kept in memory)" in "\n".join(records)
    assert not any("Zebrafish" in p.read_text(encoding="utf-8")
                   for p in (project.docs_dir / "archive" / "articles").glob("*.md"))
    quick = hook.generate(config, "input changed", quick=True)
    assert quick is not None and quick.partial
    assert "Zebrafish" in _article_page(project, "Zebrafish").read_text(encoding="utf-8")


def test_without_an_earlier_generation_the_generator_runs_first(project, records):
    hook, config = _serving(project)
    result = hook.generate(config, "before build")
    assert result is not None and result.written and hook.catching_up is None


def test_the_setting_off_runs_the_generator_first(project, records, monkeypatch):
    build(project, progress=False)
    monkeypatch.setenv("BRIEFING_SERVE_AT_ONCE", "0")
    hook, config = _serving(project)
    result = hook.generate(config, "before build")
    assert result is not None and hook.catching_up is None


def test_mkdocs_build_never_serves_stale_pages(project, records):
    build(project, progress=False)
    _edit(project, "Katyusha", "Zebrafish")
    hook, config = _serving(project)
    hook.command = "build"
    result = hook.generate(config, "before build")
    assert result is not None and hook.catching_up is None
    assert "Zebrafish" in _article_page(project, "Zebrafish").read_text(encoding="utf-8")


def test_generator_work_waits_while_mkdocs_builds_or_is_about_to():
    """One process, one interpreter lock: the generator waits for MkDocs' build, for the build its
    watcher asked for, and for a while for the watcher to report pages just written."""
    hook = ArchiveHook()
    hook.on_startup(command="serve", dirty=False)
    hook.server = SimpleNamespace(_want_rebuild=False)
    started = time.monotonic()
    hook.wait_for_mkdocs()
    assert time.monotonic() - started < 0.5  # MkDocs idle: no wait

    hook.unbuilt = True  # pages written, not reported yet: wait for the watcher, but not for ever
    started = time.monotonic()
    hook.wait_for_mkdocs(report_within=0.5)
    assert 0.5 <= time.monotonic() - started < 2

    hook.server._want_rebuild = True  # reported: wait until MkDocs' build has begun and ended

    def mkdocs_builds():
        time.sleep(0.3)
        hook.building, hook.server._want_rebuild, hook.unbuilt = True, False, False
        time.sleep(0.5)
        hook.building = False

    builder = threading.Thread(target=mkdocs_builds)
    started = time.monotonic()
    builder.start()
    hook.wait_for_mkdocs(report_within=0.1)
    assert 0.8 <= time.monotonic() - started < 3
    builder.join()


def test_the_next_server_reads_a_serving_builds_archive_back_instead_of_generating(project, records, monkeypatch):
    """A serving process's complete build keeps its articles on disk (memo.keep_on_disk); the next
    server, nothing changed since, reads them and the pages back (build.remember_last_build)
    without running the generator, and an edit then gets its quick pass, as exact as ever."""
    build(project, progress=False, remember=True)  # as a serve session's complete build leaves it
    written = dict(memo._written[project.docs_dir.resolve()].pages)
    articles = dict(memo._written[project.docs_dir.resolve()].articles)
    memo._written.clear()  # a new process
    hook, config = _read_back_without_generating(project, records, monkeypatch)
    kept = memo._written[project.docs_dir.resolve()]
    assert kept.pages == dict.fromkeys(written, memo.AS_ON_DISK) and kept.articles == articles  # pages left unread
    assert hook.last_inputs == hook_module._inputs_state(project)
    _an_edit_gets_its_quick_pass(project, hook, config)
    assert "\n".join(records).count(UNDATED) == 1  # listed at start, not again by the edit


def _read_back_without_generating(project: Project, records, monkeypatch) -> tuple[ArchiveHook, SimpleNamespace]:
    """A server's first build and its background step, which must read the last build's archive back
    (the generator may not run); the generator is back once it has."""
    import generator.build

    def no_generator(*args, **kwargs):
        raise AssertionError("the generator ran")

    with monkeypatch.context() as patched:
        patched.setattr(generator.build, "prepare", no_generator)
        hook, config = _serving(project)
        assert hook.generate(config, "before build") is None
        _first_build_ends(hook)
    assert "(kept in memory): the last build's archive, read back" in "\n".join(records)
    return hook, config


def _an_edit_gets_its_quick_pass(project: Project, hook: ArchiveHook, config) -> None:
    _edit(project, "Katyusha", "Zebrafish")
    quick = hook.generate(config, "input changed", quick=True)
    assert quick is not None and quick.partial
    assert "Zebrafish" in _article_page(project, "Zebrafish").read_text(encoding="utf-8")


def test_the_next_server_reads_a_make_site_builds_archive_back_too(project, records, monkeypatch):
    """`make site` (a one-off build) keeps its articles on disk as a serving build does, once its pages
    are written: a server started after it reads them back instead of running the whole generator
    (half a minute at 10,000 articles, which an edit saved meanwhile waited for), and an edit then
    gets its quick pass, the same pages as a fresh build's."""
    build(project, progress=False)
    assert project.docs_dir.resolve() not in memo._written  # a one-off process keeps nothing in memory
    assert project.cache_file.with_name("serve-memo.pickle").exists()
    hook, config = _read_back_without_generating(project, records, monkeypatch)
    _an_edit_gets_its_quick_pass(project, hook, config)


def _kept_for_quick_passes(project: Project) -> tuple[dict, dict]:
    """What a serving process keeps between passes for the next quick pass: each article's places
    (speed/quick_events.py) and word counts (speed/memo.py KeptTerms), for this docs dir."""
    from generator.speed.memo import KeptTerms
    from generator.speed.quick_events import QuickEvents

    docs = project.docs_dir.resolve()
    filed = QuickEvents._by_docs.get(docs)
    return (filed.places if filed is not None else {}), KeptTerms.of(docs).kept


@pytest.mark.parametrize("edit_saved_meanwhile", [False, True])
def test_a_server_that_read_the_archive_back_works_it_out_in_memory_writing_nothing(
        project, records, monkeypatch, edit_saved_meanwhile):
    """A server that read the last build's archive back has none of what a full pass leaves a serving
    process, which its first edit's quick pass then worked out (at 10,000 articles: every event, every
    article's words, the extractor's data; 7-11 s instead of 4-5 s). It works the archive out in
    memory in the background, writing nothing, and gives way to an edit saved meanwhile."""
    from generator.speed.memo import KeptTerms
    from generator.speed.quick_events import QuickEvents

    build(project, progress=False)
    docs = project.docs_dir.resolve()
    QuickEvents._by_docs.pop(docs, None)  # a new process
    KeptTerms.of(docs).kept.clear()
    written = {p: p.stat().st_mtime_ns for p in project.docs_dir.rglob("*") if p.is_file()}
    stamp = project.stamp_file.read_bytes()
    if edit_saved_meanwhile:
        monkeypatch.setattr(ArchiveHook, "_edit_saved_since", lambda self, project, seen, state: lambda: True)
    hook, config = _read_back_without_generating(project, records, monkeypatch)
    places, words = _kept_for_quick_passes(project)
    articles = len(memo._written[docs].articles)
    if edit_saved_meanwhile:
        assert places == {} and words == {}
        return
    assert len(places) == len(words) == articles > 0
    assert {p: p.stat().st_mtime_ns for p in project.docs_dir.rglob("*") if p.is_file()} == written
    assert project.stamp_file.read_bytes() == stamp
    quick_events = []
    real = QuickEvents.__call__

    def spy(self, *args, **kwargs):
        found = real(self, *args, **kwargs)
        quick_events.append(self.quick)
        return found

    monkeypatch.setattr(QuickEvents, "__call__", spy)
    _an_edit_gets_its_quick_pass(project, hook, config)
    assert quick_events == [True]  # only the edited article's places gathered
    page = _article_page(project, "Zebrafish").relative_to(project.docs_dir).as_posix()
    rest = write(prepare(project, progress=False, long_lived=True), remember=True)
    assert not rest.partial and page not in rest.written  # the quick page was already the full pass's


def test_nothing_changed_the_archive_is_read_back_and_worked_out_before_the_first_build(project, records):
    """Nothing changed since `make site`: the first build waits while the last build's archive is read
    back and worked out, so an edit saved as soon as the first page is served finds a warm process
    (at 10,000 articles its quick pass took 3.3 s instead of 1.3 s); nothing runs in the background."""
    from generator.speed.memo import KeptTerms
    from generator.speed.quick_events import QuickEvents

    build(project, progress=False)
    docs = project.docs_dir.resolve()
    QuickEvents._by_docs.pop(docs, None)  # a new process
    KeptTerms.of(docs).kept.clear()
    hook, config = _serving(project)
    assert hook.generate(config, "before build") is None
    assert hook.catching_up is None  # done before `generate` returned: MkDocs' first build is still to come
    places, words = _kept_for_quick_passes(project)
    assert len(places) == len(words) == len(memo._written[docs].articles) > 0
    assert hook.last_inputs == hook_module._inputs_state(project)
    _first_build_ends(hook)
    _an_edit_gets_its_quick_pass(project, hook, config)


def test_an_edit_saved_before_the_first_build_ends_is_seen_by_the_watcher_started_for_it(project, records):
    """The inputs are watched from before the read-back (the server's own watching starts after the
    first build): an edit saved meanwhile regenerates once the first build is done, not before."""
    build(project, progress=False)
    hook, config = _serving(project, watch=True)
    try:
        assert hook.generate(config, "before build") is None
        assert hook.observer is not None
        _edit(project, "Katyusha", "Zebrafish")
        time.sleep(1.5)  # the watcher's regeneration waits for MkDocs' first build
        assert not any("Zebrafish" in p.read_text(encoding="utf-8")
                       for p in (project.docs_dir / "archive" / "articles").glob("*.md"))
        _first_build_ends(hook)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if any("Zebrafish" in p.read_text(encoding="utf-8")
                   for p in (project.docs_dir / "archive" / "articles").glob("*.md")):
                break
            time.sleep(0.1)
        else:
            raise AssertionError("the edit saved before the first build ended was not regenerated")
        assert "(input changed)" in "\n".join(records)
        hook.unbuilt = False  # as MkDocs' build of the quick page would: the rest of the archive follows
        while time.monotonic() < deadline and "(rest of the archive)" not in "\n".join(records):
            time.sleep(0.1)  # (left running, it would run into the next test)
        assert "(rest of the archive)" in "\n".join(records)
    finally:
        hook.observer.stop()
        hook.observer.join(timeout=10)


@pytest.mark.parametrize("how", ["register edited since", "too many seeds edited since", "built since, cache off",
                                 "memo damaged", "page changed by hand", "cache off", "another version"])
def test_the_archive_is_generated_when_it_cannot_be_read_back(project, records, how, monkeypatch):
    """No read-back unless the kept articles are the stamp's build's and the pages are as it left them."""
    build(project, progress=False, remember=True)
    memo._written.clear()
    memo_file = project.cache_file.with_name("serve-memo.pickle")
    assert memo_file.exists()
    if how == "register edited since":  # every page may depend on it: no quick pass
        register = project.register_file
        register.write_text(register.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    elif how == "too many seeds edited since":  # more than a quick pass takes
        monkeypatch.setattr(hook_module, "_settings", lambda: dataclasses.replace(settings.current(),
                                                                                   quick_max_changed=1))
        _edit(project, "Katyusha", "Zebrafish")
        other = sorted(project.seeds_dir.glob("*.txt"))[0]
        other.write_text(other.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    elif how == "built since, cache off":  # a build that keeps no articles leaves a stamp of its own
        _edit(project, "Katyusha", "Zebrafish")
        monkeypatch.setenv("BRIEFING_CACHE", "0")
        build(project, progress=False)
        monkeypatch.delenv("BRIEFING_CACHE")
    elif how == "memo damaged":
        memo_file.write_bytes(b"not a pickle")
    elif how == "cache off":
        monkeypatch.setenv("BRIEFING_CACHE", "0")
    elif how == "another version":  # the generator's code changed since: its articles may have other fields
        monkeypatch.setattr(memo, "IMPORTED_CODE", "another version")
    else:
        page = _article_page(project, "Katyusha")
        page.write_text(page.read_text(encoding="utf-8") + "\nEdited by hand.\n", encoding="utf-8")
    hook, config = _serving(project)
    assert hook.generate(config, "before build") is None
    _first_build_ends(hook)
    text = "\n".join(records)
    assert "read back" not in text
    assert "(kept in memory)" in text or "(caught up)" in text, text
    assert project.docs_dir.resolve() in memo._written


def _same_as_a_fresh_build(project: Project, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    build(Project(root=project.root, docs=fresh, cache=tmp_path / "fresh-cache" / "cache.pickle"), progress=False)
    generated = sorted(p.relative_to(fresh).as_posix() for p in fresh.rglob("*.md"))
    assert generated
    assert {p: (fresh / p).read_text(encoding="utf-8") for p in generated} == \
        {p: (project.docs_dir / p).read_text(encoding="utf-8") for p in generated}


def _spy_on_prepare(monkeypatch) -> list[bool]:
    """Each generator run's `partial` (True: a quick pass), in order."""
    import generator.build

    real_prepare, runs = generator.build.prepare, []

    def spy(*args, **kwargs):
        plan = real_prepare(*args, **kwargs)
        runs.append(plan.partial)
        return plan

    monkeypatch.setattr(generator.build, "prepare", spy)
    return runs


def test_a_seed_edited_after_a_serving_build_comes_in_as_a_quick_pass_on_the_archive_read_back(
        project, records, tmp_path, monkeypatch):
    """A few seeds edited while no server ran: before its first build, the next server reads the last
    serving build's archive back and brings the edits in as a quick pass (not after half a minute of
    generator), so the first build shows them and an edit saved at once finds a warm process; the
    rest of the archive follows once the first build is done."""
    build(project, progress=False, remember=True)
    memo._written.clear()  # a new process
    _edit(project, "Katyusha", "Zebrafish")
    runs = _spy_on_prepare(monkeypatch)
    hook, config = _serving(project)
    assert hook.generate(config, "before build") is None
    assert runs == [True] and "Zebrafish" in _article_page(project, "Zebrafish").read_text(encoding="utf-8")
    text = "\n".join(records)
    assert "read back; the seeds changed since" in text and "(changed since the last build)" in text, text
    assert "serving the archive as last generated" not in text and "(rest of the archive)" not in text, text
    _first_build_ends(hook)
    text = "\n".join(records)
    assert "(rest of the archive)" in text, text
    assert text.count(UNDATED) == 1, text  # the rest of the archive repeats no problem
    assert runs == [True, False]  # a quick pass, then the rest
    assert not hook.rest_due and not hook.quick_pages
    assert hook.last_inputs == hook_module._inputs_state(project)
    _same_as_a_fresh_build(project, tmp_path)
    assert build(project, progress=False).stages.keys() == {"check"}  # the rest left the stamp


def test_the_quick_pass_of_seeds_changed_since_gives_way_to_an_edit_saved_meanwhile(project, records, tmp_path,
                                                                                    monkeypatch):
    """An edit saved while the seeds changed since the last serving build come in: their quick pass
    stops, and the edit's own quick pass (against the archive read back) brings in both."""
    import generator.build

    build(project, progress=False, remember=True)
    memo._written.clear()
    _edit(project, "Katyusha", "Zebrafish")
    real_prepare = generator.build.prepare
    hook, config = _serving(project)

    def edit_during_the_quick_pass(*args, **kwargs):
        other = sorted(project.seeds_dir.glob("*.txt"))[0]
        other.write_text(other.read_text(encoding="utf-8") + "\nAardvark sightings were reported.\n",
                         encoding="utf-8")
        hook.changes += 1  # what the watcher does
        return real_prepare(*args, **kwargs)

    monkeypatch.setattr(generator.build, "prepare", edit_during_the_quick_pass)
    assert hook.generate(config, "before build") is None
    _first_build_ends(hook)
    monkeypatch.undo()
    assert "give way to a newer edit" in "\n".join(records)
    assert hook.last_inputs is None and not hook.rest_due
    runs = _spy_on_prepare(monkeypatch)
    hook.regenerate(config)  # the watcher's timer, for the newer edit
    assert runs == [True, False]
    assert "Zebrafish" in _article_page(project, "Zebrafish").read_text(encoding="utf-8")
    assert "Aardvark" in _article_page(project, "Aardvark").read_text(encoding="utf-8")
    _same_as_a_fresh_build(project, tmp_path)


def test_a_server_stopped_before_the_rest_of_the_archive_is_read_back_by_the_next(project, records, tmp_path,
                                                                                  monkeypatch):
    """A server stopped between an edit's quick pass and its rest of the archive leaves no stamp: the
    next one reads the last serving build's articles back with the pages as they are, and brings in
    what changed since that build as a quick pass."""
    _quick_pass_pending(project)  # ... and the server stops here
    assert not project.stamp_file.exists()
    memo._written.clear()  # a new process
    _edit(project, "Zebrafish", "Aardvark")
    runs = _spy_on_prepare(monkeypatch)
    hook, config = _serving(project)
    assert hook.generate(config, "before build") is None
    _first_build_ends(hook)
    assert runs == [True, False]
    assert "Aardvark" in _article_page(project, "Aardvark").read_text(encoding="utf-8")
    text = "\n".join(records)
    assert "read back; the seeds changed since" in text and "(rest of the archive)" in text, text
    _same_as_a_fresh_build(project, tmp_path)


def test_an_edit_undone_while_no_server_ran_is_undone_by_the_quick_pass(project, records, tmp_path, monkeypatch):
    """An edit's quick pass wrote its page, the server stopped, and the edit was undone: the seed's
    article is again the one kept, but its page is the edit's. The next server's quick pass renders
    that page again, as for any seed changed since the kept build."""
    _quick_pass_pending(project)  # ... and the server stops here
    memo._written.clear()
    _edit(project, "Zebrafish", "Katyusha")
    pages_seen_by_the_rest = []
    hook, config = _serving(project)
    runs = _spy_on_prepare(monkeypatch)
    real_complete = hook.complete

    def complete(config):  # the quick pass has written; what does the archive say before the rest?
        pages_seen_by_the_rest.extend(p.read_text(encoding="utf-8")
                                      for p in (project.docs_dir / "archive" / "articles").glob("*.md"))
        real_complete(config)

    hook.complete = complete
    assert hook.generate(config, "before build") is None
    _first_build_ends(hook)
    assert runs == [True, False]  # a quick pass (not the whole archive), then the rest
    assert pages_seen_by_the_rest and not any("Zebrafish" in text for text in pages_seen_by_the_rest)
    _same_as_a_fresh_build(project, tmp_path)


def _quick_pass_pending(project: Project):
    """A serving hook that kept the archive in memory and has just made a quick pass for an edit."""
    build(project, progress=False, remember=True)
    hook, config = _serving(project)
    hook.started, hook.building = True, False
    hook.last_inputs = hook_module._inputs_state(project)
    _edit(project, "Katyusha", "Zebrafish")
    quick = hook.generate(config, "input changed", quick=True)
    assert quick is not None and quick.partial and hook.rest_due
    return hook, config


def test_the_rest_of_the_archive_gives_way_to_a_newer_edit(project, records, tmp_path, monkeypatch):
    """An edit saved while the full pass after a quick one runs stops it before its next stage: the
    newer edit's quick pass runs at once, and its own rest of the archive writes everything."""
    import generator.build

    hook, config = _quick_pass_pending(project)
    real_prepare, stages_run = generator.build.prepare, []

    def edit_while_reading(*args, **kwargs):
        give_way = kwargs["give_way"]

        def watcher_saw_an_edit():  # the edit lands while the seeds are read (after the first check)
            if not stages_run:
                _edit(project, "Zebrafish", "Aardvark")
                hook.changes += 1
            stages_run.append(give_way())
            return stages_run[-1]

        kwargs["give_way"] = watcher_saw_an_edit
        return real_prepare(*args, **kwargs)

    monkeypatch.setattr(generator.build, "prepare", edit_while_reading)
    before = {p: p.read_text(encoding="utf-8") for p in project.docs_dir.rglob("*.md")}
    hook.complete(config)
    assert stages_run == [True]  # stopped before its first stage
    assert "gives way to a newer edit" in "\n".join(records)
    assert {p: p.read_text(encoding="utf-8") for p in project.docs_dir.rglob("*.md")} == before  # nothing written
    assert hook.rest_due
    monkeypatch.undo()
    hook.regenerate(config)  # what the watcher's timer runs for the newer edit
    assert "Aardvark" in _article_page(project, "Aardvark").read_text(encoding="utf-8")
    assert not hook.rest_due and not hook.quick_pages
    _same_as_a_fresh_build(project, tmp_path)


def test_the_rest_of_the_archive_does_not_give_way_to_a_file_saved_unchanged(project, records, tmp_path):
    """The watcher reports a save, but no input changed: the full pass goes on and writes everything."""
    hook, config = _quick_pass_pending(project)
    hook.changes += 1
    hook.complete(config)
    assert "gives way" not in "\n".join(records)
    assert not hook.rest_due and "(rest of the archive)" in "\n".join(records)
    _same_as_a_fresh_build(project, tmp_path)


def test_a_rest_that_gave_way_to_an_edit_undone_since_still_follows(project, records, tmp_path, monkeypatch):
    """The edit the rest of the archive gave way to was undone before its regeneration ran: nothing
    to regenerate, but the rest of the archive is still due, and the regeneration writes it."""
    hook, config = _quick_pass_pending(project)
    hook.last_inputs = "an edit undone since"  # as if the rest gave way; the inputs are back as they were
    hook.complete(config)
    assert hook.rest_due
    hook.last_inputs = hook_module._inputs_state(project)
    hook.regenerate(config)
    assert not hook.rest_due and "(rest of the archive)" in "\n".join(records)
    _same_as_a_fresh_build(project, tmp_path)


def test_prepare_stops_before_the_stage_at_which_it_is_told_to_give_way(project):
    """`prepare(give_way=...)` is asked before each stage and stops there; asked never to, it is a build.
    A prepared build is always written: `write` does not ask (a newer edit runs after it)."""
    asked = []

    def after_two_stages() -> bool:
        asked.append(len(asked))
        return len(asked) > 2

    with pytest.raises(Superseded, match="before the index stage"):
        prepare(project, progress=False, give_way=after_two_stages)
    assert asked == [0, 1, 2]  # read, extract, then stopped before the index
    plan = prepare(project, progress=False, give_way=lambda: False)
    assert plan.pages and not plan.partial

    asked.clear()  # told to give way only once every page is rendered: the pages are written
    plan = prepare(project, progress=False, give_way=lambda: len(asked) >= 4 or bool(asked.append(1)))
    assert len(asked) == 4
    assert write(plan).written


def test_a_stopping_server_lets_a_write_under_way_end_and_starts_none(project):
    """on_shutdown under `mkdocs serve` waits for the generator's write under way (its stamp and the
    articles kept for the next server go together), then keeps the lock: no write begins after."""
    hook, _ = _serving(project)
    writing, done = threading.Event(), []

    def write():
        with hook.lock:
            writing.set()
            time.sleep(0.5)
            done.append(True)

    writer = threading.Thread(target=write)
    writer.start()
    writing.wait(5)
    hook.on_shutdown()
    assert done == [True]  # it waited
    later = threading.Thread(target=lambda: done.append(hook.lock.acquire(timeout=0.2)))
    later.start()
    later.join()
    assert done == [True, False]  # and no write can begin
    writer.join()
