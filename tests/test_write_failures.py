"""Nothing lost (issue 13): a deleted or corrupt manifest is recovered or reported with the command that
rebuilds; a read-only docs dir or a full disk gives one line naming the path, leaves the docs dir as it
was and no temporary files behind."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from generator.models import Page
from generator.write.journal import JOURNAL, MANIFEST, WriteError, recover, write_pages

PAGES_A = {"index.md": "home A", "archive/a.md": "A", "archive/b.md": "B", "feed.xml": "feed A"}
PAGES_B = {"index.md": "home B", "archive/a.md": "A2", "archive/new/c.md": "C", "data/x.json": "{}"}


def pages(spec):
    return [Page(path, text) for path, text in spec.items()]


def visible(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*"))
            if p.is_file() and not p.relative_to(docs).as_posix().startswith(".")}


def leftovers(docs: Path) -> list[str]:
    return sorted(p.name for p in docs.iterdir() if p.name.startswith(".") and p.name not in (
        MANIFEST, ".generated-copy.json", JOURNAL))


@pytest.mark.parametrize("damage, expect", [
    (lambda d: (d / MANIFEST).unlink(), "warning: is missing; recovered from .generated-copy.json"),
    (lambda d: (d / MANIFEST).write_text("{not json"), "warning: is corrupt; recovered from .generated-copy.json"),
    (lambda d: (d / MANIFEST).write_text('{"files": 7}'), "warning: is corrupt; recovered from .generated-copy.json"),
])
def test_a_lost_manifest_is_recovered_and_the_site_still_updates(tmp_path, damage, expect):
    write_pages(tmp_path, pages(PAGES_A))
    damage(tmp_path)
    report = write_pages(tmp_path, pages(PAGES_B))
    assert [str(p) for p in report.problems] == [f"{tmp_path / MANIFEST}: {expect}"]
    assert visible(tmp_path) == {k: v.encode() for k, v in PAGES_B.items()}


def test_without_manifest_or_copy_the_line_names_the_command_that_rebuilds(tmp_path):
    write_pages(tmp_path, pages(PAGES_A))
    (tmp_path / MANIFEST).unlink()
    (tmp_path / ".generated-copy.json").unlink()
    report = write_pages(tmp_path, pages(PAGES_B))
    lines = [str(p) for p in report.problems]
    assert lines[0] == f"{tmp_path / 'index.md'}: warning: was not written by the generator; kept as it is and not regenerated"
    first = lines[1]
    assert first.startswith(f"{tmp_path / MANIFEST}: error: is missing") and "\n" not in first
    assert "1 page(s) on disk cannot be told from hand edits" in first and len(lines) == 2
    assert f"run: mv {tmp_path / 'archive'} {tmp_path / 'archive'}.old && python -m generator build" in first


class _Fail:
    """Every filesystem primitive the writer uses; the `at`-th call fails with OSError(code)."""

    PRIMITIVES = ("replace", "rename", "link", "symlink", "unlink", "mkdir", "fsync", "open")

    def __init__(self, at, code):
        self.at, self.code, self.calls, self.saved = at, code, 0, {}

    def __enter__(self):
        for name in self.PRIMITIVES:
            original = self.saved[name] = getattr(os, name)

            def patched(*args, _original=original, **kwargs):
                self.calls += 1
                if self.calls == self.at:
                    raise OSError(self.code, os.strerror(self.code), str(args[0]) if args else None)
                return _original(*args, **kwargs)

            setattr(os, name, patched)
        return self

    def __exit__(self, *exc):
        for name in self.PRIMITIVES:
            setattr(os, name, self.saved[name])
        return False


def _ops() -> int:
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        write_pages(Path(d), pages(PAGES_A))
        with _Fail(None, 0) as counter:
            write_pages(Path(d), pages(PAGES_B))
        return counter.calls


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
@pytest.mark.parametrize("at", range(1, _ops() + 1))
def test_a_write_that_fails_leaves_docs_as_they_were_in_one_line(tmp_path, code, at):
    write_pages(tmp_path, pages(PAGES_A))
    before = visible(tmp_path)
    with _Fail(at, code):
        try:
            write_pages(tmp_path, pages(PAGES_B))
        except WriteError as exc:
            message = str(exc)
            assert "\n" not in message and os.strerror(code) in message and str(tmp_path) in message
    after = visible(tmp_path)
    if (tmp_path / JOURNAL).exists():  # failed after committing: the next build finishes the change
        recover(tmp_path)
        assert visible(tmp_path) == {k: v.encode() for k, v in PAGES_B.items()}
    else:
        assert after in (before, {k: v.encode() for k, v in PAGES_B.items()})
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("code", [errno.EROFS, errno.ENOSPC])
def test_the_build_stops_with_one_line_when_content_cannot_be_written(tmp_path, monkeypatch, code):
    from generator.write import journal as writing
    from generator.build import Project, ProjectError, build
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "one.txt").write_text("A headline\n\nThe council met on Monday to discuss the road.\n")
    (tmp_path / "content").mkdir()

    def refuse(path, data):
        raise OSError(code, os.strerror(code), str(path))

    from generator import settings, speed

    speed.steps(Project(root=tmp_path), settings.current())  # imports the speed-ups, each with the real atomic_write
    monkeypatch.setattr(writing, "atomic_write", refuse)
    with pytest.raises(ProjectError) as exc:
        build(Project(root=tmp_path), jobs=1, progress=False)
    message = str(exc.value)
    assert "\n" not in message and message.startswith(str(tmp_path / "content" / MANIFEST))
    assert f"cannot write: {os.strerror(code)}" in message
    assert [p.name for p in (tmp_path / "content").iterdir()] == []
