"""an index for the queue table: due order within a queue, status and category covered

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 11:45:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(
            "ix_case_queue_due", ["queue", "due_at", "id", "status", "category"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_case_queue_due")
