"""The SQL store of needs, offers and partnerships: engine, migrations, the one write path. No Streamlit.

Importing opens no connection; `open_store()` connects, migrates and seeds.
"""
from store.base import Store
from store.documents import DocumentDamaged
from store.errors import InvalidRecord, NotFound, PermissionDenied, StaleEdit, StoreError, StoreUnavailable
from store.exports import export_csv, export_rows, export_xlsx
from store.ia import (
    add_ia_document,
    create_ia_event,
    ia_event_review,
    list_ia_events,
    list_pending_ia_events,
    publish_ia_event,
    read_ia_document,
    return_ia_event,
    seed_ia_history,
    update_ia_event,
)
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
from store.reports import (
    ReportInfo,
    ReportRefused,
    StoredReport,
    create_report,
    get_report,
    list_reports,
    previous_report,
    publish_report,
    published_reports,
    recall_report,
    record_sent,
    return_report,
    save_section,
    save_sections,
    submit_report,
)
from store.roles import Actor
from store.startup import open_store
from store.state_pages import (
    get_page_draft,
    get_published_page,
    list_pending_pages,
    publish_page,
    return_page,
    save_page_draft,
    submit_page,
)
from store.users import authenticate, get_actor, verify_password
from store.writes import create_need, create_offer, create_partnership, update_need, update_offer, update_partnership

__all__ = [
    "Actor", "DocumentDamaged", "ImportPreview", "InvalidRecord", "NotFound", "PermissionDenied", "PreviewOutdated",
    "ReportInfo", "ReportRefused", "StaleEdit", "Store", "StoreError", "StoreUnavailable", "StoredReport",
    "add_ia_document", "authenticate", "commit_import", "create_ia_event", "create_need", "create_offer",
    "create_partnership", "create_report", "export_csv", "export_rows", "export_xlsx", "get_actor", "get_need",
    "get_offer", "get_page_draft", "get_partnership", "get_published_page", "get_report", "ia_event_review",
    "list_ia_events", "list_import_batches", "list_needs", "list_offers", "list_partnerships",
    "list_pending_ia_events", "list_pending_pages", "list_reports", "list_support_records", "open_store",
    "preview_import", "previous_report", "publish_ia_event", "publish_page", "publish_report", "published_reports",
    "read_ia_document", "recall_report", "record_history", "record_sent", "return_ia_event", "return_page",
    "return_report", "save_page_draft", "save_section", "save_sections", "seed_ia_history", "submit_page",
    "submit_report", "update_ia_event", "update_need", "update_offer", "update_partnership", "verify_password",
]
