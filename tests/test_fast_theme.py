"""fast_theme lists the theme's files as MkDocs does, without walking hidden folders."""
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from generator.site import fast_theme

ROOT = Path(__file__).resolve().parent.parent


def _listed(config, files_factory=lambda: Files([])) -> list[tuple[str, str, str]]:
    files = files_factory()
    Files.add_files_from_theme(files, config.theme.get_env(), config)
    return [(f.src_uri, f.abs_src_path, f.dest_uri) for f in files]


@pytest.fixture
def both_ways():
    """(MkDocs' list, fast_theme's list) for a config; MkDocs' own function is put back after."""
    def compare(config, files_factory=lambda: Files([])):
        try:
            fast_theme.use(False)
            theirs = _listed(config, files_factory)
            fast_theme.use(True)
            assert Files.add_files_from_theme is fast_theme.add_files_from_theme
            ours = _listed(config, files_factory)
        finally:
            fast_theme.use(False)
        return theirs, ours
    return compare


def test_checked_against_the_installed_mkdocs_and_jinja():
    """A new MkDocs or Jinja needs a new comparison (and CHECKED): until then MkDocs lists the files."""
    assert fast_theme.source_digest() == fast_theme.CHECKED


def test_the_project_theme_lists_the_same_files(both_ways):
    theirs, ours = both_ways(load_config(str(ROOT / "mkdocs.yml")))
    assert ours == theirs and any(src.startswith("assets/") for src, _, _ in theirs)


def test_hidden_folders_files_and_docs_that_override_theme_files(tmp_path, both_ways):
    """A custom_dir with hidden folders and files at every level, templates, Markdown, a file the
    docs dir overrides, a static template: the same list, in the same order."""
    custom = tmp_path / "overrides"
    for rel in ("assets/x.css", "assets/.hidden.css", ".secret/a.js", "assets/.cache/b.js", "deep/er/.dot/c.js",
                "deep/er/d.js", "main.html", "notes.md", "README.txt", "mkdocs_theme.yml", "locales/fr.txt",
                "sitemap.xml", "assets/override.js", "x.py", "assets/e.PNG"):
        (custom / rel).parent.mkdir(parents=True, exist_ok=True)
        (custom / rel).write_text("x")
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / "index.md").write_text("# x")
    (docs / "assets" / "override.js").write_text("docs wins")
    (tmp_path / "mkdocs.yml").write_text(f"site_name: x\ndocs_dir: {docs}\ntheme:\n  name: material\n"
                                         f"  custom_dir: {custom}\n  static_templates: [sitemap.xml]\n")
    config = load_config(str(tmp_path / "mkdocs.yml"))

    def with_docs():
        from mkdocs.structure.files import get_files
        return get_files(config)

    theirs, ours = both_ways(config, with_docs)
    assert ours == theirs
    listed = {src for src, _, _ in theirs}
    assert {"assets/x.css", "deep/er/d.js", "assets/e.PNG"} <= listed
    assert not {"assets/.hidden.css", ".secret/a.js", "assets/.cache/b.js", "deep/er/.dot/c.js"} & listed


def test_switched_off_or_unchecked_mkdocs_keeps_its_own(monkeypatch):
    original = fast_theme._original
    try:
        fast_theme.use(False)
        assert Files.add_files_from_theme is original
        monkeypatch.setattr(fast_theme, "CHECKED", "another version")
        fast_theme.use(True)
        assert Files.add_files_from_theme is original
    finally:
        fast_theme.use(False)
