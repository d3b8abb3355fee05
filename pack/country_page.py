"""One State Party's page in the cooperation committee's outline, as the dashboard's ui/country_sections.py shows it.

Same sections, figures and tables; the outlook uses the default assumptions since a static page has no controls.
"""
from __future__ import annotations

import pandas as pd

from charts.country import make_casualties_figure, make_outlook_figure, make_release_figure, make_support_figure
from config import NEED_AREAS
from domain.country import CountryProfile, Projection
from domain.geography import select_neighbourhood
from domain.membership import MEMBERSHIP_LABELS
from pack.data import PackData
from i18n import format_figure
from pack.html import NOT_REPORTED, as_of_and_source, chart, esc, link, not_reported, number, table
from pack.regional_map import make_regional_map_figure, states_in_view

TREATY_DATES = {
    "signature_date": "signed", "ratification_or_accession_date": "ratified or acceded",
    "entry_into_force_date": "entry into force", "withdrawal_notified_date": "withdrawal notified",
    "withdrawal_effective_date": "withdrawal effective",
}
SOURCE = {"source_url": link}
YEAR = {"year": lambda year: esc(int(year))}  # 2023, not "2,023"
LEADS = {"leads": lambda leads: "yes (bar)" if leads else "no (diamond)"}


def _year(value) -> str | None:
    return None if value is None or pd.isna(value) else str(int(value))


def _metric(label: str, value: str, as_of=None, source_url=None, note: str = "") -> str:
    extra = f'<div class="note">{esc(note)}</div>' if note else ""
    return (f'<div class="metric"><div class="label">{esc(label)}</div><div class="value">{esc(value)}</div>'
            f'<div class="source">{as_of_and_source(as_of, source_url)}</div>{extra}</div>')


def _years_span(frame: pd.DataFrame) -> str:
    first, last = int(frame["year"].min()), int(frame["year"].max())
    return str(first) if first == last else f"{first}-{last}"


def render_header(profile: CountryProfile) -> str:
    row = profile.panel
    status = MEMBERSHIP_LABELS[row["membership_status"]]
    if profile.treaty is not None:
        dates = [f"{label} {profile.treaty[column]}" for column, label in TREATY_DATES.items()
                 if not pd.isna(profile.treaty[column])]
        treaty_link = link(profile.treaty["source_url"], "UN Treaty Collection")
        line = f"<strong>{esc(status)}</strong> · {esc('; '.join(dates))} · {treaty_link}"
    else:
        note = profile.not_party["notes"] if profile.not_party is not None else NOT_REPORTED
        line = f"<strong>{esc(status)}</strong> · {esc(note)}"
    obligations = ", ".join(profile.obligations) or "none in the data"
    return (f"<h1>{esc(profile.name)} <span class=\"iso3\">({esc(profile.iso3)})</span></h1><p>{line}</p>"
            f'<p class="caption">Obligations: {esc(obligations)} · region: {esc(format_figure(row["region"]))} · '
            f"newest figure on this page: {esc(profile.newest_as_of or NOT_REPORTED)} · "
            "each figure shows its own year and source</p>")


def render_national_context(profile: CountryProfile) -> str:
    row = profile.panel
    compared = f"{_year(row['casualties_year'])} against {_year(row['casualties_previous_year'])}"
    parts = ["<h2>1. National context</h2>", '<div class="metrics">',
             _metric("Casualties, latest year", format_figure(row["casualties_total"]), row["casualties_year"],
                     row["casualties_source_url"]),
             _metric("Trend against the year before", format_figure(row["casualties_trend"]),
                     compared if _year(row["casualties_previous_year"]) else None),
             _metric("Survivors (estimate)", format_figure(row["survivors_estimate"]), row["survivors_estimate_year"],
                     row["va_source_url"]),
             "</div>"]
    casualties = profile.casualties
    differ = sorted(casualties.loc[casualties["sources_differ"], "year"].unique())
    if differ:
        parts.append(f'<p class="warning">Sources differ on casualties for {esc(", ".join(map(str, differ)))}: every '
                     "source's figure is listed in the data. Landmine Monitor's figure leads where it has one.</p>")
    if casualties.empty:
        parts.append(not_reported("Casualties by year"))
    else:
        lead = casualties[casualties["leads"]].iloc[-1]
        alt = (f"Bar chart: mine/ERW casualties in {profile.name} per year, {_years_span(casualties)}; killed and "
               f"injured stacked where the split is known, grey where only the total is; latest {int(lead['year'])}: "
               f"{format_figure(lead['casualties_total'])}.")
        data = table(casualties, {
            "year": "Year", "casualties_total": "Casualties", "killed": "Killed", "injured": "Injured",
            "civilian_share_pct": "Civilians (%)", "child_casualties": "Children", "female_casualties": "Women and girls",
            "source_url": "Source", "leads": "Figure shown", "notes": "Notes"}, {**YEAR, **SOURCE, **LEADS})
        parts.append(chart("casualties", make_casualties_figure(casualties), alt,
                           "Data source: casualties (data/casualties.csv). Where two sources give a year, both rows are "
                           "listed; the other source's figure is the diamond.", data))
    plan = row.get("national_disability_plan")
    if isinstance(plan, str):
        parts.append(f"<p><strong>National disability or victim assistance plan:</strong> {esc(plan)}</p>")
    return "\n".join(parts)


