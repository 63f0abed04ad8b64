"""Hospitals struck, people described by their nationality, a ruler named by his regime (session 49):
composed sentences, one table per rule.

Found on saved web pages of outlets the rules had not met (The Intercept, Al Jazeera, the New York Post,
Polygraph.info: README, "What the forty-ninth session changed") and on the re3d releases: hospitals that
strikes hit or forces besiege were bodies, never places struck; "American Kevin King and Australian
Timothy Weeks" and "President Xi Jinping of China" gave no one; "The U.S. base in al-Tanf" gave a base
named "The U.S."; a news site after a comma ("..., Polygraph.info has found") was listed as a target;
and "the Assad regime" left Bashar al-Assad out. Every row is a sentence of our own."""
from __future__ import annotations

import pytest

from tests.test_extraction_speakers import actor_names, run
from tests.test_extraction_statements_and_offensives import base_names

GAZA = ("The health ministry said the wards were full of the wounded and that the generators had run out of "
        "fuel, and the army said it was targeting militants who were hiding in the buildings.\n\n")


@pytest.mark.parametrize("body, expected", [
    (GAZA + "Israeli strikes hit the Indonesian Hospital and the Al-Rahma Hospital for Children on Friday.",
     {"Indonesian Hospital", "Al-Rahma Hospital"}),
    (GAZA + "Israeli forces stormed Nasr Hospital in Khan Younis on Thursday.", {"Nasr Hospital"}),
    (GAZA + "Israeli forces have besieged the Kamal Hassan Hospital in northern Gaza.", {"Kamal Hassan Hospital"}),
    # one site, two spellings
    (GAZA + "Troops seized full control of Mosul University after days of fighting.\n\n"
     "\u201cThe liberation of the University of Mosul means much,\u201d the general said.", {"Mosul University"}),
    # a name after the first item of a list without "and" is its apposition
    (GAZA + "A missile struck the country's largest children's hospital, Okhmatdyt, in Kyiv on Monday.",
     {"Okhmatdyt"}),
])
def test_a_hospital_struck_is_a_place(body, expected):
    assert base_names(body) == expected


@pytest.mark.parametrize("body, absent", [
    # an article opening the sentence is no part of a base's name
    (GAZA + "The U.S. base in al-Tanf has been hit by drones twice this month.", "The U.S."),
    # a web site after a comma opens a clause of its own
    (GAZA + "The base has been the target of a disinformation campaign, Polygraph.info has found.", "Polygraph"),
])
def test_no_base_named_by_an_article_or_a_web_site(body, absent):
    assert absent not in base_names(body)


@pytest.mark.parametrize("body, actor, is_actor", [
    (GAZA + "Israeli strikes hit the Al-Rahma Hospital for Children on Friday.", "Al-Rahma Hospital", False),
    (GAZA + "Doctors at Nasr Hospital said they had no fuel for the generators.", "Nasr Hospital", False),
    (GAZA + "Al-Shams Hospital said it had run out of fuel and could not treat the wounded.", "Al-Shams Hospital",
     True),
])
def test_a_hospital_is_a_body_only_when_it_acts(body, actor, is_actor):
    assert (actor in actor_names(body)) == is_actor


@pytest.mark.parametrize("body, present", [
    ("American Kevin Kingsley and Australian Timothy Wakefield, both professors at the university, were handed "
     "over to US forces, a source told reporters.", {"Kevin Kingsley", "Timothy Wakefield"}),
    ("With the protests growing, President Xi Jinping of China is likely to deploy troops onto the streets.",
     {"Xi Jinping"}),
])
def test_a_person_described_by_a_nationality_or_a_country(body, present):
    assert present <= set(actor_names(body)), actor_names(body)


@pytest.mark.parametrize("body, present", [
    ("Assad has been utterly dependent on foreign militias. Assad's brutal regime can never unite Syria, the "
     "minister said.", True),
    ("The siege of Darayya by government and pro-Assad forces began four years ago. Residents plan for life "
     "once Assad is gone.", True),
    # a registered person's one-word alias alone, nothing ruled by it: another Assad (a family name)
    ("Rami Assad, a shopkeeper, said the market had reopened. Assad said prices had doubled.", False),
])
def test_a_ruler_named_by_his_regime(body, present):
    assert ("Bashar al-Assad" in actor_names(body)) == present


def test_the_ruler_rule_keeps_the_register_type():
    ex = run("Assad has been utterly dependent on foreign militias. Assad's brutal regime can never unite Syria.")
    assert [a.type for a in ex.actors if a.name == "Bashar al-Assad"] == ["person"]


@pytest.mark.parametrize("body, present, absent", [
    # a command named for its operation after a dash is one name
    ("Combined Joint Task Force \u2013 Operation Steadfast Shield said in a statement that the strikes destroyed "
     "two vehicles.", {"Combined Joint Task Force \u2013 Operation Steadfast Shield"}, {"Combined Joint Task Force"}),
    # a dash between two bodies still parts them
    ("The Syrian Democratic Forces - the main partner on the ground - said the town was taken.",
     {"Syrian Democratic Forces"}, set()),
])
def test_a_command_named_for_its_operation(body, present, absent):
    names = set(actor_names(body))
    assert present <= names and not absent & names, names
