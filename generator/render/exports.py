"""Machine-readable exports: JSON, CSV and an Atom feed, written beside the pages.

They are made from the same archive graph as the pages, so every count
agrees. The text is data here, never markup: JSON and XML are written by
their libraries' serialisers (JSON through jsontext.py, which gives the json
module's own text, faster), and CSV cells that a spreadsheet would run as a
formula are prefixed with an apostrophe.
"""
from __future__ import annotations

import csv
import io

from generator.models import Archive, Article, Event, Page, date_text
from generator.paths import ARTICLES_JSON, ENTITIES_JSON, EVENTS_CSV, EVENTS_GEOJSON, FEED, HOME, QUOTES_CSV, site_url
from generator.render.feeds import TAG, article_entries, atom_feed
from generator.render.jsontext import dumps_indented



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
    return dumps_indented(data, indent=1) + "\n"


def encode_item(value, depth: int) -> str:
    """How `value` reads as an item of a list `depth` levels into an export's JSON (jsontext indents a
    nested value by adding its level's indent after each newline: strings never hold one)."""
    return dumps_indented(value, indent=1).replace("\n", "\n" + " " * depth)


def _items(values: list, depth: int, encode) -> str:
    """The text of a list `depth - 1` levels in (as `_json` writes it), each item's text from `encode`."""
    if not values:
        return "[]"
    pad = "\n" + " " * depth
    return "[" + ",".join(pad + encode(v, depth) for v in values) + pad[:-1] + "]"


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


# data/events.csv: ACLED's column names where the idea is the same (README "Events" has the table).
EVENT_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
                 "actor1", "assoc_actor_1", "actor2", "interaction", "country", "admin1", "location", "latitude",
                 "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "injuries",
                 "fatalities_max", "injuries_max", "reports", "page")
TIME_PRECISION = {"day": 1, "week": 2, "month": 3}  # ACLED's codes: 1 day, 2 week, 3 month
GEO_PRECISION = {"register": 1}  # 1: the exact place (the base's register coordinates)
LEAD_ROLES = ("attacker", "claimant", "condemner", "spokesperson")


def _lead(e: Event) -> tuple[str, str, str]:
    """(actor1, assoc_actor_1, actor2): who acted first by role, the others who acted with it, the target."""
    acting = [n for role in LEAD_ROLES for n, r in e.actors if r == role]
    acting = list(dict.fromkeys(acting))
    targets = [n for n, r in e.actors if r == "target"]
    return (acting[0] if acting else ""), "; ".join(acting[1:]), "; ".join(targets)


def _event_row(e: Event) -> list:
    actor1, assoc, actor2 = _lead(e)
    killed, wounded = e.killed(), e.wounded()
    first = e.reports[0].article
    notes = e.reports[0].sentence
    return [e.id, date_text(e.date) or "", e.date.year if e.date else "", TIME_PRECISION.get(e.precision, ""),
            e.type, e.sub_type, actor1, assoc, actor2, "", e.country or "", e.province or "", e.base or "",
            f"{e.coordinates[0]:.5f}" if e.coordinates else "", f"{e.coordinates[1]:.5f}" if e.coordinates else "",
            GEO_PRECISION.get(e.geo_precision or "", ""),
            "; ".join(dict.fromkeys(r.article.source for r in e.reports if r.article.source)),
            "", notes, killed[0] if killed else "", wounded[0] if wounded else "",
            killed[1] if killed else "", wounded[1] if wounded else "", len(e.reports),
            site_url(e.path)] if first else []


def _event_rows(archive: Archive) -> list[tuple[Event, list]]:
    """Each event with its row: worked out once for the CSV and the GeoJSON, which print the same."""
    return [(e, _event_row(e)) for e in archive.events]


def _events_csv(rows: list[tuple[Event, list]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EVENT_COLUMNS)
    for _, row in rows:
        writer.writerow([_csv_cell(x) for x in row])
    return out.getvalue()


def _events_geojson(rows: list[tuple[Event, list]], encode=encode_item) -> str:
    """The located events as an RFC 7946 FeatureCollection: [longitude, latitude], WGS 84; the same
    properties as the CSV. Events without coordinates are left out (they are in the CSV)."""
    features = []
    for e, row in rows:
        if not e.coordinates:
            continue
        lat, lon = e.coordinates
        props = dict(zip(EVENT_COLUMNS, row))
        features.append({"type": "Feature", "id": e.id, "geometry": {"type": "Point", "coordinates": [lon, lat]},
                         "properties": {k: v for k, v in props.items() if k not in ("latitude", "longitude")}})
    return '{\n "type": "FeatureCollection",\n "features": ' + _items(features, 2, encode) + "\n}\n"


def _atom(archive: Archive) -> Page:
    """The site's feed: the newest briefings of the whole archive (render/feeds.py writes it)."""
    return atom_feed("Briefing Archive: latest briefings", FEED, HOME, article_entries(archive.articles),
                     feed_id=f"{TAG}feed")


def render_exports(archive: Archive, encode=encode_item) -> list[Page]:
    """The data exports and the site's feed. `encode(record, depth)` gives the JSON text of one article,
    entity or event record (`encode_item`, or a step that gives the same: speed/incremental.py keeps
    each record's text while the record is the same, as the JSON of 10,000 articles took a second)."""
    def named(entities):
        return [_entity_record(e) for e in sorted(entities.values(), key=lambda e: e.name.lower())]

    events = _event_rows(archive)
    return [
        Page(ARTICLES_JSON, _items([_article_record(a, archive) for a in archive.articles], 1, encode) + "\n"),
        Page(ENTITIES_JSON, '{\n "actors": ' + _items(named(archive.actors), 2, encode)
             + ',\n "bases": ' + _items(named(archive.bases), 2, encode) + "\n}\n"),
        Page(QUOTES_CSV, _quotes_csv(archive)),
        Page(EVENTS_CSV, _events_csv(events)),
        Page(EVENTS_GEOJSON, _events_geojson(events, encode)),
        _atom(archive),
    ]
