"""The daily loop gives the site a clean build gives: `make site`, then articles added, edited and
removed and `make site` again, is byte-identical to `make site` on those inputs from nothing,
every file of site/ included (pages, search index, sitemap, exports, feed)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from project_files import copy_project, use_synthetic_seeds

from generator.site.page_cache import newest_index

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_site.py"


def _make_site(project: Path) -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "--project", str(project), "--quiet"], capture_output=True,
                          text=True, timeout=900,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000",
                               "BRIEFING_SEARCH": "lunr"})
    assert done.returncode == 0, done.stdout + done.stderr


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _daily_changes(seeds: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import synthesise

    synthesise(10, seeds, seed=777)  # ten new articles (new stems), some sharing stories with the archive
    existing = sorted(p for p in seeds.glob("*.txt") if not p.name.startswith("00000_"))
    edited = existing[3]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA late correction to the story.\n", encoding="utf-8")
    existing[5].unlink()  # a retracted article
    existing[5].with_suffix(".yml").unlink(missing_ok=True)
    # an article saved again as its page, another as a scraper's record (their metadata reaches the pages)
    sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "webpages"))
    import pages

    for path, kind in ((existing[7], "page"), (existing[9], "record")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        path.unlink()
        if kind == "page":
            story = pages.Story(title=lines[0], paragraphs=tuple(lines[1:]), date="2023-05-02",
                                outlet="Page Outlet", url="https://page.example/story")
            path.with_suffix(".html").write_text(pages.arc(story), encoding="utf-8")
        else:
            path.with_suffix(".json").write_text(json.dumps({
                "title": lines[0], "text": "\n".join(lines[1:]), "publish_date": "2023-05-03",
                "meta_site_name": "Record Outlet", "canonical_link": "https://record.example/story"}), encoding="utf-8")


def test_make_site_after_a_days_changes_equals_a_clean_make_site(tmp_path):
    daily = use_synthetic_seeds(copy_project(tmp_path / "daily"), 60)
    _make_site(daily)
    _daily_changes(daily / "seeds")
    _make_site(daily)
    cache = newest_index(daily / ".cache" / "site-pages")
    assert cache["reused"] > cache["built"] > 0  # MkDocs took most pages from its page cache

    clean = copy_project(tmp_path / "clean")
    shutil.rmtree(clean / "seeds")
    shutil.copytree(daily / "seeds", clean / "seeds")
    _make_site(clean)

    built, fresh = _tree(daily / "site"), _tree(clean / "site")
    assert sorted(built) == sorted(fresh)
    differing = [path for path in fresh if built[path] != fresh[path]]
    assert differing == []
    assert {"sitemap.xml", "search/search_index.json", "data/articles.json", "data/quotes.csv", "feed.xml"} <= set(fresh)
    assert _tree(daily / "content") == _tree(clean / "content")
