"""Two builds at once on one project: one waits for the other, and content/ is never a mix of both.

Each round edits the inputs (state A <-> state B), starts one build, switches the inputs while it
runs, starts a second at once, and checks that content/ is exactly what a clean build of the
final inputs makes: the second build reads its inputs only once the first has finished writing.
"""
from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generator.build import Project, ProjectError, build, lock_file, project_lock

ROOT = Path(__file__).resolve().parent.parent


def _seeds(folder: Path, state: str, edition: int = 0) -> None:
    """State A: many articles, new text in each `edition`, so a build of it is slow (it extracts them
    all); state B: eight small articles, half of them retitled (pages move and go)."""
    for old in folder.glob("*.txt"):
        old.unlink()
    for i in range(600 if state == "A" else 8):
        if state == "B" and i == 7:
            continue
        title = f"Story {i} {'revised' if state == 'B' and i % 2 else 'first'} edition"
        (folder / f"story-{i}.txt").write_text(
            f"{title}\n\nBAGHDAD (Reuters) - Officer Karim Saadi{i} said on Monday that the bridge {i} was open.\n\n"
            f"\u201cWe are ready,\u201d said Karim Saadi{i}.\n\n" + (_FILLER + f"Edition {edition}.\n\n") * (3 if state == "A" else 0), encoding="utf-8")


_FILLER = ("The convoy moved north along the river road past the old market and the grain silos, "
           "and residents said the checkpoints had been quiet since the weekend.\n\n")


def _tree(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def _start(root: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "generator", "build", "--root", str(root), "--quiet", "--jobs", "1"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """content/ of a clean build of each state (the second build of every round builds B)."""
    out = {}
    for state in "AB":
        root = tmp_path_factory.mktemp(f"clean{state}")
        (root / "seeds").mkdir()
        shutil.copy2(ROOT / "register.yml", root / "register.yml")
        _seeds(root / "seeds", state)
        build(Project(root=root), jobs=1, progress=False)
        out[state] = _tree(root / "content")
    assert out["A"] != out["B"]
    return out


def test_two_builds_at_once_never_mix_content(tmp_path, clean):
    root = tmp_path / "p"
    (root / "seeds").mkdir(parents=True)
    shutil.copy2(ROOT / "register.yml", root / "register.yml")
    _seeds(root / "seeds", "A")
    build(Project(root=root), jobs=1, progress=False)  # the cache is warm: builds are short and close
    rng = random.Random(13)
    for round_ in range(5):
        _seeds(root / "seeds", "A", edition=round_ + 1)
        first = _start(root)
        time.sleep(rng.uniform(3.0, 4.5))  # after its start-up (imports take seconds): its reading, extraction or rendering
        _seeds(root / "seeds", "B")
        second = _start(root)
        for proc in (first, second):
            _, err = proc.communicate(timeout=300)
            assert proc.returncode == 0, err.decode()
            assert b"Traceback" not in err, err.decode()
        assert _tree(root / "content") == clean["B"], f"round {round_}: content/ is a mix of two builds"


def test_a_build_that_cannot_get_the_lock_stops_with_one_line(tmp_path):
    project = Project(root=tmp_path)
    (tmp_path / "seeds").mkdir()
    held, release = threading.Event(), threading.Event()

    def hold():
        with project_lock(project):
            held.set()
            release.wait(10)

    t = threading.Thread(target=hold)
    t.start()
    held.wait(10)
    try:
        with pytest.raises(ProjectError) as exc:
            with project_lock(project, wait=0.3):
                pass
    finally:
        release.set()
        t.join()
    assert str(exc.value) == (f"{lock_file(project)}: another build of this project is still running after 0s; "
                              "stopped, nothing was written (run the build again when it has finished)")
    with project_lock(project, wait=0.3):  # released: the next build proceeds
        pass
