"""Article 7 reports in the store: a State's focal point writes the draft form by form, submits it through the checks,
the ISU publishes or returns it; drafts stay with the State and the ISU, published reports are public; every step is
audited and a refusal leaves nothing behind."""
import dataclasses

import pytest
from sqlalchemy import func, select

from domain.reporting import schema
from domain.reporting.report import Report, Section
from store import (
    InvalidRecord,
    NotFound,
    PermissionDenied,
    ReportRefused,
    StaleEdit,
    create_report,
    get_report,
    list_reports,
    open_store,
    previous_report,
    publish_report,
    published_reports,
    recall_report,
    record_history,
    record_sent,
    return_report,
    save_section,
    save_sections,
    submit_report,
)
from store.schema import a7_report, a7_section, audit_log
from tests.store.conftest import ADMIN, FOCAL_AFG, FOCAL_COL, NORWAY


def cover(year: int) -> Section:
    return Section(values={"period_from": f"{year}-01-01", "period_to": f"{year}-12-31",
                           "date_of_submission": f"{year + 1}-04-01", "contact_organisation": "DMAC",
                           "contact_email": "dmac@example.org"})


def areas(*sizes) -> Section:
    return Section(tables={"areas": [
        {"area_id": f"AF-{n}", "admin_code": f"AF0{n}", "status": "confirmed", "size_m2": size, "mine_types": ["PMN"]}
        for n, size in enumerate(sizes, start=1)]})


def retained(start: int, used: int, end: int) -> Section:
    return Section(tables={"retained": [{"institution": "Army", "mine_type": ["PMN"], "quantity_start": start,
                                         "used": used, "quantity_end": end}]})


NOT_APPLICABLE = Section("not_applicable")


def complete(year: int, *, sizes=(1000,), d: Section | None = None) -> dict[str, Section]:
    """Every form of a report the checks pass: the cover, Form C's areas, Form D if given, the rest not applicable."""
    sections = {key: NOT_APPLICABLE for key in schema.form_keys()}
    sections.update(cover=cover(year), C=areas(*sizes), J=Section())
    if d is not None:
        sections["D"] = d
    return sections


def write(store, actor, iso3, year, sections: dict[str, Section]):
    """Save each section over the version the report was read at."""
    stored = get_report(store, actor, iso3, year)
    for key, section in sections.items():
        stored = save_section(store, actor, iso3, year, key, section, stored.versions[key])
    return stored


def counts(store) -> tuple[int, int, int]:
    with store.engine.connect() as conn:
        return tuple(conn.execute(select(func.count()).select_from(table)).scalar_one()
                     for table in (a7_report, a7_section, audit_log))


def test_an_empty_store_has_no_reports(store):
    assert list_reports(store, ADMIN) == [] and list_reports(store, None) == []
    assert published_reports(store) == []
    assert previous_report(store, ADMIN, "AFG", 2026) is None
    with pytest.raises(NotFound, match="no Article 7 report of AFG for 2025"):
        get_report(store, ADMIN, "AFG", 2025)


def test_a_focal_point_creates_a_draft_and_saves_a_form_as_the_schema_reads_it(store):
    created = create_report(store, FOCAL_AFG, "AFG", 2025)
    assert (created.info.iso3, created.info.year, created.info.status, created.info.updated_by) == (
        "AFG", 2025, "draft", "fp_afg")
    assert created.versions == {key: 1 for key in schema.form_keys()}
    assert all(section.is_empty() for section in created.report.sections.values())

    typed = Section(tables={"areas": [{"area_id": "AF-1", "status": "CHA", "size_m2": "1,500", "mine_types": "PMN; M14",
                                       "unknown": "dropped"}, {"area_id": " "}]})
    saved = save_section(store, FOCAL_AFG, "AFG", 2025, "C", typed, 1)

    [area] = saved.report.section("C").tables["areas"]
    assert (area["status"], area["size_m2"], area["mine_types"], area["admin_code"]) == (
        "confirmed", 1500.0, ["PMN", "M14"], None)
    assert "unknown" not in area
    assert saved.versions["C"] == 2 and saved.versions["A"] == 1
    assert get_report(store, FOCAL_AFG, "AFG", 2025) == saved
    again = save_section(store, FOCAL_AFG, "AFG", 2025, "C", saved.report.section("C"), 2)
    assert again.versions["C"] == 2  # nothing changed, nothing written


