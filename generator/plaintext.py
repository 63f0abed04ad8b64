"""Untrusted text as one plain line: control and bidirectional characters dropped, whitespace collapsed.

The rule under every escape of the render stage (render/escape.py builds its Markdown and HTML
tables on `CLEAN`), and the one the index stage applies to tell a blank outlet name, or one that
reads as the placeholder, from a real one (labels.is_unknown_outlet): one rule, so an outlet the
index calls unknown is one the pages would print as blank or as the placeholder. Below the stages:
it imports none of them.
"""
from __future__ import annotations

import re

# Control characters are dropped, not escaped: HTML forbids them, and Python-Markdown uses
# \x02...\x03 to mark stashed raw HTML, so text carrying them could smuggle markup back in.
# The ones that are whitespace (tab, newlines, separators) become spaces and collapse with the
# rest. Lone surrogates (possible in YAML strings) become U+FFFD so the page can be encoded.
SPACES = (0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x85)
# Bidirectional controls are dropped too: an embedding, override or isolate left open in a title, a
# name or a URL reverses or reorders everything after it on the page (the index row, the timeline
# entry, the rest of the paragraph), and a pair closed inside one string adds nothing the Unicode
# bidi algorithm does not already do for Arabic or Hebrew letters. Marks (LRM, RLM, ALM) go with them.
BIDI_CONTROLS = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
CLEAN = {
    **{c: None for c in (*range(0x00, 0x20), *range(0x7F, 0xA0), *BIDI_CONTROLS, 0xFFFE, 0xFFFF)},
    **{c: " " for c in SPACES},
    **{c: "\ufffd" for c in range(0xD800, 0xE000)},
}
_WHITESPACE = re.compile(r"\s+")


def flatten(text: str) -> str:
    """One line that cannot open a block: control characters dropped, whitespace collapsed."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # already one plain line (most names, titles and sentences): see below
    return _WHITESPACE.sub(" ", text.translate(CLEAN)).strip()


# Why `flatten` may return a printable text as it is: Python calls printable every character but
# those of the Unicode categories "Other" (Cc, Cf, Cs, Co, Cn) and "Separator" (Zs, Zl, Zp), the
# ASCII space excepted. Every character of CLEAN is a control (Cc), a format character (Cf: the
# bidirectional controls), a surrogate (Cs) or a noncharacter (Cn: U+FFFE, U+FFFF), and every
# whitespace character but the space is a control or a separator; so a printable text is one that
# `translate(CLEAN)` leaves alone and in which `\s+` matches only single spaces, and one without
# a space at either end is one `strip` leaves alone. The plain way costs a regular-expression match
# for every word (7 times as long on the archive's titles and quotes).
