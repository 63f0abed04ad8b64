"""Issue 12 on the entity, article and quote pages: charts, quotation marks, speaker labels,
statements and the unknown outlet.

Table-driven where a rule has cases; the pages are rendered from a small hand-made archive
(no extractor), so these tests change only when rendering changes.
"""
import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from markupsafe import Markup

from generator.index.archive import build_archive, make_article

from generator.labels import UNKNOWN_OUTLET
from generator.render.charts import HEIGHT, weekly_chart, y_scale
from generator.render.linking import QuoteMark, render_paragraph, speaker_forms
from generator.models import Extraction, Mention, Quote
from generator.read.register import Register, RegisterEntry
from generator.render.pages import render_site
from generator.site.sanitize import sanitize_html
from generator.index.statements import Statement, Version, group_statements, quoted

ROOT = Path(__file__).resolve().parent.parent
D = dt.date(2024, 3, 4)  # a Monday


# --------------------------------------------------------------------------- quotation marks

@pytest.mark.parametrize("text,expected", [
    ("We hold the base", "\u201cWe hold the base\u201d"),
    ('"A small base"', "\u201cA small base\u201d"),
    ('\u201c"A small base\u2026', "\u201cA small base\u2026\u201d"),  # the issue's “"A small…
    ("\u201cA small base\u201d", "\u201cA small base\u201d"),
    ('"However, the leaders refused...', "\u201cHowever, the leaders refused...\u201d"),  # a lone opener
    ('unacceptable."', "\u201cunacceptable.\u201d"),  # a lone closer
    ('"We hold it," the colonel said.', "\u201c\u2018We hold it,\u2019 the colonel said.\u201d"),  # nested: single
    ("It was \u201cfully operational\u201d.", "\u201cIt was \u2018fully operational\u2019.\u201d"),
    ('He said "no" twice.', "\u201cHe said \u2018no\u2019 twice.\u201d"),
    ("the soldiers' base", "\u201cthe soldiers' base\u201d"),  # an apostrophe is not a quotation mark
    ("  spread   over\nlines ", "\u201cspread over lines\u201d"),
])
def test_quoted_gives_one_pair_of_marks(text, expected):
    assert quoted(text) == expected


# --------------------------------------------------------------------------- charts

@pytest.mark.parametrize("peak,step,top", [
    (1, 1, 1), (3, 1, 3), (4, 2, 4), (6, 2, 6), (7, 5, 10), (10, 5, 10), (11, 5, 15), (40, 20, 40), (250, 100, 300),
])
def test_y_scale_has_at_most_three_round_steps(peak, step, top):
    assert y_scale(peak) == (step, top)


def _svg(chart: Markup) -> ET.Element:
    figure = ET.fromstring(str(chart))
    return figure.find("svg")


def test_chart_keeps_its_text_size_at_any_width():
    """No viewBox (which scaled 11 px text down to 6 px on a 390 px phone): heights are CSS px."""
    svg = _svg(weekly_chart([D], (D - dt.timedelta(weeks=20), D), "Articles per week"))
    assert "viewBox" not in svg.attrib and "preserveAspectRatio" not in svg.attrib
    assert svg.get("height") == str(HEIGHT) and svg.get("width") == "100%"
    css = (ROOT / "content" / "assets" / "briefing.css").read_text(encoding="utf-8")
    size = re.search(r"\.ba-chart__label \{[^}]*font-size: (\d+)px", css)
    assert size and int(size.group(1)) >= 11


def test_chart_has_a_labelled_y_scale_and_dated_ticks():
    dates = [D] * 4 + [D - dt.timedelta(weeks=3)]
    svg = _svg(weekly_chart(dates, (D - dt.timedelta(weeks=30), D), "Articles per week"))
    texts = [t.text for t in svg.iter("text")]
    y_labels = [t.text for t in svg.iter("text") if "ba-chart__label--y" in t.get("class", "")]
    assert y_labels == ["2", "4 articles a week"]  # peak 4: gridlines at 0, 2, 4
    assert len([line for line in svg.iter("line") if line.get("class") == "ba-chart__grid"]) == 3
    dated = [t for t in texts if re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4}", t or "")]
    assert dated[0] == "7 Aug 2023" and dated[-1] == "4 Mar 2024" and len(dated) == 5
    minor = [g for g in svg.iter("g") if "ba-chart__tick--minor" in g.get("class", "")]
    assert len(minor) == 2  # hidden on a phone, leaving three dates that fit in 390 px


