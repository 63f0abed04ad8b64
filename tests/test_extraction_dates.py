"""Publication dates and wire datelines in the forms real pages use."""
from __future__ import annotations

import datetime as dt

import pytest

from generator.extract import extract
from generator.models import Hints
from generator.register import Register

EMPTY = Register()
HEAD = "Militia claims drone attack on coalition convoy\n\n"
LEAD = "A drone hit a supply convoy near the border, officials said.\n\nNo injuries were reported."


@pytest.mark.parametrize(
    "date_line, expected",
    [
        ("Friday, October 27, 2023", dt.date(2023, 10, 27)),
        ("25 October, 2023", dt.date(2023, 10, 25)),
        ("Oct. 23, 2023", dt.date(2023, 10, 23)),
        ("2024-02-03", dt.date(2024, 2, 3)),
        ("03/02/2024", None),  # day or month first? nothing on the page says: no date
        ("23/02/2024", dt.date(2024, 2, 23)),  # only one reading exists
        ("Published: 14.01.2024 09:30", dt.date(2024, 1, 14)),
        ("Updated Sun 4 Feb 2024", dt.date(2024, 2, 4)),
        ("Monday", None),  # a weekday alone is not a date
    ],
)
def test_page_date_lines(date_line, expected):
    assert extract(HEAD + date_line + "\n\n" + LEAD, EMPTY).date == expected


def test_dates_of_earlier_events_in_the_story_are_not_used():
    text = HEAD + "The group first attacked the base on January 4, 2024, and again on 12 February 2024.\n\nNo one was hurt."
    assert extract(text, EMPTY).date is None


@pytest.mark.parametrize(
    "opener, hints, expected",
    [
        # year from the text (a caption or later mention), month/day from the dateline
        ("Baghdad, Oct 23 (EFE).- The ministry said in 2023 that", Hints(), dt.date(2023, 10, 23)),
        # year from hints when the text has none
        ("BAGHDAD, Jan 28 (Reuters) - The ministry said", Hints(date=dt.date(2024, 1, 29)), dt.date(2024, 1, 28)),
        # dateline with its own year
        ("WASHINGTON, Feb. 2, 2024 (Xinhua) -- The Pentagon said", Hints(), dt.date(2024, 2, 2)),
        # no year anywhere: null rather than a guess
        ("ERBIL, Oct 23 (AFP) - The ministry said", Hints(), None),
    ],
)
def test_dateline_month_day_with_inferred_year(opener, hints, expected):
    text = HEAD + opener + " a drone was shot down.\n\nNo injuries were reported."
    assert extract(text, EMPTY, hints).date == expected


@pytest.mark.parametrize(
    "opener, place, agency",
    [
        ("Baghdad, Oct 23 (EFE).- Iraq said", "Baghdad", "EFE"),
        ("ERBIL, Kurdistan Region - The Kurdish ministry said", "Erbil", None),
        ("BAGHDAD (Reuters) - Iraq said", "Baghdad", "Reuters"),
        ("AMMAN, Jan 28 (AFP) -- Jordan said", "Amman", "AFP"),
        ("DEIR EZZOR, Syria (AP) — Residents said", "Deir Ezzor", "AP"),
        ("(AFP) - Iraq said", None, "AFP"),
        ("SULAIMANIYAH — Security officials said", "Sulaimaniyah", None),
    ],
)
def test_wire_datelines(opener, place, agency):
    dl = extract(HEAD + opener + " a drone was shot down.\n\nNo injuries were reported.", EMPTY).dateline
    assert dl is not None
    assert (dl.place, dl.agency) == (place, agency)


@pytest.mark.parametrize(
    "lead",
    [
        "Iraq said on Monday a drone was shot down.",
        "The US military - which has 2,500 troops in Iraq - said a drone was shot down.",
        "US Secretary of Defense Lloyd Austin said a drone was shot down.",
    ],
)
def test_no_opener_no_dateline(lead):
    assert extract(HEAD + lead + "\n\nNo injuries were reported.", EMPTY).dateline is None
