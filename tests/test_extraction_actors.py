"""Actors: people, organisations and governments, resolved within one article."""
from __future__ import annotations

import pytest

from generator.extract import extract
from generator.read.register import Register, RegisterEntry

REGISTER = Register((
    RegisterEntry(name="Muqtada al-Sadr", kind="actor", type="person", aliases=("Sadr",)),
    RegisterEntry(name="Asaib Ahl al-Haq", kind="actor", type="organization", aliases=("League of the Righteous", "AAH")),
    RegisterEntry(name="Jordanian government", kind="actor", type="organization", government_of="Jordan"),
    RegisterEntry(name="US government", kind="actor", type="organization", government_of="United States",
                  aliases=("U.S. government",)),
    RegisterEntry(name="Tower 22", kind="base", type="base", aliases=("Tower 22 outpost",)),
))
HEAD = "Officials trade blame after overnight attack\n\n"


def actors(body: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    ex = extract(HEAD + body + "\n\nThe investigation continues.", REGISTER)
    return {a.name: (a.type, a.aliases) for a in ex.actors}


def names(body: str) -> set[str]:
    return set(actors(body))


@pytest.mark.parametrize(
    "body, person",
    [
        ("Army spokesman Tahsin al-Khafaji told reporters the area was secure.", "Tahsin al-Khafaji"),
        ("US Secretary of Defense Lloyd Austin visited the troops on Friday.", "Lloyd Austin"),
        ("“We will respond,” said Sabrina Singh, a spokesperson for the Pentagon.", "Sabrina Singh"),
        ("Badr Organisation leader Hadi al-Amiri called for calm.", "Hadi al-Amiri"),
        ("Major General Scott Naumann briefed the committee.", "Scott Naumann"),
        ("Prime Minister Bisher Al-Khasawneh chaired an emergency session.", "Bisher Al-Khasawneh"),
        ("Pentagon Press Secretary Brig. Gen. Pat Ryder said the strike was justified.", "Pat Ryder"),
        ("The meeting was chaired by Farhad Alaaeldin, the national security adviser.", "Farhad Alaaeldin"),
    ],
)
def test_people_named_with_titles_or_roles(body, person):
    found = actors(body)
    assert person in found
    assert found[person][0] == "person"


@pytest.mark.parametrize(
    "body, org, alias",
    [
        ("The Popular Mobilization Forces (PMF) said it lost two fighters. The PMF buried them on Sunday.", "Popular Mobilization Forces", "PMF"),
        ("The Syrian Democratic Forces (SDF) repelled the assault.", "Syrian Democratic Forces", "SDF"),
        ("The Iraqi Ministry of Interior opened an inquiry.", "Iraqi Ministry of Interior", None),
        ("The Kurdistan Democratic Party rejected the claim.", "Kurdistan Democratic Party", None),
        ("The Iraqi joint operations command said the launch site was found.", "Iraqi joint operations command", None),
        ("The Sadrist Movement called its supporters to the streets.", "Sadrist Movement", None),
        ("US Central Command said its forces shot down the drone.", "US Central Command", None),
        ("The Saraya Awliya al-Dam group claimed the attack.", "Saraya Awliya al-Dam", None),
    ],
)
def test_organisations_by_their_head_nouns(body, org, alias):
    found = actors(body)
    assert org in found
    assert found[org][0] == "organization"
    if alias:
        assert alias in found[org][1]


@pytest.mark.parametrize(
    "body, government, alias",
    [
        ("Jordan strongly condemned the attack on its territory.", "Jordanian government", "Jordan"),
        ("The US claimed the strikes were proportionate.", "US government", "US"),
        ("Militias keep changing names, with Washington implicating them in the raids.", "US government", "Washington"),
        ("Both Britain and France have called for restraint.", "UK government", "Britain"),
        ("Both Britain and France have called for restraint.", "French government", "France"),
        ("The Iranian government denied any role.", "Iranian government", "Iranian government"),
        ("Turkey, a NATO member, has not commented on the raid.", "Turkish government", "Turkey"),
    ],
)
def test_countries_as_subjects_are_governments(body, government, alias):
    found = actors(body)
    assert government in found
    assert alias in found[government][1]


@pytest.mark.parametrize(
    "body, country_word",
    [
        ("US forces in Syria came under fire.", "US"),
        ("Two rockets landed in Jordan near the border.", "Jordan"),
        ("Jordan's airspace was closed for hours.", "Jordan"),
        ("The drone was launched from Syria, officials said.", "Syria"),
        ("The convoy carried aid to Iraq and Syria on Monday.", "Syria"),
    ],
)
def test_countries_that_are_not_subjects_are_not_actors(body, country_word):
    assert not any(country_word in aliases for _, aliases in actors(body).values())


@pytest.mark.parametrize(
    "body, name, aliases",
    [
        # transliteration variants and surname-only mentions fold into one person
        ("Sheikh Qais al-Khazali spoke first. Later Khazali said he had no role. Qais Al-Khazali left.",
         "Qais al-Khazali", {"Qais al-Khazali", "Khazali", "Qais Al-Khazali"}),
        ("Yahya Saree said the group fired missiles. Yehia Saree repeated it later.", "Yahya Saree", {"Yahya Saree", "Yehia Saree"}),
        # register aliases resolve to the canonical name, titles and 's stripped
        ("The League of the Righteous said it was not involved. AAH's statement was brief.", "Asaib Ahl al-Haq",
         {"League of the Righteous", "AAH"}),
        ("Cleric Muqtada al-Sadr urged calm. Sadr's office later posted a statement.", "Muqtada al-Sadr", {"Muqtada al-Sadr", "Sadr"}),
        # Kataib / Kataeb spellings are one group
        ("Kataib Sayyid al-Shuhada denied it. Later, Kataeb Sayyid al-Shuhada said it would respond.", "Kataib Sayyid al-Shuhada",
         {"Kataib Sayyid al-Shuhada", "Kataeb Sayyid al-Shuhada"}),
    ],
)
def test_variants_resolve_to_one_entity(body, name, aliases):
    found = actors(body)
    assert name in found, found
    assert set(found[name][1]) == aliases
    same = [n for n, (_, al) in found.items() if set(al) & aliases]
    assert same == [name]


@pytest.mark.parametrize(
    "body, excluded",
    [
        # media cited only as sources
        ("At least 24 soldiers were hurt, CBS News reported, citing officials.", "CBS News"),
        ("The toll was confirmed to Reuters by two officials.", "Reuters"),
        # an organisation only inside a job title
        ("US State Department Spokesperson Matthew Miller said the talks would continue.", "US State Department"),
        # an organisation used only as a location
        ("The ministers met inside the Pentagon on Monday.", "Pentagon"),
        # generic descriptions
        ("Iran-backed militias and security forces clashed overnight.", "Iran-backed militias"),
        # background war context
        ("The attacks rose after the war between Israel and the militant group Hamas began.", "Hamas"),
        # bylines
        ("By John Carter\n\nThe convoy was hit near the border.", "John Carter"),
        # a common noun capitalised only because it starts the sentence
        ("Sirens sounded at the base overnight as drones were intercepted.", "Sirens"),
        ("Explosions rocked the compound before dawn, officials said.", "Explosions"),
    ],
)
def test_things_that_are_not_actors(body, excluded):
    found = actors(body)
    assert not any(excluded == n or excluded in al for n, (_, al) in found.items()), found


@pytest.mark.parametrize("body, org", [
    ("Zafaran said it fired two rockets at the base.", "Zafaran"),  # a sentence-initial name that speaks
    # acts at the start of a sentence, and is capitalised mid-sentence elsewhere: a name
    ("Zafaran fired two rockets at the base. The attack by Zafaran was the third this week.", "Zafaran"),
])
def test_a_lone_unknown_name_that_speaks_or_claims_is_an_organisation(body, org):
    assert org in actors(body)


def test_people_in_captions_count_but_photo_credits_do_not():
    text = ("Iraqi Foreign Minister Fuad Hussein speaks in Baghdad on May 2, 2024. AFP/Ahmad Al-Rubaye\n\n"
            + HEAD + "Ministers met again on Monday.\n\nThe investigation continues.")
    ex = extract(text, REGISTER)
    assert "Fuad Hussein" in {a.name for a in ex.actors}
    assert not any("Rubaye" in a.name for a in ex.actors)


def test_mention_sentences_are_verbatim_and_in_order():
    body = "Jordan condemned the strike. Officials in Amman met. Jordan summoned the envoy."
    ex = extract(HEAD + body, REGISTER)
    jordan = next(a for a in ex.actors if a.name == "Jordanian government")
    assert jordan.sentences == ("Jordan condemned the strike.", "Jordan summoned the envoy.")
    assert jordan.registered


@pytest.mark.parametrize(
    "body, org, alias",
    [
        # a lone proper noun acting as a subject is an organisation
        ("Officials said Hezbollah fired rockets overnight. Hezbollah said the strikes were retaliation.", "Hezbollah", "Hezbollah"),
        # possessive country + institution head
        ("Iran's foreign ministry rejected the accusation.", "Iranian foreign ministry", "Iranian foreign ministry"),
        # acronym whose first letter is the possessor's
        ("Iran's Revolutionary Guard Corps (IRGC) fired missiles. The IRGC said the targets were destroyed.",
         "Revolutionary Guard Corps", "IRGC"),
        # possessive country + government
        ("Iraq's government on Saturday condemned the strikes.", "Iraqi government", "Iraq"),
    ],
)
def test_more_organisation_shapes(body, org, alias):
    found = actors(body)
    assert org in found, found
    assert alias in found[org][1]
