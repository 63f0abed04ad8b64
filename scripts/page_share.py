#!/usr/bin/env python3
"""The share of the five seed articles with a date, an outlet and a URL: as plain text and as web pages.

The same five articles (seeds/*.txt) are read three ways: the text alone, the text with its
sidecar (as seeds/ holds them), and as saved web pages composed in the shapes of the sites
that publish such stories (tests/fixtures/webpages/pages.py: SEED_PAGES gives each one's
publishing system and the metadata such a site carries). Each is read, extracted and made into
an article exactly as a build does (read_seeds, extract, make_article), and the table counts
what the article ends up with. README "Seeds" shows the table; tests/test_webpages.py checks
that README holds what this prints. Rerun:

    PYTHONPATH=. python scripts/page_share.py
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "webpages"))

from generator.extract import extract, hints_for  # noqa: E402
from generator.index.archive import make_article  # noqa: E402
from generator.read.register import load_register  # noqa: E402
from generator.read.seeds import read_seeds  # noqa: E402

import pages  # noqa: E402


def articles(folder: Path, register) -> list:
    seeds, _ = read_seeds(folder)
    return [make_article(s.stem, extract(s.text, register, hints_for(s)), s.sidecar, s.page) for s in seeds]


def measure(root: Path = ROOT) -> list[tuple[str, list]]:
    register, _ = load_register(root / "register.yml")
    seeds_dir = root / "seeds"
    stems = sorted(p.stem for p in seeds_dir.glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        text_only, as_pages = Path(tmp, "text"), Path(tmp, "pages")
        text_only.mkdir()
        as_pages.mkdir()
        for stem in stems:
            text = (seeds_dir / f"{stem}.txt").read_text(encoding="utf-8")
            shutil.copy(seeds_dir / f"{stem}.txt", text_only / f"{stem}.txt")
            shape, outlet, date, url = pages.SEED_PAGES[stem]
            title = extract(text, register).title
            story = pages.seed_story(text, title, outlet, date, url)
            (as_pages / f"{stem}.html").write_text(pages.SHAPES[shape](story), encoding="utf-8")
        return [("as `.txt`, the text alone", articles(text_only, register)),
                ("as `.txt` with its sidecar (as in `seeds/`)", articles(seeds_dir, register)),
                ("as `.html`, the page alone", articles(as_pages, register))]


def table(rows: list[tuple[str, list]]) -> str:
    def share(found: int, total: int) -> str:
        return f"{found}/{total} ({100 * found // total if total else 0}%)"

    out = ["| The five seed articles | with a date | with an outlet | with a URL |", "| --- | --- | --- | --- |"]
    for label, arts in rows:
        n = len(arts)
        out.append(f"| {label} | {share(sum(a.date is not None for a in arts), n)} | "
                   f"{share(sum(a.source is not None for a in arts), n)} | {share(sum(a.url is not None for a in arts), n)} |")
    return "\n".join(out)


if __name__ == "__main__":
    print(table(measure()))
