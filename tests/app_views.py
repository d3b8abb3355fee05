"""Read what the overview's components send the browser in an AppTest: their data and the table in their markup."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pandas as pd
from streamlit.testing.v1 import AppTest


def component_data(app: AppTest, key: str) -> dict:
    views = [v for v in app.get("bidi_component") if v.proto.id.endswith(key)]
    assert len(views) == 1, f"{len(views)} components with key {key}"
    return json.loads(views[0].proto.json)


def markup_tree(markup: str) -> ET.Element:
    """The markup parsed as XML: well-formed, since every text in it is escaped."""
    return ET.fromstring(f"<div>{markup}</div>")


def overview_table(app: AppTest) -> pd.DataFrame:
    """'All states shown' as the page lists it: one row per state, each cell's text, headed as on screen."""
    table = next(e for e in markup_tree(component_data(app, "ranked")["markup"]).iter("div") if e.get("class") == "mbc-table")
    header, body = list(table)
    rows = [["".join(cell.itertext()) for cell in row] for row in body]
    return pd.DataFrame(rows, columns=["".join(h.itertext()) for h in header])
