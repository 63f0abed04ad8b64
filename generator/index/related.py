"""Related coverage: other articles about the same event.

Two articles are about the same event when they were published within a
few days of each other and they share what makes the event: its actors
and bases (weighted by rarity, so "US government" counts for little), its
wording (TF-IDF cosine of the texts) and, strongest of all, a statement
both of them quote. Undated articles need stronger evidence.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from generator.models import Article

WINDOW_DAYS = 7
MAX_RELATED = 6
MAX_CANDIDATES = 40
VECTOR_TERMS = 60  # an article's most distinctive words are enough to compare wording
THRESHOLD_DATED = 0.30
THRESHOLD_UNDATED = 0.45
_WORD = re.compile(r"[^\W\d_]{3,}")
# Too common to say anything about an event.
_STOPWORDS = frozenset(
    "the and for that with from this have has had was were are been its their they them which who whom what "
    "when where while said says also not but after before over into about than other more most some such "
    "would could should will may might can one two three four five six seven eight nine ten his her him she "
    "our out all any there these those then upon under between against during without within across".split()
)


@dataclass(frozen=True)
class Related:
    article: Article
    score: float
    shared: tuple[str, ...]  # entity names both mention, rarest first
    same_quote: bool


def word_counts(article: Article) -> Counter:
    text = " ".join((article.title, *article.paragraphs)).lower()
    counts = Counter(_WORD.findall(text))  # counted in C, then the stopwords dropped: the same order
    for stopword in _STOPWORDS.intersection(counts):
        del counts[stopword]
    return counts


class Vectors:
    """Each article's word vector (its most distinctive terms, weighted by TF-IDF over the whole
    archive), worked out when first asked for: finding one article's related coverage needs only
    its own and its candidates' (`fill` works out every one, before work is shared out)."""

    def __init__(self, articles: list[Article], terms=word_counts) -> None:
        self.counts = {a.stem: terms(a) for a in articles}
        df: Counter = Counter()
        for c in self.counts.values():
            df.update(c.keys())
        n = len(articles)
        self.idf = {t: math.log((1 + n) / (1 + d)) for t, d in df.items()}  # once a term, not once an article
        self.tf: dict[int, float] = {}
        self.known: dict[str, dict[str, float]] = {}

    def __getitem__(self, stem: str) -> dict[str, float]:
        vec = self.known.get(stem)
        if vec is None:
            vec = self.known[stem] = self._vector(self.counts[stem])
        return vec

    def _vector(self, c: Counter) -> dict[str, float]:
        tf, idf = self.tf, self.idf
        vec = {t: (tf.get(k) or tf.setdefault(k, 1 + math.log(k))) * idf[t] for t, k in c.items()}
        if len(vec) > VECTOR_TERMS:
            vec = dict(sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:VECTOR_TERMS])
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}

    def fill(self) -> None:
        for stem in self.counts:
            self[stem]


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum([v * b[t] for t, v in a.items() if t in b])  # the same sum: a term b lacks adds 0.0


@dataclass(frozen=True)
class Neighbourhood:
    """What finding one article's related coverage reads, worked out once for the whole archive."""

    entities: dict[str, set]  # stem -> its ("a"/"b", name) entities
    idf: dict[tuple, float]  # entity -> rarity
    by_entity: dict[tuple, list[str]]  # entity -> stems naming it
    common_cap: int  # entities in more articles than this do not propose candidates
    by_stem: dict[str, Article]
    vectors: Vectors
    weight: dict[str, float]  # stem -> the rarity of all it names
    shared_statements: dict[str, set[str]]


def neighbourhood(articles: list[Article], shared_statements: dict[str, set[str]], terms=word_counts,
                  vectors: Vectors | None = None) -> Neighbourhood:
    """`terms` gives an article's word counts (`word_counts`, or a step that gives the same: speed/memo.py);
    `vectors`, the articles' `Vectors` when they are worked out already (they do not depend on the
    statements: speed/pools.py works them out while the statements are grouped)."""
    entities = {a.stem: {("a", m.name) for m in a.actors} | {("b", m.name) for m in a.bases} for a in articles}
    df: Counter = Counter()
    for ents in entities.values():
        df.update(ents)
    n = max(len(articles), 1)
    idf = {e: math.log((1 + n) / df[e]) for e in df}
    by_entity: dict[tuple, list[str]] = defaultdict(list)
    for a in articles:
        for e in entities[a.stem]:
            by_entity[e].append(a.stem)
    weight = {stem: sum(idf[e] for e in ents) or 1.0 for stem, ents in entities.items()}
    return Neighbourhood(entities, idf, by_entity, max(50, n // 100), {a.stem: a for a in articles},
                         vectors if vectors is not None else Vectors(articles, terms), weight, shared_statements)


def related_to(a: Article, near: Neighbourhood) -> list[Related]:
    """One article's related coverage, best first."""
    entities, idf, shared_statements = near.entities, near.idf, near.shared_statements
    weights: dict[str, float] = {}
    weight_of = weights.get
    for e in entities[a.stem]:
        naming = near.by_entity[e]
        if len(naming) <= near.common_cap:
            rarity = idf[e]
            for other in naming:
                weights[other] = weight_of(other, 0) + rarity
    weights.pop(a.stem, None)  # not its own candidate
    for other in shared_statements.get(a.stem, ()):
        weights[other] = weight_of(other, 0) + 100.0  # always a candidate
    own_weight = near.weight[a.stem]
    found = []
    for other_stem, _ in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]:
        b = near.by_stem[other_stem]
        if a.date and b.date and abs((a.date - b.date).days) > WINDOW_DAYS:
            continue
        shared = entities[a.stem] & entities[b.stem]
        entity_score = sum(idf[e] for e in shared) / min(own_weight, near.weight[other_stem])
        same_quote = other_stem in shared_statements.get(a.stem, ())
        score = 0.5 * min(entity_score, 1.0) + 0.5 * _cosine(near.vectors[a.stem], near.vectors[b.stem])
        score += 0.5 if same_quote else 0.0
        threshold = THRESHOLD_DATED if a.date and b.date else THRESHOLD_UNDATED
        if score >= threshold:
            names = tuple(name for _, name in sorted(shared, key=lambda e: (-idf[e], e[1])))
            found.append(Related(b, round(score, 6), names, same_quote))
    found.sort(key=lambda r: (-r.score, r.article.sort_key))
    return found[:MAX_RELATED]


def related_articles(articles: list[Article], shared_statements: dict[str, set[str]],
                     vectors: Vectors | None = None, meanwhile=None) -> dict[str, list[Related]]:
    """For each article stem, the related articles, best first.

    `shared_statements` maps a stem to the stems of articles carrying one of
    its statements (from statements.group_statements); `vectors`, the
    articles' `Vectors` if they are worked out already. Each article's answer
    depends only on the neighbourhood, so a speed-up may find them in parts
    (speed/pools.py `parallel_related`). `meanwhile`, when given, is another
    part of the index stage, run once: here first, by a speed-up while its
    workers find related coverage.
    """
    if meanwhile is not None:
        meanwhile()
    near = neighbourhood(articles, shared_statements, vectors=vectors)
    return {a.stem: related_to(a, near) for a in articles}
