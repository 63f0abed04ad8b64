"""Issue 13 "Time": work that must not grow with the square of the input.

No wall-clock assertions: the tests count the work done (entity look-ups, calls)
and bound it by the size of the input. benchmarks/worst_cases.py times the
same shapes (`make bench`).
"""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.archive import NEW_PER_ARTICLE, build_archive, cap_new_entities, make_article
from generator.insights import CROWDED, appears_with, enrich
from generator.models import Extraction, Mention
from generator.register import Register


def _person(name: str, evidence=("name",), registered=False) -> Mention:
    return Mention(name, "person", (name,), (f"{name} was there.",), registered=registered, evidence=evidence)


def _extraction(names, bases=()) -> Extraction:
    return Extraction(title="A briefing", date=dt.date(2024, 3, 5), dateline=None, paragraphs=("Text.",),
                      actors=tuple(_person(n) for n in names),
                      bases=tuple(Mention(b, "base", (b,), (f"{b} was hit.",)) for b in bases))


def _archive(stories: list[list[str]]):
    articles = [make_article(f"{i:03d}_story", _extraction(names), None) for i, names in enumerate(stories)]
    return enrich(build_archive(articles, Register()))


def _names(n: int, prefix: str = "Name") -> list[str]:
    return [f"{prefix} Number{i:05d}" for i in range(n)]


@pytest.mark.parametrize("stories, who, expected", [
    # a normal article: everyone named with them, most shared first
    ([["Alan Brook", "Carl Dent", "Enid Fox"], ["Alan Brook", "Enid Fox"]], "Alan Brook",
     [("Enid Fox", 2), ("Carl Dent", 1)]),
    # a list of CROWDED + 1 names says nothing about who appears with whom
    ([["Alan Brook", *_names(CROWDED)]], "Alan Brook", []),
    # ... but the same person's ordinary articles still count
    ([["Alan Brook", *_names(CROWDED)], ["Alan Brook", "Carl Dent"]], "Alan Brook", [("Carl Dent", 1)]),
    # exactly CROWDED names is still an ordinary article
    ([["Alan Brook", *_names(CROWDED - 1)]], "Alan Brook", [(n, 1) for n in _names(CROWDED - 1)]),
])
def test_appears_with_leaves_crowded_articles_out(stories, who, expected):
    archive = _archive(stories)
    got = [(e.name, n) for e, n in appears_with(archive, archive.actors[who])]
    assert got == expected


@settings(max_examples=25, deadline=None)
@given(crowd=st.integers(min_value=0, max_value=600), ordinary=st.integers(min_value=0, max_value=8),
       repeats=st.integers(min_value=1, max_value=4))
def test_appears_with_work_is_linear_in_mentions(crowd, ordinary, repeats):
    """Every entity page's "appears with" together look up at most CROWDED entities per mention,
    however many names one article lists (today's code: the square of the list's length)."""
    stories = [_names(crowd, "Crowd")] + [[f"Person Alpha{i}", f"Person Beta{i}", "Carl Dent"]
                                          for i in range(ordinary)] * repeats
    archive = _archive(stories)
    lookups = 0
    real_entity = archive.entity

    def counting(kind, name):
        nonlocal lookups
        lookups += 1
        return real_entity(kind, name)

    archive.entity = counting
    mentions = 0
    for entity in [*archive.actors.values(), *archive.bases.values()]:
        mentions += len(entity.mentions)
        appears_with(archive, entity)
    assert lookups <= CROWDED * mentions
    if crowd > CROWDED:
        assert lookups <= 3 * mentions  # only the ordinary three-name stories are counted


def _weak(n, prefix="Weak"):
    return [_person(f"{prefix} Person{i:04d}") for i in range(n)]


@pytest.mark.parametrize("mentions, kept, warned", [
    (_weak(NEW_PER_ARTICLE), NEW_PER_ARTICLE, False),
    (_weak(NEW_PER_ARTICLE + 1), NEW_PER_ARTICLE, True),
    (_weak(3 * NEW_PER_ARTICLE), NEW_PER_ARTICLE, True),
    # strong evidence or the register is never capped
    (_weak(NEW_PER_ARTICLE) + [_person(f"Titled Person{i}", evidence=("title",)) for i in range(50)],
     NEW_PER_ARTICLE + 50, False),
    (_weak(NEW_PER_ARTICLE) + [_person(f"Known Person{i}", registered=True) for i in range(50)],
     NEW_PER_ARTICLE + 50, False),
    (_weak(NEW_PER_ARTICLE) + [_person(f"Quoted Person{i}", evidence=("name", "quoted")) for i in range(5)],
     NEW_PER_ARTICLE + 5, False),
])
def test_one_article_creates_a_bounded_number_of_weak_entities(mentions, kept, warned):
    ex = Extraction(title="List", date=None, dateline=None, paragraphs=("Text.",), actors=tuple(mentions))
    out, problems = cap_new_entities({"900_list": ex}, {"900_list": "seeds/900_list.txt"})
    assert len(out["900_list"].actors) == kept
    assert len(out["900_list"].held) == len(mentions) - kept
    assert [p.path for p in problems] == (["seeds/900_list.txt"] if warned else [])
    assert all(p.severity == "warning" and "seeds/900_list.txt" not in p.message for p in problems)


def test_a_name_another_article_uses_is_not_new():
    crowd = Extraction(title="List", date=None, dateline=None, paragraphs=("Text.",),
                       actors=tuple(_weak(NEW_PER_ARTICLE + 1)))
    other = Extraction(title="Other", date=None, dateline=None, paragraphs=("Text.",),
                       actors=(_person(f"Weak Person{NEW_PER_ARTICLE:04d}"),))
    out, problems = cap_new_entities({"a": crowd, "b": other}, {"a": "a.txt", "b": "b.txt"})
    assert len(out["a"].actors) == NEW_PER_ARTICLE + 1 and problems == []

