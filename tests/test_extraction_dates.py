"""Publication dates and wire datelines in the forms real pages use."""
from __future__ import annotations

import datetime as dt

import pytest

from generator.extract import extract
from generator.models import Hints
from generator.read.register import Register

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


# --- Dates as the page states them -------------------------------------------------------------

@pytest.mark.parametrize(
    "date_line, expected",
    [
        ("2025-03-04 09:12:55", dt.date(2025, 3, 4)),  # machine timestamp
        ("2025-03-04T09:12:55Z", dt.date(2025, 3, 4)),  # ISO stamp with the time glued on
        ("March 4, 2025 9:12 AM", dt.date(2025, 3, 4)),
        ("Updated: 4 Mar 2025", dt.date(2025, 3, 4)),
        ("15 August,2024 07:27 pm", dt.date(2024, 8, 15)),  # no space after the comma
        ("04.03.2025 09:12", dt.date(2025, 3, 4)),  # dotted dates are day-first
        ("Published on: 21/03/2025 - 10:05", dt.date(2025, 3, 21)),
        ("Waleed Amer | 23.03.2020 - Update : 23.03.2020", dt.date(2020, 3, 23)),  # a date, then its update
        # a wire dateline's place (city in capitals, its region) on the date's line (real newswire)
        ("TORBAY, West Coast 1996-08-22", dt.date(1996, 8, 22)),
        ("HARLOW PARK, Calif. Aug 25, 1996", dt.date(1996, 8, 25)),
        # not the page's date (read off real pages of other sites, htmldate's test corpus):
        ("user1 28.09.1912:44", None),  # "28.09.19" and "12:44" run together: no year 1912
        ("— Ali (@ali) January 24, 2020", None),  # an embedded post's signature
        ("Offer period: 21.10.2019 – 27.10.2019", None),  # a period
        ("3 May 2024 to 5 May 2024", None),
    ],
)
def test_machine_and_page_stamps(date_line, expected):
    assert extract(HEAD + date_line + "\n\n" + LEAD, EMPTY).date == expected


@pytest.mark.parametrize(
    "date_line, body, expected",
    [
        # the text writes the same day in words: month-first
        ("Posted: 08/10/2022 - 19:18", "The report, released on Wednesday, August 10, listed the dead.",
         dt.date(2022, 8, 10)),
        # ... or day-first
        ("Posted: 08/10/2022 - 19:18", "The report, released on 8 October, listed the dead.", dt.date(2022, 10, 8)),
        # the weekday the text names fits one reading only (6 Dec 2020 was a Sunday, 12 Jun a Friday)
        ("06/12/2020", "A rocket struck the compound on Sunday night, officials said.", dt.date(2020, 12, 6)),
        # another date on the page shows the site writes the day first
        ("Issued: 06/12/2020\nModified: 18/12/2020", "A rocket struck the compound, officials said.",
         dt.date(2020, 12, 6)),
        # nothing settles the order: no date rather than a wrong one
        ("06/12/2020", "A rocket struck the compound, officials said.", None),
    ],
)
def test_ambiguous_numeric_dates_need_evidence_from_the_page(date_line, body, expected):
    text = HEAD + date_line + "\n\n" + body + "\n\nNo injuries were reported."
    assert extract(text, EMPTY).date == expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("By Central Command Public Affairs, Tampa, Florida Sep 30, 2019", dt.date(2019, 9, 30)),
        ("By Jane Roe | 12 May 2021 | 3 min read", dt.date(2021, 5, 12)),
        ("By Jane Roe", None),
    ],
)
def test_byline_dates(line, expected):
    assert extract(HEAD + line + "\n\n" + LEAD, EMPTY).date == expected


@pytest.mark.parametrize(
    "line, precision, month",
    [
        ("Published: October 2023", "month", "2023-10"),
        ("March 2024", "month", "2024-03"),
        ("Since March 2024", None, None),  # a phrase, not a page date
    ],
)
def test_month_only_dates_keep_their_precision(line, precision, month):
    from generator.extract import to_contract_json

    ex = extract(HEAD + line + "\n\n" + LEAD, EMPTY)
    assert ex.date_precision == precision
    record = to_contract_json("x.txt", ex)
    assert record["date"] is None and record.get("month") == month and record["date_precision"] == precision


@pytest.mark.parametrize(
    "lead, expected",
    [
        # a lead that opens with the event's full date
        ("On the morning of March 3, 2022, gunmen attacked the barracks, the army said.", dt.date(2022, 3, 3)),
        # wire style: weekday, month and day; the year is the one in which that day is that weekday
        # (the page's latest year, 2019, or the next one: 9 Jan 2020 was a Thursday)
        ("Gunmen attacked the barracks on Thursday, January 9, the army said. It was the worst attack since "
         "November 2019.", dt.date(2020, 1, 9)),
        # no year on the page fits the weekday: no date
        ("Gunmen attacked the barracks on Tuesday, December 10, the army said. Attacks began in 2015.", None),
        # an earlier event in the lead, without a weekday: not the story's date
        ("The group first attacked the base on January 4, 2024, officials said.", None),
        # the weekday contradicts the date: no date
        ("Gunmen attacked the barracks on Monday, March 3, 2022, the army said.", None),
    ],
)
def test_the_leads_event_date(lead, expected):
    assert extract(HEAD + lead + "\n\nNo injuries were reported.", EMPTY).date == expected


