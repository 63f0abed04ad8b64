"""Photo credits, pasted name cards, mixed quotation marks and "Ben" (session 50): composed lines, one
table per rule.

Found on 2,626 real articles of US and international outlets (the AllSides corpus: README, "What the
fiftieth session changed"): photographers and "Getty Images" were listed as people in 186 articles
("Alexander Aksakov/Getty Images", "Photographer: Saul Loeb/AFP via Getty Images"); a politician's
hover card pasted after the name ("John McCain John Sidney McCain2020 Democrats make play ... MORE")
gave names like "Trump Donald John TrumpGOP"; a quotation opened with a straight mark and closed with a
curly one ran on into the next paragraph; and "Ben Cardin said" was a body. Every row is ours."""
from __future__ import annotations

import pytest

from generator.extract.cleaning import clean_page, without_credits, without_name_cards
from tests.test_extraction_speakers import actor_names, speakers


@pytest.mark.parametrize("line, rest", [
    ("Alexander Aksakov/Getty Images", ""),
    ("Enlarge this image toggle caption Alexander Aksakov/Getty Images Alexander Aksakov/Getty Images", ""),
    ("William West/AFP/Getty Images", ""),
    ("Ford Williams/U.S. Navy via Getty Images, FILE", ""),
    ("Image copyright Getty Images", ""),
    ("Enlarge this image toggle caption Aaron P. Bernstein for NPR Aaron P. Bernstein for NPR", ""),
    ("Mikhail Klimentyev, Kremlin Pool Photo via AP", ""),
    ("Robert Mueller Photographer: Saul Loeb/AFP via Getty Images", "Robert Mueller"),
    ("Smoke rises over the city. Photograph: Mohammed Saber/EPA", "Smoke rises over the city."),
    ("Troops at the gate. Previous Next Jane Roe/AP 1 of 14 i View slideshow", "Troops at the gate."),
    ("Leaders met in the capital on Jan. 20. (Photo: John Doe, Pool, European Pressphoto Agency)",
     "Leaders met in the capital on Jan. 20."),
    ("Image copyright Jane Roe Image caption The minister addressed the court", "The minister addressed the court"),
    ("Media playback is unsupported on your device Media caption The envoy explains the plan",
     "The envoy explains the plan"),
    ("Video Loading Video Unavailable Click to play Tap to play The video will start in 8 Cancel Play now "
     "Listen to the warning call made to the newsroom", "Listen to the warning call made to the newsroom"),
])
def test_a_credit_leaves_the_line(line, rest):
    assert without_credits(line) == rest


@pytest.mark.parametrize("line", [
    "An ABC News/Washington Post poll found most voters back the deal.",  # a source in a sentence
    "The figures were reported by Reuters on Monday.",
    "Source: Levant Daily News",  # the outlet's credit line, read elsewhere
    "The talks were held in Vienna, officials said.",
])
def test_no_credit_no_change(line):
    assert without_credits(line) is None


def test_a_photographer_is_no_actor():
    body = ("Officials met in the capital on Monday to discuss the ceasefire.\n\n"
            "Soldiers patrol the border. Jane Roe/Getty Images\n\n"
            "Enlarge this image toggle caption John Doe/AFP via Getty Images John Doe/AFP via Getty Images\n\n"
            "Defence Minister Ali Hassan said the army would hold its positions.")
    names = actor_names(body)
    assert "Ali Hassan" in names
    assert not {"Jane Roe", "John Doe", "Getty Images"} & set(names)


def test_a_credited_caption_keeps_its_words_as_a_caption():
    page = clean_page("Talks resume\n\nOfficials met on Monday to discuss the ceasefire in the north.\n\n"
                      "Soldiers patrol the border near the crossing. Jane Roe/Getty Images\n\n"
                      "The talks will resume on Tuesday, officials said.\n")
    assert page.captions == ("Soldiers patrol the border near the crossing.",)
    assert all("Getty" not in p for p in page.paragraphs)


@pytest.mark.parametrize("line, expected", [
    ("\u201cThe review must be quick,\u201d Sens. John McCain John Sidney McCain2020 Democrats make play for "
     "veterans' votes Defending their honor MORE (R-Ariz.) and Ben Cardin Benjamin (Ben) Louis CardinOvernight "
     "Health Care: Democrats press on MORE (D-Md.) said.",
     "\u201cThe review must be quick,\u201d Sens. John McCain (R-Ariz.) and Ben Cardin (D-Md.) said."),
    ("from two of President Trump Donald John TrumpGOP senators balk at lengthy trial Warren goes local MORE"
     "\u2019s campaign aides", "from two of President Trump\u2019s campaign aides"),
    # no card: the capitals of a headline are left alone
    ("NO MORE WAR, the banners said.", "NO MORE WAR, the banners said."),
])
def test_a_name_card_leaves_the_line(line, expected):
    assert without_name_cards(line) == expected


