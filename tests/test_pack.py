"""The conference pack: pages for a few states built into a temporary folder, their sources, their
"not reported", their escaping, and no reference to anything beyond the folder."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from html.parser import HTMLParser

import pandas as pd
import plotly.graph_objects as go
import pytest
from markupsafe import escape

from charts.templating import environment
from i18n import format_date
from pack.__main__ import main
from pack.build import PLOTLY_JS, PackError, build_pack, prepare_folder
from pack.country_page import render_country_body
from pack.data import load_pack_data
from pack.html import TEMPLATES, Cell, figure_json, link, table
from tests.reference import edition

STATES = ["KHM", "AGO", "NOR", "FIN", "YEM"]
EVIL = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def data():
    return load_pack_data(dt.date(2026, 11, 27))


@pytest.fixture(scope="module")
def pack(data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("pack")
    build_pack(folder, STATES, data=data)
    return folder


@pytest.fixture(scope="module")
def french_pack(data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("pack_fr")
    build_pack(folder, ["KHM", "FIN"], data=data, language="fr")
    return folder


def _page(pack, iso3: str) -> str:
    return (pack / "country" / f"{iso3}.html").read_text(encoding="utf-8")


def _value_of(page: str, label: str) -> str:
    match = re.search(rf'<div class="label">{re.escape(label)}</div><div class="value">([^<]*)</div>', page)
    assert match, label
    return match.group(1)


class _Resources(HTMLParser):
    """Every address a page loads by itself (scripts, styles, images, frames), not the links a reader may follow."""

    def __init__(self):
        super().__init__()
        self.loaded: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            self.links.append(attrs.get("href", ""))
        elif tag in ("script", "img", "iframe", "source", "audio", "video", "embed"):
            self.loaded += [attrs["src"]] if attrs.get("src") else []
        elif tag == "link":
            self.loaded.append(attrs.get("href", ""))


def _resources(text: str) -> _Resources:
    parser = _Resources()
    parser.feed(text)
    return parser


def test_the_pack_has_an_overview_a_page_per_state_and_its_assets(pack):
    assert (pack / "index.html").is_file()
    assert sorted(p.stem for p in (pack / "country").glob("*.html")) == sorted(STATES)
    assert (pack / "assets" / "plotly.min.js").read_bytes() == PLOTLY_JS.read_bytes()
    base_map = (pack / "assets" / "world_50m.js").read_text(encoding="utf-8")
    assert base_map.startswith("window.PlotlyGeoAssets = {topojson: {world_50m: {")
    assert json.loads(base_map.split("world_50m: ", 1)[1].removesuffix("}};\n"))["type"] == "Topology"


def test_every_page_says_it_is_a_static_snapshot_and_when_the_data_was_compiled(pack, data):
    assert data.compiled == edition()
    compiled = format_date(dt.date.fromisoformat(edition()))
    for path in [pack / "index.html", *(pack / "country").glob("*.html")]:
        text = path.read_text(encoding="utf-8")
        assert f"a static snapshot built 27 November 2026 from the reference data compiled {compiled}" in text, path.name
        assert '<html lang="en">' in text, path.name


def test_no_page_loads_anything_from_the_network_and_every_link_inside_the_pack_is_relative(pack):
    for path in [pack / "index.html", *(pack / "country").glob("*.html")]:
        found = _resources(path.read_text(encoding="utf-8"))
        assert found.loaded, path.name
        assert [url for url in found.loaded if not url.startswith(("assets/", "../assets/", "data:"))] == [], path.name
        inside = [url for url in found.links if not url.startswith(("https://", "http://"))]
        assert [url for url in inside if url.startswith("/") or "://" in url] == [], path.name
    for asset in ("pack.js", "pack.css", "world_50m.js"):
        text = (pack / "assets" / asset).read_text(encoding="utf-8")
        assert not re.search(r"https?://|//[a-z]", text.replace("file://", "")), asset
    assert "@import" not in (pack / "assets" / "pack.css").read_text(encoding="utf-8")


def test_the_overview_shows_headlines_every_metric_and_links_only_the_states_built(pack):
    index = (pack / "index.html").read_text(encoding="utf-8")
    assert "Remaining AP mined area" in index and "Casualties, world" in index
    for key in ("contamination", "years_left", "outlook", "casualties", "survivors", "support", "needs"):
        assert f'id="map-{key}"' in index and f'id="ranked-{key}"' in index and f'<option value="{key}">' in index
    assert index.count('class="metric-panel"') == 7 and index.count(" hidden>") == 6  # one metric shown at a time
    assert 'href="country/KHM.html"' in index
    assert 'href="country/AFG.html"' not in index  # Afghanistan is in the table but has no page in this pack
    assert "Data source: Article 5 clearance obligations and contamination (data/article5.csv)" in index


def test_each_state_page_follows_the_outline_and_names_its_sources(pack):
    for iso3 in STATES:
        page = _page(pack, iso3)
        for heading in ("1. National context", "2. Status of implementation (Article 5)", "3. Needs and challenges",
                        "4. Maps", "6. Partnerships", "7. Contacts", "8. Additional resources"):
            assert f"<h2>{heading}</h2>" in page, (iso3, heading)
        assert "UN Treaty Collection</a>" in page, iso3
        assert 'href="https://treaties.un.org/' in page, iso3
    khm = _page(pack, "KHM")
    assert "Data source: casualties (data/casualties.csv)" in khm
    assert "as of 2024 · <a href=" in khm  # the latest casualties figure with its year and source link
    # Casualties, land release, regional map, support; no outlook: at 2023's pace the 2022 estimate would be used up.
    assert khm.count('<div class="plot"') == 4


def test_missing_figures_read_not_reported_never_zero(pack):
    fin, yem, nor = _page(pack, "FIN"), _page(pack, "YEM"), _page(pack, "NOR")
    assert _value_of(fin, "Casualties, latest year") == "not reported"
    assert _value_of(fin, "Trend against the year before") == "not reported"
    assert "Casualties by year: not reported in the sources we hold." in fin
    assert "No Article 5 clearance obligation in the data" in nor
    assert _value_of(yem, "Remaining AP mined area") == "not reported"
    assert "no estimate of the remaining anti-personnel mined area" in yem
    assert "<td>not reported</td>" in _page(pack, "KHM")  # blank cells in the data tables
    assert _value_of(fin, "Survivors (estimate)") == "not reported"


def test_every_chart_has_alternative_text_a_source_line_and_a_data_table(pack):
    for path in [pack / "index.html", *(pack / "country").glob("*.html")]:
        text = path.read_text(encoding="utf-8")
        charts = re.findall(r'<figure class="chart"><div class="plot" id="([^"]+)" role="img" aria-label="([^"]+)"></div>'
                            r'<script type="application/json" id="\1-json">([^<]*)</script>'
                            r'<figcaption>.*?<span class="source">.+?</span></figcaption>'
                            r"<details><summary>Show the data</summary><div class=\"table-wrap\"><table>", text)
        assert len(charts) == text.count('<div class="plot"'), path.name
        for _, alt, figure in charts:
            assert len(alt) > 30
            assert json.loads(figure)["data"]


def test_text_from_data_is_escaped_on_the_page(data):
    needs = data.reference.stated_needs.copy()
    needs.loc[needs["iso3"] == "KHM", "description"] = EVIL
    poisoned = dataclasses.replace(data, reference=dataclasses.replace(data.reference, stated_needs=needs))
    _, body = render_country_body(poisoned, "KHM")
    assert EVIL not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def _macro(call: str, **values) -> str:
    """One of the pack's template macros rendered on its own, as a page would render it."""
    source = '{% import "_macros.html.j2" as m %}' + call
    return environment(TEMPLATES).from_string(source).render(**values)


