"""The last published version of each Individualised Approach event, kept while a State's change waits for review.

ia_event.published: the event's public fields (kind, date, venue, status, summary, source, source_url) as last
published, with published_at and published_by; None until first published. ia_document.published: whether the
document was published with its event. An upgraded store fills them from what it holds: a published event as it
is now, with its documents; an event a focal point changed since it was published (pending or returned) as the
audit log shows it at its last publication, with the documents uploaded by then.

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

PUBLIC_FIELDS = ("kind", "date", "venue", "status", "summary", "source", "source_url")


def _last_published(conn, event: dict, audit_log: sa.Table) -> tuple[dict, object, str] | None:
    """The event's public fields, time and author at its last publication, replayed from its audit entries."""
    if event["review_status"] == "published":
        return {name: event[name] for name in PUBLIC_FIELDS}, event["updated_at"], event["updated_by"]
    state: dict = {}
    found = None
    entries = conn.execute(sa.select(audit_log.c.new, audit_log.c.at, audit_log.c.actor).where(
        audit_log.c.table_name == "ia_event", audit_log.c.record_id == event["id"]).order_by(audit_log.c.id))
    for new, at, actor in entries:
        state.update(new or {})
        if state.get("review_status") == "published":
            found = ({name: state.get(name) for name in PUBLIC_FIELDS}, at, actor)
    return found


def upgrade() -> None:
    op.add_column("ia_event", sa.Column("published", sa.JSON))
    op.add_column("ia_event", sa.Column("published_at", sa.DateTime))
    op.add_column("ia_event", sa.Column("published_by", sa.String(100)))
    op.add_column("ia_document", sa.Column("published", sa.Boolean, nullable=False, server_default=sa.false()))

    conn = op.get_bind()
    meta = sa.MetaData()
    ia_event = sa.Table("ia_event", meta, autoload_with=conn)
    ia_document = sa.Table("ia_document", meta, autoload_with=conn)
    audit_log = sa.Table("audit_log", meta, autoload_with=conn)
    for event in [dict(row) for row in conn.execute(sa.select(ia_event)).mappings()]:
        found = _last_published(conn, event, audit_log)
        if found is None:
            continue
        snapshot, at, by = found
        conn.execute(sa.update(ia_event).where(ia_event.c.id == event["id"]).values(
            published=snapshot, published_at=at, published_by=by))
        documents = ia_document.c.event_id == event["id"]
        if event["review_status"] != "published":
            documents = documents & (ia_document.c.uploaded_at <= at)
        conn.execute(sa.update(ia_document).where(documents).values(published=True))


def downgrade() -> None:
    with op.batch_alter_table("ia_document") as batch:
        batch.drop_column("published")
    with op.batch_alter_table("ia_event") as batch:
        batch.drop_column("published_by")
        batch.drop_column("published_at")
        batch.drop_column("published")
