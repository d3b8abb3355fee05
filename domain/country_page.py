"""The State Party page as data: its header and the committee's eight sections, each a list of typed blocks.

Built once, in the reader's language, and drawn by thin renderers (ui.country_sections for the dashboard,
pack.country_page for the conference pack; charts.brief reads its key figures here). No Streamlit, no file I/O,
no markup: every text is plain text, every figure carries its as-of and source, and a missing figure reads
"not reported", never 0.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from config import NEED_AREAS
from domain.country import CountryProfile, Projection
from domain.geography import Neighbourhood
from domain.meetings import compiled_events
from domain.membership import MEMBERSHIP_LABELS
from domain.needs_filters import AREA_LABELS
from domain.sources import is_article7_link, source_label
from domain.state_names import state_name
from domain.state_page import (
    ALWAYS_SHOWN,
    IA_EVENT_KINDS,
    IA_STATUSES,
    RESOURCE_KINDS,
    SECTION_KEYS,
    IADocument,
    IAEvent,
    PublishedPage,
    StatePageContent,
)
from i18n import (
    N_,
    NOT_REPORTED,
    _,
    current_language,
    format_counts,
    format_decimal,
    format_figure,
    format_month_year,
    translate_message,
)

TREATY_DATES = {
    "signature_date": N_("signed"), "ratification_or_accession_date": N_("ratified or acceded"),
    "entry_into_force_date": N_("entry into force"), "withdrawal_notified_date": N_("withdrawal notified"),
    "withdrawal_effective_date": N_("withdrawal effective"),
}
# Landmine Monitor's contamination bands (config.CONTAMINATION_BANDS), marked here so their words are translated.
BANDS = (N_("massive"), N_("large"), N_("medium"), N_("small"), N_("unknown"), N_("improvised mines, extent unknown"))


# --- blocks --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Figure:
    """A headline figure: `value` is display text ("not reported" when missing); `as_of` a year or period."""
    id: str
    label: str
    value: str
    as_of: str | None
    source_url: str | None
    note: str = ""
    help: str | None = None


@dataclass(frozen=True)
class Figures:
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class Column:
    """One column of a table. kind: text, year, number (with `decimals`), integer, fractional_year, source (a link
    named by its site), page (a link showing its address), yes_no, figure_shown (the leading source's row)."""
    name: str
    header: str
    kind: str = "text"
    decimals: int = 0


@dataclass(frozen=True, eq=False)  # eq=False: a frame has no single truth value to compare
class Table:
    key: str
    frame: pd.DataFrame
    columns: tuple[Column, ...]
    as_of: str | None  # the column giving each row's as-of; None: the reference data's compile date

    @property
    def headers(self) -> dict[str, str]:
        return {column.name: column.header for column in self.columns}


@dataclass(frozen=True, eq=False)
class Chart:
    """What a renderer draws a chart from. kind: casualties, release, support (a frame), outlook (a Projection),
    regional_map (a Neighbourhood). `data` lists its figures; `table_beside` says it is shown as a table of its own
    on the dashboard (else behind "Show the data")."""
    kind: str
    key: str
    subject: object
    alt: str
    source_line: str | None
    data: Table
    table_beside: bool = False
    as_of: str | None = None
    source_url: str | None = None
    deadline: str | None = None  # the outlook's Article 5 deadline, as the chart labels it


@dataclass(frozen=True)
class Subheading:
    text: str


@dataclass(frozen=True)
class Text:
    """Interface text with data in it: (text, bold) parts, so no value from data is ever read as markup."""
    parts: tuple[tuple[str, bool], ...]
    caption: bool = False

    @property
    def plain(self) -> str:
        return "".join(text for text, _bold in self.parts)


@dataclass(frozen=True)
class Warning:
    text: str


@dataclass(frozen=True)
class Details:
    summary: str
    text: str


@dataclass(frozen=True)
class NotReported:
    """`what` the sources hold nothing for; `text` the sentence shown; `brief` when a heading already names it."""
    what: str
    text: str
    brief: bool = False


@dataclass(frozen=True)
class Outlook:
    """The completion outlook's verdict and its assumptions; `adjustable` when a reader may change the assumptions."""
    outlook: str
    reason: str
    assumptions: str
    adjustable: bool


@dataclass(frozen=True)
class Provenance:
    """Who the blocks after it come from: the State ("Provided by the State (published DATE)") or the compiled
    reference data ("Compiled from sources")."""
    text: str
    by_state: bool


@dataclass(frozen=True)
class StateMarkdown:
    """A text the State wrote, as it wrote it: Markdown drawn with any HTML shown as text and only http(s) links
    (domain.state_page.markdown_as_text / markdown_html). `language_note` says in which language it is written
    when that is not the page's ("Written in French"): it is never translated."""
    label: str
    markdown: str
    language: str
    language_note: str | None = None


@dataclass(frozen=True)
class TimelineEvent:
    """One Individualised Approach event as the timeline shows it; `source` says where it comes from (a compiled
    event's source, or "Provided by the State"), `documents` are downloads, never shown inline."""
    id: int
    kind: str
    date: str
    venue: str
    status: str
    summary: str
    source: str
    source_url: str | None
    documents: tuple[IADocument, ...] = ()
    upcoming: bool = False
    by_state: bool = False


@dataclass(frozen=True)
class Timeline:
    """The State's Individualised Approach: upcoming events first (soonest first), then past ones (by date)."""
    upcoming_title: str
    past_title: str
    upcoming: tuple[TimelineEvent, ...]
    past: tuple[TimelineEvent, ...]
    nothing_upcoming: str


Block = (Figures | Table | Chart | Subheading | Text | Warning | Details | NotReported | Outlook | Provenance
         | StateMarkdown | Timeline)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Header:
    name: str
    iso3: str
    status: str
    dates: str  # the treaty dates, "" for a state that never joined
    treaty_url: str | None
    treaty_label: str
    note: str | None  # for a state that never joined: the reference's note on it
    caption: str


@dataclass(frozen=True)
class CountryPage:
    iso3: str
    header: Header
    sections: tuple[Section, ...]

    @property
    def figures(self) -> list[Figure]:
        return [f for s in self.sections for b in s.blocks if isinstance(b, Figures) for f in b.figures]

    def figure(self, figure_id: str) -> Figure | None:
        return next((f for f in self.figures if f.id == figure_id), None)


# --- helpers -------------------------------------------------------------------------------------

def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, (str, list, tuple)) and pd.isna(value))


