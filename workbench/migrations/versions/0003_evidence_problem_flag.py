"""evidence attachments carry a problem flag (a broken image is kept, flagged)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 11:02:44
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("evidence_attachment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("problem", AutoString(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("evidence_attachment", schema=None) as batch_op:
        batch_op.drop_column("problem")
