"""A serving process writes the built-in search's index from each page's entries serialised once
(BRIEFING_FAST_SEARCH).

Material writes `search/search_index.json` at the end of every build with one `json.dumps` of
every page's entries: 35 MB at 10,000 articles, 0.3 s of every rebuild of `mkdocs serve`, though
after an edit all but a page or two have the very entries of the build before (the page cache
keeps them). A serving process keeps each page's entries as JSON text, by the list the page
cache holds, and joins them: `json.dumps` writes an array as its items' texts joined by the
separator, so the bytes are Material's (tests/test_search_json.py compares them). Used only with
the version of Material's index writer it was compared with (CHECKED_WRITER), and only while the
index holds the list of entries the page cache put there (see `write_from`); otherwise Material
writes it.
"""
from __future__ import annotations

import functools
import hashlib
import inspect
import json

# writer_digest of mkdocs-material 9.8.1's SearchIndex.generate_search_index, whose output
# `index_json` reproduces (a new version of Material must be compared again)
CHECKED_WRITER = "59ba9853f37a2b42be727cb61044b3fb08817c3d022b21e32389725b290176b4"
CONFIG_KEYS = ("lang", "separator", "pipeline", "fields")  # what of the plugin's settings the index holds


_ENCODER = json.JSONEncoder(separators=(",", ":"), default=str)  # what Material's json.dumps makes per call


def _dumps(value) -> str:
    return _ENCODER.encode(value)


@functools.cache  # the class in memory does not change while the process runs (asked every rebuild)
def writer_digest(index_class) -> str | None:
    """Digest of the source of a search index class's writer; None when it cannot be read."""
    try:
        return hashlib.sha256(inspect.getsource(index_class.generate_search_index).encode()).hexdigest()
    except (OSError, TypeError, AttributeError):
        return None


class SerialisedEntries:
    """Each page's search entries as JSON text, kept from one build to the next by the very list of
    entries (the page cache's record of the page holds the same list while the page is unchanged)."""

    def __init__(self) -> None:
        self.kept: dict[int, tuple[list, str]] = {}  # id(entries) -> (entries, their JSON text)

    def index_json(self, config: dict, pages: list[list[dict]]) -> str:
        """The index Material writes for `config` and the pages' entries in this order. Only this
        build's pages are kept for the next."""
        kept, self.kept = self.kept, {}
        parts = ['{"config":', _dumps(config), ',"docs":[']
        for entries in pages:
            if not entries:
                continue
            found = kept.get(id(entries))
            text = found[1] if found is not None and found[0] is entries else _dumps(entries)[1:-1]
            self.kept[id(entries)] = (entries, text)
            parts += (text, ",")
        if parts[-1] == ",":
            parts.pop()
        parts.append("]}")
        return "".join(parts)  # one join: each copy of 35 MB is a tenth of a second on a busy machine


def write_from(search_index, pages: list[list[dict]], serialised: SerialisedEntries) -> None:
    """Have Material's search index (this build's, whose `entries` are the pages' entries in order,
    just put there) write itself from `serialised`, as long as its entries are still that very list,
    of the same length (a plugin that edited an entry in place would not be seen: none does)."""
    if writer_digest(type(search_index)) != CHECKED_WRITER:
        return
    entries = search_index.entries
    count = len(entries)
    written_by_material = search_index.generate_search_index

    def generate_search_index(prev):
        if prev or search_index.entries is not entries or len(entries) != count:  # `--dirty`, or another plugin's
            return written_by_material(prev)
        return serialised.index_json({key: search_index.config[key] for key in CONFIG_KEYS}, pages)

    search_index.generate_search_index = generate_search_index
