"""Time the generator's stages in one process, on one core, for the benchmark.

    python benchmarks/stages.py --root PROJECT [--sample 1000]

Prints one JSON object: seconds per stage and the per-core rates of
extraction (articles/s, serial, no cache) and rendering (pages/s). The
extraction rate is measured on at most --sample articles so the 10,000
run stays short; rendering always covers the whole archive.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

if importlib.util.find_spec("generator") is None:  # not installed: use this checkout
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.index.archive import build_archive, make_article  # noqa: E402
from generator.extract import extract  # noqa: E402
from generator.speed.extraction_cache import ExtractionCache, extract_all, hints_for  # noqa: E402
from generator.read.seeds import read_seeds  # noqa: E402
from generator.read.register import load_register  # noqa: E402
from generator.render.pages import render_site  # noqa: E402
from generator.index.resolve import resolve_archive  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", type=Path, required=True)
    ap.add_argument("--sample", type=int, default=1000)
    ap.add_argument("--no-render", action="store_true", help="time extraction only (large archives)")
    args = ap.parse_args()
    out: dict[str, float] = {}
    t = time.perf_counter()
    register, _ = load_register(args.root / "register.yml")
    out["register_s"] = time.perf_counter() - t
    t = time.perf_counter()
    seeds, _ = read_seeds(args.root / "seeds")
    out["read_s"] = time.perf_counter() - t
    sample = seeds[: args.sample]
    t = time.perf_counter()
    for s in sample:
        extract(s.text, register, hints_for(s))
    out["extract_sample_s"] = time.perf_counter() - t
    out["extract_per_core"] = len(sample) / out["extract_sample_s"]
    if args.no_render:
        print(json.dumps(out))
        return
    # The rest of the pipeline on the whole archive, extractions from the build's cache.
    extractions, _ = extract_all(seeds, register, ExtractionCache(args.root / ".cache" / "extractions.pickle"),
                                 jobs=1, progress=False)
    t = time.perf_counter()
    resolved = resolve_archive(extractions)
    archive = build_archive([make_article(s.stem, resolved[s.stem], s.sidecar) for s in seeds], register)
    out["resolve_index_s"] = time.perf_counter() - t
    t = time.perf_counter()
    pages = render_site(archive)
    out["render_s"] = time.perf_counter() - t
    out["pages"] = len(pages)
    out["render_per_core"] = len(pages) / out["render_s"]
    out["articles_rendered_per_core"] = len(seeds) / out["render_s"]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
