"""Announced offers and sign-in sessions.

offer.announced_as / announced_year: an offer seeded from a donor's announcement (pledge, commitment,
announcement, as the source words it) says so and when; empty for an offer entered in the registry.
sign_in_session: a signed-in browser's session, kept across page reloads. Only the token's SHA-256 is
stored, with its expiry and the time it was revoked (sign-out), so a copied database signs no one in.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("offer") as batch:  # batch: SQLite cannot add columns with constraints otherwise
        batch.add_column(sa.Column("announced_as", sa.String(30)))
        batch.add_column(sa.Column("announced_year", sa.Integer))
    op.create_table(
        "sign_in_session",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token_sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("username", sa.String(100), nullable=False, index=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
        sa.Column("revoked_at", sa.DateTime),
    )


def downgrade() -> None:
    op.drop_table("sign_in_session")
    with op.batch_alter_table("offer") as batch:
        batch.drop_column("announced_year")
        batch.drop_column("announced_as")
