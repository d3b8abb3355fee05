"""Sources: every dataset with its provenance, coverage and known gaps."""
import pandas as pd
import streamlit as st

from data_loaders.registry import SOURCES
from i18n import _
from ui.cached import cached_editions, cached_provenance, cached_table
from ui.components import render_table

st.title(_("Sources, coverage and known gaps"))
st.markdown(_(
    "Every figure in this dashboard comes from one of the files below, each compiled from public sources with "
    "the page it was read from on every row. A blank is **not reported**, never zero. Figures from different "
    "sources can disagree; both are kept."
))

rows = []
provenance = cached_provenance()
for name, source in SOURCES.items():
    table = cached_table(name)
    states = table["iso3"].dropna().nunique() if "iso3" in table else pd.NA
    years = pd.to_numeric(table["as_of"].str.slice(0, 4), errors="coerce")
    rows.append({  # the as-of and source columns next to the dataset's name: at 1440 px they stay in view
        _("Dataset"): source.title,
        _("Compiled"): provenance[name]["date_compiled"],
        _("Oldest as-of"): years.min(),
        _("Newest as-of"): years.max(),
        _("Distinct source pages"): len(provenance[name]["source_urls"]),
        _("File"): f"data/{name}.csv",
        _("Rows"): len(table),
        _("States with a figure"): states,
        "sha256": provenance[name]["sha256"][:12],
    })
render_table(pd.DataFrame(rows), key="sources", as_of=_("Compiled"), formats={_("Oldest as-of"): "%d", _("Newest as-of"): "%d"})

st.subheader(_("Data editions"))
st.markdown(_("Each edition of the reference data is kept, dated: any page opens as the data stood on a day with "
              "`?as_of=YYYY-MM-DD` in its address, or with *Data as of…* in the sidebar, and the Changes page lists what "
              "changed between two days."))
held = cached_editions()
editions = pd.DataFrame([{
    _("Edition"): edition.day.isoformat(),
    _("Tables changed since the edition before"): (", ".join(edition.changed_since(before)) or _("none")) if before
    else _("the first edition held"),
    _("Overview as the data stood then"): f"/?as_of={edition.day.isoformat()}",
} for before, edition in zip((None, *held[:-1]), held, strict=True)])
if held:
    render_table(editions, key="editions", as_of=_("Edition"), link_columns=(_("Overview as the data stood then"),),
                 link_text=_("open"))

st.subheader(_("Known gaps"))
st.markdown(_(
    "- Contamination figures are missing or stale for several large cases (Afghanistan, Ukraine, Yemen, Colombia, "
    "DR Congo among them).\n"
    "- Several Article 5 deadlines have passed with no extension found in the sources; they are shown as passed, "
    "with the extension not reported.\n"
    "- Casualty coverage for 2018-2023 is thin per country; support data ends mostly in 2022; 2023-2026 data are sparse.\n"
    "- Donor-to-recipient rows come partly from truncated tables: totals come from recipient totals, never from "
    "adding pairs. Announcements and pledges are not payments.\n"
    "- Stated needs cover different periods (one year, multi-year plans) and some are parts of others: they are "
    "never added together."
))
st.subheader(_("Terms"))
st.write(next(iter(provenance.values()))["licence"])
