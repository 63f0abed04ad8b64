"""Plain data passed between the build stages.

Everything here is a frozen dataclass of strings, numbers, dates and tuples:
extraction returns these, later stages only read them, and they pickle
cheaply into the extraction cache and across process pools.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from generator.labels import is_unknown_outlet

if TYPE_CHECKING:  # annotation only: the register is read by the read stage
    from generator.read.register import RegisterEntry

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
    english: bool = True  # False: too few of English's commonest words; only registered entities were read


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
    file: str | None = None
    # corrections of the events this article reports (section "events": merge, split, retype, date;
    # target: the first words of the report's sentence, "*" for all of the article's; index/events.py)
    events: tuple[Correction, ...] = ()  # how the sidecar is named in messages


# --------------------------------------------------------------------------- incidents and events

ATTACK = "Explosions/Remote violence"  # ACLED's event type for strikes, shelling and bombs
STRATEGIC = "Strategic developments"  # ACLED's type for claims, condemnations and statements


@dataclass(frozen=True)
class Incident:
    """One sentence of one article that reports an incident (generator/extract/incidents.py).

    Only what the sentence says: the base it names, the actors it gives a role ("attacker",
    "claimant", "target", "condemner", "spokesperson"), the casualties it numbers, and its date
    as precise as it states it: "day" (a date the sentence writes), "month" ("in October 2023"),
    or "week" (the report's date: a weekday named without its date, or no date at all; `weekday`
    keeps a named weekday, Monday 0, as a check when reports are compared, never as a day).
    """

    paragraph: int  # index into the article's paragraphs
    sentence: str  # verbatim
    type: str  # ATTACK | STRATEGIC
    sub_type: str  # "Drone strike", "Claim of responsibility", "Condemnation" ... (incidents.SUB_TYPES)
    base: str | None = None  # the base the incident took place at (canonical name)
    actors: tuple[tuple[str, str], ...] = ()  # (actor's canonical name, role), in sentence order
    date: dt.date | None = None
    precision: str | None = None  # "day" | "week" | "month" | None (undated report, no date stated)
    weekday: int | None = None
    earlier: bool = False  # precision "week": the sentence says the incident is older news ("a recent strike")
    killed: int | None = None
    wounded: int | None = None
    object_words: tuple[str, ...] = ()  # a statement: the content words of what it condemns
    object_kind: str | None = None  # a statement: the sub-type of what it condemns, when it says
    objects: tuple[str, ...] = ()  # a statement: the bases whose attacks it condemns
    side: str | None = None  # a statement: the country the sentence says its speaker speaks for


# --------------------------------------------------------------------------- read

@dataclass(frozen=True)
class PageMeta:
    """What a saved web page (`.html`) or a scraper's record (`.json`) states about itself.

    Plain, cleaned strings (never markup): each field, when present, wins over what the text
    suggests and loses to the article's sidecar (index/archive.py make_article).
    """

    title: str | None = None
    date: dt.date | None = None  # the day the page says it was published
    outlet: str | None = None  # the name the page gives its site (og:site_name, JSON-LD publisher...)
    url: str | None = None  # the canonical URL (else the one it was saved from), absolute http(s)
    description: str | None = None
    host: str | None = None  # the URL's host name: the outlet's last resort
    author: str | None = None


@dataclass(frozen=True)
class SeedFile:
    """One article as read from disk: decoded text plus its sidecar, if any."""

    stem: str
    path: Path
    text: str
    digest: str  # sha256 of the raw bytes, the cache key of its extraction
    sidecar: Sidecar | None
    sidecar_digest: str = ""
    page: PageMeta | None = None  # a `.html` or `.json` seed's own metadata


# --------------------------------------------------------------------------- index

class MonthDate(dt.date):
    """A date known only to its month, held as the month's first day: it sorts and groups under
    its month, and pages print "October 2023", never a day the page did not state."""

    __slots__ = ()
    precision = "month"


def date_text(d: dt.date | None) -> str | None:
    """ISO text of a date as precise as it is known: "2023-10-27", or "2023-10" for a month."""
    if d is None:
        return None
    return f"{d:%Y-%m}" if isinstance(d, MonthDate) else d.isoformat()


def latest_date(dates) -> dt.date | None:
    """The latest of some dates, as precise as it is known: a month beats a day earlier in that month
    (its article may be from any day of it), a day beats its own month only when it is the month's last.
    "Last seen" columns print it with `short_date`: "3 Nov 2023" or "Nov 2023"."""
    def key(d: dt.date):
        if isinstance(d, MonthDate):
            following = dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)
            return (following.toordinal() - 1, 0)
        return (d.toordinal(), 1)

    dated = [d for d in dates if d is not None]
    return max(dated, key=key) if dated else None


@dataclass(frozen=True)
class Article:
    stem: str
    path: str  # Markdown path relative to the docs dir
    title: str
    date: dt.date | None
    dateline: Dateline | None
    source: str | None
    url: str | None
    paragraphs: tuple[str, ...]
    captions: tuple[str, ...]
    actors: tuple[Mention, ...]
    bases: tuple[Mention, ...]
    quotes: tuple[Quote, ...]

    @property
    def sort_key(self):
        """Newest first, undated last, then by title: the order of every chronology."""
        return (self.date is None, -(self.date.toordinal() if self.date else 0), self.title.lower(), self.stem)


@dataclass(frozen=True, eq=False)
class Entity:
    """An actor or base of the archive, with every article that names it (newest first)."""

    name: str
    kind: str  # "actor" | "base"
    type: str  # person | organization | base
    path: str
    entry: RegisterEntry | None
    aliases: frozenset[str] = frozenset()
    mentions: tuple[tuple[Article, Mention], ...] = ()
    quotes: tuple[tuple[Article, Quote], ...] = ()

    @property
    def description(self) -> str | None:
        return self.entry.description if self.entry else None

    @property
    def articles(self) -> list[Article]:
        return [a for a, _ in self.mentions]

    @property
    def last_seen(self) -> dt.date | None:
        """Date of the latest article naming it ("last seen" on the indexes); None when all are undated."""
        return latest_date(a.date for a, _ in self.mentions)

    @property
    def other_names(self) -> list[str]:
        """Every spelling seen or registered, except the canonical one."""
        names = set(self.aliases) | set(self.entry.aliases if self.entry else ())
        return sorted((n for n in names if n != self.name), key=lambda n: (n.lower(), n))  # "CENTCOM" < "Centcom"


@dataclass(frozen=True)
class Outlet:
    """An outlet and its articles, newest first; `path` is None for the unknown outlet (no page)."""

    name: str  # labels.UNKNOWN_OUTLET for the unknown outlet
    path: str | None
    articles: tuple[Article, ...]

    @property
    def last_seen(self) -> dt.date | None:
        return latest_date(a.date for a in self.articles)


@dataclass(frozen=True)
class Report:
    """One article's account of an event: the article and the sentences that tell it (first first)."""

    article: Article
    incidents: tuple[Incident, ...]

    @property
    def sentence(self) -> str:
        return self.incidents[0].sentence


