"""A build killed at any moment leaves content/ usable, loses nothing an editor wrote, and the next build recovers.

Two levels:
- the write stage, in process, crashed before *every* filesystem operation it makes
  (and halfway through every file it writes), checked against the state before and
  the state after a clean run;
- the real command, SIGKILLed in a subprocess at moments spread over its writing and
  at random times, then checked page by page and link by link.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.write import journal as writing
from generator.build import Project, build
from generator.models import Page
from generator.write.journal import JOURNAL, MANIFEST, recover, write_pages

ROOT = Path(__file__).resolve().parent.parent


class Killed(BaseException):
    """Stands for SIGKILL: nothing catches it and no cleanup code of the stage runs."""


def visible(docs: Path) -> dict[str, bytes]:
    """What MkDocs would build from: every file, minus the generator's dot-files at the top."""
    out = {}
    for path in sorted(docs.rglob("*")):
        rel = path.relative_to(docs).as_posix()
        if rel.startswith(".") or not (path.is_file() or path.is_symlink()):
            continue
        out[rel] = b"link:" + os.readlink(path).encode() if path.is_symlink() else path.read_bytes()
    return out


def leftovers(docs: Path) -> list[str]:
    return sorted(p.name for p in docs.iterdir() if p.name.startswith(".") and p.name not in (MANIFEST, ".generated-copy.json"))


# --------------------------------------------------------------------------- the write stage, every crash point

PAGES_A = {
    "index.md": "home A", "feed.xml": "<feed/>", "data/x.json": "[1]",
    "archive/a.md": "A", "archive/b.md": "B", "archive/c.md": "C", "archive/e.md": "E",
    "archive/actors/p.md": "P",
}
PAGES_B = {
    "index.md": "home B", "data/x.json": "[1, 2]",  # feed.xml gone
    "archive/a.md": "A2", "archive/b.md": "B2", "archive/e.md": "E",  # c.md gone, b.md edited by hand
    "archive/actors/p.md": "P2", "archive/new/d.md": "D",
}


def pages(spec: dict[str, str]) -> list[Page]:
    return [Page(path, text) for path, text in spec.items()]


# A larger tree the same changes leave mostly alone: its changed files are replaced in place, not the
# tree swapped (journal._swaps_tree), and every crash point of that path is tested too.
FILLER = {f"archive/filler/f{i:02d}.md": f"unchanged {i}" for i in range(60)}


def state_a(docs: Path, filler: dict[str, str]) -> None:
    write_pages(docs, pages({**PAGES_A, **filler}))
    (docs / "about.md").write_text("hand-written about page")
    (docs / "archive" / "notes.md").write_text("an editor's notes inside archive/")
    os.symlink("notes.md", docs / "archive" / "notes-link.md")
    (docs / "archive" / "b.md").write_text("B, corrected by an editor")


@pytest.fixture(scope="module", params=["tree swapped", "files replaced in place"])
def reference(tmp_path_factory, request):
    """States A (before) and B (after a clean run), and how many filesystem operations B's run makes."""
    base = tmp_path_factory.mktemp("reference")
    filler = FILLER if request.param == "files replaced in place" else {}
    state_a(base / "a", filler)
    shutil.copytree(base / "a", base / "b", symlinks=True)
    counter = _Crash(None)
    swaps = []
    real_stage_tree = writing._stage_tree
    writing._stage_tree = lambda *args: (swaps.append(1), real_stage_tree(*args))
    try:
        with counter:
            report = write_pages(base / "b", pages({**PAGES_B, **filler}))
    finally:
        writing._stage_tree = real_stage_tree
    assert bool(swaps) is (request.param == "tree swapped")
    assert [str(p) for p in report.problems] == [
        f"{base / 'b' / 'archive' / 'b.md'}: warning: was edited by hand; kept as it is and not regenerated"]
    after = visible(base / "b")
    assert after["archive/b.md"] == b"B, corrected by an editor" and after["archive/notes.md"]
    assert "archive/c.md" not in after and "feed.xml" not in after and after["archive/new/d.md"] == b"D"
    return {"a": visible(base / "a"), "b": after, "ops": counter.calls, "dir": base / "a",
            "manifest": json.loads((base / "b" / MANIFEST).read_text()), "pages": pages({**PAGES_B, **filler}),
            "swap": not filler}


