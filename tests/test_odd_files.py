"""Files that are not plain articles: each gets one line naming it, none is opened in a way that can
block, none is silently skipped, and the rest of the archive still builds (issue 13)."""
from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from generator.build import Project, build
from generator.read.seeds import read_seeds
from generator.read.yamlfile import read_yaml

ARTICLE = "A headline for the odd files test\n\nThe ministry said on Monday that the road was open again.\n"
NAME_MAX = os.pathconf("/tmp", "PC_NAME_MAX") if hasattr(os, "pathconf") else 255


@pytest.fixture(autouse=True)
def never_hang():
    """A FIFO opened for reading blocks forever: fail after 10 s instead of freezing the suite."""
    def stop(*_):
        raise TimeoutError("reading the seeds blocked")
    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def _long(seeds: Path):
    (seeds / ("a" * (NAME_MAX - 4) + ".txt")).write_text(ARTICLE + "A second paragraph.\n")


def _fifo_sidecar(seeds: Path):
    (seeds / "piped.txt").write_text(ARTICLE + "Another line.\n")
    os.mkfifo(seeds / "piped.yml")


def _dangling(seeds: Path):
    os.symlink("nowhere.txt", seeds / "dangling.txt")


def _loop(seeds: Path):
    os.symlink("loop-b.txt", seeds / "loop-a.txt")
    os.symlink("loop-a.txt", seeds / "loop-b.txt")


def _device(seeds: Path):
    os.symlink("/dev/zero", seeds / "zero.txt")


def _dir_sidecar(seeds: Path):
    (seeds / "folder.txt").write_text(ARTICLE + "Third.\n")
    (seeds / "folder.yml").mkdir()


# (how to make the odd entry, the stems read besides `plain`, a line that must be reported)
CASES = [
    (_long, {"a" * (NAME_MAX - 4)}, None),
    (lambda s: (s / "UPPER.TXT").write_text(ARTICLE + "Upper.\n"), set(),
     "UPPER.TXT: error: is not read: an article's extension must be lower-case (rename it to UPPER.txt)"),
    (lambda s: (s / "x.txt").mkdir(), set(), "x.txt: error: is a directory, not a file; skipped"),
    (lambda s: os.mkfifo(s / "pipe.txt"), set(), "pipe.txt: error: is a named pipe (FIFO), not a file; skipped"),
    (_fifo_sidecar, {"piped"}, "piped.yml: error: is a named pipe (FIFO), not a file; ignored"),
    (_dangling, set(), "dangling.txt: error: is a symbolic link to nothing"),
    (_loop, set(), "loop-a.txt: error: is a symbolic link loop, not a file; skipped"),
    (_device, set(), "zero.txt: error: is a device, not a file; skipped"),
    (_dir_sidecar, {"folder"}, "folder.yml: error: is a directory, not a file; ignored"),
    (lambda s: ((s / "side.txt").write_text(ARTICLE + "Side.\n"), (s / "side.YML").write_text("title: T\n")),
     {"side"}, "side.YML: error: is not read: a sidecar's extension must be lower-case (rename it to side.yml)"),
]


@pytest.mark.parametrize("make, stems, line", CASES)
def test_odd_entries_are_reported_and_never_block(tmp_path, make, stems, line):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "plain.txt").write_text("The plain one\n\nIt is an ordinary article about a bridge.\n")
    make(seeds)
    read, problems = read_seeds(seeds)
    assert {s.stem for s in read} == {"plain"} | stems
    shown = [str(p) for p in problems]
    if line is None:
        assert shown == []
    else:
        assert any(line in s for s in shown), shown
    assert all("\n" not in s for s in shown)


def test_a_fifo_that_replaces_a_file_after_listing_is_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "late.yml")
    doc, problems = read_yaml(tmp_path / "late.yml", "late.yml")
    assert doc is None and [str(p) for p in problems] == ["late.yml: error: is a named pipe (FIFO), not a file; ignored"]


def test_a_seed_at_the_name_length_limit_builds_with_the_rest(project_copy):
    seeds = project_copy / "seeds"
    _long(seeds)
    os.mkfifo(seeds / "pipe.txt")
    result = build(Project(root=project_copy), jobs=1, progress=False)
    assert any("pipe.txt" in str(p) for p in result.errors)
    assert result.articles == len([p for p in seeds.glob("*.txt") if p.is_file()])


def _colliding_stems(n: int = 2) -> list[str]:
    """Seed names whose six-digit short hashes are equal (found by trying names; a birthday search)."""
    import hashlib
    seen: dict[str, str] = {}
    i = 0
    while True:
        stem = f"report-{i}"
        short = hashlib.sha1(stem.encode()).hexdigest()[:6]
        if short in seen:
            return [seen[short], stem]
        seen[short] = stem
        i += 1


COLLIDING = _colliding_stems()


@pytest.mark.parametrize("stems, title", [
    (COLLIDING, "The same headline"),
    (list(reversed(COLLIDING)), "The same headline"),
    (COLLIDING, "A headline long enough that its slug is cut at sixty characters, and both are cut alike"),
])
def test_articles_whose_short_hashes_collide_are_both_published(tmp_path, stems, title):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for i, stem in enumerate(stems):
        (seeds / f"{stem}.txt").write_text(f"{title}\n\nParagraph number {i} of a story about a bridge.\n")
    (seeds / "other.txt").write_text("Another story\n\nA different story about a road.\n")
    build(Project(root=tmp_path), jobs=1, progress=False)
    pages = sorted((tmp_path / "content" / "archive" / "articles").glob("*.md"))
    texts = [p.read_text() for p in pages if p.name != "index.md"]
    assert len(texts) == 3
    assert any("Paragraph number 0" in t for t in texts) and any("Paragraph number 1" in t for t in texts)


def test_the_first_of_two_colliding_articles_keeps_its_url():
    from generator.index.archive import unique_article_paths
    from generator.paths import article_path
    from generator.models import Article
    a, b = sorted(COLLIDING)
    made = [Article(s, article_path(s, "Same"), "Same", None, None, None, None, (), (), (), (), ()) for s in (b, a)]
    paths = {x.stem: x.path for x in unique_article_paths(made)}
    assert paths[a] == article_path(a, "Same") and paths[b] != paths[a]
    assert paths[b] == article_path(b, "Same", digits=40)