def test_each_week_is_titled_for_hover_and_screen_readers():
    svg = _svg(weekly_chart([D, D, D - dt.timedelta(weeks=3)], (D - dt.timedelta(weeks=30), D), "Articles per week"))
    assert svg.get("role") == "group"  # not "img": that would hide the weeks from the accessibility tree
    weeks = [g for g in svg.iter("g") if g.get("class") == "ba-chart__week"]
    assert [(g.get("role"), g.find("title").text) for g in weeks] == [
        ("img", "Week of 12 Feb 2024: 1 article"), ("img", "Week of 4 Mar 2024: 2 articles")]
    for g in weeks:  # a hover target as tall as the plot, not only the bar
        hit, bar = g.findall("rect")
        assert hit.get("class") == "ba-chart__hit" and float(hit.get("height")) >= float(bar.get("height"))
    assert "from 2 Oct 2023" not in svg.get("aria-label") and "3 articles" in svg.get("aria-label")


def test_chart_survives_the_sanitiser():
    chart = str(weekly_chart([D], (D - dt.timedelta(weeks=20), D), "Articles per week"))
    assert sanitize_html(chart) == chart


# --------------------------------------------------------------------------- speaker label

def _link(path, text):
    return Markup(f"[{text}]({path})")


FORMS = speaker_forms("Ahmed al-Mismari", "person", ("Ahmed al-Mismari",))


@pytest.mark.parametrize("paragraph,forms,labelled", [
    ("\u201cWe hold it,\u201d said Ahmed al-Mismari, the spokesman.", FORMS, False),
    ("\u201cWe hold it,\u201d Mismari said.", FORMS, False),  # the surname, without its article
    ("\u201cWe hold it,\u201d al-Mismari told reporters.", FORMS, False),
    ("\u201cWe hold it,\u201d Press Secretary Brig. Gen. Ahmed al-Mismari said.", FORMS, False),  # not ends
    ("\u201cWe hold it,\u201d the spokesman added.", FORMS, True),
    ("\u201cWe hold it.\u201d Later that day Mismari left.", FORMS, True),  # another sentence
    ("\u201cWe hold it,\u201d the spokesman said, and the officers of the garrison, who had come from "
     "far away, agreed with Mismari.", FORMS, True),  # too far after the quote
    ("\u201cWe hold it,\u201d said the Kilo Brigade.", speaker_forms("Kilo Brigade", "organization"), False),
])
def test_the_speaker_label_does_not_repeat_the_name_that_follows(paragraph, forms, labelled):
    mark = QuoteMark("We hold it", "Ahmed al-Mismari", "archive/actors/ahmed-al-mismari.md", forms)
    out = render_paragraph(paragraph, [], set(), [mark], _link)
    assert ('class="ba-speaker"' in out) is labelled, out


@pytest.mark.parametrize("name,kind,aliases,expected", [
    ("Ahmed al-Mismari", "person", (), ("Ahmed al-Mismari", "al-Mismari", "Mismari")),
    ("Yehia Rasool", "person", ("Yahya Rasool",), ("Yehia Rasool", "Yahya Rasool", "Rasool")),
    ("Kilo Brigade", "organization", ("the Brigade",), ("Kilo Brigade", "the Brigade")),  # no "surname"
])
def test_speaker_forms(name, kind, aliases, expected):
    assert speaker_forms(name, kind, aliases) == expected


def test_the_speaker_label_stays_out_of_search_snippets():
    """Material's search parser and Pagefind skip the label; the sanitiser keeps the attributes that say so."""
    from material.plugins.search.plugin import Parser

    mark = QuoteMark("We hold it", "Ahmed al-Mismari", None, FORMS)
    line = str(render_paragraph("\u201cWe hold it,\u201d the spokesman added.", [], set(), [mark], _link))
    html = "<p>" + line.replace('<span class="ba-quote">', "<span>") + "</p>"
    html = sanitize_html(html)
    assert 'data-search-exclude="true"' in html and 'data-pagefind-ignore="all"' in html
    parser = Parser()
    parser.feed(html)
    indexed = "".join("".join(s.text) for s in parser.data)
    assert "We hold it" in indexed and "Mismari" not in indexed


