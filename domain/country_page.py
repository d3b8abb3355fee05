"""The State Party page as data: its header and the committee's eight sections, each a list of typed blocks.

Built once, in the reader's language, and drawn by thin renderers (ui.country_sections for the dashboard,
pack.country_page for the conference pack; charts.brief reads its key figures here). No Streamlit, no file I/O,
no markup: every text is plain text, every figure carries its as-of and source, and a missing figure reads
"not reported", never 0.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from config import NEED_AREAS
from domain.country import CountryProfile, Projection
from domain.geography import Neighbourhood
from domain.membership import MEMBERSHIP_LABELS
from domain.needs_filters import AREA_LABELS
from domain.state_names import state_name
from i18n import N_, NOT_REPORTED, _, format_counts, format_decimal, format_figure, format_month_year, translate_message

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


Block = Figures | Table | Chart | Subheading | Text | Warning | Details | NotReported | Outlook


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

def build_country_page(profile: CountryProfile, projection: Projection,
                       neighbourhood: Neighbourhood | None = None) -> CountryPage:
    """The page in the current language. `projection` is the outlook under the reader's assumptions;
    `neighbourhood` the state's surroundings on the shipped boundaries (None: no shape for it)."""
    name = state_name(profile.iso3, profile.name)
    sections = [
        Section("national_context", _("1. National context"), tuple(_national_context(profile, name))),
        Section("implementation", _("2. Status of implementation (Article 5)"),
                tuple(_implementation(profile, projection, name))),
        Section("needs", _("3. Needs and challenges"), tuple(_needs(profile))),
        Section("maps", _("4. Maps"), tuple(_maps(profile, neighbourhood, name))),
    ]
    if profile.ever_joined:
        sections.append(Section("individualised_approach", _("5. Individualised Approach"),
                                tuple(_individualised_approach(profile))))
    sections += [
        Section("partnerships", _("6. Partnerships"), tuple(_partnerships(profile, name))),
        Section("contacts", _("7. Contacts"), tuple(_contacts(profile))),
        Section("resources", _("8. Additional resources"), tuple(_resources(profile))),
    ]
    return CountryPage(profile.iso3, _header(profile, name), tuple(sections))


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
    alternatives = row.get("casualties_alternatives")
    compared = _("{year} against {previous}").format(year=_year(row["casualties_year"]),
                                                     previous=_year(row["casualties_previous_year"]))
    yield Figures((
        Figure("casualties", _("Casualties, latest year"), format_figure(row["casualties_total"]),
               _year(row["casualties_year"]), _url(row["casualties_source_url"]),
               note="" if _missing(alternatives) else _("other sources for that year: {figures}").format(
                   figures=alternatives),
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
            _table(f"casualties_{profile.iso3}", casualties, [
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
    band = format_figure(row["contamination_band"])
    alternatives = row["latest_release_alternatives"]
    yield Figures((
        Figure("article5_deadline", _("Article 5 deadline"), format_figure(row["article5_deadline"]), None,
               _url(row["article5_source_url"]), note=f"{extension}{'; ' + left_text if left_text else ''}",
               help=_("{extensions}; precision: {precision}").format(
                   extensions=extension, precision=format_figure(row["deadline_precision"]))),
        Figure("remaining_area", _("Remaining AP mined area"), format_figure(row["ap_contamination_km2"], "km²"),
               _year(row["estimate_as_of"]), _url(row["article5_source_url"]), note=_("band: {band}").format(band=band),
               help=_("Contamination band: {band}").format(band=band)),
        Figure("latest_release", _("Latest land release"), format_figure(row["latest_release_km2"], "km²"),
               _year(row["latest_release_year"]), _url(row["latest_release_source_url"]),
               note="" if _missing(alternatives) else _("other sources for that year: {figures} km²").format(
                   figures=alternatives)),
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
            _table(f"land_release_{profile.iso3}", releases, [
                ("year", N_("Year"), "year"), ("land_released_km2", N_("Land released (km²)"), "number", 2),
                ("cleared_km2", N_("Of which cleared (km²)"), "number", 2),
                ("ap_mines_destroyed", N_("AP mines destroyed"), "integer"), ("source_url", N_("Source"), "source"),
                ("leads", N_("Figure shown"), "figure_shown")], as_of="year"),
            table_beside=True)
    yield Subheading(_("Completion outlook"))
    yield from _outlook(profile, projection)


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
        as_of=_year(row["estimate_as_of"]), source_url=_url(row["article5_source_url"]), deadline=deadline)


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


def _individualised_approach(profile: CountryProfile):
    if profile.ia_events.empty:
        yield not_reported(_("Individualised Approach meetings"))
        return
    events = profile.ia_events.assign(source=profile.ia_events["source_url"].fillna(profile.ia_events["source"]))
    yield _table(f"individualised_approach_{profile.iso3}", events, [
        ("date", N_("Date")), ("event", N_("Event")), ("venue", N_("Venue")), ("source", N_("Source"), "source"),
        ("notes", N_("Notes"))], as_of="date")


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
