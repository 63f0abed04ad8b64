"""Measure statement grouping on a synthetic corpus: sizes, spans, quality, and what +10 articles touch.

    PYTHONPATH=. python benchmarks/statements.py --n 10000 --workdir /tmp/stmt10k

Synthesises n+10 articles (benchmarks/corpus.py, with each article's story), extracts them once
(the extraction cache lives in the workdir, so a second run, or a run of another checkout of the
generator on the same workdir, starts at once), and indexes the first n and then all n+10. Prints:

- statements by number of carrying articles, and the time each spans (first to last report);
- the largest statements, and which rule joined quotes of different stories inside them
  (words contained in order, or most words shared);
- pairwise precision and recall of statements against the corpus's truth (one story's one quote),
  counted over pairs of versions by the same speaker;
- how many article and entity units the incremental render renders again after the 10 are added
  (generator/speed/incremental.py's digests, computed the same way), and why: the units whose
  statements changed.

The generator measured is whichever `generator` package is first on PYTHONPATH.
"""
from __future__ import annotations

import argparse
import pickle
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import synthesise  # noqa: E402

from generator.extract.corrections import apply_all  # noqa: E402
from generator.index import index_archive  # noqa: E402
from generator.index import statements as S  # noqa: E402
from generator.read import read_register, read_seeds  # noqa: E402
from generator.speed.extraction_cache import cached_extraction  # noqa: E402
from generator.speed.incremental import _Keys, _units  # noqa: E402

ROOT = HERE.parent


def corpus(workdir: Path, n: int, add: int) -> dict:
    """The n+add articles (synthesised once) and each stem's (story number, story quotes)."""
    seeds, truth_file = workdir / "seeds", workdir / "stories.pickle"
    if not truth_file.exists():
        stories: dict = {}
        synthesise(n + add, seeds, stories=stories)
        truth = {stem: (number, tuple(story.quotes), tuple(s[0] for s in story.speakers))
                 for stem, (number, story) in stories.items()}
        truth_file.write_bytes(pickle.dumps(truth))
    return pickle.loads(truth_file.read_bytes())


def label(words: tuple[str, ...], story: tuple) -> tuple:
    """Which of its story's quotes a quote reproduces (in order, or most of its words), else 'other'."""
    number, quotes, _ = story
    s = set(words)
    best, score = "other", 0.0
    for j, q in enumerate(quotes):
        qw = S.words(q)
        if S._contains(qw, words):
            return (number, j)
        overlap = len(s & set(qw)) / max(len(s), 1)
        if overlap > score:
            best, score = j, overlap
    return (number, best) if score >= 0.8 else (number, "other")