# --------------------------------------------------------------------------- statements

def _article(stem, date, source="Wire", text="Body."):
    return make_article(stem, Extraction(title=f"Title {stem}", date=date, dateline=None, paragraphs=(text,),
                                         outlet=source), None)


@pytest.mark.parametrize("dates,first", [
    ([D, D - dt.timedelta(days=2), D + dt.timedelta(days=1)], 1),
    ([None, D + dt.timedelta(days=5), D], 2),  # an undated report is never "first" when one is dated
    ([None, None], 0),
])
def test_first_reported_is_the_earliest_report(dates, first):
    versions = tuple(Version(_article(f"a{i}", d), Quote("We hold the base", "Spokesman", 0))
                     for i, d in enumerate(dates))
    assert Statement("Spokesman", versions).first is versions[first]


@pytest.mark.parametrize("texts,groups", [
    (["The clashes have relatively stopped but the shelling goes on", "have relatively stopped"], 1),
    (["have relatively stopped", "The clashes have relatively stopped but the shelling goes on"], 1),
    (["The clashes have relatively stopped but the shelling goes on", "the shelling stopped"], 2),  # not in order
])
def test_a_quote_inside_a_longer_one_of_the_same_article_joins_it(texts, groups):
    a = _article("a", D)
    assert len(group_statements([(a, Quote(t, "Committee", i)) for i, t in enumerate(texts)])) == groups


# --------------------------------------------------------------------------- pages

REGISTER = Register((
    RegisterEntry("Camp Halden", "base", "base", ("Halden base",), "Logistics hub."),
    RegisterEntry("Ines Varga", "actor", "person", (), "Spokeswoman."),
))
EVIDENCE = ("Kilo Brigade and Zulu Command fighters attacked Camp Halden overnight, "
            "Ines Varga said.")
LONG_QUOTE = "The clashes have relatively stopped but the shelling of the camp goes on"


def _pages() -> dict[str, str]:
    first = Extraction(
        title="Fighting at Camp Halden", date=D, dateline=None,
        paragraphs=(EVIDENCE, f"\u201c{LONG_QUOTE},\u201d Varga said. \u201cThe shelling of the camp goes on,\u201d "
                                f"she added."),
        actors=tuple(Mention(n, t, (n,), (EVIDENCE,), True) for n, t in
                     (("Kilo Brigade", "organization"), ("Zulu Command", "organization"), ("Ines Varga", "person"))),
        bases=(Mention("Camp Halden", "base", ("Camp Halden",), (EVIDENCE, EVIDENCE), True),),
        quotes=(Quote(LONG_QUOTE, "Ines Varga", 1), Quote("The shelling of the camp goes on", "Ines Varga", 1)),
        outlet=None,
    )
    later = Extraction(
        title="Camp Halden quiet", date=D + dt.timedelta(days=3), dateline=None,
        paragraphs=(f"\u201c{LONG_QUOTE}.\u201d",), quotes=(Quote(f'"{LONG_QUOTE}."', "Ines Varga", 0),),
        actors=(Mention("Ines Varga", "person", ("Ines Varga",), (), True),),
        bases=(Mention("Camp Halden", "base", ("Camp Halden",), (), True),), outlet="EFE",
    )
    archive = build_archive([make_article("002_later", later, None), make_article("001_first", first, None)],
                                   REGISTER)
    return {p.path: p.text for p in render_site(archive)}


PAGES = {
    "base": lambda pages: pages["archive/bases/camp-halden.md"],
    "actor": lambda pages: pages["archive/actors/ines-varga.md"],
    "article": lambda pages: next(v for k, v in pages.items() if k.startswith("archive/articles/fighting")),
    "quotes": lambda pages: pages["archive/quotes.md"],
    "quotes by date": lambda pages: pages["archive/quotes-by-date.md"],
}
MARKS = re.compile("[\u201c\u201e\"][\"\u201c\u201d\u2018]")  # a quotation mark right after an opening one


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("rule,bad", [
    ("one pair of quotation marks", MARKS),
    ("no '— source' placeholder", re.compile(r"\[source\]\(")),
    ("an unknown outlet is not a link", re.compile(re.escape(f"[{UNKNOWN_OUTLET}](")))
])
def test_pages_have_no(page, rule, bad):
    text = PAGES[page](_pages())
    assert not bad.search(text), f"{page}: {rule}: {bad.search(text).group(0)!r}"


