"""The shipped country shapes (Natural Earth 1:50m, built by scripts/build_boundaries.py) as a GeoDataFrame."""
from __future__ import annotations

from pathlib import Path

import geopandas as gpd

from config import BOUNDARIES_FILE
from data_loaders.problems import DataValidationError, Problem

COLUMNS = ("iso3", "name", "is_state", "geometry")


def load_boundaries(path: Path | None = None) -> gpd.GeoDataFrame:
    """One row per shape (iso3, name, is_state, geometry in EPSG:4326); raises naming every bad feature."""
    path = Path(path) if path else BOUNDARIES_FILE
    try:
        world = gpd.read_file(path)
    except Exception as error:  # pyogrio raises several types for unreadable files; all mean the same here
        raise DataValidationError(str(path), [Problem(0, "", f"not a readable GeoJSON file ({error})")]) from error
    missing = [c for c in COLUMNS if c not in world.columns]
    if missing:
        raise DataValidationError(str(path), [Problem(0, c, "column missing") for c in missing])
    problems = [Problem(i + 1, "iso3", "no ISO3 code") for i in world.index[world["iso3"].isna()]]
    invalid = world.geometry.notna() & ~world.geometry.is_valid
    problems += [Problem(i + 1, "geometry", "invalid shape") for i in world.index[invalid]]
    if world.crs is None or world.crs.to_epsg() != 4326:
        problems.append(Problem(0, "geometry", f"coordinates must be WGS84 longitude/latitude (EPSG:4326), not {world.crs}"))
    if problems:
        raise DataValidationError(str(path), problems)
    return world[list(COLUMNS)]
