"""The page templates' compiled code, kept between builds (BRIEFING_CACHE).

Every build compiled the generator's Jinja templates from their source again, in each render
worker (they are forked before any page is rendered, so none inherits a loaded template): 0.25 s
of one core apiece, a tenth of the render stage of a build after adding 10 articles to a
1,000-article archive. Jinja's own bytecode cache keeps each template's compiled code under a
digest of its source, so a changed template is compiled again; what else shapes the compiled code
(the environment's options in render/pages.py, the Jinja release) is the folder's `code` marker:
when it differs, the folder is emptied first.
"""
from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2 import FileSystemBytecodeCache

from generator.speed.freshness import IMPORTED_CODE

MARKER = "code"


def keep_compiled_templates(env: jinja2.Environment, folder: Path) -> None:
    """Give `env` a bytecode cache in `folder` (emptied when the generator's code or Jinja changed
    since it was filled); a folder that cannot be made only leaves the templates compiled each build."""
    code = f"{IMPORTED_CODE} jinja2 {jinja2.__version__}"
    marker = folder / MARKER
    try:
        if not marker.is_file() or marker.read_text(encoding="utf-8") != code:
            folder.mkdir(parents=True, exist_ok=True)
            FileSystemBytecodeCache(str(folder)).clear()  # its own files only (`__jinja2_*.cache`)
            marker.write_text(code, encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