@dataclass(frozen=True)
class Casualty:
    """A number of killed or wounded as one report states it."""

    kind: str  # "killed" | "wounded"
    number: int
    report: Report
    sentence: str


@dataclass(frozen=True, eq=False)
class Event:
    """One incident at one place on one date (or within `precision`), with every report of it.

    Built by generator/index/events.py from the articles' incidents. `date` is the stated day, or
    the first report's date when precision is "week" (the reports name no day); `base` with its
    register facts (province, country, coordinates as (lat, lon), geo_precision "register");
    `actors` (name, role) pairs; `casualties` every stated number with its report; `reports`
    first report first; `related` the ids of linked events (a condemnation and the attacks it
    condemns); `doubts` why an editor should look (listed by `review`).
    """

    id: str
    path: str
    date: dt.date | None
    precision: str | None
    type: str
    sub_type: str
    base: str | None
    province: str | None
    country: str | None
    coordinates: tuple[float, float] | None
    geo_precision: str | None
    actors: tuple[tuple[str, str], ...]
    casualties: tuple[Casualty, ...]
    reports: tuple[Report, ...]
    related: tuple[str, ...] = ()
    doubts: tuple[str, ...] = ()
    corrected: tuple[str, ...] = ()  # what an editor's sidecar changed ("type", "date", "merge", "split")

    def killed(self) -> tuple[int, int] | None:
        """(fewest, most) killed the reports state; None when none states a number."""
        return _range(c.number for c in self.casualties if c.kind == "killed")

    def wounded(self) -> tuple[int, int] | None:
        return _range(c.number for c in self.casualties if c.kind == "wounded")

    def actors_with(self, role: str) -> list[str]:
        return [n for n, r in self.actors if r == role]

    @property
    def title(self) -> str:
        """"Drone strike at Ain al-Asad Air Base", "Condemnation by Iraqi government"."""
        where = self.base or next((n for n, r in self.actors if r in ("condemner", "claimant", "spokesperson")), None)
        if where is None:
            return self.sub_type
        joiner = " by " if self.base is None else " at "
        return f"{self.sub_type}{joiner}{where}"


