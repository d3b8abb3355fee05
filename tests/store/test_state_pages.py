"""A State's own page in the store: drafts by its focal point, review by the ISU, the last published version shown,
every step audited; refusals leave nothing behind."""
import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from domain.state_page import SECTION_KEYS, PublishedPage
from store import InvalidRecord, NotFound, PermissionDenied, StaleEdit, record_history
from store.roles import Actor
from store.schema import audit_log, state_page_version
from store.state_pages import (
    get_page_draft,
    get_published_page,
    list_pending_pages,
    publish_page,
    return_page,
    save_page_draft,
    submit_page,
)
from tests.store.conftest import ADMIN, FOCAL_AFG, FOCAL_COL, NORWAY

MOVED = ["national_context", "partnerships", "implementation", "needs", "maps", "individualised_approach",
         "contacts", "resources"]
RECORD = {
    "order": MOVED, "hidden": ["maps"],
    "texts": {"socio_economic_impact": {"text": "Mines block [farmland](https://example.org/a). <script>x</script>",
                                        "language": "en"}},
    "contacts": [{"organisation": "DMAC", "role": "director", "email": "info@dmac.example", "phone": "+93 20",
                  "public": False}],
    "resources": [{"kind": "strategy", "label": "Strategy 2025", "url": "https://example.org/strategy.pdf"}],
}


def counts(store) -> tuple[int, int]:
    with store.engine.connect() as conn:
        return (conn.execute(select(func.count()).select_from(state_page_version)).scalar_one(),
                conn.execute(select(func.count()).select_from(audit_log)).scalar_one())


def test_a_focal_point_saves_submits_and_the_isu_publishes(store):
    draft = save_page_draft(store, FOCAL_AFG, "AFG", RECORD, None)
    assert (draft["iso3"], draft["version"], draft["status"], draft["comment"]) == ("AFG", 1, "draft", None)
    assert draft["content"].shown[:2] == ("national_context", "partnerships") and "maps" not in draft["content"].shown
    assert draft["updated_by"] == "fp_afg"
    assert get_published_page(store, "AFG") is None

    changed = {**RECORD, "texts": {"priorities": {"text": "Clear the north first.", "language": "fr"}}}
    draft = save_page_draft(store, FOCAL_AFG, "AFG", changed, 1)
    assert draft["version"] == 2 and draft["content"].texts["priorities"].language == "fr"
    pending = submit_page(store, FOCAL_AFG, "AFG", 2)
    assert pending["status"] == "pending"

    [review] = list_pending_pages(store, ADMIN)
    assert (review["iso3"], review["version"], review["submitted_by"]) == ("AFG", 2, "fp_afg")
    assert review["submitted_at"] is not None
    fields = {change.field: change for change in review["changes"]}
    assert fields["texts.priorities"].before == "" and fields["texts.priorities"].after == "[fr] Clear the north first."
    assert fields["hidden"].after == "maps"

    published = publish_page(store, ADMIN, "AFG", 2)
    assert isinstance(published, PublishedPage)
    assert (published.version, published.published_by) == (2, "ana") and published.published_at is not None
    assert get_published_page(store, "AFG") == published
    assert get_page_draft(store, FOCAL_AFG, "AFG") is None
    assert list_pending_pages(store, ADMIN) == []
    actions = [entry["action"] for entry in record_history(store, "state_page_version", 1)]
    assert actions == ["create", "update", "submit", "publish"]


def test_the_page_shows_the_last_published_version_while_the_next_is_reviewed(store):
    save_page_draft(store, FOCAL_AFG, "AFG", RECORD, None)
    submit_page(store, FOCAL_AFG, "AFG", 1)
    publish_page(store, ADMIN, "AFG", 1)
    nxt = save_page_draft(store, FOCAL_AFG, "AFG", {**RECORD, "hidden": []}, None)
    assert nxt["version"] == 2
    submit_page(store, FOCAL_AFG, "AFG", 2)
    assert get_published_page(store, "AFG").content.hidden == frozenset({"maps"})
    [review] = list_pending_pages(store, ADMIN)
    assert [(c.field, c.before, c.after) for c in review["changes"]] == [("hidden", "maps", "")]
    publish_page(store, ADMIN, "AFG", 2)
    shown = get_published_page(store, "AFG")
    assert shown.version == 2 and shown.content.hidden == frozenset()
    with store.engine.connect() as conn:
        statuses = conn.execute(select(state_page_version.c.version, state_page_version.c.status)
                                .order_by(state_page_version.c.version)).all()
    assert [tuple(s) for s in statuses] == [(1, "superseded"), (2, "published")]


