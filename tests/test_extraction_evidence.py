"""Table-driven tests for the extraction rules of entities-by-evidence: shapes, common words, evidence
and admission, countries' armies, organisations as modifiers, experiencer verbs, group cues, registered
surnames, name chunks and clause-based speakers. Every sentence here is composed for these tests."""
from __future__ import annotations

import pytest

from generator.extract import extract
from generator.extract.evidence import (ACTS, ARMY, GOVERNMENT, NAME, POSSESSOR, QUOTED, REGISTER as REG_LABEL,
                                        REPEATED, SPEAKS, TITLE, admitted)
from generator.extract.shapes import is_common_single, is_event, is_place_shaped, is_weapon
from generator.extract.words import is_common_word
from generator.models import ORGANIZATION, PERSON
from generator.read.register import Register, RegisterEntry

REGISTER = Register((
    RegisterEntry(name="Mohammed Shia al-Sudani", kind="actor", type="person", aliases=("Sudani", "Al-Sudani")),
    RegisterEntry(name="Charles Okello Mbeki", kind="actor", type="person", aliases=()),
    RegisterEntry(name="Sudanese government", kind="actor", type="organization", government_of="Sudan"),
))
HEAD = "Officials trade blame after overnight attack\n\n"


def run(body: str):
    ex = extract(HEAD + body + "\n\nThe investigation continues.", REGISTER)
    names = {a.name for a in ex.actors}
    for q in ex.quotes:
        assert q.speaker is None or q.speaker in names
    return ex


def actors(body: str) -> dict:
    return {a.name: a for a in run(body).actors}


def held(body: str) -> dict:
    return {a.name: a for a in run(body).held}


def every_form(body: str) -> set[str]:
    """Every name and alias of an actor or a held candidate."""
    ex = run(body)
    return {f for a in (*ex.actors, *ex.held) for f in (a.name, *a.aliases)}


def speakers(body: str) -> dict[str, str | None]:
    return {q.text.rstrip(".,"): q.speaker for q in run(body).quotes}


# ---------------------------------------------------------------- shapes.py and words.py


@pytest.mark.parametrize("words, expected", [
    (["Mount", "Meron"], True),            # toponym prefix
    (["Wadi", "Seidna"], True),
    (["Camp", "Simba"], True),
    (["Lower", "Shabelle"], True),
    (["Kfarshuba", "Hills"], True),        # toponym head
    (["Manda", "Airstrip"], True),
    (["Joint", "Operations", "Command"], False),  # an organisation noun keeps it an organisation
    (["Forces", "of", "the", "Valley"], False),
    (["Meron"], False),
])
def test_is_place_shaped(words, expected):
    assert is_place_shaped(words) is expected


@pytest.mark.parametrize("words, expected", [
    (["Vehicle-Borne", "Improvised", "Explosive", "Device"], True),
    (["IEDs"], True),
    (["Improvised", "Explosive", "Devices"], True),
    (["Popular", "Defence", "Forces"], False),
])
def test_is_weapon(words, expected):
    assert is_weapon(words) is expected


@pytest.mark.parametrize("words, expected", [
    (["Al-Aqsa", "Flood", "Operation"], True),
    (["UN", "Security", "Council", "Resolution"], True),
    (["Operation"], False),                  # one word is not an event name
    (["UN", "Security", "Council"], False),
])
def test_is_event(words, expected):
    assert is_event(words) is expected


@pytest.mark.parametrize("words, expected", [
    (["Migrants"], True),
    (["Smoke"], True),
    (["Terrorists"], True),
    (["UN"], False),                         # an acronym is never a dictionary word
    (["Zarqawa"], False),
    (["Blue", "Helmets"], False),            # one word only
])
def test_is_common_single(words, expected):
    assert is_common_single(words) is expected


