"""Event clustering against the synthetic corpus's truth: pairwise precision and recall.

The corpus (corpus.py) composes stories, each one attack carried by one to four outlets, and writes
which article tells which story beside the seeds (`corpus.truth_file`). Two articles are a true
pair when they tell the same story, a predicted pair when their reports of an attack are in the
same event. Precision: predicted pairs that are true; recall: true pairs that were predicted.

    python benchmarks/events_quality.py --n 1000 [--workdir DIR]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

if importlib.util.find_spec("generator") is None:  # not installed: use this checkout
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import synthesise, truth_file  # noqa: E402

from generator.models import ATTACK, Archive  # noqa: E402


def _pairs(sizes) -> int:
    return sum(n * (n - 1) // 2 for n in sizes)


def pairwise(predicted: dict[str, str], truth: dict[str, int]) -> tuple[float, float, int, int]:
    """(precision, recall, predicted pairs, true pairs) of two labelings of the same articles."""
    stems = [s for s in truth if s in predicted]
    pred = _pairs(Counter(predicted[s] for s in stems).values())
    true = _pairs(Counter(truth[s] for s in stems).values())
    both = _pairs(Counter((predicted[s], truth[s]) for s in stems).values())
    return (both / pred if pred else 1.0), (both / true if true else 1.0), pred, true


def attack_labels(archive: Archive) -> dict[str, str]:
    """Each article's label: the attack event it reports (its own stem when it reports none)."""
    out = {a.stem: f"alone:{a.stem}" for a in archive.articles}
    for e in archive.events:
        if e.type != ATTACK:
            continue
        for r in e.reports:
            out[r.article.stem] = out[r.article.stem] if not out[r.article.stem].startswith("alone:") else e.id
    return out


def score_project(root: Path) -> dict:
    from generator import pipeline
    from generator.project import Project

    project = Project(root=root)
    started = time.perf_counter()
    built = pipeline.run(project, render=False)
    seconds = time.perf_counter() - started
    truth = json.loads(truth_file(project.seeds_dir).read_text(encoding="utf-8"))
    labels = attack_labels(built.archive)
    p, r, pred, true = pairwise(labels, truth)
    return {"articles": len(built.archive.articles), "events": len(built.archive.events), "precision": p,
            "recall": r, "predicted_pairs": pred, "true_pairs": true, "pipeline_s": seconds}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--workdir", type=Path)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.workdir or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        (root / "register.yml").write_text((Path(__file__).resolve().parent.parent / "register.yml").read_text())
        synthesise(args.n, root / "seeds")
        print(json.dumps(score_project(root)))


if __name__ == "__main__":
    main()
