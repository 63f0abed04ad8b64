"""libyaml (the fast path of read/yamlfile.py) and the pure-Python loader read every editor file the
same way: the same data, the same problems with the same lines."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.read import yamlfile

ROOT = Path(__file__).resolve().parent.parent
TEXTS = {
    "register": (ROOT / "register.yml").read_text(encoding="utf-8"),
    "sidecar": "title: A title\ndate: 2024-03-02\nsource: Wire\nurl: https://example.org/a\n",
    "dates stay strings": "date: 2024-13-45\n",
    "duplicate key": "title: a\ntitle: b\n",
    "anchors": "a: &x [1, 2]\nb: *x\n",
    "tab indentation": "actors:\n\t- name: x\n",
    "unclosed quote": 'title: "open\n',
    "control character": "title: a\x07b\n",
    "escaped control": 'title: "a\\x02b"\n',
    "empty": "",
    "a list": "- a\n- b\n",
    "deep": "a: " + "[" * 30 + "]" * 30 + "\n",
}


@pytest.mark.skipif(yamlfile._FastLoader is None, reason="PyYAML without libyaml")
@pytest.mark.parametrize("name", sorted(TEXTS))
def test_both_parsers_agree(name, tmp_path, monkeypatch):
    path = tmp_path / "file.yml"
    path.write_text(TEXTS[name], encoding="utf-8")
    fast_doc, fast_problems = yamlfile.read_yaml(path, "file.yml")
    monkeypatch.setattr(yamlfile, "_FastLoader", None)
    slow_doc, slow_problems = yamlfile.read_yaml(path, "file.yml")
    assert [str(p) for p in fast_problems] == [str(p) for p in slow_problems]
    assert (fast_doc is None) == (slow_doc is None)
    if fast_doc is not None:
        assert fast_doc.data == slow_doc.data


def test_the_fast_path_is_taken():
    assert yamlfile._FastLoader is not None  # requirements.txt pins PyYAML wheels built with libyaml
