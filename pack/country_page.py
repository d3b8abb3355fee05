"""One State Party's page in the cooperation committee's outline, as the dashboard's ui/country_sections.py shows it.

Same sections, figures and tables, and the same (translated) wording; the outlook uses the default assumptions
since a static page has no controls.
"""
from __future__ import annotations

import pandas as pd

from charts.country import make_casualties_figure, make_outlook_figure, make_release_figure, make_support_figure
from config import NEED_AREAS
from domain.country import CountryProfile, Projection
from domain.geography import select_neighbourhood
from domain.membership import MEMBERSHIP_LABELS
from domain.needs_filters import AREA_LABELS
from i18n import N_, _, format_decimal, format_figure, localize_number, translate_message
from pack.data import PackData
from pack.html import (
    NOT_REPORTED, as_of_and_source, chart, element, esc, link, marked_up, not_reported, number, state_name, table, year_number,
)
from pack.regional_map import make_regional_map_figure, states_in_view

TREATY_DATES = {
    "signature_date": N_("signed"), "ratification_or_accession_date": N_("ratified or acceded"),
    "entry_into_force_date": N_("entry into force"), "withdrawal_notified_date": N_("withdrawal notified"),
    "withdrawal_effective_date": N_("withdrawal effective"),
}
SOURCE = {"source_url": link}
YEAR = {"year": lambda year: esc(int(year))}  # 2023, not "2,023"
LEADS = {"leads": lambda leads: esc(_("yes (bar)") if leads else _("no (diamond)"))}
TRANSLATED = {name: lambda text: esc(translate_message(text)) for name in ("kind", "publisher")}  # the domain's words


def _year(value) -> str | None:
    return None if value is None or pd.isna(value) else str(int(value))


def _metric(label: str, value: str, as_of=None, source_url=None, note: str = "") -> str:
    extra = f'<div class="note">{esc(note)}</div>' if note else ""
    return (f'<div class="metric"><div class="label">{esc(label)}</div><div class="value">{esc(value)}</div>'
            f'<div class="source">{as_of_and_source(as_of, source_url)}</div>{extra}</div>')


def _years_span(frame: pd.DataFrame) -> str:
    first, last = int(frame["year"].min()), int(frame["year"].max())
    return str(first) if first == last else f"{first}-{last}"


def _name(profile: CountryProfile) -> str:
    return state_name(profile.iso3, profile.name)


def render_header(profile: CountryProfile) -> str:
    row = profile.panel
    status = _(MEMBERSHIP_LABELS[row["membership_status"]])
    if profile.treaty is not None:
        dates = [f"{_(label)} {profile.treaty[column]}" for column, label in TREATY_DATES.items()
                 if not pd.isna(profile.treaty[column])]
        treaty_link = link(profile.treaty["source_url"], _("UN Treaty Collection"))
        line = f"<strong>{esc(status)}</strong> · {esc('; '.join(dates))} · {treaty_link}"
    else:
        note = profile.not_party["notes"] if profile.not_party is not None else _(NOT_REPORTED)
        line = f"<strong>{esc(status)}</strong> · {esc(note)}"
    obligations = ", ".join(_(o) for o in profile.obligations) or _("none in the data")
    caption = _("Obligations: {obligations} · region: {region} · newest figure on this page: {newest} · each figure "
                "shows its own year and source").format(obligations=obligations, region=format_figure(row["region"]),
                                                         newest=profile.newest_as_of or _(NOT_REPORTED))
    return (f"<h1>{esc(_name(profile))} <span class=\"iso3\">({esc(profile.iso3)})</span></h1><p>{line}</p>"
            f'<p class="caption">{esc(caption)}</p>')


