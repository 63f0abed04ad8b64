"""What the archive says beyond single articles: statements, related coverage, co-mentions.

Computed once after the graph is built (the index stage) and read by the
templates; nothing here touches the disk.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from generator.models import Archive, Article, Entity
from generator.index.related import Vectors, related_articles
from generator.index.statements import group_each

# First match wins, so the specific relations come before "attacked",
# which most sentences about a base also contain ("condemned attacks on").
_EVENT_VERBS = [
    ("claimed", r"claim"),
    ("condemned", r"condemn|denounc|decr(?:y|ie)|criticis|criticiz|reject"),
    ("visited", r"visit|tour|arriv"),
    ("defended", r"intercept|repel|shot down|defen[cd]"),
    ("attacked", r"attack|target|strik|struck|hit|shell|launch|fired|rocket|drone|bomb|assault"),
]
_EVENT_PATTERNS = [(label, re.compile(rf"\b(?:{rx})", re.IGNORECASE)) for label, rx in _EVENT_VERBS]


def statements_and_related(articles: tuple[Article, ...], grouping=group_each, relating=related_articles,
                           word_vectors=Vectors, then=None) -> tuple[dict, dict, dict, object]:
    """Statements by speaker (None: unattributed), the statement each (stem, quote) belongs to,
    related coverage per article (quotes that several articles carry make those articles related),
    and what `then(statement_of)` returns (None without it).

    `grouping` is statements.py `group_each`, `relating` related.py `related_articles` and
    `word_vectors` related.py `Vectors`, or steps that give the same (speed/). The word vectors do
    not depend on the statements, and `then` (the rest of the index stage that reads them: the
    events) not on related coverage: each is handed to the step before it as `meanwhile`, which a
    speed-up runs while its workers work (the plain steps run it first)."""
    quotes_by_speaker: dict = defaultdict(list)
    for article in articles:
        for q in article.quotes:
            quotes_by_speaker[q.speaker].append((article, q))
    statements = {}
    statement_of = {}
    speakers = sorted(quotes_by_speaker, key=lambda s: (s is None, s or ""))
    vectors: list = []
    grouped = grouping([quotes_by_speaker[s] for s in speakers],
                       meanwhile=lambda: vectors.append(word_vectors(articles)))
    for speaker, groups in zip(speakers, grouped):
        statements[speaker] = groups
        for st in groups:
            for v in st.versions:
                statement_of[(v.article.stem, v.quote)] = st
    found: list = []
    after = (lambda: found.append(then(statement_of))) if then is not None else None
    related = relating(articles, shared_statements(statements), vectors=vectors[0], meanwhile=after)
    return statements, statement_of, related, found[0] if found else None


def shared_statements(statements: dict) -> dict[str, set[str]]:
    """Each article's stem -> the stems of the other articles carrying one of its statements (what
    related coverage counts as the strongest evidence), from the statements by speaker."""
    shared: dict[str, set[str]] = defaultdict(set)
    for groups in statements.values():
        for st in groups:
            stems = {v.article.stem for v in st.versions}
            for stem in stems:
                shared[stem] |= stems - {stem}
    return shared


# An article naming more actors and bases than this (a list of names, a roll of casualties) says
# nothing about who appears with whom, and counting its pairs would cost the square of its length
# for every entity page: it is left out of "appears with", which then costs at most CROWDED per
# mention (near-linear in mentions, whatever one article holds).
CROWDED = 60


def crowded(article: Article) -> bool:
    return len(article.actors) + len(article.bases) > CROWDED


def appears_with(archive: Archive, entity: Entity) -> list[tuple[Entity, int]]:
    """Actors and bases mentioned in the same articles, most shared first, with counts
    (crowded articles excluded: see CROWDED)."""
    counts: Counter = Counter()
    for article, _ in entity.mentions:
        if crowded(article):
            continue
        for m in article.actors:
            counts[("actor", m.name)] += 1
        for m in article.bases:
            counts[("base", m.name)] += 1
    counts.pop((entity.kind, entity.name), None)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][1].lower()))
    out = []
    for (kind, name), n in ranked:
        other = archive.entity(kind, name)
        if other is not None:
            out.append((other, n))
    return out


RELATION_REACH = 120  # how far after the actor's name a verb still counts as the actor's action


def _relation(sentence: str, forms: tuple[str, ...]) -> str:
    """What the actor did to the base, judged from the verbs shortly after its name."""
    positions = [(sentence.find(f), f) for f in forms if f and f in sentence]
    if not positions:
        return "mentioned with"
    at, form = min(positions)
    window = sentence[at + len(form): at + len(form) + RELATION_REACH]
    return next((label for label, rx in _EVENT_PATTERNS if rx.search(window)), "mentioned with")


def base_events(archive: Archive, base: Entity, mentions=None) -> list[dict]:
    """Actors linked to a base by a sentence that names both, with the relation the sentence suggests,
    in the order of the base's mentions (newest first); `mentions`: only these (a year's or a month's)."""
    rows = []
    for article, mention in base.mentions if mentions is None else mentions:
        base_sentences = set(mention.sentences)
        for actor_mention in article.actors:
            actor = archive.actors.get(actor_mention.name)
            if actor is None:
                continue
            for sentence in actor_mention.sentences:
                if sentence in base_sentences:
                    relation = _relation(sentence, (actor_mention.name, *actor_mention.aliases))
                    rows.append({"actor": actor, "relation": relation, "article": article, "sentence": sentence})
                    break
    return rows
