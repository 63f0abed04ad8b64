"""Page cleaning and headline choice on page shapes seen in scraped news."""
from __future__ import annotations

import pytest

from generator.extract import extract
from generator.read.register import Register

EMPTY = Register()

STORY = (
    "DAMASCUS (AFP) - Syrian officials said on Tuesday that a drone struck a fuel depot near the Jordanian border.\n\n"
    "The strike caused a large fire but no casualties, the ministry said.\n\n"
    "Residents reported hearing two explosions before dawn."
)


def body(text: str) -> tuple[str, ...]:
    return extract(text, EMPTY).paragraphs


@pytest.mark.parametrize(
    "page, title",
    [
        # caption with credit above the headline
        ("Smoke rises over the depot on Tuesday. REUTERS/Firas Makdesi\n\nDrone strikes fuel depot in southern Syria\n\n" + STORY,
         "Drone strikes fuel depot in southern Syria"),
        # site suffix after a pipe
        ("Drone strikes fuel depot in southern Syria | Levant Daily\n\n" + STORY, "Drone strikes fuel depot in southern Syria"),
        # page title with suffix, then the on-page headline
        ("Drone hits depot | Levant Daily\nMonday, March 4, 2024\nDrone strikes fuel depot in southern Syria\n" + STORY,
         "Drone strikes fuel depot in southern Syria"),
        # kicker and date above the headline
        ("Analysis\n4 March, 2024\nDrone strikes fuel depot in southern Syria\n" + STORY, "Drone strikes fuel depot in southern Syria"),
        # headline printed three times
        ("Drone strikes fuel depot\nDrone strikes fuel depot\n\nDrone strikes fuel depot\n" + STORY, "Drone strikes fuel depot"),
        # no headline at all: the text opens with the story
        (STORY, None),
    ],
)
def test_title_is_the_headline_not_line_one(page, title):
    assert extract(page, EMPTY).title == title


@pytest.mark.parametrize(
    "furniture",
    [
        "5 min read",
        "3 minute read",
        "See also  Bitcoin funds are now open to everyone, but what are they?",
        "Read more",
        "Latest stories",
        "About The Author",
        "Live Story",
        "MENA",
        "Subscribe to our newsletter for the latest updates",
        "Share this article",
        "Sign up for our daily briefing",
        "Advertisement",
        "Follow us on Telegram",
        "Associated Press writer Jane Doe in Washington contributed to this report.",
        "Copyright 2024 The Associated Press. All Rights Reserved.",
    ],
)
def test_furniture_lines_leave_the_body(furniture):
    page = "Drone strikes fuel depot in southern Syria\n\n" + STORY.replace("\n\nResidents", f"\n\n{furniture}\n\nResidents")
    paragraphs = body(page)
    assert furniture not in paragraphs
    assert len(paragraphs) == 3
    assert paragraphs[-1] == "Residents reported hearing two explosions before dawn."


def test_body_printed_twice_is_kept_once():
    twice = "Drone strikes fuel depot\n" + STORY + "\n" + STORY.split("\n\n", 1)[1]
    paragraphs = body(twice)
    assert len(paragraphs) == 3
    assert len(set(paragraphs)) == 3


def test_source_wording_is_kept_byte_for_byte():
    odd = "The  Commander -in -Chief said the ‘measures’ were “final…”, officials said."
    paragraphs = body("Headline about the measures taken\n\n" + odd + "\n\nA second paragraph ends here.")
    assert paragraphs[0] == "The Commander -in -Chief said the ‘measures’ were “final…”, officials said."


def test_truncated_last_sentence_is_cut_back():
    page = "Headline about the fuel depot\n\nThe fire burned for hours. Firefighters arrived at dawn and the governor said that the"
    assert body(page)[-1] == "The fire burned for hours."


def test_caption_with_credit_is_a_caption_not_body():
    page = ("Drone strikes fuel depot in southern Syria\n" + STORY +
            "\n\nFirefighters at the depot in Deraa on March 4, 2024. [AFP]")
    ex = extract(page, EMPTY)
    assert ex.captions == ("Firefighters at the depot in Deraa on March 4, 2024.",)
    assert all("Firefighters" not in p for p in ex.paragraphs)


def test_crlf_nul_and_control_characters_are_cleaned():
    page = "Drone strikes fuel depot\r\n\r\nThe strike\x00 caused a fire.\x07\r\nNobody was hurt."
    assert body(page) == ("The strike caused a fire.", "Nobody was hurt.")


