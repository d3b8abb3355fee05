"""Plotly reads titles and hover templates as markup: data text goes in escaped, or as trace data, never into
the markup itself."""
import pandas as pd

from charts.slide_images import make_state_slide
from data_loaders.boundaries import load_boundaries
from domain.geography import select_neighbourhood
from pack.regional_map import make_regional_map_figure

EVIL = "<b>Côte</b> & <a href='x'>d'Ivoire</a>"


def test_a_slide_title_from_data_is_text_not_markup():
    title = make_state_slide({}, EVIL, "source").layout.title
    assert title.text == "&lt;b&gt;Côte&lt;/b&gt; &amp; &lt;a href=&#x27;x&#x27;&gt;d&#x27;Ivoire&lt;/a&gt;"
    assert title.font.weight == "bold"


def test_the_packs_regional_map_keeps_name_and_code_out_of_its_hover_template():
    neighbourhood = select_neighbourhood(load_boundaries(), "KHM")
    figure = make_regional_map_figure(EVIL, "KHM", neighbourhood, pd.DataFrame({"iso3": [], "lon": [], "lat": []}))
    trace = figure.data[0]
    assert trace.hovertemplate == "<b>%{fullData.name}</b> (%{meta})<extra></extra>"
    assert (trace.name, trace.meta) == (EVIL, "KHM")
