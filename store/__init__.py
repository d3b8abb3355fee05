"""The SQL store of needs, offers and partnerships: engine, migrations, the one write path. No Streamlit.

Importing opens no connection; `open_store()` connects, migrates and seeds.
"""
from store.base import Store
from store.errors import InvalidRecord, NotFound, PermissionDenied, StaleEdit, StoreError, StoreUnavailable
from store.exports import export_csv, export_rows, export_xlsx
from store.imports import ImportPreview, PreviewOutdated, commit_import, preview_import
from store.reads import (
    get_need,
    get_offer,
    get_partnership,
    list_import_batches,
    list_needs,
    list_offers,
    list_partnerships,
    list_support_records,
    record_history,
)
from store.roles import Actor
from store.startup import open_store
from store.users import authenticate, get_actor, verify_password
from store.writes import create_need, create_offer, create_partnership, update_need, update_offer, update_partnership

__all__ = [
    "Actor", "ImportPreview", "InvalidRecord", "NotFound", "PermissionDenied", "PreviewOutdated", "StaleEdit",
    "Store", "StoreError", "StoreUnavailable", "authenticate", "commit_import", "create_need", "create_offer",
    "create_partnership", "export_csv", "export_rows", "export_xlsx", "get_actor", "get_need", "get_offer", "get_partnership",
    "list_import_batches", "list_needs", "list_offers", "list_partnerships", "list_support_records", "open_store",
    "preview_import", "record_history", "update_need", "update_offer", "update_partnership", "verify_password",
]