def _year(value: object) -> str | None:
    if _missing(value):
        return None
    return str(int(value)) if isinstance(value, (int, float)) or hasattr(value, "__int__") else str(value)


def _url(value: object) -> str | None:
    return None if _missing(value) else str(value)


def not_reported(what: str) -> NotReported:
    return NotReported(what, _("{what}: not reported in the sources we hold.").format(what=what))


def marked(template: str, **values: object) -> Text:
    """A translated template in the dashboard's Markdown ('**Label:** {value}') as parts: its **bold** is split
    off before the values go in, so a value from data can never make text bold."""
    parts = []
    for i, part in enumerate(template.split("**")):
        text = part.format(**{name: str(value) for name, value in values.items()})
        if text:
            parts.append((text, i % 2 == 1))
    return Text(tuple(parts))


def caption(text: str) -> Text:
    return Text(((text, False),), caption=True)


def _years_span(frame: pd.DataFrame) -> str:
    first, last = int(frame["year"].min()), int(frame["year"].max())
    return str(first) if first == last else f"{first}-{last}"


def _translated(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The domain's English words in these cells (a kind, a publisher) in the reader's language; data stays as is."""
    return frame.assign(**{c: frame[c].map(translate_message, na_action="ignore") for c in columns})


def _table(key: str, frame: pd.DataFrame, columns: list[tuple], as_of: str | None) -> Table:
    """`columns`: (column, N_-marked header[, kind[, decimals]]) in the order shown."""
    made = tuple(Column(name, _(header), *rest) for name, header, *rest in columns)
    return Table(key, frame.reset_index(drop=True), made, as_of)


# --- the page ------------------------------------------------------------------------------------

TITLES = {
    "national_context": N_("1. National context"), "implementation": N_("2. Status of implementation (Article 5)"),
    "needs": N_("3. Needs and challenges"), "maps": N_("4. Maps"), "individualised_approach": N_("5. Individualised Approach"),
    "partnerships": N_("6. Partnerships"), "contacts": N_("7. Contacts"), "resources": N_("8. Additional resources"),
}
NATIONAL_CONTEXT_TEXTS = {"socio_economic_impact": N_("Socio-economic impact"),
                          "gender_dimensions": N_("Gender dimensions"), "development_goals": N_("Development goals")}
WRITTEN_IN = {"en": N_("Written in English"), "fr": N_("Written in French"), "es": N_("Written in Spanish")}
DOCUMENT_TYPES = {
    "application/pdf": "PDF", "image/png": "PNG", "image/jpeg": "JPEG",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PPTX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
}


def numbered(title: str, number: int) -> str:
    """A section's (translated) title numbered by where it is shown: "6. Partnerships" shown second reads
    "2. Partnerships"."""
    return re.sub(r"^\d+", str(number), title, count=1)


def build_country_page(profile: CountryProfile, projection: Projection, neighbourhood: Neighbourhood | None = None,
                       state_page: PublishedPage | None = None, ia_events: tuple[IAEvent, ...] = (),
                       today: str | None = None, signed_in: bool = False) -> CountryPage:
    """The page in the current language. `projection` is the outlook under the reader's assumptions;
    `neighbourhood` the state's surroundings on the shipped boundaries (None: no shape for it).

    `state_page`: what the State last published (its sections' order, the ones it hides, its texts, contacts and
    resources), shown beside the compiled figures; None: the committee's order, compiled content only.
    `ia_events`: the State's Individualised Approach events (the store's, compiled ones included); empty: the
    compiled events of the reference data. `today` (ISO date) splits them into upcoming and past; `signed_in`
    shows the contacts the State keeps for signed-in readers."""
    name = state_name(profile.iso3, profile.name)
    content = state_page.content if state_page is not None else None
    provided = (Provenance(_("Provided by the State (published {date})").format(
        date=state_page.published_at.date().isoformat()), True) if state_page is not None else None)
    today = today or dt.date.today().isoformat()
    events = tuple(ia_events) or tuple(compiled_events(profile.ia_events, today))
    reports = _cites_reports(profile)
    makers = {
        "national_context": lambda: _with_state(_national_context(profile, name),
                                                _national_context_texts(content), provided, reports),
        "implementation": lambda: _with_state(_implementation(profile, projection, name), [], provided, reports),
        "needs": lambda: _with_state(_needs(profile), _needs_texts(content), provided),
        "maps": lambda: _with_state(_maps(profile, neighbourhood, name), [], provided),
        "individualised_approach": lambda: _individualised_approach(events, today),
        "partnerships": lambda: _with_state(_partnerships(profile, name), [], provided),
        "contacts": lambda: _with_state(_contacts(profile), _state_contacts(content, state_page, signed_in), provided),
        "resources": lambda: _with_state(_resources(profile), _state_resources(content, state_page), provided),
    }
    keys = [key for key in (content.shown if content is not None else SECTION_KEYS)
            if key != "individualised_approach" or profile.ever_joined]
    if ALWAYS_SHOWN not in keys:  # never hidden (check_content refuses it); kept in its place if it ever were
        keys.insert(min(SECTION_KEYS.index(ALWAYS_SHOWN), len(keys)), ALWAYS_SHOWN)
    sections = tuple(Section(key, numbered(_(TITLES[key]), number), tuple(makers[key]()))
                     for number, key in enumerate(keys, start=1))
    return CountryPage(profile.iso3, _header(profile, name), sections)


def _with_state(compiled, state: list, provided: Provenance | None, reports: bool = False) -> list:
    """A section's blocks: the State's own under "Provided by the State (published DATE)", then the compiled ones
    under "Compiled from sources", which every section says (and, where some of its figures come from the State's
    published Article 7 reports, that each figure names its source)."""
    compiled_label = Provenance(_("Compiled from sources and the State's published Article 7 reports: each figure "
                                  "names its own source") if reports else _("Compiled from sources"), False)
    return [provided, *state, compiled_label, *compiled] if state else [compiled_label, *compiled]


def _cites_reports(profile: CountryProfile) -> bool:
    """Whether a figure on the page comes from a published Article 7 report."""
    row = profile.panel
    return (_from_reports(profile.casualties).any() or _from_reports(profile.releases).any()
            or any(is_article7_link(row.get(c)) for c in ("contamination_source_url", "other_contamination_source_url")))


def _state_text(label: str, text) -> StateMarkdown:
    note = None if text.language == current_language() else _(WRITTEN_IN.get(text.language, text.language))
    return StateMarkdown(label, text.text, text.language, note)


def _national_context_texts(content: StatePageContent | None) -> list:
    if content is None:
        return []
    return [_state_text(_(label), content.texts[key]) for key, label in NATIONAL_CONTEXT_TEXTS.items()
            if key in content.texts]


def _needs_texts(content: StatePageContent | None) -> list:
    if content is None:
        return []
    blocks = [_state_text(_("Priorities"), content.texts["priorities"])] if "priorities" in content.texts else []
    return blocks + [_state_text(_(AREA_LABELS[area]).capitalize(), content.texts[f"needs_{area}"])
                     for area in NEED_AREAS if f"needs_{area}" in content.texts]


def _state_contacts(content: StatePageContent | None, state_page: PublishedPage | None, signed_in: bool) -> list:
    if content is None or not content.contacts:
        return []
    shown = [c for c in content.contacts if c.public or signed_in]
    blocks: list = []
    if shown:
        frame = pd.DataFrame([{
            "organisation": c.organisation, "role": c.role, "email": c.email, "phone": c.phone,
            "shown_to": _("everyone") if c.public else _("signed-in users only"),
            "published": state_page.published_at.date().isoformat()} for c in shown])
        blocks.append(_table(f"state_contacts_{content.iso3}", frame, [
            ("organisation", N_("Organisation")), ("role", N_("Role")), ("email", N_("Email")), ("phone", N_("Phone")),
            *([("shown_to", N_("Shown to"))] if signed_in else [])], as_of="published"))
    if len(shown) < len(content.contacts):
        blocks.append(caption(_("Contacts of the State shown to signed-in users only: {count}.").format(
            count=len(content.contacts) - len(shown))))
    return blocks


def _state_resources(content: StatePageContent | None, state_page: PublishedPage | None) -> list:
    if content is None or not content.resources:
        return []
    frame = pd.DataFrame([{"kind": _(RESOURCE_KINDS.get(r.kind, r.kind)), "label": r.label, "url": r.url,
                           "published": state_page.published_at.date().isoformat()} for r in content.resources])
    return [_table(f"state_resources_{content.iso3}", frame, [
        ("kind", N_("Kind")), ("label", N_("Resource")), ("url", N_("Page"), "page")], as_of="published")]


def document_line(document: IADocument) -> str:
    """A document as a download names it: file name, size and type ("report.pdf · 1.2 MB · PDF")."""
    size = document.size
    shown = (f"{size} B" if size < 1024 else f"{format_decimal(size / 1024, 0)} KB" if size < 1024 ** 2
             else f"{format_decimal(size / 1024 ** 2, 1)} MB")
    return f"{document.filename} · {shown} · {DOCUMENT_TYPES.get(document.content_type, document.content_type)}"


def _timeline_event(event: IAEvent, today: str) -> TimelineEvent:
    by_state = event.source is None and event.source_url is None
    source = (_("Provided by the State") if by_state
              else _("Source: {source}").format(source=event.source or event.source_url))
    return TimelineEvent(event.id, _(IA_EVENT_KINDS.get(event.kind, event.kind)), event.date, event.venue,
                         _(IA_STATUSES.get(event.status, event.status)), event.summary, source,
                         _url(event.source_url), tuple(event.documents), event.upcoming(today), by_state)


def _individualised_approach(events: tuple[IAEvent, ...], today: str):
    if not events:
        yield not_reported(_("Individualised Approach meetings"))
        return
    shown = sorted((_timeline_event(e, today) for e in events), key=lambda e: e.date)
    by_state = sum(e.by_state for e in shown)
    if by_state == len(shown):
        yield Provenance(_("Provided by the State"), True)
    elif by_state:
        yield Provenance(_("Compiled from sources and provided by the State: each event says which."), False)
    else:
        yield Provenance(_("Compiled from sources"), False)
    yield Timeline(_("Upcoming"), _("Past"), tuple(e for e in shown if e.upcoming),
                   tuple(e for e in shown if not e.upcoming), _("No meeting planned in the data."))


def _header(profile: CountryProfile, name: str) -> Header:
    row = profile.panel
    status = _(MEMBERSHIP_LABELS[row["membership_status"]])
    dates, treaty_url, note = "", None, None
    if profile.treaty is not None:
        dates = "; ".join(f"{_(label)} {profile.treaty[column]}" for column, label in TREATY_DATES.items()
                          if not _missing(profile.treaty[column]))
        treaty_url = _url(profile.treaty["source_url"])
    else:
        note = str(profile.not_party["notes"]) if profile.not_party is not None else _(NOT_REPORTED)
    obligations = ", ".join(_(o) for o in profile.obligations) or _("none in the data")
    text = _("Obligations: {obligations} · region: {region} · newest figure on this page: {newest} · each figure shows "
             "its own year and source").format(obligations=obligations, region=format_figure(row["region"]),
                                               newest=profile.newest_as_of or _(NOT_REPORTED))
    return Header(name, profile.iso3, status, dates, treaty_url, _("UN Treaty Collection"), note, text)


def _national_context(profile: CountryProfile, name: str):
    row = profile.panel
    compared = _("{year} against {previous}").format(year=_year(row["casualties_year"]),
                                                     previous=_year(row["casualties_previous_year"]))
    yield Figures((
        Figure("casualties", _("Casualties, latest year"), format_figure(row["casualties_total"]),
               _year(row["casualties_year"]), _url(row["casualties_source_url"]),
               note=_beside(profile.casualties, "casualties_total"),
               help=_("Killed and injured by mines and explosive remnants of war")),
        # The trend is computed from the casualty figures, so it cites theirs.
        Figure("casualties_trend", _("Trend against the year before"), format_figure(row["casualties_trend"]),
               compared if _year(row["casualties_previous_year"]) else None, _url(row["casualties_source_url"])),
        Figure("survivors", _("Survivors (estimate)"),
               format_figure(row["survivors_estimate"] if _missing(row["survivors_estimate"]) else
                             format_counts(row["survivors_estimate"])),
               _year(row["survivors_estimate_year"]), _url(row["va_source_url"])),
    ))
    casualties = profile.casualties
    differ = sorted(casualties.loc[casualties["sources_differ"], "year"].unique())
    if differ:
        yield Warning(_("Sources differ on casualties for {years}: every source's figure is listed below. Landmine "
                        "Monitor's figure leads where it has one.").format(years=", ".join(map(str, differ))))
    if casualties.empty:
        yield not_reported(_("Casualties by year"))
    else:
        lead = casualties[casualties["leads"]].iloc[-1]
        counts = [(c, h, "integer") for c, h in (
            ("casualties_total", N_("Casualties")), ("killed", N_("Killed")), ("injured", N_("Injured")),
            ("civilian_share_pct", N_("Civilians (%)")), ("child_casualties", N_("Children")),
            ("female_casualties", N_("Women and girls")))]
        yield Chart(
            "casualties", "casualties_chart", casualties,
            _("Bar chart: mine/ERW casualties in {state} per year, {years}; killed and injured stacked where the split "
              "is known, grey where only the total is; latest {year}: {figure}.").format(
                state=name, years=_years_span(casualties), year=int(lead["year"]),
                figure=format_figure(lead["casualties_total"])),
            _("Data source: casualties (data/casualties.csv). Where two sources give a year, both rows are listed; "
              "'Figure shown' marks the one in the chart's bars, the other is the diamond."),
            _table(f"casualties_{profile.iso3}", _named_reports(casualties), [
                ("year", N_("Year"), "year"), *counts, ("source_url", N_("Source"), "source"),
                ("leads", N_("Figure shown"), "figure_shown"), ("notes", N_("Notes"))], as_of="year"),
            table_beside=True)
    plan = row.get("national_disability_plan")
    if isinstance(plan, str):
        yield marked(_("**National disability or victim assistance plan:** {plan}"), plan=plan)


def _implementation(profile: CountryProfile, projection: Projection, name: str):
    row = profile.panel
    if not row["has_article5"]:
        yield Text(((_("No Article 5 clearance obligation in the data: no mined area under the state's control is "
                       "reported."), False),))
        return
    years_left = row["years_left"]
    left_text = "" if _missing(years_left) else (
        _("{years} years left").format(years=format_decimal(years_left, 1)) if years_left >= 0 else _("deadline passed"))
    extension = translate_message(row["extension_status"])
    yield Figures((
        Figure("article5_deadline", _("Article 5 deadline"), format_figure(row["article5_deadline"]), None,
               _url(row["article5_source_url"]), note=f"{extension}{'; ' + left_text if left_text else ''}",
               help=_("{extensions}; precision: {precision}").format(
                   extensions=extension, precision=format_figure(row["deadline_precision"]))),
        *_remaining_area(row),
        Figure("latest_release", _("Latest land release"), format_figure(row["latest_release_km2"], "km²"),
               _year(row["latest_release_year"]), _url(row["latest_release_source_url"]),
               note=_beside(profile.releases, "land_released_km2", "km²")),
    ))
    if isinstance(row["article5_notes"], str):
        yield Details(_("What the source notes say (extensions, other figures)"), row["article5_notes"])
    releases = profile.releases
    if releases.empty:
        yield not_reported(_("Land release by year"))
    else:
        lead = releases[releases["leads"]].iloc[-1]
        yield Subheading(_("Land release history"))
        yield Chart(
            "release", "release_chart", releases,
            _("Bar chart: land released in {state} per year, {years}, in km²; latest {year}: {figure}.").format(
                state=name, years=_years_span(releases), year=int(lead["year"]),
                figure=format_figure(lead["land_released_km2"], "km²")),
            _("Data source: land release (data/article5_history.csv, data/article5.csv). Where two sources give a "
              "year, both rows are listed; the other source's figure is the diamond."),
            _table(f"land_release_{profile.iso3}", _named_reports(releases), [
                ("year", N_("Year"), "year"), ("land_released_km2", N_("Land released (km²)"), "number", 2),
                ("cleared_km2", N_("Of which cleared (km²)"), "number", 2),
                ("ap_mines_destroyed", N_("AP mines destroyed"), "integer"), ("source_url", N_("Source"), "source"),
                ("leads", N_("Figure shown"), "figure_shown"),
                *([("notes", N_("Notes"))] if _from_reports(releases).any() else [])], as_of="year"),
            table_beside=True)
    yield Subheading(_("Completion outlook"))
    yield from _outlook(profile, projection)


def _remaining_area(row: pd.Series) -> tuple[Figure, ...]:
    """The remaining area that leads, and the other source's figure beside it when there is one: the compiled figure
    when a published Article 7 report is newer, or the report's when both give the same year (the compiled leads)."""
    band = format_figure(row["contamination_band"])
    band_note, band_help = _("band: {band}").format(band=band), _("Contamination band: {band}").format(band=band)
    other = row.get("other_contamination_km2")
    lead_url = _url(row["contamination_source_url"])
    shown = Figure("remaining_area", _("Remaining AP mined area"), format_figure(row["ap_contamination_km2"], "km²"),
                   _year(row["estimate_as_of"]), lead_url, note=band_note, help=band_help)
    if _missing(other):
        return (shown,)
    other_url = _url(row["other_contamination_source_url"])
    other_year = _year(row["other_estimate_as_of"])
    if is_article7_link(lead_url):  # the report is newer; the band is the compiled source's, so it goes with it
        shown = dataclasses.replace(shown, note=_("newer than the compiled figure beside it"), help=None)
        return shown, Figure("remaining_area_compiled", _("Area, compiled sources"), format_figure(other, "km²"),
                             other_year, other_url, note=band_note,
                             help=_("The remaining AP mined area the compiled sources give. {band}").format(band=band_help))
    differ = _("sources differ for {year}: both figures are shown").format(year=other_year)
    return (dataclasses.replace(shown, note=f"{band_note}; {differ}") if other != row["ap_contamination_km2"] else shown,
            Figure("remaining_area_article7", _("Area, Article 7 report"), format_figure(other, "km²"), other_year,
                   other_url, help=_("The remaining AP mined area the State's published Article 7 report gives")))


