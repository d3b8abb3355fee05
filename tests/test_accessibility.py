"""Accessibility that can be checked in code: every chart has a description for screen readers, and every
legend's colours stay apart for people with protanopia, deuteranopia or tritanopia."""
import ast
import itertools
from pathlib import Path

import numpy as np
import pytest

from charts.country import INJURED, KILLED, OTHER_SOURCE, TOTAL_ONLY
from charts.gaps import OUTLOOK_COLORS
from charts.legend import legend_colors
from domain.overview import METRICS

ROOT = Path(__file__).resolve().parents[1]
UI_FILES = sorted([*(ROOT / "app_pages").glob("*.py"), *(ROOT / "ui").glob("*.py"), ROOT / "dashboard.py"])


def _calls(name: str):
    for path in UI_FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and name in (getattr(node.func, "attr", None), getattr(node.func, "id", None)):
                yield path, node


def test_every_chart_goes_through_render_chart_with_a_description():
    # render_world_map and render_svg_view: the overview's server-drawn map and bars
    charts = [*_calls("render_chart"), *_calls("render_svg_view"), *_calls("render_world_map")]
    assert len(charts) >= 8  # call sites, not charts: the State Party page draws its charts from one loop
    for path, call in charts:
        assert "alt" in {k.arg for k in call.keywords}, f"{path.name}:{call.lineno} has no alt text"
    direct = [(p.name, c.lineno) for p, c in _calls("plotly_chart") if p.name != "components.py"]
    assert direct == [], "plotly charts must use ui.components.render_chart (alt text, presenter scale, data table)"


def test_the_regional_map_has_a_description():
    maps = list(_calls("pydeck_chart"))
    assert maps and all("alt" in {k.arg for k in call.keywords} for _, call in maps)


# Machado, Oliveira and Fernandes (2009), severity 1.0, applied to linear RGB.
CVD = {
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]),
}
SRGB_TO_XYZ = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
WHITE = SRGB_TO_XYZ.sum(axis=1)
MIN_DELTA_E = 10  # CIE76; about what a viewer tells apart at a glance in a legend


def _linear(color: str) -> np.ndarray:
    rgb = np.array([int(color.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)])
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def _lab(linear: np.ndarray) -> np.ndarray:
    xyz = SRGB_TO_XYZ @ np.clip(linear, 0, 1) / WHITE
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _closest_pair(colors: list[str], vision: np.ndarray | None) -> float:
    seen = [_lab(_linear(c) if vision is None else vision @ _linear(c)) for c in colors]
    return min(float(np.linalg.norm(a - b)) for a, b in itertools.combinations(seen, 2))


LEGENDS = {
    **{f"overview {key}": list(legend_colors(metric).values()) for key, metric in METRICS.items()},
    "gaps outlook": list(OUTLOOK_COLORS.values()),
    "casualties chart": [KILLED, INJURED, TOTAL_ONLY, OTHER_SOURCE],
}


@pytest.mark.parametrize("legend", sorted(LEGENDS))
@pytest.mark.parametrize("vision", [None, *CVD])
def test_legend_colours_stay_apart_for_every_colour_vision(legend, vision):
    assert _closest_pair(LEGENDS[legend], CVD.get(vision)) >= MIN_DELTA_E, (legend, vision)


def test_the_check_catches_a_red_and_green_pair():
    # Far apart for most viewers, nearly the same colour for people with deuteranopia.
    assert _closest_pair(["#d6604d", "#4daf4a"], None) >= MIN_DELTA_E
    assert _closest_pair(["#d6604d", "#4daf4a"], CVD["deuteranopia"]) < MIN_DELTA_E