@pytest.mark.parametrize("section, problems", [
    (areas("-5"), {"C.areas.1.size_m2": "-5 is negative: counts and areas cannot be"}),
    (Section(tables={"areas": [{"area_id": "AF-1", "estimated_quantity": "many"},
                               {"area_id": "AF-2", "status": "cleared"}]}),
     {"C.areas.1.estimated_quantity": "'many' is not a number",
      "C.areas.2.status": "'cleared' is not one of: suspected, confirmed"}),
])
def test_a_value_the_schema_refuses_is_named_and_nothing_is_stored(store, section, problems):
    create_report(store, FOCAL_AFG, "AFG", 2025)
    before = counts(store)
    with pytest.raises(InvalidRecord) as error:
        save_section(store, FOCAL_AFG, "AFG", 2025, "C", section, 1)
    assert error.value.problems == problems
    assert counts(store) == before
    assert get_report(store, FOCAL_AFG, "AFG", 2025).report.section("C").tables == {"areas": []}


def test_a_single_answer_is_named_by_form_and_field(store):
    create_report(store, FOCAL_AFG, "AFG", 2025)
    with pytest.raises(InvalidRecord) as error:
        save_section(store, FOCAL_AFG, "AFG", 2025, "J", Section(values={"killed": "2.5"}), 1)
    assert error.value.problems == {"J.killed": "2.5 is not a whole number: count whole people, mines or areas"}
    with pytest.raises(InvalidRecord) as error:
        save_section(store, FOCAL_AFG, "AFG", 2025, "Z", Section(), 1)
    assert error.value.problems == {"Z": "'Z' is not a form of the Article 7 report"}


def test_a_second_editor_of_a_form_is_told_what_changed_and_nothing_is_lost(store):
    create_report(store, FOCAL_AFG, "AFG", 2025)
    opened = get_report(store, FOCAL_AFG, "AFG", 2025)
    first = save_section(store, ADMIN, "AFG", 2025, "C", areas(1000), opened.versions["C"])
    before = counts(store)
    mine = areas(2000)
    with pytest.raises(StaleEdit) as error:
        save_section(store, FOCAL_AFG, "AFG", 2025, "C", mine, opened.versions["C"])
    stale = error.value
    assert (stale.based_on, stale.current, stale.by) == (1, 2, ["ana"])
    assert stale.changes["tables.areas"] == (0, 1)  # the table's rows, then each row changed by its number
    old_row, new_row = stale.changes["tables.areas.1"]
    assert old_row is None and new_row["size_m2"] == 1000.0
    assert counts(store) == before and mine.tables["areas"][0]["size_m2"] == 2000  # the editor still has the text
    kept = save_section(store, FOCAL_AFG, "AFG", 2025, "C", mine, first.versions["C"])
    assert kept.report.section("C").tables["areas"][0]["size_m2"] == 2000.0 and kept.versions["C"] == 3
    # another form, saved meanwhile from the same reading, is no conflict
    assert save_section(store, FOCAL_AFG, "AFG", 2025, "J", Section(values={"killed": 3}), opened.versions["J"])


def test_a_draft_is_intact_after_the_store_is_closed_and_opened_again(database_url):
    first = open_store(database_url, seed=False)
    create_report(first, FOCAL_AFG, "AFG", 2025)
    saved = write(first, FOCAL_AFG, "AFG", 2025, {"C": areas(1000, 250.5), "J": Section(values={"killed": 4})})
    first.close()
    reopened = open_store(database_url, seed=False)
    try:
        assert get_report(reopened, FOCAL_AFG, "AFG", 2025) == saved
    finally:
        reopened.close()


def test_save_sections_saves_the_whole_report_or_nothing(store):
    create_report(store, FOCAL_AFG, "AFG", 2025)
    versions = get_report(store, FOCAL_AFG, "AFG", 2025).versions
    before = counts(store)
    bad = Report("AFG", 2025, sections={"C": areas(1000), "J": Section(values={"killed": "-1"})})
    with pytest.raises(InvalidRecord) as error:
        save_sections(store, FOCAL_AFG, "AFG", 2025, bad, versions)
    assert list(error.value.problems) == ["J.killed"]
    save_section(store, ADMIN, "AFG", 2025, "J", Section(values={"killed": 1}), versions["J"])
    before = counts(store)
    good = Report("AFG", 2025, sections={"C": areas(1000), "J": Section(values={"killed": 2})})
    with pytest.raises(StaleEdit):  # J changed since: C is not saved either
        save_sections(store, FOCAL_AFG, "AFG", 2025, good, versions)
    assert counts(store) == before
    assert get_report(store, FOCAL_AFG, "AFG", 2025).report.section("C").tables == {"areas": []}
    saved = save_sections(store, FOCAL_AFG, "AFG", 2025, good, {**versions, "J": 2})
    assert saved.versions["C"] == 2 and saved.versions["J"] == 3
    assert saved.report.section("J").values["killed"] == 2


