"""Article 7 transparency reports written online.

a7_report: one report per State and year (or the initial report): its workflow status (draft, submitted,
returned, published), who submitted and published it and when, whether the ISU entered it from the State's own
document (and that document's date), the ISU's comment when returned, when the State sent it through the official
channel, and the warnings confirmed with a comment at submission. a7_section: the report's content, one row per
form (its cover-page status and its answers as JSON), each with its own version for the edit check.

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "a7_report",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("iso3", sa.String(3), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("initial", sa.Boolean, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("entered_by_isu", sa.Boolean, nullable=False),
        sa.Column("source_document_date", sa.String(10)),
        sa.Column("comment", sa.Text),
        sa.Column("submitted_at", sa.DateTime),
        sa.Column("submitted_by", sa.String(100)),
        sa.Column("published_at", sa.DateTime),
        sa.Column("published_by", sa.String(100)),
        sa.Column("sent_at", sa.String(10)),
        sa.Column("confirmations", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("updated_by", sa.String(100), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("uq_a7_report_state_year", "a7_report", ["iso3", "year"], unique=True)
    op.create_table(
        "a7_section",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("a7_report.id"), nullable=False),
        sa.Column("form", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("unchanged_since", sa.Integer),
        sa.Column("content", sa.JSON, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("updated_by", sa.String(100), nullable=False),
    )
    op.create_index("uq_a7_section_report_form", "a7_section", ["report_id", "form"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_a7_section_report_form", table_name="a7_section")
    op.drop_table("a7_section")
    op.drop_index("uq_a7_report_state_year", table_name="a7_report")
    op.drop_table("a7_report")
