"""MkDocs lists the theme's static files without walking its hidden folders (BRIEFING_FAST_THEME).

Every build, and every rebuild under `mkdocs serve`, MkDocs' `Files.add_files_from_theme` asks
Jinja for every file in every theme folder and tests each name against a dozen patterns. Material
keeps its 14,000 icons in `.icons/`, so that is 14,500 names walked and matched to keep 43 (the
theme's stylesheets, scripts and fonts): 0.14 s of each build at 1,000 articles, 0.23 s at 10,000.
MkDocs' own patterns drop every name that has a part starting with "." ('.*' and '*/.*'), so a
walk that does not enter such folders, nor keep such files, finds the same list. This module
replaces `add_files_from_theme` with that walk and MkDocs' own steps otherwise. It is used only
with the MkDocs and Jinja whose code it was compared with (CHECKED, a digest of the two functions
it reproduces); with any other version MkDocs lists the files as it always did.
tests/test_fast_theme.py compares the two lists.
"""
from __future__ import annotations

import fnmatch
import functools
import hashlib
import inspect
import os

import jinja2
from mkdocs import utils
from mkdocs.structure.files import File, Files

# digest of mkdocs 1.6.1's Files.add_files_from_theme and jinja2 3.1.6's FileSystemLoader.list_templates
CHECKED = "2485da290d5ec14322d2e6dc44b97efd6224924d55a3face6479cbdb678309b2"
_original = Files.add_files_from_theme  # MkDocs' own, whichever is in place later


@functools.cache  # the functions in memory do not change while the process runs
def source_digest() -> str | None:
    """Digest of the two functions this module reproduces; None when their source cannot be read."""
    try:
        text = inspect.getsource(_original) + "\0" + inspect.getsource(
            jinja2.FileSystemLoader.list_templates)
    except (OSError, TypeError):
        return None
    return hashlib.sha256(text.encode()).hexdigest()


def visible_names(searchpath: list[str], followlinks: bool = False) -> list[str]:
    """`FileSystemLoader.list_templates` without the folders and files whose name starts with "."."""
    found = set()
    for root in searchpath:
        for dirpath, dirnames, filenames in os.walk(root, followlinks=followlinks):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for filename in filenames:
                if filename.startswith("."):
                    continue
                name = os.path.join(dirpath, filename)[len(root):].strip(os.path.sep).replace(os.path.sep, "/")
                if name[:2] == "./":
                    name = name[2:]
                found.add(name)
    return sorted(found)


def add_files_from_theme(self: Files, env: jinja2.Environment, config) -> None:
    """MkDocs' `Files.add_files_from_theme` (its patterns, its order, its File objects), over the
    names `visible_names` finds."""
    if type(env.loader) is not jinja2.FileSystemLoader:
        return _original(self, env, config)

    # MkDocs' patterns (it builds them again for every name; once is enough)
    patterns = ['.*', '*/.*', '*.py', '*.pyc', '*.html', '*readme*', 'mkdocs_theme.yml', "locales/*",
                *(f'*{x}' for x in utils.markdown_extensions), *config.theme.static_templates]

    def keep(name):
        return not any(fnmatch.fnmatch(name.lower(), pattern) for pattern in patterns)

    for path in filter(keep, visible_names(env.loader.searchpath, env.loader.followlinks)):
        if self.get_file_from_path(path) is None:  # theme files do not override docs_dir files
            for folder in config.theme.dirs:
                if os.path.isfile(os.path.join(folder, path)):
                    self.append(File(path, folder, config.site_dir, config.use_directory_urls))
                    break


def use(enabled: bool) -> None:
    """List the theme's files the fast way, or as MkDocs does (each build sets it, so a long-lived
    `mkdocs serve` follows the setting)."""
    fast = enabled and source_digest() == CHECKED
    Files.add_files_from_theme = add_files_from_theme if fast else _original
