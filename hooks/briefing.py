"""MkDocs hook (mkdocs.yml `hooks:`): the archive's one `ArchiveHook`, its methods as the events.

Everything lives in `generator/site/hook.py`: what the hook does for
`mkdocs build`, `serve` and `gh-deploy`, and all the state it keeps between
events (on the object, none here). MkDocs loads this file by path once per
process and calls the `on_*` names below.
"""
from generator.site.hook import ArchiveHook

hook = ArchiveHook()

on_startup = hook.on_startup
on_shutdown = hook.on_shutdown
on_config = hook.on_config
on_pre_build = hook.on_pre_build
on_files = hook.on_files
on_nav = hook.on_nav
on_env = hook.on_env
on_template_context = hook.on_template_context
on_pre_page = hook.on_pre_page
on_page_content = hook.on_page_content
on_page_context = hook.on_page_context
on_post_page = hook.on_post_page
on_post_build = hook.on_post_build
on_build_error = hook.on_build_error
on_serve = hook.on_serve
