"""One partnership per need and offer: proposing the same pair twice is refused by the database itself.

A page check alone lets two sessions (or two servers) insert the pair at the same moment. A database that
already holds a pair twice stops here with the pairs named, rather than having one of them dropped.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    partnership = sa.table("partnership", sa.column("need_id"), sa.column("offer_id"))
    pairs = op.get_bind().execute(
        sa.select(partnership.c.need_id, partnership.c.offer_id)
        .group_by(partnership.c.need_id, partnership.c.offer_id)
        .having(sa.func.count() > 1)
    ).all()
    if pairs:
        named = ", ".join(f"need {need} with offer {offer}" for need, offer in pairs)
        raise RuntimeError(f"partnership: these pairs are recorded more than once; merge them, then start again: {named}")
    op.create_index("uq_partnership_need_offer", "partnership", ["need_id", "offer_id"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_partnership_need_offer", "partnership")
