"""Two builds of the same inputs give byte-identical content/ and, with SOURCE_DATE_EPOCH, identical site/.

The two builds differ in everything that must not matter: the folder they
run in, Python's hash seed (set and dict order of strings), a warm or cold
extraction cache, the time zone.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from project_files import copy_project

pytestmark = pytest.mark.e2e

HOSTILE = Path(__file__).parent / "hostile" / "seeds"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(cmd, cwd, **env):
    result = subprocess.run([sys.executable, *cmd], cwd=cwd, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "BRIEFING_SEARCH": "lunr", **env})
    assert result.returncode == 0, f"{cmd}:\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    roots = []
    for n, (hash_seed, tz) in enumerate((("1", "UTC"), ("4242", "Asia/Baghdad"))):
        root = copy_project(tmp_path_factory.mktemp(f"build{n}"))
        for seed in HOSTILE.iterdir():  # the archive's seeds plus every hostile and broken file
            if seed.is_file() and not seed.name.startswith("."):
                shutil.copy2(seed, root / "seeds" / seed.name)
        env = {"PYTHONHASHSEED": hash_seed, "TZ": tz, "SOURCE_DATE_EPOCH": "1700000000"}
        run(["-m", "generator", "build", "--jobs", "1", "--quiet"], cwd=root, **env)
        if n == 1:  # the second project builds twice: the second run reuses the warm cache and writes nothing
            again = run(["-m", "generator", "build", "--jobs", "1"], cwd=root, **env)
            assert " 0 pages written, 0 removed" in again.stderr, again.stderr
        run(["-m", "mkdocs", "build", "--strict", "--quiet"], cwd=root, BRIEFING_SKIP_GENERATE="1", **env)
        roots.append(root)
    return roots


def test_content_is_byte_identical(two_builds):
    first, second = (tree(root / "content") for root in two_builds)
    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []


def test_site_is_byte_identical_with_source_date_epoch(two_builds):
    first, second = (tree(root / "site") for root in two_builds)
    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []
    assert "sitemap.xml.gz" in first and "search/search_index.json" in first


def test_nothing_in_the_site_names_the_folder_it_was_built_in(two_builds):
    for root in two_builds:
        for path, data in tree(root / "site").items():
            assert str(root).encode() not in data, path