def test_escaping_helpers_never_let_markup_or_script_links_through():
    assert str(escape(EVIL)) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert str(escape('" onmouseover="x')) == "&#34; onmouseover=&#34;x"
    assert link("javascript:alert(1)") == Cell("javascript:alert(1)")  # shown as text, not a link
    assert _macro("{{ m.cell(c) }}", c=link("javascript:alert(1)")) == "javascript:alert(1)"
    assert _macro("{{ m.cell(c) }}", c=link("https://example.org/a?b=1&c=2")) == (
        '<a href="https://example.org/a?b=1&amp;c=2" rel="noreferrer">example.org</a>')
    cells = _macro("{{ m.table(t) }}", t=table(pd.DataFrame({"need": [EVIL, None]}), {"need": "Need"}))
    assert EVIL not in cells and "<td>not reported</td>" in cells
    # A figure's JSON sits inside a <script> element: a closing tag in a label must not end it.
    payload = figure_json(go.Figure(go.Bar(x=[1], y=[2], name="</script>" + EVIL)))
    assert "<" not in payload and ">" not in payload
    assert json.loads(payload)["data"][0]["name"] == "</script>" + EVIL


def test_the_command_refuses_unknown_states_and_folders_that_hold_something_else(tmp_path, capsys):
    assert main(["build", str(tmp_path / "out"), "--states", "XXX"]) == 2
    assert "XXX" in capsys.readouterr().err
    (tmp_path / "mine.txt").write_text("keep me")
    with pytest.raises(PackError):
        prepare_folder(tmp_path)
    assert (tmp_path / "mine.txt").exists()