def test_an_error_blocks_submission_until_it_is_fixed(store):
    create_report(store, FOCAL_AFG, "AFG", 2025)
    write(store, FOCAL_AFG, "AFG", 2025, {**complete(2025), "C": areas(None)})
    before = counts(store)
    with pytest.raises(ReportRefused) as error:
        submit_report(store, FOCAL_AFG, "AFG", 2025, {})
    [problem] = error.value.problems
    assert (problem.key, problem.severity) == ("C/areas/1/size_m2/required", "error")
    assert counts(store) == before and get_report(store, FOCAL_AFG, "AFG", 2025).info.status == "draft"
    write(store, FOCAL_AFG, "AFG", 2025, {"C": areas(1000)})
    assert submit_report(store, FOCAL_AFG, "AFG", 2025, {}).info.status == "submitted"


def test_a_warning_is_confirmed_with_a_comment_kept_with_who_and_when(store):
    create_report(store, FOCAL_AFG, "AFG", 2025)
    write(store, FOCAL_AFG, "AFG", 2025, complete(2025, d=retained(100, 10, 95)))
    for confirmations in ({}, {"D/retained/1/quantity_end/balance": "  "}):
        with pytest.raises(ReportRefused) as error:
            submit_report(store, FOCAL_AFG, "AFG", 2025, confirmations)
        [warning] = error.value.unconfirmed
        assert error.value.problems == [warning] and warning.severity == "warning"
        assert warning.key == "D/retained/1/quantity_end/balance"
    submitted = submit_report(store, FOCAL_AFG, "AFG", 2025,
                              {warning.key: "five found in an unrecorded store", "X/-/-/-/other": "ignored"})
    info = submitted.info
    assert (info.status, info.submitted_by) == ("submitted", "fp_afg") and info.submitted_at is not None
    assert list(info.confirmations) == [warning.key]
    assert info.confirmations[warning.key]["comment"] == "five found in an unrecorded store"
    assert info.confirmations[warning.key]["by"] == "fp_afg" and info.confirmations[warning.key]["at"]


def test_submission_compares_with_the_states_last_published_report(store):
    create_report(store, FOCAL_AFG, "AFG", 2024)
    write(store, FOCAL_AFG, "AFG", 2024, complete(2024, sizes=(1000,)))
    submit_report(store, FOCAL_AFG, "AFG", 2024, {})
    publish_report(store, ADMIN, "AFG", 2024)
    create_report(store, FOCAL_AFG, "AFG", 2025)
    write(store, FOCAL_AFG, "AFG", 2025, complete(2025, sizes=(50_000,)))
    with pytest.raises(ReportRefused) as error:
        submit_report(store, FOCAL_AFG, "AFG", 2025, {})
    assert [w.code for w in error.value.unconfirmed] == ["tenfold"]


def test_a_submitted_report_is_locked_until_the_state_recalls_it(store):
    create_report(store, FOCAL_AFG, "AFG", 2025)
    stored = write(store, FOCAL_AFG, "AFG", 2025, complete(2025))
    submit_report(store, FOCAL_AFG, "AFG", 2025, {})
    before = counts(store)
    with pytest.raises(PermissionDenied, match="submitted and locked: recall it"):
        save_section(store, FOCAL_AFG, "AFG", 2025, "C", areas(5), stored.versions["C"])
    with pytest.raises(PermissionDenied, match="submitted and locked"):
        save_sections(store, ADMIN, "AFG", 2025, Report("AFG", 2025, sections={"C": areas(5)}), stored.versions)
    with pytest.raises(PermissionDenied, match="only a draft or a returned report can be submitted"):
        submit_report(store, FOCAL_AFG, "AFG", 2025, {})
    assert counts(store) == before

    recalled = recall_report(store, FOCAL_AFG, "AFG", 2025)
    assert (recalled.info.status, recalled.info.submitted_at, recalled.info.confirmations) == ("draft", None, {})
    assert save_section(store, FOCAL_AFG, "AFG", 2025, "C", areas(5), stored.versions["C"]).versions["C"] == 3
    with pytest.raises(PermissionDenied, match="only a submitted report not yet published can be recalled"):
        recall_report(store, FOCAL_AFG, "AFG", 2025)


