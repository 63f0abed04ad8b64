"""Statements, ranks, offices and offensives (session 48): composed sentences, one table per rule.

Measured on the re3d corpus (Dstl's public Syria and Iraq set: BBC, CENTCOM, State Department, UK
government, Australian and EU releases, annotated blind by the conventions; README, "What the
forty-eighth session changed"): government and military releases introduce a statement with
"X said:" or "released the following statement:", name people after ranks the title list lacked,
name offices with their remit ("Minister for the Middle East") and report places taken, freed and
besieged in words the attack readings did not know. Every row is a sentence of our own, not the
corpus's."""
from __future__ import annotations

import pytest

from tests.test_extraction_speakers import actor_names, run, speakers


def base_names(body: str) -> set[str]:
    return {b.name for b in run(body).bases}


def assert_actors(body: str, present: set[str], absent: set[str]) -> None:
    """The article names every actor of `present` and none of `absent`."""
    names = set(actor_names(body))
    assert present <= names, names
    assert not absent & names, names


# ---------------------------------------------------------------- people and bodies

@pytest.mark.parametrize("body, present, absent", [
    # "X said:" on its own line introduces the statement: it is the story, not a label above it
    ("Foreign Secretary Nadia Rahman said:\n\nI condemn this attack on a market full of families.",
     {"Nadia Rahman"}, set()),
    # ranks and ratings before a name
    ("\u201cWe trained hard,\u201d said Spc. Lorraine Kell, an artillery crewmember.", {"Lorraine Kell"}, {"Spc"}),
    ("The task force is led by Commodore Andrew Pike of the Royal Navy.", {"Andrew Pike"},
     {"Commodore Andrew Pike"}),
    ("Navy Special Warfare Operator 1st Class Daniel R. Moss IV was killed near the river.",
     {"Daniel R. Moss IV"}, {"Navy Special Warfare Operator", "Class Daniel R. Moss IV"}),
    ("Senior Airman Jo Brandt and Petty Officer Ray Costa said the ship was ready.", {"Jo Brandt", "Ray Costa"},
     {"Officer Ray Costa"}),
    ("Former Scots Guardsman Allan Pryde will stand in the seat.", {"Allan Pryde"}, set()),
    # a rank that is also a given name or a surname stays a name
    ("Lance Friedl, a spokesman for the airline, said flights would resume.", {"Lance Friedl"}, {"Friedl"}),
    ("Tom Petty said the band would play in Erbil.", {"Tom Petty"}, set()),
    # times and documents are no one
    ("Strike reports are based on Greenwich Mean Time, the command said.", set(), {"Greenwich Mean Time"}),
    ("The talks follow the Geneva Communique of 2012.", set(), {"Geneva Communique"}),
    # a verb in -ing opening the sentence is not the start of a name
    ("Defeating ISIL will take time and patience.", set(), {"Defeating ISIL"}),
    ("Praising Celtic, the manager said the club had grown.", set(), {"Praising Celtic", "Celtic"}),
    # an office with its remit and no name after it is a job title, not a body
    ("Karim Nasser, Foreign Office Minister for the Middle East, said the attack was cowardly.",
     {"Karim Nasser"}, {"Foreign Office Minister for the Middle East"}),
    ("Dr. Ahmed Salih, Acting General Director of the Office of Museums at the Ministry of Culture, attended.",
     {"Ahmed Salih"}, {"Acting General Director of the Office of Museums"}),
    ("Special Presidential Envoy for the Global Coalition to Counter ISIL Brett McGurk will travel to Berlin.",
     {"Brett McGurk"}, {"Special Presidential Envoy for the Global Coalition"}),
    ("U.S. Embassy Charg\u00e9 d\u2019Affaires Jonathan Cole visited the museum.", {"Jonathan Cole"},
     {"U.S. Embassy Charg\u00e9"}),
    # a body's name that says what it is for
    ("The Committee to Protect Journalists said the reporter was killed at a checkpoint.",
     {"Committee to Protect Journalists"}, set()),
    # a country and a region after a state's "of" close one name; two countries after a government's are two
    ("The Islamic State of Iraq and the Levant claimed the bombing.", {"Islamic State"},
     {"Islamic State of Iraq"}),
    ("The Islamic State of Iraq and Syria claimed the bombing.", {"Islamic State"}, {"Islamic State of Iraq"}),
    ("The Government of Iraq and Turkey signed the water deal.", {"Iraqi government"},
     {"Government of Iraq and Turkey"}),
    # a registered body with a generic noun after it is that body
    ("Jets struck weapons meant for Lebanon's Hezbollah movement.", {"Hezbollah"}, {"Hezbollah movement"}),
    # the European Union is one body under both its names; "under UN auspices" is no act of the UN
    ("The European Union has called for a truce. The EU will host talks in Brussels.", {"European Union"}, {"EU"}),
    ("Talks will resume in Geneva under UN auspices.", set(), {"United Nations"}),
    # "the government of" a country in lower case is its government
    ("The government of the Democratic Republic of Congo accused Rwanda of aggression.", {"Congolese government"},
     set()),
    ("Coalition forces conducted strikes in support of the government of Iraq.", {"Iraqi government"}, set()),
    # a country's long name without its "the" is the country ("President X of the Democratic Republic of Congo")
    ("President Felix Tshisekedi of the Democratic Republic of Congo accused Rwanda of invading.",
     {"Felix Tshisekedi"}, {"Democratic Republic of Congo"}),
    # a body named "Office of ..." keeps its name; "the State of Israel and Egypt" are two
    ("The Office of the Director of National Intelligence released its annual threat assessment.",
     {"Office of the Director of National Intelligence"}, set()),
    ("Foreign Office Minister for the Middle East Alistair Burt said the attack was cowardly.", {"Alistair Burt"},
     {"Foreign Office Minister for the Middle East"}),
    ("The State of Israel and Egypt marked the treaty's anniversary.", set(), {"State of Israel and Egypt"}),
    # an operation remembered, or a police inquiry, is no force
    ("Veterans of Operation Desert Sabre gathered to mark 30 years since the war.", set(),
     {"Operation Desert Sabre"}),
    ("Operation Venetic led to 746 arrests.", set(), {"Operation Venetic"}),
    # a rank's abbreviation that is also an acronym stays the acronym
    ("The Solicitors Regulation Authority (SRA) fined the firm. The SRA said it acted quickly.",
     {"Solicitors Regulation Authority"}, set()),
    # clergy titles; an honorific of South Asia (newswire gold, session 48)
    ("The office said American Father Michael Barton, 48, and Australian Sister Maureen Carey, 52, were held.",
     {"Michael Barton", "Maureen Carey"}, set()),
    ("Police fought activists from the party headed by former prime minister Begum Khaleda Zia.", {"Khaleda Zia"},
     {"Begum Khaleda Zia"}),
    # a country's old name; a country as the subject after a relative clause
    ("Rwanda said that Zaire had expelled 28 refugees.", {"Congolese government"}, set()),
    ("Moscow, which wants to keep Chechnya as a part of the Russian Federation, sent troops to the region.",
     {"Russian government"}, set()),
    # capitals and a number name a group when it acts ("M23 rebels", "the M23 said"), not a weapon or an aircraft
    ("M23 rebels seized the town of Sake on Sunday.", {"M23"}, set()),
    ("Soldiers carried M16 rifles. Due to enter service next year, the A380 will replace the 747.", set(),
     {"M16", "A380"}),
    # surnames that are titles before a name ("John Father", "Shamima Begum"); a first name after a clergy title
    # is the one person named in full with it ("Sister Jean" after "Sister Jean Dolores Schmidt")
    ("John Father, 52, and his son Liam Father, 24, appeared before magistrates.", {"John Father", "Liam Father"},
     set()),
    ("Shamima Begum, who left London in 2015, is held in a camp. Begum, 24, wants to return.", {"Shamima Begum"},
     set()),
    ("Sister Jean Dolores Schmidt blessed the team. Sister Jean prayed with the players.",
     {"Jean Dolores Schmidt"}, {"Jean"}),
    # a cry is no one's name
    ("The crowd chanted Allahu Akbar as the fighters drove past.", set(), {"Allahu Akbar"}),
    # peoples and a unit's members are no body
    ("The minister commended Kurdish and Yezidi fighters.", set(), {"Yezidi"}),
    ("Captain 3rd Rank Dmytro Pletenchuk said the ship was hit.", {"Dmytro Pletenchuk"},
     {"Rank Dmytro Pletenchuk"}),
    # a group whose capabilities are degraded is discussed, not only a campaign's aim
    ("The strikes were designed to degrade the Houthis' capabilities.", {"Houthi movement"}, set()),
    ("Ninety Citizen Airmen from the refuelling wing departed for Turkey.", set(),
     {"Ninety Citizen Airmen", "Citizen Airmen"}),
])
def test_people_and_bodies_of_releases(body, present, absent):
    assert_actors(body, present, absent)


