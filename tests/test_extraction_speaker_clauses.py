"""Speakers by clause (issue 11 item 3): one table per rule, on sentences composed for these tests."""
from __future__ import annotations

import pytest

from tests.test_extraction_speakers import speakers


@pytest.mark.parametrize("body, quote, speaker", [
    # the verb of saying nearest the quote: "while X claimed" after a passive report
    ("\u201cSome damage\u201d was reported by the ministry, while the Popular Mobilization Forces claimed to have "
     "caused \u201cheavy losses among the invaders.\u201d", "heavy losses among the invaders", "Popular Mobilization Forces"),
    # a participle of saying has the subject of the finite verb before it
    ("Fighting spread to Dolo, with the Popular Mobilization Forces announcing the death of "
     "\u201cthree of our heroes.\u201d", "three of our heroes", "Popular Mobilization Forces"),
    ("Hadi al-Amiri said the town had fallen, a witness told reporters, adding that \u201cnobody is left.\u201d",
     "nobody is left", None),
    # "Officials said ... told ... that ... had been warned, X said, adding:": the last clause's subject
    ("Officials said Kataib Hezbollah told the envoy that Nechirvan Barzani had been warned, Hadi al-Amiri said, "
     "adding: \u201cNobody can tell.\u201d", "Nobody can tell", "Hadi al-Amiri"),
    ("Asked whether Kataib Hezbollah would strike again, Hadi al-Amiri said: \u201cNobody can tell.\u201d",
     "Nobody can tell", "Hadi al-Amiri"),
    # a verb in a subordinate clause of what was said is not a new speaker's
    ("Hadi al-Amiri said the militia would hold the town, once the army promised to \u201cstay away.\u201d",
     "stay away", "Hadi al-Amiri"),
])
def test_nearest_verb_of_saying(body, quote, speaker):
    assert speakers(body)[quote] == speaker


@pytest.mark.parametrize("body, quote, speaker", [
    # "..., Colonel X, who declared ...": the antecedent of "who" speaks, not the sentence's first actor
    ("The raid came a day after a speech by the Popular Mobilization Forces commander, Hadi al-Amiri, who had "
     "declared the rebels \u201ca spent force.\u201d", "a spent force", "Hadi al-Amiri"),
    ("Kataib Hezbollah fired rockets after Nechirvan Barzani, who warned of \u201cgrave consequences\u201d, "
     "left Baghdad.", "grave consequences", "Nechirvan Barzani"),
])
def test_relative_who_takes_its_antecedent(body, quote, speaker):
    assert speakers(body)[quote] == speaker


@pytest.mark.parametrize("body, quote, speaker", [
    # a clause closing the sentence after its last quote credits every quote of the sentence
    ("A drone strike by \u201cforeign jets\u201d hit the depot, followed by \u201crockets fired by the militia\u201d, "
     "Hadi al-Amiri said on Facebook.", "foreign jets", "Hadi al-Amiri"),
    ("Hadi al-Amiri met the envoy on Monday. The talks come before the vote \u201cat the end of the month\u201d when "
     "parliament meets again, he added.", "at the end of the month", "Hadi al-Amiri"),
    # a tail clause with its own reported content is no attribution
    ("A drone strike by \u201cforeign jets\u201d hit the depot on Monday, after the talks failed.",
     "foreign jets", None),
])
def test_sentence_tail_attribution(body, quote, speaker):
    assert speakers(body)[quote] == speaker


@pytest.mark.parametrize("body, quote, speaker", [
    # a quotation mark that never closes: the attribution at the paragraph's end is not quoted
    ("\u201cWe will hold the town whatever it costs, said Hadi al-Amiri.", "We will hold the town whatever it costs",
     "Hadi al-Amiri"),
    ("\"The militia has left the district, Hadi al-Amiri said.", "The militia has left the district", "Hadi al-Amiri"),
    # without an attribution at its end the unclosed quote runs to the end of the paragraph
    ("Hadi al-Amiri said: \u201cWe will hold the town, whatever it costs.", "We will hold the town, whatever it costs",
     "Hadi al-Amiri"),
])
def test_unclosed_quote_keeps_its_attribution_outside(body, quote, speaker):
    assert speakers(body)[quote] == speaker


