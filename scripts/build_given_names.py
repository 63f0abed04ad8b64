#!/usr/bin/env python3
"""Regenerate generator/extract/data/given_names.txt: the given names common enough in English-language
news that a capitalised dictionary word among them ("Tom", "Bill", "Mark", "Grant") is read as a
person's first name when the name acts.

A name made only of dictionary words ("Standard Life", "Land Registry", "Mother Nature") is held
back from a page unless a title or a quote vouches for it; "Bob Dole said" and "Bill Burns told"
are people all the same, because their first word is a common given name.  The sources are the
1990 US census list of first names (public domain, via the `names` package), cut by rank so that
rare given names that are everyday words ("King", "Prince", "Royal", "Delta", "Liberty") stay out,
and the given names gender-guesser's nam_dict.txt rates common in Great Britain or Ireland (which
the US census ranks low: "Fiona", "Nigel", "Siobhan", "Declan"), or in the countries whose people
news names (continental Europe, Russia, Ukraine, the Caucasus, Turkey, the Arab countries and Persia,
Israel, India: "Philippe", "Olaf", "Marwan", "Oleksandr", "Yoav", "Narendra"), leaving out those that are
English dictionary words ("Can", "Jihad", "Said").

    pip install names==0.3.0 gender-guesser==0.4.0 english-words==2.0.2
    python scripts/build_given_names.py

Output: a comment line, then one lowercase name per line, sorted, with the gender every source gives
it (M or F; ? when they differ or give both): "he said" is not a woman's words.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "generator" / "extract" / "data" / "given_names.txt"
# the census ranks kept: every given name borne by about 1 in 10,000 people or more
RANKS = {"dist.male.first": 800, "dist.female.first": 1000}
# nam_dict.txt rates a name's frequency per country from 1 (rare) to D (13); 4 is about 0.03 % of people
BRITISH_ISLES_MIN = 4
_GB, _IE = 30, 31  # the columns of Great Britain and Ireland
# the columns of the other countries whose people news names, and the rating kept there (5: about 0.06 %):
# continental Europe (Italy, Portugal, Spain, France, Belgium, the Netherlands, Germany, Austria,
# Switzerland, the Nordic countries, Poland, Czechia, Hungary, Romania, Bulgaria, the former
# Yugoslavia, Albania, Greece), Russia, Belarus, Ukraine, the Caucasus and Central Asia, Turkey,
# Arabia/Persia, Israel and India (not China, Japan, Korea or Vietnam: their given names are
# syllables that stand alone as surnames and words)
ELSEWHERE = (33, 35, 36, 37, 38, 40, 42, 43, 44, 46, 47, 48, 49, 53, 54, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65,
             66, 67, 68, 69, 71, 72, 73, 74, 75, 76, 77, 78, 80)
ELSEWHERE_MIN = 5
# of those, the names that are a country or a city of a million people or more in the extractor's gazetteer
# ("France", "Milan", "Adelaide", "Jos") or a faith's name ("Islam") are left out: there they are places and
# words first
CITY_MIN = 1_000_000
FAITHS = {"islam", "christian", "buddha", "hindu", "sikh", "jew", "muslim"}
GAZETTEER = OUT.parent / "gazetteer.txt"


def _places() -> set[str]:
    """The gazetteer's countries (by name) and its cities of CITY_MIN people or more."""
    out = set()
    with open(GAZETTEER, encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) > 3 and f[0] == "T" and f[3].isdigit() and int(f[3]) >= CITY_MIN:
                out.add(f[1].lower())
            elif len(f) > 2 and f[0] == "C":
                out.add(f[2].lower())
    return out


def main() -> int:
    import names

    base = os.path.dirname(names.__file__)
    kept: set[str] = set()
    genders: dict[str, set[str]] = {}  # the gender each source gives the name
    share: dict[str, dict[str, float]] = {}  # census: the share of men, of women, bearing the name
    for fname, top in RANKS.items():
        gender = "F" if "female" in fname else "M"
        with open(os.path.join(base, fname), encoding="utf-8") as fh:
            for line in fh:
                name, freq, _cumulative, rank = line.split()
                share.setdefault(name.lower(), {})[gender] = float(freq)
                if int(rank) <= top:
                    kept.add(name.lower())
    for name, by in share.items():  # a clear majority: the female list has a "John" too
        m, f = by.get("M", 0.0), by.get("F", 0.0)
        if m >= 10 * f or f >= 10 * m:
            genders.setdefault(name, set()).add("M" if m > f else "F")
    census_gendered = set(genders)  # where the census is clear, nam_dict's "mostly" and "both" lines do not count
    import gender_guesser
    from english_words import get_english_words_set

    dictionary = {w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower()}
    not_names = dictionary | _places() | FAITHS
    with open(os.path.join(os.path.dirname(gender_guesser.__file__), "data", "nam_dict.txt"),
              encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if line[:1] not in "MF?1=" or line.startswith("#"):
                continue
            name = line[3:29].strip()
            if not name.isalpha():
                continue
            code = line[:2].strip()  # "M", "F"; "?M", "?F", "1M", "?": mostly one, or both; "=": short forms
            if code in ("M", "F"):
                genders.setdefault(name.lower(), set()).add(code)
            elif code != "=" and name.lower() not in census_gendered:
                genders.setdefault(name.lower(), set()).add("?")  # "Glyn", "Iman": a name both bear somewhere
            british = [int(c, 16) for c in line[_GB:_IE + 1] if c.strip()]
            elsewhere = [int(line[c], 16) for c in ELSEWHERE if len(line) > c and line[c] in "0123456789ABCD"]
            if british and max(british) >= BRITISH_ISLES_MIN:
                kept.add(name.lower())
            elif elsewhere and max(elsewhere) >= ELSEWHERE_MIN and name.lower() not in not_names:
                kept.add(name.lower())
    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# Generated by scripts/build_given_names.py from names {getattr(names, '__version__', '0.3.0')} "
                 f"(1990 US census first names, male rank <= {RANKS['dist.male.first']}, female rank <= "
                 f"{RANKS['dist.female.first']}) and gender-guesser 0.4.0 (Great Britain or Ireland rating >= "
                 f"{BRITISH_ISLES_MIN}; continental Europe, Russia, Ukraine, the Caucasus, Turkey, Arabia/Persia, Israel "
                 f"or India >= {ELSEWHERE_MIN}, not an English "
                 f"word, a country, a city of {CITY_MIN:,} people or a faith). Each name, a tab, then M or F when every source gives it that one gender only, else ?: "
                 f"do not edit.\n")
        for name in sorted(kept):
            seen = genders.get(name, set())
            fh.write(f"{name}\t{next(iter(seen)) if len(seen) == 1 else '?'}\n")
    print(f"{OUT}: {len(kept)} given names", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
