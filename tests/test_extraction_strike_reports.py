"""Places a strike report names (session 49): composed sentences, one table per rule.

Found on the re3d releases (README, "What the forty-ninth session changed"): the daily strike
reports of a coalition list their strikes town by town, each line opening "Near <town>," then
counting the strikes and what they destroyed, and reports of one strike say it hit "near" a place;
the annotators, following CONVENTIONS ("named places given as the target of ... a strike at town
level"), listed those towns, and the rules read none of them. A site named by its town ("the
University of Mosul") was read as "University", "the West" as a place; on Reuters' newswire, goods
seized and workers' strikes were read as attacks ("police seized 18 kg of heroin in the town of
Pattaya"), peoples as a camp's name, and "the Chechen capital Grozny" (no "of") as no place. Every row is a sentence of our own."""
from __future__ import annotations

import pytest

from tests.test_extraction_statements_and_offensives import base_names

REPORT = "Coalition forces conducted 19 strikes against the group's targets on Tuesday.\n\n"


@pytest.mark.parametrize("body, expected", [
    (REPORT + ".    Near Qaryat Alwan, 12 strikes engaged four tactical units and destroyed two bridges.",
     {"Qaryat Alwan"}),
    (REPORT + "- Near Tell Hamdan, one strike destroyed a repeater station.\n\n"
     "- Near Birqash, two airstrikes struck a tunnel entrance and a fighting position.", {"Tell Hamdan", "Birqash"}),
    (REPORT + "Near Ain Dhahab, an airstrike destroyed a truck bomb staging facility.", {"Ain Dhahab"}),
    # one strike "near" a town or a site
    ("The commander was killed by a coalition airstrike near Sadd al-Furat, the command said.", {"Sadd al-Furat"}),
    ("Twenty soldiers were killed in an airstrike near Tillabou close to the border, the army said.", {"Tillabou"}),
    # a site named by its town, taken in a battle
    ("Army units completed the liberation of the University of Qadisha after days of fighting.",
     {"University of Qadisha"}),
    # "the <adjective> capital|town <Name>", without "of"
    ("The army threatened to bomb its way back into the rebel-held Chechen capital Grozny.", {"Grozny"}),
    ("Gunfire echoed through the northern town Qaladiza as the fighting resumed.", {"Qaladiza"}),
])
def test_the_towns_a_strike_report_names(body, expected):
    assert expected <= base_names(body), base_names(body)


@pytest.mark.parametrize("body", [
    # a capital, a border, a count of nothing struck, strikes of workers
    REPORT + "Near Baghdad, two strikes destroyed a vehicle.",
    REPORT + "Near the border, two strikes hit a supply route.",
    "Near Qaryat Alwan, residents said the market reopened after two weeks.",
    "Near Leeds, two strikes by rail workers closed the line for a day.",
    # the town only locates what was struck: no strike is counted after it
    "Near Qaryat Alwan, the convoy stopped for the night before moving on.",
    # the Western world is no place
    "The liberation of the city will deny the militants a haven to plot attacks against the West.",
    # a national capital named so
    "Shells hit the Syrian capital Damascus on Monday.",
    # goods seized and workers' strikes are no attacks
    "A carpenter was arrested in the seaside town of Pattaya after police seized 18 kg of heroin.",
    "Customs officers seized more than two tonnes of cocaine at the port of Rotterdam.",
    "Union leaders called for a two-hour strike in the town of Silwad to protest the demolition.",
    "Teachers went on strike in the city of Basra over unpaid wages.",
    # peoples describe a camp; they do not name it
    "Israeli army ransacks Bedouin Palestinian camp.",
])
def test_no_town_where_no_strike_is_counted(body):
    assert base_names(body) == set()
