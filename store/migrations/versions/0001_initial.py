"""Initial tables: needs, offers, partnerships, support records, users, audit log, import batches.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _money():
    return [
        sa.Column("amount", sa.Numeric(20, 2)),
        sa.Column("currency", sa.String(3)),
        sa.Column("usd_million", sa.Numeric(16, 6)),
    ]


def _tracking():
    return [
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("updated_by", sa.String(100), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    ]


def _reference():
    return [
        sa.Column("is_reference", sa.Boolean, nullable=False),
        sa.Column("reference_source", sa.Text),
        sa.Column("import_batch_id", sa.Integer, sa.ForeignKey("import_batch.id")),
    ]


def upgrade() -> None:
    op.create_table(
        "import_batch",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("source", sa.String(40), nullable=False),
        sa.Column("filename", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("added", sa.Integer, nullable=False),
        sa.Column("changed", sa.Integer, nullable=False),
        sa.Column("unchanged", sa.Integer, nullable=False),
    )
    op.create_table(
        "need",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("iso3", sa.String(3), index=True),
        sa.Column("state_name", sa.Text, nullable=False),
        sa.Column("area", sa.String(40), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        *_money(),
        sa.Column("period", sa.Text, nullable=False),
        sa.Column("urgency", sa.String(20)),
        sa.Column("status", sa.String(20)),
        sa.Column("source_url", sa.Text),
        sa.Column("author", sa.String(100)),
        sa.Column("notes", sa.Text),
        *_reference(),
        *_tracking(),
    )
    op.create_table(
        "offer",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("provider_kind", sa.String(20), nullable=False),
        sa.Column("provider_name", sa.Text, nullable=False),
        sa.Column("provider_iso3", sa.String(3), index=True),
        sa.Column("modality", sa.String(40), nullable=False),
        sa.Column("areas", sa.JSON, nullable=False),
        sa.Column("targets", sa.JSON, nullable=False),
        *_money(),
        sa.Column("period", sa.Text),
        sa.Column("conditions", sa.Text),
        sa.Column("contact", sa.Text),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("source_url", sa.Text),
        sa.Column("notes", sa.Text),
        *_reference(),
        *_tracking(),
    )
    op.create_table(
        "partnership",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("need_id", sa.Integer, sa.ForeignKey("need.id"), nullable=False, index=True),
        sa.Column("offer_id", sa.Integer, sa.ForeignKey("offer.id"), nullable=False, index=True),
        sa.Column("status", sa.String(20), nullable=False),
        *_money(),
        sa.Column("notes", sa.Text),
        *_tracking(),
    )
    op.create_table(
        "support_record",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("donor", sa.Text, nullable=False),
        sa.Column("donor_iso3", sa.String(3)),
        sa.Column("recipient", sa.Text, nullable=False),
        sa.Column("recipient_iso3", sa.String(3), index=True),
        sa.Column("year", sa.Integer),
        sa.Column("usd_million", sa.Numeric(16, 6)),
        sa.Column("thematic_area", sa.Text),
        sa.Column("is_announcement", sa.Boolean, nullable=False),
        sa.Column("source_url", sa.Text),
        sa.Column("notes", sa.Text),
        sa.Column("import_batch_id", sa.Integer, sa.ForeignKey("import_batch.id"), nullable=False),
    )
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(100), nullable=False, unique=True),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("iso3", sa.String(3)),
        sa.Column("provider", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("table_name", sa.String(40), nullable=False),
        sa.Column("record_id", sa.Integer, nullable=False),
        sa.Column("record_version", sa.Integer),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("old", sa.JSON),
        sa.Column("new", sa.JSON),
        sa.Column("import_batch_id", sa.Integer, sa.ForeignKey("import_batch.id")),
    )


def downgrade() -> None:
    for table in ("audit_log", "app_user", "support_record", "partnership", "offer", "need", "import_batch"):
        op.drop_table(table)
