"""audit events are append-only, enforced by the database

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 11:05:00

The audit log refuses UPDATE, DELETE and TRUNCATE even for the table's owner
(2022/16, 2017/13).  The one exception is retention (2017/16): rows older than
183 days may be deleted, on PostgreSQL only by a session that says it is
purging (``SET LOCAL workbench.audit_purge = 'on'``).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION workbench_audit_event_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND current_setting('workbench.audit_purge', true) = 'on'
       AND OLD.occurred_at < now() - interval '183 days' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
"""


def upgrade() -> None:
    # The chain's first link: every event after it points back to this hash.
    op.execute(
        "INSERT INTO audit_head (id, last_event_id, last_hash) VALUES (1, NULL, '" + "0" * 64 + "')"
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
        op.execute(
            "CREATE TRIGGER audit_event_guard_rows BEFORE UPDATE OR DELETE ON audit_event "
            "FOR EACH ROW EXECUTE FUNCTION workbench_audit_event_guard()"
        )
        op.execute(
            "CREATE TRIGGER audit_event_guard_truncate BEFORE TRUNCATE ON audit_event "
            "FOR EACH STATEMENT EXECUTE FUNCTION workbench_audit_event_guard()"
        )
    else:
        op.execute(
            "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
            "BEGIN SELECT RAISE(ABORT, 'audit events are append-only: UPDATE refused'); END"
        )
        op.execute(
            "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
            "WHEN OLD.occurred_at >= datetime('now', '-183 days') "
            "BEGIN SELECT RAISE(ABORT, 'audit events are kept at least 183 days: DELETE refused'); END"
        )


def downgrade() -> None:
    op.execute("DELETE FROM audit_head")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_event_guard_truncate ON audit_event")
        op.execute("DROP TRIGGER IF EXISTS audit_event_guard_rows ON audit_event")
        op.execute("DROP FUNCTION IF EXISTS workbench_audit_event_guard()")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