def pairs(counter: Counter) -> int:
    return sum(k * (k - 1) // 2 for k in counter.values())


def reason(a, b) -> str:
    """Which rule of statements._same joins two versions."""
    wa, wb = S.words(a.quote.text), S.words(b.quote.text)
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if set(short) <= set(long) and S._contains(long, short):
        return "contained" if len(short) >= S.FRAGMENT_WORDS else "fragment"
    return "shared words"


def measure(archive, truth: dict, top: int = 8) -> dict:
    groups = [st for sts in archive.statements.values() for st in sts]
    carriers = [len(st.reports) for st in groups]
    spans = []
    for st in groups:
        dates = [v.article.date for v in st.versions if v.article.date]
        spans.append((max(dates) - min(dates)).days if dates else 0)
    buckets = Counter()
    for c in carriers:
        buckets[next(b for b in (1, 2, 5, 10, 50, 100, 1000, 10 ** 9) if c <= b)] += 1
    span_buckets = Counter(next(b for b in (0, 7, 30, 60, 90, 180, 365, 10 ** 9) if s <= b) for s in spans)
    # truth vs statements, over pairs of versions with the same speaker
    cells, by_statement, by_label = Counter(), Counter(), Counter()
    for k, st in enumerate(groups):
        for v in st.versions:
            lab = (st.speaker, label(S.words(v.quote.text), truth[v.article.stem]))
            cells[(k, lab)] += 1
            by_statement[k] += 1
            by_label[lab] += 1
    tp = pairs(cells)
    precision = tp / max(pairs(by_statement), 1)
    recall = tp / max(pairs(by_label), 1)
    biggest = sorted(range(len(groups)), key=lambda k: -carriers[k])[:top]
    rows = []
    for k in biggest:
        st = groups[k]
        stories = {truth[v.article.stem][0] for v in st.versions}
        why = Counter()
        versions = st.versions
        # the joins that cross stories: between each version and the members of other stories close to it
        for i, a in enumerate(versions):
            for b in versions[i + 1:i + 40]:
                if truth[a.article.stem][0] != truth[b.article.stem][0] and S.same_statement(a, b):
                    why[reason(a, b)] += 1
        rows.append({"speaker": st.speaker, "carriers": carriers[k], "span_days": spans[k],
                     "stories": len(stories), "cross_story_joins": dict(why),
                     "example": [v.quote.text[:90] for v in versions[:2]]})
    return {
        "statements": len(groups), "versions": sum(by_statement.values()),
        "carriers_max": max(carriers, default=0),
        "carriers_buckets": dict(sorted(buckets.items())), "span_buckets": dict(sorted(span_buckets.items())),
        "span_max": max(spans, default=0),
        "span_p99": sorted(spans)[int(0.99 * (len(spans) - 1))] if spans else 0,
        "multi_carrier_span_median": statistics.median([s for s, c in zip(spans, carriers) if c > 1] or [0]),
        "precision": precision, "recall": recall, "biggest": rows,
    }


def digests(archive) -> dict:
    keys = _Keys(archive)
    from generator.models import Article
    return {key: keys.article_unit(u) if isinstance(u, Article) else keys.entity_unit(u) for key, u in _units(archive)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--add", type=int, default=10)
    ap.add_argument("--workdir", type=Path, required=True)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    truth = corpus(args.workdir, args.n, args.add)
    register, _ = read_register(ROOT / "register.yml")
    seeds, _ = read_seeds(args.workdir / "seeds")
    seeds = sorted(seeds, key=lambda s: s.stem)
    extract = cached_extraction(args.workdir / ".cache" / "extractions.pickle", args.jobs, 200, False)
    extractions, _ = extract(seeds, register)
    extractions, _ = apply_all(seeds, extractions, register)
    old_seeds = seeds[:args.n]
    started = time.perf_counter()
    before, _ = index_archive(old_seeds, {s.stem: extractions[s.stem] for s in old_seeds}, register)
    index_s = time.perf_counter() - started
    after, _ = index_archive(seeds, extractions, register)
    m = measure(before, truth)
    print(f"generator: {S.__file__}")
    print(f"{args.n} articles: {m['statements']} statements over {m['versions']} quotes; index {index_s:.1f} s")
    print(f"  carriers (articles per statement) <=bucket: {m['carriers_buckets']}; max {m['carriers_max']}")
    print(f"  span days <=bucket: {m['span_buckets']}; max {m['span_max']}, p99 {m['span_p99']}, "
          f"median of multi-carrier {m['multi_carrier_span_median']}")
    print(f"  pairwise vs stories: precision {m['precision']:.3f}, recall {m['recall']:.3f}")
    for row in m["biggest"]:
        print(f"  {row['carriers']:5d} carriers, {row['span_days']:4d} days, {row['stories']:4d} stories, "
              f"{row['speaker']}: cross-story joins {row['cross_story_joins']}")
        for e in row["example"]:
            print(f"        {e!r}")
    d0, d1 = digests(before), digests(after)
    changed = [k for k in d1 if d0.get(k) != d1[k]]
    kinds = Counter(k.split(":", 1)[0] for k in changed)
    new = sum(1 for k in d1 if k not in d0)
    print(f"+{args.add} articles: {len(changed)} units rendered again ({dict(kinds)}; {new} new) of {len(d1)}")


if __name__ == "__main__":
    main()