@pytest.mark.parametrize("body, quote, speaker", [
    # a straight mark closed by a curly one ends there, not in the next paragraph's straight mark
    ("Senator Jane Doe, the head of the foreign affairs committee, said, \"There can be only one assessment: "
     "it is a blatant violation of international law.\u201d\n\n"
     "The minister said the only warning given was \"the normal deconfliction of the airspace.\"",
     "There can be only one assessment: it is a blatant violation of international law", "Jane Doe"),
    # and a curly one closed by a straight one
    ("The general spoke of \u201cbad Taliban\u201d and \u201cgood Taliban,\" the latter seen as allies.\n\n"
     "\u201cWe will not negotiate,\u201d said General Omar Khan.",
     "We will not negotiate", "Omar Khan"),
])
def test_mixed_quotation_marks_close(body, quote, speaker):
    found = speakers(body)
    assert found.get(quote) == speaker
    assert not any(len(q) > 200 for q in found)


@pytest.mark.parametrize("body, name", [
    ("Ben Cardin said in a statement on Monday that the decision was wrong.", "Ben Cardin"),
    ("Ben Smith said the vote would be held on Tuesday.", "Ben Smith"),
])
def test_ben_is_a_given_name(body, name):
    from tests.test_extraction_speakers import run
    kinds = {a.name: a.type for a in run(body).actors}
    assert kinds.get(name) == "person"


@pytest.mark.parametrize("furniture", [
    "Get the Monitor Stories you care about delivered to your inbox. By signing up, you agree to our Privacy Policy",
    "By signing up you agree to receive email newsletters or alerts from POLITICO. You can unsubscribe at any "
    "time. This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.",
])
def test_a_newsletter_box_is_furniture(furniture):
    page = clean_page("Talks resume\n\nOfficials met on Monday to discuss the ceasefire in the north.\n\n"
                      f"{furniture}\n\nThe talks will resume on Tuesday, officials said.\n")
    assert all("Privacy" not in p for p in page.paragraphs)


# ---------------------------------------------------------------- titles and honorifics of US outlets

WASHINGTON = "WASHINGTON \u2014 Officials met on Monday to discuss the ceasefire in the north.\n\n"


@pytest.mark.parametrize("body, quote, speaker", [
    (WASHINGTON + "\u201cWe will not wait,\u201d Special Counsel Robert Mueller said.", "We will not wait", "Robert Mueller"),
    (WASHINGTON + "\u201cWe will not wait,\u201d Pres. Obama said.", "We will not wait", "Obama"),
    (WASHINGTON + "\u201cWe will not wait,\u201d Terrorism Analyst Erick Stakelbeck said.", "We will not wait",
     "Erick Stakelbeck"),
    (WASHINGTON + "\u201cWe will not wait,\u201d Chief International Correspondent Gary Lane said.",
     "We will not wait", "Gary Lane"),
    # "Mr." with its full stop is an honorific as "Mr" is: the lone surname is a person
    (WASHINGTON + "\u201cThe review will continue,\u201d Mr. Smith said on Monday.", "The review will continue", "Smith"),
    (WASHINGTON + "\u201cThe review will continue,\u201d said Mr. Downing.", "The review will continue", "Downing"),
    # and a family name that comes first is the person named in full
    ("SEOUL \u2014 North Korean leader Kim Jong Un met President Moon Jae-in on Monday.\n\n"
     "\u201cThe review will continue,\u201d Mr. Kim said.\n\n\u201cWe will wait,\u201d said Mr. Moon.",
     "The review will continue", "Kim Jong Un"),
    ("SEOUL \u2014 North Korean leader Kim Jong Un met President Moon Jae-in on Monday.\n\n"
     "\u201cThe review will continue,\u201d Mr. Kim said.\n\n\u201cWe will wait,\u201d said Mr. Moon.",
     "We will wait", "Moon Jae-in"),
])
def test_titles_and_honorifics_before_a_speaker(body, quote, speaker):
    assert speakers(body).get(quote) == speaker


@pytest.mark.parametrize("body, present, absent", [
    (WASHINGTON + "\u201cThe Office of Special Counsel has advised that there are no materials,\u201d he said.\n\n"
     "The Office of the Inspector General found that the rules had been broken.",
     {"Office of Special Counsel", "Office of the Inspector General"}, set()),
    # a law's name is no one's
    (WASHINGTON + "The Special Counsel Independence and Integrity Act would protect the inquiry, Senator "
     "Jane Doe said.", {"Jane Doe"}, {"Independence"}),
])
def test_an_office_named_for_a_title_is_a_body(body, present, absent):
    names = set(actor_names(body))
    assert present <= names
    assert not absent & names


