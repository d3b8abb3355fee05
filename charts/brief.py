"""A one-page A4 PDF brief of a state, drawn with matplotlib: no browser, no network, fonts bundled."""
from __future__ import annotations

import io
import textwrap
from collections.abc import Iterator

import matplotlib as mpl
from matplotlib.figure import Figure  # not pyplot: no GUI backend, safe in Streamlit's script threads
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

from domain.country import CountryProfile, Projection
from domain.country_page import CountryPage, StateMarkdown, Timeline, build_country_page
from domain.country_page import Figure as PageFigure
from domain.membership import MEMBERSHIP_LABELS
from domain.sources import source_label
from domain.state_page import IAEvent, PublishedPage
from i18n import NOT_REPORTED, _, format_figure, translate_message, using_language

A4_INCHES = (8.27, 11.69)
FONT = "DejaVu Sans"
LEFT, BODY, RIGHT, BOTTOM = 0.06, 0.07, 0.94, 0.03  # margins and the body's indent, in page fractions
LINE = 0.0155  # one line of body text, in page fractions
INDENT = "   "  # a wrapped line's continuation
MAX_NEEDS, MAX_PARTNER_LINES, MAX_SOURCES = 8, 6, 10
MAX_STATE_TEXT, MAX_EVENTS = 400, 6  # characters of each State text; IA events (the upcoming first)
_MEASURE = TextToPath()


def _width_points(text: str, size: float, weight: str) -> float:
    return _MEASURE.get_text_width_height_descent(text, FontProperties(family=FONT, size=size, weight=weight),
                                                  ismath=False)[0]


def _wrap(text: str, size: float, weight: str = "normal", x: float = BODY) -> list[str]:
    """`text` in lines that fit between x and the right margin, measured in the font drawn (a count of
    characters is not enough: French and Spanish run wider), broken at spaces, a long address anywhere."""
    room = (RIGHT - x) * A4_INCHES[0] * 72

    def fits(line: str) -> bool:
        return _width_points(line, size, weight) <= room

    lines: list[str] = []
    line = text[:len(text) - len(text.lstrip())]  # a line's own indent (a note under a figure) is kept
    for word in text.split():
        candidate = f"{line} {word}" if line.strip() else line + word
        if fits(candidate):
            line = candidate
            continue
        if line.strip():
            lines.append(line)
            line = INDENT + word
        else:
            line = candidate
        while not fits(line):  # one word wider than the line: cut it where the line is full
            cut = max(n for n in range(len(INDENT) + 1, len(line)) if fits(line[:n]))
            lines.append(line[:cut])
            line = INDENT + line[cut:]
    if line.strip():
        lines.append(line)
    return lines or [""]


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
    # Beside it, as on the page: the compiled figure a newer Article 7 report replaced, or the report's of the same year.
    for beside in filter(None, (page.figure("remaining_area_compiled"), page.figure("remaining_area_article7"))):
        yield f"{INDENT}{beside.label}: {_shown(beside)}"
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


def _state_texts(page: CountryPage, state_page: PublishedPage | None) -> Iterator[str]:
    """The State's own texts (its published page), as written: plain text, shortened, with their language noted."""
    if state_page is None:
        return
    yield _("Provided by the State (published {date})").format(date=state_page.published_at.date().isoformat())
    for block in (b for s in page.sections for b in s.blocks if isinstance(b, StateMarkdown)):
        note = f" ({block.language_note})" if block.language_note else ""
        text = " ".join(block.markdown.split())
        yield f"{block.label}{note}: {textwrap.shorten(text, MAX_STATE_TEXT, placeholder=' …')}"


