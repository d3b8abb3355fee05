"""Article 7 transparency reports as data: one declarative schema (schema.py) from which the form pages, the
checks, the workbook, the exports and the stored record are all made; a report's values (report.py); the checks
at submission (checks.py); what published reports add to the rest of the product (figures.py, completeness.py,
cross_cutting.py). Pure: no Streamlit, no SQL, no files.
"""