def _from_reports(frame: pd.DataFrame) -> pd.Series:
    return frame["source_url"].map(is_article7_link).astype(bool) if len(frame) else pd.Series(dtype=bool)


def _named_reports(frame: pd.DataFrame) -> pd.DataFrame:
    """A year table whose rows from published Article 7 reports name the report in their notes (their source link
    is the report's page here, which a table shows as its address)."""
    reports = _from_reports(frame)
    if not reports.any():
        return frame
    notes = frame["notes"] if "notes" in frame else pd.Series(pd.NA, index=frame.index, dtype="string")
    return frame.assign(notes=notes.astype("string").mask(reports, frame["source_url"].map(source_label)))


def _beside(frame: pd.DataFrame, value: str, unit: str = "") -> str:
    """What a latest-year figure leaves out: the other sources' figures for its year; or, when it comes from an
    Article 7 report no other source matches, the latest compiled figure (each with its source)."""
    if frame.empty or not frame["leads"].any():
        return ""
    frame = frame.sort_values(["year", "leads"], ascending=[True, False])
    lead = frame[frame["leads"]].iloc[-1]
    same_year = frame[(frame["year"] == lead["year"]) & ~frame["leads"]]
    if len(same_year):
        return _("other sources for that year: {figures}").format(figures="; ".join(
            f"{format_figure(number, unit)} ({source_label(url)})"
            for number, url in zip(same_year[value], same_year["source_url"], strict=True)))
    compiled = frame[frame["leads"] & ~_from_reports(frame)]
    if not is_article7_link(lead["source_url"]) or compiled.empty:
        return ""
    last = compiled.iloc[-1]
    return _("compiled sources: {figure} in {year} ({source})").format(
        figure=format_figure(last[value], unit), year=int(last["year"]), source=source_label(last["source_url"]))


