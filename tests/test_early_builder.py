"""`make site` starts MkDocs while the generator runs (scripts/build_site.py EarlyBuilder): MkDocs
loads its configuration, theme and plugins, and its hook waits for `go` or `stop` before it reads a
page or touches site/. The site is the one a build step after step gives; nothing is built, and no
process left behind, when the site is up to date or the build stops."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import jinja2

from generator.site.hook import _await_pages, theme_templates

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_site.py"


def _make_site(project: Path, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), "--project", str(project)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000", **env},
                          timeout=600)


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _mkdocs_of(project: Path) -> list[int]:
    """Processes running MkDocs in `project` (a child left waiting would show here)."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmd = (Path("/proc") / pid / "cmdline").read_bytes().split(b"\0")
            cwd = os.readlink(f"/proc/{pid}/cwd")
        except OSError:
            continue
        if b"mkdocs" in cmd and cwd == str(project):
            found.append(int(pid))
    return found


def test_the_site_is_the_one_a_step_after_step_build_gives(project_copy, tmp_path):
    from project_files import copy_project

    early = _make_site(project_copy)
    assert early.returncode == 0, early.stdout + early.stderr
    assert "(started with the generator)" in early.stdout
    plain_project = copy_project(tmp_path / "plain")
    plain = _make_site(plain_project, BRIEFING_EARLY_BUILDER="0")
    assert plain.returncode == 0, plain.stdout + plain.stderr
    assert "(started with the generator)" not in plain.stdout
    assert _tree(project_copy / "site") == _tree(plain_project / "site")
    assert not _mkdocs_of(project_copy)


def test_an_up_to_date_site_is_left_as_it_is_and_the_early_mkdocs_leaves(project_copy):
    assert _make_site(project_copy).returncode == 0
    for p in [project_copy / "content", *(project_copy / "content").rglob("*"), project_copy / "mkdocs.yml"]:
        st = p.stat()  # a stamp is left only when no input changed in the last clock tick
        os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns - 60_000_000_000))
    assert _make_site(project_copy).returncode == 0
    before = {p: p.stat().st_mtime_ns for p in (project_copy / "site").rglob("*")}
    again = _make_site(project_copy)
    assert again.returncode == 0 and "is up to date" in again.stdout, again.stdout + again.stderr
    assert {p: p.stat().st_mtime_ns for p in (project_copy / "site").rglob("*")} == before
    assert not _mkdocs_of(project_copy)