def _timeline(page: CountryPage) -> Iterator[str]:
    """The Individualised Approach: upcoming events, then the latest past ones, each with its source."""
    timeline = next((b for s in page.sections for b in s.blocks if isinstance(b, Timeline)), None)
    if timeline is None:
        yield _(NOT_REPORTED)
        return
    events = [*((timeline.upcoming_title, e) for e in timeline.upcoming),
              *((timeline.past_title, e) for e in reversed(timeline.past))][:MAX_EVENTS]
    for group, event in events:
        venue = f", {event.venue}" if event.venue else ""
        documents = _(" · documents: {names}").format(names=", ".join(d.filename for d in event.documents)) \
            if event.documents else ""
        source = f" [{source_label(event.source_url)}]" if event.source_url else f" [{event.source}]"
        yield f"{group}: {event.date} · {event.kind} ({event.status}){venue}{source}{documents}"
    if len(timeline.upcoming) + len(timeline.past) > MAX_EVENTS:
        yield _("... and {count} more on the dashboard.").format(
            count=len(timeline.upcoming) + len(timeline.past) - MAX_EVENTS)


def make_country_brief_pdf(profile: CountryProfile, projection: Projection, compiled: str, language: str = "en",
                           state_page: PublishedPage | None = None, ia_events: tuple[IAEvent, ...] = (),
                           today: str | None = None) -> bytes:
    """One A4 page in `language`: key figures, outlook, the State's own texts (its published page), needs, the
    Individualised Approach, partners and the sources they come from.

    The language is passed, not read: the download is made after the page run that asked for it."""
    with using_language(language):
        return _draw(profile, projection, compiled, state_page, ia_events, today)


def _draw(profile: CountryProfile, projection: Projection, compiled: str, state_page: PublishedPage | None = None,
          ia_events: tuple[IAEvent, ...] = (), today: str | None = None) -> bytes:
    status = _(MEMBERSHIP_LABELS[profile.panel["membership_status"]])
    # The public page: contacts kept for signed-in readers never go in a file that may be passed on.
    page = build_country_page(profile, projection, state_page=state_page, ia_events=ia_events, today=today)
    name = page.header.name
    state_texts = list(_state_texts(page, state_page))
    sections = [
        (_("Key figures"), list(_key_figures(profile, page))),
        (_("Completion outlook"), [f"{_(projection.outlook)}: {translate_message(projection.reason)}",
                                   translate_message(projection.assumptions)]),
        *([(_("In the State's words"), state_texts)] if state_texts else []),
        (_("Needs and challenges stated"), list(_needs(profile))),
        *([(_("Individualised Approach"), list(_timeline(page)))] if profile.ever_joined else []),
        (_("Partnerships"), list(_partners(profile))),
        (_("Sources"), list(_sources(profile))),
    ]
    buffer = io.BytesIO()
    # Type 42 embeds the bundled DejaVu font as text a reader (and a test) can search. Text from the data is
    # printed as written: with math parsing on, two "$" (US$80 million ... US$20 million) become mathematics.
    with mpl.rc_context({"pdf.fonttype": 42, "font.family": FONT, "text.parse_math": False}):
        page = Figure(figsize=A4_INCHES)
        y = 0.955

        def write(text: str, size: float, step: float, x: float = LEFT, **style) -> None:
            nonlocal y
            for part in _wrap(text, size, style.get("weight", "normal"), x):
                if y < BOTTOM:
                    return  # one page: the dashboard holds the rest
                page.text(x, y, part, fontsize=size, va="top", **style)
                y -= step

        write(name, 22, 0.035, weight="bold")
        obligations = ", ".join(translate_message(o) for o in profile.obligations) or _("none in the data")
        write(_("{status} · obligations: {obligations}").format(status=status, obligations=obligations), 10, 0.018,
              color="#444444")
        y -= 0.002
        write(_("Mine Ban Convention dashboard brief · reference data compiled {date} · "
                "'not reported' means no source gave a figure").format(date=compiled), 8, 0.014, color="#666666")
        y -= 0.016
        for title, lines in sections:
            write(title, 13, 0.022, weight="bold")
            for line in lines:
                write(line, 8.5, LINE, x=BODY)
            y -= 0.012
        page.savefig(buffer, format="pdf", metadata={"Title": _("{state}: Mine Ban Convention brief").format(state=name)})
    return buffer.getvalue()
