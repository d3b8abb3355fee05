"""Import of stated needs: validation report, preview, one transaction with provenance and audit."""
import hashlib
import io

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from config import MAX_FILE_BYTES
from store import (
    PermissionDenied,
    PreviewOutdated,
    commit_import,
    get_need,
    imports,
    list_import_batches,
    list_needs,
    preview_import,
)
from store.schema import audit_log, import_batch, need
from tests.store.conftest import ADMIN, FOCAL_AFG

HEADER = "iso3,state,need_category,description,amount_usd_million,period,source_url,notes"
ROWS = [
    "AFG,Afghanistan,clearance,portfolio shortfall,48,2015,https://example.org/afg,",
    ",Colombia,victim_assistance,rehabilitation centres,\"1,200\",2020-2022,https://example.org/col,names only",
    "KHM,Cambodia,clearance,completion plan,,to 2025,https://example.org/khm,",
]


def _csv(*rows: str) -> bytes:
    return "\n".join([HEADER, *rows]).encode("utf-8")


def _counts(store):
    with store.engine.connect() as conn:
        return [conn.execute(select(func.count()).select_from(t)).scalar_one() for t in (need, audit_log, import_batch)]


def test_a_valid_file_is_previewed_then_committed_with_provenance(store):
    data = _csv(*ROWS)
    preview = preview_import(store, data, "needs.csv")
    assert preview.ok and preview.summary() == {"added": 3, "changed": 0, "unchanged": 0}
    assert list_needs(store) == []  # a preview writes nothing

    batch_id = commit_import(store, ADMIN, preview)

    batch = list_import_batches(store)[0]
    assert (batch["id"], batch["filename"], batch["actor"]) == (batch_id, "needs.csv", "ana")
    assert batch["sha256"] == hashlib.sha256(data).hexdigest()
    colombia = next(n for n in list_needs(store) if n["state_name"] == "Colombia")
    assert (colombia["iso3"], colombia["usd_million"], colombia["is_reference"]) == ("COL", 1200, True)
    assert colombia["reference_source"] == "needs.csv row 3"
    assert _counts(store) == [3, 3, 1]


def test_a_second_import_shows_what_changed_and_what_did_not(store):
    commit_import(store, ADMIN, preview_import(store, _csv(*ROWS), "needs.csv"))
    edited = ROWS[0].replace(",48,", ",50,")
    preview = preview_import(store, _csv(edited, *ROWS[1:]), "needs-v2.csv")
    assert preview.summary() == {"added": 0, "changed": 1, "unchanged": 2}
    assert preview.changed[0]["new"] == {"amount": 50_000_000, "usd_million": 50}

    commit_import(store, ADMIN, preview)

    afghan = next(n for n in list_needs(store) if n["iso3"] == "AFG")
    assert (afghan["usd_million"], afghan["version"]) == (50, 2)


def test_an_invalid_file_gives_the_validation_report_and_no_preview(store):
    preview = preview_import(store, _csv(ROWS[0], "XXX,Atlantis,clearance,x,-1,2020,ftp://x,"), "bad.csv")
    assert not preview.ok and preview.added == []
    assert {(p.row, p.column) for p in preview.problems} >= {(3, "amount_usd_million"), (3, "source_url")}
    with pytest.raises(Exception, match="nothing was imported"):
        commit_import(store, ADMIN, preview)
    assert _counts(store) == [0, 0, 0]


def test_a_file_over_the_size_limit_is_refused_before_reading(store):
    preview = preview_import(store, b"x" * (MAX_FILE_BYTES + 1), "huge.csv")
    assert "limit" in preview.problems[0].reason


def test_an_xlsx_upload_is_read_like_the_csv(store):
    workbook = Workbook()
    sheet = workbook.active
    for line in [HEADER, ROWS[0]]:
        sheet.append(line.split(","))
    out = io.BytesIO()
    workbook.save(out)
    assert preview_import(store, out.getvalue(), "needs.xlsx").summary()["added"] == 1


def test_an_import_failing_half_way_leaves_the_database_unchanged(store, monkeypatch):
    commit_import(store, ADMIN, preview_import(store, _csv(ROWS[0]), "first.csv"))
    before = _counts(store)
    real_insert = imports.insert_record
    calls = []

    def second_row_breaks(conn, table, values, who, batch_id=None):
        calls.append(values)
        if len(calls) == 2:  # a NOT NULL column left empty: the database itself refuses the row
            values = {**values, "description": None}
        return real_insert(conn, table, values, who, batch_id)

    monkeypatch.setattr(imports, "insert_record", second_row_breaks)
    preview = preview_import(store, _csv(ROWS[0].replace(",48,", ",49,"), *ROWS[1:]), "second.csv")
    assert preview.summary() == {"added": 2, "changed": 1, "unchanged": 0}
    with pytest.raises(IntegrityError):
        commit_import(store, ADMIN, preview)

    assert _counts(store) == before
    assert get_need(store, 1)["usd_million"] == 48
    assert len(list_import_batches(store)) == 1


def test_only_an_admin_imports(store):
    with pytest.raises(PermissionDenied):
        commit_import(store, FOCAL_AFG, preview_import(store, _csv(ROWS[0]), "needs.csv"))
    with pytest.raises(PermissionDenied):
        commit_import(store, None, preview_import(store, _csv(ROWS[0]), "needs.csv"))


def test_a_preview_made_stale_by_another_import_must_be_redone(store):
    preview = preview_import(store, _csv(*ROWS), "needs.csv")
    commit_import(store, ADMIN, preview_import(store, _csv(ROWS[0]), "other.csv"))
    with pytest.raises(PreviewOutdated):
        commit_import(store, ADMIN, preview)
    assert len(list_needs(store)) == 1
