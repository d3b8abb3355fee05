"""Presenter slides in the store: only admins edit, views stay inside the dashboard, order is kept, all audited."""
import pytest

from store import InvalidRecord, PermissionDenied, open_store, record_history
from store.slides import DEFAULT_DECK, create_slide, delete_slide, list_slides, move_slide, seed_default_slides, update_slide
from tests.store.conftest import ADMIN, FOCAL_AFG


def test_an_admin_adds_slides_in_order_and_everyone_reads_them(store):
    create_slide(store, ADMIN, {"title": "Where contamination remains", "view": "/overview?metric=contamination"})
    create_slide(store, ADMIN, {"title": "Cambodia", "view": "/country?iso3=KHM&pace_years=2", "note": "ask about 2025"})
    slides = list_slides(store)
    assert [s["title"] for s in slides] == ["Where contamination remains", "Cambodia"]
    assert [s["position"] for s in slides] == [1, 2] and slides[1]["note"] == "ask about 2025"


@pytest.mark.parametrize("actor", [None, FOCAL_AFG])
def test_only_an_admin_edits_slides(store, actor):
    with pytest.raises(PermissionDenied):
        create_slide(store, actor, {"title": "x", "view": "/gaps"})
    assert list_slides(store) == []


@pytest.mark.parametrize("view", ["javascript:alert(1)", "https://example.org/gaps", "//evil.example/", "/admin",
                                  "/gaps?view=<script>", "gaps", ""])
def test_a_view_must_be_a_page_of_this_dashboard(store, view):
    with pytest.raises(InvalidRecord) as error:
        create_slide(store, ADMIN, {"title": "x", "view": view})
    assert "view" in error.value.problems
    assert list_slides(store) == []


def test_moving_swaps_neighbours_and_stops_at_the_ends(store):
    ids = [create_slide(store, ADMIN, {"title": t, "view": "/"})["id"] for t in "abc"]
    move_slide(store, ADMIN, ids[2], -1)
    assert [s["title"] for s in list_slides(store)] == ["a", "c", "b"]
    move_slide(store, ADMIN, ids[0], -1)  # already first
    assert [s["title"] for s in list_slides(store)] == ["a", "c", "b"]


def test_edits_are_version_checked_and_every_change_is_audited(store):
    created = create_slide(store, ADMIN, {"title": "Gaps", "view": "/gaps"})
    update_slide(store, ADMIN, created["id"], {"title": "Gaps: pace"}, version=1)
    with pytest.raises(Exception, match="was changed by ana"):
        update_slide(store, ADMIN, created["id"], {"title": "stale"}, version=1)
    delete_slide(store, ADMIN, created["id"])
    assert list_slides(store) == []
    assert [e["action"] for e in record_history(store, "slide", created["id"])] == ["create", "update", "delete"]


def test_the_default_deck_is_seeded_once_and_a_deleted_slide_stays_deleted(database_url):
    store = open_store(database_url, seed=False)
    assert seed_default_slides(store) == len(DEFAULT_DECK)
    slides = list_slides(store)
    assert [s["view"] for s in slides] == ["/?metric=contamination", "/gaps?view=pace", "/gaps?view=casualties",
                                           "/needs", "/gaps?view=completeness", "/country?iso3=AGO"]
    assert [s["position"] for s in slides] == list(range(1, len(DEFAULT_DECK) + 1))
    assert [e["action"] for e in record_history(store, "slide", slides[0]["id"])] == ["create"]
    delete_slide(store, ADMIN, slides[2]["id"])
    store.close()
    store = open_store(database_url, seed=False)
    assert seed_default_slides(store) == 0  # a second start adds nothing back
    assert len(list_slides(store)) == len(DEFAULT_DECK) - 1
    store.close()


def test_a_store_that_already_has_slides_keeps_its_own_deck(store):
    create_slide(store, ADMIN, {"title": "Ours", "view": "/gaps"})
    assert seed_default_slides(store) == 0 and seed_default_slides(store) == 0
    assert [s["title"] for s in list_slides(store)] == ["Ours"]
