"""The generator's data files parse to the same values with libyaml as with PyYAML's own parser."""
from pathlib import Path

import pytest
import yaml

import generator
from generator.datafile import load_yaml

DATA_FILES = sorted(Path(generator.__file__).parent.rglob("data/*.yml"))


def test_every_data_file_is_checked():
    names = {p.name for p in DATA_FILES}
    assert {"common_words.yml", "name_variants.yml", "incidents.yml", "people.yml", "places.yml"} <= names


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_same_values_as_the_pure_python_loader(path):
    with open(path, encoding="utf-8") as fh:
        assert load_yaml(path) == yaml.load(fh, Loader=yaml.SafeLoader)


def test_libyaml_is_used_when_present():
    from generator import datafile
    assert datafile._Loader is (yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader)


def test_an_empty_file_is_none(tmp_path):
    empty = tmp_path / "empty.yml"
    empty.write_text("", encoding="utf-8")
    assert load_yaml(empty) is None