def render_national_context(profile: CountryProfile) -> str:
    row = profile.panel
    compared = _("{year} against {previous}").format(year=_year(row["casualties_year"]),
                                                     previous=_year(row["casualties_previous_year"]))
    parts = [element("h2", _("1. National context")), '<div class="metrics">',
             _metric(_("Casualties, latest year"), format_figure(row["casualties_total"]), row["casualties_year"],
                     row["casualties_source_url"]),
             _metric(_("Trend against the year before"), format_figure(row["casualties_trend"]),
                     compared if _year(row["casualties_previous_year"]) else None),
             _metric(_("Survivors (estimate)"), format_figure(row["survivors_estimate"]), row["survivors_estimate_year"],
                     row["va_source_url"]),
             "</div>"]
    casualties = profile.casualties
    differ = sorted(casualties.loc[casualties["sources_differ"], "year"].unique())
    if differ:
        warning = _("Sources differ on casualties for {years}: every source's figure is listed in the data. Landmine "
                    "Monitor's figure leads where it has one.").format(years=", ".join(map(str, differ)))
        parts.append(f'<p class="warning">{esc(warning)}</p>')
    if casualties.empty:
        parts.append(not_reported(_("Casualties by year")))
    else:
        lead = casualties[casualties["leads"]].iloc[-1]
        alt = _("Bar chart: mine/ERW casualties in {state} per year, {years}; killed and injured stacked where the split "
                "is known, grey where only the total is; latest {year}: {figure}.").format(
            state=_name(profile), years=_years_span(casualties), year=int(lead["year"]),
            figure=format_figure(lead["casualties_total"]))
        data = table(casualties, {
            "year": N_("Year"), "casualties_total": N_("Casualties"), "killed": N_("Killed"), "injured": N_("Injured"),
            "civilian_share_pct": N_("Civilians (%)"), "child_casualties": N_("Children"),
            "female_casualties": N_("Women and girls"), "source_url": N_("Source"), "leads": N_("Figure shown"),
            "notes": N_("Notes")}, {**YEAR, **SOURCE, **LEADS})
        parts.append(chart("casualties", make_casualties_figure(casualties), alt,
                           esc(_("Data source: casualties (data/casualties.csv). Where two sources give a year, both "
                                 "rows are listed; the other source's figure is the diamond.")), data))
    plan = row.get("national_disability_plan")
    if isinstance(plan, str):
        template = _("**National disability or victim assistance plan:** {plan}")
        parts.append(f"<p>{marked_up(template, plan=plan)}</p>")
    return "\n".join(parts)


def render_implementation(profile: CountryProfile, projection: Projection) -> str:
    row = profile.panel
    parts = [element("h2", _("2. Status of implementation (Article 5)"))]
    if not row["has_article5"]:
        none = _("No Article 5 clearance obligation in the data: no mined area under the state's control is reported.")
        parts.append(f"<p>{esc(none)}</p>")
        return "\n".join(parts)
    years_left = row["years_left"]
    left_text = "" if pd.isna(years_left) else (
        _("{years} years left").format(years=format_decimal(years_left, 1)) if years_left >= 0 else _("deadline passed"))
    alternatives = row["latest_release_alternatives"]
    extension = translate_message(row["extension_status"])
    parts += ['<div class="metrics">',
              _metric(_("Article 5 deadline"), format_figure(row["article5_deadline"]), None, row["article5_source_url"],
                      f"{extension}{'; ' + left_text if left_text else ''}"),
              _metric(_("Remaining AP mined area"), format_figure(row["ap_contamination_km2"], "km²"),
                      row["estimate_as_of"], row["article5_source_url"],
                      _("band: {band}").format(band=format_figure(row["contamination_band"]))),
              _metric(_("Latest land release"), format_figure(row["latest_release_km2"], "km²"),
                      row["latest_release_year"], row["latest_release_source_url"],
                      "" if pd.isna(alternatives) else _("other sources for that year: {figures} km²").format(
                          figures=alternatives)),
              "</div>"]
    if isinstance(row["article5_notes"], str):
        summary = element("summary", _("What the source notes say (extensions, other figures)"))
        parts.append(f"<details>{summary}<p>{esc(row['article5_notes'])}</p></details>")
    releases = profile.releases
    if releases.empty:
        parts.append(not_reported(_("Land release by year")))
    else:
        lead = releases[releases["leads"]].iloc[-1]
        alt = _("Bar chart: land released in {state} per year, {years}, in km²; latest {year}: {figure}.").format(
            state=_name(profile), years=_years_span(releases), year=int(lead["year"]),
            figure=format_figure(lead["land_released_km2"], "km²"))
        data = table(releases, {
            "year": N_("Year"), "land_released_km2": N_("Land released (km²)"), "cleared_km2": N_("Of which cleared (km²)"),
            "ap_mines_destroyed": N_("AP mines destroyed"), "source_url": N_("Source"), "leads": N_("Figure shown")},
            {"land_released_km2": number(2), "cleared_km2": number(2), **YEAR, **SOURCE, **LEADS})
        parts += [element("h3", _("Land release history")),
                  chart("release", make_release_figure(releases), alt,
                        esc(_("Data source: land release (data/article5_history.csv, data/article5.csv). Where two "
                              "sources give a year, both rows are listed; the other source's figure is the diamond.")),
                        data)]
    parts += [element("h3", _("Completion outlook")), render_outlook(profile, projection)]
    return "\n".join(parts)