def test_the_isu_returns_a_page_with_a_comment_and_the_state_fixes_it(store):
    save_page_draft(store, FOCAL_AFG, "AFG", RECORD, None)
    submit_page(store, FOCAL_AFG, "AFG", 1)
    with pytest.raises(InvalidRecord) as error:
        return_page(store, ADMIN, "AFG", 1, "  ")
    assert "comment" in error.value.problems
    returned = return_page(store, ADMIN, "AFG", 1, "Please add a public contact.")
    assert (returned["status"], returned["comment"]) == ("returned", "Please add a public contact.")
    assert get_page_draft(store, FOCAL_AFG, "AFG")["comment"] == "Please add a public contact."
    fixed = save_page_draft(store, FOCAL_AFG, "AFG", {**RECORD, "contacts": [{"organisation": "DMAC"}]}, 1)
    assert fixed["version"] == 2 and fixed["content"].contacts[0].public is True
    assert submit_page(store, FOCAL_AFG, "AFG", 2)["status"] == "pending"
    assert publish_page(store, ADMIN, "AFG", 2).version == 2


def test_a_pending_page_is_locked_until_the_isu_returns_it(store):
    save_page_draft(store, FOCAL_AFG, "AFG", RECORD, None)
    submit_page(store, FOCAL_AFG, "AFG", 1)
    before = counts(store)
    with pytest.raises(PermissionDenied, match="waiting for the ISU's review"):
        save_page_draft(store, FOCAL_AFG, "AFG", {**RECORD, "hidden": []}, 1)
    with pytest.raises(PermissionDenied):
        submit_page(store, FOCAL_AFG, "AFG", 1)
    assert counts(store) == before
    assert get_page_draft(store, ADMIN, "AFG")["content"].hidden == frozenset({"maps"})


def test_an_edit_based_on_an_older_version_is_refused(store):
    save_page_draft(store, FOCAL_AFG, "AFG", RECORD, None)
    save_page_draft(store, ADMIN, "AFG", {**RECORD, "hidden": []}, 1)
    before = counts(store)
    with pytest.raises(StaleEdit) as error:
        save_page_draft(store, FOCAL_AFG, "AFG", {**RECORD, "order": list(SECTION_KEYS)}, 1)
    assert (error.value.based_on, error.value.current, error.value.by) == (1, 2, ["ana"])
    with pytest.raises(StaleEdit):  # a second "new" draft while one is open
        save_page_draft(store, FOCAL_AFG, "AFG", RECORD, None)
    with pytest.raises(StaleEdit):
        submit_page(store, FOCAL_AFG, "AFG", 1)
    assert counts(store) == before


@pytest.mark.parametrize("actor, reason", [
    (FOCAL_COL, "a focal point for COL may only edit the page of COL, not of AFG"),
    (NORWAY, "only an admin or the State's focal point"),
    (None, "sign in"),
])
def test_only_the_states_focal_point_or_an_admin_edits_its_page(store, actor, reason):
    save_page_draft(store, FOCAL_AFG, "AFG", RECORD, None)
    before = counts(store)
    with pytest.raises(PermissionDenied, match=reason):
        save_page_draft(store, actor, "AFG", {**RECORD, "hidden": []}, 1)
    with pytest.raises(PermissionDenied, match=reason):
        get_page_draft(store, actor, "AFG")
    with pytest.raises(PermissionDenied, match=reason):
        submit_page(store, actor, "AFG", 1)
    with pytest.raises(PermissionDenied, match=reason):
        save_page_draft(store, actor, "AFG", RECORD, None) if actor else get_page_draft(store, actor, "AFG")
    assert counts(store) == before


