"""Needs & offers (donors): filter the needs, see which offers fit and what no one covers; filters in the URL."""

import streamlit as st

from charts.needs import make_uncovered_needs_map
from config import NEED_AREAS
from domain.gaps import count_uncovered_needs
from domain.needs_filters import AREA_LABELS, SIZES, STATUSES, NeedFilters, filter_needs, period_statuses
from domain.overview import REGIONS
from domain.periods import PERIOD_STATUS_LABELS
from i18n import N_, _
from ui.auth import current_actor
from ui.cached import cached_panel, cached_small_states
from ui.clock import view_date
from ui.components import NOT_REPORTED, render_chart, render_downloads, render_source_line, render_store_down, translated
from ui.localize import localize_states, translate_columns
from ui.needs_sections import render_matches_for
from ui.presenter import fit_to_slide, hidden_when_presenting, render_filter_summary, slide_title
from ui.registry_data import read_registry
from ui.url_state import UrlParam, presenting, read_url_state, write_url_state

DEADLINE_CHOICES = (0, 1, 2, 3, 5, 10)
PARAMS = [
    UrlParam("area", (), NEED_AREAS), UrlParam("region", (), REGIONS), UrlParam("size", (), tuple(SIZES)),
    UrlParam("need_status", (), tuple(STATUSES)), UrlParam("within", 0, DEADLINE_CHOICES),
    UrlParam("rising", False), UrlParam("unoffered", False), UrlParam("current", True),
]
MAP_CONFIG = {"topojsonURL": "app/static/", "displaylogo": False}
# The table's column names stay as they are (the downloads keep them); the headers people read are translated.
HEADERS = {"need_id": N_("need id"), "state": N_("state"), "iso3": "ISO3", "area": N_("area"), "description": N_("description"),
           "US$ million": N_("US$ million"), "amount": N_("amount"), "currency": N_("currency"), "period": N_("period"),
           "period_status": N_("period status"), "status": N_("status"), "offers that fit": N_("offers that fit"),
           "covered": N_("covered"), "share covered": N_("share covered"), "coverage_note": N_("coverage note"),
           "source": N_("source"), "is_reference": N_("is reference"), "as_of": N_("as of")}

# 1. Read the view from the URL
read_url_state(PARAMS)
st.title(slide_title(_("Needs and offers: what is needed, what fits, what no one covers")))
filters_box = hidden_when_presenting("needs_filters")  # on a slide, the summary line below says their values
row1 = filters_box.columns(4)
row1[0].multiselect(_("Area"), NEED_AREAS, key="area", format_func=translated(NEED_AREAS, AREA_LABELS.get),
                    placeholder=_("All areas"))
row1[1].multiselect(_("Region"), REGIONS, key="region", format_func=translated(REGIONS), placeholder=_("All regions"))
row1[2].multiselect(_("Size"), list(SIZES), key="size", format_func=translated(SIZES, SIZES.get), placeholder=_("Any size"))
row1[3].multiselect(_("Status"), list(STATUSES), key="need_status", format_func=translated(STATUSES, STATUSES.get),
                    placeholder=_("Any status"))
row2 = filters_box.columns([3, 2, 2, 2])
row2[0].select_slider(_("Urgency: Article 5 deadline within (years; 0 = any)"), DEADLINE_CHOICES, key="within")
row2[1].checkbox(_("Current needs only"), key="current",
                 help=_("Hides needs whose period has ended; a need whose period is not stated stays, marked so."))
row2[2].checkbox(_("Urgency: casualties rising"), key="rising")
row2[3].checkbox(_("Only needs no one has offered for"), key="unoffered")
write_url_state(PARAMS)
state = st.session_state
render_filter_summary([
    ", ".join(_(AREA_LABELS.get(a, a)) for a in state["area"]) or _("All areas"),
    ", ".join(_(r) for r in state["region"]) or _("All regions"), ", ".join(_(SIZES[s]) for s in state["size"]),
    ", ".join(_(STATUSES[s]) for s in state["need_status"]),
    _("deadline within {years} years").format(years=state["within"]) if state["within"] else "",
    _("Current needs only") if state["current"] else "", _("Urgency: casualties rising") if state["rising"] else "",
    _("Only needs no one has offered for") if state["unoffered"] else ""])

# 2. Get data and compute (from the embedded data, said so, while the registry's database cannot be reached)
registry = read_registry()
if not registry.stored:
    render_store_down()
