"""The theme's site-wide partials are rendered once for the pages outside the navigation
(generator/site/fast_partials.py): the site is byte-identical to one built without, and a kept render
is given only to a page that would render it alike."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest
from markupsafe import Markup
from mkdocs.utils.templates import url_filter
from project_files import copy_project, use_synthetic_seeds

from generator.site import fast_partials

ROOT = Path(__file__).resolve().parent.parent
MATERIAL = Path(jinja2.__file__).resolve().parent.parent / "material" / "templates"


def _build(project: Path, **env: str) -> str:
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-v"], cwd=project,
                          capture_output=True, text=True, timeout=900,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000",
                               "BRIEFING_SEARCH": "lunr", "NO_MKDOCS_2_WARNING": "1", "BRIEFING_PAGE_CACHE": "0",
                               "BRIEFING_RENDER_AHEAD": "0", "BRIEFING_TEMPLATE_AHEAD": "0", **env})
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout + done.stderr


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _counts(log: str) -> tuple[int, int]:
    """(partials rendered, kept renders used) as the build's log says."""
    said = [line for line in log.splitlines() if "the theme's partials rendered" in line]
    assert len(said) == 1, said
    return (int(said[0].split("partials rendered ")[1].split()[0]),
            int(said[0].split("kept renders used ")[1].split()[0]))


@pytest.mark.e2e
def test_a_site_built_with_kept_partials_is_the_site_built_without(tmp_path):
    """Pages at every depth and in every folder (articles, actors, bases, records, the nav's own pages,
    an editor's page), with the page cache and the second core off so that every page is rendered."""
    project = use_synthetic_seeds(copy_project(tmp_path / "p"), 12)
    (project / "content" / "notes").mkdir()
    (project / "content" / "notes" / "field.md").write_text(  # an editor's page, outside the nav
        "# Field notes\n\nSee [the timeline](../archive/timeline.md).\n", encoding="utf-8")
    kept_log = _build(project, BRIEFING_FAST_PARTIALS="1")
    kept = _tree(project / "site")
    rendered, used = _counts(kept_log)
    assert used > 100 and rendered < used / 5  # the pages outside the nav took kept renders
    os.rename(project / "site", tmp_path / "kept-site")
    alone_log = _build(project, BRIEFING_FAST_PARTIALS="0")
    assert "the theme's partials rendered" not in alone_log
    alone = _tree(project / "site")
    assert sorted(kept) == sorted(alone)
    assert [p for p in alone if kept[p] != alone[p]] == []


def test_checked_against_the_installed_material():
    """A new Material needs a new comparison (and CHECKED): until then its navigation is rendered for
    every page, as MkDocs does."""
    for name, digest in fast_partials.CHECKED.items():
        source = (MATERIAL / name).read_text(encoding="utf-8")
        assert fast_partials.source_digest(source) == digest, name


# ---------------------------------------------------------------- a small theme, page by page

THEME = {
    "page.html": '{% set icon = "star" %}<body>{% include "partials/nav.html" %}|'
                 '{% include "partials/logo.html" %}|{{ page.title }}</body>',
    "partials/nav.html": '<nav>{% for item in nav.items %}<a href="{{ item.url | url }}"'
                         '{% if item.active %} class="active"{% endif %}>{{ item.title }}</a>{% endfor %}</nav>',
    "partials/logo.html": "<i>{{ icon }}</i>",
}


class _Page(SimpleNamespace):
    active = False


def _env(templates: dict[str, str]) -> tuple[jinja2.Environment, fast_partials.PartialCache]:
    env = jinja2.Environment(loader=jinja2.DictLoader(templates))
    env.filters["url"] = url_filter
    return env, fast_partials.install(env)


def _render(env, page, nav) -> str:
    return env.get_template("page.html").render(page=page, nav=nav, base_url="", config={})


def _nav(*pages):
    return SimpleNamespace(items=list(pages), pages=list(pages))


