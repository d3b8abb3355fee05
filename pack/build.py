"""Write the pack: index.html, country/ISO3.html per state, assets/ (plotly.js, base map, script, style)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from collections.abc import Mapping
from pathlib import Path

import plotly

from domain.state_page import IAEvent, PublishedPage
from i18n import DEFAULT_LANGUAGE, LANGUAGES, _, format_date, using_language
from pack.country_page import render_country_body
from pack.data import PackData, base_map_script, load_pack_data
from pack.html import page
from pack.overview_page import render_overview_body

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
OWN_ASSETS = Path(__file__).parent / "assets"
MARKER = Path("assets") / "pack.js"  # a folder holding this file is an earlier pack, safe to rebuild


class PackError(Exception):
    """A reason the pack cannot be written, for the command to print."""


def snapshot_note(data: PackData) -> str:
    return _("Conference pack: a static snapshot built {built} from the reference data compiled {compiled}. Nothing "
                 "here updates or goes online; the live dashboard has the current figures.").format(
        built=format_date(data.on), compiled=data.compiled_on())


def prepare_folder(outdir: Path) -> None:
    """An empty or new folder, or an earlier pack (its country pages are removed so none goes stale)."""
    if outdir.exists() and any(outdir.iterdir()) and not (outdir / MARKER).exists():
        raise PackError(f"{outdir} is not empty and holds no earlier pack; choose an empty or new folder")
    for old in (outdir / "country").glob("*.html"):
        old.unlink()
    (outdir / "country").mkdir(parents=True, exist_ok=True)
    (outdir / "assets").mkdir(exist_ok=True)


def write_assets(outdir: Path) -> None:
    shutil.copyfile(PLOTLY_JS, outdir / "assets" / "plotly.min.js")
    (outdir / "assets" / "world_50m.js").write_text(base_map_script(), encoding="utf-8")
    for asset in OWN_ASSETS.iterdir():
        shutil.copyfile(asset, outdir / "assets" / asset.name)


def build_pack(outdir: Path, states: list[str] | None = None, on: dt.date | None = None,
               data: PackData | None = None, language: str = DEFAULT_LANGUAGE,
               state_pages: Mapping[str, PublishedPage] | None = None,
               ia_events: Mapping[str, tuple[IAEvent, ...]] | None = None) -> list[Path]:
    """Write the pack for `states` (default: every state in data/states_parties.csv) in `language`; returns the
    pages written. `state_pages` and `ia_events` (ISO3 -> the State's published page, its IA events): what the
    caller read from the store, shown beside the compiled content (the pack never opens the store itself)."""
    if language not in LANGUAGES:
        raise PackError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    data = data or load_pack_data(on or dt.date.today())
    if state_pages is not None or ia_events is not None:
        data = dataclasses.replace(data, state_pages=dict(state_pages or data.state_pages),
                                   ia_events=dict(ia_events or data.ia_events))
    states = states or data.states
    unknown = sorted(set(states) - set(data.states))
    if unknown:
        raise PackError(f"not in data/states_parties.csv: {', '.join(unknown)}")
    outdir = Path(outdir)
    prepare_folder(outdir)
    write_assets(outdir)
    with using_language(language):
        note = snapshot_note(data)
        written = [outdir / "index.html"]
        written[0].write_text(page(_("Mine Ban Convention: overview"), render_overview_body(data, states), "", note),
                              "utf-8")
        for iso3 in states:
            title, body = render_country_body(data, iso3)
            path = outdir / "country" / f"{iso3}.html"
            path.write_text(page(_("{state}: Mine Ban Convention").format(state=title), body, "../", note), "utf-8")
            written.append(path)
    return written
