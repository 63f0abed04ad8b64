"""Build the hostile corpus (tests/hostile/) into a real site and look for anything injected.

The generator builds it (reporting, then skipping, the files it rejects)
and `mkdocs build --strict` must pass. Every hostile payload in the corpus
calls `alert(`: in the built HTML that marker may appear as text (and in
attributes that hold text, like a title), never in markup, a URL or a
script. Inside the page content only plain document elements exist, and
every hostile string shows to the reader exactly as it was written.
"""
from __future__ import annotations

import csv
import json
import os
import random
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from project_files import HOSTILE, copy_project, use_hostile_inputs

pytestmark = pytest.mark.e2e

MARKER = "alert("
FILE_NAME_TITLE = "<img src=x onerror=alert('file-name')> {{ 7*7 }}"
TEXT_ATTRIBUTES = {"title", "aria-label", "alt", "content"}  # attributes whose value is shown as text
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href", "background"}
# Elements the page content (Material's <article>) may hold: Markdown's output, the metadata
# panel, the inline SVG charts. Nothing that runs, embeds, styles or submits.
CONTENT_TAGS = {
    "a", "article", "aside", "b", "blockquote", "br", "code", "dd", "div", "dl", "dt", "em", "figure", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "li", "line", "nav", "ol", "p", "pre", "rect", "small", "span", "strong",
    "sub", "sup", "svg", "table", "tbody", "td", "text", "th", "thead", "time", "title", "tr", "ul", "g",
    "section",  # a block left out of search (data-pagefind-ignore), see generator/site/sanitize.py
    "desc", "path", "circle", "figcaption",  # the maps (generator/render/maps.py)
}
# Outside the content Material draws the header, navigation and search (with its own form,
# inputs and labels); none of these, though, ever.
FORBIDDEN_ANYWHERE = {"iframe", "object", "embed", "frame", "frameset", "applet", "base", "textarea", "select",
                      "marquee", "img", "video", "audio", "math", "template", "style"}


