#!/usr/bin/env python3
"""Read the extractor's output on real text that has no gold: list it, compare two runs, check dates.

The gold sets (`make quality`) say how well the extractor does on what was annotated; an audit
says what it does to text nobody annotated, from outlets and stories it was not written for. Its
input is the extract contract (`python -m generator extract --json FILES... > run.json`, see
`../shared/eval/README.md`), so any checkout can produce a run (PYTHONPATH=<checkout>, the same
`--register`) and the texts stay where they are: nothing of a corpus is copied here.

    python benchmarks/audit.py run.json                      # one line per article: actors, bases
    python benchmarks/audit.py after.json --compare before.json
    python benchmarks/audit.py run.json --dates gold.json    # {"FILE": "YYYY-MM-DD"} or htmldate's
                                                             # {"URL": {"file": F, "date": D}}

`--compare` prints, per article, the actors gone, new and retyped, the bases gone and new and the
quotes whose speaker changed, then the totals and every distinct change of speaker (old -> new,
how many quotes): the list a reader goes through, in the articles, to tell fixes from damage.
`--dates` counts the dates that are the gold one, missing or another, and lists the others.
The forty-third session's audits (README, "Extraction quality") were made this way.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path


def load_run(path: Path) -> dict[str, dict]:
    """A run's articles by file name (the contract's `file`, its last part)."""
    return {Path(item["file"]).name: item for item in json.loads(path.read_text(encoding="utf-8"))}


def _actors(item: dict) -> dict[str, str]:
    return {a["name"]: a.get("type", "") for a in item.get("actors") or ()}


def _bases(item: dict) -> set[str]:
    return {b["name"] for b in item.get("bases") or ()}


def _speakers(item: dict) -> dict[str, str | None]:
    return {q.get("text") or q.get("text_start") or "": q.get("speaker") for q in item.get("quotes") or ()}


def compare(after: dict[str, dict], before: dict[str, dict]) -> tuple[list[str], Counter, Counter]:
    """(lines per article, totals, distinct speaker changes) between two runs of the same files."""
    lines: list[str] = []
    totals: Counter = Counter()
    moves: Counter = Counter()
    for name in sorted(set(after) & set(before)):
        new_a, old_a = _actors(after[name]), _actors(before[name])
        gone = sorted(set(old_a) - set(new_a))
        added = sorted(set(new_a) - set(old_a))
        retyped = sorted(n for n in set(old_a) & set(new_a) if old_a[n] != new_a[n])
        bases_gone = sorted(_bases(before[name]) - _bases(after[name]))
        bases_new = sorted(_bases(after[name]) - _bases(before[name]))
        old_q, new_q = _speakers(before[name]), _speakers(after[name])
        changed = [(t, old_q[t], new_q[t]) for t in old_q if t in new_q and old_q[t] != new_q[t]]
        out = []
        if gone:
            out.append("  actors gone: " + "; ".join(f"{n} [{old_a[n]}]" for n in gone))
        if added:
            out.append("  actors new: " + "; ".join(f"{n} [{new_a[n]}]" for n in added))
        if retyped:
            out.append("  retyped: " + "; ".join(f"{n} {old_a[n]} -> {new_a[n]}" for n in retyped))
        if bases_gone or bases_new:
            out.append(f"  bases: gone {bases_gone or '-'}, new {bases_new or '-'}")
        for text, old, new in changed:
            out.append(f"  speaker: {old} -> {new}: {text[:60]!r}")
            moves[(old, new)] += 1
        if out:
            lines += [name, *out]
        totals.update({"actors gone": len(gone), "actors new": len(added), "actors retyped": len(retyped),
                       "bases gone": len(bases_gone), "bases new": len(bases_new),
                       "quotes with another speaker": len(changed)})
    totals["articles"] = len(set(after) & set(before))
    return lines, totals, moves


def load_gold_dates(path: Path) -> dict[str, str]:
    """{file: date} from either form `--dates` takes."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out = {}
    for key, value in data.items():
        if isinstance(value, dict):
            out[Path(value["file"]).name] = value.get("date")
        else:
            out[Path(key).name] = value
    return out


def check_dates(run: dict[str, dict], gold: dict[str, str]) -> tuple[Counter, list[str]]:
    """(right / none / wrong counts, one line per wrong date) for the articles the gold knows."""
    counts: Counter = Counter()
    wrong: list[str] = []
    for name in sorted(set(run) & set(gold)):
        ours = run[name].get("date")
        if not ours:
            counts["none"] += 1
        elif ours == gold[name]:
            counts["right"] += 1
        else:
            counts["wrong"] += 1
            wrong.append(f"{name}: {ours} (gold {gold[name]})")
    return counts, wrong


def listing(run: dict[str, dict]) -> list[str]:
    return [f"{name} | " + "; ".join(f"{n} [{t[:3]}]" for n, t in _actors(item).items())
            + " | bases: " + "; ".join(sorted(_bases(item))) for name, item in sorted(run.items())]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("run", type=Path, help="`python -m generator extract --json` output")
    ap.add_argument("--compare", type=Path, metavar="BEFORE", help="another run of the same files")
    ap.add_argument("--dates", type=Path, metavar="GOLD", help="gold publication dates by file")
    args = ap.parse_args(argv)
    run = load_run(args.run)
    if args.compare:
        lines, totals, moves = compare(run, load_run(args.compare))
        print("\n".join(lines))
        print(", ".join(f"{k} {v}" for k, v in totals.items()))
        for (old, new), n in moves.most_common():
            print(f"{n:4d}  {old} -> {new}")
    if args.dates:
        counts, wrong = check_dates(run, load_gold_dates(args.dates))
        print("\n".join(wrong))
        print(f"dates: {counts['right']} right, {counts['none']} none, {counts['wrong']} another")
    if not args.compare and not args.dates:
        print("\n".join(listing(run)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
