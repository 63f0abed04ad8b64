"""Extraction on generated worst cases: does any shape of text cost more than its length?

    python benchmarks/worst_cases.py            # 8 KB and 64 KB of each case (part of `make bench`)
    python benchmarks/worst_cases.py --sizes 8000 16000 32000 64000

Each case is text composed here (no article is copied) grown to the size asked
for; "normal" is the seed articles' bodies repeated to the same size. The table
gives the seconds per case and the ratio to the normal text of that size: a
ratio that grows with the size is work that grows faster than the text. The
target (issue 13): no text of 64 KB takes more than a second. tests/test_worst_cases.py
bounds the same shapes by counting work, not by timing it.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.extract import extract  # noqa: E402
from generator.read.register import load_register  # noqa: E402

HEAD = "A generated worst case\n\nBaghdad, 5 March 2024 (Reuters) - Colonel Alan Brook, a spokesman, spoke.\n\n"
FIRST = ["Alan", "Brook", "Carl", "Dent", "Enid", "Fox", "Gail", "Hale", "Ivor", "Judd", "Kent", "Lore"]


def _name(i: int) -> str:
    return f"{FIRST[i % 12]}{'abcdefghij'[i // 12 % 10]} {FIRST[(i * 7 + 3) % 12]}son"


BLOCK = 16000  # characters per paragraph-sized block: lines over 20,000 characters are dropped by cleaning


def quote_spans_then_pronouns(size: int) -> str:
    """Many short quotes, then one long run of coordinated pronouns (each quote walks back to it)."""
    half = "".join(f"\u201cWe hold line {i},\u201d he said. " for i in range(size // 60))
    return half + "\n\n" + "He and she and they and " * (size // 48) + "said so."


def quote_spans_one_sentence(size: int) -> str:
    """Quotes strung in one sentence that a run of pronouns closes."""
    return "".join(f"\u201cline {i}\u201d and " for i in range(size // 32)) + "he, she and they " * (size // 34) + "said."


def quotes_said_in_one_sentence(size: int) -> str:
    """One sentence of quotes, each with its own "he said" (each pronoun resolves in the same sentence)."""
    return "Colonel Alan Brook spoke: " + "".join(f"\u201cline {i},\u201d he said, " for i in range(size // 24)) + "and left."


def quotes_said_among_names(size: int) -> str:
    """One sentence alternating names and quotes with "he said" (each pronoun walks back over the names)."""
    return "".join(f"{_name(i)} and \u201cline {i},\u201d he said, " for i in range(size // 40)) + "and left."


def quotes_by_role(size: int) -> str:
    """Quotes credited to a role ("the spokesman said") among many named people."""
    return "".join(f"{_name(i)} met officials. \u201cWe hold line {i},\u201d the spokesman said. "
                   for i in range(size // 70))


def quote_paragraphs(size: int) -> str:
    """Paragraphs that open with a quote after a paragraph of pronoun sentences."""
    return "".join("He said it and she said it. " * 20 + f"\n\n\u201cWe hold line {i}.\u201d\n\n"
                   for i in range(size // 580))


def capitalised_run(size: int) -> str:
    """One long run of capitalised words, as a scraped menu or a name list without commas."""
    return "".join(f"{FIRST[i % 12]}{'abcdefghij'[i // 12 % 10]} " for i in range(size // 6)) + "said."


def name_pairs(size: int) -> str:
    """A list of capitalised name pairs, comma-separated."""
    return "".join(f"{_name(i)}, " for i in range(size // 16)) + "and others."


def nested_brackets(size: int) -> str:
    depth = size // 8
    return "Colonel Alan Brook said " + "([{(" * depth + "the base" + ")}])" * depth + "."


def unbalanced_brackets(size: int) -> str:
    return "".join(f"({_name(i)} said " for i in range(size // 22)) + "."


def dash_runs(size: int) -> str:
    return "Colonel Alan Brook said " + "-\u2014\u2013 " * (size // 4) + "the base was hit."


def combining_marks(size: int) -> str:
    return "Colonel Alan Bro" + "\u0301" * (size - 60) + "ok said \u201cwe are here\u201d."


def combining_words(size: int) -> str:
    return "".join("Ba\u0301s\u0327e\u0308 Al\u0301an\u0301 said \u201cno\u0301\u201d. " for _ in range(size // 40))


def blocks(case, size: int) -> str:
    """The case as an article: HEAD, then paragraph blocks of the case (at most BLOCK characters each)."""
    block = case(min(size, BLOCK))
    parts = [HEAD]
    while sum(map(len, parts)) < size:
        parts.append(f"Report {len(parts)}: {block}\n\n")  # numbered: cleaning drops repeated paragraphs
    return "".join(parts)


CASES = [quote_spans_then_pronouns, quote_spans_one_sentence, quotes_said_in_one_sentence, quotes_said_among_names,
         quotes_by_role, quote_paragraphs, capitalised_run,
         name_pairs, nested_brackets, unbalanced_brackets, dash_runs, combining_marks, combining_words]


def normal(size: int) -> str:
    """The seeds' texts, one after another, to `size` characters: an ordinary (if long) article."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    out, i = [texts[0]], 1
    while sum(map(len, out)) < size:
        body = texts[i % len(texts)].split("\n\n", 1)[-1]
        out.append(body)
        i += 1
    return "\n\n".join(out)[:size]


def seconds(text: str, register) -> float:
    started = time.perf_counter()
    extract(text, register)
    return time.perf_counter() - started


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[8000, 64000])
    ap.add_argument("--limit", type=float, default=1.0, help="seconds no 64 KB text may exceed")
    ap.add_argument("--cases", nargs="*", help="only these cases")
    ap.add_argument("--check", action="store_true", help="exit 1 when a case is over the limit")
    args = ap.parse_args(argv)
    register = load_register(ROOT / "register.yml")
    register = register[0] if isinstance(register, tuple) else register
    extract(normal(4000), register)  # load the word lists first
    base = {size: min(seconds(normal(size), register) for _ in range(3)) for size in args.sizes}
    print("| case | " + " | ".join(f"{s // 1000} KB s | ratio" for s in args.sizes) + " |")
    print("|---|" + "---|---|" * len(args.sizes))
    print("| normal article | " + " | ".join(f"{base[s]:.3f} | 1.0" for s in args.sizes) + " |")
    slow = []
    for case in CASES:
        if args.cases and case.__name__ not in args.cases:
            continue
        cells = []
        for size in args.sizes:
            t = seconds(blocks(case, size), register)
            cells.append(f"{t:.3f} | {t / base[size]:.1f}")
            if t > args.limit * max(1.0, size / 64000):
                slow.append(f"{case.__name__} at {size // 1000} KB: {t:.2f}s")
        print(f"| {case.__name__} | " + " | ".join(cells) + " |", flush=True)
    if slow:
        print("over the limit (1 s per 64 KB): " + "; ".join(slow))
    return 1 if slow and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
