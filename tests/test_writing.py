"""The write stage never loses an editor's file and survives being killed."""
import json
import os

import pytest

from generator.models import Page
from generator.write.journal import (AS_ON_DISK, MANIFEST, RETIRED, STAGING, is_bookkeeping, page_digest, recover,
                                     write_pages)


def pages(**texts) -> list[Page]:
    return [Page(path.replace("__", "/") + ".md", text) for path, text in texts.items()]


@pytest.fixture(autouse=True, params=["text only", "with digests"])
def _page_digests(request, monkeypatch):
    """Every test runs twice: pages as plain text, and carrying their digests as the incremental render
    hands them over (models.Page.digest): the writer must do the same with either."""
    if request.param == "with digests":
        monkeypatch.setitem(globals(), "pages", lambda **texts: [
            Page(path.replace("__", "/") + ".md", text, page_digest(text)) for path, text in texts.items()])


def test_first_write_then_nothing_rewritten(tmp_path):
    docs = tmp_path / "content"
    r1 = write_pages(docs, pages(index="home", archive__a="A", archive__b="B"))
    assert sorted(r1.written) == ["archive/a.md", "archive/b.md", "index.md"]
    mtimes = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}
    inodes = {p: p.stat().st_ino for p in docs.rglob("*.md")}
    r2 = write_pages(docs, pages(index="home", archive__a="A", archive__b="B"))
    assert r2.written == [] and r2.removed == [] and r2.unchanged == 3
    assert {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")} == mtimes
    assert {p: p.stat().st_ino for p in docs.rglob("*.md")} == inodes


def test_only_changed_page_is_rewritten(tmp_path):
    docs = tmp_path / "content"
    write_pages(docs, pages(archive__a="A", archive__b="B"))
    before = (docs / "archive/b.md").stat().st_ino
    r = write_pages(docs, pages(archive__a="A2", archive__b="B"))
    assert r.written == ["archive/a.md"]
    assert (docs / "archive/a.md").read_text() == "A2"
    assert (docs / "archive/b.md").stat().st_ino == before  # hard-linked, not rewritten


def test_stale_pages_removed_hand_written_kept(tmp_path):
    docs = tmp_path / "content"
    (docs / "archive").mkdir(parents=True)
    (docs / "archive" / "notes.md").write_text("editor notes")
    (docs / "about.md").write_text("about")
    write_pages(docs, pages(archive__a="A", archive__gone="G"))
    r = write_pages(docs, pages(archive__a="A"))
    assert r.removed == ["archive/gone.md"]
    assert not (docs / "archive/gone.md").exists()
    assert (docs / "archive/notes.md").read_text() == "editor notes"
    assert (docs / "about.md").read_text() == "about"


def test_foreign_file_at_generated_path_is_never_overwritten(tmp_path):
    docs = tmp_path / "content"
    docs.mkdir()
    (docs / "index.md").write_text("my own home page")
    r = write_pages(docs, pages(index="generated home", archive__a="A"))
    assert (docs / "index.md").read_text() == "my own home page"
    assert any("not written by the generator" in str(p) for p in r.problems)


def test_hand_edited_generated_page_is_kept_and_reported(tmp_path):
    docs = tmp_path / "content"
    write_pages(docs, pages(archive__a="A"))
    (docs / "archive/a.md").write_text("A, corrected by an editor")
    r = write_pages(docs, pages(archive__a="A new"))
    assert (docs / "archive/a.md").read_text() == "A, corrected by an editor"
    assert any("edited by hand" in str(p) for p in r.problems)
    r = write_pages(docs, pages())  # its seed is gone: still not deleted
    assert (docs / "archive/a.md").exists()


def test_a_page_as_on_disk_is_left_as_it_is_and_never_written(tmp_path):
    """A page the incremental render reused comes as its file's text (AS_ON_DISK) with the digest it
    was rendered with: the writer counts it unchanged, keeps it in its manifest and never removes it;
    a file changed since the render found it (removed meanwhile) is reported and left for the next build."""
    docs = tmp_path / "content"
    write_pages(docs, pages(archive__a="A", archive__b="B"))
    r = write_pages(docs, [Page("archive/a.md", AS_ON_DISK, page_digest("A")), *pages(archive__b="B2")])
    assert r.written == ["archive/b.md"] and r.removed == [] and r.unchanged == 1 and not r.problems
    assert (docs / "archive/a.md").read_text() == "A"
    (docs / "archive/a.md").unlink()
    r = write_pages(docs, [Page("archive/a.md", AS_ON_DISK, page_digest("A")), *pages(archive__b="B2")])
    assert r.written == [] and not (docs / "archive/a.md").exists()
    assert [p.severity for p in r.problems] == ["warning"] and "changed while the archive was built" in str(r.problems[0])
    r = write_pages(docs, pages(archive__a="A", archive__b="B2"))  # the next build renders it: written again
    assert r.written == ["archive/a.md"] and (docs / "archive/a.md").read_text() == "A"


def test_pages_outside_docs_are_refused(tmp_path):
    docs = tmp_path / "content"
    r = write_pages(docs, [Page("../escape.md", "x"), Page("archive/../../x.md", "y")])
    assert not (tmp_path / "escape.md").exists() and not (tmp_path / "x.md").exists()
    assert len(r.problems) == 2


def test_recover_finishes_a_swap_killed_between_renames(tmp_path):
    docs = tmp_path / "content"
    write_pages(docs, pages(archive__a="A"))
    # Simulate: staging complete, old tree retired, killed before the second rename.
    (docs / "archive").rename(docs / RETIRED)
    (docs / STAGING).mkdir()
    (docs / STAGING / "a.md").write_text("A2")
    recover(docs)
    assert (docs / "archive/a.md").read_text() == "A2"
    assert not (docs / RETIRED).exists() and not (docs / STAGING).exists()


def test_recover_undoes_a_swap_killed_while_staging(tmp_path):
    docs = tmp_path / "content"
    write_pages(docs, pages(archive__a="A"))
    (docs / STAGING).mkdir()
    (docs / STAGING / "half.md").write_text("half")
    recover(docs)
    assert sorted(p.name for p in (docs / "archive").iterdir()) == ["a.md"]


def test_pending_manifest_entries_are_trusted_after_a_kill(tmp_path):
    docs = tmp_path / "content"
    write_pages(docs, pages(index="old"))
    manifest = json.loads((docs / MANIFEST).read_text())
    # Killed after writing index.md but before the manifest was finalised.
    (docs / "index.md").write_text("new")
    import hashlib
    manifest["pending"] = {"index.md": hashlib.sha256(b"new").hexdigest()}
    (docs / MANIFEST).write_text(json.dumps(manifest))
    r = write_pages(docs, pages(index="newer"))
    assert r.problems == [] and (docs / "index.md").read_text() == "newer"


@pytest.mark.parametrize("rel,inside", [
    ("archive/a.md", True), ("index.md", True), ("", True), ("../outside.md", False),
    ("archive/../../outside.md", False), ("linked-out/a.md", False), ("archive/linked-file.md", False),
    ("linked-in/a.md", True),
])
def test_a_page_path_is_inside_the_docs_dir_only_when_its_real_path_is(tmp_path, rel, inside):
    """journal._inside, which refuses to write a page anywhere else: folders and files are followed
    through their links, each folder's real path worked out once per build."""
    from generator.write.journal import _inside

    docs, elsewhere = tmp_path / "docs", tmp_path / "elsewhere"
    (docs / "archive").mkdir(parents=True)
    elsewhere.mkdir()
    (docs / "linked-out").symlink_to(elsewhere)
    (docs / "linked-in").symlink_to(docs / "archive")
    (docs / "archive" / "linked-file.md").symlink_to(elsewhere / "x.md")
    resolved: dict = {}
    assert _inside(docs, rel, resolved) is inside
    assert _inside(docs, rel, resolved) is inside  # and again, from what it kept


@pytest.mark.parametrize("rel, bookkeeping", [
    (".generated.json", True),
    (".generated-copy.json", True),
    ("..generated.json.tmp-4242", True),  # atomic_write's temporary file of the manifest
    (".generated-journal.json", True),
    (".archive-retired/actors/x.md", True),
    (".archive-staging/articles/a.md", True),
    (".generated-staging/index.md", True),
    ("archive/articles/a.md", False),
    ("index.md", False),
    (".archive-retired-notes.md", False),  # an editor's hidden file, not the generator's
    ("..notes.md.tmp-1", False),
    ("../mkdocs.yml", False),
])
def test_what_is_a_writes_own_bookkeeping(tmp_path, rel, bookkeeping):
    """MkDocs' watcher ignores these under `mkdocs serve` (hook.py): they are never pages."""
    docs = str(tmp_path / "content")
    assert is_bookkeeping(docs, os.path.join(docs, rel)) is bookkeeping


def test_a_file_changed_since_it_was_read_is_read_again(tmp_path, monkeypatch):
    """journal.file_digest remembers the digest of a settled file (last written well before it was
    read) while its stat row is the same; a write changes the row, even one of the same size, and a
    file written just before it was read is never remembered (a coarse clock could give the next
    write the same times)."""
    import time

    from generator.write import journal

    monkeypatch.setattr(journal, "_known_digests", {})
    monkeypatch.setattr(journal, "_SETTLED_NS", 50_000_000)  # 50 ms instead of 2 s: a short test
    page = tmp_path / "page.md"
    page.write_text("first")
    time.sleep(0.2)
    first = journal.file_digest(page)
    assert journal._known_digests[str(page)][1] == first  # settled: remembered
    page.write_text("other")  # same size, new content
    assert journal.file_digest(page) == journal._digest(b"other")
    fresh = tmp_path / "fresh.md"
    fresh.write_text("just written")
    assert journal.file_digest(fresh) == journal._digest(b"just written")
    assert str(fresh) not in journal._known_digests


@pytest.mark.parametrize("data", [
    {},
    {"files": {}},
    {"files": {"archive/articles/a.md": "0f" * 32, "index.md": "ab" * 32}, "pending": {"x.md": "cd" * 32}},
    {"files": {"archive/é “quoted” \\ \"x\".md": "00", "tab\there": "\u2028"}},  # what JSON escapes
    {"files": {"a.md": 1}},  # not a string: json.dumps writes it
])
def test_the_manifest_is_written_as_json_dumps_writes_it(data):
    """The manifest is written by our own code (json.dumps with an indent is pure Python): the same bytes."""
    from generator.write.journal import manifest_text

    assert manifest_text(data) == (json.dumps(data, indent=1) + "\n").encode()
