"""ui/url_state.py: every widget's value lives in the URL and comes back from it.

`UrlParam.serialize` is pure and tested directly; `parse`, `read_url_state` and `write_url_state` need
`st.query_params`, so they run inside tiny apps (AppTest.from_string runs them in this process).
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.url_state import UrlParam

ROOT = Path(__file__).resolve().parents[1]

# The tiny apps import the project's own module: make sure the repository root is importable from the
# temporary script whatever directory pytest was started from.
HEADER = f"""
import sys
if {str(ROOT)!r} not in sys.path:
    sys.path.insert(0, {str(ROOT)!r})
import streamlit as st
from ui.url_state import UrlParam, read_url_state, write_url_state
PARAMS = [
    UrlParam("metric", "a", ("a", "b", "c")),
    UrlParam("flag", False),
    UrlParam("n", 0, (0, 1, 5)),
    UrlParam("regions", (), ("x", "y", "z")),
    UrlParam("status", ("p",), ("p", "w", "n")),
    UrlParam("free", "hello"),
]
"""

PARSE_APP = HEADER + """
st.session_state["parsed"] = {param.key: param.parse() for param in PARAMS}
"""

WIDGET_APP = HEADER + """
read_url_state(PARAMS)
st.selectbox("Metric", ["a", "b", "c"], key="metric")
st.checkbox("Flag", key="flag")
st.select_slider("N", [0, 1, 5], key="n")
st.multiselect("Regions", ["x", "y", "z"], key="regions")
st.multiselect("Status", ["p", "w", "n"], key="status")
st.text_input("Free", key="free")
write_url_state(PARAMS)
"""

DEFAULT_VIEW = {"metric": "a", "flag": False, "n": 0, "regions": [], "status": ["p"], "free": "hello"}


def run_app(script: str, **query) -> AppTest:
    app = AppTest.from_string(script, default_timeout=30)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def parsed(**query) -> dict:
    return run_app(PARSE_APP, **query).session_state["parsed"]


def url(app: AppTest) -> dict[str, list[str]]:
    """The app's query params, every value as a list (AppTest gives a one-item list back as a string)."""
    return {key: value if isinstance(value, list) else [value] for key, value in dict(app.query_params).items()}


def widget_values(app: AppTest) -> dict:
    return {
        "metric": app.selectbox(key="metric").value, "flag": app.checkbox(key="flag").value,
        "n": app.select_slider(key="n").value, "regions": app.multiselect(key="regions").value,
        "status": app.multiselect(key="status").value, "free": app.text_input(key="free").value,
    }


def test_the_project_root_is_importable_in_a_from_string_app():
    assert str(ROOT) in sys.path or any(Path(p).resolve() == ROOT for p in sys.path if p)
    app = run_app(HEADER + "import ui.url_state as module\nst.session_state['file'] = module.__file__\n")
    assert Path(app.session_state["file"]).resolve() == ROOT / "ui" / "url_state.py"


# ---------------------------------------------------------------------------------------------
# serialize: pure


@pytest.mark.parametrize(
    "param, value, expected",
    [
        (UrlParam("metric", "a", ("a", "b")), "a", None),  # the default is never written
        (UrlParam("metric", "a", ("a", "b")), "b", "b"),
        (UrlParam("metric", "a", ("a", "b")), None, None),
        (UrlParam("flag", False), False, None),
        (UrlParam("flag", False), True, "1"),
        (UrlParam("flag", True), False, "0"),
        (UrlParam("n", 0, (0, 1, 5)), 0, None),
        (UrlParam("n", 0, (0, 1, 5)), 5, "5"),
        (UrlParam("regions", (), ("x", "y")), [], None),
        (UrlParam("regions", (), ("x", "y")), ["y", "x"], ["y", "x"]),
        (UrlParam("status", ("p",), ("p", "w")), ["p"], None),
        (UrlParam("status", ("p",), ("p", "w")), ("p",), None),
        (UrlParam("status", ("p",), ("p", "w")), ["p", "w"], ["p", "w"]),
    ],
)
def test_serialize_writes_only_what_differs_from_the_default(param, value, expected):
    assert param.serialize(value) == expected


# ---------------------------------------------------------------------------------------------
# parse: inside an app


def test_parse_without_query_params_gives_the_defaults():
    assert parsed() == DEFAULT_VIEW


@pytest.mark.parametrize(
    "query, key, expected",
    [
        ({"metric": "b"}, "metric", "b"),
        ({"metric": "zzz"}, "metric", "a"),  # not a choice: the default
        ({"metric": ""}, "metric", "a"),
        ({"flag": "1"}, "flag", True),
        ({"flag": "0"}, "flag", False),
        ({"flag": "yes"}, "flag", False),  # only "1" means on
        ({"n": "5"}, "n", 5),
        ({"n": "abc"}, "n", 0),  # not a number: the default
        ({"n": "4"}, "n", 0),  # a number but not a choice: the default
        ({"n": "1.5"}, "n", 0),
        ({"free": "anything at all"}, "free", "anything at all"),  # no choices: taken as is
    ],
)
def test_parse_single_valued_params(query, key, expected):
    value = parsed(**query)[key]
    assert value == expected
    assert type(value) is type(expected)


def test_parse_multi_valued_params_keep_valid_entries_in_url_order():
    result = parsed(regions=["z", "bogus", "x"], status=["w", "n"])
    assert result["regions"] == ["z", "x"]
    assert result["status"] == ["w", "n"]


