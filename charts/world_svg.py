"""The overview's world map (SVG) and ranked bars (HTML), drawn on the server from the binned metric frame.

They need no chart script in the browser: plotly's 4.7 MB bundle was most of the overview's first draw.
The shapes are projected once (Natural Earth projection, by pyproj through geopandas) from the shipped
1:50m boundaries. The markup is written by the templates in charts/templates, which escape every text: it is
data, never markup.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from markupsafe import Markup

from charts.legend import legend_colors, tooltip_lines
from charts.templating import render
from domain.overview import Metric, legend_order, top_states
from i18n import _

if TYPE_CHECKING:
    import geopandas as gpd

PROJECTION = "+proj=natearth +lon_0=0 +datum=WGS84"
WIDTH = 1000.0  # SVG user units across the projected world
NORTH, SOUTH = 85.0, -58.0  # latitudes the world view shows: Antarctica is not a state and would take a fifth of it
SIMPLIFY_DEGREES = 0.1  # a third of a pixel at world width; too-small states keep a dot
LAND_COLOR = "#f4f4f4"  # states outside the filter: context, no figure
ZOOM_MARGIN = 0.04  # share of the zoomed view added around the shown states
TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class WorldOutline:
    """Projected shapes in SVG user units (y down): path data, bounding boxes, dots for small states."""
    paths: dict[str, str]
    boxes: dict[str, tuple[float, float, float, float]]
    dots: dict[str, tuple[float, float]]
    height: float


def _path_data(geometry) -> str:
    """Each ring as a start point then relative steps ("M x y l dx dy dx dy ... z"): about half the bytes."""
    polygons = getattr(geometry, "geoms", [geometry])
    rings = [ring for polygon in polygons for ring in (polygon.exterior, *polygon.interiors)]
    parts = []
    for ring in rings:
        points = ring.coords[:-1]
        if len(points) < 3:
            continue
        steps = " ".join(f"{round(x - px, 1):g} {round(y - py, 1):g}" for (px, py), (x, y) in pairwise(points))
        parts.append(f"M{points[0][0]:g} {points[0][1]:g}l{steps}z")
    return "".join(parts)


def project_world(world: gpd.GeoDataFrame, small_states: pd.DataFrame) -> WorldOutline:
    """Shapes keyed by ISO3 in a WIDTH-wide frame; `small_states` (iso3, lon, lat) become dot positions."""
    import geopandas as gpd  # only here: the page itself draws from the kept result and never needs geopandas
    import shapely

    shapes = world[world["iso3"].notna() & world.geometry.notna()].copy()
    shapes["geometry"] = shapes.geometry.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
    shapes = shapes[~shapes.geometry.is_empty].to_crs(PROJECTION)
    # The full width of the projection: the x of the antimeridian at the equator.
    edges = gpd.GeoSeries(gpd.points_from_xy([-180, 180, 0, 0], [0, 0, NORTH, SOUTH]), crs="EPSG:4326").to_crs(PROJECTION)
    west, east = edges.x.iloc[0], edges.x.iloc[1]
    scale = WIDTH / (east - west)
    north_y = edges.y.iloc[2]

    def to_view(geometry):  # metres to SVG units, y pointing down, rounded to a tenth of a unit
        moved = shapely.affinity.affine_transform(geometry, [scale, 0, 0, -scale, -west * scale, north_y * scale])
        return shapely.set_precision(moved, 0.1)

    viewed = shapes.geometry.map(to_view)
    points = gpd.GeoSeries(gpd.points_from_xy(small_states["lon"], small_states["lat"]), crs="EPSG:4326").to_crs(PROJECTION)
    dots = {iso3: (round((x - west) * scale, 1), round((north_y - y) * scale, 1))
            for iso3, x, y in zip(small_states["iso3"], points.x, points.y, strict=True)}
    drawn = [(iso3, g) for iso3, g in zip(shapes["iso3"], viewed, strict=True) if not g.is_empty]
    return WorldOutline(
        paths={iso3: _path_data(g) for iso3, g in drawn},
        boxes={iso3: tuple(round(v, 1) for v in g.bounds) for iso3, g in drawn},
        dots=dots, height=round((north_y - edges.y.iloc[3]) * scale, 1),
    )


def write_outline(outline: WorldOutline, path: Path) -> None:
    path.write_text(json.dumps(asdict(outline), separators=(",", ":")), encoding="utf-8")


def read_outline(path: Path) -> WorldOutline:
    kept = json.loads(path.read_text(encoding="utf-8"))
    return WorldOutline(paths=kept["paths"], boxes={k: tuple(v) for k, v in kept["boxes"].items()},
                        dots={k: tuple(v) for k, v in kept["dots"].items()}, height=kept["height"])


def _render(name: str, **context: object) -> Markup:
    """A template of charts/templates, as markup another template may hold unescaped."""
    return Markup(render(TEMPLATES, name, **context))


def _view_box(outline: WorldOutline, iso3s: list[str], zoom: bool) -> str:
    boxes = [outline.boxes[i] for i in iso3s if i in outline.boxes] if zoom else []
    if not boxes:
        return f"0 0 {WIDTH:g} {outline.height:g}"
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    pad = ZOOM_MARGIN * max(x1 - x0, y1 - y0)
    return f"{x0 - pad:.1f} {y0 - pad:.1f} {x1 - x0 + 2 * pad:.1f} {y1 - y0 + 2 * pad:.1f}"


def _legend(metric: Metric, binned: pd.DataFrame, outline: WorldOutline) -> Markup:
    """Each bin with its count of states; a shown state with neither a shape nor a dot position in the boundaries
    (the Holy See) is named under it, not lost."""
    colors = legend_colors(metric)
    counts = binned["bin"].value_counts()
    items = [(colors[label], _(label), counts[label]) for label in legend_order(metric) if counts.get(label, 0)]
    not_drawn = binned[~binned["iso3"].isin(outline.paths.keys() | outline.dots.keys())]["state"].tolist()
    return _render("world_legend.html.j2", title=_(metric.label), items=items, not_drawn=not_drawn,
                   not_drawn_note=_("Not on the map (no shape in the boundaries): {states}; the table lists them."))


def make_outline_svg(outline: WorldOutline) -> Markup:
    """Every state's shape, pale and keyed by ISO3 (data-shape), in the whole world's frame: drawn once per
    page, then each view only recolours it (make_world_view), which is far cheaper than drawing it again."""
    return _render("world_outline.svg.j2", view_box=_view_box(outline, [], zoom=False), land_color=LAND_COLOR,
                   paths=sorted(outline.paths.items()))


def make_world_view(binned: pd.DataFrame, metric: Metric, outline: WorldOutline, zoom_to_states: bool = False) -> dict:
    """What one view changes on the outline (JSON): the frame; each shown state's ISO3, bin colour and hover text
    (state, value, as of, source: text, never markup); dots for small states; the legend and the not-drawn note.

    Shown states become states for the page's script (hover, click or Enter opens one; one Tab stop per view,
    the arrow keys move between states); other land stays pale; grey means no figure. The legend names each
    bin with its count of states."""
    colors = legend_colors(metric)
    tips = dict(zip(binned["iso3"], tooltip_lines(binned), strict=True))
    fills = {iso3: colors[label] for iso3, label in zip(binned["iso3"], binned["bin"], strict=True)}
    dots = [(iso3, fills[iso3], tips[iso3], x, y) for iso3, (x, y) in outline.dots.items() if iso3 in fills]
    return {
        "viewBox": _view_box(outline, list(fills), zoom_to_states),
        "states": [[iso3, fill, tips[iso3]] for iso3, fill in fills.items() if iso3 in outline.paths],
        "dots": _render("world_dots.svg.j2", dots=dots),
        "legend": _legend(metric, binned, outline),
    }


def make_ranked_bars_html(binned: pd.DataFrame, metric: Metric, top: int = 15) -> Markup:
    """The states with the highest figure, one row each (name, bar, value); states with no figure are left to
    the table. A categorical metric ranks by its legend order with full-length bars in the bin's colour."""
    ranked = top_states(binned, metric, top)
    if metric.categorical:
        shares = [100.0] * len(ranked)
    else:
        highest = ranked["value"].max() if len(ranked) else 0
        shares = [100.0 * v / highest if highest > 0 else 0.0 for v in ranked["value"]]
    colors = legend_colors(metric)
    rows = [(iso3, state, value, colors[label], share, tip)
            for iso3, state, value, label, share, tip in zip(ranked["iso3"], ranked["state"], ranked["value_text"].astype(str),
                                                              ranked["bin"], shares, tooltip_lines(ranked), strict=True)]
    return _render("ranked_bars.html.j2", rows=rows, unit=_(metric.unit) if metric.unit else "",
                   empty=_("No state shown has a figure."))
