"""The render stage: the archive graph as Markdown pages (templates, links, charts, exports).

Rendering reads the archive and writes nothing: `render_all` returns every page's text.

The page modules are imported when first used, so a module of this package that needs no
templates (the charts' SVG allow-list, read by the HTML sanitiser of every MkDocs build) is
importable without the whole pipeline behind them.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.models import Archive, Page

__all__ = ["render_all", "render_article", "render_exports", "render_site"]
_LAZY = {"render_article": "generator.render.pages", "render_site": "generator.render.pages",
         "render_exports": "generator.render.exports"}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def render_all(archive: Archive) -> list[Page]:
    """Every page of the site, then the data exports (JSON, CSV, feed)."""
    from generator.render.exports import render_exports
    from generator.render.pages import render_site

    return render_site(archive) + render_exports(archive)
