"""Untrusted text must render as itself: never as HTML, Markdown or extension syntax."""
import markdown
import pytest

from generator.render.escape import attribute, inline, safe_url

EXTENSIONS = ["toc", "tables", "attr_list", "md_in_html", "abbr", "footnotes", "admonition", "def_list",
              "pymdownx.tilde", "pymdownx.caret", "pymdownx.mark"]


def render(text: str) -> str:
    return markdown.markdown(str(inline(text)), extensions=EXTENSIONS)


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "**bold** and _italic_ and `code`",
    "[click](javascript:alert(1))",
    "![img](http://evil.example/x.png)",
    "# Heading",
    "- list item",
    "1. ordered",
    "> quoted",
    "!!! note \"Admonition\"",
    "--8<-- \"/etc/passwd\"",
    "Text[^1]\n\n[^1]: footnote",
    "*[HTML]: Hyper Text",
    "{: .evil onclick=\"x\" }",
    "| a | b |\n|---|---|",
    "~~strike~~ ^^ins^^ ==mark==",
    "{{ config.site_name }} {% raw %}",
    "Term\n: definition",
    "&amp; &lt;b&gt;",
    "\\*not emphasis\\*",
])
def test_hostile_text_renders_literally(hostile):
    html = render(hostile)
    assert html.startswith("<p>") and html.endswith("</p>")
    inner = html[3:-4]
    for tag in ("<script", "<img", "<strong", "<em", "<code", "<a ", "<h1", "<ul", "<ol", "<blockquote",
                "<div", "<sup", "<abbr", "<table", "<del", "<ins", "<mark", "<dl"):
        assert tag not in inner


def test_whitespace_collapses_so_text_cannot_open_a_block():
    assert "\n" not in str(inline("line one\n\n# line two\n    code"))


def test_attribute_escapes_quotes():
    assert '"' not in str(attribute('a "quoted" \'value\''))


@pytest.mark.parametrize("url,expected", [
    ("https://example.com/a?b=c", "https://example.com/a?b=c"),
    ("http://example.com", "http://example.com"),
    ("javascript:alert(1)", None),
    ("data:text/html,<script>", None),
    ("https://example.com/\"onmouseover=x", None),
    ("//example.com", None),
    ("", None),
    (None, None),
])
def test_only_http_urls_survive(url, expected):
    assert safe_url(url) == expected