@pytest.mark.parametrize("body, name, alias", [
    # a first name no name list knows is the person named in full with it
    ("Rafid Khazali kept a clothes shop near the square. \u201cWe will build it again,\u201d Rafid said.",
     "Rafid Khazali", "Rafid"),
    ("Chinese President Xi Jinping arrived on Monday. Xi praised the talks.", "Xi Jinping", "Xi Jinping"),
])
def test_a_first_name_no_list_knows(body, name, alias):
    names = actor_names(body)
    assert name in names and alias in names[name], names
    assert all(n == name or alias != n for n in names), names


@pytest.mark.parametrize("body, absent", [
    # ... but not a firm's short name before its office, nor one that is "it"
    ("Veltrax Networks posted a loss. \u201cWe will recover,\u201d said Veltrax president Bill Owens.", "Veltrax"),
    ("Shandro Interactive Entertainment listed in New York. Shandro said that it may raise its stake.", "Shandro"),
])
def test_a_firms_short_name_is_not_a_first_name(body, absent):
    names = actor_names(body)
    assert not any(absent in aliases and name != absent for name, aliases in names.items()), names


@pytest.mark.parametrize("body, quote, speaker", [
    ("\u201cWe trained hard,\u201d said Spc. Lorraine Kell, an artillery crewmember.", "We trained hard",
     "Lorraine Kell"),
    ("The task force is led by Commodore Andrew Pike. \u201cWe are ready,\u201d said Pike.", "We are ready",
     "Andrew Pike"),
    # an appositive of a role without an article, its closing comma missing
    ("Gen. Joseph Varela, commander of US Central Command said, \u201cWe will stay the course.\u201d",
     "We will stay the course", "Joseph Varela"),
    # a statement released, provided or issued, then quoted in the next paragraph
    ("Gen. Joseph Varela, the command's commander, released the following statement today:\n\n"
     "\u201cWe mourn the loss of a brave sailor.\u201d", "We mourn the loss of a brave sailor", "Joseph Varela"),
    ("The commander, Lt. Gen. Stephen Rourke, provided the following statement on the advance:\n\n"
     "\u201cThe operation to isolate the city has begun.\u201d", "The operation to isolate the city has begun",
     "Stephen Rourke"),
    ("Veltrax Networks posted a loss. \u201cWe will recover,\u201d said Veltrax president Bill Owens.",
     "We will recover", "Bill Owens"),
])
def test_speakers_of_releases(body, quote, speaker):
    assert speakers(body)[quote] == speaker


