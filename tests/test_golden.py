"""Golden files for every page type: article, actor, base, the indexes and the exports.

The archive here is built from hand-made extractions (not from the
extractor), so these files change only when rendering changes. After an
intended change, regenerate them and review the diff:

    make golden        # = pytest tests/test_golden.py --update-golden
"""
import datetime as dt
from pathlib import Path

import pytest

from generator.index.archive import build_archive, make_article
from generator.render.exports import render_exports
from generator.models import Dateline, Extraction, Mention, Quote
from generator.read.register import Register, RegisterEntry
from generator.render.pages import render_site

GOLDEN = Path(__file__).parent / "golden"

REGISTER = Register((
    RegisterEntry("Dana Moreau", "actor", "person", ("Dana Moro",), "Spokeswoman for the Northern Command."),
    RegisterEntry("Camp Halden", "base", "base", ("Halden base",), "Logistics hub.", province="Nord",
                  country="Examplia", coordinates=(35.25, 43.5)),
))


def _archive():
    first = Extraction(
        title="Rockets hit Camp Halden; command vows *response*",
        date=dt.date(2024, 3, 2),
        dateline=Dateline("Halden", "Wire"),
        paragraphs=(
            "HALDEN, March 2 (Wire) - Two rockets struck Camp Halden on Saturday, officials said.",
            "\u201cWe will respond at a time of our choosing,\u201d said Dana Moreau, a spokeswoman for the "
            "Northern Command.",
            "The Northern Command did not give details. <b>No</b> group has claimed the attack.",
        ),
        captions=("A view of the camp. [Wire]",),
        actors=(
            Mention("Dana Moreau", "person", ("Dana Moreau",), (
                "\u201cWe will respond at a time of our choosing,\u201d said Dana Moreau, a spokeswoman for the "
                "Northern Command.",), True),
            Mention("Northern Command", "organization", ("Northern Command",), (
                "The Northern Command did not give details.",)),
        ),
        bases=(Mention("Camp Halden", "base", ("Camp Halden",), (
            "HALDEN, March 2 (Wire) - Two rockets struck Camp Halden on Saturday, officials said.",), True),),
        quotes=(Quote("We will respond at a time of our choosing,", "Dana Moreau", 1),),
        outlet="Wire",
    )
    second = Extraction(
        title="Halden base reopens",
        date=None,
        dateline=None,
        paragraphs=("Halden base reopened, Dana Moro said, adding that it was \u201cfully operational\u201d.",),
        actors=(Mention("Dana Moreau", "person", ("Dana Moro",), (
            "Halden base reopened, Dana Moro said, adding that it was \u201cfully operational\u201d.",), True),),
        bases=(Mention("Camp Halden", "base", ("Halden base",), (
            "Halden base reopened, Dana Moro said, adding that it was \u201cfully operational\u201d.",), True),),
        quotes=(Quote("fully operational", "Dana Moreau", 0),),
    )
    articles = [make_article("001_first", first, None), make_article("002_second", second, None)]
    return build_archive(articles, REGISTER)


def _pages():
    archive = _archive()
    return {p.path: p.text for p in render_site(archive) + render_exports(archive)}


CASES = {
    "article.md": lambda pages: next(v for k, v in pages.items() if k.startswith("archive/articles/rockets-hit")),
    "actor.md": lambda pages: pages["archive/actors/dana-moreau.md"],
    "base.md": lambda pages: pages["archive/bases/camp-halden.md"],
    "home.md": lambda pages: pages["index.md"],
    "timeline.md": lambda pages: pages["archive/timeline.md"],
    "actors_index.md": lambda pages: pages["archive/actors/index.md"],
    "bases_index.md": lambda pages: pages["archive/bases/index.md"],
    "quotes.md": lambda pages: pages["archive/quotes.md"],
    "quotes_by_date.md": lambda pages: pages["archive/quotes-by-date.md"],
    "sources.md": lambda pages: pages["archive/sources.md"],
    "outlet.md": lambda pages: pages["archive/sources/wire.md"],
    "articles.json": lambda pages: pages["data/articles.json"],
    "entities.json": lambda pages: pages["data/entities.json"],
    "quotes.csv": lambda pages: pages["data/quotes.csv"],
    "feed.xml": lambda pages: pages["feed.xml"],
    "actor_feed.xml": lambda pages: pages["archive/feeds/actors/dana-moreau.xml"],
    "event.md": lambda pages: next(v for k, v in sorted(pages.items())
                                   if k.startswith("archive/events/") and not k.endswith("/index.md")),
    "events_index.md": lambda pages: pages["archive/events/index.md"],
    "events.csv": lambda pages: pages["data/events.csv"],
    "events.geojson": lambda pages: pages["data/events.geojson"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name, update_golden):
    actual = CASES[name](_pages())
    path = GOLDEN / name
    if update_golden:
        path.write_text(actual, encoding="utf-8")
        pytest.skip("golden file rewritten")
    assert path.exists(), f"missing {path}: run `make golden`"
    assert actual == path.read_text(encoding="utf-8"), f"{name} changed: review, then `make golden`"
