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

from tests.test_extraction_speakers import actor_names, run, speakers
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
    ("American Kevin Kingsley and Australian Declan Wakefield, both professors at the university, were handed "
     "over to US forces, a source told reporters.", {"Kevin Kingsley", "Declan Wakefield"}),
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


# ---------------------------------------------------------------- from the review of the session's rules
# (three helpers, 546 texts of their own; every worse case mended, these rows kept)

@pytest.mark.parametrize("body, absent", [
    # a town a meeting, a speech or a funeral is held in, though an attack is named beside it
    ("Iraq's prime minister met Kurdish leaders in the Kurdish city Erbil on Tuesday to discuss oil exports, a week "
     "after drone attacks on oil fields in the region.", "Erbil"),
    # workers' strikes, fans fighting, a lake near an attack
    ("A strike near Antwerp shut one of Europe's largest container terminals on Tuesday as dockworkers protested "
     "against plans to change pension rules.", "Antwerp"),
    ("Police arrested 30 people after fighting near Wembley Stadium before England's match against Italy.",
     "Wembley Stadium"),
    ("Near Stuttgart, two strikes hit production at two car plants, with lines halted for several hours.", "Stuttgart"),
    # a university, a museum struck in words or by thieves
    ("The Trump administration targeted Columbia University on Friday, cancelling $400 million in federal grants.",
     "Columbia University"),
    ("Thieves struck the Louvre Museum in Paris on Sunday morning and escaped with eight pieces of jewellery.",
     "Louvre Museum"),
])
def test_no_place_struck_without_arms(body, absent):
    assert absent not in base_names(body)


def test_the_article_of_a_towns_name_stays():
    body = "Rioters attacked a police station in The Hague on Saturday night, throwing stones at officers."
    assert "Hague" not in base_names(body)


@pytest.mark.parametrize("body, present, absent", [
    # another country's body of the same words as a registered one
    ("The Russian Security Council met on Tuesday to discuss a response to drone strikes on refineries.",
     {"Russian Security Council"}, {"UN Security Council"}),
    ("Police detained 23 people on suspicion of links to Turkish Hezbollah, a Sunni Kurdish militant group.",
     set(), {"Hezbollah"}),
    # a surname the article gives someone else; a city's government
    ("Rami Assad, a shopkeeper, said flour prices had tripled. Under the Assad regime, traders paid bribes, he "
     "said. \u201cNow we pay less in bribes,\u201d Assad said.", {"Rami Assad"}, {"Bashar al-Assad"}),
    ("The Austin city government approved a $5.9 billion budget on Wednesday, Mayor Kirk Watson said.",
     set(), {"Lloyd Austin"}),
    # a university acts; a hospital speaks from where it is
    ("Harvard University sued the Trump administration on Monday over the freezing of federal grants.",
     {"Harvard University"}, set()),
    ("Al-Awda Hospital in northern Gaza said on Saturday it had run out of fuel for its generators.",
     {"Al-Awda Hospital"}, set()),
    # a nickname before a surname that is a word; a nationality before a body's name; a title before a name
    ("Theresa \u201cMaybot\u201d May made a rare intervention in the Commons on Tuesday.", {"Theresa May"}, set()),
    ("The Australian Christian Lobby said it would campaign against the bill.", set(), {"Christian Lobby"}),
    ("Grand Mufti Shawki Allam of Egypt met lawmakers at the Capitol.", {"Shawki Allam"}, {"Mufti Shawki Allam"}),
])
def test_names_the_review_found(body, present, absent):
    names = set(actor_names(body))
    assert present <= names and not absent & names, names


@pytest.mark.parametrize("body, quote, wrong", [
    # a first name that is also a country's or a place's, described as someone: never the government or the last
    # speaker
    ("Jordan has hosted 600,000 refugees, the Jordanian government said.\n\n\u201cWe do not know how we will "
     "feed the children,\u201d said Jordan, a 19-year-old volunteer at a clinic.", "We do not know how we will "
     "feed the children", "Jordanian government"),
    ("\u201cWe have never seen numbers like this,\u201d health official Marco Bellini said.\n\n\u201cI have not had a "
     "day off in three weeks,\u201d said Siena, a 29-year-old nurse.", "I have not had a day off in three weeks",
     "Marco Bellini"),
    # a first name shared with the minister is not the minister
    ("Agriculture minister Abbas Jabr al-Maliki said the government would pay farmers.\n\n\u201cMy father farmed "
     "this land,\u201d said Abbas, a 41-year-old farmer.", "My father farmed this land", "Abbas Jabr al-Maliki"),
])
def test_a_named_speaker_described_as_someone(body, quote, wrong):
    assert speakers(body)[quote] != wrong


@pytest.mark.parametrize("body, absent", [
    ("Between 2011 and 2013, ultraconservative Muslims known as Salafists attacked bars and galleries in the "
     "capital.", {"Salafists"}),
    ("In the elections, Islamists won the largest share of the vote, and the party formed a government.",
     {"Islamists"}),
])
def test_a_movement_by_its_creed_is_no_body(body, absent):
    assert not absent & set(actor_names(body))


@pytest.mark.parametrize("body, expected", [
    # a town people flee into or trucks roll into is no town struck, though strikes are named beside it
    ("Tens of thousands of displaced people poured into the southern city Rafah on Thursday after Israeli strikes "
     "on Khan Younis, the UN said.", {"Khan Younis"}),
    ("Aid trucks rolled into the southern city Rafah on Sunday after Israeli airstrikes paused for several hours.",
     set()),
    # one gunman is arms enough
    ("A gunman attacked the Al Noor Mosque in Christchurch during Friday prayers, killing dozens of worshippers.",
     {"Al Noor Mosque"}),
])
def test_places_from_the_final_review(body, expected):
    assert base_names(body) == expected


def test_a_hospital_that_reports_is_a_body():
    body = ("An Israeli strike on a tent camp in Mawasi killed 12 people on Tuesday, according to Nasser Hospital, which "
            "received the bodies.")
    assert "Nasser Hospital" in actor_names(body)


def test_a_country_named_speaker_described_by_who():
    body = ("Governor Brian Kemp said Georgia would get through this together.\n\n\u201cWe had people in the "
            "corridors,\u201d said Georgia, who asked that her surname not be used.")
    assert speakers(body)["We had people in the corridors"] is None


@pytest.mark.parametrize("body, present, absent", [
    ("The Taliban freed the hostages in exchange for three insurgents held by the Kabul government, a deal that "
     "took months to arrange.", {"Afghan government"}, {"Kabul government"}),
    ("The Tunis government said it would strengthen security at the museum.", {"Tunisian government"},
     {"Tunis government"}),
])
def test_a_capitals_government_is_its_countrys(body, present, absent):
    names = set(actor_names(body))
    assert present <= names and not absent & names, names