class Html(HTMLParser):
    """One built page: its elements, attributes, scripts and the text a reader sees."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict, bool]] = []  # (tag, attrs, inside <article>)
        self.scripts: list[tuple[dict, str]] = []
        self.text: list[str] = []
        self.article_text: list[str] = []
        self.article_text_no_sup: list[str] = []  # without the speaker labels marked quotes get
        self._sup = 0
        self.title = ""
        self.h1: list[str] = []
        self.topic: list[str] = []
        self._stack: list[str] = []
        self._article = 0
        self._script: dict | None = None
        self._in: dict[str, int] = {"title": 0, "h1": 0, "topic": 0}
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs_d = {k: v or "" for k, v in attrs}
        if tag == "article":
            self._article += 1
        self.elements.append((tag, attrs_d, self._article > 0))
        if tag == "script":
            self._script = attrs_d
            self.scripts.append((attrs_d, ""))
        if tag == "h1" or (tag == "title" and not self.title):  # the page's <title>, not an SVG one
            self._in[tag] += 1
        self._sup += tag == "sup"
        if "md-header__topic" in attrs_d.get("class", ""):
            self._in["topic"] += 1
        if tag not in ("br", "hr", "img", "input", "meta", "link", "line", "rect", "source"):
            self._stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "article":
            self._article -= 1
        if tag == "script":
            self._script = None
        if tag in ("title", "h1") and self._in[tag]:
            self._in[tag] -= 1
        self._sup -= tag == "sup"

    def handle_data(self, data):
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
            return
        self.text.append(data)
        if self._article:
            self.article_text.append(data)
            if not self._sup:
                self.article_text_no_sup.append(data)
        if self._in["title"]:
            self.title += data
        if self._in["h1"] and data != "¶":
            self.h1.append(data)
        if self._in["topic"] and data.strip():
            self.topic.append(data.strip())

    @property
    def shown(self) -> str:
        return " ".join("".join(self.article_text).split())

    @property
    def body(self) -> str:
        return " ".join("".join(self.article_text_no_sup).split())


def run(cmd, cwd, check=True, **env):
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "BRIEFING_SEARCH": "lunr", **env})
    if check:
        assert result.returncode == 0, f"{cmd} failed:\n{result.stdout}\n{result.stderr}"
    return result


def _ten_megabytes(path: Path) -> None:
    rng = random.Random(4)
    words = "officials said rockets struck Camp Hostile on Monday while Zebra Brigade denied any role in".split()
    out = ["A ten megabyte scrape of Camp Hostile coverage", ""]
    size = 0
    while size < 10 * 1024 * 1024:
        paragraph = " ".join(rng.choice(words) for _ in range(60)).capitalize() + "."
        out += [paragraph, ""]
        size += len(paragraph) + 2
    path.write_text("\n".join(out), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = use_hostile_inputs(copy_project(tmp_path_factory.mktemp("hostile")))
    seeds = root / "seeds"
    _ten_megabytes(seeds / "090_ten_megabytes.txt")  # made here: 10 MB has no place in the repository
    (seeds / f"{FILE_NAME_TITLE}.txt").write_text("no headline here, just lowercase text about a base.\n")
    (root / "private.txt").write_text("Private notes that must never be published\n\nSecret body.\n")
    os.symlink(root / "private.txt", seeds / "091_link_outside.txt")
    generated = run([sys.executable, "-m", "generator", "build", "--jobs", "1"], cwd=root)
    strict = run([sys.executable, "-m", "generator", "build", "--strict", "--quiet"], cwd=root, check=False)
    built = run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, BRIEFING_SKIP_GENERATE="1")
    assert "WARNING" not in built.stderr and "ERROR" not in built.stderr, built.stderr
    site = root / "site"
    pages = {p.relative_to(site).as_posix(): Html(p.read_text(encoding="utf-8")) for p in site.rglob("*.html")}
    return {"root": root, "site": site, "problems": generated.stderr, "strict": strict, "pages": pages}


def articles(hostile) -> dict[str, Html]:
    """Article pages by the text of their heading."""
    return {" ".join("".join(p.h1).split()): p for path, p in hostile["pages"].items()
            if path.startswith("archive/articles/")}


def page_titled(hostile, title: str) -> Html:
    found = articles(hostile)
    assert title in found, sorted(found)
    return found[title]


# --------------------------------------------------------------------------- bad files are reported, the rest builds


@pytest.mark.parametrize("expected", [
    "seeds/060_empty.txt: error: is empty",
    "seeds/061_whitespace_only.txt: error: is empty",
    "seeds/062_binary.txt: error: is a binary file, not text",
    "seeds/080_orphan_sidecar.yml: error: sidecar for a missing article (080_orphan_sidecar.txt)",
    "seeds/041_duplicate_b.txt: warning: is the same article as seeds/040_duplicate_a.txt; skipped",
    "seeds/042_duplicate_cp1252_crlf.txt: warning: is the same article as seeds/040_duplicate_a.txt; skipped",
    "seeds/050_cp1252.txt: warning: is not UTF-8; decoded as cp1252",
    "seeds/053_utf16le_no_bom.txt: warning: is UTF-16-LE without a byte-order mark; decoded",
    "seeds/054_control_chars.txt: warning: contained control characters; they were removed",
    "seeds/070_bad_sidecar_yaml.yml:2: error: invalid YAML:",
    "seeds/071_bad_sidecar_fields.yml:4: error: colour: unknown field, ignored (valid: title, date,",
    "seeds/071_bad_sidecar_fields.yml:3: error: url: \"javascript:alert('sidecar-url')\" does not match",
    "seeds/072_sidecar_duplicate_key.yml:3: error: title: duplicate key 'title' (first at line 1)",
    "seeds/073_sidecar_alias_bomb.yml:2: error: anchors and aliases",
    "seeds/074_sidecar_unquoted_number.yml:1: error: title: 20240425 is not of type 'string'",
    "seeds/090_ten_megabytes.txt: warning: is 10,",
    "seeds/091_link_outside.txt: error: is a link to a file outside the seeds folder; skipped",
    "register.yml:14: error: actors: 'Duplicate Claimant Group': aliases[0]: 'Zebra Brigade' is already claimed by",
    "register.yml:16: error: actors: 'Broken Entry': type: 'robot' is not one of ['person', 'organization']",
])
def test_each_bad_input_gets_one_clear_line(hostile, expected):
    lines = hostile["problems"].splitlines()
    assert any(line.startswith(expected) for line in lines), "\n".join(lines)


def test_an_article_without_headline_or_date_is_named(hostile):
    lines = hostile["problems"].splitlines()
    assert "seeds/030_no_title_no_date.txt: warning: no headline found; titled by its file name " \
           "(add `title:` to its sidecar)" in lines
    assert "seeds/030_no_title_no_date.txt: note: no date found; listed as undated " \
           "(add `date:` to its sidecar)" in lines


def test_strict_fails_and_lists_only_errors(hostile):
    strict = hostile["strict"]
    assert strict.returncode == 1
    lines = strict.stderr.splitlines()
    assert lines and all(": error: " in line for line in lines), strict.stderr


def test_rejected_files_have_no_page_and_everything_else_does(hostile):
    found = articles(hostile)
    assert not any("Private notes" in t or "Secret" in t for t in found)
    assert sum(t == "Duplicate article about Camp Hostile published twice" for t in found) == 1
    assert "Article whose sidecar is broken YAML still builds" in found  # its sidecar is ignored, not the article
    assert "Le ministre a déclaré « assez » à Bagdad après l’attaque" in found  # cp1252, decoded
    assert "Les forces françaises quittent la base près de Mossoul" in found  # latin-1
    assert "UTF-16 article says Camp Hostile was struck by a drone" in found
    assert "UTF-16 article without a byte order mark reports calm" in found
    assert "A ten megabyte scrape of Camp Hostile coverage" in found
    assert "Unicode file name article says Camp Hostile reopened" in found
    seeds = HOSTILE / "seeds"
    readable = len(list(seeds.glob("*.txt"))) - 5  # empty, whitespace, binary, two duplicates
    pages = [path for path in hostile["pages"] if path.startswith("archive/articles/")]
    assert len(pages) == readable + 2  # + the 10 MB article and the hostile file name


def test_same_headline_twice_gives_two_pages(hostile):
    paths = [path for path, p in hostile["pages"].items()
             if path.startswith("archive/articles/") and "".join(p.h1).strip() == "Rockets hit Camp Hostile again"]
    assert len(paths) == 2 and len(set(paths)) == 2


def test_slugs_are_ascii_and_short(hostile):
    for path in hostile["pages"]:
        assert path.isascii() and all(len(part) <= 80 for part in path.split("/")), path


# --------------------------------------------------------------------------- nothing injected


def test_no_injected_element_attribute_url_or_script_on_any_page(hostile):
    for path, page in hostile["pages"].items():
        for tag, attrs, in_article in page.elements:
            where = f"{path}: <{tag} {attrs}>"
            assert tag not in FORBIDDEN_ANYWHERE, where
            if in_article:
                assert tag in CONTENT_TAGS, where  # so no form, input, button, label either
                assert not (tag == "a" and attrs.get("href", "").startswith("javascript")), where
            for name, value in attrs.items():
                assert not name.startswith("on"), where
                assert MARKER not in name, where
                if MARKER in value:
                    assert name in TEXT_ATTRIBUTES, where
                if name in URL_ATTRIBUTES:
                    assert not re.match(r"\s*(javascript|data|vbscript):", value, re.I), where
                if name == "style":
                    assert not re.search(r"url\(|expression|@import|<", value, re.I), where
        for attrs, code in page.scripts:
            assert MARKER not in code and "onerror" not in code, f"{path}: script {code[:200]!r}"
            assert not attrs.get("src") or "/assets/javascripts/" in "/" + attrs["src"], f"{path}: {attrs}"


def test_no_control_characters_or_markdown_placeholders_reach_the_site(hostile):
    for path in hostile["site"].rglob("*"):
        if path.suffix in {".html", ".json", ".xml", ".csv"}:
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text), path


# --------------------------------------------------------------------------- everything shows literally

BODY = [
    '<img src=x onerror=alert("body-img")>',
    "<iframe src=\"javascript:alert('iframe')\"></iframe>",
    "We will respond <b onmouseover=alert('quote')>now</b> and {{ config.site_name }}",
    "[click me](javascript:alert('md-link')) and ![img](javascript:alert('md-img'))",
    "<https://evil.example/autolink> and <a href=\"javascript:alert('raw-a')\">raw link</a>",
    "**bold** _em_ `code` ~~del~~ ^^ins^^ ==mark== \\*escaped\\*",
    "# Injected heading <svg onload=alert('svg')>",
    '!!! danger "Admonition <script>alert(\'adm\')</script>"',
    '--8<-- "/etc/passwd"',
    "text[^1] had footnotes and *[HTML]: abbreviations {: onclick=\"alert('attr-list')\" }",
    '{% include "base.html" %} and {# comment #} and ${7*7}',
    "<div markdown=\"1\" onclick=\"alert('div')\">HTML block <object data=\"x\"></object></div>",
    "<!-- comment --><![CDATA[ cdata ]]>&lt;script&gt;alert('entity')&lt;/script&gt; &#60;b&#62; &amp;",
]


def test_hostile_article_text_shows_literally(hostile):
    title = 'Rockets <script>alert("title")</script> hit Camp Hostile, says Zebra Brigade {{ 7*7 }}'
    page = page_titled(hostile, title)
    assert page.title == f"{title} - Briefing Archive"
    assert title in page.topic
    for fragment in BODY:
        assert fragment in page.body, fragment


def test_hostile_sidecar_values_show_literally_and_the_url_is_a_plain_link(hostile):
    title = "Sidecar \"title\" <script>alert('sidecar-title')</script> & {{ 7*7 }} [x](javascript:alert(1))"
    page = page_titled(hostile, title)
    assert page.title == f"{title} - Briefing Archive" and title in page.topic
    shown = page.shown
    assert "<img src=x onerror=alert('sidecar-source')> Outlet" in shown
    assert "<b onclick=alert('place')>Bagh</b>dad" in shown
    links = [attrs for tag, attrs, inside in page.elements  # the original's (the Cite block links its copies too)
             if tag == "a" and attrs.get("href", "").startswith("https://evil.example")]
    assert links and all(a["href"] == "https://evil.example/a_b?q=1&r=%3Cscript%3E&s=javascript:void(0)#frag"
                         for a in links)
    assert all("nofollow" in a.get("rel", "") for a in links)


@pytest.mark.parametrize("title", ["NO", "2024-01-01", "20240425", "A: b", "yes", "~", "null", "0x1F", "1e3",
                                   "- item", "# heading", "!!python/object:os.system"])
def test_yaml_lookalike_titles_stay_strings(hostile, title):
    page = page_titled(hostile, title)
    assert page.title == f"{title} - Briefing Archive"


def test_a_title_taken_from_a_hostile_file_name_is_text(hostile):
    page = page_titled(hostile, FILE_NAME_TITLE)
    assert page.title == f"{FILE_NAME_TITLE} - Briefing Archive"


def test_hostile_register_entries_show_literally(hostile):
    pages = hostile["pages"]
    actor = next(p for path, p in pages.items() if path.startswith("archive/actors/zebra"))
    name = "Zebra <img src=x onerror=alert('actor-name')> Brigade"
    assert "".join(actor.h1).strip() == name and actor.title == f"{name} - Briefing Archive"
    assert ("**Bold?** <script>alert('actor-desc')</script> [x](javascript:alert('actor-link')) "
            "{: onclick=\"alert('attr')\" } {{ config.site_name }} --8<-- \"/etc/passwd\"") in actor.shown
    base = next(p for path, p in pages.items() if path.startswith("archive/bases/camp"))
    assert "".join(base.h1).strip() == "Camp <i>Hostile</i> & Sons"
    assert "<svg onload=alert('province')>" in base.shown and "{% raw %}Nowhere{% endraw %}" in base.shown
    assert "<iframe src=\"javascript:alert('base-desc')\"></iframe> *[HTML]: abbr" in base.shown


def test_index_pages_show_hostile_names_literally(hostile):
    """Titles, outlets and names are linked from every index: each must show there as written."""
    pages = hostile["pages"]
    title = 'Rockets <script>alert("title")</script> hit Camp Hostile, says Zebra Brigade {{ 7*7 }}'
    sidecar_title = "Sidecar \"title\" <script>alert('sidecar-title')</script> & {{ 7*7 }} [x](javascript:alert(1))"
    source = "<img src=x onerror=alert('sidecar-source')> Outlet"
    actor = "Zebra <img src=x onerror=alert('actor-name')> Brigade"
    base = "Camp <i>Hostile</i> & Sons"
    expected = {
        "archive/timeline/index.html": [title, sidecar_title, source, FILE_NAME_TITLE],
        "archive/sources/index.html": [source, sidecar_title],
        "archive/actors/index.html": [actor, "Omar <b>Haddad</b>"],
        "archive/bases/index.html": [base, "<svg onload=alert('province')>"],
        "archive/quotes/index.html": ["We will respond <b onmouseover=alert('quote')>now</b> and {{ config.site_name }}",
                                      "Omar <b>Haddad</b>"],
    }
    for path, strings in expected.items():
        for string in strings:
            assert string in pages[path].shown, (path, string)


def test_escaping_alone_leaves_nothing_for_the_sanitiser(hostile):
    """nh3 is defence in depth: on the generated Markdown, rendered as MkDocs does, it removes nothing."""
    import markdown
    import yaml
    from generator.site.sanitize import sanitize_html

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    _Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((hostile["root"] / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    names, configs = [], {}
    for ext in config["markdown_extensions"]:
        name, options = (ext, {}) if isinstance(ext, str) else next(iter(ext.items()))
        names.append(name)
        configs[name] = options or {}
    content = hostile["root"] / "content"
    generated = json.loads((content / ".generated.json").read_text(encoding="utf-8"))["files"]
    for rel in (r for r in generated if r.endswith(".md")):
        source = (content / rel).read_text(encoding="utf-8").split("---\n", 2)[2]
        out = markdown.markdown(source, extensions=names, extension_configs=configs)
        before, after = _Fragment(out), _Fragment(sanitize_html(out))
        assert before.tags == after.tags, rel

        def attrs(fragment):  # nh3 writes "text-align:right" for "text-align: right;", drops md_in_html's marker
            return sorted((k, re.sub(r"\s|;$", "", v or "") if k == "style" else v) for k, v in fragment.attrs
                          if k != "markdown")

        assert attrs(before) == attrs(after), rel
        assert "".join(before.text) == "".join(after.text), rel


def test_control_characters_are_gone_and_the_words_kept(hostile):
    page = page_titled(hostile, "Control characters hide in this headline about Camp Hostile")
    assert "A NUL byte, a bell, Markdown placeholders wzxhzdk:0 and klzzwxh:0, a zerowidth space" in page.shown


# --------------------------------------------------------------------------- search index and exports


class _Fragment(HTMLParser):
    def __init__(self, source):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.text = [], [], []
        self.feed(source)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text.append(data)


def test_search_index_is_escaped_text(hostile):
    docs = json.loads((hostile["site"] / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    titles = set()
    for doc in docs:
        for key in ("title", "text"):
            fragment = _Fragment(doc[key])
            assert set(fragment.tags) <= {"p", "ul", "ol", "li", "code", "sup", "span", "strong", "em", "table",
                                          "thead", "tbody", "tr", "th", "td", "blockquote", "a"}, doc
            assert not any(name.startswith("on") or MARKER in (value or "") for name, value in fragment.attrs), doc
        titles.add("".join(_Fragment(doc["title"]).text))
    assert 'Rockets <script>alert("title")</script> hit Camp Hostile, says Zebra Brigade {{ 7*7 }}' in titles
    assert "Zebra <img src=x onerror=alert('actor-name')> Brigade" in titles


def test_exports_carry_the_text_as_data(hostile):
    site = hostile["site"]
    feed = ET.parse(site / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert 'Rockets <script>alert("title")</script> hit Camp Hostile, says Zebra Brigade {{ 7*7 }}' in titles
    assert {c.tag.split("}")[1] for e in feed.findall("a:entry", ns) for c in e} <= {
        "title", "id", "link", "updated", "author", "summary"}
    records = json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))
    assert all(r["url"] is None or r["url"].startswith(("http://", "https://")) for r in records)
    with open(site / "data" / "quotes.csv", encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            assert all(cell[:1] not in ("=", "+", "-", "@") for cell in row), row


def test_cite_block_shows_hostile_values_literally_and_links_the_archived_copies(hostile):
    title = "Sidecar \"title\" <script>alert('sidecar-title')</script> & {{ 7*7 }} [x](javascript:alert(1))"
    page = page_titled(hostile, title)
    shown = page.shown
    assert f"\u201c{title}.\u201d" in shown  # the plain-text citation, as the reader copies it
    assert f"<img src=x onerror=alert('sidecar-source')> Outlet. \u201c{title}.\u201d" in shown
    wayback = [attrs["href"] for tag, attrs, inside in page.elements
               if tag == "a" and attrs.get("href", "").startswith("https://web.archive.org/")]
    assert wayback == ["https://web.archive.org/web/*/https://evil.example/a_b?q=1&r=%3Cscript%3E&s=javascript:void(0)"]
    # without a site_url the page's address is given from the site's root, and the block says so;
    # with one (every build here has mkdocs.yml's), it is the full canonical address
    here = [attrs["href"] for tag, attrs, inside in page.elements if tag == "a" and attrs.get("href", "").startswith(
        "https://example.github.io/briefing-archive/archive/articles/")]
    assert here and all(h.endswith("/") for h in here)


def test_every_feed_of_the_hostile_site_is_valid_atom(hostile):
    import atom_rules
    feeds = [p for p in hostile["site"].rglob("*.xml") if p.name != "sitemap.xml"]
    assert len(feeds) > 3
    for path in feeds:
        assert atom_rules.problems(path.read_bytes()) == [], path