# ---------------------------------------------------------------- places taken, freed and besieged

@pytest.mark.parametrize("body, expected", [
    ("The attack in the Zayouna district of Baghdad killed 20 people.", {"Zayouna"}),
    ("The attacks in Kafr Zita, Sarmin and Habit show the regime's cruelty.", {"Kafr Zita", "Sarmin", "Habit"}),
    ("The liberation of Sinjar was welcomed by the minister.", {"Sinjar"}),
    ("Forces launched the offensive to retake Tikrit eight days ago.", {"Tikrit"}),
    ("Nearly a year after the fall of Samarra to the militants, the minister spoke.", {"Samarra"}),
    ("The battle for Ramadi continued as troops pushed into the city.", {"Ramadi"}),
    ("Rebel forces liberated the Syrian town of Dabiq from ISIL control.", {"Dabiq"}),
    ("They discussed military planning for operations to free the city of Kirkuk.", {"Kirkuk"}),
    ("The SDF began the operation to isolate Raqqah on 6 November.", {"Raqqah"}),
    ("Militants took control of Gao after heavy fighting.", {"Gao"}),
    ("The RSF seized Tamboul on Monday.", {"Tamboul"}),  # seizing a town is fighting enough
    ("Three hand grenades were thrown at a police station in Celopek.", {"Celopek"}),
    ("Unknown gunmen opened fire at the rural settlement of Izingolweni on Sunday, killing two.", {"Izingolweni"}),
    ("Iraqi troops attempted to seize the Qayyarah airfield from ISIL fighters.", {"Qayyarah airfield"}),
    # a place that undergoes the attack, before the verb: a town of the gazetteer or a place's shape
    ("This is a significant day: Sinjar has been liberated after two years of occupation.", {"Sinjar"}),
    ("Mount Sinjar was besieged by the militants for a week.", {"Mount Sinjar"}),
    # a force driven out of a place; a town named before its battle; "striking" in a sentence of fighting
    ("We have broken the siege and pushed ISIL out of Kobane.", {"Kobane"}),
    ("Troops drove the militants from Gao after heavy fighting.", {"Gao"}),
    ("They trained the brigades for the Mosul offensive.", {"Mosul"}),
    ("Israeli jets fired missiles into Syria, striking Sabboura, an area outside Damascus.", {"Sabboura"}),
    # ... after a list with no conjunction, a comma opens the next clause, whose subject is no target
    ("Speaking after the fall of Samarra to the militants, Karim Nasser said the city would be freed.",
     {"Samarra"}),
])
def test_places_taken_freed_and_besieged(body, expected):
    assert expected <= base_names(body)