@pytest.mark.parametrize("actor", [FOCAL_AFG, FOCAL_COL, NORWAY, None])
def test_only_the_isu_reviews(store, actor):
    save_page_draft(store, FOCAL_AFG, "AFG", RECORD, None)
    submit_page(store, FOCAL_AFG, "AFG", 1)
    before = counts(store)
    with pytest.raises(PermissionDenied):
        publish_page(store, actor, "AFG", 1)
    with pytest.raises(PermissionDenied):
        return_page(store, actor, "AFG", 1, "no")
    with pytest.raises(PermissionDenied):
        list_pending_pages(store, actor)
    assert counts(store) == before and get_published_page(store, "AFG") is None


@pytest.mark.parametrize("record, field, reason", [
    ({"texts": {"priorities": {"text": "[x](javascript:alert(1))", "language": "en"}}}, "texts.priorities",
     "only http:// and https:// links are allowed, not 'javascript:alert(1)'"),
    ({"texts": {"priorities": {"text": "x" * 4001, "language": "en"}}}, "texts.priorities",
     "4001 characters; at most 4000"),
    ({"hidden": ["implementation"]}, "hidden", "the status of implementation is always shown"),
    ({"resources": [{"kind": "other", "label": "x", "url": "javascript:alert(1)"}]}, "resources.1.url",
     "'javascript:alert(1)' is not an http:// or https:// address"),
])
def test_content_that_breaks_the_rules_is_refused_and_nothing_stored(store, record, field, reason):
    with pytest.raises(InvalidRecord) as error:
        save_page_draft(store, FOCAL_AFG, "AFG", record, None)
    assert error.value.problems[field] == reason
    assert counts(store) == (0, 0)


def test_a_page_for_no_state_is_refused(store):
    with pytest.raises(InvalidRecord) as error:
        save_page_draft(store, ADMIN, "XXX", RECORD, None)
    assert "iso3" in error.value.problems
    assert counts(store) == (0, 0)


def test_publishing_or_returning_needs_a_pending_version(store):
    with pytest.raises(NotFound):
        publish_page(store, ADMIN, "AFG", 1)
    save_page_draft(store, FOCAL_AFG, "AFG", RECORD, None)
    with pytest.raises(PermissionDenied, match="only a version waiting for review"):
        publish_page(store, ADMIN, "AFG", 1)
    with pytest.raises(PermissionDenied, match="only a version waiting for review"):
        return_page(store, ADMIN, "AFG", 1, "x")
    submit_page(store, FOCAL_AFG, "AFG", 1)
    with pytest.raises(StaleEdit):
        publish_page(store, ADMIN, "AFG", 2)


def test_an_admin_keeps_any_states_page(store):
    draft = save_page_draft(store, ADMIN, "COL", RECORD, None)
    assert draft["iso3"] == "COL" and get_page_draft(store, FOCAL_COL, "COL")["version"] == 1
    submit_page(store, ADMIN, "COL", 1)
    assert publish_page(store, ADMIN, "COL", 1).content.iso3 == "COL"
    other = Actor("fp_col2", "focal_point", iso3="COL")
    assert get_page_draft(store, other, "COL") is None


def test_the_database_itself_keeps_one_open_version_per_state(store):
    save_page_draft(store, FOCAL_AFG, "AFG", RECORD, None)
    row = {"iso3": "AFG", "status": "returned", "content": {}, "created_by": "x",
           "updated_by": "x", "version": 2}
    with pytest.raises(IntegrityError), store.engine.begin() as conn:  # as a second session's insert would be
        conn.execute(insert(state_page_version).values(**row, created_at=get_page_draft(store, ADMIN, "AFG")["updated_at"],
                                                      updated_at=get_page_draft(store, ADMIN, "AFG")["updated_at"]))
    submit_page(store, FOCAL_AFG, "AFG", 1)
    publish_page(store, ADMIN, "AFG", 1)
    with store.engine.begin() as conn:  # a published version is not open: a new draft may sit beside it
        stamp = get_published_page(store, "AFG").published_at
        conn.execute(insert(state_page_version).values(**{**row, "status": "draft"}, created_at=stamp, updated_at=stamp))
