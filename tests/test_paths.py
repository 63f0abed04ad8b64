"""One source for every URL and word: generator/paths.py and generator/labels.py.

Page paths are written once (paths.py) and missing-data words once (labels.py); templates get both as
globals and never the archive itself. mkdocs.yml's nav and two theme templates cannot import Python:
these tests fail when they drift from the modules.
"""
import ast
import datetime as dt
import re
from pathlib import Path

import jinja2.meta
import pytest
import yaml

from generator import labels, paths
from generator.index.archive import build_archive, make_article
from generator.models import Extraction, Mention, Quote
from generator.read.register import Register
from generator.render import render_all
from generator.render.pages import PAGE_TEMPLATES, MENTIONS_ON_PAGE, QUOTES_ON_INDEX

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "generator" / "render" / "templates"
GENERATOR = ROOT / "generator"


# --------------------------------------------------------------------------- mkdocs.yml's nav

class _Loader(yaml.SafeLoader):
    """mkdocs.yml as data: `!ENV` and python tags read as nothing."""


_Loader.add_constructor("!ENV", lambda loader, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _as_tuples(nav) -> tuple:
    """mkdocs.yml's nav ([{title: path or [...]}]) in the shape of paths.NAV."""
    out = []
    for item in nav:
        (title, target), = item.items()
        out.append((title, _as_tuples(target) if isinstance(target, list) else target))
    return tuple(out)


def _nav_paths(nav) -> list[str]:
    return [p for _, target in nav for p in (_nav_paths(target) if isinstance(target, tuple) else [target])]


def test_mkdocs_nav_is_paths_nav():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    assert _as_tuples(config["nav"]) == paths.NAV, "mkdocs.yml's nav and generator/paths.py NAV differ"


def test_every_index_page_is_in_the_nav_and_every_nav_page_exists():
    in_nav = _nav_paths(paths.NAV)
    assert len(in_nav) == len(set(in_nav))
    assert set(paths.INDEX_PAGES) <= set(in_nav), set(paths.INDEX_PAGES) - set(in_nav)
    for page in set(in_nav) - set(paths.INDEX_PAGES):  # written by hand, not generated
        assert (ROOT / "content" / page).is_file(), page


# --------------------------------------------------------------------------- no path or label in a template

# A string literal naming a page, an export or an anchor ("archive/x.md", 'feed.xml', "#statements"),
# or a Markdown link whose target is written out instead of made by link().
_PATH_LITERAL = re.compile(r"""(["'])(?:[^"'\n]*(?:archive/|data/|\.(?:md|json|csv|xml)(?![\w.]))[^"'\n]*|#[\w-]+)\1""")
_LITERAL_LINK = re.compile(r"\]\((?!\{\{)[^)\s]+\)")


def _spelled_paths(text: str) -> list[str]:
    return [m.group(0) for m in _PATH_LITERAL.finditer(text)] + [m.group(0) for m in _LITERAL_LINK.finditer(text)]


def _templates() -> list[Path]:
    found = sorted(TEMPLATES.glob("*.j2"))
    assert len(found) >= 10, found
    return found


def test_the_path_check_finds_what_templates_used_to_spell():
    for spelled in ('{{ link("archive/timeline.md", "Timeline") }}', "- [Atom feed](feed.xml) of the latest",
                    '{{ link(archive.actors[name].path ~ "#statements", "every statement") }}',
                    "{% if here == 'archive/quotes-by-date.md' %}", '{{ link("data/quotes.csv", "Quotes") }}'):
        assert _spelled_paths(spelled), spelled
    assert not _spelled_paths('{% import "_macros.md.j2" as m %}{{ link(paths.TIMELINE, "Timeline") }} · '
                              '{{ link(a.path, a.title) }} (2 shared)')


@pytest.mark.parametrize("template", _templates(), ids=lambda p: p.name)
def test_no_template_spells_a_page_path(template):
    assert not _spelled_paths(template.read_text(encoding="utf-8")), \
        f"{template.name}: use generator/paths.py (the `paths` global), not a path written out"


# Capitalised labels are whole words a template would print; the lower-case ones also open phrases
# ("undated articles", "unattributed quotes"), so they are not checked in templates.
_WORDS = [v for v in labels.GLOBALS.values() if v[0].isupper() or " " in v]


@pytest.mark.parametrize("template", _templates(), ids=lambda p: p.name)
def test_no_template_spells_a_label(template):
    text = template.read_text(encoding="utf-8")
    spelled = [w for w in _WORDS if re.search(rf"(?<![\w]){re.escape(w)}(?![\w])", text)]
    assert not spelled, f"{template.name}: use the label's global ({spelled}), from generator/labels.py"


def test_the_label_check_finds_a_spelled_label():
    assert any(re.search(rf"(?<![\w]){re.escape(w)}(?![\w])", "{% else %}Unattributed{% endif %}") for w in _WORDS)
    assert labels.UNKNOWN_OUTLET in _WORDS and labels.DATE_UNKNOWN in _WORDS and labels.UNKNOWN_DATE in _WORDS


def _constants(source: str):
    """Every string constant of a module except docstrings."""
    tree = ast.parse(source)
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]


