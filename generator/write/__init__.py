"""The write stage: pages into the docs dir, journaled, never over an editor's file.

`write_pages` writes only the pages whose text changed, removes the pages the generator wrote
before and no longer makes, and keeps any file an editor wrote or changed (journal.py).
`atomic_write` is the one way this project replaces a file; `lock.py` keeps two builds apart.
"""
from __future__ import annotations

from generator.write.journal import (JOURNAL, OWNED_TREE, WriteError, WriteReport, atomic_write, generated_files,
                                     write_pages)

__all__ = ["JOURNAL", "OWNED_TREE", "WriteError", "WriteReport", "atomic_write", "generated_files", "write_pages"]
