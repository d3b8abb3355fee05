"""A one-page A4 PDF brief of a state, drawn with matplotlib: no browser, no network, fonts bundled."""
from __future__ import annotations

import io
import textwrap
from collections.abc import Iterator

import matplotlib as mpl
from matplotlib.figure import Figure  # not pyplot: no GUI backend, safe in Streamlit's script threads

from domain.country import CountryProfile, Projection
from domain.country_page import CountryPage, build_country_page
from domain.country_page import Figure as PageFigure
from domain.membership import MEMBERSHIP_LABELS
from domain.sources import source_label
from i18n import NOT_REPORTED, _, format_figure, translate_message, using_language

A4_INCHES = (8.27, 11.69)
LINE = 0.0155  # one line of body text, in page fractions
WRAP = 105  # characters per line of body text
MAX_NEEDS, MAX_PARTNER_LINES, MAX_SOURCES = 8, 6, 10


def _shown(figure: PageFigure | None) -> str:
    """A figure of the page as the brief prints it: value (as of year) [source site], or 'not reported'."""
    if figure is None or figure.value == _(NOT_REPORTED):
        return _(NOT_REPORTED)
    parts = [figure.value]
    if figure.as_of:
        parts.append(_("(as of {year})").format(year=figure.as_of))
    if figure.source_url:
        parts.append(f"[{source_label(figure.source_url)}]")
    return " ".join(parts)


def _key_figures(profile: CountryProfile, page: CountryPage) -> Iterator[str]:
    """The page's own figures (domain.country_page): the brief never computes one of its own."""
    row = profile.panel
    yield _("Article 5 deadline: {figure}; {status}").format(
        figure=_shown(page.figure("article5_deadline")), status=translate_message(row["extension_status"]))
    area = page.figure("remaining_area")
    yield _("Remaining anti-personnel mined area: {figure}, band {band}").format(
        figure=_shown(area), band=format_figure(row["contamination_band"]))
    yield _("Latest land release: {figure}").format(figure=_shown(page.figure("latest_release")))
    casualties = page.figure("casualties")
    yield _("Casualties, latest year: {figure}").format(figure=_shown(casualties))
    if casualties is not None and casualties.note:
        yield "   " + casualties.note
    yield _("Survivors (estimate): {figure}").format(figure=_shown(page.figure("survivors")))
    yield _("International support received, latest year: {figure}").format(figure=_shown(page.figure("support")))


def _needs(profile: CountryProfile) -> Iterator[str]:
    if profile.needs.empty:
        yield _(NOT_REPORTED)
        return
    for need in profile.needs.head(MAX_NEEDS).to_dict("records"):
        amount = format_figure(need["amount_usd_million"], "US$ million")
        description = textwrap.shorten(need["description"], 140, placeholder=" …")
        yield (f"{_(need['need_category'].replace('_', ' '))} ({need['period']}): {description} "
               f"— {amount} [{source_label(need['source_url'])}]")
    if len(profile.needs) > MAX_NEEDS:
        yield _("... and {count} more on the dashboard (amounts cover different periods: never added).").format(
            count=len(profile.needs) - MAX_NEEDS)


def _partners(profile: CountryProfile) -> Iterator[str]:
    totals = profile.support_totals.dropna(subset=["usd_million"]).tail(5)
    if not totals.empty:
        yield _("Received (recipient totals, US$ million): {figures}").format(figures="; ".join(
            f"{int(r.year)}: {format_figure(round(r.usd_million, 2))}" for r in totals.itertuples())) + \
            f" [{source_label(totals['source_url'].iloc[-1])}]"
    pairs = profile.support_pairs
    if not pairs.empty:
        latest = pairs.sort_values("year").groupby("donor").tail(1).sort_values("year", ascending=False)
        for row in latest.head(MAX_PARTNER_LINES).itertuples():
            amount = format_figure(row.usd_million, "US$ million")
            yield f"{row.donor}, {int(row.year)}: {amount}, {translate_message(row.kind)}"
        if len(latest) > MAX_PARTNER_LINES:
            yield _("... {count} more donors on the dashboard.").format(count=len(latest) - MAX_PARTNER_LINES)
    if totals.empty and pairs.empty:
        yield _(NOT_REPORTED)


def _sources(profile: CountryProfile) -> Iterator[str]:
    if profile.resources.empty:
        yield _(NOT_REPORTED)
        return
    for row in profile.resources.head(MAX_SOURCES).itertuples():
        yield f"{_(row.publisher)}: {row.url}"
    if len(profile.resources) > MAX_SOURCES:
        yield _("... and {count} more cited pages on the dashboard.").format(count=len(profile.resources) - MAX_SOURCES)


def make_country_brief_pdf(profile: CountryProfile, projection: Projection, compiled: str, language: str = "en") -> bytes:
    """One A4 page in `language`: key figures, outlook, needs, partners and the sources they come from.

    The language is passed, not read: the download is made after the page run that asked for it."""
    with using_language(language):
        return _draw(profile, projection, compiled)


def _draw(profile: CountryProfile, projection: Projection, compiled: str) -> bytes:
    status = _(MEMBERSHIP_LABELS[profile.panel["membership_status"]])
    page = build_country_page(profile, projection)
    name = page.header.name
    sections = [
        (_("Key figures"), list(_key_figures(profile, page))),
        (_("Completion outlook"), [f"{_(projection.outlook)}: {translate_message(projection.reason)}",
                                   translate_message(projection.assumptions)]),
        (_("Needs and challenges stated"), list(_needs(profile))),
        (_("Partnerships"), list(_partners(profile))),
        (_("Sources"), list(_sources(profile))),
    ]
    buffer = io.BytesIO()
    # Type 42 embeds the bundled DejaVu font as text a reader (and a test) can search.
    with mpl.rc_context({"pdf.fonttype": 42, "font.family": "DejaVu Sans"}):
        page = Figure(figsize=A4_INCHES)
        y = 0.955
        page.text(0.06, y, name, fontsize=22, weight="bold", va="top")
        y -= 0.035
        obligations = ", ".join(translate_message(o) for o in profile.obligations) or _("none in the data")
        page.text(0.06, y, _("{status} · obligations: {obligations}").format(status=status, obligations=obligations),
                  fontsize=10, va="top", color="#444444")
        y -= 0.02
        page.text(0.06, y, _("Mine Ban Convention dashboard brief · reference data compiled {date} · "
                             "'not reported' means no source gave a figure").format(date=compiled),
                  fontsize=8, va="top", color="#666666")
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
        page.savefig(buffer, format="pdf", metadata={"Title": _("{state}: Mine Ban Convention brief").format(state=name)})
    return buffer.getvalue()
