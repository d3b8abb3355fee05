"""A one-page A4 PDF brief of a state, drawn with matplotlib: no browser, no network, fonts bundled."""
from __future__ import annotations

import io
import textwrap
from collections.abc import Iterator

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure  # not pyplot: no GUI backend, safe in Streamlit's script threads

from domain.country import CountryProfile, Projection
from domain.membership import MEMBERSHIP_LABELS
from domain.preference import source_label

A4_INCHES = (8.27, 11.69)
LINE = 0.0155  # one line of body text, in page fractions
WRAP = 105  # characters per line of body text
MAX_NEEDS, MAX_PARTNER_LINES, MAX_SOURCES = 8, 6, 10
NOT_REPORTED = "not reported"


def _figure(value, unit: str = "", year=None, url=None) -> str:
    if value is None or pd.isna(value):
        return NOT_REPORTED
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value}"
    parts = [text + (f" {unit}" if unit else "")]
    if year is not None and not pd.isna(year):
        parts.append(f"(as of {int(year)})")
    if url is not None and not pd.isna(url):
        parts.append(f"[{source_label(url)}]")
    return " ".join(parts)


def _key_figures(profile: CountryProfile) -> Iterator[str]:
    row = profile.panel
    yield f"Article 5 deadline: {_figure(row['article5_deadline'], url=row['article5_source_url'])}; {row['extension_status']}"
    yield ("Remaining anti-personnel mined area: "
           f"{_figure(row['ap_contamination_km2'], 'km²', row['estimate_as_of'], row['article5_source_url'])}"
           f", band {row['contamination_band'] if not pd.isna(row['contamination_band']) else NOT_REPORTED}")
    yield ("Latest land release: "
           f"{_figure(row['latest_release_km2'], 'km²', row['latest_release_year'], row['latest_release_source_url'])}")
    yield ("Casualties, latest year: "
           f"{_figure(row['casualties_total'], '', row['casualties_year'], row['casualties_source_url'])}")
    if not pd.isna(row["casualties_alternatives"]):
        yield f"   other sources for that year: {row['casualties_alternatives']}"
    yield f"Survivors (estimate): {_figure(row['survivors_estimate'], '', row['survivors_estimate_year'], row['va_source_url'])}"
    yield ("International support received, latest year: "
           f"{_figure(row['support_latest_usd_million'], 'US$ million', row['support_latest_year'], row['support_source_url'])}")


def _needs(profile: CountryProfile) -> Iterator[str]:
    if profile.needs.empty:
        yield NOT_REPORTED
        return
    for _, need in profile.needs.head(MAX_NEEDS).iterrows():
        amount = _figure(need["amount_usd_million"], "US$ million")
        description = textwrap.shorten(need["description"], 140, placeholder=" …")
        yield (f"{need['need_category'].replace('_', ' ')} ({need['period']}): {description} "
               f"— {amount} [{source_label(need['source_url'])}]")
    if len(profile.needs) > MAX_NEEDS:
        yield f"... and {len(profile.needs) - MAX_NEEDS} more on the dashboard (amounts cover different periods: never added)."


def _partners(profile: CountryProfile) -> Iterator[str]:
    totals = profile.support_totals.dropna(subset=["usd_million"]).tail(5)
    if not totals.empty:
        yield "Received (recipient totals, US$ million): " + "; ".join(
            f"{int(r.year)}: {r.usd_million:,.2f}" for r in totals.itertuples()) + f" [{source_label(totals['source_url'].iloc[-1])}]"
    pairs = profile.support_pairs
    if not pairs.empty:
        latest = pairs.sort_values("year").groupby("donor").tail(1).sort_values("year", ascending=False)
        for row in latest.head(MAX_PARTNER_LINES).itertuples():
            amount = _figure(row.usd_million, "US$ million")
            yield f"{row.donor}, {int(row.year)}: {amount}, {row.kind}"
        if len(latest) > MAX_PARTNER_LINES:
            yield f"... {len(latest) - MAX_PARTNER_LINES} more donors on the dashboard."
    if totals.empty and pairs.empty:
        yield NOT_REPORTED


def _sources(profile: CountryProfile) -> Iterator[str]:
    if profile.resources.empty:
        yield NOT_REPORTED
        return
    for row in profile.resources.head(MAX_SOURCES).itertuples():
        yield f"{row.publisher}: {row.url}"
    if len(profile.resources) > MAX_SOURCES:
        yield f"... and {len(profile.resources) - MAX_SOURCES} more cited pages on the dashboard."


def make_country_brief_pdf(profile: CountryProfile, projection: Projection, compiled: str) -> bytes:
    """One A4 page: key figures, outlook, needs, partners and the sources they come from."""
    status = MEMBERSHIP_LABELS[profile.panel["membership_status"]]
    sections = [
        ("Key figures", list(_key_figures(profile))),
        ("Completion outlook", [f"{projection.outlook}: {projection.reason}", projection.assumptions]),
        ("Needs and challenges stated", list(_needs(profile))),
        ("Partnerships", list(_partners(profile))),
        ("Sources", list(_sources(profile))),
    ]
    buffer = io.BytesIO()
    # Type 42 embeds the bundled DejaVu font as text a reader (and a test) can search.
    with mpl.rc_context({"pdf.fonttype": 42, "font.family": "DejaVu Sans"}):
        page = Figure(figsize=A4_INCHES)
        y = 0.955
        page.text(0.06, y, profile.name, fontsize=22, weight="bold", va="top")
        y -= 0.035
        obligations = ", ".join(profile.obligations) or "none in the data"
        page.text(0.06, y, f"{status} · obligations: {obligations}", fontsize=10, va="top", color="#444444")
        y -= 0.02
        page.text(0.06, y, f"Mine Ban Convention dashboard brief · reference data compiled {compiled} · "
                  "'not reported' means no source gave a figure", fontsize=8, va="top", color="#666666")
        y -= 0.03
        for title, lines in sections:
            page.text(0.06, y, title, fontsize=13, weight="bold", va="top")
            y -= 0.022
            for line in lines:
                for part in textwrap.wrap(line, WRAP, subsequent_indent="   ") or [""]:
                    if y < 0.03:
                        break  # one page: the dashboard holds the rest
                    page.text(0.07, y, part, fontsize=8.5, va="top")
                    y -= LINE
            y -= 0.012
        page.savefig(buffer, format="pdf", metadata={"Title": f"{profile.name}: Mine Ban Convention brief"})
    return buffer.getvalue()
