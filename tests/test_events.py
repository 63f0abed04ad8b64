"""Events (issue 16): incidents read off one article's sentences, and reports of one incident
across articles gathered into one event; merge and no-merge cases composed here."""
from __future__ import annotations

import datetime as dt

import pytest
from mkdocs.utils.meta import get_data

from generator.extract.incidents import (CLAIM, CONDEMNATION, STATEMENT, blank_quotes, casualties, find_incidents,
                                         incident_date)
from generator.index.archive import make_article
from generator.index.events import build_events, dates_agree
from generator.models import ATTACK, Correction, Extraction, Mention, Quote
from generator.read.register import Register, RegisterEntry

D = dt.date(2023, 10, 23)  # a Monday

ASAD = Mention("Ain al-Asad Air Base", "base", ("Ain al-Asad", "Al Asad air base"))
HARIR = Mention("Harir Air Base", "base", ("Harir",))
IRI = Mention("Islamic Resistance in Iraq", "organization", ("Islamic Resistance in Iraq",))
KH = Mention("Kataib Hezbollah", "organization", ("Kataib Hezbollah",))
GOV = Mention("Iraqi government", "organization", ("Iraqi government", "Iraq"))
RASOOL = Mention("Yehia Rasool", "person", ("Yehia Rasool", "Yahya Rasool"))
ALL = (IRI, KH, GOV, RASOOL)

REGISTER = Register((
    RegisterEntry("Ain al-Asad Air Base", "base", "base", ("Ain al-Asad",), province="Anbar", country="Iraq",
                  coordinates=(33.7856, 42.4412)),
    RegisterEntry("Harir Air Base", "base", "base", ("Harir",), province="Erbil", country="Iraq",
                  coordinates=(36.5373, 44.3436)),
    RegisterEntry("Iraqi government", "actor", "organization", ("Iraq",), government_of="Iraq"),
))


def incidents(text, date=D, bases=(ASAD, HARIR), actors=ALL):
    return find_incidents((text,), date, bases, actors)


# --------------------------------------------------------------------------- one sentence

@pytest.mark.parametrize("text,sub_type,base,roles", [
    ("A drone struck Ain al-Asad on Tuesday, officials said.", "Drone strike", "Ain al-Asad Air Base", ()),
    ("Two Katyusha rockets targeted Harir late on Monday.", "Rocket/missile attack", "Harir Air Base", ()),
    ("A roadside bomb hit a convoy near Ain al-Asad.", "IED", "Ain al-Asad Air Base", ()),
    ("Mortar rounds struck Harir overnight.", "Shelling", "Harir Air Base", ()),
    ("Ain al-Asad came under attack on Monday.", "Attack", "Ain al-Asad Air Base", ()),
    ("Kataib Hezbollah launched a drone at Ain al-Asad on Monday.", "Drone strike", "Ain al-Asad Air Base",
     (("Kataib Hezbollah", "attacker"),)),
    ("The Islamic Resistance in Iraq claimed responsibility for the drone attack on Ain al-Asad.", CLAIM,
     "Ain al-Asad Air Base", (("Islamic Resistance in Iraq", "claimant"),)),
    ("The attack on Harir was claimed by Kataib Hezbollah.", CLAIM, "Harir Air Base", (("Kataib Hezbollah", "claimant"),)),
    ("Iraqi government on Monday strongly denounced the attack on Ain al-Asad.", CONDEMNATION, None,
     (("Iraqi government", "condemner"),)),
])
def test_incident_rules(text, sub_type, base, roles):
    found = incidents(text)
    assert len(found) == 1, found
    assert (found[0].sub_type, found[0].base, found[0].actors) == (sub_type, base, roles)