# ---------------------------------------------------------------- no place struck

@pytest.mark.parametrize("body, absent", [
    ("Police captured the suspect in a boat in a backyard in Watertown, Mass., after a shootout with gunmen.", "Mass"),
    ("Agents raided his home in Alexandria, Va., after the attack on the embassy.", "Va"),
    ("The president pledged to improve security after the bombings on Easter Sunday that killed 260 people.", "Easter"),
    ("A man drove a truck into a crowd gathered for fireworks on Bastille Day, an attack that killed 86.",
     "Bastille Day"),
    ("North Korea threatened to strike US military bases in the Pacific with missiles.", "Pacific"),
    ("Russia denies any role in the attack on Sergei Skripal and his daughter, Yulia, in Salisbury.", "Yulia"),
])
def test_no_place_struck(body, absent):
    from tests.test_extraction_statements_and_offensives import base_names
    assert absent not in base_names(body)


def test_a_town_called_by_a_given_name_is_a_place():
    from tests.test_extraction_statements_and_offensives import base_names
    assert "Rabia" in base_names("Iraqi Kurdish troops recaptured the town of Rabia after heavy fighting with the militants.")


def test_a_citys_people_are_no_actor_and_no_place():
    from tests.test_extraction_statements_and_offensives import base_names
    body = ("Jubilant Bostonians poured into the streets after the arrest, and Londoners held a vigil for the "
            "victims of the attack on the marathon.")
    assert not {"Bostonians", "Londoners"} & set(actor_names(body))
    assert not {"Bostonians", "Londoners"} & base_names(body)


def test_paris_is_no_city_people():
    from generator.extract.shapes import a_citys_people
    assert [w for w in ("Bostonians", "Parisians", "Baghdadis", "Gazans", "Paris", "Athens", "Lewis", "Nazis",
                        "Reuters", "Sanders") if a_citys_people(w)] == ["Bostonians", "Parisians", "Baghdadis", "Gazans"]


def test_an_administration_named_for_its_president_is_the_government():
    body = ("The Obama administration is weighing air strikes, officials said on Monday.\n\n"
            "The administration first insisted the attack was a \u201cspontaneous\u201d act.")
    assert "Obama administration" in actor_names(body).get("US government", ())
    assert speakers(body).get("spontaneous") == "US government"


def test_a_body_its_office_and_a_name_before_of():
    body = ("\u201cHe will serve well,\u201d Senate Armed Services Committee Chairman John McCain of Arizona said "
            "on Monday.")
    assert speakers(body).get("He will serve well") == "John McCain"


@pytest.mark.parametrize("body, quote, speaker", [
    (WASHINGTON + "\u201cWe will not wait,\u201d House Minority Whip Steny Hoyer said.", "We will not wait", "Steny Hoyer"),
    (WASHINGTON + "\u201cWe should have tried,\u201d BG Robert Lovell said.", "We should have tried", "Robert Lovell"),
    # a surname that is also a small town's name (Obama, in Japan) speaks
    ("Deal praised\n\nPresident Obama pronounced the deal a success on Friday in Washington.\n\n"
     "\u201cThis deal has achieved a substantial success,\u201d Obama said.",
     "This deal has achieved a substantial success", "Obama"),
    # not a city's name after "of", nor a big city's
    (WASHINGTON + "\u201cHe gave false testimony,\u201d Senator Chris Coons of Delaware said.", "He gave false testimony",
     "Chris Coons"),
])
def test_more_titles_and_a_town_that_is_a_surname(body, quote, speaker):
    assert speakers(body).get(quote) == speaker


def test_an_envoy_for_a_country_then_the_name():
    body = ("The decision does not mark a change in policy, special envoy for Venezuela Elliott Abrams said Tuesday."
            "\n\n\u201cWe continue to say all options are on the table,\u201d he added.")
    assert speakers(body).get("We continue to say all options are on the table") == "Elliott Abrams"


@pytest.mark.parametrize("body, quote, speaker", [
    # a body's name of dictionary words alone is the one body named in full with it
    ("The suspect has been cooperating with authorities from the New York City Police Department and the FBI, an "
     "official said.\n\n\"The line is being evacuated at this time,\" the Police Department said in a tweet.",
     "The line is being evacuated at this time", "New York City Police Department"),
    # but before its officer's role the officer speaks
    ("Officials from the Russian Defense Ministry met their counterparts on Monday.\n\n\"We just need to specify "
     "some details,\" Defense Ministry spokesman Maj. Gen. Igor Konashenkov told Tass.",
     "We just need to specify some details", "Igor Konashenkov"),
])
def test_a_body_short_form(body, quote, speaker):
    assert speakers(body).get(quote) == speaker