@pytest.mark.parametrize("body, name", [
    ("Officials said Mount Meron was hit by rockets.", "Mount Meron"),
    ("Officials said Wadi Seidna was shelled overnight.", "Wadi Seidna"),
    ("Officials said Camp Simba was attacked at dawn.", "Camp Simba"),
    ("Officials said Manda Airstrip was closed.", "Manda Airstrip"),
    ("Officials said the Improvised Explosive Device exploded near the convoy.", "Improvised Explosive Device"),
    ("Officials said the Al-Aqsa Flood Operation began at dawn.", "Al-Aqsa Flood Operation"),
])
def test_place_weapon_and_event_shapes_are_not_actors(body, name):
    assert name not in every_form(body)


@pytest.mark.parametrize("word, expected", [
    ("migrants", True),
    ("Militias", True),    # -ies plural
    ("bodies", True),
    ("forces", True),      # -es plural
    ("Smoke", True),
    ("Israel", False),     # proper nouns are written capitalised in the dictionary
    ("Charles", False),
    ("Shabaab", False),
    ("al-Amiri", False),   # not alphabetic
])
def test_is_common_word(word, expected):
    assert is_common_word(word) is expected


# ---------------------------------------------------------------- evidence.py: admitted


@pytest.mark.parametrize("evidence, type_, name, mentions, expected", [
    ({NAME}, PERSON, "Amina Yusuf", 1, True),             # a real-looking name stands alone
    ({NAME}, PERSON, "Golden Eagle", 1, False),           # dictionary words only: held
    ({NAME}, PERSON, "Blue Helmets", 3, False),
    ({ACTS}, PERSON, "Golden Eagle", 1, True),
    ({QUOTED}, PERSON, "Golden Eagle", 1, True),
    ({SPEAKS}, PERSON, "Silver Fox", 1, True),
    ({TITLE}, PERSON, "Grace Hope", 1, True),
    ({ARMY}, ORGANIZATION, "Sudanese army", 1, True),     # an army named as such is an actor (real-set gold)
    ({ARMY, REPEATED}, ORGANIZATION, "Sudanese army", 2, True),
    ({ARMY, ACTS}, ORGANIZATION, "Sudanese army", 1, True),
    ({ARMY, POSSESSOR}, ORGANIZATION, "Sudanese army", 1, True),
    ({ARMY, GOVERNMENT}, ORGANIZATION, "Sudanese army", 1, True),
    ({REG_LABEL}, PERSON, "Golden Eagle", 1, True),
])
def test_admitted(evidence, type_, name, mentions, expected):
    assert admitted(evidence, type_, name) is expected  # (mentions: kept in the rows as context)


@pytest.mark.parametrize("body, name", [
    ("Officials said Golden Eagle had fired on the convoy.", "Golden Eagle"),
    ("Officials said Silver Fox had crossed the river.", "Silver Fox"),
    ("Residents said Iron Wolf had left the town.", "Iron Wolf"),
])
def test_dictionary_word_person_is_held(body, name):
    assert name not in actors(body)
    assert name in held(body)


@pytest.mark.parametrize("body, name", [
    ("\u201cWe will not leave,\u201d said Golden Eagle.", "Golden Eagle"),
    ("\u201cWe will not leave,\u201d Golden Eagle said.", "Golden Eagle"),
    ("\u201cThe road is open,\u201d said Silver Fox.", "Silver Fox"),
])
def test_held_speaker_credited_with_a_quote_is_admitted(body, name):
    found = actors(body)
    assert name in found, found
    assert QUOTED in found[name].evidence
    assert name not in held(body)


# ---------------------------------------------------------------- actors.py: a country's army


