"""Time the generator's stages in one process, on one core, for the benchmark.

    python benchmarks/stages.py --root PROJECT [--sample 1000]

Prints one JSON object: seconds per stage and the per-core rates of
extraction (articles/s, serial, no cache) and rendering (pages/s). The
stages are the build's own (generator/pipeline.py `run`), so what is timed
is what a build does; extractions come from the build's cache (the
extraction rate is measured apart, on at most --sample articles, so the
10,000 run stays short) and nothing runs on a second core.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from contextlib import contextmanager
from pathlib import Path

if importlib.util.find_spec("generator") is None:  # not installed: use this checkout
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator import pipeline  # noqa: E402
from generator.extract import extract, hints_for  # noqa: E402
from generator.project import Project  # noqa: E402
from generator.read import read_register, read_seeds  # noqa: E402
from generator.speed.extraction_cache import cached_extraction  # noqa: E402
from generator.index.events import build_events  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import truth_file  # noqa: E402
from events_quality import attack_labels, pairwise  # noqa: E402


class StageClock:
    """The `stage` argument of pipeline.run: seconds per stage."""

    def __init__(self):
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, name: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = time.perf_counter() - started


def events(built, register, project: Project, out: dict) -> None:
    """The events stage alone (part of the index stage), and its clustering against the corpus's
    stories when the seeds came from corpus.py (its truth file beside the seeds)."""
    archive = built.archive
    started = time.perf_counter()
    found, _ = build_events(archive.articles, register, None, archive.statement_of)
    out["events_s"] = time.perf_counter() - started
    out["events"] = len(found)
    truth = truth_file(project.seeds_dir)
    if truth.exists():
        p, r, pred, true = pairwise(attack_labels(archive), json.loads(truth.read_text(encoding="utf-8")))
        out.update(events_precision=p, events_recall=r, events_true_pairs=true, events_predicted_pairs=pred)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", type=Path, required=True)
    ap.add_argument("--sample", type=int, default=1000)
    ap.add_argument("--no-render", action="store_true", help="time extraction only (large archives)")
    args = ap.parse_args()
    project = Project(root=args.root)
    out: dict[str, float] = {}
    register, _ = read_register(project.register_file)
    seeds, _ = read_seeds(project.seeds_dir)
    sample = seeds[: args.sample]
    t = time.perf_counter()
    for s in sample:
        extract(s.text, register, hints_for(s))
    out["extract_sample_s"] = time.perf_counter() - t
    out["extract_per_core"] = len(sample) / out["extract_sample_s"]
    clock = StageClock()
    steps = pipeline.Steps(extract=cached_extraction(project.cache_file, jobs=1))  # the build's cache, one core
    built = pipeline.run(project, steps, clock, render=not args.no_render)
    out["read_s"] = clock.seconds["read"]
    out["resolve_index_s"] = clock.seconds["index"]  # resolve, the graph, statements, related coverage, events
    events(built, register, project, out)
    if args.no_render:
        print(json.dumps(out))
        return
    out["render_s"] = clock.seconds["render"]
    out["pages"] = len(built.pages)
    out["render_per_core"] = len(built.pages) / out["render_s"]
    out["articles_rendered_per_core"] = len(seeds) / out["render_s"]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
