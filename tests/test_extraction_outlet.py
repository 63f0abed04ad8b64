"""The outlet a page names in its own title line becomes the article's source."""
import pytest

from generator.extract import extract
from generator.read.register import Register

BODY = "\n\nBAGHDAD - Officials said two rockets landed near the airport on Tuesday night.\n"


@pytest.mark.parametrize("title_line,outlet", [
    ("Rockets land near Baghdad airport | Iraq News Daily", "Iraq News Daily"),
    ("Rockets land near Baghdad airport - Reuters", "Reuters"),
    ("Rockets land near Baghdad airport \u2013 Al-Monitor", "Al-Monitor"),
    ("Rockets land near Baghdad airport", None),
    ("Iraq-Iran talks - a new chapter in ties", None),
])
def test_outlet_from_title_suffix(title_line, outlet):
    ex = extract(title_line + BODY, Register())
    assert ex.outlet == outlet
    assert ex.title == "Rockets land near Baghdad airport" or outlet is None


def test_contract_speaker_is_named_as_the_article_writes_it():
    from generator.extract import to_contract_json
    from generator.read.register import RegisterEntry

    register = Register((RegisterEntry("Pat Ryder", "actor", "person", ("Patrick Ryder",)),))
    text = ("Pentagon says strikes hit militia depots\n\nWASHINGTON (AP) - Pentagon spokesman Patrick Ryder said "
            "the strikes were \u201cnecessary and proportionate.\u201d\n")
    record = to_contract_json("x.txt", extract(text, register))
    (actor,) = [a for a in record["actors"] if "Ryder" in a["name"]]
    assert actor["name"] == "Pat Ryder" and "Patrick Ryder" in actor["aliases"]
    assert record["quotes"][0]["speaker"] == "Patrick Ryder"


@pytest.mark.parametrize(
    "page, outlet",
    [
        ("Source: Levant Daily News\n", "Levant Daily News"),  # a source credit naming a medium
        ("Source: Video Screenshot\n", None),  # not a medium
        ("By Levant Chronicle Staff\n", "Levant Chronicle"),  # a newsroom signs the story
        ("Associated Press\n", "Associated Press"),  # an agency credit line
        ("LEVANT ONLINE\n", "Levant Online"),  # a site-name banner
        ("Copyright 2024 Levant Herald. All rights reserved.\n", "Levant Herald"),
        ("By Jane Roe\n", None),  # a person is not an outlet
    ],
)
def test_outlet_from_credit_lines(page, outlet):
    ex = extract("Rockets land near Baghdad airport\n" + page + BODY, Register())
    assert ex.outlet == outlet


@pytest.mark.parametrize(
    "opener, outlet",
    [
        ("BAGHDAD (Reuters) - Officials said", "Reuters"),  # the dateline's agency
        ("(AFP) - Officials said", "AFP"),
        ("BAGHDAD - Officials said", None),
    ],
)
def test_outlet_from_the_dateline_agency(opener, outlet):
    ex = extract("Rockets land near Baghdad airport\n\n" + opener + " two rockets landed.\n", Register())
    assert ex.outlet == outlet


def test_title_suffix_beats_credit_lines():
    ex = extract("Rockets land near Baghdad airport | Iraq News Daily\nSource: Levant Daily News\n\n"
                 "BAGHDAD (Reuters) - Officials said two rockets landed.\n", Register())
    assert ex.outlet == "Iraq News Daily"