def test_dateline_stays_at_the_start_of_its_paragraph():
    assert body("Drone strikes fuel depot\n" + STORY)[0].startswith("DAMASCUS (AFP) - Syrian officials")


def test_dateline_only_line_joins_its_paragraph():
    page = "Drone strikes fuel depot\n\nAMMAN (Reuters) -\n\nJordan said on Sunday it had closed its airspace."
    ex = extract(page, EMPTY)
    assert ex.paragraphs == ("AMMAN (Reuters) - Jordan said on Sunday it had closed its airspace.",)
    assert ex.dateline.place == "Amman"


# --- Furniture that must never reach the body ---------------------------------------------------

@pytest.mark.parametrize(
    "furniture",
    [
        "https://example.org/2024/03/04/drone-strikes-fuel-depot-1234.html",  # the page's own URL
        "tap the menu and select 'Add to homescreen' to pin the web app",  # app prompt
        "\u2022 Also read: Army says border posts were shelled overnight",  # bulleted teaser link
        "English | \u0627\u0644\u0639\u0631\u0628\u064a\u0629 | Fran\u00e7ais",  # language switcher
        "Middle East, Operation Northern Shield",  # tag line
        "By Jane Roe | 12 May 2021",  # byline with date
    ],
)
def test_more_furniture_leaves_the_body(furniture):
    page = "Drone strikes fuel depot in southern Syria\n\n" + STORY.replace("\n\nResidents", f"\n\n{furniture}\n\nResidents")
    paragraphs = body(page)
    assert len(paragraphs) == 3 and furniture not in paragraphs


@pytest.mark.parametrize(
    "heading",
    ["Related Articles", "You may also like", "Related News :", "Read next", "Post a Comment"],
)
def test_a_related_block_ends_the_story(heading):
    page = ("Drone strikes fuel depot in southern Syria\n\n" + STORY + f"\n\n{heading}\n\n"
            "Minister Karim Haddad visits the front\n\nOn Wednesday, the minister told troops \u201cwe will win.\u201d\n\n27-03-2025")
    ex = extract(page, EMPTY)
    assert ex.paragraphs[-1] == "Residents reported hearing two explosions before dawn."
    assert not ex.quotes and ex.date is None


@pytest.mark.parametrize(
    "page, title",
    [
        # a related story's headline on line 1 shares few words with the story
        ("Minister says talks with neighbours will resume next month\n\nDrone strikes fuel depot near Jordanian border\n\n" + STORY,
         "Drone strikes fuel depot near Jordanian border"),
        # a tag line above the headline
        ("Middle East, Syria war\nDrone strikes fuel depot in southern Syria\n\n" + STORY,
         "Drone strikes fuel depot in southern Syria"),
        # a label with HTML residue above the headline
        ("Today from Levant Daily:  _\nDrone strikes fuel depot in southern Syria\n\n" + STORY,
         "Drone strikes fuel depot in southern Syria"),
        # the page's URL above the headline
        ("https://example.org/20240304/drone-strikes-depot.html\n\nDrone strikes fuel depot in southern Syria\n\n" + STORY,
         "Drone strikes fuel depot in southern Syria"),
        # a language switcher above the headline
        ("EN | AR | FR\nDrone strikes fuel depot in southern Syria\n\n" + STORY, "Drone strikes fuel depot in southern Syria"),
        # the headline that repeats wins over a one-off first line
        ("Officials weigh new measures for the south\n\nDrone strikes fuel depot\n\nSyria desk notes\n\nDrone strikes fuel depot\n\n"
         + STORY, "Drone strikes fuel depot"),
        # an agency glued on the headline
        ("Drone strikes fuel depot in southern Syria -AFP\n\n" + STORY, "Drone strikes fuel depot in southern Syria"),
    ],
)
def test_titles_never_come_from_furniture(page, title):
    assert extract(page, EMPTY).title == title


def test_screenshot_credit_makes_a_caption():
    page = ("Drone strikes fuel depot in southern Syria\n\nThis image from video shows the depot burning near Deraa, "
            "March 4, 2024. (Screenshot: Telegram)\n\n" + STORY)
    ex = extract(page, EMPTY)
    assert ex.captions and ex.captions[0].startswith("This image from video")
    assert ex.paragraphs[0].startswith("DAMASCUS (AFP)")
