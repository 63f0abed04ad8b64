"""A serving process writes the search index from each page's entries kept as JSON text
(generator/site/search_json.py): the bytes are the ones Material's own writer gives."""
from __future__ import annotations

import random

import pytest

from generator.site import search_json
from generator.site.search_json import CHECKED_WRITER, SerialisedEntries, write_from, writer_digest

search_plugin = pytest.importorskip("material.plugins.search.plugin")

CONFIG = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stopWordFilter"],
          "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}},
          "enabled": True, "jieba_dict": None}


def _entry(rng: random.Random, n: int) -> dict:
    words = ["Ain al-Asad", "“quoted”", "naïve", "\u202eoverride", "<b>x</b>", "a\"b\\c", "\n", "日本", "🙂", "&amp;"]
    entry = {"location": f"archive/articles/a{n}/#s{rng.randrange(9)}",
             "title": " ".join(rng.choices(words, k=3)), "text": " ".join(rng.choices(words, k=rng.randrange(12)))}
    if rng.random() < 0.3:
        entry["tags"] = [rng.choice(words) for _ in range(rng.randrange(3))]
    if rng.random() < 0.2:
        entry["boost"] = rng.choice([0.5, 2, 1e-7, 10.25])
    return entry


def _pages(rng: random.Random, count: int) -> list[list[dict]]:
    return [[_entry(rng, n) for _ in range(rng.randrange(4))] for n in range(count)]  # some pages with none


CONFIG_OF_INDEX = {key: CONFIG[key] for key in search_json.CONFIG_KEYS}


def _materials(pages: list[list[dict]], prev=None) -> str:
    index = search_plugin.SearchIndex(**CONFIG)
    index.entries = [e for entries in pages for e in entries]
    return index.generate_search_index(prev)


def _ours(pages: list[list[dict]], serialised: SerialisedEntries, prev=None) -> str:
    index = search_plugin.SearchIndex(**CONFIG)
    index.entries = [e for entries in pages for e in entries]
    write_from(index, pages, serialised)
    return index.generate_search_index(prev)


def test_the_checked_writer_is_the_installed_materials():
    """A new version of Material changes this digest: compare `index_json` with its writer again."""
    assert writer_digest(search_plugin.SearchIndex) == CHECKED_WRITER


@pytest.mark.parametrize("seed", range(5))
def test_the_index_is_materials_byte_for_byte(seed):
    pages = _pages(random.Random(seed), 40)
    serialised = SerialisedEntries()
    assert _ours(pages, serialised) == _materials(pages)
    assert _ours([], serialised) == _materials([])


def test_a_rebuild_serialises_only_the_pages_with_new_entries(monkeypatch):
    rng = random.Random(7)
    pages, serialised = _pages(rng, 30), SerialisedEntries()
    _ours(pages, serialised)
    dumped = []
    real = search_json._dumps
    monkeypatch.setattr(search_json, "_dumps", lambda value: dumped.append(value) or real(value))
    rebuilt = list(pages)
    rebuilt[3] = [_entry(rng, 3), _entry(rng, 3)]  # the edited page: a new list of entries
    del rebuilt[10]  # a page gone
    rebuilt.append([_entry(rng, 99)])  # a page added
    assert _ours(rebuilt, serialised) == _materials(rebuilt)
    assert dumped == [CONFIG_OF_INDEX, rebuilt[3], rebuilt[-1]]  # the settings, the edited page's, the added page's
    assert len(serialised.kept) == sum(1 for entries in rebuilt if entries)  # nothing of the page gone


def test_materials_writer_when_the_entries_are_not_the_ones_put_there():
    """Under `--dirty` Material merges the last build's entries; another plugin may add entries after
    the page cache put them there, or replace the list."""
    pages = _pages(random.Random(3), 10)
    prev = search_plugin.SearchIndex(**CONFIG)
    prev.entries = [{"location": "old/", "title": "Old", "text": "kept from the last build"}]
    assert _ours(pages, SerialisedEntries(), prev=prev) == _materials(pages, prev=prev)
    index = search_plugin.SearchIndex(**CONFIG)
    index.entries = [e for entries in pages for e in entries]
    write_from(index, pages, SerialisedEntries())
    index.entries.append({"location": "added/", "title": "Added", "text": "by another plugin"})
    assert '"added/"' in index.generate_search_index(None)
    index = search_plugin.SearchIndex(**CONFIG)
    index.entries = [e for entries in pages for e in entries]
    write_from(index, pages, SerialisedEntries())
    index.entries = []
    assert index.generate_search_index(None) == _materials([])


def test_another_writer_is_left_alone(monkeypatch):
    monkeypatch.setattr(search_json, "CHECKED_WRITER", "0" * 64)
    index = search_plugin.SearchIndex(**CONFIG)
    pages = _pages(random.Random(1), 3)
    index.entries = [e for entries in pages for e in entries]
    write_from(index, pages, SerialisedEntries())
    assert "generate_search_index" not in vars(index)