@pytest.mark.parametrize("actor", [FOCAL_AFG, FOCAL_COL, NORWAY, None])
def test_only_the_isu_publishes_or_returns(store, actor):
    create_report(store, FOCAL_AFG, "AFG", 2025)
    write(store, FOCAL_AFG, "AFG", 2025, complete(2025))
    submit_report(store, FOCAL_AFG, "AFG", 2025, {})
    before = counts(store)
    with pytest.raises(PermissionDenied):
        publish_report(store, actor, "AFG", 2025)
    with pytest.raises(PermissionDenied):
        return_report(store, actor, "AFG", 2025, "add the areas of Herat")
    assert counts(store) == before and published_reports(store) == []


def test_the_isu_publishes_and_the_report_is_public_and_final(store):
    create_report(store, FOCAL_AFG, "AFG", 2025)
    stored = write(store, FOCAL_AFG, "AFG", 2025, complete(2025))
    with pytest.raises(PermissionDenied, match="only a submitted report can be published"):
        publish_report(store, ADMIN, "AFG", 2025)
    submit_report(store, FOCAL_AFG, "AFG", 2025, {})
    published = publish_report(store, ADMIN, "AFG", 2025)
    assert (published.info.status, published.info.published_by) == ("published", "ana")
    assert published.info.published_at is not None

    public = get_report(store, None, "AFG", 2025)
    assert public.report == stored.report and public.info == published.info
    assert get_report(store, FOCAL_COL, "AFG", 2025) == public
    assert [info.year for info in list_reports(store, None)] == [2025]
    assert [p.info.id for p in published_reports(store)] == [published.info.id]
    before = counts(store)
    with pytest.raises(PermissionDenied, match="published, and a published report is final"):
        save_section(store, ADMIN, "AFG", 2025, "C", areas(5), stored.versions["C"])
    for step in (recall_report, publish_report):
        with pytest.raises(PermissionDenied):
            step(store, ADMIN, "AFG", 2025)
    assert counts(store) == before


def test_the_isu_returns_a_report_with_a_comment_and_the_state_fixes_it(store):
    create_report(store, FOCAL_AFG, "AFG", 2025)
    write(store, FOCAL_AFG, "AFG", 2025, complete(2025))
    submit_report(store, FOCAL_AFG, "AFG", 2025, {})
    with pytest.raises(InvalidRecord) as error:
        return_report(store, ADMIN, "AFG", 2025, "  ")
    assert error.value.problems == {"comment": "say what to change: a comment is required to return a report"}
    returned = return_report(store, ADMIN, "AFG", 2025, "Form C: add the areas of Herat.")
    assert (returned.info.status, returned.info.comment) == ("returned", "Form C: add the areas of Herat.")
    assert get_report(store, FOCAL_AFG, "AFG", 2025).info.comment == "Form C: add the areas of Herat."
    fixed = save_section(store, FOCAL_AFG, "AFG", 2025, "C", areas(1000, 300), returned.versions["C"])
    assert fixed.info.status == "returned"
    assert submit_report(store, FOCAL_AFG, "AFG", 2025, {}).info.comment is None
    assert publish_report(store, ADMIN, "AFG", 2025).report.section("C").tables["areas"][1]["size_m2"] == 300.0


