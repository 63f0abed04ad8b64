"""The render stage: the archive graph as Markdown pages (templates, links, charts, exports).

Rendering reads the archive and writes nothing: `render_all` returns every page's text.
"""
from __future__ import annotations

from generator.models import Archive, Page
from generator.render.exports import render_exports
from generator.render.pages import render_article, render_site

__all__ = ["render_all", "render_article", "render_exports", "render_site"]


def render_all(archive: Archive) -> list[Page]:
    """Every page of the site, then the data exports (JSON, CSV, feed)."""
    return render_site(archive) + render_exports(archive)
