"""Plain data passed between the build stages.

Everything here is a frozen dataclass of strings, numbers, dates and tuples:
extraction returns these, later stages only read them, and they pickle
cheaply into the extraction cache and across process pools.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PERSON = "person"
ORGANIZATION = "organization"
ACTOR_TYPES = (PERSON, ORGANIZATION)


@dataclass(frozen=True)
class Dateline:
    """A wire-style opener: "BAGHDAD (Reuters) -" gives place Baghdad, agency Reuters."""

    place: str | None
    agency: str | None


@dataclass(frozen=True)
class Mention:
    """One entity as it appears in one article.

    `name` is canonical (the register's name when the register knows it);
    `aliases` are the surface forms seen in this text, first seen first;
    `sentences` are the sentences of the cleaned body (or captions) that
    mention it, in reading order, kept verbatim as evidence.
    """

    name: str
    type: str  # "person" | "organization" for actors, "base" for bases
    aliases: tuple[str, ...]
    sentences: tuple[str, ...] = ()
    registered: bool = False
    # why extraction believes this is an entity: "register", "title" (a title or role
    # cue), "speaks" (subject of a verb of saying or acting), "org-noun", "installation",
    # "acronym", "gazetteer", "target", "archive" (named in other articles) ...
    evidence: tuple[str, ...] = ()
    # the article's key for an entity that is one thing wherever it is named, however worded:
    # "A:Israel" for Israel's army ("Israeli army", "Israeli military"), "G:Mali" for its government.
    # The archive folds equal hints across articles (generator/index/resolve.py).
    key_hint: str = ""


@dataclass(frozen=True)
class Quote:
    """A span in quotation marks that reproduces someone's words."""

    text: str
    speaker: str | None  # canonical actor name, None when anonymous or unclear
    paragraph: int  # index into Extraction.paragraphs (-1 for the title)


@dataclass(frozen=True)
class Extraction:
    """Everything read off one article's text: the output of the extract stage."""

    title: str | None
    date: dt.date | None
    dateline: Dateline | None
    paragraphs: tuple[str, ...]  # the cleaned body, source wording intact
    captions: tuple[str, ...] = ()
    actors: tuple[Mention, ...] = ()
    bases: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    outlet: str | None = None  # the publisher named by the page itself ("Title | Outlet")
    # candidates without enough evidence to get a page: listed by `review` for an editor
    held: tuple[Mention, ...] = ()
    date_precision: str | None = None  # "day" | "month" (date is then the month's first day) | None
    error: str | None = None  # the exception that stopped extraction ("ValueError: ..."): reported, never hidden


@dataclass(frozen=True)
class Hints:
    """Facts an editor's sidecar gives before extraction (they help infer a year)."""

    title: str | None = None
    date: dt.date | None = None


@dataclass(frozen=True)
class Correction:
    """One correction of what extraction decided, as an editor wrote it in a sidecar.

    `line` and `field` say where ("actors.drop[0]"), so a correction that
    matches nothing is reported at the place the editor wrote it.
    """

    section: str  # "actors" | "bases" | "quotes"
    action: str  # "drop" | "retype" | "add" | "speaker"
    target: str  # an entity's name or any of its spellings; for quotes, the quote's first words
    value: str | None = None  # retype/add: the type; speaker: the speaker's name (None: no speaker)
    line: int | None = None
    field: str | None = None


@dataclass(frozen=True)
class Sidecar:
    """Editor corrections from `seeds/<stem>.yml`; each field overrides extraction."""

    title: str | None = None
    date: dt.date | None = None
    source: str | None = None
    url: str | None = None
    dateline_place: str | None = None
    dateline_agency: str | None = None
    corrections: tuple[Correction, ...] = ()  # actors, bases and quote speakers (see corrections.py)
    file: str | None = None  # how the sidecar is named in messages