@pytest.mark.parametrize("actor, reason", [
    (FOCAL_COL, "a focal point for COL may only keep and read the Article 7 reports of COL"),
    (NORWAY, "only an admin or the State's focal point"),
    (None, "sign in"),
])
def test_another_states_focal_point_can_neither_see_nor_change_a_draft(store, actor, reason):
    created = create_report(store, FOCAL_AFG, "AFG", 2025)
    write(store, FOCAL_AFG, "AFG", 2025, complete(2025))
    before = counts(store)
    with pytest.raises(PermissionDenied, match=reason):
        get_report(store, actor, "AFG", 2025)
    assert list_reports(store, actor) == [] and list_reports(store, actor, "AFG") == []
    assert previous_report(store, actor, "AFG", 2026) is None
    with pytest.raises(PermissionDenied, match=reason):
        save_section(store, actor, "AFG", 2025, "C", areas(1), created.versions["C"])
    with pytest.raises(PermissionDenied, match=reason):
        save_sections(store, actor, "AFG", 2025, Report("AFG", 2025, sections={"C": areas(1)}), created.versions)
    with pytest.raises(PermissionDenied, match=reason):
        submit_report(store, actor, "AFG", 2025, {})
    with pytest.raises(PermissionDenied, match=reason):
        create_report(store, actor, "AFG", 2026, from_year=2025)
    submit_report(store, FOCAL_AFG, "AFG", 2025, {})
    after_submit = counts(store)
    for step in (recall_report, get_report):
        with pytest.raises(PermissionDenied, match=reason):
            step(store, actor, "AFG", 2025)
    with pytest.raises(PermissionDenied, match=reason):
        record_sent(store, actor, "AFG", 2025, "2026-04-02")
    assert counts(store)[:2] == before[:2] and counts(store) == after_submit


def test_a_focal_point_sees_its_own_states_drafts_and_everyones_published_reports(store):
    create_report(store, FOCAL_AFG, "AFG", 2025)
    create_report(store, FOCAL_COL, "COL", 2024)
    write(store, FOCAL_COL, "COL", 2024, complete(2024))
    submit_report(store, FOCAL_COL, "COL", 2024, {})
    publish_report(store, ADMIN, "COL", 2024)
    create_report(store, FOCAL_COL, "COL", 2025)
    assert [(i.iso3, i.year) for i in list_reports(store, FOCAL_AFG)] == [("AFG", 2025), ("COL", 2024)]
    assert [(i.iso3, i.year) for i in list_reports(store, ADMIN)] == [("AFG", 2025), ("COL", 2025), ("COL", 2024)]
    assert [(i.iso3, i.year) for i in list_reports(store, FOCAL_COL, "COL")] == [("COL", 2025), ("COL", 2024)]


def test_a_year_starts_from_the_year_before(store):
    create_report(store, FOCAL_AFG, "AFG", 2024)
    last = write(store, FOCAL_AFG, "AFG", 2024, complete(2024, sizes=(1000, 500)))
    with pytest.raises(NotFound, match="AFG for 2023"):
        create_report(store, FOCAL_AFG, "AFG", 2025, from_year=2023)
    with pytest.raises(InvalidRecord) as error:
        create_report(store, FOCAL_AFG, "AFG", 2025, from_year=2025)
    assert "from_year" in error.value.problems

    started = create_report(store, FOCAL_AFG, "AFG", 2025, from_year=2024)

    report = started.report
    c = report.section("C")
    assert (c.status, c.unchanged_since, c.tables) == ("unchanged", 2024, last.report.section("C").tables)
    assert report.section("A").status == "not_applicable"
    assert report.section("cover").values["contact_organisation"] == "DMAC"
    assert report.section("cover").values["period_from"] == "2025-01-01"
    assert report.section("cover").values["date_of_submission"] is None
    assert previous_report(store, FOCAL_AFG, "AFG", 2025) == last.report
    assert previous_report(store, None, "AFG", 2025) is None  # the 2024 draft is not public
    [created] = record_history(store, "a7_report", started.info.id)
    assert created["action"] == "create" and created["new"]["from_year"] == 2024
    with pytest.raises(InvalidRecord, match="exists already"):
        create_report(store, ADMIN, "AFG", 2025)


def test_only_the_isu_enters_a_report_from_a_states_document_and_the_report_says_so(store):
    with pytest.raises(PermissionDenied, match="only the ISU"):
        create_report(store, FOCAL_AFG, "AFG", 2025, entered_from_document_dated="2026-04-28")
    for bad in ("28/04/2026", "2999-01-01"):
        with pytest.raises(InvalidRecord) as error:
            create_report(store, ADMIN, "AFG", 2025, entered_from_document_dated=bad)
        assert "source_document_date" in error.value.problems
    assert counts(store) == (0, 0, 0)
    entered = create_report(store, ADMIN, "AFG", 2025, entered_from_document_dated="2026-04-28")
    assert (entered.info.entered_by_isu, entered.info.source_document_date) == (True, "2026-04-28")
    assert create_report(store, FOCAL_AFG, "AFG", 2024).info.entered_by_isu is False