def _range(numbers) -> tuple[int, int] | None:
    numbers = list(numbers)
    return (min(numbers), max(numbers)) if numbers else None


@dataclass(frozen=True, eq=False)
class Archive:
    """The whole archive as the index stage returns it: complete, and never changed afterwards.

    Rendering reads it; nothing fills it in later.
    """

    articles: tuple[Article, ...]  # newest first (Article.sort_key)
    actors: dict[str, Entity]
    bases: dict[str, Entity]
    # statements by speaker (None = unattributed), the statement each quote belongs to,
    # and related coverage per article (generator/index/insights.py)
    statements: dict = field(default_factory=dict)
    statement_of: dict = field(default_factory=dict)
    related: dict = field(default_factory=dict)
    # every outlet by name (None: the unknown outlet), most articles first, then A-Z (index/archive.py)
    outlets: dict[str | None, Outlet] = field(default_factory=dict)
    # every event, newest first (index/events.py); by id; each article's, each actor's and base's events
    events: tuple[Event, ...] = ()
    event_by_id: dict[str, Event] = field(default_factory=dict)
    events_of_article: dict[str, tuple[Event, ...]] = field(default_factory=dict)
    events_of_entity: dict[tuple[str, str], tuple[Event, ...]] = field(default_factory=dict)

    @cached_property  # every entity's and outlet's page reads it: a look at every article, once
    def span(self) -> tuple[dt.date, dt.date] | None:
        """First and last publication date in the archive (charts share this span)."""
        dates = [a.date for a in self.articles if a.date]
        return (min(dates), max(dates)) if dates else None

    def entity(self, kind: str, name: str) -> Entity | None:
        return (self.actors if kind == "actor" else self.bases).get(name)

    def outlet_of(self, source: str | None) -> Outlet | None:
        """The outlet an article with this source is listed under (the unknown outlet for a blank or
        placeholder name); None for a name no article of the archive has."""
        return self.outlets.get(None if is_unknown_outlet(source) else source)

    @property
    def quotes(self) -> list[tuple[Article, Quote]]:
        return [(a, q) for a in self.articles for q in a.quotes]


# --------------------------------------------------------------------------- render

@dataclass(frozen=True)
class Page:
    path: str  # relative to the docs dir
    text: str
    # write.journal.page_digest(text), when a speed-up knows it already (speed/incremental.py keeps it
    # with the page's text): the writer then neither encodes nor digests an unchanged page again
    digest: str | None = field(default=None, compare=False, repr=False)
