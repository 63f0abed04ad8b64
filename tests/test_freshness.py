"""A build with nothing changed stops after stat calls; any change makes it run in full."""
import os
from pathlib import Path

import pytest

from generator.read import seeds as seeds_module
from generator.speed import freshness
from generator.build import Project, build

from project_files import use_synthetic_seeds


def _age(*paths: Path) -> None:
    """Date files a minute back: a build trusts no input changed in the last clock tick before it."""
    for top in paths:
        for p in [top, *(top.rglob("*") if top.is_dir() else [])]:
            st = p.stat()
            os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns - 60_000_000_000))


@pytest.fixture
def built(project_copy: Path) -> Project:
    use_synthetic_seeds(project_copy, 30)
    (project_copy / "seeds" / "zz_empty.txt").write_bytes(b"")  # a problem to report every time
    _age(project_copy / "seeds", project_copy / "register.yml")
    project = Project(root=project_copy)
    first = build(project, progress=False)
    assert first.written and first.problems
    return project


@pytest.fixture
def no_render(monkeypatch):
    """Fail the test if the build gets as far as reading the seeds."""
    def refuse(*args, **kwargs):
        raise AssertionError("the build ran although nothing had changed")
    monkeypatch.setattr(seeds_module, "read_seeds", refuse)


def _full(project: Project):
    return build(project, progress=False)


def test_nothing_changed_stops_early_and_reports_the_same_problems(built, no_render):
    first_problems = [str(p) for p in freshness.Stamp.problems(freshness.Stamp(built.stamp_file).load())]
    again = build(built, progress=False)
    assert again.extracted == 0 and again.written == [] and again.removed == []
    assert again.articles == 30 and again.unchanged > 30
    assert [str(p) for p in again.problems] == first_problems and first_problems


