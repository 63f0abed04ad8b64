"""The render stage: the archive graph as Markdown pages (templates, links, charts, exports)."""
