"""platform API: change requests keep the platform's external id

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 17:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("change_request", schema=None) as batch_op:
        batch_op.add_column(sa.Column("external_id", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f("uq_change_request_external_id"), ["external_id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("change_request", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_change_request_external_id"), type_="unique")
        batch_op.drop_column("external_id")
