"""Tables as CSV or XLSX files, for every download: the registry's exports and each page's tables.

A text cell starting with = + - @ (or a tab or carriage return) gets a leading single quote, so a
spreadsheet shows it as text instead of running it as a formula (OWASP "CSV injection").
"""
from __future__ import annotations

import csv
import io

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def rows_to_csv(header, rows) -> bytes:
    """CSV bytes of already neutralised rows; the BOM makes Excel read UTF-8."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def rows_to_xlsx(header, rows, sheet_name: str) -> bytes:
    # Imported when a workbook is asked for: openpyxl is a fifth of a second of every server start otherwise.
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name[:31])  # Excel's limit for a sheet name
    sheet.append(list(header))
    for row in rows:
        # XML cannot hold most control characters; openpyxl refuses them rather than dropping them.
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
