"""A long-lived process reads a seed again only when its stat row changed (speed/reading_cache.py
RememberedFiles); what it reads is what a fresh read gives, and the stored page readings stay whole."""
from __future__ import annotations

import os
import pickle
import shutil
import sys
import time
from pathlib import Path

import pytest

from generator.read import seeds as reading
from generator.speed import reading_cache
from generator.speed.reading_cache import cached_reading

from project_files import ROOT

sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "webpages"))
import pages  # noqa: E402

STORY = pages.Story(title="Drones strike a depot near the airport", date="2024-03-04", outlet="Example News",
                    url="https://news.example/depot", paragraphs=(
                        "Two drones struck a logistics depot near the airport on Monday night, officials said.",
                        "The depot was empty when the drones hit it, a spokesman for the security forces said."))


def _settle() -> None:
    """Let the files' last change (their ctime too, which no call can set back) be older than the
    clock ticks a same-size edit could hide in (journal.settled)."""
    time.sleep(2.2)


@pytest.fixture
def seeds(tmp_path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name in sorted((ROOT / "seeds").glob("*.txt"))[:3]:
        shutil.copy2(name, folder / name.name)
    (folder / "zz_page.html").write_text(pages.wordpress(STORY), encoding="utf-8")
    _settle()
    reading_cache._files.clear()
    return folder


@pytest.fixture
def loads(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = reading.load_file
    monkeypatch.setattr(reading, "load_file", lambda path, label, read: seen.append(path.name) or real(path, label, read))
    return seen


def _plain(folder: Path):
    reading_cache._files.clear()
    return reading.read_seeds(folder)


def test_unchanged_files_are_not_read_again_and_read_the_same(seeds, loads, tmp_path):
    step = cached_reading(tmp_path / "page-reads.pickle")
    first = step(seeds)
    assert len(loads) == 4
    loads.clear()
    again = step(seeds)
    assert loads == []
    assert again == first
    assert [str(p) for p in again[1]] == [str(p) for p in _plain(seeds)[1]]
    assert again[0] == _plain(seeds)[0]


def test_an_edited_or_just_written_file_is_read_again(seeds, loads, tmp_path):
    step = cached_reading(tmp_path / "page-reads.pickle")
    step(seeds)
    edited = sorted(seeds.glob("*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8")
    loads.clear()
    result = step(seeds)
    assert loads == [edited.name]  # written this moment: read, and not kept
    assert any("One more paragraph." in seed.text for seed in result[0])
    loads.clear()
    step(seeds)
    assert loads == [edited.name]
    _settle()  # now settled: read once more, then kept
    loads.clear()
    step(seeds)
    step(seeds)
    assert loads == [edited.name]


def test_the_stored_page_readings_keep_a_page_read_from_memory(seeds, tmp_path):
    store = tmp_path / "page-reads.pickle"
    step = cached_reading(store)
    step(seeds)
    kept = pickle.loads(store.read_bytes())
    assert len(kept) == 1  # the saved page's reading
    other = pages.Story(**{**STORY.__dict__, "title": "A second depot is struck", "url": "https://news.example/two"})
    (seeds / "zz_other.html").write_text(pages.wordpress(other), encoding="utf-8")
    step(seeds)  # the first page comes from memory; the store is written again for the new one
    assert set(kept) <= set(pickle.loads(store.read_bytes()))


def test_the_cache_off_reads_everything(seeds, loads):
    step = cached_reading(None)
    step(seeds)
    step(seeds)
    assert len(loads) == 8


# ---------------------------------------------------------------------- kept for the next process

def _new_process() -> None:
    """What a new process starts with: nothing read in memory, nothing unpickled."""
    reading_cache._files.clear()
    reading_cache._held.clear()


def test_the_next_process_reads_no_unchanged_seed_and_reads_the_same(seeds, loads, tmp_path):
    files = tmp_path / "seed-files.pickle"
    step = cached_reading(tmp_path / "page-reads.pickle", files)
    first = step(seeds)
    assert not files.exists()  # kept only by save(), once the pages are written
    step.save()
    assert files.exists()
    _new_process()
    loads.clear()
    again = cached_reading(tmp_path / "page-reads.pickle", files)(seeds)
    assert loads == []
    assert again == first
    assert again[0] == _plain(seeds)[0]
    assert [str(p) for p in again[1]] == [str(p) for p in _plain(seeds)[1]]


def test_the_next_process_reads_an_edited_added_or_replaced_seed_again(seeds, loads, tmp_path):
    files = tmp_path / "seed-files.pickle"
    step = cached_reading(tmp_path / "page-reads.pickle", files)
    step(seeds)
    step.save()
    texts = sorted(seeds.glob("*.txt"))
    edited, replaced = texts[0], texts[1]
    # the same size: only the times and the change time tell
    body = edited.read_text(encoding="utf-8")
    edited.write_text(body.replace("the", "thE", 1), encoding="utf-8")
    spare = seeds.parent / "spare.txt"
    spare.write_text(replaced.read_text(encoding="utf-8") + "\nA line more.\n", encoding="utf-8")
    os.replace(spare, replaced)
    shutil.copy2(texts[2], seeds / "zz_added.txt")
    _settle()
    _new_process()
    loads.clear()
    step = cached_reading(tmp_path / "page-reads.pickle", files)
    result = step(seeds)
    assert sorted(loads) == sorted([edited.name, replaced.name, "zz_added.txt"])
    assert result[0] == _plain(seeds)[0]
    step.save()
    _new_process()
    loads.clear()
    cached_reading(tmp_path / "page-reads.pickle", files)(seeds)
    assert loads == []


@pytest.mark.parametrize("damage", ["garbage", "other folder", "other readers", "wrong shape"])
def test_a_damaged_or_foreign_store_reads_every_seed(seeds, loads, tmp_path, damage):
    files = tmp_path / "seed-files.pickle"
    step = cached_reading(tmp_path / "page-reads.pickle", files)
    step(seeds)
    step.save()
    data = pickle.loads(files.read_bytes())
    if damage == "garbage":
        files.write_bytes(b"\x80\x05not a pickle")
    else:
        if damage == "other folder":
            data["seeds"] = str(tmp_path / "elsewhere")
        elif damage == "other readers":
            data["code"] = "another version"
        else:
            data["files"] = {label: ("row", loaded) for label, (_, loaded) in data["files"].items()}
        files.write_bytes(pickle.dumps(data))
    _new_process()
    loads.clear()
    result = cached_reading(tmp_path / "page-reads.pickle", files)(seeds)
    assert len(loads) == 4
    assert result[0] == _plain(seeds)[0]


def test_an_unchanged_reading_is_not_saved_again(seeds, tmp_path):
    files = tmp_path / "seed-files.pickle"
    step = cached_reading(tmp_path / "page-reads.pickle", files)
    step(seeds)
    step.save()
    before = files.stat().st_mtime_ns, files.stat().st_ino
    _new_process()
    step = cached_reading(tmp_path / "page-reads.pickle", files)
    step(seeds)
    step.save()
    assert (files.stat().st_mtime_ns, files.stat().st_ino) == before
    (sorted(seeds.glob("*.txt"))[0]).unlink()  # a seed gone: its reading leaves the store
    step(seeds)
    step.save()
    assert len(pickle.loads(files.read_bytes())["files"]) == 3


# ---------------------------------------------------------------------- sidecars

@pytest.fixture
def side_loads(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = reading.load_sidecar_file
    monkeypatch.setattr(reading, "load_sidecar_file", lambda path, label: seen.append(path.name) or real(path, label))
    return seen


def _sidecars(result) -> dict:
    return {seed.stem: (seed.sidecar, seed.sidecar_digest) for seed in result[0]}


def test_a_sidecar_is_parsed_again_only_when_it_changed_and_its_problems_come_back(seeds, side_loads, tmp_path):
    """A sidecar's fields, digest and problems are kept under its stat row like a seed's reading: the
    problems of a kept sidecar are reported in every build, an edited one is parsed again, and the
    next process finds them in the store."""
    first_seed = sorted(seeds.glob("*.txt"))[0]
    side = first_seed.with_suffix(".yml")
    side.write_text("title: A corrected headline\ndate: 2024-02-30\ntitel: typo\n", encoding="utf-8")
    _settle()
    files = tmp_path / "seed-files.pickle"
    step = cached_reading(tmp_path / "page-reads.pickle", files)
    first = step(seeds)
    assert side_loads == [side.name]
    problems = [str(p) for p in first[1] if side.name in str(p)]
    assert len(problems) == 2  # the impossible date and the unknown field
    side_loads.clear()
    again = step(seeds)
    assert side_loads == []
    assert [str(p) for p in again[1]] == [str(p) for p in first[1]]
    assert _sidecars(again) == _sidecars(first) == _sidecars(_plain(seeds))
    assert again[0][0].sidecar.title == "A corrected headline"

    step.save()
    _new_process()
    side_loads.clear()
    later = cached_reading(tmp_path / "page-reads.pickle", files)(seeds)  # the next process
    assert side_loads == []
    assert [str(p) for p in later[1]] == [str(p) for p in first[1]]
    assert _sidecars(later) == _sidecars(first)

    side.write_text("title: Corrected again\n", encoding="utf-8")
    _settle()
    side_loads.clear()
    edited = cached_reading(tmp_path / "page-reads.pickle", files)(seeds)
    assert side_loads == [side.name]
    assert edited[0][0].sidecar.title == "Corrected again"
    assert not [p for p in edited[1] if side.name in str(p)]
    assert _sidecars(edited) == _sidecars(_plain(seeds))
