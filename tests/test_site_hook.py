"""The MkDocs integration is one object (generator/site/hook.py); hooks/briefing.py only exposes it."""
from __future__ import annotations

import fcntl
import importlib.util
import inspect
import logging
import os
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.plugins import CombinedEvent

import generator.build
import generator.site.hook as hook_module
from generator.build import Project, lock_file
from generator.site.hook import ArchiveHook
from project_files import ROOT, copy_project

STATE = {"lock", "gen_lock", "building", "catching_up", "last_inputs", "observer", "command", "fast", "quick_pages", "reported"}


def _load_hook_file(name: str = "briefing_hook_state_test"):
    spec = importlib.util.spec_from_file_location(name, ROOT / "hooks" / "briefing.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _mutable(value) -> bool:
    locks = (type(threading.Lock()), type(threading.RLock()), threading.Event, threading.Condition)
    return isinstance(value, (dict, list, set, bytearray, *locks))


def test_the_hook_file_holds_one_object_and_its_bound_methods():
    module = _load_hook_file()
    hook = module.hook
    assert isinstance(hook, ArchiveHook)
    events = {name for name in vars(module) if name.startswith("on_")}
    assert {"on_startup", "on_config", "on_pre_build", "on_post_build", "on_build_error", "on_files",
            "on_pre_page", "on_page_content", "on_serve"} <= events
    for name, value in vars(module).items():
        if name.startswith("__"):
            continue
        if isinstance(value, CombinedEvent):  # several handlers of one event, each at its own priority
            assert name.startswith("on_") and all(inspect.ismethod(m) and m.__self__ is hook for m in value.methods)
        elif name.startswith("on_"):
            assert inspect.ismethod(value) and value.__self__ is hook and value.__name__ == name, name
        else:
            assert value is hook or value is ArchiveHook, f"module-level {name} = {value!r} in hooks/briefing.py"
    # Every event the object defines is handed to MkDocs (none forgotten in the thin file).
    assert events == {name for name in dir(ArchiveHook) if name.startswith("on_")}


def test_the_site_package_keeps_no_mutable_module_state():
    for name, value in vars(hook_module).items():
        assert name.startswith("__") or not _mutable(value), f"generator/site/hook.py keeps module-level state in {name}"
    assert "global " not in Path(inspect.getsourcefile(ArchiveHook)).read_text(encoding="utf-8")
    assert STATE <= set(vars(ArchiveHook()))


def test_two_hooks_share_no_state():
    a, b = ArchiveHook(), ArchiveHook()
    a.on_startup(command="serve", dirty=False)
    a.quick_pages = frozenset({"archive/articles/x.md"})
    assert b.command is None and b.quick_pages == frozenset()
    assert a.lock is not b.lock and a.gen_lock is not b.gen_lock
    a.building = True
    assert b.building is False


def _link_warning(page: str) -> logging.LogRecord:
    return logging.LogRecord("mkdocs.structure.pages", logging.WARNING, __file__, 1,
                             f"Doc file '{page}' contains a link 'archive/actors/new.md', but the target "
                             "'archive/actors/new.md' is not found among documentation files.", None, None)


def test_link_warnings_of_a_quick_pass_are_held_back_by_the_objects_state():
    hook = ArchiveHook()
    logger = logging.getLogger("mkdocs.structure.pages")
    mine = [f for f in logger.filters if getattr(f, "hook", None) is hook]
    assert len(mine) == 1
    links = mine[0]
    try:
        assert links.filter(_link_warning("archive/articles/a.md"))  # no quick pass: every warning shows
        hook.quick_pages = frozenset({"archive/articles/a.md"})
        hook.page_cache = SimpleNamespace(noisy=set())
        assert not links.filter(_link_warning("archive/articles/a.md"))  # a quick page: held back
        # and never kept by the page cache: its HTML holds the link as written, unresolved, and a later
        # build (`make site` shares the cache) would reuse it once the rest wrote the linked page
        assert hook.page_cache.noisy == {"archive/articles/a.md"}
        assert links.filter(_link_warning("archive/articles/b.md"))  # any other page: shown
        hook.quick_pages = frozenset()  # the rest of the archive is written
        assert links.filter(_link_warning("archive/articles/a.md"))
    finally:
        logger.removeFilter(links)


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


def test_a_build_lock_timeout_under_serve_is_one_log_line(tmp_path, monkeypatch):
    """Another build holds .cache/build.lock past the wait: `mkdocs serve` says so in one line, no traceback."""
    root = copy_project(tmp_path / "project")
    monkeypatch.delenv("BRIEFING_SKIP_GENERATE", raising=False)
    monkeypatch.setenv("BRIEFING_LOCK_WAIT", "0.2")
    hook = ArchiveHook()
    hook.on_startup(command="serve", dirty=False)
    hook.quick_pages = frozenset({"archive/articles/a.md"})  # as if a quick pass were waiting for the rest
    config = SimpleNamespace(config_file_path=str(root / "mkdocs.yml"), docs_dir=str(root / "content"))
    path = lock_file(Project(root=root))
    path.parent.mkdir(parents=True, exist_ok=True)
    records = _Records()
    logger = logging.getLogger("mkdocs.hooks.briefing")
    logger.addHandler(records)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # another build of this project is running
        hook.regenerate(config)
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
        logger.removeHandler(records)
    errors = [r for r in records.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1, [r.getMessage() for r in records.records]
    message = errors[0].getMessage()
    assert errors[0].exc_info is None and "\n" not in message
    assert message.startswith("Briefing archive: regeneration failed: ")
    assert "another build of this project is still running" in message and str(path) in message
    assert hook.quick_pages == frozenset() and hook.last_inputs is None
    assert not (root / "content" / "archive").exists()  # nothing was written


def test_an_unexpected_failure_under_serve_keeps_its_traceback(tmp_path, monkeypatch):
    """Only the generator's one-line errors lose the traceback; a bug still shows where it is."""
    root = copy_project(tmp_path / "project")
    monkeypatch.delenv("BRIEFING_SKIP_GENERATE", raising=False)

    def broken(*args, **kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr(generator.build, "build", broken)  # the hook imports it when it generates
    hook = ArchiveHook()
    hook.on_startup(command="serve", dirty=False)
    config = SimpleNamespace(config_file_path=str(root / "mkdocs.yml"), docs_dir=str(root / "content"))
    records = _Records()
    logger = logging.getLogger("mkdocs.hooks.briefing")
    logger.addHandler(records)
    try:
        hook.regenerate(config)
    finally:
        logger.removeHandler(records)
    errors = [r for r in records.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and errors[0].exc_info is not None


@pytest.mark.parametrize("command", ["build", "serve"])
def test_outside_serve_a_lock_timeout_stops_mkdocs_with_one_line(tmp_path, monkeypatch, command):
    """Before `mkdocs build` (or serve's first build) the same error stops MkDocs: a PluginError, one line."""
    from mkdocs.exceptions import PluginError

    root = copy_project(tmp_path / "project")
    monkeypatch.delenv("BRIEFING_SKIP_GENERATE", raising=False)
    monkeypatch.setenv("BRIEFING_LOCK_WAIT", "0.2")
    hook = ArchiveHook()
    hook.on_startup(command=command, dirty=False)
    config = SimpleNamespace(config_file_path=str(root / "mkdocs.yml"), docs_dir=str(root / "content"))
    path = lock_file(Project(root=root))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with pytest.raises(PluginError) as caught:
            hook.on_pre_build(config)
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
    assert "\n" not in str(caught.value) and "still running" in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert not hook.lock._is_owned()  # the build never started: nothing to release



def test_no_hook_replaces_mkdocs_functions():
    """Every hook in mkdocs.yml uses MkDocs' public events only: loading them leaves MkDocs' build as it is.

    (A former hook forked inside `mkdocs build` by replacing four private functions of
    mkdocs.commands.build; README "Where the time goes" says why it was removed.)
    """
    import mkdocs.commands.build as mkbuild
    import mkdocs.structure.pages as mkpages
    import yaml

    before = {name: value for module in (mkbuild, mkpages) for name, value in vars(module).items()
              if callable(value)}
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    hooks = yaml.load(text, Loader=yaml.BaseLoader)["hooks"]  # BaseLoader: the file's !ENV tags stay text
    assert hooks == ["hooks/briefing.py"]
    for i, path in enumerate(hooks):
        spec = importlib.util.spec_from_file_location(f"mkdocs_hook_{i}", ROOT / path)
        spec.loader.exec_module(importlib.util.module_from_spec(spec))
    after = {name: value for module in (mkbuild, mkpages) for name, value in vars(module).items()
             if callable(value)}
    assert after == before


def test_generator_work_waits_for_the_very_end_of_a_build(tmp_path, monkeypatch):
    """The reused pages go into site/ before the search plugin writes its index, and a serving process's
    generator work (`building`) may start again only after it: side by side they share one interpreter
    lock, and the index took seconds instead of tenths before the browser saw an edit."""
    from mkdocs.config import load_config

    root = copy_project(tmp_path / "project")
    monkeypatch.chdir(root)
    config = load_config(str(root / "mkdocs.yml"))
    handlers = config.plugins.events["post_build"]
    names = [getattr(h, "__qualname__", repr(h)) for h in handlers]
    search = next(i for i, h in enumerate(handlers) if type(getattr(h, "__self__", None)).__name__ == "SearchPlugin")
    assert names.index("ArchiveHook._put_pages_in_place") < search < names.index("ArchiveHook._end_build"), names
    hook = handlers[names.index("ArchiveHook._end_build")].__self__
    hook.command, hook.building = "serve", True
    hook.lock.acquire()  # as on_pre_build does
    hook._put_pages_in_place(config)
    writable = []  # a regeneration (another thread) may write now, but not yet work
    other = threading.Thread(target=lambda: writable.append(hook.lock.acquire(blocking=False) and not hook.lock.release()))
    other.start()
    other.join()
    assert hook.building is True and writable == [True]
    hook._end_build(config)
    assert hook.building is False


class _Cycle:
    def __init__(self) -> None:
        self.me = self  # only the cyclic collector frees it


@pytest.mark.parametrize("quiet_for, pauses, busy_all_along", [
    (3, 1, False),  # a pause in the editing
    (10 ** 6, 20, False),  # many pauses set theirs aside: the first quiet moments
    (10 ** 6, 60, True),  # too many: as soon as the locks are free, busy or not
])
def test_a_serving_process_collects_what_its_pauses_set_aside_once_idle(quiet_for, pauses, busy_all_along):
    import time
    import weakref

    from generator.speed.collector import frozen_pauses, gc_paused

    hook = ArchiveHook()
    hook.server = SimpleNamespace(_want_rebuild=False)
    for _ in range(pauses - 1):
        with gc_paused(freeze=True):
            pass
    with gc_paused(freeze=True):  # as a build or a generator run of a serving process ends
        cycle = weakref.ref(_Cycle())
    assert frozen_pauses() == pauses
    hook.building = True
    idle = threading.Thread(target=hook._collect_when_idle, kwargs={"every": 0.02, "quiet_for": quiet_for},
                            daemon=True)
    idle.start()
    try:
        with hook.lock:  # MkDocs builds: nothing collected
            time.sleep(0.3)
            assert cycle() is not None
        if not busy_all_along:
            time.sleep(0.3)
            assert cycle() is not None  # still building
            hook.building = False
            with hook.gen_lock:  # the generator runs
                time.sleep(0.3)
                assert cycle() is not None
        deadline = time.monotonic() + 5
        while (cycle() is not None or frozen_pauses()) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert cycle() is None and frozen_pauses() == 0
    finally:
        hook.stopping.set()
        idle.join(5)
    assert not idle.is_alive()
