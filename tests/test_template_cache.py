"""The page templates' compiled code kept between builds (generator/speed/template_cache.py)."""
from __future__ import annotations

import jinja2
import pytest

from generator.render import pages
from generator.speed.template_cache import MARKER, keep_compiled_templates


def _never_compile(*args, **kwargs):
    raise AssertionError("compiled from source")


def test_a_second_environment_loads_every_page_template_without_compiling_it(tmp_path):
    folder = tmp_path / "page-templates"
    first = pages._environment()
    keep_compiled_templates(first, folder)
    names = first.list_templates()
    for n in names:
        first.get_template(n)
    assert len(list(folder.glob("__jinja2_*.cache"))) == len(names)

    second = pages._environment()
    keep_compiled_templates(second, folder)
    second.compile = _never_compile
    for n in names:
        assert second.get_template(n).name == n


def test_a_changed_template_is_compiled_again(tmp_path):
    folder = tmp_path / "t"
    source = {"page": "one {{ x }}"}
    env = jinja2.Environment(loader=jinja2.DictLoader(source))
    keep_compiled_templates(env, folder)
    assert env.get_template("page").render(x=1) == "one 1"
    source["page"] = "two {{ x }}"
    env = jinja2.Environment(loader=jinja2.DictLoader(source))
    keep_compiled_templates(env, folder)
    assert env.get_template("page").render(x=1) == "two 1"


def test_other_code_empties_the_folder_first(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / MARKER).write_text("an older generator", encoding="utf-8")
    stale = folder / "__jinja2_0123.cache"
    stale.write_bytes(b"compiled by other code")
    editor = folder / "notes.txt"  # not the cache's: left alone
    editor.write_text("mine", encoding="utf-8")
    env = jinja2.Environment(loader=jinja2.DictLoader({"page": "x"}))
    keep_compiled_templates(env, folder)
    assert not stale.exists() and editor.exists()
    assert (folder / MARKER).read_text(encoding="utf-8") != "an older generator"
    assert env.bytecode_cache is not None


def test_a_folder_that_cannot_be_made_leaves_templates_compiled_each_time(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    env = jinja2.Environment(loader=jinja2.DictLoader({"page": "x"}))
    keep_compiled_templates(env, blocker / "page-templates")
    assert env.bytecode_cache is None
    assert env.get_template("page").render() == "x"


@pytest.mark.parametrize("cache", ["1", "0"])
def test_a_build_keeps_compiled_templates_only_with_the_cache(project_copy, monkeypatch, cache):
    from generator import settings, speed
    from generator.project import Project

    monkeypatch.setenv("BRIEFING_CACHE", cache)
    monkeypatch.setattr(pages.PAGE_TEMPLATES, "bytecode_cache", None)
    project = Project(project_copy)
    speed.steps(project, settings.current())
    folder = project.cache_file.with_name("page-templates")
    assert (folder / MARKER).is_file() == (cache == "1")
    assert (pages.PAGE_TEMPLATES.bytecode_cache is not None) == (cache == "1")


def test_what_shapes_compiled_code_is_in_the_marker_the_same_in_every_process():
    from generator.speed.template_cache import compile_options

    plain = jinja2.Environment()
    assert compile_options(plain) == compile_options(jinja2.Environment())
    assert compile_options(jinja2.Environment(trim_blocks=True)) != compile_options(plain)
    assert compile_options(jinja2.Environment(extensions=["jinja2.ext.i18n"])) != compile_options(plain)
    # a function is spelled by its name: its address differs from one process to the next
    first = compile_options(jinja2.Environment(autoescape=jinja2.select_autoescape()))
    assert " at 0x" not in first
    assert first == compile_options(jinja2.Environment(autoescape=jinja2.select_autoescape()))


def test_the_code_given_is_in_the_marker(tmp_path):
    env = jinja2.Environment(loader=jinja2.DictLoader({"page": "x"}))
    keep_compiled_templates(env, tmp_path / "t", "theme mkdocs 1 mkdocs-material 2")
    assert (tmp_path / "t" / MARKER).read_text(encoding="utf-8").startswith("theme mkdocs 1 mkdocs-material 2 jinja2 ")