def test_pages_of_one_folder_share_the_render_and_another_folder_renders_its_own():
    env, cache = _env(THEME)
    home = _Page(title="Home", url="", file=None)
    nav = _nav(home)
    pages = [_Page(title=f"A{i}", url=f"archive/articles/a{i}/") for i in range(3)]
    pages += [_Page(title="B", url="archive/b/"), _Page(title="C", url="c/")]
    got = [_render(env, p, nav) for p in pages]
    assert got[0] == '<body><nav><a href="../../..">Home</a></nav>|<i>star</i>|A0</body>'
    assert got[3] == '<body><nav><a href="../..">Home</a></nav>|<i>star</i>|B</body>'
    assert got[4] == '<body><nav><a href="..">Home</a></nav>|<i>star</i>|C</body>'
    # the three articles share their folder: two of them took the first one's nav and logo; the
    # other folders rendered their own nav (their links differ), and took the logo (it has none)
    assert cache.renders == 1 + 1 + 2 and cache.hits == 2 * 2 + 2


def test_the_same_folder_gets_the_same_html_as_a_render_would():
    env, _ = _env(THEME)
    plain = jinja2.Environment(loader=jinja2.DictLoader(THEME))
    plain.filters["url"] = url_filter
    home = _Page(title="Home", url="", file=None)
    nav = _nav(home, _Page(title="Timeline", url="archive/timeline/"))
    for url in ("archive/articles/a/", "archive/articles/b/", "archive/x/", "archive/timeline/y/",
                "archive/articles/a/2024/", "c/", "archive/articles/c/"):
        page = _Page(title=url, url=url)
        assert _render(env, page, nav) == _render(plain, page, nav), url


def test_a_page_of_the_nav_and_a_page_under_an_active_item_are_rendered_for_themselves():
    env, cache = _env(THEME)
    one, two = _Page(title="One", url="one/"), _Page(title="Two", url="two/")
    nav = _nav(one, two)
    outside = _Page(title="X", url="x/")
    _render(env, outside, nav)
    before = cache.hits
    one.active = True
    assert '<a href="./" class="active">One</a>' in _render(env, one, nav)
    one.active = False
    assert cache.hits == before  # the nav page rendered its own nav (and the logo, as it is in the nav)
    _render(env, two, nav)  # a page of the nav not marked active (Material compares it with each item)
    assert cache.hits == before
    three = _Page(title="Three", url="y/")  # not in nav.pages, but an item is active
    two.active = True
    assert 'class="active">Two' in _render(env, three, nav)
    two.active = False


def test_a_variable_the_including_template_sets_is_part_of_what_is_compared():
    templates = dict(THEME)
    templates["other.html"] = '{% set icon = "moon" %}{% include "partials/logo.html" %}'
    env, _ = _env(templates)
    nav = _nav()
    page = _Page(title="P", url="p/")
    assert "<i>star</i>" in _render(env, page, nav)
    assert env.get_template("other.html").render(page=page, nav=nav, base_url="", config={}) == "<i>moon</i>"
    assert "<i>star</i>" in _render(env, _Page(title="Q", url="q/"), nav)


def test_a_partial_that_sets_a_variable_it_reads_is_kept_as_it_was_given():
    """Material's logo sets `icon` when it is not given: what is compared is the value given."""
    templates = dict(THEME)
    templates["page.html"] = '{% include "partials/logo.html" %}'
    templates["partials/logo.html"] = '{% set icon = icon or "library" %}<i>{{ icon }}</i>'
    env, cache = _env(templates)
    for url in ("a/", "b/", "c/"):
        assert _render(env, _Page(title=url, url=url), _nav()) == "<i>library</i>"
    assert cache.renders == 1 and cache.hits == 2


def test_a_partial_that_reads_the_page_unchecked_is_rendered_for_every_page():
    templates = dict(THEME)
    templates["partials/nav.html"] = "<nav>{{ page.meta.section }}</nav>"  # an override reading the page
    env, cache = _env(templates)
    nav = _nav()
    a = _Page(title="A", url="a/", meta={"section": "one"})
    b = _Page(title="B", url="b/", meta={"section": "two"})
    assert "<nav>one</nav>" in _render(env, a, nav)
    assert "<nav>two</nav>" in _render(env, b, nav)
    assert cache.kept.get("partials/nav.html", []) == []