@pytest.mark.parametrize("text", [
    "Militias have launched several attacks targeting Ain al-Asad and Harir.",  # several incidents
    "US forces would respond if a drone struck Ain al-Asad.",  # a hypothesis
    "Rockets targeted Ain al-Asad and Harir on Monday.",  # two bases: which is whose?
    "No group immediately claimed the attack on Ain al-Asad.",  # a claim denied (and no attack verb)
    "The government refused to condemn the attack on Harir.",  # a condemnation denied
    "\u201cA drone struck Ain al-Asad,\u201d a militia spokesman told reporters.",  # a speaker's words, not the report
    "Factions aligned with Iraq have claimed responsibility for the strike.",  # no claimant named as subject
    "The attacks on Ain al-Asad have been claimed by the Islamic Resistance in Iraq.",  # several
])
def test_no_incident(text):
    assert incidents(text) == ()


@pytest.mark.parametrize("text,killed,wounded", [
    ("A drone struck the base, killing two soldiers.", 2, None),
    ("Two soldiers were killed and three wounded.", 2, 3),
    ("Rockets hit the base, causing no casualties.", 0, 0),
    ("A rocket struck the base, lightly wounding two service members.", None, 2),
    ("The strike injured several contractors.", None, None),  # no number: nothing
    ("The war has killed more than 6,000 people.", None, None),  # not "000 killed"
])
def test_casualties(text, killed, wounded):
    assert casualties(text) == (killed, wounded)


@pytest.mark.parametrize("text,report,expected", [
    ("Rockets struck the base on October 21, 2023.", D, (dt.date(2023, 10, 21), "day", None)),
    ("Rockets struck the base on Saturday.", D, (D, "week", 5)),  # the weekday is kept, never made a day
    ("Rockets struck the base.", D, (D, "week", None)),
    ("Rockets struck the base in September 2023.", D, (dt.date(2023, 9, 1), "month", None)),
    ("Rockets struck the base on Saturday.", None, (None, None, 5)),
    ("Rockets struck the base on November 3, 2023.", D, (D, "week", None)),  # after the report: not believed
])
def test_incident_date(text, report, expected):
    assert incident_date(text, report) == expected


@pytest.mark.parametrize("text,expected", [
    ("Baghdad, Oct 23, 2023 (AFP).- Rockets struck Ain al-Asad overnight.", (D, "week", None, False)),  # filed then
    ("BAGHDAD (Reuters) - Rockets struck Ain al-Asad on October 22, 2023.", (D - dt.timedelta(days=1), "day", None, False)),
    ("A recent rocket strike hit Ain al-Asad.", (D, "week", None, True)),  # older news: the week before
    ("Rockets struck Ain al-Asad days ago, officials said.", (D, "week", None, True)),
    ("Rockets struck Ain al-Asad overnight.", (D, "week", None, False)),  # the day's news
])
def test_incident_dates_in_a_sentence(text, expected):
    (found,) = incidents(text)
    assert (found.date, found.precision, found.weekday, found.earlier) == expected


def test_quotes_are_blanked_even_when_the_sentence_opens_inside_one():
    assert "drone" not in blank_quotes('They are here to stop the drone," the spokesman said.')
    assert "spokesman said" in blank_quotes('They are here to stop the drone," the spokesman said.')


def test_dates_agree():
    week = (D - dt.timedelta(days=6), D)
    assert dates_agree(D, D, None, D, D, None)
    assert not dates_agree(D, D, None, D + dt.timedelta(days=1), D + dt.timedelta(days=1), None)
    assert dates_agree(*week, 0, D, D, None)  # "on Monday", reported on Monday the 23rd
    assert not dates_agree(*week, 1, D, D, None)  # "on Tuesday" cannot be Monday the 23rd


# --------------------------------------------------------------------------- across articles

def art(stem, text, date=D, source="Wire", bases=(ASAD, HARIR), actors=ALL):
    ex = Extraction(title=f"Headline {stem}", date=date, dateline=None, paragraphs=tuple(text.split("\n")),
                    outlet=source, bases=bases, actors=actors)
    return make_article(stem, ex, None)


def events_of(*articles, edits=None):
    events, problems = build_events(list(articles), REGISTER, edits)
    return events, problems


def groups(events):
    return sorted(sorted(r.article.stem for r in e.reports) for e in events)


def later(days):
    return D + dt.timedelta(days=days)


