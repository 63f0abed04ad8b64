"""The incremental render (generator/speed/incremental.py) never leaves a stale page.

One synthetic archive of a few hundred articles (related coverage and shared statements connect
them) goes through the changes an analyst makes; after each, the build that reuses the kept pages
must leave exactly the files a clean build of the same inputs leaves: every page, the data
exports and the feed, byte for byte.
"""
from __future__ import annotations

import json
import pickle
import shutil
import sys
from pathlib import Path

import pytest

import generator.render.pages as pages
import generator.speed.incremental as incremental
from generator.build import build
from generator.project import Project
from generator.speed.incremental import IncrementalRender
from project_files import ROOT, copy_project

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import synthesise  # noqa: E402

ARTICLES = 300
ADDED = 10


def _tree(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*"))
            if p.is_file() and not p.name.startswith(".generated")}


class Recording(IncrementalRender):
    """Counts what each render did and keeps the keys of the units it rendered; `pooled` sends every
    build through the forked workers (the path of archives above `render_pool_min`), else none."""
    calls: list[tuple[int, int]] = []
    rendered_keys: list[str] = []
    pooled = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.jobs, self.pool_min = (2, 0) if Recording.pooled else (1, 1 << 30)

    def __call__(self, archive):
        pages = super().__call__(archive)
        Recording.calls.append((self.rendered, self.reused))
        Recording.rendered_keys = list(self.rendered_keys)
        print(f"incremental render: {self.rendered} units rendered, {self.reused} reused")
        return pages


@pytest.fixture
def archive(tmp_path, monkeypatch):
    """(project dir, pristine docs dir, the 10 articles to add later)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("BRIEFING_STAMP", "0")  # every build renders (the stamp is tested elsewhere)
    monkeypatch.setattr(incremental, "IncrementalRender", Recording)  # speed.steps() imports it from there
    # "Quotes by date" of a large archive: one page per year, each kept while its statements are the same
    monkeypatch.setattr(pages, "QUOTES_ON_INDEX", 20)
    # ...and one page per month of a long year, there and on the Timeline, Events and a long record
    monkeypatch.setattr(pages, "MONTHS_OVER", 30)
    # ...and one page per part of a long month of "Quotes by date"
    monkeypatch.setattr(pages, "PARTS_OVER", 8)
    monkeypatch.setattr(pages, "ON_INDEX", 40)
    monkeypatch.setattr(pages, "MENTIONS_ON_PAGE", 30)
    Recording.calls = []
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "seeds")
    pool = tmp_path / "pool"
    synthesise(ARTICLES + ADDED, pool)
    stems = sorted(p.stem for p in pool.glob("*.txt"))
    (project / "seeds").mkdir()
    for stem in stems[:ARTICLES]:
        for f in pool.glob(f"{stem}.*"):
            shutil.copy2(f, project / "seeds" / f.name)
    pristine = tmp_path / "pristine"
    shutil.copytree(project / "content", pristine)
    return project, pristine, [f for stem in stems[ARTICLES:] for f in pool.glob(f"{stem}.*")]


def _same_as_clean(project: Path, pristine: Path, tmp_path: Path, monkeypatch, name: str) -> tuple[int, int]:
    """Build incrementally, then cleanly from the same inputs; every file must be equal. Returns
    (units rendered, units reused) of the incremental build."""
    build(Project(root=project), progress=False)
    calls = list(Recording.calls)
    assert calls, "the incremental render did not run"
    clean_docs = tmp_path / f"clean-{name}"
    shutil.copytree(pristine, clean_docs)
    with monkeypatch.context() as m:
        m.setenv("BRIEFING_INCREMENTAL", "0")
        build(Project(root=project, docs=clean_docs, cache=tmp_path / f"cache-{name}" / "extractions.pickle"),
              progress=False)
    incremental, clean = _tree(project / "content"), _tree(clean_docs)
    assert sorted(incremental) == sorted(clean), f"after {name}: different files"
    differing = [path for path in clean if incremental[path] != clean[path]]
    assert not differing, f"after {name}: stale pages {differing[:10]}"
    Recording.calls = []
    return calls[-1]


def _articles(project: Path) -> list[dict]:
    return json.loads((project / "content" / "data" / "articles.json").read_text(encoding="utf-8"))


def _most_related(project: Path, skip=()) -> str:
    """The stem of the article most often listed in other articles' related coverage."""
    counts: dict[str, int] = {}
    for a in _articles(project):
        for stem in a["related"]:
            counts[stem] = counts.get(stem, 0) + 1
    return max((s for s in counts if s not in skip), key=lambda s: (counts[s], s))