@pytest.mark.parametrize("body", [
    "The board took control of Barclays after the vote.",
    "Critics called for him to attend the anniversary of the liberation of Auschwitz.",
    "Rockets landed in the airport compound, Reuters news agency reports.",
    "Smith was attacked in the street outside his home.",
    "Labour was attacked by the Tories over the plan.",
    "Apple was hit by falling sales in China.",
    "Mr Galloway was expelled from Labour over his opposition to the war.",
    "Dole campaign aides said the candidate would not attend.",
    "Union members are striking Boeing plants this week.",
    # history, figures of speech, businesses, weather and sport (the session's review, on texts of its own)
    "Germany marked 30 years since the fall of the Berlin Wall.",
    "Russia marked 80 years since the end of the siege of Leningrad.",
    "Activists recalled the Battle for Seattle, the 1999 protests against the WTO.",
    "The mayor unveiled a plan to free the city of Boston from gridlock.",
    "Ford said it would sell its Detroit operations.",
    "Liverpool were hit by injuries ahead of the derby.",
    "Miami was struck by flooding on Sunday.",
    # the second review's, on 2023-2025 reports of its own
    "The battle for Manchester ended goalless at Old Trafford.",
    "Veterans marked the day. The fall of Dekemhare in 1991 is also commemorated each year.",
    "Passengers waited at a train station in Leeds after the strike.",
    "Insurgents set off a bomb outside a police station in Narathiwat province.",
    "He was a senior commander under Mobutu Sese Seko before the fall of Mobutu in 1997.",
])
def test_no_base_where_nothing_is_fought_over(body):
    assert base_names(body) == set()


# ---------------------------------------------------------------- operations, aims and stances

@pytest.mark.parametrize("body, present, absent", [
    # a named military operation, in a sentence of fighting, is discussed as a force is
    ("The strikes were conducted as part of Operation Steadfast Shield, the operation to clear the valley.",
     {"Operation Steadfast Shield"}, set()),
    ("Hurricane Ines hit the coast, the army said.", set(), {"Hurricane Ines", "Ines"}),
    # an enemy named only as a campaign's aim is background
    ("The ministers reaffirmed their commitment to combating Daesh.", set(), {"Islamic State"}),
    ("The coalition meets to counter Daesh and to defeat ISIL.", set(), {"Islamic State"}),
    ("Iraqi forces defeated ISIL in Mosul.", {"Islamic State"}, set()),
    # a country's stance makes it its government; a state of affairs leaves it a place
    ("The United States remains steadfast in its support of Turkey.", {"US government"}, set()),
    ("The United Kingdom stands with the people of Syria.", {"UK government"}, set()),
    ("Britain is deeply concerned by the reports.", {"UK government"}, set()),
    ("Sudan remains in chaos after the coup.", set(), {"Sudanese government"}),
])
def test_operations_aims_and_stances(body, present, absent):
    assert_actors(body, present, absent)


# ---------------------------------------------------------------- titles, datelines and dates of releases

def test_a_headline_with_a_rank_abbreviation_is_one_line():
    ex = run("The Syrian Democratic Forces began their advance.",
             title="Lt. Gen. Rourke statement on SDF advance to isolate Raqqah\n\n")
    assert ex.title == "Lt. Gen. Rourke statement on SDF advance to isolate Raqqah"