@pytest.mark.parametrize("iso3, year, field", [("XXX", 2025, "iso3"), ("AFG", 1990, "year"), ("AFG", "2025", "year")])
def test_a_report_for_no_state_or_year_is_refused(store, iso3, year, field):
    with pytest.raises(InvalidRecord) as error:
        create_report(store, ADMIN, iso3, year)
    assert field in error.value.problems
    assert counts(store) == (0, 0, 0)


def test_the_state_records_when_it_sent_the_report(store):
    create_report(store, FOCAL_AFG, "AFG", 2025)
    write(store, FOCAL_AFG, "AFG", 2025, complete(2025))
    with pytest.raises(PermissionDenied, match="submit it before"):
        record_sent(store, FOCAL_AFG, "AFG", 2025, "2026-04-02")
    submit_report(store, FOCAL_AFG, "AFG", 2025, {})
    for bad in ("2 April", "2026-02-30", "2999-04-02"):
        with pytest.raises(InvalidRecord) as error:
            record_sent(store, FOCAL_AFG, "AFG", 2025, bad)
        assert "sent_at" in error.value.problems
    assert record_sent(store, FOCAL_AFG, "AFG", 2025, "2026-04-02").info.sent_at == "2026-04-02"
    assert publish_report(store, ADMIN, "AFG", 2025).info.sent_at == "2026-04-02"


def test_every_step_is_audited(store):
    created = create_report(store, FOCAL_AFG, "AFG", 2025)
    write(store, FOCAL_AFG, "AFG", 2025, complete(2025, d=retained(10, 1, 9)))
    submit_report(store, FOCAL_AFG, "AFG", 2025, {})
    recall_report(store, FOCAL_AFG, "AFG", 2025)
    submit_report(store, FOCAL_AFG, "AFG", 2025, {})
    return_report(store, ADMIN, "AFG", 2025, "sign the cover")
    submit_report(store, FOCAL_AFG, "AFG", 2025, {})
    record_sent(store, FOCAL_AFG, "AFG", 2025, "2026-04-02")
    publish_report(store, ADMIN, "AFG", 2025)

    history = record_history(store, "a7_report", created.info.id)
    assert [(e["action"], e["actor"]) for e in history] == [
        ("create", "fp_afg"), ("submit", "fp_afg"), ("recall", "fp_afg"), ("submit", "fp_afg"), ("return", "ana"),
        ("submit", "fp_afg"), ("sent", "fp_afg"), ("publish", "ana")]
    assert history[4]["new"] == {"status": "returned", "comment": "sign the cover"}
    assert history[-1]["old"]["status"] == "submitted"
    with store.engine.connect() as conn:
        section_id = conn.execute(select(a7_section.c.id).where(a7_section.c.report_id == created.info.id,
                                                                a7_section.c.form == "D")).scalar_one()
    [saved] = record_history(store, "a7_section", section_id)
    assert (saved["action"], saved["record_version"]) == ("update", 2)
    assert saved["old"] == {"tables.retained": 0, "tables.retained.1": None}
    assert saved["new"]["tables.retained"] == 1 and saved["new"]["tables.retained.1"]["quantity_end"] == 9


def test_published_reports_carry_their_content_for_the_rest_of_the_product(store):
    for iso3, actor in (("AFG", FOCAL_AFG), ("COL", FOCAL_COL)):
        create_report(store, actor, iso3, 2025)
        write(store, actor, iso3, 2025, complete(2025, sizes=(700,)))
        submit_report(store, actor, iso3, 2025, {})
    publish_report(store, ADMIN, "COL", 2025)
    [published] = published_reports(store)
    assert (published.info.iso3, published.report.iso3, published.report.year) == ("COL", "COL", 2025)
    assert published.report.section("C").tables["areas"][0]["size_m2"] == 700.0
    assert dataclasses.asdict(published.info)["status"] == "published"


def test_a_report_created_with_its_content_is_checked_like_a_save(store):
    bad = Report("AFG", 2025, sections={**complete(2025), "J": Section(values={"killed": "some"})})
    with pytest.raises(InvalidRecord) as error:
        create_report(store, ADMIN, "AFG", 2025, content=bad)
    assert list(error.value.problems) == ["J.killed"]
    assert counts(store) == (0, 0, 0)
    created = create_report(store, ADMIN, "AFG", 2025, content=Report("AFG", 2025, sections=complete(2025)))
    assert created.versions["C"] == 1 and created.report.section("C").tables["areas"][0]["size_m2"] == 1000.0
    assert created.report.section("A").status == "not_applicable"


