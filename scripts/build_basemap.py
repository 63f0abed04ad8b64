#!/usr/bin/env python3
"""Regenerate generator/data/basemap.json, the country outlines the maps are drawn on.

Source: Natural Earth's 1:110m "Admin 0 - Countries" (public domain), as the
geopandas 0.14.x wheel bundles it (geopandas/datasets/naturalearth_lowres:
a shapefile with each country's name and ISO code). The wheel is read as a
zip file; geopandas itself is never installed or imported, only pyshp reads
the shapefile. Nothing is fetched: download the wheel once with pip, then
run the script on it:

    pip download --no-deps -d /tmp/ne geopandas==0.14.4
    pip install pyshp==3.1.6
    python scripts/build_basemap.py /tmp/ne/geopandas-0.14.4-py3-none-any.whl

Why this source: Natural Earth is public domain and the 1:110m scale is
enough for a locator map; geopandas' copy carries the country names (vega's
world-110m TopoJSON carries only numeric ids), so a base's register
`country` can highlight its country.

What the file holds: every country's outer and inner rings, simplified
(Douglas-Peucker, TOLERANCE degrees) and rounded to 0.01 degree, written as
integers (hundredths of a degree), each ring as a flat list: its first
point [lon, lat], then each next point as its step from the one before; each country's name, ISO 3166 alpha-3 code and bounding box. The
output is deterministic (countries by name, rings as the source orders them)
and one country per line, so a regeneration diffs readably.
"""
from __future__ import annotations

import argparse
import io
import json
import zipfile
from pathlib import Path

import shapefile  # pyshp: a pure-Python shapefile reader, used only by this script

OUT = Path(__file__).resolve().parent.parent / "generator" / "data" / "basemap.json"
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
TOLERANCE = 0.08  # degrees (about 9 km): below what a 1:110m outline shows at locator-map scale
SCALE = 100  # coordinates stored in hundredths of a degree
SOURCE = ("Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries "
          "(as bundled in geopandas 0.14.4, datasets/naturalearth_lowres)")
LICENCE = "Public domain: Natural Earth (naturalearthdata.com), free for any use, no attribution required"


def _segment_distance(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return ((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2) ** 0.5


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative (a ring can have thousands of points)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, None
        for i in range(first + 1, last):
            d = _segment_distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def ring(points: list[tuple[float, float]]) -> list[int] | None:
    """A ring simplified and rounded, as a flat integer list; None when it collapses below a triangle."""
    if points[0] == points[-1]:
        points = points[:-1]
    # split a closed ring at its farthest point so Douglas-Peucker has two ends to keep
    far = max(range(len(points)), key=lambda i: (points[i][0] - points[0][0]) ** 2 + (points[i][1] - points[0][1]) ** 2)
    kept = simplify(points[:far + 1], TOLERANCE)[:-1] + simplify(points[far:] + [points[0]], TOLERANCE)[:-1]
    flat: list[int] = []
    last = None
    for lon, lat in kept:
        p = (round(lon * SCALE), round(lat * SCALE))
        if p != last:
            flat += p
            last = p
    if len(flat) >= 4 and flat[:2] == flat[-2:]:
        flat = flat[:-2]
    if len(flat) < 6:
        return None
    # the first point as it is, each next one as its step from the previous: short numbers, a smaller file
    return flat[:2] + [flat[i] - flat[i - 2] for i in range(2, len(flat))]


def _absolute(steps: list[int]) -> list[int]:
    out = steps[:2]
    for i in range(2, len(steps)):
        out.append(out[i - 2] + steps[i])
    return out


def countries(shp: bytes, dbf: bytes, shx: bytes, cpg: bytes) -> list[dict]:
    encoding = cpg.decode("ascii").strip() or "utf-8"  # the .cpg names the .dbf's code page
    reader = shapefile.Reader(shp=io.BytesIO(shp), dbf=io.BytesIO(dbf), shx=io.BytesIO(shx), encoding=encoding)
    out = []
    for record in reader.iterShapeRecords():
        shape, fields = record.shape, record.record.as_dict()
        parts = list(shape.parts) + [len(shape.points)]
        rings = [r for a, b in zip(parts, parts[1:]) if (r := ring([tuple(p) for p in shape.points[a:b]]))]
        if not rings:
            continue
        absolute = [_absolute(r) for r in rings]
        lons = [v for r in absolute for v in r[0::2]]
        lats = [v for r in absolute for v in r[1::2]]
        out.append({"name": fields["name"], "iso": fields["iso_a3"],
                    "bbox": [min(lons), min(lats), max(lons), max(lats)], "rings": rings})
    return sorted(out, key=lambda c: (c["name"], c["iso"]))


def dump(items: list[dict]) -> str:
    head = {"source": SOURCE, "licence": LICENCE, "generated_by": "scripts/build_basemap.py",
            "units": f"1/{SCALE} degree; a ring is a flat [lon, lat, dlon, dlat, ...] list: its first point, then each "
                     "point's step from the one before; bbox is [west, south, east, north]",
            "tolerance_degrees": TOLERANCE}
    lines = [json.dumps(c, separators=(",", ":"), ensure_ascii=False) for c in items]
    body = json.dumps(head, indent=1, ensure_ascii=False)[:-2]
    return body + ',\n "countries": [\n' + ",\n".join(lines) + "\n]}\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wheel", help="geopandas-0.14.x wheel (pip download --no-deps geopandas==0.14.4)")
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args()
    with zipfile.ZipFile(args.wheel) as z:
        data = [z.read(f"{MEMBER}.{ext}") for ext in ("shp", "dbf", "shx", "cpg")]
    items = countries(*data)
    text = dump(items)
    json.loads(text)  # the file must parse
    Path(args.out).write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(items)} countries, {sum(len(r) // 2 for c in items for r in c['rings'])} points, "
          f"{len(text.encode()) // 1024} KB")


if __name__ == "__main__":
    main()
