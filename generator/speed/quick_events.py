"""The events step of a serving process: after a small edit, only the events of the places it reports from.

An event is gathered from the reports filed under one place (a base, or the side that spoke: index/
events.py), so the edited articles' events need only the reports filed where theirs are. A pass that
makes every event keeps each article's places (`Filed`, in memory, for the docs dir it builds); the
quick pass under `mkdocs serve` then makes the events of the edited articles' places, from the
articles filed there, exactly as the whole archive's would be. Making every event took about a
second of each edit at 10,000 articles; the quick pass renders only the edited articles' pages,
whose events these are, and the full pass after it makes them all.

Every other case makes every event (and keeps the places): no pass kept them yet, the register is
another (a place depends on it), more than the quick pass's few articles changed, or a sidecar
merges events (a merge may join two places).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.extract.incidents import find_incidents
from generator.index.events import article_units, build_events, place_of, places_of
from generator.models import Article
from generator.paths import event_place_slug
from generator.speed.memo import edited, last_written


@dataclass
class Filed:
    """What the last pass that read every article's reports saw (or a quick pass since, for the
    articles it read again): the register, and each article with the places its reports are filed under."""

    register: object
    articles: dict[str, Article]  # stem -> the article whose places these are
    places: dict[str, tuple[str, ...]]  # stem -> its places (bucket keys)
    stems_at: dict[str, set[str]]  # place -> the stems filed there

    @classmethod
    def of(cls, register, articles, places: dict[str, tuple[str, ...]]) -> Filed:
        filed = cls(register, {a.stem: a for a in articles}, {}, {})
        for stem, keys in places.items():
            filed.file(stem, keys)
        return filed

    def file(self, stem: str, keys: tuple[str, ...]) -> None:
        for key in self.places.pop(stem, ()):
            self.stems_at[key].discard(stem)
        self.places[stem] = keys
        for key in keys:
            self.stems_at.setdefault(key, set()).add(stem)


def neighbouring_places(places: set[str], known) -> set[str]:
    """`places` and every known place whose events' page names could be taken by theirs: an event's
    page is named `day-place-type`, so "al-asad" and "al-asad-drone" may name one page alike
    (paths.py `event_path` then adds an id), and which event takes the plain name depends on both."""
    slugs = {key: event_place_slug(place_of(key)) for key in {*places, *known}}
    wanted, todo = set(places), list(places)
    while todo:
        mine = slugs[todo.pop()]
        for key, theirs in slugs.items():
            if key not in wanted and (theirs == mine or theirs.startswith(mine + "-") or mine.startswith(theirs + "-")):
                wanted.add(key)
                todo.append(key)
    return wanted


class QuickEvents:
    """The events step (index/events.py `build_events`'s arguments and answer) of a long-lived process.

    With `max_changed` (the quick pass), when 1 to `max_changed` articles changed since this process
    last wrote the docs dir (memo.py `edited`: the quick steps agree on it), it makes only the events
    of the places the changed articles report from, which are every event their pages list, as their
    pages print them. (Their ids are the whole archive's too, but for one case no page prints: one
    paragraph reporting two incidents at two places gives both events one id, which `_finish`
    numbers in the order of the places, and the other place may not be gathered here.) Otherwise
    (and always without `max_changed`) it makes every event and keeps what was filed where."""

    _by_docs: dict[Path, Filed] = {}

    def __init__(self, docs: Path, max_changed: int | None = None, full=build_events):
        self.docs, self.max_changed, self.full = docs.resolve(), max_changed, full
        self.memo = last_written(self.docs) if max_changed else None
        self.quick = False  # what the last call did

    def __call__(self, articles, register, edits=None, statement_of=None, incidents_of=find_incidents):
        edits = edits or {}
        kept = self._by_docs.get(self.docs)
        plan = self._plan(kept, register, articles, edits)
        self.quick = plan is not None
        if plan is None:
            places: dict[str, tuple[str, ...]] = {}
            found = self.full(articles, register, edits, statement_of, incidents_of, filed=places)
            self._by_docs[self.docs] = Filed.of(register, articles, places)
            return found
        pages, changed, new = plan
        for stem in changed:  # read again: its places now (those it left list none of its events)
            if stem in new:
                kept.file(stem, places_of(article_units(new[stem], register, incidents_of)))
            elif stem in kept.places:  # gone
                kept.file(stem, ())
                del kept.places[stem]
        wanted = neighbouring_places({key for stem in pages if stem in new for key in kept.places[stem]},
                                     kept.stems_at)
        reporting = {stem for key in wanted for stem in kept.stems_at.get(key, ())} | set(edits)  # edits: their problems
        # every other article is as kept: these objects, which this pass's pages are written with, make
        # the next pass's comparison an identity check (`_plan`)
        kept.articles = new
        return self.full(articles, register, edits, statement_of, incidents_of, places=frozenset(wanted),
                         reporting=reporting)

    def _plan(self, kept: Filed | None, register, articles, edits: dict) -> tuple[list[str], set[str], dict] | None:
        """(the stems whose pages the quick pass renders, the stems changed since `kept`, the articles
        by stem) when it may make only their places' events; else None."""
        if self.memo is None or kept is None or kept.register is not register:
            return None
        if any(c.action == "merge" for fixes, _ in edits.values() for c in fixes):
            return None
        pages = edited(self.memo, articles, self.max_changed)  # None: the render is full, so are the events
        if pages is None:
            return None
        # changed since `kept`: the pages' articles, and any whose kept article is not the one written
        # (a quick pass read it again): the others are as written, which `edited` compared already
        new, written = {a.stem: a for a in articles}, self.memo.articles
        changed = set(pages) | {s for s in new.keys() | kept.articles.keys() if kept.articles.get(s) is not
                                written.get(s) and new.get(s) != kept.articles.get(s)}
        # the places kept too far behind: reading them again would cost as much as making every event
        return (pages, changed, new) if len(changed) <= self.max_changed + len(pages) else None