def _bump(path: Path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


@pytest.mark.parametrize("change", [
    "edit a seed", "touch a seed", "add a seed", "add a page", "add a record", "remove a seed", "add a sidecar",
    "edit the register",
    "edit a generated page", "remove a generated page", "add a file to the generated tree",
    "edit the home page", "new generator code",
])
def test_any_change_runs_the_build_in_full(built, change, monkeypatch):
    seeds, docs = built.seeds_dir, built.docs_dir
    seed = sorted(seeds.glob("*.txt"))[2]
    page = sorted((docs / "archive" / "articles").glob("*.md"))[0]
    if change == "edit a seed":
        seed.write_text(seed.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    elif change == "touch a seed":
        _bump(seed)
    elif change == "add a seed":
        (seeds / "zz_new.txt").write_text("A new headline\n\nBaghdad, Jan 3 (AFP) - A new article.\n")
    elif change == "add a page":
        (seeds / "zz_new.html").write_text("<html><head><title>A new headline</title></head><body><p>"
                                           + "Baghdad, Jan 3 (AFP) - A new article. " * 5 + "</p></body></html>")
    elif change == "add a record":
        (seeds / "zz_new.json").write_text('{"title": "A new headline", "text": "A new article."}')
    elif change == "remove a seed":
        seed.unlink()
    elif change == "add a sidecar":
        seed.with_suffix(".yml").write_text("source: Reuters\n")
    elif change == "edit the register":
        _bump(built.register_file)
    elif change == "edit a generated page":
        page.write_text(page.read_text(encoding="utf-8") + "\nAn editor's note.\n", encoding="utf-8")
    elif change == "remove a generated page":
        page.unlink()
    elif change == "add a file to the generated tree":
        (docs / "archive" / "notes.md").write_text("# Notes\n")
    elif change == "edit the home page":
        _bump(docs / "index.md")
    elif change == "new generator code":
        monkeypatch.setattr(freshness, "generator_fingerprint", lambda: "a newer generator")
    ran = []
    real = seeds_module.read_seeds
    monkeypatch.setattr(seeds_module, "read_seeds", lambda *a, **k: ran.append(1) or real(*a, **k))
    _full(built)
    assert ran, f"{change}: the build was skipped"


def test_a_rebuild_after_a_change_is_then_skipped_again(built, monkeypatch):
    seed = sorted(built.seeds_dir.glob("*.txt"))[2]
    seed.write_text(seed.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    _age(seed)
    changed = build(built, progress=False)
    assert changed.extracted == 1
    monkeypatch.setattr(seeds_module, "read_seeds", lambda *a, **k: pytest.fail("rebuilt twice"))
    assert build(built, progress=False).extracted == 0


def test_serve_builds_always_run_and_a_quick_build_forgets_the_stamp(built, monkeypatch):
    ran = []
    real = seeds_module.read_seeds
    monkeypatch.setattr(seeds_module, "read_seeds", lambda *a, **k: ran.append(1) or real(*a, **k))
    build(built, progress=False, remember=True)  # the hook under `mkdocs serve` keeps pages in memory
    assert ran
    assert built.stamp_file.exists()  # a complete build, by the code on disk: `make site` next stops early
    seed = sorted(built.seeds_dir.glob("*.txt"))[2]
    seed.write_text(seed.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    quick = build(built, progress=False, quick=True, remember=True)
    assert quick.partial
    assert not built.stamp_file.exists()  # the rest of the archive is not written yet


def test_no_stamp_when_an_input_changed_just_before_the_build(built):
    seed = sorted(built.seeds_dir.glob("*.txt"))[2]
    seed.write_text(seed.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    build(built, progress=False)
    assert not built.stamp_file.exists()  # a same-size edit in the same clock tick could go unseen


def test_a_build_handed_its_inputs_stamps_those_and_judges_them_by_when_they_were_taken(built):
    """The MkDocs hook takes the inputs' digest to decide whether to build at all, and hands it on
    (each digest is 10,000 stat calls at 10,000 articles): the stamp is that digest, and an input
    changed just before it was taken leaves no stamp, however late the build itself began."""
    import time

    from generator.build import prepare, write

    seed = sorted(built.seeds_dir.glob("*.txt"))[2]
    seed.write_text(seed.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    _age(seed)
    taken = freshness.inputs_digest(built.seeds_dir, built.register_file, built.docs_dir)
    handed = freshness.Inputs("the digest handed on", taken.newest_mtime_ns, taken.taken_ns)
    write(prepare(built, progress=False, inputs=handed))
    assert freshness.Stamp(built.stamp_file).load()["inputs"] == "the digest handed on"  # not taken again

    seed.write_text(seed.read_text(encoding="utf-8") + "\nAnother line.\n", encoding="utf-8")
    _age(seed)
    taken = freshness.inputs_digest(built.seeds_dir, built.register_file, built.docs_dir)
    just_before = freshness.Inputs(taken.digest, taken.taken_ns - 10_000_000, taken.taken_ns)
    time.sleep(0.2)  # the build begins well after: by its own start the change would look old enough
    write(prepare(built, progress=False, inputs=just_before))
    assert not built.stamp_file.exists()


def test_a_file_the_generator_refused_to_overwrite_is_restored_once_removed(built):
    home = built.docs_dir / "index.md"
    home.unlink()
    (built.docs_dir / ".generated.json").write_text('{"files": {}}')  # forget it was ours
    home.write_text("# An editor's home page\n")
    kept = build(built, progress=False)
    assert any("index.md" in str(p) for p in kept.problems)
    home.unlink()
    again = build(built, progress=False)
    assert home.exists() and "index.md" in again.written


def test_a_repointed_symlink_is_a_change(built, tmp_path, monkeypatch):
    pool = tmp_path / "pool"
    pool.mkdir()
    a, b = pool / "a.txt", pool / "b.txt"
    a.write_text("Rockets hit Camp Alpha\n\nBAGHDAD (AFP) - Two rockets hit Camp Alpha.\n")
    b.write_text("Rockets hit Camp Bravo\n\nBAGHDAD (AFP) - Two rockets hit Camp Bravo.\n")
    os.utime(b, ns=(a.stat().st_atime_ns, a.stat().st_mtime_ns))
    link = built.seeds_dir / "zz_link.txt"
    link.symlink_to(a)
    _age(pool)
    build(built, progress=False)
    link.unlink()
    link.symlink_to(b)
    os.utime(link, ns=(a.stat().st_atime_ns, a.stat().st_mtime_ns), follow_symlinks=False)
    ran = []
    real = seeds_module.read_seeds
    monkeypatch.setattr(seeds_module, "read_seeds", lambda *a, **k: ran.append(1) or real(*a, **k))
    build(built, progress=False)
    assert ran


def test_a_process_whose_code_changed_on_disk_leaves_no_stamp(built, monkeypatch):
    """A long-lived `mkdocs serve` runs the code it imported: once the generator's files say otherwise,
    its builds forget the stamp instead of pairing the new code's name with the old code's pages."""
    seed = sorted(built.seeds_dir.glob("*.txt"))[2]
    seed.write_text(seed.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    _age(seed)
    monkeypatch.setattr(freshness, "IMPORTED_CODE", "the code before an edit")
    assert build(built, progress=False, remember=True).extracted == 1
    assert not built.stamp_file.exists()
    monkeypatch.undo()
    assert "render" in build(built, progress=False).stages  # no stamp to trust: the next build runs
    assert built.stamp_file.exists()


def test_folder_rows_are_the_stat_rows_of_every_entry(tmp_path):
    """One directory listing gives the same rows as `stat_row` on each entry: plain files, a link and
    its target, a broken link, a folder, an odd name."""
    import os

    from generator.speed.freshness import folder_rows, stat_row

    (tmp_path / "b.txt").write_text("b", encoding="utf-8")
    (tmp_path / "a.yml").write_text("a: 1", encoding="utf-8")
    (tmp_path / "odd name \u00e9.txt").write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "b.txt", tmp_path / "link.txt")
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "broken.txt")
    (tmp_path / "folder").mkdir()
    rows = folder_rows(tmp_path)
    names = sorted(e.name for e in os.scandir(tmp_path))
    assert [name for name, _, _ in rows] == names
    assert [(row, mtime) for _, row, mtime in rows] == [stat_row(tmp_path / name) for name in names]
    assert any(row.endswith(str(tmp_path / "b.txt")) for _, row, _ in rows)  # the link names its target
    assert folder_rows(tmp_path / "missing") == []
