"""Who speaks when the attribution names someone the rules make no actor of (session 49): composed
sentences, one table per rule.

Found on the re3d releases and features and the session-48 reviews (README, "What the forty-ninth
session changed"): a nickname between a first name and a surname made a person of the first name
alone ('Col. John "J.D." Dorrian' spoke as "John"); a quote whose attribution names someone no rule
admits ('"...," says Manal, as she empties her bag', '"...," said Amani, a mechanic') went to the
speaker of the quote before it, a wrong speaker where none is right; a first name that a registered
base also bears ("Omar", the Al-Omar field) was no one. A review of 214 texts of its own then found the
first rules' harms, kept here as rows: a country or a capital named after "said" is its government, a
name the article gives in full is that person's, a team that "who" follows is no person, and words
shouted or written between two names are no nickname. Every row is a sentence of our own."""
from __future__ import annotations

import pytest

from tests.test_extraction_speakers import actor_names, run, speakers

# ---------------------------------------------------------------- nicknames


@pytest.mark.parametrize("body, quote, speaker", [
    ("\u201cWe will not let them regroup,\u201d said Col. John \u201cJ.D.\u201d Dorrell, the task force's "
     "spokesman.", "We will not let them regroup", "John Dorrell"),
    ("The general, Jim \"Mad Dog\" Mattison, said \"we are ready to go\".", "we are ready to go", "Jim Mattison"),
    ("Jack \u201cTex\u201d Moreno runs the clinic. \u201cIt is hard work,\u201d Moreno said.", "It is hard work",
     "Jack Moreno"),
])
def test_a_nickname_is_no_part_of_the_name(body, quote, speaker):
    assert speakers(body)[quote] == speaker
    assert not any("\u201c" in name or '"' in name for name in actor_names(body))


def test_a_nickname_inside_a_quote_is_kept_as_written():
    found = speakers("\u201cI served with John \u201cJ.D.\u201d Dorrell for years,\u201d she said.")
    assert [q for q in found if q.startswith("I served with John \u201cJ.D.\u201d Dorrell for years")], found


# ---------------------------------------------------------------- someone named whom no rule admits

LAST = "\u201cWe lost everything,\u201d said Khalid Nasser, 28, a teacher.\n\n"


@pytest.mark.parametrize("body, quote", [
    (LAST + "\u201cWe have nowhere to go,\u201d says Manal, as she empties her bag.", "We have nowhere to go"),
    (LAST + "\u201cThey took even the doors,\u201d said Amani, a mechanic in the market.", "They took even the doors"),
    (LAST + "\u201cWe will go back,\u201d says Zarqawia.", "We will go back"),
    (LAST + "\u201cNobody came to help,\u201d Qurayshiya said.", "Nobody came to help"),
])
def test_a_named_speaker_is_never_the_last_one(body, quote):
    """The words are someone's the article names: not Khalid Nasser's, whatever else they are."""
    assert speakers(body)[quote] != "Khalid Nasser"


@pytest.mark.parametrize("body, quote, speaker", [
    # a rank, a demonym, a place after a preposition and a day are no names of who speaks
    ("\u201cThis attack shows the threat,\u201d said Maj. Gen. William Gaylord, director of operations.",
     "This attack shows the threat", "William Gaylord"),
    ("\u201cThis will increase jobs,\u201d says Jordanian planning minister, Imad Fakhri.", "This will increase jobs",
     "Imad Fakhri"),
    ("Brigadier Giles Harwood, commander of the battlegroup in Estonia said, \u201cHer courage saved lives.\u201d",
     "Her courage saved lives", "Giles Harwood"),
    ("The party chairman, Liam Foxton, on Saturday called him \u201ca disappointment\u201d.", "a disappointment",
     "Liam Foxton"),
    # "told X": X hears the words, the teller says them
    ("MP Yasser Watad told Shafaq News Agency that the government \u201cmust impose its authority\u201d.",
     "must impose its authority", "Yasser Watad"),
])
def test_a_speaker_named_in_full_still_speaks(body, quote, speaker):
    assert speakers(body)[quote] == speaker


