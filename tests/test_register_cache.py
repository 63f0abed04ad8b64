"""register.yml read again only when its bytes changed (generator/speed/register_cache.py)."""
from __future__ import annotations

import pytest

from generator.read import read_register
from generator.speed import register_cache
from generator.speed.register_cache import StoredRegister

REGISTER = """actors:
  - name: Kataib Hezbollah
    type: organization
    aliases: [KH]
bases:
  - name: Ain al-Asad Air Base
    aliases: [Ain al-Asad]
"""


class Counting:
    def __init__(self):
        self.reads = 0

    def __call__(self, path):
        self.reads += 1
        return read_register(path)


def _entries(register) -> list:
    return [(e.kind, e.name, e.forms) for e in register.entries]


def test_the_same_bytes_are_not_read_again_and_give_the_same_register(tmp_path):
    path, store = tmp_path / "register.yml", tmp_path / ".cache" / "register.pickle"
    path.write_text(REGISTER, encoding="utf-8")
    reader = Counting()
    first, problems = StoredRegister(store, reader)(path)
    again, again_problems = StoredRegister(store, reader)(path)  # a later build: another process's step
    assert reader.reads == 1
    assert _entries(again) == _entries(first) == _entries(read_register(path)[0])
    assert again.fingerprint == first.fingerprint and again_problems == problems == []
    assert again.find("KH", "actor") is not None


def test_changed_bytes_and_a_problem_are_read_and_reported_again(tmp_path):
    path, store = tmp_path / "register.yml", tmp_path / "register.pickle"
    path.write_text(REGISTER, encoding="utf-8")
    reader = Counting()
    StoredRegister(store, reader)(path)
    path.write_text(REGISTER + "  - name: Harir Air Base\n    aliases: 7\n", encoding="utf-8")
    changed, problems = StoredRegister(store, reader)(path)
    assert reader.reads == 2
    assert problems and all(p.path == str(path) for p in problems)
    kept, kept_problems = StoredRegister(store, reader)(path)  # the problems come back from the store
    assert reader.reads == 2 and kept_problems == problems
    assert _entries(kept) == _entries(changed)


@pytest.mark.parametrize("store_bytes", [b"not a pickle", b""])
def test_a_damaged_store_is_read_past(tmp_path, store_bytes):
    path, store = tmp_path / "register.yml", tmp_path / "register.pickle"
    path.write_text(REGISTER, encoding="utf-8")
    store.write_bytes(store_bytes)
    register, _ = StoredRegister(store)(path)
    assert _entries(register) == _entries(read_register(path)[0])


def test_other_code_reads_it_again(tmp_path, monkeypatch):
    path, store = tmp_path / "register.yml", tmp_path / "register.pickle"
    path.write_text(REGISTER, encoding="utf-8")
    reader = Counting()
    StoredRegister(store, reader)(path)
    monkeypatch.setattr(register_cache, "IMPORTED_CODE", "another version")
    StoredRegister(store, reader)(path)
    assert reader.reads == 2


def test_a_register_changed_while_it_was_read_is_not_kept(tmp_path):
    path, store = tmp_path / "register.yml", tmp_path / "register.pickle"
    path.write_text(REGISTER, encoding="utf-8")

    def edited_meanwhile(p):
        found = read_register(p)
        p.write_text(REGISTER.replace("KH", "Kataib"), encoding="utf-8")
        return found

    StoredRegister(store, edited_meanwhile)(path)
    assert not store.exists()


def test_a_missing_register_is_the_readers_empty_one(tmp_path):
    register, problems = StoredRegister(tmp_path / "register.pickle")(tmp_path / "register.yml")
    assert register.entries == [] or not register.entries
    assert problems == []


def test_a_long_lived_process_asks_the_store_only_when_the_file_changed(tmp_path, monkeypatch):
    """speed.steps puts the store behind memo.cached_register: a serving process's every pass does
    not unpickle the register again while the file's size and time are the same."""
    from generator.speed import memo

    monkeypatch.setattr(memo, "_registers", {})
    path, store = tmp_path / "register.yml", tmp_path / "register.pickle"
    path.write_text(REGISTER, encoding="utf-8")
    asked = []
    stored = StoredRegister(store)
    first, _ = memo.cached_register(path, read=lambda p: asked.append(p) or stored(p))
    again, _ = memo.cached_register(path, read=lambda p: asked.append(p) or stored(p))
    assert len(asked) == 1 and again is first
    path.write_text(REGISTER + "  - name: Harir Air Base\n", encoding="utf-8")
    changed, _ = memo.cached_register(path, read=lambda p: asked.append(p) or stored(p))
    assert len(asked) == 2 and changed.find("Harir Air Base", "base") is not None