@pytest.mark.parametrize("body, place", [
    ("QUESTION: Did the secretary discuss Aleppo with his counterpart?", None),
    ("UPDATE: The convoy reached the town.", None),
    ("MR. KIRBY: Well, the convoy reached the town.", None),
    ("INTERVIEWER: What is your plan for the economy?", None),
    ("BAGHDAD: The minister said the convoy reached the town.", "Baghdad"),
    ("QAMISHLI: Gunmen attacked a checkpoint on the road.", "Qamishli"),  # a town the gazetteer lacks
])
def test_a_label_in_capitals_is_no_dateline(body, place):
    dateline = run(body).dateline
    assert (dateline.place if dateline else None) == place


@pytest.mark.parametrize("body, date", [
    # a date written in full in the lead's first sentence, release style (no "on")
    ("F-16 fighters from the Vermont Air National Guard arrived here Dec. 10, 2016, to join the coalition.",
     "2016-12-10"),
    ("The Syrian Democratic Forces announced that they began their advance to isolate Raqqah, Syria, "
     "Nov. 6, 2016. The coalition supports them.", "2016-11-06"),
    # ... never an earlier event named by its date, nor a date after "since"
    ("Hamas's Oct. 7, 2023, attack on Israel killed 1,200 people, officials said.", None),
    ("Israel has been at war since Oct. 7, 2023, the army said.", None),
    ("The 7 October 2023 massacre was recalled at the ceremony.", None),
    # ... nor a relative clause's, nor a future one
    ("The veteran, who was born July 4, 1924, in Ohio, celebrated his birthday.", None),
    ("Voters will go to the polls Nov. 5, 2024, to choose a governor, officials said.", None),
])
def test_a_full_date_in_the_lead(body, date):
    found = run(body).date
    assert (found.isoformat() if found else None) == date


# ---------------------------------------------------------------- people named by a first name, nicknames

@pytest.mark.parametrize("body, quote, speaker", [
    # someone named by the first name alone, as reports of ordinary people do
    ("\u201cI do the planting on the farm,\u201d Fatima said.", "I do the planting on the farm", "Fatima"),
    ("\u201cI do the planting on the farm,\u201d says Fatima, 34, a mother of three.",
     "I do the planting on the farm", "Fatima"),
    # ... or by a name a trade or an age describes
    ("\u201cIt is not good,\u201d said Al Brandt, an economist at a Moscow bank.", "It is not good", "Al Brandt"),
    ("\u201cShe is like a goddess,\u201d said Raju, 8, who lives by the station.", "She is like a goddess",
     "Raju"),
    ("\u201cWe had no water,\u201d said Amjad, a nurse at the hospital.", "We had no water", "Amjad"),
    ("\u201cWe had no water,\u201d said Awadiya, 60.", "We had no water", "Awadiya"),
    # a name closing an office with its remit, though no name list knows the first name
    ("Minister for the Middle East Hamish Falconer visited Beirut. \u201cWe stand ready,\u201d Falconer said.",
     "We stand ready", "Hamish Falconer"),
    # a club's name before its coach is no first name of the club
    ("Shakhtar Donetsk beat Club Brugge. \u201cWe play for Ukraine,\u201d Shakhtar coach Marino Pusic said.",
     "We play for Ukraine", "Marino Pusic"),
])
def test_people_named_alone(body, quote, speaker):
    assert speakers(body)[quote] == speaker
    assert speaker in actor_names(body)


@pytest.mark.parametrize("body, name", [
    ("\u201cPrices will rise,\u201d Chelsea said.", "Chelsea"),  # a club as often as a person: a city's name
    ("\u201cWe will recover,\u201d said Qwell, a local phone service provider.", "Qwell"),  # a firm's trade
])
def test_a_lone_name_that_is_not_a_person(body, name):
    assert [a.type for a in run(body).actors if a.name == name] != ["person"]


def test_a_nickname_between_names_is_no_quote():
    found = speakers("\u201cWe will strike,\u201d said Col. John \u201cJ.D.\u201d Dorrell, the spokesman. "
                     "\u201cWe will not stop.\u201d")
    assert "J.D" not in found and "J.D." not in found
    assert set(found) == {"We will strike", "We will not stop"}


def test_a_transcripts_speakers_are_no_dateline():
    body = ("INTERVIEWER: What is your plan for the economy?\n\nSUNAK: We are going to cut inflation.\n\n"
            "INTERVIEWER: And taxes?\n\nSUNAK: Taxes will come down.")
    assert run(body).dateline is None