def _outlook(profile: CountryProfile, projection: Projection):
    row = profile.panel
    yield Outlook(_(projection.outlook), translate_message(projection.reason), translate_message(projection.assumptions),
                  adjustable=not row["article5_completed"])
    if projection.projected_completion_year is None or projection.deadline_year is None:
        return
    deadline = str(row["article5_deadline"])
    points = pd.DataFrame([{
        "remaining": projection.remaining_km2, "start": projection.start_year, "pace": projection.pace_km2_per_year,
        "needed": projection.years_needed, "end": projection.projected_completion_year, "deadline": deadline,
        "as_of": _year(row["estimate_as_of"]),
    }])
    yield Chart(
        "outlook", "outlook_chart", projection,
        _("Line chart: {area} remaining at the end of {year}, falling at {pace} km² a year to zero in {end}, against "
          "the Article 5 deadline {deadline}: {outlook}.").format(
            area=format_figure(projection.remaining_km2, "km²"), year=f"{projection.start_year - 1:.0f}",
            pace=format_decimal(projection.pace_km2_per_year, 2),
            end=format_month_year(projection.projected_completion_year), deadline=format_figure(deadline),
            outlook=_(projection.outlook)),
        None,
        _table(f"outlook_{profile.iso3}", points, [
            ("remaining", N_("Remaining (km²)"), "number", 2), ("start", N_("Measured at (year)"), "fractional_year", 1),
            ("pace", N_("Pace (km²/year)"), "number", 2), ("needed", N_("Years needed"), "number", 1),
            ("end", N_("Projected completion"), "fractional_year", 1), ("deadline", N_("Article 5 deadline"))],
            as_of="as_of"),
        as_of=_year(row["estimate_as_of"]), source_url=_url(row["contamination_source_url"]), deadline=deadline)