@pytest.mark.parametrize("body, army, alias", [
    ("The Sudanese army shelled the market on Sunday.", "Sudanese army", None),
    ("The Ethiopian army said it had repelled the attack.", "Ethiopian army", None),
    ("Ethiopia's military denied the report.", "Ethiopia's military", None),
    ("Somalia's national army patrolled the road.", "Somalia's national army", None),
    ("The Sudanese Armed Forces (SAF) shelled the district.", "Sudanese Armed Forces", "SAF"),
    ("The Israel Defense Forces (IDF) struck a compound.", "Israel Defense Forces", "IDF"),
    ("Mali's armed forces shelled the town.", "Mali's armed forces", None),
    ("The Sudanese army's tanks rolled into the square.", "Sudanese army", None),
])
def test_a_countrys_army_is_an_actor(body, army, alias):
    # the page name of an army named only with a possessive is its adjective form ("Ethiopian military");
    # the text's own wording stays an alias
    found = {f: m for m in actors(body).values() for f in (m.name, *m.aliases)}
    assert army in found, found
    assert ARMY in found[army].evidence
    if alias:
        assert alias in found[army].aliases


@pytest.mark.parametrize("body", [
    "The convoy passed Iraqi military bases in the north.",
    "US military personnel were evacuated from the site.",
    "Libyan army officials said the road was closed.",
    "A Libyan army spokesman denied the claim.",
    "The strike hit Syrian army depots overnight.",
    "Residents said Sudanese army positions were shelled.",
])
def test_army_word_as_an_adjective_is_no_candidate(body):
    forms = every_form(body)
    assert not any(w in f.lower() for f in forms for w in ("army", "military")), forms


@pytest.mark.parametrize("body, army, admitted_", [
    # the real-set gold lists an army named only as an object ("an attack on Niger's military",
    # "members of the Malian armed forces"): named is enough
    ("Witnesses saw the Sudanese army near the bridge.", "Sudanese army", True),
    ("Soldiers of the Egyptian army guarded the crossing.", "Egyptian army", True),
    ("Witnesses saw the Sudanese army near the bridge. Later the Sudanese army was seen at the market.",
     "Sudanese army", True),
    ("Residents fled as the Sudanese army advanced.", "Sudanese army", True),
])
def test_an_army_named_as_such_is_admitted(body, army, admitted_):
    assert (army in actors(body)) is admitted_
    assert (army in held(body)) is not admitted_


# ---------------------------------------------------------------- actors.py: organisations as modifiers


@pytest.mark.parametrize("body, org", [
    ("UN data show that eight million people have fled.", "UN"),
    ("The African Union peacekeeping force withdrew from the town.", "African Union"),
    ("UN peacekeepers left the town on Monday.", "UN"),
    ("UN experts said the embargo was broken.", "UN"),
    ("Residents said UN monitors visited the site.", "UN"),
    ("The European Union mission said it was ready.", "European Union"),
    ("Officials said African Union troops crossed the river.", "African Union"),
])
def test_organisation_used_as_a_modifier_is_no_mention(body, org):
    assert org not in every_form(body)


@pytest.mark.parametrize("body, org", [
    ("The UN said eight million people have fled.", "UN"),
    ("The African Union said it was ready to send troops.", "African Union"),
])
def test_organisation_named_as_itself_is_an_actor(body, org):
    assert org in actors(body)


@pytest.mark.parametrize("body, org, person", [
    ("UNICEF spokesperson Dana Morel said the camps were full.", "UNICEF", "Dana Morel"),
    ("WHO spokesman Tarik Okafor said the clinics had closed.", "WHO", "Tarik Okafor"),
    ("Sudanese Ministry of Health spokesman Ali Dirar said the clinics had closed.",
     "Sudanese Ministry of Health", "Ali Dirar"),
    ("Leila Haddad, the UNHCR representative in Sudan, said the camps were full.", "UNHCR", "Leila Haddad"),
])
def test_organisation_only_in_a_job_title_is_not_an_actor(body, org, person):
    found = actors(body)
    assert person in found, found
    assert org not in found


# ---------------------------------------------------------------- actors.py: experiencer verbs and apposition


@pytest.mark.parametrize("body", [
    "Sudan plunged into war in April 2023.",
    "Ethiopia has been witnessing a famine for months.",
    "Somalia has suffered from drought for years.",
    "Ethiopia saw heavy fighting last year.",
    "Sudan has witnessed a famine since 2023.",
    "Somalia experienced a drought in 2022.",
    "Somalia remains one of the poorest countries.",
    "Syria descended into civil war in 2011.",
    "Yemen faces a cholera outbreak this year.",
])
def test_country_that_undergoes_is_not_its_government(body):
    assert not any("government" in n for n in actors(body))