def render_outlook(profile: CountryProfile, projection: Projection) -> str:
    live = _("The live dashboard lets you change these.")
    assumptions = f"{translate_message(projection.assumptions)} {live}"
    parts = [f"<p><strong>{esc(_(projection.outlook))}</strong> — {esc(translate_message(projection.reason))}</p>",
             element("p", assumptions, ' class="caption"')]
    if projection.projected_completion_year is None or projection.deadline_year is None:
        return "\n".join(parts)
    deadline = str(profile.panel["article5_deadline"])
    alt = _("Line chart: {area} remaining at the end of {year}, falling at {pace} km² a year to zero in {end}, against "
            "the Article 5 deadline {deadline}: {outlook}.").format(
        area=format_figure(projection.remaining_km2, "km²"), year=f"{projection.start_year - 1:.0f}",
        pace=format_decimal(projection.pace_km2_per_year, 2), end=localize_number(f"{projection.projected_completion_year:.1f}"),
        deadline=format_figure(deadline), outlook=_(projection.outlook))
    data = table(pd.DataFrame([{
        "remaining": projection.remaining_km2, "start": projection.start_year, "pace": projection.pace_km2_per_year,
        "needed": projection.years_needed, "end": projection.projected_completion_year, "deadline": deadline,
    }]), {"remaining": N_("Remaining (km²)"), "start": N_("Measured at (year)"), "pace": N_("Pace (km²/year)"),
          "needed": N_("Years needed"), "end": N_("Projected completion"), "deadline": N_("Article 5 deadline")},
        {"remaining": number(2), "start": year_number(1), "pace": number(2), "needed": number(1), "end": year_number(1)})
    parts.append(chart("outlook", make_outlook_figure(projection, deadline), alt,
                       as_of_and_source(profile.panel["estimate_as_of"], profile.panel["article5_source_url"]), data))
    return "\n".join(parts)


def render_needs(profile: CountryProfile) -> str:
    parts = [element("h2", _("3. Needs and challenges")),
             element("p", _("Each need as the state or a source stated it. Amounts cover different periods (multi-year "
                            "plans, one-year gaps) and some are parts of others, so they are never added up."),
                     ' class="caption"')]
    for area in NEED_AREAS:
        needs = profile.needs[profile.needs["need_category"] == area]
        heading = _("{area} ({count})").format(area=_(AREA_LABELS[area]).capitalize(), count=len(needs))
        parts.append(f"<h3>{esc(heading)}</h3>")
        if needs.empty:
            parts.append(f'<p class="not-reported">{esc(_(NOT_REPORTED))}</p>')
            continue
        parts.append(table(needs, {"description": N_("Need"), "amount_usd_million": N_("US$ million"),
                                   "period": N_("Period"), "source_url": N_("Source"), "notes": N_("Notes")},
                           {"amount_usd_million": number(2), **SOURCE}))
    return "\n".join(parts)


def render_map(profile: CountryProfile, data: PackData) -> str:
    parts = [element("h2", _("4. Maps"))]
    name = _name(profile)
    neighbourhood = select_neighbourhood(data.boundaries, profile.iso3)
    if neighbourhood is None:
        parts.append(not_reported(_("A boundary for {state} in the shipped Natural Earth 1:50m map").format(state=name)))
        return "\n".join(parts)
    shown = states_in_view(neighbourhood)
    shown = shown.assign(name=[state_name(iso3, n) for iso3, n in zip(shown["iso3"], shown["name"])]
                         ).sort_values(["shown", "name"], ascending=[False, True])
    neighbours = shown.loc[shown["iso3"] != profile.iso3, "name"].tolist()
    alt = (_("Map: {state} in red with its neighbours: {neighbours}.").format(state=name, neighbours=", ".join(neighbours))
           if neighbours else _("Map: {state} in red.").format(state=name))
    parts.append(chart("regional_map", make_regional_map_figure(name, profile.iso3, neighbourhood, data.small_states), alt,
                       esc(_("Boundaries: Natural Earth 1:50m (public domain), drawn locally. Sub-national hazard "
                             "areas: not reported (no state's published data is held yet).")),
                       table(shown, {"name": N_("State"), "iso3": "ISO3", "shown": N_("On the map")},
                             {"shown": lambda shown: esc(_(shown))})))
    return "\n".join(parts)