MERGE_CASES = [
    ("two outlets' wordings of one strike",
     [art("a", "A drone struck Ain al-Asad on October 23, 2023, causing no casualties.", source="EFE"),
      art("b", "An armed drone targeted Ain al-Asad Air Base on Monday.", date=later(1), source="Rudaw")],
     [["a", "b"]]),
    ("same base, different stated day",
     [art("a", "A drone struck Ain al-Asad on October 23, 2023."),
      art("b", "A drone struck Ain al-Asad on October 24, 2023.", date=later(1))],
     [["a"], ["b"]]),
    ("same day, different base",
     [art("a", "A drone struck Ain al-Asad on October 23, 2023."),
      art("b", "A drone struck Harir on October 23, 2023.")],
     [["a"], ["b"]]),
    ("different weekdays named in one week",
     [art("a", "A drone struck Ain al-Asad on Monday."),
      art("b", "A drone struck Ain al-Asad on Tuesday.", date=later(1))],
     [["a"], ["b"]]),
    ("different weapons on one day stay apart",
     [art("a", "A drone struck Ain al-Asad on October 23, 2023."),
      art("b", "Rockets struck Ain al-Asad on October 23, 2023.")],
     [["a"], ["b"]]),
    ("a generic attack joins the drone strike",
     [art("a", "A drone struck Ain al-Asad on October 23, 2023."),
      art("b", "Ain al-Asad came under attack on October 23, 2023.")],
     [["a", "b"]]),
    ("a claim and the attack it claims",
     [art("a", "A drone struck Ain al-Asad on Monday."),
      art("b", "The Islamic Resistance in Iraq claimed responsibility for the drone attack on Ain al-Asad.",
          date=later(1))],
     [["a", "b"]]),
    ("one report that names no day joins neither of two days it could be",
     [art("a", "A drone struck Ain al-Asad on October 22, 2023.", date=later(-1)),
      art("b", "A drone struck Ain al-Asad on October 23, 2023."),
      art("c", "A drone struck Ain al-Asad, officials said.")],
     [["a"], ["b"], ["c"]]),
    ("a report that names no day is news of its date or the day or two before",
     [art("a", "A drone struck Ain al-Asad on October 22, 2023.", date=later(-1)),
      art("b", "A drone struck Ain al-Asad overnight, officials said.")],
     [["a", "b"]]),
    ("... or of two days before",
     [art("a", "A drone struck Ain al-Asad on October 21, 2023.", date=later(-2)),
      art("b", "A drone struck Ain al-Asad, officials said.")],
     [["a", "b"]]),
    ("a report that names no day is not news of three days before",
     [art("a", "A drone struck Ain al-Asad on October 20, 2023.", date=later(-3)),
      art("b", "A drone struck Ain al-Asad overnight, officials said.")],
     [["a"], ["b"]]),
    ("a report of a recent strike may be of the week before",
     [art("a", "A drone struck Ain al-Asad on October 20, 2023.", date=later(-3)),
      art("b", "A recent drone strike hit Ain al-Asad, officials said.")],
     [["a", "b"]]),
    ("a dateline's date is the report's: an overnight attack may be the day before",
     [art("a", "A drone struck Ain al-Asad on October 22, 2023.", date=later(-1)),
      art("b", "Baghdad, Oct 23, 2023 (AFP).- A drone struck Ain al-Asad overnight.")],
     [["a", "b"]]),
    ("a claim that names no day is not news of three days before",
     [art("a", "A drone struck Ain al-Asad on October 20, 2023.", date=later(-3)),
      art("b", "The Islamic Resistance in Iraq claimed responsibility for the drone attack on Ain al-Asad.")],
     [["a"], ["b"]]),
    ("a named weekday still allows the week before",
     [art("a", "A drone struck Ain al-Asad on October 20, 2023.", date=later(-3)),
      art("b", "A drone struck Ain al-Asad on Friday, officials said.")],
     [["a", "b"]]),
    ("an undated report joins nothing without shared words",
     [art("a", "A drone struck Ain al-Asad on October 23, 2023."),
      art("b", "A drone struck Ain al-Asad on Monday.", date=None)],
     [["a"], ["b"]]),
    ("two outlets' reports of one condemnation",
     [art("a", "Iraqi government on Monday strongly denounced recent attacks on military bases hosting coalition forces."),
      art("b", "Iraq has strongly condemned the recent attacks on military bases that house US forces.",
          date=later(4))],
     [["a", "b"]]),
    ("a condemnation of something else by the same side",
     [art("a", "Iraqi government on Monday strongly denounced recent attacks on military bases hosting coalition forces."),
      art("b", "Iraq has strongly condemned the US airstrikes on the headquarters of armed groups.", date=later(2))],
     [["a"], ["b"]]),
]