@pytest.mark.parametrize("body, quote, speaker", [
    # "the statement" resolves to the subject of the sentence that introduced it, a pronoun or a body noun too
    ("The Popular Mobilization Forces buried their dead on Sunday.\n\nIn a statement on Monday, the group said it "
     "had shelled the camp.\n\nThe camp burned. \u201cThe operation will continue,\u201d read the statement.",
     "The operation will continue", "Popular Mobilization Forces"),
    # a statement "published on" a body's account is the body's; later "the statement said" stays with it
    ("The Popular Mobilization Forces buried their dead.\n\nThe camp burned. \u201cTwo soldiers were hurt,\u201d "
     "reads a statement published on the group\u2019s website.\n\nThe camp was shelled twice. \u201cIt is a grave violation,\u201d the statement said.",
     "It is a grave violation", "Popular Mobilization Forces"),
    # "the official statement": an adjective, not an official; the one body quoted so far issued it
    ("The Popular Mobilization Forces said on Monday they had \u201crepelled the attack\u201d.\n\nThe town was "
     "quiet.\n\nThe official statement also claimed that \u201cdozens of attackers\u201d were killed.",
     "dozens of attackers", "Popular Mobilization Forces"),
    # two bodies quoted and no statement introduced: unsettled
    ("The Popular Mobilization Forces said they had \u201crepelled the attack\u201d. Kataib Hezbollah said it "
     "had \u201ckilled dozens\u201d.\n\nThe town was quiet. The official statement also claimed that "
     "\u201cthe town is safe.\u201d", "the town is safe", None),
])
def test_the_statement_has_its_issuer(body, quote, speaker):
    assert speakers(body)[quote] == speaker


@pytest.mark.parametrize("title, body, quote, speaker", [
    # a headline whose subject is a country's army: the army the text names, not the government
    ("Iraq army repels \u2018a large attack\u2019 near Tal Afar\n\n",
     "The Iraqi Armed Forces said on Monday that the attack was repelled.", "a large attack", "Iraqi Armed Forces"),
    # no army named in the text: nobody, never the government
    ("Iraq army repels \u2018a large attack\u2019 near Tal Afar\n\n",
     "The attack was repelled on Monday, officials said.", "a large attack", None),
    # a country as the headline's subject stays its government
    ("Iraq condemns \u2018a cowardly attack\u2019 near Tal Afar\n\n",
     "The attack killed two on Monday.", "a cowardly attack", "Iraqi government"),
])
def test_headline_army_subject(title, body, quote, speaker):
    assert speakers(body, title)[quote] == speaker


@pytest.mark.parametrize("body, quote, speaker", [
    # an unnamed spokesperson or official of a country's named army speaks for the army
    ("The Iraqi Armed Forces shelled the hills.\n\n\u201cWe hold the ridge,\u201d the Iraqi military spokesman said.",
     "We hold the ridge", "Iraqi Armed Forces"),
    ("The Iraqi Armed Forces shelled the hills.\n\n\u201cWe hold the ridge,\u201d an Iraqi military official said.",
     "We hold the ridge", "Iraqi Armed Forces"),
    # a source is anonymous, and an army the text does not name gives nobody
    ("The Iraqi Armed Forces shelled the hills.\n\n\u201cWe hold the ridge,\u201d an Iraqi military source said.",
     "We hold the ridge", None),
    ("The hills were shelled.\n\n\u201cWe hold the ridge,\u201d a Turkish military official said.",
     "We hold the ridge", None),
])
def test_unnamed_spokesperson_of_a_named_army(body, quote, speaker):
    assert speakers(body)[quote] == speaker


@pytest.mark.parametrize("body, quote, speaker", [
    # "the UN agency": a body the UN only qualifies; it is the organisation heading the sentence before
    ("The International Organization for Migration said 500 families fled. The UN agency described the "
     "situation as \u201chighly volatile.\u201d", "highly volatile", "International Organization for Migration"),
    # "the force": the organisation heading the sentence before when no name has that word
    ("The Popular Mobilization Forces left the camp.\n\n\u201cWe withdrew early,\u201d the formation said.",
     "We withdrew early", "Popular Mobilization Forces"),
    ("Kataib Hezbollah left the camp on Sunday.\n\n\u201cWe withdrew early,\u201d the force wrote on Sunday.",
     "We withdrew early", "Kataib Hezbollah"),
    # a country's government is never "the agency" or "the force"
    ("Iraq closed the crossing on Sunday.\n\n\u201cWe withdrew early,\u201d the force wrote on Sunday.",
     "We withdrew early", None),
    # "the ministry" names a kind of body: only a ministry the text names resolves it
    ("Kataib Hezbollah fired rockets at the camp.\n\n\u201cSix died,\u201d the ministry said.", "Six died", None),
    # "the army-aligned health ministry": the ministry, which the text does not name
    ("The Iraqi army shelled the camp. Witnesses heard blasts.\n\n\u201cSix died,\u201d the army-aligned health "
     "ministry said.", "Six died", None),
])
def test_a_body_noun_refers_back(body, quote, speaker):
    assert speakers(body)[quote] == speaker


