"""Resolving names across the archive: one entity per real-world entity, never two people as one.

Articles are composed here: each is a few sentences and the mentions extraction would give.
"""
from __future__ import annotations

import pytest

from generator.models import ORGANIZATION, PERSON, Extraction, Mention, Quote
from generator.index.resolve import ARCHIVE, resolve_archive


def _m(name, type_=ORGANIZATION, aliases=None, registered=False, hint="", evidence=("acts",)):
    return Mention(name, type_, tuple(aliases if aliases is not None else (name,)), (f"{name} acted.",),
                   registered=registered, evidence=evidence, key_hint=hint)


def _ex(*actors, text="", held=(), quotes=()):
    return Extraction(title="t", date=None, dateline=None, paragraphs=(text,) if text else (),
                      actors=tuple(actors), held=tuple(held), quotes=tuple(quotes))


def _names(resolved) -> set[str]:
    return {m.name for ex in resolved.values() for m in ex.actors}


@pytest.mark.parametrize("a, b, type_", [
    ("Al Shabaab", "al-Shabab", ORGANIZATION),
    ("Abdel Fattah al-Burhan", "Abdelfattah El Burhan", PERSON),
    ("US Africa Command", "U.S Africa Command", ORGANIZATION),
    ("Yehia Rasool", "Yahya Rasul", PERSON),
    ("Mohammed Karimi", "Muhammad Karimi", PERSON),
    ("Kataib Sayyid", "Kata'ib Sayyed", ORGANIZATION),
    ("Union for the Defence of Farmers", "Farmers Defence Union", ORGANIZATION),  # one name, two translations
    ("Mahdi Karimi", "Mehdi Karimi", PERSON),  # a vowel of a transliteration
    ("Hussein Zubaidi", "Husayn Zubaidi", PERSON),
])
def test_spellings_of_one_name_are_one_entity(a, b, type_):
    resolved = resolve_archive({"a1": _ex(_m(a, type_)), "a2": _ex(_m(b, type_)), "a3": _ex(_m(a, type_))})
    assert _names(resolved) == {a}


@pytest.mark.parametrize("a, b, type_", [
    ("Mohammed Karimi", "Mahmoud Karimi", PERSON),
    ("Hassan Zubaidi", "Hussein Zubaidi", PERSON),
    ("Jamal Haddad", "Jamil Haddad", PERSON),
    ("Hadi Nasser", "Huda Nasser", PERSON),
    ("Farmers Union", "Union Farmers Bank", ORGANIZATION),
    ("National Farmers Union", "National Union", ORGANIZATION),
    ("Matthew Taylor", "Matthew Tueller", PERSON),  # one skeleton, two people: spelled unlike (names.spelled_alike)
    ("Pat Tiller", "Pat Taylor", PERSON),
])
def test_different_names_stay_apart(a, b, type_):
    resolved = resolve_archive({"a1": _ex(_m(a, type_)), "a2": _ex(_m(b, type_))})
    assert _names(resolved) == {a, b}


def test_quotes_follow_the_entity_name():
    q = Quote("We will not stop.", "al-Shabab", 0)
    resolved = resolve_archive({"a1": _ex(_m("Al Shabaab")), "a2": _ex(_m("Al Shabaab")),
                                "a3": _ex(_m("al-Shabab"), quotes=[q])})
    assert resolved["a3"].quotes[0].speaker == "Al Shabaab"


_UNION = "the Union for the Defence of Farmers (KDZ) said it would march."


@pytest.mark.parametrize("defining, first, other", [
    # the acronym is not the initials of the English name (a translation): both in the article
    (_UNION, [("Union for the Defence of Farmers", ORGANIZATION), ("KDZ", ORGANIZATION)], "KDZ"),
    # only the name is an actor of the defining article
    (_UNION, [("Union for the Defence of Farmers", ORGANIZATION)], "KDZ"),
    # the name cut short before its particles (and taken for a person): the whole phrase spells it
    ("fighters of Harakat Nusrat ul-Fallahin wa al-Ummal (HNFU) said.",
     [("Harakat Nusrat", PERSON), ("HNFU", ORGANIZATION)], "HNFU"),
    # an acronym after a comma inside the parenthesis
    ("the Union for the Defence of Farmers (KDZ, a banned group) said.",
     [("Union for the Defence of Farmers", ORGANIZATION)], "KDZ"),
])
def test_an_acronym_defined_in_one_article_joins_its_name_in_others(defining, first, other):
    resolved = resolve_archive({"a1": _ex(*(_m(n, t) for n, t in first), text=defining), "a2": _ex(_m(other))})
    assert len(_names(resolved)) == 1
    assert {m.type for ex in resolved.values() for m in ex.actors} == {ORGANIZATION}