def test_parse_multi_valued_absent_is_the_default_but_present_and_empty_is_empty():
    assert parsed()["status"] == ["p"]
    assert parsed(status="")["status"] == []  # "?status=" is an explicit empty choice
    assert parsed(status=["bogus"])["status"] == []  # present, nothing valid: empty, not the default
    assert parsed(regions="x")["regions"] == ["x"]  # a single value is a one-item list


def test_parsed_lists_are_fresh_copies_of_the_default():
    result = parsed()
    assert isinstance(result["status"], list) and isinstance(result["regions"], list)


# ---------------------------------------------------------------------------------------------
# read_url_state / write_url_state: widgets <-> URL


def test_defaults_are_not_written_to_the_url():
    app = run_app(WIDGET_APP)
    assert widget_values(app) == DEFAULT_VIEW
    assert dict(app.query_params) == {}


def test_changed_widgets_are_written_to_the_url():
    app = run_app(WIDGET_APP)
    app.selectbox(key="metric").select("c").run()
    assert dict(app.query_params) == {"metric": "c"}
    app.checkbox(key="flag").check().run()
    app.select_slider(key="n").set_value(5).run()
    app.multiselect(key="regions").set_value(["y", "x"]).run()
    app.multiselect(key="status").set_value(["p", "n"]).run()
    app.text_input(key="free").input("other").run()
    assert url(app) == {"metric": ["c"], "flag": ["1"], "n": ["5"], "regions": ["y", "x"], "status": ["p", "n"],
                        "free": ["other"]}


def test_a_widget_set_back_to_its_default_leaves_the_url():
    app = run_app(WIDGET_APP, metric="b", flag="1", regions=["x"])
    assert url(app) == {"metric": ["b"], "flag": ["1"], "regions": ["x"]}
    app.selectbox(key="metric").select("a").run()
    app.checkbox(key="flag").uncheck().run()
    app.multiselect(key="regions").set_value([]).run()
    assert dict(app.query_params) == {}


def test_query_params_restore_every_widget():
    app = run_app(WIDGET_APP, metric="c", flag="1", n="5", regions=["z", "x"], status=["w"], free="shared link")
    assert widget_values(app) == {"metric": "c", "flag": True, "n": 5, "regions": ["z", "x"], "status": ["w"],
                                  "free": "shared link"}


def test_invalid_query_params_fall_back_to_defaults_and_are_cleaned_from_the_url():
    app = run_app(WIDGET_APP, metric="zzz", n="abc", regions=["x", "bogus"], flag="0")
    assert widget_values(app) == {**DEFAULT_VIEW, "regions": ["x"]}
    assert url(app) == {"regions": ["x"]}


def test_the_url_is_read_once_then_the_widgets_lead():
    app = run_app(WIDGET_APP, metric="b")
    app.selectbox(key="metric").select("c").run()
    app.run()  # a plain rerun must not bring back the value the page was opened with
    assert app.selectbox(key="metric").value == "c"
    assert app.query_params["metric"] == "c"


def test_a_url_written_by_one_session_reopens_the_same_view_in_another():
    first = run_app(WIDGET_APP)
    first.selectbox(key="metric").select("b").run()
    first.multiselect(key="regions").set_value(["y"]).run()
    first.select_slider(key="n").set_value(1).run()
    second = run_app(WIDGET_APP, **dict(first.query_params))
    assert widget_values(second) == widget_values(first) == {**DEFAULT_VIEW, "metric": "b", "regions": ["y"], "n": 1}


def test_clearing_a_multiselect_whose_default_is_not_empty_survives_the_url_round_trip():
    """An emptied multiselect whose default is not empty (the overview's "Treaty status") is written to the
    URL as "?status=", so a copied link reopens the empty view, not the default."""
    first = run_app(WIDGET_APP)
    first.multiselect(key="status").set_value([]).run()
    assert first.multiselect(key="status").value == []
    second = run_app(WIDGET_APP, **dict(first.query_params))
    assert second.multiselect(key="status").value == []


def test_an_explicit_empty_choice_in_the_url_is_kept_in_the_url():
    """Opening "?status=" shows an empty status and keeps "status" in the URL: the address bar still
    describes the view shown."""
    app = run_app(WIDGET_APP, status="")
    assert app.multiselect(key="status").value == []
    assert "status" in app.query_params


# ---------------------------------------------------------------------------------------------
# a page's subject: normalized, always written, and a code it cannot take reported


SUBJECT_APP = f"""
import sys
if {str(ROOT)!r} not in sys.path:
    sys.path.insert(0, {str(ROOT)!r})
import streamlit as st
from ui.url_state import UrlParam, read_url_state, write_url_state
PARAMS = [UrlParam("code", "AGO", ("AGO", "KHM"), normalize=str.upper, always=True)]
st.session_state["rejected"] = PARAMS[0].rejected()
read_url_state(PARAMS)
st.selectbox("Code", ["AGO", "KHM"], key="code")
write_url_state(PARAMS)
"""


def test_a_normalized_param_accepts_lower_case_and_writes_it_back_upper_case():
    app = run_app(SUBJECT_APP, code="khm")
    assert app.selectbox(key="code").value == "KHM" and app.session_state["rejected"] is None
    assert app.query_params["code"] == "KHM"


def test_an_always_written_param_names_its_default_in_the_url():
    app = run_app(SUBJECT_APP)
    assert app.query_params["code"] == "AGO"
    assert UrlParam("code", "AGO", always=True).serialize("AGO") == "AGO"


def test_a_value_the_widget_cannot_take_is_reported_then_replaced_in_the_url():
    app = run_app(SUBJECT_APP, code="XXX")
    assert app.session_state["rejected"] == "XXX"
    assert app.selectbox(key="code").value == "AGO" and app.query_params["code"] == "AGO"
