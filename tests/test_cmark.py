"""generator/site/cmark.py: cmark-gfm's HTML, with the C memory freed (cmarkgfm's wrapper leaks it)."""
from __future__ import annotations

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

from generator.site.cmark import markdown_to_html

OPTIONS = Options.CMARK_OPT_UNSAFE

TABLE = "| Date | Outlet | Headline |\n| --- | :-: | --: |\n" + "".join(
    f"| 2024-0{i % 9 + 1}-1{i % 10} | Outlet {i} | A *headline* with [a link](../x{i}/) and `code` |\n"
    for i in range(300))

CASES = [
    "", " ", "\n", "\x00", "# Title", "text with a\nsoft break", "<div markdown>raw **html**</div>",
    "> a quote\n>\n> - and a list\n\n1. one\n2. two", "| a |\n| - |\n| b |\n", "| not | a table", TABLE,
    "Curly \u201cquotes\u201d, \u00e9, \u4e2d\u6587 and an emoji \U0001F600", "[ref]\n\n[ref]: http://example.com",
    "```\nfenced <code>\n```", "---\n\n***bold italic*** ~~strike~~",
]


@pytest.mark.parametrize("text", CASES)
@pytest.mark.parametrize("extensions", [(), ("table",)])
def test_the_same_html_as_cmarkgfm(text, extensions):
    assert markdown_to_html(text, OPTIONS, extensions) == cmarkgfm.markdown_to_html_with_extensions(
        text, options=OPTIONS, extensions=list(extensions))


def test_an_unknown_extension_is_refused():
    with pytest.raises(ValueError, match="nosuch"):
        markdown_to_html("x", OPTIONS, ("nosuch",))


def _resident_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:")) / 1024


@pytest.mark.skipif(not __import__("os").path.exists("/proc/self/status"), reason="reads /proc (Linux)")
def test_nothing_is_left_allocated():
    """cmarkgfm's wrapper keeps each document's tree and HTML (about 1.5 MB for this page, so
    300 renders grow the process by hundreds of megabytes); this one frees both."""
    for _ in range(20):  # the allocator's own pools settle first
        markdown_to_html(TABLE, OPTIONS, ("table",))
    before = _resident_mb()
    for _ in range(300):
        markdown_to_html(TABLE, OPTIONS, ("table",))
    assert _resident_mb() - before < 40
