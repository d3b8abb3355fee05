"""The ISU's command line for Article 7 workbooks: a template to fill in, and an import that saves a draft only when
the workbook has no problem (exit 0 saved, 1 refused with every problem at its cell, 2 could not run)."""
import io
import sys

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from data_loaders.article7_workbook import write_workbook
from domain.reporting import schema
from domain.reporting.report import Report, Section
from store import create_report, get_report, save_section, submit_report
from store.cli import run
from store.schema import a7_report, audit_log
from tests.store.conftest import ADMIN, FOCAL_AFG
from tests.store.test_reports import areas, complete


@pytest.fixture
def cli(database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)

    def call(*argv):
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        return run([str(arg) for arg in argv])

    return call


def workbook(tmp_path, report: Report, name: str = "afg-2025.xlsx"):
    path = tmp_path / name
    path.write_bytes(write_workbook(report))
    return path


def cells(path) -> set:
    book = load_workbook(path)
    return {cell for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row if cell}


def counts(store) -> tuple[int, int]:
    """Reports, and audit entries of reports (opening the store seeds reference data, audited too)."""
    with store.engine.connect() as conn:
        return (conn.execute(select(func.count()).select_from(a7_report)).scalar_one(),
                conn.execute(select(func.count()).select_from(audit_log)
                             .where(audit_log.c.table_name.like("a7_%"))).scalar_one())


def test_the_template_is_blank_without_an_earlier_report(cli, store, tmp_path, capsys):
    out = tmp_path / "template.xlsx"
    assert cli("reports", "template", "--state", "AFG", "--year", 2025, out) == 0
    assert "the 2025 report of AFG, blank" in capsys.readouterr().out
    assert len(load_workbook(out).sheetnames) == len(schema.forms())
    assert "AF-1" not in cells(out)
    assert counts(store) == (0, 0)


def test_the_template_begins_from_the_states_last_report(cli, store, tmp_path, capsys):
    create_report(store, FOCAL_AFG, "AFG", 2024)
    save_section(store, FOCAL_AFG, "AFG", 2024, "C", areas(1000), 1)
    out = tmp_path / "template.xlsx"
    assert cli("reports", "template", "--state", "Afghanistan", "--year", 2025, out) == 0
    assert "begun from the 2024 report" in capsys.readouterr().out
    assert "AF-1" in cells(out)


def test_a_good_workbook_is_saved_as_a_draft_then_saved_over_it(cli, store, tmp_path, capsys):
    report = Report("AFG", 2025, sections=complete(2025))
    path = workbook(tmp_path, report)
    assert cli("reports", "import-xlsx", path, "--state", "AFG", "--year", 2025) == 0
    assert "a new draft" in capsys.readouterr().out
    stored = get_report(store, ADMIN, "AFG", 2025)
    assert (stored.info.status, stored.info.updated_by, stored.info.entered_by_isu) == ("draft", "command line", False)
    assert stored.report.section("C").tables["areas"][0]["size_m2"] == 1000.0
    assert stored.report.section("A").status == "not_applicable"

    report.sections["C"] = areas(1000, 40)
    assert cli("reports", "import-xlsx", workbook(tmp_path, report), "--state", "AFG", "--year", 2025) == 0
    assert "forms changed: C" in capsys.readouterr().out
    again = get_report(store, ADMIN, "AFG", 2025)
    assert len(again.report.section("C").tables["areas"]) == 2 and again.versions["C"] == 2


def test_the_isu_enters_a_states_report_dated(cli, store, tmp_path):
    path = workbook(tmp_path, Report("AFG", 2025, sections=complete(2025)))
    assert cli("reports", "import-xlsx", path, "--state", "AFG", "--year", 2025, "--document-dated", "2026-04-28") == 0
    info = get_report(store, ADMIN, "AFG", 2025).info
    assert (info.entered_by_isu, info.source_document_date) == (True, "2026-04-28")


def test_a_submitted_report_is_not_imported_over(cli, store, tmp_path, capsys):
    path = workbook(tmp_path, Report("AFG", 2025, sections=complete(2025)))
    assert cli("reports", "import-xlsx", path, "--state", "AFG", "--year", 2025) == 0
    submit_report(store, ADMIN, "AFG", 2025, {})
    before = counts(store)
    changed = workbook(tmp_path, Report("AFG", 2025, sections={**complete(2025), "C": areas(5)}), "changed.xlsx")
    assert cli("reports", "import-xlsx", changed, "--state", "AFG", "--year", 2025) == 1
    assert "submitted and locked" in capsys.readouterr().err
    assert counts(store) == before


def test_a_workbook_with_problems_is_refused_each_at_its_cell_and_nothing_written(cli, store, tmp_path, capsys):
    sections = complete(2025)
    sections["C"] = Section(tables={"areas": [{"area_id": "AF-1", "admin_code": "AF01", "status": "confirmed",
                                               "size_m2": 10, "mine_types": ["XYZ-9"]}]})
    sections["cover"].values.pop("contact_organisation")
    path = workbook(tmp_path, Report("AFG", 2025, sections=sections))
    assert cli("reports", "import-xlsx", path, "--state", "AFG", "--year", 2025) == 1
    lines = capsys.readouterr().err.splitlines()
    problems = [line for line in lines if line.startswith(f"{path}:")]
    assert any("unknown mine type 'XYZ-9'" in line for line in problems)
    assert any("required" in line for line in problems)
    for line in problems:
        sheet, row, column, _reason = line[len(str(path)) + 1:].split(":", 3)
        assert sheet and int(row) > 0 and column.isalpha()
    assert lines[-1] == f"refused: {len(problems)} problem(s); nothing was saved"
    assert counts(store) == (0, 0)


def test_a_file_that_is_not_a_workbook_is_refused(cli, store, tmp_path, capsys):
    path = tmp_path / "report.xlsx"
    path.write_bytes(b"Dear ISU, please find our report attached.")
    assert cli("reports", "import-xlsx", path, "--state", "AFG", "--year", 2025) == 1
    assert capsys.readouterr().err.startswith(f"{path}:")
    assert counts(store) == (0, 0)


@pytest.mark.parametrize("argv, reason", [
    (["import-xlsx", "missing.xlsx", "--state", "AFG", "--year", "2025"], "cannot read"),
    (["import-xlsx", "missing.xlsx", "--state", "Atlantis", "--year", "2025"], "not a State's ISO3 code or name"),
    (["template", "out.xlsx", "--state", "AFG", "--year", "1800"], "not a year between 1997 and 2100"),
    (["template", "out.xlsx", "--state", "AFG"], "required: --year"),
    (["template", "no/such/folder/out.xlsx", "--state", "AFG", "--year", "2025"], "cannot write"),
])
def test_what_cannot_run_exits_2(cli, store, tmp_path, monkeypatch, capsys, argv, reason):
    monkeypatch.chdir(tmp_path)
    assert cli("reports", *argv) == 2
    assert reason in capsys.readouterr().err
    assert counts(store) == (0, 0)


def test_an_unreachable_store_exits_2(cli, tmp_path, monkeypatch, capsys):
    path = workbook(tmp_path, Report("AFG", 2025, sections=complete(2025)))
    monkeypatch.setenv("DATABASE_URL", "postgresql://mbc@127.0.0.1:1/closed")  # nothing listens on port 1
    assert cli("reports", "import-xlsx", path, "--state", "AFG", "--year", 2025) == 2
    assert "cannot be reached" in capsys.readouterr().err
