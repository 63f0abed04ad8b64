"""extract() is total and pure: any string in, a well-formed Extraction out."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.extract import _extract, extract, to_contract_json
from generator.models import Extraction, Hints
from generator.read.register import Register, RegisterEntry

REGISTER = Register((
    RegisterEntry(name="Iraqi government", kind="actor", type="organization", government_of="Iraq"),
    RegisterEntry(name="Kataib Hezbollah", kind="actor", type="organization", aliases=("KH",)),
    RegisterEntry(name="Ain al-Asad Air Base", kind="base", type="base", aliases=("Ain al-Asad",)),
))

PIECES = st.sampled_from([
    "“", "”", "‘", "’", '"', "'", "\n", "\n\n", "\r\n", " ", ",", ".", " said ", " he said", "(", ")", "-", " - ",
    "Iraq", "Iraqi government", "Kataib Hezbollah", "Ain al-Asad", "Prime Minister", "Yehia Rasool", "BAGHDAD (Reuters) -",
    "Oct 23", "2023", "Friday, October 27, 2023", "See also", "5 min read", "according to", "the spokesperson added",
    "\x00", "\u200b", "al-", "Al ", "The", "US", "attacks on", "base", "Camp", "(PMF)", "[Getty]", "EFE/", "|", "…",
])


def check(ex: Extraction) -> None:
    assert isinstance(ex, Extraction)
    names = {a.name for a in ex.actors}
    for q in ex.quotes:
        assert q.speaker is None or q.speaker in names
        assert q.paragraph in (-1, -2) or 0 <= q.paragraph < len(ex.paragraphs)
    for a in ex.actors:
        assert a.type in ("person", "organization")
    for b in ex.bases:
        assert b.type == "base"
    json.dumps(to_contract_json("x.txt", ex))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_never_raises_on_arbitrary_text(text):
    check(_extract(text, REGISTER, Hints()))  # the logic itself, without extract()'s safety net


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=80).map("".join))
def test_never_raises_on_quote_and_name_soup(text):
    check(_extract(text, REGISTER, Hints(date=dt.date(2024, 1, 2))))


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", "\x00\x00", "“", "”", "‘’", "a" * 100_000, "Iraq said “" * 5000])
def test_degenerate_inputs(text):
    check(_extract(text, REGISTER, Hints()))


def test_extract_is_pure():
    text = "Iraq condemns attack\n\nIraq condemned the attack on Ain al-Asad, the Iraqi government said."
    assert extract(text, REGISTER) == extract(text, REGISTER)


def test_contract_json_shape():
    text = ("Iraq condemns attack\n\nBAGHDAD, Oct 23, 2023 (Reuters) - Iraq condemned the attack on Ain al-Asad. "
            "“It is unacceptable,” Yehia Rasool, a spokesman for the prime minister, said.")
    out = to_contract_json("001_x.txt", extract(text, REGISTER))
    assert out == {
        "file": "001_x.txt",
        "title": "Iraq condemns attack",
        "date": "2023-10-23",
        "date_precision": "day",
        "dateline": {"place": "Baghdad", "agency": "Reuters"},
        "actors": [
            {"name": "Iraqi government", "type": "organization", "aliases": ["Iraq"]},
            {"name": "Yehia Rasool", "type": "person", "aliases": ["Yehia Rasool"]},
        ],
        "bases": [{"name": "Ain al-Asad Air Base", "aliases": ["Ain al-Asad"]}],
        "quotes": [{"speaker": "Yehia Rasool", "text": "It is unacceptable"}],
    }
