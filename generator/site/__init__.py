"""The MkDocs integration (`hooks/briefing.py` creates its one object):

- `hook.py`: `ArchiveHook`, one object holding all the integration's state, whose methods are the
  MkDocs events (generate before a build, regenerate under `mkdocs serve`, the gh-deploy address);
- `fast_render.py`: the generator's own pages rendered with cmark-gfm instead of Python-Markdown;
- `sanitize.py`: every page's HTML through nh3, defence in depth behind the escaping;
- `pagefind.py`: the Pagefind search index of a built site (`python -m generator.site.pagefind`).
"""
