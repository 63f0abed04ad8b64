"""Events: the reports of one incident across articles, gathered into one `Event`.

Each article's incidents (extract/incidents.py) first become its *reports*: the sentences of one
article about one incident (an attack at a base with the claim of it, or one side's
condemnation). Reports then meet in buckets, never all pairs: an attack or a claim is compared
only with reports at the same base, a condemnation only with condemnations by the same state (an
actor's register `government_of`, or the demonym its name starts with: "Iraqi Joint Operations
Command" speaks for Iraq) or the same actor. Within a bucket a report joins an event when

- their dates agree: two stated days are equal; a report that names a weekday but no date (its
  article's date, precision "week") agrees with days in the seven days up to it, and the weekday
  must fit; an attack's or a claim's report that names no day at all is the day's news: its date
  or the NEWS_DAYS before, unless it says the attack is older ("a recent strike", "last week"),
  which gives it the week again;
- their types agree: the same weapon, or one of them names none ("an attack"); a claim agrees with
  any attack at its base; condemnations must condemn alike (the same weapon when both name one,
  the same bases when both name some, and at least two content words in common);
- nothing tells two attacks apart (`_Cluster.conflict`): they are not claimed by different groups
  the register knows (an unknown name may be a fragment of a known one), and their articles name
  at least MIN_SHARED_ACTORS actors in common (one when either names only one; an article naming
  none contradicts nothing), unless they carry the same quoted words (a statement several outlets
  quote, or a quotation opening with the same QUOTE_WORDS words): two stories, not two wordings;
- exactly one event of the bucket agrees. A report that agrees with several stays on its own, and
  an undated report (no date at all) is always an event of its own; both are listed by `review`
  (Event.doubts) with the events they might belong to, as are a report kept apart by a conflict
  and two events at one base on one day whose types differ (never merged).

A wrong merge is worse than a missing one: reports kept apart are listed for an editor to merge.
A condemnation is an event of its own, never merged into the attacks it condemns: it is linked
(`related`) to each attack at a base it names in the week before it, and each attack back to it.

An editor's sidecar corrects any report's event (`events:` in the sidecar, README): merge it
with another article's event, split it out, retype it, set its date.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache

from generator.extract.incidents import (CLAIM, CONDEMNATION, GENERIC_ATTACK, STATEMENT, TYPE_OF, find_incidents,
                                        name_spans)
from generator.extract.lexicon import LEXICON, is_place_word
from generator.models import ATTACK, STRATEGIC, Article, Casualty, Correction, Event, Incident, MonthDate, Report
from generator.paths import event_path
from generator.problems import Problem
from generator.read.register import Register

WEEK = 6  # a report that names a weekday but no date tells of an incident in the seven days up to its date
NEWS_DAYS = 2  # an attack's report that names no day: news of its date or the day or two before ("overnight")
LINK_DAYS = 7  # a condemnation is linked to attacks in the week before it
MIN_SHARED_WORDS = 2
MIN_SHARED_ACTORS = 2  # two reports of one attack name the same actors: two of them (one when either names one)
QUOTE_WORDS = 10  # the same ten quoted words opening a quotation in two articles: the same statement
MAX_CARRIERS = 12  # a statement in more articles than this links no undated report to an event


# --------------------------------------------------------------------------- one article's reports

@dataclass(eq=False)
class Unit:
    """One article's report of one incident while events are gathered."""

    article: Article
    incidents: list[Incident]
    family: str  # "attack" | "statement"
    key: str  # the bucket: "base:<name>" | "side:<state or actor>"
    sub_type: str
    lo: dt.date | None = None  # the dates the report allows, inclusive
    hi: dt.date | None = None
    weekday: int | None = None
    precision: str | None = None
    object_kind: str | None = None
    objects: frozenset = frozenset()
    words: frozenset = frozenset()
    claimants: frozenset = frozenset()  # the register's actors its sentences say claimed it
    named: frozenset = frozenset()  # every actor its article names (who the story is about)
    pinned: bool = False  # split out by an editor: it joins nothing and nothing joins it
    edits: list[str] = field(default_factory=list)

    @property
    def stated_day(self) -> dt.date | None:
        return self.lo if self.precision == "day" else None

    @property
    def order(self):
        a = self.article
        return (a.date is None, a.date or dt.date.min, a.stem, self.incidents[0].paragraph)