def test_an_evidence_sentence_is_one_row_naming_every_actor():
    base = PAGES["base"](_pages())
    rows = [line for line in base.splitlines() if line.startswith("| [")]
    assert len(rows) == 1 and base.count("overnight, Ines Varga said.") == 2  # the table row and the one mention
    assert all(f"[{n}]" in rows[0] for n in ("Kilo Brigade", "Zulu Command", "Ines Varga"))
    assert f"\u2014 {UNKNOWN_OUTLET} ([Fighting at Camp Halden](" in rows[0]


def test_a_quote_is_listed_once_on_its_article_and_dated_by_its_earliest_report():
    article = PAGES["article"](_pages())
    quotes = article.split("## Quotes", 1)[1].split("## In this article", 1)[0]
    assert quotes.count("ba-statement__text") == 1 and "\u201cThe shelling of the camp goes on\u201d" not in quotes
    actor = PAGES["actor"](_pages())
    assert actor.count('<div class="ba-statement"') == 1  # the fragment joined the long quote
    assert "First reported 4 March 2024" in actor
    assert f"{UNKNOWN_OUTLET} ([Fighting at Camp Halden](" in actor and "Worded differently" not in actor


# --------------------------------------------------------------------------- a base's long record

def _busy_base_pages() -> dict[str, str]:
    """A base named in more reports than its page lists (its record is paged by year and month), each
    report with a sentence that links one of two actors to it."""
    from generator.render.pages import MENTIONS_ON_PAGE
    articles = []
    for n in range(MENTIONS_ON_PAGE + 30):
        actor = "Kilo Brigade" if n % 3 else "Zulu Command"
        sentence = (f"{actor} fighters attacked Camp Halden with drones, report {n} said." if n % 2
                    else f"{actor} was seen near Camp Halden on patrol {n}.")
        ex = Extraction(title=f"Camp Halden report {n}", date=dt.date(2023, 1, 2) + dt.timedelta(days=5 * n),
                        dateline=None, paragraphs=(sentence,), outlet="Wire",
                        actors=(Mention(actor, "organization", (actor,), (sentence,), True),),
                        bases=(Mention("Camp Halden", "base", ("Camp Halden",), (sentence,), True),))
        articles.append(make_article(f"r{n:03}", ex, None))
    archive = build_archive(articles, REGISTER)
    return {p.path: p.text for p in render_site(archive)}


def _table_rows(page: str) -> list[str]:
    section = page.split("## Actors linked to this base", 1)[1] if "## Actors linked" in page else ""
    return [line for line in section.split("</section>", 1)[0].splitlines() if line.startswith("| [")]


def test_a_busy_base_sums_up_its_actors_and_its_year_pages_keep_every_sentence():
    from generator.render.pages import MENTIONS_ON_PAGE
    pages = _busy_base_pages()
    reports = MENTIONS_ON_PAGE + 30
    front = pages["archive/bases/camp-halden.md"]
    rows = _table_rows(front)
    assert [row.split("]", 1)[0] for row in rows] == ["| [Kilo Brigade", "| [Zulu Command"]  # most articles first
    kilo = sum(1 for n in range(reports) if n % 3)
    kilo_attacked = sum(1 for n in range(reports) if n % 3 and n % 2)
    assert f"| {kilo}: attacked ({kilo_attacked}) · mentioned with ({kilo - kilo_attacked}) |" in rows[0]
    newest_kilo = max(n for n in range(reports) if n % 3)
    assert f"report {newest_kilo} said" in rows[0] or f"patrol {newest_kilo}." in rows[0]
    # every sentence is on the page of its year or month, once, with its actor and relation
    record = {path: text for path, text in pages.items() if path.startswith("archive/bases/camp-halden/")}
    assert record, "the base's record is not paged: too few reports"
    listed = [row for text in record.values() for row in _table_rows(text)]
    assert len(listed) == reports
    for n in range(reports):
        found = [row for row in listed if f"report {n} said" in row or f"patrol {n}." in row]
        assert len(found) == 1, n
        assert ("(attacked)" if n % 2 else "(mentioned with)") in found[0]


def test_a_base_with_a_short_record_keeps_every_sentence_on_its_page():
    base = PAGES["base"](_pages())
    assert "Newest evidence" not in base and "| Actors (relation) | Evidence |" in base
