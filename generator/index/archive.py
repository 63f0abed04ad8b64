"""The index stage: the whole archive as a graph, gathered before rendering.

Articles link to entities and entities back to articles, so every page
needs the complete picture; nothing is rendered until this is built.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from slugify import slugify

from generator.models import Dateline, Extraction, Mention, Quote, Sidecar
from generator.problems import Problem
from generator.read.register import Register, RegisterEntry

UNKNOWN_OUTLET = "Unknown outlet"  # the one label pages print for an article whose outlet is not known

ARTICLES_DIR = "archive/articles"
ACTORS_DIR = "archive/actors"
BASES_DIR = "archive/bases"
SLUG_MAX = 60


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


def _stated_date(ex: Extraction) -> dt.date | None:
    if ex.date is not None and ex.date_precision == "month":
        return MonthDate(ex.date.year, ex.date.month, 1)
    return ex.date


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


@dataclass
class Entity:
    name: str
    kind: str  # "actor" | "base"
    type: str  # person | organization | base
    path: str
    entry: RegisterEntry | None
    aliases: set[str] = field(default_factory=set)
    mentions: list[tuple[Article, Mention]] = field(default_factory=list)
    quotes: list[tuple[Article, Quote]] = field(default_factory=list)

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


@dataclass
class Archive:
    articles: list[Article]
    actors: dict[str, Entity]
    bases: dict[str, Entity]
    # Filled by insights.enrich(): statements by speaker (None = unattributed),
    # the statement each quote belongs to, and related coverage per article.
    statements: dict = field(default_factory=dict)
    statement_of: dict = field(default_factory=dict)
    related: dict = field(default_factory=dict)

    @property
    def span(self) -> tuple[dt.date, dt.date] | None:
        """First and last publication date in the archive (charts share this span)."""
        dates = [a.date for a in self.articles if a.date]
        return (min(dates), max(dates)) if dates else None

    def entity(self, kind: str, name: str) -> Entity | None:
        return (self.actors if kind == "actor" else self.bases).get(name)

    @property
    def sources(self) -> list[tuple[str, list[Article]]]:
        by_source: dict[str, list[Article]] = defaultdict(list)
        for a in self.articles:
            by_source[a.source or UNKNOWN_OUTLET].append(a)
        return sorted(by_source.items(), key=lambda kv: (-len(kv[1]), kv[0].lower()))

    @property
    def quotes(self) -> list[tuple[Article, Quote]]:
        return [(a, q) for a in self.articles for q in a.quotes]


def _unique_path(directory: str, base: str, taken: set[str]) -> str:
    slug = slugify(base, max_length=SLUG_MAX, word_boundary=True) or "untitled"
    path = f"{directory}/{slug}.md"
    n = 2
    while path in taken:
        path = f"{directory}/{slug}-{n}.md"
        n += 1
    taken.add(path)
    return path


SHORT_HASH = 6  # hex digits of the seed name's hash in an article's URL


def article_path(stem: str, title: str, digits: int = SHORT_HASH) -> str:
    """Title words for readers plus a hash of the seed's file name for stability.

    Two articles with the same title never share a URL (see `unique_article_paths` for the rare
    pair whose short hashes collide), and an article's URL does not move when another article
    appears or disappears.
    """
    slug = slugify(title, max_length=SLUG_MAX, word_boundary=True) or "article"
    return f"{ARTICLES_DIR}/{slug}-{hashlib.sha1(stem.encode()).hexdigest()[:digits]}.md"


def unique_article_paths(articles: list[Article]) -> list[Article]:
    """Every article at a URL of its own. When the short hashes of two seed names collide under the
    same title, the first seed name (in sorted order) keeps its URL, so an existing page does not
    move, and each other takes the full 40-digit hash of its name, which differs for different names;
    a numbered suffix covers the case of a full-hash collision too."""
    by_path: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        by_path[a.path].append(a)
    taken = set(by_path)
    moved: dict[str, Article] = {}
    for path, group in by_path.items():
        for a in sorted(group, key=lambda a: a.stem)[1:]:
            new, n = article_path(a.stem, a.title, digits=40), 2
            while new in taken:
                new, n = f"{article_path(a.stem, a.title, digits=40)[:-3]}-{n}.md", n + 1
            taken.add(new)
            moved[a.stem] = dataclasses.replace(a, path=new)
    return [moved.get(a.stem, a) for a in articles]


def make_article(stem: str, ex: Extraction, sidecar: Sidecar | None) -> Article:
    """Apply the editor's sidecar on top of what extraction found."""
    sc = sidecar or Sidecar()
    title = sc.title or ex.title or stem
    dateline = ex.dateline
    if sc.dateline_place or sc.dateline_agency:
        dateline = Dateline(sc.dateline_place, sc.dateline_agency)
    source = sc.source or ex.outlet or (dateline.agency if dateline else None)
    return Article(
        stem=stem,
        path=article_path(stem, title),
        title=title,
        date=sc.date or _stated_date(ex),
        dateline=dateline,
        source=source,
        url=sc.url,
        paragraphs=ex.paragraphs,
        captions=ex.captions,
        actors=ex.actors,
        bases=ex.bases,
        quotes=ex.quotes,
    )


