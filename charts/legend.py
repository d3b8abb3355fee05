"""What every drawing of the overview metric shares: the legend's colours and each state's hover text.

Used by the page's SVG map and bars (charts/world_svg.py) and by the plotly figures of slides and the
conference pack (charts/overview.py), so all of them read the same. No plotly here: the page loads this."""
from __future__ import annotations

import pandas as pd

from domain.overview import NO_DATA, NO_OBLIGATION, Metric
from domain.panel import OBLIGATION_COMPLETED
from i18n import _

NO_DATA_COLOR = "#d9d9d9"
# A completed obligation in the outlook's "completed" blue (Okabe-Ito); no obligation nearly white, lighter
# than "No data" grey, so neither reads as a figure on the sequential scales.
STATUS_COLORS = {OBLIGATION_COMPLETED: "#56B4E9", NO_OBLIGATION: "#fbfbfb"}


def legend_colors(metric: Metric) -> dict[str, str]:
    return {**dict(zip(metric.labels, metric.colors, strict=True)),
            **{status: STATUS_COLORS[status] for status in metric.statuses}, NO_DATA: NO_DATA_COLOR}


def hover_fields(frame: pd.DataFrame) -> list[list[str]]:
    """state, value, as of, source, ISO3 per row; a missing as-of or source says so, never blank."""
    source = frame["source_url"].fillna(_("see the Sources page")).astype(str)
    as_of = frame["as_of"].fillna(_("not reported")).astype(str)
    return [list(row) for row in zip(frame["state"], frame["value_text"].astype(str), as_of, source, frame["iso3"], strict=True)]


def tooltip_lines(frame: pd.DataFrame) -> list[str]:
    """The hover text of each row: state, value, as of, source (one per line), and the other source's figure where
    one is shown beside it."""
    beside = [_("other source: {value}, as of {date}, {source}").format(value=value, date=as_of, source=source)
              if isinstance(value, str) else None
              for value, as_of, source in zip(*(frame.get(c, pd.Series(pd.NA, index=frame.index)).astype(object)
                                               .where(lambda s: s.notna(), None)
                                               for c in ("beside_text", "beside_as_of", "beside_source_url")),
                                              strict=True)]
    return ["\n".join((state, value, _("as of {date}").format(date=as_of), _("source: {source}").format(source=source),
                       *([other] if other else [])))
            for (state, value, as_of, source, _iso3), other in zip(hover_fields(frame), beside, strict=True)]
