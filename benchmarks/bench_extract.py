"""Throughput of the extract stage on synthetic articles.

    python benchmarks/bench_extract.py [N]

The seed articles are used as page templates: their people, dates and
paragraph order are varied with generated names and dates, so N distinct
articles of realistic shape and size are timed on one core. Prints a small
table: articles, seconds, articles/s (the target is >= 200 articles/s).
"""
from __future__ import annotations

import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.extract import extract  # noqa: E402
from generator.models import Hints  # noqa: E402
from generator.read.register import load_register  # noqa: E402

FIRST = ["Ahmed", "Karim", "Layla", "Omar", "Zainab", "Haider", "Sara", "Mustafa", "Nadia", "Yusuf", "Hassan", "Rana"]
LAST = ["al-Rubaie", "Hamdani", "al-Jubouri", "Saleh", "al-Obeidi", "Karimi", "al-Zaidi", "Nasser", "Mahdi", "Tamimi"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
_PERSON = re.compile(r"\b(?:Yehia|Yahya) Rasool\b|\bLloyd (?:J\. )?Austin(?: III)?\b|\bPat Ryder\b|\bMatthew Miller\b")
_DATE = re.compile(r"\b(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December),? (20\d\d)\b")


def synthesise(templates: list[str], n: int, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        text = templates[i % len(templates)]
        name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
        text = _PERSON.sub(name, text)
        text = _DATE.sub(lambda m: f"{rnd.randint(1, 28)} {rnd.choice(MONTHS)}, {rnd.choice([2022, 2023, 2024])}", text)
        paragraphs = text.split("\n\n")
        if len(paragraphs) > 4 and rnd.random() < 0.5:
            body = paragraphs[2:]
            rnd.shuffle(body)
            paragraphs = paragraphs[:2] + body
        if rnd.random() < 0.3:
            paragraphs.append(rnd.choice(["Latest stories", "See also  Markets rally", "About The Author", "5 min read"]))
        out.append("\n\n".join(paragraphs))
    return out


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 400
    register, _ = load_register(ROOT / "register.yml")
    templates = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    if not templates:
        print("no seeds/*.txt to use as templates")
        return 1
    articles = synthesise(templates, n)
    for text in articles[:5]:  # warm up caches and imports
        extract(text, register)
    start, cpu_start = time.perf_counter(), time.process_time()
    for text in articles:
        extract(text, register, Hints())
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    chars = sum(len(a) for a in articles)
    # CPU seconds are what one core spends; wall seconds also count other load on the machine
    print(f"{'articles':>10} {'chars/article':>14} {'seconds':>9} {'articles/s':>11} {'cpu s':>8} {'articles/cpu-s':>15}")
    print(f"{n:>10} {chars // n:>14} {seconds:>9.3f} {n / seconds:>11.1f} {cpu:>8.3f} {n / cpu:>15.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