BADR = Mention("Badr Organization", "organization", ("Badr Organization",))
PENTAGON = Mention("Pentagon", "organization", ("Pentagon",))
ALI = Mention("Ali Brigades", "organization", ("Ali Brigades",))  # a name the register does not know
KEIS = Mention("Qais al-Khazali", "person", ("Qais al-Khazali",))
MORE = (*ALL, BADR, PENTAGON, ALI, KEIS)
REGISTER_MORE = Register((*REGISTER.entries,
                          RegisterEntry("Islamic Resistance in Iraq", "actor", "organization", ()),
                          RegisterEntry("Kataib Hezbollah", "actor", "organization", ())))


def told(stem, text, names, date=D, quotes=()):
    """An article whose extraction names exactly these actors (and the bases), and quotes (words, speaker)."""
    ex = Extraction(title=f"Headline {stem}", date=date, dateline=None, paragraphs=tuple(text.split("\n")),
                    outlet="Wire", bases=(ASAD, HARIR), actors=tuple(m for m in MORE if m.name in names),
                    quotes=tuple(Quote(words, who, 1) for words, who in quotes))
    return make_article(stem, ex, None)


IRI_N, KH_N = "Islamic Resistance in Iraq", "Kataib Hezbollah"
WORDS = "This cowardly attack on our forces will not go unanswered by the coalition"
CORROBORATION_CASES = [
    ("two groups claim attacks at one base on one day: two incidents",
     [told("a", "A drone struck Ain al-Asad on Monday.\nThe Islamic Resistance in Iraq claimed responsibility "
                "for the attack.", {IRI_N, "Pentagon"}),
      told("b", "A drone struck Ain al-Asad on Monday.\nKataib Hezbollah claimed responsibility for the attack.",
           {KH_N, "Pentagon"})],
     [["a"], ["b"]]),
    ("the same group claims in both reports: one incident",
     [told("a", "A drone struck Ain al-Asad on Monday.\nThe Islamic Resistance in Iraq claimed responsibility "
                "for the attack.", {IRI_N, "Pentagon"}),
      told("b", "A drone struck Ain al-Asad on Monday.\nThe Islamic Resistance in Iraq claimed responsibility "
                "for the drone attack.", {IRI_N, "Pentagon"})],
     [["a", "b"]]),
    ("a claimant the register does not know conflicts with nothing (it may be a fragment of a name)",
     [told("a", "A drone struck Ain al-Asad on Monday.\nThe Islamic Resistance in Iraq claimed responsibility "
                "for the attack.", {IRI_N, "Pentagon", "Qais al-Khazali"}),
      told("b", "A drone struck Ain al-Asad on Monday.\nThe Ali Brigades claimed responsibility for the attack.",
           {"Ali Brigades", "Pentagon", "Qais al-Khazali"})],
     [["a", "b"]]),
    ("articles that name no actor in common tell two stories",
     [told("a", "A drone struck Ain al-Asad on Monday.", {"Pentagon"}),
      told("b", "A drone struck Ain al-Asad on Monday.", {"Badr Organization"})],
     [["a"], ["b"]]),
    ("articles that each name several actors but only one in common tell two stories",
     [told("a", "A drone struck Ain al-Asad on Monday.", {"Pentagon", IRI_N, "Qais al-Khazali"}),
      told("b", "A drone struck Ain al-Asad on Monday.", {"Pentagon", "Badr Organization", KH_N})],
     [["a"], ["b"]]),
    ("two actors in common corroborate",
     [told("a", "A drone struck Ain al-Asad on Monday.", {"Pentagon", IRI_N, "Qais al-Khazali"}),
      told("b", "A drone struck Ain al-Asad on Monday.", {"Pentagon", IRI_N, KH_N})],
     [["a", "b"]]),
    ("one actor in common is enough when an article names only one",
     [told("a", "A drone struck Ain al-Asad on Monday.", {"Pentagon"}),
      told("b", "A drone struck Ain al-Asad on Monday.", {"Pentagon", IRI_N, KH_N})],
     [["a", "b"]]),
    ("an article that names no actor is not contradicted",
     [told("a", "A drone struck Ain al-Asad on Monday.", set()),
      told("b", "A drone struck Ain al-Asad on Monday.", {"Pentagon", IRI_N})],
     [["a", "b"]]),
    ("the same ten quoted words outweigh actors not in common",
     [told("a", "A drone struck Ain al-Asad on Monday.", {"Qais al-Khazali", "Pentagon", IRI_N},
           quotes=[(WORDS, KEIS.name)]),
      told("b", "A drone struck Ain al-Asad on Monday.", {"Qais al-Khazali", "Badr Organization", KH_N},
           quotes=[(WORDS + " and more", KEIS.name)])],
     [["a", "b"]]),
    ("nine quoted words in common are not enough",
     [told("a", "A drone struck Ain al-Asad on Monday.", {"Qais al-Khazali", "Pentagon", IRI_N},
           quotes=[(" ".join(WORDS.split()[:9]) + " today", KEIS.name)]),
      told("b", "A drone struck Ain al-Asad on Monday.", {"Qais al-Khazali", "Badr Organization", KH_N},
           quotes=[(" ".join(WORDS.split()[:9]) + " tomorrow", KEIS.name)])],
     [["a"], ["b"]]),
]