class _Crash:
    """Patch every filesystem primitive the stage uses; raise Killed at call number `at`."""

    PRIMITIVES = ("replace", "rename", "link", "symlink", "unlink", "rmdir", "mkdir", "fsync")

    def __init__(self, at: int | None):
        self.at, self.calls, self.saved = at, 0, {}

    def _tick(self):
        self.calls += 1
        return self.calls == self.at

    def __enter__(self):
        for name in self.PRIMITIVES:
            original = self.saved[name] = getattr(os, name)

            def patched(*args, _original=original, **kwargs):
                if self._tick():
                    raise Killed
                return _original(*args, **kwargs)

            setattr(os, name, patched)
        write_bytes = self.saved["write_bytes"] = Path.write_bytes

        def half_written(path, data, _original=write_bytes):
            if self._tick():
                _original(path, data[: len(data) // 2])  # killed halfway through the file
                raise Killed
            return _original(path, data)

        Path.write_bytes = half_written
        return self

    def __exit__(self, *exc):
        for name in self.PRIMITIVES:
            setattr(os, name, self.saved[name])
        Path.write_bytes = self.saved["write_bytes"]
        return False


def test_the_stage_makes_enough_operations_to_test(reference):
    assert reference["ops"] > 20


def test_a_crash_at_any_operation_leaves_the_old_or_recovers_the_new(reference, tmp_path):
    problems_seen = set()
    for at in range(1, reference["ops"] + 1):
        docs = tmp_path / f"crash-{at}"
        shutil.copytree(reference["dir"], docs, symlinks=True)
        with pytest.raises(Killed), _Crash(at):
            write_pages(docs, reference["pages"])
        if not (docs / JOURNAL).exists():  # killed before the commit point: nothing visible changed
            assert visible(docs) == reference["a"], f"crash at operation {at} changed content/ before committing"
        recovered = recover(docs)
        assert visible(docs) in (reference["a"], reference["b"]), f"crash at operation {at}: mixed state"
        assert leftovers(docs) == [], (at, leftovers(docs))
        report = write_pages(docs, reference["pages"])  # the next build
        assert visible(docs) == reference["b"], f"crash at operation {at}: next build did not recover"
        assert json.loads((docs / MANIFEST).read_text()) == reference["manifest"], at
        assert [p.message for p in report.problems] == ["was edited by hand; kept as it is and not regenerated"]
        problems_seen |= {p.message for p in recovered}
    assert problems_seen <= {"was changed by hand while the build ran; kept as it is"}


def test_an_editor_working_between_the_kill_and_the_recovery_loses_nothing(reference, tmp_path):
    """Killed after the commit point; the editor then edits a page and adds one; recovery keeps both."""
    for at in range(1, reference["ops"] + 1):
        docs = tmp_path / f"edit-{at}"
        shutil.copytree(reference["dir"], docs, symlinks=True)
        with pytest.raises(Killed), _Crash(at):
            write_pages(docs, reference["pages"])
        if (docs / JOURNAL).exists():
            break
    else:
        pytest.fail("no crash point after the journal")
    (docs / "index.md").write_text("home, edited after the crash")
    (docs / "archive" / "late.md").write_text("written after the crash")
    (docs / "archive" / "new").mkdir(exist_ok=True)
    problems = recover(docs)
    assert (docs / "index.md").read_text() == "home, edited after the crash"
    assert (docs / "archive" / "late.md").read_text() == "written after the crash"
    assert (docs / "archive" / "notes.md").read_text() == "an editor's notes inside archive/"
    assert any("index.md" in str(p) and "changed by hand" in str(p) for p in problems), problems
    write_pages(docs, reference["pages"])
    assert (docs / "index.md").read_text() == "home, edited after the crash"  # still the editor's


def test_an_editor_adding_a_page_during_staging_is_kept(reference, tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    shutil.copytree(reference["dir"], docs, symlinks=True)
    stage = writing._stage_files  # the last of step 1, in either way of writing

    def stage_then_editor_saves(*args):
        stage(*args)
        (docs / "archive" / "mid-build.md").write_text("saved while the tree was staged")
        (docs / "archive" / "a.md").write_text("A, edited while the tree was staged")

    monkeypatch.setattr(writing, "_stage_files", stage_then_editor_saves)
    report = write_pages(docs, reference["pages"])
    assert (docs / "archive" / "mid-build.md").read_text() == "saved while the tree was staged"
    assert (docs / "archive" / "a.md").read_text() == "A, edited while the tree was staged"
    kept = {Path(p.path).name for p in report.problems if "changed by hand while the build ran" in str(p)}
    # A swap would have dropped the new page with the old tree: it moves it back and says so.
    assert kept == ({"a.md", "mid-build.md"} if reference["swap"] else {"a.md"})


# --------------------------------------------------------------------------- the real command, SIGKILLed

DRIVER = """
import os, pathlib, signal, sys
from generator import build
from generator.write import journal as writing
target, count, active = int(sys.argv[1]), [0], [False]
def tick():
    if active[0]:
        count[0] += 1
        if count[0] == target:
            os.kill(os.getpid(), signal.SIGKILL)
def wrap(original):
    def patched(*args, **kwargs):
        tick()
        result = original(*args, **kwargs)
        if original is replace and str(args[1]).endswith(writing.JOURNAL):
            print("COMMIT", count[0], file=sys.stderr)
        return result
    return patched
replace = os.replace
for name in ("replace", "rename", "link", "symlink", "unlink", "rmdir", "mkdir"):
    setattr(os, name, wrap(getattr(os, name)))
write_bytes = pathlib.Path.write_bytes
def half(path, data):
    if active[0] and count[0] + 1 == target:
        write_bytes(path, data[: len(data) // 2])
    tick()
    return write_bytes(path, data)
pathlib.Path.write_bytes = half
stage = writing.write_pages
def write_pages(*args, **kwargs):
    active[0] = True
    return stage(*args, **kwargs)
build.write_pages = write_pages
from generator.cli import main
try:
    main(["build", "--jobs", "1", "--quiet"], standalone_mode=False)
finally:
    print("OPERATIONS", count[0], file=sys.stderr)
"""


def _corpus(seeds: Path, n: int) -> None:
    """`n` distinct articles made from the project's seeds (a new headline and dateline each)."""
    sources = sorted((ROOT / "seeds").glob("*.txt"))
    for i in range(n):
        body = sources[i % len(sources)].read_text(encoding="utf-8").split("\n\n", 1)[-1]
        seeds.joinpath(f"{i:03d}_article.txt").write_text(
            f"Briefing number {i} on attacks against bases in Iraq\n\nBAGHDAD, Oct {1 + i % 28}, 2023 - "
            f"Report {i}. {body}", encoding="utf-8")


def _change(seeds: Path) -> None:
    """State B of the archive: three articles deleted, three retitled (new URLs), two added."""
    for i in (1, 5, 9):
        seeds.joinpath(f"{i:03d}_article.txt").unlink()
    for i in (2, 6, 10):
        path = seeds / f"{i:03d}_article.txt"
        path.write_text(path.read_text().replace(f"Briefing number {i} ", f"Retitled briefing {i} "))
    sources = sorted((ROOT / "seeds").glob("*.txt"))
    for i in range(100, 102):
        seeds.joinpath(f"{i:03d}_article.txt").write_text(
            f"New briefing {i} about a drone strike\n\nERBIL, Nov 3, 2023 - New report {i}. "
            + sources[i % len(sources)].read_text(encoding="utf-8").split("\n\n", 1)[-1], encoding="utf-8")


def _run(args, cwd):
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def links_resolve(docs: Path) -> list[str]:
    """Relative Markdown links in generated pages whose target does not exist."""
    broken = []
    generated = json.loads((docs / MANIFEST).read_text())["files"]
    for rel in generated:
        if not rel.endswith(".md") or not (docs / rel).exists():
            continue
        page = docs / rel
        for target in re.findall(r"\]\(([^)#\s]+\.md)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if not (page.parent / target).resolve().exists():
                broken.append(f"{rel} -> {target}")
    return broken


def manifest_matches(docs: Path) -> bool:
    files = json.loads((docs / MANIFEST).read_text())["files"]
    return all((docs / rel).exists() and hashlib.sha256((docs / rel).read_bytes()).hexdigest() == digest
               for rel, digest in files.items())


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A project in state A (built, cache warm), its inputs changed to state B, and the content/
    a clean run of state B makes, with the number of filesystem operations of that run."""
    base = tmp_path_factory.mktemp("killed")
    a = base / "a"
    (a / "seeds").mkdir(parents=True)
    shutil.copy2(ROOT / "register.yml", a / "register.yml")
    (a / "content" / "archive").mkdir(parents=True)
    (a / "content" / "about.md").write_text("hand-written")
    (a / "content" / "archive" / "notes.md").write_text("an editor's page inside archive/")
    _corpus(a / "seeds", 12)
    assert build(Project(root=a), jobs=1, progress=False).errors == []
    state_a = visible(a / "content")
    assert links_resolve(a / "content") == []
    _change(a / "seeds")
    b = base / "b"
    shutil.copytree(a, b, symlinks=True)
    started = time.perf_counter()
    counted = _run(["-c", DRIVER, "0"], cwd=b)
    seconds = time.perf_counter() - started
    assert counted.returncode == 0, counted.stderr
    assert links_resolve(b / "content") == [] and manifest_matches(b / "content")
    return {"a": a, "state_a": state_a, "state_b": visible(b / "content"), "seconds": seconds,
            "operations": int(counted.stderr.split("OPERATIONS")[-1]),
            "commit": int(counted.stderr.split("COMMIT")[-1].split()[0])}


def _killed_then_checked(project, root: Path, why: str, next_build: bool) -> None:
    docs = root / "content"
    if not (docs / JOURNAL).exists():
        # Killed before the commit point, or after the write had finished (while the process
        # saved its cache or exited): the old state, or the new one complete with its manifest.
        if visible(docs) == project["state_b"]:
            assert manifest_matches(docs), f"{why}: new pages without their manifest"
        else:
            assert visible(docs) == project["state_a"], f"{why}: content/ changed before the commit point"
        assert links_resolve(docs) == [], why
    recover(docs)
    assert visible(docs) in (project["state_a"], project["state_b"]), f"{why}: a mix of old and new"
    assert leftovers(docs) == [] and links_resolve(docs) == [], why
    if next_build:
        assert build(Project(root=root), jobs=1, progress=False).errors == [], why
        assert visible(docs) == project["state_b"], f"{why}: the next build did not recover"
        assert leftovers(docs) == [] and links_resolve(docs) == [] and manifest_matches(docs), why
    assert (docs / "archive" / "notes.md").read_text() == "an editor's page inside archive/"
    assert (docs / "about.md").read_text() == "hand-written"


def test_sigkill_at_moments_spread_over_the_write(project, tmp_path):
    total, commit = project["operations"], project["commit"]
    assert total > 40 and 1 < commit < total, (commit, total)
    # Every single operation is covered in process above; here a real SIGKILL at the first one, at the
    # commit point and right after it, in the middle of applying, and at the very last one.
    points = {1: True, commit: False, commit + 1: True, (commit + total) // 2: False, total: True}
    for at, next_build in sorted(points.items()):
        root = tmp_path / f"kill-{at}"
        shutil.copytree(project["a"], root, symlinks=True)
        killed = _run(["-c", DRIVER, str(at)], cwd=root)
        assert killed.returncode == -signal.SIGKILL, (at, killed.stderr)
        _killed_then_checked(project, root, f"SIGKILL at operation {at} of {total} (commit at {commit})",
                             next_build)


def test_sigkill_at_random_times(project, tmp_path):
    rng = random.Random(11)
    for n in range(2):
        root = tmp_path / f"random-{n}"
        shutil.copytree(project["a"], root, symlinks=True)
        proc = subprocess.Popen([sys.executable, "-m", "generator", "build", "--jobs", "1", "--quiet"], cwd=root,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.0) * project["seconds"])
        proc.send_signal(signal.SIGKILL)
        if proc.wait(timeout=60) == 0:  # it finished first
            assert visible(root / "content") == project["state_b"]
            continue
        _killed_then_checked(project, root, f"SIGKILL at random time #{n}", next_build=n == 0)


def test_mkdocs_never_builds_from_a_half_applied_write(project, tmp_path):
    """With BRIEFING_SKIP_GENERATE the hook does not generate, but it still finishes a killed write."""
    root = tmp_path / "hook"
    shutil.copytree(project["a"], root, symlinks=True)
    killed = _run(["-c", DRIVER, str(project["commit"] + 2)], cwd=root)  # the tree is swapped, nothing else
    assert killed.returncode == -signal.SIGKILL and (root / "content" / JOURNAL).exists()
    assert visible(root / "content") not in (project["state_a"], project["state_b"])
    spec = importlib.util.spec_from_file_location("briefing_hook_under_test", ROOT / "hooks" / "briefing.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    config = SimpleNamespace(config_file_path=str(root / "mkdocs.yml"), docs_dir=str(root / "content"))
    old = os.environ.get("BRIEFING_SKIP_GENERATE")
    os.environ["BRIEFING_SKIP_GENERATE"] = "1"
    try:
        module.hook.generate(config, "test")
    finally:
        if old is None:
            del os.environ["BRIEFING_SKIP_GENERATE"]
        else:
            os.environ["BRIEFING_SKIP_GENERATE"] = old
    assert visible(root / "content") == project["state_b"]
    assert not (root / "content" / JOURNAL).exists()


# --------------------------------------------------------------------------- deleting a seed


def test_deleting_a_seed_removes_its_pages_and_every_mention(tmp_path):
    root = tmp_path / "p"
    (root / "content").mkdir(parents=True)
    shutil.copytree(ROOT / "seeds", root / "seeds", ignore=shutil.ignore_patterns("*.yml"))
    shutil.copy2(ROOT / "register.yml", root / "register.yml")
    (root / "content" / "about.md").write_text("hand-written about page")
    build(Project(root=root), jobs=1, progress=False)
    docs = root / "content"
    manifest = json.loads((docs / MANIFEST).read_text())["files"]
    victim = sorted((root / "seeds").glob("*.txt"))[0]
    suffix = f"-{hashlib.sha1(victim.stem.encode()).hexdigest()[:6]}.md"  # see paths.article_path
    article = next(rel for rel in manifest if rel.startswith("archive/articles/") and rel.endswith(suffix))
    stem = Path(article).stem
    victim.unlink()
    result = build(Project(root=root), jobs=1, progress=False)
    assert article in result.removed and not (docs / article).exists()
    for path in docs.rglob("*"):
        if path.is_file() and not path.name.startswith("."):
            assert stem not in path.read_text(encoding="utf-8", errors="replace"), f"{path} still mentions {stem}"
            assert victim.stem not in path.read_text(encoding="utf-8", errors="replace"), path
    assert (docs / "about.md").read_text() == "hand-written about page"
    assert links_resolve(docs) == [] and manifest_matches(docs)