def _seed(project: Path, stem: str) -> Path:
    return project / "seeds" / f"{stem}.txt"


def test_an_incremental_build_after_each_change_equals_a_clean_build(archive, tmp_path, monkeypatch):
    project, pristine, new = archive
    monkeypatch.setattr(Recording, "pooled", True)
    rendered, reused = _same_as_clean(project, pristine, tmp_path, monkeypatch, "first build")
    assert reused == 0 and rendered > ARTICLES

    # add 10 articles: their own pages, their entities' and a few neighbours', not the archive
    for f in new:
        shutil.copy2(f, project / "seeds" / f.name)
    rendered, reused = _same_as_clean(project, pristine, tmp_path, monkeypatch, "10 added")
    assert reused > 3 * rendered, (rendered, reused)

    # edit one article's text: a headline, a new paragraph naming an actor, a quote reworded
    edited = _most_related(project)
    path = _seed(project, edited)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = "Rockets strike near the airport as talks stall"
    text = "\n".join(lines) + ("\n\nLater, Mohammed Shia al-Sudani said: \"We will not accept attacks on "
                               "our guests, whoever launches them.\"\n")
    path.write_text(text, encoding="utf-8")
    rendered, reused = _same_as_clean(project, pristine, tmp_path, monkeypatch, "text edited")
    assert reused > rendered
    years = [p for p in (project / "content" / "archive" / "quotes-by-date").rglob("*.md")]
    rendered_years = [k for k in Recording.rendered_keys if k.startswith("q:archive/quotes-by-date/")]
    assert len(years) >= 3 and 1 <= len(rendered_years) < len(years), (years, rendered_years)
    months = [p for p in years if p.parent.name.isdigit()]  # a long year's months: 2023/06.md
    assert months and len([k for k in rendered_years if k.count("/") == 3]) < len(months)
    parts = [p for p in years if p.parent.parent.name.isdigit()]  # a long month's parts: 2023/06/08.md
    assert parts and len([k for k in rendered_years if k.count("/") == 4]) < len(parts)
    assert list((project / "content" / "archive" / "timeline").glob("*/*.md"))
    assert list((project / "content" / "archive" / "actors").glob("*/*/*.md"))  # a long record's months
    # a long record's year and month pages are units of their own: only those the edit touched
    records = [p for kind in ("actors", "bases") for p in (project / "content" / "archive" / kind).rglob("*.md")
               if p.parent.name not in ("actors", "bases")]
    rendered_records = [k for k in Recording.rendered_keys if k.startswith("r:")]
    assert 1 <= len(rendered_records) < len(records) / 2, (len(rendered_records), len(records))
    # so are the Timeline's and Events' year and month pages, and the outlets' pages
    index_years = [p for kind in ("timeline", "events") for p in (project / "content" / "archive" / kind).rglob("*.md")]
    rendered_index_years = [k for k in Recording.rendered_keys if k.startswith("i:")]
    assert len(index_years) >= 6 and 1 <= len(rendered_index_years) <= 4, (len(index_years), rendered_index_years)
    outlets = list((project / "content" / "archive" / "sources").glob("*.md"))
    rendered_outlets = [k for k in Recording.rendered_keys if k.startswith("o:")]
    assert len(outlets) >= 5 and 1 <= len(rendered_outlets) <= 2, (len(outlets), rendered_outlets)

    # delete the article most others list as related coverage
    deleted = _most_related(project, skip={edited})
    for f in (project / "seeds").glob(f"{deleted}.*"):
        f.unlink()
    rendered, reused = _same_as_clean(project, pristine, tmp_path, monkeypatch, "deleted")
    assert reused > rendered

    # a sidecar changes one article's title, date and outlet (a new outlet)
    sidecar_of = _most_related(project, skip={edited, deleted})
    (project / "seeds" / f"{sidecar_of}.yml").write_text(
        "title: A corrected headline about the attack\ndate: 2023-03-14\nsource: The Correcting Times\n",
        encoding="utf-8")
    rendered, reused = _same_as_clean(project, pristine, tmp_path, monkeypatch, "sidecar")
    assert reused > rendered

    # register.yml: a new alias and description of an actor the archive names
    register = project / "register.yml"
    text = register.read_text(encoding="utf-8")
    old = "    description: Prime Minister of Iraq from October 2022.\n"
    assert old in text
    register.write_text(text.replace(old, "    description: Head of the Iraqi government.\n").replace(
        "aliases: [Mohammed al-Sudani,", "aliases: [PM Sudani, Mohammed al-Sudani,"), encoding="utf-8")
    _same_as_clean(project, pristine, tmp_path, monkeypatch, "register")

    # rename a seed (and its sidecar): same article, another stem
    renamed = _most_related(project, skip={edited, deleted, sidecar_of})
    for f in list((project / "seeds").glob(f"{renamed}.*")):
        f.rename(f.with_name("zz_renamed" + f.suffix))
    rendered, reused = _same_as_clean(project, pristine, tmp_path, monkeypatch, "renamed")
    assert reused > rendered

    # nothing changed: every unit is reused
    rendered, reused = _same_as_clean(project, pristine, tmp_path, monkeypatch, "unchanged")
    assert rendered == 0