def test_a_french_pack_is_french_throughout_with_french_numbers_dates_and_names(french_pack):
    khm, fin = _page(french_pack, "KHM"), _page(french_pack, "FIN")
    index = (french_pack / "index.html").read_text(encoding="utf-8")
    for text in (index, khm, fin):
        assert '<html lang="fr">' in text
        assert "un instantané statique produit le 27 novembre 2026" in text
        assert f">{escape('Vue d' + chr(39) + 'ensemble')}</a>" in text
    for heading in ("1. Contexte national", "2. État de la mise en œuvre (article 5)", "4. Cartes", "7. Contacts"):
        assert f"<h2>{escape(heading)}</h2>" in khm, heading
    assert "<h1>Cambodge <span" in khm and "<title>Cambodge : " in khm
    assert "Historique de la remise à disposition des terres" in khm and "Afficher les données</summary>" in khm
    assert _value_of(khm, "Zone minée AP restante") == "800 km²"
    assert re.search(r"362,00 km²/an", khm)  # the pace (2023 alone: older figures are past the age limit), decimal comma
    assert _value_of(fin, "Victimes, dernière année") == "non communiqué"
    assert "Victimes par année : non communiqué dans les sources dont nous disposons." in fin
    assert '<th scope="col">Année</th>' in khm and "Remaining (km²)" not in khm
    # Figures in the French number format: a narrow no-break space groups thousands.
    assert "Victimes, monde" in index and re.search(r"<div class=\"value\">6\u202f279</div>", index)
    assert "<h1>Où la contamination persiste, et ce dont on a besoin</h1>" in index
    assert "Pages des États parties dans ce dossier (2)" in index and "Tous les États parties, classés" in index
    for english in ("not reported", "Show the data", "Highest figures", "Data source:", "as of "):
        assert english not in re.sub(r"<script.*?</script>", "", index + khm + fin, flags=re.S), english


def test_the_command_takes_a_language(tmp_path):
    assert main(["build", str(tmp_path / "es"), "--states", "FIN", "--lang", "es"]) == 0
    assert '<html lang="es">' in (tmp_path / "es" / "country" / "FIN.html").read_text(encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["build", str(tmp_path / "de"), "--lang", "de"])


def test_rebuilding_a_pack_with_fewer_states_leaves_no_stale_page(data, tmp_path):
    build_pack(tmp_path, ["KHM", "AGO"], data=data)
    build_pack(tmp_path, ["KHM"], data=data)
    assert [p.name for p in (tmp_path / "country").glob("*.html")] == ["KHM.html"]