_PAGE_PATH = re.compile(r"^(?:archive|data)/|^index\.md$|^feed\.xml$|\.md$|^#[a-z-]+$")  # a page, an export, an anchor


def test_python_spells_paths_and_labels_only_in_their_modules():
    words = set(labels.GLOBALS.values())
    found = []
    for module in sorted(GENERATOR.rglob("*.py")):
        if module.name in ("paths.py", "labels.py") and module.parent == GENERATOR:
            continue
        for node in _constants(module.read_text(encoding="utf-8")):
            if _PAGE_PATH.search(node.value) or node.value in words:
                found.append(f"{module.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert not found, "\n".join(found)


# --------------------------------------------------------------------------- templates get what they print

@pytest.mark.parametrize("template", _templates(), ids=lambda p: p.name)
def test_templates_never_see_the_archive(template):
    """They print what the render functions resolved (a speaker's page, counts), never look it up."""
    used = jinja2.meta.find_undeclared_variables(PAGE_TEMPLATES.parse(template.read_text(encoding="utf-8")))
    assert "archive" not in used, template.name


# --------------------------------------------------------------------------- the theme templates

def test_theme_templates_use_the_same_path_and_words():
    main = (ROOT / "site_overrides" / "main.html").read_text(encoding="utf-8")
    # the site's feed by its path, and a page's own feed (an actor's, a base's) from its front matter
    assert re.findall(r'type="application/atom\+xml"[^>]*href="\{\{ base_url \}\}/([^"]+)"', main) == [
        paths.FEED, "{{ own_feed.url }}"]
    assert "own_feed = page.meta.feed" in main
    cite = (ROOT / "site_overrides" / "partials" / "cite.html").read_text(encoding="utf-8")
    assert re.search(r'b\.source or "([^"]*)"', cite).group(1) == labels.UNKNOWN_OUTLET
    assert re.search(r'b\.date or "([^"]*)"', cite).group(1) == labels.UNDATED
    panel = (ROOT / "site_overrides" / "partials" / "briefing-panel.html").read_text(encoding="utf-8")
    date_row = re.search(r"<dt>Date</dt>.*?\{% else %\}([^{]*)\{% endif %\}", panel).group(1)
    outlet_row = re.search(r'<dt>Outlet</dt>.*?b\.source or "([^"]*)"', panel).group(1)
    assert (date_row, outlet_row) == (labels.UNDATED, labels.PANEL_UNKNOWN_OUTLET)


# --------------------------------------------------------------------------- every page at a path paths.py gives

def _large_archive():
    """Enough articles for an actor's record paged by year and Quotes by date paged by year."""
    articles = []
    for n in range(max(MENTIONS_ON_PAGE, QUOTES_ON_INDEX) + 10):
        said = " ".join(f"word{n}x{k}" for k in range(10))
        date = None if n % 50 == 7 else dt.date(2023, 6, 1) + dt.timedelta(days=3 * n)
        ex = Extraction(title=f"Report {n}", date=date, dateline=None,
                        paragraphs=(f"\u201c{said},\u201d the spokesman said at Camp Zulu.",),
                        actors=(Mention("Spokesman", "person", ("Spokesman",), ("the spokesman said",)),),
                        bases=(Mention("Camp Zulu", "base", ("Camp Zulu",), ("at Camp Zulu",)),),
                        quotes=(Quote(said, "Spokesman" if n % 3 else None, 0),),
                        outlet=("Wire", "Unknown outlet", None, "Al Monitor")[n % 4])
        articles.append(make_article(f"s{n:03}", ex, None))
    return build_archive(articles, Register())


def test_every_page_is_at_a_path_paths_py_gives():
    archive = _large_archive()
    written = {p.path for p in render_all(archive)}
    entities = [*archive.actors.values(), *archive.bases.values()]
    data = {paths.ARTICLES_JSON, paths.ENTITIES_JSON, paths.QUOTES_CSV, paths.EVENTS_CSV, paths.EVENTS_GEOJSON}
    expected = {*paths.INDEX_PAGES, *data, paths.FEED,
                *(a.path for a in archive.articles), *(e.path for e in entities), *(e.path for e in archive.events),
                *(paths.feed_path(e.path) for e in entities),
                *(o.path for o in archive.outlets.values() if o.path)}
    years = written - expected
    assert years, "no page of a year: the archive is too small to test year pages"
    for label in ("2023", "2024", "2025", labels.UNDATED):
        assert paths.year_path(paths.QUOTES_BY_DATE, label) in years, label
        assert paths.year_path(paths.TIMELINE, label) in years, label
        assert paths.year_path(archive.actors["Spokesman"].path, label) in years, label
    assert years <= {paths.year_path(page, label)
                     for page in (paths.QUOTES_BY_DATE, paths.TIMELINE, paths.EVENTS_INDEX, *(e.path for e in entities))
                     for label in ("2023", "2024", "2025", labels.UNDATED)}
    assert expected <= written
    for path in written - {paths.HOME, *data, paths.FEED}:
        assert path.startswith(paths.ARCHIVE_DIR + "/"), path  # the tree the writer swaps whole
    # the index stage gives the outlets their paths, with the unknown outlet (no page) under None
    assert archive.outlets[None].name == labels.UNKNOWN_OUTLET and archive.outlets[None].path is None
    assert archive.outlets["Wire"].path == paths.outlet_paths(["Wire", "Al Monitor"])["Wire"]
    assert archive.outlet_of("  unknown OUTLET ") is archive.outlets[None]
    with pytest.raises(AttributeError):
        archive.outlets = {}  # frozen: render cannot fill it in


def test_article_paths_are_stable_and_distinct():
    assert paths.article_path("seed-1", "A title") == paths.article_path("seed-1", "A title")
    short, full = paths.article_path("seed-1", "A title"), paths.article_path("seed-1", "A title", digits=40)
    assert short.startswith(paths.ARTICLES_DIR + "/a-title-") and len(full) == len(short) + 34
    assert paths.article_path("seed-1", "A title", digits=40, n=2) == full[:-3] + "-2.md"
    assert paths.article_path("seed-1", "!!!").startswith(paths.ARTICLES_DIR + "/article-")
    taken = {paths.ACTORS_INDEX}
    assert paths.entity_path(paths.ACTORS_DIR, "Index", taken) == f"{paths.ACTORS_DIR}/index-2.md"
    assert paths.site_url(paths.HOME) == "" and paths.site_url(paths.ACTORS_INDEX) == "archive/actors/"
    assert paths.site_url(paths.TIMELINE) == "archive/timeline/"


@pytest.mark.parametrize("page, label, expected", [
    ("archive/actors/kilo-brigade.md", "2023", "archive/actors/kilo-brigade/2023.md"),
    ("archive/quotes-by-date.md", "Undated", "archive/quotes-by-date/undated.md"),
    ("archive/timeline.md", "2024", "archive/timeline/2024.md"),
    ("archive/events/index.md", "2024", "archive/events/by-year/2024.md"),  # beside the events, not under index/
    ("archive/bases/index-camp.md", "2024", "archive/bases/index-camp/2024.md"),
])
def test_year_path(page, label, expected):
    assert paths.year_path(page, label) == expected