@pytest.mark.parametrize("case,articles,expected", CORROBORATION_CASES, ids=[c[0] for c in CORROBORATION_CASES])
def test_corroboration_merge_and_no_merge(case, articles, expected):
    events, problems = build_events(articles, REGISTER_MORE)
    assert groups(events) == expected
    assert problems == []
    if len(expected) > 1:  # kept apart, and said so for review
        assert any("kept apart" in d for e in events for d in e.doubts)


@pytest.mark.parametrize("case,articles,expected", MERGE_CASES, ids=[c[0] for c in MERGE_CASES])
def test_merge_and_no_merge(case, articles, expected):
    events, problems = events_of(*articles)
    assert groups(events) == expected
    assert problems == []


def test_a_claim_is_the_events_claimant_and_one_of_its_reports():
    (event,), _ = events_of(art("a", "A drone struck Ain al-Asad on Monday, killing two soldiers."),
                            art("b", "The Islamic Resistance in Iraq claimed responsibility for the drone attack on "
                                     "Ain al-Asad.", date=later(1)))
    assert event.type == ATTACK and event.sub_type == "Drone strike"
    assert event.actors_with("claimant") == ["Islamic Resistance in Iraq"]
    assert [r.article.stem for r in event.reports] == ["a", "b"]  # first report first
    assert event.killed() == (2, 2)
    assert (event.base, event.province, event.country, event.coordinates) == (
        "Ain al-Asad Air Base", "Anbar", "Iraq", (33.7856, 42.4412))
    assert (event.date, event.precision) == (D, "week")  # "on Monday": the report's date, never a guessed day


def test_casualties_that_disagree_make_a_range():
    (event,), _ = events_of(art("a", "A drone struck Ain al-Asad on October 23, 2023, killing two soldiers."),
                            art("b", "A drone struck Ain al-Asad on October 23, 2023, killing three soldiers."))
    assert event.killed() == (2, 3)
    assert [c.report.article.stem for c in event.casualties] == ["a", "b"]