def _ctrl_c_as_in_a_terminal() -> None:
    """In the build's process before it starts: SIGINT as a terminal's shell leaves it. A process
    inherits an ignored SIGINT, and a shell that is not interactive ignores it in what it starts in the
    background (`make test &`, as a CI script may run it: POSIX asks for that): the test suite then had
    it ignored, and so had the build, which ran to its end untouched by the signal."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("how", ["interrupted", "killed"])
def test_a_build_stopped_while_the_generator_runs_leaves_the_site_and_no_mkdocs(project_copy, how):
    """Ctrl-C, or build_site.py killed outright: the waiting MkDocs is told `stop`, or finds its pipe
    closed, and leaves without touching site/."""
    import signal
    import threading

    from generator.project import Project
    from generator.write.lock import project_lock

    assert _make_site(project_copy).returncode == 0
    before = _tree(project_copy / "site")
    (project_copy / "seeds" / "new.txt").write_text("A new briefing\n\nDrones struck a base on Monday.\n",
                                                   encoding="utf-8")
    release, held = threading.Event(), threading.Event()

    def hold_the_lock():  # the generator waits for it: the build is caught with MkDocs waiting
        with project_lock(Project(root=project_copy)):
            held.set()
            release.wait(60)

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    # the build below must be caught waiting for the lock: unheld, it could end before it is stopped
    assert held.wait(60), "the project lock was not taken: the build would not be caught waiting"
    try:
        log = project_copy / "build.log"  # not a pipe: a killed build's generator still holds its end
        with open(log, "w") as out_file:
            proc = subprocess.Popen([sys.executable, str(SCRIPT), "--project", str(project_copy)],
                                    stdout=out_file, stderr=subprocess.STDOUT, text=True,
                                    env={**os.environ, "PYTHONPATH": str(ROOT), "BRIEFING_LOCK_WAIT": "60"},
                                    preexec_fn=_ctrl_c_as_in_a_terminal)
        deadline = time.monotonic() + 60
        while not _mkdocs_of(project_copy) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _mkdocs_of(project_copy), "no MkDocs was started early"
        time.sleep(1.0)  # MkDocs loads its configuration and waits
        proc.send_signal(signal.SIGINT if how == "interrupted" else signal.SIGKILL)
        assert proc.wait(timeout=60) != 0, f"the build ran to its end; its output:\n{log.read_text(errors='replace')}"
        deadline = time.monotonic() + 60
        while _mkdocs_of(project_copy) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _mkdocs_of(project_copy)
    finally:
        release.set()
        holder.join()
    assert "Building documentation" not in log.read_text()
    assert _tree(project_copy / "site") == before


def _build_site_module():
    spec = importlib.util.spec_from_file_location("build_site_under_test", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_code_or_configuration_changed_while_the_generator_ran_is_read_again(tmp_path):
    """The early MkDocs read mkdocs.yml, its hooks and its code before the generator ran: changed
    since, it is not the one to build."""
    build_site = _build_site_module()
    (tmp_path / "mkdocs.yml").write_text("site_name: A\n", encoding="utf-8")
    (tmp_path / "hooks").mkdir()
    (tmp_path / "hooks" / "extra.py").write_text("X = 1\n", encoding="utf-8")
    env = dict(os.environ)
    for change in ("mkdocs.yml", "hooks/extra.py"):
        waiting = build_site.EarlyBuilder([sys.executable, "-c", "import time; time.sleep(60)"], tmp_path, env,
                                          "mkdocs")
        try:
            assert waiting.still_current(tmp_path, "mkdocs", env)
            time.sleep(0.01)
            (tmp_path / change).write_text("changed = True\n", encoding="utf-8")
            assert not waiting.still_current(tmp_path, "mkdocs", env), change
        finally:
            waiting.stop()
        assert waiting.proc.returncode is not None  # ended at once, not after its minute


def test_an_mkdocs_that_ends_without_waiting_built_nothing_and_is_run_again(tmp_path):
    build_site = _build_site_module()
    ended = build_site.EarlyBuilder([sys.executable, "-c", "print('no docs dir')"], tmp_path, dict(os.environ),
                                    "mkdocs")
    assert ended.go() is None


def test_only_a_project_running_the_archives_hook_starts_mkdocs_early(tmp_path):
    build_site = _build_site_module()
    assert not build_site.runs_our_hook(tmp_path)  # no mkdocs.yml
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nsite_url: !ENV [SITE_URL, 'https://x.org/']\n")
    assert not build_site.runs_our_hook(tmp_path)  # no hooks
    (tmp_path / "hooks").mkdir()
    (tmp_path / "hooks" / "other.py").write_text("def on_config(config):\n    return config\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nhooks:\n  - hooks/other.py\n")
    assert not build_site.runs_our_hook(tmp_path)
    (tmp_path / "hooks" / "briefing.py").write_text((ROOT / "hooks" / "briefing.py").read_text())
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nhooks:\n  - hooks/other.py\n  - hooks/briefing.py\n")
    assert build_site.runs_our_hook(tmp_path)
    assert build_site.runs_our_hook(ROOT)


@pytest.mark.parametrize("said, outcome", [(b"go\n", None), (b"stop\n", 0), (b"", "stopped before"),
                                           (b"something else\n", "stopped before")])
def test_the_hook_says_it_waits_then_waits_for_its_word(said, outcome, monkeypatch):
    import socket

    ours, theirs = socket.socketpair()
    monkeypatch.setenv("BRIEFING_PAGES_READY_FD", str(theirs.fileno()))
    ours.sendall(said)
    ours.shutdown(socket.SHUT_WR)
    ran = []
    if outcome is None:
        _await_pages(theirs.detach(), meanwhile=lambda pending: ran.append(pending() in (True, False)))
    else:
        with pytest.raises(SystemExit) as stopped:
            _await_pages(theirs.detach(), meanwhile=lambda pending: ran.append(pending() in (True, False)))
        assert stopped.value.code == outcome if outcome == 0 else outcome in str(stopped.value.code)
    assert ours.makefile("rb").readline() == b"waiting\n" and ran == [True]
    assert "BRIEFING_PAGES_READY_FD" not in os.environ  # a later build of the process waits for nothing
    ours.close()


def test_a_closed_socket_means_stop():
    import socket

    ours, theirs = socket.socketpair()
    ours.close()
    with pytest.raises(SystemExit) as stopped:
        _await_pages(theirs.detach())
    assert "stopped before" in str(stopped.value.code)


def test_without_a_socket_the_hook_does_not_wait():
    _await_pages(-1)


def test_the_generator_says_written_once_its_pages_are_in_place_before_it_saves_caches_and_stamp(
        project_copy, monkeypatch):
    """MkDocs starts on the pages while the generator saves what only the next build reads."""
    import generator.build as build_module
    from generator import speed
    from generator.project import Project

    ours, theirs = os.pipe()
    os.set_blocking(ours, False)
    monkeypatch.setenv("BRIEFING_PAGES_WRITTEN_FD", str(theirs))
    heard: dict[str, bytes] = {}
    order: list[str] = []

    def said_by_then(name, real):
        def step(*args, **kwargs):
            order.append(name)
            if name not in heard:
                try:
                    heard[name] = os.read(ours, 100)
                except BlockingIOError:
                    heard[name] = b""
            return real(*args, **kwargs)
        return step

    monkeypatch.setattr(build_module, "write_pages", said_by_then("pages", build_module.write_pages))
    monkeypatch.setattr(build_module, "_leave_stamp", said_by_then("stamp", build_module._leave_stamp))
    monkeypatch.setattr(speed, "keep", said_by_then("caches", speed.keep))
    from generator.speed import extraction_cache, incremental
    monkeypatch.setattr(incremental, "atomic_write", said_by_then("page store", incremental.atomic_write))
    monkeypatch.setattr(extraction_cache, "atomic_write", said_by_then("extractions", extraction_cache.atomic_write))
    project = Project(root=project_copy)
    build_module.build(project)
    # said once, before any of them (the incremental render's store of pages and the extractions of
    # a day's few articles are caches too; the seeds are fewer than SAVE_AT_ONCE)
    assert heard == {"pages": b"", "stamp": b"written\n", "caches": b"", "page store": b"", "extractions": b""}
    assert order.index("page store") > order.index("stamp") and order.index("extractions") > order.index("stamp")
    assert (project_copy / ".cache" / "last-build.json").exists()
    assert (project_copy / ".cache" / "pages.pickle").exists()
    assert "BRIEFING_PAGES_WRITTEN_FD" not in os.environ
    with pytest.raises(OSError):
        os.fstat(theirs)  # closed: the reader sees the end
    assert os.read(ours, 100) == b""
    os.close(ours)


def test_a_generator_with_nothing_to_write_says_nothing(project_copy):
    """Nothing changed: it ends without a word, and `make site` waits for its end as before."""
    first = _make_site(project_copy)
    assert first.returncode == 0
    ours, theirs = os.pipe()
    done = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project_copy, capture_output=True,
                          text=True, pass_fds=(theirs,), timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "BRIEFING_PAGES_WRITTEN_FD": str(theirs)})
    os.close(theirs)
    assert done.returncode == 0, done.stderr
    assert os.read(ours, 100) == b""
    os.close(ours)


def test_make_site_reports_the_generator_before_mkdocs(project_copy):
    (project_copy / "seeds" / "new.txt").write_text("A new briefing\n\nDrones struck a base on Monday.\n",
                                                   encoding="utf-8")
    done = _make_site(project_copy)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    generator = next(i for i, line in enumerate(lines) if line.startswith("+ python -m generator build"))
    mkdocs = next(i for i, line in enumerate(lines) if "(started with the generator)" in line)
    timings = [i for i, line in enumerate(lines) if line.startswith("  (") and line.endswith("s)")]
    assert generator < timings[0] < mkdocs < timings[1]  # each step's output, then its time


class _Theme(dict):
    pass


class _Config:
    def __init__(self, language):
        self.theme = _Theme(language=language) if language else _Theme()


@pytest.mark.parametrize(("language", "languages"), [
    ("fr", ["partials/languages/en.html", "partials/languages/fr.html"]),
    (None, ["partials/languages/en.html"]),
])
def test_the_templates_compiled_ahead_are_the_pages_partials_and_feeds_in_the_sites_language(language, languages):
    names = ["main.html", "404.html", "sitemap.xml", "partials/header.html", "assets/app.js",
             "partials/languages/en.html", "partials/languages/fr.html", "partials/languages/de.html"]
    env = jinja2.Environment(loader=jinja2.DictLoader(dict.fromkeys(names, "")))
    assert theme_templates(env, _Config(language)) == sorted(
        ["main.html", "404.html", "sitemap.xml", "partials/header.html", *languages])
