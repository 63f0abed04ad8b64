"""`mkdocs build` has a process of its own make the folders and files of the pages it is about to
write (generator/site/files_ahead.py): the site is the one built without, file for file and folder
for folder; the process never writes into a file that is there, and whatever MkDocs leaves unwritten
is removed at the end."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from project_files import copy_project, use_synthetic_seeds

from generator.site import files_ahead

ROOT = Path(__file__).resolve().parent.parent


def _build(project: Path, *args: str, **env: str) -> str:
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *args], cwd=project,
                          capture_output=True, text=True, timeout=900,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000",
                               "BRIEFING_SEARCH": "lunr", "NO_MKDOCS_2_WARNING": "1", "BRIEFING_PAGE_CACHE": "0",
                               **env})
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def _tree(folder: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under `folder`."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


@pytest.mark.e2e
def test_a_site_whose_files_were_made_ahead_is_the_site_built_without(tmp_path):
    project = use_synthetic_seeds(copy_project(tmp_path / "p"), 12)
    (project / "content" / "notes.md").write_text("# Analyst notes\n\nNothing yet.\n", encoding="utf-8")
    said = _build(project, "-v", BRIEFING_FILES_AHEAD="1")
    made = [line for line in said.splitlines() if "pages' files made ahead" in line]
    assert len(made) == 1
    created = int(made[0].split("Briefing archive: ")[1].split()[0])
    assert created > 24  # the process made most of the pages' files before MkDocs wrote them
    ahead = _tree(project / "site")
    shutil.rmtree(project / "site")
    alone_said = _build(project, "-v", BRIEFING_FILES_AHEAD="0")
    assert "made ahead" not in alone_said
    alone = _tree(project / "site")
    assert sorted(ahead) == sorted(alone)
    assert [p for p in alone if ahead[p] != alone[p]] == []
    assert not [p for p, data in ahead.items() if data == b""]  # no page left empty


# ---------------------------------------------------------------- the process itself


def _pages(site: Path, names: list[str]) -> list[SimpleNamespace]:
    return [SimpleNamespace(abs_dest_path=str(site / name / "index.html")) for name in names]


def _config(site: Path) -> SimpleNamespace:
    return SimpleNamespace(site_dir=str(site))


def test_the_process_makes_each_folder_and_empty_file_and_touches_no_file_that_is_there(tmp_path):
    site = tmp_path / "site"
    (site / "kept").mkdir(parents=True)
    (site / "kept" / "index.html").write_bytes(b"<p>there before</p>")
    names = ["a", "b/c", "d/e/f", "kept"]
    ahead = files_ahead.start(_config(site), _pages(site, names), dirty=False, minimum=1)
    assert ahead is not None
    ahead.proc.wait(30)
    for name in ["a", "b/c", "d/e/f"]:
        assert (site / name / "index.html").read_bytes() == b""
    assert (site / "kept" / "index.html").read_bytes() == b"<p>there before</p>"
    (site / "a" / "index.html").write_bytes(b"<p>a</p>")  # what MkDocs writes
    (site / "d" / "e" / "f" / "index.html").write_bytes(b"<p>f</p>")
    (site / "b" / "other.txt").write_text("not the process's", encoding="utf-8")
    ahead.finish()
    assert ahead.created == 3 and ahead.removed == 1
    # b/c/index.html was never written: gone, with b/c (empty), but not b (something else is in it)
    assert not (site / "b" / "c").exists() and (site / "b" / "other.txt").is_file()
    assert (site / "a" / "index.html").read_bytes() == b"<p>a</p>"
    assert (site / "d" / "e" / "f" / "index.html").read_bytes() == b"<p>f</p>"
    assert site.is_dir()


def test_every_unwritten_file_and_the_folders_made_for_it_go_up_to_site(tmp_path):
    site = tmp_path / "site"
    ahead = files_ahead.start(_config(site), _pages(site, ["x/y/z", "w"]), dirty=False, minimum=1)
    ahead.finish()  # a failed build: MkDocs wrote nothing
    assert ahead.removed == 2
    assert site.is_dir() and list(site.iterdir()) == []


@pytest.mark.parametrize("dirty, count, minimum, outside", [
    (True, 30, 24, False),  # a --dirty build writes over the last build's files: left alone
    (False, 23, 24, False),  # too few pages to pay for a process
    (False, 30, 24, True),  # a page written outside site/
])
def test_when_nothing_is_made_ahead(tmp_path, dirty, count, minimum, outside):
    site = tmp_path / "site"
    pages = _pages(site, [f"p{n}" for n in range(count)])
    if outside:
        pages.append(SimpleNamespace(abs_dest_path=str(tmp_path / "elsewhere" / "index.html")))
    assert files_ahead.start(_config(site), pages, dirty=dirty, minimum=minimum) is None
    assert not site.exists()


def test_a_process_that_cannot_start_leaves_it_all_to_mkdocs(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("no more processes")

    monkeypatch.setattr(files_ahead.subprocess, "Popen", refuse)
    site = tmp_path / "site"
    assert files_ahead.start(_config(site), _pages(site, ["a"]), dirty=False, minimum=1) is None


def test_paths_with_any_characters_reach_the_process_whole(tmp_path):
    site = tmp_path / "site"
    names = ["with space", "newline\nin it", "ünïcode", "semi;colon"]
    ahead = files_ahead.start(_config(site), _pages(site, names), dirty=False, minimum=1)
    ahead.proc.wait(30)
    assert sorted(p.parent.name for p in site.rglob("index.html")) == sorted(names)
    ahead.finish()
    assert ahead.created == 4 and ahead.removed == 4


# ---------------------------------------------------------------- MkDocs' writes into the files made ahead


def test_the_mkdocs_write_file_compared_is_the_one_installed():
    from mkdocs import utils

    assert files_ahead._write_file_digest(utils.write_file) == files_ahead.WRITE_FILE_CHECKED


@pytest.mark.parametrize("there", ["empty", "written", "absent", "link", "folder-missing"])
def test_write_file_while_files_are_made_ahead_leaves_what_mkdocs_own_leaves(tmp_path, there):
    """The same bytes in the same place as MkDocs' own write_file, whatever is there; a file made
    ahead (empty) is written into as it is (the same inode, never truncated first)."""
    from mkdocs import utils

    def setup(root: Path) -> Path:
        page = root / "site" / "a" / "index.html"
        if there != "folder-missing":
            page.parent.mkdir(parents=True)
        if there == "empty":
            page.touch()
        elif there == "written":
            page.write_bytes(b"an older and longer page than the new one\n")
        elif there == "link":
            (root / "elsewhere.html").write_bytes(b"not a page\n")
            page.symlink_to(root / "elsewhere.html")
        return page

    own, ours = setup(tmp_path / "own"), setup(tmp_path / "ours")
    utils.write_file(b"<p>new</p>\n", str(own))
    inode = ours.stat().st_ino if there == "empty" else None
    files_ahead._write_into_empty_files()
    try:
        assert getattr(utils.write_file, "briefing_original", None) is not None
        utils.write_file(b"<p>new</p>\n", str(ours))
    finally:
        files_ahead._write_as_mkdocs()
    assert getattr(utils.write_file, "briefing_original", None) is None
    assert ours.read_bytes() == own.read_bytes() == b"<p>new</p>\n"
    assert ours.is_symlink() == own.is_symlink()
    if there == "link":
        assert (tmp_path / "ours" / "elsewhere.html").read_bytes() == (tmp_path / "own" / "elsewhere.html").read_bytes()
    if inode is not None:
        assert ours.stat().st_ino == inode