def test_only_with_no_other_plugin_acting_on_pages():
    """A plugin that could change `config` or `nav` between pages (a translation plugin switching the
    language) leaves every page to render its own partials."""
    from material.plugins.search.plugin import SearchPlugin

    class Hook:
        def on_page_context(self, context, **kwargs):
            return context

    class Translations:
        def on_page_context(self, context, **kwargs):
            return context

    hook, search = Hook(), SearchPlugin()
    config = lambda **events: SimpleNamespace(plugins=SimpleNamespace(events=events))  # noqa: E731
    assert fast_partials.alone(config(page_context=[search.on_page_context, hook.on_page_context]), hook)
    assert fast_partials.alone(config(), hook)
    assert not fast_partials.alone(config(page_context=[hook.on_page_context,
                                                        Translations().on_page_context]), hook)
    assert not fast_partials.alone(config(pre_page=[Translations().on_page_context]), hook)


# ---------------------------------------------------------------- what a kept render must not hide

_A, _B = _Page(title="A", url="a/"), _Page(title="B", url="b/")


@jinja2.pass_context
def _page_title(context, value):
    return context["page"].title


_recursive: list = []
_recursive.append(_recursive)
_LOGO = "partials/logo.html"
_CASES = {  # name: (templates, the pages' contexts: each rendered with and without kept partials)
    "a list of templates to include": ({"page.html": f'{{% include "{_LOGO}" %}}', _LOGO: '{% include ["in.html"] %}',
                                        "in.html": "{{ page.title }}"}, [{}, {}]),
    "another nav given by the including template": (
        {"page.html": '{% include "partials/tabs.html" %}{% with nav = other %}{% include "partials/tabs.html" %}'
                      "{% endwith %}", "partials/tabs.html": "{% for i in nav.items %}{{ i.title }}{% endfor %};"},
        [{"other": SimpleNamespace(items=[SimpleNamespace(title="Y", url="y/", active=False)], pages=[])}]),
    "1, 1.0 and True": ({"page.html": f'{{% include "{_LOGO}" %}}', _LOGO: "{{ icon }}"},
                        [{"icon": 1}, {"icon": True}, {"icon": 1.0}]),
    "Markup and str": ({"page.html": f'{{% include "{_LOGO}" %}}', _LOGO: "{{ icon | e }}"},
                       [{"icon": Markup("<b>")}, {"icon": "<b>"}]),
    "a list and a tuple": ({"page.html": f'{{% include "{_LOGO}" %}}', _LOGO: "{{ icon }}"},
                           [{"icon": ["a"]}, {"icon": ("a",)}]),
    "a list that holds itself": ({"page.html": f'{{% include "{_LOGO}" %}}', _LOGO: "{{ icon | length }}"},
                                 [{"icon": _recursive}, {"icon": _recursive}]),
    "another filter that reads the page": ({"page.html": f'{{% include "{_LOGO}" %}}', _LOGO: "{{ 1 | here }}"},
                                           [{}, {}]),
    "a partial imported for its names": (
        {"page.html": f'{{% include "{_LOGO}" %}}{{% import "{_LOGO}" as m with context %}}[{{{{ m.icon }}}}]',
         _LOGO: '{% set icon = "z" %}x'}, [{}, {}]),
    "the page MkDocs keeps on the configuration": (
        {"page.html": f'{{% include "{_LOGO}" %}}', _LOGO: "{{ config._current_page.title }}"}, [{}, {}]),
    "a language override that reads the page": (
        {"page.html": '{% import "partials/language.html" as lang with context %}'
                      f'{{% include "{_LOGO}" %}}', _LOGO: "{{ lang.t('x') }}",
         "partials/language.html": "{% macro t(key) %}{{ page.title }}{% endmacro %}"}, [{}, {}]),
}


