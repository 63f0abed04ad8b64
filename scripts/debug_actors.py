"""Print every actor candidate of one article with its flags (a developer's tool)."""
import sys
from pathlib import Path

from generator.extract.cleaning import clean_page
from generator.extract.dateline import match_dateline
from generator.extract.document import build_document
from generator.extract.actors import _sentence_candidates
from generator.extract import _GuardedRegister
from generator.read.register import load_register

reg, _ = load_register(Path("register.yml"))
reg = _GuardedRegister(reg)
for f in sys.argv[1:]:
    text = Path(f).read_text()
    page = clean_page(text)
    dl = match_dateline(page.paragraphs[0]) if page.paragraphs else None
    doc = build_document(page.paragraphs, page.captions, dl.end if dl else 0)
    print("==", f, "| title:", page.title)
    for s in doc.sentences:
        for c in _sentence_candidates(doc, s, reg):
            flags = [k for k in ("possessive", "titled", "subject", "background", "as_location", "initial", "speaks", "in_title", "described") if getattr(c, k)]
            print(f"  {c.kind:8} {c.surface!r:40} {flags} roles={c.roles} acr={c.acronym} country={c.country} army={c.army} | {s.text[:90]!r}")
