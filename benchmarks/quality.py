#!/usr/bin/env python3
"""Extraction quality on every evaluation set, as Markdown tables for the README.

    python benchmarks/quality.py [--real DIR] [--json] [--compare OTHER.json] [--details]

Sets (a set whose files are absent is skipped with a note, never an error):

  dev     ../shared/eval/gold scored on seeds/*.txt
  real    DIR/gold on DIR/articles (DIR defaults to ../shared/eval/real)
  blind   tests/extraction_blind, blind2, blind3 (texts and gold side by side)

The figures are those of the SUMMARY line of ../shared/eval/score.py, computed
with the scorer's own score_file and Tally (via tests/blind_scoring.py), on
the texts read as `python -m generator extract` reads them: for the real set
they equal `extract --json ... | score.py`.

Which code is measured: the `generator` package Python imports (run it with
PYTHONPATH=<checkout>), with that checkout's register.yml. The sets come from
this script's own checkout, so one script measures any older checkout on the
same data (the "before" column).

Error causes, classified automatically per article (entities matched as the
scorer matches them: `match_entities` on normalised `forms`). Each extra or
missed entity gets exactly one cause, tried in this order:

  *_furniture    an extra actor/base none of whose forms occurs in a body
                 paragraph of clean_page(text), though one occurs in the raw
                 page: it was read off a headline, caption, teaser or credit.
  actor_place    an extra actor that is a place: its forms match a gold base,
                 or its name is place-shaped (shapes.is_place_shaped), a
                 country, a capital or a known place of the lexicon.
  *_cut_short    an extra whose normalised name is a strict word subsequence
                 of a missed gold entry's form ("Hassan" for "Hassan Nasrallah");
  *_too_long     ... or the other way round ("Commander Hassan Nasrallah").
                 The missed gold entry is then paired off (not counted again).
  *_junk         any other extra.
  *_missed       any other gold entry not found.
  actor_wrong_type  a matched actor whose type is not the gold type.

Quotes (paired as the scorer pairs them: the gold text_start within the text):
  speaker_wrong (both given, different), speaker_missing (gold has one, the
  extraction none), speaker_guessed (gold none, the extraction one),
  quote_missed, quote_extra.
Page: title_wrong, dateline_wrong, date_missed (gold has a date, the
extraction none), date_wrong (a date that is not the gold one).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import generator
from generator.extract.cleaning import clean_page
from generator.read.register import load_register

HERE = Path(__file__).resolve().parents[1]  # the checkout that holds the data sets
CODE = Path(generator.__file__).resolve().parents[1]  # the checkout whose extractor is measured
SHARED = HERE.parent / "shared" / "eval"
BLIND = ("extraction_blind", "extraction_blind2", "extraction_blind3")

try:  # not in every checkout: without it, place shapes fall back to the lexicon's lists
    from generator.extract.shapes import is_place_shaped
except ImportError:  # pragma: no cover - older checkouts
    def is_place_shaped(words: list[str]) -> bool:
        return False

try:
    from generator.extract.lexicon import LEXICON
except ImportError:  # pragma: no cover - older checkouts
    LEXICON = None


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# tests/blind_scoring.py of THIS checkout (an older checkout may not have its functions)
scoring = _load("quality_blind_scoring", HERE / "tests" / "blind_scoring.py")


class FallbackScorer:
    """norm/forms/match_entities/speaker_entry as score.py defines them, used only when
    ../shared is absent (the classifier's own tests); the report itself uses score.py."""

    @staticmethod
    def norm(s):
        if s is None:
            return ""
        s = unicodedata.normalize("NFKD", str(s))
        s = "".join(c for c in s if not unicodedata.combining(c))
        s = re.sub(r"[^\w\s]", " ", s.lower().replace("\u2019", "'").replace("\u2018", "'"))
        return re.sub(r"^the ", "", re.sub(r"\s+", " ", s).strip())

    @classmethod
    def forms(cls, entry):
        return {cls.norm(n) for n in [entry.get("name")] + list(entry.get("aliases") or []) if n}

    @classmethod
    def match_entities(cls, gold, pred):
        pairs, used = [], set()
        for gi, g in enumerate(gold):
            pi = next((i for i, p in enumerate(pred) if i not in used and cls.forms(g) & cls.forms(p)), None)
            if pi is not None:
                pairs.append((gi, pi))
                used.add(pi)
        return pairs

    @classmethod
    def speaker_entry(cls, name, actors):
        return next((a for a in actors if cls.norm(name) in cls.forms(a)), {"name": name, "aliases": []})


def scorer():
    """score.py when ../shared is there, else the fallback (classification only)."""
    return scoring.find_scorer(SHARED / "score.py") or FallbackScorer


# ---------------------------------------------------------------- classification


def _contains(haystack: str, form: str) -> bool:
    return bool(form) and f" {form} " in f" {haystack} "


def _subsequence(short: list[str], long: list[str]) -> bool:
    """`short` is a strict, order-kept word subsequence of `long`."""
    if not short or len(short) >= len(long):
        return False
    it = iter(long)
    return all(w in it for w in short)


def _is_place(sc, entry: dict, gold_bases: list[dict]) -> bool:
    fs = sc.forms(entry)
    if any(fs & sc.forms(b) for b in gold_bases):
        return True
    name = entry.get("name") or ""  # the name only: "Sudanese government" may list "Sudan" as a form
    low = name.lower()
    if name and is_place_shaped(name.split()):
        return True
    return LEXICON is not None and bool(name) and (
        low in LEXICON.country_by_form or low in LEXICON.country_by_capital or low in LEXICON.places)


def _length_cause(sc, extra: dict, missed: list[dict]) -> tuple[str, int] | None:
    """("cut_short" | "too_long", index into missed) when the extra is a shortened/lengthened gold name."""
    ew = [f.split() for f in sc.forms(extra)]
    for mi, g in enumerate(missed):
        gw = [f.split() for f in sc.forms(g)]
        if any(_subsequence(e, w) for e in ew for w in gw):
            return "cut_short", mi
        if any(_subsequence(w, e) for e in ew for w in gw):
            return "too_long", mi
    return None


def classify_entities(sc, kind: str, gold: dict, pred: dict, body: str, raw: str, note) -> Counter:
    """Causes for the extras and misses of one kind ("actor" or "base") in one article."""
    g, p = gold.get(kind + "s") or [], pred.get(kind + "s") or []
    pairs = sc.match_entities(g, p)
    out: Counter = Counter()
    if kind == "actor":
        for gi, pi in pairs:
            if g[gi].get("type") != p[pi].get("type"):
                out["actor_wrong_type"] += 1
                note("actor_wrong_type", f"{p[pi].get('name')} ({p[pi].get('type')})")
    missed = [e for gi, e in enumerate(g) if gi not in {a for a, _ in pairs}]
    for pi, e in enumerate(p):
        if pi in {b for _, b in pairs}:
            continue
        fs = sc.forms(e)
        length = _length_cause(sc, e, missed)
        if not any(_contains(body, f) for f in fs) and any(_contains(raw, f) for f in fs):
            cause = "furniture"
        elif kind == "actor" and _is_place(sc, e, gold.get("bases") or []):
            cause = "place"
        elif length:
            cause = length[0]
            note(f"{kind}_{cause}", f"{e.get('name')} for {missed[length[1]].get('name')}")
            del missed[length[1]]
            out[f"{kind}_{cause}"] += 1
            continue
        else:
            cause = "junk"
        out[f"{kind}_{cause}"] += 1
        note(f"{kind}_{cause}", e.get("name"))
    for e in missed:
        out[f"{kind}_missed"] += 1
        note(f"{kind}_missed", e.get("name"))
    return out


def classify_quotes(sc, gold: dict, pred: dict, note) -> Counter:
    """Speaker and quote causes; quotes paired as score.py pairs them (text_start within the text)."""
    gq, pq = gold.get("quotes") or [], pred.get("quotes") or []
    out: Counter = Counter()
    used: set[int] = set()
    for q in gq:
        start = sc.norm(q.get("text_start"))
        pi = next((i for i, r in enumerate(pq) if i not in used and start and start in sc.norm(r.get("text"))), None)
        if pi is None:
            out["quote_missed"] += 1
            note("quote_missed", q.get("text_start"))
            continue
        used.add(pi)
        gs, ps = q.get("speaker"), pq[pi].get("speaker")
        if gs and ps and not sc.forms(sc.speaker_entry(gs, gold.get("actors") or [])) & {sc.norm(ps)}:
            cause = "speaker_wrong"
        elif gs and not ps:
            cause = "speaker_missing"
        elif ps and not gs:
            cause = "speaker_guessed"
        else:
            continue
        out[cause] += 1
        note(cause, f"gold {gs!r} got {ps!r}")
    out["quote_extra"] += len(pq) - len(used)
    return out


def classify_page(sc, gold: dict, pred: dict, note) -> Counter:
    """Title, dateline and date causes, compared as score.py compares them."""
    out: Counter = Counter()
    if sc.norm(gold.get("title")) != sc.norm(pred.get("title")):
        out["title_wrong"] += 1
        note("title_wrong", f"{pred.get('title')!r}")
    gdl, pdl = gold.get("dateline") or None, pred.get("dateline") or None
    same = (not gdl and not pdl) or (bool(gdl) and bool(pdl) and all(
        sc.norm(gdl.get(k)) == sc.norm(pdl.get(k)) for k in ("place", "agency")))
    if not same:
        out["dateline_wrong"] += 1
        note("dateline_wrong", f"gold {gdl!r} got {pdl!r}")
    gd, pd = (str(gold["date"]) if gold.get("date") else None), (str(pred["date"]) if pred.get("date") else None)
    if gd and not pd:
        out["date_missed"] += 1
        note("date_missed", gd)
    elif pd and pd != gd:
        out["date_wrong"] += 1
        note("date_wrong", f"gold {gd} got {pd}")
    return out


def classify(sc, gold: dict, pred: dict, text: str, details: list | None = None) -> Counter:
    """Every cause counted in one article (see the module docstring)."""
    def note(cause, what):
        if details is not None:
            details.append((gold.get("file"), cause, what))

    page = clean_page(text)
    body = sc.norm(" ".join(page.paragraphs))
    raw = sc.norm(text)
    out = classify_page(sc, gold, pred, note)
    for kind in ("actor", "base"):
        out += classify_entities(sc, kind, gold, pred, body, raw, note)
    out += classify_quotes(sc, gold, pred, note)
    return out


CAUSES = ("title_wrong", "dateline_wrong", "date_missed", "date_wrong",
          "actor_furniture", "actor_place", "actor_wrong_type", "actor_cut_short", "actor_too_long",
          "actor_junk", "actor_missed",
          "base_furniture", "base_cut_short", "base_too_long", "base_junk", "base_missed",
          "speaker_wrong", "speaker_missing", "speaker_guessed", "quote_missed", "quote_extra")


# ---------------------------------------------------------------- sets and report


def sets(real: Path) -> dict[str, tuple[Path, Path]]:
    """name -> (gold folder, text folder)."""
    out = {"dev": (SHARED / "gold", HERE / "seeds"), "real": (real / "gold", real / "articles")}
    for name in BLIND:
        out[name.replace("extraction_", "")] = (HERE / "tests" / name, HERE / "tests" / name)
    return out


def measure(gold_dir: Path, text_dir: Path, register, details: list | None = None) -> dict:
    """SUMMARY figures (score.py's own functions) and cause counts for one set."""
    sc = scoring.find_scorer(SHARED / "score.py")
    pairs = scoring.predict_folder(gold_dir, text_dir, register)
    causes: Counter = Counter()
    for gold, pred, text in pairs:
        causes += classify(sc, gold, pred, text, details)
    return {"summary": scoring.summarise(sc, pairs), "causes": {c: causes.get(c, 0) for c in CAUSES}}


def _revision() -> str | None:
    try:
        return subprocess.run(["git", "-C", str(CODE), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip() or None
    except (OSError, subprocess.CalledProcessError):
        return None


def run(real: Path, details: list | None = None) -> dict:
    register, _ = load_register(CODE / "register.yml")
    out: dict = {"code": str(CODE), "revision": _revision(), "sets": {}, "skipped": {}}
    have_scorer = (SHARED / "score.py").is_file()
    for name, (gold_dir, text_dir) in sets(real).items():
        if not have_scorer:
            out["skipped"][name] = f"{SHARED / 'score.py'} is not available"
        elif not gold_dir.is_dir() or not text_dir.is_dir() or not any(gold_dir.glob("*.yml")):
            out["skipped"][name] = f"{gold_dir} or {text_dir} is not available"
        else:
            out["sets"][name] = measure(gold_dir, text_dir, register, details)
    return out


FIGURES = ("articles", "title", "date", "dateline", "date_stated", "date_wrong",
           "actors P/R/F1", "bases P/R/F1", "quotes F1", "type_acc", "speaker_acc")


def figures(s: dict) -> dict[str, str]:
    """The summary as the cells of the figures table."""
    def count(k):
        ok, n = s[k]
        return f"{ok}/{n}"

    prf = {k: f"{s[k + '_P']:.2f}/{s[k + '_R']:.2f}/{s[k + '_F1']:.2f}" for k in ("actors", "bases")}
    return {"articles": str(s["articles"]), **{k: count(k) for k in ("title", "date", "dateline", "date_stated")},
            "date_wrong": str(s["date_wrong"]), "actors P/R/F1": prf["actors"], "bases P/R/F1": prf["bases"],
            "quotes F1": f"{s['quotes_F1']:.2f}", "type_acc": f"{s['type_acc']:.2f}",
            "speaker_acc": f"{s['speaker_acc']:.2f}"}


def _cell(after: str, before: str | None) -> str:
    return after if before is None or before == after else f"{before} → {after}"


def markdown(report: dict, before: dict | None = None) -> str:
    """Two tables: figures per set (a row each), cause counts (a row per cause, a column per set).
    With `before`, a changed cell reads "before → after"."""
    names = list(report["sets"])
    notes = [f"_{name} skipped: {why}_" for name, why in report["skipped"].items()]
    if not names:
        return "\n\n".join(notes)
    old = (before or {}).get("sets", {})
    lines = ["| set | " + " | ".join(FIGURES) + " |", "|---" * (len(FIGURES) + 1) + "|"]
    for name in names:
        new = figures(report["sets"][name]["summary"])
        was = figures(old[name]["summary"]) if name in old else {}
        lines.append(f"| {name} | " + " | ".join(_cell(new[k], was.get(k)) for k in FIGURES) + " |")
    lines += ["", "| cause | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for cause in CAUSES:
        cells = []
        for name in names:
            was = old.get(name, {}).get("causes", {}).get(cause)
            cells.append(_cell(str(report["sets"][name]["causes"][cause]), None if was is None else str(was)))
        lines.append(f"| {cause} | " + " | ".join(cells) + " |")
    return "\n\n".join(["\n".join(lines)] + notes)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--real", type=Path, default=SHARED / "real", help="real eval folder (gold/, articles/)")
    ap.add_argument("--json", action="store_true", help="print everything as JSON")
    ap.add_argument("--compare", type=Path, metavar="OTHER.json", help="an earlier --json run: before → after")
    ap.add_argument("--details", action="store_true", help="also list every classified error")
    args = ap.parse_args(argv)
    details: list | None = [] if args.details else None
    report = run(args.real, details)
    if details is not None:
        report["details"] = [list(d) for d in details]
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    before = json.loads(args.compare.read_text(encoding="utf-8")) if args.compare else None
    if before:
        print(f"before: {before.get('revision')} ({before.get('code')})  after: {report['revision']} ({report['code']})\n")
    print(markdown(report, before))
    for file, cause, what in details or []:
        print(f"{file}: {cause}: {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