def _needs(profile: CountryProfile):
    yield caption(_("Each need as the state or a source stated it. Amounts cover different periods (multi-year plans, "
                    "one-year gaps) and some are parts of others, so they are never added up."))
    for area in NEED_AREAS:
        needs = profile.needs[profile.needs["need_category"] == area]
        heading = _("{area} ({count})").format(area=_(AREA_LABELS[area]).capitalize(), count=len(needs))
        yield Subheading(heading)
        if needs.empty:
            yield NotReported(heading, _(NOT_REPORTED), brief=True)
            continue
        yield _table(f"needs_{area}_{profile.iso3}", needs, [
            ("description", N_("Need")), ("amount_usd_million", N_("US$ million"), "number", 2),
            ("period", N_("Period")), ("source_url", N_("Source"), "source"), ("notes", N_("Notes"))], as_of="period")


def states_in_view(neighbourhood: Neighbourhood) -> pd.DataFrame:
    """The states whose shapes reach into the map's view (the state first, then by name in the reader's language),
    for the map's "show the data" table."""
    view = neighbourhood
    shapes = neighbourhood.shapes.cx[view.west:view.east, view.south:view.north]
    shapes = shapes[shapes["is_state"]].drop_duplicates(subset="iso3")
    return pd.DataFrame({
        "iso3": shapes["iso3"], "name": [state_name(i, n) for i, n in zip(shapes["iso3"], shapes["name"], strict=True)],
        "shown": shapes["is_selected"].map({True: _("the state (red)"), False: _("neighbour")}),
        "selected": shapes["is_selected"],
    }).sort_values(["selected", "name"], ascending=[False, True]).drop(columns="selected")


