"""The pages' digests kept between builds (speed/digest_cache.py): a new process reads no page the
last one read and left alone, an edited page is read again and kept as the editor left it, and a
damaged store is only a slower build."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from generator.build import Project, build
from generator.speed import digest_cache
from generator.write import journal

from project_files import use_synthetic_seeds


@pytest.fixture
def project(project_copy: Path, monkeypatch) -> Project:
    monkeypatch.setattr(journal, "_known_digests", {})
    monkeypatch.setattr(journal, "_SETTLED_NS", 50_000_000)  # 50 ms instead of 2 s: a short test
    return Project(root=use_synthetic_seeds(project_copy, 30))


def _new_process(project: Project) -> None:
    """What a new process starts from: no digest in memory, and no "nothing changed" stamp."""
    journal._known_digests.clear()
    digest_cache._loaded.clear()
    project.stamp_file.unlink(missing_ok=True)


def _pages_read(monkeypatch, docs: Path) -> list[str]:
    """The generated pages journal.file_digest reads from disk from now on."""
    read: list[str] = []
    original = Path.read_bytes

    def counting(path: Path) -> bytes:
        if docs in path.parents and not path.name.startswith("."):  # not the manifest
            read.append(path.relative_to(docs).as_posix())
        return original(path)

    monkeypatch.setattr(Path, "read_bytes", counting)
    return read


def _settle() -> None:
    time.sleep(0.2)  # every page written over _SETTLED_NS ago, so its row may be trusted


def test_a_new_process_reads_no_page_the_last_one_read(project, monkeypatch):
    build(project, progress=False)
    _settle()
    _new_process(project)
    build(project, progress=False)  # reads every page once, settled: their rows are kept
    store = project.cache_file.with_name("page-digests.pickle")
    assert store.exists()
    _new_process(project)
    read = _pages_read(monkeypatch, project.docs_dir)
    result = build(project, progress=False)
    assert result.written == [] and read == []


def test_an_edited_page_is_read_again_and_kept(project, monkeypatch):
    build(project, progress=False)
    _settle()
    _new_process(project)
    build(project, progress=False)
    page = next(p for p in sorted((project.docs_dir / "archive" / "articles").glob("*.md")))
    text = page.read_text(encoding="utf-8")
    edited = text.replace("a", "b", 1)  # same size, same modification time: only the change time moves
    assert edited != text and len(edited) == len(text)
    stat = page.stat()
    page.write_text(edited, encoding="utf-8")
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    _new_process(project)
    read = _pages_read(monkeypatch, project.docs_dir)
    result = build(project, progress=False)
    rel = page.relative_to(project.docs_dir).as_posix()
    assert set(read) == {rel}  # by the render (is its unit's page as it was rendered?) and the writer
    assert page.read_text(encoding="utf-8") == edited
    assert any(p.path == str(page) and "edited by hand" in p.message for p in result.problems)


@pytest.mark.parametrize("damage", [b"not a pickle", b""])
def test_a_damaged_store_means_reading_every_page(project, monkeypatch, damage):
    build(project, progress=False)
    _settle()
    _new_process(project)
    build(project, progress=False)
    project.cache_file.with_name("page-digests.pickle").write_bytes(damage)
    _new_process(project)
    read = _pages_read(monkeypatch, project.docs_dir)
    result = build(project, progress=False)
    assert result.written == [] and len(set(read)) == result.unchanged


def test_the_cache_switch_turns_it_off(project, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE", "0")
    build(project, progress=False)
    assert not project.cache_file.with_name("page-digests.pickle").exists()
