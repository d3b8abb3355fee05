"""The links a state's page can offer: only pages the data actually cites for that state."""
from __future__ import annotations

from urllib.parse import urlparse

import pandas as pd

from i18n import N_

# Publishers the country-page outline names, in the order the page lists them.
PUBLISHERS = (
    ("the-monitor.org", "Landmine Monitor"),
    ("mineactionreview.org", "Mine Action Review"),
    ("apminebanconvention.org", N_("The Convention's website")),
    ("treaties.un.org", N_("UN Treaty Collection")),
)
OTHER = N_("Other cited sources")


def publisher(url: str) -> str:
    host = urlparse(url).netloc.lower()
    for domain, name in PUBLISHERS:
        if host == domain or host.endswith("." + domain):
            return name
    return OTHER


def collect_resources(tables: list[pd.DataFrame], iso3: str) -> pd.DataFrame:
    """Distinct cited URLs for `iso3`, with their publisher and how many rows cite each."""
    urls = pd.concat(
        [table.loc[table["iso3"] == iso3, "source_url"] for table in tables if "source_url" in table], ignore_index=True
    ).dropna()
    counts = urls.value_counts()
    frame = pd.DataFrame({"url": counts.index.astype(str), "rows_citing": counts.to_numpy()})
    frame["publisher"] = frame["url"].map(publisher)
    order = {name: i for i, name in enumerate([name for _, name in PUBLISHERS] + [OTHER])}
    frame = frame.assign(_order=frame["publisher"].map(order)).sort_values(["_order", "rows_citing", "url"],
                                                                           ascending=[True, False, True])
    return frame.drop(columns="_order")[["publisher", "url", "rows_citing"]].reset_index(drop=True)