def test_a_condemnation_of_several_attacks_is_its_own_event_linked_to_each():
    events, _ = events_of(
        art("a", "A drone struck Ain al-Asad on October 21, 2023.", date=later(-2)),
        art("b", "Rockets struck Harir on October 22, 2023.", date=later(-1)),
        art("c", "Iraqi government on Monday condemned the drone attack on Ain al-Asad and the rocket attack on Harir."))
    by_stem = {e.reports[0].article.stem: e for e in events}
    assert groups(events) == [["a"], ["b"], ["c"]]  # the attacks never merge through their condemnation
    condemnation = by_stem["c"]
    assert condemnation.sub_type == CONDEMNATION and condemnation.base is None
    assert set(condemnation.related) == {by_stem["a"].id, by_stem["b"].id}
    assert by_stem["a"].related == (condemnation.id,) and by_stem["b"].related == (condemnation.id,)


def test_uncertain_cases_are_listed_for_review():
    events, _ = events_of(art("a", "A drone struck Ain al-Asad on October 23, 2023."),
                          art("b", "Rockets struck Ain al-Asad on October 23, 2023."))
    assert all(any("same base and day" in d for d in e.doubts) for e in events)


def test_statement_by_a_spokesperson_joins_the_condemnation():
    events, _ = events_of(
        art("a", "Iraqi government on Monday strongly denounced recent attacks on military bases hosting coalition forces."),
        art("b", "\u201cThe attacks that target bases hosting coalition advisers are unacceptable,\u201d Yehia Rasool, "
                 "a spokesperson for the Iraqi Prime Minister, said in a statement on Monday.", date=later(2)))
    (event,) = events
    assert event.sub_type == CONDEMNATION
    assert event.actors == (("Iraqi government", "condemner"), ("Yehia Rasool", "spokesperson"))
    assert [r.incidents[0].sub_type for r in event.reports] == [CONDEMNATION, STATEMENT]


def test_ids_and_paths_are_stable_when_other_articles_are_added():
    first, _ = events_of(art("a", "A drone struck Ain al-Asad on October 23, 2023."))
    more, _ = events_of(art("a", "A drone struck Ain al-Asad on October 23, 2023."),
                        art("z", "A drone struck Ain al-Asad on October 23, 2023.", date=later(1)),  # joins it
                        art("b", "Rockets struck Ain al-Asad on October 23, 2023."),  # same words, other event
                        art("c", "A drone struck Harir on October 22, 2023."))
    (e,) = first
    same = next(x for x in more if x.id == e.id)
    assert same.path == e.path == "archive/events/2023-10-23-ain-al-asad-air-base-drone-strike.md"
    assert len({x.path for x in more}) == len(more)


# --------------------------------------------------------------------------- editors' corrections

def fix(action, value=None, target="*", i=0, key=None):
    key = key or {"retype": "type"}.get(action, action)
    return Correction("events", action, target, value, line=3, field=f"events[{i}].{key}")


def test_editor_retypes_and_dates_a_report():
    a = art("a", "Ain al-Asad came under attack on Monday.")
    (event,), problems = events_of(a, edits={"a": ((fix("retype", "Drone strike"), fix("date", "2023-10-22")),
                                                   "seeds/a.yml")})
    assert problems == []
    assert (event.sub_type, event.date, event.precision) == ("Drone strike", dt.date(2023, 10, 22), "day")
    assert set(event.corrected) == {"type", "date"}


def test_editor_splits_a_report_out_and_merges_another_in():
    a = art("a", "A drone struck Ain al-Asad on October 23, 2023.")
    b = art("b", "A drone struck Ain al-Asad on October 23, 2023.")
    c = art("c", "A drone struck Ain al-Asad on October 20, 2023.", date=later(-3))
    assert groups(events_of(a, b, c)[0]) == [["a", "b"], ["c"]]
    events, problems = events_of(a, b, c, edits={"b": ((fix("split", None),), "seeds/b.yml"),
                                                 "c": ((fix("merge", "a"),), "seeds/c.yml")})
    assert problems == []
    assert groups(events) == [["a", "c"], ["b"]]