def test_a_kept_page_is_its_file_in_the_docs_dir(archive, tmp_path, monkeypatch):
    """The store keeps each page's digest, not its text: a unit is reused only while its files are the
    pages it rendered. A page removed from the docs dir is rendered again (the site is then the clean
    build's); a page edited by hand has its unit rendered again and the editor's text kept, reported."""
    project, pristine, _ = archive
    _same_as_clean(project, pristine, tmp_path, monkeypatch, "first build")
    store = pickle.loads((project / ".cache" / "pages.pickle").read_bytes())
    kept = [page for _, unit_pages in store["units"].values() for page in unit_pages]
    assert kept and all(len(page) == 2 and len(page[1]) == 64 for page in kept)  # (path, digest): no text
    pages_bytes = sum((project / "content" / path).stat().st_size for path, _ in kept)
    assert (project / ".cache" / "pages.pickle").stat().st_size < pages_bytes / 4
    docs = project / "content"
    actor_page = sorted((docs / "archive" / "actors").glob("*.md"))[0]
    actor_page.unlink()
    rendered, reused = _same_as_clean(project, pristine, tmp_path, monkeypatch, "a page removed")
    assert rendered == 1 and reused > ARTICLES, (rendered, reused)
    assert len(Recording.rendered_keys) == 1 and Recording.rendered_keys[0].startswith("actor:")

    article_page = sorted((docs / "archive" / "articles").glob("*.md"))[0]
    edited = article_page.read_text(encoding="utf-8") + "\nAn editor's note.\n"
    article_page.write_text(edited, encoding="utf-8")
    result = build(Project(root=project), progress=False)
    assert article_page.read_text(encoding="utf-8") == edited
    assert any("edited by hand" in p.message and p.path.endswith(article_page.name) for p in result.problems)
    assert Recording.calls[-1][0] == 1  # its unit rendered again, the writer kept the editor's text


