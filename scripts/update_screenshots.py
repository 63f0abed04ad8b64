#!/usr/bin/env python3
"""Regenerate the README's screenshots from the browser test suite's.

    python scripts/update_screenshots.py            # run the screenshot tests, then copy
    python scripts/update_screenshots.py --no-run   # copy what the last test run wrote

The browser suite (tests/browser) writes a screenshot of each main page type,
at desktop and phone widths and for each builder, to
test-artifacts/screenshots/BUILDER/PAGE-WIDTH.png ($BRIEFING_ARTIFACTS
changes test-artifacts/). This copies the chosen ones to docs/screenshots/,
which the README shows. `make screenshots` runs it.
"""
from __future__ import annotations

import argparse
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if importlib.util.find_spec("generator") is None:  # not installed: use this checkout
    sys.path.insert(0, str(ROOT))

from generator import settings  # noqa: E402  (BRIEFING_* variables: generator/settings.py)
DOCS = ROOT / "docs" / "screenshots"

# test-artifacts/screenshots/<source> -> docs/screenshots/<target>
CHOSEN = {
    "mkdocs/actor-desktop.png": "actor-desktop.png",
    "mkdocs/article-desktop.png": "article-desktop.png",
    "mkdocs/home-desktop.png": "home-desktop.png",
    "mkdocs/base-desktop.png": "base-desktop.png",
    "mkdocs/timeline-desktop.png": "timeline-desktop.png",
    "mkdocs/search-desktop.png": "search-desktop.png",
    "mkdocs/article-phone.png": "article-phone.png",
    "mkdocs/actor-phone.png": "actor-phone.png",
    "mkdocs/base-phone.png": "base-phone.png",
    "mkdocs/chart-phone.png": "chart-phone.png",  # an actor's chart at 390 px (issue 12)
    "mkdocs/sources-desktop.png": "sources-desktop.png",
    "mkdocs/outlet-desktop.png": "outlet-desktop.png",
    "mkdocs/404-desktop.png": "404-desktop.png",
    "mkdocs/bases-map-desktop-light.png": "bases-map-desktop.png",  # issue 16: the maps
    "mkdocs/base-map-phone-dark.png": "base-map-phone-dark.png",
    "zensical/actor-desktop.png": "zensical-actor-desktop.png",
    # issue 16: search filtered by one actor (Pagefind), and an article's Cite block
    "pagefind/search-filtered-desktop.png": "search-filtered-desktop.png",
    "pagefind/search-filtered-phone.png": "search-filtered-phone.png",
    "mkdocs/cite-desktop.png": "cite-desktop.png",
}


def artifacts() -> Path:
    return (ROOT / settings.current().artifacts).resolve()  # BRIEFING_ARTIFACTS (generator/settings.py)


def run_tests() -> int:
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
           str(ROOT / "tests" / "browser" / "test_browser.py"),
           str(ROOT / "tests" / "browser" / "test_shell_browser.py"),
           str(ROOT / "tests" / "browser" / "test_filters_feeds.py"),
           str(ROOT / "tests" / "browser" / "test_maps_browser.py"),
           "-k", "screenshots or narrows_search_results or cite_block"]
    print("+ " + " ".join(cmd[2:]), flush=True)
    result = subprocess.run(cmd, cwd=ROOT)
    return result.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-run", action="store_true", help="do not run the tests; copy the last run's")
    args = parser.parse_args(argv)
    if not args.no_run:
        status = run_tests()
        if status != 0:
            print(f"update_screenshots: the screenshot tests failed (status {status}); docs/ left as it was",
                  file=sys.stderr)
            return status
    shots = artifacts() / "screenshots"
    missing = [src for src in CHOSEN if not (shots / src).is_file()]
    if missing:
        print(f"update_screenshots: not in {shots}: {', '.join(missing)}.\n"
              "The browser tests need Chromium: sudo apt-get install chromium chromium-driver", file=sys.stderr)
        if len(missing) == len(CHOSEN):
            return 1
    DOCS.mkdir(parents=True, exist_ok=True)
    for src, dst in CHOSEN.items():
        if (shots / src).is_file():
            shutil.copyfile(shots / src, DOCS / dst)
            print(f"docs/screenshots/{dst}  <-  {shots / src}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