def window(date: dt.date | None, precision: str | None, news: bool = False) -> tuple[dt.date | None, dt.date | None]:
    """The days a date of this precision allows: a stated day itself; a month all its days; a report's
    date (precision "week") the week up to it, or with `news` (an attack's report that names no day
    and no earlier time) that day and the NEWS_DAYS before: news of an attack is published the day
    it happens or a day or two later ("overnight", "officials said")."""
    if date is None:
        return None, None
    if precision == "day":
        return date, date
    if precision == "month" or isinstance(date, MonthDate):
        following = dt.date(date.year + date.month // 12, date.month % 12 + 1, 1)
        return dt.date(date.year, date.month, 1), following - dt.timedelta(days=1)
    return date - dt.timedelta(days=NEWS_DAYS if news else WEEK), date


def is_news(inc: Incident) -> bool:
    """An attack's or a claim's report that names no day, no weekday and no earlier time: the day's news."""
    return ((inc.type == ATTACK or inc.sub_type == CLAIM) and inc.precision == "week" and inc.weekday is None
            and not inc.earlier)


def dates_agree(a_lo, a_hi, a_wd, b_lo, b_hi, b_wd) -> bool:
    """Some day lies in both windows and fits the weekdays either names; undated agrees with all."""
    if a_lo is None or b_lo is None:
        return a_wd is None or b_wd is None or a_wd == b_wd
    lo, hi = max(a_lo, b_lo), min(a_hi, b_hi)
    if lo > hi:
        return False
    wanted = {w for w in (a_wd, b_wd) if w is not None}
    if len(wanted) > 1:
        return False
    if not wanted:
        return True
    w = wanted.pop()
    return any((lo + dt.timedelta(days=k)).weekday() == w for k in range(min(7, (hi - lo).days + 1)))


def attack_types_agree(a: str, b: str) -> bool:
    """The same weapon, or either names none (a generic attack, a claim)."""
    return a == b or GENERIC_ATTACK in (a, b) or CLAIM in (a, b)


def statements_agree(a: Unit, b: Unit) -> bool:
    """Two condemnations of the same thing: the same weapon and bases where both say, shared wording."""
    if a.sub_type != b.sub_type and STATEMENT not in (a.sub_type, b.sub_type):
        return False
    if a.object_kind and b.object_kind and a.object_kind != b.object_kind:
        return False
    if a.objects and b.objects and not a.objects & b.objects:
        return False
    return len(a.words & b.words) >= MIN_SHARED_WORDS


def state_of(name: str, register: Register) -> str:
    """Whom an actor speaks for: the state it governs or serves, else itself."""
    entry = register.find(name, "actor")
    if entry is not None and entry.government_of:
        return entry.government_of
    first = name.split()[0].lower() if name.split() else ""
    country = LEXICON.country_by_demonym.get(first)
    return country.name if country is not None else name


def side_key(inc: Incident, register: Register) -> str:
    """The bucket of a condemnation or statement: the country it speaks for, else its speaker."""
    speaker = next(n for n, r in inc.actors if r in ("condemner", "spokesperson"))
    return f"side:{inc.side or state_of(speaker, register)}"


def _unit(article: Article, incidents: list[Incident], register: Register) -> Unit:
    first = incidents[0]
    if first.sub_type in (CONDEMNATION, STATEMENT):
        family, key = "statement", side_key(first, register)
    else:
        family, key = "attack", f"base:{first.base}"
    u = Unit(article, incidents, family, key, first.sub_type)
    u.precision = first.precision
    u.lo, u.hi = window(first.date, first.precision, is_news(first))
    u.weekday = first.weekday
    u.named = frozenset(m.name for m in article.actors)
    for inc in incidents:
        _absorb(u, inc)
    return u


def _absorb(u: Unit, inc: Incident) -> None:
    """What one more sentence adds to a report: a weapon, a day, objects, wording."""
    if u.family == "attack" and inc.type == ATTACK and u.sub_type in (GENERIC_ATTACK, CLAIM):
        u.sub_type = inc.sub_type
    if u.family == "statement" and inc.sub_type == CONDEMNATION:
        u.sub_type = CONDEMNATION
    if (inc.type == ATTACK) != (u.family == "attack") or inc.sub_type == CLAIM:
        u.object_kind = u.object_kind or inc.object_kind
        return  # a claim's or another family's sentence tells no date of this incident
    if inc.precision == "day" and u.precision != "day":
        u.lo = u.hi = inc.date
        u.precision, u.weekday = "day", None
    elif u.weekday is None and inc.weekday is not None and u.precision != "day":
        u.weekday = inc.weekday
    if u.precision == "week" and inc.precision == "week" and not is_news(inc):  # a weekday or "last week"
        u.lo, u.hi = window(inc.date, inc.precision)  # widens a report's news window to its week
    u.object_kind = u.object_kind or inc.object_kind
    u.objects = u.objects | frozenset(inc.objects)
    u.words = u.words | frozenset(inc.object_words)


def _same_incident_in_article(u: Unit, inc: Incident, register: Register) -> bool:
    statement = inc.sub_type in (CONDEMNATION, STATEMENT)
    if u.family == "attack":
        if statement or (inc.base is not None and f"base:{inc.base}" != u.key):
            return False
        if not attack_types_agree(u.sub_type, inc.sub_type):
            return False
    else:
        if not statement or side_key(inc, register) != u.key:
            return False
    lo, hi = window(inc.date, inc.precision, is_news(inc))
    if inc.precision == "day" and u.precision == "day":
        return lo == u.lo
    return inc.sub_type in (CLAIM, STATEMENT) or u.weekday is None or inc.weekday is None or u.weekday == inc.weekday


def names_a_place(sentence: str, actors) -> bool:
    """The sentence names a place outside the actors' names ("struck American forces in Hasakah"):
    a claim naming another place may be of another attack."""
    text = sentence
    for start, end, _ in name_spans(sentence, actors):
        text = text[:start] + " " * (end - start) + text[end:]
    return any(w[:1].isupper() and is_place_word(w) for w in re.findall(r"[A-Za-z][\w'-]+", text)[1:])


def article_units(article: Article, register: Register, incidents_of=find_incidents) -> list[Unit]:
    """The article's reports: its incidents grouped by incident, a claim with the attack it claims.
    `incidents_of` is extract/incidents.py `find_incidents`, or a step that gives the same."""
    incidents = incidents_of(article.paragraphs, article.date, article.bases, article.actors)
    units: list[Unit] = []
    loose_claims: list[Incident] = []
    for inc in incidents:
        if inc.sub_type == CLAIM and inc.base is None:
            loose_claims.append(inc)
            continue
        home = next((u for u in units if _same_incident_in_article(u, inc, register)), None)
        if home is None:
            units.append(_unit(article, [inc], register))
        else:
            home.incidents.append(inc)
            _absorb(home, inc)
    attacks = [u for u in units if u.family == "attack"]
    if len(attacks) == 1:  # "X claimed responsibility for the attack": the article's one attack
        for inc in loose_claims:
            if not names_a_place(inc.sentence, article.actors):
                attacks[0].incidents.append(inc)
    for u in attacks:  # a claimant counts only when the register knows it: a name it does not know
        u.claimants = frozenset(n for inc in u.incidents for n, role in inc.actors  # may be a fragment
                                if role == "claimant" and register.find(n, "actor") is not None)
    return units


# --------------------------------------------------------------------------- gathering

@lru_cache(maxsize=1 << 16)  # a serving process's every pass asks again for every quote of the archive
def quote_key(text: str) -> str | None:
    """The first words of a quotation, to find the same words quoted in other articles; None when
    it is too short to tell one statement from another."""
    words = re.findall(r"[^\W_]+", text.casefold())
    return " ".join(words[:QUOTE_WORDS]) if len(words) >= QUOTE_WORDS else None


@dataclass(eq=False)
class _Cluster:
    units: list[Unit]
    sub_type: str
    lo: dt.date | None
    hi: dt.date | None
    weekday: int | None
    pinned: bool = False
    doubts: list[str] = field(default_factory=list)
    claimants: frozenset = frozenset()
    named: frozenset = frozenset()

    def agrees(self, u: Unit) -> bool:
        if self.pinned or u.pinned:
            return False
        if u.family == "attack":
            if not attack_types_agree(self.sub_type, u.sub_type):
                return False
        elif not any(statements_agree(m, u) for m in self.units):
            return False
        return dates_agree(self.lo, self.hi, self.weekday, u.lo, u.hi, u.weekday)

    def conflict(self, u: Unit, quoting: bool) -> str | None:
        """Why a report that agrees in place, date and type is still another incident, or None:
        another group claimed it, or its article and the event's articles name actors but none in
        common (and no statement in common): two stories, not two wordings of one."""
        if u.family != "attack":
            return None
        if u.claimants and self.claimants and not u.claimants & self.claimants:
            return (f"it is claimed by {', '.join(sorted(u.claimants))}, the event by "
                    f"{', '.join(sorted(self.claimants))}")
        if not quoting and u.named and self.named:
            needed = min(MIN_SHARED_ACTORS, len(u.named), len(self.named))
            if len(u.named & self.named) < needed:
                return (f"its article names {'none' if not u.named & self.named else 'only one'} of the actors "
                        "the event's articles name")
        return None

    def take(self, u: Unit) -> None:
        self.units.append(u)
        if self.sub_type in (GENERIC_ATTACK, CLAIM, STATEMENT) and u.sub_type not in (GENERIC_ATTACK, CLAIM, STATEMENT):
            self.sub_type = u.sub_type
        if u.lo is not None:
            if self.lo is None:
                self.lo, self.hi = u.lo, u.hi
            else:
                self.lo, self.hi = max(self.lo, u.lo), min(self.hi, u.hi)
        self.weekday = self.weekday if self.weekday is not None else u.weekday
        self.claimants |= u.claimants
        self.named |= u.named


def _label(u: Unit) -> str:
    return f"{u.article.stem} ({u.incidents[0].sentence[:60]}...)"


def gather(units: list[Unit], shared: dict[str, frozenset] | None = None,
           peers: dict[str, tuple[str, ...]] | None = None) -> list[_Cluster]:
    """One bucket's reports into events: dated reports first (stated days, then months, then
    report dates); each joins the one event it agrees with, if exactly one. When several agree,
    or the report is undated (no date at all), it joins the one of them whose reports' articles
    carry a statement its article carries too (`shared`: each article's statements, the same
    quote in several outlets, index/insights.py; `peers`: the articles sharing one with it);
    otherwise it is an event of its own. Near-linear: a dated report meets only the events whose
    days it allows, an undated one only the events of its peers."""
    shared, peers = shared or {}, peers or {}
    rank = {"day": 0, "month": 1, "week": 2, None: 3}
    clusters: list[_Cluster] = []
    by_day: dict[int, list[_Cluster]] = defaultdict(list)
    home: dict[str, _Cluster] = {}  # the event each article's report in this bucket went to

    def near(u: Unit) -> list[_Cluster]:
        found: dict[int, _Cluster] = {}
        if u.lo is None:
            for stem in peers.get(u.article.stem, ()):
                c = home.get(stem)
                if c is not None:
                    found.setdefault(id(c), c)
        else:
            for k in range(u.lo.toordinal(), u.hi.toordinal() + 1):
                for c in by_day.get(k, ()):
                    found.setdefault(id(c), c)
        return list(found.values())

    def quotes_with(u: Unit, c: _Cluster) -> bool:
        mine = shared.get(u.article.stem, frozenset())
        return bool(mine) and any(mine & shared.get(m.article.stem, frozenset()) for m in c.units)

    for u in sorted(units, key=lambda u: (rank[u.precision], u.lo or dt.date.max, u.order)):
        candidates, apart = [], []
        for c in near(u):
            if c.agrees(u):
                why = c.conflict(u, quotes_with(u, c))
                (apart if why else candidates).append((c, why))
        candidates = [c for c, _ in candidates]
        if u.lo is None or len(candidates) > 1:
            quoting = [c for c in candidates if quotes_with(u, c)]
            if len(quoting) == 1:
                candidates = quoting
            elif u.lo is None:
                c = _Cluster([u], u.sub_type, None, None, u.weekday, pinned=u.pinned, claimants=u.claimants,
                             named=u.named)
                if candidates:
                    c.doubts.append(f"undated report {_label(u)} may be the same as {len(candidates)} other "
                                    "event(s) here; give its article a date or merge it")
                clusters.append(c)
                home[u.article.stem] = c
                continue
        if len(candidates) == 1:
            c = candidates[0]
            before = (c.lo, c.hi)
            c.take(u)
            fresh = before == (None, None) and c.lo is not None
        else:
            c = _Cluster([u], u.sub_type, u.lo, u.hi, u.weekday, pinned=u.pinned, claimants=u.claimants,
                         named=u.named)
            if len(candidates) > 1:
                c.doubts.append(f"{_label(u)} agrees with {len(candidates)} events; kept apart")
            elif not candidates and apart:
                c.doubts.append(f"{_label(u)} agrees in place, date and type with {len(apart)} other event(s), "
                                f"but {apart[0][1]}; kept apart")
            clusters.append(c)
            fresh = c.lo is not None
        home[u.article.stem] = c
        if fresh:  # a cluster is filed under the days of its window once (its window only narrows)
            for k in range(c.lo.toordinal(), c.hi.toordinal() + 1):
                by_day[k].append(c)
    _near_misses(clusters)
    return clusters


def _near_misses(clusters: list[_Cluster]) -> None:
    """Two attacks at one base on one stated day whose weapons differ: kept apart, listed for review."""
    by_day: dict[dt.date, list[_Cluster]] = defaultdict(list)
    for c in clusters:
        if c.lo is not None and c.lo == c.hi and c.units[0].family == "attack":
            by_day[c.lo].append(c)
    for group in by_day.values():
        for c in group:
            others = [o for o in group if o is not c]
            if others:
                c.doubts.append(f"same base and day as {len(others)} other event(s) of another type; kept apart")


# --------------------------------------------------------------------------- events

def _event_date(c: _Cluster) -> tuple[dt.date | None, str | None]:
    days = sorted({u.stated_day for u in c.units if u.stated_day})
    if days:
        return days[0], "day"
    months = sorted({u.lo for u in c.units if u.precision == "month" and u.lo})
    if months and all(u.precision in ("month", None) for u in c.units):
        return MonthDate(months[0].year, months[0].month, 1), "month"
    reported = sorted(u.hi for u in c.units if u.precision == "week" and u.hi)
    if reported:
        return reported[0], "week"
    if months:
        return MonthDate(months[0].year, months[0].month, 1), "month"
    return None, None


def _anchor(c: _Cluster) -> Unit:
    return min(c.units, key=lambda u: u.order)


def event_id(c: _Cluster) -> str:
    """A stable id: a hash of the first report's article and sentence (unrelated articles never move it)."""
    a = _anchor(c)
    return "EV" + hashlib.sha1(f"{a.article.stem}\0{a.incidents[0].paragraph}\0{a.family}".encode()).hexdigest()[:10]


def _make_event(c: _Cluster, register: Register, eid: str, path: str) -> Event:
    units = sorted(c.units, key=lambda u: u.order)
    reports = tuple(Report(u.article, tuple(u.incidents)) for u in units)
    roles: list[tuple[str, str]] = []
    casualties: list[Casualty] = []
    for u, rep in zip(units, reports):
        for inc in u.incidents:
            for pair in inc.actors:
                if pair not in roles:
                    roles.append(pair)
        for kind in ("killed", "wounded"):
            stated = next((inc for inc in u.incidents if getattr(inc, kind) is not None), None)
            if stated is not None:
                casualties.append(Casualty(kind, getattr(stated, kind), rep, stated.sentence))
    sub_type = c.sub_type
    typ = TYPE_OF.get(sub_type, ATTACK)
    date, precision = _event_date(c)
    family = units[0].family
    base = units[0].key[len("base:"):] if family == "attack" else None
    entry = register.find(base, "base") if base else None
    country = entry.country if entry else None
    if family == "statement":
        country = units[0].key[len("side:"):] if LEXICON.country_by_form.get(units[0].key[5:].lower()) else None
    coords = entry.coordinates if entry and entry.coordinates else None
    edits = tuple(dict.fromkeys(e for u in units for e in u.edits))
    return Event(id=eid, path=path, date=date, precision=precision, type=typ, sub_type=sub_type, base=base,
                 province=entry.province if entry else None, country=country, coordinates=coords,
                 geo_precision="register" if coords else None, actors=tuple(roles), casualties=tuple(casualties),
                 reports=reports, doubts=tuple(c.doubts), corrected=edits)


# --------------------------------------------------------------------------- editors' corrections

def _sentence_key(text: str) -> str:
    return " ".join(re.sub(r"[\"'\u201c\u201d\u2018\u2019]", "", text).casefold().split())


def _chosen(units: list[Unit], c: Correction) -> list[Unit]:
    if c.target == "*":
        return units
    key = _sentence_key(c.target)
    return [u for u in units if any(_sentence_key(i.sentence).startswith(key) for i in u.incidents)]


def _apply_edit(units: list[Unit], c: Correction, label: str) -> tuple[list[tuple[Unit, str]], Problem | None]:
    """Retype, date and split change a report before gathering; merges are returned to do after."""
    chosen = _chosen(units, c)
    where = f"{c.field}"
    if not chosen:
        what = "has no event" if c.target == "*" else f"has no event report starting {c.target!r}"
        return [], Problem(label, f"{where}: this article {what}", c.line, c.field)
    merges = []
    for u in chosen:
        if c.action == "retype":
            wanted = next((s for s in TYPE_OF if s.casefold() == (c.value or "").casefold()), None)
            if wanted is None:
                known = ", ".join(TYPE_OF)
                return [], Problem(label, f"{where}: unknown event type {c.value!r} (one of: {known})", c.line, c.field)
            u.sub_type = wanted
            u.edits.append("type")
        elif c.action == "date":
            try:
                day = dt.date.fromisoformat(c.value or "")
            except ValueError:
                return [], Problem(label, f"{where}: {c.value!r} is not a real date", c.line, c.field)
            u.lo = u.hi = day
            u.precision, u.weekday = "day", None
            u.edits.append("date")
        elif c.action == "split":
            u.pinned = True
            u.edits.append("split")
        elif c.action == "merge":
            merges.append((u, c.value))
    return merges, None


def _merge_target(value: str, clusters: list[_Cluster], ids: dict[int, str]) -> list[_Cluster]:
    by_stem = [c for c in clusters if any(u.article.stem == value for u in c.units)]
    return by_stem or [c for c in clusters if ids[id(c)] == value]


# --------------------------------------------------------------------------- the stage

def build_events(articles, register: Register, edits: dict[str, tuple[tuple[Correction, ...], str]] | None = None,
                 statement_of: dict | None = None, incidents_of=find_incidents, *,
                 places: frozenset[str] | None = None, reporting: set[str] | None = None,
                 filed: dict[str, tuple[str, ...]] | None = None) -> tuple[tuple[Event, ...], list[Problem]]:
    """Every event of the archive, newest first, and the problems of the editors' event corrections.
    `edits` maps an article's stem to (its sidecar's `events:` corrections, the sidecar's name);
    `statement_of` is the archive's statement of each (stem, quote) (index/insights.py);
    `incidents_of` finds an article's incidents (find_incidents, or a cache of it: speed/).

    An event is gathered from the reports filed under one place (a base, or the side that spoke), so
    the events of some places need only the reports filed there: with `places`, only those places'
    events are made, from the reports of the articles whose stems are in `reporting` (None: every
    article); the caller knows no other article files a report there, and that no sidecar merges
    events (a merge may join two places). What the articles share is weighed over all of them.
    `filed`, when given, is filled with each article's places (speed/quick_events.py keeps them)."""
    edits = edits or {}
    shared, peers = _shares(articles, statement_of or {})
    problems: list[Problem] = []
    buckets: dict[str, list[Unit]] = defaultdict(list)
    merges: list[tuple[Unit, str, Correction, str]] = []
    for a in articles:
        if reporting is not None and a.stem not in reporting:
            continue
        units = article_units(a, register, incidents_of)
        fixes, label = edits.get(a.stem, ((), a.stem))
        for c in fixes:
            more, problem = _apply_edit(units, c, label)
            if problem:
                problems.append(problem)
            merges += [(u, v, c, label) for u, v in more]
        if filed is not None:
            filed[a.stem] = places_of(units)
        for u in units:
            if places is None or u.key in places:
                buckets[u.key].append(u)
    clusters = [c for key in sorted(buckets) for c in gather(buckets[key], shared, peers)]
    ids = {id(c): event_id(c) for c in clusters}
    for u, value, c, label in merges:
        home = next(k for k in clusters if u in k.units)
        targets = [t for t in _merge_target(value, clusters, ids) if t is not home]
        if len(targets) != 1:
            why = "names no other event" if not targets else f"names {len(targets)} events (give an event id)"
            problems.append(Problem(label, f"{c.field}: merge {value!r} {why}", c.line, c.field))
            continue
        target = targets[0]
        for m in home.units:
            m.edits.append("merge")
            target.units.append(m)
        target.doubts += home.doubts
        clusters.remove(home)
    return _finish(clusters, register), problems


def _shares(articles, statement_of: dict) -> tuple[dict[str, frozenset], dict[str, tuple[str, ...]]]:
    """What each article shares with others (a statement several outlets carry, the same quoted
    words whoever the extractor says spoke them), and the articles it shares it with. Words quoted by
    very many articles are not counted: boilerplate says nothing about which incident, and would
    make gathering quadratic."""
    carried: dict[str, set] = defaultdict(set)
    for (stem, _), st in statement_of.items():
        if len(st.versions) > 1:
            carried[stem].add(id(st))
    for a in articles:
        carried[a.stem].update(k for q in a.quotes if q.speaker is not None and (k := quote_key(q.text)))
    carriers: dict = defaultdict(set)
    for stem, keys in carried.items():
        for k in keys:
            carriers[k].add(stem)
    shared = {stem: frozenset(k for k in keys if 1 < len(carriers[k]) <= MAX_CARRIERS)
              for stem, keys in carried.items()}
    peers = {stem: tuple(sorted({o for k in keys for o in carriers[k]} - {stem})) for stem, keys in shared.items()}
    return shared, peers


def places_of(units: list[Unit]) -> tuple[str, ...]:
    """The places an article's reports are filed under (their buckets), in its reports' order."""
    return tuple(dict.fromkeys(u.key for u in units))


def place_of(key: str) -> str:
    """The place part of a report's bucket ("base:Ain al-Asad" -> "Ain al-Asad"), which names its events' pages."""
    return key.split(":", 1)[1]


def _finish(clusters: list[_Cluster], register: Register) -> tuple[Event, ...]:
    """Events with ids, paths and links, newest first."""
    ids = {id(c): event_id(c) for c in clusters}
    seen: dict[str, int] = {}
    # one paragraph reporting incidents at two places anchors two events alike: numbered in the places' order
    for c in sorted(clusters, key=lambda c: ids[id(c)]):
        n = seen.get(ids[id(c)], 0)
        seen[ids[id(c)]] = n + 1
        if n:
            ids[id(c)] += f"-{n + 1}"
    events = []
    taken: set[str] = set()
    order = sorted(clusters, key=lambda c: (_anchor(c).order, ids[id(c)]))
    for c in order:
        date, _ = _event_date(c)
        where = place_of(c.units[0].key)
        events.append(_make_event(c, register, ids[id(c)], event_path(date, where, c.sub_type, ids[id(c)], taken)))
    events = _link(events)
    return tuple(sorted(events, key=lambda e: (e.date is None, -(e.date.toordinal() if e.date else 0), e.id)))


def _link(events: list[Event]) -> list[Event]:
    """A condemnation and each attack at a base it names in the week before it, both ways."""
    attacks: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        if e.base and e.type == ATTACK:
            attacks[e.base].append(e)
    links: dict[str, set[str]] = defaultdict(set)
    for e in events:
        if e.sub_type != CONDEMNATION or e.date is None:
            continue
        named = {b for r in e.reports for i in r.incidents for b in i.objects}
        for base in named:
            for a in attacks.get(base, ()):
                if a.date is not None and e.date - dt.timedelta(days=LINK_DAYS) <= a.date <= e.date:
                    links[e.id].add(a.id)
                    links[a.id].add(e.id)
    return [replace(e, related=tuple(sorted(links[e.id]))) if links.get(e.id) else e for e in events]


def event_indexes(events: tuple[Event, ...]) -> tuple[dict, dict, dict]:
    """(event by id, each article's events, each (kind, name) entity's events), in the archive's order."""
    by_id = {e.id: e for e in events}
    of_article: dict[str, list[Event]] = defaultdict(list)
    of_entity: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for e in events:
        for r in e.reports:
            if e not in of_article[r.article.stem]:
                of_article[r.article.stem].append(e)
        if e.base:
            of_entity[("base", e.base)].append(e)
        for name in dict.fromkeys(n for n, _ in e.actors):
            of_entity[("actor", name)].append(e)
    return by_id, {k: tuple(v) for k, v in of_article.items()}, {k: tuple(v) for k, v in of_entity.items()}


__all__ = ["build_events", "event_indexes", "article_units", "gather", "dates_agree", "statements_agree",
           "place_of", "places_of"]