def render_implementation(profile: CountryProfile, projection: Projection) -> str:
    row = profile.panel
    parts = ["<h2>2. Status of implementation (Article 5)</h2>"]
    if not row["has_article5"]:
        parts.append("<p>No Article 5 clearance obligation in the data: no mined area under the state's control is "
                     "reported.</p>")
        return "\n".join(parts)
    years_left = row["years_left"]
    left_text = "" if pd.isna(years_left) else (f"{years_left:.1f} years left" if years_left >= 0 else "deadline passed")
    alternatives = row["latest_release_alternatives"]
    parts += ['<div class="metrics">',
              _metric("Article 5 deadline", format_figure(row["article5_deadline"]), None, row["article5_source_url"],
                      f"{row['extension_status']}{'; ' + left_text if left_text else ''}"),
              _metric("Remaining AP mined area", format_figure(row["ap_contamination_km2"], "km²"), row["estimate_as_of"],
                      row["article5_source_url"], f"band: {format_figure(row['contamination_band'])}"),
              _metric("Latest land release", format_figure(row["latest_release_km2"], "km²"), row["latest_release_year"],
                      row["latest_release_source_url"],
                      "" if pd.isna(alternatives) else f"other sources for that year: {alternatives} km²"),
              "</div>"]
    if isinstance(row["article5_notes"], str):
        parts.append(f"<details><summary>What the source notes say (extensions, other figures)</summary>"
                     f"<p>{esc(row['article5_notes'])}</p></details>")
    releases = profile.releases
    if releases.empty:
        parts.append(not_reported("Land release by year"))
    else:
        lead = releases[releases["leads"]].iloc[-1]
        alt = (f"Bar chart: land released in {profile.name} per year, {_years_span(releases)}, in km²; latest "
               f"{int(lead['year'])}: {format_figure(lead['land_released_km2'], 'km²')}.")
        data = table(releases, {
            "year": "Year", "land_released_km2": "Land released (km²)", "cleared_km2": "Of which cleared (km²)",
            "ap_mines_destroyed": "AP mines destroyed", "source_url": "Source", "leads": "Figure shown"},
            {"land_released_km2": number(2), "cleared_km2": number(2), **YEAR, **SOURCE, **LEADS})
        parts += ["<h3>Land release history</h3>",
                  chart("release", make_release_figure(releases), alt,
                        "Data source: land release (data/article5_history.csv, data/article5.csv). Where two sources "
                        "give a year, both rows are listed; the other source's figure is the diamond.", data)]
    parts += ["<h3>Completion outlook</h3>", render_outlook(profile, projection)]
    return "\n".join(parts)


def render_outlook(profile: CountryProfile, projection: Projection) -> str:
    parts = [f"<p><strong>{esc(projection.outlook)}</strong> — {esc(projection.reason)}</p>",
             f'<p class="caption">{esc(projection.assumptions)} The live dashboard lets you change these.</p>']
    if projection.projected_completion_year is None or projection.deadline_year is None:
        return "\n".join(parts)
    deadline = str(profile.panel["article5_deadline"])
    alt = (f"Line chart: {format_figure(projection.remaining_km2, 'km²')} remaining at the end of "
           f"{projection.start_year - 1:.0f}, falling at {projection.pace_km2_per_year:,.2f} km² a year to zero in "
           f"{projection.projected_completion_year:.1f}, against the Article 5 deadline {deadline}: {projection.outlook}.")
    data = table(pd.DataFrame([{
        "remaining": projection.remaining_km2, "start": projection.start_year, "pace": projection.pace_km2_per_year,
        "needed": projection.years_needed, "end": projection.projected_completion_year, "deadline": deadline,
    }]), {"remaining": "Remaining (km²)", "start": "Measured at (year)", "pace": "Pace (km²/year)",
          "needed": "Years needed", "end": "Projected completion", "deadline": "Article 5 deadline"},
        {"remaining": number(2), "start": number(1), "pace": number(2), "needed": number(1), "end": number(1)})
    parts.append(chart("outlook", make_outlook_figure(projection, deadline), alt,
                       as_of_and_source(profile.panel["estimate_as_of"], profile.panel["article5_source_url"]), data))
    return "\n".join(parts)


def render_needs(profile: CountryProfile) -> str:
    parts = ["<h2>3. Needs and challenges</h2>",
             '<p class="caption">Each need as the state or a source stated it. Amounts cover different periods '
             "(multi-year plans, one-year gaps) and some are parts of others, so they are never added up.</p>"]
    for area in NEED_AREAS:
        needs = profile.needs[profile.needs["need_category"] == area]
        parts.append(f"<h3>{esc(area.replace('_', ' ').capitalize())} ({len(needs)})</h3>")
        if needs.empty:
            parts.append(f'<p class="not-reported">{NOT_REPORTED}</p>')
            continue
        parts.append(table(needs, {"description": "Need", "amount_usd_million": "US$ million", "period": "Period",
                                   "source_url": "Source", "notes": "Notes"},
                           {"amount_usd_million": number(2), **SOURCE}))
    return "\n".join(parts)