def _maps(profile: CountryProfile, neighbourhood: Neighbourhood | None, name: str):
    if neighbourhood is None:
        yield not_reported(_("A boundary for {state} in the shipped Natural Earth 1:50m map").format(state=name))
        return
    shown = states_in_view(neighbourhood)
    neighbours = shown.loc[shown["iso3"] != profile.iso3, "name"].tolist()
    alt = (_("Map: {state} in red with its neighbours: {neighbours}.").format(state=name, neighbours=", ".join(neighbours))
           if neighbours else _("Map: {state} in red.").format(state=name))
    yield Chart(
        "regional_map", "regional_map", neighbourhood, alt,
        _("{state} (red) and its neighbours. Boundaries: Natural Earth 1:50m (public domain), drawn locally. "
          "Sub-national hazard areas: not reported (no state's published data is held yet).").format(state=name),
        _table(f"regional_map_{profile.iso3}", shown, [
            ("name", N_("State")), ("iso3", "ISO3"), ("shown", N_("On the map"))], as_of=None))


def _partnerships(profile: CountryProfile, name: str):
    row = profile.panel
    yield Figures((Figure(
        "support", _("International support received"),
        format_figure(row["support_latest_usd_million"], "US$ million"), _year(row["support_latest_year"]),
        _url(row["support_source_url"])),))
    totals = profile.support_totals.dropna(subset=["usd_million"])
    if totals.empty:
        yield not_reported(_("International support received"))
    else:
        latest = totals.iloc[-1]
        yield Subheading(_("Support received per year"))
        yield Chart(
            "support", "support_chart", totals,
            _("Bar chart: international support received by {state} per year, {years}, in US$ million; latest "
              "{year}: US${amount} million.").format(state=name, years=_years_span(totals), year=int(latest["year"]),
                                                     amount=format_decimal(latest["usd_million"], 2)),
            _("Data source: international support by recipient (data/support_by_recipient.csv), Landmine Monitor's "
              "recipient totals. Donor rows below are partial and never added up to make a total."),
            _table(f"support_{profile.iso3}", totals, [
                ("year", N_("Year"), "year"), ("usd_million", N_("US$ million"), "number", 2),
                ("source_url", N_("Source"), "source")], as_of="year"))
    if profile.support_pairs.empty:
        yield not_reported(_("Support by donor"))
        return
    yield Subheading(_("By donor and year"))
    yield _table(f"support_by_donor_{profile.iso3}", _translated(profile.support_pairs, ["kind"]), [
        ("donor", N_("Donor")), ("year", N_("Year"), "year"), ("usd_million", N_("US$ million"), "number", 2),
        ("thematic_area", N_("Area")), ("kind", N_("Kind")), ("partial_table", N_("From a partial table"), "yes_no"),
        ("sources_differ", N_("Sources differ"), "yes_no"), ("source_url", N_("Source"), "source"),
        ("notes", N_("Notes"))], as_of="year")


def _contacts(profile: CountryProfile):
    focal_point = profile.panel.get("va_focal_point")
    yield marked(_("**Victim assistance focal point:** {contact}"),
                 contact=focal_point if isinstance(focal_point, str) else _(NOT_REPORTED))
    yield marked(_("**National mine action authority:** {contact}"), contact=_(NOT_REPORTED))


def _resources(profile: CountryProfile):
    if profile.resources.empty:
        yield not_reported(_("Cited pages"))
        return
    yield caption(_("Only pages our data cites for this state, grouped by publisher."))
    yield _table(f"cited_pages_{profile.iso3}", _translated(profile.resources, ["publisher"]), [
        ("publisher", N_("Publisher")), ("url", N_("Page"), "page"), ("rows_citing", N_("Figures citing it"), "integer")],
        as_of=None)