def build_archive(articles: list[Article], register: Register) -> Archive:
    articles = sorted(unique_article_paths(articles), key=lambda a: a.sort_key)
    taken: set[str] = {f"{ACTORS_DIR}/index.md", f"{BASES_DIR}/index.md"}
    groups: dict[str, dict[str, Entity]] = {"actor": {}, "base": {}}
    # Entity paths are assigned in name order so they do not depend on article order.
    found: dict[tuple[str, str], str] = {}
    for a in articles:
        for kind, mentions in (("actor", a.actors), ("base", a.bases)):
            for m in mentions:
                found.setdefault((kind, m.name), m.type)
    type_votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for a in articles:
        for m in a.actors:
            type_votes[("actor", m.name)][m.type] += 1
    for (kind, name), typ in sorted(found.items(), key=lambda kv: (kv[0][0], kv[0][1].lower(), kv[0][1])):
        entry = register.find(name, kind)
        if entry is not None and entry.name != name:
            entry = None
        if kind == "actor":
            typ = entry.type if entry else type_votes[(kind, name)].most_common(1)[0][0]
        directory = ACTORS_DIR if kind == "actor" else BASES_DIR
        groups[kind][name] = Entity(name, kind, typ, _unique_path(directory, name, taken), entry)
    for a in articles:
        for kind, mentions in (("actor", a.actors), ("base", a.bases)):
            for m in mentions:
                ent = groups[kind][m.name]
                ent.mentions.append((a, m))
                ent.aliases.update(m.aliases)
        for q in a.quotes:
            if q.speaker and q.speaker in groups["actor"]:
                groups["actor"][q.speaker].quotes.append((a, q))
    return Archive(articles, groups["actor"], groups["base"])


# At most this many new, unregistered actors and bases whose only evidence is weak (a capitalised
# name, a repetition, a possessive) may come from one article; a real briefing names fewer than ten
# (the seeds and real articles: at most 8). The rest are held back for `review`, with a warning
# naming the file: a list of thousands of names must not flood the archive with pages. A registered
# name, or one with strong evidence (a title, a verb of saying, a quote, another article), is never capped.
NEW_PER_ARTICLE = 100
STRONG_EVIDENCE = frozenset({"register", "title", "speaks", "quoted", "government", "army", "acronym", "archive"})


def _weak_and_new(m: Mention, elsewhere: Counter) -> bool:
    return not m.registered and not (STRONG_EVIDENCE & set(m.evidence)) and elsewhere[m.name] <= 1


def cap_new_entities(extractions: dict[str, Extraction], labels: dict[str, str]) -> tuple[dict, list]:
    """Hold back, per article, the weak new entities beyond NEW_PER_ARTICLE (in reading order):
    `labels` maps each stem to the file name used in the warning."""
    named_in: Counter = Counter()
    for ex in extractions.values():
        named_in.update({m.name for m in (*ex.actors, *ex.bases)})
    out, problems = {}, []
    for stem, ex in extractions.items():
        budget, kept, held = NEW_PER_ARTICLE, {"actors": [], "bases": []}, []
        for attr in ("actors", "bases"):
            for m in getattr(ex, attr):
                if _weak_and_new(m, named_in):
                    if budget <= 0:
                        held.append(m)
                        continue
                    budget -= 1
                kept[attr].append(m)
        if not held:
            out[stem] = ex
            continue
        out[stem] = replace(ex, actors=tuple(kept["actors"]), bases=tuple(kept["bases"]), held=ex.held + tuple(held))
        problems.append(Problem(labels.get(stem, stem), f"names {NEW_PER_ARTICLE + len(held)} new actors and bases "
                                f"without evidence; kept the first {NEW_PER_ARTICLE}, held back {len(held)} "
                                "(no pages; add the ones that matter to the register)",
                                severity="warning"))
    return out, problems