@pytest.mark.parametrize("correction,message", [
    (fix("retype", "Picnic"), "seeds/a.yml events[0].type: unknown event type 'Picnic'"),
    (fix("merge", "nope"), "seeds/a.yml events[0].merge: merge 'nope' names no other event"),
    (fix("date", "2023-02-30"), "seeds/a.yml events[0].date: '2023-02-30' is not a real date"),
    (fix("split", None, target="Nothing like this"), "seeds/a.yml events[0].split: this article has no event "
                                                     "report starting 'Nothing like this'"),
])
def test_bad_corrections_name_the_file_and_field(correction, message):
    a = art("a", "A drone struck Ain al-Asad on October 23, 2023.")
    events, problems = events_of(a, edits={"a": ((correction,), "seeds/a.yml")})
    assert len(events) == 1
    assert [f"{p.path} {p.message}" for p in problems] == [message] or \
        [f"{p.path} {p.message}".startswith(message) for p in problems] == [True]
    assert problems[0].line == 3 and problems[0].field == correction.field


def test_sidecar_events_section_is_read_with_lines_and_fields(tmp_path):
    from generator.read.seeds import load_sidecar
    side = tmp_path / "a.yml"
    side.write_text("source: Wire\nevents:\n  - sentence: A drone struck\n    type: Drone strike\n"
                    "  - merge: 000_other\n  - split: true\n    date: 2023-10-22\n", encoding="utf-8")
    sidecar, problems = load_sidecar(side, "seeds/a.yml")
    assert problems == []
    got = [(c.action, c.target, c.value, c.field, c.line) for c in sidecar.events]
    assert got == [("retype", "A drone struck", "Drone strike", "events[0].type", 4),
                   ("merge", "*", "000_other", "events[1].merge", 5),
                   ("split", "*", None, "events[2].split", 6),
                   ("date", "*", "2023-10-22", "events[2].date", 7)]
    side.write_text("events:\n  - retype: Drone strike\n", encoding="utf-8")
    sidecar, problems = load_sidecar(side, "seeds/a.yml")
    assert len(problems) == 1 and problems[0].path == "seeds/a.yml" and problems[0].field == "events[0].retype"
    assert "did you mean 'type'" in problems[0].message


def test_review_lists_uncertain_events():
    from pathlib import Path

    from generator.index.archive import build_archive
    from generator.review import Files, uncertain_events_section
    archive = build_archive([art("a", "A drone struck Ain al-Asad on October 23, 2023."),
                             art("b", "Rockets struck Ain al-Asad on October 23, 2023.")], REGISTER)
    lines = uncertain_events_section(archive, Files(Path(".")))
    assert lines[0] == "Uncertain events (2):"
    assert sum("same base and day" in line for line in lines) == 2
    assert any("events: [{merge:" in line for line in lines)


def test_event_pages_and_exports_escape_untrusted_text():
    import csv
    import io
    import json

    from generator.index.archive import build_archive
    from generator.render.exports import render_exports
    from generator.render.pages import render_site
    hostile = ("A drone struck Ain al-Asad on Monday <script>alert(1)</script> [x](javascript:alert(1)) "
               "{{ 7*7 }} =HYPERLINK(\"http://evil\").")
    a = art("a", hostile, source="<b>Evil</b> | *Wire*")
    archive = build_archive([a], REGISTER)
    (event,) = archive.events
    pages = {p.path: p.text for p in render_site(archive) + render_exports(archive)}
    for path in (event.path, "archive/events/index.md"):
        text = pages[path]
        assert "<script" not in text and "](javascript" not in text and "<b>" not in text, path
    assert "{{ 7*7 }}" not in pages[event.path] or "49" not in pages[event.path]
    rows = list(csv.DictReader(io.StringIO(pages["data/events.csv"])))
    assert rows[0]["notes"] == hostile and rows[0]["source"] == "<b>Evil</b> | *Wire*"  # data stays data
    geo = json.loads(pages["data/events.geojson"])
    assert geo["features"][0]["geometry"]["coordinates"] == [42.4412, 33.7856]  # RFC 7946: lon, lat


