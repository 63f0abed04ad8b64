#!/usr/bin/env python3
"""Regenerate generator/data/confusables.txt: letters that look like a Latin letter.

Names are compared by their confusable skeleton (Unicode TR39): a name typed
with a Cyrillic "а" or a Greek "ο" among Latin letters reads exactly like the
Latin name, so it must not become a second entity. The full skeleton table
maps every confusable to a prototype; names only need the letters of other
scripts that pass for a Latin letter, so this script derives that small table
once from the package confusable-homoglyphs (MIT licence; its data is
Unicode's confusables.txt) and generator/names.py reads it at start-up.
Full-width and mathematical letters are left out: NFKC already folds them.

    pip install confusable-homoglyphs==3.3.1
    python scripts/build_confusables.py

Output: one line per letter, "<letter> <Latin letter> <Unicode name>", sorted.
Re-run after upgrading the package and commit the result with the upgrade.
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import confusable_homoglyphs

OUT = Path(__file__).resolve().parents[1] / "generator" / "data" / "confusables.txt"
SCRIPTS = ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC")


def derive(groups: dict[str, list[dict]]) -> dict[str, str]:
    table = {}
    for char, others in groups.items():
        if len(char) != 1 or char.isascii() or not unicodedata.category(char).startswith("L"):
            continue
        if unicodedata.normalize("NFKD", char).isascii():
            continue  # NFKC/NFKD folds it already (full-width, mathematical, ligature)
        if not unicodedata.name(char, "").startswith(SCRIPTS):
            continue
        latin = {o["c"] for o in others if len(o["c"]) == 1 and o["c"].isascii() and o["c"].isalpha()}
        if len(latin) == 1:
            target = latin.pop()
            # TR39 writes capital I's skeleton as "l"; names are compared in lower case, where a
            # capital that passes for "I" must become "i" (Cyrillic "Іraq" is "Iraq", not "lraq")
            table[char] = "I" if target == "l" and char.isupper() else target
    return table


def main() -> None:
    source = Path(confusable_homoglyphs.__file__).with_name("confusables.json")
    table = derive(json.loads(source.read_text(encoding="utf-8")))
    lines = [f"{c} {table[c]} {unicodedata.name(c)}" for c in sorted(table)]
    header = ("# Letters of other scripts that pass for a Latin letter (Unicode TR39 confusables),\n"
              "# derived by scripts/build_confusables.py from confusable-homoglyphs "
              f"{confusable_homoglyphs.__version__} (MIT). Do not edit by hand.\n")
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(lines)} letters")


if __name__ == "__main__":
    main()