def render_individualised_approach(profile: CountryProfile) -> str:
    parts = [element("h2", _("5. Individualised Approach"))]
    if profile.ia_events.empty:
        parts.append(not_reported(_("Individualised Approach meetings")))
        return "\n".join(parts)
    events = profile.ia_events.assign(source=profile.ia_events["source_url"].fillna(profile.ia_events["source"]))
    parts.append(table(events, {"date": N_("Date"), "event": N_("Event"), "venue": N_("Venue"), "source": N_("Source"),
                                "notes": N_("Notes")}, {"source": link}))
    return "\n".join(parts)


def render_partnerships(profile: CountryProfile) -> str:
    parts = [element("h2", _("6. Partnerships"))]
    totals = profile.support_totals.dropna(subset=["usd_million"])
    if totals.empty:
        parts.append(not_reported(_("International support received")))
    else:
        latest = totals.iloc[-1]
        alt = _("Bar chart: international support received by {state} per year, {years}, in US$ million; latest "
                "{year}: US${amount} million.").format(state=_name(profile), years=_years_span(totals),
                                                       year=int(latest["year"]),
                                                       amount=format_decimal(latest["usd_million"], 2))
        data = table(totals, {"year": N_("Year"), "usd_million": N_("US$ million"), "source_url": N_("Source")},
                     {"usd_million": number(2), **YEAR, **SOURCE})
        parts += [element("h3", _("Support received per year")),
                  chart("support", make_support_figure(totals), alt,
                        esc(_("Data source: international support by recipient (data/support_by_recipient.csv), "
                              "Landmine Monitor's recipient totals. Donor rows below are partial and never added up to "
                              "make a total.")), data)]
    if profile.support_pairs.empty:
        parts.append(not_reported(_("Support by donor")))
        return "\n".join(parts)
    parts += [element("h3", _("By donor and year")), table(profile.support_pairs, {
        "donor": N_("Donor"), "year": N_("Year"), "usd_million": N_("US$ million"), "thematic_area": N_("Area"),
        "kind": N_("Kind"), "partial_table": N_("From a partial table"), "sources_differ": N_("Sources differ"),
        "source_url": N_("Source"), "notes": N_("Notes")}, {"usd_million": number(2), **YEAR, **SOURCE, **TRANSLATED})]
    return "\n".join(parts)


def render_contacts(profile: CountryProfile) -> str:
    focal_point = profile.panel.get("va_focal_point")
    shown = focal_point if isinstance(focal_point, str) else _(NOT_REPORTED)
    focal_template = _("**Victim assistance focal point:** {contact}")
    authority_template = _("**National mine action authority:** {contact}")
    return (element("h2", _("7. Contacts")) + f"<p>{marked_up(focal_template, contact=shown)}</p>"
            f"<p>{marked_up(authority_template, contact=_(NOT_REPORTED))}</p>")


def render_resources(profile: CountryProfile) -> str:
    parts = [element("h2", _("8. Additional resources"))]
    if profile.resources.empty:
        parts.append(not_reported(_("Cited pages")))
        return "\n".join(parts)
    parts += [element("p", _("Only pages our data cites for this state, grouped by publisher."), ' class="caption"'),
              table(profile.resources, {"publisher": N_("Publisher"), "url": N_("Page"),
                                        "rows_citing": N_("Figures citing it")},
                    {"url": lambda url: link(url, url), **TRANSLATED})]
    return "\n".join(parts)


def render_country_body(data: PackData, iso3: str) -> tuple[str, str]:
    """(page title, page body) for one state, in the current language."""
    profile = data.profile(iso3)
    sections = [render_header(profile), render_national_context(profile),
                render_implementation(profile, data.projection(profile)), render_needs(profile), render_map(profile, data)]
    if profile.ever_joined:
        sections.append(render_individualised_approach(profile))
    sections += [render_partnerships(profile), render_contacts(profile), render_resources(profile)]
    return _name(profile), "\n".join(sections)