# ---------------------------------------------------------------- first names


def test_a_first_name_a_registered_base_bears_is_someone_who_speaks():
    body = "\u201cWe lost everything again,\u201d says Omar, 28, a teacher."
    assert speakers(body)["We lost everything again"] == "Omar"


@pytest.mark.parametrize("body, quote, speaker", [
    # the first name of someone named in full before, whatever follows the verb
    ("Bilal Abu Hasira took his boat out on Sunday.\n\n\u201cThe sea is all we have,\u201d Bilal said, a 33-year-old "
     "father of four.", "The sea is all we have", "Bilal Abu Hasira"),
    ("Bernard Sandoval drew 15,000 people to a rally.\n\n\u201cThis is a movement,\u201d Bernard said, a day after "
     "winning the primary.", "This is a movement", "Bernard Sandoval"),
    ("Manal Hassan, 34, walks through her kitchen. \u201cWe have nowhere else to go,\u201d says Manal, as she lifts a "
     "plate.", "We have nowhere else to go", "Manal Hassan"),
    # a country or its capital named as who speaks: its government
    ("Egypt warned Israel on Sunday.\n\n\u201cAny attack would be a disaster,\u201d Foreign Minister Sameh Shoukri said."
     "\n\n\u201cEgypt will not allow it,\u201d added Egypt.", "Egypt will not allow it", "Egyptian government"),
    ("Qatar condemned the strike on Tuesday.\n\n\u201cWe reserve the right to respond,\u201d said Qatar, which has "
     "mediated between Israel and Hamas.", "We reserve the right to respond", "Qatari government"),
])
def test_who_a_name_after_the_verb_is(body, quote, speaker):
    assert speakers(body)[quote] == speaker


@pytest.mark.parametrize("body, absent", [
    # a base after "at" is the base, whoever speaks there
    ("Two rockets landed near Ain al-Asad air base on Sunday.\n\nOfficials at Asad said the rockets hit an empty area.",
     "Asad"),
    # a club or a team that "who" follows is no person
    ("\u201cWe accept the decision,\u201d said Ferrari, who will review their pit-stop procedures.", "Ferrari"),
    # words shouted or written between two names are no nickname
    ("He shouted to his brother Michael \"Run!\" Seconds later the roof came down.", "Michael Seconds"),
    ("She held up a sign for her son Adam \"Come Home\" Police said they were concerned.", "Adam Police"),
    ("Trump called Kim \"Rocket Man.\" Kim responded by calling him a \"dotard\".", "Kim Kim"),
])
def test_no_person_made_of_a_place_a_team_or_a_shout(body, absent):
    people = [a.name for a in run(body).actors if a.type == "person"]
    assert absent not in people, people


# ---------------------------------------------------------------- a registered body with a description before it


@pytest.mark.parametrize("body, present, absent", [
    ("They said Palestinian Islamist Hamas and the banned Front are among those attending the conference.",
     {"Hamas"}, {"Palestinian Islamist Hamas"}),
    ("Lebanese Shiite Hezbollah fired rockets at the border post.", {"Hezbollah"}, {"Lebanese Shiite Hezbollah"}),
    # a dictionary word alone is another country's body as often; a body whose own name opens so keeps it
    ("The minister said the Chilean Congress would ratify the treaty.", {"Chilean Congress"}, {"US Congress"}),
    ("Kiev wants associate membership of the Western European Union defence grouping.",
     {"Western European Union"}, {"European Union"}),
])
def test_a_description_before_a_registered_body(body, present, absent):
    names = set(actor_names(body))
    assert present <= names and not absent & names, names


def test_according_to_a_statement_that_names_no_one():
    """'"...," he told settler leaders, according to a statement': the clause before says who speaks."""
    body = ("Prime Minister Benjamin Netanyahu visited the settlement bloc on Tuesday.\n\n"
            "\u201cHere we are on a historic day,\u201d he told settler leaders, according to a statement.")
    assert speakers(body)["Here we are on a historic day"] == "Benjamin Netanyahu"
