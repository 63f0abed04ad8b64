"""Machine-readable exports: JSON, CSV and an Atom feed, written beside the pages.

They are made from the same archive graph as the pages, so every count
agrees. The text is data here, never markup: JSON and XML are written by
their libraries' serialisers, and CSV cells that a spreadsheet would run
as a formula are prefixed with an apostrophe.
"""
from __future__ import annotations

import csv
import io
import json

from generator.models import Archive, Article, Page, date_text
from generator.paths import ARTICLES_JSON, ENTITIES_JSON, FEED, HOME, QUOTES_CSV, site_url
from generator.render.feeds import TAG, article_entries, atom_feed



def _article_record(a: Article, archive: Archive) -> dict:
    return {
        "id": a.stem,
        "title": a.title,
        "date": date_text(a.date),
        "source": a.source,
        "url": a.url,
        "dateline": {"place": a.dateline.place, "agency": a.dateline.agency} if a.dateline else None,
        "page": site_url(a.path),
        "actors": [m.name for m in a.actors],
        "bases": [m.name for m in a.bases],
        "quotes": [{"speaker": q.speaker, "text": q.text} for q in a.quotes],
        "related": [r.article.stem for r in archive.related.get(a.stem, [])],
    }


def _entity_record(e) -> dict:
    record = {
        "name": e.name,
        "type": e.type,
        "aliases": e.other_names,
        "description": e.description,
        "registered": e.entry is not None,
        "page": site_url(e.path),
        "articles": [a.stem for a in e.articles],
    }
    if e.kind == "base" and e.entry is not None:
        record.update(province=e.entry.province, country=e.entry.country,
                      coordinates=list(e.entry.coordinates) if e.entry.coordinates else None)
    if e.kind == "actor":
        record["quotes"] = len(e.quotes)
    return record


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _csv_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _quotes_csv(archive: Archive) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["date", "source", "speaker", "quote", "article", "article_page"])
    for a, q in archive.quotes:
        writer.writerow([_csv_cell(x) for x in (date_text(a.date) or "", a.source, q.speaker, q.text,
                                                 a.title, site_url(a.path))])
    return out.getvalue()


def _atom(archive: Archive) -> Page:
    """The site's feed: the newest briefings of the whole archive (render/feeds.py writes it)."""
    return atom_feed("Briefing Archive: latest briefings", FEED, HOME, article_entries(archive.articles),
                     feed_id=f"{TAG}feed")


def render_exports(archive: Archive) -> list[Page]:
    return [
        Page(ARTICLES_JSON, _json([_article_record(a, archive) for a in archive.articles])),
        Page(ENTITIES_JSON, _json({
            "actors": [_entity_record(e) for e in sorted(archive.actors.values(), key=lambda e: e.name.lower())],
            "bases": [_entity_record(e) for e in sorted(archive.bases.values(), key=lambda e: e.name.lower())],
        })),
        Page(QUOTES_CSV, _quotes_csv(archive)),
        _atom(archive),
    ]
