"""A first build has a process make empty files for its pages while a core idles, and writes its new
pages into them (generator/speed/reserve.py): the docs dir is the one written without, byte for byte;
the writer never writes through a link it finds there; nothing made ahead outlives the build."""
from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from project_files import copy_project, use_synthetic_seeds

from generator import build as build_module
from generator import settings
from generator.build import Project, build
from generator.models import Page
from generator.speed import reserve
from generator.write.journal import RESERVE, write_pages


def _tree(folder: Path) -> dict[str, bytes | None]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


@pytest.fixture
def reserving(monkeypatch):
    """Builds reserve files for any number of articles, on a machine of two cores or more; each
    Reserve waits for its process to finish before it is taken (so that the pages do take files
    made ahead, however fast the build), and what it gave is recorded (the files' inodes)."""
    current = settings.current
    monkeypatch.setattr(settings, "current", lambda environ=None: replace(current(environ), reserve_min=1))
    monkeypatch.setattr(build_module, "cores", lambda jobs=None: 2)
    given: list[int] = []
    take = reserve.Reserve.take

    def take_when_made(self):
        if self.proc is not None:
            self.proc.wait()
        files = take(self)
        given.extend(os.stat(f).st_ino for f in files)
        return files

    monkeypatch.setattr(reserve.Reserve, "take", take_when_made)
    return given


def test_a_first_build_writes_into_the_files_made_ahead_the_docs_dir_written_without(tmp_path, monkeypatch,
                                                                                     reserving):
    with_files = use_synthetic_seeds(copy_project(tmp_path / "with"), 12)
    without = tmp_path / "without"
    shutil.copytree(with_files, without)
    build(Project(root=with_files))
    assert reserving, "no file was made ahead"
    archive = with_files / "content" / "archive"
    written_into = {p.stat().st_ino for p in archive.rglob("*") if p.is_file()} & set(reserving)
    assert len(written_into) == min(len(reserving), sum(1 for p in archive.rglob("*") if p.is_file()))
    assert not (with_files / "content" / RESERVE).exists()

    monkeypatch.setenv("BRIEFING_FILES_AHEAD", "0")
    reserving.clear()
    build(Project(root=without))
    assert reserving == []
    ahead, alone = _tree(with_files / "content"), _tree(without / "content")
    assert sorted(ahead) == sorted(alone)
    assert [p for p in alone if ahead[p] != alone[p]] == []


def test_a_build_that_already_has_its_tree_makes_no_file_ahead(tmp_path, reserving):
    project = use_synthetic_seeds(copy_project(tmp_path / "p"), 6)
    build(Project(root=project))
    made = len(reserving)
    (project / "seeds" / sorted(os.listdir(project / "seeds"))[0]).unlink()
    build(Project(root=project))
    assert len(reserving) == made  # archive/ is there: pages change in place or are linked


def test_a_failed_build_and_a_killed_one_leave_no_files_made_ahead(tmp_path, monkeypatch, reserving):
    project = use_synthetic_seeds(copy_project(tmp_path / "p"), 6)

    def fail(*args, **kwargs):
        raise RuntimeError("the index stage failed")

    monkeypatch.setattr(build_module.pipeline, "run", fail)
    with pytest.raises(RuntimeError):
        build(Project(root=project))
    assert not (project / "content" / RESERVE).exists()
    monkeypatch.undo()

    left = project / "content" / RESERVE  # what a killed build leaves
    left.mkdir()
    (left / "0").touch()
    monkeypatch.setenv("BRIEFING_FILES_AHEAD", "0")
    build(Project(root=project))
    assert not left.exists()


# ---------------------------------------------------------------- the writer


def _page(rel: str, text: str) -> Page:
    return Page(rel, text)


def test_the_writer_renames_an_empty_file_into_each_new_page_while_there_are_some(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    spare = tmp_path / "docs" / RESERVE
    spare.mkdir()
    empties = [spare / str(i) for i in range(2)]
    for e in empties:
        e.touch()
    inodes = [e.stat().st_ino for e in empties]
    pages = [_page(f"archive/articles/a{i}.md", f"# Article {i}\n") for i in range(3)]
    write_pages(docs, pages, empty_files=empties)
    written = sorted(docs.glob("archive/articles/*.md"))
    assert [p.read_text() for p in written] == [f"# Article {i}\n" for i in range(3)]
    assert sorted(p.stat().st_ino for p in written if p.stat().st_ino in inodes) == sorted(inodes)
    assert not any(e.exists() for e in empties)


def test_the_writer_never_writes_through_a_link_it_was_handed(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("not the generator's\n")
    trap = tmp_path / "trap"
    trap.symlink_to(outside)
    write_pages(docs, [_page("archive/articles/a.md", "# A\n")], empty_files=[trap])
    page = docs / "archive" / "articles" / "a.md"
    assert page.read_text() == "# A\n" and not page.is_symlink()
    assert outside.read_text() == "not the generator's\n"


def test_a_file_handed_as_empty_that_is_not_is_never_written_into(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    spare = tmp_path / "spare"
    spare.mkdir()
    (spare / "0").write_text("something longer than the page, written meanwhile\n")
    (spare / "1").mkdir()
    write_pages(docs, [_page("archive/articles/a.md", "# A\n"), _page("archive/articles/b.md", "# B\n")],
                empty_files=[spare / "0", spare / "1"])
    assert (docs / "archive" / "articles" / "a.md").read_text() == "# A\n"
    assert (docs / "archive" / "articles" / "b.md").read_text() == "# B\n"


# ---------------------------------------------------------------- the process


def test_the_process_makes_as_many_empty_files_as_asked_and_they_go_with_discard(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (tmp_path / "seeds").mkdir()
    for i in range(5):
        (tmp_path / "seeds" / f"s{i}.txt").write_text("x")
    (tmp_path / "seeds" / "s0.yml").write_text("x")  # a sidecar is no article
    made = reserve.start(docs, tmp_path / "seeds", minimum=5)
    assert made is not None
    made.proc.wait()
    files = made.take()
    assert [f.name for f in files] == [str(i) for i in range(5 * reserve.PER_ARTICLE)]
    assert all(f.stat().st_size == 0 for f in files)
    reserve.discard(docs)
    assert not (docs / RESERVE).exists()


@pytest.mark.parametrize("seeds, minimum, tree", [(3, 5, False), (5, 5, True)])
def test_no_process_when_it_would_not_pay(tmp_path, seeds, minimum, tree):
    docs = tmp_path / "docs"
    docs.mkdir()
    if tree:
        (docs / "archive").mkdir()
    (tmp_path / "seeds").mkdir()
    for i in range(seeds):
        (tmp_path / "seeds" / f"s{i}.txt").write_text("x")
    assert reserve.start(docs, tmp_path / "seeds", minimum) is None
    assert not (docs / RESERVE).exists()