@pytest.mark.parametrize("body, quote, speaker", [
    # a subject noun no list knows resolves only by a name holding it, else nobody (never the last speaker)
    ("Hadi al-Amiri said the town was calm.\n\n\u201cThe clashes have stopped,\u201d the coordination said in a "
     "statement on its page.", "The clashes have stopped", None),
    ("The Coordination Committee of Tal Afar met on Sunday.\n\n\u201cThe clashes have stopped,\u201d the "
     "coordination said.", "The clashes have stopped", "Coordination Committee of Tal Afar"),
    ("Hadi al-Amiri said the town was calm.\n\n\u201cThe clashes have stopped,\u201d the farmer said.",
     "The clashes have stopped", None),
    # an auxiliary is no subject noun: "a date would be announced “...”" goes on with the speaker
    ("The talks ended. Hadi al-Amiri called them \"useful\" and said a date would be announced "
     "\"in the coming weeks.\"", "in the coming weeks", "Hadi al-Amiri"),
])
def test_an_unknown_subject_noun(body, quote, speaker):
    assert speakers(body)[quote] == speaker


@pytest.mark.parametrize("body, quote, speaker", [
    # a quote inside a sentence-opening participle phrase: the main clause's subject speaks
    ("Citing \u201cgrave security concerns\u201d, Hadi al-Amiri closed the road to Tal Afar.",
     "grave security concerns", "Hadi al-Amiri"),
    ("Hadi al-Amiri visited the front. Stressing the \u201curgent\u201d need for calm, he met the elders.",
     "urgent", "Hadi al-Amiri"),
    # an unnamed subject settles nothing
    ("Fleeing the \u201chell\u201d of the siege, families reached Tal Afar.", "hell", None),
])
def test_participle_opener(body, quote, speaker):
    assert speakers(body)[quote] == speaker


@pytest.mark.parametrize("body, quote, speaker", [
    # "Urging all Member States to ..., she added": the pronoun is not a name in her own opening phrase
    ("Hadi al-Amiri spoke first. Urging Nechirvan Barzani to act, he added: \u201cWe cannot wait.\u201d",
     "We cannot wait", "Hadi al-Amiri"),
])
def test_pronoun_after_a_participle_opener(body, quote, speaker):
    assert speakers(body)[quote] == speaker


@pytest.mark.parametrize("body, quote, speaker", [
    # the passive agent of a verb of saying speaks; an unnamed one settles it as nobody
    ("Kataib Hezbollah said it fired on the base.\n\n\u201cMinor damage\u201d was reported by the authorities, and the "
     "road reopened.", "Minor damage", None),
    ("The base was hit.\n\n\u201cMinor damage\u201d was reported by Hadi al-Amiri on Sunday.", "Minor damage",
     "Hadi al-Amiri"),
])
def test_passive_agent_speaks(body, quote, speaker):
    assert speakers(body)[quote] == speaker


@pytest.mark.parametrize("body, quote, speaker", [
    # "he" skips "a battalion" (no person) to the named commander of the sentence before
    ("Gunmen attacked a battalion of the army at dawn, said a commander, Gen. Hadi al-Amiri. "
     "He blamed \u201cthe rebel group\u201d for the raid.", "the rebel group", "Hadi al-Amiri"),
    # an unnamed person before him still settles it as nobody
    ("Gunmen attacked the camp at dawn, a security source said. He blamed \u201cthe rebel group\u201d for the raid.",
     "the rebel group", None),
])
def test_he_needs_a_person(body, quote, speaker):
    assert speakers(body)[quote] == speaker


@pytest.mark.parametrize("body, quote, speaker", [
    # a sentence going on with the report of the sentence before ("They ...") keeps its speaker
    ("Hadi al-Amiri said on Monday that the militia had seen a threat near the camp. They fired flares "
     "\u201cto warn the intruders off.\u201d", "to warn the intruders off", "Hadi al-Amiri"),
    # a paragraph whose subject is the speaker of the paragraph before continues that statement
    ("The Popular Mobilization Forces said they shelled the camp at dawn.\n\nThe Popular Mobilization Forces "
     "also hit a depot \u201cwith guided rockets\u201d in the north.", "with guided rockets",
     "Popular Mobilization Forces"),
    # a new narrator's fact after a report is nobody's
    ("Hadi al-Amiri said on Monday that the militia had seen a threat near the camp. The market of Tal Afar "
     "was closed for a \u201csecurity operation\u201d.", "security operation", None),
    ("The Popular Mobilization Forces said they shelled the camp at dawn.\n\nKataib Hezbollah "
     "also hit a depot \u201cwith guided rockets\u201d in the north.", "with guided rockets", None),
])
def test_continued_report(body, quote, speaker):
    assert speakers(body)[quote] == speaker