def render_map(profile: CountryProfile, data: PackData) -> str:
    parts = ["<h2>4. Maps</h2>"]
    neighbourhood = select_neighbourhood(data.boundaries, profile.iso3)
    if neighbourhood is None:
        parts.append(not_reported(f"A boundary for {profile.name} in the shipped Natural Earth 1:50m map"))
        return "\n".join(parts)
    shown = states_in_view(neighbourhood)
    neighbours = shown.loc[shown["iso3"] != profile.iso3, "name"].tolist()
    alt = (f"Map: {profile.name} in red with its neighbours"
           f"{': ' + ', '.join(neighbours) if neighbours else ''}.")
    parts.append(chart("regional_map", make_regional_map_figure(profile.name, profile.iso3, neighbourhood,
                                                                data.small_states), alt,
                       "Boundaries: Natural Earth 1:50m (public domain), drawn locally. Sub-national hazard areas: "
                       f"{NOT_REPORTED} (no state's published data is held yet).",
                       table(shown, {"name": "State", "iso3": "ISO3", "shown": "On the map"})))
    return "\n".join(parts)


def render_individualised_approach(profile: CountryProfile) -> str:
    parts = ["<h2>5. Individualised Approach</h2>"]
    if profile.ia_events.empty:
        parts.append(not_reported("Individualised Approach meetings"))
        return "\n".join(parts)
    events = profile.ia_events.assign(source=profile.ia_events["source_url"].fillna(profile.ia_events["source"]))
    parts.append(table(events, {"date": "Date", "event": "Event", "venue": "Venue", "source": "Source", "notes": "Notes"},
                       {"source": link}))
    return "\n".join(parts)


def render_partnerships(profile: CountryProfile) -> str:
    parts = ["<h2>6. Partnerships</h2>"]
    totals = profile.support_totals.dropna(subset=["usd_million"])
    if totals.empty:
        parts.append(not_reported("International support received"))
    else:
        latest = totals.iloc[-1]
        alt = (f"Bar chart: international support received by {profile.name} per year, {_years_span(totals)}, in US$ "
               f"million; latest {int(latest['year'])}: US${latest['usd_million']:,.2f} million.")
        data = table(totals, {"year": "Year", "usd_million": "US$ million", "source_url": "Source"},
                     {"usd_million": number(2), **YEAR, **SOURCE})
        parts += ["<h3>Support received per year</h3>",
                  chart("support", make_support_figure(totals), alt,
                        "Data source: international support by recipient (data/support_by_recipient.csv), Landmine "
                        "Monitor's recipient totals. Donor rows below are partial and never added up to make a total.",
                        data)]
    if profile.support_pairs.empty:
        parts.append(not_reported("Support by donor"))
        return "\n".join(parts)
    parts += ["<h3>By donor and year</h3>", table(profile.support_pairs, {
        "donor": "Donor", "year": "Year", "usd_million": "US$ million", "thematic_area": "Area", "kind": "Kind",
        "partial_table": "From a partial table", "sources_differ": "Sources differ", "source_url": "Source",
        "notes": "Notes"}, {"usd_million": number(2), **YEAR, **SOURCE})]
    return "\n".join(parts)


def render_contacts(profile: CountryProfile) -> str:
    focal_point = profile.panel.get("va_focal_point")
    shown = esc(focal_point) if isinstance(focal_point, str) else NOT_REPORTED
    return (f"<h2>7. Contacts</h2><p><strong>Victim assistance focal point:</strong> {shown}</p>"
            f"<p><strong>National mine action authority:</strong> {NOT_REPORTED}</p>")


def render_resources(profile: CountryProfile) -> str:
    parts = ["<h2>8. Additional resources</h2>"]
    if profile.resources.empty:
        parts.append(not_reported("Cited pages"))
        return "\n".join(parts)
    parts += ['<p class="caption">Only pages our data cites for this state, grouped by publisher.</p>',
              table(profile.resources, {"publisher": "Publisher", "url": "Page", "rows_citing": "Figures citing it"},
                    {"url": lambda url: link(url, url)})]
    return "\n".join(parts)


def render_country_body(data: PackData, iso3: str) -> tuple[str, str]:
    """(page title, page body) for one state."""
    profile = data.profile(iso3)
    sections = [render_header(profile), render_national_context(profile),
                render_implementation(profile, data.projection(profile)), render_needs(profile), render_map(profile, data)]
    if profile.ever_joined:
        sections.append(render_individualised_approach(profile))
    sections += [render_partnerships(profile), render_contacts(profile), render_resources(profile)]
    return profile.name, "\n".join(sections)
