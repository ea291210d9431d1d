"""audit events name the key that authenticates them

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 17:30:00

Events are authenticated with HMAC-SHA256 under a key the database does not
hold (workbench.records.audit_key); each stores the key's id.  Events written before
have none and keep verifying by SHA-256.  The head remembers the key of the
newest event, so a change of key is recorded in the chain.  ``ADD COLUMN``
keeps the append-only triggers (0002) in place on both databases.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("audit_event", sa.Column("key_id", sa.String(length=16), nullable=True))
    op.add_column("audit_head", sa.Column("key_id", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_head", schema=None) as batch_op:
        batch_op.drop_column("key_id")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_column("audit_event", "key_id")
    else:  # SQLite drops a plain column in place (3.35+), keeping the triggers
        op.execute("ALTER TABLE audit_event DROP COLUMN key_id")