@pytest.mark.parametrize("case", sorted(_CASES))
def test_a_kept_render_is_never_given_where_jinja_would_render_otherwise(case):
    templates, contexts = _CASES[case]
    plain, kept = (jinja2.Environment(loader=jinja2.DictLoader(templates)) for _ in range(2))
    for env in (plain, kept):
        env.filters.update(url=url_filter, here=_page_title)
    fast_partials.install(kept)
    config = SimpleNamespace(_current_page=None)
    for i, extra in enumerate(contexts):
        page = (_A, _B)[i % 2]
        config._current_page = page
        context = dict(page=page, nav=_nav(), base_url="", config=config, **extra)
        assert (kept.get_template("page.html").render(**context)
                == plain.get_template("page.html").render(**context)), (case, i)


# ---------------------------------------------------------------- Material's translations, remembered

def _language_env(loader) -> tuple[jinja2.Environment, fast_partials.PartialCache]:
    env = jinja2.Environment(loader=loader)
    env.filters["url"] = url_filter
    return env, fast_partials.install(env)


@pytest.mark.parametrize("language", ["en", "fr", "ar", "zh", "pt-BR"])
def test_each_key_of_materials_languages_gives_the_text_the_macro_gives(language):
    name = f"partials/languages/{language}.html"
    plain = jinja2.Environment(loader=jinja2.FileSystemLoader(str(MATERIAL))).get_template(name).make_module()
    env, cache = _language_env(jinja2.FileSystemLoader(str(MATERIAL)))
    template = env.get_template(name)
    assert cache._translations_only(template) and "make_module" in vars(template)
    remembered = template.make_module()
    keys = ["language", "direction", "search.config.lang", "clipboard.copy", "no.such.key", ""]
    for key in keys + keys:  # twice: the second from what was remembered
        assert remembered.t(key) == plain.t(key) and type(remembered.t(key)) is type(plain.t(key))
    assert remembered.t("clipboard.copy") is remembered.t("clipboard.copy")
    assert remembered.t(Markup("language")) == plain.t(Markup("language"))  # not a plain str: the macro's


@pytest.mark.parametrize("source", [
    '{% macro t(key) %}{{ {"a": config.x}[key] }}{% endmacro %}',  # reads the context
    '{% macro t(key) %}{{ {"a": "b"}[key] | upper }}{% endmacro %}',  # a filter around it
    '{% macro t(key) %}{{ {"a": "b"}[key] }}{{ key }}{% endmacro %}',
    '{% macro t(key, other="") %}{{ {"a": "b"}[key] }}{% endmacro %}',
    '{% macro t(key) %}{{ {"a": "b"}[key] }}{% endmacro %}{% set x = 1 %}',
    '{% macro t(key) %}{{ {"a": "b"}[key] }}{% endmacro %}{% macro u(key) %}{% endmacro %}',
    '{% macro t(key) %}{{ {"a": "b"}[key ~ "x"] }}{% endmacro %}',
    '{% macro t(key) %}{{ {"a": "b"} }}{% endmacro %}',
    '{% macro u(key) %}{{ {"a": "b"}[key] }}{% endmacro %}',
    '{% macro t(key) %}{{ {"a": now()}[key] }}{% endmacro %}',
])
def test_a_language_template_that_is_not_a_dict_of_constants_is_left_as_it_is(source):
    env, cache = _language_env(jinja2.DictLoader({"partials/languages/en.html": source}))
    template = env.get_template("partials/languages/en.html")
    assert not cache._translations_only(template)
    assert "make_module" not in vars(template)


def test_a_language_template_that_is_a_dict_of_constants_is_remembered_key_by_key():
    env, _ = _language_env(jinja2.DictLoader(
        {"partials/languages/en.html": '\n{% macro t(key) %}{{ {"a": "Alpha", "b": 2}[key] }}{% endmacro %}\n'}))
    module = env.get_template("partials/languages/en.html").make_module()
    assert [module.t("a"), module.t("b"), module.t("c"), module.t(key="a"), module.t(1)] == ["Alpha", "2", "", "Alpha", ""]
    assert module.t("a") is module.t("a")  # remembered, not rendered again