@pytest.mark.parametrize("body", [
    "Residents of El Fasher, Sudan, are now without water.",
    "Towns near Kassala, Sudan, have been shelled.",
    "Hospitals in Aden, Yemen, have run out of fuel.",
])
def test_country_locating_a_place_is_not_a_subject(body):
    assert not any("government" in n for n in actors(body))


@pytest.mark.parametrize("body, government", [
    ("Ethiopia sent troops to the border.", "Ethiopian government"),
    ("Sudan condemned the attack.", "Sudanese government"),
    ("Sudan, a vast country, has accused its neighbour of arming the rebels.", "Sudanese government"),
])
def test_country_that_acts_is_its_government(body, government):
    assert government in actors(body)


# ---------------------------------------------------------------- actors.py: group cues for a lone name


@pytest.mark.parametrize("body, org", [
    ("Villagers said al Shabaab militants burned the market.", "al Shabaab"),
    ("Villagers said Zarqawa fighters stormed the village at dawn.", "Zarqawa"),
    ("Officials said Zarqawa militants burned two schools.", "Zarqawa"),
    ("Witnesses described a raid by Zarqawa on the market.", "Zarqawa"),
    ("Witnesses described a raid by el Zarqawa on the market.", "el Zarqawa"),
    ("Villagers fled an assault by Ansaru near the river.", "Ansaru"),
    ("The ambush was claimed by Zarqawa, officials said.", "Zarqawa"),
    ("An attack by JNIM killed six soldiers.", "JNIM"),  # the by-agent acts
    ("Al Shabaab militants stormed the town.", "Al Shabaab"),  # its members named: it acts, even first
])
def test_members_or_deeds_make_a_lone_name_an_organisation(body, org):
    found = actors(body)
    assert org in found, found
    assert found[org].type == ORGANIZATION


@pytest.mark.parametrize("body, word", [
    ("Officials said Tuareg rebels seized the town.", "Tuareg"),
    ("Officials said Islamist fighters attacked the post.", "Islamist"),
    ("Officials said Sahelian militants attacked the post.", "Sahelian"),
    ("Officials said Marxist rebels attacked the post.", "Marxist"),
])
def test_a_description_before_fighters_is_not_a_group(body, word):
    assert not any(word in f for f in every_form(body))


# ---------------------------------------------------------------- actors.py: registered surnames alone


@pytest.mark.parametrize("body", [
    "Sudani said the talks were over.",
    "The newspaper Al-Sudani reported the clashes.",
    "Officials read Al-Sudani on Monday, the editor said.",
])
def test_bare_registered_surname_is_not_the_person(body):
    assert "Mohammed Shia al-Sudani" not in actors(body)


@pytest.mark.parametrize("body, alias", [
    ("Prime Minister Sudani said the talks were over.", "Sudani"),
    ("Prime Minister Mohammed Shia al-Sudani arrived. Later Sudani said the talks were over.", "Sudani"),
])
def test_registered_surname_with_a_title_or_the_full_name_is_the_person(body, alias):
    found = actors(body)
    assert "Mohammed Shia al-Sudani" in found, found
    assert alias in found["Mohammed Shia al-Sudani"].aliases


@pytest.mark.parametrize("body, person, surname", [
    ("Lt Col Charles Okello Mbeki led the patrol. Lt Col. Mbeki said the road was safe.",
     "Charles Okello Mbeki", "Mbeki"),
    ("Colonel Daniel Wekesa Tumbo led the patrol. Col. Tumbo said the road was safe.",
     "Daniel Wekesa Tumbo", "Tumbo"),
    ("General Amina Farah Yusuf led the raid. Gen. Yusuf said the road was safe.", "Amina Farah Yusuf", "Yusuf"),
])
def test_titled_surname_joins_the_full_name(body, person, surname):
    found = actors(body)
    assert person in found, found
    assert surname in found[person].aliases
    assert surname not in found
    assert [n for n in found if surname in n] == [person]


