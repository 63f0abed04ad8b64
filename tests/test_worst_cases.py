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

from generator.index.archive import NEW_PER_ARTICLE, build_archive, cap_new_entities, make_article
from generator.index.insights import CROWDED, appears_with
from generator.models import Extraction, Mention
from generator.read.register import Register


def _person(name: str, evidence=("name",), registered=False) -> Mention:
    return Mention(name, "person", (name,), (f"{name} was there.",), registered=registered, evidence=evidence)


def _extraction(names, bases=()) -> Extraction:
    return Extraction(title="A briefing", date=dt.date(2024, 3, 5), dateline=None, paragraphs=("Text.",),
                      actors=tuple(_person(n) for n in names),
                      bases=tuple(Mention(b, "base", (b,), (f"{b} was hit.",)) for b in bases))


def _archive(stories: list[list[str]]):
    articles = [make_article(f"{i:03d}_story", _extraction(names), None) for i, names in enumerate(stories)]
    return build_archive(articles, Register())


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

    object.__setattr__(archive, "entity", counting)  # the archive is frozen: count on this one object only
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



# -- extraction: the references attribution builds are bounded by the words of the text

_REGISTER = Register()
_FRAGMENTS = {
    "quote": lambda i: f"\u201cWe hold line {i},\u201d ",
    "quote_said": lambda i: f"\u201cline {i},\u201d he said, ",
    "quote_sentence": lambda i: f"\u201cLine {i} held.\u201d ",
    "quote_and": lambda i: f"\u201cline {i}\u201d and ",
    "pronoun_list": lambda i: "he, she and they ",
    "role": lambda i: f"\u201cWe hold line {i},\u201d the spokesman said. ",
    "pronouns": lambda i: "he and she and they and ",
    "name": lambda i: f"Alan{'abcdefghij'[i % 10]} Brook{'klmnopqrst'[i // 10 % 10]}, ",
    "bracket": lambda i: "([{(",
    "dash": lambda i: "-\u2014\u2013 ",
    "combining": lambda i: "Ba\u0301s\u0327e\u0308 ",
    "stop": lambda i: "said. ",
    "paragraph": lambda i: "\n\n",
}


def _counting_refs(monkeypatch) -> list[int]:
    from generator.extract import quotes

    built, real = [0], quotes.Ref

    def counting(*args, **kwargs):
        built[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(quotes, "Ref", counting)
    return built


def _composed(runs) -> str:
    body = "".join(_FRAGMENTS[kind](i) for kind, n in runs for i in range(n))
    return "Generated worst case\n\nBaghdad, 5 March 2024 (Reuters) - Colonel Alan Brook spoke.\n\n" + body


@pytest.mark.parametrize("runs", [
    [("quote_and", 150), ("pronoun_list", 150), ("stop", 1)],  # quotes strung in a sentence a pronoun list closes
    [("quote_said", 200), ("stop", 1)],  # one sentence of quotes, each with its own "he said"
    [("quote_and", 60), ("name", 30), ("pronoun_list", 60), ("stop", 1), ("quote_said", 60), ("stop", 1)],
    # names, then a run-on sentence of quotes each with its "he": every "he" read the names again (600 built)
    [("name", 13), ("quote_said", 40), ("paragraph", 1), ("name", 2)],
])
def test_attribution_builds_references_in_proportion_to_the_words(monkeypatch, runs):
    """Before: every quote rebuilt the references of its whole sentence (420,000 for 3,400 words)."""
    from generator.extract import extract

    built = _counting_refs(monkeypatch)
    text = _composed(runs)
    extract(text, _REGISTER)
    assert built[0] <= 2 * len(text.split()) + 50


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(_FRAGMENTS)), st.integers(min_value=1, max_value=150)),
                min_size=1, max_size=8))
def test_no_composition_of_worst_cases_builds_more_than_linear_references(runs):
    from generator.extract import extract, quotes

    built, real = [0], quotes.Ref

    def counting(*args, **kwargs):
        built[0] += 1
        return real(*args, **kwargs)

    quotes.Ref = counting
    try:
        text = _composed(runs)
        ex = extract(text, _REGISTER)
    finally:
        quotes.Ref = real
    assert ex.error is None
    assert built[0] <= 2 * len(text.split()) + 50


@pytest.mark.parametrize("filler, speaker", [
    ("and the line held ", "Alan Brook"),  # an ordinary sentence: "he" is the colonel
    ("and the line held " * 100, None),  # 1,800 characters of run-on text: not guessed
])
def test_a_pronoun_looks_back_a_bounded_way_inside_its_own_sentence(filler, speaker):
    from generator.extract import extract

    text = ("Generated worst case\n\nBaghdad, 5 March 2024 (Reuters) - Fighting went on.\n\n"
            f"Colonel Alan Brook arrived {filler}and \u201cwe will stay here for a long time,\u201d he said.")
    quotes = extract(text, _REGISTER).quotes
    assert [(q.text, q.speaker) for q in quotes] == [("we will stay here for a long time", speaker)]