# ---------------------------------------------------------------- from the session's review (its worse cases)

@pytest.mark.parametrize("headline", [
    "ABC News/Washington Post Poll Finds Americans Split on Iran Strikes",
    "Israel/PA Security Coordination Resumes After Talks in Ramallah",
    "Congress/White House Standoff Over War Powers Deepens",
    "Trump Warns Iran via Twitter After Embassy Attack",
])
def test_a_headline_with_a_slash_is_no_credit(headline):
    page = clean_page(f"{headline}\n\nOfficials met on Monday to discuss the strikes, the minister said in the capital.\n")
    assert page.title == headline


@pytest.mark.parametrize("line", [
    "North Korean leader Kim Jong Un and Kim's sister Kim Yo Jong watched the parade as the crowd held banners "
    "reading NO MORE WAR DRILLS.",
    "Protesters gathered at Trump Tower before Trump's appearance and chanted FOUR MORE YEARS.",
])
def test_capitals_in_a_sentence_are_no_name_card(line):
    assert without_name_cards(line) == line


@pytest.mark.parametrize("body, quote, speaker", [
    ("\u201cThey told us \"leave now\" and then the shelling began,\u201d said Olena Kovalenko, a teacher.",
     "They told us \"leave now\" and then the shelling began", "Olena Kovalenko"),
    ("\u201cWe found anti-tank missiles and a 12\" tube for a mortar,\u201d said Commander Tim Hawkins.",
     "We found anti-tank missiles and a 12\" tube for a mortar", "Tim Hawkins"),
    ("\"Our forces have cleaned the area and we call it \u201dliberation\u201d not occupation,\" army spokesman "
     "Brigadier Nabil Abdallah said.", "Our forces have cleaned the area and we call it \u201dliberation\u201d not occupation",
     "Nabil Abdallah"),
    # a family name with its "Ben" is the person named in full with it
    ("National Security Minister Itamar Ben Gvir visited the compound on Sunday.\n\n"
     "\"The Temple Mount is open to all,\" Ben Gvir said.", "The Temple Mount is open to all", "Itamar Ben Gvir"),
    # a surname is no town's people ("Landsberg" is an old name of Gorz\u00f3w)
    ("Lithuanian Foreign Minister Gabrielius Landsbergis agreed. Landsbergis told the meeting: \"Appeasement has "
     "never worked with the Kremlin.\"", "Appeasement has never worked with the Kremlin", "Gabrielius Landsbergis"),
])
def test_review_rows_speakers(body, quote, speaker):
    assert speakers(body).get(quote) == speaker


@pytest.mark.parametrize("body, name", [
    ("Russian forces said they had captured Marinka after months of shelling and fighting.", "Marinka"),
    ("Hezbollah fighters fired rockets at Dafna on Sunday, the army said, and drones struck two more towns.", "Dafna"),
])
def test_a_village_named_like_a_person_is_a_place(body, name):
    from tests.test_extraction_statements_and_offensives import base_names
    assert name in base_names(body)


@pytest.mark.parametrize("body, name, kind", [
    ("\"It is a warning,\" said Tamara Wittes of the Brookings Institution, who follows the region.",
     "Brookings Institution", "organization"),
    ("\"It is a warning,\" said Anthony Cordesman of the Center for Strategic and International Studies.",
     "Center for Strategic and International Studies", "organization"),
])
def test_a_think_tank_is_a_body(body, name, kind):
    from tests.test_extraction_speakers import run
    assert {a.name: a.type for a in run(body).actors}.get(name) == kind


@pytest.mark.parametrize("line, quote, speaker", [
    ("Berlin resident Ibrahim Colak: \"I saw whole bodies being twisted\"", "I saw whole bodies being twisted",
     "Ibrahim Colak"),
    ("The BBC's Jenny Hill: \"The lights are still twinkling in what remains of the market\"",
     "The lights are still twinkling in what remains of the market", "Jenny Hill"),
])
def test_a_place_and_standing_before_a_name_and_a_colon(line, quote, speaker):
    body = ("A lorry ploughed into a Christmas market on Monday evening, killing twelve people, police said.\n\n"
            f"{line}\n\nThe interior ministry said the markets would remain closed on Tuesday.")
    assert speakers(body).get(quote) == speaker
