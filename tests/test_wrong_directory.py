"""Run from the wrong directory, a command stops with one line naming where it looked, and writes nothing.

(It used to write an empty archive, content/ and .cache/, wherever it ran, and report success.)
`extract` with explicit files works anywhere: it is the evaluation contract; the register is optional.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from project_files import ROOT, copy_project

SEED = sorted((ROOT / "seeds").glob("*.txt"))[0]


def run(args, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
           "NO_MKDOCS_2_WARNING": "1"}
    env.pop("BRIEFING_SKIP_GENERATE", None)
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def tree(path: Path) -> list[str]:
    return sorted(p.relative_to(path).as_posix() for p in path.rglob("*"))


@pytest.mark.parametrize("args, looked_in", [
    (["build"], "{cwd}"),
    (["build", "--quiet"], "{cwd}"),
    (["build", "--strict"], "{cwd}"),
    (["review"], "{cwd}"),
    (["build", "--root", "elsewhere"], "{cwd}/elsewhere"),
    (["build", "--seeds", "articles"], "{cwd}/articles"),
])
def test_no_seeds_folder_stops_with_one_line_and_writes_nothing(tmp_path, args, looked_in):
    (tmp_path / "notes.txt").write_text("not a project\n")
    before = tree(tmp_path)
    done = run(["-m", "generator", *args], tmp_path)
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert looked_in.format(cwd=tmp_path.resolve()) in lines[0] and "seeds" in lines[0], lines[0]
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert tree(tmp_path) == before


def test_mkdocs_build_in_a_project_without_seeds_stops(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "seeds").rename(project / "articles")
    done = run(["-m", "mkdocs", "build"], project)
    assert done.returncode != 0
    assert f"no seeds/ folder in {project.resolve()}" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert not (project / "content" / "archive").exists() and not (project / ".cache").exists()


def test_extract_with_explicit_files_works_from_anywhere(tmp_path):
    done = run(["-m", "generator", "extract", "--json", str(SEED)], tmp_path)
    assert done.returncode == 0, done.stderr
    (record,) = json.loads(done.stdout)
    assert record["file"] == SEED.name and record["title"]
    assert "no register.yml in" in done.stderr  # said, on stderr: stdout stays the contract's JSON
    assert tree(tmp_path) == []

    with_register = run(["-m", "generator", "extract", "--json", "--register", str(ROOT / "register.yml"),
                         str(SEED)], tmp_path)
    assert with_register.returncode == 0 and with_register.stderr == "", with_register.stderr


def test_an_explicit_register_that_is_missing_is_an_error(tmp_path):
    done = run(["-m", "generator", "extract", "--json", "--register", "nope.yml", str(SEED)], tmp_path)
    assert done.returncode != 0 and "nope.yml" in done.stderr and done.stdout == ""
