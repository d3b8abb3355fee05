"""A State's own page and its Individualised Approach platform.

state_page_version: each version of what a State says on its page (sections, order, texts, contacts,
resources as JSON), its review status and who submitted and reviewed it; one open version (draft, pending
or returned) per State. ia_event: the events of a State's IA platform, compiled (with their source) or
entered by the State and reviewed by the ISU. ia_document: an event's reports and presentations, with their
checksum; the bytes in the database or, when MBC_DOCUMENTS_DIR is set, in that folder.

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _tracking() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("updated_by", sa.String(100), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "state_page_version",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("iso3", sa.String(3), nullable=False, index=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("content", sa.JSON, nullable=False),
        sa.Column("comment", sa.Text),
        sa.Column("submitted_at", sa.DateTime),
        sa.Column("submitted_by", sa.String(100)),
        sa.Column("reviewed_at", sa.DateTime),
        sa.Column("reviewed_by", sa.String(100)),
        *_tracking(),
    )
    open_version = sa.column("status").in_(("draft", "pending", "returned"))
    op.create_index("uq_state_page_open", "state_page_version", ["iso3"], unique=True,
                    sqlite_where=open_version, postgresql_where=open_version)
    op.create_table(
        "ia_event",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("iso3", sa.String(3), nullable=False, index=True),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("date", sa.String(10), nullable=False),
        sa.Column("venue", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("source_url", sa.Text),
        sa.Column("review_status", sa.String(20), nullable=False),
        sa.Column("comment", sa.Text),
        *_tracking(),
        sa.Column("import_batch_id", sa.Integer, sa.ForeignKey("import_batch.id")),
    )
    op.create_table(
        "ia_document",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("ia_event.id"), nullable=False, index=True),
        sa.Column("filename", sa.Text, nullable=False),
        sa.Column("content_type", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary),
        sa.Column("stored_name", sa.String(100)),
        sa.Column("uploaded_by", sa.String(100), nullable=False),
        sa.Column("uploaded_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("ia_document")
    op.drop_table("ia_event")
    op.drop_index("uq_state_page_open", table_name="state_page_version")
    op.drop_table("state_page_version")
