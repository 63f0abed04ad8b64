"""The build does only the work an edit calls for: cached extraction, unchanged files kept, quick serve rebuilds."""
from pathlib import Path

import pytest

from generator.build import Project, build, prepare, write

from project_files import use_synthetic_seeds


@pytest.fixture
def corpus_project(project_copy: Path) -> Path:
    return use_synthetic_seeds(project_copy, 40)


def _tree(docs: Path) -> dict[str, str]:
    return {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(docs.rglob("*")) if p.is_file()}


def _edit(seed: Path, token: str) -> None:
    lines = seed.read_text(encoding="utf-8").rstrip("\n").split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[longest] += f" A new sentence {token} for the test."
    seed.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_nothing_changed_means_no_extraction_and_no_write(corpus_project):
    project = Project(root=corpus_project)
    first = build(project, progress=False)
    assert first.extracted == 40 and first.written
    mtimes = {p: p.stat().st_mtime_ns for p in (corpus_project / "content").rglob("*") if p.is_file()}
    again = build(project, progress=False)
    assert again.extracted == 0
    assert again.written == [] and again.removed == []
    assert {p: p.stat().st_mtime_ns for p in mtimes} == mtimes


def test_one_edited_seed_is_the_only_one_extracted(corpus_project):
    project = Project(root=corpus_project)
    build(project, progress=False)
    seed = sorted((corpus_project / "seeds").glob("*.txt"))[3]
    _edit(seed, "zzcacheedit")
    result = build(project, progress=False)
    assert result.extracted == 1
    assert any("zzcacheedit" in (corpus_project / "content" / p).read_text(encoding="utf-8")
               for p in result.written)


def test_cache_survives_a_new_process_and_a_corrupt_file(corpus_project):
    project = Project(root=corpus_project)
    build(project, progress=False)
    from generator.speed import extraction_cache

    extraction_cache._in_memory.clear()  # as a fresh process would start
    project.stamp_file.unlink(missing_ok=True)  # so the build runs its stages instead of stopping at "nothing changed"
    assert build(project, progress=False).extracted == 0
    extraction_cache._in_memory.clear()
    project.stamp_file.unlink(missing_ok=True)
    project.cache_file.write_bytes(b"not a pickle")
    assert build(project, progress=False).extracted == 40


def test_quick_rebuild_then_full_equals_a_fresh_build(corpus_project, tmp_path):
    """What `mkdocs serve` does on an edit: quick pages first, the rest next; the end state is exact."""
    project = Project(root=corpus_project)
    build(project, progress=False, remember=True)
    seed = sorted((corpus_project / "seeds").glob("*.txt"))[5]
    _edit(seed, "zzquickedit")
    quick = build(project, progress=False, quick=True, remember=True)
    assert quick.partial and quick.extracted == 1
    assert 1 <= len(quick.written) <= 40
    assert any("zzquickedit" in (corpus_project / "content" / p).read_text(encoding="utf-8")
               for p in quick.written)
    full = write(prepare(project, progress=False), remember=True)
    assert not full.partial

    fresh = tmp_path / "fresh"
    fresh.mkdir()
    build(Project(root=corpus_project, docs=fresh, cache=tmp_path / "cache.pickle"), progress=False)
    docs = _tree(corpus_project / "content")
    assert {k: v for k, v in docs.items() if k in _tree(fresh)} == _tree(fresh)


def test_parallel_render_gives_the_same_pages(corpus_project):
    from generator.build import gather

    from generator.render import render_all
    from generator.speed.pools import parallel_render

    archive = gather(Project(root=corpus_project)).archive
    serial = [(p.path, p.text) for p in render_all(archive)]
    parallel = [(p.path, p.text) for p in parallel_render(2, 1)(archive)]
    assert parallel == serial