@pytest.mark.parametrize(
    "caption, expected",
    [
        # the caption shows the event of the headline
        ("Smoke rises from the coalition convoy hit by a militia drone near the border, May 2, 2024. (Photo: AFP)",
         dt.date(2024, 5, 2)),
        # a file picture
        ("File photo of a coalition convoy near the border, May 2, 2017. (Photo: AFP)", None),
        # a caption about something else
        ("A market in the capital on May 2, 2017. (Photo: AFP)", None),
    ],
)
def test_caption_date_only_when_the_caption_shows_the_event(caption, expected):
    text = HEAD + caption + "\n\n" + LEAD
    assert extract(text, EMPTY).date == expected


@pytest.mark.parametrize(
    "trailer, expected",
    [
        ("ID18102024000071011013", dt.date(2024, 10, 18)),  # a content ID stamped with the same day
        ("https://example.org/20241018/story.html", dt.date(2024, 10, 18)),
        ("ID17102024000071011013", None),  # another day: it says nothing about this dateline's year
    ],
)
def test_dateline_year_from_a_machine_stamp(trailer, expected):
    text = HEAD + "GENEVA, Oct 18 (KUNA) -- The spokesman said a drone was shot down.\n\n" + trailer
    assert extract(text, EMPTY).date == expected


def test_dates_in_a_related_stories_block_are_not_the_pages():
    text = HEAD + LEAD + "\n\nRelated Articles\n\nArmy retakes town in the north\n\n27-03-2025\n"
    assert extract(text, EMPTY).date is None


def test_month_precise_article_shows_its_month_on_the_site():
    from generator.index.archive import build_archive, make_article
    from generator.models import MonthDate, date_text
    from generator.render.pages import long_date, short_date

    month_only = make_article("a", extract(HEAD + "Published: October 2023\n\n" + LEAD, EMPTY), None)
    day = make_article("b", extract(HEAD + "October 2, 2023\n\n" + LEAD, EMPTY), None)
    later = make_article("c", extract(HEAD + "November 1, 2023\n\n" + LEAD, EMPTY), None)
    assert isinstance(month_only.date, MonthDate)
    assert (long_date(month_only.date), short_date(month_only.date), date_text(month_only.date)) == (
        "October 2023", "Oct 2023", "2023-10")
    assert long_date(day.date) == "2 October 2023"
    # newest first: November, then October's dated article, then the article known only to October
    assert [a.stem for a in build_archive([month_only, later, day], EMPTY).articles] == ["c", "b", "a"]


@pytest.mark.parametrize("year", [1, 9, 99, 999, 1000, 2023, 9999])
def test_site_dates_spell_the_months_as_strftime_does(year):
    """render/pages.py writes the months' names out instead of asking strftime for each date: the same
    words and years as `%B` / `%b` and `%Y` give, for a day and for a month-precise date."""
    from generator.models import MonthDate
    from generator.render.pages import long_date, short_date

    for month in range(1, 13):
        day, month_only = dt.date(year, month, 28), MonthDate(year, month, 1)
        assert (long_date(day), short_date(day)) == (f"28 {day:%B %Y}", f"28 {day:%b %Y}")
        assert (long_date(month_only), short_date(month_only)) == (f"{month_only:%B %Y}", f"{month_only:%b %Y}")


@pytest.mark.parametrize(
    "first_line, expected",
    [
        # the page's date line with the first paragraph glued to it (the line break lost in scraping)
        ("Thursday, May 7, 2015 On Tuesday, a drone hit a supply convoy near the border.", dt.date(2015, 5, 7)),
        ("Friday, 27 October 2023 Officials said a drone hit a supply convoy.", dt.date(2023, 10, 27)),
        # the weekday must be the date's own: "Friday, May 7, 2015" is no date line
        ("Friday, May 7, 2015 On Tuesday, a drone hit a supply convoy near the border.", None),
        # a date without its weekday opening a sentence is the story's, not the page's
        ("May 7, 2015 was the day a drone hit a supply convoy near the border.", None),
    ],
)
def test_a_date_line_glued_to_the_first_paragraph(first_line, expected):
    x = extract(HEAD + first_line + "\n\n" + LEAD, EMPTY)
    assert x.date == expected
    assert not any(p.startswith(("Thursday", "Friday")) for p in x.paragraphs if expected)


def test_a_timeline_keeps_its_dates_in_its_lines():
    """Two lines opening with a full date: a timeline, each date its line's story's; no page date from them."""
    x = extract(HEAD + "Friday, January 3, 2020 A drone killed the general.\n\n"
                "Wednesday, January 8, 2020 Missiles hit two bases.\n\n" + LEAD, EMPTY)
    assert x.date is None
    assert x.paragraphs[:2] == ("Friday, January 3, 2020 A drone killed the general.",
                                "Wednesday, January 8, 2020 Missiles hit two bases.")