def test_a_damaged_store_only_means_rendering_everything(archive, tmp_path, monkeypatch):
    project, pristine, _ = archive  # rendered in this process only (the other test: in workers)
    _same_as_clean(project, pristine, tmp_path, monkeypatch, "first build")
    store = project / ".cache" / "pages.pickle"
    store.write_bytes(b"not a pickle")
    rendered, reused = _same_as_clean(project, pristine, tmp_path, monkeypatch, "damaged")
    assert reused == 0 and rendered > ARTICLES


def test_pages_and_records_render_incrementally_as_a_clean_build_does(archive, tmp_path, monkeypatch):
    """An article saved as a page (`.html`) or a scraper's record (`.json`): the page's metadata
    (date, outlet, URL) reaches the article and entity pages, so a change of it alone, the text
    unchanged, must re-render them as a clean build would."""
    sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "webpages"))
    import dataclasses

    import pages

    project, pristine, _ = archive
    _same_as_clean(project, pristine, tmp_path, monkeypatch, "first build")
    stem = _most_related(project)
    lines = [line for line in _seed(project, stem).read_text(encoding="utf-8").splitlines() if line.strip()]
    _seed(project, stem).unlink()
    story = pages.Story(title=lines[0], paragraphs=tuple(lines[1:]), date="2023-03-01", outlet="Page Outlet",
                        url="https://page.example/a")
    page = project / "seeds" / f"{stem}.html"
    page.write_text(pages.wordpress(story), encoding="utf-8")
    _same_as_clean(project, pristine, tmp_path, monkeypatch, "as a page")
    assert {a["source"] for a in _articles(project) if a["id"] == stem} == {"Page Outlet"}

    page.write_text(pages.wordpress(dataclasses.replace(story, date="2023-03-02", outlet="Another Outlet",
                                                        url="https://page.example/b")), encoding="utf-8")
    rendered, reused = _same_as_clean(project, pristine, tmp_path, monkeypatch, "page metadata")
    assert reused > rendered
    assert [(a["date"], a["source"], a["url"]) for a in _articles(project) if a["id"] == stem] == [
        ("2023-03-02", "Another Outlet", "https://page.example/b")]

    other = _most_related(project, skip={stem})
    lines = [line for line in _seed(project, other).read_text(encoding="utf-8").splitlines() if line.strip()]
    _seed(project, other).unlink()
    record = project / "seeds" / f"{other}.json"
    record.write_text(json.dumps({"title": lines[0], "text": "\n".join(lines[1:]), "date": "2023-04-01",
                                  "sitename": "Record Outlet", "source": "https://record.example/x"}), encoding="utf-8")
    _same_as_clean(project, pristine, tmp_path, monkeypatch, "as a record")
    record.write_text(json.dumps({"title": lines[0], "text": "\n".join(lines[1:]), "date": "2023-04-02",
                                  "sitename": "Record Outlet", "source": "https://record.example/y"}), encoding="utf-8")
    rendered, reused = _same_as_clean(project, pristine, tmp_path, monkeypatch, "record metadata")
    assert reused > rendered


def test_export_records_are_reused_only_while_the_record_is_the_same():
    """The exports' JSON takes a record's text from the last build under a digest of the record and its
    depth: the same record gives the kept text, a changed one or another depth its own."""
    from generator.render.exports import encode_item
    from generator.speed.incremental import _KeptJson

    record = {"id": "a1", "title": "Drone strike", "actors": ["X"], "dateline": None}
    first = _KeptJson({})
    assert first(record, 1) == encode_item(record, 1)
    (key,) = first.used
    kept = _KeptJson({key: "KEPT"})  # a marker: only a reused text reads so
    assert kept(dict(record), 1) == "KEPT"
    assert kept({**record, "title": "Drone strikes"}, 1) == encode_item({**record, "title": "Drone strikes"}, 1)
    assert kept(record, 2) == encode_item(record, 2) != encode_item(record, 1)
    assert set(kept.used.values()) >= {"KEPT"} and len(kept.used) == 3  # what the next build keeps