def test_one_acronym_of_two_names_that_spell_it_joins_neither():
    resolved = resolve_archive({
        "a1": _ex(_m("Somali National Army", aliases=["Somali National Army", "SNA"])),
        "a2": _ex(_m("Syrian National Army", aliases=["Syrian National Army", "SNA"])),
        "a3": _ex(_m("SNA")),
    })
    assert _names(resolved) == {"Somali National Army", "Syrian National Army", "SNA"}


def test_an_agency_credit_is_not_an_acronym():
    resolved = resolve_archive({"a1": _ex(_m("Farmers Union"), _m("AFP"), text="said the Farmers Union (AFP)."),
                                "a2": _ex(_m("AFP"))})
    assert _names(resolved) == {"Farmers Union", "AFP"}


@pytest.mark.parametrize("wordings, registered, expected", [
    (["Ruritanian army", "Ruritanian military", "Ruritanian army"], None, "Ruritanian army"),  # most used
    (["Ruritanian army", "Ruritanian Armed Forces", "Ruritanian army"], None, "Ruritanian Armed Forces"),  # proper
    (["Ruritanian army", "Ruritania's military"], "Ruritanian Defence Forces", "Ruritanian Defence Forces"),
])
def test_a_countrys_army_is_one_entity(wordings, registered, expected):
    arts = {f"a{i}": _ex(_m(w, hint="A:Ruritania")) for i, w in enumerate(wordings)}
    if registered:
        arts["reg"] = _ex(_m(registered, registered=True, hint="A:Ruritania"))
    assert _names(resolve_archive(arts)) == {expected}


def test_two_register_entries_never_merge():
    resolved = resolve_archive({"a1": _ex(_m("Ruritanian Army", registered=True, hint="A:Ruritania")),
                                "a2": _ex(_m("Ruritanian Guard", registered=True, hint="A:Ruritania")),
                                "a3": _ex(_m("Ruritanian military", hint="A:Ruritania"))})
    assert {"Ruritanian Army", "Ruritanian Guard"} <= _names(resolved)


def test_armies_of_two_countries_stay_apart():
    resolved = resolve_archive({"a1": _ex(_m("Ruritanian army", hint="A:Ruritania")),
                                "a2": _ex(_m("Freedonian army", hint="A:Freedonia"))})
    assert _names(resolved) == {"Ruritanian army", "Freedonian army"}


@pytest.mark.parametrize("held_name, admitted_name, promoted", [
    ("Farmers Union", "Farmers Union", True),            # admitted elsewhere: promoted
    ("Ruritanian military", "Ruritanian army", True),    # the same army by its key
    ("Farmers Union", "Workers Union", False),           # another entity: stays held
    ("Hadi Nasser", "Huda Nasser", False),
])
def test_held_candidates_are_promoted_by_other_articles(held_name, admitted_name, promoted):
    hint = "A:Ruritania" if "Ruritanian" in held_name else ""
    held = _m(held_name, PERSON if "Nasser" in held_name else ORGANIZATION, hint=hint, evidence=("army",))
    admitted = _m(admitted_name, held.type, hint=hint if "Ruritanian" in admitted_name else "")
    resolved = resolve_archive({"a1": _ex(held=[held]), "a2": _ex(admitted)})
    actors = resolved["a1"].actors
    assert bool(actors) == promoted and bool(resolved["a1"].held) != promoted
    if promoted:
        assert actors[0].name == admitted_name and ARCHIVE in actors[0].evidence


def test_held_in_every_article_stays_held():
    held = _m("Farmers Union", evidence=("name",))
    resolved = resolve_archive({"a1": _ex(held=[held]), "a2": _ex(held=[held])})
    assert all(ex.held and not ex.actors for ex in resolved.values())


def test_a_bare_surname_joins_only_an_unambiguous_full_name():
    one = resolve_archive({"a1": _ex(_m("Daniel Korr", PERSON, ["Daniel Korr", "Korr"])),
                           "a2": _ex(_m("Korr", PERSON))})
    two = resolve_archive({"a1": _ex(_m("Daniel Korr", PERSON, ["Daniel Korr", "Korr"])),
                           "a2": _ex(_m("Miriam Korr", PERSON, ["Miriam Korr", "Korr"])),
                           "a3": _ex(_m("Korr", PERSON))})
    assert _names(one) == {"Daniel Korr"}
    assert _names(two) == {"Daniel Korr", "Miriam Korr", "Korr"}