def test_a_field_added_to_the_schema_is_stored(store, monkeypatch):
    form_c = schema.form("C")
    operator = schema.Field("operator", "Operator", "str", "Who works the area.")
    table = dataclasses.replace(form_c.table("areas"), fields=(*form_c.table("areas").fields, operator))
    monkeypatch.setattr(schema, "FORMS", tuple(dataclasses.replace(form, tables=(table,)) if form.key == "C" else form
                                               for form in schema.FORMS))
    create_report(store, FOCAL_AFG, "AFG", 2025)
    section = areas(1000)
    section.tables["areas"][0]["operator"] = " HALO Trust "
    saved = save_section(store, FOCAL_AFG, "AFG", 2025, "C", section, 1)
    assert saved.report.section("C").tables["areas"][0]["operator"] == "HALO Trust"
    assert get_report(store, ADMIN, "AFG", 2025).report == saved.report


def section_history(store, report_id: int, form: str) -> list[dict]:
    with store.engine.connect() as conn:
        section_id = conn.execute(select(a7_section.c.id).where(a7_section.c.report_id == report_id,
                                                                a7_section.c.form == form)).scalar_one()
    return record_history(store, "a7_section", section_id)


def test_one_cell_changed_in_a_big_table_is_one_row_in_the_audit_and_in_the_edit_check(store):
    created = create_report(store, FOCAL_AFG, "AFG", 2025)
    first = save_section(store, FOCAL_AFG, "AFG", 2025, "C", areas(*range(1000, 1300)), created.versions["C"])
    rows = [dict(row) for row in first.report.section("C").tables["areas"]]
    rows[16]["size_m2"] = 5.0
    second = save_section(store, ADMIN, "AFG", 2025, "C", Section(tables={"areas": rows}), first.versions["C"])
    assert second.report.section("C").tables["areas"] == rows
    assert second == get_report(store, ADMIN, "AFG", 2025)  # what the save gives back is what is stored
    entry = section_history(store, created.info.id, "C")[-1]
    assert (entry["old"], entry["new"]) == ({"tables.areas.17": {**rows[16], "size_m2": 1016.0}},
                                            {"tables.areas.17": rows[16]})
    with pytest.raises(StaleEdit) as error:  # someone still on the first version
        save_section(store, FOCAL_AFG, "AFG", 2025, "C", areas(1), first.versions["C"])
    assert error.value.by == ["ana"] and list(error.value.changes) == ["tables.areas.17"]
    assert error.value.changes["tables.areas.17"] == ({**rows[16], "size_m2": 1016.0}, rows[16])
    assert "tables.areas.17" in str(error.value) and "ana" in str(error.value)


def test_rows_removed_and_added_are_named_with_the_tables_number_of_rows(store):
    created = create_report(store, FOCAL_AFG, "AFG", 2025)
    first = save_section(store, FOCAL_AFG, "AFG", 2025, "C", areas(10, 20, 30), created.versions["C"])
    rows = first.report.section("C").tables["areas"]
    save_section(store, FOCAL_AFG, "AFG", 2025, "C", Section(tables={"areas": rows[:2]}), first.versions["C"])
    entry = section_history(store, created.info.id, "C")[-1]
    assert entry["old"] == {"tables.areas": 3, "tables.areas.3": rows[2]}
    assert entry["new"] == {"tables.areas": 2, "tables.areas.3": None}


def test_a_stored_row_sent_again_is_not_parsed_again_but_a_changed_one_is(store, monkeypatch):
    from domain.reporting import report as report_module
    created = create_report(store, FOCAL_AFG, "AFG", 2025)
    first = save_section(store, FOCAL_AFG, "AFG", 2025, "C", areas(*range(1000, 1050)), created.versions["C"])
    read = []
    real = report_module.parse_value
    monkeypatch.setattr(report_module, "parse_value", lambda spec, raw: read.append(raw) or real(spec, raw))
    rows = [dict(row) for row in first.report.section("C").tables["areas"]]
    rows[3]["size_m2"] = "about 300"
    with pytest.raises(InvalidRecord) as error:
        save_section(store, FOCAL_AFG, "AFG", 2025, "C", Section(tables={"areas": rows}), first.versions["C"])
    assert error.value.problems == {"C.areas.4.size_m2": "'about 300' is not a number"}
    assert "about 300" in read and "AF-4" in read and "AF-5" not in read  # the changed row only