# ---------------------------------------------------------------- chunks.py: names that keep their own words


@pytest.mark.parametrize("body, name", [
    ("The Forces of Freedom and Change rejected the deal.", "Forces of Freedom and Change"),
    ("The Support Group for Islam and Muslims claimed the attack.", "Support Group for Islam and Muslims"),
    ("The Movement for Justice and Equality said it had seized the town.", "Movement for Justice and Equality"),
    ("Troops of the Uganda People's Defence Forces crossed the border. The Uganda People's Defence Forces "
     "said it lost two men.", "Uganda People's Defence Forces"),
    ("Officials said al Shabaab claimed the bombing.", "al Shabaab"),
    ("The Council of Elders and Egypt signed the deal.", "Council of Elders"),  # a country closes the name
])
def test_chunks_keep_a_names_own_words(body, name):
    found = actors(body)
    assert name in found, found


# ---------------------------------------------------------------- quotes.py: the subject of the verb of saying


@pytest.mark.parametrize("body, quote, speaker", [
    # "<what happened>, a senior official told ...": the official speaks, not the sentence's first actor
    ("The Sudanese army shelled Kassala, a senior official told the council, reporting that "
     "\u201cthousands have fled the town.\u201d", "thousands have fled the town", None),
    ("The Ethiopian army shelled Dolo, a local official told reporters, saying that "
     "\u201cthe market is destroyed.\u201d", "the market is destroyed", None),
    # the verb of saying nearest the quote has the speaker ("Officials said" only reports the raid)
    ("Officials said Zarqawa militants stormed Dolo, a witness told reporters, adding that "
     "\u201cthe houses are burning.\u201d", "the houses are burning", None),
    # the clause after the comma opens with the actor: it speaks
    ("Clashes erupted near Dolo, the Ethiopian army said, adding that \u201cthe market is destroyed.\u201d",
     "the market is destroyed", "Ethiopian army"),
])
def test_clause_subject_speaks(body, quote, speaker):
    assert speakers(body)[quote] == speaker


@pytest.mark.parametrize("body, quote, speaker", [
    ("Officials said Zarqawa militants stormed the town. Colonel Ali Hamid Saleh warned that the army would "
     "respond \u201cwith all its might\u201d if the group continued its \u201caggression.\u201d",
     "aggression", "Ali Hamid Saleh"),
    ("Officials said Zarqawa militants stormed the town. Colonel Ali Hamid Saleh warned that troops would strike "
     "\u201cwithout mercy\u201d if the group kept up its \u201cprovocations.\u201d", "provocations", "Ali Hamid Saleh"),
    ("Officials said Zarqawa militants stormed the town. Colonel Ali Hamid Saleh said the army would respond, "
     "after the group vowed to \u201cfight on.\u201d", "fight on", "Ali Hamid Saleh"),
])
def test_subordinate_clause_after_a_quote_never_attributes(body, quote, speaker):
    assert speakers(body)[quote] == speaker


@pytest.mark.parametrize("body, quote, speaker", [
    # "the militia" / "the group" never resolves to a country's army or government
    ("The Sudanese army shelled the town. The militia said it had \u201cliberated the district.\u201d",
     "liberated the district", None),
    ("Sudan condemned the raid. The group said it had \u201cliberated the district.\u201d",
     "liberated the district", None),
    ("Ethiopia sent troops. The Ethiopian army shelled the area. The militia said it had "
     "\u201cliberated the district.\u201d", "liberated the district", None),
    # a named group is still found past an army named after it
    ("Officials said Zarqawa militants stormed the town. The Ethiopian army shelled the area. The militia said "
     "it had \u201cliberated the district.\u201d", "liberated the district", "Zarqawa"),
])
def test_the_group_is_never_a_state_body(body, quote, speaker):
    assert speakers(body)[quote] == speaker