filters = NeedFilters(tuple(st.session_state["area"]), tuple(st.session_state["region"]), tuple(st.session_state["size"]),
                      tuple(st.session_state["need_status"]), st.session_state["within"] or None,
                      st.session_state["rising"], st.session_state["unoffered"],
                      view_date() if st.session_state["current"] else None)
shown = localize_states(filter_needs(registry.coverage, cached_panel(view_date()), filters), "state_name")
uncovered = count_uncovered_needs(shown)

# 3. Render: figures, map, table with downloads, and the offers that fit the chosen need (on a slide the map comes
# first, whole on the screen, with its source under it; the figures follow it)
sources = [_("Needs and challenges stated by states (data/stated_needs.csv, seeded into the registry)"),
           _("offers and partnerships entered in the registry")]
if presenting():
    st.caption(_("{shown} of {total} needs shown; the darker a state, the more of its needs no partnership fully "
                 "covers.").format(shown=len(shown), total=len(registry.coverage)))
map_place, figures_place = st.container(), st.container()
if not presenting():
    figures_place, map_place = map_place, figures_place
figures = figures_place.columns(4)
figures[0].metric(_("Needs shown"), _("{shown} of {total}").format(shown=len(shown), total=len(registry.coverage)))
figures[1].metric(_("With an offer that fits"), int((shown["compatible_offers"] > 0).sum()))
figures[2].metric(_("Not fully covered"), int((shown["share_covered"].isna() | (shown["share_covered"] < 1)).sum()))
figures[3].metric(_("No one has offered for"), int(((shown["compatible_offers"] == 0) & (shown["partnerships"] == 0)).sum()))
per_state = shown.groupby(["iso3", "state_name"]).size().rename("needs").reset_index().rename(columns={"state_name": "state"})
per_state["uncovered"] = per_state["iso3"].map(uncovered).fillna(0).astype(int)
with map_place:
    render_chart(fit_to_slide(make_uncovered_needs_map(per_state, cached_small_states())), key="needs_map",
                 config=MAP_CONFIG, data=per_state.rename(columns={
                     "state": _("State"), "needs": _("Needs shown"), "uncovered": _("Not fully covered")}),
                 alt=_("World map of the {count} states with needs shown; the darker a state, the more of its needs no "
                       "partnership fully covers.").format(count=len(per_state)))
    if presenting():
        render_source_line(sources)
# Codes (areas, statuses, period status) shown and downloaded as their labels, in the reader's language.
table = shown.assign(area=shown["area"].map(lambda area: _(AREA_LABELS.get(area, area))),
                     status=shown["status"].fillna("not_stated").map(lambda status: _(STATUSES.get(status, status))),
                     period_status=period_statuses(shown["period"], view_date()).map(lambda s: _(PERIOD_STATUS_LABELS[s])))
table = translate_columns(table, ["coverage_note"])
table = table[["need_id", "state_name", "iso3", "area", "description", "usd_million", "amount", "currency", "period",
               "period_status", "status", "compatible_offers", "covered", "share_covered", "coverage_note", "source_url",
               "is_reference", "as_of"]]
table = table.rename(columns={"state_name": "state", "usd_million": "US$ million", "share_covered": "share covered",
                              "compatible_offers": "offers that fit", "source_url": "source"}).reset_index(drop=True)
st.caption(_("Amounts cover different periods and some needs are parts of others: they are never added up. "
             "Select a row to see the offers that fit it, best first, and why."))
event = st.dataframe(table, hide_index=True, width="stretch", key="needs_table", on_select="rerun",
                     selection_mode="single-row", placeholder=_(NOT_REPORTED),
                     column_config={**{column: st.column_config.Column(_(label)) for column, label in HEADERS.items()},
                                    "source": st.column_config.LinkColumn(_("source"), display_text=r"https?://(?:www\.)?([^/]+)"),
                                    "share covered": st.column_config.NumberColumn(_("share covered"), format="percent"),
                                    "as_of": None})  # the last change of the record: in the downloads, not on screen
# as_of: the ISO date of each need's last change in the registry (its period is a column of its own).
render_downloads(table, "needs_shown", N_("the needs shown"))
if not presenting():
    render_source_line(sources)
chosen = event.selection.rows if event else []
if chosen:
    render_matches_for(registry, int(table.iloc[chosen[0]]["need_id"]), current_actor())
