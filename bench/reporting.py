"""Print how long Form C of an Article 7 report takes to open and to save with 10 and with 2,000 mined areas.

Two levels, each timed for both sizes on a fresh store (a SQLite file in a temporary folder, or a schema made for
the run in the PostgreSQL database given with --database-url, dropped at the end):
- store: open = store.reports.get_report (every form of the report, as the page reads it); save = get_report, then
  save_section of Form C with one area's size changed: the edit check, the answers read (a row sent unchanged is
  the stored row, not parsed again), the audit entry (the rows changed, by number), the report as saved.
- page: the /reporting page run by Streamlit's AppTest for the ISU at ?iso3=…&year=…&form=C, a first run (open)
  and the run after "Save this form" with one cell changed in the areas' editor (save: the callback reading only the
  rows the editor says were edited, added or deleted, the store's save, and the page drawn again), server side only
  (no browser): what the server spends before the browser gets the page.
Each figure is the median of --repeat runs (5 by default) after one unmeasured run. Then the ratio of the 2,000-area
time to the 10-area time for each. Asserts nothing. What stays proportional to the rows: decoding and encoding the
table's JSON, comparing its rows with the stored ones, and the editor's table sent to the browser.

Run: python bench/reporting.py [--repeat N] [--database-url URL]
"""
from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.schema import CreateSchema, DropSchema

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from domain.reporting.report import Section, empty_report  # noqa: E402
from domain.reporting.schema import form_keys  # noqa: E402
from store import Actor, open_store  # noqa: E402
from store.engine import make_engine  # noqa: E402
from store.reports import create_report, get_report, save_section  # noqa: E402
from store.sessions import start_session  # noqa: E402
from store.users import add_user  # noqa: E402

ISU = Actor("bench-isu", "admin")
COVER = {"period_from": "2026-01-01", "period_to": "2026-12-31", "date_of_submission": "2027-04-20",
         "contact_organisation": "National Mine Action Authority"}
SIZES = (10, 2000)
PAGE = str(ROOT / "app_pages" / "reporting.py")


def areas(count: int) -> list[dict]:
    """`count` mined areas as a national database exports them: ids, codes, status, size, types."""
    return [{"area_id": f"BIH-{i:05d}", "admin_area": f"Municipality {i % 140}", "admin_code": f"BA{i % 140:04d}",
             "status": "confirmed" if i % 3 else "suspected", "size_m2": float(1000 + 37 * i),
             "mine_types": ["PMA-2", "PROM-1"] if i % 2 else ["PMA-3"], "estimated_quantity": i % 50,
             "date_emplaced": "1992-1995", "geometry": None} for i in range(count)]


def fill(store, iso3: str, year: int, count: int) -> None:
    report = empty_report(iso3, year)
    report.sections["cover"] = Section("changed", None, dict(COVER), {})
    report.sections["C"] = Section("changed", None, {}, {"areas": areas(count)})
    create_report(store, ISU, iso3, year, content=report)


def median_of(repeat: int, run) -> float:
    run()  # unmeasured: imports, first connection, Streamlit's first script compile
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def store_times(store, iso3: str, year: int, repeat: int) -> tuple[float, float]:
    opened = median_of(repeat, lambda: get_report(store, ISU, iso3, year))

    def save() -> None:
        stored = get_report(store, ISU, iso3, year)
        section = stored.report.section("C")
        rows = [dict(row) for row in section.tables["areas"]]
        rows[0]["size_m2"] = rows[0]["size_m2"] + 1
        save_section(store, ISU, iso3, year, "C", Section(section.status, section.unchanged_since, section.values,
                                                        {"areas": rows}), stored.versions["C"])

    return opened, median_of(repeat, save)


def page_times(store, iso3: str, year: int, repeat: int) -> tuple[float, float]:
    from streamlit.testing.v1 import AppTest

    token = start_session(store, ISU.username)

    def first_run() -> AppTest:
        app = AppTest.from_file(PAGE, default_timeout=300)
        app.session_state["sign_in_token"] = token
        app.query_params.update(iso3=iso3, year=str(year), form="C")
        app.run()
        if app.exception:
            raise SystemExit(f"the page failed: {[e.message for e in app.exception]}")
        return app

    opened = median_of(repeat, first_run)
    times = []
    for round_ in range(repeat + 1):
        app = first_run()
        start = time.perf_counter()
        editor = next(e for e in app.data_editor if e.key.startswith("a7f_C_t_areas_"))
        # One cell edited, as the grid sends it: the first area's size.
        app.session_state[editor.key] = {"edited_rows": {0: {"size_m2": f"{1000 + round_}"}}, "added_rows": [],
                                         "deleted_rows": []}
        app.button(key="a7f_C_save").click().run()
        if app.exception:
            raise SystemExit(f"saving failed: {[e.message for e in app.exception]}")
        if round_:  # the first save is unmeasured, as in median_of
            times.append(time.perf_counter() - start)
    return opened, statistics.median(times)


@contextlib.contextmanager
def fresh_database(url: str):
    """A schema of its own in the PostgreSQL database at `url` (its URL yielded), dropped afterwards."""
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(CreateSchema(schema))
    try:
        yield make_url(url).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(DropSchema(schema, cascade=True))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", help="a PostgreSQL database to use instead of a temporary SQLite file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, contextlib.ExitStack() as stack:
        os.environ.pop("DATABASE_URL", None)
        os.environ["MBC_STORE_PATH"] = str(Path(folder) / "store.sqlite3")
        if args.database_url:
            os.environ["DATABASE_URL"] = stack.enter_context(fresh_database(args.database_url))
        store = open_store()
        add_user(store, ISU.username, "bench only, thrown away with its folder", "admin", by="bench")
        results = {}
        for count, (iso3, year) in zip(SIZES, (("BIH", 2026), ("BIH", 2027)), strict=True):
            fill(store, iso3, year, count)
            results[count] = (*store_times(store, iso3, year, args.repeat), *page_times(store, iso3, year, args.repeat))
        store.close()
    print(f"Form C of an Article 7 report, median of {args.repeat} runs ({'PostgreSQL' if args.database_url else 'SQLite'}); "
          f"{len(form_keys())} forms per report")
    print(f"{'areas':>6} {'store open':>11} {'store save':>11} {'page open':>10} {'page save':>10}")
    for count, (s_open, s_save, p_open, p_save) in results.items():
        print(f"{count:>6} {s_open * 1000:>9.1f}ms {s_save * 1000:>9.1f}ms {p_open:>9.2f}s {p_save:>9.2f}s")
    small, large = results[SIZES[0]], results[SIZES[1]]
    names = ("store open", "store save", "page open", "page save")
    print("ratio 2,000 / 10: " + ", ".join(f"{name} {b / a:.2f}x" for name, a, b in zip(names, small, large, strict=True)))


if __name__ == "__main__":
    main()
