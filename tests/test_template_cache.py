"""The page templates' compiled code kept between builds (generator/speed/template_cache.py)."""
from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from generator.render import pages
from generator.speed.template_cache import MARKER, compile_ahead, keep_compiled_templates


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


def test_code_compiled_where_a_filter_was_of_another_kind_is_compiled_again(tmp_path):
    """A filter that takes the context is compiled into a call that passes it: code compiled where the
    same name was a plain filter must not run (an environment made before a plugin swapped it)."""
    folder = tmp_path / "t"
    source = {"page": "{{ x | f }}"}
    plain = jinja2.Environment(loader=jinja2.DictLoader(source))
    plain.filters["f"] = lambda value: f"plain {value}"
    keep_compiled_templates(plain, folder)
    assert plain.get_template("page").render(x=1) == "plain 1"

    taking = jinja2.Environment(loader=jinja2.DictLoader(source))
    taking.filters["f"] = jinja2.pass_context(lambda context, value: f"context {value} {context['x']}")
    keep_compiled_templates(taking, folder)
    assert taking.get_template("page").render(x=1) == "context 1 1"

    again = jinja2.Environment(loader=jinja2.DictLoader(source))
    again.filters["f"] = jinja2.pass_context(lambda context, value: f"context {value} {context['x']}")
    keep_compiled_templates(again, folder)
    again.compile = _never_compile  # the same kinds as the last compile: its code is loaded
    assert again.get_template("page").render(x=2) == "context 2 2"


def test_compile_ahead_fills_the_folder_skips_what_fails_and_stops_when_told(tmp_path):
    folder = tmp_path / "t"
    source = {"a": "{{ 1 }}", "broken": "{{ x | no_such_filter }}", "b": "{{ 2 }}", "c": "{{ 3 }}"}
    env = jinja2.Environment(loader=jinja2.DictLoader(source))
    assert compile_ahead(env, ["a"]) == 0  # no bytecode cache: nothing to keep it in
    keep_compiled_templates(env, folder)
    asked = []

    def pending():
        asked.append(True)
        return len(asked) > 3  # the word comes before the fourth

    assert compile_ahead(env, ["a", "broken", "b", "c"], pending) == 2
    assert len(list(folder.glob("__jinja2_*.cache"))) == 2

    later = jinja2.Environment(loader=jinja2.DictLoader(source))
    keep_compiled_templates(later, folder)
    compiled = []
    original = later.compile
    later.compile = lambda *args, **kwargs: compiled.append(args[1]) or original(*args, **kwargs)
    for name in ("a", "b", "c"):
        later.get_template(name)
    assert compiled == ["c"]  # a and b were compiled ahead; c was left when the word came


def test_the_theme_compiled_ahead_is_loaded_by_the_builds_environment_without_compiling(tmp_path):
    """What the early MkDocs compiles while it waits (hook._read_ahead) is what the build's own
    environment loads, once fast_partials has swapped its `url` filter: the same calling conventions,
    so nothing of the theme is compiled again."""
    from mkdocs.config import load_config

    from generator.site import fast_partials
    from generator.site.hook import theme_code, theme_templates

    config = load_config(str(Path(__file__).resolve().parents[1] / "mkdocs.yml"))
    folder = tmp_path / "templates"
    early = config.theme.get_env()
    keep_compiled_templates(early, folder, theme_code())
    names = theme_templates(early, config)
    done = compile_ahead(early, names)
    ahead = [name for name in names if _loads(early, name)]  # not those of plugins this site has not
    assert len(ahead) == done > 30 and len(names) - done <= 2  # (Material's blog: its `date` filter)

    build = config.theme.get_env()
    fast_partials.install(build)
    keep_compiled_templates(build, folder, theme_code())
    compiled = []
    build.compile = lambda source, name=None, *args, **kwargs: compiled.append(name)
    for name in ahead:
        build.get_template(name)
    assert compiled == []


def _loads(env: jinja2.Environment, name: str) -> bool:
    try:
        env.get_template(name)
    except jinja2.TemplateError:
        return False
    return True
