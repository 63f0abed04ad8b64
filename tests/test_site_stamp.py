"""`make site` with nothing changed leaves the built site as it is (generator/speed/site_stamp.py),
and anything the site is built from, changed, builds it again."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.speed.site_stamp import SiteStamp, site_inputs, site_outputs

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_site.py"
UP_TO_DATE = "is up to date"


def _make_site(project: Path, **env) -> str:
    done = subprocess.run([sys.executable, str(SCRIPT), "--project", str(project)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000", **env},
                          timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _age(project: Path) -> None:
    """Date every input a minute back: a stamp is left only when no input changed in the last clock tick."""
    for top in (project / "content", project / "site_overrides", project / "hooks", project / "mkdocs.yml"):
        for p in [top, *(top.rglob("*") if top.is_dir() else [])]:
            st = p.stat()
            os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns - 60_000_000_000))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "tests"))
    from project_files import copy_project

    project = copy_project(tmp_path_factory.mktemp("site_stamp"))
    _make_site(project)  # generates content/; its new pages are too fresh for a stamp
    _age(project)
    assert UP_TO_DATE not in _make_site(project)
    return project


def _snapshot(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


def test_nothing_changed_leaves_the_site_untouched(built):
    before = _snapshot(built / "site")
    assert UP_TO_DATE in _make_site(built)
    assert _snapshot(built / "site") == before


@pytest.mark.parametrize("change", [
    "an editor's page", "a generated page by hand", "mkdocs.yml", "the site address", "the build date",
    "a file of the built site", "BRIEFING_STAMP=0",
])
def test_anything_the_site_is_built_from_changed_builds_it_again(built, change):
    assert UP_TO_DATE in _make_site(built)  # the last build left its stamp: it holds before the change
    env = {}
    if change == "an editor's page":
        (built / "content" / "about.md").write_text("# About\n\nChanged.\n", encoding="utf-8")
    elif change == "a generated page by hand":
        page = next((built / "content" / "archive" / "articles").glob("*.md"))
        page.write_text(page.read_text(encoding="utf-8") + "\nA hand edit.\n", encoding="utf-8")
    elif change == "mkdocs.yml":
        text = (built / "mkdocs.yml").read_text(encoding="utf-8")
        (built / "mkdocs.yml").write_text(text.replace("site_name: Briefing Archive", "site_name: Briefings"),
                                          encoding="utf-8")
    elif change == "the site address":
        env = {"SITE_URL": "https://example.org/other/"}
    elif change == "the build date":
        env = {"SOURCE_DATE_EPOCH": "1800000000"}
    elif change == "a file of the built site":
        (built / "site" / "404.html").write_text("broken", encoding="utf-8")
    elif change == "BRIEFING_STAMP=0":
        env = {"BRIEFING_STAMP": "0"}
    out = _make_site(built, **env)
    assert UP_TO_DATE not in out, change
    assert "broken" not in (built / "site" / "404.html").read_text(encoding="utf-8")
    if env:  # build once more as before, so the next case starts from the usual site
        _make_site(built)


def test_a_stamp_is_not_left_when_an_input_changed_just_before_the_build(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<html></html>", encoding="utf-8")
    stamp = SiteStamp(tmp_path / ".cache" / "site-mkdocs.json", tmp_path / "site")
    inputs = site_inputs(tmp_path, tmp_path / "content", "mkdocs", {})
    stamp.save(inputs, started_ns=inputs.newest_mtime_ns + 1_000)  # an edit 1 µs before the build began
    assert not stamp.path.exists() and not stamp.unchanged(inputs)
    stamp.save(inputs, started_ns=inputs.newest_mtime_ns + 60_000_000_000)
    assert stamp.unchanged(inputs)
    assert not stamp.unchanged(site_inputs(tmp_path, tmp_path / "content", "zensical", {}))
    assert site_outputs(tmp_path / "nowhere") is None


def _walk_rows(root: Path, top: Path) -> str:
    """The stamp's rows as os.walk and stat_row give them: what site_stamp._tree_rows must hash."""
    import hashlib

    from generator.speed.freshness import stat_row

    h = hashlib.sha256()
    for folder, dirs, files in os.walk(top):
        dirs.sort()
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in sorted(files):
            path = Path(folder) / name
            h.update(f"{path.relative_to(root).as_posix()}\0{stat_row(path)[0]}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def test_the_stamp_s_walk_hashes_what_os_walk_finds(tmp_path):
    """Folders top-down and names sorted, links to files hashed with their targets, links to folders
    and __pycache__ not entered, a dangling link as missing, odd names as they are."""
    import hashlib

    from generator.speed.site_stamp import _tree_rows

    top = tmp_path / "docs"
    for rel in ("b.md", "a.md", "z/deep/x.md", "z/a.md", "Ä é.md", "__pycache__/c.pyc", "m/__pycache__/d.pyc",
                "m/n.md"):
        (top / rel).parent.mkdir(parents=True, exist_ok=True)
        (top / rel).write_text(rel)
    (top / "link.md").symlink_to(top / "a.md")
    (top / "folder-link").symlink_to(top / "z")
    (top / "dangling.md").symlink_to(top / "gone.md")
    h = hashlib.sha256()
    _tree_rows(tmp_path, top, h, 0)
    assert h.hexdigest() == _walk_rows(tmp_path, top)
