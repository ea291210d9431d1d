"""audit events wait in audit_pending until the sealer chains them

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 18:45:00

On PostgreSQL a transaction no longer locks the chain's head to append its
events: it inserts them here, unchained, and the sealer moves every committed
one into ``audit_event`` in commit order, holding the head only for its own
short transaction (workbench.records.sealer).  SQLite, with one writer at a
time, still chains in the writing transaction, so this table stays empty there.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

import workbench.models.base

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_pending",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", AutoString(length=64), nullable=False),
        sa.Column("entity", AutoString(length=32), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("reason", AutoString(), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.CheckConstraint(
            "length(trim(action)) > 0", name=op.f("ck_audit_pending_action_not_blank")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_pending")),
    )


def downgrade() -> None:
    op.drop_table("audit_pending")
