"""Wire openers in the forms agencies and republishing sites write them."""
from __future__ import annotations

import datetime as dt

import pytest

from generator.extract import extract
from generator.extract.dateline import is_city_line, match_dateline
from generator.read.register import Register

EMPTY = Register()
HEAD = "Militia claims drone attack on coalition convoy\n\n"
REST = " a drone was shot down near the border.\n\nNo injuries were reported."


@pytest.mark.parametrize(
    "opener, place, agency, date",
    [
        # TASS / Interfax: the agency between slashes after the date
        ("ISTANBUL, June 3. /Interfax/. The ministry said", "Istanbul", "Interfax", None),
        # two datelined cities: the first is the place
        ("PARIS/BAMAKO, Jan. 5 (AFP) -- The army said", "Paris", "AFP", None),
        # a known place in normal case with a colon
        ("Nairobi: The police said", "Nairobi", None, None),
        ("KHARTOUM: The army said", "Khartoum", None, None),
        # a place and the outlet's own credit
        ("MOGADISHU, Horn Observer: The army said", "Mogadishu", "Horn Observer", None),
        # the date first, then the place in brackets ...
        ("March 2, 2021 (KHARTOUM) \u2013 The army said", "Khartoum", None, dt.date(2021, 3, 2)),
        # ... or a short credit in brackets: an agency, no place
        ("March 2, 2021 (HN) \u2013 The army said", None, "HN", dt.date(2021, 3, 2)),
        # publisher, wire and a day-first ordinal date in one bracket
        ("CAIRO (Daily Digest / Sputnik - 2nd March, 2021) The army said", "Cairo", "Sputnik", dt.date(2021, 3, 2)),
        # an aggregator's credit glued in front of the wire dateline
        ("(AGGREGATOR- Kuwait News Agency (KUNA)) GENEVA, Mar 2, 2021 (KUNA) -- The envoy said", "Geneva", "KUNA",
         dt.date(2021, 3, 2)),
    ],
)
def test_more_wire_forms(opener, place, agency, date):
    ex = extract(HEAD + opener + REST, EMPTY)
    assert ex.dateline is not None
    assert (ex.dateline.place, ex.dateline.agency) == (place, agency)
    if date:
        assert ex.date == date


@pytest.mark.parametrize(
    "opener",
    [
        "Update: The police said",  # a label, not a place
        "Analysis: The war has",
        "Hezbollah: We will respond",  # a speaker label
        "March 2, 2021 (the army said) \u2013 nothing",
    ],
)
def test_labels_are_not_datelines(opener):
    assert match_dateline(opener) is None or match_dateline(opener).dateline.place is None and \
        match_dateline(opener).dateline.agency is None


@pytest.mark.parametrize(
    "line, is_dateline",
    [
        ("ANKARA", True),
        ("KHARTOUM, Sudan / ISTANBUL", True),  # Anadolu's double dateline on its own line
        ("NAIROBI, Kenya", True),
        ("BREAKING", False),
        ("Sudan / Istanbul", False),
    ],
)
def test_dateline_alone_on_its_line(line, is_dateline):
    assert is_city_line(line) is is_dateline


def test_double_dateline_line_opens_the_story():
    ex = extract(HEAD + "KHARTOUM, Sudan / ISTANBUL\n\nOfficials said" + REST, EMPTY)
    assert (ex.dateline.place, ex.dateline.agency) == ("Khartoum", None)


@pytest.mark.parametrize(
    "page, place",
    [
        # a standfirst bullet before the dateline paragraph
        ("\u2022 The group said the prisoners would be released\n\nKHARTOUM: Officials said" + REST, "Khartoum"),
        # an app banner before it
        ("Tap the menu and select 'Add to homescreen' to pin the web app\n\nTRIPOLI: Officials said" + REST, "Tripoli"),
    ],
)
def test_dateline_after_short_furniture(page, place):
    ex = extract(HEAD + page, EMPTY)
    assert ex.dateline is not None and ex.dateline.place == place


def test_a_long_paragraph_before_it_means_it_is_not_the_opener():
    para = "Officials said a drone was shot down near the border after a long night of fighting. " * 5
    ex = extract(HEAD + para + "\n\nKHARTOUM: Later, officials said" + REST, EMPTY)
    assert ex.dateline is None
