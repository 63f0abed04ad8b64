"""jsontext.dumps_indented gives json.dumps' text (ensure_ascii=False, indent=N), byte for byte."""
import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.render.jsontext import dumps_indented

_leaves = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
           | st.text())
_data = st.recursive(_leaves, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                     | st.dictionaries(st.text(), inner, max_size=4), max_leaves=30)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(data=_data, indent=st.integers(min_value=0, max_value=3))
def test_any_plain_data_comes_out_as_the_json_module_writes_it(data, indent):
    assert dumps_indented(data, indent) == json.dumps(data, ensure_ascii=False, indent=indent)


class _Name(str):
    pass


@pytest.mark.parametrize("data", [
    [], {}, [[]], [{}], {"a": []}, {"a": {}},
    ["\u2019 quoted \"words\" \\ and a tab\t", "\ud800 a lone surrogate", "\x00\x1f\x7f", "\u2028"],
    [0, -1, 2 ** 80, 1.5, -0.0, 1e300, 5e-324, math.nan, math.inf, -math.inf],
    [True, False, None, 1, 1.0, True == 1],
    {"nested": {"deeper": [1, [2, [3, {"x": None}]]]}, "after": "y"},
    [_Name("a str subclass"), {"key": _Name("value")}],
    {_Name("subclassed key"): 1},
    {1: "int key", None: "none key", True: "bool key", 2.5: "float key"},  # handed to the json module
])
def test_table(data):
    assert dumps_indented(data, 1) == json.dumps(data, ensure_ascii=False, indent=1)


def test_other_types_raise_what_the_json_module_raises():
    with pytest.raises(TypeError):
        dumps_indented({"when": object()}, 1)
    loop: list = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular"):
        dumps_indented(loop, 1)


def test_deep_nesting_is_the_json_modules_text_or_error():
    deep: list = []
    for _ in range(50):
        deep = [deep]
    assert dumps_indented(deep, 1) == json.dumps(deep, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("which", ["golden", "hostile"])
def test_the_exports_are_the_json_modules_text(which):
    from test_feeds import ARCHIVES

    from generator.render import exports

    archive = ARCHIVES[which]()
    records = [exports._article_record(a, archive) for a in archive.articles]
    entities = [exports._entity_record(e) for e in (*archive.actors.values(), *archive.bases.values())]
    for data in (records, entities):
        assert exports._json(data) == json.dumps(data, ensure_ascii=False, indent=1) + "\n"


@pytest.mark.parametrize("which", ["golden", "hostile"])
def test_the_exports_written_record_by_record_are_the_json_modules_text(which):
    """render_exports writes each record's text on its own (so that a kept one can be reused): the
    files are still json.dumps' text of the whole, at each depth a record sits."""
    from test_feeds import ARCHIVES

    from generator.render import exports

    archive = ARCHIVES[which]()
    files = {p.path: p.text for p in exports.render_exports(archive)}
    for path in ("data/articles.json", "data/entities.json", "data/events.geojson"):
        data = json.loads(files[path])
        assert files[path] == json.dumps(data, ensure_ascii=False, indent=1) + "\n", path
    assert json.loads(files["data/articles.json"])  # not empty
    odd = [[], {}, [None, 1.5, True], {"a": [{"b": []}], "c": "line\nbreak \u2028 <script>"}, "x"]
    for values in ([], odd, [odd]):
        for depth in (1, 2, 3):
            assert exports._items(values, depth, exports.encode_item) == \
                json.dumps(values, ensure_ascii=False, indent=1).replace("\n", "\n" + " " * (depth - 1))
