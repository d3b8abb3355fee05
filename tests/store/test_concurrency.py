"""Two people edit the same record: the second save is refused with what changed; the first is kept."""
import pytest

from store import StaleEdit, create_need, get_need, record_history, update_need
from store.schema import need
from store.writes import update_record
from tests.store.conftest import ADMIN, FOCAL_AFG, NEED


def test_the_second_edit_from_the_same_version_is_refused_and_says_what_changed(store):
    opened = create_need(store, FOCAL_AFG, NEED)  # both people open version 1
    edit = {"description": "three districts", "urgency": "low"}
    first = update_need(store, FOCAL_AFG, opened["id"], edit, opened["version"])
    assert first["version"] == 2

    with pytest.raises(StaleEdit) as refused:
        update_need(store, ADMIN, opened["id"], {"description": "one district"}, opened["version"])

    err = refused.value
    assert err.changes == {"description": ("survey of two districts", "three districts"), "urgency": ("high", "low")}
    assert err.by == ["fp_afg"] and (err.based_on, err.current) == (1, 2)
    assert "three districts" in str(err) and "not saved" in str(err)
    kept = get_need(store, opened["id"])
    assert (kept["description"], kept["urgency"], kept["version"]) == ("three districts", "low", 2)
    assert [e["action"] for e in record_history(store, "need", opened["id"])] == ["create", "update"]


def test_a_race_lost_between_read_and_write_is_refused_too(store):
    opened = create_need(store, FOCAL_AFG, NEED)
    update_need(store, FOCAL_AFG, opened["id"], {"status": "partly met"}, 1)
    with store.engine.begin() as conn, pytest.raises(StaleEdit) as refused:
        # The guarded UPDATE itself, as if the version check had passed just before the other commit.
        update_record(conn, need, opened["id"], opened, {"status": "met"}, 1, "ana")
    assert refused.value.changes == {"status": ("open", "partly_met")}
    assert get_need(store, opened["id"])["status"] == "partly_met"


def test_an_edit_that_changes_nothing_keeps_the_version(store):
    opened = create_need(store, FOCAL_AFG, NEED)
    assert update_need(store, FOCAL_AFG, opened["id"], {"urgency": "HIGH"}, 1)["version"] == 1
