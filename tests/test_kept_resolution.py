"""A long-lived process keeps the archive's names between passes (speed/kept_resolution.py): after
every edit, its articles are the ones `resolve_archive` gives, and the names are worked out again
exactly when an edit changed what they are worked out from."""
from __future__ import annotations

from dataclasses import replace

import pytest

from generator.index import resolve
from generator.index.resolve import resolve_archive
from generator.models import ORGANIZATION, PERSON, Extraction, Mention, Quote
from generator.speed import kept_resolution
from generator.speed.kept_resolution import KeptResolution


def _m(name, type_=PERSON, aliases=None, evidence=("speaks",), hint=""):
    return Mention(name, type_, tuple(aliases if aliases is not None else (name,)), (f"{name} spoke.",),
                   evidence=evidence, key_hint=hint)


def _ex(*actors, held=(), quotes=(), text="", bases=()):
    return Extraction(title="t", date=None, dateline=None, paragraphs=(text,) if text else (),
                      actors=tuple(actors), bases=tuple(bases), held=tuple(held), quotes=tuple(quotes))


def _archive() -> dict[str, Extraction]:
    """Short forms that join a long name, a held candidate another article admits, a defined acronym,
    quotes whose speakers are renamed."""
    return {
        "a1": _ex(_m("Daniel Korr", aliases=["Daniel Korr", "Korr"]),
                  quotes=(Quote("We will stay.", "Daniel Korr", 0),)),
        "a2": _ex(_m("Korr"), quotes=(Quote("Nothing has changed.", "Korr", 0),)),
        "a3": _ex(_m("Farmers Defence Union", ORGANIZATION), held=[_m("Miriam Osei", evidence=("name",))]),
        "a4": _ex(_m("Miriam Osei"), _m("Union for the Defence of Farmers", ORGANIZATION)),
        "a5": _ex(_m("Group for the Support of Farmers", ORGANIZATION), _m("GSF", ORGANIZATION),
                  text="the Group for the Support of Farmers (GSF) said."),
        "a6": _ex(_m("GSF", ORGANIZATION)),
    }


def _quote_changed(archive):
    archive["a2"] = replace(archive["a2"], quotes=(Quote("Everything has changed.", "Korr", 0),))


def _paragraph_changed(archive):
    archive["a4"] = replace(archive["a4"], paragraphs=("Miriam Osei spoke at length.",))


def _same_extraction_again(archive):
    archive["a1"] = replace(archive["a1"])  # equal, not the same object


def _second_long_name(archive):  # "Korr" now names two people: the bare one joins neither
    archive["a4"] = replace(archive["a4"], actors=archive["a4"].actors + (_m("Miriam Korr", aliases=["Miriam Korr", "Korr"]),))


def _long_name_gone(archive):
    archive["a1"] = _ex()


def _admitting_article_gone(archive):  # a3's held candidate is no longer admitted
    archive["a4"] = replace(archive["a4"], actors=archive["a4"].actors[1:])


def _acronym_no_longer_defined(archive):
    archive["a5"] = replace(archive["a5"], paragraphs=("the Group for the Support of Farmers said.",))


def _spelling_changed(archive):  # no other article reads otherwise, but the names are worked out again
    archive["a2"] = replace(archive["a2"], actors=(_m("Korr", aliases=["Korr", "Kor"]),))


def _article_added(archive):
    archive["a7"] = _ex(_m("Daniel Korr"))


def _article_removed(archive):
    del archive["a6"]


SAME_NAMES = [_quote_changed, _paragraph_changed, _same_extraction_again]
NEW_NAMES = [_second_long_name, _long_name_gone, _admitting_article_gone, _acronym_no_longer_defined,
             _spelling_changed, _article_added, _article_removed]


@pytest.fixture
def counted(monkeypatch):
    """How many times the archive's names are worked out."""
    calls = []

    def archive_names(folded):
        calls.append(len(folded))
        return resolve.archive_names(folded)

    monkeypatch.setattr(kept_resolution, "archive_names", archive_names)
    return calls


def test_the_first_pass_is_resolve_archives():
    archive = _archive()
    assert KeptResolution()(archive) == resolve_archive(archive)
    resolved = resolve_archive(archive)
    assert resolved["a2"].quotes[0].speaker == "Daniel Korr" and resolved["a3"].actors  # the cases bite
    assert {m.name for m in resolved["a5"].actors} == {"Group for the Support of Farmers"}


@pytest.mark.parametrize("edit", SAME_NAMES + NEW_NAMES, ids=lambda f: f.__name__.strip("_"))
def test_after_an_edit_the_articles_are_resolve_archives(edit, counted):
    kept, archive = KeptResolution(), _archive()
    kept(archive)
    edited = dict(archive)
    edit(edited)
    got = kept(edited)
    assert got == resolve_archive(edited) and list(got) == list(edited)
    assert len(counted) == (1 if edit in SAME_NAMES else 2)


@pytest.mark.parametrize("edit", [e for e in NEW_NAMES if e not in (_spelling_changed, _article_added, _article_removed)],
                         ids=lambda f: f.__name__.strip("_"))
def test_the_names_change_where_the_edit_says(edit):
    """The edits that work the names out again are ones after which some other article reads otherwise
    (or the archive's articles differ): keeping the names would have been wrong."""
    archive = _archive()
    before = resolve_archive(archive)
    edited = dict(archive)
    edit(edited)
    after = resolve_archive(edited)
    assert any(after[stem] != before[stem] for stem in after if edited[stem] is archive[stem])


def test_an_edit_undone_and_two_in_a_row(counted):
    kept, archive = KeptResolution(), _archive()
    kept(archive)
    first = dict(archive)
    _quote_changed(first)
    second = dict(first)
    _paragraph_changed(second)
    for step in (first, second, archive):
        assert kept(step) == resolve_archive(step)
    assert len(counted) == 1
    renamed = dict(archive)
    _second_long_name(renamed)
    assert kept(renamed) == resolve_archive(renamed)
    assert kept(archive) == resolve_archive(archive)
    assert len(counted) == 3


def test_serving_steps_keep_the_names_and_a_one_off_build_does_not(project_copy):
    from generator import settings, speed
    from generator.project import Project

    project = Project(root=project_copy)
    assert speed.steps(project, settings.current()).resolve is resolve_archive
    assert isinstance(speed.steps(project, settings.current(), long_lived=True).resolve, KeptResolution)
    assert speed.steps(project, replace(settings.current(), cache=False), long_lived=True).resolve is resolve_archive
