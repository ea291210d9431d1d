"""platform messages: one event key across clients, and messages waiting for a first client

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 19:00:00

A message fanned out to several API clients shares ``event_key`` (sent as
``event_id``), so a client registered later is given one copy of each event
still waiting; a message made while no client held ``notices:read`` is kept
with no client (``client_id`` NULL) until the first one does.  Existing rows
take their delivery id as their event key.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("platform_message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("event_key", sa.String(length=40), nullable=True))
    op.execute("UPDATE platform_message SET event_key = delivery_id")
    with op.batch_alter_table("platform_message", schema=None) as batch_op:
        batch_op.alter_column("event_key", existing_type=sa.String(length=40), nullable=False)
        batch_op.alter_column("client_id", existing_type=sa.Integer(), nullable=True)
        batch_op.create_index("ix_platform_message_event_key", ["event_key"], unique=False)


def downgrade() -> None:
    op.execute("DELETE FROM platform_message WHERE client_id IS NULL")
    with op.batch_alter_table("platform_message", schema=None) as batch_op:
        batch_op.drop_index("ix_platform_message_event_key")
        batch_op.alter_column("client_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("event_key")