def test_a_long_events_index_shows_the_latest_and_a_page_per_year(monkeypatch):
    """Over ON_INDEX events, Events lists the latest and links each year's page (in by-year/, beside
    the event pages); every event is on its year's page once, and year pages are not searched."""
    import generator.render.pages as pages_module
    from generator.index.archive import build_archive
    from generator.render.pages import render_site
    monkeypatch.setattr(pages_module, "ON_INDEX", 2)
    dates = [dt.date(2023, 10, 23), dt.date(2023, 11, 20), dt.date(2024, 1, 15), dt.date(2024, 2, 19)]
    archive = build_archive([art(f"e{n}", "A drone struck Ain al-Asad on Monday.", date=d)
                             for n, d in enumerate(dates)], REGISTER)
    assert len(archive.events) == 4
    pages = {p.path: p.text for p in render_site(archive)}
    main = pages["archive/events/index.md"]
    assert "The 2 latest, newest first. **Full record by year:** [2024](by-year/2024.md) (2) · " \
           "[2023](by-year/2023.md) (2)" in main
    assert main.count("| Drone strike |") == 2
    years = {path: text for path, text in pages.items() if path.startswith("archive/events/by-year/")}
    assert sorted(years) == ["archive/events/by-year/2023.md", "archive/events/by-year/2024.md"]
    assert sum(text.count("| Drone strike |") for text in years.values()) == 4
    y2023 = years["archive/events/by-year/2023.md"]
    _, front = get_data(y2023)  # as MkDocs reads it
    assert front["search"] == {"exclude": True} and "# Events: 2023" in y2023
    assert "[← Events](../index.md) · **Full record by year:** [2024](2024.md) · [2023](2023.md)" in y2023


# --------------------------------------------------------------------------- names found without patterns

def _spans_by_pattern(text, mentions):
    """name_spans as it was: each form's compiled pattern (the reference the literal search must equal)."""
    from generator.extract.incidents import _form_rx, _form_rx_exact, _forms
    hits = []
    for m in mentions:
        for form, low, any_case in _forms(m.name, m.aliases):
            rx = _form_rx(form) if any_case else _form_rx_exact(form)
            hits += [(x.start(), x.end(), m.name) for x in rx.finditer(text)]
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out = []
    for h in hits:
        if not out or h[0] >= out[-1][1]:
            out.append(h)
    return out


@pytest.mark.parametrize("text, expected", [
    ("Ain al-Asad was hit; AIN AL-ASAD again", ["Ain al-Asad Air Base", "Ain al-Asad Air Base"]),
    ("the port of Port Sudan", []),  # one word: as written only ("Port" alone is not a form here)
    ("pre-Harir and Harir-based units, then Harir.", ["Harir Air Base"]),  # a dash joins words
    ("Harir_2 and 2Harir are not Harir", ["Harir Air Base"]),
    ("Iraqi government, Iraq's and iraq", ["Iraqi government", "Iraqi government"]),  # one word: case kept
    ("İzmir and Ain al-Asad", ["Ain al-Asad Air Base"]),  # not ASCII: the patterns' way
    # "İ" lowers to "i̇", so "ain al-asad" is not in the lowered text, yet the pattern matches it
    ("AİN AL-ASAD was hit", ["Ain al-Asad Air Base"]),
])
def test_name_spans_found_without_patterns_as_with_them(text, expected):
    from generator.extract.incidents import name_spans
    mentions = (ASAD, HARIR, GOV)
    found = name_spans(text, mentions)
    assert [name for _, _, name in found] == expected
    assert found == _spans_by_pattern(text, mentions)


def test_name_spans_equal_the_patterns_on_random_text():
    import random

    from generator.extract.incidents import name_spans
    rng = random.Random(5)
    names = ["Ain al-Asad", "U.S.", "Iraq", "Kataib Hezbollah", "T4", "Port", "PMF", "co-op", "A_B", "Kūt", "K"]
    pieces = names + [n.lower() for n in names] + [n.upper() for n in names] + list(" -_.,'9aé\u2019İKſ\n")
    matched = 0
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        mentions = tuple(Mention(n, "organization", tuple(rng.sample(names, rng.randint(0, 2))))
                         for n in rng.sample(names, rng.randint(1, 4)))
        found = name_spans(text, mentions)
        assert found == _spans_by_pattern(text, mentions), (text, mentions)
        matched += bool(found)
    assert matched > 200  # the comparison saw names, not only misses
