"""Partnership elements of the Maputo Action Plan's Action 21; an index for a record's audit history.

The elements issue 5 lists: each side's responsibilities, time-bound targets (age- and
gender-sensitive), a multi-year commitment, dates of dialogue between the partners.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("partnership") as batch:
        batch.add_column(sa.Column("need_side_responsibilities", sa.Text))
        batch.add_column(sa.Column("offer_side_responsibilities", sa.Text))
        batch.add_column(sa.Column("targets", sa.Text))
        # Existing rows predate the flag: "not stated" reads as false, never as a claim it was checked.
        batch.add_column(
            sa.Column("targets_age_gender_sensitive", sa.Boolean, nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("commitment_from_year", sa.Integer))
        batch.add_column(sa.Column("commitment_to_year", sa.Integer))
        batch.add_column(sa.Column("dialogue_dates", sa.JSON, nullable=False, server_default="[]"))
    op.create_index("ix_audit_log_record", "audit_log", ["table_name", "record_id"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_record", "audit_log")
    with op.batch_alter_table("partnership") as batch:
        for column in (
            "dialogue_dates", "commitment_to_year", "commitment_from_year", "targets_age_gender_sensitive",
            "targets", "offer_side_responsibilities", "need_side_responsibilities",
        ):
            batch.drop_column(column)
