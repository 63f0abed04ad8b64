"""Speaker attribution and organisation boundaries: general rules, on sentences composed for these tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.extract import extract
from generator.read.register import load_register

ROOT = Path(__file__).resolve().parents[1]
REGISTER, _ = load_register(ROOT / "register.yml")
HEAD = "Officials respond after overnight attack\n\n"


def run(body: str, title: str = HEAD):
    ex = extract(title + body + "\n\nThe investigation continues.", REGISTER)
    names = {a.name for a in ex.actors}
    for q in ex.quotes:
        assert q.speaker is None or q.speaker in names
    return ex


def speakers(body: str, title: str = HEAD) -> dict[str, str | None]:
    return {q.text.rstrip(".,"): q.speaker for q in run(body, title).quotes}


def actor_names(body: str) -> dict[str, tuple[str, ...]]:
    return {a.name: a.aliases for a in run(body).actors}


@pytest.mark.parametrize("body, quote, speaker", [
    # an unnamed title resolves to the person introduced with it in an appositive
    ("The UN Special Envoy for Yemen, Hans Grundberg, met officials in Muscat on Monday.\n\n"
     "\u201cThe region cannot afford another war,\u201d the Special Envoy said.",
     "The region cannot afford another war", "Hans Grundberg"),
    ("A spokeswoman for the embassy, Maria Lopez, said the staff were safe. "
     "\u201cNobody was hurt,\u201d the spokeswoman added.", "Nobody was hurt", "Maria Lopez"),
    # "read a statement from the ministry": the ministry named before
    ("The Iraqi Ministry of Interior said it had arrested four suspects.\n\n"
     "\u201cThe cell was planning further attacks,\u201d read a statement from the ministry.",
     "The cell was planning further attacks", "Iraqi Ministry of Interior"),
    # an unnamed official with no named official in the text
    ("Two rockets landed near the airport.\n\n\u201cThe situation is calm,\u201d the official said.",
     "The situation is calm", None),
    # speaker is the subject, never the object of warned/urged
    ("Hadi al-Amiri wrote that the strikes were \u201ca declaration of war\u201d and warned the Iraqi government "
     "against \u201cstanding with the aggressors.\u201d", "standing with the aggressors", "Hadi al-Amiri"),
    ("Nechirvan Barzani condemned what he called \u201ca cowardly act\u201d and urged Baghdad to "
     "\u201chold the perpetrators accountable.\u201d", "hold the perpetrators accountable", "Nechirvan Barzani"),
    # "what he called" is his quote
    ("Prime Minister Ali al-Zaidi denounced what he called \u201ca cowardly terrorist act.\u201d",
     "a cowardly terrorist act", "Ali al-Zaidi"),
    # a quote set inside running prose: the subject of the last clause speaks, not a group named in between
    ("Turkish jets \u201cneutralized\u201d 12 PKK members in northern Iraq, the Turkish Defence Ministry said.",
     "neutralized", "Turkish Defence Ministry"),
    # a clause opened by "while" after a quote belongs to the next quote
    ("Damascus said the raids caused \u201cheavy damage\u201d, while Jordan said the strikes were \u201clawful\u201d.",
     "heavy damage", "Syrian government"),
    # an unnamed teller: "X told reporters that <named person> had asked ..."
    ("One of its commanders, who asked not to be named, told reporters that Qais al-Khazali had asked fighters "
     "\u201cto hold their fire.\u201d", "to hold their fire", None),
])
def test_speaker_rules(body, quote, speaker):
    assert speakers(body)[quote] == speaker


def test_it_added_after_a_statement_goes_back_to_the_issuer():
    body = ("A statement by the Prime Minister's Media Office said that \u201cthe council met in emergency session.\u201d\n\n"
            "\u201cAny attack on the coalition is an attack on Iraq,\u201d the statement read.\n\n"
            "It added, \u201cThe perpetrators will be pursued.\u201d")
    got = speakers(body)
    assert set(got.values()) == {"Prime Minister's Media Office"}


def test_headline_quote_belongs_to_its_own_clause():
    title = "Iraq condemns US raids as Tehran warns of 'consequences'\n\n"
    got = speakers("BAGHDAD (Reuters) - Iraq condemned the raids on Monday.", title)
    assert got["consequences"] == "Iranian government"


@pytest.mark.parametrize("body, present, absent", [
    # a possessive title with its office is one body
    ("A statement by the Prime Minister's Media Office said the army was on alert.",
     "Prime Minister's Media Office", "Media Office"),
    # no name begins with a preposition
    ("For his part, the Chief of Staff of the Army, Lt. Gen. Ali Hamid Saleh, inspected the base.",
     "Ali Hamid Saleh", "of the Army"),
    # the organisation after a title is the organisation itself, never "of X"; named only inside the
    # job title it is not an actor (CONVENTIONS.md), but the person keeps the name
    ("The Secretary-General of Harakat al-Nujaba, Sheikh Akram al-Kabi, said the group would fight on.",
     "Akram al-Kaabi", "of Harakat al-Nujaba"),  # the register's spelling
    ("The Secretary-General of Harakat al-Nujaba, Sheikh Akram al-Kabi, said Harakat al-Nujaba would fight on.",
     "Harakat al-Nujaba", "of Harakat al-Nujaba"),
    # a territory's possessive in front of a registered body folds into the body
    ("The Kurdistan Region's Ministry of Peshmerga Affairs announced that two drones were downed.",
     "Ministry of Peshmerga Affairs", "Kurdistan Region Ministry of Peshmerga Affairs"),
    # an organisation only in an indefinite description of someone is not an actor
    ("Brig. Gen. Aziz Karim, a senior Peshmerga commander, said the area was calm.", "Aziz Karim", "Peshmerga"),
    # an institution after "fellow at" is neither a person nor an actor
    ("Sara Nadim, a research fellow at Brookings Institution, said the talks had stalled.", "Sara Nadim",
     "Brookings Institution"),
    # ships and a navy used as an adjective
    ("The USS Mason and other U.S. Navy ships responded to the distress call.", None, "USS Mason"),
    ("The USS Mason and other U.S. Navy ships responded to the distress call.", None, "US Navy"),
    # a short word must not fold onto a registered acronym by transliteration skeleton
    ("Drones struck three camps near Koya, Kataib Hezbollah said.", "Kataib Hezbollah", "Koya"),
])
def test_organisation_boundaries(body, present, absent):
    found = actor_names(body)
    if present:
        assert present in found, found
    assert absent not in found, found
    assert all(absent not in aliases for aliases in found.values()), found


def test_rebuilt_name_keeps_the_texts_own_wording_as_alias():
    found = actor_names("Syria's foreign ministry said the presence was illegal.")
    assert any("Syria's foreign ministry" in al for al in found.values()), found


def test_adjective_group_with_fighters_noun_is_the_group():
    found = actor_names("Houthi rebels fired two missiles at a tanker, the military said.")
    assert any("Houthi" in name for name in found), found


@pytest.mark.parametrize("body, base, present", [
    ("US jets struck positions near Anah and Rawa on Friday.", "Rawa", True),
    ("The targets included sites near the towns of Qaim and Akashat in western Iraq.", "Akashat", True),
    ("She condemned the recent strikes in Erbil.", "Erbil", True),
    ("He was killed in a drone strike near Baghdad airport in January 2020.", "Baghdad", False),
    ("Qaani met faction leaders at Baghdad airport after the drone attack.", "Baghdad", False),
    ("A spokesman told Al Mayadeen TV that the attack on Harir base succeeded.", "Mayad", False),
])
def test_strike_places(body, base, present):
    names = [n for b in run(body).bases for n in (b.name, *b.aliases)]
    assert any(base in n for n in names) == present, names
