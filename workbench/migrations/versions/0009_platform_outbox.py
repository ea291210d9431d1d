"""platform API, out: webhook URLs on API clients and the platform's outbox

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 17:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import workbench.models.base

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("api_client", schema=None) as batch_op:
        batch_op.add_column(sa.Column("webhook_url", sa.String(length=500), nullable=True))
    op.create_table(
        "platform_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("delivery_id", sa.String(length=40), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("event", sa.String(length=32), nullable=False),
        sa.Column("account_key", sa.String(length=64), nullable=False),
        sa.Column("reply_id", sa.Integer(), nullable=True),
        sa.Column("measure_id", sa.Integer(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column(
            "next_attempt_at", workbench.models.base.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("created_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", workbench.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_platform_message_attempts_nonnegative")),
        sa.CheckConstraint(
            "kind IN ('reply', 'notice', 'measure')", name=op.f("ck_platform_message_kind")
        ),
        sa.CheckConstraint(
            "status IN ('queued', 'delivered', 'dead', 'discarded')",
            name=op.f("ck_platform_message_status"),
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["api_client.id"], name=op.f("fk_platform_message_client_id_api_client")
        ),
        sa.ForeignKeyConstraint(
            ["measure_id"], ["measure.id"], name=op.f("fk_platform_message_measure_id_measure")
        ),
        sa.ForeignKeyConstraint(
            ["reply_id"], ["reply.id"], name=op.f("fk_platform_message_reply_id_reply")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_platform_message")),
        sa.UniqueConstraint("delivery_id", name=op.f("uq_platform_message_delivery_id")),
    )
    with op.batch_alter_table("platform_message", schema=None) as batch_op:
        batch_op.create_index(
            "ix_platform_message_client_status",
            ["client_id", "status", "account_key", "id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_platform_message_status_next", ["status", "next_attempt_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("platform_message", schema=None) as batch_op:
        batch_op.drop_index("ix_platform_message_status_next")
        batch_op.drop_index("ix_platform_message_client_status")
    op.drop_table("platform_message")
    with op.batch_alter_table("api_client", schema=None) as batch_op:
        batch_op.drop_column("webhook_url")
