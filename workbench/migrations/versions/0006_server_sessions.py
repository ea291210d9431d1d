"""server: reviewer sessions (hashed tokens) and idempotent requests

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 16:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import workbench.models.base

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reviewer_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.Column("created_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", workbench.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("client", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["reviewer_id"], ["reviewer.id"], name=op.f("fk_reviewer_session_reviewer_id_reviewer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviewer_session")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_reviewer_session_token_hash")),
    )
    with op.batch_alter_table("reviewer_session", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reviewer_session_reviewer_id"), ["reviewer_id"], unique=False
        )
    op.create_table(
        "idempotent_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("operation", sa.String(length=100), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("response", sa.JSON(), nullable=True),
        sa.Column("created_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["reviewer_id"],
            ["reviewer.id"],
            name=op.f("fk_idempotent_request_reviewer_id_reviewer"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotent_request")),
        sa.UniqueConstraint("reviewer_id", "key", name="uq_idempotent_request_key"),
    )
    with op.batch_alter_table("idempotent_request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_idempotent_request_created_at"), ["created_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("idempotent_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_idempotent_request_created_at"))
    op.drop_table("idempotent_request")
    with op.batch_alter_table("reviewer_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reviewer_session_reviewer_id"))
    op.drop_table("reviewer_session")
