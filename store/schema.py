"""The tables as the latest migration leaves them; migrations never import this (they are frozen)."""
from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    column,
    false,
)

metadata = MetaData()


def _money() -> list[Column]:
    # Numeric, not Float, so amounts round-trip exactly on PostgreSQL; returned as float for pandas.
    return [
        Column("amount", Numeric(20, 2, asdecimal=False)),
        Column("currency", String(3)),
        Column("usd_million", Numeric(16, 6, asdecimal=False)),
    ]


def _tracking() -> list[Column]:
    return [
        Column("created_at", DateTime, nullable=False),
        Column("created_by", String(100), nullable=False),
        Column("updated_at", DateTime, nullable=False),
        Column("updated_by", String(100), nullable=False),
        Column("version", Integer, nullable=False),
    ]


def _reference() -> list[Column]:
    return [
        Column("is_reference", Boolean, nullable=False),
        Column("reference_source", Text),
        Column("import_batch_id", Integer, ForeignKey("import_batch.id")),
    ]


import_batch = Table(
    "import_batch", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(20), nullable=False),  # seed | upload
    Column("source", String(40), nullable=False),  # the reference layout, e.g. stated_needs
    Column("filename", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("actor", String(100), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("added", Integer, nullable=False),
    Column("changed", Integer, nullable=False),
    Column("unchanged", Integer, nullable=False),
)

need = Table(
    "need", metadata,
    Column("id", Integer, primary_key=True),
    Column("iso3", String(3), index=True),  # empty only for reference rows about no single state
    Column("state_name", Text, nullable=False),
    Column("area", String(40), nullable=False),
    Column("description", Text, nullable=False),
    *_money(),
    Column("period", Text, nullable=False),
    Column("urgency", String(20)),
    # Empty on reference rows: a source states a need, rarely whether it was met since.
    Column("status", String(20)),
    Column("source_url", Text),
    Column("author", String(100)),
    Column("notes", Text),
    *_reference(),
    *_tracking(),
)

offer = Table(
    "offer", metadata,
    Column("id", Integer, primary_key=True),
    Column("provider_kind", String(20), nullable=False),  # state | organisation
    Column("provider_name", Text, nullable=False),
    Column("provider_iso3", String(3), index=True),
    Column("modality", String(40), nullable=False),
    Column("areas", JSON, nullable=False),
    Column("targets", JSON, nullable=False),  # ISO3 codes, UN regions, or ["any"]
    *_money(),
    Column("period", Text),
    Column("conditions", Text),
    Column("contact", Text),
    Column("status", String(20), nullable=False),
    Column("source_url", Text),
    Column("notes", Text),
    *_reference(),
    *_tracking(),
    # Migration 0005: a seeded announcement (pledge, commitment, ...) as its source words it, and its year.
    Column("announced_as", String(30)),
    Column("announced_year", Integer),
)

partnership = Table(
    "partnership", metadata,
    Column("id", Integer, primary_key=True),
    Column("need_id", Integer, ForeignKey("need.id"), nullable=False, index=True),
    Column("offer_id", Integer, ForeignKey("offer.id"), nullable=False, index=True),
    Column("status", String(20), nullable=False),
    *_money(),
    Column("notes", Text),
    # Maputo Action Plan, Action 21 (added by migration 0002).
    Column("need_side_responsibilities", Text),
    Column("offer_side_responsibilities", Text),
    Column("targets", Text),
    Column("targets_age_gender_sensitive", Boolean, nullable=False),
    Column("commitment_from_year", Integer),
    Column("commitment_to_year", Integer),
    Column("dialogue_dates", JSON, nullable=False),
    *_tracking(),
    Index("uq_partnership_need_offer", "need_id", "offer_id", unique=True),  # migration 0004: a pair once
)

support_record = Table(
    "support_record", metadata,
    Column("id", Integer, primary_key=True),
    Column("donor", Text, nullable=False),
    Column("donor_iso3", String(3)),
    Column("recipient", Text, nullable=False),
    Column("recipient_iso3", String(3), index=True),
    Column("year", Integer),
    Column("usd_million", Numeric(16, 6, asdecimal=False)),
    Column("thematic_area", Text),
    Column("is_announcement", Boolean, nullable=False),
    Column("source_url", Text),
    Column("notes", Text),
    Column("import_batch_id", Integer, ForeignKey("import_batch.id"), nullable=False),
)

app_user = Table(
    "app_user", metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(100), nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("role", String(20), nullable=False),
    Column("iso3", String(3)),
    Column("provider", Text),
    Column("created_at", DateTime, nullable=False),
)

audit_log = Table(
    "audit_log", metadata,
    Column("id", Integer, primary_key=True),
    Column("table_name", String(40), nullable=False),
    Column("record_id", Integer, nullable=False),
    Column("record_version", Integer),
    Column("action", String(20), nullable=False),  # create | update | delete
    Column("actor", String(100), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("old", JSON),
    Column("new", JSON),
    Column("import_batch_id", Integer, ForeignKey("import_batch.id")),
    Index("ix_audit_log_record", "table_name", "record_id"),  # migration 0002: a record's history
)

slide = Table(
    "slide", metadata,  # migration 0003
    Column("id", Integer, primary_key=True),
    Column("position", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("view", Text, nullable=False),
    Column("note", Text),
    *_tracking(),
)

sign_in_session = Table(
    "sign_in_session", metadata,  # migration 0005: a sign-in kept across reloads; the token itself is never stored
    Column("id", Integer, primary_key=True),
    Column("token_sha256", String(64), nullable=False, unique=True),
    Column("username", String(100), nullable=False, index=True),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Column("revoked_at", DateTime),
)

# Migration 0006: a State's own page, version by version; its Individualised Approach events and their documents.
PAGE_OPEN_STATUSES = ("draft", "pending", "returned")
_page_open = column("status").in_(PAGE_OPEN_STATUSES)

state_page_version = Table(
    "state_page_version", metadata,
    Column("id", Integer, primary_key=True),
    Column("iso3", String(3), nullable=False, index=True),
    Column("status", String(20), nullable=False),  # draft | pending | returned | published | superseded
    Column("content", JSON, nullable=False),  # domain.state_page.StatePageContent.as_record()
    Column("comment", Text),  # the ISU's, when it returns the version
    Column("submitted_at", DateTime),
    Column("submitted_by", String(100)),
    Column("reviewed_at", DateTime),
    Column("reviewed_by", String(100)),
    *_tracking(),
    # One open version (draft, pending or returned) per State.
    Index("uq_state_page_open", "iso3", unique=True, sqlite_where=_page_open, postgresql_where=_page_open),
)

ia_event = Table(
    "ia_event", metadata,
    Column("id", Integer, primary_key=True),
    Column("iso3", String(3), nullable=False, index=True),
    Column("kind", String(30), nullable=False),
    Column("date", String(10), nullable=False),  # YYYY-MM-DD or YYYY-MM
    Column("venue", Text, nullable=False),
    Column("status", String(20), nullable=False),  # planned | held
    Column("summary", Text, nullable=False),
    Column("source", Text),
    Column("source_url", Text),
    Column("review_status", String(20), nullable=False),  # pending | published | returned
    Column("comment", Text),
    *_tracking(),
    Column("import_batch_id", Integer, ForeignKey("import_batch.id")),
    # Migration 0007: the last published version of the public fields (kind, date, venue, status, summary,
    # source, source_url), what the public sees while a change waits for review; None until first published.
    Column("published", JSON),
    Column("published_at", DateTime),
    Column("published_by", String(100)),
)

ia_document = Table(
    "ia_document", metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("ia_event.id"), nullable=False, index=True),
    Column("filename", Text, nullable=False),  # a download name only, never a path
    Column("content_type", String(100), nullable=False),
    Column("size", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("data", LargeBinary),  # the bytes, unless kept in MBC_DOCUMENTS_DIR
    Column("stored_name", String(100)),  # the file's name in MBC_DOCUMENTS_DIR
    Column("uploaded_by", String(100), nullable=False),
    Column("uploaded_at", DateTime, nullable=False),
    # Migration 0007: published with its event (the public may read it); False while it waits for review.
    Column("published", Boolean, nullable=False, server_default=false()),
)

RECORD_TABLES = {"need": need, "offer": offer, "partnership": partnership}


# Migration 0008: Article 7 reports, one per State and year, a section per form (domain/reporting/schema.py).
REPORT_STATUSES = ("draft", "submitted", "returned", "published")

a7_report = Table(
    "a7_report", metadata,
    Column("id", Integer, primary_key=True),
    Column("iso3", String(3), nullable=False),
    Column("year", Integer, nullable=False),
    Column("initial", Boolean, nullable=False),
    Column("status", String(20), nullable=False),  # REPORT_STATUSES
    Column("entered_by_isu", Boolean, nullable=False),  # entered by the ISU from the State's own document
    Column("source_document_date", String(10)),  # that document's date, YYYY-MM-DD
    Column("comment", Text),  # the ISU's, when it returns the report
    Column("submitted_at", DateTime),
    Column("submitted_by", String(100)),
    Column("published_at", DateTime),
    Column("published_by", String(100)),
    Column("sent_at", String(10)),  # when the State says it sent the report through the official channel
    Column("confirmations", JSON, nullable=False),  # warning key -> {"comment", "by", "at"} at submission
    *_tracking(),
    Index("uq_a7_report_state_year", "iso3", "year", unique=True),
)

a7_section = Table(
    "a7_section", metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("a7_report.id"), nullable=False),
    Column("form", String(20), nullable=False),  # a form key: cover, A..J
    Column("status", String(20), nullable=False),  # changed | unchanged | not_applicable
    Column("unchanged_since", Integer),
    Column("content", JSON, nullable=False),  # {"values", "tables"} as domain.reporting.report.Section holds them
    Column("version", Integer, nullable=False),  # the section's own edit check
    Column("updated_at", DateTime, nullable=False),
    Column("updated_by", String(100), nullable=False),
    Index("uq_a7_section_report_form", "report_id", "form", unique=True),
)
